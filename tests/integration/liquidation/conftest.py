"""The liquidation tests run on the claims tests' day (tests/integration/claims/conftest.py), on the case of
an employer of Bishkek with one issued award, and its people."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa

from core import db
from core.classifiers import EmployerStatus, Region, Role
from core.employers import Employer
from tests.factories import ACCIDENT_DAY, RECORDS_DAY


@pytest.fixture(autouse=True)
def records_day(today: Any, pin_today: Any) -> Any:
    """The finding and the claim of tests/factories.py have happened by this day (issue 12)."""
    pin_today(RECORDS_DAY)
    return RECORDS_DAY


@pytest.fixture
def case(
    make_user: Any, make_employer: Any, make_accident: Any, make_claim: Any, login_as: Any, pin_today: Any
) -> dict[str, Any]:
    """An employer of Bishkek with one issued award (``make_claim``), its officer, another employer's officer,
    an inspector, an administrator and the Social Fund of Bishkek and of Osh."""
    employer = make_employer(region=Region.BISHKEK)
    people = {
        "officer": make_user(Role.SAFETY_OFFICER, employer=employer),
        "stranger": make_user(Role.SAFETY_OFFICER),
        "inspector": make_user(Role.INSPECTOR),
        "admin": make_user(Role.ADMIN),
        "fund": make_user(Role.SOCIAL_FUND, region=Region.BISHKEK),
        "fund_osh": make_user(Role.SOCIAL_FUND, region=Region.OSH),
    }
    accident = make_accident(people["officer"], "approved", reviewer=people["inspector"], on=ACCIDENT_DAY)
    victim = accident["victims"][0]
    claim, _decision = make_claim(login_as(people["officer"]), victim)
    # Issue 12: nothing is dated after today; the liquidation (capitalisation 2027-03-31, transfer
    # 2027-04-15, the Fund's payments to 2027-05-31) is recorded by the end of May 2027.
    pin_today(date(2027, 5, 31))
    return {"employer": employer, "claim": claim, "victim": victim, "accident": accident, **people}


def liquidate(app: Any, employer_id: int) -> None:
    """The employer goes into liquidation (art. 255), as the registry would record it."""
    with app.app_context(), db.transaction() as s:
        s.execute(
            sa.update(Employer).where(Employer.id == employer_id).values(status=EmployerStatus.IN_LIQUIDATION)
        )
