"""Every workbook the service hands out, downloaded over the demo's records and opened as a spreadsheet
would: its header row is frozen (it stays while one scrolls) and its dates and months are real date
cells shown as 01.12.2026 or 12.2026, never text that only looks like a date, and its figures number cells
(a rate 37.63 a number shown #,##0.00, never the text "37,63"; issue 14). A new XLSX
route fails here until it is downloaded too."""

from __future__ import annotations

import io
import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from core import db
from core.formatting import XLSX_DATE, XLSX_MONTH
from tests.integration.test_pages_read_well import INSPECTOR, OFFICER, demo, issued_claim, signed_in

__all__ = ["demo"]  # the module's demo fixture, shared with the pages' test

TLI = "tli@kasaba.kg"
#: Text that reads as a date or a month: it belongs in a date cell.
DATE_AS_TEXT = re.compile(r"\d{2}\.\d{2}\.\d{4}|\d{4}-\d{2}(-\d{2})?|\d{2}\.\d{4}")
#: Text that reads as a figure (5, 16.50, 37,63, 12 500,00): it belongs in a number cell. A long run of
#: digits with nothing else (a PIN, a tax number) is an identifier and stays text.
NUMBER_AS_TEXT = re.compile(r"-?(\d{1,3}([ \u00a0]\d{3})+|\d{1,9})([.,]\d+)?")
CONTRACT = Path(__file__).resolve().parents[2].parent / "shared" / "contract" / "examples"


def _xlsx_rules(app: Any) -> set[str]:
    """The routes that may answer with a workbook: ``….xlsx``, any format (``<fmt>``), or xlsx among them."""
    return {
        rule.rule
        for rule in app.url_map.iter_rules()
        if "xlsx" in rule.rule or "<fmt>" in rule.rule or (rule.defaults or {}).get("fmt") == "xlsx"
    }


def _liquidating_employer(app: Any) -> int:
    """The demo officer's employer put into liquidation and its awards capitalised (art. 255)."""
    from core.auth.models import User
    from core.classifiers import EmployerStatus
    from core.employers import Employer
    from liquidation import services

    with app.app_context():
        officer = db.session().scalars(sa.select(User).where(User.email == OFFICER)).one()
        employer_id = int(officer.employer_id)
        with db.transaction() as t:
            t.execute(
                sa.update(Employer)
                .where(Employer.id == employer_id)
                .values(status=EmployerStatus.IN_LIQUIDATION, liquidation_started_on=db.today_bishkek())
            )
        assert services.capitalise(officer, employer_id, db.today_bishkek())
    return employer_id


def _calculator_form() -> dict[str, Any]:
    """The calculator's upload of a contract example (a death case with survivors and payments)."""
    case = json.loads((CONTRACT / "03_death_two_children.case.json").read_text(encoding="utf-8"))
    return {"case_file": (io.BytesIO(json.dumps(case).encode()), "case.json")}


def _downloads(app: Any) -> dict[str, list[tuple[str, str, str, bool]]]:
    """For each XLSX route: (reader, method, url, whether its sheets must hold date cells)."""
    from reports import causes, investigations, measures

    claim = issued_claim(app, OFFICER)
    employer = _liquidating_employer(app)
    period = "date_from=2025-01-01&date_to=2026-11-26"
    sections = {"causes": causes.SPECS, "investigations": investigations.SPECS, "measures": measures.SPECS}
    found: dict[str, list[tuple[str, str, str, bool]]] = {
        "/compensation/calculator/statement.<fmt>": [
            (INSPECTOR, "POST", "/compensation/calculator/statement.xlsx", True)
        ],
        "/compensation/claims/<int:claim_id>/statement.xlsx": [
            (OFFICER, "GET", f"/compensation/claims/{claim}/statement.xlsx", True)
        ],
        "/compensation/liquidation/<int:employer_id>/capitalisation.xlsx": [
            (OFFICER, "GET", f"/compensation/liquidation/{employer}/capitalisation.xlsx", True)
        ],
        "/reports/headline.<any(csv, xlsx):fmt>": [
            (INSPECTOR, "GET", f"/reports/headline.xlsx?{period}", False)
        ],
        "/reports/trends.<any(csv, xlsx):fmt>": [(INSPECTOR, "GET", "/reports/trends.xlsx?to=2026-10", True)],
        "/reports/sectors.<any(csv, xlsx):fmt>": [
            (INSPECTOR, "GET", "/reports/sectors.xlsx?year=2025", False)
        ],
        "/reports/money.<any(csv, xlsx):fmt>": [
            (INSPECTOR, "GET", "/reports/money.xlsx?as_of=2026-11-26", False)
        ],
        "/reports/fund.<any(csv, xlsx):fmt>": [(INSPECTOR, "GET", "/reports/fund.xlsx", False)],
        "/reports/ranking.<any(csv, xlsx):fmt>": [
            (INSPECTOR, "GET", "/reports/ranking.xlsx?year=2025", False)
        ],
        "/cooperation/analysis.xlsx": [
            (TLI, "GET", f"/cooperation/analysis.xlsx?by={by}&{period}", by == "month")
            for by in ("sector", "region", "norm", "month")
        ],
    }
    for name, specs in sections.items():
        found[f"/reports/{name}/<key>.<any(csv, xlsx):fmt>"] = [
            (INSPECTOR, "GET", f"/reports/{name}/{spec.key}.xlsx?{period}", False) for spec in specs
        ]
    return found


