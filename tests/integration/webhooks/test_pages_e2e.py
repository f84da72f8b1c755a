"""The webhooks' and notices' pages in a real Chromium: no sideways scrolling, no serious accessibility
fault."""

from __future__ import annotations

import os
from typing import Any

import pytest

from accidents.models import Accident
from core import db
from core.classifiers import Role
from jobs import delivery, tasks, webhooks
from tests.conftest import PASSWORD
from tests.e2e.test_layout import AXE, SERIOUS_VIOLATIONS, WIDER_THAN_THE_WINDOW

pytestmark = pytest.mark.e2e


def _sign_in(chromium: Any, live_server: str, email: str, lang: str, width: int) -> Any:
    context = chromium.new_context(viewport={"width": width, "height": 900}, locale="ru-RU", bypass_csp=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{live_server}/lang/{lang}")
    page.goto(f"{live_server}/login")
    page.fill("#f-email", email)
    page.fill("#f-password", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{live_server}/")
    return context, page


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_the_webhook_and_notice_pages_fit_a_phone_and_have_no_serious_accessibility_fault(
    app, live_server, chromium, make_user, make_accident, lang
):
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core is not installed: make test installs it (npm, tests/e2e/node)")
        pytest.skip("axe-core is not installed: `make test` installs it with npm into tests/e2e/node")
    app.config["EMGEK_EVENTS_SETTLE_SECONDS"] = 0
    admin, officer = make_user(Role.ADMIN), make_user()
    with app.app_context():
        hook = webhooks.create_webhook(
            admin, {"url": "http://127.0.0.1:9/closed", "events": ["act.submitted"]}
        )
    make_accident(officer, "submitted")
    open_case = make_accident(officer, "investigating")
    with app.app_context():
        delivery.deliver()  # one failed attempt in the log
        due = db.session().get(Accident, open_case["accident"]).investigation_due_on
        tasks.deadline_notices(due)  # one notice
    pages = {admin.email: ["/admin/webhooks", f"/admin/webhooks/{hook.id}"], officer.email: ["/notices"]}
    faults: dict[str, Any] = {}

    for email, urls in pages.items():
        for width in (1366, 390):
            context, page = _sign_in(chromium, live_server, email, lang, width)
            for url in urls:
                response = page.goto(f"{live_server}{url}")
                assert response is not None
                assert response.status == 200, url
                if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
                    faults[f"{url} at {width}px"] = page.evaluate(WIDER_THAN_THE_WINDOW)
                page.add_script_tag(path=str(AXE))
                found = page.evaluate(SERIOUS_VIOLATIONS)
                if found:
                    faults[f"{url} (axe)"] = found
            context.close()

    assert faults == {}
