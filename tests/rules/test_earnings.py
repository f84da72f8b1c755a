"""Arts. 234, 236-238: average monthly earnings (AME), the floor of five minimum wages, indexation."""

from __future__ import annotations

import compensation
from tests.rules.builders import amounts, injury_case, months


def ame(earnings: dict) -> dict:
    return compensation.calculate(injury_case(earnings=earnings))["average_monthly_earnings"]


def test_twelve_months_before_the_reference_month() -> None:
    """Art. 238 part 1: sum of 12 months / 12 = 360,000 / 12 = 30,000.00."""
    assert ame({"reference_month": "2024-01", "months": months("2023-01", 12)}) == {
        "amount": "30000.00",
        "method": "actual",
    }


def test_fewer_than_twelve_months_worked_divides_by_the_months_worked() -> None:
    """Art. 238 part 2: 3 x 28,000 + 4 x 31,000 = 208,000; / 7 = 29,714.2857... -> 29,714.29."""
    listed = months("2023-06", 3, "28000.00") + months("2023-09", 4, "31000.00")

    assert ame({"reference_month": "2024-01", "months": listed}) == {"amount": "29714.29", "method": "actual"}


def test_only_the_twelve_most_recent_months_count() -> None:
    """Art. 237: 14 months listed; the two oldest (10,000 each) fall outside the 12."""
    listed = months("2022-11", 2, "10000.00") + months("2023-01", 12)

    assert ame({"reference_month": "2024-01", "months": listed})["amount"] == "30000.00"


def test_months_from_the_reference_month_on_are_not_counted() -> None:
    """Art. 237: the months *preceding* the injury; January 2024 (90,000) is the injury month."""
    listed = months("2023-01", 12) + months("2024-01", 1, "90000.00")

    assert ame({"reference_month": "2024-01", "months": listed})["amount"] == "30000.00"


def test_excluded_months_are_replaced_by_earlier_ones() -> None:
    """Art. 237: May 2023 (unpaid leave) is excluded; December 2022 (24,000) takes its place.

    12 months: 2022-12 (24,000) + 11 months of 30,000 = 354,000; / 12 = 29,500.00.
    November 2022 (99,999) is still outside the 12.
    """
    listed = months("2022-11", 1, "99999.00") + months("2022-12", 1, "24000.00") + months("2023-01", 12)
    listed[2 + 4]["exclude"] = "unpaid_leave"  # 2023-05
    listed[2 + 4]["amount"] = "5000.00"

    assert ame({"reference_month": "2024-01", "months": listed})["amount"] == "29500.00"


def test_a_sustained_pay_rise_counts_only_the_months_from_it_on() -> None:
    """Art. 238 last part: from October 2023 the pay rose to 40,000; AME = 40,000.00, not 32,500."""
    listed = months("2023-01", 9) + months("2023-10", 3, "40000.00")

    earnings = {"reference_month": "2024-01", "months": listed, "sustained_increase_from": "2023-10"}

    assert ame(earnings)["amount"] == "40000.00"


def test_under_one_month_worked_gives_conditional_monthly_earnings() -> None:
    """Art. 238 part 3: 9,000 earned in 6 days x 20.58 working days a month = 30,870.00."""
    earnings = {
        "reference_month": "2024-01",
        "months": [],
        "partial_month": {"earned": "9000.00", "days_worked": 6, "average_working_days_per_month": "20.58"},
    }

    assert ame(earnings) == {"amount": "30870.00", "method": "partial_month"}


def test_full_months_beat_a_partial_month() -> None:
    earnings = {
        "reference_month": "2024-01",
        "months": months("2023-12", 1),
        "partial_month": {"earned": "9000.00", "days_worked": 6, "average_working_days_per_month": "20.58"},
    }

    assert ame(earnings) == {"amount": "30000.00", "method": "actual"}


def test_no_documents_means_five_minimum_wages() -> None:
    """Art. 238 part 4: base = 5 x MW: 5 x 2,000 = 10,000 in 2024 -> 60 % = 6,000.00 a month;
    5 x 2,500 = 12,500 from January 2025 -> 7,500.00."""
    case = injury_case(
        calculation_date="2025-02-28",
        claim_date="2024-11-01",
        earnings={
            "documents_unavailable": True,
            "reference_month": "2024-01",
            "months": months("2023-01", 12),
        },
        msec_findings=[{"from": "2024-11-01", "to": None, "loss_percent": 60}],
    )

    result = compensation.calculate(case)

    assert result["average_monthly_earnings"] == {"amount": None, "method": "five_minimum_wages"}
    assert amounts(result, "lost_earnings") == {
        "2024-11": "6000.00",
        "2024-12": "6000.00",
        "2025-01": "7500.00",
        "2025-02": "7500.00",
    }


def test_earnings_below_five_minimum_wages_are_lifted_to_the_floor() -> None:
    """Art. 238 part 5: AME 5,000 < 5 x 2,000 = 10,000, so the base is 10,000 -> 6,000.00 at 60 %."""
    case = injury_case(earnings={"reference_month": "2024-01", "months": months("2023-01", 12, "5000.00")})

    result = compensation.calculate(case)

    assert result["average_monthly_earnings"]["amount"] == "5000.00"
    assert set(amounts(result, "lost_earnings").values()) == {"6000.00"}


def test_indexation_multiplies_the_factors_in_force_after_the_reference_month_began() -> None:
    """Art. 234. Reference month January 2024 (AME 30,000); factors:

    * 2023-06-01 x 1.2 and 2024-01-01 x 1.5: not *after* the first day of the reference month -> ignored;
    * 2024-03-01 x 1.10: applies from March (its from is not after 1 March);
    * 2024-05-15 x 1.05: applies from June (not in force on 1 May).

    base: Jan-Feb 30,000; Mar-May 33,000; Jun 30,000 x 1.10 x 1.05 = 34,650.
    Lost earnings at 60 %: 18,000 / 19,800 / 20,790.
    """
    case = injury_case()
    case["parameters"]["indexation"] = [
        {"from": "2023-06-01", "factor": "1.2"},
        {"from": "2024-01-01", "factor": "1.5"},
        {"from": "2024-03-01", "factor": "1.10"},
        {"from": "2024-05-15", "factor": "1.05"},
    ]

    result = compensation.calculate(case)

    assert amounts(result, "lost_earnings") == {
        "2024-01": "18000.00",
        "2024-02": "18000.00",
        "2024-03": "19800.00",
        "2024-04": "19800.00",
        "2024-05": "19800.00",
        "2024-06": "20790.00",
    }
    base_steps = [s for s in result["trace"] if s["article"] == "LC-2004 234, 238"]
    assert [s["inputs"]["index"] for s in base_steps] == ["1", "1.1", "1.155"]


def test_indexed_earnings_are_rounded_once_before_the_floor_comparison() -> None:
    """Contract: base(m) = max(AME x I(m) rounded, 5 x MW(m)).
    10,000.01 x 1.0001 = 10,001.010001 -> 10,001.01; lost earnings at 60 % = 6,000.606 -> 6,000.61."""
    case = injury_case(earnings={"reference_month": "2024-01", "months": months("2023-12", 1, "10000.01")})
    case["parameters"]["indexation"] = [{"from": "2024-02-01", "factor": "1.0001"}]

    result = compensation.calculate(case)

    assert amounts(result, "lost_earnings")["2024-01"] == "6000.01"  # 10,000.01 x 60 % = 6,000.006
    assert amounts(result, "lost_earnings")["2024-02"] == "6000.61"
