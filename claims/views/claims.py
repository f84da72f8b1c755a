"""Claims (arts. 254, 257): the list, a new claim and its correction, the claim's file, and what is
recorded on it afterwards: documents received, a survivor's right ended, court rulings, scans."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from werkzeug.datastructures import MultiDict

from claims import schemas, services
from claims.models import Claim
from claims.views import bp
from claims.views.common import (
    flash_refusal,
    int_arg,
    listing,
    reader,
    small_int,
    today,
    upload,
    victim_choices,
)
from core.auth.permissions import requires
from core.classifiers import REGION_LABELS
from core.errors import DomainError
from core.formatting import day
from core.forms import form_value, load, parse_form, rows_used, status_for

#: Earnings rows offered: art. 238 counts the 12 months before the reference month, and up to two
#: more rows let the victim replace months they exclude (art. 237).
EARNINGS_ROWS = 14
SURVIVOR_ROWS = 3
CLAIM_BOOLEANS = (
    "documents_unavailable",
    "source_of_increased_danger",
    "employer_fault",
    "force_majeure",
    "victim_intent",
    "late_claim_due_to_employer",
)
#: Sums a court may set beside the employer's decision (arts. 248, 253, 259, 271).
RULING_AMOUNTS = {
    "moral_damage": _l("Moral damage (arts. 248, 253)"),
    "burial": _l("Burial costs (art. 271)"),
    "arrears": _l("Arrears awarded"),
    "costs": _l("Legal costs"),
}


@bp.route("/claims")
@login_required
@reader
def claims() -> Any:
    """Claims in scope by status; "overdue": still undecided after the ten days of art. 257."""
    return listing("claims/claims.html", schemas.ClaimArgs(), services.claims_page)


# --- the claim form and its data -------------------------------------------------------------------------


def _claim_documents(
    form: MultiDict[str, str], case_type: str
) -> tuple[list[dict[str, Any]], dict[str, Any], dict[int, str]]:
    """Art. 254's checklist for the case type: each document with the day it was received (blank: missing)."""
    codes = services.CLAIM_DOCUMENTS.get(case_type) or services.CLAIM_DOCUMENTS["injury"]
    rows: list[dict[str, Any]] = []
    values: dict[str, Any] = {}
    index: dict[int, str] = {}
    for code, _case_types in services.documents_by_case_type():
        received = form.get(f"documents.{code}.received_on", "").strip()
        note = form.get(f"documents.{code}.note", "").strip()
        values[f"documents.{code}.received_on"] = received
        values[f"documents.{code}.note"] = note
        if code in codes:
            index[len(rows)] = code
            row: dict[str, Any] = {"code": code}
            if received:
                row["received_on"] = received
            if note:
                row["note"] = note
            rows.append(row)
    return rows, values, index


def _multipliers(form: MultiDict[str, str]) -> tuple[dict[str, str], dict[str, Any]]:
    """Art. 247: the collective agreement's multipliers by group, where the agreement sets them."""
    given = {g: form.get(f"one_off_multipliers.{g}", "").strip() for g in ("I", "II", "III")}
    return {g: v for g, v in given.items() if v}, {f"one_off_multipliers.{g}": v for g, v in given.items()}


def _rename_errors(errors: dict[str, list[str]], index: dict[int, str]) -> dict[str, list[str]]:
    """Errors of the documents' rows by code, and of the multipliers by group, as the form names them."""
    out: dict[str, list[str]] = {}
    for key, messages in errors.items():
        parts = key.split(".")
        if parts[0] == "documents" and len(parts) > 1 and parts[1].isdigit() and int(parts[1]) in index:
            key = ".".join(["documents", index[int(parts[1])], *parts[2:]])
        elif parts[0] == "one_off_multipliers" and parts[-1] in ("key", "value"):
            key = ".".join(parts[:-1])
        out.setdefault(key, []).extend(messages)
    return out


def _claim_form_data(form: MultiDict[str, str]) -> tuple[dict[str, Any], dict[str, Any], dict[int, str]]:
    """The posted claim form as (data for the schema, values to show again, document rows by index).

    A survivor's row carries its key hidden (payments name survivors by key); a row whose visible
    fields were all cleared is dropped, key and all, as any blank row is.
    """
    filled = {k.rsplit(".", 1)[0] for k, v in form.items(multi=True) if v.strip() and not k.endswith(".key")}
    scalar_form = MultiDict(
        [
            (k, v)
            for k, v in form.items(multi=True)
            if not k.startswith(("documents.", "one_off_"))
            and not (k.startswith("survivors.") and k.endswith(".key") and k.rsplit(".", 1)[0] not in filled)
        ]
    )
    data, values = parse_form(
        scalar_form, rows={"earnings": (), "survivors": ("grounds",)}, booleans=CLAIM_BOOLEANS
    )
    data["documents"], document_values, index = _claim_documents(form, data.get("case_type", ""))
    multipliers, multiplier_values = _multipliers(form)
    if multipliers:
        data["one_off_multipliers"] = multipliers
    values.update(document_values)
    values.update(multiplier_values)
    return data, values, index


