"""The notices of an accident that went together are marked sent together: one moment, one way, a
reference each; one transaction (all or none), one audit entry per notice, on the page and in the API."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from core import audit, db
from core.classifiers import Role
from core.db import BISHKEK
from tests.conftest import accident_json


@pytest.fixture
def officer(make_user):
    return make_user(Role.SAFETY_OFFICER)


def _report(client):
    accident = client.post("/api/v1/accidents", json=accident_json()).get_json()
    notices = {n["recipient"]: n for n in accident["notifications"]}
    sent_at = (datetime.fromisoformat(accident["occurred_at"]) + timedelta(hours=2)).isoformat()
    return accident, notices, sent_at


def _url(accident):
    return f"/api/v1/accidents/{accident['id']}/notifications/sent"


def _item(notice, **extra):
    return {"id": notice["id"], "version": notice["version"], **extra}


def _send(client, accident, sent_at, items):
    """Mark the notices ``items`` sent by phone at ``sent_at``, in one call."""
    return client.post(_url(accident), json={"sent_at": sent_at, "method": "phone", "notices": items})


def test_two_notices_are_marked_sent_in_one_call_each_with_its_reference_and_audit_entry(
    app, login_as, officer
):
    client = login_as(officer)
    accident, notices, sent_at = _report(client)

    response = _send(
        client,
        accident,
        sent_at,
        [_item(notices["prosecutor"], reference="тел. 12"), _item(notices["trade_union"])],
    )

    assert response.status_code == 200, response.get_json()
    assert [(n["recipient"], n["state"], n["method"], n["reference"]) for n in response.get_json()] == [
        ("prosecutor", "sent", "phone", "тел. 12"),
        ("trade_union", "sent", "phone", None),
    ]
    states = {
        n["recipient"]: n["state"]
        for n in client.get(f"/api/v1/accidents/{accident['id']}/notifications").get_json()
    }
    assert states["social_fund"] == "overdue"
    with app.app_context():
        entries = db.session().scalars(
            sa.select(audit.AuditEntry).where(
                audit.AuditEntry.action == "notify",
                audit.AuditEntry.entity == "accident",
                audit.AuditEntry.entity_id == accident["id"],
            )
        )
        changed = [{key.split(".")[1] for key in e.changes} for e in entries]
    assert sorted(changed, key=sorted) == [{"prosecutor"}, {"trade_union"}]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"method": None}, "method"),
        ({"method": "pigeon"}, "method"),
        ({"sent_at": None}, "sent_at"),
        ({"sent_at": "2000-01-01T10:00"}, "sent_at"),
        ({"notices": []}, "notices"),
        ({"notices": [{"id": 999999, "version": 1}]}, "notices.0.id"),
        ({"notices": [{"id": 1}]}, "notices.0.version"),
    ],
)
def test_bad_input_is_a_422_naming_the_field_and_nothing_is_recorded(login_as, officer, change, field):
    client = login_as(officer)
    accident, notices, sent_at = _report(client)
    body = {"sent_at": sent_at, "method": "phone", "notices": [_item(notices["prosecutor"])]}
    body.update({k: v for k, v in change.items() if v is not None})
    for key in [k for k, v in change.items() if v is None]:
        del body[key]

    response = client.post(_url(accident), json=body)

    assert response.status_code == 422
    assert field in response.get_json()["errors"]
    listed = client.get(f"/api/v1/accidents/{accident['id']}/notifications").get_json()
    assert all(n["sent_at"] is None for n in listed)


def test_a_notice_already_sent_or_listed_twice_is_refused_and_the_others_are_not_written(login_as, officer):
    client = login_as(officer)
    accident, notices, sent_at = _report(client)
    prosecutor = notices["prosecutor"]
    client.post(_url(accident), json={"sent_at": sent_at, "method": "phone", "notices": [_item(prosecutor)]})

    again = client.post(
        _url(accident),
        json={
            "sent_at": sent_at,
            "method": "email",
            "notices": [_item(notices["trade_union"]), _item(notices["social_fund"]), _item(prosecutor)],
        },
    )
    twice = client.post(
        _url(accident),
        json={"sent_at": sent_at, "method": "email", "notices": [_item(notices["trade_union"])] * 2},
    )

    assert again.status_code == 422
    assert list(again.get_json()["errors"]) == ["notices.2.id"]
    assert list(twice.get_json()["errors"]) == ["notices.1.id"]
    states = {
        n["recipient"]: n["state"]
        for n in client.get(f"/api/v1/accidents/{accident['id']}/notifications").get_json()
    }
    assert states["trade_union"] == states["social_fund"] == "overdue"


def test_a_stale_version_is_a_409_and_no_notice_is_written(login_as, officer):
    client = login_as(officer)
    accident, notices, sent_at = _report(client)

    response = _send(
        client,
        accident,
        sent_at,
        [_item(notices["trade_union"]), {**_item(notices["prosecutor"]), "version": 7}],
    )

    assert response.status_code == 409
    listed = client.get(f"/api/v1/accidents/{accident['id']}/notifications").get_json()
    assert all(n["sent_at"] is None for n in listed)


def test_another_employers_officer_cannot_mark_the_notices_sent(login_as, officer, make_user):
    accident, notices, sent_at = _report(login_as(officer))
    stranger = login_as(make_user(Role.SAFETY_OFFICER))

    body = {"sent_at": sent_at, "method": "phone", "notices": [_item(notices["prosecutor"])]}
    response = stranger.post(_url(accident), json=body)
    page = stranger.post(
        f"/accidents/{accident['id']}/notifications/sent",
        data={"sent_at": sent_at[:16], "method": "phone", "notices.0.id": str(notices["prosecutor"]["id"])},
    )

    assert response.status_code == 404
    assert page.status_code == 404
    listed = login_as(officer).get(f"/api/v1/accidents/{accident['id']}/notifications").get_json()
    assert all(n["sent_at"] is None for n in listed)


def test_the_accident_page_marks_the_ticked_notices_sent_in_one_form(login_as, officer):
    client = login_as(officer)
    accident, notices, sent_at = _report(client)
    page = client.get(f"/accidents/{accident['id']}").get_data(as_text=True)
    form = page[page.index('id="notices-sent"') :]
    form = form[: form.index("</form>")]
    rows = dict(re.findall(r'name="(notices\.\d+\.(?:id|version))" value="(\d+)"', form))
    prosecutor = str(notices["prosecutor"]["id"])
    ticked = {k: v for k, v in rows.items() if k.endswith(".version") or v == prosecutor}
    index = next(k for k, v in rows.items() if v == prosecutor).split(".")[1]
    local = datetime.fromisoformat(sent_at).astimezone(BISHKEK).strftime("%Y-%m-%dT%H:%M")

    done = client.post(
        f"/accidents/{accident['id']}/notifications/sent",
        data={**ticked, f"notices.{index}.reference": "исх. 5", "sent_at": local, "method": "letter"},
    )
    refused = client.post(
        f"/accidents/{accident['id']}/notifications/sent", data={"sent_at": local, "method": "letter"}
    )

    assert form.count('type="checkbox"') == 5
    assert done.status_code == 302
    listed = {
        n["recipient"]: n for n in client.get(f"/api/v1/accidents/{accident['id']}/notifications").get_json()
    }
    assert (listed["prosecutor"]["state"], listed["prosecutor"]["reference"]) == ("sent", "исх. 5")
    assert [r for r, n in listed.items() if n["sent_at"] is None] == [
        "state_labour_inspection",
        "trade_union",
        "social_fund",
        "local_authority",
    ]
    assert refused.status_code == 422
    assert 'data-field="notices"' in refused.get_data(as_text=True)
