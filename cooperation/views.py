"""HTML pages of the cooperation agreement: parse the form with the API's schema, call one service, render.

Most forms are drawn from a list of fields (:class:`Field`) by one template, so a page and its API
operation cannot drift apart: both load the same schema, and a refused form is shown again with the
user's text and the errors next to the fields they name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import marshmallow as ma
from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from werkzeug.datastructures import MultiDict

from cooperation import classifiers as c
from cooperation import documents, schemas, services
from core import db
from core.auth.permissions import can, requires
from core.errors import DomainError, FormErrors
from core.formatting import PERIOD, month_name
from core.forms import form_value, load, parse_form, status_for
from core.services import employer_choices, find

bp = Blueprint("cooperation", __name__, url_prefix="/cooperation")


@dataclass(frozen=True)
class Field:
    name: str
    label: Any
    kind: str = "text"  # text, textarea, date, select, checkbox, number, file
    required: bool = False
    options: Callable[[], list[tuple[Any, Any]]] | None = None


def _employers() -> list[tuple[Any, Any]]:
    return employer_choices(current_user)


def _norms() -> list[tuple[Any, Any]]:
    return [(n.id, f"{n.act}, {n.article} — {n.title}") for n in services.norm_choices()]


def _choices(labels: dict[Any, Any]) -> Callable[[], list[tuple[Any, Any]]]:
    return lambda: c.options(labels)


OWNERS = {"state": _l("Service (state)"), "trade_union": _l("Inspection (trade unions)"), "both": _l("Both")}


def _owner_options() -> list[tuple[Any, Any]]:
    return [(k, str(v)) for k, v in OWNERS.items()]


def _form_data(schema: ma.Schema, form: MultiDict[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The posted form as the schema expects it, by the one form parser (core.forms.parse_form): its
    check boxes are the schema's booleans, its repeated rows the schema's lists."""
    booleans = [name for name, field in schema.fields.items() if isinstance(field, ma.fields.Boolean)]
    rows = [name for name, field in schema.fields.items() if isinstance(field, ma.fields.List)]
    return parse_form(form, rows=rows, booleans=booleans)


def _uploads() -> list[dict[str, Any]]:
    """Files posted with a form, as the services take them."""
    return [
        {
            "filename": f.filename,
            "content_type": f.mimetype or "application/octet-stream",
            "content": f.read(),
        }
        for f in request.files.getlist("files")
        if f and f.filename
    ]


def _form_page(
    title: Any,
    fields: list[Field],
    schema: ma.Schema,
    act: Callable[[dict[str, Any]], Any],
    done: Callable[[Any], str],
    intro: Any = None,
    defaults: dict[str, Any] | None = None,
    files: bool = False,
) -> Any:
    """A page with one form: shown, posted, re-shown with errors and the text kept, or done."""
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = dict(defaults or {})
    status = 200
    if request.method == "POST":
        data, values = _form_data(schema, request.form)
        try:
            loaded = load(schema, data)
            if files:
                loaded["attachments"] = _uploads()
            record = act(loaded)
        except DomainError as exc:
            errors, status = exc.errors, status_for(exc)
        else:
            flash(_("Saved."), "success")
            return redirect(done(record))
    return render_template(
        "cooperation/form.html",
        title=title,
        intro=intro,
        fields=fields,
        values=values,
        errors=errors,
        files=files,
    ), status


@bp.app_template_global()
def coop_labels() -> dict[str, Any]:
    return {
        "kind": c.INSPECTION_KIND_LABELS,
        "grounds": c.GROUNDS_LABELS,
        "severity": c.SEVERITY_LABELS,
        "order": c.ORDER_STATE_LABELS,
        "request_kind": c.REQUEST_KIND_LABELS,
        "request": c.REQUEST_STATE_LABELS,
        "complaint": c.COMPLAINT_STATUS_LABELS,
        "result": c.COMPLAINT_RESULT_LABELS,
        "decision": c.PROPOSAL_DECISION_LABELS,
        "event": c.EVENT_KIND_LABELS,
        "document": c.DOCUMENT_KIND_LABELS,
        "notice": c.NOTICE_KIND_LABELS,
        "inspectorate": c.PARTY_LABELS,
        "owner": OWNERS,
    }


