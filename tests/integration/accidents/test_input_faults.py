"""Input that once answered 500 (issue 15): dates at the calendar's edge, integers too long to parse,
text the database cannot encode, and text the records should refuse."""

from __future__ import annotations

import pytest

from core.classifiers import Role
from tests.conftest import accident_json


@pytest.fixture
def admin(make_user, login_as):
    return login_as(make_user(Role.ADMIN))


@pytest.mark.parametrize("url", ["/accidents", "/api/v1/accidents"])
@pytest.mark.parametrize("name", ["date_to", "date_from"])
@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01"])
def test_a_date_at_the_calendars_edge_filters_the_lists_without_a_500(admin, url, name, value):
    response = admin.get(f"{url}?{name}={value}")

    assert response.status_code in (200, 422), response.status_code


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01"])
def test_the_joint_analysis_takes_the_calendars_edge(make_user, login_as, value):
    from core.classifiers import Inspectorate

    client = login_as(make_user(Role.INSPECTOR, inspectorate=Inspectorate.TRADE_UNION))
    for url in ("/cooperation/analysis", "/cooperation/analysis.csv", "/cooperation/analysis.xlsx"):
        response = client.get(f"{url}?date_from=0001-01-01&date_to={value}")

        assert response.status_code in (200, 422), (url, response.status_code)


BIG = "9" * 5000


def test_an_integer_of_5000_digits_is_a_clear_422(admin):
    body = admin.post("/api/v1/accidents", data=f'{{"employer_id": {BIG}}}', content_type="application/json")
    query = admin.get(f"/api/v1/accidents?employer_id={BIG}")
    page = admin.get(f"/accidents?employer_id={BIG}")
    path = admin.get(f"/api/v1/accidents/{BIG}")

    assert body.status_code == 422
    assert body.get_json()["code"] == "malformed_json"
    assert query.status_code == 422
    assert "employer_id" in query.get_json()["errors"]
    assert page.status_code == 422
    assert path.status_code == 404


def test_a_lone_surrogate_in_json_is_a_field_error_naming_the_field(make_user, make_employer, login_as):
    employer = make_employer()
    client = login_as(make_user(Role.SAFETY_OFFICER, employer=employer))
    report = accident_json()
    report["place"] = "Цех \ud800"

    response = client.post("/api/v1/accidents", json=report)

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["place"]


@pytest.mark.parametrize(
    ("victim", "field"),
    [
        ({"pin": "٢٢٣٤٥٦٧٨٩٠١٢٣٤"}, "pin"),  # Arabic-Indic digits
        ({"pin": "２２３４５６７８９０１２３４"}, "pin"),  # full-width digits
        ({"full_name": "   "}, "full_name"),
        ({"full_name": "\u200b\u200d\ufeff"}, "full_name"),
        ({"full_name": "\x1b[2JИванов"}, "full_name"),  # an ANSI escape clears a terminal
        ({"occupation": "слесарь\x08\x08"}, "occupation"),
        ({"birth_date": "0001-01-01"}, "birth_date"),
        ({"birth_date": "1899-12-31"}, "birth_date"),
        ({"birth_date": "2027-01-01"}, "birth_date"),
    ],
)
def test_a_report_refuses_what_no_record_should_hold(make_user, make_employer, login_as, victim, field):
    client = login_as(make_user(Role.SAFETY_OFFICER, employer=make_employer()))
    report = accident_json()
    report["victims"][0].update(victim)

    response = client.post("/api/v1/accidents", json=report)

    assert response.status_code == 422
    assert f"victims.0.{field}" in response.get_json()["errors"]


def test_a_report_keeps_paragraphs_and_a_birth_date_of_1900(make_user, make_employer, login_as):
    client = login_as(make_user(Role.SAFETY_OFFICER, employer=make_employer()))
    report = accident_json()
    report["circumstances"] = "Первый абзац.\r\n\tВторой абзац."
    report["victims"][0]["birth_date"] = "1900-01-01"

    response = client.post("/api/v1/accidents", json=report)

    assert response.status_code == 201, response.get_json()
