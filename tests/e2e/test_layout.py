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
from tests.integration.test_pages_read_well import DEMO_PASSWORD, main_pages

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
