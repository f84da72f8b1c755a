"""Contract v2 §1: strict input. A field nobody defined, an unknown region, contradictory earnings and
a date the arithmetic would push past 9999-12-31 are validation errors naming the field: never ignored,
never a silent fall to the five-minimum-wage floor (LC-2004 art. 238, LC-2025 art. 217), never a 500."""

from __future__ import annotations

import copy
from typing import Any

import pytest

import compensation
from tests.rules.builders import death_case, finding, injury_case, months, survivor


def errors_of(case: dict[str, Any]) -> dict[str, list[str]]:
    with pytest.raises(compensation.InvalidCase) as caught:
        compensation.calculate(case, "en")
    return caught.value.errors


@pytest.mark.parametrize(
    ("where", "path"),
    [
        (lambda c: c.update(claimdate="2024-01-10"), "claimdate"),
        (
            lambda c: c["liability"].update(victim_gross_negligence_precent=20),
            "liability.victim_gross_negligence_precent",
        ),
        (lambda c: c["msec_findings"][0].update(lost_percent=60), "msec_findings.0.lost_percent"),
        (lambda c: c["earnings"]["months"][3].update(excluded="leave"), "earnings.months.3.excluded"),
        (
            lambda c: c["parameters"]["minimum_wage"][1].update(amout="1.00"),
            "parameters.minimum_wage.1.amout",
        ),
        (lambda c: c["parameters"].update(minimal_wage=[]), "parameters.minimal_wage"),
        (lambda c: c.update(employer={"budget": True}), "employer.budget"),
        (
            lambda c: c.update(
                payments=[{"date": "2024-02-01", "amount": "1.00", "applies_to": "periodic", "to": "x"}]
            ),
            "payments.0.to",
        ),
    ],
)
def test_an_unknown_field_at_any_depth_is_an_error_naming_its_path(where: Any, path: str) -> None:
    case = injury_case()
    where(case)

    assert errors_of(case) == {path: ["Unknown field."]}


def test_every_documented_field_is_accepted() -> None:
    """The contract's fields and the documented optional sections pass the strict check."""
    case = injury_case(
        employer={"budget_sector": False},
        late_claim_due_to_employer=False,
        injury_date="2024-01-01",
        collective_agreement={"one_off_multipliers": {"II": 6}},
        capitalisation={"date": "2024-06-30", "method": "simple_70_min10", "victim_birth_date": "1980-01-01"},
        care_home={"from": "2024-05-01", "to": None, "dependants": 0, "monthly_cost": None},
        temporary_transfers=[
            {"from": "2024-01-01", "to": "2024-01-31", "monthly_pay": "1.00", "work_provided": True}
        ],
        retraining=[{"from": "2024-02-01", "to": "2024-02-10"}],
        agreed_sums=[
            {
                "component": "moral_damage",
                "recipient": "victim",
                "amount": "1.00",
                "due_date": "2024-01-01",
                "basis": "court",
            }
        ],
        additional_expenses=[
            {"kind": "other", "amount": "1.00", "incurred_on": "2024-01-01", "submitted_on": "2024-01-02"}
        ],
    )
    case["liability"].update(third_party_fault=False, aircraft=False)
    case["earnings"].update(sustained_increase_from=None, partial_month=None, documents_unavailable=False)
    case["parameters"].update(
        average_monthly_wage=[{"from": "2025-08-14", "amount": "42020.00"}],
        one_time_benefit=[{"from": "2004-08-04", "rule": "labour_code_2004"}],
        penalty_rate_per_day=[{"from": "2004-08-04", "rate": "0.0015"}],
    )

    assert compensation.calculate(case)["contract"] == "kg-injury-compensation/2"


def test_a_survivors_documented_fields_are_accepted() -> None:
    case = death_case()
    case["survivors"][0].update(
        relation="son",
        student_until=None,
        disabled_until=None,
        caring_until=None,
        court_maintenance=None,
        right_ended_on=None,
        right_from=None,
    )

    assert compensation.calculate(case)["warnings"] == []


def test_the_region_must_be_one_of_the_nine() -> None:
    """Contract v2 §1: bishkek, osh_city, batken, chui, issyk_kul, jalal_abad, naryn, osh, talas."""
    assert list(errors_of(injury_case(region="Bishkek"))) == ["region"]
    assert list(errors_of(death_case(region="moscow"))) == ["region"]


