"""The yearly review (reports/yearly.py) as a PDF, in the reader's language (ru or ky).

On core/pdf.py's Document (A4, DejaVu embedded, page numbers in the footer) like the acts and orders:
a title page (the year, the region or the country, the day it was prepared), then one section per part
with its table and its chart. Charts are drawn on ``matplotlib.figure.Figure`` (never pyplot) and
embedded as PNG, which fpdf2 places exactly. Numbers are written the locale's way with an ordinary
space (core/formatting.py: a printed figure can be found again in the PDF's text); a rate on fewer
than five cases is grey and starred, a rate without a denominator says "no data", as the pages do.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _
from fpdf.fonts import FontFace
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter
from sqlalchemy import orm

from core.classifiers import REGION_LABELS, SECTOR_LABELS, Region
from core.downloads import Download
from core.formatting import day, month_name, number
from core.pdf import FAMILY, Document
from reports import headline, sections, yearly
from reports.fund_views import SUMS as FUND_SUMS
from reports.headline_views import LABELS
from reports.money_views import AGES
from reports.money_views import SUMS as MONEY_SUMS
from reports.sectors_views import REGION_COLUMNS, SECTOR_COLUMNS
from reports.views import SEVERITY_CLASS_LABELS

GREY = (140, 140, 140)
BLUE, LIGHT_BLUE, RED = "#0b5cad", "#9bbcd9", "#b3261e"
#: A cell: its text and whether it is a small number (greyed and starred).
Cell = tuple[str, bool]
#: A table of views 4-6 with more figures than this is printed turned (figures as rows), ACROSS at a time.
WIDE, ACROSS = 7, 4


def document(s: orm.Session, user: Any, year: int, region: str | None, today: date, lang: str) -> Download:
    """The review of ``year`` for ``region`` (None: the country) as ``user`` may see it, in ``lang``.

    Forbidden (403) where the review is not the user's to read (yearly.scope_of)."""
    with force_locale(lang):
        scope = yearly.scope_of(s, user, region)
        report = yearly.build(s, user, year, scope, today, _("Not recorded"))
        body = render(report, lang)
    place = scope.region or ("employer" if scope.employer else "kg")
    return Download(body, f"yearly-report-{year}-{place}-{lang}.pdf")


def scope_title(scope: yearly.Scope) -> str:
    """What the review is of, as its title page names it: the employer, the region or the country."""
    if scope.employer is not None:
        return scope.employer
    if scope.region:
        return str(REGION_LABELS[Region(scope.region)])
    return _("Kyrgyz Republic")


# --- cells ------------------------------------------------------------------------------------------


def count(value: int | None) -> str:
    return number(value, 0, " ")


def rate(value: Decimal | None, places: int = 2) -> str:
    """A rate to ``places`` decimals; "no data" where its denominator is missing."""
    return _("no data") if value is None else number(value, places, " ")


def figure(key: str, figures: dict[str, Any]) -> Cell:
    """One headline figure: counts as counts, rates with their small-number flag."""
    value = figures[key]
    if key in headline.RATES:
        return rate(value), value is not None and headline.small(figures, key)
    return (_("no data") if value is None else count(value)), False


def money_text(value: Decimal | None) -> str:
    return number(value, 2, " ")


def section_cell(value: Any, kind: str, small: bool) -> Cell:
    """A cell of views 4-6's tables (sections.Table), as their pages show it but in the locale's way."""
    if value is None:
        return _("no data"), False
    if kind == "money":
        return money_text(value), False
    if kind in ("percent", "average"):
        return number(value, 1, " "), small
    return count(value), False


# --- charts -----------------------------------------------------------------------------------------


def _png(fig: Figure) -> io.BytesIO:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=130, bbox_inches="tight")
    buffer.seek(0)
    return buffer


def _tick(value: float, _position: int) -> str:
    """An axis's figure the locale's way (1 234,5), as the tables write it."""
    return number(value, 0 if value == int(value) else 1, " ")


