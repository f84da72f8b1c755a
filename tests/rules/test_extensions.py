"""Optional sections beyond contract v1 (docs/compensation.md): Arts. 242, 243, 244-245, 248, 253, 255,
266, 271. Each changes nothing when absent, and adds new component names or sections when given."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

import compensation
from tests.rules.builders import amounts, death_case, finding, injury_case, installment, months, som, survivor

CONTRACT_KEYS = {
    "contract",
    "liability",
    "average_monthly_earnings",
    "installments",
    "totals",
    "trace",
    "warnings",
}


def with_raise(**overrides: Any) -> dict[str, Any]:
    """Injury defaults, but November and December 2023 paid 32,000 and 34,000.

    AME (Art. 238) = (10 x 30,000 + 32,000 + 34,000) / 12 = 366,000 / 12 = 30,500.00;
    former earnings for Arts. 242-243 (the two months before the injury) = (32,000 + 34,000) / 2 = 33,000.00.
    """
    earnings = months("2023-01", 10) + months("2023-11", 1, "32000.00") + months("2023-12", 1, "34000.00")
    overrides.setdefault("injury_date", "2024-01-01")
    return injury_case(earnings={"reference_month": "2024-01", "months": earnings}, **overrides)


def test_without_optional_sections_the_result_is_contract_v1() -> None:
    assert set(compensation.calculate(injury_case())) == CONTRACT_KEYS
    assert set(compensation.calculate(death_case())) == CONTRACT_KEYS


def test_temporary_transfer_makes_pay_up_to_the_former_earnings() -> None:
    """Art. 242: 33,000 - 20,000 = 13,000.00 a month; to 15 February: 15/29 x 13,000 = 6,724.14.
    The victim's 50 % fault does not reduce it (Art. 230), though it halves lost earnings."""
    case = with_raise(
        temporary_transfers=[{"from": "2024-01-01", "to": "2024-02-15", "monthly_pay": "20000.00"}]
    )
    case["liability"]["victim_gross_negligence_percent"] = 50

    result = compensation.calculate(case)

    assert amounts(result, "temporary_transfer") == {"2024-01": "13000.00", "2024-02": "6724.14"}
    assert amounts(result, "lost_earnings")["2024-01"] == "9150.00"  # 30,500 x 60 % x 50 %


def test_temporary_transfer_without_work_provided_pays_the_former_earnings() -> None:
    """Art. 242 part 3: no lighter work provided: 33,000.00; 15/29 of it = 17,068.97."""
    case = with_raise(
        temporary_transfers=[{"from": "2024-01-01", "to": "2024-02-15", "work_provided": False}]
    )

    assert amounts(compensation.calculate(case), "temporary_transfer") == {
        "2024-01": "33000.00",
        "2024-02": "17068.97",
    }


def test_retraining_pays_the_former_earnings_besides_lost_earnings() -> None:
    """Art. 243: 33,000.00 for March; to 15 April: 15/30 = 16,500.00. Lost earnings go on: 18,300.00."""
    result = compensation.calculate(with_raise(retraining=[{"from": "2024-03-01", "to": "2024-04-15"}]))

    assert amounts(result, "retraining") == {"2024-03": "33000.00", "2024-04": "16500.00"}
    assert amounts(result, "lost_earnings")["2024-03"] == "18300.00"


def test_additional_expenses_are_reimbursed_a_month_after_the_receipts() -> None:
    """Arts. 244-245, 264: two receipts of February (1,500.50 and 20,000.00), the last brought on 5 March:
    one installment of 21,500.50 due 5 April. A one-off payment goes to the oldest one-off sum first:
    the group III benefit (1,080,000.00 due 10 February), then the expenses."""
    case = injury_case(
        msec_findings=[finding("2024-01-01", None, 60, "III")],
        additional_expenses=[
            {
                "kind": "medicines",
                "amount": "1500.50",
                "incurred_on": "2024-02-03",
                "submitted_on": "2024-02-20",
            },
            {
                "kind": "prosthesis",
                "amount": "20000.00",
                "incurred_on": "2024-02-25",
                "submitted_on": "2024-03-05",
            },
        ],
        payments=[{"date": "2024-04-05", "amount": "1090000.00", "applies_to": "one_off"}],
    )

    result = compensation.calculate(case)

    expenses = installment(result, "additional_expenses", "2024-02")
    assert (expenses["amount"], expenses["due_date"], expenses["paid"]) == (
        "21500.50",
        "2024-04-05",
        "10000.00",
    )
    assert installment(result, "one_off_injury", None)["outstanding"] == "0.00"


