"""Contract v2 §4: where version 1 said less than the statute, and the trace sentences that misled.

The builders' injury: AME 30,000.00, 60 % from 2024-01-01, claim 2024-01-10, as of 2024-06-30.
"""

from __future__ import annotations

from fractions import Fraction

import compensation
from tests.rules.builders import amounts, death_case, finding, injury_case, installment, som


def test_the_employers_fault_for_a_late_claim_lifts_the_three_year_limit() -> None:
    """LC-2004 art. 269 part 3, LC-2025 art. 228(3): the limit of arts. 260 / 224 does not apply: a right
    from 2020-01-01 claimed on 2024-06-10 is owed from January 2020, not June 2021."""
    case = injury_case(
        claim_date="2024-06-10",
        msec_findings=[finding("2020-01-01", None, 60)],
        late_claim_due_to_employer=True,
    )

    lost = amounts(compensation.calculate(case), "lost_earnings")

    assert next(iter(lost)) == "2020-01"
    assert lost["2020-01"] == som(Fraction(30000 * 60, 100))
    assert len(lost) == 54  # January 2020 to June 2024


def test_each_day_of_delay_carries_the_rate_in_force_that_day() -> None:
    """Contract v2 §4, §5 (LC-2004 art. 269 part 4, LC-2025 art. 228(4)): January's 18,000 due 2024-01-31,
    unpaid on 2024-06-30: 2024-02-01..2024-03-31 (60 days) at 0.15 %, 2024-04-01..2024-06-30 (91 days)
    at 0.2 %."""
    case = injury_case()
    case["parameters"]["penalty_rate_per_day"] = [
        {"from": "2004-08-04", "rate": "0.0015"},
        {"from": "2024-04-01", "rate": "0.002"},
    ]

    january = installment(compensation.calculate(case), "lost_earnings", "2024-01")

    assert january["penalty"] == som(18000 * (60 * Fraction(15, 10000) + 91 * Fraction(2, 1000)))
    assert january["days_overdue"] == 151


def test_a_part_paid_late_counts_its_days_at_each_days_rate() -> None:
    """Contract v2 §5: days late run from the day after the due date to the day of payment, inclusive:
    a part paid on 2024-04-10 counts 31 March days at 0.15 % and 10 April days at 0.2 %."""
    case = injury_case(
        payments=[
            {"date": "2024-04-10", "amount": "18000.00", "applies_to": "periodic"},
            {"date": "2024-02-29", "amount": "18000.00", "applies_to": "periodic"},
        ]
    )
    case["parameters"]["penalty_rate_per_day"] = [
        {"from": "2004-08-04", "rate": "0.0015"},
        {"from": "2024-04-01", "rate": "0.002"},
    ]

    result = compensation.calculate(case)

    # January (due 2024-01-31) is paid on 2024-02-29: 29 days, all at 0.15 %.
    assert installment(result, "lost_earnings", "2024-01")["penalty"] == som(18000 * 29 * Fraction(15, 10000))
    # February's 18,000 is due 2024-02-29; the first payment (2024-02-29) went to January, so February is
    # paid on 2024-04-10: 2024-03-01..2024-03-31 (31 days) at 0.15 %, 10 days at 0.2 %.
    assert installment(result, "lost_earnings", "2024-02")["penalty"] == som(
        18000 * (31 * Fraction(15, 10000) + 10 * Fraction(2, 1000))
    )


def test_a_single_penalty_rate_string_still_applies_to_every_day() -> None:
    """Contract v2: ``penalty_rate_per_day`` may still be one string (version 1)."""
    case = injury_case()
    case["parameters"]["penalty_rate_per_day"] = "0.001"

    assert installment(compensation.calculate(case), "lost_earnings", "2024-01")["penalty"] == som(
        18000 * 151 * Fraction(1, 1000)
    )


def test_a_care_need_added_by_a_continuing_finding_counts_from_the_month_after_it_was_brought() -> None:
    """LC-2004 art. 265, LC-2025 art. 227 (contract v2 §4): household care added by a finding from
    2024-03-01 brought on 2024-03-20 is paid from 2024-04-01 (2 x MW 2,000 = 4,000 a month)."""
    case = injury_case(
        msec_findings=[
            finding("2024-01-01", "2024-02-29", 60),
            finding("2024-03-01", None, 60, care=["household"], applied_on="2024-03-20"),
        ]
    )

    care = amounts(compensation.calculate(case), "care_household")

    assert care == {"2024-04": "4000.00", "2024-05": "4000.00", "2024-06": "4000.00"}


