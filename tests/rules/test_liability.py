"""Arts. 226, 227, 229, 230: whether the employer is liable, and what the victim's fault reduces."""

from __future__ import annotations

from typing import Any

import pytest

import compensation
from tests.rules.builders import amounts, finding, injury_case, installment


def liability(**flags: Any) -> dict[str, Any]:
    base = {
        "source_of_increased_danger": False,
        "employer_fault": False,
        "force_majeure": False,
        "victim_intent": False,
        "victim_gross_negligence_percent": 0,
    }
    return {**base, **flags}


@pytest.mark.parametrize(
    ("flags", "liable"),
    [
        ({"source_of_increased_danger": True}, True),  # Art. 226 part 1: strict liability
        ({"source_of_increased_danger": True, "force_majeure": True}, False),  # ... unless force majeure
        ({"source_of_increased_danger": True, "victim_intent": True}, False),  # ... or the victim's intent
        ({"employer_fault": True}, True),  # Art. 226 part 2 / 227: no danger source, the employer's fault
        ({}, False),  # no danger source and no fault of the employer
        ({"employer_fault": True, "victim_intent": True}, False),  # intent excludes liability altogether
    ],
    ids=[
        "danger_source",
        "force_majeure",
        "intent",
        "employer_fault",
        "no_fault_no_danger",
        "intent_and_fault",
    ],
)
def test_art_226_decides_whether_the_employer_is_liable(flags: dict[str, bool], liable: bool) -> None:
    result = compensation.calculate(injury_case(liability=liability(**flags)))

    assert result["liability"]["employer_liable"] is liable
    assert bool(result["installments"]) is liable
    assert result["trace"][0]["article"].startswith("LC-2004 226")


def test_not_liable_means_no_installments_and_zero_totals() -> None:
    result = compensation.calculate(injury_case(liability=liability(victim_intent=True)))

    assert result["installments"] == []
    assert result["totals"] == {"accrued": "0.00", "paid": "0.00", "outstanding": "0.00", "penalty": "0.00"}


def test_art_230_gross_negligence_reduces_lost_earnings_and_the_one_off_benefit_only() -> None:
    """AME 30,000; 60 % loss; group III; household care; fault 25 %.

    Lost earnings: 30,000 x 60 % x 75 % = 13,500.00 a month (Art. 235 reduced by Art. 230).
    One-off (Art. 247): 3 x 12 x 30,000 x 75 % = 810,000.00.
    Household care (Art. 245): 2 x MW 2,000 = 4,000.00, NOT reduced (Art. 230 last part).
    """
    case = injury_case(
        liability=liability(source_of_increased_danger=True, victim_gross_negligence_percent=25),
        msec_findings=[finding("2024-01-01", None, 60, "III", care=["household"])],
    )

    result = compensation.calculate(case)

    assert set(amounts(result, "lost_earnings").values()) == {"13500.00"}
    assert set(amounts(result, "care_household").values()) == {"4000.00"}
    assert installment(result, "one_off_injury", None)["amount"] == "810000.00"
    assert result["liability"]["victim_fault_percent"] == "25"


def test_a_fractional_fault_percentage_is_exact() -> None:
    """Fault 12.5 %: 30,000 x 60 % x 87.5 % = 15,750.00 (no binary floating point anywhere)."""
    case = injury_case(
        liability=liability(source_of_increased_danger=True, victim_gross_negligence_percent="12.5")
    )

    result = compensation.calculate(case)

    assert set(amounts(result, "lost_earnings").values()) == {"15750.00"}
    assert result["liability"]["victim_fault_percent"] == "12.5"


def test_fault_never_reduces_anything_in_a_death_case() -> None:
    """Art. 230 last part: the breadwinner's death is compensated in full (30,000 / 3 = 10,000.00)."""
    from tests.rules.builders import death_case

    case = death_case(
        liability=liability(source_of_increased_danger=True, victim_gross_negligence_percent=50)
    )

    result = compensation.calculate(case)

    assert set(amounts(result, "survivor", "c1").values()) == {"10000.00"}