def test_moral_damage_set_by_a_court_is_a_one_off_sum() -> None:
    """Art. 248: 100,000.00 fixed by a court, due 1 March; outstanding 121 days: penalty 18,150.00."""
    case = injury_case(
        agreed_sums=[
            {"component": "moral_damage", "amount": "100000.00", "due_date": "2024-03-01", "basis": "court"}
        ]
    )

    moral = installment(compensation.calculate(case), "moral_damage", None)

    assert (moral["amount"], moral["days_overdue"], moral["penalty"]) == ("100000.00", 121, "18150.00")


def test_burial_costs_go_to_whoever_bore_them() -> None:
    """Art. 271: burial costs of 50,000.00 agreed with the deceased's brother, due 1 February."""
    case = death_case(
        agreed_sums=[
            {"component": "burial", "recipient": "brother", "amount": "50000.00", "due_date": "2024-02-01"}
        ]
    )

    assert installment(compensation.calculate(case), "burial", None, "brother")["amount"] == "50000.00"


@pytest.mark.parametrize(
    ("birth", "months_", "amount"),
    [
        ("1980-06-15", 300, "5400000.00"),  # aged 45: 25 years to 70 = 300 months x 18,000 (facts §6 ex. 9)
        ("1960-06-15", 120, "2160000.00"),  # aged 65: 60 months to 70, but at least 120
    ],
)
def test_capitalisation_to_seventy_with_a_ten_year_minimum(birth: str, months_: int, amount: str) -> None:
    """Art. 255, simple_70_min10: 60 % of 30,000 = 18,000.00 a month on 30 June 2025, no discounting."""
    case = injury_case(
        calculation_date="2025-06-30",
        capitalisation={"date": "2025-06-30", "method": "simple_70_min10", "victim_birth_date": birth},
    )

    result = compensation.calculate(case)

    line = result["capitalisation"]["recipients"][0]
    assert (line["recipient"], line["monthly"], line["months"], line["amount"]) == (
        "victim",
        "18000.00",
        months_,
        amount,
    )
    assert result["capitalisation"]["total"] == amount
    assert result["capitalisation"]["parameters"] == {
        "age_limit": 70,
        "minimum_months": 120,
        "discount_rate": "0",
    }
    # Capitalised on a day under LC-2025: its ground is CC art. 1021 (contract v2 §2; LC-2004 art. 255).
    assert any(step["article"] == "CC 1021" for step in result["trace"])


def test_the_victims_capitalised_award_includes_care() -> None:
    """18,000 lost earnings + 4,000 household care = 22,000.00 x 312 months (June 2024 to June 2050)."""
    case = injury_case(
        msec_findings=[finding("2024-01-01", None, 60, care=["household"])],
        capitalisation={"date": "2024-06-30", "victim_birth_date": "1980-06-15"},
    )

    line = compensation.calculate(case)["capitalisation"]["recipients"][0]

    assert (line["monthly"], line["months"], line["amount"]) == ("22000.00", 312, "6864000.00")


def test_capitalisation_for_survivors_until_their_rights_end() -> None:
    """Three dependants: 30,000 / 4 = 7,500.00 a month each (Art. 250).
    A child born 1 March 2015: right to 28 February 2033: 104 months after June 2024: 780,000.00.
    A widow of pension age (open-ended), 70 on 10 May 2030 - 71 months, so the minimum 120: 900,000.00."""
    case = death_case(
        survivors=[
            survivor("c1", "2015-03-01", "minor"),
            survivor("c2", "2017-08-15", "minor"),
            survivor("w", "1960-05-10", "pension_age"),
        ],
        capitalisation={"date": "2024-06-30"},
    )

    lines = {line["recipient"]: line for line in compensation.calculate(case)["capitalisation"]["recipients"]}

    assert (lines["c1"]["monthly"], lines["c1"]["months"], lines["c1"]["amount"]) == (
        "7500.00",
        104,
        "780000.00",
    )
    assert (lines["w"]["months"], lines["w"]["amount"]) == (120, "900000.00")


