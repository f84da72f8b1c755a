"""Every validation error of a case file: the field path, the message, exit 2 on the CLI, 422 over HTTP."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

import compensation
from tests.rules.builders import death_case, finding, injury_case, survivor

Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Mutation:
    """Set ``value`` at a dotted ``path`` of the case (list indexes as numbers)."""

    def mutate(case: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = case
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value

    return mutate


def _drop(key: str) -> Mutation:
    return lambda case: case.pop(key)


def _findings(*findings: dict[str, Any]) -> Mutation:
    return _set("msec_findings", list(findings))


INJURY: list[tuple[str, Mutation, str]] = [
    (
        "fault of 100 % (full refusal)",
        _set("liability.victim_gross_negligence_percent", 100),
        "liability.victim_gross_negligence_percent",
    ),
    (
        "fault above 100 %",
        _set("liability.victim_gross_negligence_percent", "120"),
        "liability.victim_gross_negligence_percent",
    ),
    (
        "negative fault",
        _set("liability.victim_gross_negligence_percent", -5),
        "liability.victim_gross_negligence_percent",
    ),
    (
        "fault not a number",
        _set("liability.victim_gross_negligence_percent", "twenty"),
        "liability.victim_gross_negligence_percent",
    ),
    (
        "fault as a boolean",
        _set("liability.victim_gross_negligence_percent", True),
        "liability.victim_gross_negligence_percent",
    ),
    ("liability flag not a boolean", _set("liability.force_majeure", "no"), "liability.force_majeure"),
    ("liability missing", _drop("liability"), "liability"),
    ("loss above 100 %", _findings(finding("2024-01-01", None, 120)), "msec_findings.0.loss_percent"),
    ("negative loss", _findings(finding("2024-01-01", None, -1)), "msec_findings.0.loss_percent"),
    (
        "unknown disability group",
        _findings(finding("2024-01-01", None, 60, "IV")),
        "msec_findings.0.disability_group",
    ),
    (
        "unknown care need",
        _findings(finding("2024-01-01", None, 60, care=["nursing"])),
        "msec_findings.0.care.0",
    ),
    (
        "finding ends before it starts",
        _findings(finding("2024-03-01", "2024-02-01", 60)),
        "msec_findings.0.to",
    ),
    (
        "findings overlap",
        _findings(finding("2024-01-01", "2024-03-31", 60), finding("2024-03-15", None, 40)),
        "msec_findings.1.from",
    ),
    (
        "an open finding followed by another",
        _findings(finding("2024-01-01", None, 60), finding("2024-05-01", None, 40)),
        "msec_findings.1.from",
    ),
    ("malformed finding date", _findings(finding("2024-02-30", None, 60)), "msec_findings.0.from"),
    (
        "malformed applied_on",
        _findings(finding("2024-01-01", None, 60, applied_on="15.01.2024")),
        "msec_findings.0.applied_on",
    ),
    ("money as a JSON number", _set("earnings.months.0.amount", 30000.0), "earnings.months.0.amount"),
    ("money as an integer", _set("earnings.months.0.amount", 30000), "earnings.months.0.amount"),
    ("money with three decimals", _set("earnings.months.0.amount", "30000.001"), "earnings.months.0.amount"),
    ("negative money", _set("earnings.months.0.amount", "-30000.00"), "earnings.months.0.amount"),
    (
        "money with a thousands separator",
        _set("earnings.months.0.amount", "30 000.00"),
        "earnings.months.0.amount",
    ),
    ("malformed month", _set("earnings.months.0.month", "2023-13"), "earnings.months.0.month"),
    ("month listed twice", _set("earnings.months.1.month", "2023-01"), "earnings.months.1.month"),
    (
        "malformed reference month",
        _set("earnings.reference_month", "January 2024"),
        "earnings.reference_month",
    ),
    ("months without a reference month", _set("earnings.reference_month", None), "earnings.reference_month"),
    (
        "partial month of zero days",
        _set(
            "earnings.partial_month",
            {"earned": "100.00", "days_worked": 0, "average_working_days_per_month": 21},
        ),
        "earnings.partial_month.days_worked",
    ),
    ("malformed calculation date", _set("calculation_date", "2024/06/30"), "calculation_date"),
    ("calculation date missing", _drop("calculation_date"), "calculation_date"),
    ("claim date missing", _drop("claim_date"), "claim_date"),
    ("unknown case type", _set("case_type", "illness"), "case_type"),
    (
        "payment of unknown kind",
        _set("payments", [{"date": "2024-02-01", "amount": "1.00", "applies_to": "x"}]),
        "payments.0.applies_to",
    ),
    (
        "payment with a float",
        _set("payments", [{"date": "2024-02-01", "amount": 1.5, "applies_to": "periodic"}]),
        "payments.0.amount",
    ),
    (
        "payment without a date",
        _set("payments", [{"amount": "1.00", "applies_to": "periodic"}]),
        "payments.0.date",
    ),
    (
        "agreement multiplier for an unknown group",
        _set("collective_agreement", {"one_off_multipliers": {"IV": 3}}),
        "collective_agreement.one_off_multipliers.IV",
    ),
    (
        "negative agreement multiplier",
        _set("collective_agreement", {"one_off_multipliers": {"II": -1}}),
        "collective_agreement.one_off_multipliers.II",
    ),
    (
        "minimum wage table with no row in force",
        _set("parameters.minimum_wage", [{"from": "2025-01-01", "amount": "2500.00"}]),
        "parameters.minimum_wage",
    ),
    (
        "minimum wage row with float money",
        _set("parameters.minimum_wage", [{"from": "2019-01-01", "amount": 2000.0}]),
        "parameters.minimum_wage.0.amount",
    ),
    (
        "penalty rate out of range",
        _set("parameters.penalty_rate_per_day", "1.5"),
        "parameters.penalty_rate_per_day",
    ),
    (
        "pension age as a string",
        _set("parameters.pension_age", {"male": "63", "female": 58}),
        "parameters.pension_age.male",
    ),
    (
        "indexation factor zero",
        _set("parameters.indexation", [{"from": "2024-03-01", "factor": "0"}]),
        "parameters.indexation.0.factor",
    ),
]

DEATH: list[tuple[str, Mutation, str]] = [
    ("death case without a death date", _drop("death_date"), "death_date"),
    ("claim before the death", _set("claim_date", "2023-12-01"), "claim_date"),
    ("death case without a region", _drop("region"), "region"),
    ("unknown survivor ground", _set("survivors.0.grounds", ["orphan"]), "survivors.0.grounds.0"),
    ("survivor without grounds", _set("survivors.0.grounds", []), "survivors.0.grounds"),
    ("minor without a birth date", _set("survivors.0.birth_date", None), "survivors.0.birth_date"),
    (
        "pension age ground without sex",
        _set("survivors", [survivor("w", "1950-01-01", "pension_age", sex=None)]),
        "survivors.0.sex",
    ),
    ("two survivors with one id", _set("survivors.1.id", "c1"), "survivors.1.id"),
    ("survivor without an id", _set("survivors.0.id", ""), "survivors.0.id"),
    (
        "negative court maintenance",
        _set("survivors.0.court_maintenance", "-100.00"),
        "survivors.0.court_maintenance",
    ),
    ("malformed student_until", _set("survivors.0.student_until", "2026"), "survivors.0.student_until"),
    (
        "a right that ended before the death",
        _set("survivors.0.birth_date", "2001-01-01"),
        "survivors.0.grounds",
    ),
    (
        "subsistence minimum with no row in force",
        _set("parameters.subsistence_minimum", [{"from": "2030-01-01", "region": "*", "amount": "1.00"}]),
        "parameters.subsistence_minimum",
    ),
]

CASES = [(name, injury_case, mutate, path) for name, mutate, path in INJURY] + [
    (name, death_case, mutate, path) for name, mutate, path in DEATH
]
IDS = [c[0].replace(" ", "_") for c in CASES]


def _invalid(make: Callable[[], dict[str, Any]], mutate: Mutation) -> dict[str, Any]:
    case = make()
    mutate(case)
    return case


@pytest.mark.parametrize(("name", "make", "mutate", "path"), CASES, ids=IDS)
def test_library_names_the_field_at_fault(name: str, make: Any, mutate: Mutation, path: str) -> None:
    with pytest.raises(compensation.InvalidCase) as caught:
        compensation.calculate(_invalid(make, mutate), "en")

    assert path in caught.value.errors, (name, caught.value.errors)
    assert all(isinstance(m, str) and m for m in caught.value.errors[path])
    assert caught.value.document == {"errors": caught.value.errors}


@pytest.mark.parametrize(("name", "make", "mutate", "path"), CASES, ids=IDS)
def test_cli_exits_2_with_the_error_document(
    app: Flask, name: str, make: Any, mutate: Mutation, path: str
) -> None:
    result = app.test_cli_runner().invoke(
        args=["compensation", "calculate", "-"], input=json.dumps(_invalid(make, mutate))
    )

    assert result.exit_code == 2, result.output
    assert path in json.loads(result.output)["errors"]


@pytest.mark.parametrize(("name", "make", "mutate", "path"), CASES[::3], ids=IDS[::3])
def test_http_answers_422_with_the_error_document(
    make_user: Any, login_as: Any, name: str, make: Any, mutate: Mutation, path: str
) -> None:
    client = login_as(make_user("inspector"))

    response = client.post("/api/v1/compensation/calculations", json=_invalid(make, mutate))

    assert response.status_code == 422
    assert path in response.get_json()["errors"]


def test_the_valid_defaults_are_valid() -> None:
    assert compensation.calculate(injury_case())["installments"]
    assert compensation.calculate(death_case())["installments"]


def test_every_error_is_reported_at_once() -> None:
    case = injury_case(calculation_date="soon", msec_findings=[finding("2024-01-01", None, 150, "IV")])
    case["liability"]["victim_gross_negligence_percent"] = 100

    with pytest.raises(compensation.InvalidCase) as caught:
        compensation.calculate(case, "en")

    assert set(caught.value.errors) == {
        "calculation_date",
        "liability.victim_gross_negligence_percent",
        "msec_findings.0.loss_percent",
        "msec_findings.0.disability_group",
    }


@pytest.mark.parametrize(
    ("language", "words"),
    [("ru", "полный отказ"), ("ky", "толук баш тартууга"), ("en", "full refusal")],
)
def test_messages_speak_the_callers_language(language: str, words: str) -> None:
    case = injury_case()
    case["liability"]["victim_gross_negligence_percent"] = 100

    with pytest.raises(compensation.InvalidCase) as caught:
        compensation.calculate(case, language)

    assert words in caught.value.errors["liability.victim_gross_negligence_percent"][0]


def test_the_default_language_is_russian() -> None:
    with pytest.raises(compensation.InvalidCase) as caught:
        compensation.calculate(injury_case(case_type="illness"))

    assert "Допустимые значения" in caught.value.errors["case_type"][0]


def test_a_case_that_is_not_an_object_is_an_error() -> None:
    with pytest.raises(compensation.InvalidCase) as caught:
        compensation.calculate([1, 2, 3])  # type: ignore[arg-type]

    assert list(caught.value.errors) == ["_"]


def test_an_unknown_language_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="language"):
        compensation.calculate(injury_case(), "de")
