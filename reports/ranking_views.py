"""View 9 of issue 10: employers against their sector, with flags, and the under-reporting signals
(reports/ranking.py). The tables beside a chart, CSV and XLSX of the same tables, the filters and the
order in the URL, each employer's cases a link to its accidents."""

from __future__ import annotations

from datetime import date
from typing import Any

import marshmallow as ma
from flask import Response, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from accidents.schemas import Int, Str
from core import db
from core.auth.permissions import requires
from core.classifiers import REGION_LABELS, SECTOR_LABELS
from core.errors import FormErrors
from core.forms import load
from reports import charts, exports, pages, ranking
from reports.api import check_employer
from reports.headline_views import cell, shown
from reports.sectors_views import SectorsQuery
from reports.views import bp, chart_args

ARGS = ("year", "region", "sector", "employer_id", "years", "workers", "sort")
COLUMNS = {
    "workers": _l("Workers"),
    "victims": _l("Victims"),
    "frequency": _l("Кч"),
    "sector_frequency": _l("Кч of the sector"),
    "severity": _l("Кт"),
    "sector_severity": _l("Кт of the sector"),
}
FLAG_COLUMNS = {
    "outstanding": _l("Arrears, som"),
    "overdue_measures": _l("Overdue measures"),
    "late_notices": _l("Accidents with a late notice"),
}
SILENT_COLUMNS = {"workers": _l("Workers"), "last_accident": _l("Last accident with an act")}
RATIO_COLUMNS = {
    "nonfatal": _l("Non-fatal cases"),
    "deaths": _l("Deaths"),
    "ratio": _l("Non-fatal cases a death"),
}
#: Which count each rate rests on (greyed when it is small).
SMALL = {
    "frequency": "small",
    "sector_frequency": "small_sector",
    "severity": "small_severity",
    "sector_severity": "small_sector_severity",
    "ratio": "small",
}
SORT_LABELS = {
    "frequency": _l("Кч, highest first"),
    "severity": _l("Кт, highest first"),
    "victims": _l("Victims, most first"),
    "outstanding": _l("Arrears, largest first"),
    "name": _l("Name"),
}


class RankingQuery(SectorsQuery):
    class Meta:
        exclude = ("inspectorate",)

    years = Int(
        load_default=ranking.DEFAULT_YEARS, validate=ma.validate.Range(1, 30, error=_l("From 1 to 30."))
    )
    workers = Int(
        load_default=ranking.DEFAULT_WORKERS, validate=ma.validate.Range(1, None, error=_l("At least 1."))
    )
    sort = Str(
        load_default="frequency",
        validate=ma.validate.OneOf(ranking.SORTS, error=_l("Choose one of the listed values.")),
    )


def _filters() -> tuple[ranking.RankingFilters, dict[str, str], dict[str, list[str]]]:
    default = ranking.RankingFilters(db.today_bishkek().year)
    values = pages.url_values(ARGS)
    values.setdefault("year", str(default.year))
    try:
        query = load(RankingQuery(), values)
    except FormErrors as exc:
        return default, values, exc.errors
    check_employer(current_user, query.get("employer_id"))
    names = ("region", "sector", "employer_id", "years", "workers", "sort")
    return ranking.RankingFilters(query["year"], **{k: query.get(k) for k in names}), values, {}


def flags(row: dict[str, Any]) -> list[str]:
    """What stands out about an employer, in words."""
    words = []
    if row["above_frequency"]:
        words.append(_("Кч above the sector's"))
    if row["above_severity"]:
        words.append(_("Кт above the sector's"))
    if row["outstanding"]:
        words.append(_("Arrears"))
    if row["overdue_measures"]:
        words.append(_("Overdue measures"))
    if row["late_notices"]:
        words.append(_("Late notices"))
    return words


