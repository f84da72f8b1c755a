"""The ledger (arts. 264, 269, 270): payments recorded, voided and corrected; the statement."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy import orm

import compensation
from calculator.services import with_days_late
from claims.models import (
    ArchiveTransfer,
    Claim,
    Decision,
    Payment,
)
from claims.services.common import _payments_of, accident_day, get_scoped, not_future
from claims.services.decisions import _calculate, case_as_of, current_decision, tables_of_decision
from claims.services.filing import recipients
from claims.services.voids import _reason, _supersede_record, _void
from core import audit, db, formatting
from core.errors import DomainError, NotFound
from core.services import require


def void_payment(user: Any, payment_id: int, reason: str | None) -> Payment:
    """Void a payment recorded by mistake (with the reason): kept, struck through, out of the statement."""
    require(user, "record_payment")
    text = _reason(reason)
    with db.transaction() as s:
        payment = get_scoped(s, user, Payment, payment_id)
        _void(s, user, payment, text, _("Payment No. %(id)s: %(reason)s", id=payment.id, reason=text))
        return payment


def correct_payment(user: Any, payment_id: int, data: dict[str, Any]) -> Payment:
    """Void a mistaken payment and record the right one in its place, linked to it."""
    require(user, "record_payment")
    text = _reason(data.get("reason"))
    with db.transaction() as s:
        old = get_scoped(s, user, Payment, payment_id)
        _void(s, user, old, text, _("Payment No. %(id)s: %(reason)s", id=old.id, reason=text))
        claim = get_scoped(s, user, Claim, old.claim_id)
        new = _new_payment(s, user, claim, data)
        _supersede_record(s, user, old, new, text, PAYMENT_FIELDS)
        return new


# --- the ledger (arts. 264, 269, 270) -------------------------------------------------------------------

RECOVERY_GROUNDS = ("bad_faith", "counting_error")


def record_payment(user: Any, claim_id: int, data: dict[str, Any]) -> Payment:
    """Record what the employer paid; a negative amount is a recovery, allowed only on art. 270's grounds."""
    require(user, "record_payment")
    with db.transaction() as s:
        return record_payment_in(s, user, claim_id, data)


def record_payment_in(s: orm.Session, user: Any, claim_id: int, data: dict[str, Any]) -> Payment:
    """One payment in the caller's transaction ``s``: the claim in scope (404 otherwise), every rule of the
    ledger (the decision, the dates, the archive, the recipient, art. 270's recoveries, the penalties,
    the same payment twice) and its audit entry. A single payment and an imported file both record here."""
    claim = get_scoped(s, user, Claim, claim_id)
    payment = _new_payment(s, user, claim, data)
    audit.record(s, user, "create", payment)
    return payment


PAYMENT_FIELDS = ["paid_on", "amount", "recipient", "applies_to", "reference", "recovery_ground", "note"]


def _new_payment(s: orm.Session, user: Any, claim: Claim, data: dict[str, Any]) -> Payment:
    if current_decision(s, claim.id) is None:
        raise DomainError(_("Payments follow an issued decision."), field="claim_id")
    if data["paid_on"] < accident_day(claim):
        raise DomainError(_("A payment cannot precede the accident."), field="paid_on")
    not_future(data["paid_on"], "paid_on")
    transfer = s.scalar(sa.select(ArchiveTransfer).where(ArchiveTransfer.claim_id == claim.id))
    if transfer is not None:
        raise DomainError(
            _(
                "The case file went to the archive on %(day)s: nothing is paid under it any more.",
                day=formatting.day(transfer.transferred_on),
            ),
            field="claim_id",
        )
    if (data.get("recipient") or "victim") not in dict(recipients(claim)):
        raise DomainError(
            _("Pay the victim, or in a death case one of the claim's survivors."), field="recipient"
        )
    amount = data["amount"]
    if data["applies_to"] == PENALTY:
        _check_penalty_payment(s, claim, data)
    elif amount < 0 and data.get("recovery_ground") not in RECOVERY_GROUNDS:
        raise DomainError(_("A recovery needs a ground art. 270 allows."), field="recovery_ground")
    twin = s.scalar(
        sa.select(Payment)
        .where(
            Payment.claim_id == claim.id,
            Payment.paid_on == data["paid_on"],
            Payment.amount == amount,
            Payment.recipient == (data.get("recipient") or "victim"),
            Payment.reference.is_(None)
            if not data.get("reference")
            else Payment.reference == data["reference"],
            Payment.voided_at.is_(None),
        )
        .limit(1)
    )
    if twin is not None:
        raise DomainError(
            _(
                "This payment is recorded already (No. %(id)s): the same day, amount, recipient and "
                "reference. A correction is a new entry with its own reference.",
                id=twin.id,
            ),
            field="reference",
        )
    payment = Payment(
        claim_id=claim.id,
        employer_id=claim.employer_id,
        paid_on=data["paid_on"],
        amount=amount,
        recipient=data.get("recipient") or "victim",
        applies_to=data["applies_to"],
        reference=data.get("reference"),
        recovery_ground=data.get("recovery_ground"),
        note=data.get("note"),
        recorded_by_id=getattr(user, "id", None),
    )
    s.add(payment)
    s.flush()
    return payment