def test_an_open_ended_right_without_a_birth_date_cannot_be_capitalised() -> None:
    case = death_case(
        survivors=[{"id": "p", "relation": "father", "grounds": ["disabled"]}],
        capitalisation={"date": "2024-06-30"},
    )

    with pytest.raises(compensation.InvalidCase) as caught:
        compensation.calculate(case, "en")

    assert list(caught.value.errors) == ["survivors.0.birth_date"]


def test_care_home_splits_the_monthly_sums_without_changing_what_is_owed() -> None:
    """Art. 266: from 16 May 2024, two dependants (one third), upkeep 10,000 a month.

    May: 16/31 of 22,000 (18,000 + 4,000 care) = 11,354.84; dependants 3,784.95; the home gets 7,569.89,
    which less the upkeep (16/31 x 10,000 = 5,161.29) is 2,408.60 - below 25 % (2,838.71), so the person
    gets 2,838.71 and the home keeps 4,731.18.
    June: 22,000; dependants 7,333.33; home 14,666.67; the person max(4,666.67, 5,500.00) = 5,500.00.
    """
    plain = injury_case(msec_findings=[finding("2024-01-01", None, 60, care=["household"])])
    placed = injury_case(
        msec_findings=[finding("2024-01-01", None, 60, care=["household"])],
        care_home={"from": "2024-05-16", "to": None, "dependants": 2, "monthly_cost": "10000.00"},
    )

    result = compensation.calculate(placed)

    may, june = result["care_home"]["months"]
    assert may == {
        "period": "2024-05",
        "days": 16,
        "award": "11354.84",
        "to_dependants": "3784.95",
        "to_care_home": "7569.89",
        "person_receives": "2838.71",
        "care_home_keeps": "4731.18",
    }
    assert (june["to_dependants"], june["person_receives"], june["care_home_keeps"]) == (
        "7333.33",
        "5500.00",
        "9166.67",
    )
    assert result["totals"] == compensation.calculate(plain)["totals"]


@pytest.mark.parametrize(("dependants", "share"), [(0, "0"), (1, "1/4"), (2, "1/3"), (3, "1/2"), (5, "1/2")])
def test_care_home_dependants_share_by_their_number(dependants: int, share: str) -> None:
    case = injury_case(care_home={"from": "2024-06-01", "dependants": dependants})

    result = compensation.calculate(case)["care_home"]

    assert result["dependants_share"] == share
    assert result["months"][0]["person_receives"] == "4500.00"  # 25 % of 18,000 without a known upkeep


@pytest.mark.parametrize(
    ("section", "value", "path"),
    [
        (
            "temporary_transfers",
            [{"from": "2024-01-01", "to": "2025-01-01", "monthly_pay": "1.00"}],
            "temporary_transfers.0.to",
        ),
        (
            "temporary_transfers",
            [{"from": "2024-01-01", "to": "2024-02-01", "monthly_pay": 1.5}],
            "temporary_transfers.0.monthly_pay",
        ),
        ("retraining", [{"from": "2024-03-01", "to": "2024-02-01"}], "retraining.0.to"),
        ("capitalisation", {"date": "2024-06-30"}, "capitalisation.victim_birth_date"),
        (
            "capitalisation",
            {"date": "2024-06-30", "victim_birth_date": "1980-01-01", "method": "actuarial"},
            "capitalisation.method",
        ),
        ("care_home", {"from": "2024-05-01", "dependants": -1}, "care_home.dependants"),
        (
            "additional_expenses",
            [{"kind": "yacht", "amount": "1.00", "incurred_on": "2024-01-01", "submitted_on": "2024-01-02"}],
            "additional_expenses.0.kind",
        ),
        (
            "additional_expenses",
            [
                {
                    "kind": "medicines",
                    "amount": "1.00",
                    "incurred_on": "2024-02-01",
                    "submitted_on": "2024-01-02",
                }
            ],
            "additional_expenses.0.submitted_on",
        ),
        (
            "agreed_sums",
            [{"component": "burial", "amount": "1.00", "due_date": "2024-01-01"}],
            "agreed_sums.0.component",
        ),
        (
            "agreed_sums",
            [{"component": "moral_damage", "amount": "-1.00", "due_date": "2024-01-01"}],
            "agreed_sums.0.amount",
        ),
    ],
)
def test_optional_sections_are_checked_with_field_paths(section: str, value: Any, path: str) -> None:
    with pytest.raises(compensation.InvalidCase) as caught:
        compensation.calculate(injury_case(**{section: value}), "en")

    assert path in caught.value.errors


