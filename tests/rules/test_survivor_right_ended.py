"""Extension to the contract: ``survivors[].right_ended_on``, the last day of a right that ended early
(the survivor died, was adopted...; arts. 251, 263). The other shares are not recalculated (art. 251)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

import compensation

EXAMPLE = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "contract"
    / "examples"
    / "03_death_two_children.case.json"
)


@pytest.fixture
def case() -> dict:
    if not EXAMPLE.exists():
        pytest.skip("the shared contract examples are not beside the repository")
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def _monthly(result: dict, recipient: str) -> dict[str, str]:
    return {
        i["period"]: i["amount"]
        for i in result["installments"]
        if i["recipient"] == recipient and i["component"] == "survivor"
    }


def test_a_right_ended_on_10_february_is_paid_for_ten_days_of_february_and_no_more(case):
    ended = copy.deepcopy(case)
    ended["survivors"][0]["right_ended_on"] = "2025-02-10"

    before = compensation.calculate(case)
    after = compensation.calculate(ended)

    # Each share is (45,000 - 0) / (2 + 1) = 15,000 a month; February 2025 has 28 days: 15,000 x 10/28.
    assert _monthly(after, "c1") == {
        "2024-10": "11129.03",
        "2024-11": "15000.00",
        "2024-12": "15000.00",
        "2025-01": "15000.00",
        "2025-02": "5357.14",
    }
    assert _monthly(after, "c2") == _monthly(before, "c2")  # art. 251: the others' shares stay
    assert any("2025-02-10" in str(step.get("result")) for step in after["trace"])


def test_a_right_cannot_end_before_the_death(case):
    case["survivors"][1]["right_ended_on"] = "2024-01-01"

    with pytest.raises(compensation.InvalidCase) as caught:
        compensation.calculate(case)

    assert "survivors.1.right_ended_on" in caught.value.errors


def test_a_malformed_end_is_a_field_error(case):
    case["survivors"][0]["right_ended_on"] = "10.02.2025"

    with pytest.raises(compensation.InvalidCase) as caught:
        compensation.calculate(case)

    assert "survivors.0.right_ended_on" in caught.value.errors


def test_a_right_ending_after_its_natural_end_changes_nothing(case):
    later = copy.deepcopy(case)
    later["survivors"][0]["right_ended_on"] = "2040-01-01"  # after c1 turns 18

    assert compensation.calculate(later)["installments"] == compensation.calculate(case)["installments"]
