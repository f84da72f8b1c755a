"""Decisions (art. 257) and recalculations (arts. 251, 265): drafted from the case file, issued
(frozen), superseded, refused."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy import orm

import compensation
from calculator.services import Tables, tables_in_force, tables_of
from claims import case_file, workflow
from claims.models import (
    Claim,
    Decision,
    DecisionKind,
    DecisionStatus,
    Installment,
    MsecFinding,
    Payment,
)
from claims.services.common import (
    RECORD_LANGUAGE,
    _payments_of,
    check_ground,
    get_scoped,
    not_before,
    not_future,
    record_transition,
    transition,
)
from claims.workflow import ClaimAction, DecisionAction
from core import audit, db
from core.errors import DomainError, FormErrors
from core.services import check_version, require

# --- decisions (art. 257) and recalculations (arts. 251, 265) ----------------------------------------------


def current_decision(s: orm.Session, claim_id: int) -> Decision | None:
    return s.scalar(
        sa.select(Decision)
        .where(
            Decision.claim_id == claim_id,
            Decision.status == DecisionStatus.ISSUED,
            Decision.kind == DecisionKind.AWARD,
        )
        .order_by(Decision.sequence.desc())
        .limit(1)
    )


def _case_for(
    s: orm.Session, claim: Claim, as_of: date, overrides: dict[str, Any] | None = None
) -> dict[str, Any]:
    findings = s.scalars(
        sa.select(MsecFinding).where(
            MsecFinding.victim_id == claim.victim_id, MsecFinding.voided_at.is_(None)
        )
    ).all()
    payments = _payments_of(s, claim.id)
    return case_file.build(claim, findings, payments, as_of, overrides)


def _calculate(case: dict[str, Any], language: str = "ru", tables: Tables | None = None) -> dict[str, Any]:
    """The engine on a case file built from the records; ``tables``: the parameter tables to use (the
    tables in force for a new decision, a decision's own frozen rows when it is recomputed)."""
    try:
        return compensation.calculate(case, language=language, tables=tables)
    except compensation.InvalidCase as exc:
        raise FormErrors({f"case.{k}": v for k, v in exc.errors.items()}) from exc


#: The languages a decision's trace is frozen in: the reader's language is shown (the order prints Russian).
TRACE_LANGUAGES = ("ru", "ky")


def _traces(case: dict[str, Any], result: dict[str, Any], language: str, tables: Tables) -> dict[str, Any]:
    """The trace of ``result`` in every language of :data:`TRACE_LANGUAGES`, to freeze with it."""
    return {
        lang: result.get("trace", []) if lang == language else _calculate(case, lang, tables).get("trace", [])
        for lang in TRACE_LANGUAGES
    }


def trace_in(decision: Decision, language: str) -> list[dict[str, Any]]:
    """The decision's frozen trace in ``language``, else in the language it was computed in."""
    return (decision.traces or {}).get(language) or (decision.result or {}).get("trace") or []


def tables_of_decision(decision: Decision, s: orm.Session | None = None) -> Tables:
    """The tables ``decision`` was computed with: the built-in files and its own stored rows, frozen
    (a row an administrator added since does not change an issued decision)."""
    return tables_of(decision.parameter_rows or [], s)


def _next_sequence(s: orm.Session, claim_id: int) -> int:
    return (s.scalar(sa.select(sa.func.max(Decision.sequence)).where(Decision.claim_id == claim_id)) or 0) + 1


def _new_decision(s: orm.Session, claim: Claim, **fields: Any) -> Decision:
    """A decision of ``claim``, next in its sequence, added to the session: the one place a decision is
    made, whether drafted, refused or issued on appeal."""
    decision = Decision(
        claim_id=claim.id, employer_id=claim.employer_id, sequence=_next_sequence(s, claim.id), **fields
    )
    s.add(decision)
    return decision


def _award(s: orm.Session, case: dict[str, Any], language: str) -> dict[str, Any]:
    """The figures of an award on ``case`` with the tables in force, and its trace in every language:
    the columns a new award decision stores."""
    tables, rows = tables_in_force(s)
    result = _calculate(case, language, tables)
    return {
        "kind": DecisionKind.AWARD,
        "case_file": case,
        "result": result,
        "parameter_rows": rows,
        "traces": _traces(case, result, language, tables),
    }


def draft_decision(
    user: Any,
    claim_id: int,
    calculation_date: date,
    reason: str = "initial",
    effective_from: date | None = None,
    overrides: dict[str, Any] | None = None,
    language: str = RECORD_LANGUAGE,
) -> Decision:
    """Compute a decision from the stored records; it stays a draft until issued."""
    require(user, "issue_decision")
    with db.transaction() as s:
        claim = get_scoped(s, user, Claim, claim_id)
        check_ground(claim.victim.act, "claim_id")
        award = _award(s, _case_for(s, claim, calculation_date, overrides), language)
        decision = _new_decision(
            s,
            claim,
            **award,
            status=DecisionStatus.DRAFT,
            reason=reason,
            effective_from=effective_from,
            calculation_date=calculation_date,
            supersedes_id=getattr(current_decision(s, claim.id), "id", None),
        )
        totals = award["result"]["totals"]
        audit.record(s, user, "create", decision, after={"kind": "award", "reason": reason, "totals": totals})
        return decision


def issue_decision(
    user: Any, decision_id: int, number: str, issued_on: date | None = None, version: int | None = None
) -> Decision:
    """Issue the employer's order: freeze it, store its installments, supersede the previous decision."""
    require(user, "issue_decision")
    with db.transaction() as s:
        decision = get_scoped(s, user, Decision, decision_id)
        check_version(decision, version)
        workflow.step(workflow.DECISION, decision.status, DecisionAction.ISSUE)
        claim = s.get(Claim, decision.claim_id)
        _check_issued_on(claim, issued_on)
        # The previous decision gives way first: until then, the one in force is found by its status.
        previous = _supersede(s, user, decision.claim_id, f"→ {number}")
        before, after = workflow.move(decision, workflow.DECISION, DecisionAction.ISSUE)
        decision.number = number
        decision.issued_on = issued_on or db.today_bishkek()
        decision.issued_by_id = getattr(user, "id", None)
        decision.supersedes_id = previous.id if previous else decision.supersedes_id
        decision.installments = _installments(decision)
        in_force = ClaimAction.DECIDE if decision.kind == DecisionKind.AWARD else ClaimAction.REFUSE
        claim_before, claim_after = workflow.move(claim, workflow.CLAIM, in_force)
        record_transition(s, user, decision, before, after, number=number)
        record_transition(s, user, claim, claim_before, claim_after)
        return decision


def issue_preview(
    user: Any, decision_id: int, number: str, issued_on: date | None = None, version: int | None = None
) -> dict[str, Any]:
    """What issuing the draft would fix (the order's number and date, its totals, how many installments
    are stored, the order it supersedes), checked as :func:`issue_decision` checks it, nothing written:
    the page shows it and asks for confirmation before the irreversible write (issue 14)."""
    require(user, "issue_decision")
    s = db.session()
    decision = get_scoped(s, user, Decision, decision_id)
    check_version(decision, version)
    workflow.step(workflow.DECISION, decision.status, DecisionAction.ISSUE)
    claim = s.get(Claim, decision.claim_id)
    _check_issued_on(claim, issued_on)
    return {
        "number": number,
        "issued_on": issued_on or db.today_bishkek(),
        "totals": (decision.result or {}).get("totals") or {},
        "installments": len(_installments(decision)),
        "supersedes": current_decision(s, decision.claim_id),
    }


def _check_issued_on(claim: Claim, issued_on: date | None) -> None:
    """An order is dated on a day that has come, on or after the claim it decides (art. 257)."""
    not_future(issued_on, "issued_on")
    not_before(issued_on, claim.filed_on, "issued_on", _("the claim"))


def _supersede(s: orm.Session, user: Any, claim_id: int, remark: str) -> Decision | None:
    """The claim's current decision gives way to a new one; it stays readable, marked superseded."""
    previous = current_decision(s, claim_id)
    if previous is not None:
        transition(s, user, previous, workflow.DECISION, DecisionAction.SUPERSEDE, remark=remark)
    return previous


def case_as_of(decision: Decision, payments: Iterable[Payment], as_of: date) -> dict[str, Any]:
    """The decision's frozen case file as of another day, with the ledger's payments made by then:
    the one way a statement, the monthly run and a capitalisation see the ledger."""
    case = dict(decision.case_file)
    case["calculation_date"] = as_of.isoformat()
    case["payments"] = [
        {
            "date": p.paid_on.isoformat(),
            "amount": f"{p.amount:.2f}",
            "applies_to": p.applies_to,
            "recipient": p.recipient,
        }
        for p in sorted(payments, key=lambda p: (p.paid_on, p.id))
        # The engine knows installments only; a penalty paid is applied by the ledger (settle_penalties).
        if p.paid_on <= as_of and p.applies_to != "penalty"
    ]
    return case


def _installments(decision: Decision) -> list[Installment]:
    """The engine's installments of an award, stored as the decision's schedule."""
    if decision.kind != DecisionKind.AWARD:
        return []
    return [
        Installment(
            claim_id=decision.claim_id,
            employer_id=decision.employer_id,
            component=item["component"],
            recipient=str(item["recipient"]),
            period=item.get("period") or "",
            amount=Decimal(item["amount"]),
            due_date=date.fromisoformat(item["due_date"]),
        )
        for item in decision.result.get("installments", [])
        # A one-off whose amount no Cabinet figure sets yet (contract v2, a warning) is not owed yet.
        if item["amount"] is not None
    ]


def refuse_claim(
    user: Any, claim_id: int, grounds: str, number: str, issued_on: date | None = None
) -> Decision:
    """A reasoned refusal is a decision too (art. 257), printable with its grounds."""
    require(user, "issue_decision")
    if not (grounds or "").strip():
        raise DomainError(_("A refusal states its grounds."), field="refusal_grounds")
    with db.transaction() as s:
        claim = get_scoped(s, user, Claim, claim_id)
        _check_issued_on(claim, issued_on)
        issued_on = issued_on or db.today_bishkek()
        decision = _new_decision(
            s,
            claim,
            kind=DecisionKind.REFUSAL,
            status=DecisionStatus.ISSUED,
            reason="initial",
            refusal_grounds=grounds.strip(),
            calculation_date=issued_on,
            case_file=_case_for(s, claim, issued_on),
            result={},
            number=number,
            issued_on=issued_on,
            issued_by_id=getattr(user, "id", None),
        )
        audit.record(
            s, user, "create", decision, after={"kind": "refusal", "grounds": grounds, "number": number}
        )
        transition(s, user, claim, workflow.CLAIM, ClaimAction.REFUSE)
        return decision
