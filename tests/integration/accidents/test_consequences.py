"""The consequences per victim (RU form 8): recorded by the employer's officer, validated, audited, scoped."""

from __future__ import annotations

import pytest

from core.classifiers import Role


@pytest.fixture
def case(make_user, make_accident):
    """An approved act of an accident on 2026-11-24 (today is 2026-11-26), its officer and inspector."""
    officer = make_user(Role.SAFETY_OFFICER)
    inspector = make_user(Role.INSPECTOR)
    ids = make_accident(officer, "approved", reviewer=inspector)
    return {"officer": officer, "inspector": inspector, "act": ids["acts"][0], "victim": ids["victims"][0]}


RECOVERED = {
    "outcome": "recovered",
    "incapacity_from": "2026-11-24",
    "incapacity_to": "2026-11-26",
    "days_lost": 3,
}


def put(client, act_id, body, **headers):
    return client.put(f"/api/v1/acts/{act_id}/consequences", json=body, headers=headers)


def test_the_officer_records_the_outcome_and_the_act_shows_it_in_its_history(login_as, case):
    officer = login_as(case["officer"])

    saved = put(officer, case["act"], RECOVERED)
    read = officer.get(f"/api/v1/acts/{case['act']}/consequences").get_json()
    page = officer.get(f"/accidents/acts/{case['act']}").get_data(as_text=True)
    history = login_as(case["inspector"]).get(f"/api/v1/acts/{case['act']}/history").get_json()

    assert saved.status_code == 200, saved.get_json()
    assert read["outcome"] == "recovered"
    assert read["days_lost"] == 3
    assert read["victim_id"] == case["victim"]
    assert read["act_id"] == case["act"]
    assert 'data-outcome="recovered"' in page
    assert 'data-days-lost="3"' in page
    entry = history[-1]
    assert entry["action"] == "record_consequence"
    assert entry["changes"]["consequence.days_lost"] == [None, 3]


def test_nothing_recorded_is_a_404_and_the_page_says_so(login_as, case):
    officer = login_as(case["officer"])

    assert officer.get(f"/api/v1/acts/{case['act']}/consequences").status_code == 404
    assert 'id="consequence"' not in officer.get(f"/accidents/acts/{case['act']}").get_data(as_text=True)


def test_a_correction_needs_the_version_read_and_is_audited_as_a_change(login_as, case):
    officer = login_as(case["officer"])
    first = put(officer, case["act"], RECOVERED).get_json()

    stale = put(officer, case["act"], {**RECOVERED, "days_lost": 2})
    corrected = put(officer, case["act"], {**RECOVERED, "days_lost": 2, "version": first["version"]})
    history = login_as(case["inspector"]).get(f"/api/v1/acts/{case['act']}/history").get_json()

    assert stale.status_code == 409
    assert corrected.status_code == 200
    assert corrected.get_json()["days_lost"] == 2
    assert history[-1]["changes"] == {"consequence.days_lost": [3, 2]}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**RECOVERED, "incapacity_from": "2026-11-23"}, "incapacity_from"),  # before the accident
        ({**RECOVERED, "incapacity_to": "2026-11-27"}, "incapacity_to"),  # tomorrow
        ({**RECOVERED, "incapacity_from": "2026-11-26", "incapacity_to": "2026-11-25"}, "incapacity_to"),
        ({**RECOVERED, "days_lost": 4}, "days_lost"),  # three days from the 24th to the 26th
        ({"outcome": "recovered"}, "days_lost"),
        ({**RECOVERED, "outcome": "disability"}, "disability_group"),
        ({**RECOVERED, "disability_group": "II"}, "disability_group"),
        ({**RECOVERED, "died_on": "2026-11-26"}, "died_on"),
        ({"outcome": "died"}, "died_on"),
        ({"outcome": "died", "died_on": "2026-11-23"}, "died_on"),
        ({"outcome": "died", "died_on": "2026-11-24", "incapacity_from": "2026-11-25"}, "died_on"),
        ({"outcome": "died", "died_on": "2026-11-27"}, "died_on"),
        ({"outcome": "cured"}, "outcome"),
    ],
)
def test_dates_out_of_order_or_missing_for_the_outcome_are_named(login_as, case, body, field):
    officer = login_as(case["officer"])

    response = put(officer, case["act"], body)

    assert response.status_code == 422
    assert field in response.get_json()["errors"]
    assert officer.get(f"/api/v1/acts/{case['act']}/consequences").status_code == 404


def test_a_death_after_the_accident_and_a_disability_with_its_group_are_accepted(login_as, case):
    officer = login_as(case["officer"])

    died = put(officer, case["act"], {"outcome": "died", "died_on": "2026-11-25"})
    version = died.get_json()["version"]
    disability = {**RECOVERED, "outcome": "disability", "disability_group": "II", "version": version}
    disabled = put(officer, case["act"], disability)

    assert died.status_code == 200, died.get_json()
    assert disabled.status_code == 200, disabled.get_json()
    assert disabled.get_json()["disability_group"] == "II"
    assert disabled.get_json()["died_on"] is None


def test_the_errors_are_in_kyrgyz_and_russian(login_as, case):
    officer = login_as(case["officer"])
    body = {"outcome": "died", "died_on": "2026-11-23"}

    kyrgyz = put(officer, case["act"], body, **{"Accept-Language": "ky"}).get_json()["errors"]["died_on"]
    russian = put(officer, case["act"], body, **{"Accept-Language": "ru"}).get_json()["errors"]["died_on"]

    assert kyrgyz == ["Каза болгон күн бакыбат эмес окуядан мурун боло албайт."]
    assert russian == ["Дата смерти не может быть раньше несчастного случая."]


def test_another_employers_officer_finds_nothing_and_an_inspector_may_not_record(login_as, make_user, case):
    stranger = login_as(make_user(Role.SAFETY_OFFICER))

    assert put(stranger, case["act"], RECOVERED).status_code == 404
    assert stranger.get(f"/api/v1/acts/{case['act']}/consequences").status_code == 404
    assert stranger.post(f"/accidents/acts/{case['act']}/consequences", data=RECOVERED).status_code == 404
    inspector = login_as(case["inspector"])
    assert put(inspector, case["act"], RECOVERED).status_code == 403
    assert 'data-action="consequence"' not in inspector.get(f"/accidents/acts/{case['act']}").get_data(
        as_text=True
    )


def test_the_form_on_the_acts_page_keeps_the_input_and_shows_the_error(login_as, case):
    officer = login_as(case["officer"])
    form = {**RECOVERED, "days_lost": "9"}

    refused = officer.post(f"/accidents/acts/{case['act']}/consequences", data=form)
    saved = officer.post(f"/accidents/acts/{case['act']}/consequences", data={**form, "days_lost": "3"})

    html = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert 'data-field="days_lost"' in html
    assert 'value="9"' in html
    assert saved.status_code == 302
    assert officer.get(f"/api/v1/acts/{case['act']}/consequences").get_json()["days_lost"] == 3
