"""An administrator at work in a real browser, with CSRF protection on as in production."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from core.classifiers import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e


def sign_in(page, live_server: str, email: str) -> None:
    page.goto(f"{live_server}/login")
    page.fill("#f-email", email)
    page.fill("#f-password", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{live_server}/")


def test_admin_registers_an_employer_adds_its_headcount_and_reads_the_history(live_server, page, make_user):
    admin = make_user(Role.ADMIN)
    sign_in(page, live_server, admin.email)

    page.click("nav.mainnav a[href='/admin/employers']")
    page.click("a[href='/admin/employers/new']")
    page.fill("#f-name", "ОсОО «Нарын Кум»")
    page.fill("#f-inn", "12345")
    page.select_option("#f-sector", "B")
    page.select_option("#f-region", "naryn")
    page.click("button[type=submit].primary")
    expect(page.locator(".field-error[data-field=inn]")).to_be_visible()
    assert page.input_value("#f-name") == "ОсОО «Нарын Кум»"
    page.fill("#f-inn", "04101201010101")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/employers/*")
    page.fill("#f-year", "2024")
    page.fill("#f-headcount", "64")
    page.fill("#f-hours_worked", "120000")
    page.click("#headcount button[type=submit]")

    expect(page.locator("td.num", has_text="120000")).to_have_count(1)
    # The history names the field for people, not by its path (headcount.2024.headcount).
    expect(
        page.locator(
            "table.history div", has_text="Среднесписочная численность · 2024 · Среднесписочная численность"
        )
    ).to_have_count(1)
    expect(page.locator(".flash-success")).to_be_visible()


def test_admin_creates_a_safety_officer_who_can_then_sign_in(live_server, page, make_user, make_employer):
    admin = make_user(Role.ADMIN)
    employer = make_employer()
    sign_in(page, live_server, admin.email)

    page.goto(f"{live_server}/admin/users/new")
    page.fill("#f-full_name", "Абдыкеримов Тимур")
    page.fill("#f-email", "timur@example.kg")
    page.select_option("#f-role", "safety_officer")
    page.fill("#f-employer_inn", employer.inn)
    page.fill("#f-password", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url("**/admin/users/*")
    page.click("button.link")  # sign out

    sign_in(page, live_server, "timur@example.kg")
    page.goto(f"{live_server}/employers/{employer.id}")
    expect(page.locator("h1")).to_have_text(employer.name)
