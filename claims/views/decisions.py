"""Decisions (art. 257): a draft computed by the engine, the order issued, a reasoned refusal, the
order's PDF and the scans kept with it."""

from __future__ import annotations

from typing import Any

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from claims import schemas, services
from claims.models import Claim, Decision
from claims.views import bp
from claims.views.common import reader, today, upload
from compensation import law
from core import labels
from core.auth.permissions import requires
from core.errors import DomainError
from core.forms import load, parse_form, status_for, submitted
from core.i18n import current_language


def _decision_url(decision: Decision) -> str:
    return url_for("ledger.decision", decision_id=decision.id)


@bp.route("/claims/<int:claim_id>/decisions/new", methods=["GET", "POST"])
@login_required
@requires("issue_decision")
def new_decision(claim_id: int) -> Any:
    """Compute a draft decision from the claim's records with the one engine; nothing is issued yet.

    The frozen trace is written in Russian, the language of the employer's order (art. 257)
    it will be printed in, whatever the interface language of the officer who drafts it.
    """
    found = services.find(current_user, Claim, claim_id)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        answer, values, errors = submitted(
            schemas.DraftDecisionIn(),
            lambda loaded: services.draft_decision(
                current_user,
                found.id,
                loaded["calculation_date"],
                loaded["reason"],
                loaded.get("effective_from"),
                language="ru",
            ),
            _("The decision is computed. Check it, then issue it."),
            _decision_url,
        )
        if answer is not None:
            return answer
    else:
        values = {"calculation_date": today().isoformat(), "reason": services.next_reason(found.id)}
    return render_template(
        "claims/decision_form.html",
        claim=found,
        values=values,
        errors=errors,
        case_errors={k: v for k, v in errors.items() if k not in schemas.DraftDecisionIn().fields},
    ), (422 if errors else 200)


def _decision_page(
    decision_id: int,
    errors: dict[str, list[str]] | None = None,
    status: int = 200,
    preview: dict[str, Any] | None = None,
) -> Any:
    """The decision's page; with ``preview``, what issuing would fix and the confirmation it asks for."""
    posted = request.form.to_dict() if errors or preview else {}
    return render_template(
        "claims/decision.html",
        **services.decision_file(current_user, decision_id, current_language()),
        labels=labels,
        law=law,
        values=posted or {"issued_on": today().isoformat()},
        errors=errors or {},
        preview=preview,
    ), status


@bp.route("/decisions/<int:decision_id>")
@login_required
@reader
def decision(decision_id: int) -> Any:
    return _decision_page(decision_id)


@bp.route("/decisions/<int:decision_id>/issue", methods=["POST"])
@login_required
@requires("issue_decision")
def issue(decision_id: int) -> Any:
    """Issue the order: frozen from now on, its installments stored, the previous decision superseded.

    Irreversible, so in two steps: the form shows what will be fixed (the preview) and asks for
    confirmation; only the confirmed form (``confirm``) issues."""
    services.find(current_user, Decision, decision_id)
    data, _values = parse_form(request.form)
    confirmed = bool(data.pop("confirm", None))
    try:
        loaded = load(schemas.IssueIn(), data)
        if not confirmed:
            preview = services.issue_preview(
                current_user, decision_id, loaded["number"], loaded.get("issued_on"), loaded["version"]
            )
            return _decision_page(decision_id, preview=preview)
        issued = services.issue_decision(
            current_user, decision_id, loaded["number"], loaded.get("issued_on"), loaded["version"]
        )
    except DomainError as exc:
        return _decision_page(decision_id, exc.errors, status_for(exc))
    flash(_("Order No. %(no)s is issued.", no=issued.number), "success")
    return redirect(url_for("ledger.decision", decision_id=decision_id))


@bp.route("/claims/<int:claim_id>/refusal", methods=["GET", "POST"])
@login_required
@requires("issue_decision")
def refuse(claim_id: int) -> Any:
    """A reasoned written refusal (art. 257), printable with its grounds."""
    found = services.find(current_user, Claim, claim_id)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        answer, values, refused = submitted(
            schemas.RefusalIn(),
            lambda loaded: services.refuse_claim(
                current_user, found.id, loaded["grounds"], loaded["number"], loaded.get("issued_on")
            ),
            _("The refusal is issued."),
            _decision_url,
        )
        if answer is not None:
            return answer
        errors = {("grounds" if k == "refusal_grounds" else k): v for k, v in refused.items()}
    else:
        values = {"issued_on": today().isoformat()}
    return render_template("claims/refusal_form.html", claim=found, values=values, errors=errors), (
        422 if errors else 200
    )


@bp.route("/decisions/<int:decision_id>/order.pdf")
@login_required
@reader
def order_pdf(decision_id: int) -> Response:
    """The employer's order (art. 257) as handed to the claimant, in the reader's language (Russian or
    Kyrgyz); a draft prints as a draft."""
    return services.order_document(current_user, decision_id, current_language()).response()


@bp.route("/decisions/<int:decision_id>/attachments", methods=["POST"])
@login_required
def upload_decision_attachment(decision_id: int) -> Any:
    """Keep the signed order, or the claimant's acknowledgement, with the decision."""
    found = services.find(current_user, Decision, decision_id)
    upload("decision", found.id, _("The scan is kept with the decision."))
    return redirect(url_for("ledger.decision", decision_id=found.id) + "#attachments")
