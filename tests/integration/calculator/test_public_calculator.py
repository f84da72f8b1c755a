"""The public calculator: where the deployment opens it (EMGEK_PUBLIC_CALCULATOR), anyone may call the
stateless calculation without signing in, a limited number of times a minute per client address
(429 with Retry-After past it); closed, it needs a session or a token as before."""

from __future__ import annotations

from datetime import timedelta

from core import db
from core.auth import tokens
from core.classifiers import Role
from tests.contract.test_interfaces import URL, small_case


def _calculate(client, address="10.1.1.1", **kwargs):
    return client.post(URL, json=small_case(), environ_overrides={"REMOTE_ADDR": address}, **kwargs)


def test_the_calculation_needs_a_session_or_a_token_unless_the_public_calculator_is_open(client):
    closed = _calculate(client)

    assert closed.status_code == 401
    assert closed.get_json()["code"] == "unauthorized"


def test_when_open_anyone_may_calculate_up_to_the_limit_per_address_and_minute(app, client):
    app.config.update(PUBLIC_CALCULATOR=True, PUBLIC_CALCULATOR_PER_MINUTE=3)

    answers = [_calculate(client) for _ in range(3)]
    refused = _calculate(client)
    elsewhere = _calculate(client, address="10.2.2.2")

    assert [a.status_code for a in answers] == [200, 200, 200]
    assert answers[0].get_json()["totals"]
    assert refused.status_code == 429
    assert refused.get_json()["code"] == "too_many_requests"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert elsewhere.status_code == 200
    db._clock.offset += timedelta(seconds=int(refused.headers["Retry-After"]))
    assert _calculate(client).status_code == 200  # a new minute, a new count


def test_signed_in_users_and_tokens_are_not_counted(app, client, make_user, login_as):
    app.config.update(PUBLIC_CALCULATOR=True, PUBLIC_CALCULATOR_PER_MINUTE=1)
    system = make_user(Role.INSPECTOR, system=True)
    with app.test_request_context():
        secret = tokens.issue(None, system.id, "statistics").secret
    bearer = {"Authorization": f"Bearer {secret}"}

    by_token = [_calculate(app.test_client(), headers=bearer).status_code for _ in range(3)]
    signed_in = login_as(make_user(Role.INSPECTOR))
    by_session = [_calculate(signed_in).status_code for _ in range(3)]

    assert by_token == [200, 200, 200]
    assert by_session == [200, 200, 200]


def test_the_document_says_the_calculation_may_be_called_without_credentials(client):
    operation = client.get("/api/v1/openapi.json").get_json()["paths"][URL]["post"]

    assert {} in operation["security"]
    assert "Retry-After" in operation["responses"]["429"]["headers"]


BATCH = "/api/v1/compensation/calculations/batch"


def _batch(client, cases, address="10.1.1.1"):
    return client.post(BATCH, json={"cases": cases}, environ_overrides={"REMOTE_ADDR": address})


def test_an_anonymous_batch_counts_each_of_its_cases_against_the_same_limit(app, client):
    app.config.update(PUBLIC_CALCULATOR=True, PUBLIC_CALCULATOR_PER_MINUTE=5)

    three = _batch(client, [small_case()] * 3)  # 3 of 5
    single = _calculate(client)  # 4 of 5: the single calculation shares the count
    two = _batch(client, [small_case()] * 2)  # 6 of 5
    elsewhere = _batch(client, [small_case()] * 5, address="10.2.2.2")  # 5 of 5 there
    db._clock.offset += timedelta(seconds=int(two.headers["Retry-After"]))
    too_big = _batch(client, [small_case()] * 6)  # a new minute, but 6 cases are more than 5

    assert three.status_code == 200
    assert [r["status"] for r in three.get_json()["results"]] == [200, 200, 200]
    assert single.status_code == 200
    assert two.status_code == 429
    assert two.get_json()["code"] == "too_many_requests"
    assert elsewhere.status_code == 200
    assert too_big.status_code == 429


def test_an_empty_or_malformed_anonymous_batch_still_counts_as_one_request(app, client):
    app.config.update(PUBLIC_CALCULATOR=True, PUBLIC_CALCULATOR_PER_MINUTE=2)

    empty = _batch(client, [])
    malformed = client.post(BATCH, json={"cases": "many"}, environ_overrides={"REMOTE_ADDR": "10.1.1.1"})
    refused = _calculate(client)

    assert empty.status_code == 200
    assert empty.get_json() == {"results": []}
    assert malformed.status_code == 422
    assert refused.status_code == 429
