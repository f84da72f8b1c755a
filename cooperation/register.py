"""Wires the cooperation package into the app: pages, API, navigation."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_smorest import Api

from core.audit import ACTION_LABELS
from core.web import add_nav

#: The history's words for this package's actions (core.audit lets packages add their own).
AUDIT_ACTIONS = {
    "read": _l("read (restricted record)"),
    "share": _l("shared with the other inspectorate"),
    "sign": _l("signed"),
    "fulfil": _l("fulfilment recorded"),
    "extend_order": _l("order extended"),
    "answer": _l("answered"),
    "attach": _l("file attached"),
    "review": _l("review recorded"),
    "decide": _l("decided"),
    "notice": _l("written notice recorded"),
}


def init_app(app: Flask, api: Api) -> None:
    """Inspections for everyone who may see them (officers: their employer's); the rest for inspectors."""
    from cooperation import api as cooperation_api
    from cooperation import views

    api.register_blueprint(cooperation_api.blp)
    for action, label in AUDIT_ACTIONS.items():
        ACTION_LABELS.setdefault(action, label)
    app.register_blueprint(views.bp)
    add_nav(app, "view_inspections", "cooperation.index", _l("Cooperation"))
