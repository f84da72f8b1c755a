"""View 5 of issue 10, investigation health (reports/investigations.py): tables, downloads, drill-down."""

from __future__ import annotations

from typing import Any

from flask import Response
from flask_babel import gettext as _
from flask_login import login_required

from core.auth.permissions import requires
from reports import investigations, section_views
from reports.views import bp


@bp.route("/investigations")
@login_required
@requires("view_dashboards")
def investigations_page() -> Any:
    return section_views.page(
        "investigations", "reports/investigations.html", _("Investigation health"), investigations.SPECS
    )


@bp.route("/investigations/<key>.<any(csv, xlsx):fmt>")
@login_required
@requires("view_dashboards")
def investigations_download(key: str, fmt: str) -> Response:
    return section_views.download("investigations", investigations.SPECS, key, fmt)


@bp.route("/investigations/<key>/chart.svg")
@login_required
@requires("view_dashboards")
def investigations_chart(key: str) -> Response:
    return section_views.chart(investigations.SPECS, key)


@bp.route("/investigations/<key>/records")
@login_required
@requires("view_dashboards")
def investigations_records(key: str) -> Any:
    return section_views.records("investigations", _("Investigation health"), investigations.SPECS, key)
