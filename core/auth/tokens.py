"""API tokens: how another system (the Social Fund's, a hospital's, payroll software) calls the API.

An administrator issues a token to a *system account*: a user row with a role and a scope exactly
like a person's (an officer's token sees only its employer), which never signs in with a password.
The token is shown once, when issued or rotated; only its SHA-256 is kept. It is sent as
``Authorization: Bearer <token>`` on any API operation; it may expire (a last day), be rotated
(a new secret, the old one revoked at once) and be revoked. Issuing, rotating and revoking are in
the audit log; when a token was last used is kept (at most once a minute).

Bearer calls carry no cookie, so CSRF does not apply to them, and no sign-in throttling touches
them: a token cannot be guessed (256 bits) and nobody can lock it by failing on purpose.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app, g, request
from flask_babel import gettext as _

from core import audit, db
from core.auth.models import ApiToken, User
from core.errors import DomainError, FormErrors, NotFound

PREFIX = "emgek"
#: ``last_used_at`` is written at most this often, so a busy client does not write on every call.
TOUCH_EVERY_SECONDS = 60
#: What the audit log and the lists keep of a token: never its secret or hash.
TOKEN_FIELDS = ["user_id", "label", "prefix", "expires_on", "rotated_from_id", "revoked_at"]


class InvalidToken(DomainError):
    """The bearer token is unknown, expired or revoked, or its account is deactivated (401)."""

    status = 401
    code = "invalid_token"
    headers = {"WWW-Authenticate": 'Bearer error="invalid_token"'}

    def __init__(self) -> None:
        super().__init__(_("The API token is not valid: unknown, expired or revoked."), field="Authorization")


@dataclass(frozen=True)
class Issued:
    """A token just issued or rotated: ``secret`` is shown this once and never again."""

    token: ApiToken
    secret: str


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _new_secret() -> tuple[str, str]:
    prefix = secrets.token_hex(4)
    return prefix, f"{PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"


def _system_account(s: Any, user_id: int) -> User:
    user = s.get(User, user_id)
    if user is None or not user.system:
        raise FormErrors({"user_id": [_("Tokens are issued to system accounts only.")]})
    if not user.active:
        raise FormErrors({"user_id": [_("This account is deactivated.")]})
    return user


def _check_expiry(expires_on: date | None) -> None:
    if expires_on is not None and expires_on < db.today_bishkek():
        raise FormErrors({"expires_on": [_("The last day cannot be in the past.")]})


def _issue(s: Any, actor: Any, user: User, label: str, expires_on: date | None, **extra: Any) -> Issued:
    prefix, secret = _new_secret()
    token = ApiToken(
        user_id=user.id,
        label=label,
        prefix=prefix,
        secret_sha256=digest(secret),
        created_by_id=getattr(actor, "id", None),
        expires_on=expires_on,
        **extra,
    )
    s.add(token)
    s.flush()
    token.user = user
    return Issued(token, secret)


def issue(actor: Any, user_id: int, label: str, expires_on: date | None = None) -> Issued:
    """A new token for the system account ``user_id``, valid through ``expires_on`` (Bishkek) if given."""
    _check_expiry(expires_on)
    with db.transaction() as s:
        user = _system_account(s, user_id)
        issued = _issue(s, actor, user, label.strip(), expires_on)
        audit.record(s, actor, "issue", issued.token, after=audit.snapshot(issued.token, TOKEN_FIELDS))
        return issued


def _live(s: Any, token_id: int) -> ApiToken:
    token = s.get(ApiToken, token_id, with_for_update=True)
    if token is None:
        raise NotFound()
    if token.revoked_at is not None:
        raise DomainError(_("This token is already revoked."), field="id")
    return token


def rotate(actor: Any, token_id: int) -> Issued:
    """A new secret in place of the token's: the old one stops working now, label and expiry carry over."""
    with db.transaction() as s:
        old = _live(s, token_id)
        user = _system_account(s, old.user_id)
        before = audit.snapshot(old, TOKEN_FIELDS)
        old.revoked_at = db.now_utc()
        audit.record(s, actor, "revoke", old, before=before, after=audit.snapshot(old, TOKEN_FIELDS))
        issued = _issue(s, actor, user, old.label, old.expires_on, rotated_from_id=old.id)
        audit.record(s, actor, "rotate", issued.token, after=audit.snapshot(issued.token, TOKEN_FIELDS))
        return issued


def revoke(actor: Any, token_id: int) -> ApiToken:
    """The token stops working at once; it stays listed, marked revoked."""
    with db.transaction() as s:
        token = _live(s, token_id)
        before = audit.snapshot(token, TOKEN_FIELDS)
        token.revoked_at = db.now_utc()
        audit.record(s, actor, "revoke", token, before=before, after=audit.snapshot(token, TOKEN_FIELDS))
        return token


def by_prefix(prefix: str) -> ApiToken:
    token = db.session().scalar(sa.select(ApiToken).where(ApiToken.prefix == prefix.strip()))
    if token is None:
        raise NotFound()
    return token


def get(token_id: int) -> ApiToken:
    token = db.session().get(ApiToken, token_id)
    if token is None:
        raise NotFound()
    return token


def list_tokens(user_id: int | None = None) -> list[ApiToken]:
    """Every token (or one account's), newest first, with its account."""
    stmt = sa.select(ApiToken).options(sa.orm.joinedload(ApiToken.user)).order_by(ApiToken.id.desc())
    if user_id is not None:
        stmt = stmt.where(ApiToken.user_id == user_id)
    return list(db.session().scalars(stmt))


def system_accounts() -> list[User]:
    stmt = sa.select(User).where(User.system.is_(True), User.active.is_(True)).order_by(User.full_name)
    return list(db.session().scalars(stmt))


def authenticate(secret: str) -> User:
    """The account of a valid bearer token, or :class:`InvalidToken`; records the use."""
    s = db.session()
    token = s.scalar(sa.select(ApiToken).where(ApiToken.secret_sha256 == digest(secret)))
    if token is None:
        current_app.logger.warning("unknown API token")
        raise InvalidToken()
    user = s.get(User, token.user_id)
    state = token.state(db.today_bishkek())
    if state == "active" and (user is None or not user.active or not user.system):
        state = "account deactivated"
    if state != "active":
        current_app.logger.warning("refused API token %s (%s)", token.prefix, state)
        raise InvalidToken()
    now = db.now_utc()
    if token.last_used_at is None or now - token.last_used_at >= timedelta(seconds=TOUCH_EVERY_SECONDS):
        # A plain UPDATE in its own commit: the use is recorded even if the request then fails.
        with db.transaction() as tx:
            tx.execute(
                sa.update(ApiToken)
                .where(ApiToken.id == token.id)
                .values(last_used_at=now)
                .execution_options(synchronize_session=False)
            )
    return user


def bearer() -> str | None:
    """The token of an ``Authorization: Bearer ...`` header, if the request has one."""
    scheme, _sep, value = request.headers.get("Authorization", "").strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    return value.strip()


def is_bearer_request() -> bool:
    """Whether this request was authenticated by a token (then no cookie and no CSRF are involved)."""
    return bool(g.get("emgek_bearer"))


def _resolve_bearer() -> None:
    """On API paths a bearer token decides who calls, whatever session cookie came with it."""
    if not request.path.startswith("/api/"):
        return
    secret = bearer()
    if secret is None:
        return
    user = authenticate(secret)
    g.emgek_bearer = True
    # flask-login reads the request's user from here; login_user() would write a session cookie.
    g._login_user = user


def init_app(app: Flask) -> None:
    app.before_request(_resolve_bearer)
