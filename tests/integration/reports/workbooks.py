"""A workbook's cells as the CSV writes them, so a test can hold the two downloads side by side and
still see that the workbook's figures are numbers shown with the CSV's decimals."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from core.formatting import XLSX_MONTH


def printed(cell: Any) -> Any:
    """A cell as its CSV text: a number with the decimals its format shows (#,##0.00 → 16.50, #,##0 → 5),
    a month cell as 11.2026, anything else as it is. A number cell whose format shows no decimals
    though its value has some would read differently, and so compares unequal."""
    value = cell.value
    if isinstance(value, bool) or not isinstance(value, int | float | datetime):
        return value
    if isinstance(value, datetime):
        return f"{value:%m.%Y}" if cell.number_format == XLSX_MONTH else f"{value:%d.%m.%Y}"
    places = len(cell.number_format.partition(".")[2]) if "." in cell.number_format else 0
    if cell.number_format == "General":
        return repr(value)  # a number shown as it happens to be: not what the CSV says
    return f"{value:.{places}f}"


def sheet_rows(book: Any) -> list[list[Any]]:
    """The first sheet's rows as the CSV's."""
    return [[printed(c) for c in row] for row in book.active.iter_rows()]


def trimmed(row: Any) -> list[str]:
    """A row without its trailing blanks: a sheet's rows are as wide as its widest (a blank row, a
    table's title, have empty cells there), a CSV's rows only as their own cells."""
    values = ["" if v is None else str(v) for v in row]
    while values and values[-1] == "":
        values.pop()
    return values
