"""Codes beside the act's free text: injury and body part (ESAW), occupation (ISCO-08), material agent."""

from __future__ import annotations

import pytest

from core.classifiers import Role

CODES = {"injury_nature_code": 20, "body_part_code": 60, "occupation_code": "71", "material_agent_code": 2}


@pytest.fixture
def officer(make_user):
    return make_user(Role.SAFETY_OFFICER)


def patch(client, act_id, body):
    version = client.get(f"/api/v1/acts/{act_id}").get_json()["version"]
    return client.patch(f"/api/v1/acts/{act_id}", json={**body, "version": version})


def test_the_codes_are_saved_shown_in_the_readers_language_and_frozen_on_approval(
    login_as, officer, make_user, make_accident
):
    act = make_accident(officer, "approved", reviewer=make_user(Role.INSPECTOR), act=CODES)["acts"][0]
    client = login_as(officer)

    body = client.get(f"/api/v1/acts/{act}").get_json()
    frozen = client.get(f"/api/v1/act-revisions/{body['revisions'][0]['id']}").get_json()["content"]
    client.get("/lang/ky")
    page = client.get(f"/accidents/acts/{act}").get_data(as_text=True)

    assert {k: body[k] for k in CODES} == CODES
    assert {k: frozen[k] for k in CODES} == CODES
    assert "20 — Сөөктөрдүн сынышы" in page
    assert "60 — Төмөнкү буттар" in page
    assert "КЭСК-08 71: Курулуштун жана ага жакын кесиптердин жумушчулары" in page
    assert "2 — Жер деңгээлинен жогору имараттар, курулмалар, беттер" in page


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("injury_nature_code", 15),
        ("body_part_code", 0),
        ("occupation_code", "19"),
        ("material_agent_code", 21),
    ],
)
def test_a_code_not_in_its_list_is_named(login_as, officer, make_accident, field, value):
    act = make_accident(officer, "investigating")["acts"][0]
    client = login_as(officer)

    response = patch(client, act, {field: value})

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == [field]


def test_the_codes_are_optional_and_can_be_cleared(login_as, officer, make_accident):
    act = make_accident(officer, "filled", act=CODES)["acts"][0]
    client = login_as(officer)

    cleared = patch(client, act, dict.fromkeys(CODES))

    assert cleared.status_code == 200
    assert all(cleared.get_json()[k] is None for k in CODES)


def test_the_act_form_offers_each_list_and_keeps_the_choice(login_as, officer, make_accident):
    act = make_accident(officer, "filled", act=CODES)["acts"][0]
    client = login_as(officer)

    form = client.get(f"/accidents/acts/{act}/edit").get_data(as_text=True)

    for name, value in CODES.items():
        assert f'name="{name}"' in form
        assert f'<option value="{value}" selected>' in form
