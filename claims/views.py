"""HTML pages of the compensation ledger (arts. 232, 254-270): findings, claims, decisions, payments,
statements and appeals.

Thin like every view here: the posted form is loaded with the API's own schema
(``compensation.schemas``), one service of ``compensation.services`` does the work
and the page answers. Scope is the services' (``get_scoped``): a record of another
employer is 404. A refused form is shown again, with its values and its field
errors, and status 422. Forms with repeated rows post fields named like the
schema's error paths (``earnings.3.amount``), so an error lands next to its input.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import NotFound

from accidents.classifiers import SEX_LABELS, Status
from accidents.models import Accident, Act, Victim
from calculator import documents as exports
from claims import documents, schemas, services, uploads
from claims.models import (
    Appeal,
    Claim,
    ClaimStatus,
    CourtRuling,
    Decision,
    DecisionKind,
    DecisionStatus,
    MsecFinding,
    Payment,
)
from claims.workflow import (
    APPEAL_STATUS_LABELS,
    CLAIM_STATUS_LABELS,
    DECISION_KIND_LABELS,
    DECISION_STATUS_LABELS,
)
from compensation import law
from core import audit, db, labels
from core.auth.permissions import can, employer_scope, requires
from core.classifiers import REGION_LABELS
from core.errors import DomainError, FormErrors
from core.fields import INT_MAX
from core.forms import load, parse_form, status_for

bp = Blueprint("ledger", __name__, url_prefix="/compensation")

#: Earnings rows offered: art. 238 counts the 12 months before the reference month, and up to two
#: more rows let the victim replace months they exclude (art. 237).
EARNINGS_ROWS = 14
SURVIVOR_ROWS = 3
#: A choice list stays a choice list: an officer sees their employer's victims, far fewer than this.
VICTIM_CHOICES = 1000
CLAIM_BOOLEANS = (
    "documents_unavailable",
    "source_of_increased_danger",
    "employer_fault",
    "force_majeure",
    "victim_intent",
)

# --- what the codes are called (the HTML layer's labels) -------------------------------------------------

DOCUMENT_LABELS = {
    "application": _l("Application for compensation"),
    "act_n1": _l("Act N-1 on the accident"),
    "msec_finding": _l("MSEC finding on the loss of capacity (art. 254, item 1)"),
    "earnings_certificate": _l("Certificate of earnings (art. 236)"),
    "medical_needs": _l("Finding on the need for rehabilitation (art. 254, item 2)"),
    "death_certificate": _l("Copy of the death certificate (art. 254, item 3)"),
    "dependants_certificate": _l("Certificate of the family and dependants (art. 254, item 4)"),
    "relationship_proof": _l("Birth certificates and proof of relationship (art. 254, item 5)"),
}
REASON_LABELS = {
    "initial": _l("first decision on the claim"),
    "reexamination": _l("re-examination by the MSEC (art. 265)"),
    "survivor_right_ended": _l("a survivor's right ended (art. 251)"),
    "posthumous_child": _l("a child born after the death (art. 251)"),
    "parameters_rise": _l("rise of the minimum wage or indexation (art. 234)"),
    "appeal": _l("decision on an appeal (art. 258)"),
    "court": _l("court ruling (art. 259)"),
}
RECOVERY_LABELS = {
    "bad_faith": _l("false documents or information of the recipient (art. 270)"),
    "counting_error": _l("counting error (art. 270)"),
}
REHABILITATION_LABELS = {
    "prosthetics": _l("prosthetics"),
    "sanatorium": _l("sanatorium treatment"),
    "transport": _l("special transport"),
    "medicines": _l("medicines"),
    "vocational": _l("vocational retraining"),
    "medical": _l("medical rehabilitation"),
}


@bp.app_template_global()
def ledger_labels() -> dict[str, Any]:
    return {
        "document": DOCUMENT_LABELS,
        "claim_status": CLAIM_STATUS_LABELS,
        "decision_status": DECISION_STATUS_LABELS,
        "decision_kind": DECISION_KIND_LABELS,
        "reason": REASON_LABELS,
        "recovery": RECOVERY_LABELS,
        "rehabilitation": REHABILITATION_LABELS,
        "appeal_status": APPEAL_STATUS_LABELS,
        "sex": SEX_LABELS,
        "case_type": labels.CASE_TYPE_LABELS,
        "ground": labels.GROUND_LABELS,
        "applies_to": labels.APPLIES_TO_LABELS,
        "component": labels.component,
    }


# --- forms <-> data ----------------------------------------------------------------------------------------


def _today() -> date:
    return db.today_bishkek()


def _page_no() -> int:
    raw = request.args.get("page", "1")
    return int(raw) if raw.isdigit() else 1


def _per_page() -> int:
    return int(current_app.config.get("PAGE_SIZE", 25))


def _reader(view: Callable[..., Any]) -> Callable[..., Any]:
    """The ledger is read by the employer's officers and by the inspectors who decide appeals (art. 258)."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not (can(current_user, "file_claim") or can(current_user, "decide_appeal")):
            abort(403)
        return view(*args, **kwargs)

    return wrapper


