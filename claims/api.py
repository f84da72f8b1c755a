"""JSON API of the compensation records: MSEC findings, claims, decisions, refusals, payments, statements.

Same scopes as the pages (out of scope = 404), the same error document (422),
409 on a stale ``version``. Every write and every read goes through ``claims.services``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app, jsonify, request, send_file
from flask_login import current_user, login_required
from flask_smorest import Blueprint

from claims import schemas, services, uploads
from claims.models import (
    Appeal,
    Claim,
    Decision,
    MsecFinding,
    Payment,
)
from claims.services import imports
from core import db
from core.api import ErrorDocument, scope_first
from core.auth.permissions import requires
from core.downloads import document_doc, language_of
from core.errors import Forbidden
from core.i18n import current_language

blp = Blueprint(
    "ledger_api",
    __name__,
    url_prefix="/api/v1",
    description="Compensation records (Labour Code arts. 232, 254-272): findings, claims, decisions, ledger.",
)


def scoped(model: type[Any], param: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Scope before the body is validated, for a compensation record of ``model``."""
    return scope_first(lambda s, user, record_id: services.get_scoped(s, user, model, record_id), param)


claim_scope = scoped(Claim, "claim_id")
decision_scope = scoped(Decision, "decision_id")
appeal_scope = scoped(Appeal, "appeal_id")
finding_scope = scoped(MsecFinding, "finding_id")
payment_scope = scoped(Payment, "payment_id")


def _page(page: db.Page[Any], schema: Any) -> dict[str, Any]:
    return {
        "items": schema.dump(page.items, many=True),
        "total": page.total,
        "page": page.page,
        "per_page": page.per_page,
        "next_cursor": page.next_cursor,
    }


# --- findings ---------------------------------------------------------------------------------------------


@blp.route("/findings", methods=["GET"])
@login_required
@blp.arguments(schemas.FindingArgs, location="query")
@blp.alt_response(200, schema=schemas.FindingPage, success=True, description="A page of findings.")
def list_findings(args: dict[str, Any]) -> Any:
    """MSEC findings in scope; ``reexamination=due`` (within 30 days) or ``lapsed``."""
    return _page(services.findings_page(current_user, args), schemas.FindingOut())


@blp.route("/findings", methods=["POST"])
@login_required
@requires("file_claim")
@blp.arguments(schemas.FindingIn)
@blp.response(201, schemas.FindingOut)
def create_finding(data: dict[str, Any]) -> Any:
    return services.record_finding(current_user, data)


@blp.route("/findings/<int:finding_id>/void", methods=["POST"])
@login_required
@requires("file_claim")
@finding_scope
@blp.arguments(schemas.VoidIn)
@blp.response(200, schemas.FindingOut)
def void_finding(data: dict[str, Any], finding_id: int) -> Any:
    """Void a mistaken finding with the reason: kept, struck through, left out of the next decision."""
    return services.void_finding(current_user, finding_id, data["reason"], data.get("version"))


@blp.route("/findings/<int:finding_id>/correction", methods=["POST"])
@login_required
@requires("file_claim")
@finding_scope
@blp.arguments(schemas.FindingCorrectionIn)
@blp.response(201, schemas.FindingOut)
def correct_finding(data: dict[str, Any], finding_id: int) -> Any:
    """Void a mistaken finding and record the right one in its place (linked to it)."""
    return services.correct_finding(current_user, finding_id, data)


@blp.route("/findings/<int:finding_id>")
@login_required
@blp.response(200, schemas.FindingOut)
def get_finding(finding_id: int) -> Any:
    return services.find(current_user, MsecFinding, finding_id)


# --- claims -----------------------------------------------------------------------------------------------


@blp.route("/claims", methods=["GET"])
@login_required
@blp.arguments(schemas.ClaimArgs, location="query")
@blp.alt_response(200, schema=schemas.ClaimPage, success=True, description="A page of claims.")
def list_claims(args: dict[str, Any]) -> Any:
    """Claims in scope; ``overdue=true``: still undecided after the 10 days of art. 257."""
    return _page(services.claims_page(current_user, args, details=True), schemas.ClaimOut())


