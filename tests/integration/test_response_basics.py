"""What every API answer carries for the systems that call it: a ``Location`` on each 201, a request id
on every response and in the log, and ``/health`` telling a load balancer whether this worker can serve
(database reachable, schema migrated to the code's head)."""

from __future__ import annotations

import logging

import sqlalchemy as sa

from core import api as core_api
from core import db
from core.classifiers import Role
from tests.conftest import accident_json


def test_every_create_in_the_document_has_a_place_its_record_is_read_from(app):
    with app.app_context():
        table = core_api._locations(core_api.api.spec.to_dict())

    unreadable = [
        path
        for path, name in table["created"].items()
        if not table["single"].get(name)
        and not table["lists"].get(name)
        and path.rsplit("/", 1)[0] not in table["readable"]
    ]

    assert table["created"]  # the document names what each create answers with
    assert unreadable == []


def test_a_201_carries_the_location_of_the_record_it_created(make_user, login_as):
    officer = login_as(make_user(Role.SAFETY_OFFICER))

    created = officer.post("/api/v1/accidents", json=accident_json())

    assert created.status_code == 201
    location = created.headers["Location"]
    assert location == f"/api/v1/accidents/{created.get_json()['id']}"
    assert officer.get(location).get_json()["id"] == created.get_json()["id"]


def test_a_record_without_its_own_url_is_located_in_the_list_that_holds_it(
    make_user, login_as, make_accident
):
    officer = make_user(Role.SAFETY_OFFICER)
    accident = make_accident(officer, category="light")["accident"]  # owes no notice: one by choice
    client = login_as(officer)
    from accidents.classifiers import Recipient

    listed = client.get(f"/api/v1/accidents/{accident}/notifications").get_json()
    by_choice = sorted(set(Recipient) - {n["recipient"] for n in listed})[0]

    response = client.post(f"/api/v1/accidents/{accident}/notifications", json={"recipient": by_choice})

    assert response.status_code == 201, response.get_json()
    assert response.headers["Location"] == f"/api/v1/accidents/{accident}/notifications"


def test_every_response_carries_a_request_id_kept_from_the_client_when_well_formed(client):
    kept = client.get("/healthz", headers={"X-Request-Id": "lb-7f3a.42"})
    replaced = client.get("/healthz", headers={"X-Request-Id": "bad id <script>"})
    too_long = client.get("/api/v1/auth/me", headers={"X-Request-Id": "a" * 129})
    generated = [client.get("/login").headers["X-Request-Id"] for _ in range(2)]

    assert kept.headers["X-Request-Id"] == "lb-7f3a.42"
    assert len(replaced.headers["X-Request-Id"]) == 32
    assert too_long.status_code == 401
    assert len(too_long.headers["X-Request-Id"]) == 32
    assert generated[0] != generated[1]


def test_the_request_id_is_in_the_log_lines_of_its_request(app, client, caplog):
    caplog.set_level(logging.WARNING, logger=app.logger.name)

    response = client.get(
        "/api/v1/auth/me", headers={"Authorization": "Bearer nope", "X-Request-Id": "trace-1"}
    )

    assert response.status_code == 401
    assert response.headers["X-Request-Id"] == "trace-1"
    lines = [r for r in caplog.records if r.getMessage() == "unknown API token"]
    assert [r.request_id for r in lines] == ["trace-1"]


def test_health_says_the_database_answers_and_the_schema_is_current(client):
    response = client.get("/health")

    assert response.status_code == 200
    body = response.get_json()
    assert (body["status"], body["database"], body["migrations"]) == ("ok", "ok", "current")
    assert client.get("/readyz").get_json() == body  # the same readiness check under both names


def test_health_answers_503_while_the_database_lags_behind_the_code(app, client):
    with app.app_context(), db.engine().begin() as connection:
        (revision,) = connection.execute(sa.text("SELECT version_num FROM alembic_version")).one()
        connection.execute(sa.text("UPDATE alembic_version SET version_num = '0012_payment_voidable_only'"))
    try:
        behind = client.get("/health")
    finally:
        with app.app_context(), db.engine().begin() as connection:
            connection.execute(sa.text("UPDATE alembic_version SET version_num = :r"), {"r": revision})

    assert behind.status_code == 503
    assert behind.get_json()["migrations"] == "outdated"
    assert behind.get_json()["expected"] == [revision]
    assert "Retry-After" in behind.headers
    assert client.get("/healthz").status_code == 200  # liveness never reads the database
