"""The two inspectorates working together in a real browser, with CSRF on.

A trade-union inspector (the Inspection) sends a request to the state inspection (the Service); a
state inspector answers it; the first sees the answer. A joint inspection of the employer records a
violation linked to the employer's accident and an order past its due date, which the employer's
safety officer sees as overdue.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from core.classifiers import Inspectorate, Role
from core.db import today_bishkek
from tests.e2e.test_accident_flow import field, sign_in, sign_out

pytestmark = pytest.mark.e2e


def test_a_request_is_answered_and_a_joint_inspections_order_is_overdue_for_the_officer(
    page, live_server, make_user, make_employer, make_accident, app
):
    from cooperation.models import Norm
    from core import db

    base = live_server
    employer = make_employer(name="ОсОО «Бишкек Курулуш»")
    officer = make_user(Role.SAFETY_OFFICER, employer=employer, full_name="Осмонова Айгуль")
    tli = make_user(Role.INSPECTOR, inspectorate=Inspectorate.TRADE_UNION, full_name="Кыдыралиев Самат")
    state = make_user(Role.INSPECTOR, inspectorate=Inspectorate.STATE, full_name="Жумабаев Эрлан")
    accident = make_accident(officer)["accident"]
    with app.app_context(), db.transaction() as s:
        s.add(Norm(act="Правила по охране труда при работе на высоте", article="п. 12", title="Ограждения"))
    today = today_bishkek()

    # The Inspection asks the Service (art. 2.2).
    sign_in(page, base, tli)
    page.goto(f"{base}/cooperation/requests/new")
    field(page, "kind").select_option("inspection_results")
    field(page, "subject").fill("Результаты проверок ОсОО «Бишкек Курулуш»")
    field(page, "body").fill("Просим сообщить результаты проверок за 2026 год.")
    field(page, "due_on").fill((today + timedelta(days=10)).isoformat())
    page.locator("form.fields button[type=submit]").click()
    expect(page.locator("[data-state]").first).to_have_attribute("data-state", "open")
    request_url = page.url
    sign_out(page)

    # The Service answers.
    sign_in(page, base, state)
    page.goto(f"{base}/cooperation/requests")
    page.locator("tr[data-request] a").first.click()
    field(page, "answer").fill("Проведена внеплановая проверка, выдано предписание.")
    page.locator("#answer button[type=submit]").click()
    expect(page.locator("[data-answer]")).to_contain_text("выдано предписание")
    sign_out(page)

    # The Inspection sees the answer.
    sign_in(page, base, tli)
    page.goto(request_url)
    expect(page.locator("[data-answer]")).to_contain_text("Проведена внеплановая проверка")
    expect(page.locator("h1 [data-state]")).to_have_attribute("data-state", "answered")

    # A joint inspection after the accident: a violation linked to it and an order now past due.
    page.goto(f"{base}/cooperation/inspections/new")
    field(page, "employer_id").select_option(str(employer.id))
    field(page, "kind").select_option("joint")
    field(page, "grounds").select_option("accident")
    field(page, "accident_id").fill(str(accident))
    field(page, "inspectors").fill("Кыдыралиев С. (Инспекция); Жумабаев Э. (Кызмат)")
    field(page, "starts_on").fill((today - timedelta(days=40)).isoformat())
    field(page, "ends_on").fill((today - timedelta(days=38)).isoformat())
    field(page, "subject").fill("Охрана труда при работе на высоте")
    page.locator("form.fields button[type=submit]").click()
    expect(page.locator("[data-kind]")).to_have_attribute("data-kind", "joint")
    inspection_url = page.url
    sign_out(page)

    sign_in(page, base, state)  # the other inspectorate works on the same record
    page.goto(inspection_url)
    form = page.locator("#violation-form")
    form.locator('[name="norm_id"]').select_option(index=1)
    form.locator('[name="description"]').fill("Площадки на высоте 4 м без ограждений")
    form.locator('[name="severity"]').select_option("grave")
    form.locator('[name="accident_id"]').fill(str(accident))
    form.locator("button[type=submit]").click()
    expect(page.locator(f"tr[data-violation] [data-accident='{accident}']")).to_be_visible()
    form = page.locator("#order-form")
    form.locator('[name="violation_id"]').select_option(index=1)
    form.locator('[name="requirement"]').fill("Установить ограждения на площадках")
    form.locator('[name="issued_on"]').fill((today - timedelta(days=38)).isoformat())
    form.locator('[name="due_on"]').fill((today - timedelta(days=5)).isoformat())
    form.locator("button[type=submit]").click()
    expect(page.locator("tr[data-order] [data-state]")).to_have_attribute("data-state", "overdue")
    sign_out(page)

    # The employer's officer sees the order as overdue, and no requests at all.
    sign_in(page, base, officer)
    page.goto(f"{base}/cooperation/orders?overdue=true")
    row = page.locator("tr[data-order]")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Установить ограждения на площадках")
    expect(row.locator("[data-state]")).to_have_attribute("data-state", "overdue")
    response = page.goto(f"{base}/cooperation/requests")
    assert response is not None
    assert response.status == 403
