"""View 2 of issue 10: 36 months of cases by severity against the same month a year earlier, and the
12-month rolling Кч (reports/trends.py). The table beside its chart, CSV and XLSX of the same table,
the filters in the URL, each count a link to the accidents of its month."""

from __future__ import annotations

from datetime import date
from typing import Any

import marshmallow as ma
from flask import Response, render_template
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from marshmallow import validate

from accidents.schemas import Str
from core import db
from core.auth.permissions import requires
from core.errors import FormErrors
from core.formatting import month as month_label
from core.formatting import month_cell, month_name
from core.forms import load
from reports import exports, figures, pages, trends
from reports.api import FilterArgs, check_employer
from reports.headline_views import cell, shown
from reports.views import SEVERITY_CLASS_LABELS, bp, chart_args

ARGS = ("to", "region", "sector", "employer_id")
COLUMNS = {
    **{key: SEVERITY_CLASS_LABELS[key] for key in trends.CLASSES},
    "total": _l("All cases"),
    "year_earlier": _l("Same month a year earlier"),
    "rolling_rate": _l("Кч over the last 12 months"),
}


class TrendsQuery(FilterArgs):
    """The last month shown ("YYYY-MM") and view 1's filters."""

    class Meta:
        exclude = ("inspectorate",)

    to = Str(
        required=True,
        validate=validate.Regexp(r"^(20\d\d)-(0[1-9]|1[0-2])$", error=_l("Enter a month (YYYY-MM).")),
    )

    @ma.validates("to")
    def _not_far(self, value: str, **_: Any) -> None:
        if int(value[:4]) > db.today_bishkek().year:
            raise ma.ValidationError(_l("A month up to this year's last.").format())


def _filters() -> tuple[trends.TrendFilters, dict[str, str], dict[str, list[str]]]:
    """The months and filters from the URL (up to this month by default); bad ones named."""
    today = db.today_bishkek()
    default = trends.TrendFilters(date(today.year, today.month, 1))
    values = pages.url_values(ARGS)
    values.setdefault("to", default.month.strftime("%Y-%m"))
    try:
        query = load(TrendsQuery(), values)
    except FormErrors as exc:
        return default, values, exc.errors
    check_employer(current_user, query.get("employer_id"))
    month = date(int(query["to"][:4]), int(query["to"][5:]), 1)
    return (
        trends.TrendFilters(month, query.get("region"), query.get("sector"), query.get("employer_id")),
        values,
        {},
    )


def rows(f: trends.TrendFilters) -> list[dict[str, Any]]:
    """The table: one row a month, its counts with their links to the accidents, the rolling rate."""
    table = trends.compute(db.session(), current_user, f)
    out = []
    for period, row in table.iterrows():
        first = date(int(period[:4]), int(period[5:]), 1)
        out.append(
            {
                "month": period,
                "label": month_name(period, str(get_locale() or "ru")),
                **{key: row[key] for key in COLUMNS},
                "small": trends.small(row),
                "link": pages.accidents_link(
                    first, trends.month_end(first), f.region, f.sector, f.employer_id
                ),
            }
        )
    return out


@bp.route("/trends")
@login_required
@requires("view_dashboards")
def trends_page() -> Any:
    f, values, errors = _filters()
    return render_template(
        "reports/trends.html",
        f=f,
        errors=errors,
        table=rows(f),
        columns=COLUMNS,
        linked=(*trends.CLASSES, "total"),
        small={"rolling_rate": "small"},
        shown=shown,
        chart_url_args=chart_args(**values),
        **pages.filter_context(values),
    ), (422 if errors else 200)


@bp.route("/trends.<any(csv, xlsx):fmt>")
@login_required
@requires("view_dashboards")
def trends_download(fmt: str) -> Response:
    f, _values, errors = _filters()
    if errors:
        return pages.refused(errors)
    header = [_("Month"), *(str(label) for label in COLUMNS.values())]
    body = [header, *([month_cell(r["month"]), *(cell(r[key]) for key in COLUMNS)] for r in rows(f))]
    return exports.table_download(fmt, f"trends-{f.month:%Y-%m}", _("Trends"), body, month_columns=(0,))


@bp.route("/trends/chart.svg")
@login_required
@requires("view_dashboards")
def trends_chart() -> Response:
    f, _values, _errors = _filters()
    table = trends.compute(db.session(), current_user, f)
    table.index = [month_label(m) for m in table.index]
    body = figures.trends(
        table,
        {key: str(SEVERITY_CLASS_LABELS[key]) for key in trends.CLASSES},
        (_("Same month a year earlier"), _("Кч over the last 12 months")),
        (
            _(
                "Victims by month and severity, 36 months to %(month)s",
                month=month_name(f"{f.month:%Y-%m}", str(get_locale() or "ru")),
            ),
            _("Victims per 1,000 workers over the last 12 months (Кч)"),
        ),
    )
    return pages.svg(body)
