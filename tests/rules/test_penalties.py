"""Art. 269 (and 257, 264): payments applied oldest first, penalties for paying late.

Defaults (tests/rules/builders.py): lost earnings 18,000.00 a month from January 2024, claim on
2024-01-10 (decision period ends 2024-01-20, so each month is due on its last day), statement
as of 2024-06-30, penalty 0.15 % a day.
"""

from __future__ import annotations

import random

import compensation
from tests.rules.builders import finding, injury_case, installment


def pay(*payments: tuple[str, str, str]) -> list[dict]:
    return [{"date": d, "amount": a, "applies_to": k} for d, a, k in payments]


def test_a_payment_goes_to_the_oldest_installment_first_and_late_parts_carry_a_penalty() -> None:
    """30,000.00 paid on 15 March: January 18,000 (44 days after 31 Jan) then February 12,000 (15 days
    after 29 Feb). February's other 6,000 is still outstanding on 30 June: 122 days.

    January:  0.0015 x 18,000 x 44 = 1,188.00
    February: 0.0015 x (12,000 x 15 + 6,000 x 122) = 0.0015 x 912,000 = 1,368.00
    March:    0.0015 x 18,000 x 91 (31 Mar to 30 Jun) = 2,457.00
    """
    result = compensation.calculate(injury_case(payments=pay(("2024-03-15", "30000.00", "periodic"))))

    january = installment(result, "lost_earnings", "2024-01")
    february = installment(result, "lost_earnings", "2024-02")
    march = installment(result, "lost_earnings", "2024-03")
    assert (january["paid"], january["outstanding"], january["days_overdue"], january["penalty"]) == (
        "18000.00",
        "0.00",
        0,
        "1188.00",
    )
    assert (february["paid"], february["outstanding"], february["days_overdue"], february["penalty"]) == (
        "12000.00",
        "6000.00",
        122,
        "1368.00",
    )
    assert (march["paid"], march["days_overdue"], march["penalty"]) == ("0.00", 91, "2457.00")


def test_installments_paid_on_their_due_dates_carry_no_penalty() -> None:
    payments = pay(
        ("2024-01-31", "18000.00", "periodic"),
        ("2024-02-29", "18000.00", "periodic"),
        ("2024-03-31", "18000.00", "periodic"),
        ("2024-04-30", "18000.00", "periodic"),
        ("2024-05-31", "18000.00", "periodic"),
        ("2024-06-30", "18000.00", "periodic"),
    )

    result = compensation.calculate(injury_case(payments=payments))

    assert result["totals"] == {
        "accrued": "108000.00",
        "paid": "108000.00",
        "outstanding": "0.00",
        "penalty": "0.00",
    }


def test_a_payment_in_advance_is_applied_and_carries_no_penalty() -> None:
    result = compensation.calculate(injury_case(payments=pay(("2024-01-15", "36000.00", "periodic"))))

    assert installment(result, "lost_earnings", "2024-02")["paid"] == "18000.00"
    assert installment(result, "lost_earnings", "2024-02")["penalty"] == "0.00"


def test_ties_on_the_due_date_go_lost_earnings_before_care() -> None:
    """The contract's tie order: due date, period, then component (lost_earnings before care_household).
    January: 18,000 lost earnings + 4,000 household care; 20,000 paid on time covers lost earnings first."""
    case = injury_case(
        msec_findings=[finding("2024-01-01", None, 60, care=["household"])],
        payments=pay(("2024-01-31", "20000.00", "periodic")),
    )

    result = compensation.calculate(case)

    assert installment(result, "lost_earnings", "2024-01")["outstanding"] == "0.00"
    assert installment(result, "care_household", "2024-01")["paid"] == "2000.00"


def test_one_off_payments_apply_to_one_off_sums_only() -> None:
    """A one_off payment does not touch monthly installments; without a one-off sum it is left over."""
    result = compensation.calculate(injury_case(payments=pay(("2024-02-01", "5000.00", "one_off"))))

    assert result["totals"]["paid"] == "0.00"
    assert result["unapplied_payments"] == {"one_off": "5000.00"}


