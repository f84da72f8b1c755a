"""The ledger (arts. 264, 269, 270): payments recorded, voided and corrected; the statement."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy import orm

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
    if amount < 0 and data.get("recovery_ground") not in RECOVERY_GROUNDS:
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
    case = case_as_of(decision, _payments_of(s, claim.id), as_of)
    return claim, decision, _calculate(case, language, tables_of_decision(decision, s))


def last_day(month: str) -> date:
    year, m = map(int, month.split("-"))
    return date(year, m, calendar.monthrange(year, m)[1])
