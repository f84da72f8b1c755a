"""Issue 14: the API's own preview of capitalisation (art. 255), ``?dry_run=true``: each sum and the
total, checked as capitalising is, and nothing written (the page's confirmation step, for API clients)."""

from __future__ import annotations

from tests.integration.liquidation.conftest import liquidate


def test_a_dry_run_of_capitalising_answers_the_sums_and_writes_nothing(app, login_as, case):
    liquidate(app, case["employer"].id)
    officer = login_as(case["officer"])
    url = f"/api/v1/employers/{case['employer'].id}/capitalisation"

    preview = officer.post(f"{url}?dry_run=true", json={"on": "2027-03-31"})
    made = officer.post(url, json={"on": "2027-03-31"})

    assert preview.status_code == 200, preview.get_json()
    found = preview.get_json()
    [line] = found["lines"]
    # Nothing was stored by the preview: the real write still capitalises the award, with its sum.
    assert made.status_code == 201
    [record] = made.get_json()
    assert (line["claim_id"], line["recipient"], line["amount"]) == (
        record["claim_id"],
        record["recipient"],
        record["amount"],
    )
    assert found["total"] == record["amount"]
    assert found["on"] == "2027-03-31"
    assert line["recipient_name"]


def test_a_dry_run_for_an_active_employer_is_refused_as_capitalising_is(login_as, case):
    response = login_as(case["officer"]).post(
        f"/api/v1/employers/{case['employer'].id}/capitalisation?dry_run=true", json={"on": "2027-03-31"}
    )

    assert response.status_code == 422
    assert "employer_id" in response.get_json()["errors"]