@blp.route("/claims", methods=["POST"])
@login_required
@requires("file_claim")
@blp.arguments(schemas.ClaimIn)
@blp.response(201, schemas.ClaimOut)
def create_claim(data: dict[str, Any]) -> Any:
    return services.file_claim(current_user, data)


@blp.route("/claims/<int:claim_id>", methods=["GET"])
@login_required
@blp.response(200, schemas.ClaimOut)
def get_claim(claim_id: int) -> Any:
    return services.find(current_user, Claim, claim_id)


@blp.route("/claims/<int:claim_id>", methods=["PUT"])
@login_required
@requires("file_claim")
@claim_scope
@blp.arguments(schemas.ClaimUpdate)
@blp.response(200, schemas.ClaimOut)
def update_claim(data: dict[str, Any], claim_id: int) -> Any:
    version = data.pop("version")
    data.pop("victim_id", None)
    return services.update_claim(current_user, claim_id, data, version)


@blp.route("/claims/<int:claim_id>/survivor-right-ended", methods=["POST"])
@login_required
@requires("file_claim")
@claim_scope
@blp.arguments(schemas.RightEndedIn)
@blp.response(200, schemas.ClaimOut)
def survivor_right_ended(data: dict[str, Any], claim_id: int) -> Any:
    """Record that a survivor's right ended early; compute a new decision afterwards (arts. 251, 265)."""
    return services.end_survivor_right(
        current_user, claim_id, data["key"], data["ended_on"], data["reason"], data["version"]
    )


@blp.route("/claims/<int:claim_id>/decisions", methods=["POST"])
@login_required
@requires("issue_decision")
@claim_scope
@blp.arguments(schemas.DraftDecisionIn)
@blp.response(201, schemas.DecisionOut)
def draft_decision(data: dict[str, Any], claim_id: int) -> Any:
    """Compute a draft decision from the stored records (the engine of the calculation contract)."""
    return services.draft_decision(
        current_user,
        claim_id,
        data["calculation_date"],
        data["reason"],
        data.get("effective_from"),
    )


@blp.route("/claims/<int:claim_id>/decisions", methods=["GET"])
@login_required
@blp.response(200, schemas.DecisionOut(many=True))
def list_decisions(claim_id: int) -> Any:
    """The claim's decisions, the latest first: drafts, issued, superseded and refusals."""
    return services.decisions_in_scope(current_user, claim_id)


@blp.route("/claims/<int:claim_id>/history", methods=["GET"])
@login_required
@blp.response(200, schemas.LedgerHistoryEntryOut(many=True))
@blp.alt_response(403, response="FORBIDDEN")
def claim_history(claim_id: int) -> Any:
    """The claim's history: its audit trail with its payments', oldest first.

    What the claim's page shows (filed, corrected, decided; payments recorded, voided, corrected): when
    (UTC), who, the action and the changed fields. For those who may read histories (``view_history``).
    """
    return services.trail(current_user, Claim, claim_id)


@blp.route("/claims/<int:claim_id>/refusal", methods=["POST"])
@login_required
@requires("issue_decision")
@claim_scope
@blp.arguments(schemas.RefusalIn)
@blp.response(201, schemas.DecisionOut)
def refuse(data: dict[str, Any], claim_id: int) -> Any:
    """A reasoned refusal (art. 257): a decision too, with its grounds."""
    return services.refuse_claim(
        current_user, claim_id, data["grounds"], data["number"], data.get("issued_on")
    )


@blp.route("/decisions/<int:decision_id>")
@login_required
@blp.response(200, schemas.DecisionOut)
def get_decision(decision_id: int) -> Any:
    return services.find(current_user, Decision, decision_id)


@blp.route("/decisions/<int:decision_id>/document")
@login_required
@decision_scope
@blp.arguments(schemas.OrderDocumentArgs, location="query")
@blp.doc(**document_doc("The order as a PDF file.", "pdf"))
@blp.alt_response(403, response="FORBIDDEN")
def decision_document(args: dict[str, Any], decision_id: int) -> Any:
    """The employer's order (art. 257) as handed to the claimant, as the decision's page prints it.

    The awards per recipient and until when the monthly ones run, the schedule and the trace, or a
    refusal's grounds; a draft prints as a draft. In the language of ``lang`` (ru, ky or en), else of
    Accept-Language. Read by the employer's officers and the inspectors who decide appeals.
    """
    with language_of(args) as lang:
        return services.order_document(current_user, decision_id, lang).response()


