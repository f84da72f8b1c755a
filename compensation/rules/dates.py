"""Calendar arithmetic in the contract's own phrases (Arts. 257, 260, 264, 265).

The engine works month by month, never day by day: a day is a proleptic
Gregorian ordinal (``date.toordinal()``) and a month is an integer index
``year * 12 + month - 1``, so that "the next month" is ``+ 1`` and a range of
days inside a month is a subtraction. Every phrase of the contract that speaks
of months or years has one function here:

* "one month after date X is the same day number in the next month, or that
  month's last day" -> :func:`one_month_after` (Arts. 247, 252, 264);
* "N years after / before" (the 3-year limit of Art. 260, the 18th and 23rd
  birthdays of Art. 249) -> :func:`add_years`, with the same last-day rule;
* "from the first day of the month after X" (Art. 265) -> :func:`first_day_of_next_month`;
* the last day of a month (Art. 264: a month's installment is due by its end).
"""

from __future__ import annotations

from datetime import date, timedelta

__all__ = [
    "add_months",
    "add_years",
    "bounds",
    "days_in_month",
    "first_day",
    "first_day_of_next_month",
    "iso",
    "last_day",
    "month_index",
    "month_label",
    "month_of",
    "one_month_after",
]


def month_index(year: int, month: int) -> int:
    """The month as one integer (``year * 12 + month - 1``), so that the next month is ``+ 1``."""
    return year * 12 + month - 1


def month_of(day: int) -> int:
    """The month index of a day given as an ordinal."""
    found = MONTH_OF.get(day)
    if found is None:
        d = date.fromordinal(day)
        found = d.year * 12 + d.month - 1
        if len(MONTH_OF) < CACHE_LIMIT:
            MONTH_OF[day] = found
    return found


def month_at(day: date) -> int:
    """The month index of a date."""
    return day.year * 12 + day.month - 1


#: The caches below stop growing at this size (a long-running server sees odd dates too).
CACHE_LIMIT = 200_000
#: month index -> (first day, last day, days in month, label): a plain dict is the cheapest cache.
BOUNDS: dict[int, tuple[int, int, int, str]] = {}
#: day ordinal -> ``YYYY-MM-DD``.
ISO: dict[int, str] = {}
#: day ordinal -> month index.
MONTH_OF: dict[int, int] = {}


def bounds(month: int) -> tuple[int, int, int, str]:
    """``(first day, last day, days in month, "YYYY-MM")`` of ``month``, computed once per process."""
    found = BOUNDS.get(month)
    if found is None:
        year, m0 = divmod(month, 12)
        start = date(year, m0 + 1, 1).toordinal()
        end = (date(year + 1, 1, 1) if m0 == 11 else date(year, m0 + 2, 1)).toordinal() - 1
        found = (start, end, end - start + 1, f"{year:04d}-{m0 + 1:02d}")
        if len(BOUNDS) < CACHE_LIMIT:
            BOUNDS[month] = found
    return found


def first_day(month: int) -> int:
    """The ordinal of the first day of ``month``."""
    return (BOUNDS.get(month) or bounds(month))[0]


def last_day(month: int) -> int:
    """The ordinal of the last day of ``month`` (Art. 264: the month's installment is due by then)."""
    return (BOUNDS.get(month) or bounds(month))[1]


def days_in_month(month: int) -> int:
    """How many days ``month`` has: the denominator of every proration by days."""
    return (BOUNDS.get(month) or bounds(month))[2]


def month_label(month: int) -> str:
    """``YYYY-MM``, the contract's spelling of a month."""
    return (BOUNDS.get(month) or bounds(month))[3]


def iso(day: int) -> str:
    """``YYYY-MM-DD`` of a day given as an ordinal."""
    found = ISO.get(day)
    if found is None:
        found = date.fromordinal(day).isoformat()
        if len(ISO) < CACHE_LIMIT:
            ISO[day] = found
    return found


def _clamped(year: int, month: int, day: int) -> date:
    """``year-month-day``, or that month's last day when it has fewer days."""
    if day <= 28:
        return date(year, month, day)
    last = (date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)) - timedelta(days=1)
    return date(year, month, min(day, last.day))


def add_months(day: date, months: int) -> date:
    """The same day number ``months`` later (or earlier), or that month's last day when it is shorter."""
    total = day.year * 12 + day.month - 1 + months
    year, m0 = divmod(total, 12)
    return _clamped(year, m0 + 1, day.day)


def one_month_after(day: date) -> date:
    """Arts. 247, 252, 264: "one month after X" is the same day number in the next month, or its last day.

    2024-01-31 -> 2024-02-29; 2024-12-02 -> 2025-01-02.
    """
    return add_months(day, 1)


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later (or earlier); 29 February becomes 28 February in a common year.

    Used for the 3-year limit (Art. 260) and for birthdays (Art. 249: 18, 23), with the
    same last-day rule as :func:`one_month_after`.
    """
    return add_months(day, 12 * years)


def first_day_of_next_month(day: date) -> date:
    """Art. 265: a recalculation takes effect "from the first day of the month after" ``day``."""
    return date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)
