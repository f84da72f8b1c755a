"""Wires liquidation (art. 255) into the app: the employer's capitalisation and the Social Fund's pages."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api


def init_app(app: Flask, api: Api) -> None:
    """Register the liquidation API, the liquidation and capitalised-case pages."""
    from flask_babel import lazy_gettext as _l

    from core.web import add_nav
    from liquidation import api as liquidation_api
    from liquidation import views

    api.register_blueprint(liquidation_api.blp)
    app.register_blueprint(views.bp)
    add_nav(app, "view_capitalisations", "fund.capitalisations", _l("Capitalised cases"))
