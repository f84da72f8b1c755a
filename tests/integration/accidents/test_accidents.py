"""Accident investigations through the API and the services: reporting, commission, acts, review, audit."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from accidents import deadlines
from accidents.models import ActRevision
from core import audit, db
from core.classifiers import Region, Role
from core.db import today_bishkek
from tests.conftest import COMMISSION_MEMBERS, accident_json


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def act_of(client, act_id):
    return get(client, f"/api/v1/acts/{act_id}")


def move(client, act_id, action, remark=None):
    version = act_of(client, act_id)["version"]
    return client.post(
        f"/api/v1/acts/{act_id}/transitions", json={"action": action, "version": version, "remark": remark}
    )


# --- reporting --------------------------------------------------------------------------------------


def test_a_severe_accident_owes_five_notices_due_24_hours_after_it(login_as, officer):
    client = login_as(officer)

    response = client.post("/api/v1/accidents", json=accident_json(victims=2))

    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["status"] == "reported"
    assert body["employer_id"] == officer.employer_id
    assert [v["full_name"] for v in body["victims"]] == ["Пострадавший Номер 1", "Пострадавший Номер 2"]
    notices = {n["recipient"]: n for n in body["notifications"]}
    assert set(notices) == {
        "state_labour_inspection",
        "prosecutor",
        "trade_union",
        "social_fund",
        "local_authority",
    }
    occurred = datetime.fromisoformat(body["occurred_at"])
    assert {datetime.fromisoformat(n["due_at"]) - occurred for n in notices.values()} == {timedelta(hours=24)}
    assert all(n["state"] == "overdue" for n in notices.values())  # the accident was two days ago
    assert body["notifications_overdue"] is True


def test_a_light_accident_owes_no_notice(login_as, officer):
    client = login_as(officer)

    body = client.post("/api/v1/accidents", json=accident_json(category="light")).get_json()

    assert body["notifications"] == []
    assert body["notifications_overdue"] is False


def test_the_accident_time_without_offset_is_bishkek_time(login_as, officer):
    client = login_as(officer)

    body = client.post("/api/v1/accidents", json=accident_json(occurred_at="2026-01-10T10:30")).get_json()

    assert datetime.fromisoformat(body["occurred_at"]) == datetime(2026, 1, 10, 4, 30, tzinfo=UTC)


def test_an_empty_report_names_every_missing_field(login_as, officer):
    response = login_as(officer).post("/api/v1/accidents", json={})

    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {
        "occurred_at",
        "place",
        "category",
        "incident_type",
        "circumstances",
        "victims",
    }


def test_victims_errors_have_nested_paths(login_as, officer):
    payload = accident_json(
        victims=[
            {"pin": "123", "sex": "x", "birth_date": "2999-01-01", "occupation": "Маляр"},
        ]
    )

    response = login_as(officer).post("/api/v1/accidents", json=payload)

    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert set(errors) == {"victims.0.pin", "victims.0.sex", "victims.0.birth_date", "victims.0.full_name"}
    assert "14" in errors["victims.0.pin"][0]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"category": "group"}, "category"),
        ({"category": "catastrophic"}, "category"),
        ({"incident_type": 19}, "incident_type"),
        ({"incident_type": "two"}, "incident_type"),
        ({"occurred_at": "yesterday"}, "occurred_at"),
        ({"occurred_at": "2999-01-01T10:00"}, "occurred_at"),
        ({"place": ""}, "place"),
        ({"place": "x" * 501}, "place"),
        ({"victims": []}, "victims"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_invalid_reports_are_field_errors(login_as, officer, overrides, field):
    response = login_as(officer).post("/api/v1/accidents", json=accident_json(**overrides))

    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_a_victim_is_born_before_the_accident(login_as, officer):
    payload = accident_json()
    payload["victims"][0]["birth_date"] = payload["occurred_at"][:10]

    response = login_as(officer).post("/api/v1/accidents", json=payload)

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["victims.0.birth_date"]


def test_the_same_person_cannot_be_listed_twice(login_as, officer):
    payload = accident_json(victims=2)
    payload["victims"][1]["pin"] = payload["victims"][0]["pin"]

    response = login_as(officer).post("/api/v1/accidents", json=payload)

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["victims.1.pin"]


def test_errors_speak_the_users_language(login_as, officer):
    client = login_as(officer)
    client.get("/lang/ru")

    response = client.post("/api/v1/accidents", json={**accident_json(), "place": ""})

    assert response.get_json()["errors"]["place"] == ["Обязательное поле."]


def test_inspectors_do_not_report_accidents(login_as, inspector):
    response = login_as(inspector).post("/api/v1/accidents", json=accident_json())

    assert response.status_code == 403


def test_an_officer_reports_only_for_their_own_employer(login_as, officer, make_employer):
    other = make_employer()

    response = login_as(officer).post("/api/v1/accidents", json=accident_json(employer_id=other.id))

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["employer_id"]


def test_an_administrator_names_the_employer(login_as, make_user, make_employer):
    admin = make_user(Role.ADMIN)
    employer = make_employer()
    client = login_as(admin)

    missing = client.post("/api/v1/accidents", json=accident_json())
    named = client.post("/api/v1/accidents", json=accident_json(employer_id=employer.id))

    assert missing.status_code == 422
    assert list(missing.get_json()["errors"]) == ["employer_id"]
    assert named.status_code == 201
    assert named.get_json()["employer_id"] == employer.id


def test_reporting_writes_an_audit_entry(app, login_as, officer):
    body = login_as(officer).post("/api/v1/accidents", json=accident_json()).get_json()

    with app.app_context():
        entries = audit.history(db.session(), "accident", body["id"])
    assert [(e.action, e.user_id) for e in entries] == [("create", officer.id)]
    assert entries[0].changes["category"] == [None, "severe"]


def victims_again(accident: dict) -> list[dict]:
    """The victims of an accident as a correction (PUT) sends them again: each known one by its id."""
    return [{k: v for k, v in victim.items() if k != "act_id"} for victim in accident["victims"]]


def test_a_correction_of_the_report_must_list_its_victims_and_drops_none(login_as, officer):
    """Issue 12: a PUT that leaves the victims out, or leaves one out, is a 422 naming ``victims``;
    nothing is merged silently and nobody is dropped (like a claim's correction and its lists)."""
    client = login_as(officer)
    accident = client.post("/api/v1/accidents", json=accident_json(victims=2)).get_json()
    url = f"/api/v1/accidents/{accident['id']}"
    header = {k: v for k, v in accident_json().items() if k != "victims"}

    without = client.put(url, json={**header, "version": accident["version"]})
    one_left_out = client.put(
        url, json={**header, "version": accident["version"], "victims": victims_again(accident)[:1]}
    )
    whole = client.put(
        url, json={**header, "version": accident["version"], "victims": victims_again(accident)}
    )

    assert without.status_code == 422
    assert list(without.get_json()["errors"]) == ["victims"]
    assert one_left_out.status_code == 422
    assert list(one_left_out.get_json()["errors"]) == ["victims"]
    assert accident["victims"][1]["full_name"] in one_left_out.get_json()["errors"]["victims"][0]
    assert whole.status_code == 200, whole.get_json()
    assert [v["id"] for v in whole.get_json()["victims"]] == [v["id"] for v in accident["victims"]]


# --- commission, deadlines, notices -----------------------------------------------------------------


def test_forming_the_commission_starts_the_investigation_with_one_act_per_victim(login_as, officer):
    client = login_as(officer)
    accident = client.post("/api/v1/accidents", json=accident_json(victims=2)).get_json()
    formed_on = date.fromisoformat(accident["occurred_at"][:10]) + timedelta(days=1)

    response = client.put(
        f"/api/v1/accidents/{accident['id']}/commission",
        json={
            "version": accident["version"],
            "formed_on": formed_on.isoformat(),
            "members": COMMISSION_MEMBERS,
        },
    )

    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["status"] == "investigating"
    assert [a["status"] for a in body["acts"]] == ["investigating", "investigating"]
    assert {a["victim_id"] for a in body["acts"]} == {v["id"] for v in body["victims"]}
    assert body["investigation_due_on"] == (formed_on + timedelta(days=15)).isoformat()


def test_the_commission_is_not_formed_before_the_accident(login_as, officer):
    client = login_as(officer)
    accident = client.post("/api/v1/accidents", json=accident_json()).get_json()

    response = client.put(
        f"/api/v1/accidents/{accident['id']}/commission",
        json={"version": accident["version"], "formed_on": "2000-01-01", "members": COMMISSION_MEMBERS},
    )

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["formed_on"]


def test_commission_member_errors_have_paths(login_as, officer):
    client = login_as(officer)
    accident = client.post("/api/v1/accidents", json=accident_json()).get_json()

    response = client.put(
        f"/api/v1/accidents/{accident['id']}/commission",
        json={
            "version": accident["version"],
            "formed_on": "x",
            "members": [{"full_name": "A", "role": "boss"}],
        },
    )

    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"formed_on", "members.0.post", "members.0.role"}


