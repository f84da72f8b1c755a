"""The tables of the background jobs: webhooks, their deliveries and attempts, and the officers' notices."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, Timestamped, now_utc

#: APScheduler's own job store (``SQLAlchemyJobStore(tablename=...)``): declared here as the library
#: declares it so that the migrations create it and the schema check knows it.
JOB_TABLE = "job_schedule"
job_schedule = sa.Table(
    JOB_TABLE,
    Base.metadata,
    sa.Column("id", sa.Unicode(191), primary_key=True),
    sa.Column("next_run_time", sa.Float(25), index=True),
    sa.Column("job_state", sa.LargeBinary, nullable=False),
)


class DeliveryStatus(enum.StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"


class Webhook(Timestamped, Base):
    """An administrator's subscription: events of the chosen types are POSTed, signed, to ``url``."""

    __tablename__ = "webhook"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))
    url: Mapped[str] = mapped_column(sa.String(500))
    #: The HMAC key: generated, shown once to the administrator, kept to sign each delivery.
    secret: Mapped[str] = mapped_column(sa.String(64))
    #: The event types of the change feed (events.services.EVENTS) it receives.
    events: Mapped[list[str]] = mapped_column(sa.JSON)
    active: Mapped[bool] = mapped_column(default=True)
    deleted_at: Mapped[datetime | None]
    #: The last audit entry (event id) already turned into deliveries: the feed is read after it.
    cursor: Mapped[int] = mapped_column(default=0)

    owner = orm.relationship("User")  # (not joined: the delivery locks the webhook row FOR UPDATE)


class Delivery(Timestamped, Base):
    """One event for one webhook: its id is the ``X-Emgek-Delivery`` the receiver deduplicates by."""

    __tablename__ = "webhook_delivery"
    __table_args__ = (sa.UniqueConstraint("webhook_id", "event_id", name="uq_webhook_delivery_event"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    webhook_id: Mapped[int] = mapped_column(sa.ForeignKey("webhook.id", ondelete="RESTRICT"), index=True)
    event_id: Mapped[int]
    event_type: Mapped[str] = mapped_column(sa.String(40))
    #: The event as GET /api/v1/events lists it (JSON): the body is the same on every retry.
    payload: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    status: Mapped[DeliveryStatus] = mapped_column(sa.String(12), default=DeliveryStatus.PENDING, index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(index=True)

    webhook = orm.relationship(Webhook)


class DeliveryAttempt(Timestamped, Base):
    """One POST of a delivery, as it went (append-only: the log is never rewritten)."""

    __tablename__ = "webhook_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(
        sa.ForeignKey("webhook_delivery.id", ondelete="RESTRICT"), index=True
    )
    at: Mapped[datetime] = mapped_column(default=now_utc)
    status_code: Mapped[int | None]
    error: Mapped[str | None] = mapped_column(sa.String(500))
    duration_ms: Mapped[int]
    #: When it is tried again; none once delivered or given up.
    next_retry_at: Mapped[datetime | None]

    delivery = orm.relationship(Delivery, lazy="joined")


class NoticeKind(enum.StrEnum):
    DECISION_DUE = "decision_due"
    DEEMED_REFUSAL = "deemed_refusal"
    INVESTIGATION_DUE = "investigation_due"


class Notice(Timestamped, Base):
    """What a periodic job found an officer must see: a deadline near or past, a claim deemed refused."""

    __tablename__ = "notice"
    __table_args__ = (sa.UniqueConstraint("kind", "entity", "entity_id", "due_on", name="uq_notice_once"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[NoticeKind] = mapped_column(sa.String(20))
    #: The record's table ("claim", "accident") and id.
    entity: Mapped[str] = mapped_column(sa.String(60))
    entity_id: Mapped[int]
    due_on: Mapped[date]
    found_on: Mapped[date]
