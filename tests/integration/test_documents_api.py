"""Issue 13: the act N-1, the order, the claim's statement and the liquidation statement through the API,
as the pages hand them out: the file itself (PDF, and XLSX where the document is a table), named in
``Content-Disposition``, never cached, in the language asked (``lang`` or Accept-Language), and only within
the caller's scope."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from core.classifiers import Region, Role
from core.downloads import PDF, XLSX
from tests.conftest import LONG_SESSIONS
from tests.factories import ACCIDENT_DAY, RECORDS_DAY
from tests.integration.liquidation.conftest import liquidate

VICTIM = {
    "pin": "21505198700123",
    "full_name": "Жумабеков Эрлан Асылбекович",
    "sex": "male",
    "birth_date": "1987-05-15",
    "occupation": "Монтажник",
}


def _text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def _cells(data: bytes) -> str:
    book = load_workbook(io.BytesIO(data))
    return " ".join(
        str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row
    )


def _said(app: Any, lang: str, message: str, **values: Any) -> str:
    from flask_babel import force_locale
    from flask_babel import gettext as _

    with app.test_request_context(), force_locale(lang):
        return _(message, **values)


@pytest.fixture
def case(
    app: Any,
    make_user: Any,
    make_employer: Any,
    make_accident: Any,
    make_claim: Any,
    login_as: Any,
    pin_today: Any,
) -> dict[str, Any]:
    """An approved act, an issued award under its claim, and the employer in liquidation with the award
    capitalised; its officer, another employer's officer and an inspector."""
    app.config.update(LONG_SESSIONS)  # filed, decided and capitalised on different days, one sign-in
    pin_today(RECORDS_DAY)
    employer = make_employer(region=Region.BISHKEK)
    officer = make_user(Role.SAFETY_OFFICER, employer=employer)
    inspector = make_user(Role.INSPECTOR)
    accident = make_accident(officer, "approved", reviewer=inspector, on=ACCIDENT_DAY, victims=[VICTIM])
    client = login_as(officer)
    claim, decision = make_claim(client, accident["victims"][0], claimant_name=VICTIM["full_name"])
    pin_today(date(2027, 5, 31))
    liquidate(app, employer.id)
    made = client.post(f"/api/v1/employers/{employer.id}/capitalisation", json={"on": "2027-03-31"})
    assert made.status_code == 201, made.get_json()
    from accidents.models import ActRevision

    with app.app_context():
        from core import db

        revision = db.session().query(ActRevision.id).filter_by(act_id=accident["acts"][0]).scalar()
    return {
        "client": client,
        "employer": employer,
        "act": accident["acts"][0],
        "revision": revision,
        "claim": claim,
        "decision": decision,
        "stranger": make_user(Role.SAFETY_OFFICER),
        "officer": officer,
        "inspector": inspector,
    }


def _urls(case: dict[str, Any]) -> dict[str, str]:
    return {
        "act": f"/api/v1/acts/{case['act']}/document",
        "revision": f"/api/v1/act-revisions/{case['revision']}/document",
        "order": f"/api/v1/decisions/{case['decision']['id']}/document",
        "statement": f"/api/v1/claims/{case['claim']['id']}/statement/document",
        "capitalisation": f"/api/v1/employers/{case['employer'].id}/capitalisation/document",
    }


def _with_id(url: str, record_id: int) -> str:
    parts = url.split("/")
    parts[4] = str(record_id)  # /api/v1/<records>/<id>/...
    return "/".join(parts)


def _file(response: Any, media_type: str, name_starts: str) -> bytes:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == media_type
    assert response.headers["Cache-Control"] == "no-store"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="{name_starts}')
    assert disposition.endswith('.pdf"' if media_type == PDF else '.xlsx"')
    return response.get_data()


def test_the_act_n1_is_the_approved_text_naming_the_victim_in_the_language_asked(app, case):
    client, url = case["client"], _urls(case)["act"]

    russian = _text(_file(client.get(url), PDF, f"act-{case['act']}-"))
    kyrgyz = _text(_file(client.get(f"{url}?lang=ky"), PDF, f"act-{case['act']}-"))
    by_header = _text(_file(client.get(url, headers={"Accept-Language": "ky"}), PDF, "act-"))

    title = "on an accident at work"
    assert VICTIM["full_name"] in russian
    assert VICTIM["full_name"] in kyrgyz
    assert _said(app, "ru", title) in russian
    assert _said(app, "ky", title) in kyrgyz
    assert _said(app, "ru", title) not in kyrgyz
    assert by_header == kyrgyz
    assert "draft" not in client.get(url).headers["Content-Disposition"]  # approved: not a draft


