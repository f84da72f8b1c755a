"""View 11 of issue 10: the yearly labour-protection review as a PDF (reports/yearly.py, yearly_pdf.py).

The page asks for the year and the region (the form keeps them in the URL) and links the PDF; the PDF
is ``/reports/yearly.pdf`` (or the page with ``?format=pdf``), in the viewer's language, never cached
(core/downloads.py). Who gets which review is yearly.scope_of's: an officer their own employer's, a
regional inspector or the Fund their region's, the ministry any; asking for another is a 403.
"""

from __future__ import annotations

from typing import Any

from flask import abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from core import db
from core.auth.permissions import requires
from core.classifiers import REGION_LABELS, Region
from core.errors import Forbidden
from core.i18n import current_language
from reports import pages, yearly, yearly_pdf
from reports.views import bp


def _query() -> tuple[int, str | None, dict[str, str], dict[str, list[str]]]:
    """The year (this year by default) and region from the URL; bad ones named, never a 500."""
    today = db.today_bishkek()
    values = {k: v.strip() for k, v in request.args.items() if k in ("year", "region") and v.strip()}
    errors: dict[str, list[str]] = {}
    year = today.year
    raw = values.get("year", "")
    if raw:
        # Four digits at most before int(): a 5,000-digit year would raise past Python's conversion limit.
        if raw.isascii() and raw.isdigit() and len(raw) <= 4 and yearly.FIRST_YEAR <= int(raw) <= today.year:
            year = int(raw)
        else:
            errors["year"] = [
                _("A year from %(first)s to %(last)s.", first=yearly.FIRST_YEAR, last=today.year)
            ]
    region = values.get("region") or None
    if region and region not in {r.value for r in Region}:
        errors["region"] = [_("Unknown region.")]
        region = None
    return year, region, values, errors


def _scope(region: str | None) -> yearly.Scope:
    try:
        return yearly.scope_of(db.session(), current_user, region)
    except Forbidden:
        abort(403)


@bp.route("/yearly")
@login_required
@requires("view_dashboards")
def yearly_page() -> Any:
    year, region, values, errors = _query()
    if request.args.get("format") == "pdf":
        return yearly_document()
    scope = _scope(region)
    today = db.today_bishkek()
    return render_template(
        "reports/yearly.html",
        year=year,
        scope=scope,
        place=yearly_pdf.scope_title(scope),
        values=values,
        errors=errors,
        years=list(range(today.year, today.year - 10, -1)),
        regions=REGION_LABELS,
        officer=pages.is_officer(),
        own_region=None if pages.is_officer() or not current_user.region else current_user.region,
        pdf_args={k: v for k, v in (("year", year), ("region", scope.region)) if v and not errors},
    ), (422 if errors else 200)


@bp.route("/yearly.pdf")
@login_required
@requires("view_dashboards")
def yearly_document() -> Any:
    """The review as a PDF in the viewer's language; bad filters answer 422 with what is wrong."""
    year, region, _values, errors = _query()
    if errors:
        return pages.refused(errors)
    _scope(region)
    s = db.session()
    return yearly_pdf.document(
        s, current_user, year, region, db.today_bishkek(), current_language()
    ).response()
