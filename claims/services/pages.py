"""What the ledger's pages and the API read: each scoped, each query here, none in a view."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy import orm

from accidents.classifiers import ActKind, Status
from accidents.models import Accident, Act, Victim
from claims import documents, procedure
from claims.models import (
    Appeal,
    Claim,
    ClaimDocument,
    ClaimStatus,
    CourtRuling,
    Decision,
    DecisionKind,
    DecisionStatus,
    MsecFinding,
    Payment,
)
from claims.services.appeals import may_decide
from claims.services.archive import archive_due_query
from claims.services.attachments import attachments_of, may_attach
from claims.services.common import CLAIM_DOCUMENTS, get_scoped
from claims.services.decisions import current_decision, trace_in
from claims.services.due import due_rows, open_awards
from claims.services.filing import claims_query, recipients
from claims.services.findings import findings_query
from claims.services.ledger import penalty_totals, statement
from core import audit, db
from core.auth.permissions import can, employer_scope
from core.classifiers import INSPECTORATE_LABELS, Inspectorate
from core.employers import Employer
from core.errors import DomainError, NotFound
from core.services import require

# --- what the ledger's pages read: each scoped, each query here, none in a view ----------------------------

#: A choice list stays a choice list: an officer sees their employer's victims, far fewer than this.
VICTIM_CHOICES = 1000


def find(user: Any, model: type[Any], record_id: int) -> Any:
    """:func:`get_scoped` in the request's session: the record, or 404 out of scope."""
    return get_scoped(db.session(), user, model, record_id)


def history(user: Any, entity: str, record_id: int) -> list[audit.AuditEntry] | None:
    """The record's audit trail for those who may read it (``view_history``); nothing for the others."""
    return audit.history(db.session(), entity, record_id) if can(user, "view_history") else None


def voided_since(claim: Claim) -> list[MsecFinding]:
    """The victim's findings voided after the decision in force was computed: it rests on a record
    struck out, and the next decision (computed without it) is due."""
    current = in_force(claim.id)
    if current is None:
        return []
    return list(
        db.session().scalars(
            sa.select(MsecFinding)
            .where(MsecFinding.victim_id == claim.victim_id, MsecFinding.voided_at > current.computed_at)
            .order_by(MsecFinding.id)
        )
    )


def claim_history(user: Any, claim_id: int) -> list[audit.AuditEntry] | None:
    """The claim's audit trail with its payments' (recorded, voided, corrected), in the order they
    happened, for those who may read it: the ledger has no page of its own per payment."""
    entries = history(user, "claim", claim_id)
    if entries is None:
        return None
    s = db.session()
    ids = s.scalars(sa.select(Payment.id).where(Payment.claim_id == claim_id)).all()
    if ids:
        entries += s.scalars(
            sa.select(audit.AuditEntry).where(
                audit.AuditEntry.entity == "payment", audit.AuditEntry.entity_id.in_(ids)
            )
        ).all()
    return sorted(entries, key=lambda e: (e.at, e.id))


def decisions_in_scope(user: Any, claim_id: int) -> list[Decision]:
    """The claim's decisions, the latest first (drafts, issued, superseded, refusals), once the claim is
    in the user's scope (404 otherwise): what the claim's page lists."""
    return decisions_of(find(user, Claim, claim_id).id)


def trail(user: Any, model: type[Claim] | type[Decision], record_id: int) -> list[audit.AuditEntry]:
    """The audit trail the API answers with, the one the record's page shows (a claim's with its
    payments'): the record in scope first (404, as for one that does not exist), then only for those
    who may read histories (403)."""
    record = find(user, model, record_id)
    require(user, "view_history")
    if model is Claim:
        return claim_history(user, record.id) or []
    return history(user, record.__tablename__, record.id) or []


