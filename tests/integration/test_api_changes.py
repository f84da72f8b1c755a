"""Following changes through the API (issue 13): every record carries ``created_at`` and ``updated_at``,
every list accepts ``updated_since`` and a stable ``sort``, and a long list is read by cursor
(``limit`` + ``cursor``, ``next_cursor`` in the body, ``Link: <...>; rel="next"``) without missing or
repeating a record, within the caller's scope only."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from accidents.models import Accident
from core import db
from core.classifiers import Role
from tests.conftest import LONG_SESSIONS, accident_json
from tests.factories import ACCIDENT_DAY, RECORDS_DAY

SORTS = ["id", "-id", "created_at", "-created_at", "updated_at", "-updated_at"]
PAST = "2000-01-01T00:00:00Z"
FUTURE = "2999-01-01T00:00:00Z"


@pytest.fixture(autouse=True)
def sessions_span_the_days(app: Any) -> None:
    """The records of these tests change on different days under one signed-in user."""
    app.config.update(LONG_SESSIONS)


def _pages(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every list of records in the document: a GET whose answer is a page (items and a total) of
    records that carry ``updated_at``. A computed page (the payments due in a month: rows of a
    statement, not records) has nothing to follow changes by."""
    schemas = spec["components"]["schemas"]
    found = {}
    for path, operations in spec["paths"].items():
        get = operations.get("get")
        if not get:
            continue
        ref = get["responses"]["200"]["content"].get("application/json", {}).get("schema", {}).get("$ref", "")
        schema = schemas.get(ref.rsplit("/", 1)[-1], {})
        properties = schema.get("properties", {})
        if not {"items", "total"} <= set(properties):
            continue
        item = schemas.get(properties["items"].get("items", {}).get("$ref", "").rsplit("/", 1)[-1], {})
        if "updated_at" in item.get("properties", {}):
            found[path] = get
    return found


def _item_schema(spec: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any]:
    schemas = spec["components"]["schemas"]
    page = schemas[
        operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/")[-1]
    ]
    items = page["properties"]["items"]["items"]
    return schemas[items["$ref"].rsplit("/", 1)[-1]]