#: A survivor's row of the form: the schema's fields, the grounds apart (a list of ticks).
SURVIVOR_FIELDS = tuple(name for name in schemas.SurvivorIn().fields if name != "grounds")


def _claim_values(claim: Claim) -> dict[str, Any]:
    """The stored claim as the form's values, to be corrected."""
    values: dict[str, Any] = {"victim_id": claim.victim_id}
    for name in (*services.CLAIM_FIELDS, "version"):
        if name in CLAIM_BOOLEANS:
            values[name] = bool(getattr(claim, name))
        elif name != "one_off_multipliers":
            values[name] = form_value(getattr(claim, name))
    for i, month in enumerate(claim.earnings):
        values[f"earnings.{i}.month"] = month.month
        values[f"earnings.{i}.amount"] = str(month.amount)
        values[f"earnings.{i}.exclude"] = month.exclude or ""
    for i, survivor in enumerate(claim.survivors):
        for name in SURVIVOR_FIELDS:
            values[f"survivors.{i}.{name}"] = form_value(getattr(survivor, name))
        values[f"survivors.{i}.grounds"] = list(survivor.grounds or [])
    for document in claim.documents:
        values[f"documents.{document.code}.received_on"] = form_value(document.received_on)
        values[f"documents.{document.code}.note"] = form_value(document.note)
    for group, multiplier in (claim.one_off_multipliers or {}).items():
        values[f"one_off_multipliers.{group}"] = str(multiplier)
    return values


def _claim_form(
    claim: Claim | None, values: dict[str, Any], errors: dict[str, list[str]], status: int
) -> Any:
    """The claim form: a new claim, or the correction of ``claim``."""
    return render_template(
        "claims/claim_form.html",
        claim=claim,
        values=values,
        errors=errors,
        victims=victim_choices(),
        regions=REGION_LABELS,
        documents=services.documents_by_case_type(),
        earnings_rows=max(EARNINGS_ROWS, rows_used(values, "earnings")),
        survivor_rows=rows_used(values, "survivors") + SURVIVOR_ROWS,
    ), status


# --- a claim ----------------------------------------------------------------------------------------------


@bp.route("/claims/new", methods=["GET", "POST"])
@login_required
@requires("file_claim")
def new_claim() -> Any:
    """Register the claim with its documents (art. 254); the decision falls due in ten days (art. 257)."""
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        data, values, index = _claim_form_data(request.form)
        try:
            claim = services.file_claim(current_user, load(schemas.ClaimIn(), data))
        except DomainError as exc:
            errors = _rename_errors(exc.errors, index)
        else:
            flash(
                _(
                    "The claim is registered; the decision is due by %(date)s.",
                    date=day(claim.decision_due_on),
                ),
                "success",
            )
            return redirect(url_for("ledger.claim", claim_id=claim.id))
    else:
        victim_id = int_arg("victim_id")
        victim = services.approved_victim(current_user, victim_id)
        values = {
            "victim_id": victim_id or "",
            "case_type": "injury",
            "claimant_name": victim.full_name if victim else "",
            "claimant_relation": _("the injured person"),
            "filed_on": today().isoformat(),
            "region": current_user.employer.region if getattr(current_user, "employer", None) else "",
            "source_of_increased_danger": True,
            "employer_fault": True,
        }
    return _claim_form(None, values, errors, 422 if errors else 200)


@bp.route("/claims/<int:claim_id>/edit", methods=["GET", "POST"])
@login_required
@requires("file_claim")
def edit_claim(claim_id: int) -> Any:
    """Correct the claim's records (earnings, survivors, documents, liability) as the documents show them.

    The next decision is computed from the corrected records; orders already issued keep the case
    file they were computed from (art. 265 recalculations start from a new decision).
    """
    claim = services.find(current_user, Claim, claim_id)
    errors: dict[str, list[str]] = {}
    status = 200
    if request.method == "POST":
        data, values, index = _claim_form_data(request.form)
        data["victim_id"] = claim.victim_id
        try:
            loaded = load(schemas.ClaimUpdate(), data)
            version = loaded.pop("version")
            loaded.pop("victim_id", None)
            services.update_claim(current_user, claim_id, loaded, version)
        except DomainError as exc:
            errors, status = _rename_errors(exc.errors, index), status_for(exc)
        else:
            flash(_("The claim is corrected."), "success")
            return redirect(url_for("ledger.claim", claim_id=claim_id))
    else:
        values = _claim_values(claim)
    return _claim_form(claim, values, errors, status)


