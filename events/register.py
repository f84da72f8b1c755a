"""Wires the change feed into the app: its API blueprint."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api


def init_app(app: Flask, api: Api) -> None:
    """GET /api/v1/events."""
    from events import api as events_api

    api.register_blueprint(events_api.blp)