@pytest.mark.parametrize(("category", "days"), [("light", 3), ("severe", 15), ("fatal", 15), ("group", 15)])
def test_the_investigation_deadline_follows_the_category(login_as, officer, category, days):
    payload = accident_json(victims=2 if category == "group" else 1, category=category)

    body = login_as(officer).post("/api/v1/accidents", json=payload).get_json()

    occurred_on = date.fromisoformat(payload["occurred_at"][:10])
    assert body["investigation_due_on"] == (occurred_on + timedelta(days=days)).isoformat()


def test_a_severe_investigation_is_extended_once_by_15_days(login_as, officer, make_accident):
    ids = make_accident(officer, stage="investigating")
    client = login_as(officer)
    before = get(client, f"/api/v1/accidents/{ids['accident']}")

    first = client.post(
        f"/api/v1/accidents/{ids['accident']}/extension",
        json={"version": before["version"], "reason": "Ожидается заключение экспертизы"},
    )
    second = client.post(
        f"/api/v1/accidents/{ids['accident']}/extension",
        json={"version": first.get_json()["version"], "reason": "Ещё раз"},
    )

    assert first.status_code == 200
    due = date.fromisoformat(before["investigation_due_on"]) + timedelta(days=15)
    assert first.get_json()["investigation_due_on"] == due.isoformat()
    assert second.status_code == 422
    assert list(second.get_json()["errors"]) == ["reason"]


