"""Wires the claims ledger into the app: its pages, its API and its CLI groups."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api


def init_app(app: Flask, api: Api) -> None:
    """Register the ledger API, the findings, claims, appeals and payments-due pages and the CLI."""
    from flask_babel import lazy_gettext as _l

    from claims import api as claims_api
    from claims import cli, views
    from core.web import add_nav

    api.register_blueprint(claims_api.blp)
    app.register_blueprint(views.bp)
    add_nav(app, ("file_claim", "decide_appeal"), "ledger.claims", _l("Claims"))
    add_nav(app, "file_claim", "ledger.findings", _l("MSEC findings"))
    add_nav(app, "decide_appeal", "ledger.appeals", _l("Appeals"))
    add_nav(app, ("record_payment", "decide_appeal"), "ledger.payments_due", _l("Payments due"))
    app.cli.add_command(cli.payments_cli)
    app.cli.add_command(cli.claims_cli)
