"""A calculation statement as PDF (fpdf2, Cyrillic font embedded) and XLSX (openpyxl).

The same statement serves the calculator page and, later, each recipient's
statement in the ledger, so both documents show the same figures the engine
returned: nothing here computes, it only lays out.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from fpdf.fonts import FontFace
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from core import labels
from core import pdf as pdf_base
from core.formatting import (
    as_date,
    day,
    engine_cell,
    finish_sheet,
    month,
    month_cell,
    printed_money,
    workbook_bytes,
)
from core.pdf import FAMILY

#: Columns and their relative widths on a landscape page.
COLUMNS = (
    ("component", 46),
    ("recipient", 27),
    ("period", 15),
    ("amount", 22),
    ("due_date", 19),
    ("paid", 22),
    ("outstanding", 24),
    ("days_overdue", 24),
    ("penalty", 20),
)


def _headers() -> dict[str, str]:
    return {
        "component": _("Component"),
        "recipient": _("Recipient"),
        "period": _("Period"),
        "amount": _("Accrued"),
        "due_date": _("Due"),
        "paid": _("Paid"),
        "outstanding": _("Outstanding"),
        "days_overdue": _("Days late"),
        "penalty": _("Penalty"),
    }


def _recipient(value: str, names: dict[str, str]) -> str:
    if value == "victim":
        return _("victim")
    return names.get(value, value)


def _days_late(item: dict[str, Any]) -> str:
    """The days late as the statement page shows them: overdue still, or how late a paid row was paid."""
    if item.get("days_overdue"):
        return str(item["days_overdue"])
    if item.get("paid_days_late"):
        return _("paid %(days)s days late", days=item["paid_days_late"])
    return "0"


def _penalty_paid(item: dict[str, Any]) -> Decimal:
    return Decimal(item.get("penalty_paid") or "0")


def _penalty_totals(result: dict[str, Any]) -> list[tuple[str, str]]:
    """The art. 269 penalties paid and outstanding (a claim's statement, with the ledger's payments)."""
    penalties = result.get("penalties")
    if not penalties:
        return []
    rows = [
        (_("Penalties paid"), str(penalties.get("paid", "0.00"))),
        (_("Penalties outstanding"), str(penalties.get("outstanding", "0.00"))),
    ]
    if Decimal(penalties.get("unapplied") or "0"):
        rows.append((_("Paid beyond every penalty accrued"), str(penalties["unapplied"])))
    return rows


def _ame(ame: dict[str, Any]) -> str:
    if not ame:
        return "—"
    method = ame.get("method", "")
    return f"{printed_money(ame.get('amount'))} ({labels.METHOD_LABELS.get(method, method)})"


class _Document(pdf_base.Document):
    """The statement: the shared document, landscape, for its wide table of installments."""

    def __init__(self, title: str) -> None:
        super().__init__(title, footer_text=title, orientation="L")


def statement_pdf(
    case: dict[str, Any],
    result: dict[str, Any],
    title: str,
    recipient_names: dict[str, str] | None = None,
    parties: list[tuple[str, str]] | None = None,
) -> bytes:
    """The statement: whose it is (``parties``: the victim or survivor, the employer, the claim, the
    order, for a claim's statement), the figures, installments, totals, and the trace of every figure."""
    names = recipient_names or {
        s.get("id", ""): s.get("name") or s.get("id", "") for s in case.get("survivors") or []
    }
    pdf = _Document(title)
    pdf.line_of(title, size=13, bold=True)
    pdf.ln(1)
    ame = result.get("average_monthly_earnings") or {}
    pdf.fields(
        list(parties or [])
        + [
            (
                _("Case"),
                str(labels.CASE_TYPE_LABELS.get(case.get("case_type", ""), case.get("case_type", ""))),
            ),
            (_("As of"), day(case.get("calculation_date"))),
            (_("Claim filed"), day(case.get("claim_date"))),
            (_("Employer liable"), _("yes") if result["liability"]["employer_liable"] else _("no")),
            (_("Victim's gross negligence"), f"{result['liability'].get('victim_fault_percent', '0')} %"),
            (_("Average monthly earnings"), _ame(ame)),
        ],
        label_width=70,
    )
    pdf.ln(3)
    headers = _headers()
    numeric = {"amount", "paid", "outstanding", "days_overdue", "penalty"}
    pdf.set_font(FAMILY, "", 8)
    with pdf.table(
        col_widths=tuple(width for _key, width in COLUMNS),
        width=pdf.epw,
        line_height=4.2,
        text_align=tuple("RIGHT" if key in numeric else "LEFT" for key, _w in COLUMNS),
        headings_style=FontFace(family=FAMILY, emphasis="BOLD", size_pt=7.5, fill_color=(240, 242, 245)),
        repeat_headings=1,
    ) as table:
        row = table.row()
        for key, _width in COLUMNS:
            row.cell(headers[key])
        for item in result.get("installments", []):
            row = table.row()
            for text in (
                labels.component(item["component"]),
                _recipient(item["recipient"], names),
                month(item.get("period")),
                printed_money(item["amount"]),
                day(item["due_date"]),
                printed_money(item["paid"]),
                printed_money(item["outstanding"]),
                _days_late(item),
                printed_money(item["penalty"])
                + (
                    "\n" + _("paid: %(sum)s", sum=printed_money(item["penalty_paid"]))
                    if _penalty_paid(item)
                    else ""
                ),
            ):
                row.cell(text)
    totals = result.get("totals", {})
    pdf.ln(2)
    pdf.fields(
        [
            (_("Accrued"), printed_money(totals.get("accrued"))),
            (_("Paid"), printed_money(totals.get("paid"))),
            (_("Outstanding"), printed_money(totals.get("outstanding"))),
            (_("Penalty (art. 269)"), printed_money(totals.get("penalty"))),
        ]
        + [(label, printed_money(value)) for label, value in _penalty_totals(result)],
        label_width=70,
    )
    if result.get("trace"):
        pdf.add_page()
        pdf.heading(_("How every figure was computed"))
        for step in result["trace"]:
            pdf.line_of(
                f"{_('Art.')} {step.get('article', '')}: {step.get('rule', '')} → {step.get('result', '')}",
                size=8,
                height=4.2,
            )
    return bytes(pdf.output())


def statement_xlsx(
    case: dict[str, Any],
    result: dict[str, Any],
    title: str,
    recipient_names: dict[str, str] | None = None,
    parties: list[tuple[str, str]] | None = None,
) -> bytes:
    """The statement as a workbook: whose it is (``parties``), installments with exact amounts, totals,
    and the trace."""
    names = recipient_names or {
        s.get("id", ""): s.get("name") or s.get("id", "") for s in case.get("survivors") or []
    }
    wb = Workbook()
    ws = wb.active
    ws.title = _("Statement")[:31]
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=12)
    for label, value in parties or []:
        ws.append([label, value])
    ws.append([_("As of"), as_date(case.get("calculation_date"))])
    ame = result.get("average_monthly_earnings") or {}
    method = ame.get("method", "")
    ws.append(
        [
            _("Average monthly earnings"),
            Decimal(ame["amount"]) if ame.get("amount") else None,
            str(labels.METHOD_LABELS.get(method, method)),
        ]
    )
    ws.append([])
    headers = _headers()
    penalties = bool(result.get("penalties"))
    # A claim's statement (with the ledger's payments) adds how late each paid row was paid and the
    # penalty paid on it, as numbers in their own columns, as the statement page shows them.
    extra = [_("Paid late, days"), _("Penalties paid")] if penalties else []
    ws.append([headers[k] for k, _w in COLUMNS] + extra)
    header_row = ws.max_row
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for item in result.get("installments", []):
        ws.append(
            [
                labels.component(item["component"]),
                _recipient(item["recipient"], names),
                month_cell(item.get("period")),
                None if item["amount"] is None else Decimal(item["amount"]),
                as_date(item["due_date"]),
                Decimal(item["paid"]),
                None if item["outstanding"] is None else Decimal(item["outstanding"]),
                item["days_overdue"],
                Decimal(item["penalty"]),
            ]
            + ([item.get("paid_days_late") or 0, _penalty_paid(item)] if penalties else [])
        )
    ws.append([])
    for key, label in (
        ("accrued", _("Accrued")),
        ("paid", _("Paid")),
        ("outstanding", _("Outstanding")),
        ("penalty", _("Penalty (art. 269)")),
    ):
        ws.append([label, Decimal(result.get("totals", {}).get(key, "0"))])
    for label, value in _penalty_totals(result):
        ws.append([label, Decimal(value)])
    finish_sheet(ws, header_row, month_columns=(3,))
    for column, width in zip("ABCDEFGHIJK", (44, 14, 10, 14, 12, 14, 14, 10, 14, 12, 14), strict=True):
        ws.column_dimensions[column].width = width
    trace = wb.create_sheet(_("Trace")[:31])
    trace.append([_("Article"), _("Rule"), _("Result")])
    for cell in trace[1]:
        cell.font = Font(bold=True)
    for step in result.get("trace") or []:
        trace.append([str(step.get("article", "")), str(step.get("rule", "")), str(step.get("result", ""))])
    for row in trace.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True)
        engine_cell(row[2])
    finish_sheet(trace, 1)
    trace.column_dimensions["B"].width = 100
    return workbook_bytes(wb)
