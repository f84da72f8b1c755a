"""A batch of calculations in one call (issue 13, "Bulk"): one answer per case in order, a bad case
answered with its errors without failing the others, up to a documented bound, with the same access
as one calculation."""

from __future__ import annotations

import pytest

import compensation
from calculator.services import MAX_BATCH
from core.classifiers import Role
from tests.rules.builders import death_case, injury_case

URL = "/api/v1/compensation/calculations/batch"


@pytest.fixture
def fund(make_user, login_as):
    return login_as(make_user(Role.SOCIAL_FUND))


def test_each_case_is_answered_in_order_and_a_bad_one_does_not_fail_the_others(fund):
    good, death = injury_case(), death_case()
    bad = {**injury_case(), "claim_date": "2024-13-01"}

    response = fund.post(URL, json={"cases": [good, bad, death]})

    assert response.status_code == 200
    results = response.get_json()["results"]
    assert [(r["index"], r["status"]) for r in results] == [(0, 200), (1, 422), (2, 200)]
    assert results[0]["result"] == compensation.calculate(good, trace=False)
    assert results[2]["result"]["totals"] == compensation.calculate(death)["totals"]
    assert list(results[1]["errors"]) == ["claim_date"]
    assert results[1]["code"] == "invalid"
    assert "trace" not in results[0]["result"]


def test_the_trace_and_the_language_are_asked_for_the_whole_batch(fund):
    bad = {**injury_case(), "claim_date": "yesterday"}

    response = fund.post(f"{URL}?trace=true&language=en", json={"cases": [injury_case(), bad]})

    results = response.get_json()["results"]
    assert results[0]["result"]["trace"]
    assert results[1]["errors"]["claim_date"] == ["Must be a date written YYYY-MM-DD."]


def test_a_case_that_is_not_an_object_is_one_error_among_the_answers(fund):
    response = fund.post(URL, json={"cases": [[1, 2], injury_case()]})

    results = response.get_json()["results"]
    assert [r["status"] for r in results] == [422, 200]
    assert list(results[0]["errors"]) == ["_"]


def test_more_cases_than_the_bound_are_refused_with_413_naming_it(fund, client):
    response = fund.post(URL, json={"cases": [{}] * (MAX_BATCH + 1)})
    spec = client.get("/api/v1/openapi.json").get_json()
    operation = spec["paths"]["/api/v1/compensation/calculations/batch"]["post"]

    assert response.status_code == 413
    assert list(response.get_json()["errors"]) == ["cases"]
    assert str(MAX_BATCH) in response.get_json()["errors"]["cases"][0]
    assert str(MAX_BATCH) in operation["description"] + operation["requestBody"]["description"]
    assert "413" in operation["responses"]
    schema = spec["components"]["schemas"]["BatchIn"]["properties"]["cases"]
    assert schema["maxItems"] == MAX_BATCH


def test_exactly_the_bound_is_answered(fund):
    response = fund.post(URL, json={"cases": [{}] * MAX_BATCH})

    assert response.status_code == 200
    assert len(response.get_json()["results"]) == MAX_BATCH


@pytest.mark.parametrize(
    ("body", "field"),
    [({}, "cases"), ({"cases": "all"}, "cases"), ({"cases": [], "case": {}}, "case"), ([injury_case()], "_")],
)
def test_a_body_without_a_list_of_cases_is_422_naming_the_field(fund, body, field):
    response = fund.post(URL, json=body)

    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_the_batch_needs_the_same_access_as_one_calculation(client, make_user, login_as):
    anonymous = client.post(URL, json={"cases": [injury_case()]})
    # Every role may calculate today; the capability is documented as for the single calculation.
    spec = client.get("/api/v1/openapi.json").get_json()
    paths = spec["paths"]["/api/v1/compensation/calculations"]["post"]
    batch = spec["paths"]["/api/v1/compensation/calculations/batch"]["post"]

    assert anonymous.status_code == 401
    assert batch["x-capability"] == paths["x-capability"] == "calculate"
    assert batch["security"] == paths["security"]


def test_the_public_calculator_opens_the_batch_too_rate_limited(app, client):
    app.config.update(PUBLIC_CALCULATOR=True, PUBLIC_CALCULATOR_PER_MINUTE=1)

    first = client.post(URL, json={"cases": [injury_case()]})
    second = client.post(URL, json={"cases": [injury_case()]})

    assert first.status_code == 200
    assert second.status_code == 429
    assert second.headers["Retry-After"]
