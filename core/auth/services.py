"""Signing in (throttled and audited) and managing accounts: one transaction per use case."""

from __future__ import annotations

import math
import secrets
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from werkzeug.security import check_password_hash, generate_password_hash

from core import audit, db
from core.auth.models import LoginThrottle, User
from core.auth.passwords import check_new_password
from core.classifiers import Inspectorate, Region, Role
from core.employers import Employer
from core.errors import Conflict, DomainError, FormErrors
from core.fields import INT_MAX


class LoginFailed(DomainError):
    status = 401


class LoginThrottled(DomainError):
    """Too many failed sign-ins for this account or from this address: wait ``retry_after`` seconds."""

    status = 429
    code = "too_many_requests"

    def __init__(self, seconds: int) -> None:
        self.retry_after = max(1, seconds)
        message = _(
            "Too many failed sign-in attempts. Wait %(seconds)s s and try again.", seconds=self.retry_after
        )
        super().__init__(message, field="password")


_DUMMY_HASHES: dict[str, str] = {}


def _check_password(user: User | None, password: str) -> bool:
    """The password check, as slow for an unknown or inactive account as for a real one.

    A system account has no password: it answers like an unknown e-mail, so knowing its name
    neither signs anyone in nor tells them it exists (its tokens never pass through here)."""
    if user is None or user.system:
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        if method not in _DUMMY_HASHES:
            _DUMMY_HASHES[method] = generate_password_hash(secrets.token_hex(16), method=method)
        check_password_hash(_DUMMY_HASHES[method], password)
        return False
    ok = user.check_password(password)
    return ok and user.active


def _wait(row: LoginThrottle | None, now: datetime) -> int:
    if row is None or row.blocked_until is None or row.blocked_until <= now:
        return 0
    return math.ceil((row.blocked_until - now).total_seconds())


def _count_failure(s: Any, key: str, free: int, now: datetime) -> LoginThrottle:
    """One more failure for ``key``; past ``free`` failures the wait doubles up to the ceiling."""
    config = current_app.config
    row = s.scalar(sa.select(LoginThrottle).where(LoginThrottle.key == key))
    if row is None:
        row = LoginThrottle(key=key, failures=0)
        s.add(row)
        s.flush()
    forget = timedelta(minutes=config["LOGIN_FORGET_MINUTES"])
    if row.last_failure_at is not None and now - row.last_failure_at > forget:
        row.failures = 0
    row.failures = LoginThrottle.failures + 1  # in SQL: concurrent failures all count
    row.last_failure_at = now
    s.flush()
    s.refresh(row, ["failures"])
    if row.failures >= free:
        delay = min(config["LOGIN_MAX_DELAY_SECONDS"], 2 ** min(row.failures - free, 30))
        row.blocked_until = now + timedelta(seconds=delay)
    return row


def authenticate(email: str, password: str, address: str | None = None) -> User:
    """The user with these credentials, or :class:`LoginFailed` / :class:`LoginThrottled`.

    Failures are counted per account (``LOGIN_MAX_FAILURES`` free) and per client address
    (``LOGIN_ADDRESS_MAX_FAILURES`` free); past them each failure doubles the wait, up to
    ``LOGIN_MAX_DELAY_SECONDS``. An unknown e-mail gets the same answers, counts and timing as a real
    one. Every sign-in and every failure is in the audit log (a failure for an unknown e-mail without
    a user).
    """
    email = (email or "").strip().lower()[:254]
    address = (address or "unknown")[:64]
    config = current_app.config
    failure: DomainError | None = None
    with db.transaction() as s:  # the counts and the audit entry must be committed: raise after
        now = db.now_utc()
        user = s.scalar(sa.select(User).where(User.email == email))
        rows = s.scalars(
            sa.select(LoginThrottle).where(LoginThrottle.key.in_([f"account:{email}", f"address:{address}"]))
        ).all()
        wait = max((_wait(row, now) for row in rows), default=0)
        if wait:
            failure = LoginThrottled(wait)
            reason = "throttled"
        elif _check_password(user, password or ""):
            s.execute(
                sa.delete(LoginThrottle)
                .where(LoginThrottle.key == f"account:{email}")
                .execution_options(synchronize_session=False)
            )
            # Signing in is not an edit of the account: a plain UPDATE leaves its version alone, so an
            # administrator's open form (or an API client's copy) does not go stale when the person signs in.
            s.execute(
                sa.update(User)
                .where(User.id == user.id)
                .values(last_login_at=now)
                .execution_options(synchronize_session=False)
            )
            sa.orm.attributes.set_committed_value(user, "last_login_at", now)
            audit.record(s, user, "login", user, after={"address": address})
            return user
        else:
            failure = LoginFailed(_("Wrong e-mail or password."), field="password")
            reason = "wrong_password"
            _count_failure(s, f"address:{address}", config["LOGIN_ADDRESS_MAX_FAILURES"], now)
            rows = [_count_failure(s, f"account:{email}", config["LOGIN_MAX_FAILURES"], now), *rows]
        # The entry names the account; for an unknown e-mail, its counter (or the address's).
        target = user or next(r for r in sorted(rows, key=lambda r: not r.key.startswith("account:")))
        audit.record(
            s,
            user,
            "login_failed",
            target,
            after={"email": email, "address": address, "reason": reason},
        )
    raise failure