def _plain(text: str) -> str:
    return sections.plain(str(text))


def bars_chart(
    labels: Sequence[str], series: Sequence[tuple[str, Sequence[float], str]], title: str
) -> io.BytesIO:
    """Horizontal bars, one bar per series per label (a legend when there are several)."""
    fig = Figure(figsize=(7.5, max(1.8, 0.42 * len(labels) * max(1, len(series) * 0.7) + 0.9)))
    axes = fig.subplots()
    height = 0.8 / max(1, len(series))
    for i, (name, values, colour) in enumerate(series):
        offset = (i - (len(series) - 1) / 2) * height
        axes.barh(
            [y + offset for y in range(len(labels))], values, height=height, color=colour, label=_plain(name)
        )
    axes.set_yticks(list(range(len(labels))), [_plain(v) for v in labels], fontsize=7)
    axes.xaxis.set_major_formatter(FuncFormatter(_tick))
    axes.invert_yaxis()
    axes.set_title(_plain(title), fontsize=9)
    axes.spines[["top", "right"]].set_visible(False)
    if len(series) > 1:
        axes.legend(fontsize=7, frameon=False, loc="lower right")
    return _png(fig)


def months_chart(report: yearly.YearlyReport, title: str) -> io.BytesIO:
    """Stacked bars of the months' cases by severity, and the same month a year earlier as a line."""
    fig = Figure(figsize=(7.5, 3.0))
    axes = fig.subplots()
    x = list(range(len(report.months)))
    base = [0] * len(x)
    colours = {"fatal": RED, "severe": "#e0a43a", "light": LIGHT_BLUE, "unknown": "#bbbbbb"}
    for key, colour in colours.items():
        values = [int(row[key]) for _m, row in report.months]
        axes.bar(x, values, bottom=base, color=colour, label=_plain(SEVERITY_CLASS_LABELS[key]))
        base = [a + b for a, b in zip(base, values, strict=True)]
    earlier = [int(row["year_earlier"]) for _m, row in report.months]
    axes.plot(x, earlier, color="#333", marker=".", linewidth=1, label=_plain(_("Same month a year earlier")))
    axes.set_xticks(x, [str(int(m[5:])) for m, _row in report.months], fontsize=7)
    axes.set_ylim(0, max(1, *base, *earlier) * 1.4)
    axes.yaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
    axes.set_title(_plain(title), fontsize=9)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(fontsize=6.5, frameon=False, ncols=3, loc="upper left")
    return _png(fig)


# --- the document -----------------------------------------------------------------------------------


class Review(Document):
    """The review's pages: a section heading, a table whose small numbers are grey, a chart, "no data"."""

    def table_of(
        self, widths: Sequence[float], header: Sequence[str], rows: Sequence[Sequence[Cell | str]]
    ) -> None:
        """A ruled table: the first column left, the figures right; a small number grey with a star."""
        self.set_font(FAMILY, "", 7.5)
        scale = self.epw / sum(widths)
        with self.table(
            col_widths=tuple(w * scale for w in widths),
            width=self.epw,
            align="LEFT",
            line_height=4.2,
            text_align=("LEFT", *("RIGHT" for _w in widths[1:])),
            headings_style=FontFace(emphasis="BOLD", fill_color=(240, 242, 245)),
        ) as table:
            head = table.row()
            for text in header:
                head.cell(text)
            for row in rows:
                line = table.row()
                for item in row:
                    text, small = (item, False) if isinstance(item, str) else item
                    if small:
                        line.cell(f"{text}*", style=FontFace(color=GREY))
                    else:
                        line.cell(text)
        self.set_font(FAMILY, "", 10)

    def chart(self, png: io.BytesIO) -> None:
        self.ln(2)
        self.image(png, w=self.epw * 0.92)
        self.ln(2)

    def no_data(self) -> None:
        self.line_of(_("No data for this year."), size=9)

    def note(self, text: str) -> None:
        self.set_text_color(*GREY)
        self.line_of(text, size=7.5, height=4)
        self.set_text_color(0)


