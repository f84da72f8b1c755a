"""Signing in under attack: throttled by account and by client address with growing waits (never a
long lock an attacker imposes), the same answer and about the same time for unknown accounts, and
every sign-in and failure in the audit log."""

from __future__ import annotations

import time
from datetime import timedelta

import sqlalchemy as sa

from core import audit, db
from core.auth.models import LoginThrottle
from core.classifiers import Role
from tests.conftest import PASSWORD


def _api_login(client, email, password, address="10.0.0.1"):
    return client.post(
        "/api/v1/auth/login",
        json={"email": email, "password": password},
        environ_overrides={"REMOTE_ADDR": address},
    )


def _shift_clock(seconds):
    db._clock.offset += timedelta(seconds=seconds)


def test_failures_past_the_free_ones_answer_429_with_a_growing_retry_after(client, make_user):
    user = make_user(Role.ADMIN)
    for _ in range(4):
        assert _api_login(client, user.email, "wrong").status_code == 401

    fifth = _api_login(client, user.email, "wrong")
    assert fifth.status_code == 401
    blocked = _api_login(client, user.email, PASSWORD)
    assert blocked.status_code == 429
    assert blocked.get_json()["code"] == "too_many_requests"
    assert blocked.headers["Retry-After"] == "1"

    _shift_clock(2)
    assert _api_login(client, user.email, "wrong").status_code == 401
    assert _api_login(client, user.email, PASSWORD).headers["Retry-After"] == "2"


def test_an_attacker_cannot_lock_an_account_for_long(app, client, make_user):
    user = make_user(Role.ADMIN)
    for _ in range(60):  # every wait sat out, then another wrong guess
        _api_login(client, user.email, "wrong")
        _shift_clock(app.config["LOGIN_MAX_DELAY_SECONDS"])
        _api_login(client, user.email, "wrong")

    blocked = _api_login(client, user.email, PASSWORD)
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) <= app.config["LOGIN_MAX_DELAY_SECONDS"]

    _shift_clock(app.config["LOGIN_MAX_DELAY_SECONDS"] + 1)
    assert _api_login(client, user.email, PASSWORD).status_code == 200


def test_a_sign_in_clears_the_account_count(client, make_user):
    user = make_user()
    for _ in range(4):
        _api_login(client, user.email, "wrong")
    assert _api_login(client, user.email, PASSWORD).status_code == 200
    client.post("/api/v1/auth/logout", json={})

    for _ in range(4):
        assert _api_login(client, user.email, "wrong").status_code == 401
    assert _api_login(client, user.email, PASSWORD).status_code == 200


def test_one_address_guessing_many_accounts_is_throttled(app, client, make_user):
    victim = make_user()
    free = app.config["LOGIN_ADDRESS_MAX_FAILURES"]
    for n in range(free):
        assert _api_login(client, f"guess{n}@example.kg", "wrong", "10.9.9.9").status_code == 401

    assert _api_login(client, victim.email, PASSWORD, "10.9.9.9").status_code == 429
    # The account itself is not held: its owner signs in from elsewhere.
    assert _api_login(client, victim.email, PASSWORD, "10.1.1.1").status_code == 200


def test_unknown_accounts_get_the_same_answers_as_real_ones(client, make_user):
    user = make_user()
    for email in (user.email, "nobody@example.kg"):
        answers = [_api_login(client, email, "wrong") for _ in range(6)]
        assert [a.status_code for a in answers] == [401] * 5 + [429]
        assert answers[0].get_json() == {
            "code": "unauthorized",
            "errors": {"password": [answers[0].get_json()["errors"]["password"][0]]},
        }
        _shift_clock(3600 * 2)

    known = [_api_login(client, user.email, "wrong", "10.0.0.2").get_json() for _ in range(6)]
    _shift_clock(3600 * 2)
    unknown = [_api_login(client, "nobody@example.kg", "wrong", "10.0.0.3").get_json() for _ in range(6)]
    assert known == unknown


def test_unknown_accounts_take_about_as_long_as_real_ones(app, client, make_user):
    app.config["PASSWORD_HASH_METHOD"] = "pbkdf2:sha256:200000"
    email = make_user().email  # its password hashed with the slow method above, as in production

    def timed(address, login):
        start = time.perf_counter()
        assert _api_login(client, login, "wrong", address).status_code == 401
        return time.perf_counter() - start

    known = min(timed(f"10.0.1.{n}", email) for n in range(3))
    unknown = min(timed(f"10.0.2.{n}", "nobody@example.kg") for n in range(3))
    assert unknown > known / 3, (known, unknown)


def test_the_login_page_shows_the_wait_and_answers_429(client, make_user):
    user = make_user()
    for _ in range(5):
        client.post("/login", data={"email": user.email, "password": "wrong"})

    page = client.post("/login", data={"email": user.email, "password": PASSWORD})

    assert page.status_code == 429
    assert page.headers["Retry-After"] == "1"
    assert "Подождите" in page.get_data(as_text=True)


def test_every_sign_in_and_failure_is_audited(app, client, make_user):
    user = make_user()
    _api_login(client, user.email, "wrong", "10.0.0.7")
    _api_login(client, "nobody@example.kg", "wrong", "10.0.0.7")
    assert _api_login(client, user.email, PASSWORD, "10.0.0.7").status_code == 200

    with app.app_context():
        s = db.session()
        entries = s.scalars(sa.select(audit.AuditEntry).order_by(audit.AuditEntry.id)).all()
        throttle = s.scalar(sa.select(LoginThrottle).where(LoginThrottle.key == "account:nobody@example.kg"))
    assert [(e.action, e.user_id, e.entity) for e in entries] == [
        ("login_failed", user.id, "user"),
        ("login_failed", None, "login_throttle"),
        ("login", user.id, "user"),
    ]
    assert entries[1].entity_id == throttle.id
    assert entries[1].changes == {
        "email": [None, "nobody@example.kg"],
        "address": [None, "10.0.0.7"],
        "reason": [None, "wrong_password"],
    }
    assert entries[2].changes == {"address": [None, "10.0.0.7"]}


def test_a_throttled_attempt_is_audited_too(app, client, make_user):
    user = make_user()
    for _ in range(6):
        _api_login(client, user.email, "wrong")
    with app.app_context():
        reasons = db.session().scalars(sa.select(audit.AuditEntry.changes)).all()
    assert [r["reason"][1] for r in reasons] == ["wrong_password"] * 5 + ["throttled"]


def test_a_deactivated_account_fails_like_a_wrong_password(client, make_user):
    user = make_user(active=False)
    response = _api_login(client, user.email, PASSWORD)
    assert response.status_code == 401


def test_behind_a_proxy_the_forwarded_address_is_the_one_counted(database_url, make_user):
    from core import create_app
    from tests.conftest import TEST_CONFIG

    app = create_app({**TEST_CONFIG, "DATABASE_URL": database_url, "PROXY_HOPS": 1})
    client = app.test_client()
    try:
        for n in range(app.config["LOGIN_ADDRESS_MAX_FAILURES"]):
            client.post(
                "/api/v1/auth/login",
                json={"email": f"guess{n}@example.kg", "password": "wrong"},
                headers={"X-Forwarded-For": "203.0.113.5"},
            )
        with app.app_context():
            keys = set(db.session().scalars(sa.select(LoginThrottle.key)))
        assert "address:203.0.113.5" in keys
        assert not any(k == "address:127.0.0.1" for k in keys)
    finally:
        app.extensions["emgek.engine"].dispose()
