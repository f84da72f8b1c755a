"""A signed-in session ends when unused for a while and after a fixed lifetime, whatever the use; and
every document (PDF, XLSX, CSV, a scan) is sent so that no cache keeps it."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest

from core import db
from core.classifiers import Role
from tests.conftest import PASSWORD
from tests.factories import ACCIDENT_DAY, RECORDS_DAY


def _later(minutes):
    db._clock.offset += timedelta(minutes=minutes)


def _sign_in_on_the_page(client, user):
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302


def test_the_cookie_lives_the_absolute_lifetime_not_31_days(app, client, make_user):
    _sign_in_on_the_page(client, make_user())

    cookie = client.get_cookie("session")
    assert cookie is not None
    assert app.config["PERMANENT_SESSION_LIFETIME"] == timedelta(hours=app.config["SESSION_MAX_HOURS"])
    assert app.permanent_session_lifetime <= timedelta(hours=12)


def test_a_session_unused_past_the_idle_timeout_ends(app, client, make_user):
    _sign_in_on_the_page(client, make_user())
    assert client.get("/").status_code == 200

    _later(app.config["SESSION_IDLE_MINUTES"] + 1)
    response = client.get("/")

    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Сеанс завершён" in page
    assert client.get("/").status_code == 302  # it stays ended


def test_use_keeps_a_session_open_until_its_absolute_lifetime(app, client, make_user):
    _sign_in_on_the_page(client, make_user())
    step = app.config["SESSION_IDLE_MINUTES"] - 1
    used = 0
    while used + step < app.config["SESSION_MAX_HOURS"] * 60:
        _later(step)
        used += step
        assert client.get("/").status_code == 200, used

    _later(step)
    assert client.get("/").status_code == 302


def test_the_api_session_ends_the_same_way_with_401(app, client, make_user):
    user = make_user()
    assert (
        client.post("/api/v1/auth/login", json={"email": user.email, "password": PASSWORD}).status_code == 200
    )
    assert client.get("/api/v1/auth/me").status_code == 200

    _later(app.config["SESSION_IDLE_MINUTES"] + 1)

    assert client.get("/api/v1/auth/me").status_code == 401


def test_the_limits_are_configurable(database_url, make_user):
    from core import create_app
    from tests.conftest import TEST_CONFIG

    app = create_app(
        {**TEST_CONFIG, "DATABASE_URL": database_url, "SESSION_IDLE_MINUTES": 5, "SESSION_MAX_HOURS": 1}
    )
    client = app.test_client()
    try:
        _sign_in_on_the_page(client, make_user())
        _later(4)
        assert client.get("/").status_code == 200
        _later(6)
        assert client.get("/").status_code == 302
        assert app.permanent_session_lifetime == timedelta(hours=1)
    finally:
        app.extensions["emgek.engine"].dispose()


def test_the_language_chosen_survives_the_end_of_a_session(app, client, make_user):
    client.get("/lang/ky")
    _sign_in_on_the_page(client, make_user())
    _later(app.config["SESSION_IDLE_MINUTES"] + 1)

    page = client.get("/", follow_redirects=True).get_data(as_text=True)

    assert 'lang="ky"' in page


# --- documents -------------------------------------------------------------------------------------


@pytest.fixture
def officer_case(make_user, make_employer, make_accident, make_claim, login_as, pin_today):
    pin_today(RECORDS_DAY)
    employer = make_employer()
    officer = make_user(Role.SAFETY_OFFICER, employer=employer)
    inspector = make_user(Role.INSPECTOR)
    accident = make_accident(officer, "approved", reviewer=inspector, on=ACCIDENT_DAY)
    client = login_as(officer)
    claim, decision = make_claim(client, accident["victims"][0])
    return client, accident, claim, decision


def test_every_document_is_sent_with_no_store(officer_case):
    client, accident, claim, decision = officer_case
    uploaded = client.post(
        f"/api/v1/claims/{claim['id']}/attachments",
        data={"title": "Заключение МСЭК", "file": (io.BytesIO(b"%PDF-1.4 scan"), "msec.pdf")},
        headers={"X-CSRFToken": client.get("/api/v1/auth/csrf-token").get_json()["csrf_token"]},
        content_type="multipart/form-data",
    )
    assert uploaded.status_code == 201, uploaded.get_json()

    documents = {
        "act": f"/accidents/acts/{accident['acts'][0]}/pdf",
        "order": f"/compensation/decisions/{decision['id']}/order.pdf",
        "statement": f"/compensation/claims/{claim['id']}/statement.xlsx?as_of=2027-03-15",
        "scan": f"/api/v1/attachments/{uploaded.get_json()['id']}",
        "payments due": "/compensation/payments-due?month=2027-02&format=csv",
    }
    for name, url in documents.items():
        response = client.get(url)
        assert response.data, name  # read to the end: a streamed export releases its connection then
        response.close()
        assert response.status_code == 200, (name, response.status_code)
        assert response.headers["Cache-Control"] == "no-store", name


def test_a_csv_or_any_attachment_is_sent_with_no_store(app):
    from flask import Response

    app.add_url_rule("/_test/export.csv", "test_csv", lambda: Response("a;b\n", mimetype="text/csv"))
    app.add_url_rule(
        "/_test/scan",
        "test_scan",
        lambda: Response(
            b"\xff\xd8\xff", mimetype="image/jpeg", headers={"Content-Disposition": "attachment"}
        ),
    )
    client = app.test_client()

    assert client.get("/_test/export.csv").headers["Cache-Control"] == "no-store"
    assert client.get("/_test/scan").headers["Cache-Control"] == "no-store"


def test_pages_and_static_files_keep_their_own_caching(officer_case):
    client = officer_case[0]
    assert client.get("/").headers["Cache-Control"] == "no-store"
    static = client.get("/static/app.css")
    static.close()
    assert static.headers.get("Cache-Control") != "no-store"