def render(report: yearly.YearlyReport, lang: str) -> bytes:
    """The PDF of ``report`` (call in the reader's locale: every word comes from the catalogues)."""
    place = scope_title(report.scope)
    title = _("Labour protection in %(year)s: the yearly review", year=report.year)
    doc = Review(title=title, footer_text=f"{title}. {place}")
    doc.alias_nb_pages()
    _title_page(doc, report, place)
    if report.empty:
        doc.heading(_("No data"))
        doc.line_of(_("No work-related accident with an act N-1 is recorded for %(year)s.", year=report.year))
    _headline(doc, report)
    _months(doc, report, lang)
    _sectors(doc, report)
    if report.scope.country:
        _regions(doc, report)
    _section(doc, "4", _("Causes"), report.causes)
    _section(doc, "5", _("Who gets hurt"), report.who)
    _section(doc, "6", _("Investigation health"), report.investigations)
    _section(doc, "7", _("Measures"), report.measures)
    _money(doc, report)
    _fund(doc, report)
    return doc.to_bytes()


def _title_page(doc: Review, report: yearly.YearlyReport, place: str) -> None:
    doc.ln(60)
    doc.line_of(
        _("Labour protection in %(year)s", year=report.year), size=20, bold=True, align="C", height=10
    )
    doc.line_of(_("The yearly review of occupational injuries"), size=13, align="C", height=8)
    doc.ln(8)
    doc.line_of(place, size=15, bold=True, align="C", height=8)
    doc.ln(30)
    doc.line_of(_("Prepared on %(day)s", day=day(report.prepared_on)), size=10, align="C")
    doc.line_of(_("Money as of %(day)s", day=day(report.money_as_of)), size=9, align="C")
    doc.ln(10)
    doc.note(
        _(
            "A case is a victim of a work-related accident with an act N-1; deaths include those within a "
            "year of the accident. * and grey: fewer than five cases behind the rate. “No data”: the "
            "denominator (headcount, hours or employment) is not reported."
        )
    )
    doc.add_page()


def _headline(doc: Review, report: yearly.YearlyReport) -> None:
    doc.heading(_("1. Headline indicators against the year before"))
    rows: list[list[Cell | str]] = [
        [str(label), figure(k, report.figures), figure(k, report.earlier)] for k, label in LABELS.items()
    ]
    doc.table_of((90, 40, 40), [_("Indicator"), str(report.year), str(report.year - 1)], rows)
    shown = [k for k in headline.RATES if report.figures[k] is not None or report.earlier[k] is not None]
    if shown:
        doc.chart(
            bars_chart(
                [str(LABELS[k]) for k in shown],
                [
                    (str(report.year), [float(report.figures[k] or 0) for k in shown], BLUE),
                    (str(report.year - 1), [float(report.earlier[k] or 0) for k in shown], LIGHT_BLUE),
                ],
                _("Rates in %(year)s against the year before", year=report.year),
            )
        )


def _months(doc: Review, report: yearly.YearlyReport, lang: str) -> None:
    doc.heading(_("2. Cases by month"))
    header = [
        _("Month"),
        *(str(SEVERITY_CLASS_LABELS[k]) for k in ("fatal", "severe", "light", "unknown")),
        _("All cases"),
        _("Same month a year earlier"),
        _("Кч over the last 12 months"),
    ]
    rows: list[list[Cell | str]] = []
    for period, row in report.months:
        rows.append(
            [
                month_name(period, lang),
                *(count(int(row[k])) for k in ("fatal", "severe", "light", "unknown")),
                count(int(row["total"])),
                count(int(row["year_earlier"])),
                (
                    rate(row["rolling_rate"]),
                    row["rolling_rate"] is not None and bool(row["window_cases"] < headline.SMALL_NUMBERS),
                ),
            ]
        )
    doc.table_of((30, 16, 16, 16, 20, 16, 22, 22), header, rows)
    doc.chart(months_chart(report, _("Victims by month, %(year)s", year=report.year)))


