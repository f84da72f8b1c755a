"""Arts. 235, 244-245, 247, 260-265: lost earnings, care, the one-off benefit, recalculations, late claims.

The defaults (tests/rules/builders.py): AME 30,000.00, base 30,000 (5 x MW = 10,000 is lower),
claim on 2024-01-10, statement as of 2024-06-30.
"""

from __future__ import annotations

import compensation
from tests.rules.builders import amounts, finding, injury_case, installment


def lost(findings: list[dict], **overrides: object) -> dict:
    return amounts(compensation.calculate(injury_case(msec_findings=findings, **overrides)), "lost_earnings")


def test_lost_earnings_are_prorated_by_the_days_covered_in_a_month() -> None:
    """Art. 235: 60 % of 30,000 = 18,000 a month; from 18 January: 14 of 31 days -> 8,129.03."""
    assert lost([finding("2024-01-18", None, 60)])["2024-01"] == "8129.03"


def test_the_findings_to_is_inclusive_and_installments_stop_after_it() -> None:
    """Art. 261: paid for the term of the finding. To 10 March: 10/31 days -> 5,806.45; none after March."""
    result = lost([finding("2024-01-01", "2024-03-10", 60)])

    assert result == {"2024-01": "18000.00", "2024-02": "18000.00", "2024-03": "5806.45"}


def test_an_open_finding_runs_to_the_end_of_the_calculation_month() -> None:
    result = lost([finding("2024-01-01", None, 60)], calculation_date="2024-04-15")

    assert list(result) == ["2024-01", "2024-02", "2024-03", "2024-04"]
    assert result["2024-04"] == "18000.00"


def test_an_increase_applies_from_the_month_after_the_victim_brought_the_finding() -> None:
    """Art. 265 item 1: 40 % to March; 60 % from 1 April, brought on 20 April -> 60 % from 1 May.

    April stays at 40 % of 30,000 = 12,000.00; May and June 18,000.00.
    """
    result = lost(
        [finding("2024-01-01", "2024-03-31", 40), finding("2024-04-01", None, 60, applied_on="2024-04-20")]
    )

    assert result == {
        "2024-01": "12000.00",
        "2024-02": "12000.00",
        "2024-03": "12000.00",
        "2024-04": "12000.00",
        "2024-05": "18000.00",
        "2024-06": "18000.00",
    }


def test_an_increase_brought_on_its_first_day_still_waits_for_the_next_month() -> None:
    """Art. 265 item 1 with applied_on defaulting to from (1 April): the 60 % applies from 1 May."""
    result = lost([finding("2024-01-01", "2024-03-31", 40), finding("2024-04-01", None, 60)])

    assert result["2024-04"] == "12000.00"
    assert result["2024-05"] == "18000.00"


def test_an_increase_brought_before_it_starts_applies_from_its_start() -> None:
    """Brought on 15 March, the month after is April, which is when the new finding starts."""
    result = lost(
        [finding("2024-01-01", "2024-03-31", 40), finding("2024-04-01", None, 60, applied_on="2024-03-15")]
    )

    assert result["2024-03"] == "12000.00"
    assert result["2024-04"] == "18000.00"


def test_a_decrease_applies_from_the_month_after_it_starts() -> None:
    """Art. 265 item 2: 60 % to 15 March, 30 % from 16 March -> 30 % from 1 April.

    March stays at 60 % in full: 18,000.00; April on 9,000.00.
    """
    result = lost([finding("2024-01-01", "2024-03-15", 60), finding("2024-03-16", None, 30)])

    assert result["2024-03"] == "18000.00"
    assert result["2024-04"] == "9000.00"


def test_a_finding_after_a_gap_applies_from_its_own_start() -> None:
    """Not a continuation (10 days without a finding), so no Art. 265 delay; the gap is not paid.

    February (29 days): 10 days at 60 % + 10 days (20-29 Feb) at 30 %:
    30,000 x (10 x 0.6 + 10 x 0.3) / 29 = 270,000 / 29 = 9,310.3448... -> 9,310.34, one installment.
    """
    result = lost([finding("2024-01-01", "2024-02-10", 60), finding("2024-02-20", None, 30)])

    assert result["2024-02"] == "9310.34"
    assert result["2024-03"] == "9000.00"


def test_care_allowances_are_five_and_two_minimum_wages_prorated_by_days() -> None:
    """Art. 245: special medical care 5 x 2,000 = 10,000; household care 2 x 2,000 = 4,000 a month.
    From 18 January: 14/31 -> 4,516.13 and 1,806.45."""
    case = injury_case(msec_findings=[finding("2024-01-18", None, 60, care=["special_medical", "household"])])

    result = compensation.calculate(case)

    assert amounts(result, "care_special_medical")["2024-01"] == "4516.13"
    assert amounts(result, "care_household")["2024-01"] == "1806.45"
    assert amounts(result, "care_special_medical")["2024-02"] == "10000.00"
    assert amounts(result, "care_household")["2024-02"] == "4000.00"


