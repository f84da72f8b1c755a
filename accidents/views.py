"""HTML pages of the investigation: load the form with the API's schema, call the service, answer.

Forms with repeated rows (victims, members, measures, witnesses, persons responsible)
post fields named like the API's error paths (``measures.0.due_date``), so field
errors land next to their input; a few blank rows are offered, more after saving.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from accidents import classifiers, consequences, measures, schemas, services, workflow
from accidents.deadlines import DeadlineState, NoticeState
from core import formatting
from core.auth.permissions import can
from core.classifiers import REGION_LABELS, SECTOR_LABELS, Role
from core.errors import Conflict, DomainError, Forbidden, FormErrors
from core.forms import form_value, load, parse_form, rows_used, status_for, submitted
from core.i18n import current_language
from core.labels import per_language, translated
from core.services import employer_choices, find

bp = Blueprint("accidents", __name__, url_prefix="/accidents")

BLANK_ROWS = {"victims": 3, "members": 3, "measures": 3, "witnesses": 2, "responsible_persons": 2}


# --- forms <-> data ---------------------------------------------------------------------------------


@bp.app_template_filter("isod")
def iso_display(value: str | None) -> str:
    """An ISO date (or local date-time) from an act's content, written as in Kyrgyz documents."""
    try:
        return formatting.moment(value) if value and "T" in value else formatting.day(value)
    except (TypeError, ValueError):
        return str(value)


@bp.app_template_filter("input_value")
def input_value(value: Any) -> Any:
    return form_value(value)


def values_of(
    obj: Any, fields: list[str], rows: dict[str, tuple[list[Any], list[str]]] | None = None
) -> dict[str, Any]:
    values = {name: form_value(getattr(obj, name)) for name in fields}
    for name, (items, item_fields) in (rows or {}).items():
        for i, item in enumerate(items):
            for field in item_fields:
                values[f"{name}.{i}.{field}"] = form_value(getattr(item, field))
    return values


def row_count(values: dict[str, Any], name: str) -> int:
    """Rows to draw: those with values, plus the blank ones offered."""
    return rows_used(values, name) + BLANK_ROWS[name]


@bp.app_template_global("accident_labels")
@per_language
def accident_labels(language: str) -> dict[str, Any]:
    """Classifiers for the templates, as plain strings in the user's language: built once per process
    and language (the classifiers never change), not a lazy string resolved again on every row."""
    plain = {
        "category": classifiers.CATEGORY_LABELS,
        "status": classifiers.STATUS_LABELS,
        "kind": classifiers.ACT_KIND_LABELS,
        "sex": classifiers.SEX_LABELS,
        "severity": classifiers.SEVERITY_LABELS,
        "intoxication": classifiers.INTOXICATION_LABELS,
        "role": classifiers.COMMISSION_ROLE_LABELS,
        "recipient": classifiers.RECIPIENT_LABELS,
        "method": classifiers.NOTIFICATION_METHOD_LABELS,
        "incident": classifiers.INCIDENT_TYPES,
        "cause": classifiers.CAUSES,
        "action": workflow.ACTION_LABELS,
        "outcome": classifiers.OUTCOME_LABELS,
        "injury_nature_code": classifiers.INJURY_NATURES,
        "body_part_code": classifiers.BODY_PARTS,
        "occupation_code": classifiers.OCCUPATIONS,
        "material_agent_code": classifiers.MATERIAL_AGENTS,
        "disability_group": classifiers.DISABILITY_GROUPS,
        "deadline": {
            DeadlineState.RUNNING: _("in progress"),
            DeadlineState.DUE_TODAY: _("due today"),
            DeadlineState.OVERDUE: _("overdue"),
            DeadlineState.MET: _("completed in time"),
            DeadlineState.LATE: _("completed late"),
        },
        "notice": {
            NoticeState.PENDING: _("to be sent"),
            NoticeState.OVERDUE: _("overdue"),
            NoticeState.SENT: _("sent in time"),
            NoticeState.SENT_LATE: _("sent late"),
        },
        "options": classifiers.options,
    }
    return {k: translated(v, language) if isinstance(v, dict) else v for k, v in plain.items()}


# --- the list ---------------------------------------------------------------------------------------


@bp.route("", endpoint="list")
@login_required
def list_accidents() -> Any:
    """Accidents in scope, filtered and paged in SQL; deadlines and overdue notices on every row."""
    values = {k: v for k, v in request.args.items() if v.strip()}
    errors: dict[str, list[str]] = {}
    try:
        filters = load(schemas.AccidentQuery(), values)
    except FormErrors as exc:
        errors, filters = exc.errors, None
    page = services.list_accidents(current_user, filters) if filters is not None else None
    employers = [] if Role(current_user.role) is Role.SAFETY_OFFICER else employer_choices(current_user)
    return render_template(
        "accidents/list.html",
        page=page,
        values=values,
        errors=errors,
        employers=employers,
        regions=REGION_LABELS,
        sectors=[(code, f"{code} — {label}") for code, label in SECTOR_LABELS.items()],
    ), (422 if errors else 200)


