"""Webhooks an administrator registers: one transaction and one audit entry per change.

The secret is generated here and shown once (the answer to the registration); the audit log keeps the
URL, the event types and the state, never the secret. A webhook with deliveries is never deleted from the
table (its append-only delivery log points at it): deleting it stops it and hides it from the lists.
"""

from __future__ import annotations

import secrets
from typing import Any

import sqlalchemy as sa
from werkzeug.exceptions import NotFound

from core import audit, db
from jobs.models import Delivery, DeliveryAttempt, Webhook

#: What the audit log follows of a webhook (not its secret, not its cursor).
AUDITED = ["url", "events", "active", "deleted_at"]


def _visible() -> sa.Select[Any]:
    return sa.select(Webhook).where(Webhook.deleted_at.is_(None))


def list_webhooks() -> list[Webhook]:
    return list(db.session().scalars(_visible().order_by(Webhook.id)))


def get_webhook(webhook_id: int) -> Webhook:
    found = db.session().scalar(_visible().where(Webhook.id == webhook_id))
    if found is None:
        raise NotFound()
    return found


def _last_event_id(s: Any) -> int:
    from core.audit import AuditEntry

    return int(s.scalar(sa.select(sa.func.max(AuditEntry.id))) or 0)


def create_webhook(actor: Any, data: dict[str, Any]) -> Webhook:
    """A new webhook, receiving the events that happen from now on; its ``secret`` is shown once."""
    with db.transaction() as s:
        webhook = Webhook(
            owner_id=actor.id,
            url=data["url"],
            events=list(data["events"]),
            active=True,
            secret=secrets.token_hex(32),
            cursor=_last_event_id(s),
        )
        s.add(webhook)
        s.flush()
        audit.record(s, actor, "create", webhook, after=audit.snapshot(webhook, AUDITED))
    webhook.secret_shown_once = webhook.secret  # (not a column: the answer to this call shows it)
    return webhook


def update_webhook(actor: Any, webhook_id: int, data: dict[str, Any]) -> Webhook:
    """Enable or disable it, or change its URL or event types; a disabled one keeps its place in the
    feed and, enabled again, receives what happened meanwhile."""
    with db.transaction() as s:
        webhook = get_webhook(webhook_id)
        with audit.changing(s, actor, "update", webhook, AUDITED):
            for key in ("url", "events", "active"):
                if key in data:
                    setattr(webhook, key, list(data[key]) if key == "events" else data[key])
    return webhook


def delete_webhook(actor: Any, webhook_id: int) -> None:
    """Stop it for good and hide it; its delivery log stays (append-only)."""
    with db.transaction() as s:
        webhook = get_webhook(webhook_id)
        with audit.changing(s, actor, "delete", webhook, AUDITED):
            webhook.active = False
            webhook.deleted_at = db.now_utc()


def attempts_page(webhook_id: int, page: int = 1, per_page: int = 50) -> db.Page[DeliveryAttempt]:
    """One page of the delivery log: a receiver that has been down a week has thousands of attempts,
    and the oldest must still be reachable (issue 13)."""
    return db.paginate(db.session(), _attempts(webhook_id), page, per_page)


def _attempts(webhook_id: int) -> sa.Select[tuple[DeliveryAttempt]]:
    """The webhook's delivery attempts, newest first (404 for a webhook that is not there)."""
    get_webhook(webhook_id)
    stmt = (
        sa.select(DeliveryAttempt)
        .join(Delivery, Delivery.id == DeliveryAttempt.delivery_id)
        .where(Delivery.webhook_id == webhook_id)
        .order_by(DeliveryAttempt.id.desc())
    )
    return stmt