def test_group_i_implies_household_care_without_a_listed_need() -> None:
    """Art. 244: group I needs no MSEC conclusion on household care (special medical care still does)."""
    result = compensation.calculate(injury_case(msec_findings=[finding("2024-01-01", None, 100, "I")]))

    assert set(amounts(result, "care_household").values()) == {"4000.00"}
    assert amounts(result, "care_special_medical") == {}


def test_care_follows_the_minimum_wage_of_each_month() -> None:
    """Art. 245 with MW 2,000 in 2024 and 2,500 from 2025: household care 4,000.00 then 5,000.00."""
    case = injury_case(
        calculation_date="2025-01-31",
        msec_findings=[finding("2024-12-01", None, 60, care=["household"])],
    )

    result = compensation.calculate(case)

    assert amounts(result, "care_household") == {"2024-12": "4000.00", "2025-01": "5000.00"}


def test_one_off_benefit_by_disability_group() -> None:
    """Art. 247: group II, 5 x 12 x 30,000 = 1,800,000.00, due one month after the claim (10 Feb)."""
    result = compensation.calculate(injury_case(msec_findings=[finding("2024-01-01", None, 60, "II")]))

    one_off = installment(result, "one_off_injury", None)
    assert (one_off["amount"], one_off["due_date"]) == ("1800000.00", "2024-02-10")


def test_a_higher_collective_agreement_multiplier_wins() -> None:
    """Arts. 233, 247: the agreement's 7 for group II beats the statute's 5: 7 x 12 x 30,000 = 2,520,000."""
    case = injury_case(
        msec_findings=[finding("2024-01-01", None, 60, "II")],
        collective_agreement={"one_off_multipliers": {"I": 12, "II": 7, "III": 4}},
    )

    assert installment(compensation.calculate(case), "one_off_injury", None)["amount"] == "2520000.00"


def test_a_lower_collective_agreement_multiplier_does_not_reduce_the_statutory_one() -> None:
    case = injury_case(
        msec_findings=[finding("2024-01-01", None, 60, "II")],
        collective_agreement={"one_off_multipliers": {"II": 4}},
    )

    assert installment(compensation.calculate(case), "one_off_injury", None)["amount"] == "1800000.00"


def test_the_one_off_comes_from_the_first_finding_with_a_group_brought_after_the_claim() -> None:
    """Art. 247, 264: no group until April; group III brought on 5 April (after the claim) -> due 5 May;
    3 x 12 x 30,000 = 1,080,000.00."""
    case = injury_case(
        msec_findings=[
            finding("2024-01-01", "2024-03-31", 60),
            finding("2024-04-01", None, 60, "III", applied_on="2024-04-05"),
        ]
    )

    one_off = installment(compensation.calculate(case), "one_off_injury", None)

    assert (one_off["amount"], one_off["due_date"]) == ("1080000.00", "2024-05-05")


def test_the_one_off_uses_the_base_of_the_month_it_falls_due() -> None:
    """Without documents, base = 5 x MW: due 2025-01-10 -> 5 x 2,500 = 12,500; 3 x 12 x 12,500 = 450,000."""
    case = injury_case(
        calculation_date="2025-01-31",
        claim_date="2024-12-10",
        earnings={"documents_unavailable": True},
        msec_findings=[finding("2024-12-01", None, 40, "III")],
    )

    one_off = installment(compensation.calculate(case), "one_off_injury", None)

    assert (one_off["amount"], one_off["due_date"]) == ("450000.00", "2025-01-10")


def test_a_claim_more_than_three_years_late_is_met_for_three_years_back() -> None:
    """Art. 260: right from 2020-01-01, claim on 2024-06-10 -> owed from 2021-06-10.

    June 2021: 21 of 30 days x 18,000 = 12,600.00; nothing before June 2021; every month up to May 2024
    falls due at the end of the decision period, 2024-06-20 (Art. 257). The one-off is still owed.
    """
    case = injury_case(
        claim_date="2024-06-10",
        msec_findings=[finding("2020-01-01", None, 60, "III")],
    )

    result = compensation.calculate(case)
    lost_earnings = amounts(result, "lost_earnings")

    assert next(iter(lost_earnings)) == "2021-06"
    assert lost_earnings["2021-06"] == "12600.00"
    assert len(lost_earnings) == 37  # June 2021 to June 2024
    assert installment(result, "lost_earnings", "2022-01")["due_date"] == "2024-06-20"
    assert installment(result, "lost_earnings", "2024-06")["due_date"] == "2024-06-30"
    assert installment(result, "one_off_injury", None)["amount"] == "1080000.00"
    assert any(step["article"] == "LC-2004 260" for step in result["trace"])


def test_a_claim_within_three_years_is_paid_from_the_start() -> None:
    case = injury_case(claim_date="2024-06-10", msec_findings=[finding("2021-07-01", None, 60)])

    assert next(iter(amounts(compensation.calculate(case), "lost_earnings"))) == "2021-07"


def test_a_finding_after_the_calculation_date_owes_nothing_yet() -> None:
    case = injury_case(msec_findings=[finding("2024-07-01", None, 60, "III")])

    assert compensation.calculate(case)["installments"] == []
