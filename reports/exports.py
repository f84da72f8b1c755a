"""A view's table as a download: CSV (with a BOM, so Excel reads the Cyrillic) or XLSX.

Figures go in as ``Figure`` (``figure()`` makes them): the CSV writes them as the page's downloads always
have (16.50, 5), the workbook as real number cells a person can sum and sort, shown with their decimals
(``#,##0.00`` for a rate or a sum, ``#,##0`` for a count: the reader's spreadsheet puts its own
separators, 37,63 and 1 234 in Russian), never the text "37,63" (issue 14).

Cells go through ``core.formatting.safe_cell``, so a name that starts like a formula stays text. Dates
are real date cells in the workbook (months shown as mm.yyyy) and people's dates in the CSV; the
workbook's header row is frozen (``core.formatting.finish_sheet``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from flask import Response

from core.formatting import day, finish_sheet, month, safe_cell, sheet_title, workbook_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: A workbook's display of a count: thousands grouped, no decimals.
XLSX_COUNT = "#,##0"


class Figure(NamedTuple):
    """A number of a table: its value (a Decimal or an integer) and the decimals it is shown with."""

    value: Decimal | int
    places: int

    @property
    def text(self) -> str:
        """The CSV's cell: 16.50 with ``places`` decimals, 5 for a count."""
        return f"{self.value:.{self.places}f}" if self.places else str(self.value)

    @property
    def number_format(self) -> str:
        """The workbook's display: #,##0 for a count, #,##0.00 with two decimals, #,##0.0 with one."""
        return XLSX_COUNT + ("." + "0" * self.places if self.places else "")


def figure(value: Any, missing: str = "", places: int | None = None) -> Any:
    """``value`` as a table's figure: a whole number (an int, pandas' integer) a count, anything else
    (a Decimal, a float) with ``places`` decimals (2 unless told); ``missing`` (such as "no data")
    where there is no value (None, pandas' NaN)."""
    if value is None or value == "" or value != value:
        return missing
    if places is None:
        places = 0 if _whole(value) else 2
    if places == 0:
        return Figure(int(value), 0)
    return Figure(Decimal(str(value)).quantize(Decimal(1).scaleb(-places)), places)


def _whole(value: Any) -> bool:
    """Whether ``value`` is an integer type (int or numpy's), not a Decimal or a float that is whole."""
    return isinstance(value, int) or type(value).__name__.startswith(("int", "uint"))


def _text(value: Any, is_month: bool) -> Any:
    """A CSV cell: a date as 05.03.2026 (a month as 03.2026), anything else as it is, made safe."""
    if isinstance(value, date):
        return month(value.strftime("%Y-%m")) if is_month else day(value)
    if isinstance(value, Figure):
        return value.text
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
        formats: dict[tuple[int, int], str] = {}
        for row_number, row in enumerate(rows, start=1):
            cells = []
            for column, value in enumerate(row, start=1):
                if isinstance(value, Figure):
                    formats[row_number, column] = value.number_format
                    value = value.value
                cells.append(value)
            sheet.append(cells)
        finish_sheet(sheet, 1, month_columns={i + 1 for i in month_columns})
        for (row_number, column), number_format in formats.items():
            sheet.cell(row=row_number, column=column).number_format = number_format
        body, mimetype = workbook_bytes(book), XLSX
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f"attachment; filename={name}.{fmt}"}
    )