def test_a_light_investigation_cannot_be_extended(login_as, officer, make_accident):
    ids = make_accident(officer, stage="investigating", category="light")
    client = login_as(officer)
    version = get(client, f"/api/v1/accidents/{ids['accident']}")["version"]

    response = client.post(
        f"/api/v1/accidents/{ids['accident']}/extension", json={"version": version, "reason": "Нужно время"}
    )

    assert response.status_code == 422


def test_an_extension_needs_a_reason(login_as, officer, make_accident):
    ids = make_accident(officer, stage="investigating")

    response = login_as(officer).post(f"/api/v1/accidents/{ids['accident']}/extension", json={"version": 1})

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["reason"]


def test_notices_are_overdue_until_sent_and_late_when_sent_after_24_hours(login_as, officer):
    client = login_as(officer)
    accident = client.post("/api/v1/accidents", json=accident_json()).get_json()
    notices = {n["recipient"]: n for n in accident["notifications"]}
    occurred = datetime.fromisoformat(accident["occurred_at"])

    in_time = client.put(
        f"/api/v1/notifications/{notices['prosecutor']['id']}",
        json={
            "version": 1,
            "sent_at": (occurred + timedelta(hours=2)).isoformat(),
            "method": "letter",
            "reference": "исх. 12",
        },
    )
    late = client.put(
        f"/api/v1/notifications/{notices['social_fund']['id']}",
        json={"version": 1, "sent_at": (occurred + timedelta(hours=30)).isoformat(), "method": "email"},
    )

    assert in_time.status_code == 200, in_time.get_json()
    assert in_time.get_json()["state"] == "sent"
    assert late.get_json()["state"] == "sent_late"
    states = {
        n["recipient"]: n["state"] for n in get(client, f"/api/v1/accidents/{accident['id']}/notifications")
    }
    assert states["state_labour_inspection"] == "overdue"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"sent_at": "2000-01-01T10:00", "method": "letter"}, "sent_at"),
        ({"sent_at": "2999-01-01T10:00", "method": "letter"}, "sent_at"),
        ({"sent_at": "2026-01-01T10:00", "method": "pigeon"}, "method"),
        ({"method": "letter"}, "sent_at"),
    ],
)
def test_recording_a_notice_validates_its_fields(login_as, officer, payload, field):
    client = login_as(officer)
    accident = client.post("/api/v1/accidents", json=accident_json()).get_json()
    notice = accident["notifications"][0]

    response = client.put(f"/api/v1/notifications/{notice['id']}", json={"version": 1, **payload})

    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_a_notice_not_required_can_be_recorded_once(login_as, officer):
    client = login_as(officer)
    accident = client.post("/api/v1/accidents", json=accident_json(category="light")).get_json()
    url = f"/api/v1/accidents/{accident['id']}/notifications"

    first = client.post(url, json={"recipient": "social_fund", "method": "phone"})
    again = client.post(url, json={"recipient": "social_fund"})

    assert first.status_code == 201
    assert first.get_json()["required"] is False
    assert again.status_code == 422
    assert list(again.get_json()["errors"]) == ["recipient"]


def test_a_light_accident_found_severe_owes_notices_from_then(login_as, officer):
    client = login_as(officer)
    accident = client.post("/api/v1/accidents", json=accident_json(category="light")).get_json()
    payload = {k: v for k, v in accident_json(category="severe").items() if k != "victims"}

    body = client.put(
        f"/api/v1/accidents/{accident['id']}",
        json={**payload, "version": accident["version"], "victims": victims_again(accident)},
    )

    assert body.status_code == 200, body.get_json()
    notices = body.get_json()["notifications"]
    assert len(notices) == 5
    assert all(n["state"] == "pending" for n in notices)