@blp.route("/decisions/<int:decision_id>/history", methods=["GET"])
@login_required
@blp.response(200, schemas.LedgerHistoryEntryOut(many=True))
@blp.alt_response(403, response="FORBIDDEN")
def decision_history(decision_id: int) -> Any:
    """The decision's history: its audit trail, oldest first.

    Drafted, issued, superseded: when (UTC), who, the action and the changed fields. For those who may
    read histories (``view_history``).
    """
    return services.trail(current_user, Decision, decision_id)


@blp.route("/decisions/<int:decision_id>/issue", methods=["POST"])
@login_required
@requires("issue_decision")
@decision_scope
@blp.arguments(schemas.IssueIn)
@blp.arguments(schemas.DryRunArgs, location="query", as_kwargs=True)
@blp.response(200, schemas.DecisionOut)
@blp.alt_response(202, schema=schemas.IssuePreviewOut, description="dry_run: the preview, nothing written")
def issue(data: dict[str, Any], decision_id: int, dry_run: bool = False) -> Any:
    """Issue the employer's order: frozen from now on; the previous decision is superseded.

    With ``?dry_run=true``: what issuing would fix (number, date, totals, installments, the decision
    superseded), checked the same way, nothing written (202), as the page asks before it issues."""
    if dry_run:
        preview = services.issue_preview(
            current_user, decision_id, data["number"], data.get("issued_on"), data["version"]
        )
        return jsonify(schemas.IssuePreviewOut().dump(preview)), 202
    return services.issue_decision(
        current_user, decision_id, data["number"], data.get("issued_on"), data["version"]
    )


# --- ledger -----------------------------------------------------------------------------------------------


@blp.route("/claims/<int:claim_id>/payments", methods=["GET"])
@login_required
@blp.response(200, schemas.PaymentOut(many=True))
def list_payments(claim_id: int) -> Any:
    """The claim's ledger in the order the payments were made."""
    return services.payments_of(current_user, claim_id)


@blp.route("/claims/<int:claim_id>/payments", methods=["POST"])
@login_required
@requires("record_payment")
@claim_scope
@blp.arguments(schemas.PaymentIn)
@blp.response(201, schemas.PaymentOut)
def create_payment(data: dict[str, Any], claim_id: int) -> Any:
    return services.record_payment(current_user, claim_id, data)


IMPORT_EXAMPLE = (
    "claim_id,paid_on,amount,applies_to,recipient,reference,recovery_ground,note\n"
    "12,2026-11-30,15000.00,periodic,victim,ПП-1043,,November\n"
    "12,2026-11-30,312.50,penalty,victim,ПП-1044,,\n"
)
IMPORT_DOC = {
    "requestBody": {
        "required": True,
        "description": (
            "CSV with a header of the fields (`claim_id,paid_on,amount,applies_to` required, `recipient,"
            "reference,recovery_ground,note` optional; comma or semicolon; UTF-8 or Windows-1251), or a "
            f"JSON array of objects with the same fields; at most {imports.MAX_ROWS:,} payments and "
            f"{imports.MAX_BYTES // (1024 * 1024)} MB."
        ),
        "content": {
            "text/csv": {"schema": {"type": "string"}, "example": IMPORT_EXAMPLE},
            "application/json": {
                "schema": {"type": "array", "items": schemas.PaymentImportRow, "maxItems": imports.MAX_ROWS}
            },
        },
    }
}


