"""The act N-1 handed to the victim (art. 223) prints in the reader's language, Russian or Kyrgyz, with
who approved it and when, and its commission's signatures never parted from their names by a page."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.conftest import COMMISSION_MEMBERS

#: What each language's act says, and what the Kyrgyz one must not say in Russian.
WORDS = {
    "ru": ["о несчастном случае на производстве", "Подписи членов комиссии", "Форма Н-1", "стр. 1/", "ИНН"],
    "ky": [
        "өндүрүштөгү бактысыз окуя жөнүндө",
        "Комиссия мүчөлөрүнүн колдору",
        "Н-1 формасы",
        "бет 1/",
        "СТИН",
    ],
}


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_the_approved_act_prints_in_the_readers_language_with_the_inspectors_approval(
    login_as, officer, inspector, make_accident, lang
):
    ids = make_accident(officer, stage="approved", reviewer=inspector)
    client = login_as(officer)
    client.get(f"/lang/{lang}")

    text = "\n".join(_pages(client.get(f"/accidents/acts/{ids['acts'][0]}/pdf").data))

    other = "ky" if lang == "ru" else "ru"
    assert [w for w in WORDS[lang] if w not in text] == []
    assert [w for w in WORDS[other] if w in text] == []
    approved = {"ru": "Акт утверждён инспекцией труда", "ky": "Акт эмгек инспекциясы тарабынан бекитилген"}
    assert f"{approved[lang]}: {inspector.full_name}" in " ".join(text.split())


def test_a_draft_act_prints_no_approval(login_as, officer, make_accident):
    ids = make_accident(officer, stage="filled")

    text = "\n".join(_pages(login_as(officer).get(f"/accidents/acts/{ids['acts'][0]}/pdf").data))

    assert "ПРОЕКТ" in text
    assert "утверждён инспекцией" not in text


def test_the_commissions_signatures_stay_on_one_page_with_every_name_wherever_the_page_ends(
    app, officer, make_accident
):
    from accidents import documents, services
    from core import db

    ids = make_accident(officer, stage="filled")
    with app.test_request_context():
        content = services.act_content(services.get_act(db.session(), officer, ids["acts"][0]))
        parted = []
        # Longer and longer circumstances move the signatures down the page, over its end at least once.
        for lines in range(0, 60, 3):
            printed = documents.act_pdf(
                services.labelled({**content, "circumstances": "Строка обстоятельств.\n" * lines}), draft=True
            )
            pages = _pages(printed)
            page = next(p for p in pages if "Подписи членов комиссии" in p)
            if not all(
                m["full_name"] in page.split("Подписи членов комиссии")[-1] for m in COMMISSION_MEMBERS
            ):
                parted.append(lines)

    assert parted == []