def test_the_acts_revision_prints_as_it_was_approved(case):
    client = case["client"]

    text = _text(_file(client.get(_urls(case)["revision"]), PDF, f"act-{case['act']}-"))

    assert VICTIM["full_name"] in text
    assert VICTIM["pin"] in text


def test_the_order_names_its_number_and_the_claimant(app, case):
    client = case["client"]

    text = _text(_file(client.get(_urls(case)["order"]), PDF, f"order-{case['claim']['id']}-"))
    kyrgyz = _text(_file(client.get(_urls(case)["order"] + "?lang=ky"), PDF, "order-"))

    assert case["decision"]["number"] in text
    assert VICTIM["full_name"] in text
    assert _said(app, "ru", "I ORDER:") in text
    assert _said(app, "ky", "I ORDER:") in kyrgyz
    assert _said(app, "ru", "I ORDER:") not in kyrgyz


def test_the_claims_statement_comes_as_pdf_and_as_a_workbook_that_opens(case):
    client, url = case["client"], _urls(case)["statement"]

    pdf = _text(
        _file(client.get(f"{url}?as_of=2027-02-28"), PDF, f"statement-{case['claim']['id']}-2027-02-28")
    )
    xlsx = _cells(_file(client.get(f"{url}?as_of=2027-02-28&format=xlsx"), XLSX, "statement-"))

    for text in (pdf, xlsx):
        assert VICTIM["full_name"] in text
        assert case["decision"]["number"] in text
    assert "28.02.2027" in pdf


def test_a_statement_for_a_recipient_the_claim_lacks_is_refused_naming_the_field(case):
    answer = case["client"].get(_urls(case)["statement"] + "?recipient=nobody")

    assert answer.status_code == 422
    assert "recipient" in answer.get_json()["errors"]


def test_the_liquidation_statement_comes_as_pdf_and_as_a_workbook_that_opens(app, case):
    client, url = case["client"], _urls(case)["capitalisation"]
    inn = case["employer"].inn

    pdf = _text(_file(client.get(url), PDF, f"capitalisation-{inn}"))
    xlsx = _cells(_file(client.get(f"{url}?format=xlsx"), XLSX, f"capitalisation-{inn}"))
    kyrgyz = _text(_file(client.get(f"{url}?lang=ky"), PDF, "capitalisation-"))

    title = "Capitalisation of compensation payments (art. 255)"
    assert _said(app, "ru", title) in pdf
    assert _said(app, "ky", title) in kyrgyz
    for text in (pdf, xlsx):
        assert VICTIM["full_name"] in text
        assert case["employer"].name in text


def test_an_officer_never_gets_another_employers_document_and_unknown_ones_are_not_found(case, login_as):
    urls = _urls(case)
    stranger = login_as(case["stranger"])

    assert {name: stranger.get(url).status_code for name, url in urls.items()} == dict.fromkeys(urls, 404)
    assert stranger.get(urls["statement"] + "?format=xlsx").status_code == 404
    assert stranger.get(urls["act"] + "?format=docx").status_code == 404  # scope first, then the query
    missing = {name: _with_id(url, 987_654_321) for name, url in urls.items()}
    owner = login_as(case["officer"])
    assert {name: owner.get(url).status_code for name, url in missing.items()} == dict.fromkeys(urls, 404)


def test_a_format_the_document_does_not_come_in_is_refused_naming_the_field(case):
    client, urls = case["client"], _urls(case)

    for url in (
        urls["act"] + "?format=xlsx",
        urls["order"] + "?format=xlsx",
        urls["statement"] + "?format=doc",
    ):
        answer = client.get(url)
        assert answer.status_code == 422, url
        assert list(answer.get_json()["errors"]) == ["format"]
    assert client.get(urls["act"] + "?lang=de").status_code == 422


def test_the_document_describes_each_file_as_binary_content_of_its_media_type(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    expected = {
        "/api/v1/acts/{act_id}/document": {PDF},
        "/api/v1/act-revisions/{revision_id}/document": {PDF},
        "/api/v1/decisions/{decision_id}/document": {PDF},
        "/api/v1/claims/{claim_id}/statement/document": {PDF, XLSX},
        "/api/v1/employers/{employer_id}/capitalisation/document": {PDF, XLSX},
    }

    for path, media_types in expected.items():
        ok = paths[path]["get"]["responses"]["200"]
        assert set(ok["content"]) == media_types, path
        assert all(c["schema"] == {"type": "string", "format": "binary"} for c in ok["content"].values())
        assert "Content-Disposition" in ok["headers"]
        assert {"lang", "format"} <= {p["name"] for p in paths[path]["get"]["parameters"]}
        assert "404" in paths[path]["get"]["responses"]
