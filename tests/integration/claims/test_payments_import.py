"""Issue 13: a file of payments (CSV or JSON) is validated whole and recorded in one transaction, all or
none, each payment as a single payment is (its rules, its audit entry), with a report of each row; an
officer imports only into their own employer's claims."""

from __future__ import annotations

import json
from typing import Any

import pytest
import sqlalchemy as sa

from claims.services import imports
from core import db
from core.audit import AuditEntry
from tests.factories import ACCIDENT_DAY

URL = "/api/v1/payments/import"


@pytest.fixture
def awarded(login_as: Any, people: dict[str, Any], victim_id: int, make_claim: Any) -> dict[str, Any]:
    """The officer's claim with its issued decision (tests/conftest.py ``make_claim``), signed in."""
    client = login_as(people["officer"])
    claim, decision = make_claim(client, victim_id)
    return {"client": client, "claim": claim["id"], "decision": decision}


def _csv(*rows: dict[str, Any]) -> str:
    return imports.as_csv(rows)


def _post_csv(client: Any, text: str, **headers: str) -> Any:
    token = client.get("/api/v1/auth/csrf-token").get_json()["csrf_token"]
    return client.post(
        URL, data=text.encode(), content_type="text/csv", headers={"X-CSRFToken": token, **headers}
    )


def _payments(client: Any, claim_id: int) -> list[dict[str, Any]]:
    answer = client.get(f"/api/v1/claims/{claim_id}/payments")
    assert answer.status_code == 200
    return answer.get_json()


def _row(claim_id: int, **overrides: Any) -> dict[str, Any]:
    return {
        "claim_id": claim_id,
        "paid_on": "2026-12-10",
        "amount": "1500.00",
        "applies_to": "periodic",
        **overrides,
    }


def _audited(app: Any) -> list[int]:
    with app.app_context():
        return list(
            db.session().scalars(
                sa.select(AuditEntry.entity_id).where(
                    AuditEntry.entity == "payment", AuditEntry.action == "create"
                )
            )
        )


def test_a_csv_of_valid_payments_is_recorded_whole_each_with_its_audit_entry(app, awarded):
    client, claim = awarded["client"], awarded["claim"]
    text = _csv(
        _row(claim, reference="ПП-1", note="декабрь"),
        _row(claim, amount="250.50", applies_to="one_off", reference="ПП-2"),
    )

    answer = _post_csv(client, text)

    assert answer.status_code == 200, answer.get_json()
    report = answer.get_json()
    assert (report["recorded"], report["total"], report["refused"]) == (True, 2, 0)
    assert [(r["row"], r["line"], r["status"], r["claim_id"]) for r in report["rows"]] == [
        (1, 2, "recorded", claim),
        (2, 3, "recorded", claim),
    ]
    ledger = {p["id"]: p for p in _payments(client, claim)}
    ids = [r["payment_id"] for r in report["rows"]]
    assert [(ledger[i]["amount"], ledger[i]["reference"]) for i in ids] == [
        ("1500.00", "ПП-1"),
        ("250.50", "ПП-2"),
    ]
    assert ledger[ids[0]]["note"] == "декабрь"
    assert sorted(_audited(app)) == sorted(ids)


def test_one_invalid_row_records_nothing_and_the_report_names_each_rows_field(app, awarded):
    client, claim = awarded["client"], awarded["claim"]
    text = _csv(
        _row(claim, reference="ПП-1"),
        _row(claim, amount="12.345"),
        _row(claim, paid_on="2026-13-01"),
        _row(claim, paid_on="2027-01-15"),  # after today (the claims tests' day, 2026-12-10)
        _row(claim, amount="-100.00"),  # a recovery without art. 270's ground
        _row(claim, applies_to="salary"),
        {"claim_id": claim, "amount": "100.00", "applies_to": "periodic"},  # no day
    )

    answer = _post_csv(client, text)

    assert answer.status_code == 422
    body = answer.get_json()
    assert body["recorded"] is False
    assert body["code"] == "invalid"
    statuses = [(r["row"], r["status"], [e["field"] for e in r["errors"]]) for r in body["rows"]]
    assert statuses == [
        (1, "valid", []),
        (2, "error", ["amount"]),
        (3, "error", ["paid_on"]),
        (4, "error", ["paid_on"]),
        (5, "error", ["recovery_ground"]),
        (6, "error", ["applies_to"]),
        (7, "error", ["paid_on"]),
    ]
    assert set(body["errors"]) == {
        "rows.2.amount",
        "rows.3.paid_on",
        "rows.4.paid_on",
        "rows.5.recovery_ground",
        "rows.6.applies_to",
        "rows.7.paid_on",
    }
    assert all(r["payment_id"] is None for r in body["rows"])
    assert _payments(client, claim) == []
    assert _audited(app) == []


