"""Wires the calculator into the app: the contract's three doors (page, API, CLI) onto the one engine."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api


def init_app(app: Flask, api: Api) -> None:
    """Register the calculation API, the calculator page and ``flask compensation calculate``."""
    from flask_babel import lazy_gettext as _l

    from calculator import api as calculator_api
    from calculator import cli, contract_schemas, parameter_views, views
    from core.web import add_nav

    api.register_blueprint(calculator_api.blp)
    # Named only inside a oneOf (one rate, or dated rows), so the plugin would not register it itself.
    api.spec.components.schema("CasePenaltyRateRow", schema=contract_schemas.CasePenaltyRateRow)
    app.register_blueprint(views.bp)
    app.register_blueprint(parameter_views.bp)
    add_nav(app, "calculate", "calculator.calculator", _l("Calculator"))
    add_nav(app, "manage_parameters", "parameters.tables", _l("Parameter tables"))
    app.cli.add_command(cli.compensation_cli)
