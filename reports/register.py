"""Wires the reports package into the app: blueprints, API, CLI, navigation."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api


def init_app(app: Flask, api: Api) -> None:
    """The dashboard page, the analytics views and their charts, the denominators and their import."""
    from flask_babel import lazy_gettext as _l

    from core.web import add_home, add_nav
    from reports import api as reports_api

    # These modules add their pages to views.bp and their API routes to reports_api.blp: view 1
    # (headline), 2 (trends), 3 (sectors), 4-6 (causes, investigations, measures), the denominators;
    # generate adds ``flask demo generate`` to core's demo group.
    from reports import (  # noqa: F401
        causes_views,
        cli,
        denominator_views,
        fund_views,
        generate,
        headline_views,
        investigations_views,
        measures_views,
        money_views,
        queues,
        ranking_views,
        sectors_views,
        trends_views,
        views,
        yearly_views,
    )

    app.register_blueprint(views.bp)
    api.register_blueprint(reports_api.blp)
    app.cli.add_command(cli.reports_cli)
    add_nav(app, "view_dashboards", "reports.dashboard", _l("Dashboard"))
    add_home(app, queues.home_page)
    add_nav(app, "manage_parameters", "reports.denominators_page", _l("National denominators"))