def _sectors(doc: Review, report: yearly.YearlyReport) -> None:
    doc.heading(_("3. Sectors against the national rate"))
    keys = ("victims", "deaths", "denominator", "frequency", "fatal", "national_frequency", "national_fatal")
    small = {
        "frequency": "small",
        "fatal": "small_fatal",
        "national_frequency": "small_national",
        "national_fatal": "small_national_fatal",
    }
    rows = []
    for row in report.sectors["sectors"]:
        cells: list[Cell | str] = [f"{row['sector']} {SECTOR_LABELS.get(row['sector'], '')}"]
        for k in keys:
            if k in small:
                cells.append((rate(row[k]), row[k] is not None and bool(row[small[k]])))
            else:
                cells.append(_("no data") if row[k] is None else count(row[k]))
        rows.append(cells)
    if not rows:
        doc.no_data()
        return
    doc.table_of(
        (60, 16, 16, 20, 16, 16, 20, 20), [_("Sector"), *(str(SECTOR_COLUMNS[k]) for k in keys)], rows
    )
    shown = [
        r
        for r in report.sectors["sectors"]
        if r["frequency"] is not None or r["national_frequency"] is not None
    ]
    if shown:
        doc.chart(
            bars_chart(
                [r["sector"] for r in shown],
                [
                    (str(SECTOR_COLUMNS["frequency"]), [float(r["frequency"] or 0) for r in shown], BLUE),
                    (
                        str(SECTOR_COLUMNS["national_frequency"]),
                        [float(r["national_frequency"] or 0) for r in shown],
                        LIGHT_BLUE,
                    ),
                ],
                _("Кч by sector against the country's, %(year)s", year=report.year),
            )
        )


def _regions(doc: Review, report: yearly.YearlyReport) -> None:
    doc.heading(_("3a. Regions, crude and standardised by the national sector mix"))
    keys = ("victims", "deaths", "employment", "crude", "standardised", "crude_fatal", "standardised_fatal")
    rows = []
    for row in report.sectors["regions"]:
        cells: list[Cell | str] = [str(REGION_LABELS.get(row["region"], row["region"]))]
        for k in keys:
            if k in ("victims", "deaths", "employment"):
                cells.append(_("no data") if row[k] is None else count(row[k]))
            else:
                flag = row["small_fatal"] if "fatal" in k else row["small"]
                cells.append((rate(row[k]), row[k] is not None and bool(flag)))
        rows.append(cells)
    doc.table_of(
        (44, 14, 14, 18, 18, 20, 18, 20), [_("Region"), *(str(REGION_COLUMNS[k]) for k in keys)], rows
    )
    shown = [r for r in report.sectors["regions"] if r["standardised"] is not None or r["crude"] is not None]
    if shown:
        doc.chart(
            bars_chart(
                [str(REGION_LABELS.get(r["region"], r["region"])) for r in shown],
                [
                    (str(REGION_COLUMNS["crude"]), [float(r["crude"] or 0) for r in shown], LIGHT_BLUE),
                    (
                        str(REGION_COLUMNS["standardised"]),
                        [float(r["standardised"] or 0) for r in shown],
                        BLUE,
                    ),
                ],
                _("Кч by region, %(year)s", year=report.year),
            )
        )