@blp.route("/payments/import", methods=["POST"])
@login_required
@requires("record_payment")
@blp.doc(**IMPORT_DOC)
@blp.response(200, schemas.PaymentImportOut, description="Every payment recorded: the report of each row.")
@blp.alt_response(
    422,
    schema=schemas.PaymentImportRefusedOut,
    description="Nothing recorded: the error document, with the report of each row once the rows were read.",
)
@blp.alt_response(413, schema=ErrorDocument, description="More payments or bytes than one import takes.")
@blp.alt_response(415, schema=ErrorDocument, description="Neither CSV (text/csv) nor JSON.")
def import_payments() -> Any:
    """Record a file of payments (CSV or JSON), all or none, with a report of each row.

    Every row is checked as one payment recorded on its own is (the claim in your scope, money with at
    most two decimals, real dates, the decision, the recipient, art. 270's recoveries, the penalties), and
    the file's own duplicates and references already recorded are refused. Only when every row is valid
    are they recorded, in one transaction, each with its audit entry; otherwise nothing is, and the 422's
    ``rows`` and ``errors`` (``rows.<row>.<field>``) say what is wrong where. An ``Idempotency-Key`` makes
    a retried upload safe. A session's client sends the X-CSRFToken header with a CSV body.
    """
    kind = {"text/csv": "csv", "application/json": "json"}.get(request.mimetype)
    if kind is None:
        raise imports.Unsupported()
    imports.check_size(request.content_length or 0)
    charset = request.mimetype_params.get("charset")
    try:
        return services.import_payments(current_user, request.get_data(), kind, charset)
    except services.ImportRefused as exc:
        refused = schemas.PaymentImportRefusedOut().dump(exc.report)
        return jsonify({**refused, "errors": exc.errors, "code": "invalid"}), 422


@blp.route("/payments-due", methods=["GET"])
@login_required
@blp.arguments(schemas.PaymentsDueArgs, location="query")
@blp.response(200, schemas.PaymentsDuePage)
@blp.alt_response(403, response="FORBIDDEN")
def payments_due(args: dict[str, Any]) -> Any:
    """What every employer in scope must pay in a month (art. 264).

    Each award's installments due in ``month`` and all arrears outstanding at its end, with penalties,
    as the payments-due page shows them; the pages count awards. Read by the employers' officers and
    the inspectors who decide appeals.
    """
    if not services.may_read_ledger(current_user):
        raise Forbidden()
    month = args.get("month") or db.today_bishkek().strftime("%Y-%m")
    page, lines, by_employer = services.payments_due(current_user, month, args["page"], args["per_page"])
    return {
        "month": month,
        "items": [
            {
                **item,
                "employer_id": employer.id,
                "employer_name": employer.name,
                "claim_id": decision.claim_id,
                "decision_id": decision.id,
                "decision_number": decision.number,
            }
            for employer, decision, item in lines
        ],
        "outstanding_by_employer": [
            {"employer_name": name, "outstanding": owed} for name, owed in sorted(by_employer.items())
        ],
        "total": page.total,
        "page": page.page,
        "per_page": page.per_page,
    }


@blp.route("/payments/<int:payment_id>/void", methods=["POST"])
@login_required
@requires("record_payment")
@payment_scope
@blp.arguments(schemas.VoidIn)
@blp.response(200, schemas.PaymentOut)
def void_payment(data: dict[str, Any], payment_id: int) -> Any:
    """Void a payment recorded by mistake with the reason: kept, struck through, out of the statement."""
    return services.void_payment(current_user, payment_id, data["reason"])


@blp.route("/payments/<int:payment_id>/correction", methods=["POST"])
@login_required
@requires("record_payment")
@payment_scope
@blp.arguments(schemas.PaymentCorrectionIn)
@blp.response(201, schemas.PaymentOut)
def correct_payment(data: dict[str, Any], payment_id: int) -> Any:
    """Void a mistaken payment and record the right one in its place (linked to it)."""
    return services.correct_payment(current_user, payment_id, data)


@blp.route("/claims/<int:claim_id>/statement")
@login_required
@claim_scope
@blp.arguments(schemas.StatementArgs, location="query")
@blp.alt_response(200, schema=schemas.StatementOut, success=True, description="The statement.")
@blp.alt_response(404, response="NOT_FOUND")
def statement(args: dict[str, Any], claim_id: int) -> Any:
    """What was due, paid and outstanding, with art. 269 penalties, as of ``as_of`` (the engine's result)."""
    as_of = args.get("as_of") or db.today_bishkek()
    claim, decision, result = services.statement(current_user, claim_id, as_of, current_language())
    return {"claim_id": claim.id, "decision_id": decision.id, "as_of": as_of.isoformat(), **result}


