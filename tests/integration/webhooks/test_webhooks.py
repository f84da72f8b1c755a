"""Webhooks: registered by an administrator, fed by the change feed, signed, retried, logged, in scope."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from core import db
from core.audit import AuditEntry
from core.classifiers import Role
from jobs import delivery, webhooks
from jobs.models import Delivery, DeliveryAttempt, DeliveryStatus


@pytest.fixture
def settled(app):
    """The feed lists an entry at once (its settling wait is for concurrent writers)."""
    app.config["EMGEK_EVENTS_SETTLE_SECONDS"] = 0
    return app


def _register(client, url: str, events: list[str] | None = None) -> dict[str, Any]:
    answer = client.post("/api/v1/webhooks", json={"url": url, "events": events or ["act.submitted"]})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def _run(app) -> dict[str, int]:
    with app.app_context():
        return delivery.deliver()


def test_a_delivery_is_the_feeds_event_signed_with_the_webhooks_secret(
    settled, client, login_as, make_user, make_accident, receiver
):
    admin, officer = make_user(Role.ADMIN), make_user()
    hook = _register(login_as(admin), receiver.url)
    accident = make_accident(officer, "submitted")

    assert _run(settled) == {"recorded": 1, "attempted": 1}
    feed = client.get("/api/v1/events", query_string={"type": "act.submitted"}).get_json()["items"]

    (got,) = receiver.received
    expected = "sha256=" + hmac.new(hook["secret"].encode(), got["body"], hashlib.sha256).hexdigest()
    assert got["headers"]["X-Emgek-Signature"] == expected
    assert got["headers"]["X-Emgek-Event"] == "act.submitted"
    assert json.loads(got["body"]) == feed[0]
    assert feed[0]["record_id"] == accident["acts"][0]
    assert got["headers"]["X-Emgek-Timestamp"].isdigit()
    with settled.app_context():
        (sent,) = db.session().scalars(sa.select(Delivery)).all()
    assert got["headers"]["X-Emgek-Delivery"] == str(sent.id)
    assert sent.status == DeliveryStatus.DELIVERED


def test_a_failed_delivery_is_retried_after_1_5_30_minutes_2_and_12_hours_then_given_up(
    settled, login_as, make_user, make_accident, receiver, later
):
    admin, officer = make_user(Role.ADMIN), make_user()
    _register(login_as(admin), receiver.url)
    make_accident(officer, "submitted")
    receiver.answers = [500] * 6

    _run(settled)
    waits = []
    for _retry in range(5):
        with settled.app_context():
            attempt = (
                db.session().scalars(sa.select(DeliveryAttempt).order_by(DeliveryAttempt.id.desc())).first()
            )
            waits.append(attempt.next_retry_at - attempt.at)
        later(waits[-1] - timedelta(seconds=1))
        assert _run(settled)["attempted"] == 0  # not before its time
        later(timedelta(seconds=2))
        assert _run(settled)["attempted"] == 1
    later(timedelta(days=2))
    after_the_last = _run(settled)

    assert [round(w.total_seconds() / 60) for w in waits] == [1, 5, 30, 120, 720]
    assert after_the_last["attempted"] == 0
    assert len(receiver.received) == 6
    assert len({r["headers"]["X-Emgek-Delivery"] for r in receiver.received}) == 1
    with settled.app_context():
        (failed,) = db.session().scalars(sa.select(Delivery)).all()
        log = db.session().scalars(sa.select(DeliveryAttempt).order_by(DeliveryAttempt.id)).all()
    assert failed.status == DeliveryStatus.FAILED
    assert [a.status_code for a in log] == [500] * 6
    assert log[-1].next_retry_at is None


def test_an_event_is_delivered_once_however_often_the_worker_runs_and_a_retry_keeps_its_delivery_id(
    settled, login_as, make_user, make_accident, receiver, later
):
    admin, officer = make_user(Role.ADMIN), make_user()
    _register(login_as(admin), receiver.url)
    make_accident(officer, "submitted")
    receiver.answers = [503]

    _run(settled)
    _run(settled)
    later(timedelta(minutes=2))
    _run(settled)
    _run(settled)
    later(timedelta(hours=1))
    _run(settled)

    assert [r["headers"]["X-Emgek-Delivery"] for r in receiver.received] == ["1", "1"]
    assert receiver.received[0]["body"] == receiver.received[1]["body"]
    with settled.app_context():
        assert db.session().scalar(sa.select(sa.func.count(Delivery.id))) == 1


def test_a_webhook_receives_only_its_owners_events_and_chosen_types(
    settled, make_user, make_accident, receiver
):
    officer_a, officer_b = make_user(), make_user()
    with settled.app_context():
        # A webhook owned by employer A's officer (the API lets only administrators register one; the
        # scope rule is its owner's whatever the role): employer B's act is not sent.
        webhooks.create_webhook(officer_a, {"url": receiver.url, "events": ["act.submitted"]})
    mine = make_accident(officer_a, "submitted")
    make_accident(officer_b, "submitted")
    make_accident(officer_a, "reported")  # no event of the chosen type

    _run(settled)

    assert [json.loads(r["body"])["record_id"] for r in receiver.received] == mine["acts"]


def test_a_webhook_receives_only_what_happens_after_it_is_registered(
    settled, login_as, make_user, make_accident, receiver
):
    admin, officer = make_user(Role.ADMIN), make_user()
    make_accident(officer, "submitted")
    _register(login_as(admin), receiver.url)

    assert _run(settled) == {"recorded": 0, "attempted": 0}


def test_a_disabled_webhook_sends_nothing_and_enabled_again_sends_what_happened_meanwhile(
    settled, login_as, make_user, make_accident, receiver
):
    admin, officer = make_user(Role.ADMIN), make_user()
    client = login_as(admin)
    hook = _register(client, receiver.url)
    off = client.patch(f"/api/v1/webhooks/{hook['id']}", json={"active": False})
    make_accident(officer, "submitted")
    _run(settled)
    sent_while_off = len(receiver.received)
    client.patch(f"/api/v1/webhooks/{hook['id']}", json={"active": True})
    _run(settled)

    assert off.get_json()["active"] is False
    assert sent_while_off == 0
    assert len(receiver.received) == 1


def test_a_deleted_webhook_is_gone_from_the_api_and_stops_but_its_log_is_kept(
    settled, login_as, make_user, make_accident, receiver
):
    admin, officer = make_user(Role.ADMIN), make_user()
    client = login_as(admin)
    hook = _register(client, receiver.url)
    make_accident(officer, "submitted")
    _run(settled)
    deleted = client.delete(f"/api/v1/webhooks/{hook['id']}", json={})
    make_accident(officer, "submitted")
    _run(settled)

    assert deleted.status_code == 204
    assert client.get(f"/api/v1/webhooks/{hook['id']}").status_code == 404
    assert client.get("/api/v1/webhooks").get_json()["items"] == []
    assert len(receiver.received) == 1
    with settled.app_context():
        assert db.session().scalar(sa.select(sa.func.count(DeliveryAttempt.id))) == 1


def test_the_delivery_log_lists_each_attempt_with_its_answer_duration_and_next_retry(
    settled, login_as, make_user, make_accident, receiver
):
    admin, officer = make_user(Role.ADMIN), make_user()
    client = login_as(admin)
    hook = _register(client, receiver.url)
    make_accident(officer, "submitted")
    receiver.answers = [502]
    _run(settled)

    (entry,) = client.get(f"/api/v1/webhooks/{hook['id']}/attempts").get_json()["items"]
    page = client.get(f"/admin/webhooks/{hook['id']}")

    assert entry["status_code"] == 502
    assert entry["delivery_status"] == "pending"
    assert entry["event_type"] == "act.submitted"
    assert entry["duration_ms"] >= 0
    assert entry["next_retry_at"] is not None
    assert entry["next_retry_at"] > entry["at"]
    assert page.status_code == 200
    assert "502" in page.get_data(as_text=True)


def test_an_unreachable_receiver_is_logged_as_an_error_and_retried(
    settled, login_as, make_user, make_accident
):
    admin, officer = make_user(Role.ADMIN), make_user()
    hook = _register(login_as(admin), "http://127.0.0.1:9/nothing-listens-here")
    make_accident(officer, "submitted")
    _run(settled)

    with settled.app_context():
        (attempt,) = webhooks.attempts_page(hook["id"]).items
    assert attempt.status_code is None
    assert attempt.error
    assert attempt.next_retry_at is not None


def test_the_api_refuses_a_bad_url_or_event_type_naming_the_field(login_as, make_user):
    client = login_as(make_user(Role.ADMIN))

    bad_url = client.post("/api/v1/webhooks", json={"url": "not a url", "events": ["act.submitted"]})
    bad_type = client.post("/api/v1/webhooks", json={"url": "https://example.kg/h", "events": ["act.eaten"]})
    none = client.post("/api/v1/webhooks", json={"url": "https://example.kg/h", "events": []})

    assert bad_url.status_code == bad_type.status_code == none.status_code == 422
    assert "url" in json.dumps(bad_url.get_json())
    assert "events" in json.dumps(bad_type.get_json())
    assert "events" in json.dumps(none.get_json())


def test_only_an_administrator_manages_webhooks(login_as, make_user):
    officer = login_as(make_user(Role.INSPECTOR))

    assert officer.get("/api/v1/webhooks").status_code == 403
    assert (
        officer.post(
            "/api/v1/webhooks", json={"url": "https://x.kg", "events": ["act.submitted"]}
        ).status_code
        == 403
    )
    assert officer.get("/admin/webhooks").status_code == 403


def test_the_form_shows_a_bad_url_again_with_its_error_and_the_ticked_events(login_as, make_user):
    client = login_as(make_user(Role.ADMIN))

    page = client.post("/admin/webhooks", data={"url": "ftp://files.kg/x", "events": ["claim.filed"]})
    html = page.get_data(as_text=True)

    assert page.status_code == 422
    assert 'data-field="url"' in html
    assert 'value="ftp://files.kg/x"' in html
    assert 'value="claim.filed" checked' in html


def test_the_form_registers_a_webhook_shows_its_secret_once_and_audits_it_without_the_secret(
    app, login_as, make_user
):
    admin = make_user(Role.ADMIN)
    client = login_as(admin)

    shown = client.post(
        "/admin/webhooks", data={"url": "https://erp.example.kg/emgek", "events": ["claim.filed"]}
    )
    listed = client.get("/admin/webhooks").get_data(as_text=True)

    with app.app_context():
        (hook,) = webhooks.list_webhooks()
        entries = db.session().scalars(sa.select(AuditEntry).where(AuditEntry.entity == "webhook")).all()
    assert shown.status_code == 201
    assert hook.secret in shown.get_data(as_text=True)
    assert hook.secret not in listed
    assert [(e.action, e.user_id) for e in entries] == [("create", admin.id)]
    assert hook.secret not in json.dumps(entries[0].changes)
    assert entries[0].changes["url"] == [None, "https://erp.example.kg/emgek"]


def test_disabling_and_deleting_in_the_pages_are_audited(app, login_as, make_user):
    client = login_as(make_user(Role.ADMIN))
    hook = _register(client, "https://erp.example.kg/emgek")

    client.post(f"/admin/webhooks/{hook['id']}/active", data={"active": "0"})
    client.post(f"/admin/webhooks/{hook['id']}/delete", data={})

    with app.app_context():
        entries = (
            db.session()
            .scalars(sa.select(AuditEntry).where(AuditEntry.entity == "webhook").order_by(AuditEntry.id))
            .all()
        )
    assert [e.action for e in entries] == ["create", "update", "delete"]
    assert entries[1].changes == {"active": [True, False]}
    assert "deleted_at" in entries[2].changes


def test_every_event_type_of_the_feed_has_a_label_for_people():
    from events.services import EVENTS
    from jobs.schemas import EVENT_LABELS

    assert set(EVENT_LABELS) == set(EVENTS)


def test_the_secret_is_in_the_registrations_answer_only_and_its_location_reads_the_webhook(
    login_as, make_user
):
    client = login_as(make_user(Role.ADMIN))

    created = client.post(
        "/api/v1/webhooks", json={"url": "https://erp.example.kg/h", "events": ["claim.filed"]}
    )
    read = client.get(created.headers["Location"])
    listed = client.get("/api/v1/webhooks").get_json()["items"]

    assert len(created.get_json()["secret"]) == 64
    assert read.get_json()["id"] == created.get_json()["id"]
    assert read.get_json()["secret"] is None
    assert [w["secret"] for w in listed] == [None]


def test_the_delivery_log_pages_so_its_201st_attempt_is_reachable(app, login_as, make_user):
    """Issue 13: the log stopped at 200 rows. 201 attempts, 50 a page: the oldest (its answer 299, the
    only one) is on page 5 of 5, and on no earlier page."""
    admin = make_user(Role.ADMIN)
    client = login_as(admin)
    hook = _register(client, "https://receiver.example.kg/hook")
    with app.app_context(), db.transaction() as t:
        sent = Delivery(webhook_id=hook["id"], event_id=1, event_type="act.submitted", payload={})
        t.add(sent)
        t.flush()
        t.add(DeliveryAttempt(delivery_id=sent.id, status_code=299, duration_ms=1))
        t.flush()  # the oldest attempt first: the log lists the newest first
        t.add_all(DeliveryAttempt(delivery_id=sent.id, status_code=500, duration_ms=1) for _ in range(200))

    pages = [client.get(f"/admin/webhooks/{hook['id']}?page={n}").get_data(as_text=True) for n in range(1, 6)]

    assert [page.count("<td>500</td>") for page in pages] == [50, 50, 50, 50, 0]
    assert "<td>299</td>" in pages[4]
    assert not any("<td>299</td>" in page for page in pages[:4])
    assert "Страница 5 из 5" in pages[4]
    assert f'href="/admin/webhooks/{hook["id"]}?page=4"' in pages[4]
    # The API's log pages the same way: 201 attempts, 200 at most a page, the oldest on page 2.
    first = client.get(f"/api/v1/webhooks/{hook['id']}/attempts?per_page=200").get_json()
    second = client.get(f"/api/v1/webhooks/{hook['id']}/attempts?per_page=200&page=2").get_json()
    assert (first["total"], len(first["items"]), second["page"]) == (201, 200, 2)
    assert [a["status_code"] for a in second["items"]] == [299]
    assert client.get(f"/api/v1/webhooks/{hook['id']}/attempts?per_page=201").status_code == 422
