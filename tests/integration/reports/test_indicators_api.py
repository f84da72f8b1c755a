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
