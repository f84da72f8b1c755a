"""A compensation case in a real browser, CSRF on as in production: the safety officer records the MSEC
finding, files the claim, computes and issues the decision and records a payment; the statement shows
the arrears and art. 269 penalties the engine computes; then an inspector grants the claimant's appeal
(art. 258) and the employer's new order supersedes the old one."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

import compensation
from core.classifiers import Role
from core.formatting import money
from tests.conftest import PASSWORD
from tests.factories import ACCIDENT_DAY, FIRST, RECORDS_DAY, equivalent_case
from tests.factories import EARNINGS as CLAIM_EARNINGS

pytestmark = pytest.mark.e2e

#: The case of tests/factories.py, typed into the pages: its earnings as (month, amount).
EARNINGS = [(row["month"], row["amount"]) for row in CLAIM_EARNINGS]


def engine(calculation_date: str, fault: int, payments: list[dict[str, str]]) -> dict[str, Any]:
    """The statement the engine gives for the same facts typed as a contract case file."""
    return compensation.calculate(equivalent_case(calculation_date, [FIRST], payments, fault))


def sign_in(page: Any, live_server: str, email: str) -> None:
    page.goto(f"{live_server}/login")
    page.fill("#f-email", email)
    page.fill("#f-password", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{live_server}/")


def field(page: Any, name: str) -> Any:
    return page.locator(f"[name='{name}']")


def total(page: Any, key: str) -> str:
    return page.locator(f"#totals [data-total={key}]").inner_text()


def test_officer_files_and_pays_a_claim_and_an_inspector_grants_the_appeal(
    live_server, page, make_user, make_employer, make_accident, pin_today
):
    # Issue 12: nothing is dated after today. The accident of 2026-11-24; the case is typed in on the
    # day of each record (the claim's 2026-12-10, the order's, the payment's, the appeal's).
    pin_today(RECORDS_DAY)
    employer = make_employer()
    officer = make_user(Role.SAFETY_OFFICER, employer=employer)
    inspector = make_user(Role.INSPECTOR)
    make_accident(officer, "approved", reviewer=inspector, on=ACCIDENT_DAY)
    sign_in(page, live_server, officer.email)

    # The MSEC finding the victim brought (art. 232).
    page.click("nav.mainnav a[href='/compensation/findings']")
    page.click("a[href='/compensation/findings/new']")
    page.select_option("#f-victim_id", index=1)
    page.fill("#f-msec_body", "МСЭК г. Бишкек")
    page.fill("#f-examined_on", "2026-12-01")
    page.fill("#f-valid_from", "2026-12-01")
    page.fill("#f-valid_to", "2027-11-30")
    page.fill("#f-loss_percent", "160")
    page.select_option("#f-disability_group", "II")
    page.check("#f-care_household")
    page.click("button[type=submit].primary")
    expect(page.locator(".field-error[data-field=loss_percent]")).to_be_visible()
    assert page.input_value("#f-msec_body") == "МСЭК г. Бишкек"
    page.fill("#f-loss_percent", "60")
    page.click("button[type=submit].primary")
    page.wait_for_url(re.compile(r".*/compensation/findings/\d+$"))
    expect(page.locator("[data-loss='60']")).to_be_visible()

    # The claim with its earnings and documents (arts. 236-238, 254); the act's victim is preselected.
    page.click("a[href*='/compensation/claims/new?victim_id=']")
    page.fill("#f-filed_on", "2026-12-10")
    page.select_option("#f-region", "bishkek")
    page.fill("#f-victim_fault_percent", "20")
    page.fill("#f-reference_month", "2026-11")
    for i, (month, amount) in enumerate(EARNINGS):
        field(page, f"earnings.{i}.month").fill(month)
        field(page, f"earnings.{i}.amount").fill(amount)
    field(page, "documents.application.received_on").fill("2026-12-10")
    field(page, "documents.msec_finding.received_on").fill("2026-12-10")
    page.click("button[type=submit].primary")
    page.wait_for_url(re.compile(r".*/compensation/claims/\d+$"))
    claim_url = page.url
    expect(page.locator("h1 [data-status=filed]")).to_be_visible()
    expect(page.locator("#deadline")).to_contain_text("10.01.2027")  # LC-2025 art. 226(2): a month

    # A correction from the documents: the form comes back filled, the change is saved.
    page.click("#edit-claim")
    expect(field(page, "earnings.0.month")).to_have_value(EARNINGS[0][0])
    page.fill("#f-claimant_address", "г. Бишкек, ул. Токтогула 1")
    page.click("button[type=submit].primary")
    page.wait_for_url(claim_url)
    expect(page.locator(".flash-success")).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text("ул. Токтогула 1")

    # The decision: computed by the engine, checked, issued as order No. 45-к (art. 257).
    page.click("a[href$='/decisions/new']")
    page.fill("#f-calculation_date", "2027-01-31")
    page.click("button[type=submit].primary")
    page.wait_for_url(re.compile(r".*/compensation/decisions/\d+$"))
    first_decision = page.url
    at_issue = engine("2027-01-31", 20, [])
    assert total(page, "accrued") == money(Decimal(at_issue["totals"]["accrued"]))
    expect(page.locator("#trace a[href='/compensation/law/lc-2025/214']").first).to_be_visible()
    pin_today(date(2026, 12, 18))
    page.fill("#f-number", "45-к")
    page.fill("#f-issued_on", "2026-12-18")
    page.click("#issue button[type=submit]")
    page.click("#confirm-issue button[type=submit]")  # issue 14: the order is checked, then confirmed
    page.wait_for_selector("h1 [data-status=issued]")

    # December paid in full on time; January not at all.
    december = sum(Decimal(i["amount"]) for i in at_issue["installments"] if i["period"] == "2026-12")
    page.goto(claim_url)
    pin_today(date(2026, 12, 25))
    page.click("a[href$='/payments/new']")
    page.fill("#f-paid_on", "2026-12-25")
    page.fill("#f-amount", f"{december:.2f}")
    page.select_option("#f-applies_to", "periodic")
    page.click("button[type=submit].primary")
    page.wait_for_url(re.compile(r".*/compensation/claims/\d+(#payments)?$"))
    expect(page.locator("#payment-list")).to_contain_text(money(december))

    # The victim's statement on 15 March 2027: arrears and penalties as the engine counts them (art. 269).
    page.click("#statement-link")
    page.fill("#f-as_of", "2027-03-15")
    page.click("#statement-form button[type=submit]")
    page.wait_for_url(re.compile(r".*as_of=2027-03-15.*"))
    paid = [{"date": "2026-12-25", "amount": f"{december:.2f}", "applies_to": "periodic"}]
    statement = engine("2027-03-15", 20, paid)
    for key in ("accrued", "paid", "outstanding", "penalty"):
        assert total(page, key) == money(Decimal(statement["totals"][key])), key
    january = page.locator("#installments tr[data-period='2027-01']").first
    assert january.get_attribute("class") == "overdue"
    assert Decimal(statement["totals"]["penalty"]) > 0

    # The claimant appeals to the state labour inspectorate; it finds no gross negligence (art. 258).
    pin_today(date(2027, 2, 10))
    page.click("button.link")  # sign out
    sign_in(page, live_server, inspector.email)
    page.goto(claim_url)
    page.click("a[href$='/appeals/new']")
    page.fill("#f-filed_on", "2027-01-10")
    page.fill("#f-grounds", "Грубая неосторожность потерпевшего не доказана.")
    page.click("button[type=submit].primary")
    page.wait_for_url(re.compile(r".*/compensation/appeals/\d+$"))
    page.select_option("#f-status", "granted")
    page.fill("#f-decided_on", "2027-02-10")
    page.fill("#f-reasoning", "Вина потерпевшего не установлена.")
    field(page, "changes.victim_fault_percent").fill("0")
    page.click("#decide button[type=submit]")
    page.wait_for_selector("h1 [data-status=granted]")
    page.click("#resulting a")
    page.wait_for_selector("h1 [data-status=issued]")
    after_appeal = engine("2027-02-10", 0, paid)
    assert total(page, "accrued") == money(Decimal(after_appeal["totals"]["accrued"]))
    assert Decimal(after_appeal["totals"]["accrued"]) > Decimal(
        engine("2027-02-10", 20, paid)["totals"]["accrued"]
    )

    page.goto(claim_url)
    old_id = first_decision.rsplit("/", 1)[1]
    assert (
        page.locator(f"#decisions tr[data-decision='{old_id}']").get_attribute("data-status") == "superseded"
    )
    expect(page.locator("#decisions tr[data-status=issued]")).to_have_count(1)
    page.goto(first_decision)
    expect(page.locator("#superseded")).to_be_visible()
