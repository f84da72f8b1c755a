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
from core.errors import DomainError, FormErrors


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
        if user is not None and user.locked_until and user.locked_until > now:
            failure = _("Too many failed attempts. Try again later.")
        elif user is None or not user.active or not user.check_password(password or ""):
            failure = _("Wrong e-mail or password.")
            if user is not None:
                user.failed_logins += 1
                if user.failed_logins >= current_app.config["LOGIN_MAX_FAILURES"]:
                    user.locked_until = now + timedelta(minutes=current_app.config["LOGIN_LOCK_MINUTES"])
                    user.failed_logins = 0
        else:
            user.failed_logins = 0
            user.locked_until = None
            user.last_login_at = now
    if failure is not None or user is None:
        raise LoginFailed(failure or _("Wrong e-mail or password."), field="password")
    return user


def load_user(user_id: str) -> User | None:
    try:
        return db.session().get(User, int(user_id))
    except (TypeError, ValueError):
        return None


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


def create_user(actor: Any, data: dict[str, Any]) -> User:
    _check_scope_fields(data)
    with db.transaction() as s:
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
            from core.errors import Conflict

            raise Conflict()
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
