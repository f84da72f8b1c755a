"""Wires the background jobs into the app: the webhooks' API and pages, the notices page, the CLI."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_smorest import Api


def init_app(app: Flask, api: Api) -> None:
    from core.audit import register_labels
    from core.web import add_nav
    from jobs import api as jobs_api
    from jobs import cli, views

    register_labels(
        {"url": _l("URL"), "events": _l("Events"), "active": _l("Active"), "deleted_at": _l("Deleted")}
    )
    app.register_blueprint(views.bp)
    api.register_blueprint(jobs_api.blp)
    add_nav(app, "manage_users", "jobs.webhooks_page", _l("Webhooks"))
    add_nav(app, ("file_claim", "report_accident", "review_act"), "jobs.notices_page", _l("Notices"))
    app.cli.add_command(cli.jobs_cli)
