"""The dashboards in a real Chromium: an inspector reads the country's views and one employer's through
the filter form; the officer of another employer reads their own and downloads its CSV, in which none
of the first employer's figures or its name appear (issue 10: every view within the viewer's scope).

The register is `flask demo generate`'s (two employers, their own officers), so its counts are the
generator's for the seed; the test reads the figures it compares from the inspector's downloads."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from core import create_app, db
from core.auth.models import User
from core.demo import DEMO_PASSWORD
from core.employers import Employer
from reports import generate
from reports.headline_views import LABELS
from tests.conftest import TEST_CONFIG

pytestmark = pytest.mark.e2e

#: The rows of the headline CSV (after its header), in the order of the view's indicators.
ROW = {key: n + 1 for n, key in enumerate(LABELS)}


@pytest.fixture
def register(database_url: str, today: Any) -> Iterator[dict[str, Any]]:
    """Two generated employers with their officers, and a country-wide inspector."""
    app = create_app({**TEST_CONFIG, "DATABASE_URL": database_url})
    with app.app_context():
        made = generate.generate(employers=2, accidents=1200, seed=4, until=today, years=2)
        s = db.session()
        employers = s.execute(sa.select(Employer.id, Employer.name).order_by(Employer.id)).all()
        officers = dict(
            s.execute(sa.select(User.employer_id, User.email).where(User.employer_id.is_not(None))).all()
        )
    yield {
        "inspector": made.inspector_email,
        "employers": [{"id": e.id, "name": e.name, "officer": officers[e.id]} for e in employers],
    }
    app.extensions["emgek.engine"].dispose()


def sign_in(chromium: Any, live_server: str, email: str) -> Any:
    context = chromium.new_context(locale="ru-RU", accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{live_server}/login")
    page.fill("#f-email", email)
    page.fill("#f-password", DEMO_PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{live_server}/")
    return page


def download_csv(page: Any, tmp_path: Path, name: str) -> list[list[str]]:
    with page.expect_download() as download:
        page.locator("#download-csv").click()
    target = tmp_path / f"{name}.csv"
    download.value.save_as(target)
    with target.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_an_officer_sees_none_of_another_employers_figures_in_the_views_or_the_csv(
    register, live_server, chromium, tmp_path
):
    first, second = register["employers"]
    inspector = sign_in(chromium, live_server, register["inspector"])
    inspector.goto(f"{live_server}/reports/sectors")
    assert inspector.locator("#sector-table tbody tr").count() >= 1
    inspector.goto(f"{live_server}/reports/headline")
    country = download_csv(inspector, tmp_path, "country")
    # The filter form: the first employer alone.
    inspector.select_option("#headline-filters select[name=employer_id]", str(first["id"]))
    inspector.click("#headline-filters button[type=submit]")
    inspector.wait_for_url(f"**employer_id={first['id']}**")
    theirs = download_csv(inspector, tmp_path, "first")
    inspector.context.close()

    officer = sign_in(chromium, live_server, second["officer"])
    officer.goto(f"{live_server}/reports/headline")
    period = officer.locator("#headline-filters input[name=from]").input_value()
    officer.fill("#headline-filters input[name=from]", period)  # the officer's form has the period only
    officer.click("#headline-filters button[type=submit]")
    officer.wait_for_url("**from=**")
    own = download_csv(officer, tmp_path, "second")
    pages = officer.content()
    officer.goto(f"{live_server}/reports/sectors")
    pages += officer.content()
    officer.context.close()

    victims, headcount = (int(theirs[ROW[k]][1]) for k in ("victims", "headcount"))
    own_victims, own_headcount = (int(own[ROW[k]][1]) for k in ("victims", "headcount"))
    # Distinct figures, so that finding one in the other's download would mean a leak.
    assert victims != own_victims
    assert headcount != own_headcount
    assert int(country[ROW["victims"]][1]) == victims + own_victims
    cells = {cell for row in own for cell in row}
    assert str(victims) not in cells
    assert str(headcount) not in cells
    assert str(victims + own_victims) not in cells
    assert first["name"] not in pages
