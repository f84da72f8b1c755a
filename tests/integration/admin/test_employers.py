"""The employer registry: HTML pages and /api/v1/employers, scope, validation, audit, locking."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from core import create_app, db
from core.classifiers import EmployerStatus, Region, Role
from core.employers import Employer
from tests.conftest import PASSWORD, TEST_CONFIG
from tests.pages import audit_entries, field_errors


def employer_form(**overrides: Any) -> dict[str, Any]:
    values = {
        "name": "ОсОО «Токмок Кирпич»",
        "inn": "01234567890123",
        "okpo": "12345678",
        "sector": "C",
        "region": "chui",
        "address": "г. Токмок, ул. Ленина 1",
        "status": "active",
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}


def api_employer(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": "ОсОО «Каракол Жол»",
        "inn": "02345678901234",
        "okpo": "87654321",
        "sector": "F",
        "region": "issyk_kul",
        "headcounts": [{"year": 2024, "headcount": 120, "hours_worked": 230000}],
    }
    values.update(overrides)
    return values


def stored(app: Any, employer_id: int) -> Employer:
    with app.app_context():
        employer = db.session().get(Employer, employer_id)
        assert employer is not None
        _ = employer.headcounts, employer.successor
        db.session().expunge_all()
        return employer


# --- HTML: the registry ---------------------------------------------------------------------------


def test_admin_registers_an_employer_and_the_creation_is_audited(app, client, admin):
    response = client.post("/admin/employers/new", data=employer_form())

    assert response.status_code == 302
    with app.app_context():
        employer_id = db.session().scalar(sa.select(Employer.id).where(Employer.inn == "01234567890123"))
    assert response.headers["Location"].endswith(f"/employers/{employer_id}")
    employer = stored(app, employer_id)
    assert (employer.name, employer.sector, employer.region, employer.status) == (
        "ОсОО «Токмок Кирпич»",
        "C",
        "chui",
        "active",
    )
    [entry] = audit_entries(app, "employer", employer_id)
    assert (entry.action, entry.user_id) == ("create", admin.id)
    assert entry.changes["inn"] == [None, "01234567890123"]
    assert entry.changes["region"] == [None, "chui"]


def test_the_employer_form_names_every_bad_field_and_keeps_what_was_typed(client, make_user, login_as):
    login_as(make_user(Role.ADMIN))

    response = client.post(
        "/admin/employers/new",
        data=employer_form(name="  ", inn="12345", okpo="12", sector="Z", region="mars", status="closed"),
    )

    assert response.status_code == 422
    assert field_errors(response) == {"name", "inn", "okpo", "sector", "region", "status"}
    assert 'value="12345"' in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"status": "in_liquidation"}, "liquidation_started_on"),
        ({"status": "liquidated"}, "liquidated_on"),
        ({"status": "active", "liquidated_on": "2024-01-01"}, "liquidated_on"),
        (
            {
                "status": "in_liquidation",
                "liquidation_started_on": "2024-01-01",
                "liquidated_on": "2024-02-01",
            },
            "liquidated_on",
        ),
        (
            {"status": "liquidated", "liquidation_started_on": "2024-03-01", "liquidated_on": "2024-02-01"},
            "liquidated_on",
        ),
        (
            {
                "status": "in_liquidation",
                "liquidation_started_on": (date.today() + timedelta(days=5)).isoformat(),
            },
            "liquidation_started_on",
        ),
        ({"status": "in_liquidation", "liquidation_started_on": "31.12.2024"}, "liquidation_started_on"),
        ({"status": "active", "successor_inn": "00000000000001"}, "successor_inn"),
        (
            {"status": "liquidated", "liquidated_on": "2024-01-01", "successor_inn": "55555555555555"},
            "successor_inn",
        ),
    ],
    ids=[
        "a liquidation has a start date",
        "a liquidated employer has an end date",
        "an active employer has no liquidation dates",
        "an employer still in liquidation has no end date",
        "the end cannot precede the start",
        "the start is not in the future",
        "a date is a date",
        "an active employer has no successor",
        "the successor must be registered",
    ],
)
def test_status_dates_and_successor_must_agree(client, make_user, make_employer, login_as, overrides, field):
    make_employer(inn="00000000000001")
    login_as(make_user(Role.ADMIN))

    response = client.post("/admin/employers/new", data=employer_form(**overrides))

    assert response.status_code == 422
    assert field in field_errors(response)


def test_an_inn_already_registered_is_refused(client, make_user, make_employer, login_as):
    other = make_employer()
    login_as(make_user(Role.ADMIN))

    response = client.post("/admin/employers/new", data=employer_form(inn=other.inn))

    assert response.status_code == 422
    assert field_errors(response) == {"inn"}


def test_admin_records_a_liquidation_with_a_successor_and_the_change_is_audited(
    app, client, make_user, make_employer, login_as
):
    employer = make_employer(name="Old Name")
    successor = make_employer(name="Successor")
    login_as(make_user(Role.ADMIN))
    form = client.get(f"/admin/employers/{employer.id}/edit")
    assert form.status_code == 200
    assert 'value="Old Name"' in form.get_data(as_text=True)

    response = client.post(
        f"/admin/employers/{employer.id}/edit",
        data=employer_form(
            name="New Name",
            inn=employer.inn,
            status="liquidated",
            liquidation_started_on="2024-01-10",
            liquidated_on="2024-06-30",
            successor_inn=successor.inn,
            version=employer.version,
        ),
    )

    assert response.status_code == 302
    saved = stored(app, employer.id)
    assert (saved.name, saved.status, saved.liquidated_on, saved.successor_id) == (
        "New Name",
        EmployerStatus.LIQUIDATED,
        date(2024, 6, 30),
        successor.id,
    )
    assert saved.version == employer.version + 1
    update = audit_entries(app, "employer", employer.id)[-1]
    assert update.action == "update"
    assert update.changes["name"] == ["Old Name", "New Name"]
    assert update.changes["status"] == ["active", "liquidated"]
    assert update.changes["liquidated_on"] == [None, "2024-06-30"]
    assert update.changes["successor_id"] == [None, successor.id]
    page = client.get(f"/employers/{employer.id}").get_data(as_text=True)
    assert f"Правопреемник (ст. 255)</dt><dd>Successor ({successor.inn})" in page


@pytest.mark.parametrize("case", ["itself", "a circle", "liquidated"])
def test_a_successor_must_be_another_existing_employer(app, client, make_user, make_employer, login_as, case):
    employer = make_employer()
    if case == "itself":
        successor = employer
    elif case == "a circle":
        successor = make_employer(
            status=EmployerStatus.LIQUIDATED, liquidated_on=date(2024, 1, 1), successor_id=employer.id
        )
        # A liquidated successor is refused anyway; make the circle through an active one.
        with app.app_context(), db.transaction() as s:
            s.get(Employer, successor.id).status = EmployerStatus.IN_LIQUIDATION
            s.get(Employer, successor.id).liquidation_started_on = date(2023, 1, 1)
            s.get(Employer, successor.id).liquidated_on = None
    else:
        successor = make_employer(status=EmployerStatus.LIQUIDATED, liquidated_on=date(2024, 1, 1))
    login_as(make_user(Role.ADMIN))

    response = client.post(
        f"/admin/employers/{employer.id}/edit",
        data=employer_form(
            inn=employer.inn,
            status="in_liquidation",
            liquidation_started_on="2024-01-10",
            successor_inn=successor.inn,
            version=employer.version,
        ),
    )

    assert response.status_code == 422
    assert field_errors(response) == {"successor_inn"}


def test_an_edit_from_a_stale_form_is_a_conflict_keeping_the_typed_values(
    app, client, make_user, make_employer, login_as
):
    employer = make_employer(name="Original")
    login_as(make_user(Role.ADMIN))
    first = client.post(
        f"/admin/employers/{employer.id}/edit",
        data=employer_form(name="First", inn=employer.inn, version=employer.version),
    )
    assert first.status_code == 302

    response = client.post(
        f"/admin/employers/{employer.id}/edit",
        data=employer_form(name="Second", inn=employer.inn, version=employer.version),
    )

    assert response.status_code == 409
    assert 'value="Second"' in response.get_data(as_text=True)
    assert stored(app, employer.id).name == "First"


def test_the_edit_form_validates_like_the_new_one(client, make_user, make_employer, login_as):
    employer = make_employer()
    login_as(make_user(Role.ADMIN))

    response = client.post(
        f"/admin/employers/{employer.id}/edit", data=employer_form(inn="x", sector="", version="")
    )

    assert response.status_code == 422
    assert field_errors(response) == {"inn", "sector", "version"}


@pytest.fixture
def employer_of_admin(make_user, make_employer, login_as):
    """An employer, with the client logged in as an administrator (the headcount tests' set-up)."""
    employer = make_employer()
    login_as(make_user(Role.ADMIN))
    return employer


def _headcount(client, employer, row):
    """Post a headcount row from the employer's page."""
    return client.post(f"/admin/employers/{employer.id}/headcount", data=row)


def test_admin_adds_and_corrects_headcount_rows_each_audited(app, client, employer_of_admin):
    employer = employer_of_admin

    added = _headcount(
        client,
        employer,
        {"year": "2023", "headcount": "150", "hours_worked": "280000", "version": employer.version},
    )
    assert added.status_code == 302
    version = stored(app, employer.id).version
    assert version == employer.version + 1  # a row is part of the record: concurrent edits conflict
    edit_page = client.get(f"/employers/{employer.id}?year=2023").get_data(as_text=True)
    assert 'value="280000"' in edit_page

    corrected = _headcount(
        client,
        employer,
        {"year": "2023", "headcount": "155", "version": version},
    )

    assert corrected.status_code == 302
    saved = stored(app, employer.id)
    assert [(r.year, r.headcount, r.hours_worked) for r in saved.headcounts] == [(2023, 155, None)]
    created, updated = audit_entries(app, "employer", employer.id)[-2:]
    assert created.changes == {
        "headcount.2023.headcount": [None, 150],
        "headcount.2023.hours_worked": [None, 280000],
    }
    assert updated.changes == {
        "headcount.2023.headcount": [150, 155],
        "headcount.2023.hours_worked": [280000, None],
    }


def test_a_headcount_row_from_a_stale_page_is_a_conflict(app, client, employer_of_admin):
    employer = employer_of_admin
    row = {"year": "2023", "headcount": "150", "version": employer.version}
    assert _headcount(client, employer, row).status_code == 302

    response = _headcount(client, employer, row | {"headcount": "99"})

    assert response.status_code == 409
    assert [r.headcount for r in stored(app, employer.id).headcounts] == [150]


def test_bad_headcount_rows_are_field_errors(client, employer_of_admin):
    employer = employer_of_admin

    response = _headcount(
        client,
        employer,
        {"year": "1900", "headcount": "-1", "hours_worked": "many", "version": employer.version},
    )

    assert response.status_code == 422
    assert field_errors(response) == {"year", "headcount", "hours_worked"}
    assert 'value="many"' in response.get_data(as_text=True)


def test_the_employer_list_filters_searches_and_pages(client, make_user, make_employer, login_as):
    make_employer(name="Alpha Mining", inn="11111111111111", sector="B", region=Region.CHUI)
    make_employer(name="Beta Build", inn="22222222222222", sector="F", region=Region.OSH)
    make_employer(
        name="Gamma Textile",
        inn="33333333333333",
        sector="C",
        region=Region.OSH,
        status=EmployerStatus.IN_LIQUIDATION,
        liquidation_started_on=date(2024, 1, 1),
    )
    login_as(make_user(Role.ADMIN))

    def names(query: str) -> list[str]:
        page = client.get(f"/admin/employers?{query}").get_data(as_text=True)
        return re.findall(r'<a href="/employers/\d+">([^<]+)</a>', page)

    assert names("") == ["Alpha Mining", "Beta Build", "Gamma Textile"]
    assert names("region=osh") == ["Beta Build", "Gamma Textile"]
    assert names("sector=B") == ["Alpha Mining"]
    assert names("status=in_liquidation") == ["Gamma Textile"]
    assert names("q=build") == ["Beta Build"]
    assert names("q=3333") == ["Gamma Textile"]
    assert names("per_page=2&page=2") == ["Gamma Textile"]
    assert client.get("/admin/employers?region=mars&page=0").status_code == 422


@pytest.mark.parametrize("role", [Role.SAFETY_OFFICER, Role.INSPECTOR, Role.SOCIAL_FUND])
def test_registry_management_is_for_administrators_only(client, make_user, make_employer, login_as, role):
    employer = make_employer()
    login_as(make_user(role, employer=employer) if role is Role.SAFETY_OFFICER else make_user(role))

    assert client.get("/admin/employers").status_code == 403
    assert client.get("/admin/employers/new").status_code == 403
    assert client.post("/admin/employers/new", data=employer_form()).status_code == 403
    assert client.get(f"/admin/employers/{employer.id}/edit").status_code == 403
    assert client.post(f"/admin/employers/{employer.id}/edit", data=employer_form()).status_code == 403
    assert _headcount(client, employer, {}).status_code == 403


# --- HTML: reading an employer's card -------------------------------------------------------------


def test_a_safety_officer_reads_their_own_employer_but_not_its_history(
    client, make_user, make_employer, login_as
):
    employer = make_employer(name="Own Employer")
    login_as(make_user(Role.SAFETY_OFFICER, employer=employer))

    response = client.get(f"/employers/{employer.id}")

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Own Employer" in page
    assert 'class="history"' not in page
    assert "/headcount" not in page  # read-only
    assert "/edit" not in page


def test_a_safety_officer_never_sees_another_employer(client, make_user, make_employer, login_as):
    login_as(make_user(Role.SAFETY_OFFICER, employer=make_employer()))
    other = make_employer()

    assert client.get(f"/employers/{other.id}").status_code == 404


def test_an_inspector_reads_the_history_of_employers_in_their_region_only(
    client, make_user, make_employer, login_as
):
    admin = make_user(Role.ADMIN)
    near = make_employer(region=Region.OSH)
    far = make_employer(region=Region.TALAS)
    login_as(admin)
    client.post(
        f"/admin/employers/{near.id}/headcount",
        data={"year": "2024", "headcount": "40", "version": near.version},
    )
    login_as(make_user(Role.INSPECTOR, region=Region.OSH))

    page = client.get(f"/employers/{near.id}").get_data(as_text=True)

    assert 'class="history"' in page
    # The history names the field for people: the headcount of 2024, not "headcount.2024.headcount".
    assert "Среднесписочная численность · 2024 · Среднесписочная численность" in page
    assert "headcount.2024" not in page
    assert admin.full_name in page
    assert client.get(f"/employers/{far.id}").status_code == 404


def test_the_employers_entry_is_in_the_admins_navigation_only(client, make_user, login_as):
    login_as(make_user(Role.ADMIN))
    assert 'href="/admin/employers"' in client.get("/").get_data(as_text=True)

    login_as(make_user(Role.SAFETY_OFFICER))
    assert 'href="/admin/employers"' not in client.get("/").get_data(as_text=True)


# --- API ------------------------------------------------------------------------------------------


def test_admin_registers_reads_and_updates_an_employer_through_the_api(app, client, admin):
    created = client.post("/api/v1/employers", json=api_employer())

    assert created.status_code == 201
    body = created.get_json()
    assert body["inn"] == "02345678901234"
    stamps = {"created_at", "updated_at"}  # each headcount year is a record of its own (issue 13)
    assert [{k: v for k, v in row.items() if k not in stamps} for row in body["headcounts"]] == [
        {"year": 2024, "headcount": 120, "hours_worked": 230000, "women": None}
    ]
    employer_id = body["id"]
    assert client.get(f"/api/v1/employers/{employer_id}").get_json() == body

    updated = client.put(
        f"/api/v1/employers/{employer_id}",
        json=api_employer(
            name="Renamed",
            status="in_liquidation",
            liquidation_started_on="2025-02-01",
            headcounts=[{"year": 2025, "headcount": 80}],
            version=body["version"],
        ),
    )

    assert updated.status_code == 200
    result = updated.get_json()
    assert (result["name"], result["status"], result["liquidation_started_on"]) == (
        "Renamed",
        "in_liquidation",
        "2025-02-01",
    )
    assert [row["year"] for row in result["headcounts"]] == [2025]  # the list sent is the whole list
    assert result["version"] == body["version"] + 1
    history = client.get(f"/api/v1/employers/{employer_id}/history").get_json()
    assert history["total"] == 2
    create, update = history["items"]
    assert create["changes"]["headcount.2024.headcount"] == [None, 120]
    assert create["changes"]["headcount.2024.hours_worked"] == [None, 230000]
    assert update["changes"]["name"] == ["ОсОО «Каракол Жол»", "Renamed"]
    assert update["changes"]["headcount.2025.headcount"] == [None, 80]
    assert update["changes"]["headcount.2024.headcount"] == [120, None]  # the removal is in the history
    assert update["user_id"] == admin.id


def test_an_employer_put_without_its_headcounts_is_a_422_and_keeps_them(client, make_user, login_as):
    """Issue 12: every list in every PUT the same way, required; leaving one out never erases it."""
    login_as(make_user(Role.ADMIN))
    body = client.post("/api/v1/employers", json=api_employer()).get_json()
    sent = {k: v for k, v in api_employer(version=body["version"]).items() if k != "headcounts"}

    response = client.put(f"/api/v1/employers/{body['id']}", json=sent)

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["headcounts"]
    kept = client.get(f"/api/v1/employers/{body['id']}").get_json()
    assert kept["headcounts"] == body["headcounts"]
    assert kept["version"] == body["version"]


def test_a_headcount_only_change_through_the_api_moves_the_version(client, make_user, login_as):
    login_as(make_user(Role.ADMIN))
    body = client.post("/api/v1/employers", json=api_employer()).get_json()

    updated = client.put(
        f"/api/v1/employers/{body['id']}",
        json=api_employer(headcounts=[{"year": 2024, "headcount": 121}], version=body["version"]),
    )

    assert updated.get_json()["version"] == body["version"] + 1
    assert updated.get_json()["headcounts"][0]["headcount"] == 121


def test_api_employer_errors_name_each_field_with_its_path(client, make_user, login_as):
    login_as(make_user(Role.ADMIN))

    response = client.post(
        "/api/v1/employers",
        json={
            "name": "",
            "inn": "123",
            "okpo": "abcdefgh",
            "sector": "Q1",
            "headcounts": [{"year": 2024, "headcount": 5}, {"year": "last", "headcount": -3}],
        },
    )

    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {
        "name",
        "inn",
        "okpo",
        "sector",
        "region",
        "headcounts.1.year",
        "headcounts.1.headcount",
    }


def test_api_status_rules_and_duplicates_are_field_errors(client, make_user, make_employer, login_as):
    other = make_employer()
    login_as(make_user(Role.ADMIN))

    liquidated_without_date = client.post("/api/v1/employers", json=api_employer(status="liquidated"))
    duplicate = client.post("/api/v1/employers", json=api_employer(inn=other.inn))
    unknown_successor = client.post(
        "/api/v1/employers",
        json=api_employer(status="liquidated", liquidated_on="2024-01-01", successor_id=9999),
    )
    two_rows_one_year = client.post(
        "/api/v1/employers",
        json=api_employer(headcounts=[{"year": 2024, "headcount": 1}, {"year": 2024, "headcount": 2}]),
    )

    assert liquidated_without_date.status_code == 422
    assert list(liquidated_without_date.get_json()["errors"]) == ["liquidated_on"]
    assert duplicate.status_code == 422
    assert list(duplicate.get_json()["errors"]) == ["inn"]
    assert unknown_successor.status_code == 422
    assert list(unknown_successor.get_json()["errors"]) == ["successor_id"]
    assert two_rows_one_year.status_code == 422
    assert list(two_rows_one_year.get_json()["errors"]) == ["headcounts"]


def test_api_update_with_a_stale_version_is_409(app, client, make_user, make_employer, login_as):
    employer = make_employer()
    login_as(make_user(Role.ADMIN))
    document = api_employer(inn=employer.inn, headcounts=[], version=employer.version)
    assert client.put(f"/api/v1/employers/{employer.id}", json=document).status_code == 200

    response = client.put(f"/api/v1/employers/{employer.id}", json=document | {"name": "Lost update"})

    assert response.status_code == 409
    assert "_" in response.get_json()["errors"]
    assert stored(app, employer.id).name == "ОсОО «Каракол Жол»"


def test_api_employer_list_is_paged_and_filtered(client, make_user, make_employer, login_as):
    for _ in range(3):
        make_employer(region=Region.NARYN)
    make_employer(region=Region.BATKEN)
    login_as(make_user(Role.ADMIN))

    page = client.get("/api/v1/employers?region=naryn&per_page=2&page=2").get_json()

    assert (page["total"], page["page"], page["per_page"], len(page["items"])) == (3, 2, 2, 1)
    bad = client.get("/api/v1/employers?region=mars&page=0")
    assert bad.status_code == 422
    assert set(bad.get_json()["errors"]) == {"region", "page"}


def test_the_api_shows_a_safety_officer_only_their_own_employer(client, make_user, make_employer, login_as):
    own, other = make_employer(), make_employer()
    login_as(make_user(Role.SAFETY_OFFICER, employer=own))

    listed = client.get("/api/v1/employers").get_json()

    assert [e["id"] for e in listed["items"]] == [own.id]
    assert listed["total"] == 1
    assert client.get(f"/api/v1/employers/{own.id}").status_code == 200
    assert client.get(f"/api/v1/employers/{other.id}").status_code == 404


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.SOCIAL_FUND])
def test_regional_staff_read_the_employers_of_their_region(client, make_user, make_employer, login_as, role):
    near = make_employer(region=Region.JALAL_ABAD)
    far = make_employer(region=Region.BISHKEK)
    login_as(make_user(role, region=Region.JALAL_ABAD))

    listed = client.get("/api/v1/employers").get_json()

    assert [e["id"] for e in listed["items"]] == [near.id]
    assert client.get(f"/api/v1/employers/{far.id}").status_code == 404


