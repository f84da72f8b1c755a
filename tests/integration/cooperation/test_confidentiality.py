"""Art. 3.1: restricted records are seen by their own inspectorate and those shared with; reads audited."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from core import db
from core.audit import AuditEntry
from tests.integration.cooperation.conftest import inspection_json

API = "/api/v1/cooperation"


def _reads(app: Any, entity: str, entity_id: int) -> list[tuple[int, str | None]]:
    with app.app_context():
        rows = db.session().execute(
            sa.select(AuditEntry.user_id, AuditEntry.remark).where(
                AuditEntry.entity == entity, AuditEntry.entity_id == entity_id, AuditEntry.action == "read"
            )
        )
        return [tuple(r) for r in rows]


def _restricted_inspection(client: Any, employer: Any) -> dict[str, Any]:
    response = client.post(f"{API}/inspections", json=inspection_json(employer.id, restricted=True))
    assert response.status_code == 201
    return response.json


def test_a_restricted_inspection_is_invisible_to_the_other_inspectorate_and_the_officer(
    login_as, employer, officer, state_inspector, tli
):
    created = _restricted_inspection(login_as(state_inspector), employer)

    for user in (tli, officer):
        client = login_as(user)
        assert client.get(f"{API}/inspections/{created['id']}").status_code == 404
        assert client.get(f"{API}/inspections").json["total"] == 0


def test_sharing_a_restricted_inspection_opens_it_to_the_other_inspectorate_only(
    login_as, employer, officer, state_inspector, tli
):
    created = _restricted_inspection(login_as(state_inspector), employer)

    shared = login_as(state_inspector).post(
        f"{API}/inspections/{created['id']}/shares", json={"inspectorate": "trade_union"}
    )

    assert shared.status_code == 201
    assert login_as(tli).get(f"{API}/inspections/{created['id']}").status_code == 200
    assert login_as(officer).get(f"{API}/inspections/{created['id']}").status_code == 404


def test_only_the_owning_inspectorate_may_share(login_as, employer, state_inspector, tli):
    created = login_as(state_inspector).post(f"{API}/inspections", json=inspection_json(employer.id)).json

    response = login_as(tli).post(f"{API}/inspections/{created['id']}/shares", json={"inspectorate": "state"})

    assert response.status_code == 403


def test_every_read_of_a_restricted_record_is_audited(app, login_as, employer, state_inspector, admin):
    created = _restricted_inspection(login_as(state_inspector), employer)

    login_as(state_inspector).get(f"{API}/inspections/{created['id']}")
    login_as(admin).get(f"{API}/inspections/{created['id']}")
    login_as(admin).get(f"{API}/inspections")

    assert _reads(app, "coop_inspection", created["id"]) == [
        (state_inspector.id, None),
        (admin.id, None),
        (admin.id, "list"),
    ]


def test_reads_of_an_open_record_are_not_audited(app, login_as, employer, state_inspector):
    created = login_as(state_inspector).post(f"{API}/inspections", json=inspection_json(employer.id)).json

    login_as(state_inspector).get(f"{API}/inspections/{created['id']}")

    assert _reads(app, "coop_inspection", created["id"]) == []


def test_a_restricted_joint_inspection_is_open_to_both_inspectorates(
    login_as, employer, state_inspector, tli
):
    created = (
        login_as(state_inspector)
        .post(f"{API}/inspections", json=inspection_json(employer.id, kind="joint", restricted=True))
        .json
    )

    assert login_as(tli).get(f"{API}/inspections/{created['id']}").status_code == 200


def test_a_restricted_complaint_is_seen_only_by_the_inspectorate_that_received_it(
    app, login_as, employer, state_inspector, tli
):
    created = (
        login_as(tli)
        .post(
            f"{API}/complaints",
            json={
                "employer_id": employer.id,
                "complainant": "Асанов Б.",
                "received_on": "2026-11-20",
                "review_due_on": "2026-12-04",
                "subject": "Невыплата зарплаты",
                "text": "Зарплата не выплачена три месяца.",
            },
        )
        .json
    )

    as_state = login_as(state_inspector).get(f"{API}/complaints/{created['id']}")
    as_tli = login_as(tli).get(f"{API}/complaints/{created['id']}")

    assert created["restricted"] is True
    assert as_state.status_code == 404
    assert as_tli.status_code == 200
    assert [uid for uid, _r in _reads(app, "coop_complaint", created["id"])] == [tli.id]


def test_violations_and_orders_of_a_restricted_inspection_stay_hidden_from_the_other_side(
    login_as, employer, state_inspector, tli, norm
):
    client = login_as(state_inspector)
    created = _restricted_inspection(client, employer)
    client.post(
        f"{API}/inspections/{created['id']}/violations",
        json={"norm_id": norm.id, "description": "x", "severity": "minor"},
    )
    order = client.post(
        f"{API}/inspections/{created['id']}/orders",
        json={"requirement": "r", "issued_on": "2026-10-05", "due_on": "2026-12-01"},
    ).json

    other = login_as(tli)

    assert other.get(f"{API}/violations").json["total"] == 0
    assert other.get(f"{API}/orders").json["total"] == 0
    assert (
        other.post(
            f"{API}/orders/{order['id']}/fulfilment",
            json={"fulfilled_on": "2026-11-20", "evidence": "e", "version": 1},
        ).status_code
        == 404
    )


def test_a_regional_inspector_sees_only_the_inspections_of_their_region(login_as, make_user, employer, tli):
    from core.classifiers import Inspectorate, Region, Role

    created = login_as(tli).post(f"{API}/inspections", json=inspection_json(employer.id)).json  # Chui
    osh = make_user(Role.INSPECTOR, inspectorate=Inspectorate.STATE, region=Region.OSH_CITY)

    client = login_as(osh)

    assert client.get(f"{API}/inspections/{created['id']}").status_code == 404
    assert client.get(f"{API}/inspections").json["total"] == 0
