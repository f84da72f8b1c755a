"""Bad input gets a clear answer, never a 500: every write route of the app, HTML and API, is fed
malformed bodies by an administrator (who may reach every route) against real records."""

from __future__ import annotations

import re

import pytest

from tests.integration.test_scope import GLOBAL, RECORDS, _params, _routes, world  # noqa: F401 - fixture

BAD_JSON_BODIES = [{}, [], {"version": "x", "amount": 1.5, "on": "2026-13-45", "grounds": None}, "text"]
BAD_FORMS = [{}, {"version": "x", "amount": "abc", "received_on": "yesterday", "year": "-1"}]


@pytest.fixture
def urls(world, login_as):  # noqa: F811 - the scope walk's fixture, imported above
    ids = {name: build(world) for name, build in RECORDS.items()}
    client = login_as(world.admin)
    found = []
    for rule in _routes(world.app):
        if rule.endpoint in GLOBAL:
            continue
        methods = sorted(m for m in rule.methods if m in ("POST", "PUT", "PATCH", "DELETE"))
        if not methods:
            continue
        url = rule.rule
        for name in _params(rule):
            url = re.sub(rf"<[^>]*\b{name}>", str(ids[name]), url)
        found.extend((method, url, rule.endpoint) for method in methods)
    return client, found


def test_no_write_route_answers_500_to_malformed_input(urls):
    client, routes = urls
    failures = []

    for method, url, endpoint in routes:
        if url.startswith("/api/"):
            answers = [client.open(url, method=method, json=body) for body in BAD_JSON_BODIES]
            answers.append(client.open(url, method=method, data="{not json", content_type="application/json"))
        else:
            answers = [client.open(url, method=method, data=form) for form in BAD_FORMS]
        for response in answers:
            if response.status_code >= 500:
                failures.append(f"{method} {url} ({endpoint}) -> {response.status_code}")
            elif (
                url.startswith("/api/")
                and response.status_code >= 400
                and not (response.is_json and "errors" in response.get_json())
            ):
                failures.append(
                    f"{method} {url} ({endpoint}) -> {response.status_code} without the error document"
                )

    assert not failures, "\n".join(failures)
