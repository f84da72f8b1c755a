"""View 3 of issue 10: sectors against the national rate, regions crude and standardised by the
national sector mix (reports/sectors.py). Tables beside their charts, CSV and XLSX of the same
tables, the filters in the URL, each count in view a link to its accidents."""

from __future__ import annotations

from datetime import date
from typing import Any

import marshmallow as ma
from flask import Response, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from accidents.schemas import Int
from core import db
from core.auth.permissions import requires
from core.classifiers import REGION_LABELS, SECTOR_LABELS
from core.errors import FormErrors
from core.forms import load
from reports import charts, exports, pages, sectors
from reports.api import FilterArgs, check_employer
from reports.headline_views import cell, shown
from reports.schemas import FIRST_YEAR
from reports.views import bp, chart_args

ARGS = ("year", "region", "employer_id")
SECTOR_COLUMNS = {
    "victims": _l("Victims"),
    "deaths": _l("Deaths"),
    "denominator": _l("Workers"),
    "frequency": _l("Кч"),
    "fatal": _l("Ксм"),
    "national_frequency": _l("Кч of the country"),
    "national_fatal": _l("Ксм of the country"),
}
REGION_COLUMNS = {
    "victims": _l("Victims"),
    "deaths": _l("Deaths"),
    "employment": _l("Employed"),
    "crude": _l("Кч, crude"),
    "standardised": _l("Кч, standardised"),
    "crude_fatal": _l("Ксм, crude"),
    "standardised_fatal": _l("Ксм, standardised"),
}
#: The country's sectors by sex: each sex's victims over its national employment (reports/sectors.py).
SEX_COLUMNS = {
    "female_victims": _l("Women: victims"),
    "female_employment": _l("Women: employed"),
    "female_frequency": _l("Women: Кч"),
    "female_fatal": _l("Women: Ксм"),
    "male_victims": _l("Men: victims"),
    "male_employment": _l("Men: employed"),
    "male_frequency": _l("Men: Кч"),
    "male_fatal": _l("Men: Ксм"),
}
SEX_SMALL = {
    "female_frequency": "small_female",
    "female_fatal": "small_female_fatal",
    "male_frequency": "small_male",
    "male_fatal": "small_male_fatal",
}
#: Which count each rate rests on (greyed when it is small).
SMALL = {
    "frequency": "small",
    "fatal": "small_fatal",
    "national_frequency": "small_national",
    "national_fatal": "small_national_fatal",
    "crude": "small",
    "standardised": "small",
    "crude_fatal": "small_fatal",
    "standardised_fatal": "small_fatal",
}


class SectorsQuery(FilterArgs):
    class Meta:
        exclude = ("inspectorate", "sector")

    year = Int(required=True)

    @ma.validates("year")
    def _known(self, value: int, **_: Any) -> None:
        if not FIRST_YEAR <= value <= db.today_bishkek().year:
            raise ma.ValidationError(_l("A year from 1991 to the current year.").format())


def _filters() -> tuple[sectors.SectorFilters, dict[str, str], dict[str, list[str]]]:
    default = sectors.SectorFilters(db.today_bishkek().year)
    values = pages.url_values(ARGS)
    values.setdefault("year", str(default.year))
    try:
        query = load(SectorsQuery(), values)
    except FormErrors as exc:
        return default, values, exc.errors
    check_employer(current_user, query.get("employer_id"))
    return sectors.SectorFilters(query["year"], query.get("region"), query.get("employer_id")), values, {}


def _compute(f: sectors.SectorFilters) -> dict[str, Any]:
    """The figures with their labels and the links from the counts in view to the accidents."""
    figures = sectors.compute(db.session(), current_user, f)
    start, end = date(f.year, 1, 1), date(f.year, 12, 31)
    region = None if figures["view"] == "employer" else (current_user.region or f.region)
    employer_id = f.employer_id if figures["view"] == "employer" else None
    for row in figures["sectors"]:
        row["label"] = f"{row['sector']} — {SECTOR_LABELS.get(row['sector'], row['sector'])}"
        row["link"] = pages.accidents_link(start, end, region, row["sector"], employer_id)
    for row in figures["regions"]:
        row["label"] = str(REGION_LABELS.get(row["region"], row["region"]))
        row["link"] = pages.accidents_link(start, end, row["region"])
    return figures


