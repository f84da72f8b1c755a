"""/api/v1/webhooks: an administrator's webhooks and their delivery log (README, Webhooks)."""

from __future__ import annotations

from typing import Any

from flask_login import current_user, login_required
from flask_smorest import Blueprint

from core.auth.permissions import requires
from jobs import schemas, webhooks

blp = Blueprint(
    "webhooks_api",
    __name__,
    url_prefix="/api/v1/webhooks",
    description="Webhooks: the change feed's events POSTed, signed (HMAC-SHA256), retried with back-off.",
)


@blp.route("")
@login_required
@requires("manage_users")
@blp.response(200, schemas.WebhookList)
def list_webhooks() -> Any:
    """The webhooks registered (deleted ones are not listed)."""
    return {"items": webhooks.list_webhooks()}


@blp.route("", methods=["POST"])
@login_required
@requires("manage_users")
@blp.arguments(schemas.WebhookIn)
@blp.response(201, schemas.WebhookOut)
def create_webhook(data: dict[str, Any]) -> Any:
    """Register a webhook for the chosen event types, from now on, in your scope.

    The answer's ``secret`` is the key of the ``X-Emgek-Signature`` header and is shown only here.
    """
    return webhooks.create_webhook(current_user, data)


@blp.route("/<int:webhook_id>")
@login_required
@requires("manage_users")
@blp.response(200, schemas.WebhookOut)
def get_webhook(webhook_id: int) -> Any:
    return webhooks.get_webhook(webhook_id)


@blp.route("/<int:webhook_id>", methods=["PATCH"])
@login_required
@requires("manage_users")
@blp.arguments(schemas.WebhookPatch)
@blp.response(200, schemas.WebhookOut)
def update_webhook(data: dict[str, Any], webhook_id: int) -> Any:
    """Disable (``active: false``) or enable it, or change its URL or events."""
    return webhooks.update_webhook(current_user, webhook_id, data)


@blp.route("/<int:webhook_id>", methods=["DELETE"])
@login_required
@requires("manage_users")
@blp.response(204)
def delete_webhook(webhook_id: int) -> Any:
    """Stop it for good; its delivery log is kept."""
    webhooks.delete_webhook(current_user, webhook_id)
    return None


@blp.route("/<int:webhook_id>/attempts")
@login_required
@requires("manage_users")
@blp.arguments(schemas.AttemptArgs, location="query")
@blp.response(200, schemas.AttemptList)
def list_attempts(args: dict[str, Any], webhook_id: int) -> Any:
    """The delivery log, newest first, a page at a time (`page`, `per_page` up to 200): each POST's time
    (UTC), answer or error, duration, next retry."""
    found = webhooks.attempts_page(webhook_id, args["page"], args["per_page"])
    return {"items": found.items, "total": found.total, "page": found.page, "per_page": found.per_page}