def _faults(book: Any, dated: bool) -> list[str]:
    """What a person would trip over in the workbook: a sheet that does not keep its header in view,
    a date written as text, a date cell without people's format, no date cell where dates belong, a
    figure written as text (it would not sum or sort) or a number cell without its decimals."""
    faults = []
    date_cells = 0
    for sheet in book.worksheets:
        if not sheet.freeze_panes:
            faults.append(f"{sheet.title}: no frozen header row")
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and DATE_AS_TEXT.fullmatch(value.strip()):
                    faults.append(f"{sheet.title}!{cell.coordinate}: the date {value!r} is text")
                elif isinstance(value, str) and NUMBER_AS_TEXT.fullmatch(value.strip()):
                    faults.append(f"{sheet.title}!{cell.coordinate}: the figure {value!r} is text")
                elif isinstance(value, float) and not value.is_integer() and cell.number_format == "General":
                    faults.append(f"{sheet.title}!{cell.coordinate}: {value} shown without its decimals")
                elif isinstance(value, date | datetime):
                    date_cells += 1
                    if cell.number_format not in (XLSX_DATE, XLSX_MONTH):
                        faults.append(f"{sheet.title}!{cell.coordinate}: shown as {cell.number_format}")
    if dated and not date_cells:
        faults.append("no date cell at all")
    return faults


@pytest.fixture(scope="module")
def downloads(demo: Any) -> dict[str, list[tuple[str, str, str, bool]]]:
    """The downloads, planned once: planning capitalises the demo employer's awards."""
    return _downloads(demo)


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_every_workbook_has_its_header_frozen_and_its_dates_as_date_cells(demo, downloads, lang):
    assert set(downloads) == _xlsx_rules(demo), "an XLSX route this test does not download"
    faults: dict[str, list[str]] = {}
    clients: dict[str, Any] = {}

    for planned in downloads.values():
        for email, method, url, dated in planned:
            client = clients.setdefault(email, signed_in(demo, email, lang))
            if method == "POST":
                response = client.post(url, data=_calculator_form(), content_type="multipart/form-data")
            else:
                response = client.get(url)
            assert response.status_code == 200, (url, response.get_data(as_text=True)[:300])
            assert response.data[:2] == b"PK", url
            found = _faults(load_workbook(io.BytesIO(response.data)), dated)
            if found:
                faults[url] = found

    assert faults == {}, "\n".join(f"{url}: {found[:5]}" for url, found in faults.items())


def test_a_month_of_the_trends_workbook_is_the_first_day_of_that_month_shown_as_mm_yyyy(demo):
    response = signed_in(demo, INSPECTOR).get("/reports/trends.xlsx?to=2026-10")
    sheet = load_workbook(io.BytesIO(response.data)).worksheets[0]

    months = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert months[-1].value == datetime(2026, 10, 1)
    assert {cell.number_format for cell in months} == {XLSX_MONTH}
    assert sheet.freeze_panes == "A2"
