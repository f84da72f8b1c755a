"""The agreement's term (arts. 3.2, 3.4, 3.5) as pure functions of dates: no clock, no database.

- 3.2: concluded for three years, in force from the day both parties sign.
- 3.4: when the term ends it may be extended for the next two years, unless either party notified
  the other in writing, a month before the end, that it terminates the agreement. We read "may be
  extended" as extended by default (nobody acts to extend it), and apply it to each later term too.
- 3.5: either party may terminate early by written notice; the agreement ceases three months after
  the other party received the notice.

Dates are inclusive "last day in force"; ``ends_on`` is the first day the agreement no longer binds.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

FIRST_TERM_YEARS = 3  # art. 3.2
EXTENSION_YEARS = 2  # art. 3.4
NOTICE_MONTHS_BEFORE_END = 1  # art. 3.4
EARLY_TERMINATION_MONTHS = 3  # art. 3.5


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier); the 31st becomes the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class Term:
    starts_on: date
    #: The last day of the term.
    last_day: date
    #: Art. 3.4: the last day a notice not to extend reaches the other party in time.
    notice_by: date
    #: 0 for the first three years, then 1, 2, ... for each two-year extension.
    extension: int


@dataclass(frozen=True)
class Standing:
    """How the agreement stands on ``on``: in force or not, its current term, when it ends."""

    on: date
    in_force: bool
    term: Term | None
    #: The first day it no longer binds, when a notice fixed it; None while it keeps extending.
    ends_on: date | None


def terms(signed_on: date) -> list[Term]:
    """The first term and the next extensions, up to 50 years on: enough for any question asked."""
    out: list[Term] = []
    start, years, extension = signed_on, FIRST_TERM_YEARS, 0
    while start.year < signed_on.year + 50:
        last = add_months(start, 12 * years) - timedelta(days=1)
        out.append(Term(start, last, add_months(last, -NOTICE_MONTHS_BEFORE_END), extension))
        start, years, extension = last + timedelta(days=1), EXTENSION_YEARS, extension + 1
    return out


def ends_on(signed_on: date, notice_kind: str | None, notice_received_on: date | None) -> date | None:
    """The day the agreement ceases because of a notice, or None while no notice was given.

    Art. 3.4: a notice not to extend ends it after the term whose notice day it met (a late notice
    lets one more extension run). Art. 3.5: early termination ends it three months after the notice
    was received, or at the end of the term if that comes first.
    """
    if notice_kind is None or notice_received_on is None:
        return None
    for term in terms(signed_on):
        if notice_kind == "early_termination" and notice_received_on <= term.last_day:
            three_months = add_months(notice_received_on, EARLY_TERMINATION_MONTHS)
            # A notice received in time for art. 3.4 also stops the extension: whichever comes first.
            if notice_received_on <= term.notice_by:
                return min(three_months, term.last_day + timedelta(days=1))
            return three_months
        if notice_kind == "non_extension" and notice_received_on <= term.notice_by:
            return term.last_day + timedelta(days=1)
    return None


def standing(
    signed_on: date, on: date, notice_kind: str | None = None, notice_received_on: date | None = None
) -> Standing:
    """Art. 3.2-3.5 on the day ``on``: is the agreement in force, which term runs, when must notice go?"""
    end = ends_on(signed_on, notice_kind, notice_received_on)
    if on < signed_on or (end is not None and on >= end):
        return Standing(on, False, None, end)
    term = next(t for t in terms(signed_on) if t.starts_on <= on <= t.last_day)
    return Standing(on, True, term, end)
