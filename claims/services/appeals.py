"""Appeals (art. 258) to an inspectorate, and court rulings (art. 259)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask_babel import gettext as _

from claims import workflow
from claims.models import (
    Appeal,
    Claim,
    ClaimStatus,
    CourtRuling,
    Decision,
    DecisionStatus,
)
from claims.services.common import (
    RECORD_LANGUAGE,
    get_scoped,
    not_before,
    not_future,
    record_transition,
    transition,
)
from claims.services.decisions import (
    _award,
    _case_for,
    _installments,
    _new_decision,
    _supersede,
    current_decision,
)
from claims.services.filing import _claim_snapshot
from claims.workflow import AppealAction, AppealStatus, ClaimAction
from core import audit, db
from core.auth.permissions import can
from core.classifiers import INSPECTORATE_LABELS, Inspectorate
from core.errors import DomainError, Forbidden
from core.services import check_version, require

# --- appeals (art. 258) and court rulings (art. 259) -------------------------------------------------------

#: What an inspectorate may decide differently from the employer: liability and the victim's fault.
APPEAL_CHANGES = (
    "source_of_increased_danger",
    "employer_fault",
    "force_majeure",
    "victim_intent",
    "victim_fault_percent",
)


def may_decide(user: Any, appeal: Appeal) -> bool:
    """An appeal is recorded and decided by the inspectorate it is addressed to (art. 258): an
    inspector by their own inspectorate's only; an administrator (no inspectorate) by any."""
    own = getattr(user, "inspectorate", None)
    return can(user, "decide_appeal") and (own is None or str(own) == str(appeal.inspectorate))


def _check_inspectorate(user: Any, inspectorate: str) -> None:
    """:raises DomainError: the user is an inspector of another inspectorate (naming ``inspectorate``)."""
    if inspectorate not in {str(i) for i in Inspectorate}:
        raise DomainError(_("Not an inspectorate."), field="inspectorate")
    own = getattr(user, "inspectorate", None)
    if own is not None and str(own) != inspectorate:
        raise DomainError(
            _(
                "The appeal is addressed to the %(addressed)s; it is recorded and decided there.",
                addressed=str(INSPECTORATE_LABELS[Inspectorate(inspectorate)]),
            ),
            field="inspectorate",
        )


def file_appeal(user: Any, claim_id: int, data: dict[str, Any]) -> Appeal:
    """Record the claimant's appeal to an inspectorate against a decision or a deemed refusal (art. 258)."""
    require(user, "decide_appeal")
    with db.transaction() as s:
        claim = get_scoped(s, user, Claim, claim_id)
        decision_id = data.get("decision_id")
        if decision_id is not None:
            decision = s.get(Decision, decision_id)
            if decision is None or decision.claim_id != claim.id or decision.status != DecisionStatus.ISSUED:
                raise DomainError(_("Appeal an issued decision of this claim."), field="decision_id")
        elif claim.status not in (ClaimStatus.DEEMED_REFUSED, ClaimStatus.REFUSED):
            raise DomainError(
                _("Without a decision, only a deemed refusal can be appealed (art. 257)."),
                field="decision_id",
            )
        not_future(data["filed_on"], "filed_on")
        not_before(data["filed_on"], claim.filed_on, "filed_on", _("the claim"))
        if decision_id is not None:
            not_before(data["filed_on"], decision.issued_on, "filed_on", _("the decision appealed"))
        inspectorate = data.get("inspectorate") or getattr(user, "inspectorate", None) or "state"
        _check_inspectorate(user, str(inspectorate))
        appeal = Appeal(
            claim_id=claim.id,
            employer_id=claim.employer_id,
            decision_id=decision_id,
            inspectorate=str(inspectorate),
            filed_on=data["filed_on"],
            grounds=data["grounds"],
        )
        s.add(appeal)
        audit.record(s, user, "create", appeal)
        transition(s, user, claim, workflow.CLAIM, ClaimAction.APPEAL)
        return appeal


