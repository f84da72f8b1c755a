"""Sessions for API clients: the same accounts, roles and scopes as the web UI."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask import request
from flask_login import current_user, login_required, logout_user
from flask_smorest import Blueprint
from flask_wtf.csrf import generate_csrf

from core.auth import services, sessions
from core.fields import Integer

blp = Blueprint("auth_api", __name__, url_prefix="/api/v1/auth", description="Sign in and out")


class LoginSchema(ma.Schema):
    email = ma.fields.Email(required=True)
    password = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=200))


class UserSchema(ma.Schema):
    id = Integer()
    email = ma.fields.String()
    full_name = ma.fields.String()
    role = ma.fields.String()
    employer_id = Integer(allow_none=True)
    inspectorate = ma.fields.String(allow_none=True)
    region = ma.fields.String(allow_none=True)


@blp.route("/login", methods=["POST"])
@blp.doc(security=[])
@blp.arguments(LoginSchema)
@blp.response(200, UserSchema)
def login(data: dict[str, Any]) -> Any:
    """Open a session (cookie) for the account; 401 with an error document on bad credentials,
    429 with ``Retry-After`` (seconds) after too many failures for the account or from the client."""
    user = services.authenticate(data["email"], data["password"], request.remote_addr)
    sessions.start(user)
    return user


@blp.route("/logout", methods=["POST"])
@blp.response(204)
def logout() -> None:
    """End this session and every other open session of the account."""
    if current_user.is_authenticated:
        services.end_sessions(current_user)
    logout_user()


@blp.route("/csrf-token")
@blp.doc(security=[])
@blp.alt_response(
    200,
    success=True,
    description="The token for this session.",
    schema={"type": "object", "properties": {"csrf_token": {"type": "string"}}, "required": ["csrf_token"]},
)
def csrf_token() -> Any:
    """A token for the X-CSRFToken header of non-JSON writes (file uploads) in this session."""
    return {"csrf_token": generate_csrf()}


@blp.route("/me")
@blp.response(200, UserSchema)
@login_required
def me() -> Any:
    return current_user
