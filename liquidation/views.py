"""HTML pages of an employer's liquidation (art. 255) and of the Social Fund's capitalised cases.

Art. 255: an employer liquidated without a successor capitalises the sums due as
compensation and pays them into the state social insurance body (the Social Fund),
which then pays the recipients; with a successor, the successor takes the awards
over. The liquidation page is the employer's (``issue_decision``): its open awards,
"capitalise as of", the capitalisation statement for the liquidation commission
(HTML, PDF in Russian, XLSX) and the transfer of each sum. The Social Fund's pages
(``view_capitalisations``) list the capitalised cases of its region with what the
Fund received, paid and still holds, and record the Fund's payments.

Thin like every view here: forms are loaded with ``compensation.schemas``, one service
of ``compensation.services`` does the work, and scope is the services' (an employer or
a capitalisation out of scope is 404). Nothing here computes a sum: the figures are
the ones the engine froze in each :class:`Capitalisation`.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from sqlalchemy import orm
from werkzeug.exceptions import NotFound

from claims import schemas, services
from claims.models import Capitalisation, Claim, Decision, FundPayment
from claims.views import load, parse_form
from core import db
from core import pdf as pdf_base
from core.auth.permissions import in_scope, requires
from core.classifiers import EMPLOYER_STATUS_LABELS, EmployerStatus
from core.employers import Employer
from core.errors import DomainError
from core.pdf import FAMILY

bp = Blueprint("fund", __name__, url_prefix="/compensation")

#: The employers art. 255 speaks of: being liquidated, or liquidated already.
LIQUIDATING = (EmployerStatus.IN_LIQUIDATION, EmployerStatus.LIQUIDATED)

METHOD_LABELS = {
    "simple_70_min10": _l(
        "the monthly award times the months until the recipient turns 70 (at least 120 months) or "
        "until the survivor's right ends, without discounting"
    ),
}
PARAMETER_LABELS = {
    "age_limit": _l("Age limit, years"),
    "minimum_months": _l("Minimum number of months"),
    "discount_rate": _l("Discount rate"),
}


@bp.app_template_global()
def fund_labels() -> dict[str, Any]:
    return {"method": METHOD_LABELS, "parameter": PARAMETER_LABELS}


# --- shared helpers ----------------------------------------------------------------------------------------


def _status_for(exc: DomainError) -> int:
    return exc.status if exc.status in (403, 404, 409) else 422


def _today() -> date:
    return db.today_bishkek()


def _employer(employer_id: int) -> Employer:
    """The employer, if the user's scope includes it; otherwise not found, like a missing one."""
    employer = db.session().get(Employer, employer_id)
    if employer is None or not in_scope(current_user, employer):
        raise NotFound()
    return employer


def _scoped(capitalisation_id: int) -> Capitalisation:
    return services.get_scoped(db.session(), current_user, Capitalisation, capitalisation_id)


def recipient_names(claim: Claim) -> dict[str, str]:
    """The recipients of a claim by their code in the engine: the victim, or each survivor's key."""
    names = {"victim": claim.victim.full_name}
    for survivor in claim.survivors:
        names[survivor.key] = survivor.full_name
    return names


def _claims(ids: Iterable[int]) -> dict[int, Claim]:
    ids = set(ids)
    if not ids:
        return {}
    stmt = (
        sa.select(Claim)
        .where(Claim.id.in_(ids))
        .options(orm.joinedload(Claim.victim), orm.selectinload(Claim.survivors))
    )
    return {claim.id: claim for claim in db.session().scalars(stmt)}


def _money(value: Decimal | str | None) -> str:
    """12 500,00 with an ordinary space, so a printed sum can be found again in the PDF's text."""
    if value is None or value == "":
        return "—"
    whole, _sep, cents = f"{Decimal(value):,.2f}".partition(".")
    return whole.replace(",", " ") + "," + cents


def _dmy(value: date | str | None) -> str:
    if not value:
        return "—"
    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    return day.strftime("%d.%m.%Y")


# --- the capitalisation statement (one builder for the page, the PDF and the workbook) ---------------------