def statement(
    user: Any, claim_id: int, as_of: date, language: str = "ru"
) -> tuple[Claim, Decision, dict[str, Any]]:
    """What was due, paid and outstanding, with penalties, as of a date: the current decision's case file
    with the ledger's payments up to that date, computed by the engine."""
    s = db.session()
    claim = get_scoped(s, user, Claim, claim_id)
    decision = current_decision(s, claim.id)
    if decision is None:
        raise NotFound()
    payments = _payments_of(s, claim.id)
    case = case_as_of(decision, payments, as_of)
    result = _calculate(case, language, tables_of_decision(decision, s))
    return claim, decision, settle_penalties(with_days_late(result), payments, as_of)


# --- penalties paid (art. 269 of the 2004 Code, art. 228(4) of the 2025 Code) -----------------------------

#: ``applies_to`` of a payment of the penalties: the engine computes them, the ledger applies what was paid.
PENALTY = "penalty"


def settle_penalties(result: dict[str, Any], payments: Iterable[Payment], as_of: date) -> dict[str, Any]:
    """The statement with the penalties paid applied: each penalty payment made by ``as_of``, in date
    order, pays the penalties of its recipient's installments oldest due first (ties in the engine's
    order). Each installment gets ``penalty_paid`` and ``penalty_outstanding``; ``penalties`` sums them,
    with what was paid beyond every penalty accrued (``unapplied``).

    The engine knows no penalty payment (the contract has none): a penalty paid does not pay an
    installment, and an installment paid does not pay its penalty."""
    rows = [dict(item) for item in result.get("installments", [])]
    owed = [Decimal(item.get("penalty") or "0") for item in rows]
    paid = [Decimal("0.00") for _item in rows]
    order = sorted(range(len(rows)), key=lambda i: rows[i]["due_date"])
    unapplied = Decimal("0.00")
    for payment in sorted(payments, key=lambda p: (p.paid_on, p.id)):
        if payment.applies_to != PENALTY or payment.paid_on > as_of or payment.voided_at is not None:
            continue
        remaining = payment.amount
        for i in order:
            if remaining <= 0:
                break
            if str(rows[i]["recipient"]) != payment.recipient:
                continue
            part = min(owed[i] - paid[i], remaining)
            if part > 0:
                paid[i] += part
                remaining -= part
        unapplied += remaining
    for i, item in enumerate(rows):
        item["penalty_paid"] = f"{paid[i]:.2f}"
        item["penalty_outstanding"] = f"{owed[i] - paid[i]:.2f}"
    return {**result, "installments": rows, "penalties": penalty_totals(rows, unapplied)}


def penalty_totals(rows: list[dict[str, Any]], unapplied: Decimal = Decimal("0.00")) -> dict[str, str]:
    """The penalties of ``rows``: accrued, paid, outstanding, and what no penalty took (``unapplied``)."""

    def total(key: str) -> Decimal:
        return sum((Decimal(item.get(key) or "0") for item in rows), Decimal("0.00"))

    return {
        "accrued": f"{total('penalty'):.2f}",
        "paid": f"{total('penalty_paid'):.2f}",
        "outstanding": f"{total('penalty_outstanding'):.2f}",
        "unapplied": f"{unapplied:.2f}",
    }


def _check_penalty_payment(s: orm.Session, claim: Claim, data: dict[str, Any]) -> None:
    """A penalty payment pays a penalty accrued by its day: positive, and no more than is outstanding."""
    if data["amount"] < 0:
        raise DomainError(_("A penalty payment is a positive amount."), field="amount")
    if data.get("recovery_ground"):
        raise DomainError(_("A recovery applies to installments, not to penalties."), field="recovery_ground")
    decision = current_decision(s, claim.id)
    if decision is None:
        return
    payments = _payments_of(s, claim.id)
    case = case_as_of(decision, payments, data["paid_on"])
    result = compensation_result(case, decision, s)
    recipient = data.get("recipient") or "victim"
    rows = settle_penalties(result, payments, data["paid_on"])["installments"]
    owed = sum(
        (Decimal(i["penalty_outstanding"]) for i in rows if str(i["recipient"]) == recipient), Decimal("0.00")
    )
    if data["amount"] > owed:
        raise DomainError(
            _(
                "The penalty outstanding on %(day)s is %(owed)s: a penalty payment cannot be larger.",
                day=formatting.day(data["paid_on"]),
                owed=formatting.money(owed),
            ),
            field="amount",
        )


def compensation_result(case: dict[str, Any], decision: Decision, s: orm.Session) -> dict[str, Any]:
    """The engine's statement of ``case`` with the decision's frozen tables, without the trace."""
    return compensation.calculate(case, trace=False, tables=tables_of_decision(decision, s))


def last_day(month: str) -> date:
    year, m = map(int, month.split("-"))
    return date(year, m, calendar.monthrange(year, m)[1])
