"""What views 4-6 share: filters in the URL, bad ones named, charts in the viewer's language, an empty
scope saying "no data", the tables' downloads and the navigation (fixture: conftest.py)."""

from __future__ import annotations

import pytest

from core.classifiers import Role
from tests.integration.reports.sections_helpers import cell, csv_rows

PERIOD = "from=2026-01-01&to=2026-12-31"
#: Each view, one of its tables, and a (row, figure) of it that counts Beta's one case in Bishkek.
VIEWS = {
    "causes": ("causes", "8", "victims"),
    "investigations": ("inspectors", "none", "acts"),
    "measures": ("states", "not_due", "measures"),
}
TABLES = {"causes": 6, "investigations": 2, "measures": 3}


@pytest.mark.parametrize("view", VIEWS)
def test_the_filters_are_in_the_url_and_a_bad_one_is_named(login_as, make_user, fixture_cases, view):
    table, row, figure = VIEWS[view]
    client = login_as(make_user(Role.INSPECTOR))

    bishkek = client.get(f"/reports/{view}?{PERIOD}&region=bishkek").get_data(as_text=True)
    bad = client.get(f"/reports/{view}?from=2026-12-31&to=2026-01-01&region=bishkek")
    wrong_table = client.get(f"/reports/{view}/nothing.csv?{PERIOD}")

    assert cell(bishkek, table, row, figure) == "1"  # Beta alone
    assert (
        f'href="/reports/{view}/{table}.csv?from=2026-01-01&amp;to=2026-12-31&amp;region=bishkek"' in bishkek
    )
    assert bad.status_code == 422
    assert 'data-field="to"' in bad.get_data(as_text=True)
    assert wrong_table.status_code == 404


@pytest.mark.parametrize("view", VIEWS)
def test_an_empty_scope_says_no_data_in_every_table_and_chart(login_as, make_user, fixture_cases, view):
    client = login_as(make_user(Role.INSPECTOR, region="naryn"))
    client.get("/lang/ky")
    table = VIEWS[view][0]

    html = client.get(f"/reports/{view}?{PERIOD}").get_data(as_text=True)
    svg = client.get(f"/reports/{view}/{table}/chart.svg?{PERIOD}&lang=ky").get_data(as_text=True)
    text = client.get(f"/reports/{view}/{table}.csv?{PERIOD}").get_data(as_text=True)

    assert html.count('class="muted no-data"') == TABLES[view]
    assert "Бул тандоо шарттары боюнча маалымат жок." in svg
    assert len(csv_rows(text)) == 1  # the header alone


def test_the_dashboard_links_to_the_three_views(login_as, fixture_cases):
    html = login_as(fixture_cases["officer"]).get("/reports/dashboard").get_data(as_text=True)

    for view in VIEWS:
        assert f'href="/reports/{view}"' in html


def test_an_officer_of_another_employer_finds_no_record_behind_a_number(login_as, fixture_cases):
    client = login_as(fixture_cases["other"])

    pages = [
        client.get(f"/reports/{view}/{table}/records?row={row}&figure={figure}&{PERIOD}").get_data(
            as_text=True
        )
        for view, (table, row, figure) in VIEWS.items()
    ]

    assert [page.count("data-act=") for page in pages] == [1, 1, 1]
    assert all("Alpha" not in page for page in pages)


@pytest.mark.parametrize("view", VIEWS)
def test_the_social_fund_counts_only_capitalised_cases(login_as, make_user, fixture_cases, view):
    client = login_as(make_user(Role.SOCIAL_FUND))

    html = client.get(f"/reports/{view}?{PERIOD}").get_data(as_text=True)

    assert html.count('class="muted no-data"') == TABLES[view]  # no case of the fixture is capitalised