def _by_sex(f: sectors.SectorFilters, figures: dict[str, Any]) -> list[dict[str, Any]]:
    """The country's sectors by sex, labelled: national totals, like the sector table's country
    rates, and of the sectors that table shows (one employer in view: its own sector only)."""
    shown_sectors = {row["sector"] for row in figures["sectors"]}
    rows = [r for r in sectors.national_by_sex(db.session(), f.year) if r["sector"] in shown_sectors]
    for row in rows:
        row["label"] = f"{row['sector']} — {SECTOR_LABELS.get(row['sector'], row['sector'])}"
    return rows


@bp.route("/sectors")
@login_required
@requires("view_dashboards")
def sectors_page() -> Any:
    f, values, errors = _filters()
    figures = _compute(f)
    return render_template(
        "reports/sectors.html",
        f=f,
        errors=errors,
        figures=figures,
        by_sex=_by_sex(f, figures),
        sex_columns=SEX_COLUMNS,
        sex_small=SEX_SMALL,
        sector_columns=SECTOR_COLUMNS,
        region_columns=REGION_COLUMNS,
        small=SMALL,
        linked=("victims",),
        shown=shown,
        chart_url_args=chart_args(**values),
        with_sector=False,
        **pages.filter_context(values),
    ), (422 if errors else 200)


@bp.route("/sectors.<any(csv, xlsx):fmt>")
@login_required
@requires("view_dashboards")
def sectors_download(fmt: str) -> Response:
    """The sector table, a blank row, then the region table (where the view has one), then, under a
    blank row and its title, the country's sectors by sex (where the figures have any)."""
    f, _values, errors = _filters()
    if errors:
        return pages.refused(errors)
    figures = _compute(f)
    body: list[list[Any]] = [[_("Sector"), *(str(v) for v in SECTOR_COLUMNS.values())]]
    body += [[r["label"], *(cell(r[k]) for k in SECTOR_COLUMNS)] for r in figures["sectors"]]
    country = figures["country"]
    hidden = figures["view"] == "employer"  # one employer in view: the country's rates, not its counts
    counts = ["", "", ""] if hidden else [cell(country[k]) for k in ("victims", "deaths", "employment")]
    body.append(
        [_("All sectors of the country"), *counts, cell(country["frequency"]), cell(country["fatal"])]
    )
    if figures["regions"]:
        body += [[], [_("Region"), *(str(v) for v in REGION_COLUMNS.values())]]
        body += [[r["label"], *(cell(r[k]) for k in REGION_COLUMNS)] for r in figures["regions"]]
    by_sex = _by_sex(f, figures)
    if by_sex:
        body += [
            [],
            [_("The country's sectors by sex")],
            [_("Sector"), *(str(v) for v in SEX_COLUMNS.values())],
        ]
        body += [[r["label"], *(cell(r[k]) for k in SEX_COLUMNS)] for r in by_sex]
    return exports.table_download(fmt, f"sectors-{f.year}", _("Sectors and regions"), body)


@bp.route("/sectors/chart.svg")
@login_required
@requires("view_dashboards")
def sectors_chart() -> Response:
    """Кч in view against the country's, by sector (those with either)."""
    f, _values, _errors = _filters()
    rows = [r for r in _compute(f)["sectors"] if r["frequency"] or r["national_frequency"]]
    body = charts.compared(
        [r["label"] for r in rows],
        [float(r["frequency"] or 0) for r in rows],
        [float(r["national_frequency"] or 0) for r in rows],
        (_("In view"), _("The country")),
        _("Victims per 1,000 workers (Кч) by sector, %(year)s", year=f.year),
    )
    return pages.svg(body)


@bp.route("/sectors/regions.svg")
@login_required
@requires("view_dashboards")
def regions_chart() -> Response:
    """Each region's Кч, crude and standardised by the national sector mix (those with a rate)."""
    f, _values, _errors = _filters()
    rows = [r for r in _compute(f)["regions"] if r["crude"] is not None]
    body = charts.compared(
        [r["label"] for r in rows],
        [float(r["standardised"] or 0) for r in rows],
        [float(r["crude"] or 0) for r in rows],
        (_("Standardised by the national sector mix"), _("Crude")),
        _("Victims per 1,000 workers (Кч) by region, %(year)s", year=f.year),
    )
    return pages.svg(body)