def _scoped(model: type[Any], record_id: int) -> Any:
    return services.get_scoped(db.session(), current_user, model, record_id)


# --- the injured persons a finding or a claim can be recorded for ------------------------------------------


def _approved_victims() -> sa.Select[Any]:
    """Injured persons whose act N-1 is approved, of employers in the user's scope (art. 254: the act
    goes with the claim). Scope is the same WHERE clause every service applies."""
    return (
        sa.select(Victim, Act, Accident)
        .join(Act, Act.victim_id == Victim.id)
        .join(Accident, Accident.id == Victim.accident_id)
        .where(Act.status == Status.APPROVED, employer_scope(current_user, Accident.employer_id))
    )


def victims_in_scope() -> list[tuple[int, str]]:
    """The choice of injured person on the finding and claim forms."""
    stmt = _approved_victims().order_by(Victim.full_name, Victim.id).limit(VICTIM_CHOICES)
    return [
        (
            victim.id,
            _(
                "%(name)s — accident of %(date)s, act No. %(act)s",
                name=victim.full_name,
                date=accident.occurred_at.date().strftime("%d.%m.%Y"),
                act=act.id,
            ),
        )
        for victim, act, accident in db.session().execute(stmt)
    ]


def _victim_or_404(victim_id: int | None) -> None:
    """A victim named in the address must be one of the user's: another employer's is not found."""
    if (
        victim_id is not None
        and db.session().execute(_approved_victims().where(Victim.id == victim_id)).first() is None
    ):
        raise NotFound()


def _int_arg(name: str) -> int | None:
    """A record id from the query string; anything else (or beyond 32 bits) is no id."""
    value = request.args.get(name, "")
    return int(value) if value.isdigit() and int(value) <= INT_MAX else None


# --- MSEC findings (art. 232) ------------------------------------------------------------------------------


@bp.route("/findings")
@login_required
@_reader
def findings() -> Any:
    """Findings in scope; re-examinations due within 30 days or lapsed, so none is missed (art. 265)."""
    values = {k: v for k, v in request.args.items() if v.strip()}
    errors: dict[str, list[str]] = {}
    page = None
    try:
        filters = load(schemas.FindingArgs(), {"per_page": _per_page(), **values})
    except FormErrors as exc:
        errors = exc.errors
    else:
        page = db.paginate(
            db.session(), services.findings_query(current_user, filters), filters["page"], filters["per_page"]
        )
    return render_template("claims/findings.html", page=page, values=values, errors=errors, today=_today()), (
        422 if errors else 200
    )


@bp.route("/findings/new", methods=["GET", "POST"])
@login_required
@requires("file_claim")
def new_finding() -> Any:
    """Record the MSEC finding the victim brought: the degree of lost capacity, the group, the care."""
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        data, values = parse_form(
            request.form, booleans=("care_special_medical", "care_household"), multi=("rehabilitation",)
        )
        try:
            finding = services.record_finding(current_user, load(schemas.FindingIn(), data))
        except DomainError as exc:
            errors = exc.errors
        else:
            flash(_("The MSEC finding is recorded."), "success")
            return redirect(url_for("ledger.finding", finding_id=finding.id))
    else:
        victim_id = _int_arg("victim_id")
        _victim_or_404(victim_id)
        values = {"victim_id": victim_id or "", "rehabilitation": []}
    return render_template(
        "claims/finding_form.html",
        values=values,
        errors=errors,
        victims=victims_in_scope(),
    ), (422 if errors else 200)


@bp.route("/findings/<int:finding_id>")
@login_required
@_reader
def finding(finding_id: int) -> Any:
    """A finding and its re-examination history: the chain of findings before and after it."""
    s = db.session()
    found = _scoped(MsecFinding, finding_id)
    before: list[MsecFinding] = []
    node = found
    while node.previous_id is not None and len(before) < 100:
        node = services.get_scoped(s, current_user, MsecFinding, node.previous_id)
        before.append(node)
    after: list[MsecFinding] = []
    node = found
    while len(after) < 100:
        following = s.scalar(
            sa.select(MsecFinding)
            .where(MsecFinding.previous_id == node.id, employer_scope(current_user, MsecFinding.employer_id))
            .order_by(MsecFinding.valid_from)
            .limit(1)
        )
        if following is None:
            break
        after.append(following)
        node = following
    claims = s.scalars(
        sa.select(Claim)
        .where(Claim.victim_id == found.victim_id, employer_scope(current_user, Claim.employer_id))
        .order_by(Claim.filed_on)
    ).all()
    return render_template(
        "claims/finding.html",
        finding=found,
        chain=[*reversed(before), found, *after],
        claims=claims,
        attachments=services.attachments_of(current_user, "finding", found.id),
        may_attach=services.may_attach(current_user),
        history=audit.history(s, "msec_finding", found.id) if can(current_user, "view_history") else None,
        today=_today(),
    )


