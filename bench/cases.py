"""Benchmark cases: (a) an injury with three findings over 36 months, (b) a death with four survivors."""

from __future__ import annotations

import copy
import random
from datetime import date
from typing import Any

PARAMETERS = {
    "minimum_wage": [
        {"from": "2019-01-01", "amount": "1650.00"},
        {"from": "2022-01-01", "amount": "2000.00"},
        {"from": "2025-01-01", "amount": "2500.00"},
    ],
    "subsistence_minimum": [
        {"from": "2019-01-01", "region": "*", "amount": "7000.00"},
        {"from": "2024-01-01", "region": "*", "amount": "7800.00"},
        {"from": "2024-01-01", "region": "bishkek", "amount": "8100.00"},
    ],
    "indexation": [{"from": "2023-01-01", "factor": "1.05"}, {"from": "2024-01-01", "factor": "1.04"}],
    "penalty_rate_per_day": "0.0015",
    "pension_age": {"male": 63, "female": 58},
}


def injury_case(shift: int = 0) -> dict[str, Any]:
    """(a) 12 months of earnings, three findings (a decrease, then an increase), 36 monthly installments
    of lost earnings (and the one-off benefit) and 13 payments.

    ``shift`` varies the earnings so that a batch of cases is not one case repeated.
    """
    months = [
        {"month": f"2021-{m:02d}", "amount": f"{30000 + 250 * m + shift}.00", "exclude": None}
        for m in range(1, 13)
    ]
    months[3]["exclude"] = "unpaid_leave"
    months.insert(0, {"month": "2020-12", "amount": "29000.00", "exclude": None})
    payments = [
        {"date": f"{2022 + (i // 12)}-{i % 12 + 1:02d}-20", "amount": "15000.00", "applies_to": "periodic"}
        for i in range(0, 36, 3)
    ]
    payments.append({"date": "2022-04-15", "amount": "500000.00", "applies_to": "one_off"})
    return {
        "case_type": "injury",
        "calculation_date": "2024-12-31",
        "claim_date": "2022-02-01",
        "region": "osh",
        "liability": {
            "source_of_increased_danger": True,
            "employer_fault": True,
            "force_majeure": False,
            "victim_intent": False,
            "victim_gross_negligence_percent": 10,
        },
        "earnings": {"reference_month": "2022-01", "months": months},
        "msec_findings": [
            {
                "from": "2022-01-10",
                "to": "2022-12-31",
                "loss_percent": 60,
                "disability_group": "II",
                "care": [],
                "applied_on": None,
            },
            {
                "from": "2023-01-01",
                "to": "2023-12-31",
                "loss_percent": 40,
                "disability_group": "III",
                "care": [],
                "applied_on": None,
            },
            {
                "from": "2024-01-01",
                "to": None,
                "loss_percent": 70,
                "disability_group": "II",
                "care": [],
                "applied_on": "2024-01-20",
            },
        ],
        "payments": payments,
        "parameters": copy.deepcopy(PARAMETERS),
    }


def death_case(shift: int = 0) -> dict[str, Any]:
    """(b) A death with four survivors (two children, a student, a widow of pension age) over five years."""
    months = [
        {"month": f"2019-{m:02d}", "amount": f"{42000 + 100 * m + shift}.00", "exclude": None}
        for m in range(1, 13)
    ]
    return {
        "case_type": "death",
        "calculation_date": "2024-12-31",
        "claim_date": "2020-01-20",
        "region": "bishkek",
        "liability": {"source_of_increased_danger": True, "victim_gross_negligence_percent": 0},
        "death_date": "2020-01-05",
        "earnings": {"reference_month": "2020-01", "months": months},
        "survivors": [
            {"id": "s1", "relation": "son", "birth_date": "2008-03-15", "sex": "male", "grounds": ["minor"]},
            {
                "id": "s2",
                "relation": "daughter",
                "birth_date": "2003-09-01",
                "sex": "female",
                "grounds": ["minor", "student"],
                "student_until": "2024-06-30",
            },
            {"id": "s3", "relation": "son", "birth_date": "2012-11-30", "sex": "male", "grounds": ["minor"]},
            {
                "id": "s4",
                "relation": "widow",
                "birth_date": "1960-05-10",
                "sex": "female",
                "grounds": ["pension_age"],
            },
        ],
        "payments": [
            {"date": f"{2020 + i // 12}-{i % 12 + 1:02d}-25", "amount": "40000.00", "applies_to": "periodic"}
            for i in range(1, 60, 2)
        ]
        + [{"date": "2020-03-01", "amount": "2000000.00", "applies_to": "one_off"}],
        "parameters": copy.deepcopy(PARAMETERS),
    }


def open_case(i: int, calculation_date: str = "2025-06-30") -> dict[str, Any]:
    """The ``i``-th open case of a simulated national register (deterministic): four in five injuries
    (one to three findings, one to five years of payments), one in five deaths (one to four survivors)."""
    rng = random.Random(i)
    calc_year = int(calculation_date[:4])
    years = rng.randint(1, 5)
    start_year = calc_year - years
    start = f"{start_year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    reference = f"{start_year}-{int(start[5:7]):02d}"
    wage = rng.randint(15_000, 60_000)
    months = []
    y, m = start_year, int(start[5:7])
    for _ in range(12):
        m -= 1
        if m == 0:
            y, m = y - 1, 12
        months.append(
            {"month": f"{y}-{m:02d}", "amount": f"{wage + rng.randint(-2000, 2000)}.00", "exclude": None}
        )
    claim = f"{start_year}-{int(start[5:7]):02d}-28"
    payments = [
        {
            "date": f"{start_year + k // 12}-{k % 12 + 1:02d}-15",
            "amount": f"{wage // 3}.00",
            "applies_to": "periodic",
        }
        for k in range(int(start[5:7]), 12 * years, rng.randint(1, 3))
    ]
    case: dict[str, Any] = {
        "calculation_date": calculation_date,
        "claim_date": claim,
        "region": rng.choice(["bishkek", "osh", "chui", "naryn"]),
        "liability": {
            "source_of_increased_danger": True,
            "victim_gross_negligence_percent": rng.choice([0, 0, 10, 25]),
        },
        "earnings": {"reference_month": reference, "months": months},
        "payments": payments,
        "parameters": copy.deepcopy(PARAMETERS),
    }
    if rng.random() < 0.8:
        case["case_type"] = "injury"
        findings = []
        day = start
        for k in range(rng.randint(1, 3)):
            last = k == 2 or rng.random() < 0.3
            year = int(day[:4]) + 1
            end = None if last or year >= calc_year else f"{year}-{day[5:7]}-{min(int(day[8:]), 28):02d}"
            findings.append(
                {
                    "from": day,
                    "to": end,
                    "loss_percent": rng.choice([30, 40, 60, 80, 100]),
                    "disability_group": rng.choice([None, "III", "II", "I"]),
                    "care": rng.choice([[], [], ["household"], ["special_medical"]]),
                    "applied_on": None,
                }
            )
            if end is None:
                break
            nxt = date.fromisoformat(end).toordinal() + 1
            day = date.fromordinal(nxt).isoformat()
        case["msec_findings"] = findings
    else:
        case["case_type"] = "death"
        case["death_date"] = start
        survivors = []
        for k in range(rng.randint(1, 4)):
            birth = f"{start_year - rng.randint(1, 16)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            survivors.append(
                {
                    "id": f"s{k}",
                    "relation": "child",
                    "birth_date": birth,
                    "sex": "female",
                    "grounds": ["minor"],
                }
            )
        case["survivors"] = survivors
    return case
