"""The composition root: configuration, extensions, blueprints, error handlers, CLI."""

from __future__ import annotations

import importlib
from typing import Any

from flask import Flask, abort, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

from core import api as api_module
from core import config, data_version, db, errors, i18n, idempotency, request_id  # noqa: F401 (data_version: its session hooks)
from core.fields import RecordIdConverter

#: Feature packages; each has ``register.init_app(app, api)``.
FEATURES = ("accidents", "calculator", "claims", "liquidation", "reports", "cooperation", "events", "jobs")

csrf = CSRFProtect()
login_manager = LoginManager()


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder="../templates",
        static_folder="../static",
        instance_path=str(config.INSTANCE),
    )
    app.config.update(config.from_environment())
    app.config.update(overrides or {})
    if app.config.get("PROXY_HOPS"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    # Before any route is added: every <int:id> stops at 32 bits (a larger one is a 404, never an overflow).
    app.url_map.converters["int"] = RecordIdConverter

    request_id.init_app(app)  # first: every later hook and every log line has the id
    db.init_app(app)
    i18n.init_app(app)
    csrf.init_app(app)
    _init_login(app)
    api_module.init_app(app)
    errors.init_app(app)  # after flask-smorest's init: our handlers replace its HTTP error handler

    from core import admin, cli, web
    from core.auth import api as auth_api
    from core.auth import views as auth_views

    app.register_blueprint(auth_views.bp)
    app.register_blueprint(web.bp)
    api_module.api.register_blueprint(auth_api.blp)
    admin.init_app(app, api_module.api)
    for name in FEATURES:
        importlib.import_module(f"{name}.register").init_app(app, api_module.api)
    _protect_api(app)
    idempotency.init_app(app)
    cli.init_app(app)
    web.init_app(app)
    return app


def _init_login(app: Flask) -> None:
    from core.auth import sessions, tokens
    from core.auth.services import load_user

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "strong"
    login_manager.user_loader(load_user)
    sessions.init_app(app)
    tokens.init_app(app)  # after the session check: a bearer token then decides who calls

    @login_manager.unauthorized_handler
    def _unauthorized() -> Any:
        if request.path.startswith("/api/"):
            abort(401)
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def _protect_api(app: Flask) -> None:
    """The API is exempt from form CSRF tokens but accepts writes only as JSON (or with the token).

    A cross-site form cannot send ``application/json`` without a CORS preflight,
    which this service never grants; so a session cookie alone cannot be abused.
    A call with a bearer token carries no cookie for a forger to ride on: CSRF does not apply.
    """
    from flask_smorest import Blueprint as ApiBlueprint
    from flask_wtf.csrf import validate_csrf
    from wtforms import ValidationError

    from core.auth import tokens

    for blueprint in list(app.blueprints.values()):
        if isinstance(blueprint, ApiBlueprint):
            csrf.exempt(blueprint)

    @app.before_request
    def _api_writes_are_json() -> None:
        if not request.path.startswith("/api/") or request.method in ("GET", "HEAD", "OPTIONS"):
            return
        if request.routing_exception is not None or request.is_json or tokens.is_bearer_request():
            return  # no such route or method: routing answers 404 or 405
        token = request.headers.get("X-CSRFToken")
        try:
            validate_csrf(token)
        except ValidationError:
            if request.mimetype == "multipart/form-data":
                raise errors.MissingCsrfToken() from None
            abort(415, description=_("API writes must be sent as application/json."))
