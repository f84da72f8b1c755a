"""The act's measures after the act: the employer reports each done, an inspector verifies it."""

from __future__ import annotations

import pytest

from core.classifiers import Role


@pytest.fixture
def case(make_user, make_accident):
    """An approved act (accident 2026-11-24, today 2026-11-26) with one measure due 2026-12-06."""
    officer, inspector = make_user(Role.SAFETY_OFFICER), make_user(Role.INSPECTOR)
    act = make_accident(officer, "approved", reviewer=inspector)["acts"][0]
    return {"officer": officer, "inspector": inspector, "act": act}


def measure_of(client, act_id):
    return client.get(f"/api/v1/acts/{act_id}").get_json()["measures"][0]


def test_the_officer_reports_it_done_and_the_inspector_verifies_it_both_audited(login_as, case):
    officer = login_as(case["officer"])
    measure = measure_of(officer, case["act"])

    done = officer.put(f"/api/v1/measures/{measure['id']}/completion", json={"completed_on": "2026-11-25"})
    inspector = login_as(case["inspector"])
    verified = inspector.post(f"/api/v1/measures/{measure['id']}/verification", json={})
    history = inspector.get(f"/api/v1/acts/{case['act']}/history").get_json()
    page = inspector.get(f"/accidents/acts/{case['act']}").get_data(as_text=True)

    assert done.status_code == 200, done.get_json()
    assert done.get_json()["completed_on"] == "2026-11-25"
    assert verified.status_code == 200
    assert verified.get_json()["verified_by"] == case["inspector"].full_name
    assert [e["action"] for e in history[-2:]] == ["complete_measure", "verify_measure"]
    assert history[-2]["changes"] == {"measures.0.completed_on": [None, "2026-11-25"]}
    assert 'data-completed="2026-11-25"' in page
    assert 'data-verified="1"' in page


def test_a_verified_measure_no_longer_changes_and_an_unreported_one_cannot_be_verified(login_as, case):
    officer = login_as(case["officer"])
    measure = measure_of(officer, case["act"])["id"]
    inspector = login_as(case["inspector"])

    premature = inspector.post(f"/api/v1/measures/{measure}/verification", json={})
    login_as(case["officer"]).put(
        f"/api/v1/measures/{measure}/completion", json={"completed_on": "2026-11-26"}
    )
    login_as(case["inspector"]).post(f"/api/v1/measures/{measure}/verification", json={})
    changed = login_as(case["officer"]).put(
        f"/api/v1/measures/{measure}/completion", json={"completed_on": "2026-11-25"}
    )

    assert premature.status_code == 422
    assert "completed_on" in premature.get_json()["errors"]
    assert changed.status_code == 422
    assert measure_of(officer, case["act"])["completed_on"] == "2026-11-26"


@pytest.mark.parametrize("day", ["2026-11-23", "2026-11-27", "soon"])
def test_a_day_before_the_accident_in_the_future_or_not_a_date_is_named(login_as, case, day):
    officer = login_as(case["officer"])
    measure = measure_of(officer, case["act"])["id"]

    response = officer.put(f"/api/v1/measures/{measure}/completion", json={"completed_on": day})

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["completed_on"]


def test_an_amended_act_keeps_the_completion_of_a_measure_saved_again_unchanged(login_as, case):
    officer = login_as(case["officer"])
    measure = measure_of(officer, case["act"])
    officer.put(f"/api/v1/measures/{measure['id']}/completion", json={"completed_on": "2026-11-25"})
    version = officer.get(f"/api/v1/acts/{case['act']}").get_json()["version"]
    amended = officer.post(
        f"/api/v1/acts/{case['act']}/transitions",
        json={"action": "amend", "version": version, "remark": "Уточнить обстоятельства"},
    )
    version = amended.get_json()["version"]
    rows = [{k: measure[k] for k in ("description", "due_date", "responsible")}]
    saved = officer.patch(f"/api/v1/acts/{case['act']}", json={"version": version, "measures": rows})

    assert saved.status_code == 200, saved.get_json()
    assert saved.get_json()["measures"][0]["completed_on"] == "2026-11-25"


def test_another_employers_officer_finds_no_measure_and_an_officer_cannot_verify(login_as, make_user, case):
    measure = measure_of(login_as(case["officer"]), case["act"])["id"]
    stranger = login_as(make_user(Role.SAFETY_OFFICER))

    assert (
        stranger.put(
            f"/api/v1/measures/{measure}/completion", json={"completed_on": "2026-11-25"}
        ).status_code
        == 404
    )
    assert (
        stranger.post(
            f"/accidents/measures/{measure}/completion", data={"completed_on": "2026-11-25"}
        ).status_code
        == 404
    )
    assert stranger.post(f"/api/v1/measures/{measure}/verification", json={}).status_code == 404
    assert (
        login_as(case["officer"]).post(f"/api/v1/measures/{measure}/verification", json={}).status_code == 403
    )


def test_the_form_on_the_acts_page_records_the_day(login_as, case):
    officer = login_as(case["officer"])
    measure = measure_of(officer, case["act"])["id"]

    refused = officer.post(f"/accidents/measures/{measure}/completion", data={"completed_on": "2026-11-20"})
    saved = officer.post(f"/accidents/measures/{measure}/completion", data={"completed_on": "2026-11-26"})

    assert refused.status_code == 422
    assert 'data-field="completed_on"' in refused.get_data(as_text=True)
    assert saved.status_code == 302
    assert measure_of(officer, case["act"])["completed_on"] == "2026-11-26"
