"""The investigation's HTML pages: forms keep what was typed and name each bad field; the act prints."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from tests.conftest import COMMISSION_MEMBERS, accident_json


def page_of(response) -> str:
    return response.get_data(as_text=True)


def report_form(**overrides) -> dict[str, str]:
    payload = accident_json()
    victim = payload["victims"][0]
    form = {
        "occurred_at": payload["occurred_at"],
        "place": payload["place"],
        "category": "severe",
        "incident_type": "2",
        "circumstances": payload["circumstances"],
        **{f"victims.0.{k}": v for k, v in victim.items()},
    }
    form.update(overrides)
    return form


def test_the_report_form_offers_blank_rows_for_victims(login_as, officer):
    page = page_of(login_as(officer).get("/accidents/new"))

    assert 'name="victims.0.pin"' in page
    assert 'name="victims.2.pin"' in page
    assert 'name="csrf_token"' in page


def test_a_report_with_errors_is_shown_again_with_each_field_named_and_the_input_kept(login_as, officer):
    form = report_form(**{"victims.0.pin": "12345", "place": ""})
    form["victims.1.full_name"] = "Второй Без Данных"

    response = login_as(officer).post("/accidents/new", data=form)

    assert response.status_code == 422
    page = page_of(response)
    for field in ("place", "victims.0.pin", "victims.1.pin", "victims.1.sex", "victims.1.birth_date"):
        assert f'data-field="{field}"' in page, field
    assert 'value="12345"' in page
    assert 'value="Второй Без Данных"' in page
    assert "Обязательное поле." in page


def test_a_text_of_five_megabytes_comes_back_named_with_what_was_typed_kept(login_as, officer):
    typed = "Rabochiy podnyalsya na lesa. " * 180_000  # about 5 MB
    form = report_form(circumstances=typed)

    response = login_as(officer).post("/accidents/new", data=form)

    assert response.status_code == 422  # not werkzeug's bare 413: the field is named, the text kept
    page = page_of(response)
    assert 'data-field="circumstances"' in page
    assert typed[:2000] in page
    assert 'maxlength="20000"' in page  # the page says the limit before anything is sent


def test_blank_rows_in_the_middle_are_dropped_and_errors_stay_on_their_row(login_as, officer):
    form = report_form()
    form["victims.2.full_name"] = "Третья Строка"

    response = login_as(officer).post("/accidents/new", data=form)

    page = page_of(response)
    # The third row was the second filled one: it is shown, with its errors, as row 1.
    assert re.search(r'name="victims\.1\.full_name"[^>]*value="Третья Строка"', page)
    assert 'data-field="victims.1.pin"' in page


def test_a_valid_report_is_saved_and_shown_with_its_deadlines(login_as, officer):
    client = login_as(officer)

    response = client.post("/accidents/new", data=report_form())

    assert response.status_code == 302
    page = page_of(client.get(response.headers["Location"]))
    assert "Пострадавший Номер 1" in page
    assert "Расследование завершить до" in page
    assert "Прокуратура" in page
    assert 'data-state="overdue"' in page


def test_the_commission_form_starts_the_investigation(login_as, officer, make_accident):
    ids = make_accident(officer)
    client = login_as(officer)
    form = {"version": "1", "formed_on": accident_json()["occurred_at"][:10], "order_no": "5"}
    for i, member in enumerate(COMMISSION_MEMBERS):
        form.update({f"members.{i}.{k}": v for k, v in member.items()})

    response = client.post(f"/accidents/{ids['accident']}/commission", data=form)

    assert response.status_code == 302
    page = page_of(client.get(f"/accidents/{ids['accident']}"))
    assert 'data-status="investigating"' in page
    assert "Акт №" in page


def test_a_commission_saved_without_its_chair_says_what_submission_will_need(
    login_as, officer, make_accident
):
    ids = make_accident(officer, category="severe")
    client = login_as(officer)
    form = {"version": "1", "formed_on": accident_json()["occurred_at"][:10], "order_no": "5"}
    form.update(
        {"members.0.full_name": "Осмонов Б.", "members.0.post": "инженер", "members.0.role": "osh_specialist"}
    )

    saved = client.post(f"/accidents/{ids['accident']}/commission", data=form, follow_redirects=True)

    page = page_of(saved)
    assert saved.status_code == 200
    assert "flash-success" in page
    assert page.count("flash-warning") >= 2  # too few members, and no chair
    assert "председатель" in page.lower()


def test_a_stale_form_is_a_conflict_that_keeps_what_was_typed(login_as, officer, make_accident):
    ids = make_accident(officer, stage="investigating")
    client = login_as(officer)
    form = report_form(place="Новое место, которое нельзя потерять", version="1")

    response = client.post(f"/accidents/{ids['accident']}/edit", data=form)

    assert response.status_code == 409
    assert "Новое место, которое нельзя потерять" in page_of(response)


def test_the_act_form_names_nested_errors_and_keeps_the_rows(login_as, officer, make_accident):
    ids = make_accident(officer, stage="investigating")
    client = login_as(officer)
    form = {
        "version": "1",
        "measures.0.description": "Оградить проём",
        "measures.0.due_date": "",
        "victim_fault_percent": "100",
        "contributing_causes": ["3", "9"],
    }

    response = client.post(f"/accidents/acts/{ids['acts'][0]}/edit", data=form)

    assert response.status_code == 422
    page = page_of(response)
    assert 'data-field="measures.0.due_date"' in page
    assert 'data-field="victim_fault_percent"' in page
    assert 'value="Оградить проём"' in page
    assert re.search(r'value="9"\s+checked', page)


def test_save_and_submit_shows_what_the_act_still_lacks(login_as, officer, make_accident):
    ids = make_accident(officer, stage="investigating")
    client = login_as(officer)

    response = client.post(
        f"/accidents/acts/{ids['acts'][0]}/edit",
        data={"version": "1", "body_part": "Кисть", "then": "submit"},
    )

    assert response.status_code == 422
    page = page_of(response)
    assert 'data-field="diagnosis"' in page
    assert 'value="Кисть"' in page  # what was saved is shown again


def test_the_inspector_returns_an_act_from_its_page_and_the_officer_sees_the_remark(
    login_as, officer, inspector, make_accident
):
    ids = make_accident(officer, stage="under_review", reviewer=inspector)
    act_url = f"/accidents/acts/{ids['acts'][0]}"
    client = login_as(inspector)
    version = re.search(r'name="version" value="(\d+)"', page_of(client.get(act_url))).group(1)

    without_remark = client.post(f"{act_url}/transition", data={"action": "return", "version": version})
    returned = client.post(
        f"{act_url}/transition", data={"action": "return", "version": version, "remark": "Нет схемы места"}
    )

    assert without_remark.status_code == 422
    assert 'data-field="remark"' in page_of(without_remark)
    assert returned.status_code == 302
    page = page_of(login_as(officer).get(act_url))
    assert "Нет схемы места" in page
    assert 'data-status="returned"' in page


def test_the_history_is_shown_to_inspectors_only(login_as, officer, inspector, make_accident):
    ids = make_accident(officer, stage="submitted")
    url = f"/accidents/acts/{ids['acts'][0]}"

    assert "История изменений" not in page_of(login_as(officer).get(url))
    assert "История изменений" in page_of(login_as(inspector).get(url))


def test_the_list_filters_and_flags_overdue_records(login_as, officer, make_accident):
    make_accident(officer, category="light", occurred_at="2026-01-05T09:00")
    client = login_as(officer)

    page = page_of(client.get("/accidents?overdue=1"))
    bad = client.get("/accidents?date_from=not-a-date")

    assert "Пострадавший Номер 1" in page
    assert "просрочено" in page
    assert bad.status_code == 422
    assert 'data-field="date_from"' in page_of(bad)


def test_the_approved_act_prints_with_the_victims_name(login_as, officer, inspector, make_accident):
    ids = make_accident(officer, stage="approved", reviewer=inspector)

    response = login_as(officer).get(f"/accidents/acts/{ids['acts'][0]}/pdf")

    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    assert "Пострадавший Номер 1" in text
    assert "о несчастном случае на производстве" in text
    assert "ПРОЕКТ" not in text


def test_an_act_not_yet_approved_prints_as_a_draft(login_as, officer, make_accident):
    ids = make_accident(officer, stage="filled")

    response = login_as(officer).get(f"/accidents/acts/{ids['acts'][0]}/pdf")

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    assert "ПРОЕКТ" in text


def test_pages_speak_kyrgyz_on_request(login_as, officer, make_accident):
    ids = make_accident(officer, stage="investigating")
    client = login_as(officer)
    client.get("/lang/ky")

    page = page_of(client.get(f"/accidents/{ids['accident']}"))
    act = page_of(client.get(f"/accidents/acts/{ids['acts'][0]}/edit"))

    assert "Териштирүү боюнча комиссия" in page
    assert "Жабыркагандар жана актылар" in page
    assert "Окуянын түрү" in act


def test_the_occupational_disease_act_prints_under_its_own_title(login_as, officer, make_accident):
    ids = make_accident(
        officer, stage="filled", act={"kind": "occupational_disease", "final_diagnosis": "Пылевой бронхит"}
    )

    response = login_as(officer).get(f"/accidents/acts/{ids['acts'][0]}/pdf")

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    assert "о случае профессионального заболевания" in text
    assert "Пылевой бронхит" in text


def test_approve_is_offered_on_a_light_not_work_related_act_only_after_the_agreement(
    login_as, inspector, light_unrelated_act
):
    act_id = light_unrelated_act
    client = login_as(inspector)

    before = page_of(client.get(f"/accidents/acts/{act_id}"))
    version = re.search(r'name="version" value="(\d+)"', before).group(1)
    agreed = client.post(f"/accidents/acts/{act_id}/agreement", data={"version": version, "remark": ""})
    after = page_of(client.get(f"/accidents/acts/{act_id}"))

    assert 'data-action="agree"' in before
    assert 'data-action="approve"' not in before
    assert 'data-action="return"' in before
    assert agreed.status_code in (200, 302, 303)
    assert 'data-action="agree"' not in after
    assert 'data-action="approve"' in after


def test_a_severe_not_work_related_act_offers_approve_at_once(login_as, officer, inspector, make_accident):
    ids = make_accident(
        officer,
        stage="under_review",
        reviewer=inspector,
        act={"work_related": False, "work_related_grounds": "Умысел пострадавшего"},
    )

    page = page_of(login_as(inspector).get(f"/accidents/acts/{ids['acts'][0]}"))

    assert 'data-action="approve"' in page
    assert 'data-action="agree"' not in page