# --- claims (arts. 254, 257) --------------------------------------------------------------------------------


@bp.route("/claims")
@login_required
@_reader
def claims() -> Any:
    """Claims in scope by status; "overdue": still undecided after the ten days of art. 257."""
    values = {k: v for k, v in request.args.items() if v.strip()}
    errors: dict[str, list[str]] = {}
    page = None
    try:
        filters = load(schemas.ClaimArgs(), {"per_page": _per_page(), **values})
    except FormErrors as exc:
        errors = exc.errors
    else:
        page = db.paginate(
            db.session(), services.claims_query(current_user, filters), filters["page"], filters["per_page"]
        )
    return render_template("claims/claims.html", page=page, values=values, errors=errors, today=_today()), (
        422 if errors else 200
    )


def _claim_documents(
    form: MultiDict[str, str], case_type: str
) -> tuple[list[dict[str, Any]], dict[str, Any], dict[int, str]]:
    """Art. 254's checklist for the case type: each document with the day it was received (blank: missing)."""
    codes = services.CLAIM_DOCUMENTS.get(case_type) or services.CLAIM_DOCUMENTS["injury"]
    rows: list[dict[str, Any]] = []
    values: dict[str, Any] = {}
    index: dict[int, str] = {}
    for code in dict.fromkeys(code for group in services.CLAIM_DOCUMENTS.values() for code in group):
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
                    date=claim.decision_due_on.strftime("%d.%m.%Y"),
                ),
                "success",
            )
            return redirect(url_for("ledger.claim", claim_id=claim.id))
    else:
        victim_id = _int_arg("victim_id")
        _victim_or_404(victim_id)
        victim = db.session().get(Victim, victim_id) if victim_id else None
        values = {
            "victim_id": victim_id or "",
            "case_type": "injury",
            "claimant_name": victim.full_name if victim else "",
            "claimant_relation": _("the injured person"),
            "filed_on": _today().isoformat(),
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
    claim = services.get_scoped(db.session(), current_user, Claim, claim_id)
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


def _claim_values(claim: Claim) -> dict[str, Any]:
    """The stored claim as the form's values, to be corrected."""
    values: dict[str, Any] = {"victim_id": claim.victim_id}
    for name in (*services.CLAIM_FIELDS, "version"):
        if name in CLAIM_BOOLEANS:
            values[name] = bool(getattr(claim, name))
        elif name != "one_off_multipliers":
            values[name] = _as_text(getattr(claim, name))
    for i, month in enumerate(claim.earnings):
        values[f"earnings.{i}.month"] = month.month
        values[f"earnings.{i}.amount"] = str(month.amount)
        values[f"earnings.{i}.exclude"] = month.exclude or ""
    survivor_fields = (
        "key",
        "full_name",
        "pin",
        "relation",
        "birth_date",
        "sex",
        "student_until",
        "disabled_until",
        "caring_until",
        "court_maintenance",
    )
    for i, survivor in enumerate(claim.survivors):
        for name in survivor_fields:
            values[f"survivors.{i}.{name}"] = _as_text(getattr(survivor, name))
        values[f"survivors.{i}.grounds"] = list(survivor.grounds or [])
    for document in claim.documents:
        values[f"documents.{document.code}.received_on"] = _as_text(document.received_on)
        values[f"documents.{document.code}.note"] = _as_text(document.note)
    for group, multiplier in (claim.one_off_multipliers or {}).items():
        values[f"one_off_multipliers.{group}"] = str(multiplier)
    return values


def _as_text(value: Any) -> str:
    """A stored value as a form field shows it: dates in ISO, blanks for None."""
    return "" if value is None else value.isoformat() if isinstance(value, date) else str(value)


def _claim_form(
    claim: Claim | None, values: dict[str, Any], errors: dict[str, list[str]], status: int
) -> Any:
    """The claim form: a new claim, or the correction of ``claim``."""
    return render_template(
        "claims/claim_form.html",
        claim=claim,
        values=values,
        errors=errors,
        victims=victims_in_scope(),
        regions=REGION_LABELS,
        documents=_document_checklist(),
        earnings_rows=max(EARNINGS_ROWS, _rows_used(values, "earnings")),
        survivor_rows=_rows_used(values, "survivors") + SURVIVOR_ROWS,
    ), status


def _document_checklist() -> list[tuple[str, list[str]]]:
    """Every document art. 254 names, with the case types it belongs to."""
    codes: dict[str, list[str]] = {}
    for case_type, group in services.CLAIM_DOCUMENTS.items():
        for code in group:
            codes.setdefault(code, []).append(case_type)
    return list(codes.items())


def _rows_used(values: dict[str, Any], name: str) -> int:
    used = {int(k.split(".")[1]) for k in values if k.startswith(f"{name}.") and k.split(".")[1].isdigit()}
    return max(used) + 1 if used else 0


def _deadline(claim: Claim, today: date) -> dict[str, Any]:
    """Art. 257: decided within ten days of the claim; undecided after that, it counts as refused."""
    undecided = claim.status == ClaimStatus.FILED
    days = (claim.decision_due_on - today).days
    if not undecided:
        state = "decided"
    elif days < 0:
        state = "overdue"
    elif days == 0:
        state = "due_today"
    else:
        state = "running"
    return {"due_on": claim.decision_due_on, "days": days, "state": state}


@bp.app_template_global()
def claim_deadline(claim: Claim) -> dict[str, Any]:
    return _deadline(claim, _today())


def _decisions(claim_id: int) -> list[Decision]:
    return list(
        db.session().scalars(
            sa.select(Decision).where(Decision.claim_id == claim_id).order_by(Decision.sequence.desc())
        )
    )


def _superseded_by(decisions: list[Decision]) -> dict[int, Decision]:
    return {d.supersedes_id: d for d in decisions if d.supersedes_id and d.status != DecisionStatus.DRAFT}


def _appeals(claim_id: int) -> list[Appeal]:
    return list(
        db.session().scalars(
            sa.select(Appeal).where(Appeal.claim_id == claim_id).order_by(Appeal.filed_on, Appeal.id)
        )
    )


def _recipients(claim: Claim) -> list[tuple[str, str]]:
    """Who is paid under the claim: the victim (injury) or each survivor (death, art. 249)."""
    if claim.case_type == "death":
        return [(s.key, f"{s.full_name} ({s.relation})") for s in claim.survivors]
    return [("victim", _("%(name)s (victim)", name=claim.victim.full_name))]


@bp.route("/claims/<int:claim_id>")
@login_required
@_reader
def claim(claim_id: int) -> Any:
    """The claim's file: facts, art. 254 documents, the art. 257 deadline, decisions, payments, appeals."""
    s = db.session()
    found = _scoped(Claim, claim_id)
    decisions = _decisions(found.id)
    payments = s.scalars(
        sa.select(Payment).where(Payment.claim_id == found.id).order_by(Payment.paid_on, Payment.id)
    ).all()
    received = {d.code: d for d in found.documents}
    checklist = [(code, received.get(code)) for code in services.CLAIM_DOCUMENTS.get(found.case_type, ())] + [
        (d.code, d)
        for d in found.documents
        if d.code not in services.CLAIM_DOCUMENTS.get(found.case_type, ())
    ]
    return render_template(
        "claims/claim.html",
        claim=found,
        checklist=checklist,
        missing=[code for code, doc in checklist if doc is None or doc.received_on is None],
        deadline=_deadline(found, _today()),
        decisions=decisions,
        superseded_by=_superseded_by(decisions),
        current=services.current_decision(s, found.id),
        has_draft=any(d.status == DecisionStatus.DRAFT for d in decisions),
        payments=payments,
        recipients=dict(_recipients(found)),
        appeals=_appeals(found.id),
        attachments=services.attachments_of(current_user, "claim", found.id),
        rulings=s.scalars(
            sa.select(CourtRuling).where(CourtRuling.claim_id == found.id).order_by(CourtRuling.ruled_on)
        ).all(),
        RULING_AMOUNTS=RULING_AMOUNTS,
        history=audit.history(s, "claim", found.id) if can(current_user, "view_history") else None,
        today=_today(),
    )


# --- decisions (art. 257) -----------------------------------------------------------------------------------


@bp.route("/claims/<int:claim_id>/decisions/new", methods=["GET", "POST"])
@login_required
@requires("issue_decision")
def new_decision(claim_id: int) -> Any:
    """Compute a draft decision from the claim's records with the one engine; nothing is issued yet.

    The frozen trace is written in Russian, the language of the employer's order (art. 257)
    it will be printed in, whatever the interface language of the officer who drafts it.
    """
    found = _scoped(Claim, claim_id)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        data, values = parse_form(request.form)
        try:
            loaded = load(schemas.DraftDecisionIn(), data)
            decision = services.draft_decision(
                current_user,
                found.id,
                loaded["calculation_date"],
                loaded["reason"],
                loaded.get("effective_from"),
                language="ru",
            )
        except DomainError as exc:
            errors = exc.errors
        else:
            flash(_("The decision is computed. Check it, then issue it."), "success")
            return redirect(url_for("ledger.decision", decision_id=decision.id))
    else:
        current = services.current_decision(db.session(), found.id)
        values = {
            "calculation_date": _today().isoformat(),
            "reason": "initial" if current is None else "reexamination",
        }
    return render_template(
        "claims/decision_form.html",
        claim=found,
        values=values,
        errors=errors,
        case_errors={k: v for k, v in errors.items() if k not in schemas.DraftDecisionIn().fields},
    ), (422 if errors else 200)


def _decision_page(decision_id: int, errors: dict[str, list[str]] | None = None, status: int = 200) -> Any:
    s = db.session()
    decision = _scoped(Decision, decision_id)
    found = s.get(Claim, decision.claim_id)
    siblings = _decisions(found.id)
    posted = request.form.to_dict() if errors else {}
    return render_template(
        "claims/decision.html",
        decision=decision,
        claim=found,
        superseded_by=_superseded_by(siblings).get(decision.id),
        awards=documents.awards(decision.result) if decision.kind == DecisionKind.AWARD else {},
        recipients=dict(_recipients(found)),
        result=decision.result if decision.kind == DecisionKind.AWARD else None,
        labels=labels,
        law=law,
        values=posted or {"issued_on": _today().isoformat()},
        errors=errors or {},
        attachments=services.attachments_of(current_user, "decision", decision.id),
        may_attach=services.may_attach(current_user),
        history=audit.history(s, "decision", decision.id) if can(current_user, "view_history") else None,
    ), status


@bp.route("/decisions/<int:decision_id>")
@login_required
@_reader
def decision(decision_id: int) -> Any:
    return _decision_page(decision_id)


@bp.route("/decisions/<int:decision_id>/issue", methods=["POST"])
@login_required
@requires("issue_decision")
def issue(decision_id: int) -> Any:
    """Issue the order: frozen from now on, its installments stored, the previous decision superseded."""
    _scoped(Decision, decision_id)
    data, _values = parse_form(request.form)
    try:
        loaded = load(schemas.IssueIn(), data)
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
    found = _scoped(Claim, claim_id)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        data, values = parse_form(request.form)
        try:
            loaded = load(schemas.RefusalIn(), data)
            refusal = services.refuse_claim(
                current_user, found.id, loaded["grounds"], loaded["number"], loaded.get("issued_on")
            )
        except DomainError as exc:
            errors = {("grounds" if k == "refusal_grounds" else k): v for k, v in exc.errors.items()}
        else:
            flash(_("The refusal is issued."), "success")
            return redirect(url_for("ledger.decision", decision_id=refusal.id))
    else:
        values = {"issued_on": _today().isoformat()}
    return render_template("claims/refusal_form.html", claim=found, values=values, errors=errors), (
        422 if errors else 200
    )


@bp.route("/decisions/<int:decision_id>/order.pdf")
@login_required
@_reader
def order_pdf(decision_id: int) -> Response:
    """The employer's order (art. 257) as handed to the claimant, in Russian; a draft prints as a draft."""
    decision = _scoped(Decision, decision_id)
    found = db.session().get(Claim, decision.claim_id)
    later = _superseded_by(_decisions(found.id)).get(decision.id)
    body = documents.order_pdf(decision, found, superseded_by=later)
    name = (
        f"order-{found.id}-{decision.sequence}{'-draft' if decision.status == DecisionStatus.DRAFT else ''}"
    )
    return Response(
        body,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}.pdf"'},
    )