# --- the hub and the agreement ----------------------------------------------------------------------


@bp.route("", endpoint="index")
@login_required
@requires("view_inspections")
def index() -> Any:
    """Inspectors: the agreement's standing and what is late on both sides; officers: their inspections."""
    if not can(current_user, "cooperate"):
        return redirect(url_for("cooperation.orders"))
    return render_template("cooperation/index.html", **services.home_page(current_user))


@bp.route("/agreement", methods=["GET", "POST"])
@login_required
@requires("cooperate")
def agreement() -> Any:
    record = services.agreement_in_force(current_user)
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    status = 200
    if request.method == "POST" and record is not None:
        data, values = _form_data(schemas.NoticeIn(), request.form)
        try:
            services.give_notice(current_user, record.id, load(schemas.NoticeIn(), data))
        except DomainError as exc:
            errors, status = exc.errors, status_for(exc)
        else:
            flash(_("The written notice is recorded."), "success")
            return redirect(url_for("cooperation.agreement"))
    return render_template(
        "cooperation/agreement.html", agreement=record, values=values, errors=errors
    ), status


# --- inspections ------------------------------------------------------------------------------------

INSPECTION_FORM = [
    Field("employer_id", _l("Employer"), "select", True, _employers),
    Field("kind", _l("Kind of inspection"), "select", True, _choices(c.INSPECTION_KIND_LABELS)),
    Field("grounds", _l("Grounds"), "select", True, _choices(c.GROUNDS_LABELS)),
    Field("accident_id", _l("Accident No. (if the grounds are an accident)"), "number"),
    Field("complaint_id", _l("Complaint No."), "number"),
    Field("request_id", _l("Request No."), "number"),
    Field("plan_proposal_id", _l("Plan entry No."), "number"),
    Field("inspectors", _l("Inspectors (of both inspectorates for a joint inspection)"), "text", True),
    Field("starts_on", _l("Start date"), "date", True),
    Field("ends_on", _l("End date"), "date"),
    Field("subject", _l("Subject of the inspection"), "textarea", True),
    Field("findings", _l("Findings"), "textarea"),
    Field(
        "restricted",
        _l("Restricted by law (art. 3.1): only our inspectorate and those we share it with"),
        "checkbox",
    ),
]


@bp.route("/inspections")
@login_required
@requires("view_inspections")
def inspections() -> Any:
    values = {k: v for k, v in request.args.items() if v.strip()}
    try:
        filters = load(schemas.InspectionQuery(), values)
    except FormErrors as exc:
        return render_template(
            "cooperation/inspections.html", page=None, errors=exc.errors, values=values
        ), 422
    return render_template(
        "cooperation/inspections.html",
        page=services.list_inspections(current_user, filters),
        errors={},
        values=values,
    )


@bp.route("/inspections/new", methods=["GET", "POST"])
@login_required
@requires("cooperate")
def new_inspection() -> Any:
    return _form_page(
        _("New inspection"),
        INSPECTION_FORM,
        schemas.InspectionIn(),
        lambda data: services.open_inspection(current_user, data),
        lambda record: url_for("cooperation.inspection", inspection_id=record.id),
        intro=_("A joint inspection (art. 2.7) is one record: both inspectorates see it and both sign it."),
        defaults=dict(request.args),
    )


@bp.route("/inspections/<int:inspection_id>/edit", methods=["GET", "POST"])
@login_required
@requires("cooperate")
def edit_inspection(inspection_id: int) -> Any:
    """Correct an inspection before anyone signs it; afterwards its act stands as issued."""
    record = find(services.get_inspection, current_user, inspection_id)
    if record.signatures:
        flash(_("One inspectorate has signed already: the act is no longer changed."), "info")
        return redirect(url_for("cooperation.inspection", inspection_id=inspection_id))
    current = {name: record_value(getattr(record, name)) for name in services.INSPECTION_FIELDS}
    return _form_page(
        _("Inspection No. %(id)s", id=inspection_id),
        [*INSPECTION_FORM, Field("version", "", "hidden")],
        schemas.InspectionUpdate(),
        lambda data: services.update_inspection(current_user, inspection_id, data),
        lambda _record: url_for("cooperation.inspection", inspection_id=inspection_id),
        defaults={**current, "version": str(record.version)},
    )


