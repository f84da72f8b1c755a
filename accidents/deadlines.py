"""Deadlines of the investigation (art. 223) read from ``deadlines.yaml``: data, not literals.

Pure functions of dates and the rules table: no clock, no database, so a deadline
can be recomputed for any day and tested without an app.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from accidents.classifiers import Category, CommissionRole, Recipient

HERE = Path(__file__).parent


class NoRulesInForce(LookupError):
    """No row of the deadlines table is in force on the date asked: never guess a deadline."""


@dataclass(frozen=True)
class Rules:
    """One row of ``deadlines.yaml``: the regime in force from ``start``."""

    start: date
    source: str
    notification_hours: int
    notification_categories: frozenset[Category]
    recipients: tuple[Recipient, ...]
    investigation_days: dict[Category, int]
    extension_days: int
    extension_times: int
    extension_categories: frozenset[Category]
    commission_min_members: int
    commission_required_roles: tuple[CommissionRole, ...]
    #: Days from the investigation's close to the employer's approval of the act; None: no deadline is
    #: set in law (then nothing is compared against one, never an invented deadline).
    approval_days: int | None = None
    approval_source: str = ""

    def notification_required(self, category: Category) -> bool:
        return category in self.notification_categories

    def required_recipients(self, category: Category) -> tuple[Recipient, ...]:
        """Art. 223: a group, severe or fatal accident is reported to these bodies."""
        return self.recipients if self.notification_required(category) else ()

    def notification_due(self, since: datetime) -> datetime:
        """The moment by which every notice must have gone ("immediately" = within N hours)."""
        return since + timedelta(hours=self.notification_hours)

    def investigation_due(self, category: Category, start: date, extension_days: int = 0) -> date:
        """The last calendar day of the investigation: start + days for the category (+ extension)."""
        return start + timedelta(days=self.investigation_days[category] + extension_days)

    def approval_due(self, closed_on: date) -> date | None:
        """The last day to approve the act, or None where the law sets no deadline."""
        return None if self.approval_days is None else closed_on + timedelta(days=self.approval_days)

    def may_extend(self, category: Category, extensions_so_far: int) -> bool:
        return category in self.extension_categories and extensions_so_far < self.extension_times


def _row(raw: dict[str, Any]) -> Rules:
    notification, investigation, commission = raw["notification"], raw["investigation"], raw["commission"]
    extension = investigation.get("extension") or {"days": 0, "times": 0, "categories": []}
    approval = raw.get("approval") or {}
    return Rules(
        start=raw["from"],
        source=" ".join(str(raw["source"]).split()),
        notification_hours=int(notification["hours"]),
        notification_categories=frozenset(Category(c) for c in notification["categories"]),
        recipients=tuple(Recipient(r) for r in notification["recipients"]),
        investigation_days={Category(k): int(v) for k, v in investigation["days"].items()},
        extension_days=int(extension["days"]),
        extension_times=int(extension["times"]),
        extension_categories=frozenset(Category(c) for c in extension["categories"]),
        commission_min_members=int(commission["min_members"]),
        commission_required_roles=tuple(CommissionRole(r) for r in commission["required_roles"]),
        approval_days=None if approval.get("days") is None else int(approval["days"]),
        approval_source=" ".join(str(approval.get("source", "")).split()),
    )


@functools.cache
def table(path: Path = HERE / "deadlines.yaml") -> tuple[Rules, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rows = tuple(sorted((_row(r) for r in data["rows"]), key=lambda r: r.start))
    for row in rows:
        missing = set(Category) - set(row.investigation_days)
        if missing:
            raise ValueError(f"deadlines.yaml row from {row.start}: no investigation days for {missing}")
    return rows


def rules_on(day: date) -> Rules:
    """The row in force on ``day`` (the accident's date): the latest ``from`` not after it."""
    candidates = [r for r in table() if r.start <= day]
    if not candidates:
        raise NoRulesInForce(f"no investigation deadlines in force on {day.isoformat()}")
    return candidates[-1]


def rules_over(date_from: date, date_to: date) -> tuple[Rules, ...]:
    """The rows in force on some day of the period, oldest first (none before the first row)."""
    return tuple(r for i, r in enumerate(table()) if r.start <= date_to and not _superseded(i, date_from))


def _superseded(index: int, day: date) -> bool:
    """The row at ``index`` was replaced by a later one on or before ``day``."""
    later = table()[index + 1 :]
    return bool(later) and later[0].start <= day


class DeadlineState(StrEnum):
    """How an investigation stands against its deadline, as the lists and the record show it."""

    RUNNING = "running"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"
    MET = "met"
    LATE = "late"


@dataclass(frozen=True)
class Deadline:
    due_on: date
    state: DeadlineState
    #: Days left (positive), or days overdue / late (negative); 0 on the day itself.
    days: int

    @property
    def is_overdue(self) -> bool:
        return self.state is DeadlineState.OVERDUE


def investigation_state(due_on: date, closed_on: date | None, today: date) -> Deadline:
    """Open investigations run, fall due or are overdue; closed ones were met or late."""
    if closed_on is not None:
        state = DeadlineState.MET if closed_on <= due_on else DeadlineState.LATE
        return Deadline(due_on, state, (due_on - closed_on).days)
    days = (due_on - today).days
    if days < 0:
        return Deadline(due_on, DeadlineState.OVERDUE, days)
    return Deadline(due_on, DeadlineState.DUE_TODAY if days == 0 else DeadlineState.RUNNING, days)


class NoticeState(StrEnum):
    PENDING = "pending"
    OVERDUE = "overdue"
    SENT = "sent"
    SENT_LATE = "sent_late"


def notice_state(due_at: datetime | None, sent_at: datetime | None, now: datetime) -> NoticeState:
    """A notice is overdue when its moment has passed unsent, late when it went after it."""
    if sent_at is not None:
        return NoticeState.SENT_LATE if due_at is not None and sent_at > due_at else NoticeState.SENT
    if due_at is not None and now > due_at:
        return NoticeState.OVERDUE
    return NoticeState.PENDING
