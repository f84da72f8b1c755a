"""JSON API of liquidation (art. 255): capitalisation, the transfer to the Social Fund, the Fund's payments.

Same scopes as the pages (out of scope = 404), the same error document (422), 409 on a stale ``version``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from flask import jsonify
from flask_login import current_user, login_required
from flask_smorest import Blueprint
from werkzeug.exceptions import NotFound

from claims.api import scoped
from claims.models import Capitalisation
from claims.schemas import DryRunArgs
from core import db
from core.auth.permissions import in_scope, requires
from core.downloads import document_doc, language_of
from core.employers import Employer
from liquidation import schemas, services

blp = Blueprint(
    "liquidation_api",
    __name__,
    url_prefix="/api/v1",
    description="Liquidation (Labour Code art. 255): capitalised payments, their transfer, the Social Fund.",
)

capitalisation_scope = scoped(Capitalisation, "capitalisation_id")


def employer_in_scope(view: Callable[..., Any]) -> Callable[..., Any]:
    """404 for an employer outside the caller's scope, before the body is validated."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        employer = db.session().get(Employer, kwargs["employer_id"])
        if employer is None or not in_scope(current_user, employer):
            raise NotFound()
        return view(*args, **kwargs)

    return wrapper


@blp.route("/employers/<int:employer_id>/capitalisation", methods=["POST"])
@login_required
@requires("issue_decision")
@employer_in_scope
@blp.arguments(schemas.CapitaliseIn)
@blp.arguments(DryRunArgs, location="query", as_kwargs=True)
@blp.response(201, schemas.CapitalisationOut(many=True))
@blp.alt_response(
    200, schema=schemas.CapitalisationPreviewOut, description="dry_run: the preview, nothing written"
)
def capitalise(data: dict[str, Any], employer_id: int, dry_run: bool = False) -> Any:
    """Capitalise every open award of an employer being liquidated without a successor (art. 255).

    With ``?dry_run=true``: the sums it would fix and their total (200), checked the same way, nothing
    written, as the page shows them before asking for confirmation."""
    if dry_run:
        preview = services.capitalisation_preview(current_user, employer_id, data["on"])
        return jsonify(schemas.CapitalisationPreviewOut().dump(preview))
    return services.capitalise(current_user, employer_id, data["on"])


@blp.route("/employers/<int:employer_id>/capitalisation/document", methods=["GET"])
@login_required
@requires("issue_decision")
@employer_in_scope
@blp.arguments(schemas.CapitalisationDocumentArgs, location="query")
@blp.doc(**document_doc("The capitalisation statement as a PDF or XLSX file.", "pdf", "xlsx"))
def capitalisation_document(args: dict[str, Any], employer_id: int) -> Any:
    """The capitalisation statement for the liquidation commission (art. 255), as PDF or XLSX.

    Every capitalised sum of the employer per recipient, with the claim's arrears and penalty, the
    method and its trace, and the transfer to the Social Fund; as the employer's liquidation page hands
    it out. In the language of ``lang`` (ru, ky or en), else of Accept-Language.
    """
    with language_of(args) as lang:
        return services.statement_document(current_user, employer_id, args["format"], lang).response()


@blp.route("/capitalisations", methods=["GET"])
@login_required
@blp.arguments(schemas.FundArgs, location="query")
@blp.alt_response(200, schema=schemas.CapitalisationPage, success=True, description="A page of cases.")
def list_capitalisations(args: dict[str, Any]) -> Any:
    """Capitalised cases in scope: received by the Fund, paid out since, and the balance per recipient."""
    page = db.paginate(
        db.session(),
        services.fund_balances(current_user, args),
        args["page"],
        args["per_page"],
        rows=True,
        listing=args,
    )
    total, rows = page.total, page.items
    out = schemas.CapitalisationOut()
    return {
        "items": [
            {
                **out.dump(record),
                "employer": employer,
                "received": f"{Decimal(received):.2f}",
                "paid": f"{Decimal(paid):.2f}",
                "balance": f"{Decimal(received) - Decimal(paid):.2f}",
            }
            for record, employer, received, paid in rows
        ],
        "total": total,
        "page": page.page,
        "per_page": page.per_page,
        "next_cursor": page.next_cursor,
    }


@blp.route("/capitalisations/<int:capitalisation_id>", methods=["GET"])
@login_required
@blp.response(200, schemas.CapitalisationOut)
def get_capitalisation(capitalisation_id: int) -> Any:
    return services.capitalisation(current_user, capitalisation_id)


@blp.route("/capitalisations/<int:capitalisation_id>/transfer", methods=["POST"])
@login_required
@requires("issue_decision")
@capitalisation_scope
@blp.arguments(schemas.TransferIn)
@blp.response(200, schemas.CapitalisationOut)
def transfer(data: dict[str, Any], capitalisation_id: int) -> Any:
    """The sum reached the Social Fund, or (``not_made``) it never will: the state budget steps in."""
    return services.record_transfer(current_user, capitalisation_id, data)


@blp.route("/capitalisations/<int:capitalisation_id>/fund-payments", methods=["GET"])
@login_required
@blp.response(200, schemas.FundPaymentOut(many=True))
def list_fund_payments(capitalisation_id: int) -> Any:
    services.capitalisation(current_user, capitalisation_id)
    return services.fund_payments(capitalisation_id)


@blp.route("/capitalisations/<int:capitalisation_id>/fund-payments", methods=["POST"])
@login_required
@requires("record_fund_payment")
@capitalisation_scope
@blp.arguments(schemas.FundPaymentIn)
@blp.response(201, schemas.FundPaymentOut)
def create_fund_payment(data: dict[str, Any], capitalisation_id: int) -> Any:
    return services.record_fund_payment(current_user, capitalisation_id, data)


@blp.route("/employers/<int:employer_id>/successor-transfer", methods=["POST"])
@login_required
@requires("manage_employers")
@employer_in_scope
@blp.response(200, schemas.SuccessorTransferOut)
def successor_transfer(employer_id: int) -> Any:
    """Art. 255: on reorganisation the successor named on the employer takes over its claims and findings."""
    return {"claims_moved": services.transfer_to_successor(current_user, employer_id)}
