"""View 1 of issue 10: the headline figures of a period against the same period a year earlier.

The table beside its chart and the breakdown by sex below it, CSV and XLSX of both tables, the
filters in the URL (a view can be bookmarked), greyed rates where the cases are too few to mean much,
"no data" where a denominator is missing. The figures are reports/headline.py's, the same as
``GET /api/v1/reports/indicators``.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from flask import Response, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from accidents.classifiers import SEX_LABELS, Sex
from core import db
from core.auth.permissions import requires
from core.errors import FormErrors
from core.formatting import day
from core.forms import load
from reports import charts, exports, headline, pages
from reports.api import IndicatorsQuery, filters_for
from reports.views import bp, chart_args

LABELS = {
    "victims": _l("Victims"),
    "deaths": _l("Deaths"),
    "days_lost": _l("Working days lost"),
    "closed_cases": _l("Closed cases"),
    "headcount": _l("Average headcount (Р)"),
    "hours_worked": _l("Hours worked"),
    "frequency_rate": _l("Кч: victims per 1,000 workers"),
    "fatal_frequency_rate": _l("Ксм: deaths per 1,000 workers"),
    "severity_rate": _l("Кт: working days lost per closed case"),
    "loss_rate": _l("Кп = Кч × Кт"),
    "fatal_per_100k": _l("Fatal injuries per 100,000 workers"),
    "nonfatal_per_100k": _l("Non-fatal injuries per 100,000 workers"),
    "per_million_hours": _l("Victims per 1,000,000 hours worked"),
}
#: The columns of the breakdown by sex (each sex's victims over that sex's headcount).
SEX_COLUMNS = (
    "victims",
    "deaths",
    "headcount",
    "frequency_rate",
    "fatal_frequency_rate",
    "fatal_per_100k",
    "nonfatal_per_100k",
)
#: The query arguments the page keeps in its links (downloads, chart).
ARGS = ("from", "to", "region", "sector", "employer_id", "inspectorate")


def _filters() -> tuple[headline.Filters, dict[str, str], dict[str, list[str]]]:
    """The period and filters from the URL (this year to date by default); bad ones named, never a 500."""
    default = headline.year_to_date(db.today_bishkek())
    values = pages.url_values(ARGS)
    values.setdefault("from", default.date_from.isoformat())
    values.setdefault("to", default.date_to.isoformat())
    try:
        return filters_for(current_user, load(IndicatorsQuery(), values)), values, {}
    except FormErrors as exc:
        return default, values, exc.errors


def rows(figures: dict[str, Any], earlier: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per indicator: its label, the period's value, the year before's, and which are too small."""
    out = []
    for key, label in LABELS.items():
        rate = key in headline.RATES
        out.append(
            {
                "key": key,
                "label": str(label),
                "now": figures[key],
                "before": earlier[key],
                "small_now": rate and headline.small(figures, key),
                "small_before": rate and headline.small(earlier, key),
            }
        )
    return out


def _compute() -> tuple[headline.Filters, dict[str, str], dict[str, list[str]], list[dict[str, Any]]]:
    f, values, errors = _filters()
    s = db.session()
    return (
        f,
        values,
        errors,
        rows(headline.compute(s, current_user, f), headline.compute(s, current_user, f.earlier())),
    )


def by_sex(f: headline.Filters) -> list[dict[str, Any]]:
    """The period's figures for women, then men: "no data" where the employers in view did not
    report their women (reports/headline.py)."""
    s = db.session()
    out = []
    for sex in (Sex.FEMALE, Sex.MALE):
        figures = headline.compute(s, current_user, replace(f, sex=sex.value))
        small = {k: k in headline.RATES and headline.small(figures, k) for k in SEX_COLUMNS}
        out.append({"sex": sex.value, "label": str(SEX_LABELS[sex]), "figures": figures, "small": small})
    return out


def shown(value: Any) -> str:
    """A figure as the table and the downloads show it: "no data" where the denominator is missing."""
    if value is None:
        return _("no data")
    return f"{value:.2f}" if isinstance(value, Decimal) else str(value)


def cell(value: Any) -> Any:
    """A figure as the downloads hold it: a number (``exports.figure``: a number cell in the workbook, the
    page's text in the CSV), "no data" where the denominator is missing."""
    return exports.figure(value, _("no data"))


def sex_rows(f: headline.Filters) -> list[list[Any]]:
    """The page's table by sex for the downloads, under the indicators: a blank row, its title, its
    header, then women and men, "no data" where the women were not reported (as on the page)."""
    title = _("By sex, %(start)s – %(end)s", start=day(f.date_from), end=day(f.date_to))
    out: list[list[Any]] = [[], [title], [_("Sex"), *(str(LABELS[k]) for k in SEX_COLUMNS)]]
    out += [[r["label"], *(cell(r["figures"][k]) for k in SEX_COLUMNS)] for r in by_sex(f)]
    return out


@bp.route("/headline")
@login_required
@requires("view_dashboards")
def headline_page() -> Any:
    f, values, errors, table = _compute()
    return render_template(
        "reports/headline.html",
        f=f,
        earlier=f.earlier(),
        errors=errors,
        table=table,
        sexes=[] if errors else by_sex(f),
        sex_columns=[(k, str(LABELS[k])) for k in SEX_COLUMNS],
        shown=shown,
        chart_url_args=chart_args(**values),
        **pages.filter_context(values),
    ), (422 if errors else 200)


@bp.route("/headline.<any(csv, xlsx):fmt>")
@login_required
@requires("view_dashboards")
def headline_download(fmt: str) -> Response:
    f, _values, errors, table = _compute()
    if errors:
        return pages.refused(errors)
    header = [_("Indicator"), _("%(start)s – %(end)s", start=day(f.date_from), end=day(f.date_to))]
    earlier = f.earlier()
    header.append(_("%(start)s – %(end)s", start=day(earlier.date_from), end=day(earlier.date_to)))
    body = [header, *([r["label"], cell(r["now"]), cell(r["before"])] for r in table)]
    body += sex_rows(f)
    return exports.table_download(fmt, f"indicators-{f.date_from}-{f.date_to}", _("Indicators"), body)


@bp.route("/headline/chart.svg")
@login_required
@requires("view_dashboards")
def headline_chart() -> Response:
    """The rates of the period and of the year before, those with a value in either."""
    f, _values, _errors, table = _compute()
    shown_rows = [r for r in table if r["key"] in headline.RATES and (r["now"] or r["before"])]
    body = charts.compared(
        [r["label"] for r in shown_rows],
        [float(r["now"] or 0) for r in shown_rows],
        [float(r["before"] or 0) for r in shown_rows],
        (_("This period"), _("A year earlier")),
        _("Rates, %(start)s – %(end)s, against a year earlier", start=day(f.date_from), end=day(f.date_to)),
    )
    return pages.svg(body)
