"""The API's lookups of issue 13: claims by victim PIN, by accident, by case type and state; a claim's
decisions; the history of a claim and of a decision; the payments due in a month; an MSEC finding's
correction. Each answers with the caller's records only, whatever the filter."""

from __future__ import annotations

from typing import Any

import pytest

from core import audit, db
from core.classifiers import Role
from tests.factories import ACCIDENT_DAY, finding_payload

#: accident_json's first victim: the victims of both employers' accidents carry this PIN.
PIN = "20101199000000"


@pytest.fixture
def cases(login_as, people, victim_id, make_accident, make_claim) -> dict[str, Any]:
    """A's issued injury claim and B's (another employer's) issued claim of a victim with the same PIN."""
    other = make_accident(people["other_officer"], "approved", reviewer=people["inspector"], on=ACCIDENT_DAY)
    other_claim, other_decision = make_claim(login_as(people["other_officer"]), other["victims"][0])
    other_accident = other["accident"]
    officer = login_as(people["officer"])
    claim, decision = make_claim(officer, victim_id)
    accident = officer.get("/api/v1/accidents").get_json()["items"][0]["id"]
    return {
        "officer": officer,
        "claim": claim,
        "decision": decision,
        "accident": accident,
        "other_claim": other_claim,
        "other_decision": other_decision,
        "other_accident": other_accident,
    }


def _ids(response: Any) -> list[int]:
    assert response.status_code == 200, response.get_json()
    return [item["id"] for item in response.get_json()["items"]]


def test_claims_are_found_by_the_victims_pin_and_accident_and_only_the_callers(cases, login_as, people):
    officer, claim, other_claim = cases["officer"], cases["claim"], cases["other_claim"]

    assert _ids(officer.get("/api/v1/claims", query_string={"pin": PIN})) == [claim["id"]]
    assert _ids(officer.get("/api/v1/claims", query_string={"accident_id": cases["accident"]})) == [
        claim["id"]
    ]
    assert _ids(officer.get("/api/v1/claims", query_string={"accident_id": cases["other_accident"]})) == []
    assert _ids(officer.get("/api/v1/claims", query_string={"pin": "20101199009999"})) == []
    mixed = {"pin": PIN, "employer_id": other_claim["employer_id"]}
    assert _ids(officer.get("/api/v1/claims", query_string=mixed)) == []

    other = login_as(people["other_officer"])
    assert _ids(other.get("/api/v1/claims", query_string={"pin": PIN})) == [other_claim["id"]]
    assert _ids(other.get("/api/v1/claims", query_string={"accident_id": cases["accident"]})) == []


def test_claims_are_found_by_case_type_and_state(cases):
    officer, claim = cases["officer"], cases["claim"]
    status = officer.get(f"/api/v1/claims/{claim['id']}").get_json()["status"]

    assert _ids(officer.get("/api/v1/claims", query_string={"case_type": "injury"})) == [claim["id"]]
    assert _ids(officer.get("/api/v1/claims", query_string={"case_type": "death"})) == []
    both = {"case_type": "injury", "status": status}
    assert _ids(officer.get("/api/v1/claims", query_string=both)) == [claim["id"]]
    other_status = "refused" if status != "refused" else "filed"
    assert _ids(officer.get("/api/v1/claims", query_string={"status": other_status})) == []


def test_a_lookup_still_follows_changes_sorts_and_pages_by_cursor(cases):
    officer, claim = cases["officer"], cases["claim"]
    first = officer.get("/api/v1/claims", query_string={"pin": PIN, "sort": "-updated_at", "limit": 1})
    later = {"pin": PIN, "updated_since": "2099-01-01T00:00:00Z"}

    assert _ids(first) == [claim["id"]]
    assert first.get_json()["next_cursor"] is None
    assert _ids(officer.get("/api/v1/claims", query_string=later)) == []


@pytest.mark.parametrize(
    ("field", "value"),
    [("pin", "2010119900"), ("pin", "2010119900000a"), ("case_type", "fire"), ("accident_id", "one")],
)
def test_a_lookup_by_a_wrong_value_is_refused_naming_the_field(cases, field, value):
    response = cases["officer"].get("/api/v1/claims", query_string={field: value})

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == [field]


def test_a_claims_decisions_are_listed_for_its_employer_only(cases, login_as, people):
    officer, claim, decision = cases["officer"], cases["claim"], cases["decision"]

    listed = officer.get(f"/api/v1/claims/{claim['id']}/decisions")

    assert listed.status_code == 200
    assert [(d["id"], d["status"], d["number"]) for d in listed.get_json()] == [
        (decision["id"], "issued", "45-к")
    ]
    other = login_as(people["other_officer"])
    assert other.get(f"/api/v1/claims/{claim['id']}/decisions").status_code == 404
    assert [
        d["id"] for d in other.get(f"/api/v1/claims/{cases['other_claim']['id']}/decisions").get_json()
    ] == [cases["other_decision"]["id"]]


