"""Administration: accounts (who may act, over which records) and the employer registry.

Only administrators manage; an employer's card is readable by everyone whose
scope includes it, and its history by those who may view history.
"""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_smorest import Api


def init_app(app: Flask, api: Api) -> None:
    """Register the pages, the API blueprints (before the API's CSRF exemption) and the navigation."""
    from core.admin import api as admin_api
    from core.admin import cli, views
    from core.web import add_nav

    app.register_blueprint(views.bp)
    api.register_blueprint(admin_api.employers_blp)
    api.register_blueprint(admin_api.users_blp)
    add_nav(app, "manage_employers", "admin.employers", _l("Employers"))
    add_nav(app, "manage_users", "admin.users", _l("Users"))
    add_nav(app, "manage_users", "admin.tokens", _l("API tokens"))
    app.cli.add_command(cli.tokens_cli)
