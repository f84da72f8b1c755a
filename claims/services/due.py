"""What every employer must pay in a month, from the awards in force and the ledger."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

import compensation
from claims.models import (
    Claim,
    Decision,
    DecisionKind,
    DecisionStatus,
    Payment,
)
from claims.services.decisions import case_as_of, tables_of_decision
from claims.services.filing import recipients
from claims.services.ledger import last_day, settle_penalties
from core.employers import Employer

# --- what every employer must pay in a month --------------------------------------------------------------


def open_awards(s: orm.Session) -> sa.Select[Any]:
    """The current issued award of every claim (the latest by sequence), with its employer."""
    latest = (
        sa.select(Decision.claim_id, sa.func.max(Decision.sequence).label("sequence"))
        .where(Decision.status == DecisionStatus.ISSUED, Decision.kind == DecisionKind.AWARD)
        .group_by(Decision.claim_id)
        .subquery()
    )
    return (
        sa.select(Decision, Employer)
        .join(latest, (latest.c.claim_id == Decision.claim_id) & (latest.c.sequence == Decision.sequence))
        .join(Employer, Employer.id == Decision.employer_id)
        .order_by(Employer.name, Decision.claim_id)
    )


def due_rows(
    s: orm.Session, awards: list[Any], month: str
) -> Iterator[tuple[Employer, Decision, dict[str, Any]]]:
    """(employer, decision, installment) for each award's installments due in ``month`` or outstanding;
    payments are read once for the whole batch of claims."""
    claim_ids = [decision.claim_id for decision, _employer in awards]
    payments: dict[int, list[Payment]] = {claim_id: [] for claim_id in claim_ids}
    for payment in s.scalars(
        sa.select(Payment)
        .where(Payment.claim_id.in_(claim_ids), Payment.voided_at.is_(None))
        .order_by(Payment.paid_on, Payment.id)
    ):
        payments[payment.claim_id].append(payment)
    names = recipient_names(s, claim_ids)
    for decision, employer in awards:
        for item in due_in_month(decision, payments[decision.claim_id], month):
            label = names.get(decision.claim_id, {}).get(str(item["recipient"]))
            yield employer, decision, {**item, "recipient_name": label or str(item["recipient"])}


def recipient_names(s: orm.Session, claim_ids: list[int]) -> dict[int, dict[str, str]]:
    """Who each installment is paid to, by claim: the victim's or the survivor's name as the ledger shows
    it (``recipients``), read for a batch of claims at once, so that a list names people, not keys."""
    if not claim_ids:
        return {}
    claims = s.scalars(
        sa.select(Claim)
        .where(Claim.id.in_(claim_ids))
        .options(orm.selectinload(Claim.survivors), orm.joinedload(Claim.victim))
    )
    return {claim.id: dict(recipients(claim)) for claim in claims}


def due_in_month(decision: Decision, payments: list[Payment], month: str) -> list[dict[str, Any]]:
    """Installments of ``decision`` due in ``month`` or still outstanding at its end, by the engine."""
    as_of = last_day(month)
    case = case_as_of(decision, payments, as_of)
    result = compensation.calculate(case, trace=False, tables=tables_of_decision(decision))
    result = settle_penalties(result, payments, as_of)
    start = as_of.replace(day=1)
    return [
        i
        for i in result["installments"]
        if Decimal(i["outstanding"] or 0) > 0 or start <= date.fromisoformat(i["due_date"]) <= as_of
    ]
