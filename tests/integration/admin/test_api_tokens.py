"""API tokens of system accounts: issued by an administrator on the tokens page or the command line,
shown once and stored hashed, accepted as ``Authorization: Bearer`` on the API with the account's role
and scope, expiring, rotated and revoked, their last use recorded, every change in the audit log."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from core import audit, db
from core.auth import tokens
from core.auth.models import ApiToken, User
from core.classifiers import Role

SECRET = re.compile(r"emgek_[0-9a-f]{8}_[A-Za-z0-9_-]{43}")


def _bearer(client, secret, path="/api/v1/auth/me", **kwargs):
    return client.get(path, headers={"Authorization": f"Bearer {secret}"}, **kwargs)


def _issue(app, user, label="payroll import", expires_on=None):
    with app.test_request_context():
        return tokens.issue(None, user.id, label, expires_on).secret


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMIN)


def test_an_administrator_creates_a_system_account_and_issues_it_a_token_in_the_web_ui(
    app, admin, login_as, make_employer
):
    employer = make_employer()
    web = login_as(admin)
    created = web.post(
        "/admin/users/new",
        data={
            "full_name": "1С: Зарплата, ОАО Кант-цемент",
            "email": "payroll@kant.kg",
            "role": "safety_officer",
            "employer_inn": employer.inn,
            "system": "1",
            "active": "1",
        },
    )
    assert created.status_code == 302, created.get_data(as_text=True)
    with app.app_context():
        account = db.session().scalar(sa.select(User).where(User.email == "payroll@kant.kg"))
        assert account.system
        assert account.employer_id == employer.id

    page = web.get("/admin/tokens")
    assert "payroll@kant.kg" in page.get_data(as_text=True)
    issued = web.post("/admin/tokens", data={"user_id": account.id, "label": "Зарплатная ведомость"})

    assert issued.status_code == 201
    secret = SECRET.search(issued.get_data(as_text=True)).group(0)
    assert issued.headers["Cache-Control"] == "no-store"
    me = _bearer(app.test_client(), secret)
    assert me.status_code == 200
    assert me.get_json()["email"] == "payroll@kant.kg"
    assert "Set-Cookie" not in me.headers
    listed = web.get("/admin/tokens").get_data(as_text=True)
    assert secret.split("_")[1] in listed
    assert secret not in listed
    with app.app_context():
        stored = db.session().scalar(sa.select(ApiToken))
        assert stored.secret_sha256 == tokens.digest(secret)
        assert secret not in str(audit.history(db.session(), "api_token", stored.id)[0].changes)


def test_the_tokens_page_refuses_a_person_s_account_and_a_blank_label_naming_the_fields(
    admin, login_as, make_user
):
    person = make_user(Role.INSPECTOR)
    system = make_user(Role.INSPECTOR, system=True)
    web = login_as(admin)

    response = web.post("/admin/tokens", data={"user_id": system.id, "label": "  "})

    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert 'data-field="label"' in text
    with_label = web.post("/admin/tokens", data={"user_id": person.id, "label": "x"})
    assert with_label.status_code == 422
    assert 'data-field="user_id"' in with_label.get_data(as_text=True)


def test_only_administrators_reach_the_tokens_page(client, login_as, make_user):
    assert client.get("/admin/tokens").status_code == 302  # to the sign-in page
    for role in (Role.SAFETY_OFFICER, Role.INSPECTOR, Role.SOCIAL_FUND):
        web = login_as(make_user(role))
        assert web.get("/admin/tokens").status_code == 403
        assert web.post("/admin/tokens", data={"user_id": 1, "label": "x"}).status_code == 403


def test_the_command_line_issues_lists_rotates_and_revokes_tokens(app, make_employer):
    employer = make_employer()
    cli = app.test_cli_runner()

    issued = cli.invoke(
        args=[
            "tokens", "issue", "payroll@kant.kg", "--label", "Payroll sync",
            "--name", "1С: Зарплата", "--role", "safety_officer", "--employer-inn", employer.inn,
            "--expires", "2027-12-31",
        ]
    )  # fmt: skip
    assert issued.exit_code == 0, issued.output
    secret = SECRET.search(issued.output).group(0)
    client = app.test_client()
    me = _bearer(client, secret).get_json()
    assert (me["role"], me["employer_id"]) == ("safety_officer", employer.id)

    listed = cli.invoke(args=["tokens", "list"])
    prefix = secret.split("_")[1]
    assert re.search(
        rf"{prefix}\tactive\tpayroll@kant.kg\tPayroll sync\texpires 2027-12-31\tlast used 20", listed.output
    )

    rotated = cli.invoke(args=["tokens", "rotate", prefix])
    assert rotated.exit_code == 0, rotated.output
    new_secret = SECRET.search(rotated.output).group(0)
    assert _bearer(client, secret).status_code == 401
    assert _bearer(client, new_secret).status_code == 200

    new_prefix = new_secret.split("_")[1]
    assert cli.invoke(args=["tokens", "revoke", new_prefix]).exit_code == 0
    assert _bearer(client, new_secret).status_code == 401
    again = cli.invoke(args=["tokens", "revoke", new_prefix])
    assert again.exit_code != 0
    assert again.output.startswith("Error: id: ")  # the field at fault, in the default language
    states = cli.invoke(args=["tokens", "list", "--account", "payroll@kant.kg"]).output
    assert f"{prefix}\trevoked" in states
    assert f"{new_prefix}\trevoked" in states


def test_the_command_line_refuses_a_token_for_an_unknown_account_without_its_role(app):
    result = app.test_cli_runner().invoke(args=["tokens", "issue", "nobody@x.kg", "--label", "x"])

    assert result.exit_code != 0
    assert "--name and --role" in result.output


def test_an_officer_token_sees_only_its_employer(app, make_user, make_employer, make_accident):
    own, other = make_employer(), make_employer()
    mine = make_accident(make_user(Role.SAFETY_OFFICER, employer=own))["accident"]
    theirs = make_accident(make_user(Role.SAFETY_OFFICER, employer=other))["accident"]
    system = make_user(Role.SAFETY_OFFICER, employer=own, system=True)
    secret = _issue(app, system)
    client = app.test_client()

    listed = _bearer(client, secret, "/api/v1/accidents").get_json()

    assert [a["id"] for a in listed["items"]] == [mine]
    assert _bearer(client, secret, f"/api/v1/accidents/{mine}").status_code == 200
    assert _bearer(client, secret, f"/api/v1/accidents/{theirs}").status_code == 404
    assert _bearer(client, secret, "/api/v1/users").status_code == 403  # an officer's role, not an admin's


def test_a_token_writes_through_the_api_without_a_csrf_token(app, make_user, make_employer):
    from tests.conftest import accident_json

    employer = make_employer()
    system = make_user(Role.SAFETY_OFFICER, employer=employer, system=True)
    secret = _issue(app, system)

    created = app.test_client().post(
        "/api/v1/accidents", json=accident_json(), headers={"Authorization": f"Bearer {secret}"}
    )

    assert created.status_code == 201, created.get_json()
    with app.app_context():
        entry = db.session().scalar(sa.select(audit.AuditEntry).where(audit.AuditEntry.entity == "accident"))
        assert entry.user_id == system.id  # the audit log names the system account


def test_a_bad_expired_or_revoked_token_answers_401_with_the_error_document(app, make_user, pin_today):
    system = make_user(Role.INSPECTOR, system=True)
    client = app.test_client()
    lasting = _issue(app, system, expires_on=date(2026, 11, 27))
    assert _bearer(client, lasting).status_code == 200

    for secret in ("not-a-token", "emgek_00000000_" + "x" * 43, ""):
        response = _bearer(client, secret)
        assert response.status_code == 401
        assert response.get_json()["code"] == "invalid_token"
        assert "Authorization" in response.get_json()["errors"]
        assert response.headers["WWW-Authenticate"].startswith("Bearer")

    pin_today(date(2026, 11, 27))
    assert _bearer(client, lasting).status_code == 200  # the last valid day
    pin_today(date(2026, 11, 28))
    assert _bearer(client, lasting).status_code == 401
    # Even on an operation anyone may call, a bad token is refused rather than ignored.
    assert _bearer(client, lasting, "/api/v1/auth/csrf-token").status_code == 401


def test_a_token_stops_working_when_its_account_is_deactivated(app, admin, make_user):
    system = make_user(Role.INSPECTOR, system=True)
    secret = _issue(app, system)
    with app.test_request_context():
        account = db.session().get(User, system.id)
        db.session().execute(sa.update(User).where(User.id == account.id).values(active=False))
        db.session().commit()

    assert _bearer(app.test_client(), secret).status_code == 401


def test_the_last_use_is_recorded_and_shown(app, admin, login_as, make_user):
    system = make_user(Role.INSPECTOR, system=True)
    secret = _issue(app, system)
    with app.app_context():
        assert db.session().scalar(sa.select(ApiToken.last_used_at)) is None

    _bearer(app.test_client(), secret)

    with app.app_context():
        used = db.session().scalar(sa.select(ApiToken.last_used_at))
    assert abs(used - db.now_utc()) < timedelta(minutes=1)
    page = login_as(admin).get("/admin/tokens").get_data(as_text=True)
    assert used.astimezone(db.BISHKEK).strftime("%d.%m.%Y %H:%M") in page


def test_issuing_rotating_and_revoking_are_in_the_audit_log(app, admin, login_as, make_user):
    system = make_user(Role.SAFETY_OFFICER, system=True)
    web = login_as(admin)
    web.post("/admin/tokens", data={"user_id": system.id, "label": "MSEC office", "expires_on": "2027-06-30"})
    with app.app_context():
        first = db.session().scalar(sa.select(ApiToken))

    rotated = web.post(f"/admin/tokens/{first.id}/rotate")
    assert rotated.status_code == 200
    assert SECRET.search(rotated.get_data(as_text=True))
    with app.app_context():
        second = db.session().scalar(sa.select(ApiToken).where(ApiToken.rotated_from_id == first.id))
        assert (second.label, second.expires_on) == ("MSEC office", date(2027, 6, 30))
    assert web.post(f"/admin/tokens/{second.id}/revoke").status_code == 302
    assert web.post(f"/admin/tokens/{second.id}/revoke").status_code == 422
    assert web.post("/admin/tokens/999999/rotate").status_code == 404

    with app.app_context():
        entries = (
            db.session()
            .scalars(
                sa.select(audit.AuditEntry)
                .where(audit.AuditEntry.entity == "api_token")
                .order_by(audit.AuditEntry.id)
            )
            .all()
        )
    assert [(e.action, e.entity_id, e.user_id) for e in entries] == [
        ("issue", first.id, admin.id),
        ("revoke", first.id, admin.id),
        ("rotate", second.id, admin.id),
        ("revoke", second.id, admin.id),
    ]
    assert entries[0].changes["label"] == [None, "MSEC office"]
    assert all("secret" not in str(e.changes) and "sha256" not in str(e.changes) for e in entries)


def test_a_system_account_cannot_sign_in_with_a_password_nor_be_locked_out_by_failures(app, make_user):
    from tests.conftest import PASSWORD

    system = make_user(Role.INSPECTOR, system=True)  # the factory gave it a password: it never works
    secret = _issue(app, system)
    client = app.test_client()

    address = {"REMOTE_ADDR": "10.7.7.7"}
    for _ in range(app.config["LOGIN_ADDRESS_MAX_FAILURES"] + 5):
        client.post(
            "/api/v1/auth/login", json={"email": system.email, "password": "wrong"}, environ_overrides=address
        )
    right = client.post("/api/v1/auth/login", json={"email": system.email, "password": PASSWORD})
    web = client.post("/login", data={"email": system.email, "password": PASSWORD})

    assert right.status_code in (401, 429)
    assert web.status_code in (422, 429)
    assert _bearer(app.test_client(), secret, environ_overrides=address).status_code == 200


def test_a_system_account_password_is_refused_when_it_is_created_or_edited(admin, login_as, make_user):
    api = login_as(admin)
    created = api.post(
        "/api/v1/users",
        json={"email": "ms@x.kg", "full_name": "MSEC", "role": "inspector", "inspectorate": "state",
              "system": True, "password": "0123456789ab"},
    )  # fmt: skip
    person = api.post(
        "/api/v1/users",
        json={"email": "p@x.kg", "full_name": "Person", "role": "inspector", "inspectorate": "state"},
    )
    system = api.post(
        "/api/v1/users",
        json={"email": "ms@x.kg", "full_name": "MSEC", "role": "inspector", "inspectorate": "state",
              "system": True},
    )  # fmt: skip

    assert created.status_code == 422
    assert "password" in created.get_json()["errors"]
    assert person.status_code == 422
    assert "password" in person.get_json()["errors"]
    assert system.status_code == 201
    assert system.get_json()["system"] is True
    account = system.get_json()
    reset = api.put(
        f"/api/v1/users/{account['id']}",
        json={"email": "ms@x.kg", "full_name": "MSEC", "role": "inspector", "inspectorate": "state",
              "version": account["version"], "password": "0123456789ab"},
    )  # fmt: skip
    assert reset.status_code == 422
    assert "password" in reset.get_json()["errors"]


def test_the_openapi_document_declares_the_bearer_token_and_the_session_cookie(client):
    spec = client.get("/api/v1/openapi.json").get_json()

    schemes = spec["components"]["securitySchemes"]
    assert schemes["bearerToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schemes["bearerToken"]["description"],
    }
    assert schemes["sessionCookie"]["in"] == "cookie"
    assert {"bearerToken": []} in spec["security"]
    assert {"sessionCookie": []} in spec["security"]
    assert spec["paths"]["/api/v1/auth/login"]["post"]["security"] == []
