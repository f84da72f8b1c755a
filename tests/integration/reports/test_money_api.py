"""GET /api/v1/reports/money agrees to the tyiyn with the statements of the claims it sums."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from core.classifiers import Role
from tests.conftest import LONG_SESSIONS
from tests.factories import ACCIDENT_DAY, RECORDS_DAY

AS_OF = "2027-03-15"


@pytest.fixture
def awards(app, login_as, make_user, make_accident, make_claim, pin_today):
    """Two awards of one employer (a group accident's two victims), one with a payment made."""
    app.config.update(LONG_SESSIONS)  # filed, decided and paid on different days, one session
    officer = make_user(Role.SAFETY_OFFICER)
    ids = make_accident(
        officer, "approved", reviewer=make_user(Role.INSPECTOR), on=ACCIDENT_DAY, victims=2, category="group"
    )
    pin_today(RECORDS_DAY)
    client = login_as(officer)
    claims = [
        make_claim(client, victim, claimant_name=f"Пострадавший Номер {n + 1}")[0]
        for n, victim in enumerate(ids["victims"])
    ]
    pin_today(date(2026, 12, 25))
    paid = client.post(
        f"/api/v1/claims/{claims[0]['id']}/payments",
        json={"paid_on": "2026-12-25", "amount": "12345.67", "applies_to": "periodic"},
    )
    assert paid.status_code == 201, paid.get_json()
    return {"officer": officer, "claims": claims}


def test_the_sums_are_the_statements_sums_to_the_tyiyn(login_as, awards):
    client = login_as(awards["officer"])

    body = client.get(f"/api/v1/reports/money?as_of={AS_OF}").get_json()
    statements = [
        client.get(f"/api/v1/claims/{c['id']}/statement?as_of={AS_OF}").get_json() for c in awards["claims"]
    ]

    assert body["awards_in_force"] == 2
    for name in ("accrued", "paid", "outstanding", "penalty"):
        assert Decimal(body[name]) == sum(Decimal(s["totals"][name]) for s in statements), name
    assert body["paid"] == "12345.67"
    march = [Decimal(i["amount"]) for s in statements for i in s["installments"] if i["period"] == "2027-03"]
    assert march
    assert Decimal(body["monthly_obligation"]) == sum(march)
    assert Decimal(body["penalty"]) > 0  # January and February unpaid on 15 March


def test_an_award_issued_after_the_day_is_not_in_force_yet(login_as, awards):
    body = login_as(awards["officer"]).get("/api/v1/reports/money?as_of=2026-12-09").get_json()

    assert body == {
        "as_of": "2026-12-09",
        "awards_in_force": 0,
        "monthly_obligation": "0.00",
        "accrued": "0.00",
        "paid": "0.00",
        "outstanding": "0.00",
        "penalty": "0.00",
    }


def test_another_employers_officer_sees_none_of_it(login_as, make_user, awards):
    stranger = login_as(make_user(Role.SAFETY_OFFICER))
    employer = awards["officer"].employer_id

    own = stranger.get(f"/api/v1/reports/money?as_of={AS_OF}").get_json()
    asked = stranger.get(f"/api/v1/reports/money?as_of={AS_OF}&employer_id={employer}")

    assert own["awards_in_force"] == 0
    assert own["accrued"] == "0.00"
    assert asked.status_code == 404


def test_the_filters_narrow_and_bad_ones_are_named(login_as, make_user, awards):
    inspector = login_as(make_user(Role.INSPECTOR))

    bishkek = inspector.get(f"/api/v1/reports/money?as_of={AS_OF}&region=bishkek").get_json()
    osh = inspector.get(f"/api/v1/reports/money?as_of={AS_OF}&region=osh").get_json()
    missing = inspector.get("/api/v1/reports/money")
    bad = inspector.get("/api/v1/reports/money?as_of=15.03.2027")

    assert bishkek["awards_in_force"] == 2
    assert osh["awards_in_force"] == 0
    assert missing.status_code == 422
    assert "as_of" in missing.get_json()["errors"]
    assert bad.status_code == 422
    assert "as_of" in bad.get_json()["errors"]


def test_the_social_fund_sees_only_capitalised_cases(login_as, make_user, awards):
    fund = login_as(make_user(Role.SOCIAL_FUND))

    assert fund.get(f"/api/v1/reports/money?as_of={AS_OF}").get_json()["awards_in_force"] == 0
