"""View 6: measures done on time, overdue by age, repeat cases (fixture: conftest.py).

Each of Alpha's five 2026 cases has one measure due ten days after 2026-11-26 (act_json): 2026-12-06.
Each is a repeat: an earlier case of Alpha with main cause 8 lies within the twelve months before it
(2025-06-10 before March, March before April, April before November).
"""

from __future__ import annotations

from datetime import date

from core.classifiers import Role
from tests.integration.reports.conftest import EARLY
from tests.integration.reports.sections_helpers import cell, csv_rows, rows_of

PERIOD = "from=2026-01-01&to=2026-12-31"


def measures_of(client, act_id):
    return client.get(f"/api/v1/acts/{act_id}").get_json()["measures"]


def test_measures_by_state_today(login_as, fixture_cases):
    html = login_as(fixture_cases["officer"]).get(f"/reports/measures?{PERIOD}").get_data(as_text=True)

    assert rows_of(html, "states") == ["not_due"]
    assert cell(html, "states", "not_due", "measures") == "5"
    assert cell(html, "employers", str(fixture_cases["alpha"].id), "not_due") == "5"


def test_done_on_time_late_and_overdue_by_age(app, login_as, make_user, make_accident, pin_today):
    from accidents import measures
    from core.classifiers import Role

    officer = make_user(Role.SAFETY_OFFICER)
    acts = [make_accident(officer, "filled")["acts"][0] for _ in range(4)]
    ids = [measures_of(login_as(officer), act)[0]["id"] for act in acts]  # all due 2026-12-06

    def done(measure_id, day):
        pin_today(day)
        with app.test_request_context():
            measures.record_completion(officer, measure_id, {"completed_on": day})

    def page(day, path=f"/reports/measures?{PERIOD}"):
        pin_today(day)  # the session is signed in again on the moved clock
        return login_as(officer).get(path).get_data(as_text=True)

    done(ids[0], date(2026, 12, 1))
    done(ids[1], date(2026, 12, 8))
    later = page(date(2027, 1, 30))  # 55 days past the due date
    sooner = page(date(2026, 12, 20))  # 14 days past
    latest = page(date(2027, 6, 1), f"/reports/measures/states.csv?{PERIOD}")  # 177 days past

    assert [cell(later, "states", k, "measures") for k in ("on_time", "late", "overdue_90")] == [
        "1",
        "1",
        "2",
    ]
    assert cell(sooner, "states", "overdue_30", "measures") == "2"
    assert dict((r[0], r[1]) for r in csv_rows(latest)[1:])["Просрочено более 90 дней"] == "2"


def test_repeat_cases_of_the_same_cause_within_twelve_months(login_as, fixture_cases):
    client = login_as(fixture_cases["officer"])
    alpha = str(fixture_cases["alpha"].id)

    html = client.get(f"/reports/measures?{PERIOD}").get_data(as_text=True)
    first_half = client.get("/reports/measures?from=2025-01-01&to=2025-12-31").get_data(as_text=True)

    assert cell(html, "repeats", alpha, "victims") == "5"
    assert cell(html, "repeats", alpha, "repeats") == "5"
    assert cell(first_half, "repeats", alpha, "repeats") == "0"  # 2025-06-10 had none before it


def test_an_officer_finds_none_of_another_employers_numbers(login_as, fixture_cases):
    client = login_as(fixture_cases["other"])

    html = client.get(f"/reports/measures?{PERIOD}").get_data(as_text=True)
    text = client.get(f"/reports/measures/employers.csv?{PERIOD}").get_data(as_text=True)

    assert rows_of(html, "employers") == [str(fixture_cases["beta"].id)]
    assert "Alpha" not in html + text
    assert csv_rows(text)[1][0] == "Beta"


def test_a_repeat_needs_another_accident_before_it_within_twelve_months(
    login_as, make_employer, make_user, make_accident
):
    """Omega, main cause 8 throughout: a case of 2025-05-01; a group accident of 2026-06-01 with two
    victims (13 months later, and each other's accident: no repeat); a case of 2026-09-01 (June's
    accident three months before it: a repeat). 2026: three cases, one repeat."""
    omega = make_employer(name="Omega")
    officer = make_user(Role.SAFETY_OFFICER, employer=omega)
    make_accident(officer, "filled", on=date(2025, 5, 1), act=EARLY)
    make_accident(officer, "filled", on=date(2026, 6, 1), victims=2, category="group", act=EARLY)
    make_accident(officer, "filled", on=date(2026, 9, 1), act=EARLY)

    client = login_as(officer)
    html = client.get(f"/reports/measures?{PERIOD}").get_data(as_text=True)
    summer = client.get("/reports/measures?from=2026-06-01&to=2026-06-30").get_data(as_text=True)
    records = client.get(f"/reports/measures/repeats/records?row={omega.id}&figure=repeats&{PERIOD}")

    assert cell(html, "repeats", str(omega.id), "victims") == "3"
    assert cell(html, "repeats", str(omega.id), "repeats") == "1"
    assert cell(summer, "repeats", str(omega.id), "repeats") == "0"
    assert records.status_code == 200
    assert "01.09.2026" in records.get_data(as_text=True)
    assert "01.06.2026" not in records.get_data(as_text=True)
