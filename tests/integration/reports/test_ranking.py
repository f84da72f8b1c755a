"""View 9: each employer against its sector, with flags, and the signals of under-reporting.

The cases of 2026 (conftest.py) and national figures (test_sectors_page.py: C 10,000, F 20,000), and:
Gamma (C, Bishkek, 600 workers) one light case; Delta (F, Bishkek, 250 workers) and Epsilon (F, 50
workers) no accident at all.

| employer | workers | cases | deaths | closed, days | Кч                 | Кт          |
|----------|---------|-------|--------|--------------|--------------------|-------------|
| Alpha    | 400     | 5     | 3      | 2, 33        | 5 x 1000 / 400 = 12.50 | 33 / 2 = 16.50 |
| Gamma    | 600     | 1     | 0      | 0            | 1 x 1000 / 600 = 1.67  | no data     |
| Beta     | —       | 1     | 0      | 0            | no data            | no data     |
| Delta    | 250     | 0     | 0      | 0            | 0.00               | no data     |

Sector C in the country: 6 cases x 1000 / 10,000 = 0.60, Кт 33 / 2 = 16.50; F: 1 x 1000 / 20,000 = 0.05.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from core import db
from core.classifiers import Role
from core.employers import EmployerHeadcount
from tests.integration.reports.test_sectors_page import cells, national  # noqa: F401  (a fixture)
from tests.integration.reports.workbooks import sheet_rows

YEAR = "year=2026"


@pytest.fixture
def ranked(app, national, make_employer, make_user, make_accident):  # noqa: F811
    gamma = make_employer(name="Gamma", sector="C")
    delta = make_employer(name="Delta", sector="F")
    epsilon = make_employer(name="Epsilon", sector="F")
    with app.app_context(), db.transaction() as s:
        for employer, workers in ((gamma, 600), (delta, 250), (epsilon, 50)):
            s.add(EmployerHeadcount(employer_id=employer.id, year=2026, headcount=workers))
    make_accident(
        make_user(Role.SAFETY_OFFICER, employer=gamma), "filled", category="light", act={"severity": "light"}
    )
    return {**national, "gamma": gamma, "delta": delta, "epsilon": epsilon}


def page(client, query=YEAR):
    response = client.get(f"/reports/ranking?{query}")
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    return response.get_data(as_text=True)


def test_each_employer_stands_against_its_sectors_national_rates(login_as, make_user, ranked):
    html = page(login_as(make_user(Role.INSPECTOR)))

    alpha = cells(html, "data-employer", ranked["alpha"].id)
    assert (alpha["workers"], alpha["victims"], alpha["frequency"], alpha["severity"]) == (
        "400",
        "5",
        "12.50",
        "16.50",
    )
    assert (alpha["sector_frequency"], alpha["sector_severity"]) == ("0.60", "16.50")
    gamma = cells(html, "data-employer", ranked["gamma"].id)
    assert (gamma["frequency"], gamma["severity"], gamma["sector_frequency"]) == ("1.67", "", "0.60")
    beta = cells(html, "data-employer", ranked["beta"].id)
    assert (beta["workers"], beta["frequency"], beta["sector_frequency"]) == ("", "", "0.05")
    delta = cells(html, "data-employer", ranked["delta"].id)
    assert (delta["victims"], delta["frequency"]) == ("0", "0.00")


def test_flags_name_overdue_measures_late_notices_and_a_rate_above_the_sectors(
    login_as, make_user, ranked, pin_today
):
    # Every act's measure falls due on 2026-12-06 (act_json): on 2027-01-10 all of them are overdue.
    pin_today(date(2027, 1, 10))
    html = page(login_as(make_user(Role.INSPECTOR)))

    alpha = cells(html, "data-employer", ranked["alpha"].id)
    # Alpha's eight acts (2026's seven and 2025's one) have a measure each; its four accidents of 2026
    # that are not light had notices due and none was sent.
    assert (alpha["overdue_measures"], alpha["late_notices"], alpha["outstanding"]) == ("8", "4", "")
    assert alpha["flags"].startswith("Кч выше отраслевого")
    assert "Кт выше" not in alpha["flags"]  # 16.50 is the sector's own
    delta = cells(html, "data-employer", ranked["delta"].id)
    assert (delta["overdue_measures"], delta["late_notices"], delta["flags"]) == ("0", "0", "")


def test_measures_not_yet_due_are_no_flag(login_as, make_user, ranked):
    html = page(login_as(make_user(Role.INSPECTOR)))

    assert cells(html, "data-employer", ranked["alpha"].id)["overdue_measures"] == "0"


def order(html):
    table = html.split('id="ranking-table"', 1)[1].split("</table>", 1)[0]
    return [int(part.split('"', 1)[0]) for part in table.split('data-employer="')[1:]]


def test_the_table_sorts_by_the_rate_by_default_and_by_any_column_asked(login_as, make_user, ranked):
    client = login_as(make_user(Role.INSPECTOR))
    ids = {k: ranked[k].id for k in ("alpha", "beta", "gamma", "delta", "epsilon")}

    # Кч highest first, equal ones by name, no rate last.
    by_rate = [ids[k] for k in ("alpha", "gamma", "delta", "epsilon", "beta")]
    assert order(page(client)) == by_rate
    by_name = [ids[k] for k in ("alpha", "beta", "delta", "epsilon", "gamma")]
    assert order(page(client, f"{YEAR}&sort=name")) == by_name
    assert order(page(client, f"{YEAR}&sort=victims"))[:2] == [ids["alpha"], ids["beta"]]


def test_silent_employers_have_many_workers_and_no_act_for_years(login_as, make_user, ranked):
    client = login_as(make_user(Role.INSPECTOR))

    def silent(query):
        table = page(client, query).split('id="silent-table"', 1)[1].split("</table>", 1)[0]
        return [int(part.split('"', 1)[0]) for part in table.split('data-employer="')[1:]]

    assert silent(YEAR) == [ranked["delta"].id]  # Epsilon's 50 workers are fewer than 100
    assert silent(f"{YEAR}&workers=10") == [ranked["delta"].id, ranked["epsilon"].id]
    assert silent(f"{YEAR}&workers=700") == []


def test_the_non_fatal_to_fatal_ratio_is_flagged_below_the_ilos_500(login_as, make_user, ranked):
    html = page(login_as(make_user(Role.INSPECTOR)))

    c = cells(html, "data-key", "C")  # 6 cases, 3 deaths: 3 non-fatal a death
    assert (c["nonfatal"], c["deaths"], c["ratio"], c["below"]) == ("3", "3", "1.0", "yes")
    f = cells(html, "data-key", "F")  # no death: no ratio
    assert (f["nonfatal"], f["deaths"], f["ratio"], f["below"]) == ("1", "0", "", "")
    chui = cells(html, "data-key", "chui")  # Alpha: 2 non-fatal, 3 deaths
    assert (chui["ratio"], chui["below"]) == ("0.7", "yes")
    assert cells(html, "data-key", "bishkek")["nonfatal"] == "2"  # Beta and Gamma


def test_an_officer_sees_their_own_row_against_the_sectors_total_only(login_as, ranked):
    client = login_as(ranked["officer"])
    html = page(client, f"{YEAR}&employer_id={ranked['gamma'].id}&region=bishkek")  # ignored

    assert order(html) == [ranked["alpha"].id]
    alpha = cells(html, "data-employer", ranked["alpha"].id)
    assert (alpha["frequency"], alpha["sector_frequency"]) == ("12.50", "0.60")
    for name in ("Gamma", "Beta", "Delta", "Epsilon"):
        assert name not in html
    # The ratio is the sector's national total; no region (other employers' figures) is shown.
    c = cells(html, "data-key", "C")
    assert (c["nonfatal"], c["deaths"], c["ratio"]) == ("3", "3", "1.0")
    assert 'id="ratio-regions"' not in html
    assert 'data-key="chui"' not in html
    body = client.get(f"/reports/ranking.csv?{YEAR}").get_data(as_text=True)
    for name in ("Gamma", "Beta", "Delta", "Epsilon"):
        assert name not in body
    assert "1.67" not in body
    assert "12.50" in body


def test_a_regional_inspector_ranks_their_regions_employers(login_as, make_user, ranked):
    html = page(login_as(make_user(Role.INSPECTOR, region="chui")))

    assert order(html) == [ranked["alpha"].id]
    assert 'data-key="bishkek"' not in html


def test_the_csv_and_xlsx_carry_the_same_tables(login_as, make_user, ranked):
    client = login_as(make_user(Role.INSPECTOR))

    text = client.get(f"/reports/ranking.csv?{YEAR}").get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    alpha = next(r for r in rows if r and r[0] == "Alpha")
    assert alpha[2:8] == ["400", "5", "12.50", "0.60", "16.50", "16.50"]
    assert any(r and r[0] == "Delta" and r[2] == "250" for r in rows[rows.index(alpha) + 1 :])
    book = load_workbook(io.BytesIO(client.get(f"/reports/ranking.xlsx?{YEAR}").data))
    assert next(r for r in sheet_rows(book) if r[0] == "Alpha")[2:8] == alpha[2:8]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("year=abc", "year"),
        ("year=2026&years=0", "years"),
        ("year=2026&sort=pin", "sort"),
        ("year=2026&workers=-3", "workers"),
        ("year=2026&region=mars", "region"),
    ],
)
def test_bad_filters_are_named_never_a_500(login_as, make_user, ranked, query, field):
    client = login_as(make_user(Role.INSPECTOR))

    response = client.get(f"/reports/ranking?{query}")
    assert response.status_code == 422
    assert f'name="{field}"' in response.get_data(as_text=True)
    assert client.get(f"/reports/ranking.csv?{query}").status_code == 422


def test_an_employer_filter_outside_the_scope_is_not_found(login_as, make_user, ranked):
    client = login_as(make_user(Role.INSPECTOR, region="chui"))

    assert client.get(f"/reports/ranking?{YEAR}&employer_id={ranked['gamma'].id}").status_code == 404


def test_arrears_are_what_the_money_view_finds_outstanding(
    app, login_as, make_user, make_employer, make_accident, make_claim, pin_today
):
    from tests.factories import ACCIDENT_DAY, RECORDS_DAY

    inspector = make_user(Role.INSPECTOR)
    zeta = make_employer(name="Zeta")
    officer = make_user(Role.SAFETY_OFFICER, employer=zeta)
    made = make_accident(officer, "approved", reviewer=inspector, on=ACCIDENT_DAY)
    pin_today(RECORDS_DAY)
    make_claim(login_as(officer), made["victims"][0])
    pin_today(date(2027, 3, 1))  # the monthly payments of December to February fell due, none paid
    client = login_as(inspector)

    owed = client.get(f"/api/v1/reports/money?as_of=2027-03-01&employer_id={zeta.id}").get_json()
    row = cells(page(client), "data-employer", zeta.id)
    assert float(owed["outstanding"]) > 0
    assert row["outstanding"] == owed["outstanding"]
    assert "Задолженность" in row["flags"]


def test_a_payment_after_a_ranking_was_seen_changes_the_next_rankings_arrears(
    app, login_as, make_user, make_employer, make_accident, make_claim, pin_today
):
    """The ranking is kept per data version: the payment is a write, and the next page shows it."""
    from tests.factories import ACCIDENT_DAY, RECORDS_DAY

    inspector = make_user(Role.INSPECTOR)
    zeta = make_employer(name="Zeta")
    officer = make_user(Role.SAFETY_OFFICER, employer=zeta)
    made = make_accident(officer, "approved", reviewer=inspector, on=ACCIDENT_DAY)
    pin_today(RECORDS_DAY)
    claim = make_claim(login_as(officer), made["victims"][0])[0]
    pin_today(date(2027, 3, 1))
    client = login_as(inspector)
    before = cells(page(client), "data-employer", zeta.id)["outstanding"]

    paid = login_as(officer).post(
        f"/api/v1/claims/{claim['id']}/payments",
        json={"paid_on": "2027-02-15", "amount": "1000.00", "applies_to": "periodic"},
    )
    assert paid.status_code == 201, paid.get_json()
    after = cells(page(client), "data-employer", zeta.id)["outstanding"]

    assert Decimal(before) - Decimal(after) == Decimal("1000.00")
    owed = client.get(f"/api/v1/reports/money?as_of=2027-03-01&employer_id={zeta.id}").get_json()
    assert after == owed["outstanding"]


def test_a_ranking_kept_for_the_country_is_never_shown_to_an_officer(login_as, make_user, ranked):
    inspector = make_user(Role.INSPECTOR)
    everyone = page(login_as(inspector))
    html = page(login_as(ranked["officer"]))
    again = page(login_as(inspector))

    assert "Gamma" in everyone
    assert order(html) == [ranked["alpha"].id]
    for name in ("Gamma", "Beta", "Delta", "Epsilon"):
        assert name not in html
    assert order(again) == order(everyone)
    assert cells(again, "data-employer", ranked["gamma"].id) == cells(
        everyone, "data-employer", ranked["gamma"].id
    )
