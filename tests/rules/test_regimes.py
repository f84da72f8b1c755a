"""Contract v2 §2: two Labour Codes by date, and the one-time benefit by the law of the day the right arose.

LC-2004 = the Labour Code of 4 August 2004 (arts. 225-272); LC-2025 = the Labour Code of 23 January
2025, published and in force on 28 January 2025 (art. 11: no retroactivity). Periods of monthly sums
from that day follow LC-2025, earlier ones LC-2004, with the same formulas (LC-2004 art. 235 = LC-2025
art. 214). The one-time benefit: LC-2004 arts. 247 / 252 for a right arising before 28 January 2025;
LC-2025 art. 219 with Cabinet Resolution No. 465 once it is in force; in between, a gap: no figure.
Expected sums are worked out from the formulas (multiple x 12 x W, fixed sums) in each test.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

import compensation
from compensation import parameters
from compensation.parameters import NoRowInForce, make_row
from tests.rules.builders import amounts, death_case, finding, injury_case, installment, som, survivor

#: The tables of the version-2 examples: the Resolution from 2025-08-19, W published on three days.
ONE_TIME = [
    {"from": "2004-08-04", "rule": "labour_code_2004"},
    {"from": "2025-01-28", "rule": None},
    {"from": "2025-08-19", "rule": "resolution_465"},
]
WAGE = [
    {"from": "2025-08-14", "amount": "42020.00"},
    {"from": "2025-11-14", "amount": "42757.00"},
    {"from": "2026-03-13", "amount": "44400.00"},
]


def v2(case: dict[str, Any], one_time: Any = ONE_TIME, wage: Any = WAGE) -> dict[str, Any]:
    """The case with the version-2 tables (the builders' minimum wage, plus 3,280 from 2026)."""
    case["parameters"]["one_time_benefit"] = one_time
    case["parameters"]["average_monthly_wage"] = wage
    case["parameters"]["minimum_wage"].append({"from": "2026-01-01", "amount": "3280.00"})
    return case


def injury_2026(group: str = "II", **overrides: Any) -> dict[str, Any]:
    """An injury with disability from 2026-01-05 (W in force that day: 42,757.00), claim 2026-01-12."""
    fields: dict[str, Any] = {
        "calculation_date": "2026-04-30",
        "claim_date": "2026-01-12",
        "earnings": {"reference_month": "2026-01", "months": [{"month": "2025-12", "amount": "30000.00"}]},
        "msec_findings": [finding("2026-01-05", None, 60, group)],
    }
    fields.update(overrides)
    return v2(injury_case(**fields))


def one_off(result: dict[str, Any]) -> dict[str, Any]:
    return installment(result, "one_off_injury", None)


# --- the regime of monthly sums ----------------------------------------------------------------


def test_a_running_award_switches_to_the_2025_code_without_changing_the_formula() -> None:
    """LC-2004 art. 235 until 27 January 2025, LC-2025 art. 214 from 28 January (art. 11(3)-(5)): the same
    base x loss % each month; the regime and the trace's article change. January 2025 is cited as LC-2025
    (its sum is owed at its end, LC-2025 art. 226(1))."""
    case = injury_case(calculation_date="2025-03-31", claim_date="2024-10-15")
    case["msec_findings"] = [finding("2024-10-01", None, 35)]

    result = compensation.calculate(case)

    lost = {i["period"]: i for i in result["installments"] if i["component"] == "lost_earnings"}
    assert {p: i["amount"] for p, i in lost.items()} == {
        "2024-10": som(Fraction(30000 * 35, 100)),
        "2024-11": som(Fraction(30000 * 35, 100)),
        "2024-12": som(Fraction(30000 * 35, 100)),
        "2025-01": som(Fraction(30000 * 35, 100)),
        "2025-02": som(Fraction(30000 * 35, 100)),
        "2025-03": som(Fraction(30000 * 35, 100)),
    }
    assert [lost[p]["regime"] for p in sorted(lost)] == ["labour_code_2004"] * 3 + ["labour_code_2025"] * 3
    cited = {s["inputs"]["period"]: s["article"] for s in result["trace"] if "loss_percent" in s["inputs"]}
    assert cited == {"2024-10..2024-12": "LC-2004 235", "2025-01..2025-03": "LC-2025 214"}


def test_a_month_after_the_switch_cites_the_2025_code_in_words() -> None:
    """LC-2025 art. 214 (lost earnings), in the reader's words at the end of the sentence."""
    case = injury_case(calculation_date="2025-06-30", claim_date="2025-03-10")
    case["msec_findings"] = [finding("2025-03-01", None, 50)]

    result = compensation.calculate(case, "ru")

    step = next(s for s in result["trace"] if "loss_percent" in s["inputs"])
    assert step["article"] == "LC-2025 214"
    assert step["rule"].endswith("(ст. 214 ТК КР 2025 г.).")
    assert all(i["regime"] == "labour_code_2025" for i in result["installments"] if i["period"])


# --- the one-time benefit ---------------------------------------------------------------------


def test_a_right_arising_before_the_switch_keeps_the_2004_benefit_even_when_claimed_later() -> None:
    """LC-2004 art. 247: group III from 2024-10-07: 3 x 12 x the base of the due month (30,000), though the
    claim (and the due date) come under LC-2025 (art. 11: the law of the day the right arose)."""
    case = v2(
        injury_case(
            calculation_date="2025-03-31",
            claim_date="2025-02-10",
            msec_findings=[finding("2024-10-07", None, 35, "III")],
        )
    )

    result = compensation.calculate(case)
    benefit = one_off(result)

    assert benefit["amount"] == som(3 * 12 * 30000)
    assert benefit["regime"] == "labour_code_2004"
    assert benefit["due_date"] == "2025-03-10"
    step = next(s for s in result["trace"] if s["inputs"].get("disability_group") == "III")
    assert step["article"] == "LC-2004 247, 233, 264"


def test_a_right_in_the_gap_before_the_resolution_gets_a_null_amount_and_a_warning() -> None:
    """LC-2025 art. 219 leaves the amount to the Cabinet; none was in force on 2025-03-01: no figure is
    invented; the one-off takes no payment and counts in no total (contract v2 §5)."""
    case = v2(
        injury_case(
            calculation_date="2025-06-30",
            claim_date="2025-03-05",
            msec_findings=[finding("2025-03-01", None, 60, "II")],
            payments=[{"date": "2025-04-01", "amount": "1000.00", "applies_to": "one_off"}],
        )
    )

    result = compensation.calculate(case, "en")

    benefit = one_off(result)
    assert benefit["amount"] is None
    assert (benefit["paid"], benefit["outstanding"], benefit["days_overdue"], benefit["penalty"]) == (
        "0.00",
        None,
        0,
        "0.00",
    )
    assert benefit["regime"] == "labour_code_2025"
    assert [(w["code"], w["field"]) for w in result["warnings"]] == [
        ("one_time_benefit_not_set", "parameters.one_time_benefit")
    ]
    assert result["unapplied_payments"] == {"one_off": "1000.00"}
    monthly = sum(Decimal(i["amount"]) for i in result["installments"] if i["period"])
    assert Decimal(result["totals"]["accrued"]) == monthly


def test_the_built_in_table_has_the_2004_rule_the_gap_and_the_unverified_resolution() -> None:
    """Contract v2 §2: labour_code_2004 from 2004-08-04, a gap from 2025-01-28, resolution_465 from its
    entry into force, unverified until its text is read."""
    table = parameters.load("one_time_benefit")

    assert table.find(date(2024, 12, 31)).rule == "labour_code_2004"
    gap = table.find(date(2025, 3, 1))
    assert (gap.rule, gap.status, gap.start) == (None, "gap", date(2025, 1, 28))
    resolution = table.find(date(2026, 1, 1))
    assert (resolution.rule, resolution.status) == ("resolution_465", "unverified")


@pytest.mark.parametrize(("group", "multiple"), [("III", 3), ("II", 5), ("I", 7)])
def test_resolution_465_pays_a_multiple_of_the_republics_average_annual_wage(
    group: str, multiple: int
) -> None:
    """LC-2025 art. 219, Resolution No. 465: 3 / 5 / 7 x 12 x W, W = 42,757.00 in force on 2026-01-05 (the
    day the right arose), due a month after the claim of 2026-01-12 (LC-2025 art. 226(2))."""
    benefit = one_off(compensation.calculate(injury_2026(group)))

    assert benefit["amount"] == som(multiple * 12 * Fraction(4275700, 100))
    assert benefit["due_date"] == "2026-02-12"
    assert benefit["regime"] == "labour_code_2025"


def test_w_is_the_row_published_by_the_day_the_right_arose_not_the_due_date() -> None:
    """Right on 2025-11-01: W = 42,020.00 (published 2025-08-14), though 42,757.00 is published before
    the due date; the trace names the row used."""
    case = injury_2026(
        calculation_date="2026-01-31",
        claim_date="2025-11-20",
        msec_findings=[finding("2025-11-01", None, 60, "III")],
        earnings={"reference_month": "2025-11", "months": [{"month": "2025-10", "amount": "30000.00"}]},
    )

    result = compensation.calculate(case)

    assert one_off(result)["amount"] == som(3 * 12 * 42020)
    step = next(s for s in result["trace"] if s["article"].startswith("LC-2025 219"))
    assert step["inputs"]["average_monthly_wage"]["from"] == "2025-08-14"


def test_a_collective_agreements_higher_multiple_replaces_the_cabinets() -> None:
    """LC-2025 art. 213(2): agreement 6 > Cabinet 5 for group II: 6 x 12 x W (contract v2 §5)."""
    case = injury_2026("II", collective_agreement={"one_off_multipliers": {"II": 6}})

    assert one_off(compensation.calculate(case))["amount"] == som(6 * 12 * Fraction(4275700, 100))


def test_the_victims_gross_negligence_reduces_the_2025_benefit_and_the_trace_says_it_is_a_reading() -> None:
    """LC-2025 art. 210(3) (LC-2004 art. 230): 20 % fault: 5 x 12 x W x 80 %; a reading of the law."""
    case = injury_2026("II")
    case["liability"]["victim_gross_negligence_percent"] = 20

    result = compensation.calculate(case, "ru")

    assert one_off(result)["amount"] == som(5 * 12 * Fraction(4275700, 100) * Fraction(80, 100))
    step = next(s for s in result["trace"] if s["article"].startswith("LC-2025 219"))
    assert "210(3)" in step["article"]
    assert "толкование" in step["rule"]


@pytest.mark.parametrize(("group", "fixed"), [("III", 500_000), ("II", 1_000_000), ("I", 1_500_000)])
def test_the_budget_sector_pays_the_resolutions_fixed_sums(group: str, fixed: int) -> None:
    """Resolution No. 465: an employer of the budget sector pays 500,000 / 1,000,000 / 1,500,000 som."""
    case = injury_2026(group, employer={"budget_sector": True})

    assert one_off(compensation.calculate(case))["amount"] == som(fixed)


def test_a_budget_sector_sum_is_reduced_by_fault_and_only_raised_by_an_agreement() -> None:
    """Contract v2 §5: max(fixed sum, agreement multiple x 12 x W) x (1 - fault): group III, agreement 0.5
    (0.5 x 12 x W < 500,000) and fault 10 %: 450,000; agreement 2 (2 x 12 x 42,757 = 1,026,168): it wins."""
    low = injury_2026(
        "III", employer={"budget_sector": True}, collective_agreement={"one_off_multipliers": {"III": "0.5"}}
    )
    low["liability"]["victim_gross_negligence_percent"] = 10
    high = injury_2026(
        "III", employer={"budget_sector": True}, collective_agreement={"one_off_multipliers": {"III": 2}}
    )

    assert one_off(compensation.calculate(low))["amount"] == som(Fraction(500_000 * 90, 100))
    assert one_off(compensation.calculate(high))["amount"] == som(2 * 12 * Fraction(4275700, 100))


def test_no_average_wage_in_force_gives_a_null_amount_and_names_the_wage_table() -> None:
    """Contract v2 §5: the Resolution is in force but no W is: the warning's field is the wage table."""
    case = injury_2026("II", **{})
    case["parameters"]["average_monthly_wage"] = [{"from": "2026-03-13", "amount": "44400.00"}]

    result = compensation.calculate(case)

    assert one_off(result)["amount"] is None
    assert [w["field"] for w in result["warnings"]] == ["parameters.average_monthly_wage"]


def test_a_death_under_the_resolution_is_twelve_annual_wages_for_the_dependants_only() -> None:
    """LC-2025 art. 219, Resolution No. 465: 12 x 12 x W on a death of 2026-01-05, split among the
    dependants (c1, c2); the non-dependant with court maintenance (LC-2025 art. 222(3)) gets no share;
    never reduced for the deceased's fault (CC art. 1011(4))."""
    case = v2(
        death_case(
            death_date="2026-01-05",
            claim_date="2026-01-12",
            calculation_date="2026-03-31",
            earnings={"reference_month": "2026-01", "months": [{"month": "2025-12", "amount": "30000.00"}]},
        )
    )
    case["survivors"].append(survivor("m", "1950-01-01", "disabled", court_maintenance="1000.00"))
    case["liability"]["victim_gross_negligence_percent"] = 30

    result = compensation.calculate(case)

    share = som(Fraction(12 * 12 * 4275700, 100) / 2)
    assert amounts(result, "one_off_death", "c1") == {None: share}
    assert amounts(result, "one_off_death", "c2") == {None: share}
    assert amounts(result, "one_off_death", "m") == {}
    assert installment(result, "one_off_death", None, "c1")["regime"] == "labour_code_2025"


def test_a_death_benefit_of_the_budget_sector_is_two_million_split_among_the_dependants() -> None:
    """Resolution No. 465: 2,000,000 som on a death, budget sector: 1,000,000 each to two dependants."""
    case = v2(
        death_case(
            death_date="2026-01-05",
            claim_date="2026-01-12",
            calculation_date="2026-03-31",
            employer={"budget_sector": True},
        )
    )

    assert amounts(compensation.calculate(case), "one_off_death", "c2") == {None: som(1_000_000)}


def test_under_the_2004_code_court_maintenance_survivors_share_the_death_benefit_too() -> None:
    """LC-2004 art. 252 refers to art. 249: everyone with a right shares (contract v2 §5): three people,
    max(20 x 12 x 30,000, 4 x 12 x 8,000) / 3."""
    case = death_case()
    case["survivors"].append(survivor("m", "1950-01-01", "disabled", court_maintenance="1000.00"))

    result = compensation.calculate(case)

    assert amounts(result, "one_off_death", "m") == {None: som(Fraction(20 * 12 * 30000, 3))}
    assert installment(result, "one_off_death", None, "m")["regime"] == "labour_code_2004"


def test_the_republics_subsistence_minimum_standing_in_for_a_region_is_said_in_the_trace() -> None:
    """LC-2004 art. 252: the locality's minimum; Naryn has no row of its own, the republic's "*" stands in."""
    result = compensation.calculate(death_case(region="naryn"), "ru")

    step = next(s for s in result["trace"] if "subsistence_minimum" in s["inputs"])
    assert "республиканский" in step["rule"]


# --- the built-in tables --------------------------------------------------------------------------


def test_the_average_wage_table_has_every_figure_of_regimes_md_with_its_period_and_source() -> None:
    table = parameters.load("average_monthly_wage")

    known = {str(r.value): r for r in table.rows if r.value is not None}
    assert set(known) == {"32146.00", "35298.00", "42020.00", "42757.00", "44400.00"}
    assert all(r.period and r.source and r.status == "unverified" for r in known.values())
    assert known["42020.00"].period == "2025-01..2025-06"
    unknown = [r for r in table.rows if r.value is None]
    assert {r.period for r in unknown} == {"2023-01..2023-12", "2024-01..2024-12"}
    assert all(r.status == "unknown" for r in unknown)


@pytest.mark.parametrize("day", [date(2018, 6, 1), date(2020, 6, 1), date(2021, 12, 1), date(2024, 6, 1)])
def test_unknown_minimum_wages_are_no_longer_carried_forward(day: date) -> None:
    """Facts §4.1: 2018, 2020-2021 and 2023-2025 are not known: the table refuses instead of lending the
    2017 or 2019 value."""
    with pytest.raises(NoRowInForce) as caught:
        parameters.load("minimum_wage").at(day)

    assert caught.value.unknown is not None


def test_a_case_needing_the_unknown_2020_minimum_wage_gets_a_field_error() -> None:
    case = injury_case(calculation_date="2020-06-30", claim_date="2020-03-10")
    case["msec_findings"] = [finding("2020-03-01", None, 50)]
    case["earnings"] = {"documents_unavailable": True}
    del case["parameters"]["minimum_wage"]

    with pytest.raises(compensation.InvalidCase) as caught:
        compensation.calculate(case, "en")

    assert list(caught.value.errors) == ["parameters.minimum_wage"]


def test_rows_from_outside_the_engine_are_merged_over_the_built_in_table() -> None:
    """parameters.merged: an administrator's row for 2024 supersedes the unknown row of the same day;
    a new row extends the table; the files stay the defaults."""
    table = parameters.merged(
        "minimum_wage",
        [
            make_row(date(2023, 1, 1), Decimal("2100.00"), "Budget law 2023 (admin)"),
            make_row(date(2024, 1, 1), Decimal("2300.00"), "Budget law 2024 (admin)"),
        ],
    )

    assert table.at(date(2023, 5, 1)).value == Decimal("2100.00")
    assert table.at(date(2024, 5, 1)).value == Decimal("2300.00")
    assert table.at(date(2026, 5, 1)).value == Decimal("3280.00")
    assert table.origin == "merged"
    with pytest.raises(NoRowInForce):
        parameters.load("minimum_wage").at(date(2023, 5, 1))


def test_a_death_in_the_gap_lists_each_dependants_share_with_a_null_amount() -> None:
    """LC-2025 art. 219 before Resolution No. 465: each dependant's one-off is listed with no amount,
    one warning, in the reader's language."""
    case = v2(death_case(death_date="2025-03-01", claim_date="2025-03-05", calculation_date="2025-05-31"))

    result = compensation.calculate(case, "ky")

    assert amounts(result, "one_off_death", "c1") == {None: None}
    assert amounts(result, "one_off_death", "c2") == {None: None}
    [warning] = result["warnings"]
    assert warning["code"] == "one_time_benefit_not_set"
    assert "Министрлер Кабинетине" in warning["message"]


def _case_needing_the_2020_minimum_wage(own_table: bool) -> dict[str, Any]:
    case = injury_case(calculation_date="2020-06-30", claim_date="2020-03-10")
    case["msec_findings"] = [finding("2020-03-01", None, 50)]
    case["earnings"] = {"documents_unavailable": True}
    if not own_table:
        del case["parameters"]["minimum_wage"]
    return case


def test_a_callers_merged_table_stands_in_for_the_built_in_one() -> None:
    """The service hands the engine the administrators' rows: the unknown 2020 minimum wage (LC-2004
    art. 238: the floor of five minimum wages) is now known, and the floor follows it."""
    row = make_row(date(2020, 1, 1), Decimal("1900.00"), "Budget law for 2020 (admin)")
    tables = {"minimum_wage": parameters.merged("minimum_wage", [row])}

    result = compensation.calculate(_case_needing_the_2020_minimum_wage(False), "en", tables=tables)

    [floor] = [step for step in result["trace"] if "floor" in step["inputs"]]
    assert Decimal(floor["inputs"]["floor"]) == 5 * Decimal("1900.00")
    assert floor["inputs"]["minimum_wage"]["source"] == "Budget law for 2020 (admin)"


def test_the_cases_own_table_beats_the_callers_table() -> None:
    """Contract §parameters: a table the case file gives replaces the table whole, the caller's too."""
    row = make_row(date(2020, 1, 1), Decimal("1900.00"), "Budget law for 2020 (admin)")
    tables = {"minimum_wage": parameters.merged("minimum_wage", [row])}
    case = _case_needing_the_2020_minimum_wage(True)

    assert compensation.calculate(case, "en", tables=tables) == compensation.calculate(case, "en")


def test_an_administrators_resolution_row_is_honoured_through_the_merged_table() -> None:
    """parameters.merged with ``rule=``: a row that moves the Resolution's entry into force."""
    table = parameters.merged(
        "one_time_benefit",
        [make_row(date(2025, 8, 9), None, "Resolution No. 465 (official text)", rule="resolution_465")],
    )

    assert table.find(date(2025, 8, 10)).rule == "resolution_465"
    assert table.find(date(2025, 8, 8)).status == "gap"


def test_a_penalty_rate_row_out_of_range_names_its_path() -> None:
    case = injury_case()
    case["parameters"]["penalty_rate_per_day"] = [{"from": "2004-08-04", "rate": "1.5"}]

    with pytest.raises(compensation.InvalidCase) as caught:
        compensation.calculate(case, "en")

    assert list(caught.value.errors) == ["parameters.penalty_rate_per_day.0.rate"]
