"""Money, numbers and dates as people read them, one way for pages, PDFs, workbooks and messages alike.

Kyrgyz and Russian documents write 12 500,00 (a space between thousands, a comma before the
tyiyn), 37,63, 05.03.2026 and "декабрь 2026" (Kyrgyz: "декабрь 2026", from the CLDR's month names).
Pages use a no-break space so a sum never wraps; printed documents an ordinary one, so a printed
figure can be found again in the PDF's text. Workbooks hold real numbers and dates instead, with
their display formats (``finish_sheet``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Collection
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date

NO_BREAK = "\u00a0"
DASH = "—"


def number(value: Decimal | str | int | float | None, places: int = 2, space: str = NO_BREAK) -> str:
    """37,63 or 1 234,5 (with ``places`` decimals): the locale's separators; a dash for nothing (and for
    a rate that cannot be computed, pandas' NaN)."""
    if value is None or value == "" or value != value:
        return DASH
    whole, _sep, fraction = f"{Decimal(str(value)):,.{places}f}".partition(".")
    return whole.replace(",", space) + ("," + fraction if fraction else "")


def money(value: Decimal | str | int | None, space: str = NO_BREAK) -> str:
    """12 500,00; a dash for nothing."""
    return number(value, 2, space)


def printed_money(value: Decimal | str | int | None) -> str:
    """12 500,00 with an ordinary space, as PDFs and workbooks print it."""
    return money(value, space=" ")


def as_date(value: date | str | None) -> date | None:
    """A date from a date, a date-time or an ISO string (the engine's and the API's); None for nothing."""
    if not value:
        return None
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def day(value: date | str | None) -> str:
    """05.03.2026 from a date or an ISO date; a dash for nothing."""
    found = as_date(value)
    return found.strftime("%d.%m.%Y") if found else DASH


#: Where the people who read these figures are (core.db.BISHKEK; this module imports no database).
_BISHKEK = ZoneInfo("Asia/Bishkek")


def moment(value: datetime | str | None) -> str:
    """05.03.2026 14:30 from a date-time or its ISO text: a moment with its offset (an act's content, in
    UTC) in Bishkek time, a naive one as it stands (a local wall time); a dash for nothing."""
    if not value:
        return DASH
    found = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if found.tzinfo is not None:
        found = found.astimezone(_BISHKEK)
    return found.strftime("%d.%m.%Y %H:%M")


def month_name(value: date | str | None, locale: str = "ru") -> str:
    """ "декабрь 2026" from a date or a period "2026-12", as a person names a month; a dash for nothing."""
    if not value:
        return DASH
    text = value if isinstance(value, date) else str(value)
    found = as_date(f"{text}-01" if isinstance(text, str) and len(text) == 7 else text)
    return format_date(found, "LLLL yyyy", locale=locale)


#: File sizes: Russian and Kyrgyz write КБ and МБ.
SIZE_UNITS = {"ru": ("байт", "КБ", "МБ"), "ky": ("байт", "КБ", "МБ"), "en": ("B", "KB", "MB")}


def file_size(size: int | None, locale: str = "ru") -> str:
    """840 байт, 12,5 КБ, 3,2 МБ; a dash for nothing."""
    if size is None:
        return DASH
    units = SIZE_UNITS.get(locale, SIZE_UNITS["ru"])
    if size < 1024:
        return f"{size}{NO_BREAK}{units[0]}"
    if size < 1024 * 1024:
        return f"{number(Decimal(size) / 1024, 1)}{NO_BREAK}{units[1]}"
    return f"{number(Decimal(size) / (1024 * 1024), 1)}{NO_BREAK}{units[2]}"


def month(value: str | None) -> str:
    """03.2026 from a period "2026-03"; a dash for nothing."""
    if not value:
        return DASH
    year, number = value.split("-")
    return f"{number}.{year}"


