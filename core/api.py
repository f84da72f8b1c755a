"""The JSON API under /api/v1, described by OpenAPI 3 at /api/v1/openapi.json."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

api = Api()


def init_app(app: Flask) -> None:
    app.config.setdefault("API_TITLE", "Emgek API")
    app.config.setdefault("API_VERSION", "v1")
    app.config.setdefault("OPENAPI_VERSION", "3.0.3")
    app.config.setdefault("OPENAPI_URL_PREFIX", "/api/v1")
    app.config.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    app.config.setdefault(
        "API_SPEC_OPTIONS",
        {
            "info": {
                "description": (
                    "Workplace accidents (Labour Code art. 223) and injury compensation (arts. 225-272). "
                    "Sign in with POST /api/v1/auth/login; the session cookie then authorises requests. "
                    "Writes must be sent as application/json. Errors: "
                    '{"errors": {"field.path": ["message"]}} with 422, 404, 409.'
                )
            },
        },
    )
    api.init_app(app)
