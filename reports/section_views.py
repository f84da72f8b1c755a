"""The pages of views 4-6 of issue 10, one way for each: the tables beside their charts, CSV/XLSX of
each table, the records behind a number. Thin: they parse the URL (the headline view's filters, so
a view is bookmarked the same way), call reports/sections.py and render.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask import Blueprint, Response, abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from core import db
from core.auth.permissions import requires
from core.classifiers import INSPECTORATE_LABELS
from core.formatting import day
from reports import exports, pages, sections
from reports.headline_views import _filters
from reports.views import chart_args


def _spec(specs: tuple[sections.Spec, ...], key: str) -> sections.Spec:
    for spec in specs:
        if spec.key == key:
            return spec
    abort(404)


def cell_text(value: Any, kind: str) -> str:
    """A figure as the table and the downloads show it ("no data" where its base is nought)."""
    if value is None:
        return _("no data")
    if kind == "money" or isinstance(value, Decimal):
        return f"{value:.2f}" if kind == "money" else f"{value:.1f}"
    return str(value)


def cell_figure(value: Any, kind: str) -> Any:
    """A figure as the downloads hold it (``exports.figure``): a sum with two decimals, a share with one,
    a count whole; "no data" where its base is nought. The CSV's text is ``cell_text``'s."""
    if kind == "money":
        return exports.figure(value, _("no data"), places=2)
    return exports.figure(value, _("no data"), places=1 if isinstance(value, Decimal) else None)


def _missing() -> str:
    return _("Not recorded")


def page(endpoint: str, template: str, title: str, specs: tuple[sections.Spec, ...]) -> Any:
    """The view's page: every table of ``specs`` for the filters in the URL."""
    f, values, errors = _filters()
    s = db.session()
    tables = [] if errors else [sections.compute(s, current_user, f, spec, _missing()) for spec in specs]
    return render_template(
        template,
        title=title,
        endpoint=endpoint,
        f=f,
        errors=errors,
        tables=tables,
        cell_text=cell_text,
        chart_url_args=chart_args(**values),
        inspectorates=INSPECTORATE_LABELS,
        **pages.filter_context(values),
    ), (422 if errors else 200)


def download(name: str, specs: tuple[sections.Spec, ...], key: str, fmt: str) -> Response:
    """One table as CSV or XLSX: the header, then each row's label and figures as the page shows them."""
    spec = _spec(specs, key)
    f, _values, errors = _filters()
    if errors:
        return Response("; ".join(m for ms in errors.values() for m in ms), 422, mimetype="text/plain")
    table = sections.compute(db.session(), current_user, f, spec, _missing())
    header = [str(spec.row_header), *(label for _k, label, _kind in table.columns)]
    body = [header]
    body += [
        [r["label"], *(cell_figure(r["cells"][k], kind) for k, _l, kind in table.columns)] for r in table.rows
    ]
    return exports.table_download(fmt, f"{name}-{key}-{f.date_from}-{f.date_to}", str(spec.title), body)


def chart(specs: tuple[sections.Spec, ...], key: str) -> Response:
    spec = _spec(specs, key)
    f, _values, _errors = _filters()
    table = sections.compute(db.session(), current_user, f, spec, _missing())
    title = _("%(title)s, %(start)s – %(end)s", title=spec.title, start=day(f.date_from), end=day(f.date_to))
    body = sections.chart(table, title, _("No data for these filters."), _("Cumulative share of victims, %"))
    headers = {"Cache-Control": "private, max-age=300", "Vary": "Cookie, Accept-Language"}
    return Response(body, mimetype="image/svg+xml", headers=headers)


def records(endpoint: str, title: str, specs: tuple[sections.Spec, ...], key: str) -> Any:
    """The records behind one number: ``row`` (a row's key) and ``figure`` (a column's key) in the URL."""
    spec = _spec(specs, key)
    f, values, errors = _filters()
    row = request.args.get("row", "")
    figure = request.args.get("figure") or None
    if not row or (figure and spec.column is None and figure not in sections.figure_keys(spec)):
        abort(404)
    found, count = ([], 0) if errors else sections.records(db.session(), current_user, f, spec, row, figure)
    return render_template(
        "reports/section_records.html",
        title=title,
        endpoint=endpoint,
        spec=spec,
        f=f,
        values=values,
        errors=errors,
        found=found,
        count=count,
        limit=sections.RECORDS_LIMIT,
    ), (422 if errors else 200)


def add_view(bp: Blueprint, name: str, title: Any, specs: tuple[sections.Spec, ...]) -> None:
    """The view's four routes on ``bp``: ``/<name>`` (its page, template ``reports/<name>.html``), each
    table's ``/<name>/<key>.csv|xlsx``, ``/<name>/<key>/chart.svg`` and ``/<name>/<key>/records``;
    endpoints ``<name>_page``, ``_download``, ``_chart``, ``_records``. Dashboard readers only."""

    def guarded(view: Any) -> Any:
        return login_required(requires("view_dashboards")(view))

    bp.add_url_rule(
        f"/{name}",
        f"{name}_page",
        guarded(lambda: page(name, f"reports/{name}.html", str(title), specs)),
    )
    bp.add_url_rule(
        f"/{name}/<key>.<any(csv, xlsx):fmt>",
        f"{name}_download",
        guarded(lambda key, fmt: download(name, specs, key, fmt)),
    )
    bp.add_url_rule(f"/{name}/<key>/chart.svg", f"{name}_chart", guarded(lambda key: chart(specs, key)))
    bp.add_url_rule(
        f"/{name}/<key>/records",
        f"{name}_records",
        guarded(lambda key: records(name, str(title), specs, key)),
    )
