"""Parameters people keep current (issue 16): an administrator's row, laid over the built-in tables.

The 2027 budget law fixes the minimum wage the built-in table only plans (3,608.00, "a planned
figure"): from then on the calculator, the API and each new draft decision use the stored row (the
household care allowance is 2 x the minimum wage: LC-2004 art. 245, LC-2025 art. 216), while an
issued decision keeps the rows it was computed with. Rows are never edited: a correction supersedes.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal
from typing import Any

import pytest
import sqlalchemy as sa

from calculator.models import ParameterRow
from compensation import parameters
from core import audit, db
from core.classifiers import Role
from tests.factories import FIRST, LAW_2027, RECORDS_DAY, care, equivalent_case


@pytest.fixture(autouse=True)
def records_day(pin_today: Any) -> None:
    """The claim of tests/factories.py is filed on RECORDS_DAY: the tests run on that day."""
    pin_today(RECORDS_DAY)


@pytest.fixture
def admin(make_user: Any) -> Any:
    return make_user(Role.ADMIN, full_name="Администратор Таблиц")


def add(client: Any, **fields: Any) -> Any:
    return client.post("/compensation/parameters/new", data={**LAW_2027, **fields})


def calculated(client: Any) -> dict[str, Any]:
    response = client.post(
        "/api/v1/compensation/calculations", json=equivalent_case("2027-01-31", [FIRST], [])
    )
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_a_new_minimum_wage_row_changes_the_calculators_result(login_as, admin):
    client = login_as(admin)
    assert care(calculated(client), "2027-01") == 2 * Decimal("3608.00")

    assert add(client).status_code == 302

    assert care(calculated(client), "2027-01") == 2 * Decimal("3700.00")


def test_the_calculator_page_uses_the_stored_row(login_as, admin):
    client = login_as(admin)
    add(client)
    upload = json.dumps(equivalent_case("2027-01-31", [FIRST], [])).encode()

    page = client.post("/compensation/calculator", data={"case_file": (io.BytesIO(upload), "case.json")})

    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "7\u00a0400,00" in text
    assert "7\u00a0216,00" not in text


def test_a_correction_supersedes_the_row_and_the_history_strikes_it_through(login_as, admin, app):
    client = login_as(admin)
    assert add(client, value="3750.00", source="Draft budget law for 2027").status_code == 302
    with app.app_context():
        first = db.session().scalar(sa.select(ParameterRow.id))

    assert add(client, supersedes_id=str(first)).status_code == 302

    assert care(calculated(client), "2027-01") == 2 * Decimal("3700.00")
    page = client.get("/compensation/parameters").get_data(as_text=True)
    assert f'<tr class="superseded" data-row="{first}">' in page
    assert f'<tr class="" data-row="{first + 1}">' in page
    # The planned built-in figure gave way to the stored row of the same day: struck through, kept.
    assert "Law on the republican budget for 2026-2028, plan for 2027" in page
    assert page.count('class="superseded" data-row="built-in"') >= 1
    again = add(client, supersedes_id=str(first), value="3800.00")
    assert again.status_code == 422
    assert 'data-field="supersedes_id"' in again.get_data(as_text=True)


def test_the_history_page_shows_built_in_rows_and_who_added_each_stored_row(login_as, admin, make_user):
    client = login_as(admin)
    add(
        client,
        table="average_monthly_wage",
        value="46000.00",
        period="2026-01..2026-09",
        **{"from": "2026-11-14"},
    )

    page = login_as(make_user(Role.INSPECTOR)).get("/compensation/parameters")

    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Администратор Таблиц" in text
    assert "46000.00" in text
    assert "2026-01..2026-09" in text
    assert "Law on the republican budget for 2027, art. 12" in text
    assert text.count('data-row="built-in"') == sum(
        len(parameters.load(name).rows) for name in parameters.NAMES
    )


def test_every_addition_is_audited_with_its_values_and_who(login_as, admin, app):
    client = login_as(admin)
    add(client)

    with app.app_context():
        row = db.session().scalar(sa.select(ParameterRow))
        [entry] = audit.history(db.session(), "parameter_row", row.id)
    assert entry.action == "create"
    assert entry.user_id == admin.id
    assert entry.changes["value"] == [None, "3700.00"]
    assert entry.changes["source"] == [None, LAW_2027["source"]]


@pytest.mark.parametrize("role", [Role.SAFETY_OFFICER, Role.INSPECTOR, Role.SOCIAL_FUND])
def test_only_an_administrator_adds_rows(login_as, make_user, role, app):
    client = login_as(make_user(role))

    assert client.get("/compensation/parameters/new").status_code == 403
    assert add(client).status_code == 403
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count()).select_from(ParameterRow)) == 0


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"table": "wage_of_the_moon"}, "table"),
        ({"value": "three thousand"}, "value"),
        ({"value": "3700.001"}, "value"),
        ({"from": ""}, "from"),
        ({"source": " "}, "source"),
        ({"status": "unknown"}, "value"),
        ({"table": "subsistence_minimum", "key": "atlantis"}, "key"),
        ({"table": "penalty_rate_per_day", "value": "15"}, "value"),
        ({"table": "one_time_benefit"}, "value"),
        ({"table": "minimum_wage", "rule": "resolution_465"}, "rule"),
    ],
)
def test_bad_input_shows_the_form_again_with_the_field_named(login_as, admin, fields, field, app):
    response = add(login_as(admin), **fields)

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert f'data-field="{field}"' in page
    assert LAW_2027["source"] in page or fields.get("source") == " "
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count()).select_from(ParameterRow)) == 0


def test_a_row_whose_value_is_not_known_stops_the_calculation_instead_of_a_guess(login_as, admin):
    client = login_as(admin)
    add(client, value="", status="unknown", source="Law on the republican budget for 2027 (text not seen)")

    response = client.post(
        "/api/v1/compensation/calculations", json=equivalent_case("2027-01-31", [FIRST], [])
    )

    assert response.status_code == 422
    assert "parameters.minimum_wage" in response.get_json()["errors"]


def test_rows_are_append_only_in_the_database(login_as, admin, app):
    add(login_as(admin))

    with app.app_context():
        with pytest.raises(sa.exc.DatabaseError), db.transaction() as s:
            s.execute(sa.text("UPDATE parameter_row SET value = '1.00'"))
        with pytest.raises(sa.exc.DatabaseError), db.transaction() as s:
            s.execute(sa.text("DELETE FROM parameter_row"))
        assert db.session().scalar(sa.select(ParameterRow.value)) == "3700.00"


def test_the_cli_adds_a_row_as_an_administrator_and_refuses_an_officer(app, admin, make_user):
    runner = app.test_cli_runner()
    base = ["compensation", "parameters", "add", "--table", "minimum_wage", "--from", "2027-01-01"]
    base += ["--value", "3700.00", "--status", "verified", "--source", "Budget law for 2027"]

    added = runner.invoke(args=[*base, "--as", admin.email])
    refused = runner.invoke(args=[*base, "--as", make_user(Role.SAFETY_OFFICER).email])
    bad = runner.invoke(args=[*base[:-2], "--source", "", "--as", admin.email])

    assert added.exit_code == 0, added.output
    assert refused.exit_code == 2
    assert "errors" in refused.output
    assert bad.exit_code == 2
    assert '"source"' in bad.output
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count()).select_from(ParameterRow)) == 1


def test_the_cli_calculation_is_the_contracts_unless_asked_for_the_stored_rows(app, admin, tmp_path):
    """The contract's reference door (the shared check-contract tools run it) keeps the built-in tables;
    ``--stored-parameters`` computes as the web service does."""
    runner = app.test_cli_runner()
    runner.invoke(
        args=["compensation", "parameters", "add", "--as", admin.email, "--table", "minimum_wage"]
        + ["--from", "2027-01-01", "--value", "3700.00", "--status", "verified", "--source", "Budget law"]
    )
    path = tmp_path / "case.json"
    path.write_text(json.dumps(equivalent_case("2027-01-31", [FIRST], [])), encoding="utf-8")

    plain = runner.invoke(args=["compensation", "calculate", str(path)])
    stored = runner.invoke(args=["compensation", "calculate", "--stored-parameters", str(path)])

    assert care(json.loads(plain.output), "2027-01") == 2 * Decimal("3608.00")
    assert care(json.loads(stored.output), "2027-01") == 2 * Decimal("3700.00")