def _section(doc: Review, number_: str, heading: str, table: sections.Table) -> None:
    """A table of views 4-6 with its chart (its first figure as bars, the cross-tables stacked)."""
    doc.heading(f"{number_}. {heading}: {table.spec.title}")
    if table.empty:
        doc.no_data()
        return
    cells = {
        r["key"]: [
            section_cell(r["cells"][k], kind, bool(r["small"].get(k))) for k, _l, kind in table.columns
        ]
        for r in table.rows
    }
    if len(table.columns) <= WIDE:
        header = [str(table.spec.row_header), *(label for _k, label, _kind in table.columns)]
        rows = [[r["label"], *cells[r["key"]]] for r in table.rows]
        doc.table_of((44.0, *([126 / len(table.columns)] * len(table.columns))), header, rows)
    else:
        # Too many figures for a row of A4 (investigation health has eleven): the figures become the
        # rows and the table's rows the columns, a few at a time.
        for start in range(0, len(table.rows), ACROSS):
            part = table.rows[start : start + ACROSS]
            header = [_("Indicator"), *(r["label"] for r in part)]
            rows = [
                [label, *(cells[r["key"]][i] for r in part)]
                for i, (_k, label, _kind) in enumerate(table.columns)
            ]
            doc.table_of((80.0, *([90 / len(part)] * len(part))), header, rows)
    labels = [r["label"] for r in table.rows]
    if table.spec.column is not None:
        keys = [(k, label) for k, label, _kind in table.columns if k != "total"]
        palette = [LIGHT_BLUE, "#e0a43a", RED, "#bbbbbb", BLUE, "#6a9f58"]
        series = [
            (label, [float(r["cells"][k]) for r in table.rows], palette[i % len(palette)])
            for i, (k, label) in enumerate(keys)
        ]
    else:
        key, label, _kind = table.columns[0]
        series = [(label, [float(r["cells"][key]) for r in table.rows], BLUE)]
    doc.chart(bars_chart(labels, series, str(table.spec.title)))


def _money(doc: Review, report: yearly.YearlyReport) -> None:
    doc.heading(_("8. Money: the awards in force as of %(day)s", day=day(report.money_as_of)))
    m = report.money
    rows: list[list[Cell | str]] = [[str(MONEY_SUMS["awards_in_force"]), count(m["awards_in_force"])]]
    rows += [
        [str(MONEY_SUMS[k]), money_text(m[k])]
        for k in ("monthly_obligation", "accrued", "paid", "outstanding", "penalty")
    ]
    doc.table_of((110, 60), [_("Indicator"), _("Sum, som")], rows)
    doc.heading(_("Arrears by age"))
    doc.table_of(
        (110, 60),
        [_("Arrears"), _("Sum, som")],
        [[str(AGES[k]), money_text(v)] for k, v in report.arrears.items()],
    )
    if any(report.arrears.values()):
        doc.chart(
            bars_chart(
                [str(AGES[k]) for k in report.arrears],
                [(_("Sum, som"), [float(v) for v in report.arrears.values()], RED)],
                _("Arrears by age as of %(day)s", day=day(report.money_as_of)),
            )
        )


def _fund(doc: Review, report: yearly.YearlyReport) -> None:
    doc.heading(_("9. The Social Fund's capitalised sums in %(year)s", year=report.year))
    if not report.fund_rows:
        doc.no_data()
        return
    header = [_("Region"), *(str(v) for v in FUND_SUMS.values())]
    rows: list[list[Cell | str]] = [
        [str(REGION_LABELS.get(r["region"], r["region"])), *(money_text(r[k]) for k in FUND_SUMS)]
        for r in report.fund_rows
    ]
    rows.append([_("Total"), *(money_text(report.fund_total[k]) for k in FUND_SUMS)])
    doc.table_of((40, 26, 26, 26, 26, 26), header, rows)
    doc.chart(
        bars_chart(
            [str(REGION_LABELS.get(r["region"], r["region"])) for r in report.fund_rows],
            [
                (_("Received"), [float(r["received"] + r["budget"]) for r in report.fund_rows], BLUE),
                (_("Paid out"), [float(r["paid"]) for r in report.fund_rows], LIGHT_BLUE),
            ],
            _("Received and paid out by the Social Fund, %(year)s", year=report.year),
        )
    )