def test_an_officer_cannot_import_into_another_employers_claim(
    awarded, people, make_accident, make_claim, login_as
):
    other = make_accident(people["other_officer"], "approved", reviewer=people["inspector"], on=ACCIDENT_DAY)
    theirs, _decision = make_claim(login_as(people["other_officer"]), other["victims"][0])
    client = login_as(people["officer"])

    answer = _post_csv(
        client, _csv(_row(awarded["claim"], reference="A-1"), _row(theirs["id"], reference="B-1"))
    )

    assert answer.status_code == 422
    rows = answer.get_json()["rows"]
    assert [(r["status"], [e["field"] for e in r["errors"]]) for r in rows] == [
        ("valid", []),
        ("error", ["claim_id"]),
    ]
    assert _payments(client, awarded["claim"]) == []
    assert _payments(login_as(people["other_officer"]), theirs["id"]) == []


def test_an_unknown_claim_is_refused_naming_the_claim(awarded):
    answer = _post_csv(awarded["client"], _csv(_row(987654)))

    assert answer.status_code == 422
    assert list(answer.get_json()["errors"]) == ["rows.1.claim_id"]
    assert "987654" in answer.get_json()["errors"]["rows.1.claim_id"][0]


def test_duplicates_within_the_file_and_references_recorded_already_are_refused(awarded):
    client, claim = awarded["client"], awarded["claim"]
    twice = _csv(_row(claim, reference="ПП-7"), _row(claim, reference="ПП-7", amount="99.00"))
    same_payment = _csv(_row(claim), _row(claim))

    for text in (twice, same_payment):
        answer = _post_csv(client, text)
        assert answer.status_code == 422
        assert [r["status"] for r in answer.get_json()["rows"]] == ["valid", "error"]
        assert list(answer.get_json()["errors"]) == ["rows.2.reference"]
        assert "1" in answer.get_json()["errors"]["rows.2.reference"][0]  # names the row it repeats

    once = _csv(_row(claim, reference="ПП-8"), _row(claim, amount="20.00"))
    assert _post_csv(client, once).status_code == 200
    again = _post_csv(client, once)
    assert again.status_code == 422
    assert [r["status"] for r in again.get_json()["rows"]] == ["error", "error"]
    assert len(_payments(client, claim)) == 2


def test_a_json_array_is_imported_like_a_csv_and_a_float_amount_is_refused(awarded):
    client, claim = awarded["client"], awarded["claim"]

    floats = client.post(URL, json=[_row(claim, amount=100.5)])
    recorded = client.post(URL, json=[_row(claim, amount="100.50"), _row(claim, amount=200)])

    assert floats.status_code == 422
    assert list(floats.get_json()["errors"]) == ["rows.1.amount"]
    assert floats.get_json()["rows"][0]["line"] is None
    assert recorded.status_code == 200, recorded.get_json()
    assert sorted(p["amount"] for p in _payments(client, claim)) == ["100.50", "200.00"]


def test_a_body_that_is_not_a_list_of_payments_is_refused(awarded):
    client = awarded["client"]

    assert client.post(URL, json={"claim_id": awarded["claim"]}).status_code == 422
    empty = client.post(URL, json=[])
    assert empty.status_code == 422
    assert list(empty.get_json()["errors"]) == ["file"]
    not_a_row = client.post(URL, json=["12,2026-12-10,100.00"])
    assert not_a_row.status_code == 422
    assert list(not_a_row.get_json()["errors"]) == ["rows.1._"]


def test_a_csv_header_with_an_unknown_or_missing_column_refuses_the_file_naming_it(awarded):
    answer = _post_csv(awarded["client"], "claim_id;paid_on;sum\n1;2026-12-10;100\n")

    assert answer.status_code == 422
    messages = answer.get_json()["errors"]["columns"]
    assert any("sum" in m for m in messages)
    assert any("amount" in m for m in messages)
    assert any("applies_to" in m for m in messages)


def test_excels_russian_csv_semicolons_windows_1251_and_spaced_sums_is_read(awarded):
    client, claim = awarded["client"], awarded["claim"]
    text = f"claim_id;paid_on;amount;applies_to;reference\n{claim};2026-12-10;15 000,00;periodic;Платёжка 5\n"
    token = client.get("/api/v1/auth/csrf-token").get_json()["csrf_token"]

    answer = client.post(
        URL, data=text.encode("cp1251"), content_type="text/csv", headers={"X-CSRFToken": token}
    )

    assert answer.status_code == 200, answer.get_json()
    [payment] = _payments(client, claim)
    assert (payment["amount"], payment["reference"]) == ("15000.00", "Платёжка 5")


