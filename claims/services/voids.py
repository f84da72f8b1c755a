"""Voids and corrections (issue 12): never a delete, never an edit. A mistaken record is struck out
with its reason and kept; a correction is a new record the voided one points to."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm

from core import audit, db
from core.errors import DomainError

# --- voids and corrections (issue 12): never a delete, never an edit ------------------------------------

audit.ACTION_LABELS.setdefault("void", _l("voided"))
audit.ACTION_LABELS.setdefault("correct", _l("recorded as a correction"))
VOID_FIELDS = ["voided_at", "voided_by_id", "void_reason", "superseded_by_id"]


def _reason(reason: str | None) -> str:
    text = (reason or "").strip()
    if not text:
        raise DomainError(_("Say why the record is voided."), field="reason")
    return text[:500]


def _void(s: orm.Session, user: Any, record: Any, reason: str, remark: str | None = None) -> None:
    """Strike ``record`` out with its reason: kept and shown, left out of every calculation."""
    if record.voided_at is not None:
        raise DomainError(_("This record is voided already."), field="reason")
    with audit.changing(s, user, "void", record, VOID_FIELDS, remark=remark or reason):
        record.voided_at, record.voided_by_id, record.void_reason = (
            db.now_utc(),
            getattr(user, "id", None),
            reason,
        )


def _supersede_record(s: orm.Session, user: Any, old: Any, new: Any, reason: str, fields: list[str]) -> None:
    with audit.changing(s, user, "update", old, VOID_FIELDS, remark=reason):
        old.superseded_by_id = new.id
    audit.record(
        s,
        user,
        "correct",
        new,
        after={**audit.snapshot(new, fields), "corrects_id": old.id},
        remark=_("Corrects No. %(id)s: %(reason)s", id=old.id, reason=reason),
    )
