"""JSON API of the cooperation agreement under /api/v1/cooperation: the same services and sight rules
as the pages. A record out of the caller's sight answers 404 before its body is read."""

from __future__ import annotations

from typing import Any

from flask import Response
from flask_login import current_user, login_required
from flask_smorest import Blueprint

from cooperation import schemas, services
from core import db
from core.api import scope_first
from core.auth.permissions import requires

blp = Blueprint(
    "cooperation_api",
    __name__,
    url_prefix="/api/v1/cooperation",
    description=(
        "Cooperation of the state labour inspection (Кызмат) and the trade unions' technical labour "
        "inspection (Инспекция) under their 2022 agreement: inspections, violations, orders, requests, "
        "complaints, plan proposals, joint work."
    ),
)

inspection_scope = scope_first(services.get_inspection, "inspection_id")
order_scope = scope_first(services.get_order, "order_id")
request_scope = scope_first(services.get_request, "request_id")
complaint_scope = scope_first(services.get_complaint, "complaint_id")
proposal_scope = scope_first(services.get_proposal, "proposal_id")


# --- the agreement and norms ------------------------------------------------------------------------


@blp.route("/agreement", methods=["GET"])
@blp.alt_response(403, response="FORBIDDEN")  # the services check the role (cooperate, view_inspections)
@blp.alt_response(404, response="NOT_FOUND")  # no agreement recorded yet
@login_required
@blp.response(200, schemas.AgreementOut)
def get_agreement() -> Any:
    """The agreement in force (or the latest): its term, whether it is in force today, when notice is due."""
    agreement = services.current_agreement(db.session(), current_user)
    if agreement is None:
        raise services.NotFound()
    return agreement


@blp.route("/agreement/<int:agreement_id>/notice", methods=["POST"])
@login_required
@requires("manage_employers")
@blp.arguments(schemas.NoticeIn)
@blp.response(200, schemas.AgreementOut)
def give_notice(data: dict[str, Any], agreement_id: int) -> Any:
    """Record a party's written notice not to extend (art. 3.4) or to terminate early (art. 3.5)."""
    return services.give_notice(current_user, agreement_id, data)


@blp.route("/norms", methods=["GET"])
@blp.alt_response(403, response="FORBIDDEN")  # the services check the role (cooperate, view_inspections)
@login_required
@blp.arguments(schemas.ListQuery, location="query", as_kwargs=True)
@blp.response(200, schemas.NormPage)
def list_norms(**filters: Any) -> Any:
    """The register of norms a violation is recorded against (act and article)."""
    return services.list_norms(current_user, filters)


@blp.route("/norms", methods=["POST"])
@login_required
@blp.arguments(schemas.NormIn)
@blp.response(201, schemas.NormOut)
def add_norm(data: dict[str, Any]) -> Any:
    return services.add_norm(current_user, data)


# --- inspections, violations, orders ----------------------------------------------------------------


@blp.route("/inspections", methods=["GET"])
@blp.alt_response(403, response="FORBIDDEN")  # the services check the role (cooperate, view_inspections)
@login_required
@blp.arguments(schemas.InspectionQuery, location="query", as_kwargs=True)
@blp.response(200, schemas.InspectionPage)
def list_inspections(**filters: Any) -> Any:
    """Inspections in sight: an officer's own employer's; restricted ones only to their inspectorate."""
    return services.list_inspections(current_user, filters)


@blp.route("/inspections", methods=["POST"])
@login_required
@blp.arguments(schemas.InspectionIn)
@blp.response(201, schemas.InspectionOut)
def open_inspection(data: dict[str, Any]) -> Any:
    """Open a planned, unplanned or joint (art. 2.7) inspection for the caller's inspectorate."""
    return services.open_inspection(current_user, data)


@blp.route("/inspections/<int:inspection_id>", methods=["GET"])
@blp.alt_response(403, response="FORBIDDEN")  # the services check the role (cooperate, view_inspections)
@login_required
@blp.response(200, schemas.InspectionOut)
def get_inspection(inspection_id: int) -> Any:
    """One inspection with its violations, orders and signatures (a restricted read is audited)."""
    return services.read_inspection(current_user, inspection_id)


@blp.route("/inspections/<int:inspection_id>", methods=["PUT"])
@login_required
@inspection_scope
@blp.arguments(schemas.InspectionUpdate)
@blp.response(200, schemas.InspectionOut)
def update_inspection(data: dict[str, Any], inspection_id: int) -> Any:
    """Correct an inspection nobody has signed yet; carries ``version``."""
    return services.update_inspection(current_user, inspection_id, data)


