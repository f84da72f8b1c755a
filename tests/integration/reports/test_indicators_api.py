"""GET /api/v1/reports/indicators against values computed by hand on the fixture of conftest.py."""

from __future__ import annotations

import pytest

from core import db
from core.classifiers import Role
from core.employers import EmployerHeadcount

URL = "/api/v1/reports/indicators"


def test_a_year_at_one_employer(login_as, fixture_cases):
    body = login_as(fixture_cases["officer"]).get(f"{URL}?from=2026-01-01&to=2026-12-31").get_json()

    assert body == {
        "victims": 5,
        "deaths": 3,
        "days_lost": 33,  # 3 + 30 over the two closed non-fatal cases
        "closed_cases": 2,
        "headcount": 400,
        "hours_worked": 608000,
        "frequency_rate": "12.50",  # 5 x 1000 / 400
        "fatal_frequency_rate": "7.50",  # 3 x 1000 / 400
        "severity_rate": "16.50",  # 33 / 2
        "loss_rate": "206.25",  # 12.5 x 16.5
        "fatal_per_100k": "750.00",
        "nonfatal_per_100k": "500.00",
        "per_million_hours": "8.22",  # 5 x 10^6 / 608,000 = 8.2237
    }


def test_half_a_year_takes_the_hours_pro_rata(login_as, fixture_cases):
    body = login_as(fixture_cases["officer"]).get(f"{URL}?from=2026-01-01&to=2026-06-30").get_json()

    assert (body["victims"], body["deaths"], body["closed_cases"], body["days_lost"]) == (2, 1, 1, 30)
    assert body["headcount"] == 400
    assert body["hours_worked"] == 301501  # 608,000 x 181 / 365 = 301,501.37
    assert body["frequency_rate"] == "5.00"
    assert body["per_million_hours"] == "6.63"  # 2 x 10^6 / 301,501.37
    assert body["severity_rate"] == "30.00"


def test_a_period_over_two_years_weights_each_headcount_by_its_days(login_as, fixture_cases):
    body = login_as(fixture_cases["officer"]).get(f"{URL}?from=2025-06-01&to=2026-05-31").get_json()

    # Р = (380 x 214 + 400 x 151) / 365 = 388.27; 2025 has no hours: no hours for the period.
    assert (body["victims"], body["deaths"]) == (3, 1)  # the death of 2026-07-01 came over a year on
    assert body["headcount"] == 388
    assert body["frequency_rate"] == "7.73"  # 3 x 1000 x 365 / 141,720 = 7.7265
    assert body["fatal_frequency_rate"] == "2.58"
    assert body["severity_rate"] == "30.00"  # the later death has no days lost: not a closed case
    assert body["loss_rate"] == "231.80"  # 7.7265 x 30 = 231.795
    assert body["fatal_per_100k"] == "257.55"
    assert body["nonfatal_per_100k"] == "515.10"
    assert body["hours_worked"] is None
    assert body["per_million_hours"] is None


def test_the_country_rates_count_only_the_employers_with_a_headcount(login_as, make_user, fixture_cases):
    body = login_as(make_user(Role.INSPECTOR)).get(f"{URL}?from=2026-01-01&to=2026-12-31").get_json()

    assert body["victims"] == 6  # Beta's light case too
    assert body["headcount"] == 400  # Beta reports none
    assert body["frequency_rate"] == "12.50"  # Alpha's 5 cases over Alpha's 400 workers


def test_an_empty_scope_has_zero_cases_and_no_rates(login_as, make_user, fixture_cases):
    body = login_as(make_user(Role.SAFETY_OFFICER)).get(f"{URL}?from=2026-01-01&to=2026-12-31").get_json()

    assert (body["victims"], body["deaths"], body["days_lost"], body["closed_cases"]) == (0, 0, 0, 0)
    assert body["headcount"] is None
    assert all(body[k] is None for k in ("frequency_rate", "severity_rate", "loss_rate", "per_million_hours"))


def test_a_zero_headcount_is_no_denominator(app, login_as, fixture_cases):
    with app.app_context(), db.transaction() as s:
        s.add(EmployerHeadcount(employer_id=fixture_cases["beta"].id, year=2026, headcount=0))

    body = login_as(fixture_cases["other"]).get(f"{URL}?from=2026-01-01&to=2026-12-31").get_json()

    assert body["victims"] == 1
    assert body["headcount"] == 0
    assert body["frequency_rate"] is None
    assert body["fatal_per_100k"] is None


def test_an_officer_never_sees_another_employers_numbers(login_as, fixture_cases):
    other = login_as(fixture_cases["other"])

    own = other.get(f"{URL}?from=2026-01-01&to=2026-12-31").get_json()
    asked = other.get(f"{URL}?from=2026-01-01&to=2026-12-31&employer_id={fixture_cases['alpha'].id}")
    by_region = other.get(f"{URL}?from=2026-01-01&to=2026-12-31&region=chui").get_json()

    assert own["victims"] == 1
    assert asked.status_code == 404
    assert by_region["victims"] == 0  # Alpha is in Chui, Beta in Bishkek


