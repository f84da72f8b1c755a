"""The people of a claims case: an employer's officer, an inspector, and another employer's officer."""

from __future__ import annotations

from typing import Any

import pytest

from core.classifiers import Role
from tests.conftest import LONG_SESSIONS
from tests.factories import ACCIDENT_DAY, RECORDS_DAY


@pytest.fixture(autouse=True)
def records_day(today: Any, pin_today: Any) -> Any:
    """The claims tests run on the claim's day: the finding and the claim of tests/factories.py have
    happened by then (issue 12 refuses a record dated after today)."""
    pin_today(RECORDS_DAY)
    return RECORDS_DAY


@pytest.fixture(autouse=True)
def sessions_span_the_days(app: Any) -> None:
    """Claims are filed, decided and paid on different days by one signed-in officer."""
    app.config.update(LONG_SESSIONS)


@pytest.fixture
def people(make_user: Any, make_employer: Any) -> dict[str, Any]:
    employer = make_employer()
    return {
        "officer": make_user(Role.SAFETY_OFFICER, employer=employer),
        "inspector": make_user(Role.INSPECTOR),
        "other_officer": make_user(Role.SAFETY_OFFICER),
    }


@pytest.fixture
def victim_id(make_accident: Any, people: dict[str, Any]) -> int:
    """The injured person of an approved act N-1 of the officer's employer."""
    return make_accident(people["officer"], "approved", reviewer=people["inspector"], on=ACCIDENT_DAY)[
        "victims"
    ][0]


@pytest.fixture
def draft_award(login_as: Any, people: dict[str, Any], victim_id: int) -> dict[str, Any]:
    """The officer's injury claim (tests/factories.py) with a draft award computed as of 2027-01-31."""
    from tests.factories import claim_payload, finding_payload

    officer = login_as(people["officer"])
    assert officer.post("/api/v1/findings", json=finding_payload(victim_id)).status_code == 201
    claim = officer.post("/api/v1/claims", json=claim_payload(victim_id)).get_json()
    draft = officer.post(f"/api/v1/claims/{claim['id']}/decisions", json={"calculation_date": "2027-01-31"})
    assert draft.status_code == 201, draft.get_json()
    return {"client": officer, "claim": claim, "draft": draft.get_json()}