def record_value(value: Any) -> str:
    """A stored value as the cooperation forms show it (a ticked box posts "1")."""
    return str(form_value(value, on="1", off=""))


@bp.route("/inspections/<int:inspection_id>")
@login_required
def inspection(inspection_id: int) -> Any:
    return _inspection_page(inspection_id)


def _inspection_page(
    inspection_id: int, form: str | None = None, errors: dict[str, Any] | None = None, status: int = 200
) -> Any:
    record = services.read_inspection(current_user, inspection_id)
    return render_template(
        "cooperation/inspection.html",
        inspection=record,
        norms=_norms() if can(current_user, "cooperate") else [],
        **services.record_trail(current_user, "coop_inspection", record.id),
        form=form,
        errors=errors or {},
        values=request.form if form else {},
    ), status


def _inspection_action(
    inspection_id: int, form: str, schema: ma.Schema, act: Callable[[dict[str, Any]], Any]
) -> Any:
    find(services.get_inspection, current_user, inspection_id)  # out of sight: 404 first
    data, _values = _form_data(schema, request.form)
    try:
        act(load(schema, data))
    except DomainError as exc:
        return _inspection_page(inspection_id, form, exc.errors, status_for(exc))
    flash(_("Saved."), "success")
    return redirect(url_for("cooperation.inspection", inspection_id=inspection_id))


@bp.route("/inspections/<int:inspection_id>/violations", methods=["POST"])
@login_required
@requires("cooperate")
def add_violation(inspection_id: int) -> Any:
    return _inspection_action(
        inspection_id,
        "violation",
        schemas.ViolationIn(),
        lambda data: services.add_violation(current_user, inspection_id, data),
    )


@bp.route("/inspections/<int:inspection_id>/orders", methods=["POST"])
@login_required
@requires("cooperate")
def add_order(inspection_id: int) -> Any:
    return _inspection_action(
        inspection_id,
        "order",
        schemas.OrderIn(),
        lambda data: services.add_order(current_user, inspection_id, data),
    )


@bp.route("/inspections/<int:inspection_id>/sign", methods=["POST"])
@login_required
@requires("cooperate")
def sign(inspection_id: int) -> Any:
    return _inspection_action(
        inspection_id,
        "sign",
        schemas.SignIn(),
        lambda data: services.sign_inspection(current_user, inspection_id, data),
    )


@bp.route("/inspections/<int:inspection_id>/share", methods=["POST"])
@login_required
@requires("cooperate")
def share_inspection(inspection_id: int) -> Any:
    return _inspection_action(
        inspection_id,
        "share",
        schemas.ShareIn(),
        lambda data: services.share(current_user, "coop_inspection", inspection_id, data),
    )


@bp.route("/orders/<int:order_id>/fulfilment", methods=["POST"])
@login_required
@requires("cooperate")
def fulfil(order_id: int) -> Any:
    order = find(services.get_order, current_user, order_id)
    return _inspection_action(
        order.inspection_id,
        f"fulfil-{order_id}",
        schemas.FulfilmentIn(),
        lambda data: services.fulfil_order(current_user, order_id, data),
    )


@bp.route("/orders/<int:order_id>/extension", methods=["POST"])
@login_required
@requires("cooperate")
def extend(order_id: int) -> Any:
    order = find(services.get_order, current_user, order_id)
    return _inspection_action(
        order.inspection_id,
        f"extend-{order_id}",
        schemas.OrderExtensionIn(),
        lambda data: services.extend_order(current_user, order_id, data),
    )


@bp.route("/orders")
@login_required
@requires("view_inspections")
def orders() -> Any:
    values = {k: v for k, v in request.args.items() if v.strip()}
    try:
        filters = load(schemas.OrderQuery(), values)
    except FormErrors as exc:
        return render_template("cooperation/orders.html", page=None, errors=exc.errors, values=values), 422
    return render_template(
        "cooperation/orders.html", page=services.list_orders(current_user, filters), errors={}, values=values
    )