# --- payments (arts. 264, 269, 270) -------------------------------------------------------------------------


@bp.route("/claims/<int:claim_id>/payments/new", methods=["GET", "POST"])
@login_required
@requires("record_payment")
def new_payment(claim_id: int) -> Any:
    """Record what was paid; a negative sum is a recovery, only on a ground art. 270 allows."""
    found = _scoped(Claim, claim_id)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        data, values = parse_form(request.form)
        try:
            loaded = load(schemas.PaymentIn(), data)
            if loaded["recipient"] not in dict(_recipients(found)):
                # services.record_payment takes any recipient; the ledger only knows the claim's.
                raise FormErrors({"recipient": [_("Not a recipient under this claim.")]})
            services.record_payment(current_user, found.id, loaded)
        except DomainError as exc:
            errors = exc.errors
        else:
            flash(_("The payment is recorded."), "success")
            return redirect(url_for("ledger.claim", claim_id=found.id) + "#payments")
    else:
        values = {"paid_on": _today().isoformat(), "applies_to": "periodic"}
        recipients = _recipients(found)
        if recipients:
            values["recipient"] = recipients[0][0]
    return render_template(
        "claims/payment_form.html",
        claim=found,
        values=values,
        errors=errors,
        recipients=_recipients(found),
        has_decision=services.current_decision(db.session(), found.id) is not None,
    ), (422 if errors else 200)


