"""The two defects of issue 10: deaths are counted per victim by their act and consequences, and
every count is one case per victim with an act N-1 not concluded "not work-related" (conftest.py)."""

from __future__ import annotations

from core import db
from core.classifiers import Role
from reports import indicators


def _frames(app, user, year):
    with app.app_context():
        s = db.session()
        user = s.merge(user)
        return indicators.accidents_by_month(s, user, year), indicators.frequency_rates(s, user, year)


def test_a_group_accidents_deaths_and_a_death_within_a_year_are_counted_as_deaths(app, fixture_cases):
    months, rates = _frames(app, fixture_cases["officer"], 2026)

    alpha = rates.set_index("employer").loc["Alpha"]
    assert alpha["victims"] == 5
    assert alpha["fatal"] == 3  # the group's two and March's death in May
    assert alpha["frequency"] == 12.5  # 5 x 1000 / 400
    assert alpha["fatality"] == 7.5  # 3 x 1000 / 400
    assert months.loc["2026-03", "fatal"] == 1
    assert months.loc["2026-04", "severe"] == 1
    assert months.loc["2026-11", "fatal"] == 2
    assert months.loc["2026-11", "light"] == 1  # not the one "not work-related"
    assert int(months.to_numpy().sum()) == 5  # nor the occupational disease


def test_a_death_more_than_a_year_after_the_accident_leaves_the_case_non_fatal(app, fixture_cases):
    months, rates = _frames(app, fixture_cases["officer"], 2025)

    alpha = rates.set_index("employer").loc["Alpha"]
    assert (alpha["victims"], alpha["fatal"]) == (1, 0)
    assert months.loc["2025-06", "severe"] == 1
    assert int(months.to_numpy().sum()) == 1


def test_the_dashboard_shows_cases_within_the_officers_scope(login_as, make_user, fixture_cases):
    officer = login_as(fixture_cases["officer"]).get("/reports/dashboard?year=2026").get_data(as_text=True)
    inspector = login_as(make_user(Role.INSPECTOR)).get("/reports/dashboard?year=2026").get_data(as_text=True)

    assert 'data-total="5"' in officer
    assert "Beta" not in officer
    assert 'data-total="6"' in inspector  # Beta's light case too


def test_the_causes_of_the_joint_analysis_count_cases_not_acts(app, fixture_cases):
    from datetime import date

    from reports.cooperation import accident_causes

    with app.app_context():
        s = db.session()
        causes = accident_causes(s, s.merge(fixture_cases["officer"]), date(2026, 1, 1), date(2026, 12, 31))

    assert causes == [(8, 5)]  # every act of the fixture names cause 8; three of its acts are no cases


def test_the_charts_speak_the_viewers_language_and_their_urls_carry_it(login_as, fixture_cases):
    client = login_as(fixture_cases["officer"])
    client.get("/lang/ky")

    page = client.get("/reports/dashboard?year=2026").get_data(as_text=True)
    svg = client.get("/reports/charts/accidents-by-month.svg?year=2026&lang=ky").get_data(as_text=True)

    assert "accidents-by-month.svg?year=2026&amp;region=&amp;lang=ky" in page
    assert "Өндүрүштөгү бакыбат эмес окуялардан жабыркагандар айлар боюнча, 2026" in svg
    assert "Оор жаракат" in svg  # the legend too
    assert "Пострадавшие" not in svg
