"""The ledger's pages: findings, claims, decisions, the order, payments, statements and appeals in HTML.

Forms are posted as a browser posts them (field names are the API's error paths);
figures are checked against the engine (``services.statement`` or
``compensation.calculate``), never against numbers copied by hand.
"""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from claims import documents, services
from core.classifiers import Role
from core.db import today_bishkek
from core.formatting import money
from tests.factories import ACCIDENT_DAY
from tests.pages import field_errors

#: The built-in minimum-wage table has confirmed rows from 2026 on: the case runs from December 2026.
EARNINGS = [(f"{2025 + (m > 12)}-{(m - 1) % 12 + 1:02d}", "30000.00") for m in range(11, 23)]
VICTIM_NAME = "Пострадавший Номер 1"


def _filed_claim(
    login_as: Any, make_user: Any, make_accident: Any, **fields: Any
) -> tuple[Any, dict[str, Any]]:
    """An officer's own victim (an approved act of ACCIDENT_DAY) and a claim filed for them on 2026-11-24
    (an injury claim unless ``fields`` say otherwise); returns the officer's client and the claim."""
    officer = make_user(Role.SAFETY_OFFICER)
    victim = make_accident(officer, "approved", reviewer=make_user(Role.INSPECTOR), on=ACCIDENT_DAY)[
        "victims"
    ][0]
    client = login_as(officer)
    claim = {
        "victim_id": victim,
        "case_type": "injury",
        "claimant_name": "Пострадавший",
        "filed_on": "2026-11-24",
        "region": "bishkek",
        "reference_month": "2026-10",
        **fields,
    }
    return client, client.post("/api/v1/claims", json=claim).get_json()


def finding_form(victim_id: int, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "victim_id": str(victim_id),
        "msec_body": "МСЭК г. Бишкек",
        "decision_no": "1204",
        "examined_on": "2026-12-01",
        "valid_from": "2026-12-01",
        "valid_to": "2027-11-30",
        "loss_percent": "60",
        "disability_group": "II",
        "reexamination_on": "2027-11-15",
        "care_household": "1",
        "rehabilitation": ["medicines"],
    }
    data.update(overrides)
    return data


def claim_form(victim_id: int, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "victim_id": str(victim_id),
        "case_type": "injury",
        "claimant_name": VICTIM_NAME,
        "claimant_relation": "victim",
        "filed_on": "2026-12-10",
        "region": "bishkek",
        "reference_month": "2026-11",
        "source_of_increased_danger": "1",
        "employer_fault": "1",
        "documents.application.received_on": "2026-12-10",
        "documents.msec_finding.received_on": "2026-12-10",
    }
    for i, (month, amount) in enumerate(EARNINGS):
        data[f"earnings.{i}.month"] = month
        data[f"earnings.{i}.amount"] = amount
    data.update(overrides)
    return data


def created_id(response: Any, kind: str) -> int:
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    match = re.search(rf"/compensation/{kind}/(\d+)", response.headers["Location"])
    assert match, response.headers["Location"]
    return int(match.group(1))


@pytest.fixture
def case(login_as, people, victim_id, pin_today) -> dict[str, int]:
    """A case taken through the pages: finding, claim, issued decision No. 45-к, one payment."""
    officer = login_as(people["officer"])
    finding = created_id(officer.post("/compensation/findings/new", data=finding_form(victim_id)), "findings")
    claim = created_id(officer.post("/compensation/claims/new", data=claim_form(victim_id)), "claims")
    draft = created_id(
        officer.post(f"/compensation/claims/{claim}/decisions/new", data={"calculation_date": "2027-01-31"}),
        "decisions",
    )
    page = officer.get(f"/compensation/decisions/{draft}").get_data(as_text=True)
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    pin_today(date(2026, 12, 18))  # issue 12: the order is dated by today
    issued = officer.post(
        f"/compensation/decisions/{draft}/issue",
        data={"number": "45-к", "issued_on": "2026-12-18", "version": version, "confirm": "1"},
    )
    assert issued.status_code == 302, issued.get_data(as_text=True)[:2000]
    pin_today(date(2026, 12, 25))  # and so is the payment
    paid = officer.post(
        f"/compensation/claims/{claim}/payments/new",
        data={"paid_on": "2026-12-25", "amount": "24560.00", "recipient": "victim", "applies_to": "periodic"},
    )
    assert paid.status_code == 302, paid.get_data(as_text=True)[:2000]
    return {"finding": finding, "claim": claim, "decision": draft, "victim": victim_id}


# --- pages render --------------------------------------------------------------------------------------