# --- reporting and editing the accident -------------------------------------------------------------

ACCIDENT_HEADER = ["occurred_at", "place", "category", "incident_type", "circumstances"]


@bp.route("/new", methods=["GET", "POST"])
@login_required
def report() -> Any:
    if not can(current_user, "report_accident"):
        raise Forbidden()
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    if request.method == "POST":
        answer, values, errors = submitted(
            schemas.AccidentIn(),
            lambda loaded: services.report_accident(current_user, loaded),
            _("The accident is recorded."),
            lambda accident: url_for("accidents.detail", accident_id=accident.id),
            rows=("victims",),
        )
        if answer is not None:
            return answer
    employers = employer_choices(current_user) if Role(current_user.role) is Role.ADMIN else []
    return render_template(
        "accidents/form.html",
        accident=None,
        values=values,
        errors=errors,
        employers=employers,
        victim_rows=row_count(values, "victims"),
    ), (422 if errors else 200)


def _form_page(
    accident_id: int,
    template: str,
    rows: tuple[str, ...],
    schema: Any,
    save: Any,
    done: str,
    stored: Any,
    shown: Any,
    warn: Any = None,
) -> Any:
    """A form page of the accident's: shown with what is stored (``stored(accident)``), saved and back to the
    accident, or shown again with the errors and the user's input; ``shown(values)`` adds what the template
    needs besides."""
    accident = find(services.get_accident, current_user, accident_id)
    if (refusal := _not_editable(accident)) is not None:
        return refusal
    errors: dict[str, list[str]] = {}
    status = 200
    if request.method == "POST":
        data, values = parse_form(request.form, rows=rows)
        try:
            saved = save(current_user, accident_id, load(schema, data))
        except DomainError as exc:
            errors, status = exc.errors, status_for(exc)
        else:
            flash(done, "success")
            for warning in warn(saved) if warn else []:
                flash(warning, "warning")  # saved, but what would stop the act at submission is said now
            return redirect(url_for("accidents.detail", accident_id=accident_id))
    else:
        values = stored(accident)
    return render_template(template, accident=accident, values=values, errors=errors, **shown(values)), status


@bp.route("/<int:accident_id>/edit", methods=["GET", "POST"])
@login_required
def edit(accident_id: int) -> Any:
    return _form_page(
        accident_id,
        "accidents/form.html",
        ("victims",),
        schemas.AccidentUpdate(),
        services.update_accident,
        _("The changes are saved."),
        stored=lambda accident: values_of(
            accident,
            [*ACCIDENT_HEADER, "version"],
            {"victims": (accident.victims, ["id", *services.VICTIM_FIELDS])},
        ),
        shown=lambda values: {"employers": [], "victim_rows": row_count(values, "victims")},
    )


@bp.route("/<int:accident_id>")
@login_required
def detail(accident_id: int) -> Any:
    return _detail(accident_id)


def _not_editable(accident: Any) -> Any:
    """Pages for changing the accident: only for those who may, and only while it may change."""
    if not can(current_user, "edit_accident"):
        raise Forbidden()
    if request.method == "GET" and accident.status not in services.ACCIDENT_EDITABLE:
        flash(str(services.ACCIDENT_LOCKED), "info")
        return redirect(url_for("accidents.detail", accident_id=accident.id))
    return None


def _detail(
    accident_id: int,
    errors: dict[str, list[str]] | None = None,
    status: int = 200,
    form_id: str | None = None,
) -> Any:
    """The accident's page; after a refused action, the form ``form_id`` shows its errors and input."""
    return render_template(
        "accidents/detail.html",
        **find(services.accident_page, current_user, accident_id),
        errors=errors or {},
        form_id=form_id,
        posted=request.form.to_dict() if form_id else {},
    ), status


@bp.route("/<int:accident_id>/commission", methods=["GET", "POST"])
@login_required
def commission(accident_id: int) -> Any:
    return _form_page(
        accident_id,
        "accidents/commission.html",
        ("members",),
        schemas.CommissionIn(),
        services.form_commission,
        _("The commission is recorded."),
        stored=_commission_values,
        shown=lambda values: {"member_rows": max(row_count(values, "members"), 5)},
        warn=services.commission_warnings,
    )


def _commission_values(accident: Any) -> dict[str, Any]:
    values = values_of(accident, ["version"], {"members": (accident.commission, services.MEMBER_FIELDS)})
    values["formed_on"] = form_value(accident.commission_formed_on)
    values["order_no"] = form_value(accident.commission_order_no)
    return values