@blp.route("/inspections/<int:inspection_id>/signatures", methods=["POST"])
@login_required
@inspection_scope
@blp.arguments(schemas.SignIn)
@blp.response(200, schemas.InspectionOut)
def sign_inspection(data: dict[str, Any], inspection_id: int) -> Any:
    """The caller's inspectorate signs; a joint inspection is signed when both have."""
    return services.sign_inspection(current_user, inspection_id, data)


@blp.route("/inspections/<int:inspection_id>/violations", methods=["POST"])
@login_required
@inspection_scope
@blp.arguments(schemas.ViolationIn)
@blp.response(201, schemas.ViolationOut)
def add_violation(data: dict[str, Any], inspection_id: int) -> Any:
    """Record a violation found: the norm, a description, severity, the accident or act it concerns."""
    return services.add_violation(current_user, inspection_id, data)


@blp.route("/inspections/<int:inspection_id>/orders", methods=["POST"])
@login_required
@inspection_scope
@blp.arguments(schemas.OrderIn)
@blp.response(201, schemas.OrderOut)
def add_order(data: dict[str, Any], inspection_id: int) -> Any:
    """Issue an order (предписание) with its due date, optionally for one violation."""
    return services.add_order(current_user, inspection_id, data)


@blp.route("/inspections/<int:inspection_id>/shares", methods=["POST"])
@login_required
@inspection_scope
@blp.arguments(schemas.ShareIn)
@blp.response(201, schemas.ShareIn)
def share_inspection(data: dict[str, Any], inspection_id: int) -> Any:
    """Open a restricted inspection to the other inspectorate (art. 3.1)."""
    return services.share(current_user, "coop_inspection", inspection_id, data)


@blp.route("/inspections/<int:inspection_id>/history", methods=["GET"])
@blp.alt_response(403, response="FORBIDDEN")  # the services check the role (cooperate, view_inspections)
@login_required
@blp.response(200, schemas.HistoryEntryOut(many=True))
def inspection_history(inspection_id: int) -> Any:
    s = db.session()
    return services.history(s, current_user, services.get_inspection(s, current_user, inspection_id))


@blp.route("/violations", methods=["GET"])
@blp.alt_response(403, response="FORBIDDEN")  # the services check the role (cooperate, view_inspections)
@login_required
@blp.arguments(schemas.ViolationQuery, location="query", as_kwargs=True)
@blp.response(200, schemas.ViolationPage)
def list_violations(**filters: Any) -> Any:
    """The violations register of both inspectorates; ``repeated`` marks an employer's repeated norm."""
    return services.list_violations(current_user, filters)


@blp.route("/orders", methods=["GET"])
@blp.alt_response(403, response="FORBIDDEN")  # the services check the role (cooperate, view_inspections)
@login_required
@blp.arguments(schemas.OrderQuery, location="query", as_kwargs=True)
@blp.response(200, schemas.OrderPage)
def list_orders(**filters: Any) -> Any:
    """Orders in sight, the nearest deadline first; ``overdue=true`` for those past it and unfulfilled."""
    return services.list_orders(current_user, filters)


@blp.route("/orders/<int:order_id>/fulfilment", methods=["POST"])
@login_required
@order_scope
@blp.arguments(schemas.FulfilmentIn)
@blp.response(200, schemas.OrderOut)
def fulfil_order(data: dict[str, Any], order_id: int) -> Any:
    return services.fulfil_order(current_user, order_id, data)


@blp.route("/orders/<int:order_id>/extension", methods=["POST"])
@login_required
@order_scope
@blp.arguments(schemas.OrderExtensionIn)
@blp.response(200, schemas.OrderOut)
def extend_order(data: dict[str, Any], order_id: int) -> Any:
    return services.extend_order(current_user, order_id, data)


# --- requests ---------------------------------------------------------------------------------------


@blp.route("/requests", methods=["GET"])
@blp.alt_response(403, response="FORBIDDEN")  # the services check the role (cooperate, view_inspections)
@login_required
@blp.arguments(schemas.RequestQuery, location="query", as_kwargs=True)
@blp.response(200, schemas.RequestPage)
def list_requests(**filters: Any) -> Any:
    """Requests between the two inspectorates, both ways; ``overdue=true`` for the late ones."""
    return services.list_requests(current_user, filters)