def test_every_ledger_page_renders_for_the_officer(login_as, people, case):
    officer = login_as(people["officer"])
    claim, decision, finding = case["claim"], case["decision"], case["finding"]
    urls = [
        "/compensation/findings",
        "/compensation/findings?reexamination=due",
        "/compensation/findings?reexamination=lapsed",
        "/compensation/findings/new",
        f"/compensation/findings/new?victim_id={case['victim']}",
        f"/compensation/findings/{finding}",
        "/compensation/claims",
        "/compensation/claims?status=deemed_refused",
        "/compensation/claims?overdue=1",
        "/compensation/claims/new",
        f"/compensation/claims/new?victim_id={case['victim']}",
        f"/compensation/claims/{claim}",
        f"/compensation/claims/{claim}/edit",
        f"/compensation/claims/{claim}/decisions/new",
        f"/compensation/claims/{claim}/refusal",
        f"/compensation/claims/{claim}/payments/new",
        f"/compensation/claims/{claim}/statement",
        f"/compensation/claims/{claim}/statement?as_of=2027-03-15",
        f"/compensation/decisions/{decision}",
        "/compensation/appeals",
    ]

    statuses = {url: officer.get(url).status_code for url in urls}

    assert statuses == dict.fromkeys(urls, 200)


def test_the_claim_page_shows_documents_deadline_decisions_and_payments(login_as, people, case):
    page = login_as(people["officer"]).get(f"/compensation/claims/{case['claim']}").get_data(as_text=True)

    assert 'data-status="decided"' in page
    assert re.search(r'data-document="application">\s*<td>[^<]+</td>\s*<td>10.12.2026', page)
    assert re.search(r'data-document="earnings_certificate" class="overdue"', page)
    assert "10.01.2027" in page  # LC-2025 art. 226(2): a month after the documents of 10.12.2026
    assert "45-к" in page
    assert money(Decimal("24560.00")) in page
    assert f"/compensation/claims/{case['claim']}/statement" in page


def test_the_history_is_shown_to_inspectors_only(login_as, people, case):
    officer_page = login_as(people["officer"]).get(f"/compensation/claims/{case['claim']}")
    inspector_page = login_as(people["inspector"]).get(f"/compensation/claims/{case['claim']}")

    assert 'class="history"' not in officer_page.get_data(as_text=True)
    assert 'class="history"' in inspector_page.get_data(as_text=True)


def test_the_decision_page_shows_the_engine_result_with_article_links(login_as, people, case):
    page = (
        login_as(people["officer"]).get(f"/compensation/decisions/{case['decision']}").get_data(as_text=True)
    )

    assert 'data-status="issued"' in page
    assert 'id="awards"' in page
    assert 'id="trace"' in page
    assert "/compensation/law/lc-2025/214" in page  # 2027: LC-2025 art. 214 (was LC-2004 235)
    assert money(Decimal("18000.00")) in page


def test_a_finding_shows_its_reexamination_chain(login_as, people, case, pin_today):
    officer = login_as(people["officer"])
    pin_today(date(2027, 12, 1))  # issue 12: the re-examination has happened
    later = created_id(
        officer.post(
            "/compensation/findings/new",
            data=finding_form(
                case["victim"],
                examined_on="2027-12-01",
                valid_from="2027-12-01",
                valid_to="",
                loss_percent="40",
                disability_group="III",
                reexamination_on="2029-12-01",
                care_household="",
            ),
        ),
        "findings",
    )

    page = officer.get(f"/compensation/findings/{case['finding']}").get_data(as_text=True)

    assert f'data-finding="{later}"' in page
    assert f"№ {case['finding']}" in page  # the later one follows the first


def test_an_undecided_claim_past_its_term_is_listed_as_overdue_with_its_deadline(
    login_as, people, make_accident, pin_today
):
    # Issue 12: one open claim per victim, so the two claims are of two victims of one accident.
    two = make_accident(
        people["officer"], "approved", reviewer=people["inspector"], on=ACCIDENT_DAY, victims=2
    )
    victim_id, other_victim = two["victims"]
    officer = login_as(people["officer"])
    filed = date(2026, 11, 28)
    pin_today(date(2027, 1, 15))  # LC-2025 art. 226(2): the month of the documents of 10.12.2026 has passed
    late = created_id(
        officer.post("/compensation/claims/new", data=claim_form(victim_id, filed_on=filed.isoformat())),
        "claims",
    )
    in_time = created_id(
        officer.post(
            "/compensation/claims/new", data=claim_form(other_victim, filed_on=today_bishkek().isoformat())
        ),
        "claims",
    )

    page = officer.get("/compensation/claims?overdue=1").get_data(as_text=True)
    claim_page = officer.get(f"/compensation/claims/{late}").get_data(as_text=True)

    assert f'data-claim="{late}" class="overdue"' in page
    assert f'data-claim="{in_time}"' not in page
    assert "10.01.2027" in page  # a month after the documents received on 10.12.2026
    assert 'data-deadline="overdue"' in page
    assert 'data-deadline="overdue"' in claim_page


