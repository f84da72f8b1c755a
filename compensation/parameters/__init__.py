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

Callers outside the engine (the payment ledger, and later the administrators' rows kept in the
database) extend the built-in tables with :func:`merged`: their rows are laid over the built-in ones
(a row with the same ``from`` and key supersedes the built-in row; others are added), so that the
data files stay the defaults and a new budget law's minimum wage needs no release.

``one_time_benefit`` is a table of rules, not of amounts: its rows carry ``rule`` (text) and no
value; a row with ``status: gap`` says no rule was in force (LC-2025 art. 219 before Resolution 465).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import yaml

__all__ = ["NAMES", "NoRowInForce", "Row", "Table", "from_case", "load", "make_row", "merged"]

HERE = Path(__file__).parent

#: The built-in tables and the column that holds each one's value.
NAMES = {
    "minimum_wage": "amount",
    "subsistence_minimum": "amount",
    "indexation": "factor",
    "pension_age": "age",
    "penalty_rate_per_day": "rate",
    "average_monthly_wage": "amount",
    "one_time_benefit": "rule",
}
#: Tables whose value column is text (a rule's name), not a number.
TEXT_TABLES = frozenset({"one_time_benefit"})
#: The statuses a row may carry: ``unverified`` (value or date not confirmed), ``unknown`` (a value took
#: effect but is not known), ``gap`` (the law names no value at all yet).
STATUSES = (None, "unverified", "unknown", "gap")

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
    #: The rule a row of a text table names (``one_time_benefit``); ``None`` elsewhere or in a gap.
    rule: str | None = None
    #: Which period a statistical figure describes (``average_monthly_wage``: "January-June 2025").
    period: str | None = None

    def cited(self, name: str) -> dict[str, str]:
        """How a trace cites this row: value, ``from`` date, source, and status if not confirmed."""
        found = _CITED.get((id(self), name))
        if found is not None and found[0] is self:
            return dict(found[1])
        out = {
            "table": name,
            "from": self.start.isoformat() if self.start > ALWAYS else "-",
            "value": self.rule or ("unknown" if self.value is None else str(self.value)),
            "source": self.source,
        }
        if self.period or name == "average_monthly_wage":
            out["period"] = self.period or "-"
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
    rule: str | None = None,
    period: str | None = None,
) -> Row:
    """A row with its derived fields (ordinal, exact ratio, first month) filled in."""
    ratio = value.as_integer_ratio() if value is not None else (0, 1)
    month = start.year * 12 + start.month - 1 + (start.day > 1)
    return Row(start, value, source, key, status, note, start.toordinal(), ratio, month, rule, period)


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
        if best is None or (best.value is None and best.rule is None):
            when = day if isinstance(day, date) else date.fromordinal(day)
            raise NoRowInForce(self.name, when, key, best)
        return best

    def find(self, day: date | int, key: str = "*") -> Row | None:
        """The row in force on ``day`` whatever its status (an unknown or gap row too); ``None`` if none."""
        try:
            return self.at(day, key)
        except NoRowInForce as exc:
            return exc.unknown

    def changes(self, after: int, up_to: int) -> list[tuple[int, Row]]:
        """The rows in force over the days ``(after, up_to]``: ``[(first day, row), ...]`` (the first from
        ``after + 1``). Used where each day counts at the value in force that day (the penalty).

        :raises NoRowInForce: on a day of the range no known row is in force.
        """
        out = [(after + 1, self.at(after + 1))]
        for row in self.rows:
            if after + 1 < row.start_day <= up_to:
                current = self.at(row.start_day)
                if current is not out[-1][1]:
                    out.append((row.start_day, current))
        return out

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
    return Table(name, _rows_of_file(name))


def _rows_of_file(name: str) -> tuple[Row, ...]:
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
        if status not in STATUSES:
            raise TableFormatError(f"{where}: status must be one of {STATUSES[1:]}")
        rule = None
        if name in TEXT_TABLES:
            value = None
            rule = raw.get(column)
            if rule is not None and not isinstance(rule, str):
                raise TableFormatError(f"{where}: {column} must be text")
            if rule is None and status != "gap":
                raise TableFormatError(f"{where}: a row without a rule must say status: gap")
        else:
            value = _decimal(raw.get(column), where)
            if value is None and status != "unknown":
                raise TableFormatError(f"{where}: a row without a value must say status: unknown")
        if not raw.get("source"):
            raise TableFormatError(f"{where}: every row cites its source")
        key = str(raw.get(key_column, "*")) if key_column else "*"
        rows.append(
            make_row(start, value, str(raw["source"]), key, status, raw.get("note"), rule, raw.get("period"))
        )
    return tuple(sorted(rows, key=lambda r: (r.start, r.key)))


def merged(name: str, extra: Iterable[Row]) -> Table:
    """The built-in table ``name`` with ``extra`` rows laid over it: the API for callers outside the engine.

    A row of ``extra`` with the same ``from`` and key as a built-in row supersedes it (a correction is
    a new row, never an edit of the file); any other row is added. The result is an ordinary
    :class:`Table` (``origin`` ``"merged"``): pass it wherever a built-in table goes. Build rows with
    :func:`make_row` (value, ``from``, source, status; ``rule=`` for ``one_time_benefit``). Extra rows
    marked ``unknown`` or ``gap`` are honoured like the built-in ones.
    """
    rows = {(r.start_day, r.key): r for r in load(name).rows}
    for row in extra:
        rows[(row.start_day, row.key)] = row
    return Table(name, tuple(sorted(rows.values(), key=lambda r: (r.start, r.key))), origin="merged")


def from_case(
    name: str, rows: Sequence[tuple[date, Decimal | None, str]], rules: list[str | None] | None = None
) -> Table:
    """A table given in the case file: it replaces the built-in one whole (the contract's override).

    ``rules`` (``one_time_benefit``): the rule of each row, in the order of ``rows``.
    """
    return Table(
        name,
        tuple(
            make_row(
                start,
                value,
                CASE_SOURCE,
                key,
                None if rules is None or rules[i] else "gap",
                None,
                None if rules is None else rules[i],
            )
            for i, (start, value, key) in enumerate(rows)
        ),
        origin="case",
    )
