"""Wires the accidents package into the app: pages, API, navigation."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_smorest import Api

from core.web import add_nav


def init_app(app: Flask, api: Api) -> None:
    from accidents import api as accidents_api
    from accidents import views

    app.register_blueprint(views.bp)
    api.register_blueprint(accidents_api.blp)
    # Every role sees accidents (design.md, "Roles at a glance"); the scope decides which.
    add_nav(app, None, "accidents.list", _l("Accidents"))