def test_a_refusal_is_issued_with_its_grounds_and_printed(login_as, people, victim_id, pin_today):
    officer = login_as(people["officer"])
    claim = created_id(officer.post("/compensation/claims/new", data=claim_form(victim_id)), "claims")

    pin_today(date(2026, 12, 15))  # issue 12: the refusal is dated by today
    refusal = created_id(
        officer.post(
            f"/compensation/claims/{claim}/refusal",
            data={"number": "7", "issued_on": "2026-12-15", "grounds": "Травма не связана с производством."},
        ),
        "decisions",
    )
    page = officer.get(f"/compensation/decisions/{refusal}").get_data(as_text=True)
    pdf = officer.get(f"/compensation/decisions/{refusal}/order.pdf")

    assert "Травма не связана с производством." in page
    assert "Травма не связана с производством." in _pdf_text(pdf.data)
    assert "об отказе в возмещении вреда" in _pdf_text(pdf.data)


# --- forms refuse bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "kept"),
    [
        ({"loss_percent": "120"}, "loss_percent", "120"),
        ({"loss_percent": "abc"}, "loss_percent", "abc"),
        ({"examined_on": ""}, "examined_on", "МСЭК г. Бишкек"),
        ({"valid_to": "2026-01-01"}, "valid_to", "2026-01-01"),
        ({"disability_group": "IV"}, "disability_group", "1204"),
    ],
)
def test_a_bad_finding_is_shown_again_with_its_field_errors(
    login_as, people, victim_id, overrides, field, kept
):
    response = login_as(people["officer"]).post(
        "/compensation/findings/new", data=finding_form(victim_id, **overrides)
    )

    assert response.status_code == 422
    assert field in field_errors(response)
    assert f'value="{kept}"' in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("overrides", "field", "kept"),
    [
        ({"earnings.3.month": "2026-13"}, "earnings.3.month", "2026-13"),
        ({"earnings.0.amount": "1.005"}, "earnings.0.amount", "1.005"),
        ({"earnings.5.amount": "много"}, "earnings.5.amount", "много"),
        ({"region": "atlantis"}, "region", VICTIM_NAME),
        ({"case_type": "death"}, "death_date", VICTIM_NAME),
        ({"victim_fault_percent": "100"}, "victim_fault_percent", "100"),
        ({"filed_on": "10.12.2026"}, "filed_on", "10.12.2026"),
        ({"documents.msec_finding.received_on": "вчера"}, "documents.msec_finding.received_on", "вчера"),
        ({"one_off_multipliers.II": "0"}, "one_off_multipliers.II", "2026-11"),
        (
            {"case_type": "death", "death_date": "2026-11-20", "survivors.0.full_name": "Дочь"},
            "survivors.0.birth_date",
            "Дочь",
        ),
    ],
)
def test_a_bad_claim_is_shown_again_with_its_field_errors(
    login_as, people, victim_id, overrides, field, kept
):
    response = login_as(people["officer"]).post(
        "/compensation/claims/new", data=claim_form(victim_id, **overrides)
    )

    assert response.status_code == 422
    assert field in field_errors(response), field_errors(response)
    assert f'value="{kept}"' in response.get_data(as_text=True)


def test_a_death_claim_with_its_survivors_is_registered(login_as, people, victim_id):
    data = claim_form(
        victim_id,
        case_type="death",
        death_date="2026-11-20",
        claimant_name="Вдова Номер 1",
        claimant_relation="wife",
        **{
            "survivors.0.full_name": "Дочь Номер 1",
            "survivors.0.relation": "daughter",
            "survivors.0.birth_date": "2015-05-04",
            "survivors.0.sex": "female",
            "survivors.0.grounds": ["minor"],
        },
    )

    officer = login_as(people["officer"])
    claim = created_id(officer.post("/compensation/claims/new", data=data), "claims")
    page = officer.get(f"/compensation/claims/{claim}").get_data(as_text=True)

    assert "Дочь Номер 1" in page
    assert 'data-document="death_certificate"' in page


class _FormFields(HTMLParser):
    """What a browser would post for each POST form of a page, as (name, value) pairs."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self._fields: list[tuple[str, str]] | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method") == "post":
            self._fields = []
            self.forms.append(self._fields)
        if self._fields is None:
            return
        if tag == "input" and "name" in a and (a.get("type") != "checkbox" or "checked" in a):
            self._fields.append((a["name"], a.get("value", "")))
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select is not None and "selected" in a:
            self._fields.append((self._select, a.get("value", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "form":
            self._fields = None


def form_fields(html: str) -> dict[str, Any]:
    """The fields of the page's main form (the POST form with the most fields), as a browser posts them."""
    parser = _FormFields()
    parser.feed(html)
    out: dict[str, Any] = {}
    for name, value in max(parser.forms, key=len):
        if name in out:
            out[name] = [*out[name], value] if isinstance(out[name], list) else [out[name], value]
        else:
            out[name] = value
    return out


