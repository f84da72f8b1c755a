"""Dated parameter tables of the law: one YAML file per table, every row citing its legal source.

A table answers "which value was in force on this day": the row with the
latest ``from`` not after the day; where rows carry a key (``region`` for the
subsistence minimum, ``sex`` for the pension age), a row for the key asked
beats a ``"*"`` row of the same ``from`` (the contract's lookup rule).

Values are written as quoted strings, never YAML numbers, so that no float is
ever made of a sum of money. A row may say ``status: unverified`` (the value or
its start date is not confirmed by a source we have read) or
``status: unknown`` with no value (we know a new value took effect but not
what it is). Asking a table for a day where no row is in force, or where the
row in force is unknown, raises :class:`NoRowInForce`: the calculation refuses
rather than guesses. A case file's own ``parameters`` replace a table whole
(see :func:`from_case`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import yaml

__all__ = ["NAMES", "NoRowInForce", "Row", "Table", "from_case", "load"]

HERE = Path(__file__).parent

#: The built-in tables and the column that holds each one's value.
NAMES = {
    "minimum_wage": "amount",
    "subsistence_minimum": "amount",
    "indexation": "factor",
    "pension_age": "age",
    "penalty_rate_per_day": "rate",
}

#: The ``from`` of a case's constant parameter (``penalty_rate_per_day``, ``pension_age``): always in force.
ALWAYS = date(1, 1, 1)

#: Source cited for a row that came from the case file rather than from a data file.
CASE_SOURCE = "case file parameters"


class NoRowInForce(LookupError):
    """No known row of a table is in force on the day asked: a validation error, never a guess."""

    def __init__(self, table: str, day: date, key: str = "*", unknown: Row | None = None) -> None:
        self.table, self.day, self.key, self.unknown = table, day, key, unknown
        where = f" for {key}" if key != "*" else ""
        if unknown is not None:
            message = (
                f"{table}: the value in force on {day.isoformat()}{where} (from {unknown.start.isoformat()}) "
                f"is not known; give the table in the case's parameters"
            )
        else:
            message = f"{table}: no row in force on {day.isoformat()}{where}"
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class Row:
    """One dated value: in force from ``start`` until the next row's start."""

    start: date
    value: Decimal | None
    source: str
    key: str = "*"
    status: str | None = None
    note: str | None = None
    #: ``start`` as an ordinal, for the engine's month-by-month loops.
    start_day: int = field(default=0, compare=False)
    #: The value as an exact fraction ``(numerator, denominator)``, for integer arithmetic.
    ratio: tuple[int, int] = field(default=(0, 1), compare=False)
    #: The first month (index ``year * 12 + month - 1``) whose first day is on or after ``start``:
    #: a month-by-month calculation reads the row in force on the first day of each month.
    month: int = field(default=0, compare=False)

    def cited(self, name: str) -> dict[str, str]:
        """How a trace cites this row: value, ``from`` date, source, and status if not confirmed."""
        found = _CITED.get((id(self), name))
        if found is not None and found[0] is self:
            return dict(found[1])
        out = {
            "table": name,
            "from": self.start.isoformat() if self.start > ALWAYS else "-",
            "value": "unknown" if self.value is None else str(self.value),
            "source": self.source,
        }
        if self.key != "*":
            out["key"] = self.key
        if self.status:
            out["status"] = self.status
        if len(_CITED) < 10_000:
            _CITED[(id(self), name)] = (self, out)
        return dict(out)


#: (id of a row, table name) -> (the row, its citation): rows are immutable and cited again and again.
_CITED: dict[tuple[int, str], tuple[Row, dict[str, str]]] = {}


def make_row(
    start: date,
    value: Decimal | None,
    source: str,
    key: str = "*",
    status: str | None = None,
    note: str | None = None,
) -> Row:
    ratio = value.as_integer_ratio() if value is not None else (0, 1)
    month = start.year * 12 + start.month - 1 + (start.day > 1)
    return Row(start, value, source, key, status, note, start.toordinal(), ratio, month)


@dataclass(frozen=True, slots=True)
class Table:
    """A dated table; :meth:`at` is the contract's lookup rule."""

    name: str
    rows: tuple[Row, ...]
    origin: str = "built-in"

    def at(self, day: date | int, key: str = "*") -> Row:
        """The row in force on ``day``: the latest ``from`` not after it; the key's own row beats ``"*"``.

        :raises NoRowInForce: nothing is in force then, or the value in force is marked unknown.
        """
        ordinal = day if isinstance(day, int) else day.toordinal()
        best: Row | None = None
        for row in self.rows:
            if row.start_day > ordinal or (row.key != key and row.key != "*"):
                continue
            if (
                best is None
                or row.start_day > best.start_day
                or (row.start_day == best.start_day and row.key != "*")
            ):
                best = row
        if best is None or best.value is None:
            when = day if isinstance(day, date) else date.fromordinal(day)
            raise NoRowInForce(self.name, when, key, best)
        return best

    def between(self, after: date | int, up_to: date | int) -> tuple[Row, ...]:
        """The rows whose ``from`` is after ``after`` and not after ``up_to`` (Art. 234 indexation)."""
        lo = after if isinstance(after, int) else after.toordinal()
        hi = up_to if isinstance(up_to, int) else up_to.toordinal()
        return tuple(r for r in self.rows if lo < r.start_day <= hi)


class TableFormatError(ValueError):
    """A data file breaks the table format (e.g. an unquoted number): fix the file."""


def _decimal(raw: Any, where: str) -> Decimal | None:
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise TableFormatError(f"{where}: write values as quoted strings, got {raw!r}")
    try:
        return Decimal(raw)
    except InvalidOperation as exc:
        raise TableFormatError(f"{where}: {raw!r} is not a decimal number") from exc


@cache
def load(name: str) -> Table:
    """The built-in table ``name`` from ``<name>.yaml`` beside this module (read once per process)."""
    column = NAMES[name]
    data = yaml.safe_load((HERE / f"{name}.yaml").read_text(encoding="utf-8"))
    key_column = data.get("key")
    rows = []
    for i, raw in enumerate(data.get("rows") or ()):
        where = f"{name}.yaml rows[{i}]"
        start = raw["from"]
        if isinstance(start, str):
            start = date.fromisoformat(start)
        if not isinstance(start, date):
            raise TableFormatError(f"{where}: 'from' must be a date")
        status = raw.get("status")
        value = _decimal(raw.get(column), where)
        if value is None and status != "unknown":
            raise TableFormatError(f"{where}: a row without a value must say status: unknown")
        if not raw.get("source"):
            raise TableFormatError(f"{where}: every row cites its source")
        key = str(raw.get(key_column, "*")) if key_column else "*"
        rows.append(make_row(start, value, str(raw["source"]), key, status, raw.get("note")))
    return Table(name, tuple(sorted(rows, key=lambda r: (r.start, r.key))))


def from_case(name: str, rows: list[tuple[date, Decimal, str]]) -> Table:
    """A table given in the case file: it replaces the built-in one whole (the contract's override)."""
    return Table(
        name,
        tuple(make_row(start, value, CASE_SOURCE, key) for start, value, key in rows),
        origin="case",
    )
