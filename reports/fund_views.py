"""View 8 of issue 10: the Social Fund's capitalised sums by region and year (reports/fund.py).

The table beside its chart, CSV and XLSX of the same table, the filters in the URL, each region's
figures a link to the capitalised cases behind them (for those who may read them).
"""

from __future__ import annotations

from typing import Any

from flask import Response, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from core import db
from core.auth.permissions import can, requires
from core.classifiers import REGION_LABELS
from core.errors import FormErrors
from core.forms import load
from reports import charts, exports, fund, indicators, pages
from reports.api import FilterArgs, check_employer
from reports.headline_views import cell
from reports.views import bp, chart_args

ARGS = ("region", "sector", "employer_id")
SUMS = {
    "capitalised": _l("Capitalised"),
    "received": _l("Received from the employers"),
    "budget": _l("Covered by the state budget"),
    "paid": _l("Paid out by the Fund"),
    "held": _l("Held at the end of the year"),
}


class FundQuery(FilterArgs):
    class Meta:
        exclude = ("inspectorate",)


def _filters() -> tuple[dict[str, Any], dict[str, str], dict[str, list[str]]]:
    values = pages.url_values(ARGS)
    try:
        query = load(FundQuery(), values)
    except FormErrors as exc:
        return {}, values, exc.errors
    check_employer(current_user, query.get("employer_id"))
    return {k: v for k, v in query.items() if v is not None}, values, {}


def tables(filters: dict[str, Any]) -> dict[str, Any]:
    """The figures with their labels (copies: the cached figures are never changed)."""
    s = db.session()
    key = ("fund", tuple(sorted(filters.items())))
    data = indicators.cached(s, current_user, key, lambda: fund.compute(s, current_user, filters))
    link = url_for("fund.capitalisations") if can(current_user, "view_capitalisations") else None

    def label(row: dict[str, Any]) -> dict[str, Any]:
        return {**row, "label": str(REGION_LABELS.get(row["region"], row["region"])), "link": link}

    return {
        "rows": [label(r) for r in data["rows"]],
        "regions": [label(r) for r in data["regions"]],
        "total": {**data["total"], "label": _("Total")},
    }


@bp.route("/fund")
@login_required
@requires("view_dashboards")
def fund_page() -> Any:
    filters, values, errors = _filters()
    return render_template(
        "reports/fund.html",
        errors=errors,
        t=tables(filters),
        sums=SUMS,
        chart_url_args=chart_args(**values),
        **pages.filter_context(values),
    ), (422 if errors else 200)


@bp.route("/fund.<any(csv, xlsx):fmt>")
@login_required
@requires("view_dashboards")
def fund_download(fmt: str) -> Response:
    """The table by region and year, a blank row, then the regions' totals."""
    filters, _values, errors = _filters()
    if errors:
        return pages.refused(errors)
    t = tables(filters)
    labels = [str(v) for v in SUMS.values()]
    body: list[list[Any]] = [[_("Region"), _("Year"), *labels]]
    body += [[r["label"], r["year"], *(cell(r[k]) for k in SUMS)] for r in t["rows"]]
    body += [[], [_("Region"), *labels]]
    body += [[r["label"], *(cell(r[k]) for k in SUMS)] for r in (*t["regions"], t["total"])]
    return exports.table_download(fmt, "social-fund", _("Social Fund"), body)


@bp.route("/fund/chart.svg")
@login_required
@requires("view_dashboards")
def fund_chart() -> Response:
    """Received (from the employers and the budget) against paid out, by region and year."""
    filters, _values, _errors = _filters()
    rows = tables(filters)["rows"]
    body = charts.compared(
        [f"{r['label']}, {r['year']}" for r in rows],
        [float(r["received"] + r["budget"]) for r in rows],
        [float(r["paid"]) for r in rows],
        (_("Received"), _("Paid out")),
        _("The Social Fund's capitalised sums received and paid out"),
    )
    return pages.svg(body)