@blp.route("/claims/<int:claim_id>/statement/document")
@login_required
@claim_scope
@blp.arguments(schemas.StatementDocumentArgs, location="query")
@blp.doc(**document_doc("The statement as a PDF or XLSX file.", "pdf", "xlsx"))
@blp.alt_response(403, response="FORBIDDEN")
def statement_document(args: dict[str, Any], claim_id: int) -> Any:
    """The statement as of ``as_of`` as a PDF or XLSX file, as the statement page hands it out.

    Due, paid and outstanding, days late and the art. 269 penalties (paid and outstanding), for
    everybody paid under the claim or for one ``recipient``; in the language of ``lang`` (ru, ky or en),
    else of Accept-Language. 404 while the claim has no decision in force. Read by the employer's
    officers and the inspectors who decide appeals.
    """
    as_of = args.get("as_of") or db.today_bishkek()
    with language_of(args) as lang:
        return services.statement_file(
            current_user, claim_id, as_of, args["recipient"].strip(), args["format"], lang
        ).response()


# --- appeals (art. 258) and court rulings (art. 259) -------------------------------------------------------


@blp.route("/claims/<int:claim_id>/appeals", methods=["GET"])
@login_required
@blp.response(200, schemas.AppealOut(many=True))
def list_appeals(claim_id: int) -> Any:
    return services.appeals_of(current_user, claim_id)


@blp.route("/claims/<int:claim_id>/appeals", methods=["POST"])
@login_required
@requires("decide_appeal")
@claim_scope
@blp.arguments(schemas.AppealIn)
@blp.response(201, schemas.AppealOut)
def create_appeal(data: dict[str, Any], claim_id: int) -> Any:
    """Record the claimant's appeal against a decision or a deemed refusal, received by the inspectorate."""
    return services.file_appeal(current_user, claim_id, data)


@blp.route("/appeals/<int:appeal_id>", methods=["GET"])
@login_required
@blp.response(200, schemas.AppealOut)
def get_appeal(appeal_id: int) -> Any:
    return services.find(current_user, Appeal, appeal_id)


@blp.route("/appeals/<int:appeal_id>/decision", methods=["POST"])
@login_required
@requires("decide_appeal")
@appeal_scope
@blp.arguments(schemas.AppealDecisionIn)
@blp.response(200, schemas.AppealOut)
def decide_appeal(data: dict[str, Any], appeal_id: int) -> Any:
    """The inspectorate's binding decision; granted, it produces the employer's new decision at once."""
    return services.decide_appeal(current_user, appeal_id, data)


@blp.route("/claims/<int:claim_id>/court-rulings", methods=["GET"])
@login_required
@blp.response(200, schemas.CourtRulingOut(many=True))
def list_court_rulings(claim_id: int) -> Any:
    return services.rulings_of(current_user, claim_id)


@blp.route("/claims/<int:claim_id>/court-rulings", methods=["POST"])
@login_required
@claim_scope
@blp.arguments(schemas.CourtRulingIn)
@blp.response(201, schemas.CourtRulingOut)
def create_court_ruling(data: dict[str, Any], claim_id: int) -> Any:
    return services.record_court_ruling(current_user, claim_id, data)


# --- scanned documents -------------------------------------------------------------------------------------

UPLOAD_DOC = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file", "title"],
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "title": {"type": "string"},
                    },
                }
            }
        },
    },
    "description": "A PDF, JPEG or PNG scan; send the X-CSRFToken header (GET /api/v1/auth/csrf-token).",
}


def _upload(owner_type: str, owner_id: int) -> Any:
    return schemas.AttachmentOut().dump(uploads.attach_posted(owner_type, owner_id)), 201


def _listing(owner_type: str, owner_id: int) -> Any:
    return schemas.AttachmentOut(many=True).dump(services.attachments_of(current_user, owner_type, owner_id))


@blp.route("/claims/<int:claim_id>/attachments", methods=["POST"])
@blp.doc(**UPLOAD_DOC)
@blp.alt_response(201, schema=schemas.ScanOut, success=True, description="The stored scan.")
@blp.alt_response(404, response="NOT_FOUND")
@login_required
def upload_claim_document(claim_id: int) -> Any:
    return _upload("claim", claim_id)


