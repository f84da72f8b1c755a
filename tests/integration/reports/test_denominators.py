"""The national denominators: entered by an administrator with their source, corrected with a reason
(audited), listed in the API, imported from a CSV; and women among an employer's headcount."""

from __future__ import annotations

import sqlalchemy as sa

from core import db
from core.classifiers import Role
from core.employers import EmployerHeadcount
from reports.models import NationalEmployment
from tests.pages import audit_entries, field_errors

FIGURE = {
    "year": "2025",
    "sector": "C",
    "region": "chui",
    "sex": "all",
    "employment": "41200",
    "source": "Нацстатком, «Занятость и безработица», табл. 2.4",
    "source_date": "2026-06-30",
}
HEADER = "year,sector,region,sex,employment,source,source_date\n"


def figures(app):
    with app.app_context():
        rows = db.session().scalars(sa.select(NationalEmployment).order_by(NationalEmployment.id)).all()
        return [(r.year, r.sector, r.region, r.sex, r.employment, r.source) for r in rows]


def test_an_administrator_enters_a_sourced_figure_and_it_is_listed_and_audited(
    app, client, login_as, make_user
):
    login_as(make_user(Role.ADMIN))

    added = client.post("/reports/denominators/new", data=FIGURE)
    page = client.get("/reports/denominators?year=2025").get_data(as_text=True)

    assert added.status_code == 302
    assert figures(app) == [(2025, "C", "chui", "all", 41200, FIGURE["source"])]
    assert "41200" in page
    assert "табл. 2.4" in page
    assert "30.06.2026" in page
    with app.app_context():
        figure_id = db.session().scalar(sa.select(NationalEmployment.id))
    (created,) = audit_entries(app, "national_employment", figure_id)
    assert created.action == "create"
    assert created.changes["employment"] == [None, 41200]


def test_a_figure_without_its_source_or_with_a_bad_value_is_refused_naming_the_fields(
    client, login_as, make_user
):
    login_as(make_user(Role.ADMIN))

    response = client.post(
        "/reports/denominators/new", data={**FIGURE, "source": "", "employment": "-3", "region": "mars"}
    )

    assert response.status_code == 422
    assert field_errors(response) == {"source", "employment", "region"}
    assert "табл. 2.4" not in response.get_data(as_text=True)  # the source was blank: nothing to keep
    assert 'value="-3"' in response.get_data(as_text=True)  # the typed value is shown again


def test_a_cell_already_entered_is_corrected_not_entered_twice(app, client, login_as, make_user):
    login_as(make_user(Role.ADMIN))
    client.post("/reports/denominators/new", data=FIGURE)

    again = client.post("/reports/denominators/new", data={**FIGURE, "employment": "50000"})

    assert again.status_code == 422
    assert field_errors(again) == {"employment"}
    assert [f[4] for f in figures(app)] == [41200]


def test_a_correction_needs_a_reason_and_the_reason_is_in_the_audit_log(app, client, login_as, make_user):
    login_as(make_user(Role.ADMIN))
    client.post("/reports/denominators/new", data=FIGURE)
    with app.app_context():
        figure = db.session().scalars(sa.select(NationalEmployment)).one()
        figure_id, version = figure.id, figure.version
    correction = {
        "employment": "41900",
        "source": "Нацстатком, уточнённые данные",
        "source_date": "2026-09-01",
    }

    without = client.post(
        f"/reports/denominators/{figure_id}/correct", data={**correction, "version": version}
    )
    done = client.post(
        f"/reports/denominators/{figure_id}/correct",
        data={**correction, "version": version, "reason": "Уточнение Нацстаткома"},
    )
    stale = client.post(
        f"/reports/denominators/{figure_id}/correct",
        data={**correction, "version": version, "reason": "again"},
    )

    assert without.status_code == 422
    assert field_errors(without) == {"reason"}
    assert done.status_code == 302
    assert stale.status_code == 409
    assert figures(app) == [(2025, "C", "chui", "all", 41900, "Нацстатком, уточнённые данные")]
    updated = audit_entries(app, "national_employment", figure_id)[-1]
    assert updated.remark == "Уточнение Нацстаткома"
    assert updated.changes["employment"] == [41200, 41900]


