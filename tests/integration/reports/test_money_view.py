"""View 7 of issue 10: the money of the awards in force, summed from the claims' own statements.

The fixture: employer A (Bishkek, sector F) has a group accident of 2026-11-24 with two victims, each
with the claims tests' award (tests/factories.py: 30,000.00 a month earned, 60 % lost for a year from
2026-12-01, household care; decided 2026-12-10 within the ten days); 12,345.67 paid on the first claim on
2026-12-25. Employer B (Osh) has one such award, nothing paid. On 2027-03-15, each award by hand:

- lost earnings 30,000.00 x 60 % = 18,000.00 a month; household care twice the minimum wage: 6,560.00
  for December 2026, 7,216.00 a month in 2027; the one-off of 2,664,000.00 due 2027-01-10;
- the month's periodic payments 18,000.00 + 7,216.00 = 25,216.00; March is due at its end (not due yet);
- February (due 2027-02-28, 15 days) is due up to 30 days; December, January and the one-off (74, 43
  and 64 days) 31 to 90 days: 24,560.00 + 25,216.00 + 2,664,000.00 = 2,713,776.00 an award;
- the periodic payments ahead: April to November 2027 (the finding ends 2027-11-30), 8 x 25,216.00 =
  201,728.00 an award, the same at every horizon.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from core.classifiers import Region, Role
from tests.conftest import LONG_SESSIONS
from tests.factories import ACCIDENT_DAY, RECORDS_DAY
from tests.integration.reports.sections_helpers import csv_rows

AS_OF = "2027-03-15"
TOTALS = ("accrued", "paid", "outstanding", "penalty")


@pytest.fixture
def awards(app, login_as, make_user, make_employer, make_accident, make_claim, pin_today) -> dict[str, Any]:
    app.config.update(LONG_SESSIONS)  # filed, decided and paid on different days, one session
    alpha = make_employer(name="Альфа-Строй", region=Region.BISHKEK, sector="F")
    beta = make_employer(name="Бета-Секрет", region=Region.OSH, sector="C")
    officer, other = (
        make_user(Role.SAFETY_OFFICER, employer=alpha),
        make_user(Role.SAFETY_OFFICER, employer=beta),
    )
    inspector = make_user(Role.INSPECTOR)
    group = make_accident(
        officer, "approved", reviewer=inspector, on=ACCIDENT_DAY, victims=2, category="group"
    )
    lone = make_accident(other, "approved", reviewer=inspector, on=ACCIDENT_DAY)
    pin_today(RECORDS_DAY)
    client = login_as(officer)
    claims = [
        make_claim(client, victim, claimant_name=f"Пострадавший Номер {n + 1}")[0]
        for n, victim in enumerate(group["victims"])
    ]
    beta_claim = make_claim(login_as(other), lone["victims"][0], claimant_name="Пострадавший Бета")[0]
    pin_today(date(2026, 12, 25))
    paid = login_as(officer).post(
        f"/api/v1/claims/{claims[0]['id']}/payments",
        json={"paid_on": "2026-12-25", "amount": "12345.67", "applies_to": "periodic"},
    )
    assert paid.status_code == 201, paid.get_json()
    pin_today(date(2027, 3, 20))
    return {
        "alpha": alpha,
        "beta": beta,
        "officer": officer,
        "other": other,
        "inspector": inspector,
        "claims": claims,
        "beta_claims": [beta_claim],
    }


def value(html: str, table: str, key: Any, column: str) -> str:
    """The data-value of ``column`` in the row ``key`` (or the total row: ``key`` None) of ``table``."""
    part = html.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
    row = part.split("<tfoot>", 1)[1] if key is None else part.split(f'data-key="{key}"', 1)[1]
    return row.split(f'data-column="{column}" data-value="', 1)[1].split('"', 1)[0]


def statements(client: Any, claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [client.get(f"/api/v1/claims/{c['id']}/statement?as_of={AS_OF}").get_json() for c in claims]


def test_the_sums_agree_to_the_tyiyn_with_the_statements_per_employer_and_in_total(login_as, awards):
    own_a = statements(login_as(awards["officer"]), awards["claims"])
    own_b = statements(login_as(awards["other"]), awards["beta_claims"])
    page = login_as(awards["inspector"]).get(f"/reports/money?as_of={AS_OF}")
    html = page.get_data(as_text=True)

    assert page.status_code == 200
    for employer, own in ((awards["alpha"], own_a), (awards["beta"], own_b)):
        for name in TOTALS:
            expected = sum(Decimal(s["totals"][name]) for s in own)
            assert Decimal(value(html, "employer-table", employer.id, name)) == expected, (
                employer.name,
                name,
            )
    for name in TOTALS:
        expected = sum(Decimal(s["totals"][name]) for s in (*own_a, *own_b))
        assert Decimal(value(html, "employer-table", None, name)) == expected, name
        assert Decimal(value(html, "region-table", None, name)) == expected, name
    assert value(html, "region-table", "osh", "outstanding") == value(
        html, "employer-table", awards["beta"].id, "outstanding"
    )
    assert value(html, "sector-table", "F", "accrued") == value(
        html, "employer-table", awards["alpha"].id, "accrued"
    )


def test_the_figures_are_those_computed_by_hand(login_as, awards):
    html = login_as(awards["officer"]).get(f"/reports/money?as_of={AS_OF}").get_data(as_text=True)
    alpha = awards["alpha"].id

    assert value(html, "employer-table", alpha, "awards_in_force") == "2"
    assert value(html, "employer-table", alpha, "monthly_obligation") == "50432.00"
    assert value(html, "employer-table", alpha, "paid") == "12345.67"
    assert value(html, "aged-table", alpha, "not_due") == "50432.00"
    assert value(html, "aged-table", alpha, "days_30") == "50432.00"
    assert value(html, "aged-table", alpha, "days_90") == f"{2 * Decimal('2713776.00') - Decimal('12345.67')}"
    assert value(html, "aged-table", alpha, "days_180") == "0.00"
    for months in (12, 24, 36, 48, 60):
        assert value(html, "forecast-table", alpha, str(months)) == "403456.00"
    process = html.split('id="process-table"', 1)[1]
    assert 'data-key="on_time"><td>' in process
    assert process.split('data-key="on_time">', 1)[1].split('data-value="', 1)[1].startswith("2")
    assert process.split('data-key="deemed_refused">', 1)[1].split('data-value="', 1)[1].startswith("0")
    # One claim paid: filed 2026-12-10, first paid 2026-12-25.
    assert process.split('data-key="median_days">', 1)[1].split('data-value="', 1)[1].startswith("15.00")


def test_the_arrears_by_age_add_up_to_the_outstanding(login_as, awards):
    html = login_as(awards["inspector"]).get(f"/reports/money?as_of={AS_OF}").get_data(as_text=True)

    for key in (awards["alpha"].id, awards["beta"].id, None):
        ages = ("not_due", "days_30", "days_90", "days_180", "days_more")
        total = sum(Decimal(value(html, "aged-table", key, age)) for age in ages)
        assert total == Decimal(value(html, "employer-table", key, "outstanding"))


def test_the_cost_of_the_accidents_is_what_their_awards_accrued_by_cause_and_sector(login_as, awards):
    html = login_as(awards["inspector"]).get(f"/reports/money?as_of={AS_OF}").get_data(as_text=True)
    cost = html.split('id="cost-table"', 1)[1].split("</table>", 1)[0]

    def cost_of(sector: str) -> Decimal:
        row = cost.split(f'data-sector="{sector}"', 1)[1].split("</tr>", 1)[0]
        return Decimal(row.split('data-value="', 1)[1].split('"', 1)[0])

    assert cost_of("F") == Decimal(value(html, "employer-table", awards["alpha"].id, "accrued"))
    assert cost_of("C") == Decimal(value(html, "employer-table", awards["beta"].id, "accrued"))


def test_the_capitalised_value_is_what_the_liquidation_would_capitalise(app, login_as, awards):
    from core import db
    from liquidation import services
    from tests.integration.liquidation.conftest import liquidate

    html = login_as(awards["officer"]).get(f"/reports/money?as_of={AS_OF}").get_data(as_text=True)
    liquidate(app, awards["alpha"].id)
    with app.test_request_context():
        officer = db.session().get(type(awards["officer"]), awards["officer"].id)
        preview = services.capitalisation_preview(officer, awards["alpha"].id, date.fromisoformat(AS_OF))

    assert preview["total"] > 0
    assert Decimal(value(html, "forecast-table", awards["alpha"].id, "capitalised_value")) == preview["total"]


def test_an_officer_sees_only_their_employer_on_the_page_and_in_the_downloads(login_as, awards):
    from openpyxl import load_workbook

    alpha_accrued = value(
        login_as(awards["officer"]).get(f"/reports/money?as_of={AS_OF}").get_data(as_text=True),
        "employer-table",
        awards["alpha"].id,
        "accrued",
    )
    other = login_as(awards["other"])
    html = other.get(f"/reports/money?as_of={AS_OF}&employer_id={awards['alpha'].id}").get_data(as_text=True)
    text = other.get(f"/reports/money.csv?as_of={AS_OF}").get_data(as_text=True)
    book = load_workbook(io.BytesIO(other.get(f"/reports/money.xlsx?as_of={AS_OF}").data))
    cells = " ".join(str(c.value) for row in book.active.iter_rows() for c in row if c.value is not None)

    for shown in (html, text, cells):
        assert "Альфа-Строй" not in shown
        assert alpha_accrued not in shown
        assert "Бета-Секрет" in shown
    assert 'id="region-table"' not in html


def test_the_downloads_hold_the_pages_tables(login_as, awards):
    client = login_as(awards["inspector"])
    html = client.get(f"/reports/money?as_of={AS_OF}").get_data(as_text=True)
    csv_response = client.get(f"/reports/money.csv?as_of={AS_OF}&region=bishkek")
    xlsx = client.get(f"/reports/money.xlsx?as_of={AS_OF}")

    rows = csv_rows(csv_response.get_data(as_text=True))
    alpha = next(r for r in rows if r and r[0] == "Альфа-Строй")
    assert csv_response.mimetype == "text/csv"
    assert alpha[3] == value(html, "employer-table", awards["alpha"].id, "accrued")
    assert not any(r and r[0] == "Бета-Секрет" for r in rows)
    assert xlsx.status_code == 200
    assert xlsx.mimetype.endswith("spreadsheetml.sheet")


def test_an_empty_scope_says_so_and_totals_nothing(login_as, make_user, awards):
    fund = login_as(make_user(Role.SOCIAL_FUND))  # no case is capitalised

    html = fund.get(f"/reports/money?as_of={AS_OF}").get_data(as_text=True)
    rows = csv_rows(fund.get(f"/reports/money.csv?as_of={AS_OF}").get_data(as_text=True))

    tables = html.split('id="money"', 1)[1]
    assert "Альфа-Строй" not in tables
    assert "Бета-Секрет" not in tables
    assert 'class="muted">' in tables.split('id="employer-table"', 1)[1].split("</table>", 1)[0]
    total = next(r for r in rows if r and r[0] in ("Итого", "Всего", "Total"))
    assert total[1:] == ["0", "0.00", "0.00", "0.00", "0.00", "0.00"]


def test_a_bad_day_shows_the_form_with_the_error_and_the_text_kept(login_as, awards):
    client = login_as(awards["inspector"])

    page = client.get("/reports/money?as_of=15.03.2027&region=nowhere")
    download = client.get("/reports/money.csv?as_of=15.03.2027")

    assert page.status_code == 422
    html = page.get_data(as_text=True)
    assert 'value="15.03.2027"' in html
    assert html.count("has-error") == 2
    assert download.status_code == 422


def test_the_chart_is_an_svg_of_the_employers_in_view(login_as, awards):
    chart = login_as(awards["officer"]).get(f"/reports/money/chart.svg?as_of={AS_OF}")

    assert chart.mimetype == "image/svg+xml"
    assert "Альфа-Строй" in chart.get_data(as_text=True)
    assert "Бета-Секрет" not in chart.get_data(as_text=True)


def test_a_payment_recorded_after_a_view_changes_the_next_views_figures(app, login_as, awards):
    """The view's figures and each award's are kept between requests; a payment is a write, so the next
    view is computed again, and the paid award's statement with it (the other awards' are kept)."""
    from reports import money

    officer = login_as(awards["officer"])
    before = officer.get(f"/reports/money?as_of={AS_OF}").get_data(as_text=True)
    with app.app_context():
        from core import db

        kept = len(money.memo(db.session()))
    paid = officer.post(
        f"/api/v1/claims/{awards['claims'][1]['id']}/payments",
        json={"paid_on": "2027-03-10", "amount": "1000.00", "applies_to": "periodic"},
    )
    assert paid.status_code == 201, paid.get_json()
    after = officer.get(f"/reports/money?as_of={AS_OF}").get_data(as_text=True)
    own = statements(officer, awards["claims"])
    alpha = awards["alpha"].id

    assert kept > 0
    assert value(before, "employer-table", alpha, "paid") == "12345.67"
    # 12,345.67 + 1,000.00 paid; 1,000.00 less outstanding, taken off the oldest installment due
    assert value(after, "employer-table", alpha, "paid") == "13345.67"
    outstanding = Decimal(value(before, "employer-table", alpha, "outstanding")) - Decimal("1000.00")
    assert Decimal(value(after, "employer-table", alpha, "outstanding")) == outstanding
    for name in TOTALS:
        assert Decimal(value(after, "employer-table", alpha, name)) == sum(
            Decimal(s["totals"][name]) for s in own
        ), name
    days_90 = 2 * Decimal("2713776.00") - Decimal("13345.67")
    assert value(after, "aged-table", alpha, "days_90") == f"{days_90}"


def test_the_kept_figures_never_cross_scopes(login_as, awards):
    """The same awards' figures are kept once, whoever asked first; each viewer still sums only theirs."""
    inspector = login_as(awards["inspector"])
    everyone = inspector.get(f"/reports/money?as_of={AS_OF}").get_data(as_text=True)
    beta_page = login_as(awards["other"]).get(f"/reports/money?as_of={AS_OF}").get_data(as_text=True)
    alpha_page = login_as(awards["officer"]).get(f"/reports/money?as_of={AS_OF}").get_data(as_text=True)
    beta, alpha = awards["beta"].id, awards["alpha"].id

    assert "Альфа-Строй" not in beta_page.split('id="money"', 1)[1]
    assert "Бета-Секрет" not in alpha_page.split('id="money"', 1)[1]
    for name in TOTALS:
        assert value(beta_page, "employer-table", None, name) == value(everyone, "employer-table", beta, name)
        assert value(alpha_page, "employer-table", None, name) == value(
            everyone, "employer-table", alpha, name
        )
    assert value(beta_page, "employer-table", None, "awards_in_force") == "1"
    assert value(alpha_page, "employer-table", None, "awards_in_force") == "2"