# --- documents of the claim: the art. 254 checklist and scanned copies ------------------------------------


#: Sums a court may set beside the employer's decision (arts. 248, 253, 259, 271).
RULING_AMOUNTS = {
    "moral_damage": _l("Moral damage (arts. 248, 253)"),
    "burial": _l("Burial costs (art. 271)"),
    "arrears": _l("Arrears awarded"),
    "costs": _l("Legal costs"),
}


@bp.route("/claims/<int:claim_id>/court-rulings", methods=["POST"])
@login_required
@_reader
def court_ruling(claim_id: int) -> Any:
    """Record a court's ruling on the claim with the sums it set (art. 259)."""
    found = _scoped(Claim, claim_id)
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
        flash(" ".join(m for messages in exc.errors.values() for m in messages), "error")
    else:
        flash(_("The court ruling is recorded."), "success")
    return redirect(url_for("ledger.claim", claim_id=found.id) + "#court")


@bp.route("/claims/<int:claim_id>/survivor-right-ended", methods=["POST"])
@login_required
@requires("file_claim")
def survivor_right_ended(claim_id: int) -> Any:
    """Record that a survivor's right ended early; the next decision stops their share (arts. 251, 263)."""
    found = _scoped(Claim, claim_id)
    try:
        data = load(schemas.RightEndedIn(), {**request.form.to_dict(), "version": _version(request.form)})
        services.end_survivor_right(
            current_user, found.id, data["key"], data["ended_on"], data["reason"], data["version"]
        )
    except DomainError as exc:
        flash(" ".join(m for messages in exc.errors.values() for m in messages), "error")
    else:
        flash(_("Recorded. Compute a new decision from the next month (art. 265)."), "success")
    return redirect(url_for("ledger.claim", claim_id=found.id))


