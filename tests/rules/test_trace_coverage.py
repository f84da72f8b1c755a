"""Every lost-earnings installment has its trace step: a step naming its month (alone, or in a
run ``A..B``) whose result is the installment's amount (Art. 235; docs/compensation.md, the trace)."""

from __future__ import annotations

from typing import Any

from hypothesis import given

import compensation
from tests.rules.builders import finding, injury_case
from tests.rules.test_properties import SETTINGS, injury_cases


def _covers(step: dict[str, Any], period: str) -> bool:
    named = step["inputs"].get("period") if isinstance(step["inputs"], dict) else None
    if not isinstance(named, str):
        return False
    first, _, last = named.partition("..")
    return first <= period <= (last or first)


def missing_steps(result: dict[str, Any]) -> list[tuple[str, str]]:
    """The lost-earnings installments (period, amount) that no trace step explains."""
    lost = [i for i in result["installments"] if i["component"] == "lost_earnings"]
    steps = [s for s in result["trace"] if "235" in s["article"] or "214" in s["article"]]
    return [
        (i["period"], i["amount"])
        for i in lost
        if not any(_covers(s, i["period"]) and s["result"] == i["amount"] for s in steps)
    ]


def test_a_zero_period_sharing_a_month_after_a_gap_keeps_the_earlier_months_step() -> None:
    """Findings 10-20 Jan at 50 %, 1-10 Feb at 0 %, from 15 Feb at 60 %: January (11 days at 50 %) keeps
    its step; February merges 10 days at 0 % and 15 days at 60 % into one installment and one step."""
    case = injury_case(
        msec_findings=[
            finding("2024-01-10", "2024-01-20", 50),
            finding("2024-02-01", "2024-02-10", 0),
            finding("2024-02-15", None, 60),
        ]
    )

    result = compensation.calculate(case, language="en")

    periods = [i["period"] for i in result["installments"] if i["component"] == "lost_earnings"]
    assert periods[:2] == ["2024-01", "2024-02"]
    assert missing_steps(result) == []


@SETTINGS
@given(injury_cases())
def test_every_lost_earnings_installment_has_a_trace_step(case: dict[str, Any]) -> None:
    assert missing_steps(compensation.calculate(case, language="en")) == []
