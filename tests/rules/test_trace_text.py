"""The trace and the error messages speak Russian, Kyrgyz and English, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from compensation import validation
from compensation.rules import trace, trace_text


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def care_step(article: str, period: str) -> trace.Step:
    """The step of a month's household care: 2 minimum wages of 2,000.00 for all 31 days."""
    return trace.Step(
        article,
        "injury.care",
        {
            "period": period,
            "kind": "care_household",
            "multiple": 2,
            "minimum_wage": {"value": "2000.00", "from": "2022-01-01"},
            "days": 31,
            "days_in_month": 31,
        },
        "4000.00",
    )


@pytest.mark.parametrize(
    ("table", "key"), [("trace", k) for k in trace_text.TEXT] + [("errors", k) for k in validation.MESSAGES]
)
def test_every_sentence_has_all_three_languages_with_the_same_placeholders(table: str, key: str) -> None:
    texts = (trace_text.TEXT if table == "trace" else validation.MESSAGES)[key]

    assert set(texts) == {"en", "ru", "ky"}
    assert placeholders(texts["ru"]) == placeholders(texts["en"]) == placeholders(texts["ky"])
    assert all(texts[lang].strip() for lang in texts)


def test_every_code_has_words_in_all_three_languages() -> None:
    for code, words in trace_text.TERMS.items():
        assert set(words) == {"en", "ru", "ky"}, code


def test_a_step_renders_in_each_language_with_codes_in_words() -> None:
    step = care_step("244, 245", "2024-01")

    rendered = {lang: trace.render([step], lang)[0] for lang in ("ru", "ky", "en")}

    assert "бытовой уход" in rendered["ru"]["rule"]
    assert "тиричилик кароо" in rendered["ky"]["rule"]
    assert "household care" in rendered["en"]["rule"]
    assert all(r["article"] == "LC-2004 244, 245" and r["result"] == "4000.00" for r in rendered.values())
    assert rendered["ru"]["rule"].endswith("(ст. 244, 245 ТК КР 2004 г.).")
    assert rendered["ky"]["rule"].endswith("(2004-ж. ЭК 244, 245-берене).")


def test_a_step_of_a_2025_period_cites_the_2025_code_and_the_civil_code() -> None:
    """LC-2025 art. 218(7) (care at 2 minimum wages, LC-2004 art. 245); the victim's fault is excluded
    by CC art. 1011(4) (LC-2004 art. 230 part 4)."""
    step = care_step("244, 245, 230 part 4", "2025-03")
    step.regime = "labour_code_2025"

    rendered = trace.render([step], "ru")[0]

    assert rendered["article"] == "LC-2025 218, 218(7); CC 1011(4)"
    assert rendered["rule"].endswith("(ст. 218, 218(7) ТК КР 2025 г.; ст. 1011(4) ГК КР).")


@pytest.mark.parametrize("key", list(trace_text.WARNINGS))
def test_every_warning_has_all_three_languages_with_the_same_placeholders(key: str) -> None:
    texts = trace_text.WARNINGS[key]

    assert set(texts) == {"en", "ru", "ky"}
    assert placeholders(texts["ru"]) == placeholders(texts["en"]) == placeholders(texts["ky"])


def test_money_is_written_with_two_decimals() -> None:
    assert [trace.money(t) for t in (0, 7, 99, 100, 123456, -150)] == [
        "0.00",
        "0.07",
        "0.99",
        "1.00",
        "1234.56",
        "-1.50",
    ]


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [(1, 2, 1), (3, 2, 2), (-1, 2, -1), (-3, 2, -2), (1, 3, 0), (2, 3, 1), (7, 1, 7)],
)
def test_rounding_is_half_up_away_from_zero(numerator: int, denominator: int, expected: int) -> None:
    assert trace.rounded(numerator, denominator) == expected


