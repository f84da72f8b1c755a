"""The capitalisation statement (art. 255) for the liquidation commission reads in the reader's language
and states each survivor's rule once, under the survivor's name, not every survivor's under each one."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from tests.conftest import TODAY
from tests.integration.liquidation.conftest import liquidate
from tests.integration.test_pages_read_well import demo, signed_in

__all__ = ["demo"]
OFFICER = "officer@bishkek-kurulush.kg"


@pytest.fixture(scope="module")
def capitalised(demo: Any) -> dict[str, Any]:
    """The demo's Bishkek builder, whose worker died, in liquidation with its awards capitalised."""
    from claims.models import Claim, Survivor

    with demo.app_context():
        from core import db

        s = db.session()
        claim = s.scalars(sa.select(Claim).where(Claim.case_type == "death").order_by(Claim.id)).first()
        employer = claim.employer_id
        survivors = {
            sv.key: sv.full_name for sv in s.scalars(sa.select(Survivor).where(Survivor.claim_id == claim.id))
        }
        s.close()
    liquidate(demo, employer)
    made = signed_in(demo, OFFICER).post(
        f"/compensation/liquidation/{employer}/capitalise", data={"on": TODAY.isoformat(), "confirm": "1"}
    )
    assert made.status_code == 302, made.get_data(as_text=True)
    return {"employer": employer, "survivors": survivors}


def _client(app: Any, lang: str) -> Any:
    return signed_in(app, OFFICER, lang)


def _text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def _expected(app: Any, lang: str) -> dict[str, str]:
    from flask_babel import force_locale
    from flask_babel import gettext as _

    with app.test_request_context(), force_locale(lang):
        return {
            "title": _("Capitalisation of compensation payments (art. 255)"),
            "annex": _("How every sum was computed (art. 255)"),
        }


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_the_statement_states_each_survivors_rule_once_under_the_survivors_name(demo, capitalised, lang):
    client = _client(demo, lang)
    text = _text(client.get(f"/compensation/liquidation/{capitalised['employer']}/capitalisation.pdf").data)
    expected, other = _expected(demo, lang), _expected(demo, "ky" if lang == "ru" else "ru")

    assert expected["title"] in text
    assert other["title"] not in text
    annex = text.split(expected["annex"])[-1]
    assert re.findall(r"\bs\d+\b", annex) == []
    for name in capitalised["survivors"].values():
        assert name in annex
    # Three survivors, one claim: the claim's trace once, not once under each survivor.
    claim_headings = ["".join(m) for m in re.findall(r"Заявление № (\d+),|№ (\d+) арыз,", annex)]
    assert len(claim_headings) >= 2
    assert len(claim_headings) == len(set(claim_headings))
    if lang == "ru":
        for name in capitalised["survivors"].values():
            assert annex.count(f"Капитализация для {name}") == 1
