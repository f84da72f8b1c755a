"""The employer's order (art. 257) prints in the reader's language, Russian or Kyrgyz, trace included;
it names the claimant without needing a declension, and says until when each monthly payment runs.

It reads the demo's records, so it stands beside the other demo readers, not in claims/ (whose conftest
gives every test a fresh, empty database)."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from pypdf import PdfReader

from core.formatting import readable
from tests.integration.test_pages_read_well import INSPECTOR, demo, signed_in

__all__ = ["demo"]

#: What an order in each language says; an order in the other language must say none of it.
WORDS = {
    "ru": [
        "ПРИКАЗЫВАЮ:",
        "Сведения о деле",
        "(заявитель:",
        "Ежемесячные выплаты производятся",
        "ИНН",
        "стр. 1/",
    ],
    "ky": [
        "БУЙРУК КЫЛАМ:",
        "Иш боюнча маалымат",
        "(арыз берүүчү:",
        "Айлык төлөмдөр төлөнөт",
        "СТИН",
        "бет 1/",
    ],
}


def _text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def _orders(app: Any) -> dict[str, Any]:
    """An injury's and a death's issued award, with what their terms rest on."""
    from claims.models import Claim, Decision, MsecFinding, Survivor

    with app.app_context():
        from core import db

        s = db.session()
        found = {}
        for case_type in ("injury", "death"):
            decision = s.scalars(
                sa.select(Decision)
                .join(Claim, Claim.id == Decision.claim_id)
                .where(Claim.case_type == case_type, Decision.status == "issued", Decision.kind == "award")
                .order_by(Decision.id)
            ).first()
            assert decision is not None
            claim = s.get(Claim, decision.claim_id)
            found[case_type] = {
                "id": decision.id,
                "claim": claim.id,
                "number": decision.number,
                "victim": claim.victim.full_name,
                "employer": claim.employer.name,
                "claimant": claim.claimant_name,
                "traces": decision.traces,
                "reexamination": s.scalar(
                    sa.select(MsecFinding.reexamination_on)
                    .where(MsecFinding.victim_id == claim.victim_id, MsecFinding.voided_at.is_(None))
                    .order_by(MsecFinding.valid_from.desc())
                ),
                "survivors": [
                    (sv.full_name, sv.grounds, sv.birth_date, sv.key)
                    for sv in s.scalars(sa.select(Survivor).where(Survivor.claim_id == claim.id))
                ],
            }
        s.close()
    return found


def _client(app: Any, lang: str) -> Any:
    return signed_in(app, INSPECTOR, lang)


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_the_order_prints_in_the_readers_language_with_its_trace(demo, lang):
    order = _orders(demo)["injury"]
    text = _text(_client(demo, lang).get(f"/compensation/decisions/{order['id']}/order.pdf").data)

    other = "ky" if lang == "ru" else "ru"
    assert [w for w in WORDS[lang] if w not in text] == []
    assert [w for w in WORDS[other] if w in text] == []
    # The annex is the trace kept in the order's language (issue 16), not the other one's.
    first = " ".join(readable(order["traces"][lang][0]["rule"], " ").split())[:40]
    assert first in text
    assert " ".join(readable(order["traces"][other][0]["rule"], " ").split())[:40] not in text


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_the_order_names_the_claimant_in_apposition_so_no_name_is_declined(demo, lang):
    order = _orders(demo)["injury"]
    text = _text(_client(demo, lang).get(f"/compensation/decisions/{order['id']}/order.pdf").data)

    label = {"ru": "(заявитель: ", "ky": "(арыз берүүчү: "}[lang]
    assert f"{label}{order['claimant']})" in text


def test_the_injured_persons_monthly_payments_run_until_the_msec_re_examination(demo):
    order = _orders(demo)["injury"]
    assert order["reexamination"] is not None
    text = _text(_client(demo, "ru").get(f"/compensation/decisions/{order['id']}/order.pdf").data)

    when = order["reexamination"].strftime("%d.%m.%Y")
    assert f"Ежемесячные выплаты производятся: до переосвидетельствования МСЭК {when}" in text


def test_each_survivors_share_runs_as_their_ground_says(demo):
    order = _orders(demo)["death"]
    ru = _text(_client(demo, "ru").get(f"/compensation/decisions/{order['id']}/order.pdf").data)
    ky = _text(_client(demo, "ky").get(f"/compensation/decisions/{order['id']}/order.pdf").data)

    minors = [(name, born) for name, grounds, born, _key in order["survivors"] if "minor" in grounds]
    assert minors
    for _name, born in minors:
        eighteen = born.replace(year=born.year + 18).strftime("%d.%m.%Y")
        assert f"до достижения 18 лет ({eighteen})" in ru
        assert f"18 жашка чыкканга чейин ({eighteen})" in ky
    assert "на время ухода за детьми" in ru


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_a_survivors_statement_names_whose_it_is_in_the_pdf_and_the_workbook(demo, lang):
    order = _orders(demo)["death"]
    name, _grounds, _born, key = order["survivors"][1]
    client = _client(demo, lang)
    url = f"/compensation/claims/{order['claim']}/statement"

    pdf = _text(client.get(f"{url}.pdf?recipient={key}").data)
    book = load_workbook(io.BytesIO(client.get(f"{url}.xlsx?recipient={key}").data))
    cells = [str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c]
    sheet = " ".join(cells)

    for shown in (order["victim"], name, order["employer"], f"№ {order['claim']}", f"№ {order['number']}"):
        assert shown in pdf
        assert shown in sheet
    # No stored code reaches the reader: the method of the earnings is named, never "actual".
    assert [c for c in cells if re.fullmatch(r"[a-z_]+", c)] == []