# --- acts: validation and submission ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"measures": [{"description": "Ограждение"}]}, {"measures.0.due_date"}),
        ({"measures": [{"due_date": "2026-13-01"}]}, {"measures.0.due_date", "measures.0.description"}),
        ({"victim_fault_percent": 100}, {"victim_fault_percent"}),
        ({"victim_fault_percent": -1}, {"victim_fault_percent"}),
        ({"main_cause": 15}, {"main_cause"}),
        ({"contributing_causes": [3, 99]}, {"contributing_causes.1"}),
        ({"intoxication": "alcohol", "intoxication_evidence": ""}, {"intoxication_evidence"}),
        ({"service_months": 12}, {"service_months"}),
        ({"witnesses": [{"contact": "x"}]}, {"witnesses.0.full_name"}),
        (
            {"responsible_persons": [{"full_name": "А"}]},
            {"responsible_persons.0.post", "responsible_persons.0.norms_violated"},
        ),
        ({"work_related": "maybe"}, {"work_related"}),
        ({"kind": "n2"}, {"kind"}),
        ({"kind": None, "intoxication": None}, {"kind", "intoxication"}),
    ],
)
def test_invalid_act_fields_are_named(login_as, officer, make_accident, changes, fields):
    ids = make_accident(officer, stage="investigating")

    response = login_as(officer).patch(f"/api/v1/acts/{ids['acts'][0]}", json={"version": 1, **changes})

    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == fields


def test_dates_are_checked_against_the_accident(login_as, officer, make_accident):
    ids = make_accident(officer, stage="investigating")
    after = (today_bishkek() + timedelta(days=0)).isoformat()

    response = login_as(officer).patch(
        f"/api/v1/acts/{ids['acts'][0]}",
        json={
            "version": 1,
            "induction_briefing_on": after,
            "medical_conclusion_on": "2020-01-01",
            "measures": [{"description": "Ограждение", "due_date": "2020-01-01"}],
        },
    )

    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {
        "induction_briefing_on",
        "medical_conclusion_on",
        "measures.0.due_date",
    }


def test_a_fault_of_99_percent_is_allowed(login_as, officer, make_accident):
    ids = make_accident(officer, stage="investigating")

    response = login_as(officer).patch(
        f"/api/v1/acts/{ids['acts'][0]}", json={"version": 1, "victim_fault_percent": 99}
    )

    assert response.status_code == 200
    assert response.get_json()["victim_fault_percent"] == 99


def test_a_partial_update_keeps_the_other_fields(login_as, officer, make_accident):
    ids = make_accident(officer, stage="filled")
    client = login_as(officer)
    act = act_of(client, ids["acts"][0])

    body = client.patch(
        f"/api/v1/acts/{act['id']}", json={"version": act["version"], "body_part": "Правая кисть"}
    )

    assert body.get_json()["body_part"] == "Правая кисть"
    assert body.get_json()["diagnosis"] == act["diagnosis"]
    assert len(body.get_json()["measures"]) == 1


def test_an_empty_act_cannot_be_submitted_and_each_gap_is_named(login_as, officer, make_accident):
    ids = make_accident(officer, stage="investigating")

    response = move(login_as(officer), ids["acts"][0], "submit")

    assert response.status_code == 422
    assert {
        "diagnosis",
        "severity",
        "main_cause",
        "work_related",
        "body_part",
        "medical_conclusion_on",
    } <= set(response.get_json()["errors"])


def test_submission_requires_a_trade_union_representative(login_as, officer, make_accident):
    ids = make_accident(officer, stage="filled")
    client = login_as(officer)
    accident = get(client, f"/api/v1/accidents/{ids['accident']}")
    without_union = [m for m in COMMISSION_MEMBERS if m["role"] != "trade_union"]
    without_union.append(
        {"full_name": "Бекова Динара", "post": "Экономист", "role": "employer_representative"}
    )
    client.put(
        f"/api/v1/accidents/{ids['accident']}/commission",
        json={
            "version": accident["version"],
            "formed_on": accident["commission_formed_on"],
            "members": without_union,
        },
    )

    response = move(client, ids["acts"][0], "submit")

    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert list(errors) == ["commission.members"]
    assert "223" in errors["commission.members"][0]


def test_submission_closes_the_investigation_when_every_act_is_in(login_as, officer, make_accident):
    ids = make_accident(officer, stage="filled", victims=2)
    client = login_as(officer)

    assert move(client, ids["acts"][0], "submit").status_code == 200
    assert get(client, f"/api/v1/accidents/{ids['accident']}")["investigation_closed_on"] is None
    assert move(client, ids["acts"][1], "submit").status_code == 200

    accident = get(client, f"/api/v1/accidents/{ids['accident']}")
    assert accident["status"] == "act_submitted"
    assert accident["investigation_closed_on"] == today_bishkek().isoformat()
    assert accident["deadline"]["state"] == "met"