def _version(form: MultiDict[str, str]) -> int | None:
    """The ``version`` a form was rendered with (optimistic locking); none if absent or malformed."""
    raw = form.get("version", "")
    return int(raw) if raw.isdigit() else None


@bp.route("/claims/<int:claim_id>/documents", methods=["POST"])
@login_required
@requires("file_claim")
def receive_document(claim_id: int) -> Any:
    """Tick off a document of art. 254 that arrived after the claim was filed."""
    found = _scoped(Claim, claim_id)
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
            flash(" ".join(m for messages in exc.errors.values() for m in messages), "error")
        else:
            flash(_("The document is marked as received."), "success")
    return redirect(url_for("ledger.claim", claim_id=found.id) + "#documents")


@bp.route("/claims/<int:claim_id>/attachments", methods=["POST"])
@login_required
def upload_attachment(claim_id: int) -> Any:
    """Keep a scan of a document with the claim (PDF, JPEG or PNG; checked by content, size-limited)."""
    found = _scoped(Claim, claim_id)
    _upload("claim", found.id, _("The scan is kept with the claim."))
    return redirect(url_for("ledger.claim", claim_id=found.id) + "#attachments")


@bp.route("/findings/<int:finding_id>/attachments", methods=["POST"])
@login_required
def upload_finding_attachment(finding_id: int) -> Any:
    """Keep the scanned MSEC certificate or programme with the finding."""
    found = _scoped(MsecFinding, finding_id)
    _upload("finding", found.id, _("The scan is kept with the finding."))
    return redirect(url_for("ledger.finding", finding_id=found.id) + "#attachments")


@bp.route("/decisions/<int:decision_id>/attachments", methods=["POST"])
@login_required
def upload_decision_attachment(decision_id: int) -> Any:
    """Keep the signed order, or the claimant's acknowledgement, with the decision."""
    found = _scoped(Decision, decision_id)
    _upload("decision", found.id, _("The scan is kept with the decision."))
    return redirect(url_for("ledger.decision", decision_id=found.id) + "#attachments")


def _upload(owner_type: str, owner_id: int, done: str) -> None:
    """Keep the posted scan with the record; a refused file is said in a flash, the page is shown again."""
    try:
        uploads.attach_posted(owner_type, owner_id)
    except DomainError as exc:
        flash(" ".join(m for messages in exc.errors.values() for m in messages), "error")
    else:
        flash(done, "success")


@bp.route("/attachments/<int:attachment_id>")
@login_required
def attachment(attachment_id: int) -> Any:
    """A scan, for users whose scope includes its employer only."""
    found, path = services.attachment_file(current_user, attachment_id, current_app.config["UPLOAD_FOLDER"])
    return send_file(path, mimetype=found.content_type, as_attachment=True, download_name=found.filename)


# --- the statement (art. 269) -------------------------------------------------------------------------------


def _for_recipient(result: dict[str, Any], recipient: str | None) -> dict[str, Any]:
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
    return {**result, "installments": rows, "totals": totals}


def _statement(
    claim_id: int,
) -> tuple[Claim, Decision | None, dict[str, Any] | None, dict[str, Any], dict[str, list[str]]]:
    """The claim, its current decision and the engine's statement as of the date asked (default today)."""
    found = _scoped(Claim, claim_id)
    values = {
        "as_of": request.args.get("as_of", "").strip() or _today().isoformat(),
        "recipient": request.args.get("recipient", "").strip(),
    }
    errors: dict[str, list[str]] = {}
    if values["recipient"] and values["recipient"] not in dict(_recipients(found)):
        errors["recipient"] = [_("Not a recipient under this claim.")]
    try:
        as_of = load(schemas.StatementArgs(), {"as_of": values["as_of"]})["as_of"]
    except FormErrors as exc:
        errors.update(exc.errors)
    decision = services.current_decision(db.session(), found.id)
    if errors or decision is None:
        return found, decision, None, values, errors
    try:
        _claim, decision, result = services.statement(current_user, found.id, as_of, _language())
    except DomainError as exc:
        return found, decision, None, values, exc.errors
    return found, decision, result, values, errors