ISO_DAY_IN_TEXT = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
ISO_MONTH_IN_TEXT = re.compile(r"(?<![\d-])(\d{4})-(0[1-9]|1[0-2])(?![\d-])")
DECIMAL_IN_TEXT = re.compile(r"(?<![\w.,])(\d+)\.(\d+)(?!\w|\.\d|,\d)")


def readable(text: Any, space: str = NO_BREAK) -> str:
    """The engine's running text (a trace's rule and result) as people write: 2026-03-25 → 25.03.2026,
    2026-03 → 03.2026, 33116.67 → 33 116,67; words and other figures stay as they are."""
    found = str(text) if text is not None else ""
    # Figures first: the dates written next hold dots that are not decimal points.
    found = DECIMAL_IN_TEXT.sub(lambda m: number(f"{m[1]}.{m[2]}", len(m[2]), space), found)
    found = ISO_DAY_IN_TEXT.sub(lambda m: f"{m[3]}.{m[2]}.{m[1]}", found)
    return ISO_MONTH_IN_TEXT.sub(lambda m: f"{m[2]}.{m[1]}", found)


#: What a spreadsheet reads as the start of a formula (OWASP "CSV injection"): =, +, -, @, a tab, a CR.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


#: How a workbook shows its cells: people's date, month and money, whatever the reader's spreadsheet.
XLSX_DATE = "DD.MM.YYYY"
XLSX_MONTH = "MM.YYYY"
XLSX_MONEY = "#,##0.00"


PERIOD = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def month_cell(value: Any) -> Any:
    """A period "2026-03" as a workbook holds a month: a date cell, its first day (shown mm.yyyy by
    ``finish_sheet``); anything else (nothing, a dash, a name) as it is."""
    if isinstance(value, str) and PERIOD.fullmatch(value):
        return date(int(value[:4]), int(value[5:]), 1)
    return value


#: What a worksheet's name may not hold (Excel refuses these); it is at most 31 characters long.
NOT_IN_SHEET_TITLES = re.compile(r"[\[\]:*?/\\]")


def sheet_title(text: Any) -> str:
    """A table's title as a worksheet's name: ``[]:*?/\\`` become spaces (a title such as "Causes:
    by sector" would be refused, a 500), cut to 31 characters."""
    return NOT_IN_SHEET_TITLES.sub(" ", str(text))[:31].strip() or "Sheet"


def finish_sheet(sheet: Any, header_row: int, month_columns: Collection[int] = ()) -> None:
    """A worksheet people can use: the rows up to its header frozen (they stay while one scrolls), real
    dates as dd.mm.yyyy (months, in ``month_columns`` counted from 1 or already so shown, as mm.yyyy)
    and sums with two decimals (cells hold dates and Decimals, never strings of them)."""
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, Decimal) and cell.number_format == "General":
                cell.number_format = XLSX_MONEY
            elif isinstance(cell.value, date | datetime) and cell.number_format != XLSX_MONTH:
                cell.number_format = XLSX_MONTH if cell.column in month_columns else XLSX_DATE


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
ENGINE_NUMBER = re.compile(r"-?\d+(\.(\d+))?")


def engine_cell(cell: Any) -> None:
    """An engine's text in a cell (a trace's result) as a workbook holds it: a day "2026-03-25" a date
    cell, a period "2026-03" a month cell (shown mm.yyyy, which ``finish_sheet`` keeps), a figure
    "33116.67" a number cell shown with its decimals (so it sums; issue 14), other text as it is."""
    value = cell.value
    figure = ENGINE_NUMBER.fullmatch(value) if isinstance(value, str) else None
    if figure:
        cell.value = Decimal(value) if figure[1] else int(value)
        cell.number_format = "#,##0" + ("." + "0" * len(figure[2]) if figure[1] else "")
    elif isinstance(value, str) and ISO_DAY.fullmatch(value):
        cell.value = date.fromisoformat(value)
    elif isinstance(value, str) and PERIOD.fullmatch(value):
        cell.value = month_cell(value)
        cell.number_format = XLSX_MONTH


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