def _approved_victims(user: Any) -> sa.Select[Any]:
    """Injured persons whose act N-1 is approved, of employers in the user's scope (art. 254: the act
    goes with the claim)."""
    return (
        sa.select(Victim, Act, Accident)
        .join(Act, Act.victim_id == Victim.id)
        .join(Accident, Accident.id == Victim.accident_id)
        .where(
            Act.status == Status.APPROVED,
            sa.or_(
                Act.work_related.is_(True),
                sa.and_(Act.kind == ActKind.OCCUPATIONAL_DISEASE, Act.work_related.is_not(False)),
            ),
            employer_scope(user, Accident.employer_id),
        )
    )


def approved_victims(user: Any) -> list[tuple[Victim, Act, Accident]]:
    """Whom a finding or a claim can be recorded for, by name."""
    stmt = _approved_victims(user).order_by(Victim.full_name, Victim.id).limit(VICTIM_CHOICES)
    return [(victim, act, accident) for victim, act, accident in db.session().execute(stmt)]


def approved_victim(user: Any, victim_id: int | None) -> Victim | None:
    """The victim a form is opened for; another employer's (or one without an approved act) is 404."""
    if victim_id is None:
        return None
    found = db.session().execute(_approved_victims(user).where(Victim.id == victim_id)).first()
    if found is None:
        raise NotFound()
    return found[0]


def findings_page(user: Any, filters: dict[str, Any]) -> db.Page[MsecFinding]:
    """A page of :func:`findings_query` (the API's and the list page's)."""
    return db.paginate(
        db.session(), findings_query(user, filters), filters["page"], filters["per_page"], listing=filters
    )


def claims_page(user: Any, filters: dict[str, Any], details: bool = False) -> db.Page[Claim]:
    """A page of :func:`claims_query` (the API's and the list page's). What the rows show is loaded
    with the page, one statement a relationship, never one a row: each claim's victim (the list page),
    and with ``details`` its earnings, survivors and documents (the API's claim documents)."""
    loads = [orm.selectinload(Claim.victim)]
    if details:
        loads += [
            orm.selectinload(Claim.earnings),
            orm.selectinload(Claim.survivors),
            orm.selectinload(Claim.documents),
        ]
    stmt = claims_query(user, filters).options(*loads)
    return db.paginate(db.session(), stmt, filters["page"], filters["per_page"], listing=filters)


#: A finding's chain of re-examinations is read this far either way (a guard against a cycle).
CHAIN_LIMIT = 100


def finding_file(user: Any, finding_id: int) -> dict[str, Any]:
    """The finding's page: the finding, the chain of findings before and after it (art. 265), the
    victim's claims, its scans and its history."""
    s = db.session()
    found = get_scoped(s, user, MsecFinding, finding_id)
    before: list[MsecFinding] = []
    node = found
    while node.previous_id is not None and len(before) < CHAIN_LIMIT:
        node = get_scoped(s, user, MsecFinding, node.previous_id)
        before.append(node)
    after: list[MsecFinding] = []
    node = found
    while len(after) < CHAIN_LIMIT:
        following = s.scalar(
            sa.select(MsecFinding)
            .where(MsecFinding.previous_id == node.id, employer_scope(user, MsecFinding.employer_id))
            .order_by(MsecFinding.valid_from)
            .limit(1)
        )
        if following is None:
            break
        after.append(following)
        node = following
    claims = s.scalars(
        sa.select(Claim)
        .where(Claim.victim_id == found.victim_id, employer_scope(user, Claim.employer_id))
        .order_by(Claim.filed_on)
    ).all()
    return {
        "finding": found,
        "chain": [*reversed(before), found, *after],
        "claims": claims,
        "attachments": attachments_of(user, "finding", found.id),
        "may_attach": may_attach(user),
        "history": history(user, "msec_finding", found.id),
    }


def deadline(claim: Claim, today: date) -> dict[str, Any]:
    """The claim's term under its procedure (claims.procedure: ten days of LC-2004 art. 257, or the
    month of LC-2025 art. 226(2)), with what the pages say of it; undecided after it, it counts as
    refused."""
    undecided = claim.status in (ClaimStatus.FILED, ClaimStatus.DEEMED_REFUSED)
    days = (claim.decision_due_on - today).days
    if not undecided:
        state = "decided"
    elif days < 0:
        state = "overdue"
    elif days == 0:
        state = "due_today"
    else:
        state = "running"
    return {"due_on": claim.decision_due_on, "days": days, "state": state, **procedure.texts(claim.filed_on)}


