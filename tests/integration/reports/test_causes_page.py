"""View 4: causes as a Pareto, incident type x severity, who gets hurt, when (fixture: conftest.py).

Alpha's 2026 cases (hand-counted from the fixture): five, all with main cause 8 and incident type 2,
three of them deaths (the group's two, March's later death), 33 working days lost (3 + 30); all men
born 1990-01-01 (aged 36), 3 years 4 months of service; the three of 2026-11-24 were briefed 40 days
before, March's and April's have no workplace briefing; four on a Tuesday (24 November, 10 March), one
on a Thursday (2 April), all at 10:30 Bishkek time.
"""

from __future__ import annotations

import io

from openpyxl import load_workbook

from core.classifiers import Role
from tests.integration.reports.sections_helpers import cell, csv_rows, rows_of, table_of
from tests.integration.reports.workbooks import sheet_rows

PERIOD = "from=2026-01-01&to=2026-12-31"


def test_the_pareto_counts_victims_deaths_days_and_money_by_main_cause(login_as, fixture_cases):
    html = login_as(fixture_cases["officer"]).get(f"/reports/causes?{PERIOD}").get_data(as_text=True)

    assert rows_of(html, "causes") == ["8"]
    assert [cell(html, "causes", "8", k) for k in ("victims", "deaths", "days_lost", "money")] == [
        "5",
        "3",
        "33",
        "0.00",
    ]
    assert cell(html, "causes", "8", "cumulative") == "100.0"


def test_incident_type_by_severity_counts_a_later_death_as_fatal(login_as, fixture_cases):
    html = login_as(fixture_cases["officer"]).get(f"/reports/causes?{PERIOD}").get_data(as_text=True)

    assert [cell(html, "incident_types", "2", k) for k in ("light", "severe", "fatal", "total")] == [
        "1",
        "1",
        "3",
        "5",
    ]


def test_who_gets_hurt_and_when_in_bishkek_time(login_as, fixture_cases):
    html = login_as(fixture_cases["officer"]).get(f"/reports/causes?{PERIOD}").get_data(as_text=True)

    assert cell(html, "sex_age", "35-44", "male") == "5"
    assert cell(html, "service", "3-5", "victims") == "5"
    assert cell(html, "briefing", "current", "victims") == "3"
    assert cell(html, "briefing", "unrecorded", "victims") == "2"
    assert cell(html, "briefing", "unrecorded", "deaths") == "1"  # March's later death
    assert rows_of(html, "when") == ["2", "4"]  # Tuesday, Thursday
    assert cell(html, "when", "2", "3") == "4"  # 09:00-11:59
    assert cell(html, "when", "4", "3") == "1"


def test_a_number_links_to_the_acts_it_counts(login_as, fixture_cases):
    client = login_as(fixture_cases["officer"])

    html = client.get(f"/reports/causes?{PERIOD}").get_data(as_text=True)
    deaths = client.get(f"/reports/causes/causes/records?row=8&figure=deaths&{PERIOD}").get_data(as_text=True)
    thursday = client.get(f"/reports/causes/when/records?row=4&figure=3&{PERIOD}").get_data(as_text=True)
    unbriefed = client.get(f"/reports/causes/briefing/records?row=unrecorded&figure=victims&{PERIOD}")

    assert "/reports/causes/causes/records?row=8&amp;figure=deaths&amp;from=2026-01-01" in html
    assert deaths.count("data-act=") == 3
    assert thursday.count("data-act=") == 1
    assert "02.04.2026" in thursday
    assert unbriefed.get_data(as_text=True).count("data-act=") == 2  # March and April


def test_the_downloads_carry_the_table_as_shown(login_as, fixture_cases):
    client = login_as(fixture_cases["officer"])

    text = client.get(f"/reports/causes/incident_types.csv?{PERIOD}").get_data(as_text=True)
    book = load_workbook(io.BytesIO(client.get(f"/reports/causes/incident_types.xlsx?{PERIOD}").data))

    table = csv_rows(text)
    assert table[0][0] == "Вид происшествия"
    assert table[1][1:] == ["1", "1", "3", "5"]
    assert sheet_rows(book) == table
    assert book.active["B2"].value == 1
    assert book.active["B2"].number_format == "#,##0"


def test_an_officer_finds_none_of_another_employers_numbers(login_as, fixture_cases):
    client = login_as(fixture_cases["other"])
    alpha = fixture_cases["alpha"].id

    html = client.get(f"/reports/causes?{PERIOD}&employer_id={alpha}").get_data(as_text=True)
    text = client.get(f"/reports/causes/causes.csv?{PERIOD}&employer_id={alpha}").get_data(as_text=True)
    records = client.get(f"/reports/causes/causes/records?row=8&figure=victims&{PERIOD}").get_data(
        as_text=True
    )
    book = load_workbook(io.BytesIO(client.get(f"/reports/causes/causes.xlsx?{PERIOD}&region=chui").data))
    sheet = sheet_rows(book)

    assert cell(html, "causes", "8", "victims") == "1"  # Beta's one light case
    assert csv_rows(text)[1][1:3] == ["1", "0"]
    assert records.count("data-act=") == 1
    assert "Alpha" not in html + text + records
    assert sheet[1][1:3] == ["1", "0"]  # the region filter is no officer's either


def test_an_empty_scope_says_no_data_and_few_cases_are_greyed(login_as, make_user, fixture_cases):
    nobody = login_as(make_user(Role.INSPECTOR, region="naryn"))
    empty = nobody.get(f"/reports/causes?{PERIOD}").get_data(as_text=True)
    svg = nobody.get(f"/reports/causes/causes/chart.svg?{PERIOD}").get_data(as_text=True)
    beta = login_as(fixture_cases["other"]).get(f"/reports/causes?{PERIOD}").get_data(as_text=True)

    assert empty.count('class="muted no-data"') == 6
    assert "<svg" in svg
    assert (
        "small-numbers"
        in table_of(beta, "causes").split('data-figure="cumulative"', 1)[0].rsplit("<td", 1)[1]
    )


def test_the_money_is_what_the_current_award_fixes_to_the_tyiyn(
    app, login_as, make_user, make_accident, make_claim, pin_today
):
    import sqlalchemy as sa

    from claims.models import Installment
    from core import db
    from tests.conftest import LONG_SESSIONS
    from tests.factories import ACCIDENT_DAY, RECORDS_DAY

    app.config.update(LONG_SESSIONS)
    officer, inspector = make_user(Role.SAFETY_OFFICER), make_user(Role.INSPECTOR)
    accident = make_accident(officer, "approved", reviewer=inspector, on=ACCIDENT_DAY)
    pin_today(RECORDS_DAY)
    client = login_as(officer)
    _claim, decision = make_claim(client, accident["victims"][0])
    with app.app_context():
        tyiyn = int(
            db.session().scalar(
                sa.select(sa.func.sum(sa.type_coerce(Installment.amount, sa.BigInteger))).where(
                    Installment.decision_id == decision["id"]
                )
            )
        )

    html = client.get(f"/reports/causes?{PERIOD}").get_data(as_text=True)

    assert tyiyn > 0
    assert cell(html, "causes", "8", "money") == f"{tyiyn // 100}.{tyiyn % 100:02d}"