def test_a_claim_is_corrected_on_its_page_and_the_issued_order_keeps_its_case_file(
    app, login_as, people, case
):
    officer = login_as(people["officer"])
    claim = case["claim"]
    form = form_fields(officer.get(f"/compensation/claims/{claim}/edit").get_data(as_text=True))
    order_before = officer.get(f"/api/v1/decisions/{case['decision']}").get_json()

    corrected = officer.post(
        f"/compensation/claims/{claim}/edit",
        data={**form, "earnings.0.amount": "33333.00", "claimant_address": "г. Бишкек, ул. Исправленная 1"},
    )
    stale = officer.post(f"/compensation/claims/{claim}/edit", data=form)

    assert form["earnings.0.month"] == EARNINGS[0][0]
    assert form["earnings.0.amount"] == str(Decimal(EARNINGS[0][1]))
    assert form["region"] == "bishkek"
    assert form.get("source_of_increased_danger") == "1"
    assert corrected.status_code == 302, corrected.get_data(as_text=True)[:2000]
    stored = officer.get(f"/api/v1/claims/{claim}").get_json()
    assert stored["earnings"][0]["amount"] == "33333.00"
    assert stored["claimant_address"] == "г. Бишкек, ул. Исправленная 1"
    assert len(stored["earnings"]) == len(EARNINGS)
    assert stale.status_code == 409
    assert (
        officer.get(f"/api/v1/decisions/{case['decision']}").get_json()["case_file"]
        == order_before["case_file"]
    )
    with app.app_context():
        from core import audit, db

        assert "earnings" in audit.history(db.session(), "claim", claim)[-1].changes


def test_a_bad_correction_is_shown_again_and_changes_nothing(login_as, people, case):
    officer = login_as(people["officer"])
    claim = case["claim"]
    form = form_fields(officer.get(f"/compensation/claims/{claim}/edit").get_data(as_text=True))
    before = officer.get(f"/api/v1/claims/{claim}").get_json()

    bad = officer.post(
        f"/compensation/claims/{claim}/edit",
        data={**form, "earnings.1.amount": "много", "claimant_address": "новый адрес"},
    )

    assert bad.status_code == 422
    assert "earnings.1.amount" in field_errors(bad)
    assert 'value="много"' in bad.get_data(as_text=True)
    assert officer.get(f"/api/v1/claims/{claim}").get_json() == before


def test_a_survivors_correction_keeps_their_key_and_their_ended_right(login_as, people, victim_id):
    officer = login_as(people["officer"])
    data = claim_form(
        victim_id,
        case_type="death",
        death_date="2026-11-20",
        claimant_name="Вдова Номер 2",
        claimant_relation="wife",
        **{
            f"survivors.{i}.{k}": v
            for i, (name, born) in enumerate([("Сын Номер 2", "2013-02-03"), ("Дочь Номер 2", "2016-07-08")])
            for k, v in {
                "full_name": name,
                "relation": "child",
                "birth_date": born,
                "sex": "male" if i == 0 else "female",
                "grounds": ["minor"],
            }.items()
        },
    )
    claim = created_id(officer.post("/compensation/claims/new", data=data), "claims")
    stored = officer.get(f"/api/v1/claims/{claim}").get_json()
    officer.post(
        f"/api/v1/claims/{claim}/survivor-right-ended",
        json={"key": "s1", "ended_on": "2027-02-10", "reason": "усыновлён", "version": stored["version"]},
    )
    page = officer.get(f"/compensation/claims/{claim}/edit").get_data(as_text=True)
    form = form_fields(page)

    corrected = officer.post(
        f"/compensation/claims/{claim}/edit",
        data={**form, "survivors.1.full_name": "Дочь Номер 2 (по свидетельству)"},
    )

    assert form["survivors.0.key"] == "s1"
    assert form["survivors.1.grounds"] == "minor"
    assert "10.02.2027" in page
    assert corrected.status_code == 302, corrected.get_data(as_text=True)[:2000]
    survivors = officer.get(f"/api/v1/claims/{claim}").get_json()["survivors"]
    assert [(s["key"], s["full_name"], s["right_ended_on"]) for s in survivors] == [
        ("s1", "Сын Номер 2", "2027-02-10"),
        ("s2", "Дочь Номер 2 (по свидетельству)", None),
    ]


