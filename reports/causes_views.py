"""View 4 of issue 10: causes (Pareto), incident type x severity, who gets hurt, when (reports/causes.py)."""

from __future__ import annotations

from typing import Any

from flask import Response
from flask_babel import gettext as _
from flask_login import login_required

from core.auth.permissions import requires
from reports import causes, section_views
from reports.views import bp


@bp.route("/causes")
@login_required
@requires("view_dashboards")
def causes_page() -> Any:
    return section_views.page("causes", "reports/causes.html", _("Causes"), causes.SPECS)


@bp.route("/causes/<key>.<any(csv, xlsx):fmt>")
@login_required
@requires("view_dashboards")
def causes_download(key: str, fmt: str) -> Response:
    return section_views.download("causes", causes.SPECS, key, fmt)


@bp.route("/causes/<key>/chart.svg")
@login_required
@requires("view_dashboards")
def causes_chart(key: str) -> Response:
    return section_views.chart(causes.SPECS, key)


@bp.route("/causes/<key>/records")
@login_required
@requires("view_dashboards")
def causes_records(key: str) -> Any:
    return section_views.records("causes", _("Causes"), causes.SPECS, key)
