"""Wires the accidents package into the app: pages, API, navigation."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_smorest import Api

from core.audit import ACTION_LABELS
from core.web import add_nav

#: The history's words for the steps recorded beside the act (consequences, measures).
AUDIT_ACTIONS = {
    "record_consequence": _l("consequences recorded"),
    "complete_measure": _l("measure reported done"),
    "verify_measure": _l("measure verified"),
}


def init_app(app: Flask, api: Api) -> None:
    for action, label in AUDIT_ACTIONS.items():
        ACTION_LABELS.setdefault(action, label)
    from accidents import api as accidents_api
    from accidents import views

    app.register_blueprint(views.bp)
    api.register_blueprint(accidents_api.blp)
    # Every role sees accidents (design.md, "Roles at a glance"); the scope decides which.
    add_nav(app, None, "accidents.list", _l("Accidents"))
