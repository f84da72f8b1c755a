"""Extension: a payment naming its ``recipient`` (docs/compensation.md, payments to a named recipient).

Without ``recipient`` a payment goes to the oldest outstanding sums of its kind of anyone (the contract);
with it, only to that recipient's, oldest due first, in the contract's tie order (Art. 269)."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest

import compensation
from tests.rules.builders import death_case, injury_case, survivor


def two_survivors(*payments: dict[str, Any]) -> dict[str, Any]:
    return death_case(
        survivors=[survivor("s1", "2015-03-01", "minor"), survivor("s2", "2017-08-15", "minor")],
        payments=list(payments),
    )


def owed(result: dict[str, Any], recipient: str, component: str) -> Decimal:
    return sum(
        (
            Decimal(i["amount"])
            for i in result["installments"]
            if i["recipient"] == recipient and i["component"] == component
        ),
        Decimal(0),
    )


def of(result: dict[str, Any], recipient: str) -> list[dict[str, Any]]:
    return [i for i in result["installments"] if i["recipient"] == recipient]


def test_payments_to_s2_pay_only_s2_and_s1_stays_outstanding_with_penalties() -> None:
    unpaid = compensation.calculate(two_survivors())
    monthly = owed(unpaid, "s2", "survivor")
    once = owed(unpaid, "s2", "one_off_death")
    assert monthly > 0
    assert once > 0

    result = compensation.calculate(
        two_survivors(
            {"date": "2024-06-10", "amount": f"{monthly:.2f}", "applies_to": "periodic", "recipient": "s2"},
            {"date": "2024-06-10", "amount": f"{once:.2f}", "applies_to": "one_off", "recipient": "s2"},
        )
    )

    assert all(i["outstanding"] == "0.00" and i["paid"] == i["amount"] for i in of(result, "s2"))
    s1 = of(result, "s1")
    assert s1
    assert all(i["paid"] == "0.00" and i["outstanding"] == i["amount"] for i in s1)
    assert all(i["penalty"] != "0.00" for i in s1 if i["days_overdue"] > 0)
    assert s1 == of(unpaid, "s1")  # s1's figures are exactly those of no payment at all
    assert "unapplied_payments" not in result
    [step] = [s for s in result["trace"] if s["inputs"].get("parts_are")]
    assert [p["recipient"] for p in step["inputs"]["payments"]] == ["s2", "s2"]
    assert {part[1] for p in step["inputs"]["payments"] for part in p["parts"]} == {"s2"}


def test_a_payment_to_s2_goes_to_s2s_oldest_sum_first() -> None:
    """The first survivor installment of s2 (January) is paid before February's, even though s1's January
    sum ties with it and would come first without a recipient."""
    unpaid = compensation.calculate(two_survivors())
    january = [i for i in of(unpaid, "s2") if i["period"] == "2024-01"][0]

    named = compensation.calculate(
        two_survivors(
            {"date": "2024-03-01", "amount": january["amount"], "applies_to": "periodic", "recipient": "s2"}
        )
    )
    anyone = compensation.calculate(
        two_survivors({"date": "2024-03-01", "amount": january["amount"], "applies_to": "periodic"})
    )

    paid = [(i["recipient"], i["period"]) for i in named["installments"] if i["paid"] != "0.00"]
    assert paid == [("s2", "2024-01")]
    first = [(i["recipient"], i["period"]) for i in anyone["installments"] if i["paid"] != "0.00"]
    assert first[0] == ("s1", "2024-01")  # the contract's tie order: victim, then survivors in input order


def test_without_recipient_the_result_is_unchanged_and_has_no_recipient_in_the_trace() -> None:
    payment = {"date": "2024-03-01", "amount": "12345.67", "applies_to": "periodic"}
    result = compensation.calculate(two_survivors(dict(payment)))
    assert compensation.calculate(two_survivors(dict(payment, recipient=None))) == result
    [step] = [s for s in result["trace"] if s["inputs"].get("parts_are")]
    assert "recipient" not in step["inputs"]["payments"][0]


def test_injury_payments_to_the_victim_have_the_same_figures() -> None:
    payments = [
        {"date": "2024-02-05", "amount": "15000.00", "applies_to": "periodic"},
        {"date": "2024-04-05", "amount": "50000.00", "applies_to": "periodic"},
    ]
    plain = compensation.calculate(injury_case(payments=copy.deepcopy(payments)))
    named = compensation.calculate(
        injury_case(payments=[dict(p, recipient="victim") for p in payments]), trace=False
    )
    assert named == {k: v for k, v in plain.items() if k != "trace"}


@pytest.mark.parametrize(
    ("case", "recipient"),
    [(two_survivors, "s3"), (two_survivors, "victim"), (injury_case, "s1"), (two_survivors, 7)],
)
def test_an_unknown_recipient_is_a_field_error(case: Any, recipient: Any) -> None:
    doc = case()
    doc["payments"] = [
        {"date": "2024-03-01", "amount": "1.00", "applies_to": "periodic"},
        {"date": "2024-03-01", "amount": "1.00", "applies_to": "periodic", "recipient": recipient},
    ]
    with pytest.raises(compensation.InvalidCase) as caught:
        compensation.calculate(doc, language="en")
    assert list(caught.value.document["errors"]) == ["payments.1.recipient"]