def test_the_filters_narrow_the_cases(login_as, make_user, fixture_cases):
    client = login_as(make_user(Role.ADMIN))

    def victims(query):
        return client.get(f"{URL}?from=2026-01-01&to=2026-12-31&{query}").get_json()["victims"]

    assert victims("region=chui") == 5
    assert victims("sector=C") == 5
    assert victims(f"employer_id={fixture_cases['beta'].id}") == 1
    assert victims("inspectorate=trade_union") == 0  # no act of the fixture is reviewed yet


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("to=2026-12-31", "from"),
        ("from=2026-12-31&to=2026-01-01", "to"),
        ("from=2010-01-01&to=2026-12-31", "to"),
        ("from=2026-01-01&to=2026-12-31&region=mars", "region"),
        ("from=2026-01-01&to=2026-12-31&sector=ZZ", "sector"),
        ("from=2026-01-01&to=2026-12-31&year=2026", "year"),
    ],
)
def test_bad_filters_are_named(login_as, fixture_cases, query, field):
    response = login_as(fixture_cases["officer"]).get(f"{URL}?{query}")

    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_the_openapi_document_describes_both_reports(client):
    spec = client.get("/api/v1/openapi.json").get_json()

    operation = spec["paths"]["/api/v1/reports/indicators"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"from", "to", "region", "sector", "employer_id"}
    schema = spec["components"]["schemas"]["IndicatorsOut"]
    assert "frequency_rate" in schema["properties"]
    money = spec["paths"]["/api/v1/reports/money"]["get"]
    assert {p["name"] for p in money["parameters"]} >= {"as_of", "region", "sector", "employer_id"}
    assert "outstanding" in spec["components"]["schemas"]["MoneyOut"]["properties"]


@pytest.fixture
def women(app, fixture_cases):
    """Of Alpha's 2026 cases, one of the group accident's two dead and the light case with 3 days lost
    are women; Alpha reports 100 women of its 400 in 2026 (none reported for 2025)."""
    import sqlalchemy as sa

    from accidents.models import Accident, Consequence, Victim

    with app.app_context(), db.transaction() as s:
        group = s.scalars(
            sa.select(Victim.id).join(Accident).where(Accident.category == "group").order_by(Victim.id)
        ).first()
        light = s.scalar(sa.select(Consequence.victim_id).where(Consequence.days_lost == 3))
        s.execute(sa.update(Victim).where(Victim.id.in_([group, light])).values(sex="female"))
        s.execute(
            sa.update(EmployerHeadcount)
            .where(EmployerHeadcount.employer_id == fixture_cases["alpha"].id, EmployerHeadcount.year == 2026)
            .values(women=100)
        )
    return fixture_cases


def test_the_rates_by_sex_divide_by_that_sexs_headcount(login_as, women):
    client = login_as(women["officer"])

    female = client.get(f"{URL}?from=2026-01-01&to=2026-12-31&sex=female").get_json()
    male = client.get(f"{URL}?from=2026-01-01&to=2026-12-31&sex=male").get_json()

    assert female == {
        "victims": 2,
        "deaths": 1,
        "days_lost": 3,
        "closed_cases": 1,
        "headcount": 100,
        "hours_worked": None,  # hours are not reported by sex
        "frequency_rate": "20.00",  # 2 x 1000 / 100
        "fatal_frequency_rate": "10.00",  # 1 x 1000 / 100
        "severity_rate": "3.00",  # 3 / 1
        "loss_rate": "60.00",  # 20 x 3
        "fatal_per_100k": "1000.00",
        "nonfatal_per_100k": "1000.00",  # (2 - 1) x 100,000 / 100
        "per_million_hours": None,
    }
    # Men: the group's other death, March's death, April's 30 days; 400 - 100 = 300 men.
    assert (male["victims"], male["deaths"], male["headcount"]) == (3, 2, 300)
    assert male["frequency_rate"] == "10.00"  # 3 x 1000 / 300
    assert male["fatal_frequency_rate"] == "6.67"  # 2 x 1000 / 300 = 6.666
    assert male["severity_rate"] == "30.00"
    assert male["loss_rate"] == "300.00"
    assert male["fatal_per_100k"] == "666.67"
    assert male["nonfatal_per_100k"] == "333.33"


def test_a_missing_headcount_by_sex_is_no_data_not_a_guess(login_as, make_user, women):
    # 2025 has no women reported: a period touching it has no denominator by sex.
    body = login_as(women["officer"]).get(f"{URL}?from=2025-06-01&to=2026-05-31&sex=male").get_json()
    # Beta reports no headcount at all: the country's women rates are Alpha's alone.
    country = login_as(make_user(Role.INSPECTOR)).get(f"{URL}?from=2026-01-01&to=2026-12-31&sex=female")

    assert (body["victims"], body["deaths"]) == (3, 1)  # the cases still count
    assert body["headcount"] is None
    assert all(body[k] is None for k in ("frequency_rate", "fatal_frequency_rate", "fatal_per_100k"))
    assert body["severity_rate"] == "30.00"  # Кт needs no headcount
    assert country.get_json()["victims"] == 2
    assert country.get_json()["frequency_rate"] == "20.00"


def test_a_bad_sex_is_named_and_the_filter_is_documented(login_as, client, fixture_cases):
    response = login_as(fixture_cases["officer"]).get(f"{URL}?from=2026-01-01&to=2026-12-31&sex=other")
    spec = client.get("/api/v1/openapi.json").get_json()

    assert response.status_code == 422
    assert "sex" in response.get_json()["errors"]
    parameters = {p["name"]: p for p in spec["paths"]["/api/v1/reports/indicators"]["get"]["parameters"]}
    assert {"male", "female"} <= set(parameters["sex"]["schema"]["enum"])
    assert "women" in parameters["sex"]["description"]
