"""Wires the reports package into the app: blueprints, API, CLI, navigation."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api


def init_app(app: Flask, api: Api) -> None:
    """The dashboard page and its charts."""
    from flask_babel import lazy_gettext as _l

    from core.web import add_nav
    from reports import api as reports_api
    from reports import headline_views, views  # noqa: F401  (headline_views adds its pages to views.bp)

    app.register_blueprint(views.bp)
    api.register_blueprint(reports_api.blp)
    add_nav(app, "view_dashboards", "reports.dashboard", _l("Dashboard"))
