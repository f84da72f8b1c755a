"""The parameter rows people keep current, and the tables every calculation of the service reads.

The engine stays pure: this module reads the stored rows and hands the engine tables built with
``compensation.parameters.merged`` (stored rows over the built-in files). A row is never edited or
deleted: a correction is a new row naming the one it supersedes, and each addition is audited in the
transaction that stores it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy import orm

import compensation
from calculator.models import ParameterRow
from calculator.schemas import normalised
from compensation import parameters
from compensation.parameters import Row, Table
from core import audit, db
from core.errors import DomainError
from core.services import require

#: The columns of a row that the audit log records.
AUDITED = [
    "table_name",
    "key",
    "value",
    "rule",
    "starts_on",
    "period",
    "source",
    "status",
    "note",
    "supersedes_id",
]

#: Tables by name, as the engine takes them (``compensation.calculate(..., tables=)``).
Tables = dict[str, Table]


def add_row(user: Any, data: dict[str, Any]) -> ParameterRow:
    """Store a new row (validated by ``ParameterRowIn``); a correction supersedes a row of its table."""
    require(user, "manage_parameters")
    data = normalised(data)
    with db.transaction() as s:
        supersedes_id = data.get("supersedes_id")
        if supersedes_id is not None:
            _check_supersedes(s, data["table"], supersedes_id)
        text_table = data["table"] in parameters.TEXT_TABLES
        row = ParameterRow(
            table_name=data["table"],
            key=data["key"],
            value=None if text_table else data["value"],
            rule=data["value"] if text_table else None,
            starts_on=data["starts_on"],
            period=data.get("period"),
            source=data["source"].strip(),
            status=data["status"],
            note=data.get("note"),
            recorded_by_id=getattr(user, "id", None),
            supersedes_id=supersedes_id,
        )
        s.add(row)
        audit.record(s, user, "create", row, after=audit.snapshot(row, AUDITED))
        return row


def _check_supersedes(s: orm.Session, table: str, row_id: int) -> None:
    old = s.get(ParameterRow, row_id)
    if old is None or old.table_name != table:
        raise DomainError(_("No stored row of this table has this number."), field="supersedes_id")
    if s.scalar(sa.select(ParameterRow.id).where(ParameterRow.supersedes_id == row_id)) is not None:
        raise DomainError(
            _("This row was already corrected: supersede the row that corrected it."), field="supersedes_id"
        )


def _live(s: orm.Session) -> list[ParameterRow]:
    """The stored rows that apply: every row no other row supersedes."""
    corrected = sa.select(ParameterRow.supersedes_id).where(ParameterRow.supersedes_id.is_not(None))
    return list(
        s.scalars(sa.select(ParameterRow).where(ParameterRow.id.not_in(corrected)).order_by(ParameterRow.id))
    )


def engine_row(row: ParameterRow) -> Row:
    """A stored row as the engine's row: an unknown value stays unknown (a text table's: a gap)."""
    status = None if row.status == "verified" else row.status
    if row.table_name in parameters.TEXT_TABLES and row.rule is None:
        status = "gap"
    value = None if row.value is None else Decimal(row.value)
    return parameters.make_row(
        row.starts_on, value, row.source, row.key, status, row.note, row.rule, row.period
    )


def _tables(rows: Iterable[ParameterRow]) -> Tables:
    by_table: dict[str, list[Row]] = {}
    for row in rows:
        by_table.setdefault(row.table_name, []).append(engine_row(row))
    return {name: parameters.merged(name, extra) for name, extra in by_table.items()}


def tables_in_force(s: orm.Session | None = None) -> tuple[Tables, list[int]]:
    """The tables a calculation made now reads, and the ids of the stored rows in them (a decision
    keeps the ids, so that it is recomputed later with the very rows it was computed with)."""
    rows = _live(s or db.session())
    return _tables(rows), [r.id for r in rows]


def tables_of(ids: Sequence[int], s: orm.Session | None = None) -> Tables:
    """The tables made of exactly the stored rows ``ids`` (a decision's frozen rows) over the files."""
    if not ids:
        return {}
    session = s or db.session()
    rows = session.scalars(
        sa.select(ParameterRow).where(ParameterRow.id.in_(list(ids))).order_by(ParameterRow.id)
    )
    return _tables(rows)


# --- a batch of calculations ------------------------------------------------------------------------

#: The most cases one batch may hold (``POST /compensation/calculations/batch``); more is 413. A batch
#: of 1,000 traced-off cases is computed in about a second; a larger one is split by the caller.
MAX_BATCH = 1000


class BatchTooLarge(DomainError):
    """A batch with more cases than :data:`MAX_BATCH` (413, the error naming ``cases`` and the bound)."""

    status = 413

    def __init__(self) -> None:
        super().__init__(_("At most %(n)s cases in one batch.", n=MAX_BATCH), "cases")


def calculate_batch(cases: Any, language: str, trace: bool = False) -> list[dict[str, Any]]:
    """Each case computed on its own, in order: its result, or its error document (a bad case does not
    fail the others). One read of the tables in force serves the whole batch; nothing is stored."""
    if not isinstance(cases, list):
        raise DomainError(_("Give the cases as a list."), "cases")
    if len(cases) > MAX_BATCH:
        raise BatchTooLarge()
    tables = tables_in_force()[0]
    out: list[dict[str, Any]] = []
    for index, case in enumerate(cases):
        try:
            result = compensation.calculate(case, language, trace=trace, tables=tables)
        except compensation.InvalidCase as exc:
            out.append({"index": index, "status": 422, "errors": exc.errors, "code": "invalid"})
        else:
            out.append({"index": index, "status": 200, "result": result})
    return out


# --- the history page -------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryRow:
    """One row of a table's history: built in, or stored with who, when and why."""

    starts_on: date | None
    key: str
    value: str | None
    status: str
    source: str
    period: str | None
    note: str | None
    built_in: bool
    #: Struck through: a stored correction, or a stored row of the same day and key, replaced it.
    superseded: bool
    stored: ParameterRow | None = None


@dataclass(frozen=True)
class TableHistory:
    name: str
    rows: list[HistoryRow]


def history() -> list[TableHistory]:
    """Every table with its built-in rows and every stored row, oldest first, superseded ones marked."""
    s = db.session()
    stored = list(
        s.scalars(
            sa.select(ParameterRow)
            .options(orm.joinedload(ParameterRow.recorded_by))
            .order_by(ParameterRow.starts_on, ParameterRow.key, ParameterRow.id)
        )
    )
    corrected = {r.supersedes_id for r in stored if r.supersedes_id is not None}
    live_days = {(r.table_name, r.starts_on, r.key) for r in stored if r.id not in corrected}
    out = []
    for name in parameters.NAMES:
        rows = [
            HistoryRow(
                r.start if r.start > parameters.ALWAYS else None,
                r.key,
                r.rule if name in parameters.TEXT_TABLES else (None if r.value is None else str(r.value)),
                r.status or "verified",
                r.source,
                r.period,
                r.note,
                built_in=True,
                superseded=(name, r.start, r.key) in live_days,
            )
            for r in parameters.load(name).rows
        ]
        rows += [
            HistoryRow(
                r.starts_on,
                r.key,
                r.rule if name in parameters.TEXT_TABLES else r.value,
                r.status,
                r.source,
                r.period,
                r.note,
                built_in=False,
                superseded=r.id in corrected,
                stored=r,
            )
            for r in stored
            if r.table_name == name
        ]
        rows.sort(
            key=lambda h: (h.starts_on or date.min, h.key, not h.built_in, h.stored.id if h.stored else 0)
        )
        out.append(TableHistory(name, rows))
    return out


#: The trace step in which the engine lists the parts of each payment (contract v2 §5, art. 269).
PAYMENTS_APPLIED = ("component", "recipient", "period", "paid", "days_late")


def with_days_late(result: dict[str, Any]) -> dict[str, Any]:
    """The engine's result with ``paid_days_late`` on each installment paid after its due date: the days
    late of the part that paid it last, read from the trace's list of payments applied (each part's
    component, recipient, period and days late), so that a row paid late shows why it carries a penalty.

    Nothing is recomputed; without a trace (``trace=False``) the rows are left as they are."""
    late: dict[tuple[str, str, str], int] = {}
    for step in result.get("trace") or []:
        inputs = step.get("inputs") or {}
        if inputs.get("parts_are") != ", ".join(PAYMENTS_APPLIED):
            continue
        for payment in inputs.get("payments") or []:
            for component, recipient, period, _paid, days in payment.get("parts") or []:
                if days:
                    late[(str(component), str(recipient), period or "")] = int(days)
    if not late:
        return result
    rows = []
    for item in result.get("installments", []):
        days = late.get((str(item["component"]), str(item["recipient"]), item.get("period") or ""))
        rows.append({**item, "paid_days_late": days} if days else item)
    return {**result, "installments": rows}
