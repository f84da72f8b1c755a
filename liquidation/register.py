"""Wires liquidation (art. 255) into the app: the employer's capitalisation and the Social Fund's pages."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask
from flask_smorest import Api

from accidents.services import FUND_ACCIDENTS


def capitalised_accidents() -> sa.Select[tuple[int]]:
    """The accidents of capitalised cases: all that the Social Fund sees of the investigations."""
    from accidents.models import Victim
    from claims.models import Capitalisation, Claim

    return (
        sa.select(Victim.accident_id)
        .join(Claim, Claim.victim_id == Victim.id)
        .join(Capitalisation, Capitalisation.claim_id == Claim.id)
    )


def init_app(app: Flask, api: Api) -> None:
    """Register the liquidation API, the liquidation and capitalised-case pages."""
    from flask_babel import get_locale
    from flask_babel import lazy_gettext as _l

    from compensation.rules.regime import cite_words
    from core.web import add_nav
    from liquidation import api as liquidation_api
    from liquidation import views

    # A trace's article as the reader's language cites it ("ст. 1021 ГК КР", not "CC 1021").
    app.jinja_env.filters["cite"] = lambda article: cite_words(str(article), str(get_locale() or "ru"))

    app.extensions[FUND_ACCIDENTS] = capitalised_accidents
    api.register_blueprint(liquidation_api.blp)
    app.register_blueprint(views.bp)
    add_nav(app, "view_capitalisations", "fund.capitalisations", _l("Capitalised cases"))