def load_user(session_id: str) -> User | None:
    """The signed-in user, while the session's epoch is the account's (see ``User.get_id``).

    A deactivated account, a new password and signing out each end every open session at once,
    not at the next login.
    """
    from core.errors import database_down

    if database_down():  # the error page of an outage (flask-login asks for the user on every render)
        return None
    user_id, _sep, epoch = str(session_id).partition(".")
    if not (user_id.isdigit() and epoch.isdigit()) or int(user_id) > INT_MAX or int(epoch) > INT_MAX:
        return None
    user = db.session().get(User, int(user_id))
    if user is None or not user.active or user.session_epoch != int(epoch):
        return None
    return user


def end_sessions(user: Any) -> None:
    """Sign the account out everywhere: every session it has open stops being valid now."""
    with db.transaction() as s:
        s.execute(
            sa.update(User)
            .where(User.id == user.id)
            .values(session_epoch=User.session_epoch + 1)
            .execution_options(synchronize_session=False)
        )


USER_FIELDS = [
    "email",
    "full_name",
    "role",
    "employer_id",
    "inspectorate",
    "region",
    "active",
    "locale",
    "system",
]
#: A system account's password hash: no password ever matches it (werkzeug refuses the format).
NO_PASSWORD = "!system-account"  # noqa: S105 - not a password: a hash no password matches


def _check_scope_fields(data: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    role = Role(data["role"])
    if role is Role.SAFETY_OFFICER and not data.get("employer_id"):
        errors["employer_id"] = [_("A safety officer belongs to one employer.")]
    if role is Role.INSPECTOR and not data.get("inspectorate"):
        errors["inspectorate"] = [_("An inspector belongs to an inspectorate.")]
    if role is not Role.SAFETY_OFFICER:
        data["employer_id"] = None
    if role is not Role.INSPECTOR:
        data["inspectorate"] = None
    if role in (Role.SAFETY_OFFICER, Role.ADMIN):
        data["region"] = None
    if errors:
        raise FormErrors(errors)


def _check_employer(s: Any, data: dict[str, Any]) -> None:
    """An unknown employer id is the client's mistake (422), not a foreign-key failure (500)."""
    if data.get("employer_id") and s.get(Employer, data["employer_id"]) is None:
        raise FormErrors({"employer_id": [_("There is no such employer.")]})


def _check_not_locking_out(actor: Any, user: User, data: dict[str, Any]) -> None:
    """An administrator cannot deactivate or demote their own account, so someone can always administer."""
    if getattr(actor, "id", None) != user.id:
        return
    if not data.get("active", True):
        raise FormErrors({"active": [_("You cannot deactivate your own account.")]})
    if Role(data["role"]) is not Role(user.role) and Role(user.role) is Role.ADMIN:
        raise FormErrors({"role": [_("You cannot change your own role.")]})


def create_user(actor: Any, data: dict[str, Any]) -> User:
    _check_scope_fields(data)
    with db.transaction() as s:
        _check_employer(s, data)
        email = data["email"].strip().lower()
        if s.scalar(sa.select(User.id).where(User.email == email)):
            raise DomainError(_("This e-mail is already registered."), field="email")
        user = User(
            email=email,
            full_name=data["full_name"],
            role=Role(data["role"]),
            employer_id=data.get("employer_id"),
            inspectorate=Inspectorate(data["inspectorate"]) if data.get("inspectorate") else None,
            region=Region(data["region"]) if data.get("region") else None,
            active=data.get("active", True),
            locale=data.get("locale"),
            system=bool(data.get("system")),
        )
        if user.system:
            user.password_hash = NO_PASSWORD
        else:
            check_new_password(data["password"])
            user.set_password(data["password"])
        s.add(user)
        audit.record(s, actor, "create", user, after=audit.snapshot(user, USER_FIELDS))
        return user


def update_user(actor: Any, user_id: int, data: dict[str, Any], version: int | None = None) -> User:
    _check_scope_fields(data)
    with db.transaction() as s:
        user = s.get(User, user_id)
        if user is None:
            raise DomainError(_("Not found."), field="id")
        if version is not None and version != user.version:
            raise Conflict()
        _check_employer(s, data)
        _check_not_locking_out(actor, user, data)
        if user.system and data.get("password"):
            raise FormErrors({"password": [_("A system account has no password.")]})
        before = audit.snapshot(user, USER_FIELDS)
        email = data["email"].strip().lower()
        if s.scalar(sa.select(User.id).where(User.email == email, User.id != user_id)):
            raise DomainError(_("This e-mail is already registered."), field="email")
        user.email = email
        user.full_name = data["full_name"]
        user.role = Role(data["role"])
        user.employer_id = data.get("employer_id")
        user.inspectorate = Inspectorate(data["inspectorate"]) if data.get("inspectorate") else None
        user.region = Region(data["region"]) if data.get("region") else None
        user.active = data.get("active", True)
        if "locale" in data:
            user.locale = data["locale"]
        if data.get("password"):
            check_new_password(data["password"])
            user.set_password(data["password"])
        after = audit.snapshot(user, USER_FIELDS)
        if data.get("password"):
            after["password"] = "(changed)"  # noqa: S105 - the audit log never holds a password
        audit.record(s, actor, "update", user, before=before, after=after)
        return user


def set_locale(user: Any, locale: str) -> None:
    """A preference, not a record of the case: not audited."""
    with db.transaction() as s:
        s.execute(sa.update(User).where(User.id == user.id).values(locale=locale))