@bp.route("/violations")
@login_required
@requires("view_inspections")
def violations() -> Any:
    values = {k: v for k, v in request.args.items() if v.strip()}
    try:
        filters = load(schemas.ViolationQuery(), values)
    except FormErrors as exc:
        return render_template(
            "cooperation/violations.html", page=None, errors=exc.errors, values=values, norms=_norms()
        ), 422
    return render_template(
        "cooperation/violations.html",
        page=services.list_violations(current_user, filters),
        errors={},
        values=values,
        norms=_norms(),
    )


@bp.route("/norms", methods=["GET", "POST"])
@login_required
@requires("cooperate")
def norms() -> Any:
    return _form_page(
        _("Register of norms"),
        [
            Field("act", _l("Normative act"), "text", True),
            Field("article", _l("Article, part, clause"), "text", True),
            Field("title", _l("What the norm requires"), "textarea", True),
        ],
        schemas.NormIn(),
        lambda data: services.add_norm(current_user, data),
        lambda _record: url_for("cooperation.norms"),
        intro=_(
            "Norms in the register: %(n)s. Add the act and article a violation is recorded against.",
            n=len(_norms()),
        ),
    )


# --- requests ---------------------------------------------------------------------------------------


@bp.route("/requests")
@login_required
@requires("cooperate")
def requests_list() -> Any:
    values = {k: v for k, v in request.args.items() if v.strip()}
    try:
        filters = load(schemas.RequestQuery(), values)
    except FormErrors as exc:
        return render_template("cooperation/requests.html", page=None, errors=exc.errors, values=values), 422
    return render_template(
        "cooperation/requests.html",
        page=services.list_requests(current_user, filters),
        errors={},
        values=values,
    )


@bp.route("/requests/new", methods=["GET", "POST"])
@login_required
@requires("cooperate")
def new_request() -> Any:
    return _form_page(
        _("New request to the other inspectorate"),
        [
            Field("kind", _l("What is asked (art. 2.2)"), "select", True, _choices(c.REQUEST_KIND_LABELS)),
            Field("subject", _l("Subject"), "text", True),
            Field("body", _l("Text of the request"), "textarea", True),
            Field("due_on", _l("Answer due by"), "date", True),
            Field("employer_id", _l("Employer concerned"), "select", False, _employers),
            Field("restricted", _l("Restricted by law (art. 3.1)"), "checkbox"),
        ],
        schemas.RequestIn(),
        lambda data: services.send_request(current_user, data),
        lambda record: url_for("cooperation.request_detail", request_id=record.id),
    )


@bp.route("/requests/<int:request_id>", methods=["GET", "POST"])
@login_required
@requires("cooperate")
def request_detail(request_id: int) -> Any:
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    status = 200
    if request.method == "POST":
        find(services.get_request, current_user, request_id)
        data, values = _form_data(schemas.AnswerIn(), request.form)
        try:
            loaded = load(schemas.AnswerIn(), data)
            loaded["attachments"] = _uploads()
            services.answer_request(current_user, request_id, loaded)
        except DomainError as exc:
            errors, status = exc.errors, status_for(exc)
        else:
            flash(_("The answer is sent."), "success")
            return redirect(url_for("cooperation.request_detail", request_id=request_id))
    record = services.read_request(current_user, request_id)
    return render_template(
        "cooperation/request.html",
        req=record,
        entries=services.record_trail(current_user, "coop_request", record.id)["entries"],
        errors=errors,
        values=values,
    ), status


@bp.route("/attachments/<int:coop_attachment_id>")
@login_required
@requires("cooperate")
def attachment(coop_attachment_id: int) -> Any:
    from urllib.parse import quote

    file = find(services.get_attachment, current_user, coop_attachment_id)
    return Response(
        file.content,
        mimetype="application/octet-stream",
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(file.filename, safe='')}"},
    )


# --- complaints -------------------------------------------------------------------------------------


