"""View 3: sectors against the national rate, regions crude and standardised by the national mix.

National figures of 2026 (fixture below): C — 1,000 employed in every region but Chui (2,000), no
country row, so the country's C is their sum, 10,000; F — a country row of 20,000 (it wins over the
regions' sum), 1,000 in every region but Bishkek (12,000) and Talas (none). The mix: w_C = 1/3, w_F = 2/3.
Cases of 2026 (conftest.py): Alpha (C, Chui) 5 victims, 3 deaths; Beta (F, Bishkek) 1 victim.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from core import db
from core.classifiers import Region, Role
from reports.models import COUNTRY, NationalEmployment
from tests.integration.reports.workbooks import sheet_rows, trimmed

YEAR = "year=2026"


@pytest.fixture
def national(app, fixture_cases):
    def figure(sector, region, employment):
        return NationalEmployment(
            year=2026,
            sector=sector,
            region=region,
            sex="all",
            employment=employment,
            source="Нацстатком",
            source_date=date(2026, 6, 30),
        )

    with app.app_context(), db.transaction() as s:
        for region in Region:
            s.add(figure("C", region.value, 2000 if region is Region.CHUI else 1000))
            if region is not Region.TALAS:
                s.add(figure("F", region.value, 12000 if region is Region.BISHKEK else 1000))
        s.add(figure("F", COUNTRY, 20000))
    return fixture_cases


def cells(html, attribute, key):
    """{column: data-value} of a table row."""
    row = html.split(f'{attribute}="{key}"', 1)[1].split("</tr>", 1)[0]
    found = row.split('data-column="')[1:]
    return {c.split('"', 1)[0]: c.split('data-value="', 1)[1].split('"', 1)[0] for c in found}


def test_each_sector_stands_against_its_national_rate(login_as, make_user, national):
    html = login_as(make_user(Role.INSPECTOR)).get(f"/reports/sectors?{YEAR}").get_data(as_text=True)

    c, f = cells(html, "data-sector", "C"), cells(html, "data-sector", "F")
    assert (c["victims"], c["denominator"], c["national_frequency"]) == ("5", "10000", "0.50")
    assert c["national_fatal"] == "0.30"
    assert (f["victims"], f["denominator"], f["national_frequency"]) == ("1", "20000", "0.05")
    assert (c["frequency"], f["fatal"]) == ("0.50", "0.00")  # the whole country in view
    country = html.split('id="country-row"', 1)[1].split("</tr>", 1)[0]
    assert 'data-value="0.20"' in country  # 6 x 1000 / 30,000
    assert 'data-value="0.10"' in country  # 3 x 1000 / 30,000


def test_regions_are_crude_and_standardised_by_the_national_sector_mix(login_as, make_user, national):
    html = login_as(make_user(Role.INSPECTOR)).get(f"/reports/sectors?{YEAR}").get_data(as_text=True)

    chui = cells(html, "data-region", "chui")
    # crude 5 x 1000 / 3,000; standardised 1/3 x 5 x 1000 / 2,000 + 2/3 x 0
    assert (chui["employment"], chui["crude"], chui["standardised"]) == ("3000", "1.67", "0.83")
    assert (chui["crude_fatal"], chui["standardised_fatal"]) == ("1.00", "0.50")
    bishkek = cells(html, "data-region", "bishkek")
    # crude 1 x 1000 / 13,000; standardised 2/3 x 1 x 1000 / 12,000
    assert (bishkek["crude"], bishkek["standardised"]) == ("0.08", "0.06")
    assert cells(html, "data-region", "osh")["standardised"] == "0.00"
    talas = cells(html, "data-region", "talas")
    assert (talas["crude"], talas["standardised"]) == ("", "")  # no F figure: no data
    row = html.split('data-region="chui"', 1)[1].split("</tr>", 1)[0]
    crude = row.split('data-column="crude"', 1)[0].rsplit("<td", 1)[1]
    crude_fatal = row.split('data-column="crude_fatal"', 1)[0].rsplit("<td", 1)[1]
    assert "small-numbers" not in crude  # 5 victims
    assert "small-numbers" in crude_fatal  # 3 deaths: greyed


def test_an_officer_sees_their_employer_against_its_sector_and_nothing_of_another(login_as, national):
    client = login_as(national["officer"])

    html = client.get(f"/reports/sectors?{YEAR}&region=bishkek").get_data(as_text=True)
    text = client.get(f"/reports/sectors.csv?{YEAR}").get_data(as_text=True)

    c = cells(html, "data-sector", "C")
    # 5 x 1000 / 400 workers; 3 x 1000 / 400
    assert (c["victims"], c["denominator"], c["frequency"], c["fatal"]) == ("5", "400", "12.50", "7.50")
    assert c["national_frequency"] == "0.50"
    assert 'data-sector="F"' not in html
    assert "data-region=" not in html
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    sector_table = table[1 : table.index([])]  # the table by sex follows under a blank row
    assert [row[0][:4] for row in sector_table] == ["C — ", "Все "]  # its sector, and the country's rates
    assert table[2][1:] == ["", "", "", "0.20", "0.10"]  # no count of the country beside one employer
    beta = login_as(national["other"]).get(f"/reports/sectors.csv?{YEAR}").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(beta.lstrip("\ufeff"))))
    assert [row[0][:4] for row in rows[1 : rows.index([])]] == ["F — ", "Все "]
    assert rows[1][1:4] == ["1", "0", "нет данных"]  # Beta reports no headcount: no data


def test_a_regional_inspector_sees_their_region_against_its_employment(login_as, make_user, national):
    html = (
        login_as(make_user(Role.INSPECTOR, region="chui"))
        .get(f"/reports/sectors?{YEAR}")
        .get_data(as_text=True)
    )

    c, f = cells(html, "data-sector", "C"), cells(html, "data-sector", "F")
    assert (c["victims"], c["denominator"], c["frequency"]) == ("5", "2000", "2.50")
    assert (f["victims"], f["denominator"], f["frequency"]) == ("0", "1000", "0.00")
    assert 'data-region="chui"' in html
    assert 'data-region="bishkek"' not in html


def test_a_year_without_national_figures_says_no_data(login_as, make_user, national):
    html = login_as(make_user(Role.INSPECTOR)).get("/reports/sectors?year=2025").get_data(as_text=True)

    c = cells(html, "data-sector", "C")
    assert (c["victims"], c["national_frequency"], c["frequency"]) == ("1", "", "")
    assert cells(html, "data-region", "chui")["crude"] == ""


def test_a_count_links_to_its_accidents_and_the_downloads_match(login_as, make_user, national):
    client = login_as(make_user(Role.INSPECTOR))

    html = client.get(f"/reports/sectors?{YEAR}").get_data(as_text=True)
    book = load_workbook(io.BytesIO(client.get(f"/reports/sectors.xlsx?{YEAR}").data))
    text = client.get(f"/reports/sectors.csv?{YEAR}").get_data(as_text=True)
    listed = client.get("/accidents?date_from=2026-01-01&date_to=2026-12-31&sector=F").get_data(as_text=True)

    row = html.split('data-sector="F"', 1)[1].split("</tr>", 1)[0]
    assert 'href="/accidents?date_from=2026-01-01&amp;date_to=2026-12-31&amp;sector=F"' in row
    assert "<td>Beta</td>" in listed
    assert "<td>Alpha</td>" not in listed
    assert '<option value="F" selected>' in listed  # the list says which sector it shows
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    sheet = sheet_rows(book)
    assert [trimmed(r) for r in sheet] == [trimmed(r) for r in table]
    by_label = {r[0]: r for r in table if r}
    assert by_label["Чуйская область"][4] == "1.67"


def test_a_bad_year_is_named_and_the_charts_are_drawn(login_as, make_user, national):
    client = login_as(make_user(Role.INSPECTOR))

    bad = client.get("/reports/sectors?year=1900")
    sectors_svg = client.get(f"/reports/sectors/chart.svg?{YEAR}").get_data(as_text=True)
    regions_svg = client.get(f"/reports/sectors/regions.svg?{YEAR}").get_data(as_text=True)

    assert bad.status_code == 422
    assert 'data-field="year"' in bad.get_data(as_text=True)
    assert "<svg" in sectors_svg
    assert "<svg" in regions_svg


def test_a_zero_headcount_or_an_empty_scope_is_no_data_not_a_rate(
    app, login_as, make_user, make_employer, national
):
    from core.employers import EmployerHeadcount

    gamma = make_employer(name="Gamma", sector="C", region="osh")
    with app.app_context(), db.transaction() as s:
        s.add(EmployerHeadcount(employer_id=gamma.id, year=2026, headcount=0))

    html = (
        login_as(make_user(Role.SAFETY_OFFICER, employer=gamma))
        .get(f"/reports/sectors?{YEAR}")
        .get_data(as_text=True)
    )

    c = cells(html, "data-sector", "C")
    assert (c["victims"], c["denominator"], c["frequency"], c["fatal"]) == ("0", "0", "", "")
    assert c["national_frequency"] == "0.50"  # the sector's total: Alpha's cases, never Alpha's own figures
    assert "12.50" not in html


def employment_by_sex(sector, region, sex, employment):
    """A national employment figure of 2026 for one sex (Нацстатком, as of 30 June)."""
    return NationalEmployment(
        year=2026,
        sector=sector,
        region=region,
        sex=sex,
        employment=employment,
        source="Нацстатком",
        source_date=date(2026, 6, 30),
    )


def test_the_countrys_sectors_by_sex_divide_by_the_national_figure_of_each_sex(
    app, login_as, make_user, national
):
    import sqlalchemy as sa

    from accidents.models import Accident, Victim

    figure = employment_by_sex

    with app.app_context(), db.transaction() as s:
        s.add_all(
            [
                figure("C", COUNTRY, "female", 4000),
                figure("C", COUNTRY, "male", 6000),
                figure("F", COUNTRY, "female", 8000),  # no figure of men in F
                figure("A", Region.CHUI.value, "female", 500),  # one region only: no national figure
            ]
        )
        group = s.scalars(sa.select(Victim.id).join(Accident).where(Accident.category == "group")).first()
        s.execute(sa.update(Victim).where(Victim.id == group).values(sex="female"))

    html = login_as(make_user(Role.INSPECTOR)).get(f"/reports/sectors?{YEAR}").get_data(as_text=True)
    table = html.split('id="sex-table"', 1)[1].split("</table>", 1)[0]

    c, f = cells(table, "data-sector", "C"), cells(table, "data-sector", "F")
    assert (c["female_victims"], c["female_employment"], c["female_frequency"]) == ("1", "4000", "0.25")
    assert c["female_fatal"] == "0.25"  # the group's woman died: 1 x 1000 / 4,000
    assert (c["male_victims"], c["male_employment"], c["male_frequency"]) == ("4", "6000", "0.67")
    assert c["male_fatal"] == "0.33"  # 2 x 1000 / 6,000
    assert (f["female_victims"], f["female_frequency"]) == ("0", "0.00")
    assert (f["male_victims"], f["male_employment"], f["male_frequency"]) == ("1", "", "")  # no data
    assert "нет данных" in table.split('data-sector="F"', 1)[1].split("</tr>", 1)[0]
    assert 'data-sector="A"' not in table
    # One employer in view: its own sector only, as in the sector table.
    own = login_as(national["officer"]).get(f"/reports/sectors?{YEAR}").get_data(as_text=True)
    assert cells(own.split('id="sex-table"', 1)[1], "data-sector", "C")["male_frequency"] == "0.67"
    assert 'data-sector="F"' not in own


def test_the_downloads_carry_the_countrys_sectors_by_sex_as_the_page_shows_them(
    app, login_as, make_user, national
):
    import sqlalchemy as sa

    from accidents.models import Accident, Victim

    def figure(sector, sex, employment):
        return employment_by_sex(sector, COUNTRY, sex, employment)

    with app.app_context(), db.transaction() as s:
        s.add_all([figure("C", "female", 4000), figure("C", "male", 6000), figure("F", "female", 8000)])
        group = s.scalars(sa.select(Victim.id).join(Accident).where(Accident.category == "group")).first()
        s.execute(sa.update(Victim).where(Victim.id == group).values(sex="female"))
    client = login_as(make_user(Role.INSPECTOR))

    def downloads():
        html = client.get(f"/reports/sectors?{YEAR}").get_data(as_text=True)
        text = client.get(f"/reports/sectors.csv?{YEAR}").get_data(as_text=True)
        book = load_workbook(io.BytesIO(client.get(f"/reports/sectors.xlsx?{YEAR}").data))
        table = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
        title = html.split('id="sex-title">', 1)[1].split("<", 1)[0]
        block = table[table.index([title]) + 1 :]
        page = html.split('id="sex-table"', 1)[1].split("</table>", 1)[0]
        header = [
            th.split(">", 1)[1].split("<", 1)[0]
            for th in page.split("<thead>")[1].split("</thead>")[0].split("<th")[1:]
        ]
        assert block[0] == header
        shown = []
        for row in page.split("<tr data-sector=")[1:]:
            row = row.split("</tr>", 1)[0]
            label = row.split("<td>", 1)[1].split("<", 1)[0]
            shown.append(
                [label, *(td.split(">", 1)[1].split("<", 1)[0].strip() for td in row.split("<td")[2:])]
            )
        assert table[table.index([title]) - 1] == []  # a blank row before the table by sex
        assert [trimmed(r) for r in sheet_rows(book)] == [trimmed(r) for r in table]
        return block, shown, book

    block, shown, book = downloads()
    client.get("/lang/ky")
    ky_block, ky_shown, ky_book = downloads()

    assert block[0][:2] == ["Отрасль", "Женщины: пострадавшие"]
    assert block[1:] == shown
    c, f = block[1], block[2]
    assert c[0].startswith("C — ")
    # women: victims, employed, Кч, Ксм; then men's
    assert c[1:] == ["1", "4000", "0.25", "0.25", "4", "6000", "0.67", "0.33"]
    assert f[5:] == ["1", "нет данных", "нет данных", "нет данных"]  # no figure of men in F
    women = list(book.active.iter_rows())[-2]  # C, the last table's first row
    assert women[0].value == c[0]
    assert (women[2].number_format, women[3].value, women[3].number_format) == ("#,##0", 0.25, "#,##0.00")
    assert ky_block[1:] == ky_shown
    assert ky_block[2][6] == "маалымат жок"
    men = list(ky_book.active.iter_rows())[-1]  # F
    assert (men[5].value, men[5].number_format, men[6].data_type) == (1, "#,##0", "s")
