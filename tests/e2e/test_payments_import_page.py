"""Issue 13: the officers' payments import in a real Chromium, CSRF on as in production, in Russian and in
Kyrgyz, at 1,366 and 390 px: a file with a bad row is refused whole, each error named by its row and field,
without sideways scrolling or a serious accessibility fault; the corrected file is recorded."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from claims.services import imports
from core.classifiers import Role
from tests.e2e.test_claim_flow import sign_in
from tests.e2e.test_layout import AXE, SERIOUS_VIOLATIONS, WIDER_THAN_THE_WINDOW, WIDTHS
from tests.factories import ACCIDENT_DAY, RECORDS_DAY

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_an_officer_imports_a_file_and_reads_each_rows_errors_on_a_laptop_and_a_phone(
    lang: str,
    pin_today: Any,
    make_employer: Any,
    make_user: Any,
    make_accident: Any,
    login_as: Any,
    make_claim: Any,
    live_server: str,
    chromium: Any,
    tmp_path: Path,
) -> None:
    pin_today(RECORDS_DAY)
    officer = make_user(Role.SAFETY_OFFICER, employer=make_employer())
    accident = make_accident(officer, "approved", reviewer=make_user(Role.INSPECTOR), on=ACCIDENT_DAY)
    claim, _decision = make_claim(login_as(officer), accident["victims"][0])
    row = {"claim_id": claim["id"], "paid_on": "2026-12-10", "applies_to": "periodic"}
    wrong, right = tmp_path / "wrong.csv", tmp_path / "right.csv"
    wrong.write_text(imports.as_csv([{**row, "amount": "1500.00"}, {**row, "amount": "15,5,0"}]))
    right.write_text(
        imports.as_csv([{**row, "amount": "1500.00"}, {**row, "amount": "150.00", "reference": "2"}])
    )
    faults: dict[int, list[str]] = {}

    for width in WIDTHS:
        context = chromium.new_context(
            viewport={"width": width, "height": 900}, locale="ru-RU", bypass_csp=True
        )
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.goto(f"{live_server}/lang/{lang}")
        sign_in(page, live_server, officer.email)
        page.goto(f"{live_server}/compensation/claims")
        page.click("a[href='/compensation/payments/import']")
        page.set_input_files("input[name=file]", str(wrong))
        page.click("#import-payments button[type=submit]")

        expect(page.locator("#import-rows tr[data-row='2'][data-status='error']")).to_be_visible()
        expect(page.locator("#import-rows tr[data-row='1'][data-status='valid']")).to_be_visible()
        expect(
            page.locator("#import-rows tr[data-row='2'] .field-error[data-field='amount']")
        ).to_contain_text("2")
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):  # the page itself
            pytest.fail(f"{width}px: {page.evaluate(WIDER_THAN_THE_WINDOW)}")
        if AXE.exists():
            page.add_script_tag(path=str(AXE))
            faults[width] = page.evaluate(SERIOUS_VIOLATIONS)
        elif os.environ.get("CI"):
            pytest.fail("axe-core is not installed: make test installs it (npm, tests/e2e/node)")
        if width == WIDTHS[-1]:  # the corrected file, once
            page.set_input_files("input[name=file]", str(right))
            page.click("#import-payments button[type=submit]")
            expect(page.locator("#import-rows tr[data-status='recorded']")).to_have_count(2)
        context.close()

    assert all(found == [] for found in faults.values()), faults