def test_every_list_documents_updated_since_sort_cursor_and_the_link_header(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    pages = _pages(spec)

    assert len(pages) >= 20
    for path, operation in pages.items():
        params = {p["name"]: p for p in operation["parameters"] if p["in"] == "query"}
        assert params["updated_since"]["schema"] == {"type": "string", "format": "date-time"}, path
        assert params["sort"]["schema"]["enum"] == SORTS, path
        assert params["cursor"]["schema"]["type"] == "string", path
        assert params["limit"]["schema"]["maximum"] == 200, path
        assert {"page", "per_page"} <= set(params), path  # the page numbers clients use today
        assert "Link" in operation["responses"]["200"]["headers"], path
        page = spec["components"]["schemas"][
            operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/")[-1]
        ]
        assert page["properties"]["next_cursor"]["nullable"] is True, path
        item = _item_schema(spec, operation)["properties"]
        for stamp in ("created_at", "updated_at"):
            assert (item[stamp]["type"], item[stamp]["format"]) == ("string", "date-time"), (path, stamp)


@pytest.fixture
def claim_of(app, login_as, make_accident, make_claim, pin_today):
    """An employer's whole case through the API: an approved act, the MSEC finding, the claim and its
    issued decision (on the claims' days of tests/factories.py)."""
    pin_today(RECORDS_DAY)

    def make(officer, inspector):
        victim = make_accident(officer, "approved", reviewer=inspector, on=ACCIDENT_DAY)["victims"][0]
        return make_claim(login_as(officer), victim)

    return make


@pytest.fixture
def readers(make_user, make_employer):
    """One user of each role: a list is walked as the first of them that may read it."""
    employer = make_employer()
    return [
        make_user(Role.ADMIN),
        make_user(Role.INSPECTOR),
        make_user(Role.SOCIAL_FUND),
        make_user(Role.SAFETY_OFFICER, employer=employer),
    ]


def test_every_list_filters_by_updated_since_and_refuses_malformed_arguments_naming_them(
    app, client, login_as, readers, claim_of
):
    officer = readers[3]
    claim_of(officer, readers[1])
    spec = client.get("/api/v1/openapi.json").get_json()
    with app.app_context():
        employer_id, user_id = officer.employer_id, officer.id
    listed = 0
    for template, _operation in _pages(spec).items():
        path = template.replace("{employer_id}", str(employer_id)).replace("{user_id}", str(user_id))
        for reader in readers:
            everything = login_as(reader).get(path)
            if everything.status_code == 200:
                break
        assert everything.status_code == 200, (template, everything.get_json())
        total = everything.get_json()["total"]
        listed += total > 0

        since_past = client.get(path, query_string={"updated_since": PAST}).get_json()
        since_future = client.get(path, query_string={"updated_since": FUTURE}).get_json()

        assert since_past["total"] == total, template
        assert (since_future["total"], since_future["items"]) == (0, []), template
        for name, bad in (
            ("updated_since", "yesterday"),
            ("updated_since", "2026-11-30T10:00:00"),  # no zone: which moment is meant is unknown
            ("sort", "name"),
            ("cursor", "not-a-cursor"),
            ("limit", "0"),
        ):
            refused = client.get(path, query_string={name: bad})
            assert refused.status_code == 422, (template, name, bad)
            assert name in refused.get_json()["errors"], (template, name)
    assert listed >= 7  # the walk read lists that hold records, not only empty ones


def test_updated_since_lists_what_changed_at_or_after_that_moment(app, login_as, make_user, pin_today, today):
    officer = make_user()
    client = login_as(officer)
    old = client.post("/api/v1/accidents", json=accident_json()).get_json()
    pin_today(today + timedelta(days=3))
    new = client.post("/api/v1/accidents", json=accident_json()).get_json()
    moment = datetime.fromisoformat(new["created_at"])

    changed = client.get("/api/v1/accidents", query_string={"updated_since": moment.isoformat()}).get_json()
    in_bishkek = moment.astimezone(db.BISHKEK).isoformat()  # the same moment, written with its offset
    same = client.get("/api/v1/accidents", query_string={"updated_since": in_bishkek}).get_json()

    assert [a["id"] for a in changed["items"]] == [new["id"]]
    assert [a["id"] for a in same["items"]] == [new["id"]]
    assert old["created_at"] == old["updated_at"]  # made and last changed at one moment
    assert datetime.fromisoformat(old["created_at"]).utcoffset() == timedelta(0)


def test_a_change_moves_updated_at_and_keeps_created_at(login_as, make_user, pin_today, today):
    officer = make_user()
    client = login_as(officer)
    accident = client.post("/api/v1/accidents", json=accident_json()).get_json()
    pin_today(today + timedelta(days=1))
    victims = [{k: v for k, v in victim.items() if k != "act_id"} for victim in accident["victims"]]

    changed = client.put(
        f"/api/v1/accidents/{accident['id']}",
        json={**accident_json(place="Цех 2"), "version": accident["version"], "victims": victims},
    )

    assert changed.status_code == 200, changed.get_json()
    assert changed.get_json()["created_at"] == accident["created_at"]
    assert changed.get_json()["updated_at"] > accident["updated_at"]


def _walk(client, path: str, **query: Any) -> tuple[list[int], list[Any]]:
    """Follow the list's ``Link: rel="next"`` to its end; the ids in order and each page's answer."""
    ids: list[int] = []
    answers = []
    url: str | None = path
    response = client.get(url, query_string=query or None)
    while True:
        assert response.status_code == 200, response.get_json()
        body = response.get_json()
        answers.append(response)
        ids += [item["id"] for item in body["items"]]
        link = response.headers.get("Link")
        if body["next_cursor"] is None:
            assert link is None
            return ids, answers
        match = re.fullmatch(r'<(http://localhost(/[^>]+))>; rel="next"', link or "")
        assert match, link
        assert f"cursor={body['next_cursor']}" in match.group(2)
        url = match.group(2)
        response = client.get(url)


def test_cursor_paging_returns_every_record_once_even_when_records_are_added_between_pages(
    login_as, make_user
):
    officer = make_user()
    client = login_as(officer)
    made = [client.post("/api/v1/accidents", json=accident_json()).get_json()["id"] for _ in range(5)]

    first = client.get("/api/v1/accidents", query_string={"limit": 2, "sort": "updated_at"})
    made += [client.post("/api/v1/accidents", json=accident_json()).get_json()["id"] for _ in range(2)]
    link = first.headers["Link"]
    rest, answers = _walk(client, re.match(r"<http://localhost([^>]+)>", link).group(1))
    seen = [a["id"] for a in first.get_json()["items"]] + rest

    assert sorted(seen) == sorted(made)
    assert len(seen) == len(set(seen))
    assert seen == made  # by last change: the ones added while paging come last
    assert [len(a.get_json()["items"]) for a in answers] == [2, 2, 1]
    assert "sort=updated_at" in link
    assert "limit=2" in link


def test_the_sort_is_stable_ties_broken_by_id_in_the_same_direction(app, login_as, make_user):
    officer = make_user()
    client = login_as(officer)
    made = [client.post("/api/v1/accidents", json=accident_json()).get_json()["id"] for _ in range(4)]
    same = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    with app.app_context(), db.transaction() as s:  # three changed at the same instant
        s.execute(sa.update(Accident).where(Accident.id.in_(made[1:])).values(updated_at=same))

    up = client.get("/api/v1/accidents", query_string={"sort": "updated_at"}).get_json()
    down = client.get("/api/v1/accidents", query_string={"sort": "-updated_at"}).get_json()
    by_one, _answers = _walk(client, "/api/v1/accidents", sort="updated_at", limit=1)
    by_one_down, _answers = _walk(client, "/api/v1/accidents", sort="-updated_at", limit=1)

    assert [a["id"] for a in up["items"]] == [*made[1:], made[0]]
    assert [a["id"] for a in down["items"]] == [made[0], *reversed(made[1:])]
    assert by_one == [*made[1:], made[0]]
    assert by_one_down == [made[0], *reversed(made[1:])]


def test_page_numbers_still_work_beside_the_sort(login_as, make_user):
    officer = make_user()
    client = login_as(officer)
    made = [client.post("/api/v1/accidents", json=accident_json()).get_json()["id"] for _ in range(3)]

    second = client.get("/api/v1/accidents", query_string={"sort": "id", "page": 2, "per_page": 2})

    assert [a["id"] for a in second.get_json()["items"]] == [made[2]]
    assert second.get_json()["next_cursor"] is None
    assert "Link" not in second.headers


def test_a_cursor_of_another_order_is_refused_naming_it(login_as, make_user):
    client = login_as(make_user())
    for _ in range(3):
        client.post("/api/v1/accidents", json=accident_json())
    cursor = client.get("/api/v1/accidents", query_string={"limit": 1, "sort": "id"}).get_json()[
        "next_cursor"
    ]

    refused = client.get("/api/v1/accidents", query_string={"cursor": cursor, "sort": "-updated_at"})

    assert refused.status_code == 422
    assert list(refused.get_json()["errors"]) == ["cursor"]


@pytest.mark.parametrize("path", ["/api/v1/accidents", "/api/v1/acts", "/api/v1/claims", "/api/v1/findings"])
def test_an_officer_never_sees_another_employers_record_through_any_cursor(
    path, app, login_as, make_user, claim_of
):
    officer_a, officer_b, inspector = make_user(), make_user(), make_user(Role.INSPECTOR)
    claim_of(officer_b, inspector)
    claim_of(officer_a, inspector)
    claim_of(officer_b, inspector)
    client = login_as(officer_a)
    with app.app_context():
        # A cursor pointing just before B's records: it still lists only A's.
        before_all = db.encode_cursor("id", 0, 0)

    for sort in SORTS:
        walked, _answers = _walk(client, path, sort=sort, limit=1)
        from_zero = client.get(
            path, query_string={"sort": "id", "limit": 200, "cursor": before_all}
        ).get_json()
        everything = client.get(path, query_string={"per_page": 200}).get_json()

        assert sorted(walked) == sorted(i["id"] for i in everything["items"]), sort
        assert len(walked) == len(set(walked)) >= 1
        assert sorted(i["id"] for i in from_zero["items"]) == sorted(walked)


# --- the change feed ---------------------------------------------------------------------------------


def _follow(client, **query: Any) -> tuple[list[dict[str, Any]], str]:
    """Every event the feed has for the caller, asking again with each answer's ``after``."""
    events: list[dict[str, Any]] = []
    while True:
        answer = client.get("/api/v1/events", query_string=query)
        assert answer.status_code == 200, answer.get_json()
        body = answer.get_json()
        events += body["items"]
        query = {**query, "after": body["after"]}
        if not body["more"]:
            return events, body["after"]


def test_the_feed_lists_what_happened_in_order_once_each_and_resumes_where_it_stopped(
    app, login_as, make_user, claim_of
):
    app.config["EMGEK_EVENTS_SETTLE_SECONDS"] = 0
    officer, inspector = make_user(), make_user(Role.INSPECTOR)
    claim, decision = claim_of(officer, inspector)
    client = login_as(officer)

    events, after = _follow(client, limit=2)
    types = [e["type"] for e in events]
    paid = client.post(
        f"/api/v1/claims/{claim['id']}/payments",
        json={"paid_on": RECORDS_DAY.isoformat(), "amount": "100.00", "applies_to": "periodic"},
    )
    assert paid.status_code == 201, paid.get_json()
    later = client.get("/api/v1/events", query_string={"after": after}).get_json()

    assert types == ["act.submitted", "act.approved", "finding.recorded", "claim.filed", "decision.issued"]
    assert [e["id"] for e in events] == sorted({e["id"] for e in events})
    assert events[3]["record_id"] == claim["id"]
    assert events[4] == {**events[4], "record": "decision", "record_id": decision["id"]}
    assert [(e["type"], e["record_id"]) for e in later["items"]] == [
        ("payment.recorded", paid.get_json()["id"])
    ]


def test_the_feed_shows_an_officer_only_their_employers_events(app, login_as, make_user, claim_of):
    app.config["EMGEK_EVENTS_SETTLE_SECONDS"] = 0
    officer_a, officer_b, inspector = make_user(), make_user(), make_user(Role.INSPECTOR)
    claim_b, _decision = claim_of(officer_b, inspector)
    claim_a, _decision = claim_of(officer_a, inspector)

    seen_by_a, _after = _follow(login_as(officer_a), limit=1)
    seen_by_inspector, _after = _follow(login_as(inspector))

    claims_a = [e["record_id"] for e in seen_by_a if e["type"] == "claim.filed"]
    assert claims_a == [claim_a["id"]]
    assert len(seen_by_inspector) > len(seen_by_a)  # the inspector's scope holds both employers


def test_the_feed_refuses_a_malformed_cursor_or_type_naming_it(login_as, make_user):
    client = login_as(make_user())
    for name, bad, field in (
        ("after", "nonsense", "after"),
        ("type", "act.burnt", "type.0"),
        ("limit", "0", "limit"),
    ):
        refused = client.get("/api/v1/events", query_string={name: bad})
        assert refused.status_code == 422
        assert list(refused.get_json()["errors"]) == [field]


def test_the_feed_documents_its_event_types(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    event = spec["components"]["schemas"]["ChangeEventOut"]["properties"]["type"]

    assert "decision.issued" in event["enum"]
    assert "`payment.recorded`: a payment" in event["description"]
