"""A view's table as a download: CSV (with a BOM, so Excel reads the Cyrillic) or XLSX.

Cells go through ``core.formatting.safe_cell``, so a name that starts like a formula stays text. Dates
are real date cells in the workbook (months shown as mm.yyyy) and people's dates in the CSV; the
workbook's header row is frozen (``core.formatting.finish_sheet``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

from flask import Response

from core.formatting import day, finish_sheet, month, safe_cell, sheet_title, workbook_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _text(value: Any, is_month: bool) -> Any:
    """A CSV cell: a date as 05.03.2026 (a month as 03.2026), anything else as it is, made safe."""
    if isinstance(value, date):
        return month(value.strftime("%Y-%m")) if is_month else day(value)
    return safe_cell(value)


def table_download(
    fmt: str, name: str, title: str, rows: Sequence[Sequence[Any]], month_columns: Collection[int] = ()
) -> Response:
    """``rows`` (the header first) as ``name.csv`` or ``name.xlsx`` (one sheet called ``title``); the
    cells of ``month_columns`` (counted from 0) are months, given as their first day."""
    if fmt == "csv":
        text = io.StringIO()
        csv.writer(text).writerows([_text(v, i in month_columns) for i, v in enumerate(row)] for row in rows)
        body: bytes | str = "\ufeff" + text.getvalue()
        mimetype = "text/csv"
    else:
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = sheet_title(title)
        for row in rows:
            sheet.append(list(row))
        finish_sheet(sheet, 1, month_columns={i + 1 for i in month_columns})
        body, mimetype = workbook_bytes(book), XLSX
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f"attachment; filename={name}.{fmt}"}
    )