def _on_page(accident_id: int, call: Any, done: str, form_id: str) -> Any:
    """``call()`` for a form posted from the accident's page: on a refusal the page shows why, next to
    the form ``form_id``; done, the page again with ``done`` said."""
    find(services.get_accident, current_user, accident_id)  # out of sight: 404, whatever was posted
    try:
        call()
    except DomainError as exc:
        return _detail(accident_id, exc.errors, status_for(exc), form_id)
    flash(done, "success")
    return redirect(url_for("accidents.detail", accident_id=accident_id))


def _action(accident_id: int, verb: Any, target_id: int, schema: Any, done: str, form_id: str) -> Any:
    """A small form posted from the accident's page, given to ``verb(user, target_id, data)``."""
    data, _values = parse_form(request.form)
    return _on_page(accident_id, lambda: verb(current_user, target_id, load(schema, data)), done, form_id)


@bp.route("/<int:accident_id>/extension", methods=["POST"])
@login_required
def extend(accident_id: int) -> Any:
    done = _("The investigation is extended.")
    return _action(
        accident_id, services.extend_investigation, accident_id, schemas.ExtensionIn(), done, "extension"
    )


@bp.route("/<int:accident_id>/notifications", methods=["POST"])
@login_required
def add_notification(accident_id: int) -> Any:
    done = _("The notice is recorded.")
    return _action(
        accident_id, services.add_notification, accident_id, schemas.NotificationNew(), done, "notice-new"
    )


@bp.route("/<int:accident_id>/notifications/sent", methods=["POST"])
@login_required
def record_notifications_sent(accident_id: int) -> Any:
    data, _values = parse_form(request.form, rows=("notices",))
    # A row whose box is not ticked (only its version and reference came) is not being sent.
    data["notices"] = [row for row in data.get("notices", []) if "id" in row]
    return _on_page(
        accident_id,
        lambda: services.record_notifications_sent(
            current_user, accident_id, load(schemas.NotificationsSent(), data)
        ),
        _("The notices are recorded as sent."),
        "notices-sent",
    )


@bp.route("/notifications/<int:notification_id>", methods=["POST"])
@login_required
def record_notification(notification_id: int) -> Any:
    notice = find(services.get_notification, current_user, notification_id)
    verb, schema, done = (
        services.record_notification,
        schemas.NotificationSent(),
        _("The notice is recorded."),
    )
    return _action(notice.accident_id, verb, notification_id, schema, done, f"notice-{notification_id}")


# --- acts -------------------------------------------------------------------------------------------

ACT_ROWS = {
    "measures": ["description", "due_date", "responsible"],
    "witnesses": ["full_name", "contact"],
    "responsible_persons": ["full_name", "post", "norms_violated"],
}


@bp.route("/acts/<int:act_id>")
@login_required
def act(act_id: int) -> Any:
    return _act_page(act_id)


def _act_page(
    act_id: int, errors: dict[str, list[str]] | None = None, status: int = 200, **extra: Any
) -> Any:
    page = services.act_page(current_user, act_id, current_language())
    extra.setdefault("consequence_values", _consequence_values(page["act"]))
    return render_template(
        "accidents/act.html",
        **page,
        errors=errors or {},
        may_record_consequence=can(current_user, "edit_accident"),
        may_verify_measures=can(current_user, "review_act"),
        **extra,
    ), status


@bp.route("/acts/<int:act_id>/edit", methods=["GET", "POST"])
@login_required
def edit_act(act_id: int) -> Any:
    act = find(services.get_act, current_user, act_id)
    if not can(current_user, "submit_act"):
        raise Forbidden()
    if request.method == "GET" and act.status not in workflow.EDITABLE:
        flash(_("The act cannot be changed in its present status."), "info")
        return redirect(url_for("accidents.act", act_id=act_id))
    errors: dict[str, list[str]] = {}
    status = 200
    if request.method == "POST":
        data, values = parse_form(
            request.form, rows=tuple(ACT_ROWS), multi=("contributing_causes",), blank_as_none=True
        )
        try:
            services.update_act(current_user, act_id, load(schemas.ActIn(), data))
        except DomainError as exc:
            errors, status = exc.errors, status_for(exc)
        else:
            flash(_("The act is saved."), "success")
            if request.form.get("then") == "submit":
                return _transition(act_id, {"action": "submit", "version": str(act.version)})
            return redirect(url_for("accidents.act", act_id=act_id))
    else:
        values = _act_values(act)
    return _act_form(act, values, errors, status)


def _act_values(act: Any) -> dict[str, Any]:
    return values_of(
        act,
        [*services.ACT_FIELDS, "version"],
        {name: (getattr(act, name), fields) for name, fields in ACT_ROWS.items()},
    )


