"""Appeals (art. 258): the inspectorate's list, an appeal recorded, an appeal and its binding decision."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from claims import procedure, schemas, services
from claims.models import Appeal, Claim
from claims.views import bp
from claims.views.common import page_no, per_page, reader, today
from claims.workflow import APPEAL_STATUS_LABELS
from core.auth.permissions import requires
from core.classifiers import INSPECTORATE_LABELS
from core.errors import DomainError
from core.formatting import day
from core.forms import load, parse_form, status_for, submitted

#: Art. 258: what the inspectorate may find differently from the employer; blank keeps the employer's.
APPEAL_CHANGE_BOOLEANS = ("source_of_increased_danger", "employer_fault", "force_majeure", "victim_intent")


@bp.route("/appeals")
@login_required
@reader
def appeals() -> Any:
    """Appeals in scope, undecided first: the inspectorate's decision binds the employer (art. 258)."""
    values = {k: v for k, v in request.args.items() if v.strip()}
    errors: dict[str, list[str]] = {}
    status = values.get("status")
    if status and status not in APPEAL_STATUS_LABELS:
        errors["status"] = [_("Not a status of an appeal.")]
    page, claims_by_id = (
        (None, {}) if errors else services.appeals_page(current_user, status, page_no(), per_page())
    )
    return render_template(
        "claims/appeals.html", page=page, claims=claims_by_id, values=values, errors=errors
    ), (422 if errors else 200)


def _appealable(claim_id: int) -> list[tuple[int | str, str]]:
    """What can be appealed: an issued decision of the claim, or (blank) the deemed refusal of art. 257."""
    return [
        (d.id, _("order No. %(no)s of %(date)s", no=d.number or "—", date=day(d.issued_on)))
        for d in services.issued_decisions(claim_id)
    ]


@bp.route("/claims/<int:claim_id>/appeals/new", methods=["GET", "POST"])
@login_required
@requires("decide_appeal")
def new_appeal(claim_id: int) -> Any:
    """Record the claimant's appeal, as the inspectorate received it (art. 258)."""
    found = services.find(current_user, Claim, claim_id)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        answer, values, errors = submitted(
            schemas.AppealIn(),
            lambda loaded: services.file_appeal(current_user, found.id, loaded),
            _("The appeal is recorded."),
            lambda appeal: url_for("ledger.appeal", appeal_id=appeal.id),
        )
        if answer is not None:
            return answer
    else:
        current = services.in_force(found.id)
        values = {
            "decision_id": current.id if current else "",
            "inspectorate": getattr(current_user, "inspectorate", None) or "state",
            "filed_on": today().isoformat(),
        }
    return render_template(
        "claims/appeal_form.html",
        claim=found,
        values=values,
        errors=errors,
        decisions=_appealable(found.id),
        inspectorates=_inspectorates(),
        procedure=procedure.texts(found.filed_on),
    ), (422 if errors else 200)


def _inspectorates() -> list[tuple[str, Any]]:
    """Where the appeal may be recorded: an inspector's own inspectorate; an administrator's choice."""
    own = getattr(current_user, "inspectorate", None)
    return [(str(k), v) for k, v in INSPECTORATE_LABELS.items() if own is None or str(k) == str(own)]


def _appeal_page(appeal_id: int, errors: dict[str, list[str]] | None = None, status: int = 200) -> Any:
    values: dict[str, Any] = request.form.to_dict() if errors else {"decided_on": today().isoformat()}
    return render_template(
        "claims/appeal.html",
        **services.appeal_file(current_user, appeal_id),
        values=values,
        errors=errors or {},
    ), status


@bp.route("/appeals/<int:appeal_id>")
@login_required
@reader
def appeal(appeal_id: int) -> Any:
    return _appeal_page(appeal_id)


@bp.route("/appeals/<int:appeal_id>/decision", methods=["POST"])
@login_required
@requires("decide_appeal")
def decide_appeal(appeal_id: int) -> Any:
    """The inspectorate's binding decision; granted, the claim is recomputed and the new order supersedes
    the old one at once (art. 258). The new decision's trace is frozen in Russian, like every order."""
    services.find(current_user, Appeal, appeal_id)
    data, _values = parse_form(request.form)
    changes = {
        k: data.pop(f"changes.{k}")
        for k in (*APPEAL_CHANGE_BOOLEANS, "victim_fault_percent")
        if f"changes.{k}" in data
    }
    data["changes"] = changes
    try:
        loaded = load(schemas.AppealDecisionIn(), data)
        decided = services.decide_appeal(current_user, appeal_id, {**loaded, "language": "ru"})
    except DomainError as exc:
        return _appeal_page(appeal_id, exc.errors, status_for(exc))
    flash(_("The appeal is decided: %(status)s.", status=APPEAL_STATUS_LABELS[decided.status]), "success")
    return redirect(url_for("ledger.appeal", appeal_id=appeal_id))