def test_only_an_administrator_enters_or_corrects_figures_everyone_with_dashboards_reads_them(
    client, login_as, make_user
):
    login_as(make_user(Role.INSPECTOR))

    assert client.get("/reports/denominators").status_code == 200
    assert client.post("/reports/denominators/new", data=FIGURE).status_code == 403
    assert client.post("/api/v1/reports/denominators", json={**FIGURE, "year": 2025}).status_code == 403


def test_the_api_lists_and_enters_figures_typed(client, login_as, make_user):
    login_as(make_user(Role.ADMIN))
    body = {**FIGURE, "year": 2025, "employment": 41200}

    created = client.post("/api/v1/reports/denominators", json=body)
    duplicate = client.post("/api/v1/reports/denominators", json=body)
    listed = client.get("/api/v1/reports/denominators?sector=C")
    other = client.get("/api/v1/reports/denominators?sector=F")

    assert created.status_code == 201
    assert created.get_json()["employment"] == 41200
    assert duplicate.status_code == 422
    assert [(f["region"], f["employment"], f["source_date"]) for f in listed.get_json()] == [
        ("chui", 41200, "2026-06-30")
    ]
    assert other.get_json() == []  # not entered: no data, never a guess


def test_the_cli_imports_a_csv_all_rows_or_none(app, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text(
        HEADER
        + '2025,C,chui,all,41200,"Нацстатком, табл. 2.4",2026-06-30\n'
        + '2025,C,country,female,90000,"Нацстатком, табл. 2.5",2026-06-30\n',
        encoding="utf-8",
    )
    bad = tmp_path / "bad.csv"
    bad.write_text(
        HEADER + "2025,F,chui,all,100,x,2026-06-30\n2025,F,naryn,all,many,x,2026-06-30\n", encoding="utf-8"
    )
    runner = app.test_cli_runner()

    imported = runner.invoke(args=["reports", "denominators", "import", str(good)])
    refused = runner.invoke(args=["reports", "denominators", "import", str(bad)])

    assert imported.exit_code == 0, imported.output
    assert "2 figures entered" in imported.output
    assert refused.exit_code != 0
    assert "line 3: employment" in refused.output
    assert [(f[1], f[2], f[3], f[4]) for f in figures(app)] == [
        ("C", "chui", "all", 41200),
        ("C", "country", "female", 90000),
    ]


def test_women_among_the_headcount_are_kept_where_reported_and_never_more_than_it(
    app, client, login_as, make_user, make_employer
):
    employer = make_employer()
    login_as(make_user(Role.ADMIN))
    row = {"year": "2025", "headcount": "150", "version": employer.version}

    too_many = client.post(f"/admin/employers/{employer.id}/headcount", data={**row, "women": "151"})
    saved = client.post(f"/admin/employers/{employer.id}/headcount", data={**row, "women": "60"})
    page = client.get(f"/employers/{employer.id}").get_data(as_text=True)
    api = client.get(f"/api/v1/employers/{employer.id}").get_json()

    assert too_many.status_code == 422
    assert field_errors(too_many) == {"women"}
    assert saved.status_code == 302
    with app.app_context():
        stored = db.session().scalars(sa.select(EmployerHeadcount)).one()
        assert (stored.headcount, stored.women) == (150, 60)
    assert '<td class="num">90</td>' in page  # the men: the rest
    stamps = {"created_at", "updated_at"}
    assert [{k: v for k, v in row.items() if k not in stamps} for row in api["headcounts"]] == [
        {"year": 2025, "headcount": 150, "hours_worked": None, "women": 60}
    ]