def test_a_care_need_removed_by_a_continuing_finding_is_paid_to_the_end_of_its_month() -> None:
    """LC-2004 art. 265 item 2, LC-2025 art. 227: special care removed by a finding from 2024-03-10 is
    paid until 2024-03-31 (5 x MW 2,000 = 10,000 a month)."""
    case = injury_case(
        msec_findings=[
            finding("2024-01-01", "2024-03-09", 60, care=["special_medical"]),
            finding("2024-03-10", None, 60),
        ]
    )

    care = amounts(compensation.calculate(case), "care_special_medical")

    assert care == {"2024-01": "10000.00", "2024-02": "10000.00", "2024-03": "10000.00"}


def test_a_third_partys_fault_makes_the_employer_liable_under_both_codes() -> None:
    """LC-2004 art. 226 part 3, LC-2025 art. 210(5): no danger source, no fault of the employer, but a third
    party's fault: the employer pays, then has recourse."""
    for day in ("2024-01-01", "2025-06-01"):
        case = injury_case(msec_findings=[finding(day, None, 60)], calculation_date="2025-06-30")
        case["liability"] = {"third_party_fault": True}

        result = compensation.calculate(case)

        assert result["liability"]["employer_liable"] is True
        assert result["trace"][0]["article"] in ("LC-2004 226 part 3", "LC-2025 210(5)")


def test_an_aircraft_makes_the_employer_liable_despite_force_majeure_only_under_the_2004_code() -> None:
    """LC-2004 art. 229: liable unless the victim's intent; LC-2025 has no such article, so from
    28 January 2025 the general rule (art. 210(2)) frees the employer on force majeure. The regime is the
    one of the day of the event (``injury_date``; contract v2 §5)."""
    flags = {"source_of_increased_danger": True, "force_majeure": True, "aircraft": True}
    old = injury_case(liability=dict(flags), injury_date="2024-01-01")
    new = injury_case(
        liability=dict(flags),
        injury_date="2025-03-01",
        msec_findings=[finding("2025-03-01", None, 60)],
        calculation_date="2025-06-30",
    )

    assert compensation.calculate(old)["liability"]["employer_liable"] is True
    assert compensation.calculate(new)["liability"]["employer_liable"] is False
    intent = injury_case(liability={**flags, "victim_intent": True}, injury_date="2024-01-01")
    assert compensation.calculate(intent)["liability"]["employer_liable"] is False


# --- the trace sentences that misled (issue 16, "Also") ------------------------------------------


def test_a_death_case_with_fault_says_the_fault_reduces_nothing() -> None:
    """LC-2004 art. 230 part 4, CC art. 1011(4): nothing in a death case is reduced for the fault."""
    case = death_case()
    case["liability"]["victim_gross_negligence_percent"] = 25

    result = compensation.calculate(case, "ru")

    sentence = result["trace"][0]["rule"]
    assert "ничего не уменьшает" in sentence
    assert "утраченного заработка" not in sentence
    assert set(amounts(result, "survivor", "c1").values()) == {"10000.00"}


def test_lost_earnings_at_no_fault_do_not_cite_art_230() -> None:
    """LC-2004 art. 235 alone at 0 % fault (art. 230 only when there is a fault to reduce by)."""
    result = compensation.calculate(injury_case(), "ru")

    step = next(s for s in result["trace"] if "loss_percent" in s["inputs"])
    assert step["article"] == "LC-2004 235"
    assert "230" not in step["rule"]


def test_the_share_sentence_names_who_is_counted() -> None:
    result = compensation.calculate(death_case(), "ru")

    step = next(s for s in result["trace"] if "counted" in s["inputs"])
    assert step["inputs"]["counted"] == "c1, c2"
    assert "c1, c2" in step["rule"]


def test_no_internal_code_or_english_citation_reaches_a_russian_or_kyrgyz_trace() -> None:
    """Issue 16: "liable", "msec_findings.0", "simple_70_min10", "исключены по выбору потерпевшего" in a
    death case, "право с ... до бессрочно", "Labour Code ..." in a Russian sentence."""
    cases = [
        injury_case(
            msec_findings=[finding("2024-01-01", "2024-02-29", 60), finding("2024-03-01", None, 80)],
            capitalisation={"date": "2024-06-30", "victim_birth_date": "1980-01-01"},
        ),
        death_case(
            survivors=[{"id": "w", "birth_date": "1960-01-01", "sex": "female", "grounds": ["pension_age"]}]
        ),
    ]
    for case in cases:
        for language in ("ru", "ky"):
            for step in compensation.calculate(case, language)["trace"]:
                text = step["rule"] + " " + str(step["result"])
                for code in ("liable", "msec_findings.", "simple_70_min10", "Labour Code", "open-ended"):
                    assert code not in text, (code, text)
                assert "по выбору потерпевшего" not in text
                assert "до бессрочно" not in text


def test_a_payment_on_the_due_date_is_on_time() -> None:
    """Contract v2 §5: the late days start the day after the due date."""
    case = injury_case(payments=[{"date": "2024-01-31", "amount": "18000.00", "applies_to": "periodic"}])

    assert installment(compensation.calculate(case), "lost_earnings", "2024-01")["penalty"] == "0.00"
