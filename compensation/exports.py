"""A calculation statement as PDF (fpdf2, Cyrillic font embedded) and XLSX (openpyxl).

The same statement serves the calculator page and, later, each recipient's
statement in the ledger, so both documents show the same figures the engine
returned: nothing here computes, it only lays out.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from fpdf.enums import XPos, YPos
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from compensation import labels
from reports import pdf as pdf_base

COLUMNS = (
    ("component", 50),
    ("recipient", 16),
    ("period", 16),
    ("amount", 24),
    ("due_date", 20),
    ("paid", 24),
    ("outstanding", 24),
    ("days_overdue", 14),
    ("penalty", 22),
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


def _money(value: str | None) -> str:
    if value is None:
        return "—"
    whole, _sep, cents = f"{Decimal(value):,.2f}".partition(".")
    return whole.replace(",", " ") + "," + cents


def _recipient(value: str, names: dict[str, str]) -> str:
    if value == "victim":
        return _("victim")
    return names.get(value, value)


def _ame(ame: dict[str, Any]) -> str:
    if not ame:
        return "—"
    method = ame.get("method", "")
    return f"{_money(ame.get('amount'))} ({labels.METHOD_LABELS.get(method, method)})"


class _Document(pdf_base.Document):
    """The statement: the shared document, landscape, for its wide table of installments."""

    def __init__(self, title: str) -> None:
        super().__init__(title, footer_text=title, orientation="L")


def statement_pdf(
    case: dict[str, Any], result: dict[str, Any], title: str, recipient_names: dict[str, str] | None = None
) -> bytes:
    """The statement: parties' figures, installments, totals, and the trace of every figure."""
    names = recipient_names or {
        s.get("id", ""): s.get("name") or s.get("id", "") for s in case.get("survivors") or []
    }
    pdf = _Document(title)
    pdf.set_font("DejaVu", "B", 13)
    pdf.multi_cell(0, 7, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 9)
    ame = result.get("average_monthly_earnings") or {}
    facts = [
        (_("Case"), str(labels.CASE_TYPE_LABELS.get(case.get("case_type", ""), case.get("case_type", "")))),
        (_("As of"), case.get("calculation_date", "")),
        (_("Claim filed"), case.get("claim_date", "")),
        (_("Employer liable"), _("yes") if result["liability"]["employer_liable"] else _("no")),
        (_("Victim's gross negligence"), f"{result['liability'].get('victim_fault_percent', '0')} %"),
        (_("Average monthly earnings"), _ame(ame)),
    ]
    for label, value in facts:
        pdf.cell(55, 5, label + ":")
        pdf.cell(0, 5, str(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    headers = _headers()
    pdf.set_font("DejaVu", "B", 7.5)
    for key, width in COLUMNS:
        pdf.cell(width * 1.12, 6, headers[key], border=1, align="C")
    pdf.ln()
    pdf.set_font("DejaVu", "", 7.5)
    for item in result.get("installments", []):
        cells = {
            "component": labels.component(item["component"]),
            "recipient": _recipient(item["recipient"], names),
            "period": item.get("period") or "—",
            "amount": _money(item["amount"]),
            "due_date": item["due_date"],
            "paid": _money(item["paid"]),
            "outstanding": _money(item["outstanding"]),
            "days_overdue": str(item["days_overdue"]),
            "penalty": _money(item["penalty"]),
        }
        for key, width in COLUMNS:
            text = cells[key]
            if pdf.get_string_width(text) > width * 1.12 - 1:
                while text and pdf.get_string_width(text + "…") > width * 1.12 - 1:
                    text = text[:-1]
                text += "…"
            pdf.cell(width * 1.12, 5, text, border=1, align="L" if key in ("component", "recipient") else "R")
        pdf.ln()
    totals = result.get("totals", {})
    pdf.set_font("DejaVu", "B", 8.5)
    pdf.ln(2)
    for key, label in (
        ("accrued", _("Accrued")),
        ("paid", _("Paid")),
        ("outstanding", _("Outstanding")),
        ("penalty", _("Penalty (art. 269)")),
    ):
        pdf.cell(55, 5, label + ":")
        pdf.cell(0, 5, _money(totals.get(key)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if result.get("trace"):
        pdf.add_page()
        pdf.set_font("DejaVu", "B", 11)
        pdf.cell(0, 7, _("How every figure was computed"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("DejaVu", "", 8)
        for step in result["trace"]:
            line = f"{_('Art.')} {step.get('article', '')}: {step.get('rule', '')} → {step.get('result', '')}"
            pdf.multi_cell(0, 4.5, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def statement_xlsx(
    case: dict[str, Any], result: dict[str, Any], title: str, recipient_names: dict[str, str] | None = None
) -> bytes:
    """The statement as a workbook: installments with exact amounts, totals, and the trace."""
    names = recipient_names or {
        s.get("id", ""): s.get("name") or s.get("id", "") for s in case.get("survivors") or []
    }
    wb = Workbook()
    ws = wb.active
    ws.title = _("Statement")[:31]
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=12)
    ws.append([_("As of"), case.get("calculation_date", "")])
    ame = result.get("average_monthly_earnings") or {}
    ws.append(
        [
            _("Average monthly earnings"),
            Decimal(ame["amount"]) if ame.get("amount") else None,
            ame.get("method", ""),
        ]
    )
    ws.append([])
    headers = _headers()
    ws.append([headers[k] for k, _w in COLUMNS])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for item in result.get("installments", []):
        ws.append(
            [
                labels.component(item["component"]),
                _recipient(item["recipient"], names),
                item.get("period") or "",
                Decimal(item["amount"]),
                item["due_date"],
                Decimal(item["paid"]),
                Decimal(item["outstanding"]),
                item["days_overdue"],
                Decimal(item["penalty"]),
            ]
        )
    ws.append([])
    for key, label in (
        ("accrued", _("Accrued")),
        ("paid", _("Paid")),
        ("outstanding", _("Outstanding")),
        ("penalty", _("Penalty (art. 269)")),
    ):
        ws.append([label, Decimal(result.get("totals", {}).get(key, "0"))])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, Decimal):
                cell.number_format = "#,##0.00"
    for column, width in zip("ABCDEFGHI", (44, 14, 10, 14, 12, 14, 14, 10, 14), strict=True):
        ws.column_dimensions[column].width = width
    trace = wb.create_sheet(_("Trace")[:31])
    trace.append([_("Article"), _("Rule"), _("Result")])
    for cell in trace[1]:
        cell.font = Font(bold=True)
    for step in result.get("trace") or []:
        trace.append([str(step.get("article", "")), str(step.get("rule", "")), str(step.get("result", ""))])
    trace.column_dimensions["B"].width = 100
    for row in trace.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
