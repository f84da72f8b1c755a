"""Bad input gets a clear answer, never a 500: every write route of the app, HTML and API, is fed
malformed bodies by an administrator (who may reach every route) against real records."""

from __future__ import annotations

import re

import pytest

from tests.integration.test_scope import GLOBAL, RECORDS, _params, _routes, world  # noqa: F401 - fixture

#: Numbers past what the database holds: ids and versions beyond PostgreSQL's INTEGER (32 bits) and
#: SQLite's (64 bits), sums past quantizing.
HUGE = 10**30
BEYOND_INTEGER = 2**31
BAD_JSON_BODIES = [
    {},
    [],
    {"version": "x", "amount": 1.5, "on": "2026-13-45", "grounds": None},
    "text",
    {
        "version": HUGE,
        "victim_id": HUGE,
        "employer_id": HUGE,
        "successor_id": HUGE,
        "amount": "1E+40",
        "loss_percent": "1E+40",
        "victim_fault_percent": "9" * 40,
    },
    # PostgreSQL refuses NUL in text; every text field of every record is refused before it gets there.
    {
        k: "nul\x00"
        for k in ("title", "note", "reason", "remark", "full_name", "name", "place", "circumstances")
    },
]
#: Past Python's limit for parsing an integer (4,300 digits): json and int() raise a bare ValueError.
LONG_DIGITS = "9" * 5000
#: The calendar's last day: a day after it does not exist (filters add one to an end date).
LAST_DAY = "9999-12-31"
TEXT_KEYS = ("title", "note", "reason", "remark", "full_name", "name", "place", "circumstances")
DATE_KEYS = ("on", "date", "date_from", "date_to", "occurred_at", "received_on", "birth_date", "decided_on")
BAD_JSON_BODIES += [
    # A lone surrogate reads as text and no database can encode it.
    {k: "surrogate \ud800" for k in TEXT_KEYS},
    {k: LAST_DAY for k in DATE_KEYS},
]
#: Bodies json.dumps cannot write (an integer past the digit limit), sent as they are.
RAW_JSON_BODIES = [
    f'{{"version": {LONG_DIGITS}, "employer_id": {LONG_DIGITS}, "amount": {LONG_DIGITS}}}',
    f'{{"victims": [{{"full_name": "\\ud800"}}], "items": [{LONG_DIGITS}]}}',
]
#: Query strings every GET route is sent (an API route refuses a parameter it lacks with 422).
BAD_QUERIES = [
    f"date_to={LAST_DAY}",
    f"date_from={LAST_DAY}&date_to={LAST_DAY}",
    f"page={LONG_DIGITS}",
    f"employer_id={LONG_DIGITS}",
    f"year={LONG_DIGITS}",
]
BAD_FORMS = [
    {},
    {"version": "x", "amount": "abc", "received_on": "yesterday", "year": "-1"},
    {"version": str(HUGE), "victim_id": str(HUGE), "amount": "1E+40", "loss_percent": "9" * 40},
    {k: "nul\x00" for k in ("title", "note", "reason", "remark", "full_name", "name", "place", "summary")},
    {k: LAST_DAY for k in DATE_KEYS},
    {"version": LONG_DIGITS, "employer_id": LONG_DIGITS, "amount": LONG_DIGITS, "year": LONG_DIGITS},
]


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
            for raw in ["{not json", *RAW_JSON_BODIES]:
                answers.append(client.open(url, method=method, data=raw, content_type="application/json"))
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


def test_an_id_beyond_an_integer_column_is_not_found_on_every_route(world, login_as):  # noqa: F811
    """Every route with a record id in its path: an id no INTEGER column holds names no record (404; a write
    whose body is checked first may answer 422 for the empty body), never an overflow (500)."""
    ids = {name: build(world) for name, build in RECORDS.items()}
    client = login_as(world.admin)
    failures = []
    for rule in _routes(world.app):
        names = _params(rule)
        if rule.endpoint in GLOBAL or not names:
            continue
        for huge in names:
            url = rule.rule
            for name in names:
                url = re.sub(rf"<[^>]*\b{name}>", str(BEYOND_INTEGER if name == huge else ids[name]), url)
            for method in sorted(m for m in rule.methods if m in ("GET", "POST", "PUT", "PATCH", "DELETE")):
                status = client.open(url, method=method, json={}).status_code
                if status != 404 and (method == "GET" or status != 422):
                    failures.append(f"{method} {url} -> {status}")

    assert not failures, "\n".join(failures)


def test_a_page_number_past_the_end_is_an_empty_page_and_one_past_32_bits_a_field_error(world, login_as):  # noqa: F811
    client = login_as(world.admin)

    far = client.get("/api/v1/claims?page=1000000000")
    huge = client.get(f"/api/v1/claims?page={HUGE}")

    assert far.status_code == 200
    assert far.get_json() == [] or far.get_json().get("items", []) == []
    assert huge.status_code == 422
    assert "page" in huge.get_json()["errors"]


def test_no_read_route_answers_500_to_dates_and_numbers_past_the_edge(world, login_as):  # noqa: F811
    """Every GET route, with its record ids filled in, takes the calendar's last day and integers past
    Python's digit limit in its query string: an answer (an empty list, a page) or a 422, never a 500."""
    ids = {name: build(world) for name, build in RECORDS.items()}
    client = login_as(world.admin)
    failures = []
    for rule in _routes(world.app):
        if rule.endpoint in GLOBAL or "GET" not in rule.methods:
            continue
        url = rule.rule
        for name in _params(rule):
            url = re.sub(rf"<[^>]*\b{name}>", str(ids[name]), url)
        for query in BAD_QUERIES:
            status = client.get(f"{url}?{query}").status_code
            if status >= 500:
                failures.append(f"GET {url}?{query[:40]} ({rule.endpoint}) -> {status}")

    assert not failures, "\n".join(failures)
