"""Case files for the rule tests: small, readable, with their own parameter tables.

Every builder returns a plain case dict of the contract; keyword arguments replace
top-level sections. The parameters are round numbers so that expected figures can
be worked out by hand in the tests' comments:

* minimum wage 2,000.00 from 2019-01-01 and 2,500.00 from 2025-01-01 (so 5 x MW = 10,000 / 12,500);
* subsistence minimum 8,000.00 everywhere ("*"), 9,000.00 in Bishkek, from 2019-01-01;
* no indexation, penalty 0.15 % a day, pension age 63 / 58.
"""

from __future__ import annotations

import copy
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

PARAMETERS: dict[str, Any] = {
    "minimum_wage": [
        {"from": "2019-01-01", "amount": "2000.00"},
        {"from": "2025-01-01", "amount": "2500.00"},
    ],
    "subsistence_minimum": [
        {"from": "2019-01-01", "region": "*", "amount": "8000.00"},
        {"from": "2019-01-01", "region": "bishkek", "amount": "9000.00"},
    ],
    "indexation": [],
    "penalty_rate_per_day": "0.0015",
    "pension_age": {"male": 63, "female": 58},
}

LIABLE = {
    "source_of_increased_danger": True,
    "employer_fault": True,
    "force_majeure": False,
    "victim_intent": False,
    "victim_gross_negligence_percent": 0,
}


def months(first: str, count: int, amount: str = "30000.00") -> list[dict[str, Any]]:
    """``count`` consecutive months of earnings from ``first`` (YYYY-MM), each ``amount``."""
    year, month = int(first[:4]), int(first[5:])
    out = []
    for _ in range(count):
        out.append({"month": f"{year:04d}-{month:02d}", "amount": amount, "exclude": None})
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return out


def finding(
    start: str, end: str | None, loss: Any = 60, group: str | None = None, **extra: Any
) -> dict[str, Any]:
    return {"from": start, "to": end, "loss_percent": loss, "disability_group": group, "care": [], **extra}


def injury_case(**overrides: Any) -> dict[str, Any]:
    """An injury: AME 30,000.00 (12 months of 2023 before January 2024), 60 % loss from 2024-01-01,
    claim on 2024-01-10, statement as of 2024-06-30."""
    case: dict[str, Any] = {
        "case_type": "injury",
        "calculation_date": "2024-06-30",
        "claim_date": "2024-01-10",
        "region": "osh",
        "liability": dict(LIABLE),
        "earnings": {"reference_month": "2024-01", "months": months("2023-01", 12)},
        "msec_findings": [finding("2024-01-01", None, 60)],
        "payments": [],
        "parameters": copy.deepcopy(PARAMETERS),
    }
    case.update(overrides)
    return case


def survivor(sid: str, birth: str, *grounds: str, sex: str = "female", **extra: Any) -> dict[str, Any]:
    return {
        "id": sid,
        "relation": "child",
        "birth_date": birth,
        "sex": sex,
        "grounds": list(grounds),
        **extra,
    }


def death_case(**overrides: Any) -> dict[str, Any]:
    """A death on 2024-01-01 of a worker with AME 30,000.00; two minor children; claim on
    2024-01-10, statement as of 2024-06-30."""
    case: dict[str, Any] = {
        "case_type": "death",
        "calculation_date": "2024-06-30",
        "claim_date": "2024-01-10",
        "region": "osh",
        "liability": dict(LIABLE),
        "death_date": "2024-01-01",
        "earnings": {"reference_month": "2024-01", "months": months("2023-01", 12)},
        "survivors": [survivor("c1", "2015-03-01", "minor"), survivor("c2", "2017-08-15", "minor")],
        "payments": [],
        "parameters": copy.deepcopy(PARAMETERS),
    }
    case.update(overrides)
    return case


def amounts(result: dict[str, Any], component: str, recipient: str = "victim") -> dict[str | None, str]:
    """``{period: amount}`` of one component and recipient of a result."""
    return {
        i["period"]: i["amount"]
        for i in result["installments"]
        if i["component"] == component and i["recipient"] == recipient
    }


def installment(result: dict[str, Any], component: str, period: str | None, recipient: str = "victim") -> Any:
    found = [
        i
        for i in result["installments"]
        if i["component"] == component and i["period"] == period and i["recipient"] == recipient
    ]
    assert len(found) == 1, (component, period, recipient, found)
    return found[0]


def som(value: Fraction | int) -> str:
    """An exact amount (a fraction of som) as the contract writes it: rounded once, half up."""
    exact = Fraction(value)
    return str(
        (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    )