def _language() -> str:
    """The statement's trace speaks the reader's language; frozen orders keep Russian."""
    return str(get_locale() or "ru")


@bp.route("/claims/<int:claim_id>/statement")
@login_required
@_reader
def statement(claim_id: int) -> Any:
    """Due, paid and outstanding, days overdue and art. 269 penalties (0.15 % a day), as of a date."""
    found, decision, result, values, errors = _statement(claim_id)
    return render_template(
        "claims/statement.html",
        claim=found,
        decision=decision,
        result=_for_recipient(result, values["recipient"]) if result else None,
        recipients=_recipients(found),
        recipient_names=dict(_recipients(found)),
        values=values,
        errors=errors,
        labels=labels,
        law=law,
    ), (422 if errors else 200)


@bp.route("/claims/<int:claim_id>/statement.pdf", defaults={"fmt": "pdf"}, endpoint="statement_pdf")
@bp.route("/claims/<int:claim_id>/statement.xlsx", defaults={"fmt": "xlsx"}, endpoint="statement_xlsx")
@login_required
@_reader
def statement_file(claim_id: int, fmt: str) -> Any:
    """The same statement as PDF or XLSX (compensation.exports lays out the engine's figures)."""
    found, decision, result, values, errors = _statement(claim_id)
    if errors or result is None or decision is None:
        return statement(claim_id)
    result = _for_recipient(result, values["recipient"])
    case = {**decision.case_file, "calculation_date": values["as_of"]}
    title = _(
        "Statement of compensation under claim No. %(id)s as of %(date)s", id=found.id, date=values["as_of"]
    )
    names = dict(_recipients(found))
    if fmt == "pdf":
        body, mimetype = exports.statement_pdf(case, result, title, names), "application/pdf"
    else:
        body = exports.statement_xlsx(case, result, title, names)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    suffix = f"-{values['recipient']}" if values["recipient"] else ""
    filename = f"statement-{found.id}-{values['as_of']}{suffix}.{fmt}"
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


# --- appeals (art. 258) ---------------------------------------------------------------------------------


@bp.route("/appeals")
@login_required
@_reader
def appeals() -> Any:
    """Appeals in scope, undecided first: the inspectorate's decision binds the employer (art. 258).

    The list is a plain scoped query: services offers no appeals query yet, and the
    scope is the same WHERE clause every service applies.
    """
    values = {k: v for k, v in request.args.items() if v.strip()}
    errors: dict[str, list[str]] = {}
    status = values.get("status")
    if status and status not in APPEAL_STATUS_LABELS:
        errors["status"] = [_("Not a status of an appeal.")]
    page_no = int(values["page"]) if values.get("page", "").isdigit() else 1
    stmt = sa.select(Appeal).where(employer_scope(current_user, Appeal.employer_id))
    if status and not errors:
        stmt = stmt.where(Appeal.status == status)
    stmt = stmt.order_by((Appeal.status != "filed"), Appeal.filed_on.desc(), Appeal.id.desc())
    page = db.paginate(db.session(), stmt, page_no, _per_page()) if not errors else None
    claims_by_id = (
        {
            c.id: c
            for c in db.session().scalars(
                sa.select(Claim).where(Claim.id.in_({a.claim_id for a in page.items}))
            )
        }
        if page
        else {}
    )
    return render_template(
        "claims/appeals.html", page=page, claims=claims_by_id, values=values, errors=errors
    ), (422 if errors else 200)


def _appealable(claim_id: int) -> list[tuple[int | str, str]]:
    """What can be appealed: an issued decision of the claim, or (blank) the deemed refusal of art. 257."""
    issued = [d for d in _decisions(claim_id) if d.status == DecisionStatus.ISSUED]
    return [
        (
            d.id,
            _(
                "order No. %(no)s of %(date)s",
                no=d.number or "—",
                date=d.issued_on.strftime("%d.%m.%Y") if d.issued_on else "—",
            ),
        )
        for d in issued
    ]


@bp.route("/claims/<int:claim_id>/appeals/new", methods=["GET", "POST"])
@login_required
@requires("decide_appeal")
def new_appeal(claim_id: int) -> Any:
    """Record the claimant's appeal, as the inspectorate received it (art. 258)."""
    found = _scoped(Claim, claim_id)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        data, values = parse_form(request.form)
        try:
            appeal = services.file_appeal(current_user, found.id, load(schemas.AppealIn(), data))
        except DomainError as exc:
            errors = exc.errors
        else:
            flash(_("The appeal is recorded."), "success")
            return redirect(url_for("ledger.appeal", appeal_id=appeal.id))
    else:
        current = services.current_decision(db.session(), found.id)
        values = {
            "decision_id": current.id if current else "",
            "inspectorate": getattr(current_user, "inspectorate", None) or "state",
            "filed_on": _today().isoformat(),
        }
    return render_template(
        "claims/appeal_form.html",
        claim=found,
        values=values,
        errors=errors,
        decisions=_appealable(found.id),
    ), (422 if errors else 200)


