"""Accounts: who may act in Emgek, and over which records (their scope)."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from core.classifiers import Inspectorate, Region, Role
from core.db import Base, Timestamped, keep_folded
from core.employers import Employer


class User(Timestamped, UserMixin, Base):
    """A person with one role and the scope that goes with it (design.md, "Roles at a glance")."""

    __tablename__ = "user"
    __table_args__ = (
        sa.UniqueConstraint("email"),
        sa.CheckConstraint(
            "(role != 'safety_officer') OR (employer_id IS NOT NULL)", name="officer_has_employer"
        ),
        sa.CheckConstraint("(role != 'inspector') OR (inspectorate IS NOT NULL)", name="inspector_has_body"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    full_name: Mapped[str] = mapped_column(sa.String(200))
    #: The name and the e-mail folded for search (core.db.keep_folded).
    name_search: Mapped[str] = mapped_column(sa.String(460), default="", server_default="")
    role: Mapped[Role] = mapped_column(sa.String(20))
    #: A safety officer's employer: the only one whose records they ever see.
    employer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("employer.id"), index=True)
    #: An inspector's inspectorate: state or trade_union.
    inspectorate: Mapped[Inspectorate | None] = mapped_column(sa.String(20))
    #: An inspector's or Social Fund officer's region; null means the whole country.
    region: Mapped[Region | None] = mapped_column(sa.String(20))
    locale: Mapped[str | None] = mapped_column(sa.String(5))
    active: Mapped[bool] = mapped_column(default=True)
    #: No longer written: throttling counts failures in ``LoginThrottle`` (migration 0011), by account and
    #: by client address, known or not. Kept until a later migration drops them.
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    #: A system account (another system's, not a person's): it never signs in with a password, only with
    #: API tokens (``ApiToken``), so nobody who knows its name can lock it out or guess its way in.
    system: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    #: Part of every session's id: raising it ends every open session of the account at once
    #: (signing out, a new password). Not an edit of the account, so it does not move ``version``.
    session_epoch: Mapped[int] = mapped_column(default=0, server_default=sa.text("0"))
    version: Mapped[int] = mapped_column(default=1)

    employer: Mapped[Employer | None] = relationship()

    __mapper_args__ = {"version_id_col": version}

    def set_password(self, password: str) -> None:
        # Tests lower the work factor through PASSWORD_HASH_METHOD; production keeps werkzeug's scrypt.
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt") if has_app_context() else "scrypt"
        self.password_hash = generate_password_hash(password, method=method)
        self.session_epoch = (self.session_epoch or 0) + 1  # sessions opened with the old password end

    def get_id(self) -> str:  # flask-login: the session names the account and its epoch
        return f"{self.id}.{self.session_epoch or 0}"

    def check_password(self, password: str) -> bool:
        return not self.system and check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # flask-login
        return self.active

    def __str__(self) -> str:
        return self.full_name


keep_folded(User, "name_search", "full_name", "email")


class LoginThrottle(Base):
    """Failed sign-ins counted by key: ``account:<e-mail>`` (existing or not) or ``address:<client>``.

    Past the free failures each further one doubles the wait (1 s, 2 s, 4 s, ...) up to a ceiling, so
    nobody can lock an account for long, and a wrong guess for an unknown e-mail is counted exactly
    like one for a real account (no enumeration). A quiet period forgets the count.
    """

    __tablename__ = "login_throttle"
    __table_args__ = (sa.UniqueConstraint("key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(320))
    failures: Mapped[int] = mapped_column(default=0)
    blocked_until: Mapped[datetime | None]
    last_failure_at: Mapped[datetime | None]


class ApiToken(Timestamped, Base):
    """A bearer credential of a system account (core.auth.tokens): shown once, kept only as a hash.

    The token is ``emgek_<prefix>_<secret>``; the prefix is not secret and names the token in lists,
    the log and the command line; the SHA-256 of the whole token finds it on each request (the secret
    has 256 bits of entropy, so a fast hash is as safe as a slow one and costs nothing per call).
    Revoked and expired tokens stay, so the audit log and the list still say what they were.
    """

    __tablename__ = "api_token"
    __table_args__ = (sa.UniqueConstraint("prefix"), sa.UniqueConstraint("secret_sha256"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"), index=True)
    #: What the token is for ("payroll import, Kant cement plant").
    label: Mapped[str] = mapped_column(sa.String(200))
    prefix: Mapped[str] = mapped_column(sa.String(16))
    secret_sha256: Mapped[str] = mapped_column(sa.String(64))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))
    #: The last day (Bishkek) the token works; none means until it is revoked.
    expires_on: Mapped[date | None]
    #: Updated at most once a minute (``tokens.TOUCH_EVERY_SECONDS``).
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    #: The token this one replaced when it was rotated.
    rotated_from_id: Mapped[int | None] = mapped_column(sa.ForeignKey("api_token.id", ondelete="RESTRICT"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])

    def state(self, today: date) -> str:
        """active, expired or revoked: what the list shows and the API says."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_on is not None and self.expires_on < today:
            return "expired"
        return "active"