@bp.route("/complaints")
@login_required
@requires("cooperate")
def complaints() -> Any:
    values = {k: v for k, v in request.args.items() if v.strip()}
    filters = load(schemas.ListQuery(), values) if not set(values) - {"page", "per_page"} else {}
    return render_template(
        "cooperation/complaints.html", page=services.list_complaints(current_user, filters)
    )


@bp.route("/complaints/new", methods=["GET", "POST"])
@login_required
@requires("cooperate")
def new_complaint() -> Any:
    return _form_page(
        _("Register a complaint"),
        [
            Field("employer_id", _l("Employer"), "select", True, _employers),
            Field("complainant", _l("Complainant"), "text", True),
            Field("contact", _l("Contact")),
            Field("received_on", _l("Received on"), "date", True),
            Field("review_due_on", _l("Review due by"), "date", True),
            Field("subject", _l("Subject"), "text", True),
            Field("text", _l("Text of the complaint"), "textarea", True),
            Field(
                "restricted",
                _l("Restricted by law (art. 3.1): the source of a complaint is confidential"),
                "checkbox",
            ),
        ],
        schemas.ComplaintIn(),
        lambda data: services.register_complaint(current_user, data),
        lambda record: url_for("cooperation.complaint", complaint_id=record.id),
        defaults={"restricted": "1"},
    )


@bp.route("/complaints/<int:complaint_id>", methods=["GET", "POST"])
@login_required
@requires("cooperate")
def complaint(complaint_id: int) -> Any:
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    status = 200
    if request.method == "POST":
        find(services.get_complaint, current_user, complaint_id)
        schema: ma.Schema = schemas.ShareIn() if request.form.get("form") == "share" else schemas.ReviewIn()
        data, values = _form_data(schema, request.form)
        data.pop("form", None)
        try:
            loaded = load(schema, data)
            if isinstance(schema, schemas.ShareIn):
                services.share(current_user, "coop_complaint", complaint_id, loaded)
            else:
                services.review_complaint(current_user, complaint_id, loaded)
        except DomainError as exc:
            errors, status = exc.errors, status_for(exc)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("cooperation.complaint", complaint_id=complaint_id))
    record = services.read_complaint(current_user, complaint_id)
    return render_template(
        "cooperation/complaint.html",
        complaint=record,
        **services.record_trail(current_user, "coop_complaint", record.id),
        errors=errors,
        values=values,
    ), status


# --- plan proposals ---------------------------------------------------------------------------------


@bp.route("/plan", methods=["GET", "POST"])
@login_required
@requires("cooperate")
def plan() -> Any:
    """The proposals of the Inspection and the Service's decisions; the accepted ones are the plan."""
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    status = 200
    form = request.form.get("form", "")
    if request.method == "POST":
        try:
            if form.startswith("decide-"):
                proposal_id = (
                    int(form.removeprefix("decide-")) if form.removeprefix("decide-").isdigit() else 0
                )
                find(services.get_proposal, current_user, proposal_id)
                data, values = _form_data(schemas.DecisionIn(), request.form)
                data.pop("form", None)
                services.decide_proposal(current_user, proposal_id, load(schemas.DecisionIn(), data))
            else:
                data, values = _form_data(schemas.ProposalIn(), request.form)
                data.pop("form", None)
                services.propose(current_user, load(schemas.ProposalIn(), data))
        except DomainError as exc:
            if exc.status == 404:
                raise
            errors, status = exc.errors, status_for(exc)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("cooperation.plan"))
    values_q = {k: v for k, v in request.args.items() if v.strip() and k in ("page", "year", "decision")}
    try:
        filters = load(schemas.ProposalQuery(), values_q)
    except FormErrors:
        filters = {}
    return render_template(
        "cooperation/plan.html",
        page=services.list_proposals(current_user, filters),
        employers=_employers(),
        form=form,
        errors=errors,
        values=values,
        next_year=db.today_bishkek().year + 1,
    ), status


# --- joint work -------------------------------------------------------------------------------------


