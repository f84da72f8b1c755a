"""Wires the compensation package into the app: the API blueprint and the CLI group."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api


def init_app(app: Flask, api: Api) -> None:
    """Register ``POST /api/v1/compensation/calculations`` and ``flask compensation ...``."""
    from compensation import api as compensation_api
    from compensation import cli

    api.register_blueprint(compensation_api.blp)
    app.cli.add_command(cli.compensation_cli)