def _compute(f: ranking.RankingFilters) -> dict[str, Any]:
    """The figures with their labels, flags in words and the links to the accidents behind them."""
    figures = ranking.compute(db.session(), current_user, f)
    start, end = date(f.year, 1, 1), date(f.year, 12, 31)
    for row in figures["employers"]:
        row["sector_label"] = f"{row['sector']} — {SECTOR_LABELS.get(row['sector'], row['sector'])}"
        row["link"] = pages.accidents_link(start, end, employer_id=row["employer_id"])
        row["flags"] = flags(row)
    for row in figures["silent"]:
        row["sector_label"] = f"{row['sector']} — {SECTOR_LABELS.get(row['sector'], row['sector'])}"
    officer = pages.is_officer()
    for key, labels in (("sectors", SECTOR_LABELS), ("regions", REGION_LABELS)):
        for row in figures["ratios"][key]:
            label = labels.get(row["key"], row["key"])
            row["label"] = f"{row['key']} — {label}" if key == "sectors" else str(label)
            if not officer:  # an officer's sector row is the country's total: no records behind it
                chosen = {"region": f.region, "sector": f.sector}
                chosen["sector" if key == "sectors" else "region"] = row["key"]
                row["link"] = pages.accidents_link(start, end, **chosen)
    return figures


@bp.route("/ranking")
@login_required
@requires("view_dashboards")
def ranking_page() -> Any:
    f, values, errors = _filters()
    return render_template(
        "reports/ranking.html",
        f=f,
        errors=errors,
        figures=_compute(f),
        columns=COLUMNS,
        flag_columns=FLAG_COLUMNS,
        silent_columns=SILENT_COLUMNS,
        ratio_columns=RATIO_COLUMNS,
        sort_labels=SORT_LABELS,
        small=SMALL,
        linked=("victims", "nonfatal", "deaths"),
        shown=shown,
        ilo_ratio=ranking.ILO_RATIO,
        chart_url_args=chart_args(**values),
        **pages.filter_context(values),
    ), (422 if errors else 200)


@bp.route("/ranking.<any(csv, xlsx):fmt>")
@login_required
@requires("view_dashboards")
def ranking_download(fmt: str) -> Response:
    """The ranking, a blank row, the silent employers, a blank row, the ratios by sector and region."""
    f, _values, errors = _filters()
    if errors:
        return pages.refused(errors)
    figures = _compute(f)
    body: list[list[Any]] = [
        [
            _("Employer"),
            _("Sector"),
            *(str(v) for v in COLUMNS.values()),
            *(str(v) for v in FLAG_COLUMNS.values()),
            _("Flags"),
        ]
    ]
    for r in figures["employers"]:
        arrears = exports.figure(r["outstanding"] or None, places=2)
        counts = [exports.figure(r["overdue_measures"]), exports.figure(r["late_notices"])]
        body.append(
            [
                r["name"],
                r["sector_label"],
                *(cell(r[k]) for k in COLUMNS),
                arrears,
                *counts,
                "; ".join(r["flags"]),
            ]
        )
    body += [[], [_("Employers with many workers and no act for %(n)s years", n=f.years)]]
    body.append([_("Employer"), _("Sector"), *(str(v) for v in SILENT_COLUMNS.values())])
    for r in figures["silent"]:
        last = r["last_accident"]
        body.append([r["name"], r["sector_label"], exports.figure(r["workers"]), last.date() if last else ""])
    for key, title in (("sectors", _("Sector")), ("regions", _("Region"))):
        if figures["ratios"][key]:
            body += [[], [title, *(str(v) for v in RATIO_COLUMNS.values()), _("Below the ILO's 500 to 1")]]
            for r in figures["ratios"][key]:
                below = _("yes") if r["below"] else ""
                body.append([r["label"], *(cell(r[k]) for k in RATIO_COLUMNS), below])
    return exports.table_download(fmt, f"ranking-{f.year}", _("Employers against their sector"), body)


@bp.route("/ranking/chart.svg")
@login_required
@requires("view_dashboards")
def ranking_chart() -> Response:
    """The first twenty employers' Кч (in the table's order) against their sector's."""
    f, _values, _errors = _filters()
    rows = [r for r in _compute(f)["employers"] if r["frequency"] is not None][:20]
    body = charts.compared(
        [r["name"] for r in rows],
        [float(r["frequency"] or 0) for r in rows],
        [float(r["sector_frequency"] or 0) for r in rows],
        (_("The employer"), _("Its sector in the country")),
        _("Victims per 1,000 workers (Кч) against the sector, %(year)s", year=f.year),
    )
    return pages.svg(body)
