"""Russian by default, Kyrgyz and English on request; the choice is remembered.

Each feature package keeps its own catalogue under ``<package>/translations``;
Flask-Babel merges them, so packages can be translated independently.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, g, has_request_context, request, session
from flask_babel import Babel, Domain, get_locale
from flask_login import current_user

from core.config import ROOT

LANGUAGES = {"ru": "Русский", "ky": "Кыргызча", "en": "English"}
DEFAULT_LANGUAGE = "ru"
PACKAGES = ("core", "accidents", "calculator", "claims", "liquidation", "reports", "cooperation", "jobs")

babel = Babel()


class RequestDomain(Domain):
    """Flask-Babel's message domain, with the request's catalogue looked up once, not per message.

    Flask-Babel finds the catalogue anew for every ``gettext`` (the request's namespace, the locale,
    its name, the cache): about 8 µs, and a list page translates some hundreds of labels. This keeps
    the catalogue found on the request's namespace beside the locale it was found for, so a
    ``force_locale`` block or a ``refresh()`` (both replace the locale object) finds its own.
    """

    def get_translations(self) -> Any:
        try:
            ctx = g._flask_babel
        except (AttributeError, RuntimeError):  # before Flask-Babel's first look, or no app context
            return super().get_translations()
        found = ctx.__dict__.get("emgek_translations")
        if found is not None and found[0] is ctx.__dict__.get("babel_locale"):
            return found[1]
        translations = super().get_translations()
        ctx.emgek_translations = (getattr(ctx, "babel_locale", None), translations)
        return translations


def select_locale() -> str:
    if not has_request_context():  # CLI commands and background runs speak the default language
        return DEFAULT_LANGUAGE
    if request.path.startswith("/api/") and request.headers.get("Accept-Language"):
        # Another system says which language its people read; the API answers in it.
        asked = request.accept_languages.best_match(LANGUAGES)
        if asked:
            return asked
    lang = session.get("lang")
    if lang in LANGUAGES:
        return lang
    from core.errors import database_down

    if database_down():  # the account's preference is in the database: not read during an outage
        return DEFAULT_LANGUAGE
    if getattr(current_user, "is_authenticated", False) and current_user.locale in LANGUAGES:
        return current_user.locale
    return DEFAULT_LANGUAGE


def current_language() -> str:
    """The language the user reads (ru, ky or en): traces, documents and messages follow it."""
    locale = str(get_locale() or DEFAULT_LANGUAGE) if has_request_context() else DEFAULT_LANGUAGE
    return locale if locale in LANGUAGES else DEFAULT_LANGUAGE


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "Asia/Bishkek")
    app.config.setdefault(
        "BABEL_TRANSLATION_DIRECTORIES", ";".join(str(ROOT / p / "translations") for p in PACKAGES)
    )
    babel.init_app(app, locale_selector=select_locale)
    # (a cached property of Flask-Babel, set once here)
    babel.domain_instance = RequestDomain(domain=app.config.get("BABEL_DOMAIN", "messages"))
    app.jinja_env.globals["LANGUAGES"] = LANGUAGES
    app.jinja_env.globals["get_locale"] = get_locale