def test_no_listed_month_before_the_reference_month_is_a_contradiction_on_the_reference_month() -> None:
    """LC-2004 art. 237, LC-2025 art. 216; contract v2 §5: names ``earnings.reference_month``."""
    case = injury_case(earnings={"reference_month": "2022-12", "months": months("2023-01", 12)})

    assert list(errors_of(case)) == ["earnings.reference_month"]


def test_a_sustained_rise_after_every_usable_month_is_a_contradiction_on_its_date() -> None:
    """LC-2004 art. 238, LC-2025 art. 217; contract v2 §5: names ``earnings.sustained_increase_from``."""
    case = injury_case(
        earnings={
            "reference_month": "2024-01",
            "months": months("2023-01", 12),
            "sustained_increase_from": "2024-03",
        }
    )

    assert list(errors_of(case)) == ["earnings.sustained_increase_from"]


def test_months_listed_but_all_excluded_are_not_a_contradiction() -> None:
    """Contract v2 §5: the floor of five minimum wages applies, as in version 1."""
    listed = months("2023-01", 2)
    for m in listed:
        m["exclude"] = "sick_leave"
    case = injury_case(earnings={"reference_month": "2024-01", "months": listed})

    assert compensation.calculate(case)["average_monthly_earnings"]["method"] == "five_minimum_wages"


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda c: c.update(claim_date="9999-12-20", calculation_date="9999-12-25"), "claim_date"),
        (lambda c: c["msec_findings"].append(finding("9999-12-01", None, 60, "II")), "msec_findings.1.from"),
    ],
)
def test_a_date_that_would_pass_9999_12_31_is_a_field_error(mutate: Any, path: str) -> None:
    """Contract v2 §1, §5: a due date (one month after) past the year 9999 names its input."""
    case = injury_case()
    mutate(case)

    assert path in errors_of(case)


def test_a_birthday_that_would_pass_9999_12_31_is_a_field_error() -> None:
    case = death_case()
    case["survivors"].append(survivor("x", "9999-01-01", "minor"))

    assert "survivors.2.birth_date" in errors_of(case)


def test_version_2_output_carries_the_tag_the_warnings_and_a_regime_on_every_installment() -> None:
    result = compensation.calculate(injury_case(msec_findings=[finding("2024-01-01", None, 60, "III")]))

    assert result["contract"] == "kg-injury-compensation/2"
    assert result["warnings"] == []
    assert {i["regime"] for i in result["installments"]} == {"labour_code_2004"}


def _date_paths(obj: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(obj, dict):
        return [p for k, v in obj.items() for p in _date_paths(v, (*prefix, k))]
    if isinstance(obj, list):
        return [p for i, v in enumerate(obj) for p in _date_paths(v, (*prefix, i))]
    if isinstance(obj, str) and len(obj) == 10 and obj[4] == "-" and obj[:4].isdigit():
        return [prefix]
    return []


def test_no_date_at_the_ends_of_the_calendar_makes_a_server_error() -> None:
    """Contract v2 §1: every date of a rich case set to 9999-12-31, 9990-06-01 or 0001-01-01 (with the
    calculation date at either end too) gives a result or field errors, never an exception."""
    injury = injury_case(
        msec_findings=[finding("2024-01-01", None, 60, "II")],
        injury_date="2024-01-01",
        temporary_transfers=[{"from": "2024-01-01", "to": "2024-01-31", "monthly_pay": "1.00"}],
        additional_expenses=[
            {"kind": "other", "amount": "1.00", "incurred_on": "2024-01-01", "submitted_on": "2024-01-02"}
        ],
        capitalisation={"date": "2024-06-30", "victim_birth_date": "1980-01-01"},
        care_home={"from": "2024-05-01", "dependants": 0},
        agreed_sums=[{"component": "moral_damage", "amount": "1.00", "due_date": "2024-01-01"}],
        payments=[{"date": "2024-02-01", "amount": "1.00", "applies_to": "periodic"}],
    )
    death = death_case(capitalisation={"date": "2024-06-30"})
    death["survivors"].append(
        survivor(
            "w", "1985-01-01", "caregiver", "disabled", caring_until="2030-01-01", right_from="2024-02-01"
        )
    )
    for base in (injury, death):
        for path in _date_paths(base):
            for value in ("9999-12-31", "9990-06-01", "0001-01-01"):
                case = copy.deepcopy(base)
                target: Any = case
                for key in path[:-1]:
                    target = target[key]
                target[path[-1]] = value
                try:
                    compensation.calculate(case, trace=False)
                except compensation.InvalidCase as exc:
                    errors = exc.errors
                else:
                    errors = {"-": ["computed"]}
                assert errors, path
