"""The append-only audit log: who changed which record, when, and what it was before and after.

Services call :func:`record` inside their transaction, so an entry exists exactly
when the change does. The table refuses UPDATE and DELETE at the database level
(triggers in the core migration), so not even a bug in the application can
rewrite history.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, Timestamped, now_utc

#: How the history table names each kind of entry (services may add actions; unknown ones show as is).
ACTION_LABELS = {
    "create": _l("created"),
    "update": _l("changed"),
    "transition": _l("status changed"),
    "notify": _l("notice recorded"),
    "extend": _l("investigation extended"),
    "agree_not_work_related": _l("agreed: not work-related"),
    "login": _l("signed in"),
    "login_failed": _l("sign-in failed"),
    "issue": _l("issued"),
    "payment": _l("payment recorded"),
    "transfer": _l("transferred"),
}

#: How the history names a changed field ("service_years" -> "Service in the occupation, years"); each
#: package adds its own (``register_labels``). A path ("measures.0.completed_on") is named part by part.
FIELD_LABELS: dict[str, Any] = {}
#: How the history names a stored code: {field: {code: label}}, or {"entity.field": ...} where two
#: records give one field different codes (a claim's and an appeal's ``status``).
VALUE_LABELS: dict[str, dict[str, Any]] = {}


def register_labels(fields: dict[str, Any], values: dict[str, dict[Any, Any]] | None = None) -> None:
    """A package's words for its fields and codes in the history (enum keys are stored by value)."""
    for field, label in fields.items():
        FIELD_LABELS.setdefault(field, label)
    for field, labels in (values or {}).items():
        known = VALUE_LABELS.setdefault(field, {})
        for code, label in labels.items():
            known.setdefault(str(getattr(code, "value", code)), label)


class AuditEntry(Timestamped, Base):
    __tablename__ = "audit_entry"
    __table_args__ = (sa.Index("ix_audit_entry_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=now_utc)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))
    #: create, update, transition, login, ...
    action: Mapped[str] = mapped_column(sa.String(40))
    #: The table name of the record ("accident", "act_n1", ...).
    entity: Mapped[str] = mapped_column(sa.String(60))
    entity_id: Mapped[int]
    #: {field: [before, after]}; for a create, before is null.
    changes: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    remark: Mapped[str | None] = mapped_column(sa.Text)

    user = orm.relationship("User", lazy="joined")


def jsonable(value: Any) -> Any:
    """A value as the audit log keeps it: exact, readable, and JSON."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


#: Columns that every write moves by itself (core.db.Timestamped, the optimistic lock).
_NOT_AUDITED = frozenset({"version", "created_at", "updated_at"})


def snapshot(obj: Any, fields: list[str] | None = None) -> dict[str, Any]:
    """The column values of a model instance, ready to diff. The version and the record's own
    ``created_at``/``updated_at`` are left out: the entry has its own moment, and a change is what a
    person changed, not the stamp every write moves."""
    mapper = sa.inspect(obj).mapper
    names = fields or [c.key for c in mapper.column_attrs if c.key not in _NOT_AUDITED]
    return {name: jsonable(getattr(obj, name)) for name in names}


def diff(before: dict[str, Any] | None, after: dict[str, Any]) -> dict[str, list[Any]]:
    before = before or {}
    changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    # A key only before is a row removed (an employer's headcount year dropped by a PUT): kept as v -> None.
    changes.update({k: [v, None] for k, v in before.items() if k not in after and v is not None})
    return changes


def record(
    s: orm.Session,
    user: Any,
    action: str,
    obj: Any,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    remark: str | None = None,
) -> AuditEntry:
    """Append one entry for ``obj`` (flushed, so it has an id) in the caller's transaction."""
    s.flush()
    if after is None:
        after = snapshot(obj)
    entry = AuditEntry(
        user_id=getattr(user, "id", None),
        action=action,
        entity=obj.__tablename__,
        entity_id=obj.id,
        changes=diff(before, after),
        remark=remark,
    )
    s.add(entry)
    return entry


@contextmanager
def changing(
    s: orm.Session,
    user: Any,
    action: str,
    obj: Any,
    fields: list[str] | None = None,
    remark: str | None = None,
) -> Iterator[None]:
    """One entry for the change the ``with`` block makes to ``fields`` of ``obj``: the snapshot before,
    the change, the snapshot after, so that no service writes the three steps (and their field list twice)."""
    before = snapshot(obj, fields)
    yield
    s.flush()  # the after-snapshot sees what the flush sets (ids, column defaults), as :func:`record` does
    record(s, user, action, obj, before=before, after=snapshot(obj, fields), remark=remark)


def history(s: orm.Session, entity: str, entity_id: int) -> list[AuditEntry]:
    stmt = (
        sa.select(AuditEntry)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    return list(s.scalars(stmt))
