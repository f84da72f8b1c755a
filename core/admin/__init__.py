"""Administration: accounts (who may act, over which records) and the employer registry.

Only administrators manage; an employer's card is readable by everyone whose
scope includes it, and its history by those who may view history.
"""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_smorest import Api

#: The history's names of an employer's fields (the registry's form labels).
AUDIT_FIELDS = {
    "name": _l("Name"),
    "inn": _l("INN"),
    "okpo": _l("OKPO"),
    "sector": _l("Economic activity (GKED)"),
    "region": _l("Region"),
    "address": _l("Address"),
    "status": _l("Status"),
    "liquidation_started_on": _l("Liquidation started on"),
    "liquidated_on": _l("Liquidated on"),
    "budget_sector": _l("Budget sector"),
    "successor_id": _l("Successor (employer No.)"),
    "headcount": _l("Average headcount"),
    "hours_worked": _l("Hours worked"),
}


def init_app(app: Flask, api: Api) -> None:
    """Register the pages, the API blueprints (before the API's CSRF exemption) and the navigation."""
    from core.admin import api as admin_api
    from core.admin import cli, views
    from core.audit import register_labels
    from core.classifiers import EMPLOYER_STATUS_LABELS, REGION_LABELS, SECTOR_LABELS
    from core.web import add_nav

    register_labels(
        AUDIT_FIELDS,
        {
            "employer.status": EMPLOYER_STATUS_LABELS,
            "employer.region": REGION_LABELS,
            "sector": SECTOR_LABELS,
        },
    )

    app.register_blueprint(views.bp)
    api.register_blueprint(admin_api.employers_blp)
    api.register_blueprint(admin_api.users_blp)
    add_nav(app, "manage_employers", "admin.employers", _l("Employers"))
    add_nav(app, "manage_users", "admin.users", _l("Users"))
    add_nav(app, "manage_users", "admin.tokens", _l("API tokens"))
    app.cli.add_command(cli.tokens_cli)