def test_a_country_wide_inspector_reads_every_employer(client, make_user, make_employer, login_as):
    make_employer(region=Region.JALAL_ABAD)
    make_employer(region=Region.BISHKEK)
    login_as(make_user(Role.INSPECTOR))

    assert client.get("/api/v1/employers").get_json()["total"] == 2


@pytest.mark.parametrize("role", [Role.SAFETY_OFFICER, Role.INSPECTOR, Role.SOCIAL_FUND])
def test_only_administrators_write_to_the_registry_through_the_api(
    client, make_user, make_employer, login_as, role
):
    employer = make_employer()
    login_as(make_user(role, employer=employer) if role is Role.SAFETY_OFFICER else make_user(role))

    assert client.post("/api/v1/employers", json=api_employer()).status_code == 403
    assert client.put(f"/api/v1/employers/{employer.id}", json=api_employer(version=1)).status_code == 403


def test_the_history_api_is_for_those_who_may_view_history(client, make_user, make_employer, login_as):
    employer = make_employer(region=Region.TALAS)

    login_as(make_user(Role.SAFETY_OFFICER, employer=employer))
    assert client.get(f"/api/v1/employers/{employer.id}/history").status_code == 403
    login_as(make_user(Role.SOCIAL_FUND))
    assert client.get(f"/api/v1/employers/{employer.id}/history").status_code == 403
    login_as(make_user(Role.INSPECTOR, region=Region.OSH))
    assert client.get(f"/api/v1/employers/{employer.id}/history").status_code == 404
    login_as(make_user(Role.INSPECTOR, region=Region.TALAS))
    assert client.get(f"/api/v1/employers/{employer.id}/history").status_code == 200


