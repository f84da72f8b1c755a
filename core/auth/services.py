"""Signing in (with throttling) and managing accounts: one transaction per use case."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from core import audit, db
from core.auth.models import User
from core.classifiers import Inspectorate, Region, Role
from core.employers import Employer
from core.errors import Conflict, DomainError, FormErrors
from core.fields import INT_MAX


class LoginFailed(DomainError):
    status = 401


def authenticate(email: str, password: str) -> User:
    """The user with these credentials, or :class:`LoginFailed`.

    After ``LOGIN_MAX_FAILURES`` wrong passwords the account is locked for
    ``LOGIN_LOCK_MINUTES``; the message never says whether the e-mail exists.
    """
    email = (email or "").strip().lower()
    failure: str | None = None
    with db.transaction() as s:  # the failure count must be committed, so the error is raised after
        user = s.scalar(sa.select(User).where(User.email == email))
        now = db.now_utc()
        bookkeeping: dict[str, Any] = {}
        if user is not None and user.locked_until and user.locked_until > now:
            failure = _("Too many failed attempts. Try again later.")
        elif user is None or not user.active or not user.check_password(password or ""):
            failure = _("Wrong e-mail or password.")
            if user is not None:
                bookkeeping = {"failed_logins": user.failed_logins + 1}
                if bookkeeping["failed_logins"] >= current_app.config["LOGIN_MAX_FAILURES"]:
                    locked_until = now + timedelta(minutes=current_app.config["LOGIN_LOCK_MINUTES"])
                    bookkeeping = {"failed_logins": 0, "locked_until": locked_until}
        else:
            bookkeeping = {"failed_logins": 0, "locked_until": None, "last_login_at": now}
        if user is not None and bookkeeping:
            # Signing in is not an edit of the account: a plain UPDATE leaves its version alone, so an
            # administrator's open form (or an API client's copy) does not go stale when the person signs in.
            s.execute(
                sa.update(User)
                .where(User.id == user.id)
                .values(**bookkeeping)
                .execution_options(synchronize_session=False)
            )
            for name, value in bookkeeping.items():
                sa.orm.attributes.set_committed_value(user, name, value)
    if failure is not None or user is None:
        raise LoginFailed(failure or _("Wrong e-mail or password."), field="password")
    return user


def load_user(session_id: str) -> User | None:
    """The signed-in user, while the session's epoch is the account's (see ``User.get_id``).

    A deactivated account, a new password and signing out each end every open session at once,
    not at the next login.
    """
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


USER_FIELDS = ["email", "full_name", "role", "employer_id", "inspectorate", "region", "active", "locale"]


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
        )
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
