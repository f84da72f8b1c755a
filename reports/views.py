"""The dashboard: what needs doing now, accidents by month, frequency rates; charts served as SVG."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from accidents.classifiers import SEVERITY_LABELS, Severity
from core import db
from core.auth.permissions import requires
from core.classifiers import Region, Role
from core.i18n import current_language
from reports import charts, indicators

bp = Blueprint("reports", __name__, url_prefix="/reports")

#: The classes the monthly chart stacks cases by (reports/cases.py): "fatal" includes later deaths.
SEVERITY_CLASS_LABELS = {
    "light": SEVERITY_LABELS[Severity.LIGHT],
    "severe": SEVERITY_LABELS[Severity.SEVERE],
    "fatal": SEVERITY_LABELS[Severity.FATAL],
    "unknown": _l("Severity not yet established"),
}


def _filters() -> tuple[int, str | None, dict[str, list[str]]]:
    """Year and region from the query string; bad values are named, never a 500."""
    errors: dict[str, list[str]] = {}
    today = db.today_bishkek()
    year = today.year
    raw = request.args.get("year", "")
    if raw:
        if raw.isascii() and raw.isdigit() and len(raw) == 4 and 2000 <= int(raw) <= today.year + 1:
            year = int(raw)
        else:
            errors["year"] = [_("A year from 2000 to %(y)s.", y=today.year + 1)]
    region = request.args.get("region") or None
    if region and region not in {r.value for r in Region}:
        errors["region"] = [_("Unknown region.")]
        region = None
    if Role(current_user.role) is Role.SAFETY_OFFICER:
        region = None  # an officer's scope is their employer already
    return year, region, errors


@bp.route("/dashboard")
@login_required
@requires("view_dashboards")
def dashboard() -> Any:
    year, region, errors = _filters()
    figures = indicators.dashboard(db.session(), current_user, year, region, db.today_bishkek())
    return render_template(
        "reports/dashboard.html",
        year=year,
        region=region,
        errors=errors,
        category_labels=SEVERITY_CLASS_LABELS,
        **figures,
    ), (422 if errors else 200)


@bp.route("/charts/<name>.svg")
@login_required
@requires("view_dashboards")
def chart(name: str) -> Any:
    year, region, _errors = _filters()
    s = db.session()
    if name == "accidents-by-month":

        def draw() -> bytes:
            table = indicators.accidents_by_month(s, current_user, year, region)
            labels = {str(k): str(v) for k, v in SEVERITY_CLASS_LABELS.items()}
            title = _("Victims of work-related accidents by month, %(year)s", year=year)
            return charts.accidents_by_month(table, labels, title)

    elif name == "frequency":

        def draw() -> bytes:
            return charts.frequency_rates(
                indicators.frequency_rates(s, current_user, year, region),
                _("Victims per 1,000 workers (Кч), %(year)s", year=year),
            )

    else:
        return Response(status=404)
    # Drawn once per data version, scope, filters and language in each worker (matplotlib's SVG is
    # the costliest thing the dashboard does).
    body = indicators.cached(s, current_user, ("chart", name, year, region, current_language()), draw)
    # The page asks for the chart with its language (chart_args): a title cached in Russian is never
    # shown to someone who switched to Kyrgyz, and the language is part of the cache key.
    headers = {"Cache-Control": "private, max-age=300", "Vary": "Cookie, Accept-Language"}
    return Response(body, mimetype="image/svg+xml", headers=headers)


@bp.app_template_global()
def chart_args(**filters: Any) -> dict[str, Any]:
    """A chart's URL arguments: the page's filters and the viewer's language."""
    return {**filters, "lang": current_language()}
