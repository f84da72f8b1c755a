"""View 6 of issue 10, measures (reports/measures.py): tables, downloads, charts, drill-down."""

from __future__ import annotations

from typing import Any

from flask import Response
from flask_babel import gettext as _
from flask_login import login_required

from core.auth.permissions import requires
from reports import measures, section_views
from reports.views import bp


@bp.route("/measures")
@login_required
@requires("view_dashboards")
def measures_page() -> Any:
    return section_views.page("measures", "reports/measures.html", _("Measures"), measures.SPECS)


@bp.route("/measures/<key>.<any(csv, xlsx):fmt>")
@login_required
@requires("view_dashboards")
def measures_download(key: str, fmt: str) -> Response:
    return section_views.download("measures", measures.SPECS, key, fmt)


@bp.route("/measures/<key>/chart.svg")
@login_required
@requires("view_dashboards")
def measures_chart(key: str) -> Response:
    return section_views.chart(measures.SPECS, key)


@bp.route("/measures/<key>/records")
@login_required
@requires("view_dashboards")
def measures_records(key: str) -> Any:
    return section_views.records("measures", _("Measures"), measures.SPECS, key)
