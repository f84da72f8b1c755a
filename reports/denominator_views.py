"""The national denominators' pages (administrators: list, add, correct with a reason) and their API.

Views parse, call one service of reports/denominators.py and render; bad input re-shows the form
with what was typed and the field named (422), a stale version the conflict (409).
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from core import forms
from core.auth.permissions import can, requires
from core.classifiers import REGION_LABELS, SECTOR_LABELS
from core.errors import Conflict, DomainError, Forbidden, FormErrors
from reports import denominators, schemas
from reports.api import blp
from reports.models import COUNTRY
from reports.views import bp

SEX_LABELS = {"all": _l("Both sexes"), "female": _l("Women"), "male": _l("Men")}


def region_labels() -> dict[str, Any]:
    """The regions a figure is for, the whole country first."""
    return {COUNTRY: _l("The whole country"), **REGION_LABELS}


def _labels() -> dict[str, Any]:
    return {"SECTORS": SECTOR_LABELS, "REGIONS": region_labels(), "SEXES": SEX_LABELS}


@bp.route("/denominators")
@login_required
@requires("view_dashboards")
def denominators_page() -> Any:
    """Every figure entered, filtered by year, sector or region from the URL."""
    values = {k: v for k, v in request.args.items() if k in ("year", "sector", "region") and v.strip()}
    errors: dict[str, list[str]] = {}
    try:
        filters = forms.load(schemas.DenominatorQuery(), values)
    except FormErrors as exc:
        errors, filters = exc.errors, {}
    return render_template(
        "reports/denominators.html",
        figures=denominators.list_figures(filters),
        values=values,
        errors=errors,
        manage=can(current_user, "manage_parameters"),
        **_labels(),
    ), (422 if errors else 200)


@bp.route("/denominators/new", methods=["GET", "POST"])
@login_required
@requires("manage_parameters")
def denominator_new() -> Any:
    values: dict[str, Any] = {"sex": "all"}
    if request.method == "POST":
        data, values = forms.parse_form(request.form)
        try:
            denominators.add_figure(current_user, forms.load(schemas.DenominatorIn(), data))
        except DomainError as exc:
            return _form(values, exc.errors, None), forms.status_for(exc)
        flash(_("The figure was entered."), "success")
        return redirect(url_for("reports.denominators_page", year=data.get("year")))
    return _form(values, {}, None)


@bp.route("/denominators/<int:figure_id>/correct", methods=["GET", "POST"])
@login_required
@requires("manage_parameters")
def denominator_correct(figure_id: int) -> Any:
    figure = denominators.get_figure(figure_id)
    values: dict[str, Any] = {
        "employment": figure.employment,
        "source": figure.source,
        "source_date": figure.source_date.isoformat(),
        "version": figure.version,
    }
    if request.method == "POST":
        data, values = forms.parse_form(request.form)
        try:
            denominators.correct_figure(current_user, figure_id, forms.load(schemas.CorrectionIn(), data))
        except DomainError as exc:
            errors = exc.errors
            if isinstance(exc, Conflict):
                values["version"] = str(figure.version)
                errors = {"_": [exc.message]}
            return _form(values, errors, figure), forms.status_for(exc)
        flash(_("The figure was corrected."), "success")
        return redirect(url_for("reports.denominators_page", year=figure.year))
    return _form(values, {}, figure)


def _form(values: dict[str, Any], errors: dict[str, list[str]], figure: Any) -> str:
    return render_template(
        "reports/denominator_form.html",
        values=values,
        errors=errors,
        figure=figure,
        history=denominators.history(figure.id) if figure is not None else None,
        **_labels(),
    )


@blp.route("/denominators", methods=["GET"])
@login_required
@blp.arguments(schemas.DenominatorQuery, location="query", as_kwargs=True)
@blp.response(200, schemas.DenominatorOut(many=True))
def denominators_list(**query: Any) -> Any:
    """The national denominators entered: employment by GKED section, region (or the country), year
    and sex, each with its source and the source's date. A cell not listed has no data."""
    if not can(current_user, "view_dashboards"):
        raise Forbidden()
    return denominators.list_figures(query)


@blp.route("/denominators", methods=["POST"])
@requires("manage_parameters")
@blp.arguments(schemas.DenominatorIn)
@blp.response(201, schemas.DenominatorOut)
def denominators_add(data: dict[str, Any]) -> Any:
    """Enter one published figure (administrators); a cell already entered is refused (422)."""
    return denominators.add_figure(current_user, data)


@blp.route("/denominators/<int:figure_id>", methods=["PATCH"])
@requires("manage_parameters")
@blp.arguments(schemas.CorrectionIn)
@blp.response(200, schemas.DenominatorOut)
def denominators_correct(data: dict[str, Any], figure_id: int) -> Any:
    """Correct a figure with its reason (administrators; audited; 409 on a stale version)."""
    return denominators.correct_figure(current_user, figure_id, data)
