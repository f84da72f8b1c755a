"""An account is never given a password that guessing tries first: one of the breach corpora's most
common passwords (also typed on the Russian layout), a repeated or consecutive run, or a short one; the
API, the administrators' page and ``flask users create`` refuse it alike, naming the password field."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from core import db
from core.auth.models import User
from core.classifiers import Role
from tests.integration.admin.test_users import account_form, api_account, error_fields

COMMON = "This password is one of the most common passwords"
REFUSED = {
    "qwertyuiop": "most common",  # the corpora's list, 10 characters and more
    "Password123": "most common",  # compared without case
    "1q2w3e4r5t": "most common",
    "йцукенгшщз": "most common",  # qwertyuiop typed on the Russian layout
    "aaaaaaaaaaaa": "repeated",
    "abcabcabcabc": "repeated",
    "0123456789": "repeated",  # consecutive
    "zyxwvutsrqpo": "repeated",
    "short": "at least 10",
}


@pytest.fixture
def admin(make_user, login_as):
    return login_as(make_user(Role.ADMIN))


def _accounts(app) -> int:
    with app.app_context():
        return db.session().scalar(sa.select(sa.func.count()).select_from(User))


@pytest.mark.parametrize("password", REFUSED)
def test_the_api_refuses_a_common_repetitive_or_short_password_naming_the_field(app, admin, password):
    before = _accounts(app)

    response = admin.post(
        "/api/v1/users", json=api_account(password=password), headers={"Accept-Language": "en"}
    )

    assert response.status_code == 422
    [message] = response.get_json()["errors"]["password"]
    assert REFUSED[password] in message
    assert _accounts(app) == before


def test_a_password_reset_to_a_common_password_is_refused_and_the_old_one_kept(app, admin, make_user):
    officer = make_user(Role.SOCIAL_FUND)
    document = admin.get(f"/api/v1/users/{officer.id}").get_json()

    response = admin.put(
        f"/api/v1/users/{officer.id}",
        json={k: document[k] for k in ("email", "full_name", "role", "region", "version")}
        | {"password": "password1234"},
    )

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["password"]
    assert admin.get(f"/api/v1/users/{officer.id}").get_json()["version"] == document["version"]


def test_an_uncommon_long_password_is_accepted(app, admin):
    response = admin.post("/api/v1/users", json=api_account(password="Талас жазында 2026"))

    assert response.status_code == 201, response.get_json()


def test_the_refusal_speaks_russian_and_kyrgyz(admin):
    russian = admin.post("/api/v1/users", json=api_account(password="qwertyuiop"))
    admin.get("/lang/ky")
    kyrgyz = admin.post("/api/v1/users", json=api_account(password="abcabcabcabc"))

    assert russian.get_json()["errors"]["password"] == [
        "Этот пароль — один из самых распространённых, их подбирают к любой учётной записи первыми: "
        "выберите другой."
    ]
    assert kyrgyz.get_json()["errors"]["password"] == [
        "Бул сырсөз кайталанган же катары менен келген белгилерден турат: башкасын тандаңыз."
    ]


def test_the_admin_page_shows_the_refusal_at_the_password_and_keeps_the_rest(admin):
    response = admin.post("/admin/users/new", data=account_form(password="iloveyou12"))
    page = response.get_data(as_text=True)

    assert response.status_code == 422
    assert error_fields(response) == {"password"}
    assert "один из самых распространённых" in page
    assert 'value="aigerim@example.kg"' in page


def test_flask_users_create_refuses_a_common_password(app):
    before = _accounts(app)

    result = app.test_cli_runner().invoke(
        args=["users", "create", "--email", "a@example.kg", "--name", "A", "--password", "1234567890"]
    )

    assert result.exit_code == 2
    assert "--password" in result.output
    assert _accounts(app) == before
