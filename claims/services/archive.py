"""The state archive (art. 272): case files due for transfer, and the transfer recorded."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy import orm

from claims import workflow
from claims.models import (
    ArchiveTransfer,
    Claim,
    ClaimStatus,
    Installment,
    Payment,
)
from claims.services.common import _fund_clause, get_scoped, not_before, not_future, transition
from claims.services.decisions import current_decision
from claims.workflow import ClaimAction
from core import audit, db, formatting
from core.auth.permissions import employer_scope
from core.errors import DomainError
from core.services import require

# --- the state archive (art. 272) -------------------------------------------------------------------------

ARCHIVE_AFTER_YEARS = 2


def archive_due_query(user: Any, today: date | None = None) -> sa.Select[Any]:
    """Claims whose payments ended two years ago or more and that are not yet handed to the archive."""
    today = today or db.today_bishkek()
    try:
        cutoff = today.replace(year=today.year - ARCHIVE_AFTER_YEARS)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - ARCHIVE_AFTER_YEARS, day=28)
    last_payment = (
        sa.select(Payment.claim_id, sa.func.max(Payment.paid_on).label("last_paid_on"))
        .where(Payment.voided_at.is_(None))
        .group_by(Payment.claim_id)
        .subquery()
    )
    return (
        sa.select(Claim, last_payment.c.last_paid_on)
        .join(last_payment, last_payment.c.claim_id == Claim.id)
        .where(
            employer_scope(user, Claim.employer_id),
            _fund_clause(user, Claim.id),  # the Fund archives only the cases it took over
            last_payment.c.last_paid_on <= cutoff,
            Claim.status.in_([ClaimStatus.DECIDED, ClaimStatus.CLOSED]),
            ~sa.exists().where(ArchiveTransfer.claim_id == Claim.id),
        )
        .order_by(last_payment.c.last_paid_on, Claim.id)
    )


def _check_archive_day(s: orm.Session, claim: Claim, on: date) -> None:
    """Art. 272: a file goes to the archive once its payments ended, never while installments still run."""
    not_future(on, "transferred_on")
    last_paid = s.scalar(
        sa.select(sa.func.max(Payment.paid_on)).where(
            Payment.claim_id == claim.id, Payment.voided_at.is_(None)
        )
    )
    not_before(on, last_paid, "transferred_on", _("the last payment"))
    decision = current_decision(s, claim.id)
    if decision is None:
        return
    until = s.scalar(
        sa.select(sa.func.max(Installment.due_date)).where(Installment.decision_id == decision.id)
    )
    # The award runs as long as the finding it rests on: an open-ended one (бессрочно) never ends.
    periods = [entry.get("to") for entry in decision.case_file.get("msec_findings") or []]
    if None in periods:
        raise DomainError(
            _("The claim is still being paid: the award runs without an end date."), field="transferred_on"
        )
    for end in periods:
        until = max(until or date.min, date.fromisoformat(str(end)))
    if until is not None and until > on:
        raise DomainError(
            _("The claim is still being paid: the award runs until %(day)s.", day=formatting.day(until)),
            field="transferred_on",
        )


def record_archive_transfer(user: Any, claim_id: int, data: dict[str, Any]) -> ArchiveTransfer:
    """Record that the case file went to the state archive (art. 272); the claim is closed."""
    require(user, "issue_decision")
    with db.transaction() as s:
        claim = get_scoped(s, user, Claim, claim_id)
        if s.scalar(sa.select(ArchiveTransfer.id).where(ArchiveTransfer.claim_id == claim.id)):
            raise DomainError(_("This case file is already in the archive."), field="claim_id")
        _check_archive_day(s, claim, data["transferred_on"])
        transfer = ArchiveTransfer(
            claim_id=claim.id,
            employer_id=claim.employer_id,
            transferred_on=data["transferred_on"],
            archive=data["archive"],
            reference=data.get("reference"),
            recorded_by_id=getattr(user, "id", None),
        )
        s.add(transfer)
        audit.record(s, user, "transfer", transfer)
        transition(s, user, claim, workflow.CLAIM, ClaimAction.ARCHIVE)
        return transfer