@pytest.mark.parametrize("section", ["care_home", "temporary_transfers", "retraining", "additional_expenses"])
def test_injury_only_sections_are_refused_in_a_death_case(section: str) -> None:
    value: Any = {"from": "2024-01-01", "dependants": 1} if section == "care_home" else []

    with pytest.raises(compensation.InvalidCase) as caught:
        compensation.calculate(death_case(**{section: value}), "en")

    assert list(caught.value.errors) == [section]


def test_former_earnings_need_actual_earnings() -> None:
    """Arts. 242-243 pay the victim's own former earnings; five minimum wages is not that."""
    case = injury_case(
        earnings={"documents_unavailable": True},
        retraining=[{"from": "2024-03-01", "to": "2024-03-31"}],
        injury_date="2024-01-01",
    )

    with pytest.raises(compensation.InvalidCase) as caught:
        compensation.calculate(case, "en")

    assert list(caught.value.errors) == ["retraining"]


def test_periodic_payments_pay_transfer_and_retraining_installments_in_due_date_order() -> None:
    """Arts. 242, 243, 269: temporary-transfer and retraining installments are monthly sums, so a
    ``periodic`` payment reaches them, oldest due first (ties: lost earnings before them), and a
    ``one_off`` payment does not. Lost earnings 30,500 x 60 % = 18,300.00 a month; the transfer in
    January 33,000 - 20,000 = 13,000.00; retraining in February 33,000.00. 18,300 + 13,000 + 18,300
    + 1,000 = 50,600.00 pays January whole, February's lost earnings, and 1,000.00 of retraining."""
    case = with_raise(
        temporary_transfers=[{"from": "2024-01-01", "to": "2024-01-31", "monthly_pay": "20000.00"}],
        retraining=[{"from": "2024-02-01", "to": "2024-02-29"}],
        payments=[
            {"date": "2024-03-05", "amount": "50600.00", "applies_to": "periodic"},
            {"date": "2024-03-05", "amount": "500.00", "applies_to": "one_off"},
        ],
    )

    result = compensation.calculate(case)

    rows = [(i["component"], i["period"], i["paid"]) for i in result["installments"]]
    assert rows[:5] == [
        ("lost_earnings", "2024-01", "18300.00"),
        ("temporary_transfer", "2024-01", "13000.00"),
        ("lost_earnings", "2024-02", "18300.00"),
        ("retraining", "2024-02", "1000.00"),
        ("lost_earnings", "2024-03", "0.00"),
    ]
    retraining = installment(result, "retraining", "2024-02")
    assert retraining["due_date"] == "2024-02-29"
    assert retraining["outstanding"] == "32000.00"
    assert retraining["penalty"] != "0.00"
    assert result["unapplied_payments"] == {"one_off": "500.00"}


def test_temporary_transfer_pay_is_reckoned_from_the_two_months_before_the_injury_month() -> None:
    """LC-2004 art. 242 last part, LC-2025 art. 36(4)-(5) (contract v2 §4): the former earnings are the
    average of the two calendar months before the month of ``injury_date``, whatever reference month
    the victim chose for the AME. Injury on 20 December 2023: October and November 2023 count
    (30,000 and 32,000: 31,000), not November-December (33,000) before the chosen reference month."""
    case = with_raise(
        injury_date="2023-12-20",
        temporary_transfers=[{"from": "2024-01-01", "to": "2024-01-31", "monthly_pay": "20000.00"}],
    )

    result = compensation.calculate(case)

    assert amounts(result, "temporary_transfer") == {"2024-01": som(Fraction(30000 + 32000, 2) - 20000)}


def test_temporary_transfer_needs_the_day_of_the_injury() -> None:
    """Contract v2 §4: ``injury_date`` is required with ``temporary_transfers`` or ``retraining``."""
    case = injury_case(
        temporary_transfers=[{"from": "2024-01-01", "to": "2024-01-31", "monthly_pay": "1.00"}]
    )

    with pytest.raises(compensation.InvalidCase) as caught:
        compensation.calculate(case, "en")

    assert "injury_date" in caught.value.errors
