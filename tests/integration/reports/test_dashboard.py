"""The dashboard: indicators aggregated in SQL within the user's scope; frame functions; SVG charts."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from core.classifiers import Role
from core.db import today_bishkek
from reports import indicators


def test_by_month_fills_every_month_and_severity_with_zeros():
    rows = pd.DataFrame(
        [("2026-03", "severe", 2), ("2026-03", "light", 1), ("2026-11", "fatal", 1)],
        columns=["month", "severity", "n"],
    )

    table = indicators.by_month(rows, 2026)

    assert list(table.index) == [f"2026-{m:02d}" for m in range(1, 13)]
    assert list(table.columns) == ["light", "severe", "fatal", "unknown"]
    assert table.loc["2026-03", "severe"] == 2
    assert table.loc["2026-11", "fatal"] == 1
    assert int(table.to_numpy().sum()) == 4


def test_rates_are_per_thousand_workers_and_blank_without_a_headcount():
    rows = pd.DataFrame(
        [("A", "chui", 3, 1, 850), ("B", "osh", 2, 0, None), ("C", "osh", 1, 0, 0)],
        columns=["employer", "region", "victims", "fatal", "headcount"],
    )

    rates = indicators.with_rates(rows)

    assert rates.loc[0, "frequency"] == pytest.approx(3.53)  # 3 x 1000 / 850
    assert rates.loc[0, "fatality"] == pytest.approx(1.18)
    assert math.isnan(rates.loc[1, "frequency"])
    assert math.isnan(rates.loc[2, "frequency"])


@pytest.fixture
def two_employers(make_employer, make_user, make_accident):
    a, b = make_employer(name="Alpha"), make_employer(name="Beta")
    officer_a = make_user(Role.SAFETY_OFFICER, employer=a)
    officer_b = make_user(Role.SAFETY_OFFICER, employer=b)
    inspector = make_user(Role.INSPECTOR)
    make_accident(officer_a, "approved", reviewer=inspector)
    make_accident(officer_b, "reported", category="fatal")
    make_accident(officer_b, "reported", category="light")
    return {"a": officer_a, "b": officer_b, "inspector": inspector}


def test_an_officer_counts_only_their_employer_and_an_inspector_counts_all(login_as, two_employers):
    year = today_bishkek().year

    officer = login_as(two_employers["a"]).get(f"/reports/dashboard?year={year}").get_data(as_text=True)
    inspector = (
        login_as(two_employers["inspector"]).get(f"/reports/dashboard?year={year}").get_data(as_text=True)
    )

    assert 'data-total="1"' in officer
    assert "Beta" not in officer
    assert 'data-total="1"' in inspector  # Beta's two accidents have no act yet: no case
    assert "Alpha" in inspector
    assert "Beta" in inspector


def test_the_charts_are_svg_within_scope(login_as, two_employers):
    client = login_as(two_employers["a"])

    by_month = client.get("/reports/charts/accidents-by-month.svg")
    unknown = client.get("/reports/charts/other.svg")

    assert by_month.mimetype == "image/svg+xml"
    assert b"<svg" in by_month.data
    assert unknown.status_code == 404


def test_a_bad_year_is_a_field_error_not_a_500(login_as, two_employers):
    response = login_as(two_employers["a"]).get("/reports/dashboard?year=abc")

    assert response.status_code == 422
    assert 'data-field="year"' in response.get_data(as_text=True)


def test_a_claim_undecided_past_its_term_is_counted_as_waiting_past_the_deadline(
    app, login_as, make_user, make_employer, make_accident, make_claim, pin_today
):
    from datetime import date

    from core import db
    from tests.factories import ACCIDENT_DAY, RECORDS_DAY

    officer = make_user(Role.SAFETY_OFFICER, employer=make_employer())
    victim = make_accident(officer, "approved", reviewer=make_user(Role.INSPECTOR), on=ACCIDENT_DAY)[
        "victims"
    ][0]
    pin_today(RECORDS_DAY)
    # Filed 2026-12-10 under the 2025 Code: due a month after its documents (art. 226(2)), 2027-01-10.
    make_claim(login_as(officer), victim, issued=False)

    def waiting(day: date) -> int:
        with app.app_context():
            user = db.session().merge(officer)
            return indicators.workload(db.session(), user, day)["claims_overdue"]

    pin_today(date(2027, 1, 10))
    assert waiting(date(2027, 1, 10)) == 0
    pin_today(date(2027, 1, 11))
    assert waiting(date(2027, 1, 11)) == 1  # deemed refused, order still owed