def test_a_bad_decision_issue_payment_or_statement_is_a_field_error(login_as, people, case, pin_today):
    officer = login_as(people["officer"])
    claim = case["claim"]

    pin_today(date(2027, 1, 5))  # issue 12: the payments' day has come
    no_date = officer.post(f"/compensation/claims/{claim}/decisions/new", data={"calculation_date": "31.01"})
    draft = created_id(
        officer.post(
            f"/compensation/claims/{claim}/decisions/new",
            data={"calculation_date": "2027-02-28", "reason": "parameters_rise"},
        ),
        "decisions",
    )
    no_number = officer.post(f"/compensation/decisions/{draft}/issue", data={"number": "", "version": "1"})
    stale = officer.post(f"/compensation/decisions/{draft}/issue", data={"number": "9", "version": "99"})
    recovery = officer.post(
        f"/compensation/claims/{claim}/payments/new",
        data={"paid_on": "2027-01-05", "amount": "-100.00", "recipient": "victim", "applies_to": "periodic"},
    )
    zero = officer.post(
        f"/compensation/claims/{claim}/payments/new",
        data={"paid_on": "2027-01-05", "amount": "0", "recipient": "victim", "applies_to": "periodic"},
    )
    bad_as_of = officer.get(f"/compensation/claims/{claim}/statement?as_of=someday")
    too_early = officer.get(f"/compensation/claims/{claim}/statement?as_of=1990-01-01")
    stranger = officer.post(
        f"/compensation/claims/{claim}/payments/new",
        data={"paid_on": "2027-01-05", "amount": "100.00", "recipient": "s7", "applies_to": "periodic"},
    )
    no_grounds = officer.post(f"/compensation/claims/{claim}/refusal", data={"number": "8", "grounds": " "})

    assert (no_date.status_code, field_errors(no_date)) == (422, {"calculation_date"})
    assert 'value="31.01"' in no_date.get_data(as_text=True)
    assert (no_number.status_code, "number" in field_errors(no_number)) == (422, True)
    assert stale.status_code == 409
    assert (recovery.status_code, field_errors(recovery)) == (422, {"recovery_ground"})
    assert 'value="-100.00"' in recovery.get_data(as_text=True)
    assert (zero.status_code, field_errors(zero)) == (422, {"amount"})
    assert (bad_as_of.status_code, field_errors(bad_as_of)) == (422, {"as_of"})
    assert too_early.status_code == 422  # no parameter row in force: the engine says which
    assert any(k.startswith("case.") for k in field_errors(too_early))
    assert (stranger.status_code, field_errors(stranger)) == (422, {"recipient"})
    assert (no_grounds.status_code, field_errors(no_grounds)) == (422, {"grounds"})


def test_a_decision_the_engine_cannot_compute_names_what_is_missing(login_as, people, victim_id):
    officer = login_as(people["officer"])
    claim = created_id(officer.post("/compensation/claims/new", data=claim_form(victim_id)), "claims")

    response = officer.post(
        f"/compensation/claims/{claim}/decisions/new", data={"calculation_date": "1990-01-01"}
    )

    assert response.status_code == 422
    assert 'id="case-errors"' in response.get_data(as_text=True)
    assert 'value="1990-01-01"' in response.get_data(as_text=True)


def test_a_payment_before_any_decision_is_refused(login_as, people, victim_id):
    officer = login_as(people["officer"])
    claim = created_id(officer.post("/compensation/claims/new", data=claim_form(victim_id)), "claims")

    response = officer.post(
        f"/compensation/claims/{claim}/payments/new",
        data={"paid_on": "2026-12-25", "amount": "100.00", "recipient": "victim", "applies_to": "periodic"},
    )

    assert response.status_code == 422
    assert "claim_id" in field_errors(response)


def test_filters_of_the_lists_are_validated(login_as, people):
    officer = login_as(people["officer"])

    assert officer.get("/compensation/claims?status=lost").status_code == 422
    assert officer.get("/compensation/findings?reexamination=soon").status_code == 422
    assert officer.get("/compensation/appeals?status=maybe").status_code == 422


# --- scope ---------------------------------------------------------------------------------------------


def test_another_employers_officer_gets_404_on_every_ledger_page(login_as, people, case):
    claim, decision, finding = case["claim"], case["decision"], case["finding"]
    other = login_as(people["other_officer"])
    reads = [
        f"/compensation/findings/{finding}",
        f"/compensation/findings/new?victim_id={case['victim']}",
        f"/compensation/claims/new?victim_id={case['victim']}",
        f"/compensation/claims/{claim}",
        f"/compensation/claims/{claim}/decisions/new",
        f"/compensation/claims/{claim}/refusal",
        f"/compensation/claims/{claim}/payments/new",
        f"/compensation/claims/{claim}/statement",
        f"/compensation/claims/{claim}/statement.pdf",
        f"/compensation/claims/{claim}/statement.xlsx",
        f"/compensation/decisions/{decision}",
        f"/compensation/decisions/{decision}/order.pdf",
    ]
    writes = {
        f"/compensation/claims/{claim}/decisions/new": {"calculation_date": "2027-01-31"},
        f"/compensation/claims/{claim}/refusal": {"number": "1", "grounds": "x"},
        f"/compensation/claims/{claim}/edit": claim_form(case["victim"], version="1"),
        f"/compensation/claims/{claim}/payments/new": {
            "paid_on": "2027-01-05",
            "amount": "1.00",
            "recipient": "victim",
            "applies_to": "periodic",
        },
        f"/compensation/decisions/{decision}/issue": {"number": "1", "version": "1"},
        f"/compensation/findings/{finding}/attachments": {"title": "x"},
        f"/compensation/decisions/{decision}/attachments": {"title": "x"},
    }

    assert {url: other.get(url).status_code for url in reads} == dict.fromkeys(reads, 404)
    assert {url: other.post(url, data=data).status_code for url, data in writes.items()} == dict.fromkeys(
        writes, 404
    )
    lists = "".join(
        other.get(url).get_data(as_text=True)
        for url in ("/compensation/claims", "/compensation/findings", "/compensation/claims/new")
    )
    assert VICTIM_NAME not in lists
    foreign_victim = other.post("/compensation/claims/new", data=claim_form(case["victim"]))
    assert (foreign_victim.status_code, "victim_id" in field_errors(foreign_victim)) == (422, True)