def _link(html: str, table: str, key: Any) -> str:
    """The href of the row ``key``'s label in ``table`` (the page escapes its ampersands)."""
    part = html.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
    row = part.split(f'data-key="{key}"', 1)[1].split("</tr>", 1)[0]
    return row.split('<a href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")


def _claims_listed(html: str) -> set[int]:
    import re

    return {int(n) for n in re.findall(r'data-claim="(\d+)"', html)}


def test_the_region_sector_and_employer_cells_link_to_exactly_their_claims(login_as, make_user, awards):
    client = login_as(make_user(Role.ADMIN))
    html = client.get(f"/reports/money?as_of={AS_OF}").get_data(as_text=True)
    alpha_claims = {c["id"] for c in awards["claims"]}
    beta_claims = {c["id"] for c in awards["beta_claims"]}

    osh, sector_f = _link(html, "region-table", "osh"), _link(html, "sector-table", "F")
    employer = _link(html, "employer-table", awards["alpha"].id)

    assert osh == f"/compensation/claims?region=osh&awarded_by={AS_OF}"
    assert sector_f == f"/compensation/claims?sector=F&awarded_by={AS_OF}"
    assert employer == f"/compensation/claims?employer_id={awards['alpha'].id}&awarded_by={AS_OF}"
    osh_page = client.get(osh).get_data(as_text=True)
    assert _claims_listed(osh_page) == beta_claims
    assert "Ошская область" in osh_page.split('id="drill-down"', 1)[1].split("</p>", 1)[0]
    assert _claims_listed(client.get(sector_f).get_data(as_text=True)) == alpha_claims
    assert _claims_listed(client.get(employer).get_data(as_text=True)) == alpha_claims
    # The page's own filters go along: Bishkek's sector C has no award, and so no claim.
    narrowed = client.get(f"/reports/money?as_of={AS_OF}&region=bishkek").get_data(as_text=True)
    assert (
        _link(narrowed, "sector-table", "F")
        == f"/compensation/claims?region=bishkek&sector=F&awarded_by={AS_OF}"
    )
    assert 'data-key="C"' not in narrowed.split('id="sector-table"', 1)[1].split("</table>", 1)[0]


def test_the_claims_list_filters_by_the_award_in_force_and_keeps_the_scope(login_as, make_user, awards):
    admin = login_as(make_user(Role.ADMIN))
    before = admin.get("/compensation/claims?region=osh&awarded_by=2026-12-05").get_data(as_text=True)
    api = admin.get(f"/api/v1/claims?sector=C&awarded_by={AS_OF}").get_json()
    bad = admin.get("/compensation/claims?sector=ZZ")
    officer = login_as(awards["officer"]).get(f"/compensation/claims?region=osh&awarded_by={AS_OF}")

    assert _claims_listed(before) == set()  # decided on 2026-12-10: no award in force on the 5th
    assert [c["id"] for c in api["items"]] == [c["id"] for c in awards["beta_claims"]]
    assert bad.status_code == 422
    assert _claims_listed(officer.get_data(as_text=True)) == set()  # Osh is not the officer's employer


def test_the_claims_filed_figure_links_to_exactly_the_claims_it_counts(login_as, make_user, awards):
    admin = login_as(make_user(Role.ADMIN))
    html = admin.get(f"/reports/money?as_of={AS_OF}&region=bishkek").get_data(as_text=True)
    process = html.split('id="process-table"', 1)[1].split("</table>", 1)[0]
    row = process.split('data-key="claims">', 1)[1].split("</tr>", 1)[0]
    counted = int(row.split('data-value="', 1)[1].split('"', 1)[0])
    link = row.split('href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")

    assert link == f"/compensation/claims?region=bishkek&filed_by={AS_OF}"
    listed = _claims_listed(admin.get(link).get_data(as_text=True))
    assert counted == len(listed) == 2
    assert listed == {c["id"] for c in awards["claims"]}
    # Before the claims were filed: none counted, none listed.
    assert (
        _claims_listed(admin.get("/compensation/claims?filed_by=2026-11-01").get_data(as_text=True)) == set()
    )
    # An officer's list stays their employer's, whatever the URL says.
    officer = login_as(awards["officer"]).get(f"/compensation/claims?filed_by={AS_OF}").get_data(as_text=True)
    assert _claims_listed(officer) == {c["id"] for c in awards["claims"]}


@pytest.mark.parametrize("name", ["filed_by", "awarded_by"])
def test_a_bad_drill_down_day_is_the_forms_error_not_a_500(login_as, make_user, awards, name):
    response = login_as(make_user(Role.ADMIN)).get(f"/compensation/claims?{name}=2027-02-31")

    assert response.status_code == 422
    assert f'data-field="{name}"' in response.get_data(as_text=True)


def test_the_claims_list_has_region_and_sector_selects_that_keep_their_value(login_as, make_user, awards):
    html = (
        login_as(make_user(Role.ADMIN)).get("/compensation/claims?region=osh&sector=C").get_data(as_text=True)
    )

    region = html.split('<select name="region"', 1)[1].split("</select>", 1)[0]
    sector = html.split('<select name="sector"', 1)[1].split("</select>", 1)[0]
    assert '<option value="osh" selected>Ошская область</option>' in region
    assert '<option value="C" selected>' in sector
    assert 'name="region" value="osh"' not in html  # the select carries it, no hidden copy
    assert _claims_listed(html) == {c["id"] for c in awards["beta_claims"]}
