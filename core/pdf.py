"""A PDF base for Emgek's documents: A4, Cyrillic fonts embedded, headings and labelled fields.

The fonts are the DejaVu faces bundled with matplotlib (already a dependency), so
documents print the same everywhere and nothing is downloaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib
from flask_babel import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from core.formatting import readable

FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FAMILY = "DejaVu"


class Document(FPDF):
    """An A4 page with DejaVu Sans (regular and bold) and helpers for a form's numbered items."""

    def __init__(self, title: str, footer_text: str = "", orientation: str = "P") -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_title(title)
        self.set_creator("Emgek")
        self.set_margins(18, 15, 15)
        self.set_auto_page_break(auto=True, margin=16)
        self.footer_text = footer_text
        #: "стр." or "бет": the page's word in the document's language (the locale it is made in).
        self.page_word = _("p.")
        self.add_page()
        self.set_font(FAMILY, size=10)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, size=7)
        self.set_text_color(110)
        self.cell(0, 5, f"{self.footer_text}   {self.page_word} {self.page_no()}/{{nb}}", align="C")
        self.set_text_color(0)

    def line_of(
        self, text: str, size: float = 10, bold: bool = False, align: str = "L", height: float = 5
    ) -> None:
        self.set_font(FAMILY, "B" if bold else "", size)
        self.multi_cell(0, height, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FAMILY, "", 10)

    def ruled_table(
        self,
        widths: tuple[int, ...],
        header: list[str],
        rows: list[list[str]],
        text_align: tuple[str, ...] | None = None,
        headings_style: FontFace | None = None,
    ) -> None:
        """A ruled table in 8 pt (fpdf2 wraps long cells and repeats the header on a new page); unless
        ``text_align`` says otherwise, the last column (the sums) aligns right."""
        last = len(widths) - 1
        self.set_font(FAMILY, "", 8)
        with self.table(
            col_widths=widths,
            width=sum(widths),
            align="LEFT",
            line_height=4.5,
            text_align=text_align or tuple("RIGHT" if i == last else "LEFT" for i in range(len(widths))),
            headings_style=headings_style or FontFace(emphasis="BOLD", fill_color=(240, 242, 245)),
        ) as table:
            table.row(header)
            for row in rows:
                table.row(row)
        self.set_font(FAMILY, "", 10)

    def trace_step(self, n: int, article: str, step: dict[str, Any]) -> None:
        """Step ``n`` of a calculation's trace, as the annexes print it: article: rule → result."""
        self.set_font(FAMILY, "", 8.5)
        self.multi_cell(
            0,
            4.5,
            f"{n}. {article}: {readable(step.get('rule', ''), ' ')} → "
            f"{readable(step.get('result', ''), ' ')}",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )

    def heading(self, text: str) -> None:
        self.ln(2)
        self.line_of(text, size=10.5, bold=True)

    def fields(self, pairs: list[tuple[str, object]], label_width: float = 64) -> None:
        """Labelled values in two columns, each wrapped in its own; an empty value prints a dash."""
        self.set_font(FAMILY, "", 9.5)
        with self.table(
            col_widths=(label_width, self.epw - label_width),
            width=self.epw,
            borders_layout="NONE",
            first_row_as_headings=False,
            line_height=4.6,
            padding=(0.6, 1, 0.6, 0),
            v_align="TOP",
            text_align=("LEFT", "LEFT"),
        ) as table:
            for label, value in pairs:
                row = table.row()
                row.cell(label, style=FontFace(family=FAMILY, emphasis="BOLD", size_pt=9))
                row.cell("—" if value in (None, "", []) else str(value))
        self.set_font(FAMILY, "", 10)

    def watermark(self, text: str) -> None:
        """A large grey word across the page (a draft is not the copy handed to the victim)."""
        with self.local_context(text_color=(205, 205, 205)):
            self.set_font(FAMILY, "B", 60)
            with self.rotation(35, x=self.w / 2, y=self.h / 2):
                self.text(self.w / 2 - 55, self.h / 2, text)
        self.set_font(FAMILY, "", 10)

    def to_bytes(self) -> bytes:
        return bytes(self.output())
