"""JSON API of the investigation under /api/v1: the same services, scopes and rules as the pages.

Records outside the caller's scope answer 404 before the body is even read, so
a client cannot probe another employer's records by their validation errors.
"""

from __future__ import annotations

from typing import Any

from flask_login import current_user, login_required
from flask_smorest import Blueprint

from accidents import consequences, measures, schemas, services
from core import db
from core.api import scope_first
from core.downloads import document_doc, language_of
from core.errors import NotFound

blp = Blueprint(
    "accidents_api",
    __name__,
    url_prefix="/api/v1",
    description="Accident investigations (art. 223): reports, commission, notices, acts N-1, review.",
)


scoped = scope_first


accident_scope = scoped(services.get_accident, "accident_id")
act_scope = scoped(services.get_act, "act_id")
revision_scope = scoped(services.get_revision, "revision_id")


@blp.route("/accidents", methods=["GET"])
@login_required
@blp.arguments(schemas.AccidentQuery, location="query", as_kwargs=True)
@blp.response(200, schemas.AccidentPage)
def list_accidents(**filters: Any) -> Any:
    """Accidents in scope, newest first: filter by employer, period, category, status, region, the
    employer's sector (GKED section), overdue."""
    return services.list_accidents(current_user, filters)


@blp.route("/accidents", methods=["POST"])
@login_required
@blp.arguments(schemas.AccidentIn)
@blp.response(201, schemas.AccidentOut)
def report_accident(data: dict[str, Any]) -> Any:
    """Report an accident with its victims; severe, fatal and group ones owe notices at once."""
    return services.report_accident(current_user, data)


@blp.route("/accidents/<int:accident_id>", methods=["GET"])
@login_required
@blp.response(200, schemas.AccidentOut)
def get_accident(accident_id: int) -> Any:
    return services.get_accident(db.session(), current_user, accident_id)


@blp.route("/accidents/<int:accident_id>", methods=["PUT"])
@login_required
@accident_scope
@blp.arguments(schemas.AccidentUpdate)
@blp.response(200, schemas.AccidentOut)
def update_accident(data: dict[str, Any], accident_id: int) -> Any:
    """Replace the header, and correct or add victims (known ones by ``id``); carries ``version``."""
    return services.update_accident(current_user, accident_id, data)


@blp.route("/accidents/<int:accident_id>/commission", methods=["PUT"])
@login_required
@accident_scope
@blp.arguments(schemas.CommissionIn)
@blp.response(200, schemas.AccidentOut)
def form_commission(data: dict[str, Any], accident_id: int) -> Any:
    """Record the commission; the first time, the investigation starts and each victim gets an act."""
    return services.form_commission(current_user, accident_id, data)


@blp.route("/accidents/<int:accident_id>/extension", methods=["POST"])
@login_required
@accident_scope
@blp.arguments(schemas.ExtensionIn)
@blp.response(200, schemas.AccidentOut)
def extend_investigation(data: dict[str, Any], accident_id: int) -> Any:
    return services.extend_investigation(current_user, accident_id, data)


@blp.route("/accidents/<int:accident_id>/history", methods=["GET"])
@login_required
@blp.response(200, schemas.HistoryEntryOut(many=True))
@blp.alt_response(403, response="FORBIDDEN")  # the trail is for view_history only
def accident_history(accident_id: int) -> Any:
    s = db.session()
    return services.history(s, current_user, services.get_accident(s, current_user, accident_id))


@blp.route("/accidents/<int:accident_id>/notifications", methods=["GET"])
@login_required
@blp.response(200, schemas.NotificationOut(many=True))
def list_notifications(accident_id: int) -> Any:
    return services.get_accident(db.session(), current_user, accident_id).notifications


@blp.route("/accidents/<int:accident_id>/notifications", methods=["POST"])
@login_required
@accident_scope
@blp.arguments(schemas.NotificationNew)
@blp.response(201, schemas.NotificationOut)
def add_notification(data: dict[str, Any], accident_id: int) -> Any:
    """Record a notice the category does not require (sent by choice)."""
    return services.add_notification(current_user, accident_id, data)


@blp.route("/accidents/<int:accident_id>/notifications/sent", methods=["POST"])
@login_required
@accident_scope
@blp.arguments(schemas.NotificationsSent)
@blp.response(200, schemas.NotificationOut(many=True))
def record_notifications_sent(data: dict[str, Any], accident_id: int) -> Any:
    """Mark several pending notices sent at one moment, one way; each carries its ``version``."""
    return services.record_notifications_sent(current_user, accident_id, data)


@blp.route("/notifications/<int:notification_id>", methods=["PUT"])
@login_required
@scoped(services.get_notification, "notification_id")
@blp.arguments(schemas.NotificationSent)
@blp.response(200, schemas.NotificationOut)
def record_notification(data: dict[str, Any], notification_id: int) -> Any:
    """Record when and how a notice went; carries ``version``."""
    return services.record_notification(current_user, notification_id, data)


@blp.route("/acts", methods=["GET"])
@login_required
@blp.arguments(schemas.ActQuery, location="query", as_kwargs=True)
@blp.response(200, schemas.ActPage)
def list_acts(**filters: Any) -> Any:
    """Acts in scope; ``status=act_submitted`` is an inspector's queue."""
    return services.list_acts(current_user, filters)


