"""HTML pages of an employer's liquidation (art. 255) and of the Social Fund's capitalised cases.

Art. 255: an employer liquidated without a successor capitalises the sums due as
compensation and pays them into the state social insurance body (the Social Fund),
which then pays the recipients; with a successor, the successor takes the awards
over. The liquidation page is the employer's (``issue_decision``): its open awards,
"capitalise as of", the capitalisation statement for the liquidation commission
(HTML, PDF in Russian, XLSX) and the transfer of each sum. The Social Fund's pages
(``view_capitalisations``) list the capitalised cases of its region with what the
Fund received, paid and still holds, and record the Fund's payments.

Thin like every view here: forms are loaded with ``liquidation.schemas``, one service
of ``liquidation.services`` does the work, and scope is the services' (an employer or
a capitalisation out of scope is 404). Nothing here computes a sum: the figures are
the ones the engine froze in each :class:`Capitalisation`.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from claims.models import Capitalisation
from core import db
from core.auth.permissions import requires
from core.employers import Employer
from core.errors import DomainError
from core.forms import load, parse_form, status_for
from core.i18n import current_language
from liquidation import documents, schemas, services

bp = Blueprint("fund", __name__, url_prefix="/compensation")


@bp.app_template_global()
def fund_labels() -> dict[str, Any]:
    return {"method": documents.METHOD_LABELS, "parameter": documents.PARAMETER_LABELS}


# --- the liquidation page (the employer's side) ------------------------------------------------------------


def _liquidation_page(
    employer: Employer,
    errors: dict[str, list[str]] | None = None,
    values: dict[str, Any] | None = None,
    transfer: tuple[int, dict[str, Any], dict[str, list[str]]] | None = None,
    status: int = 200,
    preview: dict[str, Any] | None = None,
) -> Any:
    """The page; ``errors``/``values`` are the capitalise form's, ``transfer`` one record's refused form,
    ``preview`` what capitalising would fix (shown with the confirmation it asks for)."""
    liquidating = employer.status in services.LIQUIDATING
    return render_template(
        "liquidation/liquidation.html",
        employer=employer,
        liquidating=liquidating,
        awards=services.awards_of(employer) if liquidating else [],
        found=services.statement(current_user, employer, current_language()) if liquidating else None,
        errors=errors or {},
        values=values or {"on": db.today_bishkek().isoformat()},
        transfer_id=transfer[0] if transfer else None,
        transfer_values=transfer[1] if transfer else {},
        transfer_errors=transfer[2] if transfer else {},
        today=db.today_bishkek().isoformat(),
        preview=preview,
    ), status


@bp.route("/liquidation/<int:employer_id>")
@login_required
@requires("issue_decision")
def liquidation(employer_id: int) -> Any:
    """An employer being liquidated: open awards, capitalisation, the statement and the transfers."""
    return _liquidation_page(services.employer_in_scope(current_user, employer_id))


@bp.route("/liquidation/<int:employer_id>/capitalise", methods=["POST"])
@login_required
@requires("issue_decision")
def capitalise(employer_id: int) -> Any:
    """Capitalise every open award as of a date (art. 255); an award capitalised already is kept as it is.

    Irreversible, so in two steps: the form shows the sums that will be fixed and asks for
    confirmation; only the confirmed form (``confirm``) capitalises."""
    employer = services.employer_in_scope(current_user, employer_id)
    data, values = parse_form(request.form)
    confirmed = bool(data.pop("confirm", None))
    values.pop("confirm", None)
    try:
        on = load(schemas.CapitaliseIn(), data)["on"]
        if not confirmed:
            preview = services.capitalisation_preview(current_user, employer.id, on)
            return _liquidation_page(employer, values=values, preview=preview)
        made = services.capitalise(current_user, employer.id, on)
    except DomainError as exc:
        return _liquidation_page(employer, exc.errors, values, status=status_for(exc))
    if made:
        flash(_("Capitalised for %(n)s recipient(s).", n=len(made)), "success")
    else:
        flash(_("Nothing new to capitalise: every open award is capitalised already."), "info")
    return redirect(url_for("fund.liquidation", employer_id=employer.id) + "#statement")


@bp.route("/liquidation/<int:employer_id>/successor-transfer", methods=["POST"])
@login_required
@requires("manage_employers")
def successor_transfer(employer_id: int) -> Any:
    """Art. 255: with a successor nothing is capitalised; the successor takes the claims over."""
    employer = services.employer_in_scope(current_user, employer_id)
    try:
        moved = services.transfer_to_successor(current_user, employer.id)
    except DomainError as exc:
        return _liquidation_page(employer, exc.errors, status=status_for(exc))
    flash(_("Claims passed to the successor: %(n)s.", n=moved), "success")
    return redirect(url_for("fund.liquidation", employer_id=employer.id))


@bp.route(
    "/liquidation/<int:employer_id>/capitalisation.pdf", defaults={"fmt": "pdf"}, endpoint="statement_pdf"
)
@bp.route(
    "/liquidation/<int:employer_id>/capitalisation.xlsx", defaults={"fmt": "xlsx"}, endpoint="statement_xlsx"
)
@login_required
@requires("issue_decision")
def statement_file(employer_id: int, fmt: str) -> Any:
    """The capitalisation statement for the liquidation commission, as PDF or XLSX, in the reader's
    language (its trace too)."""
    return services.statement_document(current_user, employer_id, fmt, current_language()).response()


@bp.route("/capitalisations/<int:capitalisation_id>/transfer", methods=["POST"])
@login_required
@requires("issue_decision")
def transfer(capitalisation_id: int) -> Any:
    """The capitalised sum reached the Social Fund (date, reference), or it never will ("not made")."""
    record = services.capitalisation(current_user, capitalisation_id)
    data, values = parse_form(request.form, booleans=("not_made",))
    try:
        services.record_transfer(current_user, record.id, load(schemas.TransferIn(), data))
    except DomainError as exc:
        return _liquidation_page(
            services.employer_in_scope(current_user, record.employer_id),
            transfer=(record.id, values, exc.errors),
            status=status_for(exc),
        )
    flash(_("The transfer to the Social Fund is recorded."), "success")
    return redirect(url_for("fund.liquidation", employer_id=record.employer_id) + f"#cap-{record.id}")


# --- the Social Fund's pages ------------------------------------------------------------------------------


@bp.route("/capitalisations")
@login_required
@requires("view_capitalisations")
def capitalisations() -> Any:
    """Capitalised cases in the user's region: received by the Fund, paid out since, and the balance."""
    values = {k: v for k, v in request.args.items() if v.strip()}
    errors: dict[str, list[str]] = {}
    page, names = None, {}
    try:
        per_page = int(current_app.config.get("PAGE_SIZE", 25))
        filters = load(schemas.FundArgs(), {"per_page": per_page, **values})
    except DomainError as exc:
        errors = exc.errors
    else:
        page, names = services.balance_page(current_user, filters)
    return render_template(
        "liquidation/capitalisations.html",
        page=page,
        names=names,
        values=values,
        errors=errors,
    ), (422 if errors else 200)