def test_every_sentence_is_used_and_renders_in_every_language() -> None:
    """Cases that between them take every rule of the trace; each step renders in ru, ky and en."""
    from compensation import contract
    from compensation.rules import statement
    from tests.rules.builders import death_case, finding, injury_case, months, survivor

    def liability(**flags: object) -> dict[str, object]:
        return {"victim_gross_negligence_percent": 0, **flags}

    cases = [
        injury_case(
            claim_date="2024-06-10",
            liability=liability(source_of_increased_danger=True, victim_gross_negligence_percent=10),
            msec_findings=[
                finding("2020-01-10", "2024-02-15", 60, "II", care=["special_medical"]),
                finding("2024-02-16", "2024-03-31", 40),
                finding("2024-04-01", None, 70, "I"),
            ],
            payments=[
                {"date": "2024-06-20", "amount": "100.00", "applies_to": "periodic"},
                {"date": "2024-07-20", "amount": "100.00", "applies_to": "periodic"},
            ],
            temporary_transfers=[{"from": "2024-01-01", "to": "2024-01-31", "monthly_pay": "1.00"}],
            injury_date="2020-01-05",
            retraining=[{"from": "2024-02-01", "to": "2024-02-10"}],
            additional_expenses=[
                {"kind": "other", "amount": "1.00", "incurred_on": "2024-01-01", "submitted_on": "2024-01-02"}
            ],
            agreed_sums=[{"component": "moral_damage", "amount": "1.00", "due_date": "2024-01-01"}],
            capitalisation={"date": "2024-06-30", "victim_birth_date": "1990-01-01"},
            care_home={"from": "2024-06-01", "dependants": 1},
        ),
        injury_case(capitalisation={"date": "2024-06-30", "victim_birth_date": "1960-01-01"}),
        injury_case(earnings={"documents_unavailable": True}),
        injury_case(earnings={"reference_month": "2024-01", "months": []}),
        injury_case(
            earnings={
                "reference_month": "2024-01",
                "months": [],
                "partial_month": {"earned": "100.00", "days_worked": 2, "average_working_days_per_month": 21},
            }
        ),
        injury_case(liability=liability(victim_intent=True)),
        injury_case(liability=liability(source_of_increased_danger=True, force_majeure=True)),
        injury_case(liability=liability(employer_fault=True)),
        injury_case(liability=liability(employer_fault=True, victim_gross_negligence_percent=5)),
        injury_case(liability=liability()),
        death_case(
            death_date="2024-01-15",
            claim_date="2024-01-20",
            survivors=[
                survivor("c1", "2015-03-01", "minor"),
                survivor("p", "1950-01-01", "disabled", court_maintenance="100.00"),
            ],
            agreed_sums=[
                {"component": "burial", "recipient": "x", "amount": "1.00", "due_date": "2024-02-01"}
            ],
            capitalisation={"date": "2024-06-30"},
            earnings={"reference_month": "2024-01", "months": months("2023-01", 12)},
        ),
    ]
    for flags in (
        {"source_of_increased_danger": True},
        {"employer_fault": True},
        {"third_party_fault": True},
        {"aircraft": True},
    ):
        cases.append(injury_case(liability=liability(**flags)))
        cases.append(injury_case(liability=liability(victim_gross_negligence_percent=7, **flags)))
        cases.append(death_case(liability=liability(victim_gross_negligence_percent=7, **flags)))
    gap = [{"from": "2004-08-04", "rule": "labour_code_2004"}, {"from": "2025-01-28", "rule": None}]
    resolution = [*gap, {"from": "2025-08-19", "rule": "resolution_465"}]
    wage = [{"from": "2025-08-14", "amount": "42020.00"}]
    for rule, budget, fault in [
        (gap, False, 0),
        (resolution, False, 0),
        (resolution, False, 10),
        (resolution, True, 0),
        (resolution, True, 10),
    ]:
        case = injury_case(
            calculation_date="2026-06-30",
            claim_date="2026-01-10",
            msec_findings=[finding("2026-01-01", None, 60, "II")],
            liability=liability(source_of_increased_danger=True, victim_gross_negligence_percent=fault),
            employer={"budget_sector": budget},
        )
        case["parameters"].update(one_time_benefit=rule, average_monthly_wage=wage)
        case["parameters"]["minimum_wage"].append({"from": "2026-01-01", "amount": "3280.00"})
        cases.append(case)
        if fault == 0:
            death = death_case(
                death_date="2026-01-15",
                claim_date="2026-01-20",
                calculation_date="2026-06-30",
                employer={"budget_sector": budget},
            )
            death["parameters"].update(one_time_benefit=rule, average_monthly_wage=wage)
            cases.append(death)
    no_wage = injury_case(
        calculation_date="2026-06-30",
        claim_date="2026-01-10",
        msec_findings=[finding("2026-01-01", None, 60, "II")],
    )
    no_wage["parameters"].update(one_time_benefit=resolution, average_monthly_wage=[])
    cases.append(no_wage)
    cases.append(
        injury_case(
            late_claim_due_to_employer=True,
            claim_date="2024-06-10",
            msec_findings=[finding("2020-01-10", None, 60)],
        )
    )
    cases.append(
        death_case(
            region="naryn",
            survivors=[
                survivor("w", "1990-01-01", "caregiver"),
                survivor("c1", "2015-03-01", "minor"),
                survivor("c2", "2024-03-10", "minor"),
            ],
        )
    )
    own_region = death_case(region="bishkek")
    own_region["parameters"]["subsistence_minimum"] = [
        {"from": "2019-01-01", "region": "bishkek", "amount": "9000.00"}
    ]
    cases.append(own_region)
    used = set()
    for case in cases:
        steps = statement.compute(contract.parse_case(case), trace=True).steps
        assert steps is not None
        used |= {s.key for s in steps}
        for language in ("ru", "ky", "en"):
            for rendered in trace.render(steps, language):
                assert "{" not in rendered["rule"]

    assert used == set(trace_text.TEXT)
