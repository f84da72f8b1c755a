"""Issue 16 on the stored records: decisions and the parameter rows people keep current.

A new minimum wage row (the 2027 budget law in place of the planned 3,608.00) changes the next draft
decision (the household care allowance is 2 x the minimum wage: LC-2025 art. 216) and never an issued
decision, nor the statement computed from it (issued records are frozen, with the rows they used).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

import compensation
from core.classifiers import Role
from core.formatting import readable
from tests.factories import (
    ACCIDENT_DAY,
    FIRST,
    LAW_2027,
    care,
    claim_payload,
    equivalent_case,
    finding_payload,
)


@pytest.fixture
def admin(make_user: Any) -> Any:
    return make_user(Role.ADMIN)


def test_a_new_row_changes_the_next_draft_decision_but_not_the_issued_one(
    login_as, people, victim_id, make_claim, admin
):
    officer = login_as(people["officer"])
    claim, issued = make_claim(officer, victim_id)
    statement = f"/api/v1/claims/{claim['id']}/statement?as_of=2027-01-31"
    before = officer.get(statement).get_json()
    assert care(issued["result"], "2027-01") == 2 * Decimal("3608.00")

    assert login_as(admin).post("/compensation/parameters/new", data=LAW_2027).status_code == 302
    officer = login_as(people["officer"])
    draft = officer.post(
        f"/api/v1/claims/{claim['id']}/decisions",
        json={"calculation_date": "2027-01-31", "reason": "parameters_rise", "effective_from": "2027-01-01"},
    )

    assert draft.status_code == 201, draft.get_json()
    assert care(draft.get_json()["result"], "2027-01") == 2 * Decimal("3700.00")
    assert care(
        officer.get(f"/api/v1/decisions/{issued['id']}").get_json()["result"], "2027-01"
    ) == 2 * Decimal("3608.00")
    assert officer.get(statement).get_json() == before


# --- stored records of contract version 2 ---------------------------------------------------------------


def _budget_sector(app: Any, employer_id: int) -> None:
    from core import db
    from core.employers import Employer

    with app.app_context(), db.transaction() as s:
        s.get(Employer, employer_id).budget_sector = True


LATE = {"late_claim_due_to_employer": True, "late_claim_ground": "The employer kept the act N-1 for a year."}


def test_a_stored_claim_computes_as_the_stateless_engine_under_the_2025_code_for_a_budget_sector_employer(
    app, login_as, people, victim_id
):
    """A 2026 accident: LC-2025 art. 219 with Resolution No. 465; a budget-sector employer pays the fixed
    1,000,000.00 for group II instead of 5 x 12 x the average wage. The case file built from the records
    carries the accident's day, the sector and the late claim, and gives the same figures."""
    _budget_sector(app, people["officer"].employer_id)
    officer = login_as(people["officer"])
    assert officer.post("/api/v1/findings", json=finding_payload(victim_id)).status_code == 201
    claim = officer.post("/api/v1/claims", json=claim_payload(victim_id, **LATE)).get_json()

    draft = officer.post(f"/api/v1/claims/{claim['id']}/decisions", json={"calculation_date": "2027-01-31"})

    assert draft.status_code == 201, draft.get_json()
    case = draft.get_json()["case_file"]
    assert case["injury_date"] == ACCIDENT_DAY.isoformat()
    assert case["employer"] == {"budget_sector": True}
    assert case["late_claim_due_to_employer"] is True
    stateless = compensation.calculate(
        {
            **equivalent_case("2027-01-31", [FIRST], []),
            "injury_date": ACCIDENT_DAY.isoformat(),
            "employer": {"budget_sector": True},
            "late_claim_due_to_employer": True,
        }
    )
    result = draft.get_json()["result"]
    assert result["installments"] == stateless["installments"]
    assert result["totals"] == stateless["totals"]
    [one_off] = [i for i in result["installments"] if i["component"] == "one_off_injury"]
    assert one_off["amount"] == "1000000.00"
    assert one_off["regime"] == "labour_code_2025"


def test_the_claim_keeps_the_late_claim_and_its_ground_and_refuses_the_flag_without_one(
    login_as, people, victim_id
):
    officer = login_as(people["officer"])
    officer.post("/api/v1/findings", json=finding_payload(victim_id))

    refused = officer.post(
        "/api/v1/claims",
        json=claim_payload(victim_id, late_claim_due_to_employer=True, late_claim_ground=" "),
    )
    filed = officer.post("/api/v1/claims", json=claim_payload(victim_id, **LATE))

    assert refused.status_code == 422
    assert "late_claim_ground" in refused.get_json()["errors"]
    assert filed.status_code == 201
    assert filed.get_json()["late_claim_due_to_employer"] is True
    assert filed.get_json()["late_claim_ground"] == LATE["late_claim_ground"]
    page = officer.get(f"/compensation/claims/{filed.get_json()['id']}").get_data(as_text=True)
    assert LATE["late_claim_ground"] in page


