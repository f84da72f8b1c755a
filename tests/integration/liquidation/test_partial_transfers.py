"""Issue 14: a transfer to the Social Fund records its amount, so a part of a capitalised sum can be
transferred; what is left after each transfer is shown, and more than is left is refused."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from core import db
from core.audit import AuditEntry
from tests.integration.liquidation.conftest import liquidate


def _capitalised(app: Any, login_as: Any, case: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    liquidate(app, case["employer"].id)
    officer = login_as(case["officer"])
    [record] = officer.post(
        f"/api/v1/employers/{case['employer'].id}/capitalisation", json={"on": "2027-03-31"}
    ).get_json()
    return officer, record


def test_a_partial_transfer_leaves_the_rest_to_transfer_and_the_fund_holds_what_came(
    app: Any, login_as: Any, case: dict[str, Any]
) -> None:
    officer, record = _capitalised(app, login_as, case)
    url = f"/api/v1/capitalisations/{record['id']}/transfer"
    first = officer.post(
        url, json={"transferred_on": "2027-04-10", "amount": "1000.00", "reference": "п/п 1", "version": 1}
    )
    assert first.status_code == 200, first.get_json()
    part = first.get_json()
    assert part["transferred"] == "1000.00"
    assert part["transferred_on"] is None  # not all of it yet
    assert [t["amount"] for t in part["transfers"]] == ["1000.00"]

    stale = officer.post(url, json={"transferred_on": "2027-04-12", "amount": "1.00", "version": 1})
    assert stale.status_code == 409  # the form of before the first transfer

    left = Decimal(record["amount"]) - 1000
    over = officer.post(
        url, json={"transferred_on": "2027-04-15", "amount": f"{left + 1:.2f}", "version": part["version"]}
    )
    assert over.status_code == 422
    assert list(over.get_json()["errors"]) == ["amount"]

    fund = login_as(case["fund"])
    [row] = fund.get("/api/v1/capitalisations").get_json()["items"]
    assert row["received"] == "1000.00"
    beyond = fund.post(
        f"/api/v1/capitalisations/{record['id']}/fund-payments",
        json={"paid_on": "2027-04-20", "amount": "1000.01"},
    )
    assert beyond.status_code == 422  # the Fund pays out of what it holds

    officer = login_as(case["officer"])
    rest = officer.post(url, json={"transferred_on": "2027-04-15", "version": part["version"]})
    assert rest.status_code == 200, rest.get_json()
    done = rest.get_json()
    assert done["transferred"] == record["amount"]
    assert done["transferred_on"] == "2027-04-15"
    assert [t["amount"] for t in done["transfers"]] == ["1000.00", f"{left:.2f}"]
    again = officer.post(
        url, json={"transferred_on": "2027-04-15", "amount": "1.00", "version": done["version"]}
    )
    assert again.status_code == 422

    with app.app_context():
        entries = db.session().scalars(
            sa.select(AuditEntry).where(
                AuditEntry.entity == "capitalisation", AuditEntry.action == "transfer"
            )
        )
        assert len(list(entries)) == 2  # one entry a transfer


def test_the_liquidation_page_shows_what_is_left_after_each_transfer(
    app: Any, login_as: Any, case: dict[str, Any]
) -> None:
    officer, record = _capitalised(app, login_as, case)
    page = f"/compensation/liquidation/{case['employer'].id}"
    answer = officer.post(
        f"/compensation/capitalisations/{record['id']}/transfer",
        data={"transferred_on": "2027-04-10", "amount": "2500,00", "reference": "п/п 5", "version": "1"},
    )
    assert answer.status_code == 302, answer.get_data(as_text=True)
    html = officer.get(page).get_data(as_text=True)
    left = Decimal(record["amount"]) - 2500
    assert f'data-left="{left:.2f}"' in html
    assert 'data-transfer="partial"' in html

    refused = officer.post(
        f"/compensation/capitalisations/{record['id']}/transfer",
        data={"transferred_on": "2027-04-11", "amount": f"{left + 1:.2f}", "version": "2"},
    )
    assert refused.status_code == 422
    body = refused.get_data(as_text=True)
    assert 'data-field="amount"' in body
    assert f"{left + 1:.2f}" in body  # what was typed is kept