@bp.route("/joint")
@login_required
@requires("cooperate")
def joint() -> Any:
    everything = {"per_page": 50}
    return render_template(
        "cooperation/joint.html",
        groups=services.list_groups(current_user, everything).items,
        plans=services.list_plans(current_user, everything).items,
        events=services.list_events(current_user, everything).items,
        documents=services.list_documents(current_user, everything).items,
    )


def _to_joint(_record: Any) -> str:
    return url_for("cooperation.joint")


@bp.route("/joint/groups/new", methods=["GET", "POST"])
@login_required
@requires("cooperate")
def new_group() -> Any:
    return _form_page(
        _("New joint working group (art. 1.5)"),
        [
            Field("name", _l("Name"), "text", True),
            Field("purpose", _l("Purpose"), "textarea", True),
            Field("permanent", _l("Permanent (otherwise temporary)"), "checkbox"),
            Field("formed_on", _l("Formed on"), "date", True),
            Field("members", _l("Members from each party"), "textarea", True),
        ],
        schemas.WorkingGroupIn(),
        lambda data: services.form_group(current_user, data),
        _to_joint,
    )


@bp.route("/joint/plans/new", methods=["GET", "POST"])
@login_required
@requires("cooperate")
def new_plan() -> Any:
    items = []
    for i in range(5):
        items += [
            Field(f"items.{i}.description", _l("Measure %(n)s", n=i + 1), "text", i == 0),
            Field(f"items.{i}.owner", _l("Owner"), "select", i == 0, _owner_options),
            Field(f"items.{i}.responsible", _l("Responsible"), "text", i == 0),
            Field(f"items.{i}.due_on", _l("Due by"), "date", i == 0),
        ]
    return _form_page(
        _("New joint plan of measures (art. 2.4)"),
        [
            Field("title", _l("Title"), "text", True),
            Field("period_from", _l("Period from"), "date", True),
            Field("period_to", _l("Period to"), "date", True),
            Field("adopted_on", _l("Adopted on"), "date", True),
            *items,
        ],
        schemas.MeasurePlanIn(),
        lambda data: services.adopt_plan(current_user, data),
        _to_joint,
    )


@bp.route("/joint/items/<int:measure_item_id>/done", methods=["POST"])
@login_required
@requires("cooperate")
def item_done(measure_item_id: int) -> Any:
    find(services.get_item, current_user, measure_item_id)  # unknown: 404 before the form
    data, _values = _form_data(schemas.ItemDoneIn(), request.form)
    try:
        services.complete_item(current_user, measure_item_id, load(schemas.ItemDoneIn(), data))
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        flash(" ".join(m for msgs in exc.errors.values() for m in msgs), "error")
    return redirect(url_for("cooperation.joint"))


@bp.route("/joint/events/new", methods=["GET", "POST"])
@login_required
@requires("cooperate")
def new_event() -> Any:
    return _form_page(
        _("New joint event or consultation"),
        [
            Field("kind", _l("Kind"), "select", True, _choices(c.EVENT_KIND_LABELS)),
            Field("title", _l("Title"), "text", True),
            Field("held_on", _l("Held on"), "date", True),
            Field("place", _l("Place")),
            Field("organiser", _l("Organiser"), "select", True, lambda: c.options(c.PARTY_LABELS)),
            Field("participants", _l("Participants"), "textarea", True),
            Field("outcome", _l("Outcome"), "textarea"),
        ],
        schemas.EventIn(),
        lambda data: services.record_event(current_user, data),
        _to_joint,
    )


@bp.route("/joint/documents/new", methods=["GET", "POST"])
@login_required
@requires("cooperate")
def new_document() -> Any:
    return _form_page(
        _("New joint document (art. 2.5)"),
        [
            Field("kind", _l("Kind"), "select", True, _choices(c.DOCUMENT_KIND_LABELS)),
            Field("title", _l("Title"), "text", True),
            Field("prepared_on", _l("Prepared on"), "date", True),
            Field("summary", _l("Summary"), "textarea"),
            Field("files", _l("Files"), "file"),
        ],
        schemas.JointDocumentIn(),
        lambda data: services.add_document(current_user, data),
        _to_joint,
        files=True,
    )


# --- joint analysis (arts. 2.3, 2.4) ----------------------------------------------------------------