def test_the_history_of_a_claim_and_of_its_decision_is_read_by_an_inspector_in_utc(cases, login_as, people):
    claim, decision = cases["claim"], cases["decision"]
    inspector = login_as(people["inspector"])

    claim_trail = inspector.get(f"/api/v1/claims/{claim['id']}/history")
    decision_trail = inspector.get(f"/api/v1/decisions/{decision['id']}/history")

    assert claim_trail.status_code == 200, claim_trail.get_json()
    entries = claim_trail.get_json()
    assert entries[0]["action"] == "create"
    assert entries[0]["entity"] == "claim"
    assert entries[0]["entity_id"] == claim["id"]
    assert entries[0]["user"] == people["officer"].full_name
    assert entries[0]["changes"]["claimant_name"] == [None, claim["claimant_name"]]
    assert all(e["at"].endswith("+00:00") for e in entries)
    assert decision_trail.status_code == 200, decision_trail.get_json()
    changes = [e["changes"] for e in decision_trail.get_json()]
    assert any(c.get("status") == ["draft", "issued"] for c in changes), changes
    assert all(
        e["entity"] == "decision" and e["entity_id"] == decision["id"] for e in decision_trail.get_json()
    )


def test_histories_are_refused_to_an_officer_and_not_found_for_another_employer(cases, login_as, people):
    claim, decision = cases["claim"], cases["decision"]

    assert cases["officer"].get(f"/api/v1/claims/{claim['id']}/history").status_code == 403
    assert cases["officer"].get(f"/api/v1/decisions/{decision['id']}/history").status_code == 403
    other = login_as(people["other_officer"])
    assert other.get(f"/api/v1/claims/{claim['id']}/history").status_code == 404
    assert other.get(f"/api/v1/decisions/{decision['id']}/history").status_code == 404


def test_the_payments_due_in_a_month_are_the_callers_awards_only(cases, login_as, people):
    officer, claim = cases["officer"], cases["claim"]

    due = officer.get("/api/v1/payments-due", query_string={"month": "2027-01"})

    assert due.status_code == 200, due.get_json()
    body = due.get_json()
    assert body["month"] == "2027-01"
    assert body["total"] == 1
    assert body["items"], body
    assert {(i["claim_id"], i["decision_id"]) for i in body["items"]} == {
        (claim["id"], cases["decision"]["id"])
    }
    assert all(i["due_date"] <= "2027-01-31" or i["outstanding"] != "0.00" for i in body["items"])
    other = login_as(people["other_officer"]).get("/api/v1/payments-due", query_string={"month": "2027-01"})
    assert {i["claim_id"] for i in other.get_json()["items"]} == {cases["other_claim"]["id"]}


@pytest.mark.parametrize("month", ["2027-13", "2027-1", "January"])
def test_payments_due_for_a_month_that_is_not_one_are_refused_naming_it(cases, month):
    response = cases["officer"].get("/api/v1/payments-due", query_string={"month": month})

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["month"]


def _finding(officer: Any, victim_id: int) -> dict[str, Any]:
    return officer.get("/api/v1/findings", query_string={"victim_id": victim_id}).get_json()["items"][0]


def test_a_finding_is_corrected_by_a_new_record_in_its_place_with_the_reason(app, cases, victim_id):
    officer = cases["officer"]
    old = _finding(officer, victim_id)
    fix = finding_payload(
        victim_id, loss_percent=70, reason="Процент утраты перепутан", version=old["version"]
    )

    corrected = officer.post(f"/api/v1/findings/{old['id']}/correction", json=fix)

    assert corrected.status_code == 201, corrected.get_json()
    new = corrected.get_json()
    assert corrected.headers["Location"].endswith(f"/api/v1/findings/{new['id']}")
    assert new["id"] != old["id"]
    assert new["loss_percent"] == "70"
    assert new["victim_id"] == victim_id
    assert officer.get(f"/api/v1/findings/{old['id']}").get_json()["voided_at"] is not None
    with app.app_context():
        remarks = [e.remark for e in audit.history(db.session(), "msec_finding", old["id"])]
    assert any(r and "Процент утраты перепутан" in r for r in remarks), remarks


def test_a_finding_correction_from_a_stale_read_conflicts_and_a_missing_reason_is_named(cases, victim_id):
    officer = cases["officer"]
    old = _finding(officer, victim_id)
    base = finding_payload(victim_id, loss_percent=70)

    stale = officer.post(
        f"/api/v1/findings/{old['id']}/correction",
        json={**base, "reason": "x", "version": old["version"] + 1},
    )
    unreasoned = officer.post(
        f"/api/v1/findings/{old['id']}/correction", json={**base, "version": old["version"]}
    )

    assert stale.status_code == 409
    assert unreasoned.status_code == 422
    assert "reason" in unreasoned.get_json()["errors"]
    assert officer.get(f"/api/v1/findings/{old['id']}").get_json()["voided_at"] is None


def test_another_employers_officer_cannot_correct_a_finding(cases, login_as, people, victim_id):
    old = _finding(cases["officer"], victim_id)
    fix = finding_payload(victim_id, loss_percent=70, reason="чужая", version=old["version"])

    response = login_as(people["other_officer"]).post(f"/api/v1/findings/{old['id']}/correction", json=fix)

    assert response.status_code == 404
    assert login_as(people["officer"]).get(f"/api/v1/findings/{old['id']}").get_json()["voided_at"] is None


def test_the_payments_due_are_read_by_inspectors_but_not_by_the_social_fund(cases, login_as, make_user):
    inspector = login_as(make_user(Role.INSPECTOR)).get(
        "/api/v1/payments-due", query_string={"month": "2027-01"}
    )
    fund = login_as(make_user(Role.SOCIAL_FUND)).get(
        "/api/v1/payments-due", query_string={"month": "2027-01"}
    )

    assert inspector.status_code == 200
    assert {i["claim_id"] for i in inspector.get_json()["items"]} == {
        cases["claim"]["id"],
        cases["other_claim"]["id"],
    }
    assert fund.status_code == 403