def statement(employer: Employer) -> dict[str, Any]:
    """The employer's capitalised sums per recipient, with the claim's arrears and penalty at that date.

    The arrears and penalty the service froze in ``details`` are the claim's (every recipient
    of a claim carries the same figures), so they are shown once per claim and summed per claim.
    """
    s = db.session()
    stmt = services.fund_balances(current_user, {}).where(Capitalisation.employer_id == employer.id)
    rows = s.execute(stmt.order_by(None).order_by(Capitalisation.claim_id, Capitalisation.id)).all()
    claims = _claims(record.claim_id for record, *_rest in rows)
    lines: list[dict[str, Any]] = []
    seen: set[int] = set()
    total = arrears = penalty = Decimal("0.00")
    for record, _employer_name, received, paid in rows:
        details = record.details or {}
        first = record.claim_id not in seen
        seen.add(record.claim_id)
        claim_arrears = Decimal(str(details.get("arrears") or "0")) if first else None
        claim_penalty = Decimal(str(details.get("penalty") or "0")) if first else None
        total += record.amount
        arrears += claim_arrears or 0
        penalty += claim_penalty or 0
        lines.append(
            {
                "record": record,
                "recipient": recipient_names(claims[record.claim_id]).get(record.recipient, record.recipient),
                "until": details.get("until"),
                "arrears": claim_arrears,
                "penalty": claim_penalty,
                "parameters": details.get("parameters") or {},
                "trace": details.get("trace") or [],
                "received": Decimal(received),
                "paid": Decimal(paid),
            }
        )
    return {
        "lines": lines,
        "total": total,
        "arrears": arrears,
        "penalty": penalty,
        "dates": sorted({line["record"].computed_on for line in lines}),
    }


def _method(code: str) -> str:
    return str(METHOD_LABELS.get(code, code))


def _parameter(code: str) -> str:
    return str(PARAMETER_LABELS.get(code, code))


def _transfer_state(record: Capitalisation) -> str:
    if record.not_made:
        return _("not made: the state budget covers the sum (art. 255)")
    if record.transferred_on:
        reference = f", {record.transfer_reference}" if record.transfer_reference else ""
        return _("transferred on %(date)s", date=_dmy(record.transferred_on)) + reference
    return _("not transferred yet")


class _Document(pdf_base.Document):
    def __init__(self, title: str) -> None:
        super().__init__(title, footer_text=title, orientation="L")