# --- review -----------------------------------------------------------------------------------------


def test_who_may_move_an_act_is_a_capability(login_as, officer, inspector, make_accident):
    ids = make_accident(officer, stage="submitted")
    act_id = ids["acts"][0]

    officer_review = move(login_as(officer), act_id, "start_review")
    inspector_submit = move(login_as(inspector), act_id, "submit")
    inspector_approve_unreviewed = move(login_as(inspector), act_id, "approve")
    unknown = move(login_as(inspector), act_id, "publish")

    assert officer_review.status_code == 403
    assert inspector_submit.status_code == 422  # not possible from "act_submitted" at all
    assert list(inspector_submit.get_json()["errors"]) == ["action"]
    assert inspector_approve_unreviewed.status_code == 422
    assert unknown.status_code == 422
    assert list(unknown.get_json()["errors"]) == ["action"]


def test_a_returned_act_is_corrected_resubmitted_and_approved(login_as, officer, inspector, make_accident):
    ids = make_accident(officer, stage="under_review", reviewer=inspector)
    act_id = ids["acts"][0]
    client = login_as(inspector)

    no_reason = move(client, act_id, "return")
    returned = move(client, act_id, "return", remark="Уточните причину: не указан номер протокола.")
    assert no_reason.status_code == 422
    assert list(no_reason.get_json()["errors"]) == ["remark"]
    assert returned.get_json()["status"] == "returned"
    assert returned.get_json()["review_remark"].startswith("Уточните")
    assert get(client, f"/api/v1/accidents/{ids['accident']}")["status"] == "returned"

    client = login_as(officer)
    corrected = client.patch(
        f"/api/v1/acts/{act_id}",
        json={"version": act_of(client, act_id)["version"], "knowledge_test_protocol": "№ 14"},
    )
    assert corrected.status_code == 200
    assert move(client, act_id, "submit").get_json()["status"] == "act_submitted"

    client = login_as(inspector)
    assert move(client, act_id, "start_review").get_json()["status"] == "under_review"
    approved = move(client, act_id, "approve")

    assert approved.status_code == 200
    assert approved.get_json()["status"] == "approved"
    assert get(client, f"/api/v1/accidents/{ids['accident']}")["status"] == "approved"


def test_each_act_has_its_own_review_and_the_accident_summarises(login_as, officer, inspector, make_accident):
    ids = make_accident(officer, stage="under_review", reviewer=inspector, victims=2)
    client = login_as(inspector)

    move(client, ids["acts"][0], "return", remark="Нет подписи председателя")
    move(client, ids["acts"][1], "approve")

    accident = get(client, f"/api/v1/accidents/{ids['accident']}")
    assert [a["status"] for a in accident["acts"]] == ["returned", "approved"]
    assert accident["status"] == "returned"


def test_a_light_accident_not_work_related_needs_an_inspectors_agreement(
    login_as, officer, inspector, light_unrelated_act
):
    act_id = light_unrelated_act

    refused = move(login_as(inspector), act_id, "approve")
    officer_agrees = login_as(officer).post(
        f"/api/v1/acts/{act_id}/not-work-related-agreement",
        json={"version": act_of(login_as(officer), act_id)["version"]},
    )
    client = login_as(inspector)
    agreed = client.post(
        f"/api/v1/acts/{act_id}/not-work-related-agreement",
        json={"version": act_of(client, act_id)["version"], "remark": "Согласовано"},
    )
    approved = move(client, act_id, "approve")

    assert refused.status_code == 422
    assert list(refused.get_json()["errors"]) == ["work_related"]
    assert officer_agrees.status_code == 403
    assert agreed.status_code == 200
    assert agreed.get_json()["not_work_related_agreed_at"] is not None
    assert approved.status_code == 200


def test_a_severe_accident_needs_no_such_agreement(login_as, officer, inspector, make_accident):
    ids = make_accident(
        officer,
        stage="under_review",
        reviewer=inspector,
        act={"work_related": False, "work_related_grounds": "Умысел пострадавшего"},
    )
    client = login_as(inspector)

    agreement = client.post(
        f"/api/v1/acts/{ids['acts'][0]}/not-work-related-agreement",
        json={"version": act_of(client, ids["acts"][0])["version"]},
    )

    assert agreement.status_code == 422
    assert move(client, ids["acts"][0], "approve").status_code == 200


