"""The capitalisation statement (art. 255) for the liquidation commission, as PDF and XLSX, in the
reader's language (Russian or Kyrgyz).

One builder (:func:`liquidation.services.statement`) gives the figures; these only lay them out. The
trace is a claim's: it is printed once for the claim, each survivor's step under the survivor's name
(the engine's steps say "s1", "s2").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from fpdf.fonts import FontFace
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from claims.models import Capitalisation
from compensation.rules.regime import cite_words
from core import pdf as pdf_base
from core.classifiers import EMPLOYER_STATUS_LABELS
from core.employers import Employer
from core.formatting import as_date, day, engine_cell, finish_sheet, printed_money, workbook_bytes
from core.pdf import FAMILY

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


def _method(code: str) -> str:
    return str(METHOD_LABELS.get(code, code))


def _parameter(code: str) -> str:
    return str(PARAMETER_LABELS.get(code, code))


#: A recipient's code in the engine's text ("Капитализация для s2").
RECIPIENT_CODE = re.compile(r"\b(s\d+|victim)\b")


def _claims(found: dict[str, Any]) -> Iterator[tuple[int, dict[str, str], list[dict[str, Any]]]]:
    """Each capitalised claim once: its id, its recipients' names by code, and its trace (the claim's,
    which every recipient's record carries alike)."""
    seen: dict[int, tuple[dict[str, str], list[dict[str, Any]]]] = {}
    for line in found["lines"]:
        names, trace = seen.setdefault(line["record"].claim_id, ({}, line["trace"]))
        names[line["record"].recipient] = line["recipient"]
    for claim_id, (names, trace) in seen.items():
        yield claim_id, names, trace


def _named(text: Any, names: dict[str, str]) -> str:
    """The engine's text with each recipient's code replaced by the recipient's name."""
    return RECIPIENT_CODE.sub(lambda m: names.get(m.group(1), m.group(1)), str(text))


def _step_recipients(step: dict[str, Any], names: dict[str, str]) -> str:
    """Whose step it is: the recipients its text names, else every recipient of the claim."""
    codes = [c for c in RECIPIENT_CODE.findall(str(step.get("rule", ""))) if c in names]
    return "; ".join(names[c] for c in dict.fromkeys(codes)) or "; ".join(names.values())


def _transfer_state(record: Capitalisation) -> str:
    if record.not_made:
        return _("not made: the state budget covers the sum (art. 255)")
    if record.transferred_on:
        reference = f", {record.transfer_reference}" if record.transfer_reference else ""
        return _("transferred on %(date)s", date=day(record.transferred_on)) + reference
    return _("not transferred yet")


class _Document(pdf_base.Document):
    def __init__(self, title: str) -> None:
        super().__init__(title, footer_text=title, orientation="L")


def _sum_columns() -> list[str]:
    """The columns of a capitalised sum, the same in the PDF and the workbook."""
    return [
        _("Monthly award"),
        _("Months"),
        _("Until"),
        _("Capitalised sum"),
        _("Arrears at that date"),
        _("Penalty (art. 269)"),
    ]


def statement_pdf(employer: Employer, found: dict[str, Any], locale: str = "ru") -> bytes:
    """The statement for the liquidation commission, in ``locale`` (the reader's language)."""
    with force_locale(locale):
        title = _("Capitalisation of compensation payments (art. 255)")
        doc = _Document(title)
        doc.line_of(employer.name, size=11, bold=True, align="C")
        doc.line_of(_("INN %(inn)s", inn=employer.inn), size=9, align="C")
        doc.ln(2)
        doc.line_of(title, size=13, bold=True, align="C", height=6)
        doc.line_of(
            _("as of %(dates)s", dates=", ".join(day(d) for d in found["dates"]) or "—"), size=10, align="C"
        )
        doc.ln(2)
        doc.fields(
            [
                (_("Employer status"), str(EMPLOYER_STATUS_LABELS.get(employer.status, employer.status))),
                (_("Liquidation started on"), day(employer.liquidation_started_on)),
                (_("Method"), "; ".join(sorted({_method(ln["record"].method) for ln in found["lines"]}))),
            ],
            label_width=70,
        )
        doc.ln(2)
        header = [
            _("Claim"),
            _("Recipient"),
            *_sum_columns(),
            _("Transfer to the Social Fund"),
        ]
        widths = (20, 44, 26, 16, 20, 34, 28, 24, 52)
        rows = [
            [
                str(line["record"].claim_id),
                line["recipient"],
                printed_money(line["record"].monthly_award),
                str(line["record"].months),
                day(line["until"]),
                printed_money(line["record"].amount),
                printed_money(line["arrears"]) if line["arrears"] is not None else "″",
                printed_money(line["penalty"]) if line["penalty"] is not None else "″",
                _transfer_state(line["record"]),
            ]
            for line in found["lines"]
        ]
        doc.ruled_table(
            widths,
            header,
            rows,
            text_align=("LEFT", "LEFT", "RIGHT", "RIGHT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT"),
            headings_style=FontFace(family=FAMILY, emphasis="BOLD", size_pt=7.5, fill_color=(240, 242, 245)),
        )
        doc.ln(2)
        doc.fields(
            [
                (_("Total capitalised"), printed_money(found["total"])),
                (_("Total arrears at that date"), printed_money(found["arrears"])),
                (_("Total penalties (art. 269)"), printed_money(found["penalty"])),
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
            for claim_id, names, trace in _claims(found):
                doc.line_of(
                    _("Claim No. %(id)s, %(recipient)s", id=claim_id, recipient="; ".join(names.values())),
                    size=9,
                    bold=True,
                )
                for n, step in enumerate(trace, 1):
                    doc.trace_step(
                        n,
                        cite_words(str(step.get("article", "")), locale),
                        {"rule": _named(step.get("rule", ""), names), "result": step.get("result", "")},
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
            *_sum_columns(),
            _("Method"),
            _("Transfer to the Social Fund"),
        ]
    )
    header_row = ws.max_row
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
                as_date(line["until"]),
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
    finish_sheet(ws, header_row)
    for column, width in zip("ABCDEFGHIJK", (10, 34, 12, 14, 9, 12, 16, 16, 14, 40, 36), strict=True):
        ws.column_dimensions[column].width = width
    trace = wb.create_sheet(_("Trace")[:31])
    trace.append([_("Claim"), _("Recipient"), _("Article"), _("Rule"), _("Result")])
    for cell in trace[1]:
        cell.font = Font(bold=True)
    for claim_id, names, steps in _claims(found):
        for step in steps:
            trace.append(
                [
                    claim_id,
                    _step_recipients(step, names),
                    str(step.get("article", "")),
                    _named(step.get("rule", ""), names),
                    str(step.get("result", "")),
                ]
            )
    trace.column_dimensions["B"].width = 30
    trace.column_dimensions["D"].width = 100
    for row in trace.iter_rows(min_row=2):
        row[3].alignment = Alignment(wrap_text=True)
        engine_cell(row[4])
    finish_sheet(trace, 1)
    return workbook_bytes(wb)
