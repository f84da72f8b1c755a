"""Inspections, violations and orders: joint ones seen and signed by both, officers see their own, dates."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from core import db
from tests.integration.cooperation.conftest import created, inspection_json

API = "/api/v1/cooperation"


def _open(client: Any, employer: Any, **overrides: Any) -> dict[str, Any]:
    return created(client, "/inspections", inspection_json(employer.id, **overrides))


def test_a_joint_inspection_is_one_record_both_inspectorates_see_and_both_sign(
    login_as, employer, state_inspector, tli
):
    created = _open(login_as(tli), employer, kind="joint", inspectors="Кыдыралиев С. Б.; Жумабаев Э. С.")

    as_state = login_as(state_inspector).get(f"{API}/inspections/{created['id']}")
    signed_by_state = login_as(state_inspector).post(
        f"{API}/inspections/{created['id']}/signatures", json={"version": created["version"]}
    )
    signed_by_both = login_as(tli).post(
        f"{API}/inspections/{created['id']}/signatures", json={"version": created["version"]}
    )

    assert as_state.status_code == 200
    assert as_state.json["inspectorate"] == "trade_union"
    assert signed_by_state.json["signed"] is False
    assert signed_by_both.json["signed"] is True
    assert {s["inspectorate"] for s in signed_by_both.json["signatures"]} == {"state", "trade_union"}


def test_a_signed_inspection_takes_no_more_violations_orders_or_changes(login_as, employer, tli, norm):
    client = login_as(tli)
    created = _open(client, employer)
    client.post(f"{API}/inspections/{created['id']}/signatures", json={"version": created["version"]})

    violation = client.post(
        f"{API}/inspections/{created['id']}/violations",
        json={"norm_id": norm.id, "description": "x", "severity": "minor"},
    )
    change = client.put(
        f"{API}/inspections/{created['id']}",
        json={**inspection_json(employer.id), "version": created["version"]},
    )

    assert violation.status_code == 422
    assert change.status_code == 422


def test_an_inspection_without_its_end_date_cannot_be_signed(login_as, employer, tli):
    client = login_as(tli)
    created = _open(client, employer, ends_on=None)

    response = client.post(
        f"{API}/inspections/{created['id']}/signatures", json={"version": created["version"]}
    )

    assert response.status_code == 422
    assert list(response.json["errors"]) == ["ends_on"]


def test_a_violation_links_to_the_employers_accident_and_its_order_is_overdue_for_the_officer(
    login_as, employer, officer, state_inspector, tli, norm, make_accident
):
    accident = make_accident(officer)["accident"]
    inspection = _open(login_as(tli), employer, kind="joint", grounds="accident", accident_id=accident)
    client = login_as(state_inspector)
    violation = client.post(
        f"{API}/inspections/{inspection['id']}/violations",
        json={
            "norm_id": norm.id,
            "description": "Леса без ограждения",
            "severity": "grave",
            "accident_id": accident,
        },
    ).json
    order = client.post(
        f"{API}/inspections/{inspection['id']}/orders",
        json={
            "violation_id": violation["id"],
            "requirement": "Установить ограждения",
            "issued_on": "2026-10-05",
            "due_on": "2026-11-01",
        },
    )

    seen = login_as(officer).get(f"{API}/orders", query_string={"overdue": "true"})

    assert violation["accident_id"] == accident
    assert order.status_code == 201
    assert order.json["state"] == "overdue"
    assert [o["id"] for o in seen.json["items"]] == [order.json["id"]]
    assert seen.json["items"][0]["state"] == "overdue"


def test_a_violation_cannot_name_another_employers_accident(
    login_as, make_employer, make_user, employer, tli, norm, make_accident
):
    other_officer = make_user("safety_officer", employer=make_employer())
    foreign = make_accident(other_officer)["accident"]
    client = login_as(tli)
    inspection = _open(client, employer)

    response = client.post(
        f"{API}/inspections/{inspection['id']}/violations",
        json={"norm_id": norm.id, "description": "x", "severity": "minor", "accident_id": foreign},
    )

    assert response.status_code == 422
    assert list(response.json["errors"]) == ["accident_id"]


def test_an_order_is_fulfilled_or_extended_from_its_dates(login_as, employer, tli):
    client = login_as(tli)
    inspection = _open(client, employer)
    first = client.post(
        f"{API}/inspections/{inspection['id']}/orders",
        json={"requirement": "a", "issued_on": "2026-10-05", "due_on": "2026-12-01"},
    ).json
    second = client.post(
        f"{API}/inspections/{inspection['id']}/orders",
        json={"requirement": "b", "issued_on": "2026-10-05", "due_on": "2026-11-20"},
    ).json

    done = client.post(
        f"{API}/orders/{first['id']}/fulfilment",
        json={
            "fulfilled_on": "2026-11-20",
            "evidence": "Акт проверки исполнения",
            "version": first["version"],
        },
    )
    extended = client.post(
        f"{API}/orders/{second['id']}/extension",
        json={
            "extended_to": "2026-12-15",
            "extension_reason": "Поставка ограждений",
            "version": second["version"],
        },
    )
    again = client.post(
        f"{API}/orders/{first['id']}/fulfilment",
        json={"fulfilled_on": "2026-11-21", "evidence": "x", "version": done.json["version"]},
    )

    assert second["state"] == "overdue"
    assert done.json["state"] == "done"
    assert extended.json["state"] == "extended"
    assert again.status_code == 422


def test_an_order_due_before_it_was_issued_is_a_field_error(login_as, employer, tli):
    client = login_as(tli)
    inspection = _open(client, employer)

    response = client.post(
        f"{API}/inspections/{inspection['id']}/orders",
        json={"requirement": "a", "issued_on": "2026-10-05", "due_on": "2026-10-01"},
    )
    future = client.post(
        f"{API}/inspections/{inspection['id']}/orders",
        json={"requirement": "a", "issued_on": "2026-12-05", "due_on": "2026-12-20"},
    )

    assert response.status_code == 422
    assert list(response.json["errors"]) == ["due_on"]
    assert list(future.json["errors"]) == ["issued_on"]


def test_an_officer_sees_only_their_own_employers_inspections(
    login_as, make_employer, employer, officer, tli
):
    client = login_as(tli)
    own = _open(client, employer)
    other = _open(client, make_employer())

    listed = login_as(officer).get(f"{API}/inspections").json
    foreign = login_as(officer).get(f"{API}/inspections/{other['id']}")

    assert [i["id"] for i in listed["items"]] == [own["id"]]
    assert foreign.status_code == 404


def test_an_officer_cannot_open_or_change_inspections(login_as, employer, officer):
    response = login_as(officer).post(f"{API}/inspections", json=inspection_json(employer.id))

    assert response.status_code == 403


def test_a_planned_inspection_needs_its_plan_entry(login_as, employer, tli):
    response = login_as(tli).post(
        f"{API}/inspections", json=inspection_json(employer.id, kind="planned", grounds="plan")
    )

    assert response.status_code == 422
    assert list(response.json["errors"]) == ["plan_proposal_id"]


def test_the_register_marks_an_employers_repeated_violation_of_a_norm(login_as, employer, tli, norm):
    client = login_as(tli)
    for starts in ("2026-03-01", "2026-10-01"):
        inspection = _open(client, employer, starts_on=starts, ends_on=starts)
        client.post(
            f"{API}/inspections/{inspection['id']}/violations",
            json={"norm_id": norm.id, "description": "x", "severity": "serious"},
        )

    register = client.get(f"{API}/violations").json
    repeated = client.get(f"{API}/violations", query_string={"repeated": "true"}).json

    assert [v["repeated"] for v in register["items"]] == [True, False]
    assert repeated["total"] == 1


def test_the_same_norm_found_by_both_inspectorates_on_one_day_is_not_a_repeated_violation(
    login_as, employer, state_inspector, tli, norm
):
    for inspector in (tli, state_inspector):
        client = login_as(inspector)
        inspection = _open(client, employer, starts_on="2026-03-01", ends_on="2026-03-01")
        client.post(
            f"{API}/inspections/{inspection['id']}/violations",
            json={"norm_id": norm.id, "description": "x", "severity": "serious"},
        )

    register = login_as(tli).get(f"{API}/violations").json

    assert [v["repeated"] for v in register["items"]] == [False, False]


def test_every_change_of_an_inspection_is_audited(app, login_as, employer, tli, norm):
    from core.audit import AuditEntry

    client = login_as(tli)
    inspection = _open(client, employer)
    client.post(
        f"{API}/inspections/{inspection['id']}/violations",
        json={"norm_id": norm.id, "description": "x", "severity": "serious"},
    )

    with app.app_context():
        actions = (
            db.session().scalars(sa.select(AuditEntry.entity).where(AuditEntry.action == "create")).all()
        )

    assert {"coop_inspection", "coop_violation"} <= set(actions)


def test_the_register_shows_an_accident_that_followed_the_violation(
    login_as, employer, officer, tli, norm, make_accident
):
    client = login_as(tli)
    inspection = _open(client, employer, starts_on="2026-10-01", ends_on="2026-10-05")
    client.post(
        f"{API}/inspections/{inspection['id']}/violations",
        json={"norm_id": norm.id, "description": "x", "severity": "grave"},
    )
    later = make_accident(officer)["accident"]  # two days before today, after the inspection

    register = login_as(tli).get(f"{API}/violations").json

    assert register["items"][0]["later_accident_ids"] == [later]
