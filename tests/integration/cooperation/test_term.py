"""Arts. 3.2-3.5: the agreement's term, its two-year extensions and the two notices (pure date logic)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cooperation import term

SIGNED = date(2022, 4, 15)


def test_the_agreement_is_in_force_for_three_years_from_signing():
    first = term.standing(SIGNED, date(2022, 4, 15))
    before = term.standing(SIGNED, date(2022, 4, 14))

    assert first.in_force
    assert first.term is not None
    assert first.term.last_day == date(2025, 4, 14)
    assert first.term.extension == 0
    assert not before.in_force


def test_notice_not_to_extend_is_due_a_month_before_the_end():
    standing = term.standing(SIGNED, date(2024, 12, 1))

    assert standing.term is not None
    assert standing.term.notice_by == date(2025, 3, 14)


def test_without_notice_the_agreement_is_extended_by_two_years_and_again():
    in_2026 = term.standing(SIGNED, date(2026, 11, 26))
    in_2028 = term.standing(SIGNED, date(2028, 1, 1))

    assert in_2026.in_force
    assert in_2026.term is not None
    assert (in_2026.term.starts_on, in_2026.term.last_day) == (date(2025, 4, 15), date(2027, 4, 14))
    assert in_2026.term.notice_by == date(2027, 3, 14)
    assert in_2026.ends_on is None
    assert in_2028.term is not None
    assert in_2028.term.extension == 2


@pytest.mark.parametrize(
    ("kind", "notice_on", "ends"),
    [
        pytest.param(
            "non_extension", date(2027, 3, 14), date(2027, 4, 15), id="in-time-notice-ends-with-term"
        ),
        pytest.param(
            "early_termination", date(2026, 11, 30), date(2027, 2, 28), id="early-termination-after-3-months"
        ),
    ],
)
def test_a_notice_ends_the_agreement_on_the_day_it_takes_effect(kind, notice_on, ends):
    """A notice in time not to extend ends it with its term; early termination, three months after."""
    assert term.ends_on(SIGNED, kind, notice_on) == ends
    assert term.standing(SIGNED, ends - timedelta(days=1), kind, notice_on).in_force
    assert not term.standing(SIGNED, ends, kind, notice_on).in_force


def test_a_late_notice_not_to_extend_lets_one_more_extension_run():
    assert term.ends_on(SIGNED, "non_extension", date(2027, 3, 20)) == date(2029, 4, 15)


def test_early_termination_in_the_notice_window_stops_the_extension_too():
    assert term.ends_on(SIGNED, "early_termination", date(2027, 3, 1)) == date(2027, 4, 15)


def test_months_are_added_to_the_last_day_of_a_shorter_month():
    assert term.add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert term.add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)
