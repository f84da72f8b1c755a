"""Wires the cooperation package into the app: blueprints, API, CLI, navigation."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api


def init_app(app: Flask, api: Api) -> None:
    """Nothing to register yet."""
