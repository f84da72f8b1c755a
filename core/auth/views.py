"""Sign in and out, and the language switch."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from core.auth import services, sessions
from core.errors import DomainError
from core.i18n import LANGUAGES

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    """Only same-site relative targets, so the login page cannot be used as an open redirect."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("core.index")


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    if current_user.is_authenticated:
        return redirect(url_for("core.index"))
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        email = request.form.get("email", "")
        if not email.strip():
            errors["email"] = [_("Enter your e-mail.")]
        if not request.form.get("password"):
            errors["password"] = [_("Enter your password.")]
        if not errors:
            try:
                user = services.authenticate(email, request.form.get("password", ""), request.remote_addr)
            except services.LoginThrottled as exc:
                page = render_template("core/login.html", errors=exc.errors, email=email)
                return page, 429, {"Retry-After": str(exc.retry_after)}
            except DomainError as exc:
                errors = exc.errors
            else:
                sessions.start(user)
                return redirect(_safe_next(request.args.get("next")))
        return render_template("core/login.html", errors=errors, email=email), 422
    return render_template("core/login.html", errors=errors, email="")


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> Any:
    services.end_sessions(current_user)
    logout_user()
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/lang/<code>")
def set_language(code: str) -> Any:
    if code in LANGUAGES:
        session["lang"] = code
        if current_user.is_authenticated:
            services.set_locale(current_user, code)
    return redirect(_safe_next(request.args.get("next")))