def test_the_social_fund_does_not_read_the_employers_ledger(login_as, make_user, case):
    fund = login_as(make_user(Role.SOCIAL_FUND))

    assert fund.get("/compensation/claims").status_code == 403
    assert fund.get(f"/compensation/claims/{case['claim']}").status_code == 403


# --- documents: the order, the statement ------------------------------------------------------------------


def _pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).replace("\xa0", " ")


def _plain(amount: str) -> str:
    whole, _sep, cents = f"{Decimal(amount):,.2f}".partition(".")
    return whole.replace(",", " ") + "," + cents


def test_the_order_pdf_names_the_victim_and_every_award(app, login_as, people, case):
    officer = login_as(people["officer"])

    response = officer.get(f"/compensation/decisions/{case['decision']}/order.pdf")
    text = _pdf_text(response.data)

    assert response.mimetype == "application/pdf"
    assert VICTIM_NAME in text
    assert "ПРИКАЗ № 45-к от 18.12.2026" in text
    with app.app_context():
        from claims.models import Decision
        from core import db

        result = db.session().get(Decision, case["decision"]).result
    lines = documents.awards(result)["victim"]
    assert {line.component for line in lines} >= {"lost_earnings", "care_household", "one_off_injury"}
    for line in lines:
        assert _plain(str(line.amount)) in text, line
    assert _plain(result["totals"]["accrued"]) in text
    assert "ст. 214 ТК КР 2025 г." in text  # the trace of every figure, citing the Code in force


def test_a_superseded_order_says_by_which_order(login_as, people, case):
    officer = login_as(people["officer"])
    second = created_id(
        officer.post(
            f"/compensation/claims/{case['claim']}/decisions/new",
            data={
                "calculation_date": "2027-02-28",
                "reason": "parameters_rise",
                "effective_from": "2027-02-01",
            },
        ),
        "decisions",
    )
    page = officer.get(f"/compensation/decisions/{second}").get_data(as_text=True)
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    officer.post(
        f"/compensation/decisions/{second}/issue", data={"number": "46-к", "version": version, "confirm": "1"}
    )

    old_page = officer.get(f"/compensation/decisions/{case['decision']}").get_data(as_text=True)
    old_pdf = _pdf_text(officer.get(f"/compensation/decisions/{case['decision']}/order.pdf").data)

    assert 'data-status="superseded"' in old_page
    assert f'href="/compensation/decisions/{second}"' in old_page
    assert "46-к" in old_page
    assert "Заменён приказом № 46-к" in old_pdf
    assert "45-к" in old_pdf


def _statement(app, user, claim_id: int, as_of: date) -> dict[str, Any]:
    with app.test_request_context():
        return services.statement(user, claim_id, as_of)[2]


def test_the_statement_page_pdf_and_xlsx_show_the_engines_figures(app, login_as, people, case):
    officer = login_as(people["officer"])
    expected = _statement(app, people["officer"], case["claim"], date(2027, 3, 15))
    url = f"/compensation/claims/{case['claim']}/statement"

    page = officer.get(f"{url}?as_of=2027-03-15").get_data(as_text=True)
    pdf = _pdf_text(officer.get(f"{url}.pdf?as_of=2027-03-15").data)
    sheet = load_workbook(io.BytesIO(officer.get(f"{url}.xlsx?as_of=2027-03-15").data)).active

    assert Decimal(expected["totals"]["penalty"]) > 0  # January is unpaid: art. 269 penalties run
    for key, value in expected["totals"].items():
        assert f'data-total="{key}">{money(Decimal(value))}<' in page
        assert _plain(value) in pdf
    rows = [row for row in sheet.iter_rows(values_only=True) if any(v is not None for v in row)]
    by_label = {row[0]: row[1] for row in rows}  # the totals, then the penalties paid and outstanding
    labels = ("Начислено", "Выплачено", "Задолженность", "Пеня (ст. 269)")
    totals = [_cents(by_label[label]) for label in labels]
    assert totals == [Decimal(expected["totals"][k]) for k in ("accrued", "paid", "outstanding", "penalty")]
    installments = [row for row in rows if isinstance(row[7], int)]
    assert [(_cents(r[3]), _cents(r[5]), _cents(r[6]), r[7], _cents(r[8])) for r in installments] == [
        (
            Decimal(i["amount"]),
            Decimal(i["paid"]),
            Decimal(i["outstanding"]),
            i["days_overdue"],
            Decimal(i["penalty"]),
        )
        for i in expected["installments"]
    ]