def statement_pdf(employer: Employer, found: dict[str, Any]) -> bytes:
    """The statement for the liquidation commission, in Russian whatever the reader's language."""
    with force_locale("ru"):
        title = _("Capitalisation of compensation payments (art. 255)")
        doc = _Document(title)
        doc.line_of(employer.name, size=11, bold=True, align="C")
        doc.line_of(_("INN %(inn)s", inn=employer.inn), size=9, align="C")
        doc.ln(2)
        doc.line_of(title, size=13, bold=True, align="C", height=6)
        doc.line_of(
            _("as of %(dates)s", dates=", ".join(_dmy(d) for d in found["dates"]) or "—"), size=10, align="C"
        )
        doc.ln(2)
        doc.fields(
            [
                (_("Employer status"), str(EMPLOYER_STATUS_LABELS.get(employer.status, employer.status))),
                (_("Liquidation started on"), _dmy(employer.liquidation_started_on)),
                (_("Method"), "; ".join(sorted({_method(ln["record"].method) for ln in found["lines"]}))),
            ],
            label_width=70,
        )
        doc.ln(2)
        header = [
            _("Claim"),
            _("Recipient"),
            _("Monthly award"),
            _("Months"),
            _("Until"),
            _("Capitalised sum"),
            _("Arrears at that date"),
            _("Penalty (art. 269)"),
            _("Transfer to the Social Fund"),
        ]
        widths = (20, 44, 26, 16, 20, 34, 28, 24, 52)
        doc.set_font(FAMILY, "", 8)
        with doc.table(
            col_widths=widths,
            width=sum(widths),
            align="LEFT",
            line_height=4.5,
            text_align=("LEFT", "LEFT", "RIGHT", "RIGHT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT"),
            headings_style=FontFace(family=FAMILY, emphasis="BOLD", size_pt=7.5, fill_color=(240, 242, 245)),
            repeat_headings=1,
        ) as table:
            table.row(header)
            for line in found["lines"]:
                record = line["record"]
                table.row(
                    [
                        str(record.claim_id),
                        line["recipient"],
                        _money(record.monthly_award),
                        str(record.months),
                        _dmy(line["until"]),
                        _money(record.amount),
                        _money(line["arrears"]) if line["arrears"] is not None else "″",
                        _money(line["penalty"]) if line["penalty"] is not None else "″",
                        _transfer_state(record),
                    ]
                )
        doc.set_font(FAMILY, "", 10)
        doc.ln(2)
        doc.fields(
            [
                (_("Total capitalised"), _money(found["total"])),
                (_("Total arrears at that date"), _money(found["arrears"])),
                (_("Total penalties (art. 269)"), _money(found["penalty"])),
            ],
            label_width=70,
        )
        doc.line_of(
            _(
                "Arrears and penalties are the claim's: recipients of one claim share them "
                "(″ repeats the line above)."
            ),
            size=8,
        )
        parameters = {k: v for line in found["lines"] for k, v in line["parameters"].items()}
        if parameters:
            doc.heading(_("Parameters of the method"))
            doc.fields([(_parameter(k), str(v)) for k, v in parameters.items()], label_width=70)
        doc.ln(6)
        blank = " _______________________ / ______________ /"
        doc.line_of(_("Chairman of the liquidation commission") + blank)
        doc.ln(3)
        doc.line_of(_("Representative of the state social insurance body") + blank)
        if any(line["trace"] for line in found["lines"]):
            doc.add_page()
            doc.line_of(_("How every sum was computed (art. 255)"), size=11, bold=True)
            doc.ln(1)
            for line in found["lines"]:
                record = line["record"]
                doc.line_of(
                    _("Claim No. %(id)s, %(recipient)s", id=record.claim_id, recipient=line["recipient"]),
                    size=9,
                    bold=True,
                )
                for n, step in enumerate(line["trace"], 1):
                    doc.set_font(FAMILY, "", 8.5)
                    doc.multi_cell(
                        0,
                        4.5,
                        f"{n}. {_('Art.')} {step.get('article', '')}: {step.get('rule', '')} "
                        f"→ {step.get('result', '')}",
                        new_x=XPos.LMARGIN,
                        new_y=YPos.NEXT,
                    )
                doc.ln(1)
        return doc.to_bytes()