def test_more_rows_or_bytes_than_one_import_takes_is_413_and_another_type_is_415(awarded):
    client, claim = awarded["client"], awarded["claim"]
    too_many = _csv(*[_row(claim, reference=f"R-{i}") for i in range(imports.MAX_ROWS + 1)])

    rows = _post_csv(client, too_many)
    size = _post_csv(client, _csv(_row(claim, note="x" * (imports.MAX_BYTES + 1))))
    token = client.get("/api/v1/auth/csrf-token").get_json()["csrf_token"]
    xml = client.post(
        URL, data=b"<payments/>", content_type="application/xml", headers={"X-CSRFToken": token}
    )

    assert rows.status_code == 413
    assert rows.get_json()["code"] == "too_large"
    assert size.status_code == 413
    assert xml.status_code == 415
    assert _payments(client, claim) == []


def test_the_ledgers_rules_apply_to_each_row_a_penalty_beyond_what_is_owed_is_refused(awarded):
    client, claim = awarded["client"], awarded["claim"]

    answer = client.post(URL, json=[_row(claim, amount="999999.00", applies_to="penalty")])

    assert answer.status_code == 422
    assert list(answer.get_json()["errors"]) == ["rows.1.amount"]


def test_a_retried_import_with_its_idempotency_key_records_once(awarded):
    client, claim = awarded["client"], awarded["claim"]
    body = [_row(claim, reference="K-1")]

    first = client.post(URL, json=body, headers={"Idempotency-Key": "payroll-2026-12"})
    retry = client.post(URL, json=body, headers={"Idempotency-Key": "payroll-2026-12"})

    assert first.status_code == retry.status_code == 200
    assert retry.headers.get("Idempotent-Replayed") == "true"
    assert retry.get_json() == first.get_json()
    assert len(_payments(client, claim)) == 1


def test_only_those_who_record_payments_may_import(login_as, people, awarded):
    inspector = login_as(people["inspector"])

    assert inspector.post(URL, json=[_row(awarded["claim"])]).status_code == 403
    assert inspector.get("/compensation/payments/import").status_code == 403


# --- the officers' page ------------------------------------------------------------------------------------


def _upload(client: Any, text: str, name: str = "payments.csv") -> Any:
    import io

    return client.post(
        "/compensation/payments/import",
        data={"file": (io.BytesIO(text.encode()), name)},
        content_type="multipart/form-data",
    )


def test_the_page_shows_each_rows_errors_by_row_and_field_and_records_nothing(awarded):
    client, claim = awarded["client"], awarded["claim"]

    page = _upload(client, _csv(_row(claim), _row(claim, amount="abc")))

    assert page.status_code == 422
    html = page.get_data(as_text=True)
    assert 'data-row="2" data-status="error"' in html
    assert 'data-row="1" data-status="valid"' in html
    assert "Строка 2, Сумма:" in html
    assert "Ничего не записано" in html
    assert _payments(client, claim) == []


def test_the_page_records_a_valid_file_and_shows_each_payment(awarded):
    client, claim = awarded["client"], awarded["claim"]

    page = _upload(client, json.dumps([_row(claim, reference="J-1")]), name="payments.json")

    assert page.status_code == 200
    html = page.get_data(as_text=True)
    [payment] = _payments(client, claim)
    assert 'data-row="1" data-status="recorded"' in html
    assert f"№ {payment['id']}" in html


def test_the_page_speaks_kyrgyz_to_a_kyrgyz_reader(awarded):
    client, claim = awarded["client"], awarded["claim"]
    client.get("/lang/ky")

    page = _upload(client, _csv(_row(claim, amount="abc")))

    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "Төлөмдөрдү файлдан импорттоо" in html
    assert "Сап 1, Сумма:" in html


def test_a_page_without_a_file_asks_for_one(awarded):
    page = awarded["client"].post(
        "/compensation/payments/import", data={}, content_type="multipart/form-data"
    )

    assert page.status_code == 422
    assert "CSV" in page.get_data(as_text=True)


def test_the_api_document_describes_the_import_as_csv_or_a_json_array_and_its_refusals(client):
    operation = client.get("/api/v1/openapi.json").get_json()["paths"][URL]["post"]

    body = operation["requestBody"]["content"]
    assert set(body) == {"text/csv", "application/json"}
    assert body["application/json"]["schema"]["items"] == {"$ref": "#/components/schemas/PaymentImportRow"}
    assert body["application/json"]["schema"]["maxItems"] == imports.MAX_ROWS
    assert {"200", "413", "415", "422"} <= set(operation["responses"])