def _capitalisation_page(
    record: Capitalisation,
    errors: dict[str, list[str]] | None = None,
    values: dict[str, Any] | None = None,
    status: int = 200,
) -> Any:
    return render_template(
        "liquidation/capitalisation.html",
        record=record,
        details=record.details or {},
        trace_steps=services.capitalisation_trace(record.details or {}, current_language()),
        **services.capitalisation_detail(current_user, record),
        errors=errors or {},
        values=values or {"paid_on": db.today_bishkek().isoformat()},
    ), status


@bp.route("/capitalisations/<int:capitalisation_id>")
@login_required
@requires("view_capitalisations")
def capitalisation(capitalisation_id: int) -> Any:
    """One capitalised sum: its frozen figures and trace, the transfer, the Fund's payments, the balance."""
    return _capitalisation_page(services.capitalisation(current_user, capitalisation_id))


@bp.route("/capitalisations/<int:capitalisation_id>/fund-payments", methods=["POST"])
@login_required
@requires("record_fund_payment")
def new_fund_payment(capitalisation_id: int) -> Any:
    """A payment the Fund made from the capitalised sum; never more than the balance (the service checks)."""
    record = services.capitalisation(current_user, capitalisation_id)
    data, values = parse_form(request.form)
    try:
        services.record_fund_payment(current_user, record.id, load(schemas.FundPaymentIn(), data))
    except DomainError as exc:
        return _capitalisation_page(record, exc.errors, values, status_for(exc))
    flash(_("The Fund's payment is recorded."), "success")
    return redirect(url_for("fund.capitalisation", capitalisation_id=record.id) + "#payments")