def test_an_approved_act_is_read_only_and_an_amendment_keeps_the_approved_text(
    app, login_as, officer, inspector, make_accident
):
    ids = make_accident(officer, stage="approved", reviewer=inspector)
    act_id = ids["acts"][0]
    client = login_as(officer)
    approved = act_of(client, act_id)

    edit = client.patch(f"/api/v1/acts/{act_id}", json={"version": approved["version"], "diagnosis": "Иное"})
    unexplained = move(client, act_id, "amend")
    amended = move(client, act_id, "amend", remark="Уточнён диагноз по заключению МСЭК")
    assert edit.status_code == 422
    assert list(edit.get_json()["errors"]) == ["status"]
    assert unexplained.status_code == 422
    assert amended.get_json()["status"] == "investigating"
    assert amended.get_json()["revision"] == 2

    client.patch(
        f"/api/v1/acts/{act_id}", json={"version": amended.get_json()["version"], "diagnosis": "Иное"}
    )
    move(client, act_id, "submit")
    client = login_as(inspector)
    move(client, act_id, "start_review")
    final = move(client, act_id, "approve").get_json()

    revisions = [get(client, f"/api/v1/act-revisions/{r['id']}") for r in final["revisions"]]
    assert [r["number"] for r in revisions] == [1, 2]
    assert revisions[0]["content"]["diagnosis"] == approved["diagnosis"]
    assert revisions[1]["content"]["diagnosis"] == "Иное"
    assert revisions[0]["content"]["victim"]["full_name"] == "Пострадавший Номер 1"
    with app.app_context(), pytest.raises(sa.exc.DatabaseError), db.transaction() as s:
        s.execute(sa.update(ActRevision).values(content={}))


def test_stale_versions_are_409(login_as, officer, make_accident):
    ids = make_accident(officer, stage="investigating")
    client = login_as(officer)
    accident = get(client, f"/api/v1/accidents/{ids['accident']}")
    header = {k: v for k, v in accident_json().items() if k != "victims"}

    first = client.patch(f"/api/v1/acts/{ids['acts'][0]}", json={"version": 1, "diagnosis": "Ушиб"})
    second = client.patch(f"/api/v1/acts/{ids['acts'][0]}", json={"version": 1, "diagnosis": "Перелом"})
    victims = victims_again(accident)
    accident_ok = client.put(
        f"/api/v1/accidents/{ids['accident']}",
        json={**header, "version": accident["version"], "victims": victims},
    )
    accident_stale = client.put(
        f"/api/v1/accidents/{ids['accident']}",
        json={**header, "version": accident["version"], "victims": victims},
    )
    transition_stale = client.post(
        f"/api/v1/acts/{ids['acts'][0]}/transitions", json={"action": "submit", "version": 1}
    )

    assert first.status_code == 200
    assert second.status_code == 409
    assert "_" in second.get_json()["errors"]
    assert act_of(client, ids["acts"][0])["diagnosis"] == "Ушиб"
    assert accident_ok.status_code == 200
    assert accident_stale.status_code == 409
    assert transition_stale.status_code == 409


def test_victims_are_corrected_and_added_while_the_investigation_runs(login_as, officer, make_accident):
    ids = make_accident(officer, stage="investigating")
    client = login_as(officer)
    accident = get(client, f"/api/v1/accidents/{ids['accident']}")
    header = {k: v for k, v in accident_json().items() if k != "victims"}
    known = {**accident["victims"][0], "full_name": "Исправленное Имя"}
    known.pop("act_id")
    new = {
        "pin": "11111111111111",
        "full_name": "Новая Пострадавшая",
        "sex": "female",
        "birth_date": "1995-05-05",
        "occupation": "Штукатур",
    }

    response = client.put(
        f"/api/v1/accidents/{ids['accident']}",
        json={**header, "version": accident["version"], "victims": [known, new]},
    )

    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert [v["full_name"] for v in body["victims"]] == ["Исправленное Имя", "Новая Пострадавшая"]
    assert len(body["acts"]) == 2  # the new victim gets an act at once


def test_the_history_is_for_inspectors_and_records_every_step(login_as, officer, inspector, make_accident):
    ids = make_accident(officer, stage="approved", reviewer=inspector)

    as_officer = login_as(officer).get(f"/api/v1/acts/{ids['acts'][0]}/history")
    entries = get(login_as(inspector), f"/api/v1/acts/{ids['acts'][0]}/history")
    accident_entries = get(login_as(inspector), f"/api/v1/accidents/{ids['accident']}/history")

    assert as_officer.status_code == 403
    assert [e["action"] for e in entries] == ["update", "transition", "transition", "transition"]
    assert [e["changes"]["status"][1] for e in entries[1:]] == ["act_submitted", "under_review", "approved"]
    assert [e["action"] for e in accident_entries] == ["create", "transition"]


# --- lists ------------------------------------------------------------------------------------------


def _victim(pin: str, full_name: str, sex: str, birth_date: str, occupation: str) -> dict[str, str]:
    """A victim's row of an accident report."""
    return {
        "pin": pin,
        "full_name": full_name,
        "sex": sex,
        "birth_date": birth_date,
        "occupation": occupation,
    }


