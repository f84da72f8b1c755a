"""How long a signed-in session lasts: an idle timeout and an absolute lifetime, both on core.db's clock.

The session (a signed cookie) keeps when it was opened and when it was last used. A request past
``SESSION_IDLE_MINUTES`` of inactivity, or past ``SESSION_MAX_HOURS`` since signing in, finds the
session ended: the page asks to sign in again, the API answers 401. The cookie itself expires with the
absolute lifetime (``PERMANENT_SESSION_LIFETIME``), never after Flask's default of 31 days.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Flask, current_app, flash, g, request, session
from flask_babel import gettext as _
from flask_login import login_user, logout_user

from core import db

SIGNED_IN_AT = "signed_in_at"
SEEN_AT = "seen_at"
#: The last-use stamp is rewritten at most this often, so not every request sends a new cookie.
TOUCH_EVERY_SECONDS = 60


def _now() -> int:
    return int(db.now_utc().timestamp())


def start(user: Any) -> None:
    """Sign ``user`` in on this session (the web form and the API alike)."""
    session.permanent = True
    login_user(user)
    now = _now()
    session[SIGNED_IN_AT] = now
    session[SEEN_AT] = now


def _expired() -> bool:
    config = current_app.config
    signed_in, seen = session.get(SIGNED_IN_AT), session.get(SEEN_AT)
    if not isinstance(signed_in, int) or not isinstance(seen, int):
        return True  # a session from before these limits (or tampered with): sign in again
    now = _now()
    idle = now - seen > config["SESSION_IDLE_MINUTES"] * 60
    too_old = now - signed_in > config["SESSION_MAX_HOURS"] * 3600
    return idle or too_old


def _check_session() -> None:
    if "_user_id" not in session:
        return
    if _expired():
        lang = session.get("lang")
        logout_user()
        session.clear()
        if lang:
            session["lang"] = lang
        g.emgek_session_expired = True
        if not request.path.startswith("/api/"):
            flash(_("Your session has ended. Sign in again."), "info")
        return
    now = _now()
    if now - session[SEEN_AT] >= TOUCH_EVERY_SECONDS:
        session[SEEN_AT] = now


def init_app(app: Flask) -> None:
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=app.config["SESSION_MAX_HOURS"])
    # The cookie is signed and sent again only when the session changes (signing in, the last-use stamp
    # at most once a TOUCH_EVERY_SECONDS, the language), not on every response as Flask does for a
    # permanent session: re-signing it was a share of every request's cost. Both limits are checked
    # on the server from the stamps in the cookie, so its own expiry only needs to outlast them.
    app.config["SESSION_REFRESH_EACH_REQUEST"] = False
    app.before_request(_check_session)
