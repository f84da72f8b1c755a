"""Wires the claims ledger into the app: its pages, its API and its CLI groups."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_smorest import Api

#: The history's names of the claim's, the decision's, the finding's, the payment's and the appeal's
#: fields (the forms' labels, where they have them).
AUDIT_FIELDS = {
    "victim_id": _l("Injured person (No.)"),
    "act_id": _l("Act N-1 No."),
    "case_type": _l("Case"),
    "claimant_name": _l("Claimant"),
    "claimant_relation": _l("Claimant's relation to the injured person"),
    "claimant_address": _l("Claimant's address"),
    "filed_on": _l("Filed on"),
    "region": _l("Region"),
    "reference_month": _l("Reference month"),
    "death_date": _l("Date of death"),
    "earnings": _l("Earnings"),
    "survivors": _l("Dependants"),
    "documents": _l("Documents"),
    "kind": _l("Kind"),
    "reason": _l("Reason"),
    "totals": _l("Totals"),
    "accrued": _l("Accrued"),
    "paid": _l("Paid"),
    "outstanding": _l("Outstanding"),
    "penalty": _l("Penalty"),
    "number": _l("Order number"),
    "issued_on": _l("Order date"),
    "msec_body": _l("MSEC (body that examined)"),
    "decision_no": _l("Number of the MSEC decision"),
    "examined_on": _l("Examined on"),
    "valid_from": _l("In force from"),
    "loss_percent": _l("Loss of professional capacity, %"),
    "reexamination_on": _l("Re-examination on"),
    "care_special_medical": _l("Needs special medical care"),
    "care_household": _l("Needs household care"),
    "rehabilitation": _l("Rehabilitation"),
    "id": _l("No."),
    "claim_id": _l("Claim No."),
    "employer_id": _l("Employer (No.)"),
    "paid_on": _l("Paid on"),
    "amount": _l("Amount"),
    "recipient": _l("Recipient"),
    "applies_to": _l("Applies to"),
    "recorded_by_id": _l("Recorded by (account No.)"),
    "recorded_at": _l("Recorded at"),
    "decision_id": _l("Decision appealed against (No.)"),
    "inspectorate": _l("Inspectorate"),
    "grounds": _l("Grounds"),
    "decided_on": _l("Decided on"),
    "decided_by_id": _l("Decided by (account No.)"),
    "reasoning": _l("Reasoning"),
    "changes": _l("What the inspectorate finds differently (arts. 226-230)"),
    "resulting_decision_id": _l("Resulting decision (No.)"),
    "relation": _l("Relation"),
    "student_until": _l("Full-time student until"),
    "disabled_until": _l("Disabled until"),
    "caring_until": _l("Caring for the children until"),
    "court_maintenance": _l("Maintenance set by a court"),
    "right_ended_on": _l("Right ended on"),
    "source_of_increased_danger": _l("Source of increased danger (art. 226)"),
    "employer_fault": _l("Employer at fault (art. 227)"),
    "force_majeure": _l("Force majeure"),
    "victim_intent": _l("Victim's intent"),
    "victim_fault_percent": _l("Victim's gross negligence, % (art. 230)"),
}


def init_app(app: Flask, api: Api) -> None:
    """Register the ledger API, the findings, claims, appeals and payments-due pages and the CLI."""
    from claims import api as claims_api
    from claims import cli, views
    from claims import workflow as w
    from claims.views.common import DOCUMENT_LABELS, REASON_LABELS, REHABILITATION_LABELS
    from core import labels
    from core.audit import register_labels
    from core.classifiers import INSPECTORATE_LABELS, REGION_LABELS
    from core.web import add_nav

    register_labels(
        AUDIT_FIELDS | {k: v for k, v in DOCUMENT_LABELS.items() if k not in AUDIT_FIELDS},
        {
            "claim.status": w.CLAIM_STATUS_LABELS,
            "decision.status": w.DECISION_STATUS_LABELS,
            "appeal.status": w.APPEAL_STATUS_LABELS,
            "decision.kind": w.DECISION_KIND_LABELS,
            "decision.reason": REASON_LABELS,
            "case_type": labels.CASE_TYPE_LABELS,
            "region": REGION_LABELS,
            "inspectorate": INSPECTORATE_LABELS,
            "grounds": labels.GROUND_LABELS,
            "survivors": labels.GROUND_LABELS,
            "applies_to": labels.APPLIES_TO_LABELS,
            "rehabilitation": REHABILITATION_LABELS,
            "claimant_relation": {"victim": _l("the injured person")},
            "recipient": {"victim": _l("the injured person")},
        },
    )

    api.register_blueprint(claims_api.blp)
    app.register_blueprint(views.bp)
    add_nav(app, ("file_claim", "decide_appeal"), "ledger.claims", _l("Claims"))
    add_nav(app, "file_claim", "ledger.findings", _l("MSEC findings"))
    add_nav(app, "decide_appeal", "ledger.appeals", _l("Appeals"))
    add_nav(app, ("record_payment", "decide_appeal"), "ledger.payments_due", _l("Payments due"))
    app.cli.add_command(cli.payments_cli)
    app.cli.add_command(cli.claims_cli)