def documents_by_case_type() -> list[tuple[str, list[str]]]:
    """Every document art. 254 names, with the case types it belongs to."""
    codes: dict[str, list[str]] = {}
    for case_type, group in CLAIM_DOCUMENTS.items():
        for code in group:
            codes.setdefault(code, []).append(case_type)
    return list(codes.items())


def checklist(claim: Claim) -> list[tuple[str, ClaimDocument | None]]:
    """Art. 254's documents for the claim's case type, each with its record (None: never received),
    then any other document the claim has."""
    expected = CLAIM_DOCUMENTS.get(claim.case_type, ())
    received = {d.code: d for d in claim.documents}
    return [(code, received.get(code)) for code in expected] + [
        (d.code, d) for d in claim.documents if d.code not in expected
    ]


def decisions_of(claim_id: int) -> list[Decision]:
    """The claim's decisions, the latest first."""
    return list(
        db.session().scalars(
            sa.select(Decision).where(Decision.claim_id == claim_id).order_by(Decision.sequence.desc())
        )
    )


def superseded_by(decisions: Iterable[Decision]) -> dict[int, Decision]:
    """Each superseded decision's successor, by the superseded one's id."""
    return {d.supersedes_id: d for d in decisions if d.supersedes_id and d.status != DecisionStatus.DRAFT}


def issued_decisions(claim_id: int) -> list[Decision]:
    """What can be appealed besides a deemed refusal: the claim's issued decisions (art. 258)."""
    return [d for d in decisions_of(claim_id) if d.status == DecisionStatus.ISSUED]


def in_force(claim_id: int) -> Decision | None:
    """The claim's award in force, in the request's session."""
    return current_decision(db.session(), claim_id)


def next_reason(claim_id: int) -> str:
    """Why the next decision is made, unless the officer says otherwise: the first, or a re-examination."""
    return "initial" if in_force(claim_id) is None else "reexamination"


def payments_of(user: Any, claim_id: int) -> list[Payment]:
    """The claim's ledger in the order the payments were made."""
    s = db.session()
    get_scoped(s, user, Claim, claim_id)
    return list(
        s.scalars(
            sa.select(Payment).where(Payment.claim_id == claim_id).order_by(Payment.paid_on, Payment.id)
        )
    )


def appeals_of(user: Any, claim_id: int) -> list[Appeal]:
    s = db.session()
    get_scoped(s, user, Claim, claim_id)
    return list(
        s.scalars(sa.select(Appeal).where(Appeal.claim_id == claim_id).order_by(Appeal.filed_on, Appeal.id))
    )


def rulings_of(user: Any, claim_id: int) -> list[CourtRuling]:
    s = db.session()
    get_scoped(s, user, Claim, claim_id)
    return list(
        s.scalars(
            sa.select(CourtRuling).where(CourtRuling.claim_id == claim_id).order_by(CourtRuling.ruled_on)
        )
    )


def claim_file(user: Any, claim_id: int, today: date) -> dict[str, Any]:
    """The claim's page: facts, art. 254 documents, the art. 257 deadline, decisions, payments, appeals,
    court rulings, scans and history."""
    found = find(user, Claim, claim_id)
    decisions = decisions_of(found.id)
    listed = checklist(found)
    return {
        "claim": found,
        "checklist": listed,
        "missing": [code for code, doc in listed if doc is None or doc.received_on is None],
        "deadline": deadline(found, today),
        "decisions": decisions,
        "superseded_by": superseded_by(decisions),
        "current": in_force(found.id),
        "voided_since": voided_since(found),
        "has_draft": any(d.status == DecisionStatus.DRAFT for d in decisions),
        "payments": payments_of(user, found.id),
        "recipients": dict(recipients(found)),
        "appeals": appeals_of(user, found.id),
        "attachments": attachments_of(user, "claim", found.id),
        "rulings": rulings_of(user, found.id),
        "history": claim_history(user, found.id),
    }


