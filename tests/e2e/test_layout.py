"""The main pages in a real Chromium, in Russian and in Kyrgyz, on a 1,366 px screen and on a 390 px
phone: none scrolls sideways (a wide table scrolls inside its own box), and each is screenshotted
(under the test's tmp folder, or EMGEK_SCREENSHOTS) for a person to look at. axe-core (installed by
`make test` and .ci/run into tests/e2e/node) finds no serious or critical accessibility fault."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from core import create_app
from tests.conftest import TEST_CONFIG
from tests.integration.test_pages_read_well import ADMIN, DEMO_PASSWORD, OFFICER, main_pages

pytestmark = pytest.mark.e2e

WIDTHS = (1366, 390)
AXE = Path(__file__).resolve().parent / "node" / "node_modules" / "axe-core" / "axe.min.js"
#: axe-core's serious and critical violations on the page: rule, what it asks, the first elements.
SERIOUS_VIOLATIONS = """async () => {
  const found = await axe.run(document, { resultTypes: ["violations"] });
  return found.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => v.id + ": " + v.help + " at " + v.nodes.slice(0, 3).map((n) => n.target.join(" ")));
}"""
LANGUAGES = ("ru", "ky")
#: What sticks out past the right edge of the window, for the failure message.
WIDER_THAN_THE_WINDOW = """() => {
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.right > window.innerWidth + 1 && box.width > 0) {
      const parent = el.parentElement;
      if (!parent || parent.getBoundingClientRect().right <= window.innerWidth + 1) {
        const classes = typeof el.className === "string" && el.className ? "." + el.className : "";
        const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + classes;
        out.push(name + " " + Math.round(box.right));
      }
    }
  }
  return out.slice(0, 8);
}"""


@pytest.fixture
def demo_pages(database_url: str) -> Iterator[dict[str, list[str]]]:
    """The demo's records in the test's database, and the main pages by the account that reads them."""
    app = create_app({**TEST_CONFIG, "DATABASE_URL": database_url})
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    yield main_pages(app)
    app.extensions["emgek.engine"].dispose()


@pytest.fixture
def screens(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("EMGEK_SCREENSHOTS") or tmp_path / "screens")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def visit(
    chromium: Any, live_server: str, pages: dict[str, list[str]], lang: str, width: int
) -> Iterator[Any]:
    """Each main page, signed in as its reader, in ``lang`` on a window ``width`` px wide."""
    for email, urls in pages.items():
        # axe-core is injected as a script of the page: the page's CSP would refuse it.
        context = chromium.new_context(
            viewport={"width": width, "height": 900}, locale="ru-RU", bypass_csp=True
        )
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.goto(f"{live_server}/lang/{lang}")
        page.goto(f"{live_server}/login")
        page.fill("#f-email", email)
        page.fill("#f-password", DEMO_PASSWORD)
        page.click("button[type=submit].primary")
        page.wait_for_url(f"{live_server}/")
        for url in urls:
            response = page.goto(f"{live_server}{url}")
            assert response is not None
            assert response.status == 200, url
            yield url, page
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_main_page_scrolls_sideways_on_a_laptop_or_a_phone(
    demo_pages, live_server, chromium, screens, lang
):
    wide: dict[str, list[str]] = {}

    for width in WIDTHS:
        for url, page in visit(chromium, live_server, demo_pages, lang, width):
            name = url.strip("/").replace("/", "-") or "home"
            page.screenshot(path=str(screens / f"{lang}-{width}-{name}.png"), full_page=True)
            overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
            if overflow:
                wide[f"{width}px {url}"] = page.evaluate(WIDER_THAN_THE_WINDOW)

    assert wide == {}, "\n".join(f"{k}: {v}" for k, v in wide.items())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_main_page_has_a_serious_accessibility_fault(demo_pages, live_server, chromium, lang):
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core is not installed: make test installs it (npm, tests/e2e/node)")
        pytest.skip("axe-core is not installed: `make test` installs it with npm into tests/e2e/node")
    faults: dict[str, list[str]] = {}

    for url, page in visit(chromium, live_server, demo_pages, lang, WIDTHS[0]):
        page.add_script_tag(path=str(AXE))
        found = page.evaluate(SERIOUS_VIOLATIONS)
        if found:
            faults[url] = found

    assert faults == {}, "\n".join(f"{url}: {found}" for url, found in faults.items())


#: A death case with two survivors, for the calculator's result (its installments and survivors).
DEATH_CASE = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "contract"
    / "examples"
    / "03_death_two_children.case.json"
)


#: The tables that must fit a 1,366 px screen whole: the liquidation statement, the calculator's
#: survivors and its installments, a statement's installments.
FIT_AT_1366 = ("#capitalisations", "#survivors", "#installments")
#: Those of ``FIT_AT_1366`` on the page that are wider than the box they are in: selector and widths.
TABLES_CUT = """(selectors) => selectors.flatMap((s) => [...document.querySelectorAll(s)])
  .filter((t) => t.scrollWidth > t.parentElement.clientWidth + 1)
  .map((t) => "#" + t.id + " " + t.scrollWidth + " > " + t.parentElement.clientWidth)"""


@pytest.fixture
def ledger_pages(demo_pages: dict[str, list[str]], database_url: str) -> dict[str, list[str]]:
    """Issue 14's ledger and liquidation pages with their tables filled: the officer's employer in
    liquidation with its awards capitalised and one sum partly transferred, a claim's statement."""
    import sqlalchemy as sa

    from claims.models import Capitalisation, Claim, Decision
    from core import db
    from core.auth.models import User
    from core.classifiers import EmployerStatus
    from core.employers import Employer
    from liquidation import services

    app = create_app({**TEST_CONFIG, "DATABASE_URL": database_url})
    with app.app_context():
        s = db.session()
        officer = s.scalars(sa.select(User).where(User.email == OFFICER)).one()
        employer_id = officer.employer_id
        claim = s.scalar(
            sa.select(Decision.claim_id)
            .join(Claim, Claim.id == Decision.claim_id)
            .where(Decision.status == "issued", Claim.employer_id == employer_id)
            .order_by(Decision.id)
            .limit(1)
        )
        today = db.today_bishkek()
        with db.transaction() as t:
            t.execute(
                sa.update(Employer)
                .where(Employer.id == employer_id)
                .values(status=EmployerStatus.IN_LIQUIDATION, liquidation_started_on=today)
            )
        made = services.capitalise(officer, employer_id, today)
        if made:
            record = db.session().get(Capitalisation, made[0].id)
            half = (record.amount / 2).quantize(record.amount)
            services.record_transfer(
                officer, record.id, {"transferred_on": today, "amount": half, "version": record.version}
            )
    app.extensions["emgek.engine"].dispose()
    pages = [f"/compensation/liquidation/{employer_id}", "/compensation/payments-due"]
    if claim:
        pages.append(f"/compensation/claims/{claim}/statement")
    # The capitalised sum's own page is the Social Fund's (and the administrator's).
    return {OFFICER: pages, ADMIN: [f"/compensation/capitalisations/{made[0].id}"] if made else []}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_ledger_liquidation_and_calculator_results_fit_and_read_well(
    ledger_pages, live_server, chromium, screens, lang
):
    """The pages issue 14 changed, with their tables filled (the liquidation table, a statement, the
    calculator's result for a death case): no sideways scrolling at either width, no serious axe fault."""
    wide: dict[str, list[str]] = {}
    faults: dict[str, list[str]] = {}
    for width in WIDTHS:
        for url, page in visit(chromium, live_server, ledger_pages, lang, width):
            if url.endswith("/payments-due") and DEATH_CASE.exists():
                # The calculator's result: a death case uploaded and calculated, on the same session.
                page.goto(f"{live_server}/compensation/calculator")
                page.set_input_files("input[name=case_file]", str(DEATH_CASE))
                page.click("#calculate")
                page.wait_for_selector("#result")
                url = "/compensation/calculator#result"
            name = url.strip("/").replace("/", "-").replace("#", "-")
            page.screenshot(path=str(screens / f"{lang}-{width}-{name}.png"), full_page=True)
            if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
                wide[f"{width}px {url}"] = page.evaluate(WIDER_THAN_THE_WINDOW)
            if width == WIDTHS[0]:
                # Issue 14: at 1,366 px these tables fit the page, without scrolling inside their box.
                cut = page.evaluate(TABLES_CUT, list(FIT_AT_1366))
                if cut:
                    wide[f"{width}px {url} (tables)"] = cut
            if width == WIDTHS[0] and AXE.exists():
                page.add_script_tag(path=str(AXE))
                found = page.evaluate(SERIOUS_VIOLATIONS)
                if found:
                    faults[url] = found
    assert wide == {}, "\n".join(f"{k}: {v}" for k, v in wide.items())
    assert faults == {}, "\n".join(f"{url}: {found}" for url, found in faults.items())