@blp.route("/claims/<int:claim_id>/attachments", methods=["GET"])
@blp.alt_response(200, schema=schemas.ScanOut(many=True), success=True, description="Its scans.")
@blp.alt_response(404, response="NOT_FOUND")
@login_required
def claim_documents(claim_id: int) -> Any:
    return _listing("claim", claim_id)


@blp.route("/findings/<int:finding_id>/attachments", methods=["POST"])
@blp.doc(**UPLOAD_DOC)
@blp.alt_response(201, schema=schemas.ScanOut, success=True, description="The stored scan.")
@blp.alt_response(404, response="NOT_FOUND")
@login_required
def upload_finding_document(finding_id: int) -> Any:
    return _upload("finding", finding_id)


@blp.route("/findings/<int:finding_id>/attachments", methods=["GET"])
@blp.alt_response(200, schema=schemas.ScanOut(many=True), success=True, description="Its scans.")
@blp.alt_response(404, response="NOT_FOUND")
@login_required
def finding_documents(finding_id: int) -> Any:
    return _listing("finding", finding_id)


@blp.route("/decisions/<int:decision_id>/attachments", methods=["POST"])
@blp.doc(**UPLOAD_DOC)
@blp.alt_response(201, schema=schemas.ScanOut, success=True, description="The stored scan.")
@blp.alt_response(404, response="NOT_FOUND")
@login_required
def upload_decision_document(decision_id: int) -> Any:
    return _upload("decision", decision_id)


@blp.route("/decisions/<int:decision_id>/attachments", methods=["GET"])
@blp.alt_response(200, schema=schemas.ScanOut(many=True), success=True, description="Its scans.")
@blp.alt_response(404, response="NOT_FOUND")
@login_required
def decision_documents(decision_id: int) -> Any:
    return _listing("decision", decision_id)


@blp.route("/attachments/<int:attachment_id>")
@blp.alt_response(
    200,
    success=True,
    description="The scan itself (PDF, JPEG or PNG) as an attachment.",
    content_type="application/pdf",
    schema={"type": "string", "format": "binary"},
)
# The scan is answered as what its content is (services.attachments.SIGNATURES): all three documented.
@blp.doc(
    responses={
        200: {
            "content": {
                kind: {"schema": {"type": "string", "format": "binary"}}
                for kind in ("image/jpeg", "image/png")
            }
        }
    }
)
@blp.alt_response(404, response="NOT_FOUND")
@login_required
def download_attachment(attachment_id: int) -> Any:
    """The scan itself, only for users whose scope includes its employer."""
    attachment, path = services.attachment_file(
        current_user, attachment_id, current_app.config["UPLOAD_FOLDER"]
    )
    return send_file(
        path, mimetype=attachment.content_type, as_attachment=True, download_name=attachment.filename
    )


# --- the state archive (art. 272) -------------------------------------------------------------------------


@blp.route("/archive/due")
@blp.alt_response(200, schema=schemas.ArchiveDuePage, success=True, description="A page of case files.")
@login_required
@blp.arguments(schemas.PageArgs, location="query")
def archive_due(args: dict[str, Any]) -> Any:
    """Case files due for the state archive: two years after the last payment (art. 272)."""
    page = services.archive_page(
        current_user, db.today_bishkek(), args["page"], args["per_page"], listing=args
    )
    total, rows = page.total, page.items
    return {
        "items": [
            {
                "claim_id": claim.id,
                "employer_id": claim.employer_id,
                "claimant_name": claim.claimant_name,
                "last_paid_on": last.isoformat(),
                "created_at": claim.created_at.isoformat(),
                "updated_at": claim.updated_at.isoformat(),
            }
            for claim, last in rows
        ],
        "total": total,
        "page": page.page,
        "per_page": page.per_page,
        "next_cursor": page.next_cursor,
    }


@blp.route("/claims/<int:claim_id>/archive-transfer", methods=["POST"])
@login_required
@requires("issue_decision")
@claim_scope
@blp.arguments(schemas.ArchiveTransferIn)
@blp.response(201, schemas.ArchiveTransferOut)
def archive_transfer(data: dict[str, Any], claim_id: int) -> Any:
    return services.record_archive_transfer(current_user, claim_id, data)