def _appeal_page(appeal_id: int, errors: dict[str, list[str]] | None = None, status: int = 200) -> Any:
    s = db.session()
    found = _scoped(Appeal, appeal_id)
    claim_ = s.get(Claim, found.claim_id)
    if errors:
        values: dict[str, Any] = request.form.to_dict()
    else:
        values = {"decided_on": _today().isoformat()}
    return render_template(
        "claims/appeal.html",
        appeal=found,
        claim=claim_,
        appealed=s.get(Decision, found.decision_id) if found.decision_id else None,
        resulting=s.get(Decision, found.resulting_decision_id) if found.resulting_decision_id else None,
        values=values,
        errors=errors or {},
        history=audit.history(s, "appeal", found.id) if can(current_user, "view_history") else None,
    ), status


@bp.route("/appeals/<int:appeal_id>")
@login_required
@_reader
def appeal(appeal_id: int) -> Any:
    return _appeal_page(appeal_id)


#: Art. 258: what the inspectorate may find differently from the employer; blank keeps the employer's.
APPEAL_CHANGE_BOOLEANS = ("source_of_increased_danger", "employer_fault", "force_majeure", "victim_intent")


@bp.route("/appeals/<int:appeal_id>/decision", methods=["POST"])
@login_required
@requires("decide_appeal")
def decide_appeal(appeal_id: int) -> Any:
    """The inspectorate's binding decision; granted, the claim is recomputed and the new order supersedes
    the old one at once (art. 258). The new decision's trace is frozen in Russian, like every order."""
    _scoped(Appeal, appeal_id)
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


# --- what is due this month (art. 264) and the archive (art. 272) ---------------------------------------


def _month_arg() -> tuple[str, dict[str, list[str]]]:
    month = request.args.get("month") or _today().strftime("%Y-%m")
    if not re.match(r"^\d{4}-(0[1-9]|1[0-2])$", month):
        return _today().strftime("%Y-%m"), {"month": [_("A month as YYYY-MM.")]}
    return month, {}


def _awards_in_scope() -> sa.Select[Any]:
    s = db.session()
    return services.open_awards(s).where(employer_scope(current_user, Decision.employer_id))


@bp.route("/payments-due")
@login_required
@_reader
def payments_due() -> Any:
    """What every employer in scope must pay in a month: its installments and all arrears, with penalties.

    The engine computes each award as of the month's end; the page pages over awards, the CSV
    (``?format=csv``) covers every award in scope, as ``flask payments due`` does for the country.
    """
    from claims import cli as ledger_cli

    month, errors = _month_arg()
    s = db.session()
    stmt = _awards_in_scope()
    if request.args.get("format") == "csv" and not errors:

        def rows() -> Iterable[str]:
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(ledger_cli.COLUMNS)
            awards = s.execute(stmt).all()
            for start in range(0, len(awards), 500):
                for employer, decision, item in services.due_rows(s, awards[start : start + 500], month):
                    writer.writerow(ledger_cli.row(employer, decision, item))
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
            yield buffer.getvalue()

        return Response(
            rows(),
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="payments-due-{month}.csv"'},
        )
    page = db.paginate(s, stmt, _page_no(), _per_page(), rows=True)
    lines = [] if errors else list(services.due_rows(s, page.items, month))
    by_employer: dict[str, Decimal] = {}
    for employer, _decision, item in lines:
        by_employer[employer.name] = by_employer.get(employer.name, Decimal(0)) + Decimal(item["outstanding"])
    return render_template(
        "claims/payments_due.html",
        month=month,
        errors=errors,
        lines=lines,
        labels=labels,
        by_employer=by_employer,
        page=page,
    ), (422 if errors else 200)


@bp.route("/archive")
@login_required
@requires("issue_decision")
def archive() -> Any:
    """Case files due for the state archive: two years after the last payment (art. 272)."""
    s = db.session()
    try:  # "due by" a later day, to plan the year's hand-overs
        as_of = date.fromisoformat(request.args.get("as_of", "")) if request.args.get("as_of") else _today()
    except ValueError:
        as_of = _today()
    page = db.paginate(s, services.archive_due_query(current_user, as_of), _page_no(), _per_page(), rows=True)
    return render_template(
        "claims/archive.html",
        rows=page.items,
        page=page,
        today=_today(),
        as_of=as_of,
    )


@bp.route("/claims/<int:claim_id>/archive-transfer", methods=["POST"])
@login_required
@requires("issue_decision")
def archive_transfer(claim_id: int) -> Any:
    """Record that the case file went to the state archive; the claim is closed."""
    found = _scoped(Claim, claim_id)
    try:
        data = load(schemas.ArchiveTransferIn(), request.form.to_dict())
        services.record_archive_transfer(current_user, found.id, data)
    except DomainError as exc:
        flash(" ".join(m for messages in exc.errors.values() for m in messages), "error")
    else:
        flash(_("The case file is recorded as handed to the archive."), "success")
    return redirect(url_for("ledger.archive"))