def _act_form(act: Any, values: dict[str, Any], errors: dict[str, list[str]], status: int) -> Any:
    return render_template(
        "accidents/act_form.html",
        act=act,
        values=values,
        errors=errors,
        rows={name: row_count(values, name) for name in ACT_ROWS},
    ), status


@bp.route("/acts/<int:act_id>/transition", methods=["POST"])
@login_required
def transition(act_id: int) -> Any:
    find(services.get_act, current_user, act_id)
    data, _values = parse_form(request.form)
    return _transition(act_id, data)


def _transition(act_id: int, data: dict[str, Any]) -> Any:
    try:
        act = services.transition_act(current_user, act_id, load(schemas.TransitionIn(), data))
    except DomainError as exc:
        if data.get("action") == "submit" and not isinstance(exc, Conflict) and exc.status == 422:
            # What is missing is shown in the act's form, next to each field.
            act = find(services.get_act, current_user, act_id)
            if act.status in workflow.EDITABLE:
                return _act_form(act, _act_values(act), exc.errors, 422)
        return _act_page(act_id, exc.errors, status_for(exc))
    flash(_("Done: %(status)s.", status=classifiers.STATUS_LABELS[act.status]), "success")
    return redirect(url_for("accidents.act", act_id=act_id))


@bp.route("/acts/<int:act_id>/agreement", methods=["POST"])
@login_required
def agree(act_id: int) -> Any:
    find(services.get_act, current_user, act_id)
    data, _values = parse_form(request.form)
    try:
        services.agree_not_work_related(current_user, act_id, load(schemas.AgreementIn(), data))
    except DomainError as exc:
        return _act_page(act_id, exc.errors, status_for(exc))
    flash(_("The agreement is recorded."), "success")
    return redirect(url_for("accidents.act", act_id=act_id))


@bp.route("/acts/<int:act_id>/pdf")
@login_required
def act_pdf(act_id: int) -> Response:
    """The victim's copy (art. 223): the approved text; an act not yet approved prints as a draft."""
    return services.act_document(current_user, act_id, current_language()).response()


@bp.route("/revisions/<int:revision_id>")
@login_required
def revision(revision_id: int) -> Any:
    rev = find(services.get_revision, current_user, revision_id)
    return render_template(
        "accidents/revision.html",
        revision=rev,
        act=rev.act,
        c=services.labelled(rev.content, locale=current_language()),
    )


@bp.route("/revisions/<int:revision_id>/pdf")
@login_required
def revision_pdf(revision_id: int) -> Response:
    return services.revision_document(current_user, revision_id, current_language()).response()


# --- consequences (RU form 8) -----------------------------------------------------------------------


def _consequence_values(act: Any) -> dict[str, Any]:
    recorded = consequences.consequence_of(act)
    return values_of(recorded, [*consequences.FIELDS, "version"]) if recorded is not None else {}


@bp.route("/acts/<int:act_id>/consequences", methods=["POST"])
@login_required
def record_consequence(act_id: int) -> Any:
    """The officer's form 8 on the act's page: saved, or the page again with the errors and input."""
    find(services.get_act, current_user, act_id)
    data, values = parse_form(request.form)
    try:
        consequences.record_consequence(current_user, act_id, load(schemas.ConsequenceIn(), data))
    except DomainError as exc:
        return _act_page(
            act_id, status=status_for(exc), consequence_errors=exc.errors, consequence_values=values
        )
    flash(_("The consequences are recorded."), "success")
    return redirect(url_for("accidents.act", act_id=act_id))


# --- measures after the act -------------------------------------------------------------------------


def _measure_action(measure_id: int, call: Any, done: str) -> Any:
    measure = find(measures.get_measure, current_user, measure_id)
    act_id = measure.act_id
    try:
        call()
    except DomainError as exc:
        return _act_page(act_id, exc.errors, status_for(exc))
    flash(done, "success")
    return redirect(url_for("accidents.act", act_id=act_id) + "#measures-progress")


@bp.route("/measures/<int:measure_id>/completion", methods=["POST"])
@login_required
def complete_measure(measure_id: int) -> Any:
    data, _values = parse_form(request.form, blank_as_none=True)
    return _measure_action(
        measure_id,
        lambda: measures.record_completion(current_user, measure_id, load(schemas.CompletionIn(), data)),
        _("The measure's completion is recorded."),
    )


@bp.route("/measures/<int:measure_id>/verification", methods=["POST"])
@login_required
def verify_measure(measure_id: int) -> Any:
    return _measure_action(
        measure_id,
        lambda: measures.verify_completion(current_user, measure_id),
        _("The measure is verified."),
    )