def _cents(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def test_the_statement_defaults_to_today_and_narrows_to_a_recipient(login_as, people, case):
    officer = login_as(people["officer"])

    today = officer.get(f"/compensation/claims/{case['claim']}/statement")
    victim_only = officer.get(f"/compensation/claims/{case['claim']}/statement?recipient=victim")
    stranger = officer.get(f"/compensation/claims/{case['claim']}/statement?recipient=s9")

    assert today.status_code == 200
    assert victim_only.status_code == 200
    assert (stranger.status_code, field_errors(stranger)) == (422, {"recipient"})


# --- appeals (art. 258) ---------------------------------------------------------------------------------


def test_an_inspector_records_and_grants_an_appeal_and_the_new_decision_supersedes_the_old(
    login_as, people, case, pin_today
):
    pin_today(date(2027, 1, 20))  # issue 12: the appeal is filed and decided by today
    inspector = login_as(people["inspector"])

    appeal = created_id(
        inspector.post(
            f"/compensation/claims/{case['claim']}/appeals/new",
            data={
                "decision_id": str(case["decision"]),
                "inspectorate": "state",
                "filed_on": "2027-01-10",
                "grounds": "Не учтена грубая неосторожность работодателя.",
            },
        ),
        "appeals",
    )
    empty = inspector.post(f"/compensation/appeals/{appeal}/decision", data={"version": "1", "status": ""})
    decided = inspector.post(
        f"/compensation/appeals/{appeal}/decision",
        data={
            "version": "1",
            "status": "granted",
            "decided_on": "2027-01-20",
            "reasoning": "Вина потерпевшего не установлена.",
            "number": "A-1",
            "changes.employer_fault": "true",
        },
    )
    appeal_page = inspector.get(f"/compensation/appeals/{appeal}").get_data(as_text=True)
    no_grounds = inspector.post(
        f"/compensation/claims/{case['claim']}/appeals/new",
        data={"decision_id": "", "filed_on": "2027-01-10", "grounds": ""},
    )
    claim_page = inspector.get(f"/compensation/claims/{case['claim']}").get_data(as_text=True)
    old_page = inspector.get(f"/compensation/decisions/{case['decision']}").get_data(as_text=True)

    assert (empty.status_code, {"status", "reasoning"} <= field_errors(empty)) == (422, True)
    assert decided.status_code == 302, decided.get_data(as_text=True)[:2000]
    assert (no_grounds.status_code, "grounds" in field_errors(no_grounds)) == (422, True)
    assert 'value="2027-01-10"' in no_grounds.get_data(as_text=True)
    assert 'data-status="granted"' in appeal_page
    assert 'id="resulting"' in appeal_page
    new_id = int(re.search(r'id="resulting"><a href="/compensation/decisions/(\d+)"', appeal_page).group(1))
    assert re.search(rf'data-decision="{case["decision"]}" data-status="superseded"', claim_page)
    assert re.search(rf'data-decision="{new_id}" data-status="issued"', claim_page)
    assert 'id="superseded"' in old_page
    assert f'href="/compensation/decisions/{new_id}"' in old_page


def test_officers_read_their_appeals_but_neither_record_nor_decide_them(login_as, people, case, pin_today):
    pin_today(date(2027, 1, 10))  # issue 12: the appeal's day has come
    inspector = login_as(people["inspector"])
    appeal = created_id(
        inspector.post(
            f"/compensation/claims/{case['claim']}/appeals/new",
            data={"decision_id": str(case["decision"]), "filed_on": "2027-01-10", "grounds": "Доводы."},
        ),
        "appeals",
    )

    officer = login_as(people["officer"])
    own = (officer.get(f"/compensation/appeals/{appeal}").status_code, officer.get("/compensation/appeals"))
    record = officer.get(f"/compensation/claims/{case['claim']}/appeals/new").status_code
    decide = officer.post(f"/compensation/appeals/{appeal}/decision", data={"status": "granted"}).status_code
    other = login_as(people["other_officer"])

    assert own[0] == 200
    assert f'data-appeal="{appeal}"' in own[1].get_data(as_text=True)
    assert (record, decide) == (403, 403)
    assert other.get(f"/compensation/appeals/{appeal}").status_code == 404
    assert f'data-appeal="{appeal}"' not in other.get("/compensation/appeals").get_data(as_text=True)


def _upload(client: Any, url: str, title: str, content: bytes, filename: str, **kwargs: Any) -> Any:
    """Post a scan to the attachments of the record at ``url``, as its page's form does."""
    return client.post(
        f"{url}/attachments",
        data={"title": title, "file": (io.BytesIO(content), filename)},
        content_type="multipart/form-data",
        **kwargs,
    )


def test_a_document_received_later_is_ticked_off_and_a_scan_kept(
    app, login_as, make_user, make_accident, tmp_path
):
    app.config["UPLOAD_FOLDER"] = str(tmp_path)
    client, claim = _filed_claim(
        login_as, make_user, make_accident, documents=[{"code": "application", "received_on": "2026-11-24"}]
    )
    page = client.get(f"/compensation/claims/{claim['id']}").get_data(as_text=True)
    assert 'id="receive-document"' in page

    ticked = client.post(
        f"/compensation/claims/{claim['id']}/documents",
        data={"code": "msec_finding", "received_on": "2026-11-25", "version": claim["version"]},
    )
    stale = client.post(
        f"/compensation/claims/{claim['id']}/documents",
        data={"code": "act_n1", "received_on": "2026-11-25", "version": claim["version"]},
    )
    uploaded = _upload(
        client, f"/compensation/claims/{claim['id']}", "Заключение МСЭК", b"%PDF-1.4 scan", "msec.pdf"
    )
    refused = _upload(
        client, f"/compensation/claims/{claim['id']}", "x", b"MZ\x90\x00", "virus.pdf", follow_redirects=True
    )

    assert ticked.status_code == 302
    documents = {
        d["code"]: d["received_on"]
        for d in client.get(f"/api/v1/claims/{claim['id']}").get_json()["documents"]
    }
    assert documents["msec_finding"] == "2026-11-25"
    assert "act_n1" not in documents  # the stale form changed nothing
    assert stale.status_code == 302
    assert uploaded.status_code == 302
    assert "PDF, JPEG" in refused.get_data(as_text=True)
    page = client.get(f"/compensation/claims/{claim['id']}").get_data(as_text=True)
    link = page.split("/compensation/attachments/")[1].split('"')[0]
    assert client.get(f"/compensation/attachments/{link}").data == b"%PDF-1.4 scan"


@pytest.mark.parametrize(
    ("kind", "page"),
    [("finding", "/compensation/findings/{id}"), ("decision", "/compensation/decisions/{id}")],
)
def test_a_scan_is_kept_with_a_finding_or_a_decision_from_its_page(login_as, people, case, kind, page):
    officer = login_as(people["officer"])
    url = page.format(id=case[kind])
    form = officer.get(url).get_data(as_text=True)

    uploaded = _upload(officer, url, "Подписанный экземпляр", b"\x89PNG\r\n\x1a\n scan", "scan.png")
    refused = _upload(officer, url, "", b"%PDF-1.4", "x.pdf", follow_redirects=True)
    shown = officer.get(url).get_data(as_text=True)
    foreign = _upload(login_as(people["other_officer"]), url, "x", b"%PDF-1.4", "x.pdf")
    inspector_page = login_as(people["inspector"]).get(url).get_data(as_text=True)

    assert 'id="upload-scan"' in form
    assert uploaded.status_code == 302
    assert uploaded.headers["Location"].endswith(f"{url}#attachments")
    assert "field-error" in refused.get_data(as_text=True) or "flash-error" in refused.get_data(as_text=True)
    assert "Подписанный экземпляр" in shown
    link = shown.split("/compensation/attachments/")[1].split('"')[0]
    assert officer.get(f"/compensation/attachments/{link}").data == b"\x89PNG\r\n\x1a\n scan"
    assert foreign.status_code == 404
    assert "Подписанный экземпляр" in inspector_page  # inspectors read the scans in their scope


def test_a_court_ruling_is_recorded_from_the_claim_page(login_as, make_user, make_accident):
    client, claim = _filed_claim(login_as, make_user, make_accident)

    bad = client.post(
        f"/compensation/claims/{claim['id']}/court-rulings",
        data={"court": "", "ruled_on": "x", "summary": ""},
        follow_redirects=True,
    )
    good = client.post(
        f"/compensation/claims/{claim['id']}/court-rulings",
        data={
            "court": "Октябрьский районный суд",
            "case_number": "2-1017/26",
            "ruled_on": "2026-11-25",
            "summary": "Взыскать моральный вред.",
            "amounts.moral_damage": "150000.00",
        },
    )

    assert "flash-error" in bad.get_data(as_text=True)
    assert good.status_code == 302
    page = client.get(f"/compensation/claims/{claim['id']}").get_data(as_text=True)
    assert "2-1017/26" in page
    assert "150\u00a0000,00" in page
    assert client.get(f"/api/v1/claims/{claim['id']}/court-rulings").get_json()[0]["amounts"] == {
        "moral_damage": "150000.00"
    }


def test_a_survivors_right_ending_is_recorded_from_the_claim_page(login_as, make_user, make_accident):
    client, claim = _filed_claim(
        login_as,
        make_user,
        make_accident,
        case_type="death",
        claimant_name="Вдова",
        death_date="2026-11-23",
        survivors=[
            {
                "key": "s1",
                "full_name": "Сын",
                "relation": "сын",
                "birth_date": "2012-04-02",
                "sex": "male",
                "grounds": ["minor"],
            }
        ],
    )
    assert 'id="right-ended"' in client.get(f"/compensation/claims/{claim['id']}").get_data(as_text=True)

    bad = client.post(
        f"/compensation/claims/{claim['id']}/survivor-right-ended",
        data={"key": "s1", "ended_on": "", "reason": "", "version": claim["version"]},
        follow_redirects=True,
    )
    good = client.post(
        f"/compensation/claims/{claim['id']}/survivor-right-ended",
        data={"key": "s1", "ended_on": "2027-01-31", "reason": "усыновлён", "version": claim["version"]},
    )

    assert "flash-error" in bad.get_data(as_text=True)
    assert good.status_code == 302
    survivors = client.get(f"/api/v1/claims/{claim['id']}").get_json()["survivors"]
    assert survivors[0]["right_ended_on"] == "2027-01-31"