def decision_file(user: Any, decision_id: int, language: str = "ru") -> dict[str, Any]:
    """The decision's page: the order, its claim, what superseded it, the awards per recipient; the
    trace in the reader's ``language`` (frozen with the decision in Russian and Kyrgyz)."""
    decision = find(user, Decision, decision_id)
    claim = db.session().get(Claim, decision.claim_id)
    award = decision.kind == DecisionKind.AWARD
    return {
        "decision": decision,
        "claim": claim,
        "superseded_by": superseded_by(decisions_of(claim.id)).get(decision.id),
        "awards": documents.awards(decision.result) if award else {},
        "recipients": dict(recipients(claim)),
        "result": {**decision.result, "trace": trace_in(decision, language)} if award else None,
        "attachments": attachments_of(user, "decision", decision.id),
        "may_attach": may_attach(user),
        "history": history(user, "decision", decision.id),
    }


def order_of(user: Any, decision_id: int) -> tuple[Decision, Claim, Decision | None, date | None]:
    """What the printed order needs: the decision, its claim, the decision that superseded it, and the
    MSEC re-examination day of the finding it rests on (the monthly payments run until then, art. 265)."""
    decision = find(user, Decision, decision_id)
    claim = db.session().get(Claim, decision.claim_id)
    later = superseded_by(decisions_of(claim.id)).get(decision.id)
    reexamination = db.session().scalar(
        sa.select(MsecFinding.reexamination_on)
        .where(
            MsecFinding.victim_id == claim.victim_id,
            MsecFinding.voided_at.is_(None),
            MsecFinding.valid_from <= decision.calculation_date,
        )
        .order_by(MsecFinding.valid_from.desc(), MsecFinding.id.desc())
        .limit(1)
    )
    return decision, claim, later, reexamination


def for_recipient(result: dict[str, Any], recipient: str | None) -> dict[str, Any]:
    """The engine's statement narrowed to one recipient's installments; the totals are their sums.

    Nothing is recomputed: each row is the engine's, and a total is the sum of the rows
    shown, as the contract defines totals. Payments are the claim's (the contract knows
    no recipient of a payment), allocated by the engine in due-date order (art. 269).
    """
    if not recipient:
        return result
    rows = [i for i in result.get("installments", []) if str(i["recipient"]) == recipient]
    totals = {
        key: f"{sum((Decimal(i[field]) for i in rows), Decimal('0.00')):.2f}"
        for key, field in (
            ("accrued", "amount"),
            ("paid", "paid"),
            ("outstanding", "outstanding"),
            ("penalty", "penalty"),
        )
    }
    narrowed = {**result, "installments": rows, "totals": totals}
    if "penalties" in result:  # the penalties paid of the rows shown (ledger.settle_penalties)
        narrowed["penalties"] = penalty_totals(rows)
    return narrowed


def recipient_statement(
    user: Any, claim: Claim, as_of: date | None, recipient: str, language: str
) -> tuple[Decision | None, dict[str, Any] | None, dict[str, list[str]]]:
    """The statement page's figures: (the decision in force, the statement for ``recipient`` or for all,
    errors). Without a valid day (``as_of`` None), a known recipient or a decision, there is no statement."""
    errors: dict[str, list[str]] = {}
    if recipient and recipient not in dict(recipients(claim)):
        errors["recipient"] = [_("Not a recipient under this claim.")]
    decision = in_force(claim.id)
    if errors or as_of is None or decision is None:
        return decision, None, errors
    try:
        _claim, decision, result = statement(user, claim.id, as_of, language)
    except DomainError as exc:
        return decision, None, exc.errors
    return decision, for_recipient(result, recipient), errors


