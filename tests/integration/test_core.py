"""Accounts, sessions, the error document, security headers and the audit log."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from core import audit, create_app, db
from core.classifiers import Role
from tests.conftest import PASSWORD, TEST_CONFIG, login


def test_signing_in_through_the_api_opens_a_session(client, make_user):
    user = make_user(Role.INSPECTOR)

    login(client, user)

    me = client.get("/api/v1/auth/me").get_json()
    assert me["email"] == user.email
    assert me["role"] == "inspector"


def test_wrong_password_is_an_error_document_naming_the_field(client, make_user):
    user = make_user()

    response = client.post("/api/v1/auth/login", json={"email": user.email, "password": "nope"})

    assert response.status_code == 401
    assert list(response.get_json()["errors"]) == ["password"]


def test_login_is_throttled_after_repeated_failures_even_with_the_right_password(client, make_user):
    user = make_user()
    for _ in range(5):
        client.post("/api/v1/auth/login", json={"email": user.email, "password": "wrong"})

    response = client.post("/api/v1/auth/login", json={"email": user.email, "password": PASSWORD})

    assert response.status_code == 429
    assert "Retry-After" in response.headers


def test_invalid_login_payload_is_422_with_field_paths(client):
    response = client.post("/api/v1/auth/login", json={"email": "not-an-email"})

    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert set(errors) == {"email", "password"}


def test_pages_require_a_session_and_the_api_answers_401(client):
    assert client.get("/").status_code == 302
    response = client.get("/api/v1/auth/me")
    assert response.status_code == 401
    assert "errors" in response.get_json()


def test_api_writes_must_be_json(client, make_user):
    user = make_user()

    response = client.post("/api/v1/auth/login", data={"email": user.email, "password": PASSWORD})

    assert response.status_code == 415


def test_html_login_form_rejects_a_post_without_csrf_token(database_url, make_user):
    make_user()
    app = create_app({**TEST_CONFIG, "WTF_CSRF_ENABLED": True, "DATABASE_URL": database_url})

    response = app.test_client().post("/login", data={"email": "x@example.kg", "password": "y"})

    assert response.status_code == 400
    app.extensions["emgek.engine"].dispose()


def test_html_login_shows_field_errors_and_keeps_the_email(client):
    response = client.post("/login", data={"email": "someone@example.kg", "password": ""})

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'data-field="password"' in page
    assert "someone@example.kg" in page


def test_html_login_then_logout(client, make_user):
    user = make_user()

    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200

    client.post("/logout")
    assert client.get("/").status_code == 302


def test_security_headers_are_set(client):
    response = client.get("/login")

    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_login_page_speaks_russian_by_default_and_kyrgyz_on_request(client):
    assert "Вход" in client.get("/login").get_data(as_text=True)

    client.get("/lang/ky")

    assert "Кирүү" in client.get("/login").get_data(as_text=True)


def test_the_audit_log_is_append_only_in_the_database(app, make_user):
    user = make_user()
    with app.app_context():
        with db.transaction() as s:
            audit.record(
                s, user, "update", s.merge(user), before={"full_name": "a"}, after={"full_name": "b"}
            )

        with pytest.raises(sa.exc.DatabaseError), db.transaction() as s:
            s.execute(sa.text("UPDATE audit_entry SET action = 'forged'"))
        with pytest.raises(sa.exc.DatabaseError), db.transaction() as s:
            s.execute(sa.text("DELETE FROM audit_entry"))

        entries = audit.history(db.session(), "user", user.id)
        assert [e.changes for e in entries] == [{"full_name": ["a", "b"]}]


def test_the_openapi_document_is_served(client):
    spec = client.get("/api/v1/openapi.json").get_json()

    assert spec["openapi"].startswith("3.")
    assert "/api/v1/auth/login" in spec["paths"]


def test_a_unique_key_taken_between_check_and_write_is_a_409_not_a_500(database_url, make_employer):
    """Validation read the data before a concurrent request committed (two officers numbering a decision
    at once): the database's unique key refuses the write, and the user is told to reload, as for a
    stale version."""
    from core.employers import Employer

    taken = make_employer()
    app = create_app({**TEST_CONFIG, "DATABASE_URL": database_url})

    def write_the_taken_inn() -> str:
        with db.transaction() as s:
            s.add(Employer(name="Двойник", inn=taken.inn, okpo="99999999", sector="F", region="bishkek"))
        return "saved"

    app.add_url_rule("/api/v1/test-race", "test_race_api", write_the_taken_inn, methods=["POST"])
    app.add_url_rule("/test-race", "test_race_page", write_the_taken_inn, methods=["POST"])
    client = app.test_client()

    api = client.post("/api/v1/test-race", json={})
    page = client.post("/test-race")

    assert api.status_code == 409
    assert "_" in api.get_json()["errors"]
    assert page.status_code == 409
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count()).where(Employer.inn == taken.inn)) == 1
    app.extensions["emgek.engine"].dispose()


def test_every_api_error_carries_a_stable_code_beside_its_messages(client, make_user):
    login(client, make_user(Role.ADMIN))

    missing = client.get("/api/v1/claims/99999")
    no_route = client.get("/api/v1/no-such-thing")
    no_method = client.delete("/api/v1/claims")
    invalid = client.post("/api/v1/claims", json={})

    assert (missing.status_code, missing.get_json()["code"]) == (404, "not_found")
    assert no_route.get_json() == missing.get_json()  # one text for a record that is not there or not yours
    assert (no_method.status_code, no_method.get_json()["code"]) == (405, "method_not_allowed")
    assert (invalid.status_code, invalid.get_json()["code"]) == (422, "invalid")
    assert "check your spelling" not in no_route.get_data(as_text=True)


@pytest.mark.parametrize(
    "path", ["/api/v1/claims", "/api/v1/accidents", "/api/v1/findings", "/api/v1/compensation/calculations"]
)
def test_a_body_that_is_not_json_is_the_same_answer_on_every_endpoint(client, make_user, path):
    login(client, make_user(Role.ADMIN))

    broken = client.post(path, data="{not json", content_type="application/json")
    deep = client.post(path, data="[" * 100_000 + "]" * 100_000, content_type="application/json")

    assert (broken.status_code, broken.get_json()["code"]) == (422, "malformed_json")
    assert (deep.status_code, deep.get_json()["code"]) == (422, "malformed_json")


def test_the_api_answers_in_the_language_the_client_asks_for(client, make_user):
    login(client, make_user(Role.ADMIN))

    kyrgyz = client.post("/api/v1/claims", json={}, headers={"Accept-Language": "ky"}).get_json()
    russian = client.post("/api/v1/claims", json={}, headers={"Accept-Language": "ru-RU,ru;q=0.9"}).get_json()
    english = client.post("/api/v1/claims", json={}, headers={"Accept-Language": "en"}).get_json()

    assert english["errors"]["filed_on"] == ["Missing data for required field."]
    assert russian["errors"]["filed_on"] != english["errors"]["filed_on"]
    assert kyrgyz["errors"]["filed_on"] not in (russian["errors"]["filed_on"], english["errors"]["filed_on"])
    assert kyrgyz["code"] == russian["code"] == "invalid"
