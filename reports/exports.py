"""A view's table as a download: CSV (with a BOM, so Excel reads the Cyrillic) or XLSX.

Cells go through ``core.formatting.safe_cell``, so a name that starts like a formula stays text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from flask import Response

from core.formatting import safe_cell

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_download(fmt: str, name: str, title: str, rows: Sequence[Sequence[Any]]) -> Response:
    """``rows`` (the header first) as ``name.csv`` or ``name.xlsx`` (one sheet called ``title``)."""
    cells = [[safe_cell(v) for v in row] for row in rows]
    if fmt == "csv":
        text = io.StringIO()
        csv.writer(text).writerows(cells)
        body: bytes | str = "\ufeff" + text.getvalue()
        mimetype = "text/csv"
    else:
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = title[:31]
        for row in cells:
            sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        body, mimetype = buffer.getvalue(), XLSX
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f"attachment; filename={name}.{fmt}"}
    )
