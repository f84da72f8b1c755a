"""View 7 of issue 10: the money of the awards in force as of a day (reports/money.py).

The sums by employer, region and sector, the arrears by age, the claims process, the cost of the
accidents by cause and sector, the forecast of the periodic payments and each employer's capitalised
value; the employers' table beside its chart, every table in the CSV and XLSX, the filters in the URL,
each employer's, region's and sector's figures a link to the claims behind them (the claims list
filtered by the page's filters, the row's own, and the awards in force on the day). The figures are
those of ``GET /api/v1/reports/money``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Response, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from accidents.classifiers import CAUSES
from core import db
from core.auth.permissions import requires
from core.classifiers import REGION_LABELS, SECTOR_LABELS
from core.errors import FormErrors
from core.formatting import day
from core.forms import load
from reports import charts, exports, indicators, money, pages
from reports.api import MoneyQuery, check_employer
from reports.headline_views import cell, shown
from reports.views import bp, chart_args

ARGS = ("as_of", "region", "sector", "employer_id", "inspectorate")
SUMS = {
    "awards_in_force": _l("Awards in force"),
    "monthly_obligation": _l("Periodic payments of the month"),
    "accrued": _l("Accrued"),
    "paid": _l("Paid"),
    "outstanding": _l("Outstanding"),
    "penalty": _l("Penalties"),
}
AGES = {
    "not_due": _l("Not due yet"),
    "days_30": _l("Due up to 30 days"),
    "days_90": _l("Due 31 to 90 days"),
    "days_180": _l("Due 91 to 180 days"),
    "days_more": _l("Due over 180 days"),
}
PROCESS = {
    "claims": _l("Claims filed"),
    "on_time": _l("Decided within the deadline"),
    "deemed_refused": _l("Deemed refused: no decision within the deadline (art. 257)"),
    "decided_late": _l("of which decided later"),
    "pending": _l("Awaiting a decision, within the deadline"),
    "refused": _l("Refused by a reasoned decision"),
    "appeals": _l("Appeals to an inspectorate"),
    "appeals_filed": _l("Appeals awaiting the inspectorate"),
    "appeals_granted": _l("Appeals granted"),
    "appeals_partly_granted": _l("Appeals partly granted"),
    "appeals_dismissed": _l("Appeals dismissed"),
    "paid_claims": _l("Claims with a first payment"),
    "median_days": _l("Days from the claim to the first payment, median"),
    "mean_days": _l("Days from the claim to the first payment, mean"),
}


def _filters() -> tuple[date, dict[str, Any], dict[str, str], dict[str, list[str]]]:
    """The day and filters from the URL (today by default); bad ones named, never a 500."""
    today = db.today_bishkek()
    values = pages.url_values(ARGS)
    values.setdefault("as_of", today.isoformat())
    try:
        query = load(MoneyQuery(), values)
    except FormErrors as exc:
        return today, {}, values, exc.errors
    check_employer(current_user, query.get("employer_id"))
    as_of = query.pop("as_of")
    return as_of, {k: v for k, v in query.items() if v is not None}, values, {}


def figures(as_of: date, filters: dict[str, Any]) -> dict[str, Any]:
    """The view's figures, kept per data version, scope and filters (the engine runs once per award)."""
    s = db.session()
    key = ("money", as_of, tuple(sorted(filters.items())))
    return indicators.cached(s, current_user, key, lambda: money.view(s, current_user, as_of, filters))


def claims_link(as_of: date | None, filters: dict[str, Any], **cell: Any) -> str:
    """The claims behind a figure: the page's filters with the row's own (its employer, region or
    sector) and, for the sums of the awards, the awards in force on ``as_of``; the list applies the
    viewer's scope, as the sums do, so it lists exactly the claims they add up."""
    args = {**filters, **cell}
    if as_of is not None:
        args["awarded_by"] = as_of.isoformat()
    return url_for("ledger.claims", **{k: v for k, v in args.items() if v not in (None, "")})


