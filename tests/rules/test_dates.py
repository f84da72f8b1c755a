"""Month arithmetic in the contract's phrases (Arts. 247, 249, 252, 257, 260, 264, 265)."""

from __future__ import annotations

from datetime import date

import pytest

from compensation.rules import dates, schedule


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2024-12-02", "2025-01-02"),  # the contract's example 1: the same day number next month
        ("2024-01-31", "2024-02-29"),  # no 31 February: that month's last day (leap year)
        ("2023-01-31", "2023-02-28"),
        ("2024-03-31", "2024-04-30"),
        ("2024-02-29", "2024-03-29"),
    ],
)
def test_one_month_after_is_the_same_day_next_month_or_its_last_day(day: str, expected: str) -> None:
    assert dates.one_month_after(date.fromisoformat(day)).isoformat() == expected


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        ("2008-02-29", 18, "2026-02-28"),  # Art. 249: a leap-day child comes of age on 28 February
        ("2024-02-29", -3, "2021-02-28"),  # Art. 260: three years back from a leap-day claim
        ("2010-05-04", 18, "2028-05-04"),
    ],
)
def test_years_later_keep_the_day_or_take_the_months_last(day: str, years: int, expected: str) -> None:
    assert dates.add_years(date.fromisoformat(day), years).isoformat() == expected


def test_first_day_of_the_next_month_crosses_the_year() -> None:
    """Art. 265: recalculation "from the first day of the month after"."""
    assert dates.first_day_of_next_month(date(2024, 12, 15)) == date(2025, 1, 1)
    assert dates.first_day_of_next_month(date(2024, 1, 1)) == date(2024, 2, 1)


def test_a_month_knows_its_days() -> None:
    february = dates.month_index(2024, 2)

    first, last, days, label = dates.bounds(february)

    assert (date.fromordinal(first), date.fromordinal(last), days, label) == (
        date(2024, 2, 1),
        date(2024, 2, 29),
        29,
        "2024-02",
    )
    assert dates.month_of(date(2024, 2, 15).toordinal()) == february
    assert dates.iso(date(2024, 2, 15).toordinal()) == "2024-02-15"


def test_periodic_installment_is_due_at_month_end_or_after_the_decision_period() -> None:
    """Arts. 257, 264: the later of the month's last day and claim + 10 days."""
    january = dates.month_index(2024, 1)

    late_claim = schedule.periodic_due(january, date(2024, 1, 25).toordinal())
    early_claim = schedule.periodic_due(january, date(2024, 1, 5).toordinal())

    assert date.fromordinal(late_claim) == date(2024, 2, 4)
    assert date.fromordinal(early_claim) == date(2024, 1, 31)


def test_three_year_limit_starts_three_years_before_the_claim() -> None:
    """Art. 260: days before claim_date - 3 years are not owed."""
    assert date.fromordinal(schedule.first_owed_day(date(2024, 6, 10).toordinal())) == date(2021, 6, 10)
    assert date.fromordinal(schedule.first_owed_day(date(2024, 2, 29).toordinal())) == date(2021, 2, 28)
