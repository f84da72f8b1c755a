"""A small hand-computed fixture the reports tests count on (issue 10: "two defects first").

Employer "Alpha" (400 workers in 2026, 380 in 2025, 608,000 hours in 2026), today 2026-11-26:

| accident           | victims | act                                  | consequences                        |
|--------------------|---------|--------------------------------------|-------------------------------------|
| 2026-11-24 group   | 2       | N-1, fatal, fatal                    | —                                   |
| 2026-11-24 light   | 1       | N-1, light, "not work-related"       | —                                   |
| 2026-11-24 severe  | 1       | occupational disease                 | —                                   |
| 2026-03-10 severe  | 1       | N-1, severe                          | died 2026-05-10 (within a year)     |
| 2026-11-24 light   | 1       | N-1, light                           | recovered, 3 working days lost      |
| 2026-04-02 severe  | 1       | N-1, severe                          | lighter work, 30 working days lost  |
| 2025-06-10 severe  | 1       | N-1, severe                          | died 2026-07-01 (over a year later) |

2026: 5 cases (2 + 1 + 1 + 1), 3 deaths (the group's two, March's later death); closed non-fatal
cases 2 with 33 days lost. 2025: 1 case, no death.
Employer "Beta" (another officer): one light case on 2026-11-24, no headcount.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from core import db
from core.classifiers import Role
from core.employers import EmployerHeadcount

OD_ACT = {
    "kind": "occupational_disease",
    "diagnosed_on": "2026-11-24",
    "final_diagnosis": "Вибрационная болезнь I степени",
    "harmful_factors": "Локальная вибрация, 1,8 ПДУ",
    "exposure_years": 12,
}
EARLY = {"induction_briefing_on": None, "workplace_briefing_on": None}


@pytest.fixture
def record_consequence(app: Any) -> Any:
    def record(officer: Any, act_id: int, **data: Any) -> None:
        from accidents import consequences, schemas

        with app.test_request_context():
            consequences.record_consequence(officer, act_id, schemas.ConsequenceIn().load(data))

    return record


@pytest.fixture
def fixture_cases(app, make_employer, make_user, make_accident, record_consequence) -> dict[str, Any]:
    alpha, beta = make_employer(name="Alpha", region="chui", sector="C"), make_employer(name="Beta")
    officer = make_user(Role.SAFETY_OFFICER, employer=alpha)
    other = make_user(Role.SAFETY_OFFICER, employer=beta)
    with app.app_context(), db.transaction() as s:
        s.add_all(
            [
                EmployerHeadcount(employer_id=alpha.id, year=2026, headcount=400, hours_worked=608_000),
                EmployerHeadcount(employer_id=alpha.id, year=2025, headcount=380),
            ]
        )
    make_accident(officer, "filled", victims=2, category="group", act={"severity": "fatal"})
    make_accident(officer, "filled", category="light", act={"severity": "light", "work_related": False})
    make_accident(officer, "filled", act=OD_ACT)
    march = make_accident(officer, "filled", on=date(2026, 3, 10), act=EARLY)["acts"][0]
    record_consequence(officer, march, outcome="died", died_on="2026-05-10")
    light = make_accident(officer, "filled", category="light", act={"severity": "light"})["acts"][0]
    record_consequence(
        officer,
        light,
        outcome="recovered",
        incapacity_from="2026-11-24",
        incapacity_to="2026-11-26",
        days_lost=3,
    )
    april = make_accident(officer, "filled", on=date(2026, 4, 2), act=EARLY)["acts"][0]
    record_consequence(
        officer,
        april,
        outcome="lighter_work",
        incapacity_from="2026-04-02",
        incapacity_to="2026-05-20",
        days_lost=30,
    )
    old = make_accident(officer, "filled", on=date(2025, 6, 10), act=EARLY)["acts"][0]
    record_consequence(officer, old, outcome="died", died_on="2026-07-01")
    make_accident(other, "filled", category="light", act={"severity": "light"})
    return {"alpha": alpha, "beta": beta, "officer": officer, "other": other}