def test_a_survivors_right_from_reaches_the_case_file(login_as, people, victim_id):
    """LC-2025 art. 221: a dependant who became unable to work within five years of the death has a right
    from that day; the stored survivor records it and the case file carries it."""
    officer = login_as(people["officer"])
    survivors = [
        {"key": "s1", "full_name": "Сын", "relation": "son", "birth_date": "2012-04-02", "sex": "male"}
        | {"grounds": ["minor"]},
        {"key": "s2", "full_name": "Отец", "relation": "father", "birth_date": "1960-01-01", "sex": "male"}
        | {"grounds": ["disabled"], "disabled_until": "2030-01-01", "right_from": "2026-12-05"},
    ]
    filed = officer.post(
        "/api/v1/claims",
        json=claim_payload(
            victim_id,
            case_type="death",
            claimant_name="Вдова",
            claimant_relation="spouse",
            death_date="2026-11-25",
            survivors=survivors,
        ),
    )
    assert filed.status_code == 201, filed.get_json()
    assert [s.get("right_from") for s in filed.get_json()["survivors"]] == [None, "2026-12-05"]

    draft = officer.post(
        f"/api/v1/claims/{filed.get_json()['id']}/decisions", json={"calculation_date": "2027-01-31"}
    )

    assert draft.status_code == 201, draft.get_json()
    assert draft.get_json()["case_file"]["survivors"][1]["right_from"] == "2026-12-05"
    assert "right_from" not in draft.get_json()["case_file"]["survivors"][0]
    december = [i for i in draft.get_json()["result"]["installments"] if i["period"] == "2026-12"]
    assert {i["recipient"] for i in december if i["component"] != "one_off_death"} == {"s1", "s2"}


def test_an_administrator_records_the_budget_sector_in_the_registry(login_as, make_user, make_employer):
    admin = login_as(make_user(Role.ADMIN))
    employer = make_employer()
    read = admin.get(f"/api/v1/employers/{employer.id}").get_json()
    assert read["budget_sector"] is False

    form = {
        "name": employer.name,
        "inn": employer.inn,
        "sector": "P",
        "region": "bishkek",
        "status": "active",
        "budget_sector": "1",
        "version": str(read["version"]),
    }
    saved = admin.post(f"/admin/employers/{employer.id}/edit", data=form)

    assert saved.status_code == 302
    assert admin.get(f"/api/v1/employers/{employer.id}").get_json()["budget_sector"] is True


# --- the claim procedure of each Code ---------------------------------------------------------------------


def _remarks(app: Any, claim_id: int) -> list[str | None]:
    from core import audit, db

    with app.app_context():
        return [e.remark for e in audit.history(db.session(), "claim", claim_id)]


def test_a_claim_filed_under_the_2004_code_is_due_in_ten_days_then_deemed_refused_and_appealed(
    app, login_as, people, make_accident, pin_today
):
    """LC-2004 arts. 257-258: the employer decides within ten days; after them the claim counts as
    refused, and the claimant appeals to an inspectorate."""
    from claims import services

    pin_today(date(2024, 11, 26))
    victim = make_accident(
        people["officer"], "approved", reviewer=people["inspector"], on=date(2024, 11, 24)
    )["victims"][0]
    pin_today(date(2024, 12, 10))
    officer = login_as(people["officer"])
    finding = finding_payload(
        victim,
        examined_on="2024-12-01",
        valid_from="2024-12-01",
        valid_to="2025-11-30",
        reexamination_on="2025-11-15",
    )
    assert officer.post("/api/v1/findings", json=finding).status_code == 201
    earnings = [
        {"month": f"{2023 + (m > 12)}-{(m - 1) % 12 + 1:02d}", "amount": "30000.00"} for m in range(11, 23)
    ]
    claim = officer.post(
        "/api/v1/claims",
        json=claim_payload(
            victim,
            filed_on="2024-12-10",
            reference_month="2024-11",
            earnings=earnings,
            documents=[{"code": "application", "received_on": "2024-12-10"}],
        ),
    ).get_json()

    assert claim["decision_due_on"] == "2024-12-20"
    with app.app_context():
        assert services.mark_deemed_refusals(date(2024, 12, 20)) == 0
        assert services.mark_deemed_refusals(date(2024, 12, 21)) == 1
    pin_today(date(2024, 12, 21))
    page = officer.get(f"/compensation/claims/{claim['id']}").get_data(as_text=True)
    assert 'data-procedure="labour_code_2004"' in page
    assert "257" in page
    assert "258" in page
    assert "ч. 2 ст. 226" not in page
    assert any("257" in (r or "") for r in _remarks(app, claim["id"]))
    form = login_as(people["inspector"]).get(f"/compensation/claims/{claim['id']}/appeals/new")
    assert "257" in form.get_data(as_text=True)


