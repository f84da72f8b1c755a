"""The ledger (arts. 264, 269, 270): payments recorded, the statement of a claim as of a day (page,
PDF, XLSX), and what every employer in scope must pay in a month."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import Any

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from claims import cli, schemas, services
from claims.models import Claim, Decision, Payment
from claims.services import imports
from claims.views import bp
from claims.views.common import page_no, per_page, reader, today
from compensation import law
from core import labels
from core.auth.permissions import requires
from core.errors import DomainError, FormErrors
from core.forms import load, submitted
from core.i18n import current_language


@bp.route("/payments/<int:payment_id>/void", methods=["POST"])
@login_required
@requires("record_payment")
def void_payment(payment_id: int) -> Any:
    """Void a payment recorded by mistake, with the reason: kept, struck through, out of the statement."""
    found = services.find(current_user, Payment, payment_id)
    try:
        services.void_payment(current_user, found.id, request.form.get("reason"))
    except DomainError as exc:
        flash(" ".join(m for messages in exc.errors.values() for m in messages), "error")
    else:
        flash(_("The payment is voided; it is kept, struck through."), "success")
    return redirect(url_for("ledger.claim", claim_id=found.claim_id) + "#payments")


def _payment_form(claim: Claim, schema: Any, save: Any, done: str, stored: Any, **page: Any) -> Any:
    """The payment form of a claim, for a new payment or the correction of one: shown with
    ``stored(recipients)``; posted, it is given to ``save(data)`` and the claim's payments are shown, or the
    form is shown again with the errors and what was typed."""
    recipients = services.recipients(claim)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        # The service refuses a recipient the claim does not have (a posted value not among the choices).
        payments = url_for("ledger.claim", claim_id=claim.id) + "#payments"
        answer, values, errors = submitted(schema, save, done, lambda _saved: payments)
        if answer is not None:
            return answer
    else:
        values = stored(recipients)
    return render_template(
        "claims/payment_form.html",
        claim=claim,
        values=values,
        errors=errors,
        recipients=recipients,
        has_decision=services.in_force(claim.id) is not None,
        **page,
    ), (422 if errors else 200)


@bp.route("/payments/<int:payment_id>/correction", methods=["GET", "POST"])
@login_required
@requires("record_payment")
def correct_payment(payment_id: int) -> Any:
    """The right payment in place of a mistaken one: the form comes filled with the mistaken one."""
    found = services.find(current_user, Payment, payment_id)
    claim = services.find(current_user, Claim, found.claim_id)
    return _payment_form(
        claim,
        schemas.PaymentCorrectionIn(),
        lambda data: services.correct_payment(current_user, found.id, data),
        _("The correction is recorded; the mistaken payment is voided and kept."),
        lambda _recipients: {
            "paid_on": found.paid_on.isoformat(),
            "amount": f"{found.amount:.2f}",
            "recipient": found.recipient,
            "applies_to": found.applies_to,
            "reference": found.reference or "",
            "recovery_ground": found.recovery_ground or "",
            "note": found.note or "",
        },
        corrects=found,
        corrects_kind="payment",
    )


@bp.route("/claims/<int:claim_id>/payments/new", methods=["GET", "POST"])
@login_required
@requires("record_payment")
def new_payment(claim_id: int) -> Any:
    """Record what was paid; a negative sum is a recovery, only on a ground art. 270 allows."""
    found = services.find(current_user, Claim, claim_id)
    return _payment_form(
        found,
        schemas.PaymentIn(),
        lambda data: services.record_payment(current_user, found.id, data),
        _("The payment is recorded."),
        lambda recipients: {
            "paid_on": today().isoformat(),
            "applies_to": "periodic",
            **({"recipient": recipients[0][0]} if recipients else {}),
        },
    )


# --- payments imported from a file (issue 13) --------------------------------------------------------------


@bp.route("/payments/import", methods=["GET", "POST"])
@login_required
@requires("record_payment")
def import_payments() -> Any:
    """A payroll's or a bank's file of payments (CSV or JSON): every row checked, all recorded or none, and
    the report of each row; a refused file shows each error by row and field (422)."""
    report, errors, status = None, {}, 200
    if request.method == "POST":
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            errors, status = {"file": [_("Choose a CSV or JSON file.")]}, 422
        else:
            json_file = upload.filename.lower().endswith(".json") or upload.mimetype == "application/json"
            try:
                report = services.import_payments(
                    current_user, upload.read(imports.MAX_BYTES + 1), "json" if json_file else "csv"
                )
            except services.ImportRefused as exc:
                report, status = exc.report, 422
            except DomainError as exc:
                errors, status = exc.errors, exc.status
    return render_template(
        "claims/payments_import.html",
        report=report,
        errors=errors,
        fields=import_field_labels(),
        columns=imports.COLUMNS,
        required=imports.REQUIRED,
        max_rows=imports.MAX_ROWS,
        max_mb=imports.MAX_BYTES // (1024 * 1024),
    ), status


def import_field_labels() -> dict[str, str]:
    """What a person calls each field an import error names."""
    return {
        "claim_id": _("Claim No."),
        "paid_on": _("Paid on"),
        "amount": _("Amount"),
        "recipient": _("Recipient"),
        "applies_to": _("Applies to"),
        "reference": _("Reference (payment order)"),
        "recovery_ground": _("Recovery ground (art. 270)"),
        "note": _("Note"),
        "_": _("The row"),
    }


# --- the statement (art. 269) -----------------------------------------------------------------------------


def _statement(
    claim_id: int,
) -> tuple[Claim, Decision | None, dict[str, Any] | None, dict[str, Any], dict[str, list[str]]]:
    """The claim, its current decision and the engine's statement as of the date asked (default today),
    for everybody paid under the claim or for the one recipient asked."""
    found = services.find(current_user, Claim, claim_id)
    values = {
        "as_of": request.args.get("as_of", "").strip() or today().isoformat(),
        "recipient": request.args.get("recipient", "").strip(),
    }
    as_of, refused = None, {}
    try:
        as_of = load(schemas.StatementArgs(), {"as_of": values["as_of"]})["as_of"]
    except FormErrors as exc:
        refused = exc.errors
    decision, result, errors = services.recipient_statement(
        current_user, found, as_of, values["recipient"], current_language()
    )
    return found, decision, result, values, {**errors, **refused}


@bp.route("/claims/<int:claim_id>/statement")
@login_required
@reader
def statement(claim_id: int) -> Any:
    """Due, paid and outstanding, days overdue and art. 269 penalties (0.15 % a day), as of a date."""
    found, decision, result, values, errors = _statement(claim_id)
    recipients = services.recipients(found)
    return render_template(
        "claims/statement.html",
        claim=found,
        decision=decision,
        result=result,
        recipients=recipients,
        recipient_names=dict(recipients),
        values=values,
        errors=errors,
        labels=labels,
        law=law,
    ), (422 if errors else 200)


@bp.route("/claims/<int:claim_id>/statement.pdf", defaults={"fmt": "pdf"}, endpoint="statement_pdf")
@bp.route("/claims/<int:claim_id>/statement.xlsx", defaults={"fmt": "xlsx"}, endpoint="statement_xlsx")
@login_required
@reader
def statement_file(claim_id: int, fmt: str) -> Any:
    """The same statement as PDF or XLSX (calculator.documents lays out the engine's figures)."""
    found, decision, result, values, errors = _statement(claim_id)
    if errors or result is None or decision is None:
        return statement(claim_id)
    return services.statement_document(
        found, decision, result, values["as_of"], values["recipient"], fmt
    ).response()


# --- what is due this month (art. 264) --------------------------------------------------------------------


def _month_arg() -> tuple[str, dict[str, list[str]]]:
    month = request.args.get("month") or today().strftime("%Y-%m")
    if not re.match(r"^\d{4}-(0[1-9]|1[0-2])$", month):
        return today().strftime("%Y-%m"), {"month": [_("A month as YYYY-MM.")]}
    return month, {}


def _due_csv(batches: Iterable[tuple[int, Iterable[tuple[Any, Any, dict[str, Any]]]]]) -> Iterator[str]:
    """The payments-due CSV, one piece of text per batch of awards (the header with the first)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(cli.COLUMNS)
    for _awards, batch in batches:
        for employer, decision, item in batch:
            writer.writerow(cli.row(employer, decision, item))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


@bp.route("/payments-due")
@login_required
@reader
def payments_due() -> Any:
    """What every employer in scope must pay in a month: its installments and all arrears, with penalties.

    The engine computes each award as of the month's end; the page pages over awards, the CSV
    (``?format=csv``) covers every award in scope, as ``flask payments due`` does for the country.
    """
    month, errors = _month_arg()
    if request.args.get("format") == "csv" and not errors:
        # The file is built here, in the request's session, and sent from memory in one chunk per batch
        # of awards: nothing reads the database once the view has returned, so a client that reads
        # slowly or goes away holds no connection (a generator reading after teardown leaked one a download).
        _count, batches = services.due_in_scope(current_user, month)
        return Response(
            list(_due_csv(batches)),
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="payments-due-{month}.csv"'},
        )
    page, lines, by_employer = services.payments_due(
        current_user, month, page_no(), per_page(), rows=not errors
    )
    return render_template(
        "claims/payments_due.html",
        month=month,
        errors=errors,
        lines=lines,
        labels=labels,
        by_employer=by_employer,
        page=page,
    ), (422 if errors else 200)
