"""The joint analysis of both inspectorates (arts. 2.3, 2.4 of the 2022 agreement) as CSV, XLSX and PDF.

Each takes the table the page shows (``reports.cooperation.joint_analysis``) with its header and
returns the file's content; a name that reads as a formula stays text (``core.formatting.safe_cell``).
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from flask_babel import gettext as _

from core.formatting import finish_sheet, month_cell, safe_cell, sheet_title, workbook_bytes
from core.pdf import Document


def _causes_header() -> list[str]:
    return [str(_("Main cause of accidents")), str(_("Acts"))]


def analysis_csv(header: list[str], table: list[list[Any]], causes: list[tuple[str, int]]) -> str:
    """The table, a blank line, then the causes; with a byte-order mark so that spreadsheets read UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(safe_cell(v) for v in header)
    writer.writerows([safe_cell(v) for v in row] for row in table)
    writer.writerow([])
    writer.writerow(_causes_header())
    writer.writerows([safe_cell(v) for v in row] for row in causes)
    return "\ufeff" + out.getvalue()


def analysis_xlsx(
    header: list[str], table: list[list[Any]], causes: list[tuple[str, int]], by_month: bool = False
) -> bytes:
    """The table on one sheet (by month: the months as date cells), the causes on another; their
    header rows frozen."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(_("Joint analysis"))
    sheet.append(header)
    for row in table:
        sheet.append([month_cell(row[0]), *row[1:]] if by_month else row)
    finish_sheet(sheet, 1, month_columns=(1,) if by_month else ())
    causes_sheet = book.create_sheet(sheet_title(_("Accident causes")))
    causes_sheet.append(_causes_header())
    for row in causes:
        causes_sheet.append(list(row))
    finish_sheet(causes_sheet, 1)
    return workbook_bytes(book)


def analysis_pdf(
    date_from: date, date_to: date, header: list[str], table: list[list[Any]], causes: list[tuple[str, int]]
) -> bytes:
    """The joint analysis on A4 landscape, Cyrillic fonts embedded (core.pdf)."""
    title = str(_("Joint analysis of both inspectorates (arts. 2.3, 2.4)"))
    doc = Document(title, footer_text="Emgek", orientation="L")
    doc.line_of(title, size=13, bold=True)
    doc.line_of(f"{date_from.strftime('%d.%m.%Y')} — {date_to.strftime('%d.%m.%Y')}")
    doc.ln(2)
    doc.set_font("DejaVu", "", 9)
    with doc.table(col_widths=(90, 30, 30, 30, 30, 30), first_row_as_headings=True) as pdf_table:
        for row in [header, *table]:
            cells = pdf_table.row()
            for value in row:
                cells.cell(str(value))
    doc.heading(str(_("Causes of accidents in the period")))
    doc.set_font("DejaVu", "", 9)
    with doc.table(col_widths=(200, 40), first_row_as_headings=True) as pdf_table:
        for row in [_causes_header(), *causes]:
            cells = pdf_table.row()
            for value in row:
                cells.cell(str(value))
    return doc.to_bytes()
