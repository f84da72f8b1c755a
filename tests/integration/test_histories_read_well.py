"""The histories of the act, the claim, the decision and the appeal, and the appeal's findings, read as
people write: fields by their labels, states and codes by their words, never ``service_years`` or
``status: act_submitted → under_review``, in Russian and in Kyrgyz alike."""

from __future__ import annotations

import re
from typing import Any

import pytest
import sqlalchemy as sa

from tests.conftest import TODAY
from tests.integration.test_pages_read_well import INSPECTOR, _first, demo, read, signed_in

__all__ = ["demo"]

#: An identifier or a code as the program stores it: lower-case Latin words (service_years, approved,
#: act_submitted). Russian and Kyrgyz pages write Cyrillic; Latin capitals (МСЭК's "II", ISCO-08) pass.
CODE = re.compile(r"\b[a-z][a-z_]{2,}\b")
#: A survivor's key as the ledger stores it ("s1"): a history names the person instead.
SURVIVOR_KEY = re.compile(r"\bs\d+\b")
HISTORY = re.compile(r'<table class="history">.*?</table>', re.S)
CHANGED = re.compile(r"<dd[^>]*>(?:(?!</dd>).)*?</dd>", re.S)


@pytest.fixture(scope="module")
def appeal_page(demo: Any) -> str:
    """An appeal the inspectorate granted, finding no gross negligence (``victim_fault_percent: 0``)."""
    from claims.models import Decision

    decision = _first(demo, sa.select(Decision.id).where(Decision.status == "issued").order_by(Decision.id))
    claim = _first(demo, sa.select(Decision.claim_id).where(Decision.id == decision))
    client = signed_in(demo, INSPECTOR)
    appeal = client.post(
        f"/api/v1/claims/{claim}/appeals",
        json={"decision_id": decision, "filed_on": TODAY.isoformat(), "grounds": "Вины потерпевшего нет."},
    )
    assert appeal.status_code == 201, appeal.get_json()
    decided = client.post(
        f"/api/v1/appeals/{appeal.get_json()['id']}/decision",
        json={
            "status": "granted",
            "decided_on": TODAY.isoformat(),
            "reasoning": "Вины нет.",
            "changes": {"victim_fault_percent": 0, "employer_fault": True},
            "version": appeal.get_json()["version"],
        },
    )
    assert decided.status_code == 200, decided.get_json()
    return f"/compensation/appeals/{appeal.get_json()['id']}"


def _pages(demo: Any, appeal_page: str) -> list[str]:
    from accidents.models import Act
    from claims.models import Claim, Decision, Payment

    act = _first(demo, sa.select(Act.id).where(Act.status == "approved").order_by(Act.id))
    death = _first(
        demo,
        sa.select(Claim.id).join(Payment, Payment.claim_id == Claim.id).where(Claim.case_type == "death"),
    )
    decision = _first(demo, sa.select(Decision.id).where(Decision.status == "issued").order_by(Decision.id))
    return [
        f"/accidents/acts/{act}",
        f"/compensation/claims/{death}",
        f"/compensation/decisions/{decision}",
        appeal_page,
    ]


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_histories_and_the_appeals_findings_name_fields_and_states_never_their_codes(demo, appeal_page, lang):
    client = signed_in(demo, INSPECTOR, lang)
    codes: dict[str, set[str]] = {}
    histories = 0

    for url in _pages(demo, appeal_page):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        tables = HISTORY.findall(html)
        histories += len(tables)
        shown = " ".join(n for part in tables for n in read(part))
        if "appeals" in url:
            shown += " " + " ".join(n for part in CHANGED.findall(html) for n in read(part))
        found = set(CODE.findall(shown)) | set(SURVIVOR_KEY.findall(shown))
        if found:
            codes[url] = found

    assert histories == 4
    assert codes == {}


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_the_claims_history_names_each_survivor_paid_where_the_ledger_keeps_a_key(demo, lang):
    from claims.models import Claim, Payment, Survivor

    claim = _first(
        demo,
        sa.select(Claim.id)
        .join(Payment, Payment.claim_id == Claim.id)
        .where(Claim.case_type == "death", Payment.recipient != "victim"),
    )
    with demo.app_context():
        from core import db

        paid = set(db.session().scalars(sa.select(Payment.recipient).where(Payment.claim_id == claim)))
        who = sa.select(Survivor.key, Survivor.full_name).where(Survivor.claim_id == claim)
        rows = db.session().execute(who)
        names = {key: name for key, name in rows}

    html = signed_in(demo, INSPECTOR, lang).get(f"/compensation/claims/{claim}").get_data(as_text=True)
    shown = " ".join(n for part in HISTORY.findall(html) for n in read(part))

    assert paid
    assert paid <= set(names)
    assert all(names[key] in shown for key in paid)
    assert not SURVIVOR_KEY.findall(shown)