def tables(as_of: date, filters: dict[str, Any]) -> dict[str, Any]:
    """The figures as the page and the downloads show them: labelled rows, never the cached dicts."""
    data = figures(as_of, filters)
    employers = [
        {**r, "label": r["name"], "link": claims_link(as_of, filters, employer_id=r["key"])}
        for r in data["employers"]
    ]
    regions = [
        {
            **r,
            "label": str(REGION_LABELS.get(r["key"], r["key"])),
            "link": claims_link(as_of, filters, region=r["key"]),
        }
        for r in data["regions"]
    ]
    sectors = [
        {
            **r,
            "label": f"{r['key']} — {SECTOR_LABELS.get(r['key'], r['key'])}" if r["key"] else _("Not given"),
            # An employer without a sector: the list has no filter for "none", so no link.
            "link": claims_link(as_of, filters, sector=r["key"]) if r["key"] else None,
        }
        for r in data["sectors"]
    ]
    cost = [
        {
            **r,
            "label": str(CAUSES.get(r["cause"], _("Main cause not given"))),
            "sector_label": f"{r['sector']} — {SECTOR_LABELS.get(r['sector'], r['sector'])}",
        }
        for r in data["cost"]
    ]
    process = [{"key": k, "label": str(v), "value": data["process"][k]} for k, v in PROCESS.items()]
    return {
        "as_of": as_of,
        "employers": employers,
        "regions": regions,
        "sectors": sectors,
        "total": {**data["total"], "label": _("Total")},
        "cost": cost,
        "process": process,
    }


@bp.route("/money")
@login_required
@requires("view_dashboards")
def money_page() -> Any:
    as_of, filters, values, errors = _filters()
    return render_template(
        "reports/money.html",
        as_of=as_of,
        errors=errors,
        t=tables(as_of, filters),
        sums=SUMS,
        ages=AGES,
        horizons=money.HORIZONS,
        shown=shown,
        # "Claims filed": the claims filed by the day, as reports/money.py _process counts them.
        claims_link=claims_link(None, filters, filed_by=as_of.isoformat()),
        chart_url_args=chart_args(**values),
        **pages.filter_context(values),
    ), (422 if errors else 200)


def _sum_rows(header: str, rows: list[dict[str, Any]], total: dict[str, Any]) -> list[list[Any]]:
    out: list[list[Any]] = [[header, *(str(v) for v in SUMS.values())]]
    out += [[r["label"], *(cell(r[k]) for k in SUMS)] for r in (*rows, total)]
    return out


@bp.route("/money.<any(csv, xlsx):fmt>")
@login_required
@requires("view_dashboards")
def money_download(fmt: str) -> Response:
    """Every table of the page one under another, each under its title, a blank row between."""
    as_of, filters, _values, errors = _filters()
    if errors:
        return pages.refused(errors)
    t = tables(as_of, filters)
    total = t["total"]
    body: list[list[Any]] = [[_("Money of the awards in force on %(day)s", day=day(as_of))], []]
    body += _sum_rows(_("Employer"), t["employers"], total) + [[]]
    body += _sum_rows(_("Region"), t["regions"], total) + [[]]
    body += _sum_rows(_("Sector"), t["sectors"], total) + [[]]
    body.append([_("Arrears by age"), *(str(v) for v in AGES.values())])
    body += [[r["label"], *(cell(r["aged"][k]) for k in AGES)] for r in (*t["employers"], total)]
    body += [[], [_("Claims process"), _("Value")]]
    body += [[r["label"], cell(r["value"])] for r in t["process"]]
    body += [[], [_("Main cause"), _("Sector"), _("Awards"), _("Cost")]]
    body += [[r["label"], r["sector_label"], cell(r["awards"]), cell(r["cost"])] for r in t["cost"]]
    body += [[], [_("Forecast"), *(_("%(n)s months", n=h) for h in money.HORIZONS), _("Capitalised value")]]
    body += [
        [r["label"], *(cell(r["forecast"][h]) for h in money.HORIZONS), cell(r["capitalised_value"])]
        for r in (*t["employers"], total)
    ]
    return exports.table_download(fmt, f"money-{as_of}", _("Money"), body)


@bp.route("/money/chart.svg")
@login_required
@requires("view_dashboards")
def money_chart() -> Response:
    """Accrued against paid, by employer."""
    as_of, filters, _values, _errors = _filters()
    rows = tables(as_of, filters)["employers"]
    body = charts.compared(
        [r["label"] for r in rows],
        [float(r["accrued"]) for r in rows],
        [float(r["paid"]) for r in rows],
        (_("Accrued"), _("Paid")),
        _("Accrued and paid by employer, %(day)s", day=day(as_of)),
    )
    return pages.svg(body)