def test_a_claim_filed_under_the_2025_code_is_due_a_month_after_its_documents(
    app, login_as, people, victim_id
):
    """LC-2025 art. 226(2): the one-time benefit within one month of the documents; past it, the refusal
    to pay goes to the pre-trial procedure, then to court (art. 211(2)): the labour disputes commission
    or the state labour inspectorate (art. 241(2)), within three months (art. 243(1))."""
    from claims import services

    officer = login_as(people["officer"])
    officer.post("/api/v1/findings", json=finding_payload(victim_id))
    documents = [
        {"code": "application", "received_on": "2026-12-10"},
        {"code": "earnings_certificate", "received_on": "2026-12-10"},
    ]
    claim = officer.post("/api/v1/claims", json=claim_payload(victim_id, documents=documents)).get_json()

    assert claim["decision_due_on"] == "2027-01-10"
    page = officer.get(f"/compensation/claims/{claim['id']}").get_data(as_text=True)
    assert 'data-procedure="labour_code_2025"' in page
    for article in ("ч. 2 ст. 226", "ч. 1 ст. 226", "ч. 2 ст. 211", "ч. 2 ст. 241", "ч. 1 ст. 243"):
        assert article in page
    assert "257" not in page.split('id="deadline"')[1].split("</section>")[0]
    listing = officer.get("/compensation/claims").get_data(as_text=True)
    assert 'data-procedure="labour_code_2025"' in listing
    with app.app_context():
        assert services.mark_deemed_refusals(date(2027, 1, 10)) == 0
        assert services.mark_deemed_refusals(date(2027, 1, 11)) == 1
    assert any("226" in (r or "") and "211" in (r or "") for r in _remarks(app, claim["id"]))
    form = login_as(people["inspector"]).get(f"/compensation/claims/{claim['id']}/appeals/new")
    assert "ч. 2 ст. 211" in form.get_data(as_text=True)


def test_a_document_received_later_moves_the_2025_term(login_as, people, victim_id, pin_today):
    """LC-2025 art. 226(2) counts the month from the documents needed: the last one received moves it."""
    officer = login_as(people["officer"])
    officer.post("/api/v1/findings", json=finding_payload(victim_id))
    claim = officer.post("/api/v1/claims", json=claim_payload(victim_id)).get_json()
    pin_today(date(2026, 12, 20))
    body = claim_payload(victim_id)
    body["documents"] = [
        {"code": "application", "received_on": "2026-12-10"},
        {"code": "msec_finding", "received_on": "2026-12-18"},
    ]

    corrected = officer.put(f"/api/v1/claims/{claim['id']}", json={**body, "version": claim["version"]})

    assert corrected.status_code == 200, corrected.get_json()
    assert corrected.get_json()["decision_due_on"] == "2027-01-18"


# --- an issued decision's trace in the reader's language --------------------------------------------------


def test_a_kyrgyz_reader_sees_the_kyrgyz_trace_of_an_issued_decision(
    app, login_as, people, victim_id, make_claim
):
    """The decision is computed and frozen with its trace in Russian and Kyrgyz; the order prints Russian,
    the page shows the reader's language."""
    from markupsafe import escape

    from claims.models import Decision
    from core import db

    officer = login_as(people["officer"])
    _claim, issued = make_claim(officer, victim_id)
    with app.app_context():
        traces = db.session().get(Decision, issued["id"]).traces
    russian, kyrgyz = traces["ru"], traces["ky"]
    assert russian == issued["result"]["trace"]
    assert len(kyrgyz) == len(russian)

    russian_page = officer.get(f"/compensation/decisions/{issued['id']}").get_data(as_text=True)
    officer.get("/lang/ky")
    kyrgyz_page = officer.get(f"/compensation/decisions/{issued['id']}").get_data(as_text=True)

    assert str(escape(readable(russian[1]["rule"]))) in russian_page
    assert str(escape(readable(kyrgyz[1]["rule"]))) in kyrgyz_page
    assert str(escape(readable(russian[1]["rule"]))) not in kyrgyz_page
