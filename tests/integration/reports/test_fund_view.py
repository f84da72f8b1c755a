"""View 8 of issue 10: the Social Fund's capitalised sums received, covered by the budget, paid out and
held, by region and year.

The fixture: employer A (Bishkek) and employer B (Osh), each with the claims tests' award (B's on earnings of
40,000.00 a month, not 30,000.00), both
liquidated and capitalised on 2027-03-31 (the engine's sums, ``a`` and ``b``). A transfers 100,000.00 on
2027-04-15 and the rest on 2028-01-20; the Fund of Bishkek pays 1,000.00 on 2027-04-30 and 500.00 on
2028-01-31. B cannot transfer: the state budget covers ``b``. By hand:

| region  | year | capitalised | received       | budget | paid     | held           |
|---------|------|-------------|----------------|--------|----------|----------------|
| Bishkek | 2027 | a           | 100,000.00     | 0      | 1,000.00 | 99,000.00      |
| Bishkek | 2028 | 0           | a - 100,000.00 | 0      | 500.00   | a - 1,500.00   |
| Osh     | 2027 | b           | 0              | b      | 0        | b              |
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from core.classifiers import Region, Role
from tests.conftest import LONG_SESSIONS
from tests.factories import ACCIDENT_DAY, EARNINGS, RECORDS_DAY
from tests.integration.liquidation.conftest import liquidate
from tests.integration.reports.sections_helpers import csv_rows
from tests.integration.reports.workbooks import printed


@pytest.fixture
def fund_case(
    app, login_as, make_user, make_employer, make_accident, make_claim, pin_today
) -> dict[str, Any]:
    app.config.update(LONG_SESSIONS)
    alpha = make_employer(name="Альфа-Ликвидация", region=Region.BISHKEK)
    beta = make_employer(name="Бета-Банкрот", region=Region.OSH, sector="C")
    people = {
        "officer": make_user(Role.SAFETY_OFFICER, employer=alpha),
        "other": make_user(Role.SAFETY_OFFICER, employer=beta),
        "stranger": make_user(Role.SAFETY_OFFICER),
        "inspector": make_user(Role.INSPECTOR),
        "fund": make_user(Role.SOCIAL_FUND, region=Region.BISHKEK),
        "fund_osh": make_user(Role.SOCIAL_FUND, region=Region.OSH),
    }
    claims = {}
    for who, earned in (("officer", "30000.00"), ("other", "40000.00")):
        victim = make_accident(people[who], "approved", reviewer=people["inspector"], on=ACCIDENT_DAY)
        pin_today(RECORDS_DAY)
        earnings = [{**month, "amount": earned} for month in EARNINGS]
        claims[who] = make_claim(login_as(people[who]), victim["victims"][0], earnings=earnings)[0]
    pin_today(date(2028, 2, 10))
    records = {}
    for who, employer in (("officer", alpha), ("other", beta)):
        liquidate(app, employer.id)
        made = login_as(people[who]).post(
            f"/api/v1/employers/{employer.id}/capitalisation", json={"on": "2027-03-31"}
        )
        assert made.status_code == 201, made.get_json()
        [records[who]] = made.get_json()
    a, b = records["officer"], records["other"]
    officer = login_as(people["officer"])
    first = officer.post(
        f"/api/v1/capitalisations/{a['id']}/transfer",
        json={"transferred_on": "2027-04-15", "amount": "100000.00", "version": a["version"]},
    )
    assert first.status_code == 200, first.get_json()
    fund = login_as(people["fund"])
    for paid_on, amount in (("2027-04-30", "1000.00"), ("2028-01-31", "500.00")):
        paid = fund.post(
            f"/api/v1/capitalisations/{a['id']}/fund-payments", json={"paid_on": paid_on, "amount": amount}
        )
        assert paid.status_code == 201, paid.get_json()
    officer = login_as(people["officer"])
    rest = officer.post(
        f"/api/v1/capitalisations/{a['id']}/transfer",
        json={"transferred_on": "2028-01-20", "version": first.get_json()["version"]},
    )
    assert rest.status_code == 200, rest.get_json()
    not_made = login_as(people["other"]).post(
        f"/api/v1/capitalisations/{b['id']}/transfer", json={"not_made": True, "version": b["version"]}
    )
    assert not_made.status_code == 200, not_made.get_json()
    return {
        **people,
        "alpha": alpha,
        "beta": beta,
        "claims": claims,
        "a": Decimal(a["amount"]),
        "b": Decimal(b["amount"]),
    }


def figures(html: str, region: str, year: int) -> dict[str, Decimal]:
    row = html.split(f'data-region="{region}" data-year="{year}"', 1)[1].split("</tr>", 1)[0]
    out = {}
    for chunk in row.split('data-column="')[1:]:
        name, rest = chunk.split('"', 1)
        out[name] = Decimal(rest.split('data-value="', 1)[1].split('"', 1)[0])
    return out


def test_the_sums_by_region_and_year_are_those_computed_by_hand(login_as, fund_case):
    a, b = fund_case["a"], fund_case["b"]
    page = login_as(fund_case["inspector"]).get("/reports/fund")
    html = page.get_data(as_text=True)

    assert page.status_code == 200
    assert a > 100_000
    assert b != a
    assert figures(html, "bishkek", 2027) == {
        "capitalised": a,
        "received": Decimal("100000.00"),
        "budget": Decimal("0.00"),
        "paid": Decimal("1000.00"),
        "held": Decimal("99000.00"),
    }
    assert figures(html, "bishkek", 2028) == {
        "capitalised": Decimal("0.00"),
        "received": a - 100_000,
        "budget": Decimal("0.00"),
        "paid": Decimal("500.00"),
        "held": a - 1500,
    }
    assert figures(html, "osh", 2027) == {
        "capitalised": b,
        "received": Decimal("0.00"),
        "budget": b,
        "paid": Decimal("0.00"),
        "held": b,
    }


def test_the_social_fund_sees_only_its_region(login_as, fund_case):
    fund = login_as(fund_case["fund"])

    html = fund.get("/reports/fund").get_data(as_text=True)
    text = fund.get("/reports/fund.csv").get_data(as_text=True)

    assert 'data-region="bishkek" data-year="2027"' in html
    assert 'data-region="osh"' not in html
    for shown in (html, text):
        assert f"{fund_case['b']}" not in shown
    assert f"{fund_case['a'] - 1500}" in text
    assert 'href="/compensation/capitalisations"' in html


def test_an_officer_sees_only_their_employers_sums_and_another_officer_none(login_as, fund_case):
    from openpyxl import load_workbook

    officer = login_as(fund_case["officer"])
    html = officer.get("/reports/fund").get_data(as_text=True)
    book = load_workbook(io.BytesIO(officer.get("/reports/fund.xlsx").data))
    cells = " ".join(str(printed(c)) for row in book.active.iter_rows() for c in row if c.value is not None)
    stranger = login_as(fund_case["stranger"]).get("/reports/fund").get_data(as_text=True)

    assert 'data-region="bishkek" data-year="2028"' in html
    assert 'data-region="osh"' not in html
    assert f"{fund_case['b']}" not in cells
    assert f"{fund_case['a'] - 1500}" in cells
    assert 'id="fund-regions"' not in stranger
    assert "data-year=" not in stranger


def test_the_downloads_hold_the_table_and_the_regions_totals(login_as, fund_case):
    client = login_as(fund_case["inspector"])

    rows = csv_rows(client.get("/reports/fund.csv?region=osh").get_data(as_text=True))
    xlsx = client.get("/reports/fund.xlsx")

    assert rows[1][1:] == [
        "2027",
        f"{fund_case['b']}",
        "0.00",
        f"{fund_case['b']}",
        "0.00",
        f"{fund_case['b']}",
    ]
    assert len([r for r in rows if r and r[1] == "2028"]) == 0
    assert rows[-1][1:] == [f"{fund_case['b']}", "0.00", f"{fund_case['b']}", "0.00", f"{fund_case['b']}"]
    assert xlsx.mimetype.endswith("spreadsheetml.sheet")


def test_a_bad_filter_shows_the_form_with_the_error(login_as, fund_case):
    client = login_as(fund_case["inspector"])

    page = client.get("/reports/fund?region=nowhere&sector=ZZ")
    download = client.get("/reports/fund.csv?sector=ZZ")

    assert page.status_code == 422
    assert page.get_data(as_text=True).count("has-error") == 2
    assert download.status_code == 422


def test_the_chart_draws_the_years_in_view(login_as, fund_case):
    chart = login_as(fund_case["fund"]).get("/reports/fund/chart.svg")

    assert chart.mimetype == "image/svg+xml"
    assert "2028" in chart.get_data(as_text=True)


def test_the_cost_of_a_capitalised_case_is_what_it_accrued_to_the_capitalisation_and_its_sum(
    login_as, fund_case
):
    claim = fund_case["claims"]["officer"]
    accrued = login_as(fund_case["officer"]).get(f"/api/v1/claims/{claim['id']}/statement?as_of=2027-03-31")
    html = login_as(fund_case["inspector"]).get("/reports/money?as_of=2028-02-10").get_data(as_text=True)
    cost = html.split('id="cost-table"', 1)[1].split("</table>", 1)[0]
    row = cost.split('data-sector="F"', 1)[1].split("</tr>", 1)[0]

    expected = Decimal(accrued.get_json()["totals"]["accrued"]) + fund_case["a"]
    assert Decimal(row.split('data-value="', 1)[1].split('"', 1)[0]) == expected


def test_the_social_funds_money_view_holds_the_capitalised_cases_of_its_region(login_as, fund_case):
    html = login_as(fund_case["fund"]).get("/reports/money?as_of=2028-02-10").get_data(as_text=True)
    tables = html.split('id="money"', 1)[1]

    assert f'data-key="{fund_case["alpha"].id}"' in tables
    assert "Альфа-Ликвидация" in tables
    assert "Бета-Банкрот" not in tables