@pytest.fixture
def two_employers(make_employer, make_user, make_accident):
    """Employer A (Bishkek) with three accidents, employer B (Osh) with one, and their officers."""
    a = make_employer(name="Бишкек Курулуш", region=Region.BISHKEK)
    b = make_employer(name="Ош Текстиль", region=Region.OSH_CITY)
    officer_a, officer_b = make_user(employer=a), make_user(employer=b)
    today = today_bishkek()
    make_accident(
        officer_a,
        category="light",
        occurred_at=f"{today - timedelta(days=10)}T09:00",
        victims=[_victim("20101199000001", "Жолдошев Марат", "male", "1990-01-01", "Сварщик")],
    )
    make_accident(officer_a, stage="submitted", occurred_at=f"{today - timedelta(days=40)}T09:00")
    make_accident(officer_a, category="fatal", occurred_at=f"{today}T00:01")  # nothing due yet
    make_accident(
        officer_b,
        occurred_at=f"{today - timedelta(days=3)}T09:00",
        victims=[_victim("10101199000009", "Алиева Гульнара", "female", "1988-01-01", "Швея")],
    )
    return {"a": a, "b": b, "officer_a": officer_a, "officer_b": officer_b, "today": today}


def listed(client, **params):
    body = get(client, "/api/v1/accidents?" + "&".join(f"{k}={v}" for k, v in params.items()))
    return body, [item["category"] for item in body["items"]]


def test_a_safety_officer_lists_only_their_employers_accidents(login_as, two_employers):
    body, categories = listed(login_as(two_employers["officer_b"]))

    assert body["total"] == 1
    assert body["items"][0]["victims"] == ["Алиева Гульнара"]


def test_lists_filter_by_employer_category_status_region_and_period(login_as, make_user, two_employers):
    client = login_as(make_user(Role.ADMIN))
    t = two_employers["today"]

    assert listed(client)[0]["total"] == 4
    assert listed(client, employer_id=two_employers["a"].id)[0]["total"] == 3
    assert listed(client, category="light")[1] == ["light"]
    assert listed(client, status="act_submitted")[0]["total"] == 1
    assert listed(client, region="osh_city")[0]["items"][0]["employer_name"] == "Ош Текстиль"
    assert listed(client, date_from=t - timedelta(days=5), date_to=t)[0]["total"] == 2
    assert listed(client, date_from=t - timedelta(days=5), date_to=t - timedelta(days=2))[0]["total"] == 1


def test_the_sector_filter_keeps_the_employers_of_that_gked_section_within_the_scope(
    login_as, make_user, make_employer, make_accident
):
    mine_c = make_employer(name="Цех Бишкек", region=Region.BISHKEK, sector="C")
    osh_c = make_employer(name="Цех Ош", region=Region.OSH_CITY, sector="C")
    build = make_employer(name="Стройка", region=Region.BISHKEK, sector="F")
    ids = {e.name: make_accident(make_user(employer=e))["accident"] for e in (mine_c, osh_c, build)}
    admin = login_as(make_user(Role.ADMIN))

    api = listed(admin, sector="C")[0]
    page = admin.get("/accidents?sector=C").get_data(as_text=True)
    osh = login_as(make_user(Role.INSPECTOR, region=Region.OSH_CITY))
    osh_api = listed(osh, sector="C")[0]
    osh_page = osh.get("/accidents?sector=C").get_data(as_text=True)
    bad = osh.get("/accidents?sector=ZZ")

    assert sorted(i["employer_name"] for i in api["items"]) == ["Цех Бишкек", "Цех Ош"]
    listed_ids = set(re.findall(r'data-accident="(\d+)"', page))
    assert listed_ids == {str(ids["Цех Бишкек"]), str(ids["Цех Ош"])}
    assert '<option value="C" selected>' in page
    assert [i["employer_name"] for i in osh_api["items"]] == ["Цех Ош"]  # the Osh inspector's scope
    assert set(re.findall(r'data-accident="(\d+)"', osh_page)) == {str(ids["Цех Ош"])}
    assert bad.status_code == 422
    assert 'data-field="sector"' in bad.get_data(as_text=True)
    assert osh.get("/api/v1/accidents?sector=ZZ").get_json()["errors"]["sector"]


def test_the_overdue_filter_finds_late_investigations_and_late_notices(login_as, make_user, two_employers):
    client = login_as(make_user(Role.ADMIN))

    body, categories = listed(client, overdue="true")

    # The light one is 10 days old (3-day deadline); the severe ones owe notices unsent for over a day.
    assert sorted(categories) == ["light", "severe", "severe"]
    assert all(
        item["deadline"]["state"] == "overdue" or item["notifications_overdue"] for item in body["items"]
    )