@blp.route("/acts/<int:act_id>", methods=["GET"])
@login_required
@blp.response(200, schemas.ActOut)
def get_act(act_id: int) -> Any:
    return services.get_act(db.session(), current_user, act_id)


@blp.route("/acts/<int:act_id>", methods=["PATCH"])
@login_required
@act_scope
@blp.arguments(schemas.ActIn)
@blp.response(200, schemas.ActOut)
def update_act(data: dict[str, Any], act_id: int) -> Any:
    """Change the draft: absent fields stay, a list given replaces the list; carries ``version``."""
    return services.update_act(current_user, act_id, data)


@blp.route("/acts/<int:act_id>/transitions", methods=["POST"])
@login_required
@act_scope
@blp.arguments(schemas.TransitionIn)
@blp.response(200, schemas.ActOut)
def transition_act(data: dict[str, Any], act_id: int) -> Any:
    """submit | withdraw | start_review | approve | return (remark required) | amend (remark required)."""
    return services.transition_act(current_user, act_id, data)


@blp.route("/acts/<int:act_id>/not-work-related-agreement", methods=["POST"])
@login_required
@act_scope
@blp.arguments(schemas.AgreementIn)
@blp.response(200, schemas.ActOut)
def agree_not_work_related(data: dict[str, Any], act_id: int) -> Any:
    """An inspector agrees that a light accident is not work-related (art. 223, part 7)."""
    return services.agree_not_work_related(current_user, act_id, data)


@blp.route("/acts/<int:act_id>/history", methods=["GET"])
@login_required
@blp.response(200, schemas.HistoryEntryOut(many=True))
@blp.alt_response(403, response="FORBIDDEN")  # the trail is for view_history only
def act_history(act_id: int) -> Any:
    s = db.session()
    return services.history(s, current_user, services.get_act(s, current_user, act_id))


@blp.route("/act-revisions/<int:revision_id>", methods=["GET"])
@login_required
@blp.response(200, schemas.RevisionOut)
def get_revision(revision_id: int) -> Any:
    """An approved revision, frozen as it was approved."""
    return services.get_revision(db.session(), current_user, revision_id)


@blp.route("/acts/<int:act_id>/document", methods=["GET"])
@login_required
@act_scope
@blp.arguments(schemas.ActDocumentArgs, location="query")
@blp.doc(**document_doc("The act as a PDF file.", "pdf"))
def act_document(args: dict[str, Any], act_id: int) -> Any:
    """The act N-1 as printed for the victim (art. 223), as the act's page prints it.

    An approved act prints its approved text with who approved it and when; an act not yet approved
    prints as a draft. In the language of ``lang`` (ru, ky or en), else of Accept-Language.
    """
    with language_of(args) as lang:
        return services.act_document(current_user, act_id, lang).response()


@blp.route("/act-revisions/<int:revision_id>/document", methods=["GET"])
@login_required
@revision_scope
@blp.arguments(schemas.ActDocumentArgs, location="query")
@blp.doc(**document_doc("The revision as a PDF file.", "pdf"))
def revision_document(args: dict[str, Any], revision_id: int) -> Any:
    """An approved revision of the act N-1 printed as it was approved (who approved it and when)."""
    with language_of(args) as lang:
        return services.revision_document(current_user, revision_id, lang).response()


@blp.route("/acts/<int:act_id>/consequences", methods=["GET"])
@login_required
@blp.response(200, schemas.ConsequenceOut)
def get_consequence(act_id: int) -> Any:
    """How the case of the act's victim ended (RU form 8); 404 while nothing is recorded."""
    consequence = consequences.consequence_of(services.get_act(db.session(), current_user, act_id))
    if consequence is None:
        raise NotFound()
    return consequence


@blp.route("/acts/<int:act_id>/consequences", methods=["PUT"])
@login_required
@act_scope
@blp.arguments(schemas.ConsequenceIn)
@blp.response(200, schemas.ConsequenceOut)
def record_consequence(data: dict[str, Any], act_id: int) -> Any:
    """Record, when the incapacity ends, the outcome, its dates and the working days lost; a
    correction carries the ``version`` read."""
    return consequences.record_consequence(current_user, act_id, data)


@blp.route("/measures/<int:measure_id>/completion", methods=["PUT"])
@login_required
@scoped(measures.get_measure, "measure_id")
@blp.arguments(schemas.CompletionIn)
@blp.response(200, schemas.MeasureStatusOut)
def complete_measure(data: dict[str, Any], measure_id: int) -> Any:
    """The employer reports a corrective measure of the act done (``completed_on``, null withdraws it)."""
    return measures.record_completion(current_user, measure_id, data)


@blp.route("/measures/<int:measure_id>/verification", methods=["POST"])
@login_required
@scoped(measures.get_measure, "measure_id")
@blp.response(200, schemas.MeasureStatusOut)
def verify_measure(measure_id: int) -> Any:
    """An inspector confirms the measure was done; who and when are kept."""
    return measures.verify_completion(current_user, measure_id)