def test_the_employers_api_asks_strangers_to_sign_in(client, make_employer):
    employer = make_employer()

    assert client.get("/api/v1/employers").status_code == 401
    assert client.get(f"/api/v1/employers/{employer.id}").status_code == 401
    assert client.post("/api/v1/employers", json=api_employer()).status_code == 401


def test_api_writes_need_no_form_token_when_csrf_is_on(database_url, make_user):
    admin = make_user(Role.ADMIN)
    app = create_app({**TEST_CONFIG, "WTF_CSRF_ENABLED": True, "DATABASE_URL": database_url})
    client = app.test_client()
    client.post("/api/v1/auth/login", json={"email": admin.email, "password": PASSWORD})

    created = client.post("/api/v1/employers", json=api_employer())
    as_form = client.post("/admin/employers/new", data=employer_form())

    assert created.status_code == 201
    assert as_form.status_code == 400  # the HTML form still needs its token
    app.extensions["emgek.engine"].dispose()


def test_employers_are_found_by_any_part_of_a_cyrillic_name_in_any_case(
    app, client, make_user, make_employer, login_as
):
    make_employer(name="ОАО «Ала-Тоо Кен»", inn="11111111111111")
    make_employer(name="ОсОО «Бишкек Курулуш»", inn="22222222222222")
    login_as(make_user(Role.ADMIN))

    def names(query: str) -> list[str]:
        return [
            e["name"] for e in client.get("/api/v1/employers", query_string={"q": query}).get_json()["items"]
        ]

    assert names("Ала-Тоо") == ["ОАО «Ала-Тоо Кен»"]
    assert names("ала-тоо") == ["ОАО «Ала-Тоо Кен»"]
    assert names("ОАО") == ["ОАО «Ала-Тоо Кен»"]
    assert names("КУРУЛУШ") == ["ОсОО «Бишкек Курулуш»"]
    with app.app_context(), db.transaction() as s:  # a renamed employer is found by its new name
        s.execute(
            sa.select(Employer).where(Employer.inn == "22222222222222")
        ).scalar_one().name = "ОсОО «Жаңы Жол»"
    assert names("жаңы") == ["ОсОО «Жаңы Жол»"]
    assert names("курулуш") == []


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"inn": "٠١٢٣٤٥٦٧٨٩٠١٢٣"}, "inn"),  # Arabic-Indic digits
        ({"inn": "０１２３４５６７８９０１２３"}, "inn"),  # full-width digits
        ({"okpo": "١٢٣٤٥٦٧٨"}, "okpo"),
        ({"name": "   "}, "name"),
        ({"name": "\u200b\u200b\u2060\ufeff"}, "name"),  # zero-width only
        ({"name": "\u3000\u00a0"}, "name"),
        ({"name": "\x1b[31mОсОО\x1b[0m"}, "name"),  # an ANSI escape
        ({"address": "ул. Ленина\x07 1"}, "address"),
    ],
)
def test_the_api_refuses_digits_and_names_that_are_not_what_they_seem(
    client, make_user, login_as, overrides, field
):
    login_as(make_user(Role.ADMIN))

    response = client.post("/api/v1/employers", json=api_employer(**overrides))

    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_a_user_named_with_zero_width_characters_is_refused(client, make_user, login_as):
    login_as(make_user(Role.ADMIN))

    response = client.post(
        "/api/v1/users",
        json={
            "email": "z@example.kg",
            "full_name": "\u200b \u200c",
            "role": "inspector",
            "password": "long enough password",
        },
    )

    assert response.status_code == 422
    assert "full_name" in response.get_json()["errors"]