@blp.route("/requests", methods=["POST"])
@login_required
@blp.arguments(schemas.RequestIn)
@blp.response(201, schemas.RequestOut)
def send_request(data: dict[str, Any]) -> Any:
    """Ask the other inspectorate (art. 2.2); sent today, due after today."""
    return services.send_request(current_user, data)


@blp.route("/requests/<int:request_id>", methods=["GET"])
@blp.alt_response(403, response="FORBIDDEN")  # the services check the role (cooperate, view_inspections)
@login_required
@blp.response(200, schemas.RequestOut)
def get_request(request_id: int) -> Any:
    return services.read_request(current_user, request_id)


@blp.route("/requests/<int:request_id>/answer", methods=["POST"])
@login_required
@request_scope
@blp.arguments(schemas.AnswerIn)
@blp.response(200, schemas.RequestOut)
def answer_request(data: dict[str, Any], request_id: int) -> Any:
    """Answer once, with files as base64; carries ``version``."""
    return services.answer_request(current_user, request_id, data)


@blp.route("/requests/<int:request_id>/history", methods=["GET"])
@blp.alt_response(403, response="FORBIDDEN")  # the services check the role (cooperate, view_inspections)
@login_required
@blp.response(200, schemas.HistoryEntryOut(many=True))
def request_history(request_id: int) -> Any:
    s = db.session()
    return services.history(s, current_user, services.get_request(s, current_user, request_id))


@blp.route("/attachments/<int:coop_attachment_id>", methods=["GET"])
@blp.alt_response(403, response="FORBIDDEN")  # the services check the role (cooperate, view_inspections)
@login_required
@blp.alt_response(
    200,
    success=True,
    description="The file as it was attached.",
    content_type="application/octet-stream",
    schema={"type": "string", "format": "binary"},
)
def download(coop_attachment_id: int) -> Any:
    attachment = services.get_attachment(db.session(), current_user, coop_attachment_id)
    return Response(
        attachment.content,
        mimetype="application/octet-stream",
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{_quote(attachment.filename)}"},
    )


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")


# --- complaints -------------------------------------------------------------------------------------


@blp.route("/complaints", methods=["GET"])
@blp.alt_response(403, response="FORBIDDEN")  # the services check the role (cooperate, view_inspections)
@login_required
@blp.arguments(schemas.ListQuery, location="query", as_kwargs=True)
@blp.response(200, schemas.ComplaintPage)
def list_complaints(**filters: Any) -> Any:
    return services.list_complaints(current_user, filters)


@blp.route("/complaints", methods=["POST"])
@login_required
@blp.arguments(schemas.ComplaintIn)
@blp.response(201, schemas.ComplaintOut)
def register_complaint(data: dict[str, Any]) -> Any:
    """Register a worker's complaint; restricted by default (the source of a complaint is confidential)."""
    return services.register_complaint(current_user, data)


@blp.route("/complaints/<int:complaint_id>", methods=["GET"])
@blp.alt_response(403, response="FORBIDDEN")  # the services check the role (cooperate, view_inspections)
@login_required
@blp.response(200, schemas.ComplaintOut)
def get_complaint(complaint_id: int) -> Any:
    return services.read_complaint(current_user, complaint_id)


@blp.route("/complaints/<int:complaint_id>/review", methods=["POST"])
@login_required
@complaint_scope
@blp.arguments(schemas.ReviewIn)
@blp.response(200, schemas.ComplaintOut)
def review_complaint(data: dict[str, Any], complaint_id: int) -> Any:
    return services.review_complaint(current_user, complaint_id, data)


@blp.route("/complaints/<int:complaint_id>/shares", methods=["POST"])
@login_required
@complaint_scope
@blp.arguments(schemas.ShareIn)
@blp.response(201, schemas.ShareIn)
def share_complaint(data: dict[str, Any], complaint_id: int) -> Any:
    """Share a complaint's review with the other inspectorate on its request (art. 2.2)."""
    return services.share(current_user, "coop_complaint", complaint_id, data)


# --- plan proposals ---------------------------------------------------------------------------------


@blp.route("/plan-proposals", methods=["GET"])
@blp.alt_response(403, response="FORBIDDEN")  # the services check the role (cooperate, view_inspections)
@login_required
@blp.arguments(schemas.ProposalQuery, location="query", as_kwargs=True)
@blp.response(200, schemas.ProposalPage)
def list_proposals(**filters: Any) -> Any:
    """The proposals and, with ``decision=accepted``, the plan of planned inspections."""
    return services.list_proposals(current_user, filters)


