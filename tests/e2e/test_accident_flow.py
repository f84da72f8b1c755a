"""An accident investigated end to end in a real browser, with CSRF on, as the people who do it.

A safety officer reports a severe accident with two injured persons, forms the
commission, fills in and submits both acts N-1; an inspector returns one with a
remark and approves the other; the officer corrects and resubmits; the inspector
approves it; the victim's copy downloads as a PDF with the victim's name. Then the
same pages in Kyrgyz.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from core.classifiers import Role
from core.db import today_bishkek
from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e

VICTIMS = [
    ("Асанов Мирлан Бакытович", "20503199100011", "male", "1991-03-05", "Монтажник"),
    ("Калыкова Жылдыз Тойчуевна", "11207199300022", "female", "1993-07-12", "Маляр"),
]


def field(page, name: str):
    return page.locator(f'[name="{name}"]').first


def sign_in(page, base: str, user) -> None:
    page.goto(f"{base}/login")
    field(page, "email").fill(user.email)
    field(page, "password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{base}/")


def sign_out(page) -> None:
    page.locator("form[action='/logout'] button").click()


def fill_act(page, diagnosis: str) -> None:
    today = today_bishkek()
    field(page, "service_years").fill("4")
    field(page, "service_months").fill("2")
    field(page, "induction_briefing_on").fill((today - timedelta(days=300)).isoformat())
    field(page, "injury_nature").fill("Закрытый перелом")
    field(page, "body_part").fill("Правое предплечье")
    field(page, "diagnosis").fill(diagnosis)
    field(page, "severity").select_option("severe")
    field(page, "medical_conclusion_no").fill("118")
    field(page, "medical_conclusion_on").fill(today.isoformat())
    field(page, "main_cause").select_option("8")
    page.locator('input[name="contributing_causes"][value="9"]').check()
    field(page, "causes_text").fill("Рабочее место на высоте не ограждено; целевой инструктаж не проведён.")
    field(page, "work_related").select_option("true")
    field(page, "work_related_grounds").fill(
        "Травма получена при исполнении трудовых обязанностей (ст. 223)."
    )
    field(page, "measures.0.description").fill("Установить ограждения рабочих мест на высоте")
    field(page, "measures.0.due_date").fill((today + timedelta(days=14)).isoformat())
    field(page, "responsible_persons.0.full_name").fill("Иманов Азамат")
    field(page, "responsible_persons.0.post").fill("Прораб")
    field(page, "responsible_persons.0.norms_violated").fill("Правила работы на высоте, п. 12")
    field(page, "witnesses.0.full_name").fill("Токтогулов Эрмек")
    page.locator("#save-submit").click()


def act_links(page) -> list[str]:
    return [a.get_attribute("href") for a in page.locator("a[data-act]").all()]


def review(page, base: str, act_href: str, decision: str, remark: str | None = None) -> None:
    page.goto(base + act_href)
    page.locator('form[data-action="start_review"] button').click()
    expect_status(page, "under_review")
    form = page.locator(f'form[data-action="{decision}"]')
    if remark:
        form.locator('textarea[name="remark"]').fill(remark)
    form.locator("button").click()


def expect_status(page, status: str) -> None:
    expect(page.locator(f'h1 [data-status="{status}"]')).to_have_count(1)


def test_a_severe_accident_with_two_victims_from_report_to_approved_acts(
    live_server, page, make_user, make_employer, tmp_path: Path
):
    employer = make_employer(name="ОсОО «Бишкек Курулуш»")
    officer = make_user(Role.SAFETY_OFFICER, employer=employer, full_name="Осмонова Айгуль")
    inspector = make_user(Role.INSPECTOR, full_name="Жумабаев Эрлан")
    base = live_server
    day = today_bishkek() - timedelta(days=1)

    # The officer reports the accident.
    sign_in(page, base, officer)
    page.locator("nav.mainnav").get_by_role("link", name="Несчастные случаи", exact=True).click()
    page.get_by_role("link", name="Сообщить о несчастном случае").click()
    field(page, "occurred_at").fill(f"{day.isoformat()}T10:30")
    field(page, "category").select_option("severe")
    field(page, "incident_type").select_option("3")
    field(page, "place").fill("Стройплощадка, ул. Ахунбаева 119, секция Б")
    field(page, "circumstances").fill(
        "При подъёме опалубки краном оборвался строп; опалубка упала на двух рабочих."
    )
    for i, (name, pin, sex, born, occupation) in enumerate(VICTIMS):
        field(page, f"victims.{i}.full_name").fill(name)
        field(page, f"victims.{i}.pin").fill(pin)
        field(page, f"victims.{i}.sex").select_option(sex)
        field(page, f"victims.{i}.birth_date").fill(born)
        field(page, f"victims.{i}.occupation").fill(occupation)
    page.get_by_role("button", name="Сообщить").click()
    expect_status(page, "reported")
    accident_url = page.url
    expect(
        page.locator('[data-notice] [data-state="overdue"], [data-notice] [data-state="pending"]')
    ).to_have_count(5)

    # Two notices are marked sent together, in one form; the others stay pending.
    together = page.locator("form#notices-sent")
    for row in together.locator("tr[data-pending]").all():
        if row.get_attribute("data-pending") not in ("state_labour_inspection", "prosecutor"):
            row.locator('input[type="checkbox"]').uncheck()
    together.locator('tr[data-pending="prosecutor"] input[type="text"]').fill("исх. 17")
    together.locator('[name="sent_at"]').fill(f"{day.isoformat()}T11:00")
    together.locator('[name="method"]').select_option("phone")
    together.locator('button[type="submit"]').click()
    expect(page.locator('tr[data-notice="state_labour_inspection"] [data-state="sent"]')).to_have_count(1)
    expect(page.locator('tr[data-notice="prosecutor"] [data-state="sent"]')).to_have_count(1)
    expect(page.locator("form#notices-sent tr[data-pending]")).to_have_count(3)

    # The commission is formed, with the trade union's representative.
    page.get_by_role("link", name="Создать комиссию").click()
    field(page, "formed_on").fill(day.isoformat())
    field(page, "order_no").fill("45-к")
    members = [
        ("Бекмуратов Алмаз", "Главный инженер", "chair"),
        ("Сыдыкова Айгуль", "Председатель профкома", "trade_union"),
        ("Омуров Нурлан", "Инженер по охране труда", "osh_specialist"),
    ]
    for i, (name, post, role) in enumerate(members):
        field(page, f"members.{i}.full_name").fill(name)
        field(page, f"members.{i}.post").fill(post)
        field(page, f"members.{i}.role").select_option(role)
    page.get_by_role("button", name="Сохранить состав комиссии").click()
    expect_status(page, "investigating")
    acts = act_links(page)
    assert len(acts) == 2

    # Both acts are filled in and submitted.
    for href in acts:
        page.goto(base + href)
        page.get_by_role("link", name="Заполнить акт").click()
        fill_act(page, "Закрытый перелом правой лучевой кости")
        expect_status(page, "act_submitted")
    sign_out(page)

    # The inspector returns the first act with a remark and approves the second.
    sign_in(page, base, inspector)
    review(page, base, acts[0], "return", remark="Не указан номер протокола проверки знаний.")
    expect_status(page, "returned")
    review(page, base, acts[1], "approve")
    expect_status(page, "approved")
    sign_out(page)

    # The officer sees the remark, corrects the act and resubmits it.
    sign_in(page, base, officer)
    page.goto(base + acts[0])
    expect(page.locator("#remark")).to_contain_text("Не указан номер протокола проверки знаний.")
    page.get_by_role("link", name="Заполнить акт").click()
    field(page, "knowledge_test_on").fill((today_bishkek() - timedelta(days=100)).isoformat())
    field(page, "knowledge_test_protocol").fill("14")
    page.locator("#save-submit").click()
    expect_status(page, "act_submitted")
    sign_out(page)

    # The inspector approves it: the accident is approved.
    sign_in(page, base, inspector)
    review(page, base, acts[0], "approve")
    expect_status(page, "approved")
    page.goto(accident_url)
    expect_status(page, "approved")

    # The victim's copy.
    page.goto(base + acts[0])
    with page.expect_download() as download:
        page.locator("#pdf").click()
    pdf = tmp_path / "act.pdf"
    download.value.save_as(pdf)
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert VICTIMS[0][0] in text
    assert "протокол № 14" in text

    # The same record in Kyrgyz.
    page.goto(accident_url)
    page.locator('a[data-lang="ky"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "ky")
    body = page.locator("main").inner_text()
    assert "Жабыркагандар жана актылар" in body
    assert "Териштирүү боюнча комиссия" in body
    assert re.search(r"Бекитилди", body)