def test_search_by_name_ignores_case_in_cyrillic_and_by_pin(login_as, make_user, two_employers):
    client = login_as(make_user(Role.ADMIN))

    by_name = listed(client, q="жолдошев")[0]
    by_pin = listed(client, q="10101199000009")[0]
    nobody = listed(client, q="Иванов")[0]

    assert by_name["items"][0]["victims"] == ["Жолдошев Марат"]
    assert by_pin["items"][0]["victims"] == ["Алиева Гульнара"]
    assert nobody["total"] == 0


def test_lists_page_in_sql(login_as, make_user, two_employers):
    client = login_as(make_user(Role.ADMIN))

    first = listed(client, per_page=3, page=1)[0]
    second = listed(client, per_page=3, page=2)[0]

    assert (first["total"], len(first["items"]), len(second["items"])) == (4, 3, 1)
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}


def test_an_inspector_of_a_region_sees_that_region_only(login_as, make_user, two_employers):
    client = login_as(make_user(Role.INSPECTOR, region=Region.OSH_CITY))

    assert listed(client)[0]["total"] == 1


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "per_page=1000",
        "category=huge",
        "date_from=yesterday",
        "date_from=2026-02-01&date_to=2026-01-01",
    ],
)
def test_bad_filters_are_field_errors(login_as, officer, query):
    response = login_as(officer).get(f"/api/v1/accidents?{query}")

    assert response.status_code == 422
    assert response.get_json()["errors"]


def test_the_acts_list_is_an_inspectors_queue(login_as, inspector, two_employers):
    body = get(login_as(inspector), "/api/v1/acts?status=act_submitted")

    assert body["total"] == 1
    assert body["items"][0]["status"] == "act_submitted"


# --- the rules table --------------------------------------------------------------------------------


def test_the_deadlines_are_data_with_a_source():
    rules = deadlines.rules_on(date(2026, 1, 1))

    assert rules.investigation_days == {"light": 3, "severe": 15, "fatal": 15, "group": 15}
    assert rules.notification_hours == 24
    assert "223" in rules.source
    with pytest.raises(deadlines.NoRulesInForce):
        deadlines.rules_on(date(2000, 1, 1))


@pytest.mark.parametrize(
    ("due", "closed", "today", "state", "days"),
    [
        (date(2026, 3, 15), None, date(2026, 3, 10), "running", 5),
        (date(2026, 3, 15), None, date(2026, 3, 15), "due_today", 0),
        (date(2026, 3, 15), None, date(2026, 3, 18), "overdue", -3),
        (date(2026, 3, 15), date(2026, 3, 15), date(2026, 4, 1), "met", 0),
        (date(2026, 3, 15), date(2026, 3, 17), date(2026, 4, 1), "late", -2),
    ],
)
def test_the_deadline_state(due, closed, today, state, days):
    deadline = deadlines.investigation_state(due, closed, today)

    assert (deadline.state, deadline.days) == (state, days)


def test_the_notice_state():
    due = datetime(2026, 3, 2, 10, tzinfo=UTC)

    assert deadlines.notice_state(due, None, due - timedelta(hours=1)) == "pending"
    assert deadlines.notice_state(due, None, due + timedelta(minutes=1)) == "overdue"
    assert deadlines.notice_state(due, due, due + timedelta(days=3)) == "sent"
    assert deadlines.notice_state(due, due + timedelta(hours=1), due + timedelta(days=3)) == "sent_late"


# --- the occupational-disease act -------------------------------------------------------------------


def test_an_occupational_disease_act_needs_its_own_fields(login_as, officer, inspector, make_accident):
    ids = make_accident(officer, stage="filled", category="light")
    act_id = ids["acts"][0]
    client = login_as(officer)
    client.patch(
        f"/api/v1/acts/{act_id}",
        json={"version": act_of(client, act_id)["version"], "kind": "occupational_disease"},
    )

    incomplete = move(client, act_id, "submit")
    client.patch(
        f"/api/v1/acts/{act_id}",
        json={
            "version": act_of(client, act_id)["version"],
            "diagnosed_on": today_bishkek().isoformat(),
            "final_diagnosis": "Нейросенсорная тугоухость II степени профессиональной этиологии",
            "pathology_centre": "Республиканский центр профпатологии",
            "harmful_factors": "Производственный шум 94 дБА (ПДУ 80 дБА, превышение на 14 дБА)",
            "exposure_years": 17,
        },
    )
    submitted = move(client, act_id, "submit")

    assert incomplete.status_code == 422
    assert set(incomplete.get_json()["errors"]) == {
        "diagnosed_on",
        "final_diagnosis",
        "harmful_factors",
        "exposure_years",
    }
    assert submitted.status_code == 200
    assert submitted.get_json()["kind"] == "occupational_disease"
