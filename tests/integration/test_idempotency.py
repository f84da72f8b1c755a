"""A create sent again with the same Idempotency-Key returns the first answer and makes nothing twice."""

from __future__ import annotations

from core.classifiers import Role
from tests.conftest import accident_json


def test_the_same_report_sent_twice_with_one_key_makes_one_accident(login_as, make_user, make_employer):
    officer = login_as(make_user(Role.SAFETY_OFFICER, employer=make_employer()))
    body = accident_json()

    first = officer.post("/api/v1/accidents", json=body, headers={"Idempotency-Key": "report-1"})
    again = officer.post("/api/v1/accidents", json=body, headers={"Idempotency-Key": "report-1"})

    assert first.status_code == 201, first.get_json()
    assert again.status_code == 201
    assert again.get_json() == first.get_json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert officer.get("/api/v1/accidents").get_json()["total"] == 1


def test_without_a_key_each_post_is_a_new_record(login_as, make_user, make_employer):
    officer = login_as(make_user(Role.SAFETY_OFFICER, employer=make_employer()))

    officer.post("/api/v1/accidents", json=accident_json())
    officer.post("/api/v1/accidents", json=accident_json())

    assert officer.get("/api/v1/accidents").get_json()["total"] == 2


def test_a_key_sent_again_with_another_body_is_refused_naming_the_header(login_as, make_user, make_employer):
    officer = login_as(make_user(Role.SAFETY_OFFICER, employer=make_employer()))
    officer.post("/api/v1/accidents", json=accident_json(), headers={"Idempotency-Key": "k"})

    other = officer.post("/api/v1/accidents", json=accident_json(2), headers={"Idempotency-Key": "k"})

    assert other.status_code == 422
    assert other.get_json()["code"] == "idempotency_key_reused"
    assert "Idempotency-Key" in other.get_json()["errors"]
    assert officer.get("/api/v1/accidents").get_json()["total"] == 1


def test_a_refused_request_may_be_corrected_and_sent_with_the_same_key(login_as, make_user, make_employer):
    officer = login_as(make_user(Role.SAFETY_OFFICER, employer=make_employer()))
    broken = {**accident_json(), "place": ""}

    refused = officer.post("/api/v1/accidents", json=broken, headers={"Idempotency-Key": "k2"})
    fixed = officer.post("/api/v1/accidents", json=accident_json(), headers={"Idempotency-Key": "k2"})

    assert refused.status_code == 422
    assert fixed.status_code == 201, fixed.get_json()


def test_keys_are_each_users_own(login_as, make_user, make_employer):
    employer = make_employer()
    first, second = (
        make_user(Role.SAFETY_OFFICER, employer=employer),
        make_user(Role.SAFETY_OFFICER, employer=employer),
    )

    a = login_as(first).post("/api/v1/accidents", json=accident_json(), headers={"Idempotency-Key": "same"})
    b = login_as(second).post("/api/v1/accidents", json=accident_json(), headers={"Idempotency-Key": "same"})

    assert a.status_code == b.status_code == 201
    assert a.get_json()["id"] != b.get_json()["id"]