def statement_xlsx(employer: Employer, found: dict[str, Any]) -> bytes:
    """The same statement as a workbook: exact sums per recipient, totals, and the trace."""
    wb = Workbook()
    ws = wb.active
    ws.title = _("Capitalisation")[:31]
    ws.append([_("Capitalisation of compensation payments (art. 255)")])
    ws["A1"].font = Font(bold=True, size=12)
    ws.append([_("Employer"), employer.name, _("INN %(inn)s", inn=employer.inn)])
    ws.append([])
    ws.append(
        [
            _("Claim"),
            _("Recipient"),
            _("As of"),
            _("Monthly award"),
            _("Months"),
            _("Until"),
            _("Capitalised sum"),
            _("Arrears at that date"),
            _("Penalty (art. 269)"),
            _("Method"),
            _("Transfer to the Social Fund"),
        ]
    )
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for line in found["lines"]:
        record = line["record"]
        ws.append(
            [
                record.claim_id,
                line["recipient"],
                record.computed_on,
                record.monthly_award,
                record.months,
                line["until"] or "",
                record.amount,
                line["arrears"],
                line["penalty"],
                _method(record.method),
                _transfer_state(record),
            ]
        )
    ws.append([])
    for label, value in (
        (_("Total capitalised"), found["total"]),
        (_("Total arrears at that date"), found["arrears"]),
        (_("Total penalties (art. 269)"), found["penalty"]),
    ):
        ws.append([label, value])
    for row in ws.iter_rows(min_row=4):
        for cell in row:
            if isinstance(cell.value, Decimal):
                cell.number_format = "#,##0.00"
            elif isinstance(cell.value, date):
                cell.number_format = "DD.MM.YYYY"
    for column, width in zip("ABCDEFGHIJK", (10, 34, 12, 14, 9, 12, 16, 16, 14, 40, 36), strict=True):
        ws.column_dimensions[column].width = width
    trace = wb.create_sheet(_("Trace")[:31])
    trace.append([_("Claim"), _("Recipient"), _("Article"), _("Rule"), _("Result")])
    for cell in trace[1]:
        cell.font = Font(bold=True)
    for line in found["lines"]:
        for step in line["trace"]:
            trace.append(
                [
                    line["record"].claim_id,
                    line["recipient"],
                    str(step.get("article", "")),
                    str(step.get("rule", "")),
                    str(step.get("result", "")),
                ]
            )
    trace.column_dimensions["B"].width = 30
    trace.column_dimensions["D"].width = 100
    for row in trace.iter_rows(min_row=2):
        row[3].alignment = Alignment(wrap_text=True)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- the liquidation page (the employer's side) ------------------------------------------------------------


def _open_awards(employer: Employer) -> list[dict[str, Any]]:
    """The employer's claims with an issued award (the current one), and whether each is capitalised.

    The same awards :func:`services.capitalise` takes; a claim that passed to a successor is not
    the liquidated employer's any more.
    """
    s = db.session()
    stmt = (
        services.open_awards(s)
        .add_columns(Claim)
        .join(Claim, Claim.id == Decision.claim_id)
        .where(Decision.employer_id == employer.id, Claim.employer_id == employer.id)
    )
    rows = s.execute(stmt).all()
    capitalised = set(
        s.scalars(
            sa.select(Capitalisation.claim_id).where(
                Capitalisation.claim_id.in_([claim.id for _d, _e, claim in rows])
            )
        )
    )
    return [
        {"decision": decision, "claim": claim, "capitalised": claim.id in capitalised}
        for decision, _employer, claim in rows
    ]


def _liquidation_page(
    employer: Employer,
    errors: dict[str, list[str]] | None = None,
    values: dict[str, Any] | None = None,
    transfer: tuple[int, dict[str, Any], dict[str, list[str]]] | None = None,
    status: int = 200,
) -> Any:
    """The page; ``errors``/``values`` are the capitalise form's, ``transfer`` one record's refused form."""
    liquidating = employer.status in LIQUIDATING
    return render_template(
        "liquidation/liquidation.html",
        employer=employer,
        liquidating=liquidating,
        awards=_open_awards(employer) if liquidating else [],
        found=statement(employer) if liquidating else None,
        errors=errors or {},
        values=values or {"on": _today().isoformat()},
        transfer_id=transfer[0] if transfer else None,
        transfer_values=transfer[1] if transfer else {},
        transfer_errors=transfer[2] if transfer else {},
        today=_today().isoformat(),
    ), status


@bp.route("/liquidation/<int:employer_id>")
@login_required
@requires("issue_decision")
def liquidation(employer_id: int) -> Any:
    """An employer being liquidated: open awards, capitalisation, the statement and the transfers."""
    return _liquidation_page(_employer(employer_id))


@bp.route("/liquidation/<int:employer_id>/capitalise", methods=["POST"])
@login_required
@requires("issue_decision")
def capitalise(employer_id: int) -> Any:
    """Capitalise every open award as of a date (art. 255); an award capitalised already is kept as it is."""
    employer = _employer(employer_id)
    data, values = parse_form(request.form)
    try:
        made = services.capitalise(current_user, employer.id, load(schemas.CapitaliseIn(), data)["on"])
    except DomainError as exc:
        return _liquidation_page(employer, exc.errors, values, status=_status_for(exc))
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
    employer = _employer(employer_id)
    try:
        moved = services.transfer_to_successor(current_user, employer.id)
    except DomainError as exc:
        return _liquidation_page(employer, exc.errors, status=_status_for(exc))
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
    """The capitalisation statement for the liquidation commission, as PDF (Russian) or XLSX."""
    employer = _employer(employer_id)
    found = statement(employer)
    if fmt == "pdf":
        body, mimetype = statement_pdf(employer, found), "application/pdf"
    else:
        body = statement_xlsx(employer, found)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    filename = f"capitalisation-{employer.inn}.{fmt}"
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


@bp.route("/capitalisations/<int:capitalisation_id>/transfer", methods=["POST"])
@login_required
@requires("issue_decision")
def transfer(capitalisation_id: int) -> Any:
    """The capitalised sum reached the Social Fund (date, reference), or it never will ("not made")."""
    record = _scoped(capitalisation_id)
    data, values = parse_form(request.form, booleans=("not_made",))
    try:
        services.record_transfer(current_user, record.id, load(schemas.TransferIn(), data))
    except DomainError as exc:
        return _liquidation_page(
            _employer(record.employer_id), transfer=(record.id, values, exc.errors), status=_status_for(exc)
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
    page = None
    claims: dict[int, Claim] = {}
    try:
        per_page = int(current_app.config.get("PAGE_SIZE", 25))
        filters = load(schemas.FundArgs(), {"per_page": per_page, **values})
    except DomainError as exc:
        errors = exc.errors
    else:
        s = db.session()
        page = db.paginate(
            s, services.fund_balances(current_user, filters), filters["page"], filters["per_page"], rows=True
        )
        rows = page.items
        claims = _claims(row[0].claim_id for row in rows)
    return render_template(
        "liquidation/capitalisations.html",
        page=page,
        names={claim_id: recipient_names(claim) for claim_id, claim in claims.items()},
        values=values,
        errors=errors,
    ), (422 if errors else 200)


def _capitalisation_page(
    record: Capitalisation,
    errors: dict[str, list[str]] | None = None,
    values: dict[str, Any] | None = None,
    status: int = 200,
) -> Any:
    s = db.session()
    row = s.execute(services.fund_balances(current_user, {}).where(Capitalisation.id == record.id)).one()
    received, paid = Decimal(row.received), Decimal(row.paid)
    claim = _claims([record.claim_id])[record.claim_id]
    payments = s.scalars(
        sa.select(FundPayment)
        .where(FundPayment.capitalisation_id == record.id)
        .order_by(FundPayment.paid_on, FundPayment.id)
    ).all()
    details = record.details or {}
    return render_template(
        "liquidation/capitalisation.html",
        record=record,
        employer=row.employer,
        claim=claim,
        recipient=recipient_names(claim).get(record.recipient, record.recipient),
        details=details,
        received=received,
        paid=paid,
        balance=received - paid,
        payments=payments,
        payable=record.transferred_on is not None or record.not_made,
        errors=errors or {},
        values=values or {"paid_on": _today().isoformat()},
    ), status


@bp.route("/capitalisations/<int:capitalisation_id>")
@login_required
@requires("view_capitalisations")
def capitalisation(capitalisation_id: int) -> Any:
    """One capitalised sum: its frozen figures and trace, the transfer, the Fund's payments, the balance."""
    return _capitalisation_page(_scoped(capitalisation_id))


@bp.route("/capitalisations/<int:capitalisation_id>/fund-payments", methods=["POST"])
@login_required
@requires("record_fund_payment")
def new_fund_payment(capitalisation_id: int) -> Any:
    """A payment the Fund made from the capitalised sum; never more than the balance (the service checks)."""
    record = _scoped(capitalisation_id)
    data, values = parse_form(request.form)
    try:
        services.record_fund_payment(current_user, record.id, load(schemas.FundPaymentIn(), data))
    except DomainError as exc:
        return _capitalisation_page(record, exc.errors, values, _status_for(exc))
    flash(_("The Fund's payment is recorded."), "success")
    return redirect(url_for("fund.capitalisation", capitalisation_id=record.id) + "#payments")
