"""Requests counted per client address in fixed windows, in the database: every worker shares the count.

For operations open to anyone (the public calculator): past ``limit`` requests in a window the
client is answered 429 with ``Retry-After`` (the seconds left in the window). Signed-in users and
tokens are never counted here; their sign-in is throttled by core.auth.services instead.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask import abort, current_app, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from core import db
from core.auth.permissions import can
from core.db import Base
from core.errors import DomainError

#: Windows older than this are deleted when a new client is first counted (the table stays small).
FORGET_AFTER = timedelta(days=1)


class RateLimit(Base):
    """How many requests ``key`` (an operation and a client address) made in the window starting then."""

    __tablename__ = "rate_limit"
    __table_args__ = (sa.UniqueConstraint("key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(200))
    window_start: Mapped[datetime] = mapped_column(index=True)
    count: Mapped[int] = mapped_column(default=0)


class RateLimited(DomainError):
    status = 429
    code = "too_many_requests"

    def __init__(self, seconds: int) -> None:
        self.retry_after = max(1, seconds)
        super().__init__(_("Too many requests. Wait %(seconds)s s and try again.", seconds=self.retry_after))


def _row(s: Any, key: str, window: datetime) -> RateLimit:
    row = s.scalar(sa.select(RateLimit).where(RateLimit.key == key).with_for_update())
    if row is not None:
        return row
    s.execute(sa.delete(RateLimit).where(RateLimit.window_start < window - FORGET_AFTER))
    try:
        with s.begin_nested():  # another worker may count this client's first request at the same time
            row = RateLimit(key=key, window_start=window, count=0)
            s.add(row)
    except IntegrityError:
        row = s.scalar(sa.select(RateLimit).where(RateLimit.key == key).with_for_update())
    return row


def hit(key: str, limit: int, window_seconds: int = 60, cost: int = 1) -> None:
    """Count ``cost`` requests (one call doing the work of that many) for ``key``; :class:`RateLimited`
    past ``limit`` in the current window."""
    now = db.now_utc()
    start = math.floor(now.timestamp() / window_seconds) * window_seconds
    window = datetime.fromtimestamp(start, UTC)
    with db.transaction() as s:
        row = _row(s, key[:200], window)
        if row.window_start != window:
            row.window_start = window
            row.count = 0
            s.flush()
        row.count = RateLimit.count + max(1, cost)  # in SQL: concurrent requests all count
        s.flush()
        s.refresh(row, ["count"])
        count = row.count
    if count > limit:
        raise RateLimited(math.ceil((window + timedelta(seconds=window_seconds) - now).total_seconds()))


def public_when(
    setting: str,
    per_minute: str,
    capability: str,
    bucket: str | None = None,
    cost: Callable[[], int] | None = None,
) -> Callable[..., Any]:
    """The view needs ``capability`` (401/403), unless config ``setting`` opens it to anyone not signed
    in: then each client address may call it ``config[per_minute]`` times a minute.

    Views sharing a ``bucket`` share that count (else each view's endpoint has its own). ``cost`` says
    how many requests this call counts for, so that a call doing many requests' work (a batch of
    1,000 calculations) cannot buy them for the price of one; at least 1."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            config = current_app.config
            if current_user.is_authenticated:
                if not can(current_user, capability):
                    abort(403)
            elif config.get(setting):
                hit(
                    f"{bucket or request.endpoint}:{request.remote_addr or 'unknown'}",
                    int(config[per_minute]),
                    cost=cost() if cost is not None else 1,
                )
            else:
                abort(401)
            return view(*args, **kwargs)

        wrapper.emgek_capability = capability  # type: ignore[attr-defined]  # the OpenAPI document says it
        return wrapper

    return decorator
