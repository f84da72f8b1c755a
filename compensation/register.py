"""Wires the compensation package into the app: the API blueprint and the CLI group."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api


def init_app(app: Flask, api: Api) -> None:
    """Register the contract API, the ledger API, the calculator, ledger and fund pages and the CLI."""
    from flask_babel import lazy_gettext as _l

    from compensation import api as compensation_api
    from compensation import calculator, cli, fund_views, ledger_api, ledger_cli, views
    from core.web import add_nav

    api.register_blueprint(compensation_api.blp)
    api.register_blueprint(ledger_api.blp)
    app.register_blueprint(calculator.bp)
    add_nav(app, "calculate", "calculator.calculator", _l("Calculator"))
    app.register_blueprint(views.bp)
    add_nav(app, ("file_claim", "decide_appeal"), "ledger.claims", _l("Claims"))
    add_nav(app, "file_claim", "ledger.findings", _l("MSEC findings"))
    add_nav(app, "decide_appeal", "ledger.appeals", _l("Appeals"))
    add_nav(app, ("record_payment", "decide_appeal"), "ledger.payments_due", _l("Payments due"))
    app.register_blueprint(fund_views.bp)
    add_nav(app, "view_capitalisations", "fund.capitalisations", _l("Capitalised cases"))
    app.cli.add_command(cli.compensation_cli)
    app.cli.add_command(ledger_cli.payments_cli)
    app.cli.add_command(ledger_cli.claims_cli)
