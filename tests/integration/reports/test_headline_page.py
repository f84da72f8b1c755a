"""View 1: the headline figures against a year earlier, its downloads and chart (fixture: conftest.py)."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from core.classifiers import Role
from tests.integration.reports.workbooks import sheet_rows, trimmed

PERIOD = "from=2026-01-01&to=2026-12-31"


def cell(html, indicator, column):
    """The data-value of a row's cell: column 0 the period, 1 a year earlier."""
    row = html.split(f'data-indicator="{indicator}"', 1)[1].split("</tr>", 1)[0]
    return row.split('data-value="')[1 + column].split('"', 1)[0]


def test_the_period_stands_against_the_same_period_a_year_earlier(login_as, fixture_cases):
    html = login_as(fixture_cases["officer"]).get(f"/reports/headline?{PERIOD}").get_data(as_text=True)

    assert cell(html, "victims", 0) == "5"
    assert cell(html, "victims", 1) == "1"
    assert cell(html, "frequency_rate", 0) == "12.50"
    assert cell(html, "frequency_rate", 1) == "2.63"  # 1 x 1000 / 380
    assert cell(html, "per_million_hours", 1) == ""  # no hours reported for 2025


def test_rates_on_few_cases_are_greyed_and_a_missing_denominator_says_no_data(login_as, fixture_cases):
    client = login_as(fixture_cases["officer"])
    client.get("/lang/ky")

    html = client.get(f"/reports/headline?{PERIOD}").get_data(as_text=True)

    earlier = html.split('data-indicator="frequency_rate"', 1)[1].split("</tr>", 1)[0]
    assert earlier.count("small-numbers") == 1  # 2025's one case; 2026 has five
    hours = html.split('data-indicator="per_million_hours"', 1)[1].split("</tr>", 1)[0]
    assert "маалымат жок" in hours


def test_the_csv_and_xlsx_carry_the_same_table(login_as, fixture_cases):
    client = login_as(fixture_cases["officer"])

    text = client.get(f"/reports/headline.csv?{PERIOD}").get_data(as_text=True)
    book = load_workbook(io.BytesIO(client.get(f"/reports/headline.xlsx?{PERIOD}").data))

    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert table[0][1:] == ["01.01.2026 – 31.12.2026", "01.01.2025 – 31.12.2025"]
    by_label = {row[0]: row[1:] for row in table[1:] if row}
    assert by_label["Пострадавшие"] == ["5", "1"]
    assert by_label["Кт: потеряно рабочих дней на один закрытый случай"] == ["16.50", "нет данных"]
    # The table by sex follows under a blank row; the sheet is as wide as its widest table.
    assert [trimmed(r) for r in sheet_rows(book)] == table
    assert book.active.freeze_panes == "A2"
    # Figures are number cells: a rate with two decimals, a count whole (issue 14: not the text "16.50").
    rate = next(row for row in book.active.iter_rows() if row[0].value.startswith("Кт:"))[1]
    victims = next(row for row in book.active.iter_rows() if row[0].value == "Пострадавшие")[1]
    assert (rate.value, rate.number_format) == (16.5, "#,##0.00")
    assert (victims.value, victims.number_format) == (5, "#,##0")


def test_an_officer_finds_none_of_another_employers_numbers(login_as, fixture_cases):
    client = login_as(fixture_cases["other"])

    html = client.get(f"/reports/headline?{PERIOD}&employer_id={fixture_cases['alpha'].id}").get_data(
        as_text=True
    )
    text = client.get(f"/reports/headline.csv?{PERIOD}&region=chui").get_data(as_text=True)

    assert cell(html, "victims", 0) == "1"  # the employer filter is no officer's
    assert "12.50" not in html
    assert "Alpha" not in html
    rows = [
        row for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) if len(row) > 1
    ]  # not the blank, the title
    assert dict(row[:2] for row in rows)["Пострадавшие"] == "1"


def test_the_filters_are_in_the_url_and_a_bad_one_is_named(login_as, make_user, fixture_cases):
    client = login_as(make_user(Role.INSPECTOR))

    bishkek = client.get(f"/reports/headline?{PERIOD}&region=bishkek").get_data(as_text=True)
    bad = client.get("/reports/headline?from=2026-12-31&to=2026-01-01")

    assert cell(bishkek, "victims", 0) == "1"  # Beta alone
    assert 'href="/reports/headline.csv?from=2026-01-01&amp;to=2026-12-31&amp;region=bishkek"' in bishkek
    assert bad.status_code == 422
    assert 'data-field="to"' in bad.get_data(as_text=True)


def test_the_chart_is_in_the_viewers_language(login_as, fixture_cases):
    client = login_as(fixture_cases["officer"])
    client.get("/lang/ky")

    page = client.get(f"/reports/headline?{PERIOD}").get_data(as_text=True)
    svg = client.get(f"/reports/headline/chart.svg?{PERIOD}&lang=ky").get_data(as_text=True)

    assert "/reports/headline/chart.svg?from=2026-01-01&amp;to=2026-12-31&amp;lang=ky" in page
    assert "Бир жыл мурун" in svg
    assert "<svg" in svg


def sex_cell(html, sex, column):
    row = html.split(f'data-sex="{sex}"', 1)[1].split("</tr>", 1)[0]
    return row.split(f'data-column="{column}" data-value="', 1)[1].split('"', 1)[0]


