"""Money and dates as people read them, one way for pages, PDFs, workbooks and messages alike.

Kyrgyz and Russian documents write 12 500,00 (a space between thousands, a comma before the
tyiyn) and 05.03.2026. Pages use a no-break space so a sum never wraps; printed documents an
ordinary one, so a printed figure can be found again in the PDF's text.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

NO_BREAK = "\u00a0"
DASH = "—"


def money(value: Decimal | str | int | None, space: str = NO_BREAK) -> str:
    """12 500,00; a dash for nothing."""
    if value is None or value == "":
        return DASH
    whole, _sep, cents = f"{Decimal(value):,.2f}".partition(".")
    return whole.replace(",", space) + "," + cents


def printed_money(value: Decimal | str | int | None) -> str:
    """12 500,00 with an ordinary space, as PDFs and workbooks print it."""
    return money(value, space=" ")


def day(value: date | str | None) -> str:
    """05.03.2026 from a date or an ISO date; a dash for nothing."""
    if not value:
        return DASH
    found = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return found.strftime("%d.%m.%Y")


def month(value: str | None) -> str:
    """03.2026 from a period "2026-03"; a dash for nothing."""
    if not value:
        return DASH
    year, number = value.split("-")
    return f"{number}.{year}"


#: What a spreadsheet reads as the start of a formula (OWASP "CSV injection"): =, +, -, @, a tab, a CR.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A cell for a CSV or XLSX export: text that a spreadsheet would run as a formula gets a leading
    apostrophe, so it reads as the text it is; numbers, dates, Decimals and nothing pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def workbook_bytes(workbook: Any) -> bytes:
    """An openpyxl workbook as the bytes of an XLSX file, every cell made safe first (``safe_cell``):
    a name or a note that reads as a formula stays text."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                cell.value = safe_cell(cell.value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
