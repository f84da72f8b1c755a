"""MSEC findings (art. 232): the list with the re-examinations due, a new finding, a finding's chain."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from claims import schemas, services
from claims.models import MsecFinding
from claims.views import bp
from claims.views.common import int_arg, listing, reader, today, upload, victim_choices
from core.auth.permissions import requires
from core.errors import DomainError
from core.forms import load, parse_form, status_for, submitted


@bp.route("/findings")
@login_required
@reader
def findings() -> Any:
    """Findings in scope; re-examinations due within 30 days or lapsed, so none is missed (art. 265)."""
    return listing("claims/findings.html", schemas.FindingArgs(), services.findings_page)


#: How a finding's form is posted: the care needs as ticks, the rehabilitation as a list.
FINDING_FORM: dict[str, Any] = {
    "booleans": ("care_special_medical", "care_household"),
    "multi": ("rehabilitation",),
}


@bp.route("/findings/new", methods=["GET", "POST"])
@login_required
@requires("file_claim")
def new_finding() -> Any:
    """Record the MSEC finding the victim brought: the degree of lost capacity, the group, the care."""
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        answer, values, errors = submitted(
            schemas.FindingIn(),
            lambda loaded: services.record_finding(current_user, loaded),
            _("The MSEC finding is recorded."),
            lambda finding: url_for("ledger.finding", finding_id=finding.id),
            **FINDING_FORM,
        )
        if answer is not None:
            return answer
    else:
        victim_id = int_arg("victim_id")
        services.approved_victim(current_user, victim_id)
        values = {"victim_id": victim_id or "", "rehabilitation": []}
    return render_template(
        "claims/finding_form.html",
        values=values,
        errors=errors,
        victims=victim_choices(),
    ), (422 if errors else 200)


@bp.route("/findings/<int:finding_id>")
@login_required
@reader
def finding(finding_id: int) -> Any:
    """A finding and its re-examination history: the chain of findings before and after it."""
    return render_template(
        "claims/finding.html",
        **services.finding_file(current_user, finding_id),
        today=today(),
        void_errors={},
    )


@bp.route("/findings/<int:finding_id>/attachments", methods=["POST"])
@login_required
def upload_finding_attachment(finding_id: int) -> Any:
    """Keep the scanned MSEC certificate or programme with the finding."""
    found = services.find(current_user, MsecFinding, finding_id)
    upload("finding", found.id, _("The scan is kept with the finding."))
    return redirect(url_for("ledger.finding", finding_id=found.id) + "#attachments")


def _finding_values(found: MsecFinding) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(found, name) for name in services.FINDING_FIELDS}
    for name, value in values.items():
        if hasattr(value, "isoformat"):
            values[name] = value.isoformat()
        elif value is None:
            values[name] = ""
    values["rehabilitation"] = list(found.rehabilitation or [])
    values["version"] = found.version
    return values


@bp.route("/findings/<int:finding_id>/void", methods=["POST"])
@login_required
@requires("file_claim")
def void_finding(finding_id: int) -> Any:
    """Void a mistaken finding with the reason: kept, struck through, out of the next decision."""
    found = services.find(current_user, MsecFinding, finding_id)
    data, _values = parse_form(request.form)
    try:
        loaded = load(schemas.VoidIn(), data)
        services.void_finding(current_user, found.id, loaded["reason"], loaded.get("version"))
    except DomainError as exc:
        return render_template(
            "claims/finding.html",
            **services.finding_file(current_user, finding_id),
            today=today(),
            void_errors=exc.errors,
        ), status_for(exc)
    flash(_("The finding is voided; it is kept, struck through."), "success")
    return redirect(url_for("ledger.finding", finding_id=found.id))


@bp.route("/findings/<int:finding_id>/correction", methods=["GET", "POST"])
@login_required
@requires("file_claim")
def correct_finding(finding_id: int) -> Any:
    """The right finding in place of a mistaken one: the form comes filled with the mistaken one."""
    found = services.find(current_user, MsecFinding, finding_id)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        answer, values, errors = submitted(
            schemas.FindingCorrectionIn(),
            lambda loaded: services.correct_finding(current_user, found.id, loaded),
            _("The correction is recorded; the mistaken finding is voided and kept."),
            lambda new: url_for("ledger.finding", finding_id=new.id),
            extra={"victim_id": found.victim_id},  # a correction is of the same victim's finding
            **FINDING_FORM,
        )
        if answer is not None:
            return answer
    else:
        values = _finding_values(found)
    return render_template(
        "claims/finding_form.html",
        values=values,
        errors=errors,
        victims=victim_choices(),
        corrects=found,
        corrects_kind="finding",
    ), status_for_errors(errors)


def status_for_errors(errors: dict[str, list[str]]) -> int:
    return 422 if errors else 200
