"""Wires the cooperation package into the app: pages, API, navigation."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_smorest import Api

from core.web import add_nav


def init_app(app: Flask, api: Api) -> None:
    """Inspections for everyone who may see them (officers: their employer's); the rest for inspectors."""
    from cooperation import api as cooperation_api
    from cooperation import views

    api.register_blueprint(cooperation_api.blp)
    app.register_blueprint(views.bp)
    add_nav(app, "view_inspections", "cooperation.index", _l("Cooperation"))