def decide_appeal(user: Any, appeal_id: int, data: dict[str, Any]) -> Appeal:
    """The inspectorate's decision binds the employer (art. 258): granted, the claim is recomputed with the
    inspectorate's findings and a new decision supersedes the old one, effective from the start."""
    require(user, "decide_appeal")
    with db.transaction() as s:
        appeal = get_scoped(s, user, Appeal, appeal_id)
        _check_inspectorate(user, str(appeal.inspectorate))
        check_version(appeal, data.get("version"))
        appeal_before, appeal_after = workflow.move(appeal, workflow.APPEAL, AppealAction(data["status"]))
        status = AppealStatus(appeal_after)
        claim = s.get(Claim, appeal.claim_id)
        changes = {k: v for k, v in (data.get("changes") or {}).items() if k in APPEAL_CHANGES}
        before_claim = _claim_snapshot(claim)
        for name, value in changes.items():
            setattr(claim, name, Decimal(str(value)) if name == "victim_fault_percent" else bool(value))
        not_future(data.get("decided_on"), "decided_on")
        not_before(data.get("decided_on"), appeal.filed_on, "decided_on", _("the appeal"))
        appeal.decided_on = data.get("decided_on") or db.today_bishkek()
        appeal.decided_by_id = getattr(user, "id", None)
        appeal.reasoning = data.get("reasoning")
        appeal.changes = {k: str(v) if isinstance(v, Decimal) else v for k, v in changes.items()}
        if status is AppealStatus.DISMISSED:
            # The appealed decision stands: the award in force, or the refusal.
            stands = ClaimAction.DECIDE if current_decision(s, claim.id) else ClaimAction.REFUSE
            workflow.move(claim, workflow.CLAIM, stands)
        else:
            # Computed as of a day that keeps every installment the decision in force already lists:
            # never earlier than the day it was computed as of, nor than the inspectorate's decision.
            live = current_decision(s, claim.id)
            as_of = max(appeal.decided_on, live.calculation_date) if live else appeal.decided_on
            award = _award(s, _case_for(s, claim, as_of), RECORD_LANGUAGE)
            previous = _supersede(s, user, claim.id, _("Appeal No. %(id)s", id=appeal.id))
            decision = _new_decision(
                s,
                claim,
                **award,
                status=DecisionStatus.ISSUED,
                reason="appeal",
                effective_from=None,
                calculation_date=as_of,
                number=data.get("number") or f"A-{appeal.id}",
                issued_on=appeal.decided_on,
                issued_by_id=getattr(user, "id", None),
                supersedes_id=previous.id if previous else None,
            )
            decision.installments = _installments(decision)
            s.flush()
            appeal.resulting_decision_id = decision.id
            workflow.move(claim, workflow.CLAIM, ClaimAction.DECIDE)
            audit.record(
                s,
                user,
                "create",
                decision,
                after={"kind": "award", "reason": "appeal", "totals": award["result"]["totals"]},
            )
        record_transition(s, user, appeal, appeal_before, appeal_after, changes=appeal.changes)
        audit.record(s, user, "update", claim, before=before_claim, after=_claim_snapshot(claim))
        return appeal


def record_court_ruling(user: Any, claim_id: int, data: dict[str, Any]) -> CourtRuling:
    """Record a court's ruling on the claim (art. 259) with the amounts it set."""
    if not (can(user, "issue_decision") or can(user, "decide_appeal")):
        raise Forbidden()
    with db.transaction() as s:
        claim = get_scoped(s, user, Claim, claim_id)
        not_future(data["ruled_on"], "ruled_on")
        not_before(data["ruled_on"], claim.filed_on, "ruled_on", _("the claim"))
        ruling = CourtRuling(
            claim_id=claim.id,
            employer_id=claim.employer_id,
            court=data["court"],
            case_number=data.get("case_number"),
            ruled_on=data["ruled_on"],
            summary=data["summary"],
            amounts={k: f"{Decimal(v):.2f}" for k, v in (data.get("amounts") or {}).items()},
        )
        s.add(ruling)
        audit.record(s, user, "create", ruling)
        return ruling