DIMENSION_LABELS = {
    "sector": _l("Sector"),
    "region": _l("Region"),
    "norm": _l("Norm"),
    "month": _l("Month"),
}
METRIC_LABELS = {
    "violations": _l("Violations"),
    "repeated": _l("of them repeated"),
    "complaints": _l("Complaints"),
    "orders": _l("Orders issued"),
    "orders_fulfilled": _l("Orders fulfilled"),
}


def _analysis_query() -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Period and dimension from the query string; bad values are named, never a 500."""
    from datetime import date

    today = db.today_bishkek()
    errors: dict[str, list[str]] = {}
    out: dict[str, Any] = {"date_from": date(today.year, 1, 1), "date_to": today, "by": "sector"}
    for name in ("date_from", "date_to"):
        raw = request.args.get(name, "").strip()
        if raw:
            try:
                out[name] = date.fromisoformat(raw)
            except ValueError:
                errors[name] = [_("Enter a date (YYYY-MM-DD).")]
    if out["date_to"] < out["date_from"]:
        errors["date_to"] = [_("The end is before the start.")]
    by = request.args.get("by", "sector")
    if by not in DIMENSION_LABELS:
        errors["by"] = [_("Choose one of the listed values.")]
    else:
        out["by"] = by
    return out, errors


def _analysis_table() -> tuple[dict[str, Any], dict[str, list[str]], list[list[Any]], list[tuple[str, int]]]:
    from reports import cooperation as analysis

    query, errors = _analysis_query()
    table, causes = analysis.joint_analysis(current_user, query["date_from"], query["date_to"], query["by"])
    return query, errors, table, causes


def _months_named(table: list[list[Any]]) -> list[list[Any]]:
    """The table by month as people name the months ("март 2026", Kyrgyz "март 2026" in its own
    words), not the engine's "2026-03" (issue 14); the workbook keeps its month cells instead."""
    locale = str(get_locale() or "ru")
    return [
        [month_name(row[0], locale) if PERIOD.fullmatch(str(row[0])) else row[0], *row[1:]] for row in table
    ]


@bp.route("/analysis")
@login_required
@requires("cooperate")
def analysis() -> Any:
    query, errors, table, causes = _analysis_table()
    if query["by"] == "month":
        table = _months_named(table)
    return render_template(
        "cooperation/analysis.html",
        query=query,
        values={k: str(v) for k, v in query.items()},
        errors=errors,
        table=table,
        causes=causes,
        dimensions=DIMENSION_LABELS,
        metrics=METRIC_LABELS,
    ), (422 if errors else 200)


@bp.route("/analysis.csv", defaults={"fmt": "csv"}, endpoint="analysis_csv")
@bp.route("/analysis.xlsx", defaults={"fmt": "xlsx"}, endpoint="analysis_xlsx")
@bp.route("/analysis.pdf", defaults={"fmt": "pdf"}, endpoint="analysis_pdf")
@login_required
@requires("cooperate")
def analysis_export(fmt: str) -> Any:
    """The same table as CSV, XLSX or PDF, for the joint reviews of art. 2.3."""
    query, errors, table, causes = _analysis_table()
    if errors:
        return Response(
            "; ".join(m for msgs in errors.values() for m in msgs), status=422, mimetype="text/plain"
        )
    header = [str(DIMENSION_LABELS[query["by"]]), *(str(v) for v in METRIC_LABELS.values())]
    name = f"joint-analysis-{query['date_from']}-{query['date_to']}-{query['by']}"
    if query["by"] == "month" and fmt != "xlsx":
        table = _months_named(table)
    if fmt == "csv":
        content: Any = documents.analysis_csv(header, table, causes)
        mimetype = "text/csv"
    elif fmt == "pdf":
        content = documents.analysis_pdf(query["date_from"], query["date_to"], header, table, causes)
        mimetype = "application/pdf"
    else:
        content = documents.analysis_xlsx(header, table, causes, by_month=query["by"] == "month")
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(
        content, mimetype=mimetype, headers={"Content-Disposition": f"attachment; filename={name}.{fmt}"}
    )
