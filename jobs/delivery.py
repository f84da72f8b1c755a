"""Delivering the change feed to the webhooks: signed POSTs, retried with back-off, never lost or doubled.

The worker's ``webhooks`` job (jobs/tasks.py) first reads each webhook's events from the change feed
(``events.services.events`` with the owner's scope) after the webhook's cursor, and in one transaction
records a delivery per event and moves the cursor: a unique (webhook, event) makes a second read of
the same event impossible. It then POSTs the deliveries that are due, outside any transaction (a slow
receiver holds no lock), and records each attempt (append-only) with the next retry. A crash between a
receiver's 2xx and that record sends the delivery again with the same ``X-Emgek-Delivery`` id, by which
the receiver drops the repeat (at least once, idempotent).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from datetime import timedelta

import sqlalchemy as sa

from core import db
from events import services as feed
from events.schemas import ChangeEventOut
from jobs.models import Delivery, DeliveryAttempt, DeliveryStatus, Webhook

#: The waits after the 1st, 2nd, ... failed attempt; after the last one fails, the delivery is given up.
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)
#: Seconds a receiver has to answer.
TIMEOUT = 10
#: Events read from the feed at once.
BATCH = 200


def sign(secret: str, body: bytes) -> str:
    """The ``X-Emgek-Signature`` header: HMAC-SHA256 of the exact body with the webhook's secret."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def body(delivery: Delivery) -> bytes:
    """The JSON sent, byte for byte the same on every retry."""
    return json.dumps(delivery.payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def collect(webhook_id: int) -> int:
    """Record a delivery for each event of the webhook's types after its cursor; the number recorded."""
    recorded = 0
    while True:
        with db.transaction() as s:
            webhook = s.get(Webhook, webhook_id, with_for_update=True)
            if webhook is None or not webhook.active or webhook.deleted_at is not None:
                return recorded
            items, more = feed.events(webhook.owner, webhook.cursor, BATCH, list(webhook.events))
            for item in items:
                payload = ChangeEventOut().dump(item)
                s.add(
                    Delivery(
                        webhook_id=webhook.id,
                        event_id=item["id"],
                        event_type=item["type"],
                        payload=payload,
                        next_attempt_at=db.now_utc(),
                    )
                )
            if items:
                webhook.cursor = items[-1]["id"]
            recorded += len(items)
        if not more:
            return recorded


def due() -> list[int]:
    """The deliveries to try now: pending, their time come, of an active webhook; oldest first."""
    stmt = (
        sa.select(Delivery.id)
        .join(Webhook, Webhook.id == Delivery.webhook_id)
        .where(
            Delivery.status == DeliveryStatus.PENDING,
            Delivery.next_attempt_at <= db.now_utc(),
            Webhook.active.is_(True),
            Webhook.deleted_at.is_(None),
        )
        .order_by(Delivery.id)
    )
    return list(db.session().scalars(stmt))


def _post(url: str, data: bytes, headers: dict[str, str]) -> tuple[int | None, str | None]:
    # The URL is an administrator's, of the http(s) schemes only (schemas.WebhookIn).
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310 (an admin's URL)
            return answer.status, None
    except urllib.error.HTTPError as exc:
        return exc.code, None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return None, str(getattr(exc, "reason", exc))[:500]


def attempt(delivery_id: int) -> DeliveryAttempt | None:
    """POST one delivery and record how it went: delivered on a 2xx, else retried after the next wait of
    :data:`BACKOFF`, or marked failed when none is left. None when it is no longer due."""
    s = db.session()
    delivery = s.get(Delivery, delivery_id)
    if delivery is None or delivery.status != DeliveryStatus.PENDING:
        return None
    webhook = delivery.webhook
    data = body(delivery)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Emgek-Webhooks",
        "X-Emgek-Event": delivery.event_type,
        "X-Emgek-Delivery": str(delivery.id),
        "X-Emgek-Timestamp": str(int(db.now_utc().timestamp())),
        "X-Emgek-Signature": sign(webhook.secret, data),
    }
    url = webhook.url
    s.rollback()  # no transaction stays open while the receiver answers
    started = time.monotonic()
    status_code, error = _post(url, data, headers)
    duration_ms = int((time.monotonic() - started) * 1000)
    with db.transaction() as s:
        delivery = s.get(Delivery, delivery_id, with_for_update=True)
        assert delivery is not None
        delivery.attempts += 1
        next_retry = None
        if status_code is not None and 200 <= status_code < 300:
            delivery.status = DeliveryStatus.DELIVERED
        elif delivery.attempts <= len(BACKOFF):
            next_retry = db.now_utc() + BACKOFF[delivery.attempts - 1]
        else:
            delivery.status = DeliveryStatus.FAILED
        delivery.next_attempt_at = next_retry
        logged = DeliveryAttempt(
            delivery_id=delivery.id,
            status_code=status_code,
            error=error,
            duration_ms=duration_ms,
            next_retry_at=next_retry,
        )
        s.add(logged)
    return logged


def deliver() -> dict[str, int]:
    """The ``webhooks`` job: collect every active webhook's new events, then try what is due."""
    s = db.session()
    ids = list(s.scalars(sa.select(Webhook.id).where(Webhook.active.is_(True), Webhook.deleted_at.is_(None))))
    s.rollback()
    recorded = sum(collect(webhook_id) for webhook_id in ids)
    tried = [attempt(delivery_id) for delivery_id in due()]
    return {"recorded": recorded, "attempted": sum(1 for t in tried if t is not None)}