@blp.route("/plan-proposals", methods=["POST"])
@login_required
@blp.arguments(schemas.ProposalIn)
@blp.response(201, schemas.ProposalOut)
def propose(data: dict[str, Any]) -> Any:
    """The Inspection proposes an employer for the plan (art. 2.6)."""
    return services.propose(current_user, data)


@blp.route("/plan-proposals/<int:proposal_id>/decision", methods=["POST"])
@login_required
@proposal_scope
@blp.arguments(schemas.DecisionIn)
@blp.response(200, schemas.ProposalOut)
def decide_proposal(data: dict[str, Any], proposal_id: int) -> Any:
    """The Service accepts or declines, with a reason."""
    return services.decide_proposal(current_user, proposal_id, data)


# --- joint work -------------------------------------------------------------------------------------


@blp.route("/working-groups", methods=["GET"])
@blp.alt_response(403, response="FORBIDDEN")  # the services check the role (cooperate, view_inspections)
@login_required
@blp.arguments(schemas.ListQuery, location="query", as_kwargs=True)
@blp.response(200, schemas.WorkingGroupPage)
def list_groups(**filters: Any) -> Any:
    return services.list_groups(current_user, filters)


@blp.route("/working-groups", methods=["POST"])
@login_required
@blp.arguments(schemas.WorkingGroupIn)
@blp.response(201, schemas.WorkingGroupOut)
def form_group(data: dict[str, Any]) -> Any:
    """A joint working group (art. 1.5)."""
    return services.form_group(current_user, data)


@blp.route("/measure-plans", methods=["GET"])
@blp.alt_response(403, response="FORBIDDEN")  # the services check the role (cooperate, view_inspections)
@login_required
@blp.arguments(schemas.ListQuery, location="query", as_kwargs=True)
@blp.response(200, schemas.MeasurePlanPage)
def list_plans(**filters: Any) -> Any:
    return services.list_plans(current_user, filters)


@blp.route("/measure-plans", methods=["POST"])
@login_required
@blp.arguments(schemas.MeasurePlanIn)
@blp.response(201, schemas.MeasurePlanOut)
def adopt_plan(data: dict[str, Any]) -> Any:
    """A joint plan of measures with its items and owners (art. 2.4)."""
    return services.adopt_plan(current_user, data)


@blp.route("/measure-plans/<int:measure_plan_id>", methods=["GET"])
@blp.alt_response(403, response="FORBIDDEN")  # the services check the role (cooperate, view_inspections)
@login_required
@blp.response(200, schemas.MeasurePlanOut)
def get_plan(measure_plan_id: int) -> Any:
    return services.get_plan(db.session(), current_user, measure_plan_id)


@blp.route("/measure-items/<int:measure_item_id>/done", methods=["POST"])
@login_required
@requires("cooperate")
@scope_first(services.get_item, "measure_item_id")
@blp.arguments(schemas.ItemDoneIn)
@blp.response(200, schemas.MeasureItemOut)
def complete_item(data: dict[str, Any], measure_item_id: int) -> Any:
    return services.complete_item(current_user, measure_item_id, data)


@blp.route("/events", methods=["GET"])
@blp.alt_response(403, response="FORBIDDEN")  # the services check the role (cooperate, view_inspections)
@login_required
@blp.arguments(schemas.ListQuery, location="query", as_kwargs=True)
@blp.response(200, schemas.EventPage)
def list_events(**filters: Any) -> Any:
    return services.list_events(current_user, filters)


@blp.route("/events", methods=["POST"])
@login_required
@blp.arguments(schemas.EventIn)
@blp.response(201, schemas.EventOut)
def record_event(data: dict[str, Any]) -> Any:
    """A joint seminar, training, round table, meeting or consultation with participants and outcome."""
    return services.record_event(current_user, data)


@blp.route("/documents", methods=["GET"])
@blp.alt_response(403, response="FORBIDDEN")  # the services check the role (cooperate, view_inspections)
@login_required
@blp.arguments(schemas.ListQuery, location="query", as_kwargs=True)
@blp.response(200, schemas.JointDocumentPage)
def list_documents(**filters: Any) -> Any:
    return services.list_documents(current_user, filters)


@blp.route("/documents", methods=["POST"])
@login_required
@blp.arguments(schemas.JointDocumentIn)
@blp.response(201, schemas.JointDocumentOut)
def add_document(data: dict[str, Any]) -> Any:
    """A methodological letter, material, report or review (art. 2.5), with files as base64."""
    return services.add_document(current_user, data)
