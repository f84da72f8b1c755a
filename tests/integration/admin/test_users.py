"""Accounts managed by administrators: HTML pages and /api/v1/users, validation, audit, locking."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from core import db
from core.auth.models import User
from core.classifiers import Role
from tests.conftest import PASSWORD
from tests.pages import audit_entries, field_errors

NEW_PASSWORD = "a-new-long-password"


def account_form(**overrides: Any) -> dict[str, Any]:
    values = {
        "full_name": "Сыдыкова Айгерим",
        "email": "aigerim@example.kg",
        "role": "inspector",
        "inspectorate": "state",
        "region": "osh",
        "locale": "ky",
        "active": "1",
        "password": "long enough password",
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}


def stored_user(app: Any, user_id: int) -> User:
    with app.app_context():
        user = db.session().get(User, user_id)
        assert user is not None
        db.session().expunge(user)
        return user


# --- HTML -------------------------------------------------------------------------------------------


def test_admin_creates_an_inspector_whose_password_is_stored_hashed(app, client, admin):
    response = client.post("/admin/users/new", data=account_form())

    assert response.status_code == 302
    with app.app_context():
        user = db.session().scalar(sa.select(User).where(User.email == "aigerim@example.kg"))
        assert user is not None
        assert (user.role, user.inspectorate, user.region, user.locale) == ("inspector", "state", "osh", "ky")
        assert "long enough password" not in user.password_hash
        assert user.password_hash.startswith("pbkdf2:")
        assert user.check_password("long enough password")
        user_id = user.id
    assert response.headers["Location"].endswith(f"/admin/users/{user_id}")
    [entry] = audit_entries(app, "user", user_id)
    assert (entry.action, entry.user_id) == ("create", admin.id)
    assert entry.changes["email"] == [None, "aigerim@example.kg"]
    assert entry.changes["role"] == [None, "inspector"]
    assert not any("password" in field for field in entry.changes)


def test_a_safety_officer_is_attached_to_the_employer_named_by_its_inn(
    app, client, make_user, make_employer, login_as
):
    employer = make_employer()
    login_as(make_user(Role.ADMIN))

    response = client.post(
        "/admin/users/new",
        data=account_form(role="safety_officer", employer_inn=employer.inn, region="osh"),
    )

    assert response.status_code == 302
    with app.app_context():
        user = db.session().scalar(sa.select(User).where(User.email == "aigerim@example.kg"))
        # Scope fields of other roles are cleared, so an officer never carries a region.
        assert (user.employer_id, user.inspectorate, user.region) == (employer.id, None, None)


def test_the_account_form_names_every_bad_field_and_keeps_what_was_typed(client, make_user, login_as):
    login_as(make_user(Role.ADMIN))

    response = client.post(
        "/admin/users/new",
        data=account_form(
            email="not-an-email", full_name=" ", role="wizard", password="short", employer_inn="12ab"
        ),
    )

    assert response.status_code == 422
    assert field_errors(response) == {"email", "full_name", "role", "password", "employer_inn"}
    assert 'value="not-an-email"' in response.get_data(as_text=True)
    assert "short" not in response.get_data(as_text=True)  # a password is never sent back


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"role": "safety_officer", "employer_inn": None}, "employer_inn"),
        ({"role": "safety_officer", "employer_inn": "99999999999999"}, "employer_inn"),
        ({"role": "inspector", "inspectorate": None}, "inspectorate"),
        ({"region": "atlantis"}, "region"),
        ({"password": "123456789"}, "password"),
        ({"password": None}, "password"),
    ],
    ids=[
        "an officer needs an employer",
        "the employer's INN must be registered",
        "an inspector needs an inspectorate",
        "the region must be known",
        "a password has at least ten characters",
        "a new account needs a password",
    ],
)
def test_scope_and_password_rules_are_field_errors(client, make_user, login_as, overrides, field):
    login_as(make_user(Role.ADMIN))

    response = client.post("/admin/users/new", data=account_form(**overrides))

    assert response.status_code == 422
    assert field in field_errors(response)


def test_an_email_already_registered_is_refused(client, make_user, login_as):
    other = make_user(Role.INSPECTOR)
    login_as(make_user(Role.ADMIN))

    response = client.post("/admin/users/new", data=account_form(email=other.email.upper()))

    assert response.status_code == 422
    assert field_errors(response) == {"email"}


def test_admin_deactivates_an_account_and_resets_its_password(app, client, make_user, login_as):
    admin = make_user(Role.ADMIN)
    officer = make_user(Role.SAFETY_OFFICER)
    with app.app_context():
        inn = db.session().get(User, officer.id).employer.inn
    login_as(admin)
    page = client.get(f"/admin/users/{officer.id}")
    assert page.status_code == 200
    assert f'value="{inn}"' in page.get_data(as_text=True)

    response = client.post(
        f"/admin/users/{officer.id}",
        data={
            "full_name": "Renamed Officer",
            "email": officer.email,
            "role": "safety_officer",
            "employer_inn": inn,
            "password": NEW_PASSWORD,
            "version": str(officer.version),
        },  # no "active": the box was unticked
    )

    assert response.status_code == 302
    saved = stored_user(app, officer.id)
    assert (saved.full_name, saved.active, saved.version) == ("Renamed Officer", False, officer.version + 1)
    assert saved.check_password(NEW_PASSWORD)
    update = audit_entries(app, "user", officer.id)[-1]
    assert update.action == "update"
    assert update.changes["active"] == [True, False]
    assert update.changes["full_name"] == [officer.full_name, "Renamed Officer"]
    assert update.changes["password"] == [None, "(changed)"]
    assert NEW_PASSWORD not in str(update.changes)
    client.post("/api/v1/auth/logout", json={})
    refused = client.post("/api/v1/auth/login", json={"email": officer.email, "password": NEW_PASSWORD})
    assert refused.status_code == 401


def test_a_deactivated_account_loses_its_open_session(app, make_user):
    officer = make_user(Role.SAFETY_OFFICER)
    admin = make_user(Role.ADMIN)
    officer_client, admin_client = app.test_client(), app.test_client()
    for c, u in ((officer_client, officer), (admin_client, admin)):
        assert c.post("/api/v1/auth/login", json={"email": u.email, "password": PASSWORD}).status_code == 200
    data = admin_client.get(f"/api/v1/users/{officer.id}").get_json()

    document = {k: data[k] for k in ("email", "full_name", "role", "employer_id", "version")}

    admin_client.put(f"/api/v1/users/{officer.id}", json=document | {"active": False})

    assert officer_client.get("/api/v1/auth/me").status_code == 401


def test_an_edit_from_a_stale_form_is_a_conflict_keeping_the_typed_values(app, client, make_user, login_as):
    target = make_user(Role.SOCIAL_FUND)
    login_as(make_user(Role.ADMIN))
    form = {"full_name": "First edit", "email": target.email, "role": "social_fund", "active": "1"}
    first = client.post(f"/admin/users/{target.id}", data=form | {"version": target.version})
    assert first.status_code == 302

    response = client.post(
        f"/admin/users/{target.id}", data=form | {"full_name": "Second edit", "version": target.version}
    )

    assert response.status_code == 409
    assert 'value="Second edit"' in response.get_data(as_text=True)
    assert stored_user(app, target.id).full_name == "First edit"


def test_an_admin_cannot_deactivate_their_own_account(client, admin):
    response = client.post(
        f"/admin/users/{admin.id}",
        data={"full_name": admin.full_name, "email": admin.email, "role": "admin", "version": admin.version},
    )

    assert response.status_code == 422
    assert field_errors(response) == {"active"}


def test_the_edit_form_validates_like_the_new_one(client, make_user, login_as):
    target = make_user(Role.INSPECTOR)
    login_as(make_user(Role.ADMIN))

    response = client.post(
        f"/admin/users/{target.id}",
        data={"full_name": "", "email": "x", "role": "inspector", "password": "short", "version": "v1"},
    )

    assert response.status_code == 422
    assert field_errors(response) == {"full_name", "email", "password", "version"}


def test_the_account_page_shows_its_history_to_the_admin(client, make_user, login_as):
    target = make_user(Role.INSPECTOR)
    admin = make_user(Role.ADMIN)
    login_as(admin)
    client.post(
        f"/admin/users/{target.id}",
        data={
            "full_name": "Renamed Inspector",
            "email": target.email,
            "role": "inspector",
            "inspectorate": "trade_union",
            "active": "1",
            "version": target.version,
        },
    )

    page = client.get(f"/admin/users/{target.id}").get_data(as_text=True)

    assert 'class="history"' in page
    assert "Renamed Inspector" in page
    assert "trade_union" in page
    assert admin.full_name in page


def test_the_user_list_filters_searches_and_pages(client, make_user, make_employer, login_as):
    employer = make_employer()
    make_user(Role.SAFETY_OFFICER, employer=employer, full_name="Aaa Officer")
    make_user(Role.SAFETY_OFFICER, full_name="Bbb Officer", active=False)
    make_user(Role.INSPECTOR, full_name="Ccc Inspector", email="ccc@inspect.kg")
    login_as(make_user(Role.ADMIN, full_name="Zzz Admin"))

    def names(query: str) -> list[str]:
        import re

        page = client.get(f"/admin/users?{query}").get_data(as_text=True)
        return re.findall(r'<a href="/admin/users/\d+">([^<]+)</a>', page)

    assert names("") == ["Aaa Officer", "Bbb Officer", "Ccc Inspector", "Zzz Admin"]
    assert names("role=safety_officer") == ["Aaa Officer", "Bbb Officer"]
    assert names("active=false") == ["Bbb Officer"]
    assert names(f"employer_inn={employer.inn}") == ["Aaa Officer"]
    assert names("q=INSPECT") == ["Ccc Inspector"]
    assert names("q=%25") == []  # a % typed by the user is a character, not a wildcard
    assert names("per_page=2&page=2") == ["Ccc Inspector", "Zzz Admin"]


def test_bad_list_filters_are_reported_not_a_crash(client, make_user, login_as):
    login_as(make_user(Role.ADMIN))

    response = client.get("/admin/users?page=abc&role=wizard&employer_inn=1")

    assert response.status_code == 422
    assert {"page", "role", "employer_inn"} <= field_errors(response)


@pytest.mark.parametrize("role", [Role.SAFETY_OFFICER, Role.INSPECTOR, Role.SOCIAL_FUND])
def test_account_pages_are_for_administrators_only(client, make_user, login_as, role):
    target = make_user(Role.INSPECTOR)
    login_as(make_user(role))

    assert client.get("/admin/users").status_code == 403
    assert client.get("/admin/users/new").status_code == 403
    assert client.post("/admin/users/new", data=account_form()).status_code == 403
    assert client.get(f"/admin/users/{target.id}").status_code == 403
    assert client.post(f"/admin/users/{target.id}", data={}).status_code == 403


def test_account_pages_send_strangers_to_the_login_page(client):
    response = client.get("/admin/users")

    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_the_users_entry_is_in_the_admins_navigation_only(client, make_user, login_as):
    login_as(make_user(Role.ADMIN))
    assert 'href="/admin/users"' in client.get("/").get_data(as_text=True)

    login_as(make_user(Role.INSPECTOR))
    assert 'href="/admin/users"' not in client.get("/").get_data(as_text=True)


def test_an_unknown_account_is_404(client, make_user, login_as):
    login_as(make_user(Role.ADMIN))

    assert client.get("/admin/users/9999").status_code == 404


# --- API --------------------------------------------------------------------------------------------


def api_account(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "email": "fund.osh@example.kg",
        "full_name": "Social Fund, Osh",
        "role": "social_fund",
        "region": "osh",
        "password": "long enough password",
    }
    values.update(overrides)
    return values


def test_admin_creates_reads_and_updates_an_account_through_the_api(app, client, admin):
    created = client.post("/api/v1/users", json=api_account())

    assert created.status_code == 201
    body = created.get_json()
    assert body["role"] == "social_fund"
    assert body["region"] == "osh"
    assert "password" not in body
    assert "password_hash" not in body
    user_id = body["id"]
    assert client.get(f"/api/v1/users/{user_id}").get_json()["email"] == "fund.osh@example.kg"

    updated = client.put(
        f"/api/v1/users/{user_id}",
        json=api_account(region=None, version=body["version"], password=None, active=False),
    )

    assert updated.status_code == 200
    assert updated.get_json()["region"] is None
    assert updated.get_json()["active"] is False
    assert updated.get_json()["version"] == body["version"] + 1
    history = client.get(f"/api/v1/users/{user_id}/history").get_json()
    assert history["total"] == 2
    assert [e["action"] for e in history["items"]] == ["create", "update"]
    assert history["items"][1]["changes"]["region"] == ["osh", None]
    assert history["items"][1]["user_name"] == admin.full_name


def test_api_account_errors_name_each_field(client, make_user, login_as):
    login_as(make_user(Role.ADMIN))

    response = client.post(
        "/api/v1/users",
        json={"email": "nope", "role": "safety_officer", "password": "short", "employer_id": "x", "extra": 1},
    )

    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"email", "full_name", "password", "employer_id", "extra"}


def test_api_account_for_an_unknown_employer_is_a_field_error(client, make_user, login_as):
    login_as(make_user(Role.ADMIN))

    response = client.post("/api/v1/users", json=api_account(role="safety_officer", employer_id=4242))

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["employer_id"]


def test_api_update_with_a_stale_version_is_409(client, make_user, login_as):
    target = make_user(Role.INSPECTOR)
    login_as(make_user(Role.ADMIN))
    document = {"email": target.email, "full_name": "x", "role": "inspector", "inspectorate": "state"}
    first = client.put(f"/api/v1/users/{target.id}", json=document | {"version": target.version})
    assert first.status_code == 200

    response = client.put(f"/api/v1/users/{target.id}", json=document | {"version": target.version})

    assert response.status_code == 409
    assert "_" in response.get_json()["errors"]


def test_api_update_needs_the_version(client, make_user, login_as):
    target = make_user(Role.INSPECTOR)
    login_as(make_user(Role.ADMIN))

    response = client.put(
        f"/api/v1/users/{target.id}",
        json={"email": target.email, "full_name": "x", "role": "inspector", "inspectorate": "state"},
    )

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["version"]


def test_api_user_list_is_paged_and_filtered(client, make_user, login_as):
    for _ in range(3):
        make_user(Role.INSPECTOR)
    make_user(Role.SOCIAL_FUND)
    login_as(make_user(Role.ADMIN))

    page = client.get("/api/v1/users?role=inspector&per_page=2&page=2").get_json()

    assert page["total"] == 3
    assert (page["page"], page["per_page"]) == (2, 2)
    assert len(page["items"]) == 1
    assert client.get("/api/v1/users?per_page=500").status_code == 422


@pytest.mark.parametrize("role", [Role.SAFETY_OFFICER, Role.INSPECTOR, Role.SOCIAL_FUND])
def test_the_users_api_is_for_administrators_only(client, make_user, login_as, role):
    target = make_user(Role.INSPECTOR)
    login_as(make_user(role))

    assert client.get("/api/v1/users").status_code == 403
    assert client.post("/api/v1/users", json=api_account()).status_code == 403
    assert client.get(f"/api/v1/users/{target.id}").status_code == 403
    assert client.put(f"/api/v1/users/{target.id}", json={}).status_code == 403
    assert client.get(f"/api/v1/users/{target.id}/history").status_code == 403


def test_the_users_api_asks_strangers_to_sign_in(client):
    response = client.get("/api/v1/users")

    assert response.status_code == 401
    assert "errors" in response.get_json()


def test_an_unknown_account_is_404_in_the_api(client, make_user, login_as):
    login_as(make_user(Role.ADMIN))

    response = client.put("/api/v1/users/9999", json=api_account(version=1))

    assert response.status_code == 404


def test_field_errors_speak_the_users_language(client, make_user, login_as):
    login_as(make_user(Role.ADMIN))

    russian = client.post("/admin/users/new", data=account_form(password="short", email="x"))
    client.get("/lang/ky")
    kyrgyz = client.post("/api/v1/users", json=api_account(password="short"))

    assert "Пароль должен содержать не менее 10 символов." in russian.get_data(as_text=True)
    assert "Неверный адрес электронной почты." in russian.get_data(as_text=True)
    assert kyrgyz.get_json()["errors"]["password"] == ["Сырсөз кеминде 10 белгиден турушу керек."]


def _signed_in(app, user, password=PASSWORD):
    client = app.test_client()
    assert (
        client.post("/api/v1/auth/login", json={"email": user.email, "password": password}).status_code == 200
    )
    return client


def test_signing_out_ends_every_open_session_of_the_account(app, make_user):
    officer = make_user(Role.SAFETY_OFFICER)
    laptop, phone = _signed_in(app, officer), _signed_in(app, officer)
    assert phone.get("/api/v1/auth/me").status_code == 200

    laptop.post("/api/v1/auth/logout", json={})

    assert laptop.get("/api/v1/auth/me").status_code == 401
    assert phone.get("/api/v1/auth/me").status_code == 401
    assert _signed_in(app, officer).get("/api/v1/auth/me").status_code == 200


def test_signing_out_on_a_page_ends_the_api_session_too(app, make_user):
    officer = make_user(Role.SAFETY_OFFICER)
    browser, script = _signed_in(app, officer), _signed_in(app, officer)

    assert browser.post("/logout").status_code == 302

    assert script.get("/api/v1/auth/me").status_code == 401


def test_a_password_reset_by_an_administrator_ends_the_accounts_sessions(app, make_user):
    officer = make_user(Role.SAFETY_OFFICER)
    admin_client = _signed_in(app, make_user(Role.ADMIN))
    officer_client = _signed_in(app, officer)
    data = admin_client.get(f"/api/v1/users/{officer.id}").get_json()
    document = {k: data[k] for k in ("email", "full_name", "role", "employer_id", "version")}

    reset = admin_client.put(f"/api/v1/users/{officer.id}", json=document | {"password": NEW_PASSWORD})

    assert reset.status_code == 200, reset.get_json()
    assert officer_client.get("/api/v1/auth/me").status_code == 401
    assert admin_client.get("/api/v1/auth/me").status_code == 200
    assert _signed_in(app, officer, NEW_PASSWORD).get("/api/v1/auth/me").status_code == 200


def test_an_edit_without_a_new_password_keeps_the_accounts_sessions(app, make_user):
    officer = make_user(Role.SAFETY_OFFICER)
    admin_client = _signed_in(app, make_user(Role.ADMIN))
    officer_client = _signed_in(app, officer)
    data = admin_client.get(f"/api/v1/users/{officer.id}").get_json()
    document = {k: data[k] for k in ("email", "full_name", "role", "employer_id", "version")}

    renamed = admin_client.put(f"/api/v1/users/{officer.id}", json=document | {"full_name": "Renamed"})

    assert renamed.status_code == 200, renamed.get_json()
    assert officer_client.get("/api/v1/auth/me").status_code == 200


def test_accounts_are_found_by_any_part_of_a_cyrillic_name_or_the_email(client, make_user, login_as):
    make_user(Role.INSPECTOR, full_name="Асанов Бакыт", email="asanov@mintrud.gov.kg")
    make_user(Role.INSPECTOR, full_name="Токтогулова Айгүл", email="aigul@kasaba.kg")
    login_as(make_user(Role.ADMIN, full_name="Zzz Admin"))

    def names(query: str) -> list[str]:
        return [
            u["full_name"] for u in client.get("/api/v1/users", query_string={"q": query}).get_json()["items"]
        ]

    assert names("Асанов") == ["Асанов Бакыт"]
    assert names("асанов") == ["Асанов Бакыт"]
    assert names("АЙГҮЛ") == ["Токтогулова Айгүл"]
    assert names("KASABA") == ["Токтогулова Айгүл"]