def sex_block(html, rows):
    """The downloads' table by sex (the rows under its title), and what the page's table shows: each
    sex's label and its figures as the page prints them ("no data" where there is none)."""
    title = html.split('id="by-sex-title">', 1)[1].split("<", 1)[0]
    block = rows[[r[0] if r else "" for r in rows].index(title) + 1 :]
    page = []
    for sex in ("female", "male"):
        row = html.split(f'data-sex="{sex}"', 1)[1].split("</tr>", 1)[0]
        label = row.split('<th scope="row">', 1)[1].split("<", 1)[0]
        page.append([label, *(td.split(">", 1)[1].split("<", 1)[0] for td in row.split("<td")[1:])])
    return block, page


def downloads(client, query):
    """The CSV's rows and the workbook's, as the CSV writes them, with the workbook itself."""
    text = client.get(f"/reports/headline.csv?{query}").get_data(as_text=True)
    book = load_workbook(io.BytesIO(client.get(f"/reports/headline.xlsx?{query}").data))
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")))), [trimmed(r) for r in sheet_rows(book)], book


def one_woman_of_a_hundred(app) -> None:
    """The group accident's first victim a woman, and 100 women of the employer's 2026 headcount."""
    import sqlalchemy as sa

    from accidents.models import Accident, Victim
    from core import db
    from core.employers import EmployerHeadcount

    with app.app_context(), db.transaction() as s:
        group = s.scalars(sa.select(Victim.id).join(Accident).where(Accident.category == "group")).first()
        s.execute(sa.update(Victim).where(Victim.id == group).values(sex="female"))
        s.execute(sa.update(EmployerHeadcount).where(EmployerHeadcount.year == 2026).values(women=100))


def test_the_breakdown_by_sex_divides_by_each_sexs_headcount(app, login_as, fixture_cases):
    one_woman_of_a_hundred(app)
    client = login_as(fixture_cases["officer"])

    html = client.get(f"/reports/headline?{PERIOD}").get_data(as_text=True)
    client.get("/lang/ky")
    ky = client.get("/reports/headline?from=2025-01-01&to=2025-12-31").get_data(as_text=True)

    assert (sex_cell(html, "female", "victims"), sex_cell(html, "female", "deaths")) == ("1", "1")
    assert sex_cell(html, "female", "headcount") == "100"
    assert sex_cell(html, "female", "frequency_rate") == "10.00"  # 1 x 1000 / 100
    assert sex_cell(html, "female", "fatal_per_100k") == "1000.00"
    assert sex_cell(html, "male", "victims") == "4"
    assert sex_cell(html, "male", "headcount") == "300"
    assert sex_cell(html, "male", "frequency_rate") == "13.33"  # 4 x 1000 / 300
    assert sex_cell(html, "male", "fatal_frequency_rate") == "6.67"  # 2 x 1000 / 300
    # 2025: no women reported, so no rate by sex, though the headcount of both is known.
    assert sex_cell(ky, "male", "victims") == "1"
    assert sex_cell(ky, "male", "frequency_rate") == ""
    assert "маалымат жок" in ky.split('data-sex="male"', 1)[1].split("</tr>", 1)[0]
    assert cell(ky, "frequency_rate", 0) == "2.63"


def test_the_downloads_carry_the_breakdown_by_sex_as_the_page_shows_it(app, login_as, fixture_cases):
    one_woman_of_a_hundred(app)
    client = login_as(fixture_cases["officer"])

    html = client.get(f"/reports/headline?{PERIOD}").get_data(as_text=True)
    table, sheet, book = downloads(client, PERIOD)
    client.get("/lang/ky")
    earlier = "from=2025-01-01&to=2025-12-31"
    ky_html = client.get(f"/reports/headline?{earlier}").get_data(as_text=True)
    ky_table, ky_sheet, ky_book = downloads(client, earlier)

    block, page = sex_block(html, table)
    assert table[table.index(block[0]) - 2] == []  # a blank row between the two tables
    thead = html.split('id="indicators-by-sex"', 1)[1].split("<thead>", 1)[1].split("</thead>", 1)[0]
    assert block[0] == [th.split(">", 1)[1].split("<", 1)[0] for th in thead.split("<th")[1:]]
    assert block[0][:2] == ["Пол", "Пострадавшие"]
    assert block[1:] == page
    # victims, deaths, headcount, Кч, Ксм, fatal and non-fatal per 100,000: women 1 of 100, men 4 of 300
    assert block[1][1:] == ["1", "1", "100", "10.00", "10.00", "1000.00", "0.00"]
    assert block[2][1:] == ["4", "2", "300", "13.33", "6.67", "666.67", "666.67"]
    assert sheet == table
    women = next(r for r in book.active.iter_rows() if r[0].value == block[1][0])
    assert (women[3].value, women[3].number_format) == (100, "#,##0")
    assert (women[4].value, women[4].number_format) == (10, "#,##0.00")
    # 2025 in Kyrgyz: no women reported, so "no data" for the rates by sex, as on the page.
    ky_block, ky_page = sex_block(ky_html, ky_table)
    assert ky_block[0][0] == "Жынысы"
    assert ky_block[1:] == ky_page
    assert ky_block[2][1] == "1"
    assert ky_block[2][4] == "маалымат жок"
    assert ky_sheet == ky_table
    men = next(r for r in ky_book.active.iter_rows() if r[0].value == ky_block[2][0])
    assert (men[1].value, men[1].number_format) == (1, "#,##0")
    assert (men[4].value, men[4].data_type) == ("маалымат жок", "s")
