"""A re-examination's finding names the finding it follows (``previous_id``): only a standing finding of
the same injured person. Another employer's or victim's finding, or none, is a 422 naming the field with
one answer for all (issue 15: it linked, and the officer's own page then answered 404; a missing one
a 409)."""

from __future__ import annotations

import pytest

from tests.factories import ACCIDENT_DAY, finding_payload

NO_SUCH = "There is no such earlier finding of this injured person."


@pytest.fixture
def findings(login_as, people, make_accident):
    """The officer's victim with a finding, a second victim of the same employer with one, and another
    employer's victim with one."""
    mine = make_accident(
        people["officer"], "approved", reviewer=people["inspector"], on=ACCIDENT_DAY, victims=2
    )
    theirs = make_accident(people["other_officer"], "approved", reviewer=people["inspector"], on=ACCIDENT_DAY)
    other = login_as(people["other_officer"])
    foreign = other.post("/api/v1/findings", json=finding_payload(theirs["victims"][0])).get_json()["id"]
    officer = login_as(people["officer"])
    first, second = mine["victims"]
    own = officer.post("/api/v1/findings", json=finding_payload(first)).get_json()["id"]
    sibling = officer.post("/api/v1/findings", json=finding_payload(second)).get_json()["id"]
    return {"officer": officer, "victim": first, "own": own, "sibling": sibling, "foreign": foreign}


def _reexamined(findings, previous_id):
    return findings["officer"].post(
        "/api/v1/findings",
        json=finding_payload(
            findings["victim"],
            previous_id=previous_id,
            examined_on="2026-12-09",
            valid_from="2027-12-01",
            valid_to=None,
            reexamination_on=None,
        ),
        headers={"Accept-Language": "en"},
    )


def _listed(findings) -> list[int]:
    victim = findings["victim"]
    return [
        f["id"] for f in findings["officer"].get(f"/api/v1/findings?victim_id={victim}").get_json()["items"]
    ]


@pytest.mark.parametrize("whose", ["foreign", "sibling", "missing"])
def test_a_previous_finding_of_another_employer_or_victim_or_none_is_refused_naming_previous_id(
    findings, whose
):
    previous_id = 987_654_321 if whose == "missing" else findings[whose]
    before = _listed(findings)

    response = _reexamined(findings, previous_id)

    assert response.status_code == 422
    assert response.get_json()["errors"] == {"previous_id": [NO_SUCH]}
    assert _listed(findings) == before


def test_a_voided_previous_finding_is_refused(findings):
    officer = findings["officer"]
    officer.post(f"/api/v1/findings/{findings['own']}/void", json={"reason": "Ошибка в номере решения"})

    response = _reexamined(findings, findings["own"])

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["previous_id"]
    assert "voided" in response.get_json()["errors"]["previous_id"][0]


def test_the_same_victims_standing_finding_is_linked(findings):
    response = _reexamined(findings, findings["own"])

    assert response.status_code == 201, response.get_json()
    assert response.get_json()["previous_id"] == findings["own"]
    assert findings["officer"].get(f"/api/v1/findings/{response.get_json()['id']}").status_code == 200