@bp.route("/claims/<int:claim_id>")
@login_required
@reader
def claim(claim_id: int) -> Any:
    """The claim's file: facts, art. 254 documents, the art. 257 deadline, decisions, payments, appeals."""
    return render_template(
        "claims/claim.html",
        **services.claim_file(current_user, claim_id, today()),
        RULING_AMOUNTS=RULING_AMOUNTS,
        today=today(),
    )


# --- what is recorded on a claim afterwards ---------------------------------------------------------------


@bp.route("/claims/<int:claim_id>/court-rulings", methods=["POST"])
@login_required
@reader
def court_ruling(claim_id: int) -> Any:
    """Record a court's ruling on the claim with the sums it set (art. 259)."""
    found = services.find(current_user, Claim, claim_id)
    amounts = {code: request.form.get(f"amounts.{code}", "").strip() for code in RULING_AMOUNTS}
    data = {
        "court": request.form.get("court", "").strip(),
        "case_number": request.form.get("case_number") or None,
        "ruled_on": request.form.get("ruled_on", ""),
        "summary": request.form.get("summary", "").strip(),
        "amounts": {code: value for code, value in amounts.items() if value},
    }
    try:
        services.record_court_ruling(current_user, found.id, load(schemas.CourtRulingIn(), data))
    except DomainError as exc:
        flash_refusal(exc)
    else:
        flash(_("The court ruling is recorded."), "success")
    return redirect(url_for("ledger.claim", claim_id=found.id) + "#court")


def _version(form: MultiDict[str, str]) -> int | None:
    """The ``version`` a form was rendered with (optimistic locking); none if absent or malformed."""
    return small_int(form.get("version", ""))


@bp.route("/claims/<int:claim_id>/survivor-right-ended", methods=["POST"])
@login_required
@requires("file_claim")
def survivor_right_ended(claim_id: int) -> Any:
    """Record that a survivor's right ended early; the next decision stops their share (arts. 251, 263)."""
    found = services.find(current_user, Claim, claim_id)
    try:
        data = load(schemas.RightEndedIn(), {**request.form.to_dict(), "version": _version(request.form)})
        services.end_survivor_right(
            current_user, found.id, data["key"], data["ended_on"], data["reason"], data["version"]
        )
    except DomainError as exc:
        flash_refusal(exc)
    else:
        flash(_("Recorded. Compute a new decision from the next month (art. 265)."), "success")
    return redirect(url_for("ledger.claim", claim_id=found.id))


@bp.route("/claims/<int:claim_id>/documents", methods=["POST"])
@login_required
@requires("file_claim")
def receive_document(claim_id: int) -> Any:
    """Tick off a document of art. 254 that arrived after the claim was filed."""
    found = services.find(current_user, Claim, claim_id)
    try:
        received_on = date.fromisoformat(request.form.get("received_on", ""))
    except ValueError:
        flash(_("Received on: a date as DD.MM.YYYY."), "error")
    else:
        try:
            services.receive_document(
                current_user,
                found.id,
                request.form.get("code", ""),
                received_on,
                request.form.get("note") or None,
                _version(request.form),
            )
        except DomainError as exc:
            flash_refusal(exc)
        else:
            flash(_("The document is marked as received."), "success")
    return redirect(url_for("ledger.claim", claim_id=found.id) + "#documents")


@bp.route("/claims/<int:claim_id>/attachments", methods=["POST"])
@login_required
def upload_attachment(claim_id: int) -> Any:
    """Keep a scan of a document with the claim (PDF, JPEG or PNG; checked by content, size-limited)."""
    found = services.find(current_user, Claim, claim_id)
    upload("claim", found.id, _("The scan is kept with the claim."))
    return redirect(url_for("ledger.claim", claim_id=found.id) + "#attachments")


@bp.route("/attachments/<int:attachment_id>")
@login_required
def attachment(attachment_id: int) -> Any:
    """A scan, for users whose scope includes its employer only."""
    found, path = services.attachment_file(current_user, attachment_id, current_app.config["UPLOAD_FOLDER"])
    return send_file(path, mimetype=found.content_type, as_attachment=True, download_name=found.filename)
