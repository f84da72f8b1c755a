"""``Idempotency-Key`` on every API create: a client that sends the same key again gets the first answer.

A clerk's double click, a retried request after a lost answer, another system's retry loop:
without this, each made a second accident or recorded the same payment twice. A ``POST``
under ``/api/`` with the header is remembered per user: the same key with the same body
returns the stored answer (``Idempotent-Replayed: true``) without running the request again;
the same key with another body is refused. While the first request runs, its twin is told to
wait (409). Only successful answers are kept, so a refused request may be corrected and
sent again with the same key.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask import Flask, Response, g, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from core import db
from core.db import Base, now_utc
from core.errors import Conflict, DomainError

HEADER = "Idempotency-Key"
MAX_KEY = 200
#: A first request still "running" after this long has died; its key may be used again.
ABANDONED_AFTER = timedelta(minutes=2)


class IdempotentRequest(Base):
    """A create sent with an ``Idempotency-Key``: what was asked and, once done, what was answered."""

    __tablename__ = "idempotent_request"
    __table_args__ = (sa.UniqueConstraint("user_id", "key", name="uq_idempotent_request_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(sa.String(MAX_KEY))
    method: Mapped[str] = mapped_column(sa.String(10))
    path: Mapped[str] = mapped_column(sa.String(500))
    body_sha256: Mapped[str] = mapped_column(sa.String(64))
    #: None while the first request runs.
    status: Mapped[int | None]
    response: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=now_utc, index=True)


class KeyReused(DomainError):
    """The key was sent before with another request: a client bug, never a retry."""

    code = "idempotency_key_reused"


def _applies() -> bool:
    return (
        request.method == "POST"
        and request.path.startswith("/api/")
        and bool(request.headers.get(HEADER))
        and request.routing_exception is None
        and current_user.is_authenticated
    )


def _claim_key() -> Response | None:
    """Before the view: the stored answer of a finished twin, or a pending row that reserves the key."""
    if not _applies():
        return None
    key = request.headers[HEADER].strip()
    if not key or len(key) > MAX_KEY:
        raise DomainError(_("An Idempotency-Key has 1 to %(n)s characters.", n=MAX_KEY), field=HEADER)
    digest = hashlib.sha256(request.get_data()).hexdigest()
    with db.transaction() as s:
        found = s.scalar(
            sa.select(IdempotentRequest).where(
                IdempotentRequest.user_id == current_user.id, IdempotentRequest.key == key
            )
        )
        if found is not None:
            if (found.method, found.path, found.body_sha256) != (request.method, request.path, digest):
                raise KeyReused(_("This Idempotency-Key was sent before with another request."), field=HEADER)
            if found.status is not None:
                return Response(
                    found.response,
                    status=found.status,
                    mimetype="application/json",
                    headers={"Idempotent-Replayed": "true"},
                )
            if found.created_at > now_utc() - ABANDONED_AFTER:
                raise Conflict(_("The first request with this Idempotency-Key is still running."))
            s.delete(found)
            s.flush()
        s.add(
            IdempotentRequest(
                user_id=current_user.id, key=key, method=request.method, path=request.path, body_sha256=digest
            )
        )
    g.idempotency_key = key
    return None


def _remember(response: Response) -> Response:
    """After the view: keep a successful answer for the twins; free the key of a refused one."""
    key = g.pop("idempotency_key", None)
    if key is None:
        return response
    with db.transaction() as s:
        row = s.scalar(
            sa.select(IdempotentRequest).where(
                IdempotentRequest.user_id == current_user.id, IdempotentRequest.key == key
            )
        )
        if row is None:
            return response
        if 200 <= response.status_code < 300:
            row.status = response.status_code
            row.response = response.get_data(as_text=True)
        else:
            s.delete(row)
    return response


def init_app(app: Flask) -> None:
    def claim_key() -> Any:
        try:
            return _claim_key()
        except IntegrityError:  # a twin reserved the key between our look and our insert
            db.session().rollback()
            raise Conflict(_("The first request with this Idempotency-Key is still running.")) from None

    app.before_request(claim_key)
    app.after_request(_remember)
