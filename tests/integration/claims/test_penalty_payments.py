"""Issue 14: a penalty payment (``applies_to`` penalty) pays the art. 269 penalties oldest due first;
rows paid late show their days late beside their penalty; payments due name the recipient."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import sqlalchemy as sa

from core import db
from core.audit import AuditEntry


@pytest.fixture
def late_claim(draft_award: dict[str, Any], pin_today: Any) -> dict[str, Any]:
    """An issued award whose December and January are paid together on 2027-02-20, late for both."""
    officer, claim, draft = draft_award["client"], draft_award["claim"], draft_award["draft"]
    issued = officer.post(
        f"/api/v1/decisions/{draft['id']}/issue", json={"number": "7-к", "version": draft["version"]}
    )
    assert issued.status_code == 200, issued.get_json()
    owed = sum(Decimal(i["amount"]) for i in draft["result"]["installments"] if i["period"])
    pin_today(date(2027, 2, 20))
    paid = officer.post(
        f"/api/v1/claims/{claim['id']}/payments",
        json={"paid_on": "2027-02-20", "amount": f"{owed:.2f}", "applies_to": "periodic"},
    )
    assert paid.status_code == 201, paid.get_json()
    return {"client": officer, "claim": claim}


def _statement(client: Any, claim_id: int, as_of: str = "2027-02-20") -> dict[str, Any]:
    answer = client.get(f"/api/v1/claims/{claim_id}/statement?as_of={as_of}")
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def test_a_penalty_payment_pays_the_oldest_penalty_first(late_claim: dict[str, Any]) -> None:
    client, claim_id = late_claim["client"], late_claim["claim"]["id"]
    before = _statement(client, claim_id)
    rows = sorted(before["installments"], key=lambda i: i["due_date"])
    oldest = [i for i in rows if i["due_date"] == rows[0]["due_date"]]
    first_penalty = sum(Decimal(i["penalty"]) for i in oldest)
    assert first_penalty > 0
    assert before["penalties"]["outstanding"] == before["totals"]["penalty"]

    part = first_penalty + Decimal("1.00")  # all of the oldest penalties and 1.00 of the next
    answer = client.post(
        f"/api/v1/claims/{claim_id}/payments",
        json={"paid_on": "2027-02-20", "amount": f"{part:.2f}", "applies_to": "penalty"},
    )
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["applies_to"] == "penalty"

    after = _statement(client, claim_id)
    assert after["totals"] == before["totals"]  # a penalty paid pays no installment
    assert after["penalties"]["paid"] == f"{part:.2f}"
    assert Decimal(after["penalties"]["outstanding"]) == Decimal(before["totals"]["penalty"]) - part
    by_due = sorted(after["installments"], key=lambda i: i["due_date"])
    assert all(i["penalty_outstanding"] == "0.00" for i in by_due if i["due_date"] == rows[0]["due_date"])
    later = [i for i in by_due if i["due_date"] != rows[0]["due_date"] and i["penalty"] != "0.00"]
    assert later[0]["penalty_paid"] == "1.00"
    assert all(i["penalty_paid"] == "0.00" for i in later[1:])


def test_a_penalty_payment_beyond_the_penalty_outstanding_is_refused_naming_the_amount(
    late_claim: dict[str, Any],
) -> None:
    client, claim_id = late_claim["client"], late_claim["claim"]["id"]
    penalty = Decimal(_statement(client, claim_id)["penalties"]["outstanding"])
    too_much = client.post(
        f"/api/v1/claims/{claim_id}/payments",
        json={"paid_on": "2027-02-20", "amount": f"{penalty + 1:.2f}", "applies_to": "penalty"},
    )
    assert too_much.status_code == 422
    assert "amount" in too_much.get_json()["errors"]
    negative = client.post(
        f"/api/v1/claims/{claim_id}/payments",
        json={
            "paid_on": "2027-02-20",
            "amount": "-1.00",
            "applies_to": "penalty",
            "recovery_ground": "counting_error",
        },
    )
    assert negative.status_code == 422
    assert set(negative.get_json()["errors"]) & {"amount", "recovery_ground"}


def test_a_penalty_payment_is_audited_and_shown_on_the_claim_page(
    app: Any, late_claim: dict[str, Any]
) -> None:
    client, claim_id = late_claim["client"], late_claim["claim"]["id"]
    page = client.post(
        f"/compensation/claims/{claim_id}/payments/new",
        data={"paid_on": "2027-02-20", "amount": "10.00", "recipient": "victim", "applies_to": "penalty"},
    )
    assert page.status_code == 302, page.get_data(as_text=True)
    payment = [
        p
        for p in client.get(f"/api/v1/claims/{claim_id}/payments").get_json()
        if p["applies_to"] == "penalty"
    ]
    assert len(payment) == 1
    with app.app_context():
        entries = db.session().scalars(
            sa.select(AuditEntry).where(
                AuditEntry.entity_id == payment[0]["id"], AuditEntry.entity == "payment"
            )
        )
        actions = [e.action for e in entries]
    assert actions == ["create"]
    html = client.get(f"/compensation/claims/{claim_id}").get_data(as_text=True)
    row = html[html.index(f'data-payment="{payment[0]["id"]}"') :]
    assert "ст. 269" in row[: row.index("</tr>")]  # the row says it paid the penalties (art. 269)


def test_rows_paid_late_show_their_days_late_beside_their_penalty(late_claim: dict[str, Any]) -> None:
    client, claim_id = late_claim["client"], late_claim["claim"]["id"]
    html = client.get(f"/compensation/claims/{claim_id}/statement?as_of=2027-02-20").get_data(as_text=True)
    # December is due on 2026-12-31 and paid on 2027-02-20: 51 days late; January (due 2027-01-31) 20.
    assert 'data-paid-late="51"' in html
    assert 'data-paid-late="20"' in html


def test_payments_due_name_the_victim_not_a_code(
    app: Any, late_claim: dict[str, Any], victim_id: int
) -> None:
    client = late_claim["client"]
    html = client.get("/compensation/payments-due?month=2027-03").get_data(as_text=True)
    from accidents.models import Victim

    with app.app_context():
        name = db.session().get(Victim, victim_id).full_name
    assert name in html
    assert ">victim<" not in html


def test_the_statement_pdf_and_xlsx_show_the_penalties_paid_and_the_days_late_as_the_page_does(
    late_claim: dict[str, Any],
) -> None:
    import io

    from openpyxl import load_workbook
    from pypdf import PdfReader

    client, claim_id = late_claim["client"], late_claim["claim"]["id"]
    paid = client.post(
        f"/api/v1/claims/{claim_id}/payments",
        json={"paid_on": "2027-02-20", "amount": "10.00", "applies_to": "penalty"},
    )
    assert paid.status_code == 201, paid.get_json()
    penalties = _statement(client, claim_id)["penalties"]
    client.get("/lang/ru")
    url = f"/compensation/claims/{claim_id}/statement"

    pdf = client.get(f"{url}.pdf?as_of=2027-02-20")
    xlsx = client.get(f"{url}.xlsx?as_of=2027-02-20")

    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages).split())
    # December is due on 2026-12-31 and paid on 2027-02-20: 51 days late; January (due 2027-01-31) 20.
    assert "оплачено с опозданием на 51 дн." in text
    assert "оплачено с опозданием на 20 дн." in text
    assert "оплачено: 10,00" in text
    assert "Пеня уплачена" in text
    assert "Пеня к уплате" in text
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(row for row in cells if "Дней просрочки" in row)
    late, paid_column = header.index("Оплачено с опозданием, дней"), header.index("Пеня уплачена")
    rows = cells[cells.index(header) + 1 :]
    assert {row[late] for row in rows if row[late]} == {51, 20}
    assert sum(Decimal(str(row[paid_column] or 0)) for row in rows if len(row) > paid_column) == Decimal("10")
    totals = {
        row[0]: Decimal(str(row[1])) for row in rows if row and row[0] in ("Пеня уплачена", "Пеня к уплате")
    }
    assert totals == {
        "Пеня уплачена": Decimal(penalties["paid"]),
        "Пеня к уплате": Decimal(penalties["outstanding"]),
    }