def appeals_page(
    user: Any, status: str | None, page_no: int, per_page: int
) -> tuple[db.Page[Appeal], dict[int, Claim]]:
    """Appeals in scope, undecided first (the inspectorate's decision binds the employer, art. 258),
    with their claims."""
    s = db.session()
    stmt = sa.select(Appeal).where(employer_scope(user, Appeal.employer_id))
    if status:
        stmt = stmt.where(Appeal.status == status)
    stmt = stmt.order_by((Appeal.status != "filed"), Appeal.filed_on.desc(), Appeal.id.desc())
    page = db.paginate(s, stmt, page_no, per_page)
    claims = {
        c.id: c for c in s.scalars(sa.select(Claim).where(Claim.id.in_({a.claim_id for a in page.items})))
    }
    return page, claims


def appeal_file(user: Any, appeal_id: int) -> dict[str, Any]:
    """The appeal's page: the appeal, its claim, the decision appealed and the one it produced."""
    s = db.session()
    appeal = get_scoped(s, user, Appeal, appeal_id)
    return {
        "appeal": appeal,
        "claim": s.get(Claim, appeal.claim_id),
        "appealed": s.get(Decision, appeal.decision_id) if appeal.decision_id else None,
        "resulting": s.get(Decision, appeal.resulting_decision_id) if appeal.resulting_decision_id else None,
        "history": history(user, "appeal", appeal.id),
        "may_decide": may_decide(user, appeal),
        "inspectorate": INSPECTORATE_LABELS.get(Inspectorate(appeal.inspectorate), appeal.inspectorate),
    }


def archive_page(
    user: Any, as_of: date, page_no: int, per_page: int, listing: Mapping[str, Any] | None = None
) -> db.Page[Any]:
    """Case files due for the state archive by ``as_of``, with the day of their last payment."""
    return db.paginate(
        db.session(), archive_due_query(user, as_of), page_no, per_page, rows=True, listing=listing
    )


def _awards_in_scope(user: Any) -> sa.Select[Any]:
    s = db.session()
    return open_awards(s).where(employer_scope(user, Decision.employer_id))


def payments_due(
    user: Any, month: str, page_no: int, per_page: int, rows: bool = True
) -> tuple[db.Page[Any], list[tuple[Employer, Decision, dict[str, Any]]], dict[str, Decimal]]:
    """A page of the awards in scope with their rows due in ``month`` (art. 264; none if not ``rows``),
    and what each employer on the page has outstanding."""
    s = db.session()
    page = db.paginate(s, _awards_in_scope(user), page_no, per_page, rows=True)
    lines = list(due_rows(s, page.items, month)) if rows else []
    by_employer: dict[str, Decimal] = {}
    for employer, _decision, item in lines:
        owed = Decimal(item["outstanding"] or 0)  # a one-off with no amount set owes nothing yet
        by_employer[employer.name] = by_employer.get(employer.name, Decimal(0)) + owed
    return page, lines, by_employer


#: Claims whose payments are read in one query when every award is listed.
DUE_BATCH = 500


def due_in_scope(
    user: Any, month: str
) -> tuple[int, Iterator[tuple[int, list[tuple[Employer, Decision, dict[str, Any]]]]]]:
    """Every open award in scope (without a user: the whole country) with its rows due in ``month``:
    (how many awards, their batches as (awards in the batch, rows)). The payments of a batch of
    :data:`DUE_BATCH` awards are read in one query; the awards are read now, the rows as the batches are
    asked for, in the caller's session: read them all before the request ends (the payments-due CSV
    builds its file in the view), never from a response streamed after it, which would keep a connection."""
    s = db.session()
    awards = s.execute(open_awards(s) if user is None else _awards_in_scope(user)).all()

    def batches() -> Iterator[tuple[int, list[tuple[Employer, Decision, dict[str, Any]]]]]:
        for start in range(0, len(awards), DUE_BATCH):
            chunk = awards[start : start + DUE_BATCH]
            yield len(chunk), list(due_rows(s, chunk, month))

    return len(awards), batches()
