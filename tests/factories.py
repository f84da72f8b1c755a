"""The case the claims tests share: the MSEC finding, the claim, and the contract case file of the same facts.

``make_claim`` (tests/conftest.py) files them through the API; the stateless engine on
``equivalent_case`` must give the same figures as the stored path.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from calculator.form import employer_liable

#: The day of the accident of the claims tests: before the finding (2026-12-01) and the claim (2026-12-10).
ACCIDENT_DAY = date(2026, 11, 24)
#: The day the claims and liquidation tests run on (issue 12: nothing is dated after today): the claim's
#: day, so that the finding and the claim have happened; a test that records later pins a later day.
RECORDS_DAY = date(2026, 12, 10)

EARNINGS = [
    {"month": f"{2025 + (m > 12)}-{(m - 1) % 12 + 1:02d}", "amount": "30000.00"} for m in range(11, 23)
]


def finding_payload(victim: int, **overrides: Any) -> dict[str, Any]:
    """The MSEC finding the tests record: group II, 60 % for a year from 2026-12-01, household care."""
    data = {
        "victim_id": victim,
        "msec_body": "МСЭК г. Бишкек",
        "decision_no": "1204",
        "examined_on": "2026-12-01",
        "valid_from": "2026-12-01",
        "valid_to": "2027-11-30",
        "loss_percent": 60,
        "disability_group": "II",
        "reexamination_on": "2027-11-15",
        "care_household": True,
    }
    data.update(overrides)
    return data


def claim_payload(victim: int, **overrides: Any) -> dict[str, Any]:
    """The victim's injury claim of 2026-12-10 with twelve months of earnings at 30,000.00."""
    data = {
        "victim_id": victim,
        "case_type": "injury",
        "claimant_name": "Пострадавший Номер 1",
        "filed_on": "2026-12-10",
        "region": "bishkek",
        "reference_month": "2026-11",
        "earnings": EARNINGS,
        "survivors": [],
        "documents": [{"code": "application", "received_on": "2026-12-10"}, {"code": "msec_finding"}],
    }
    data.update(overrides)
    return data


def equivalent_case(
    calculation_date: str, findings: list[dict], payments: list[dict], fault: int = 0
) -> dict[str, Any]:
    """The contract case file a claims officer would type for the same facts."""
    return {
        "case_type": "injury",
        "calculation_date": calculation_date,
        "claim_date": "2026-12-10",
        "region": "bishkek",
        "liability": employer_liable(fault),
        "earnings": {"reference_month": "2026-11", "months": EARNINGS},
        "msec_findings": findings,
        "payments": payments,
    }


FIRST = {
    "from": "2026-12-01",
    "to": "2027-11-30",
    "loss_percent": 60,
    "disability_group": "II",
    "care": ["household"],
    "applied_on": None,
}


#: The 2027 minimum wage of a (test's) budget law, in place of the built-in table's planned 3,608.00:
#: the parameter row an administrator adds (issue 16).
LAW_2027 = {
    "table": "minimum_wage",
    "from": "2027-01-01",
    "value": "3700.00",
    "status": "verified",
    "source": "Law on the republican budget for 2027, art. 12",
}


def care(result: dict[str, Any], period: str) -> Any:
    """The household care allowance of ``period`` in an engine result (2 x the minimum wage, LC-2025 art.
    218(7)), as a Decimal."""
    from decimal import Decimal

    [item] = [
        i for i in result["installments"] if i["component"] == "care_household" and i["period"] == period
    ]
    return Decimal(item["amount"])
