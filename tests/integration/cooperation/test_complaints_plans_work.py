"""Complaints, plan proposals (art. 2.6), joint work and the agreement record (arts. 3.2-3.5)."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.integration.cooperation.conftest import created, inspection_json

API = "/api/v1/cooperation"


def _complaint(client: Any, employer: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "employer_id": employer.id,
        "complainant": "Асанов Бакыт",
        "received_on": "2026-11-20",
        "review_due_on": "2026-12-04",
        "subject": "Работа без средств защиты",
        "text": "Работников заставляют работать на высоте без страховочных поясов.",
    }
    return created(client, "/complaints", {**data, **overrides})


def test_a_complaint_is_registered_reviewed_once_and_leads_to_an_inspection(login_as, employer, tli):
    client = login_as(tli)
    complaint = _complaint(client, employer)

    inspection = client.post(
        f"{API}/inspections",
        json=inspection_json(
            employer.id,
            grounds="complaint",
            complaint_id=complaint["id"],
            starts_on="2026-11-22",
            ends_on="2026-11-23",
        ),
    )
    reviewed = client.post(
        f"{API}/complaints/{complaint['id']}/review",
        json={
            "result": "upheld",
            "result_text": "Выдано предписание",
            "reviewed_on": "2026-11-25",
            "version": complaint["version"],
        },
    )
    again = client.post(
        f"{API}/complaints/{complaint['id']}/review",
        json={"result": "rejected", "result_text": "x", "reviewed_on": "2026-11-25", "version": 2},
    )

    assert complaint["status"] == "registered"
    assert inspection.status_code == 201
    assert inspection.json["complaint_id"] == complaint["id"]
    assert reviewed.json["status"] == "reviewed"
    assert again.status_code == 422


def test_a_complaints_review_due_before_it_was_received_is_a_field_error(login_as, employer, tli):
    response = login_as(tli).post(
        f"{API}/complaints",
        json={
            "employer_id": employer.id,
            "complainant": "А",
            "received_on": "2026-11-20",
            "review_due_on": "2026-11-19",
            "subject": "s",
            "text": "t",
        },
    )

    assert response.status_code == 422
    assert list(response.json["errors"]) == ["review_due_on"]


def test_an_unreviewed_complaint_past_its_due_date_is_overdue(login_as, employer, tli, pin_today):
    complaint = _complaint(login_as(tli), employer)
    pin_today(date(2026, 12, 5))

    assert login_as(tli).get(f"{API}/complaints/{complaint['id']}").json["overdue"] is True


def test_officers_never_see_complaints_even_open_ones(login_as, employer, officer, tli):
    complaint = _complaint(login_as(tli), employer, restricted=False)

    assert login_as(officer).get(f"{API}/complaints").status_code == 403
    assert login_as(officer).get(f"{API}/complaints/{complaint['id']}").status_code == 403


def test_a_shared_complaint_review_is_open_to_the_other_inspectorate(
    login_as, employer, state_inspector, tli
):
    complaint = _complaint(login_as(tli), employer)

    login_as(tli).post(f"{API}/complaints/{complaint['id']}/shares", json={"inspectorate": "state"})

    assert login_as(state_inspector).get(f"{API}/complaints/{complaint['id']}").status_code == 200


def test_the_inspection_proposes_the_service_decides_and_the_plan_is_tracked(
    login_as, employer, state_inspector, tli
):
    proposal = (
        login_as(tli)
        .post(
            f"{API}/plan-proposals",
            json={"year": 2027, "employer_id": employer.id, "reason": "Три травмы за 2026 год"},
        )
        .json
    )

    by_tli = login_as(tli).post(
        f"{API}/plan-proposals/{proposal['id']}/decision",
        json={"decision": "accepted", "decision_reason": "x", "version": 1},
    )
    accepted = login_as(state_inspector).post(
        f"{API}/plan-proposals/{proposal['id']}/decision",
        json={"decision": "accepted", "decision_reason": "Включено в план на 2027 год", "version": 1},
    )
    inspection = (
        login_as(state_inspector)
        .post(
            f"{API}/inspections",
            json=inspection_json(
                employer.id, kind="planned", grounds="plan", plan_proposal_id=proposal["id"]
            ),
        )
        .json
    )
    login_as(state_inspector).post(f"{API}/inspections/{inspection['id']}/signatures", json={"version": 1})
    plan = (
        login_as(tli).get(f"{API}/plan-proposals", query_string={"year": 2027, "decision": "accepted"}).json
    )

    assert proposal["decision"] == "pending"
    assert by_tli.status_code == 422
    assert accepted.json["decision"] == "accepted"
    assert [(p["id"], p["inspection_ids"], p["completed"]) for p in plan["items"]] == [
        (proposal["id"], [inspection["id"]], True)
    ]


def test_a_decline_needs_its_reason_and_the_service_cannot_propose(login_as, employer, state_inspector, tli):
    proposal = (
        login_as(tli)
        .post(f"{API}/plan-proposals", json={"year": 2027, "employer_id": employer.id, "reason": "r"})
        .json
    )

    no_reason = login_as(state_inspector).post(
        f"{API}/plan-proposals/{proposal['id']}/decision", json={"decision": "declined", "version": 1}
    )
    by_state = login_as(state_inspector).post(
        f"{API}/plan-proposals", json={"year": 2027, "employer_id": employer.id, "reason": "r"}
    )
    twice = login_as(tli).post(
        f"{API}/plan-proposals", json={"year": 2027, "employer_id": employer.id, "reason": "r"}
    )
    past = login_as(tli).post(
        f"{API}/plan-proposals", json={"year": 2020, "employer_id": employer.id, "reason": "r"}
    )

    assert list(no_reason.json["errors"]) == ["decision_reason"]
    assert by_state.status_code == 422
    assert list(twice.json["errors"]) == ["employer_id"]
    assert list(past.json["errors"]) == ["year"]


def test_joint_work_keeps_groups_plans_with_owned_items_events_and_documents(login_as, state_inspector, tli):
    client = login_as(tli)
    group = client.post(
        f"{API}/working-groups",
        json={
            "name": "Рабочая группа по травматизму в строительстве",
            "purpose": "Анализ причин",
            "permanent": True,
            "formed_on": "2026-02-01",
            "members": "Кыдыралиев С. Б. (Инспекция); Жумабаев Э. С. (Кызмат)",
        },
    ).json
    plan = client.post(
        f"{API}/measure-plans",
        json={
            "title": "План совместных мероприятий на 2027 год",
            "period_from": "2027-01-01",
            "period_to": "2027-12-31",
            "adopted_on": "2026-11-20",
            "working_group_id": group["id"],
            "items": [
                {
                    "description": "Семинар",
                    "owner": "both",
                    "responsible": "Рабочая группа",
                    "due_on": "2027-03-01",
                }
            ],
        },
    ).json
    event = client.post(
        f"{API}/events",
        json={
            "kind": "round_table",
            "title": "Круглый стол",
            "held_on": "2026-11-10",
            "organiser": "trade_union",
            "participants": "30 человек",
            "outcome": "Рекомендации",
            "working_group_id": group["id"],
        },
    ).json
    document = login_as(state_inspector).post(
        f"{API}/documents",
        json={
            "kind": "methodological_letter",
            "title": "Методическое письмо",
            "prepared_on": "2026-11-15",
            "event_id": event["id"],
            "attachments": [{"filename": "letter.txt", "content_base64": "0J/QuNGB0YzQvNC+"}],
        },
    )
    done = client.post(f"{API}/measure-items/{plan['items'][0]['id']}/done", json={"done_on": "2026-11-25"})

    listed = client.get(f"{API}/events", query_string={"per_page": 1}).json

    assert plan["items"][0]["owner"] == "both"
    assert (listed["total"], [e["id"] for e in listed["items"]]) == (1, [event["id"]])
    assert document.status_code == 201
    assert document.json["attachments"][0]["size"] == 12
    assert done.json["done_on"] == "2026-11-25"


def test_a_plan_without_measures_is_a_field_error(login_as, tli):
    response = login_as(tli).post(
        f"{API}/measure-plans",
        json={
            "title": "t",
            "period_from": "2027-01-01",
            "period_to": "2027-12-31",
            "adopted_on": "2026-11-20",
            "items": [],
        },
    )

    assert response.status_code == 422
    assert list(response.json["errors"]) == ["items"]


def test_the_agreement_is_in_force_today_and_says_when_notice_is_due(login_as, agreement, tli):
    shown = login_as(tli).get(f"{API}/agreement").json

    assert shown["in_force"] is True
    assert shown["term"] == {
        "starts_on": "2025-04-15",
        "last_day": "2027-04-14",
        "notice_by": "2027-03-14",
        "extension": 1,
    }
    assert shown["ends_on"] is None


def test_a_notice_of_early_termination_fixes_the_end_and_is_recorded_once(login_as, agreement, admin, tli):
    notice = {"notice_kind": "early_termination", "notice_by": "state", "notice_received_on": "2026-11-20"}

    by_inspector = login_as(tli).post(f"{API}/agreement/{agreement.id}/notice", json={**notice, "version": 1})
    given = login_as(admin).post(f"{API}/agreement/{agreement.id}/notice", json={**notice, "version": 1})
    twice = login_as(admin).post(
        f"{API}/agreement/{agreement.id}/notice", json={**notice, "version": given.json["version"]}
    )

    assert by_inspector.status_code == 403
    assert given.json["ends_on"] == "2027-02-20"
    assert given.json["in_force"] is True
    assert twice.status_code == 422
