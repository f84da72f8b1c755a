"""Claims (art. 254): filed, corrected, their documents received, survivors'
rights ended, and deemed refusals when the ten days of art. 257 pass."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy import orm

from accidents.models import Act, Victim
from claims import procedure, workflow
from claims.models import (
    Claim,
    ClaimDocument,
    ClaimStatus,
    Decision,
    DecisionKind,
    DecisionStatus,
    EarningsMonth,
    Payment,
    Survivor,
)
from claims.services.common import (
    CLAIM_DOCUMENTS,
    _fund_clause,
    _victim,
    accident_day,
    get_scoped,
    not_before,
    not_future,
    record_transition,
)
from claims.workflow import ClaimAction
from core import audit, db, formatting
from core.auth.models import User
from core.auth.permissions import employer_scope
from core.employers import Employer
from core.errors import DomainError
from core.services import check_version, require, where_equal

# --- claims (arts. 254, 257) ----------------------------------------------------------------------------

CLAIM_FIELDS = [
    "case_type",
    "claimant_name",
    "claimant_relation",
    "claimant_address",
    "filed_on",
    "region",
    "death_date",
    "reference_month",
    "sustained_increase_from",
    "documents_unavailable",
    "partial_month_earned",
    "partial_month_days_worked",
    "partial_month_average_days",
    "source_of_increased_danger",
    "employer_fault",
    "force_majeure",
    "victim_intent",
    "victim_fault_percent",
    "one_off_multipliers",
    "late_claim_due_to_employer",
    "late_claim_ground",
]


def _claim_snapshot(claim: Claim) -> dict[str, Any]:
    after = audit.snapshot(claim, ["status", *CLAIM_FIELDS])
    after["earnings"] = [[m.month, str(m.amount), m.exclude] for m in claim.earnings]
    after["survivors"] = [[v.key, v.full_name, v.grounds] for v in claim.survivors]
    after["documents"] = {
        d.code: d.received_on.isoformat() if d.received_on else None for d in claim.documents
    }
    return after


def _fill_claim(s: orm.Session, claim: Claim, data: dict[str, Any]) -> None:
    for name in CLAIM_FIELDS:
        if name in data:
            setattr(claim, name, data[name])
    rows: dict[str, list[Any]] = {}
    if "earnings" in data:
        rows["earnings"] = [EarningsMonth(**row) for row in data["earnings"]]
    if "survivors" in data:
        rows["survivors"] = [
            Survivor(key=row.get("key") or f"s{i + 1}", **{k: v for k, v in row.items() if k != "key"})
            for i, row in enumerate(data["survivors"])
        ]
        if claim.id is not None:
            _keep_survivor_records(s, claim, rows["survivors"])
    if "documents" in data:
        rows["documents"] = [ClaimDocument(**row) for row in data["documents"]]
    if claim.id is not None and rows:
        # Replaced rows keep their natural keys (month, code, survivor key): delete the old ones first,
        # or the unit of work would insert the new ones into the unique constraint before deleting.
        for name in rows:
            getattr(claim, name).clear()
        s.flush()
    for name, new in rows.items():
        setattr(claim, name, new)
    not_future(claim.filed_on, "filed_on")
    claim.decision_due_on = procedure.decision_due_on(
        claim.filed_on, [d.received_on for d in claim.documents]
    )


def _keep_survivor_records(s: orm.Session, claim: Claim, new: list[Survivor]) -> None:
    """A correction of the survivors' list keeps what the ledger recorded of them, by key.

    The date a right ended (arts. 251, 263) is recorded on its own, never in the claim's form, so
    a corrected row keeps it; and a survivor who has been paid stays on the claim, or the payments
    would name nobody (art. 269 allocates them by recipient).
    """
    ended = {v.key: v.right_ended_on for v in claim.survivors if v.right_ended_on is not None}
    for survivor in new:
        if survivor.key in ended:
            survivor.right_ended_on = ended[survivor.key]
    dropped = {v.key for v in claim.survivors} - {v.key for v in new}
    if not dropped:
        return
    paid = s.scalars(
        sa.select(Payment.recipient)
        .where(Payment.claim_id == claim.id, Payment.recipient.in_(dropped), Payment.voided_at.is_(None))
        .distinct()
    ).all()
    missing = set(paid)
    if missing:
        names = ", ".join(v.full_name for v in claim.survivors if v.key in missing)
        raise DomainError(
            _("%(names)s has been paid under this claim and stays on it.", names=names), field="survivors"
        )


def file_claim(user: Any, data: dict[str, Any]) -> Claim:
    """Register the victim's or survivors' application (art. 254); the decision is due in 10 days (257)."""
    require(user, "file_claim")
    with db.transaction() as s:
        victim, act = _victim(s, user, data["victim_id"])
        claim = Claim(employer_id=victim.accident.employer_id, victim_id=victim.id, act_id=act.id)
        if act.victim_fault_percent is not None and "victim_fault_percent" not in data:
            claim.victim_fault_percent = Decimal(act.victim_fault_percent)
        _fill_claim(s, claim, data)
        not_before(claim.filed_on, accident_day(victim), "filed_on", _("the accident"))
        _check_no_open_claim(s, claim)
        if claim.case_type == "death" and not claim.survivors:
            raise DomainError(_("A claim on a death names the survivors (art. 249)."), field="survivors")
        s.add(claim)
        audit.record(s, user, "create", claim, after=_claim_snapshot(claim))
        return claim


def _check_no_open_claim(s: orm.Session, claim: Claim) -> None:
    """One open claim of a kind per victim (a victim is injured in one accident): a second is refused."""
    other = s.scalar(
        sa.select(Claim)
        .where(
            Claim.victim_id == claim.victim_id,
            Claim.case_type == claim.case_type,
            Claim._status != ClaimStatus.CLOSED,
        )
        .limit(1)
    )
    if other is not None:
        raise DomainError(
            _(
                "Claim No. %(id)s of %(day)s for this person and this accident is open: correct it or "
                "appeal its decision instead of filing another.",
                id=other.id,
                day=formatting.day(other.filed_on),
            ),
            field="victim_id",
        )


def update_claim(user: Any, claim_id: int, data: dict[str, Any], version: int | None = None) -> Claim:
    require(user, "file_claim")
    with db.transaction() as s:
        claim = get_scoped(s, user, Claim, claim_id)
        check_version(claim, version)
        before = _claim_snapshot(claim)
        _fill_claim(s, claim, data)
        not_before(claim.filed_on, accident_day(claim), "filed_on", _("the accident"))
        # A change to the claim's rows (earnings, documents, survivors) changes the claim: bump its version.
        orm.attributes.flag_modified(claim, "claimant_name")
        audit.record(s, user, "update", claim, before=before, after=_claim_snapshot(claim))
        return claim


def receive_document(
    user: Any,
    claim_id: int,
    code: str,
    received_on: date,
    note: str | None = None,
    version: int | None = None,
) -> Claim:
    """Mark an art. 254 document as received (a claim's documents often arrive after the application)."""
    require(user, "file_claim")
    known = set(CLAIM_DOCUMENTS["injury"]) | set(CLAIM_DOCUMENTS["death"])
    if code not in known:
        raise DomainError(_("Not a document of art. 254."), field="code")
    with db.transaction() as s:
        claim = get_scoped(s, user, Claim, claim_id)
        check_version(claim, version)
        if received_on < claim.filed_on - timedelta(days=365) or received_on > db.today_bishkek():
            raise DomainError(_("A date between the year before the claim and today."), field="received_on")
        before = _claim_snapshot(claim)
        document = next((d for d in claim.documents if d.code == code), None)
        if document is None:
            claim.documents.append(ClaimDocument(code=code, received_on=received_on, note=note))
        else:
            document.received_on, document.note = received_on, note or document.note
        orm.attributes.flag_modified(claim, "claimant_name")
        audit.record(s, user, "update", claim, before=before, after=_claim_snapshot(claim))
        return claim


def end_survivor_right(
    user: Any, claim_id: int, key: str, ended_on: date, reason: str, version: int | None = None
) -> Claim:
    """A survivor's right ended early (death, adoption, marriage of a caregiver...; arts. 251, 263):
    recorded on the claim, audited; the officer then computes a new decision from the next month."""
    require(user, "file_claim")
    if not (reason or "").strip():
        raise DomainError(_("Say why the right ended."), field="reason")
    with db.transaction() as s:
        claim = get_scoped(s, user, Claim, claim_id)
        check_version(claim, version)
        survivor = next((v for v in claim.survivors if v.key == key), None)
        if survivor is None:
            raise DomainError(_("No such survivor on this claim."), field="key")
        if claim.death_date and ended_on < claim.death_date:
            raise DomainError(_("The right cannot end before the death."), field="ended_on")
        before = {"right_ended_on": survivor.right_ended_on.isoformat() if survivor.right_ended_on else None}
        survivor.right_ended_on = ended_on
        orm.attributes.flag_modified(claim, "claimant_name")
        audit.record(
            s,
            user,
            "update",
            claim,
            before=before,
            after={"right_ended_on": ended_on.isoformat()},
            remark=f"{survivor.key}: {reason.strip()}",
        )
        return claim


def claims_query(user: Any, filters: dict[str, Any]) -> sa.Select[Any]:
    stmt = sa.select(Claim).where(employer_scope(user, Claim.employer_id), _fund_clause(user, Claim.id))
    if filters.get("pin") or filters.get("accident_id"):  # the victim's columns, by the claim's victim
        stmt = stmt.join(Victim, Victim.id == Claim.victim_id)
    stmt = where_equal(
        stmt,
        filters,
        {
            "status": Claim.status,
            "employer_id": Claim.employer_id,
            "case_type": Claim.case_type,
            "pin": Victim.pin,
            "accident_id": Victim.accident_id,
        },
    )
    if filters.get("overdue"):
        stmt = stmt.where(
            Claim.status.in_([ClaimStatus.FILED, ClaimStatus.DEEMED_REFUSED]),
            Claim.decision_due_on < (filters.get("today") or db.today_bishkek()),
        )
    return _drill_down(stmt, filters).order_by(Claim.decision_due_on.desc(), Claim.id.desc())


def _drill_down(stmt: sa.Select[Any], filters: dict[str, Any]) -> sa.Select[Any]:
    """The money view's filters (reports/money.py), so that its numbers link to exactly their claims:
    the employer's region and sector, the reviewing inspectorate, and the awards in force on a day (the
    claim's latest issued award, issued by then, as claims.services.due.open_awards reads it)."""
    if filters.get("region") or filters.get("sector"):
        employers = sa.select(Employer.id)
        if filters.get("region"):
            employers = employers.where(Employer.region == filters["region"])
        if filters.get("sector"):
            employers = employers.where(Employer.sector == filters["sector"])
        stmt = stmt.where(Claim.employer_id.in_(employers))
    if filters.get("inspectorate"):
        stmt = stmt.where(
            Claim.act_id.in_(
                sa.select(Act.id)
                .join(User, User.id == Act.reviewed_by_id)
                .where(User.inspectorate == filters["inspectorate"])
            )
        )
    if filters.get("awarded_by"):
        latest = (
            sa.select(Decision.claim_id, sa.func.max(Decision.sequence).label("sequence"))
            .where(Decision.status == DecisionStatus.ISSUED, Decision.kind == DecisionKind.AWARD)
            .group_by(Decision.claim_id)
            .subquery()
        )
        in_force = (
            sa.select(Decision.claim_id)
            .join(latest, (latest.c.claim_id == Decision.claim_id) & (latest.c.sequence == Decision.sequence))
            .where(Decision.issued_on <= filters["awarded_by"])
        )
        stmt = stmt.where(Claim.id.in_(in_force))
    if filters.get("filed_by"):
        # The money view's "Claims filed" (reports/money.py _process): filed by the day, in scope.
        stmt = stmt.where(Claim.filed_on <= filters["filed_by"])
    return stmt


def mark_deemed_refusals(today: date | None = None) -> int:
    """A claim left undecided past its term counts as refused; the claimant may take it further.

    The term follows the claim's procedure (claims.procedure): ten days under LC-2004 art. 257 (then
    an appeal to an inspectorate, art. 258); the month of LC-2025 art. 226(2) (then the pre-trial
    procedure of art. 211(2), an interpretation). :attr:`Claim.status` reads it the moment the day
    passes; this records it, with the audit entry that is its notice, citing the claim's own Code."""
    today = today or db.today_bishkek()
    with db.transaction() as s:
        claims = s.scalars(
            sa.select(Claim).where(Claim._status == ClaimStatus.FILED, Claim.decision_due_on < today)
        ).all()
        for claim in claims:
            # The recorded state, not the derived one: it is still "filed" in the table.
            before = str(claim._status)
            claim._status = workflow.step(workflow.CLAIM, before, ClaimAction.DEEM_REFUSED)
            remark = str(procedure.TEXTS[procedure.regime_of(claim.filed_on)]["job"])
            record_transition(s, None, claim, before, str(claim._status), remark=remark)
        return len(claims)


def recipients(claim: Claim) -> list[tuple[str, str]]:
    """Who is paid under the claim: the victim (injury) or each survivor (death, art. 249)."""
    if claim.case_type == "death":
        return [(s.key, f"{s.full_name} ({s.relation})") for s in claim.survivors]
    return [("victim", _("%(name)s (victim)", name=claim.victim.full_name))]
