"""Information requests (art. 2.2): sent, answered once with files, late ones flagged to both sides."""

from __future__ import annotations

import base64
from datetime import date
from typing import Any

from tests.integration.cooperation.conftest import created

API = "/api/v1/cooperation"


def _send(client: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "kind": "inspection_results",
        "subject": "Результаты проверок ОсОО «Курулуш» за 2026 год",
        "body": "Просим сообщить результаты проверок и выданные предписания.",
        "due_on": "2026-12-10",
    }
    return created(client, "/requests", {**data, **overrides})


def test_the_other_inspectorate_answers_with_a_file_and_the_asker_sees_it(login_as, state_inspector, tli):
    sent = _send(login_as(tli))
    file = base64.b64encode("Акт проверки №12".encode()).decode()

    answered = login_as(state_inspector).post(
        f"{API}/requests/{sent['id']}/answer",
        json={
            "answer": "Проверка проведена 05.10.2026, выдано предписание.",
            "attachments": [{"filename": "акт-12.txt", "content_type": "text/plain", "content_base64": file}],
            "version": sent["version"],
        },
    )
    seen = login_as(tli).get(f"{API}/requests/{sent['id']}").json
    download = login_as(tli).get(f"{API}/attachments/{seen['attachments'][0]['id']}")

    assert sent["from_inspectorate"] == "trade_union"
    assert sent["to_inspectorate"] == "state"
    assert sent["sent_on"] == "2026-11-26"
    assert answered.status_code == 200
    assert seen["state"] == "answered"
    assert seen["answer"].startswith("Проверка проведена")
    assert download.data == "Акт проверки №12".encode()


def test_only_the_asked_inspectorate_answers_and_only_once(login_as, state_inspector, tli):
    sent = _send(login_as(tli))

    by_asker = login_as(tli).post(f"{API}/requests/{sent['id']}/answer", json={"answer": "x", "version": 1})
    first = login_as(state_inspector).post(
        f"{API}/requests/{sent['id']}/answer", json={"answer": "x", "version": 1}
    )
    second = login_as(state_inspector).post(
        f"{API}/requests/{sent['id']}/answer", json={"answer": "y", "version": first.json["version"]}
    )

    assert by_asker.status_code == 403
    assert first.status_code == 200
    assert second.status_code == 422
    assert list(second.json["errors"]) == ["answer"]


def test_a_request_due_today_or_earlier_is_a_field_error(login_as, tli):
    response = login_as(tli).post(
        f"{API}/requests",
        json={"kind": "cause_analysis", "subject": "s", "body": "b", "due_on": "2026-11-26"},
    )

    assert response.status_code == 422
    assert list(response.json["errors"]) == ["due_on"]


def test_an_unanswered_request_past_its_due_date_is_flagged_to_both(
    login_as, state_inspector, tli, pin_today
):
    sent = _send(login_as(tli))
    pin_today(date(2026, 12, 11))

    for user in (tli, state_inspector):
        overdue = login_as(user).get(f"{API}/requests", query_string={"overdue": "true"}).json
        assert [r["id"] for r in overdue["items"]] == [sent["id"]]
        assert overdue["items"][0]["state"] == "overdue"


def test_a_late_answer_is_kept_as_late(login_as, state_inspector, tli, pin_today):
    sent = _send(login_as(tli))
    pin_today(date(2026, 12, 15))

    answered = login_as(state_inspector).post(
        f"{API}/requests/{sent['id']}/answer", json={"answer": "x", "version": sent["version"]}
    )

    assert answered.json["state"] == "answered_late"


def test_the_requests_history_keeps_who_asked_and_who_answered(login_as, state_inspector, tli):
    sent = _send(login_as(tli))
    login_as(state_inspector).post(f"{API}/requests/{sent['id']}/answer", json={"answer": "x", "version": 1})

    history = login_as(tli).get(f"{API}/requests/{sent['id']}/history").json

    assert [(e["action"], e["user"]) for e in history] == [
        ("create", "Инспектор Инспекции"),
        ("answer", "Инспектор Кызмата"),
    ]


def test_officers_never_see_requests(login_as, officer, tli):
    sent = _send(login_as(tli))

    listed = login_as(officer).get(f"{API}/requests")
    one = login_as(officer).get(f"{API}/requests/{sent['id']}")

    assert listed.status_code == 403
    assert one.status_code == 403


def test_a_file_that_is_not_base64_is_a_field_error(login_as, state_inspector, tli):
    sent = _send(login_as(tli))

    response = login_as(state_inspector).post(
        f"{API}/requests/{sent['id']}/answer",
        json={"answer": "x", "attachments": [{"filename": "a", "content_base64": "%%%"}], "version": 1},
    )

    assert response.status_code == 422
    assert list(response.json["errors"]) == ["attachments.0.content_base64"]
