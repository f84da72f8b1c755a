"""Dated parameter tables: the lookup rule, the data files, and a case's own tables (the contract)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import yaml

import compensation
from compensation import parameters
from compensation.parameters import NoRowInForce, Table, make_row
from tests.rules.builders import injury_case

SM = Table(
    "subsistence_minimum",
    (
        make_row(date(2024, 1, 1), Decimal("7800.00"), "s1"),
        make_row(date(2025, 1, 1), Decimal("8200.00"), "s2"),
        make_row(date(2025, 1, 1), Decimal("9100.00"), "s3", key="bishkek"),
        make_row(date(2024, 6, 1), Decimal("9999.00"), "s4", key="osh"),
    ),
)


def test_the_latest_from_not_after_the_day_is_in_force() -> None:
    assert SM.at(date(2024, 12, 31)).value == Decimal("7800.00")
    assert SM.at(date(2025, 1, 1)).value == Decimal("8200.00")


def test_a_regions_own_row_beats_the_star_row_of_the_same_from() -> None:
    assert SM.at(date(2025, 3, 1), "bishkek").value == Decimal("9100.00")
    assert SM.at(date(2025, 3, 1), "naryn").value == Decimal("8200.00")


def test_a_later_star_row_beats_an_older_regional_row() -> None:
    """The contract: latest ``from`` first; the region only breaks a tie of the same ``from``."""
    assert SM.at(date(2024, 7, 1), "osh").value == Decimal("9999.00")
    assert SM.at(date(2025, 2, 1), "osh").value == Decimal("8200.00")


def test_no_row_in_force_is_an_error_not_a_guess() -> None:
    with pytest.raises(NoRowInForce):
        SM.at(date(2023, 12, 31))


def test_a_row_marked_unknown_refuses_rather_than_carrying_the_old_value() -> None:
    """Facts §4.1: the minimum wage of 2023-2025 is not known; the table says so."""
    table = parameters.load("minimum_wage")

    with pytest.raises(NoRowInForce) as caught:
        table.at(date(2024, 6, 1))

    assert caught.value.unknown is not None
    assert caught.value.unknown.status == "unknown"
    assert table.at(date(2022, 6, 1)).value == Decimal("2337.00")
    assert table.at(date(2026, 6, 1)).value == Decimal("3280.00")


@pytest.mark.parametrize("name", sorted(parameters.NAMES))
def test_every_built_in_row_cites_its_source_and_quotes_its_value(name: str) -> None:
    raw = yaml.safe_load((parameters.HERE / f"{name}.yaml").read_text(encoding="utf-8"))
    column = parameters.NAMES[name]

    for row in raw["rows"]:
        assert row["source"]
        assert row.get("status") in (None, "unverified", "unknown", "gap")
        assert isinstance(row[column], str) or (row[column] is None and row["status"] in ("unknown", "gap"))

    assert parameters.load(name).name == name


def test_penalty_rate_is_art_269s_fifteen_hundredths_of_a_percent() -> None:
    assert parameters.load("penalty_rate_per_day").at(date(2025, 1, 1)).value == Decimal("0.0015")


def test_a_case_table_replaces_the_built_in_one_whole() -> None:
    """The built-in table knows 2022; the case's table starts in 2024, so 2023 has no row."""
    case = injury_case(
        calculation_date="2024-02-29",
        claim_date="2023-06-01",
        msec_findings=[{"from": "2023-06-01", "to": None, "loss_percent": 50}],
    )
    case["parameters"]["minimum_wage"] = [{"from": "2024-01-01", "amount": "2000.00"}]

    with pytest.raises(compensation.InvalidCase) as caught:
        compensation.calculate(case, "en")

    assert list(caught.value.errors) == ["parameters.minimum_wage"]
    assert "2023-06-01" in caught.value.errors["parameters.minimum_wage"][0]


def test_without_the_cases_own_table_an_unknown_minimum_wage_is_a_clear_error() -> None:
    case = injury_case()
    del case["parameters"]["minimum_wage"]

    with pytest.raises(compensation.InvalidCase) as caught:
        compensation.calculate(case, "en")

    assert "not known" in caught.value.errors["parameters.minimum_wage"][0]


def test_built_in_tables_compute_a_2026_case() -> None:
    """MW 3,280 from 2026 (budget law 2026-2028): 5 x MW = 16,400 is the floor without documents."""
    case = injury_case(
        calculation_date="2026-02-28",
        claim_date="2026-01-05",
        earnings={"documents_unavailable": True},
        msec_findings=[{"from": "2026-01-01", "to": None, "loss_percent": 50}],
        parameters={},
    )

    result = compensation.calculate(case)

    assert result["average_monthly_earnings"] == {"amount": None, "method": "five_minimum_wages"}
    assert [i["amount"] for i in result["installments"]] == ["8200.00", "8200.00"]  # 16,400 x 50 %
    cited = next(s["inputs"]["minimum_wage"] for s in result["trace"] if "minimum_wage" in s["inputs"])
    assert cited["from"] == "2026-01-01"
    assert "budget" in cited["source"]
