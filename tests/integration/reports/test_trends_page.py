"""View 2: 36 months by severity, the same month a year earlier, the 12-month rolling Кч (fixture:
conftest.py; Alpha reported 380 workers for 2025 and 400 for 2026, Beta none)."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from openpyxl import load_workbook

from core.classifiers import Role
from tests.integration.reports.workbooks import sheet_rows

TO = "to=2026-11"


def month(html, period):
    """{column: data-value} of a month's row."""
    row = html.split(f'data-month="{period}"', 1)[1].split("</tr>", 1)[0]
    cells = row.split('data-column="')[1:]
    return {c.split('"', 1)[0]: c.split('data-value="', 1)[1].split('"', 1)[0] for c in cells}


def test_months_count_cases_by_severity_against_the_same_month_a_year_earlier(login_as, fixture_cases):
    html = login_as(fixture_cases["officer"]).get(f"/reports/trends?{TO}").get_data(as_text=True)

    assert html.count("data-month=") == 36
    assert 'data-month="2023-12"' in html
    assert 'data-month="2023-11"' not in html
    november = month(html, "2026-11")
    assert (november["fatal"], november["severe"], november["light"], november["total"]) == (
        "2",
        "0",
        "1",
        "3",
    )
    assert month(html, "2026-03")["fatal"] == "1"  # died within a year: fatal
    assert month(html, "2025-06")["severe"] == "1"  # died over a year later: stays severe
    assert month(html, "2026-06")["year_earlier"] == "1"
    assert november["year_earlier"] == "0"


def test_the_rolling_rate_divides_twelve_months_of_cases_by_their_mean_headcount(login_as, fixture_cases):
    html = login_as(fixture_cases["officer"]).get(f"/reports/trends?{TO}").get_data(as_text=True)

    # Dec 2025 - Nov 2026: 5 cases; P = (380 + 11 x 400) / 12 = 398.33; 5 x 1000 / 398.33 = 12.55
    assert month(html, "2026-11")["rolling_rate"] == "12.55"
    # Jun 2025 - May 2026: 3 cases; P = (7 x 380 + 5 x 400) / 12 = 388.33; 7.73, on few cases: greyed
    may = html.split('data-month="2026-05"', 1)[1].split("</tr>", 1)[0]
    assert month(html, "2026-05")["rolling_rate"] == "7.73"
    assert "small-numbers" in may
    # A window reaching into 2024, a year without a headcount: no data
    assert month(html, "2025-06")["rolling_rate"] == ""


def test_a_rate_counts_only_the_employers_that_reported_their_headcount(login_as, make_user, fixture_cases):
    html = login_as(make_user(Role.INSPECTOR)).get(f"/reports/trends?{TO}").get_data(as_text=True)
    beta = login_as(fixture_cases["other"]).get(f"/reports/trends?{TO}").get_data(as_text=True)

    assert month(html, "2026-11")["total"] == "4"  # Beta's light case too
    assert month(html, "2026-11")["rolling_rate"] == "12.55"  # but not in the rate: no headcount
    assert month(beta, "2026-11")["total"] == "1"
    assert month(beta, "2026-11")["rolling_rate"] == ""
    assert "нет данных" in beta


def test_an_empty_scope_shows_zeros_and_no_rate(login_as, make_user, make_employer, fixture_cases):
    lonely = make_user(Role.SAFETY_OFFICER, employer=make_employer(name="Gamma"))

    html = login_as(lonely).get(f"/reports/trends?{TO}").get_data(as_text=True)

    assert set(month(html, "2026-11").values()) == {"0", ""}


def test_a_count_links_to_the_accidents_of_its_month(login_as, make_user, fixture_cases):
    client = login_as(make_user(Role.INSPECTOR))

    html = client.get(f"/reports/trends?{TO}&region=chui").get_data(as_text=True)
    listed = client.get("/accidents?date_from=2026-03-01&date_to=2026-03-31&region=chui").get_data(
        as_text=True
    )

    row = html.split('data-month="2026-03"', 1)[1].split("</tr>", 1)[0]
    assert 'href="/accidents?date_from=2026-03-01&amp;date_to=2026-03-31&amp;region=chui"' in row
    assert "10.03.2026" in listed


def test_the_downloads_carry_the_table_and_an_officer_none_of_another_employers_numbers(
    login_as, fixture_cases
):
    client = login_as(fixture_cases["other"])

    text = client.get(f"/reports/trends.csv?{TO}&employer_id={fixture_cases['alpha'].id}").get_data(
        as_text=True
    )
    book = load_workbook(io.BytesIO(client.get(f"/reports/trends.xlsx?{TO}").data))

    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert table[0][0] == "Месяц"
    assert len(table) == 37
    assert table[-1][:6] == ["11.2026", "0", "0", "1", "0", "1"]
    assert sum(int(r[5]) for r in table[1:]) == 1  # Beta's one case, none of Alpha's six
    # The workbook's months are date cells (the month's first day), the CSV's "11.2026"; its counts numbers.
    assert sheet_rows(book) == table
    assert isinstance(book.active["A2"].value, datetime)
    assert book.active["F37"].value == 1


def test_a_bad_month_is_named_and_the_chart_speaks_the_viewers_language(login_as, fixture_cases):
    client = login_as(fixture_cases["officer"])
    client.get("/lang/ky")

    bad = client.get("/reports/trends?to=2026-13")
    svg = client.get(f"/reports/trends/chart.svg?{TO}&lang=ky").get_data(as_text=True)

    assert bad.status_code == 422
    assert 'data-field="to"' in bad.get_data(as_text=True)
    assert client.get("/reports/trends.csv?to=x").status_code == 422
    assert "<svg" in svg
    assert "Бир жыл мурунку ушул эле ай" in svg


def test_the_months_read_as_people_name_them_in_the_viewers_language(login_as, fixture_cases):
    """The table's months and the chart's title name the month ("ноябрь 2026"), never "2026-11" or
    "11.2026"; in the Kyrgyz UI with the Kyrgyz month's name."""
    client = login_as(fixture_cases["officer"])

    russian = client.get(f"/reports/trends?{TO}").get_data(as_text=True)
    ru_svg = client.get(f"/reports/trends/chart.svg?{TO}").get_data(as_text=True)
    client.get("/lang/ky")
    kyrgyz = client.get(f"/reports/trends?{TO}").get_data(as_text=True)

    row = russian.split('data-month="2026-11"', 1)[1].split("</tr>", 1)[0]
    assert "<td>ноябрь 2026</td>" in row
    assert "11.2026" not in row
    assert "ноябрь 2026" in ru_svg
    ky_row = kyrgyz.split('data-month="2026-11"', 1)[1].split("</tr>", 1)[0]
    assert "<td>Ноябрь 2026</td>" in ky_row  # Babel's Kyrgyz stand-alone month, capitalised
