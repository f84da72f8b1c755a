"""The parameter tables' page (each table with its whole history) and the form that adds a row.

Everyone who may calculate reads the tables the calculations use; only an administrator
(``manage_parameters``) adds a row. Bad input re-shows the form with what was typed (422).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from calculator import schemas, services
from compensation.parameters import NAMES
from core import forms
from core.auth.permissions import requires
from core.errors import DomainError

bp = Blueprint("parameters", __name__, url_prefix="/compensation/parameters")


def _labels() -> dict[str, Any]:
    return {
        "TABLE_LABELS": schemas.TABLE_LABELS,
        "STATUS_LABELS": schemas.STATUS_LABELS,
        "RULE_LABELS": schemas.RULE_LABELS,
        "KEY_LABELS": dict(schemas.key_choices()),
        "key_choices": schemas.key_choices(),
    }


@bp.route("")
@login_required
@requires("calculate")
def tables() -> Any:
    return render_template("calculator/parameters.html", tables=services.history(), **_labels())


@bp.route("/new", methods=["GET", "POST"])
@login_required
@requires("manage_parameters")
def new_row() -> Any:
    values: dict[str, Any] = {"table": request.args.get("table", ""), "status": "verified"}
    if request.args.get("supersedes", "").isdigit():
        values["supersedes_id"] = request.args["supersedes"]
    if request.method == "POST":
        data, values = forms.parse_form(request.form)
        try:
            row = services.add_row(current_user, forms.load(schemas.ParameterRowIn(), data))
        except DomainError as exc:
            return _form(values, exc.errors), forms.status_for(exc)
        flash(_("The row was added; calculations use it from now on."), "success")
        return redirect(url_for("parameters.tables", _anchor=f"table-{row.table_name}"))
    return _form(values, {})


def _form(values: dict[str, Any], errors: dict[str, list[str]]) -> str:
    return render_template(
        "calculator/parameter_form.html",
        values=values,
        errors=errors,
        tables=list(NAMES),
        statuses=schemas.STATUSES,
        **_labels(),
    )
