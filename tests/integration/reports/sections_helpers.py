"""Reading the tables of views 4-6 (reports/_sections.html) in the tests."""

from __future__ import annotations

import csv
import io


def table_of(html: str, key: str) -> str:
    return html.split(f'id="table-{key}"', 1)[1].split("</section>", 1)[0]


def cell(html: str, key: str, row: str, figure: str) -> str:
    """The data-value of one figure of a row of table ``key``."""
    part = table_of(html, key).split(f'data-row="{row}"', 1)[1].split("</tr>", 1)[0]
    return part.split(f'data-figure="{figure}" data-value="', 1)[1].split('"', 1)[0]


def rows_of(html: str, key: str) -> list[str]:
    return [chunk.split('"', 1)[0] for chunk in table_of(html, key).split('data-row="')[1:]]


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
