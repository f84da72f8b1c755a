"""Wires the reports package into the app: blueprints, API, CLI, navigation."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api


def init_app(app: Flask, api: Api) -> None:
    """The dashboard page and its charts."""
    from flask_babel import lazy_gettext as _l

    from core.web import add_nav
    from reports import api as reports_api

    # The views' modules add their pages to views.bp: view 1 (headline), views 4-6 (causes, ...).
    from reports import causes_views, headline_views, investigations_views, measures_views, views  # noqa: F401

    app.register_blueprint(views.bp)
    api.register_blueprint(reports_api.blp)
    add_nav(app, "view_dashboards", "reports.dashboard", _l("Dashboard"))