def test_the_one_off_benefit_paid_late_carries_a_penalty() -> None:
    """Group III one-off 1,080,000.00 due 10 February; 1,000,000 paid on 20 February (10 days late):
    0.0015 x (1,000,000 x 10 + 80,000 x 141) = 0.0015 x 21,280,000 = 31,920.00."""
    case = injury_case(
        msec_findings=[finding("2024-01-01", None, 60, "III")],
        payments=pay(("2024-02-20", "1000000.00", "one_off")),
    )

    one_off = installment(compensation.calculate(case), "one_off_injury", None)

    assert (one_off["outstanding"], one_off["days_overdue"], one_off["penalty"]) == (
        "80000.00",
        141,
        "31920.00",
    )


def test_money_paid_beyond_everything_owed_is_reported_not_lost() -> None:
    result = compensation.calculate(injury_case(payments=pay(("2024-06-30", "200000.00", "periodic"))))

    assert result["totals"]["outstanding"] == "0.00"
    assert result["unapplied_payments"] == {"periodic": "92000.00"}  # 200,000 - 6 x 18,000


def test_a_payment_after_the_calculation_date_is_not_counted() -> None:
    result = compensation.calculate(injury_case(payments=pay(("2024-07-05", "18000.00", "periodic"))))

    assert result["totals"]["paid"] == "0.00"


def test_an_installment_not_yet_due_has_no_days_overdue() -> None:
    """Statement as of 15 June: June's installment is due on 30 June."""
    result = compensation.calculate(injury_case(calculation_date="2024-06-15"))

    june = installment(result, "lost_earnings", "2024-06")
    assert (june["days_overdue"], june["penalty"]) == (0, "0.00")


def test_nothing_is_overdue_before_the_employers_ten_days_have_passed() -> None:
    """Art. 257: claim on 25 January -> January's installment is due on 4 February, not 31 January."""
    result = compensation.calculate(injury_case(claim_date="2024-01-25"))

    assert installment(result, "lost_earnings", "2024-01")["due_date"] == "2024-02-04"


def test_same_day_payments_in_any_order_give_the_same_statement() -> None:
    payments = pay(
        ("2024-03-01", "1000.00", "periodic"),
        ("2024-03-01", "25000.00", "periodic"),
        ("2024-03-01", "7.50", "periodic"),
        ("2024-04-01", "20000.00", "periodic"),
    )
    expected = compensation.calculate(injury_case(payments=payments), trace=False)

    for seed in range(5):
        shuffled = payments[:]
        random.Random(seed).shuffle(shuffled)
        assert compensation.calculate(injury_case(payments=shuffled), trace=False) == expected


def test_each_installments_penalty_is_rounded_once_half_up() -> None:
    """January: 17,999.99 paid on time leaves 0.01, which the next payment (29 February, oldest first)
    covers 29 days late: 0.0015 x 0.01 x 29 = 0.000435 -> 0.00. February gets the other 17,996.67 and
    3.33 stays outstanding 71 days to 10 May: 0.0015 x 3.33 x 71 = 0.354645 -> 0.35.
    March: 0.0015 x 18,000 x 40 days = 1,080.00."""
    case = injury_case(
        calculation_date="2024-05-10",
        payments=pay(("2024-01-31", "17999.99", "periodic"), ("2024-02-29", "17996.68", "periodic")),
    )

    result = compensation.calculate(case)

    january = installment(result, "lost_earnings", "2024-01")
    february = installment(result, "lost_earnings", "2024-02")
    assert (january["paid"], january["outstanding"], january["penalty"]) == ("18000.00", "0.00", "0.00")
    assert (february["outstanding"], february["days_overdue"], february["penalty"]) == ("3.33", 71, "0.35")
    assert installment(result, "lost_earnings", "2024-03")["penalty"] == "1080.00"
