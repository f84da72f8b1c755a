"""HTML pages of the administration: accounts and the employer registry.

Each view loads the form with a schema, calls a service and answers with a
page. Bad input re-shows the form with its typed values and field errors (422);
a stale version re-shows it with the conflict explained (409).
"""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from core import forms
from core.admin import schemas, services
from core.auth import tokens as api_tokens
from core.auth.models import User
from core.auth.permissions import can, requires
from core.db import today_bishkek
from core.employers import Employer
from core.errors import Conflict, DomainError, flatten

bp = Blueprint("admin", __name__)


def _args(schema: ma.Schema) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """List filters from the query string; invalid ones are reported and ignored, never a 500."""
    raw = {key: value for key, value in request.args.items() if value.strip() and key in schema.fields}
    try:
        return schema.load(raw), {}
    except ma.ValidationError as exc:
        valid = {k: v for k, v in raw.items() if k not in exc.messages}
        return schema.load(valid), flatten(exc.messages)


def _form_page(template: str, values: dict[str, Any], exc: DomainError, **context: Any) -> Any:
    """The form again, with what was typed and what is wrong (409 when someone saved first)."""
    conflict = isinstance(exc, Conflict)
    errors = {"_": [exc.message]} if conflict else exc.errors
    page = render_template(template, values=values, errors=errors, conflict=conflict, **context)
    return page, exc.status


def _form(
    template: str,
    schema: ma.Schema,
    save: Any,
    stored: dict[str, Any],
    done: str,
    target: Any,
    **context: Any,
) -> Any:
    """A registry form: shown with ``stored``; posted, it is validated and given to ``save(data)``, then
    ``done`` is said and the browser goes to ``target(saved)``, or the form is shown again
    (``_form_page``)."""
    if request.method == "POST":
        try:
            saved = save(forms.validate(schema, request.form))
        except DomainError as exc:
            return _form_page(template, request.form.to_dict(), exc, **context)
        flash(done, "success")
        return redirect(target(saved))
    return render_template(template, values=stored, errors={}, **context)


# --- accounts ---------------------------------------------------------------------------------------


def _list_page(template: str, schema: Any, lister: Any) -> Any:
    """A filtered list page: the query string read by ``schema``; a bad filter is shown with a 422."""
    filters, errors = _args(schema)
    return render_template(template, page=lister(filters), filters=request.args, errors=errors), (
        422 if errors else 200
    )


@bp.route("/admin/users")
@login_required
@requires("manage_users")
def users() -> Any:
    return _list_page("admin/users.html", schemas.UserListArgs(), services.list_users)


@bp.route("/admin/users/new", methods=["GET", "POST"])
@login_required
@requires("manage_users")
def user_new() -> Any:
    return _form(
        "admin/user_form.html",
        schemas.UserForm(),
        lambda data: services.create_user(current_user, data),
        {"active": True},
        _("The account was created."),
        lambda user: url_for("admin.user", user_id=user.id),
        user=None,
    )


def _user_values(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "full_name": user.full_name,
        "role": user.role,
        "employer_inn": user.employer.inn if user.employer else "",
        "inspectorate": user.inspectorate,
        "region": user.region,
        "active": user.active,
        "locale": user.locale,
        "version": user.version,
    }


@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
@login_required
@requires("manage_users")
def user(user_id: int) -> Any:
    account = services.get_user(user_id)
    return _form(
        "admin/user_form.html",
        schemas.UserUpdateForm(),
        lambda data: services.update_user(current_user, user_id, data),
        _user_values(account),
        _("The account was saved."),
        lambda _saved: url_for("admin.user", user_id=user_id),
        user=account,
        history=services.user_history(user_id),
    )


# --- API tokens -------------------------------------------------------------------------------------


def _tokens_page(values: dict[str, Any], errors: dict[str, list[str]], status: int = 200) -> Any:
    page = render_template(
        "admin/tokens.html",
        tokens=api_tokens.list_tokens(),
        accounts=[(u.id, f"{u.full_name} · {u.email}") for u in api_tokens.system_accounts()],
        today=today_bishkek(),
        values=values,
        errors=errors,
    )
    return page, status


def _token_shown(issued: api_tokens.Issued, rotated: bool) -> Any:
    """The secret, this once: the page is never cached (no-store) and the secret is stored nowhere."""
    return render_template("admin/token_issued.html", issued=issued, rotated=rotated)


@bp.route("/admin/tokens", methods=["GET", "POST"])
@login_required
@requires("manage_users")
def tokens() -> Any:
    """System accounts' API tokens: issue one, see each one's state and last use, rotate, revoke."""
    if request.method == "POST":
        values = request.form.to_dict()
        try:
            data = forms.validate(schemas.TokenForm(), request.form)
            issued = api_tokens.issue(current_user, data["user_id"], data["label"], data["expires_on"])
        except DomainError as exc:
            return _tokens_page(values, exc.errors, exc.status)
        return _token_shown(issued, rotated=False), 201
    return _tokens_page({"user_id": request.args.get("user_id", "")}, {})


@bp.route("/admin/tokens/<int:token_id>/rotate", methods=["POST"])
@login_required
@requires("manage_users")
def token_rotate(token_id: int) -> Any:
    """A new secret for the token (shown once); the old one stops working now. A refusal (a revoked
    token) is the error page of core.errors."""
    return _token_shown(api_tokens.rotate(current_user, token_id), rotated=True)


@bp.route("/admin/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
@requires("manage_users")
def token_revoke(token_id: int) -> Any:
    token = api_tokens.revoke(current_user, token_id)
    flash(_("The token %(prefix)s was revoked: it no longer works.", prefix=token.prefix), "success")
    return redirect(url_for("admin.tokens"))


# --- employers -------------------------------------------------------------------------------------


@bp.route("/admin/employers")
@login_required
@requires("manage_employers")
def employers() -> Any:
    return _list_page(
        "admin/employers.html",
        schemas.EmployerListArgs(),
        lambda filters: services.list_employers(current_user, filters),
    )


@bp.route("/admin/employers/new", methods=["GET", "POST"])
@login_required
@requires("manage_employers")
def employer_new() -> Any:
    return _form(
        "admin/employer_form.html",
        schemas.EmployerForm(),
        lambda data: services.create_employer(current_user, data),
        {"status": "active"},
        _("The employer was registered."),
        lambda employer: url_for("admin.employer", employer_id=employer.id),
        employer=None,
    )


def _employer_values(employer: Employer) -> dict[str, Any]:
    return {
        "name": employer.name,
        "inn": employer.inn,
        "okpo": employer.okpo,
        "sector": employer.sector,
        "region": employer.region,
        "address": employer.address,
        "status": employer.status,
        "liquidation_started_on": employer.liquidation_started_on,
        "liquidated_on": employer.liquidated_on,
        "budget_sector": employer.budget_sector,
        "successor_inn": employer.successor.inn if employer.successor else "",
        "version": employer.version,
    }


@bp.route("/admin/employers/<int:employer_id>/edit", methods=["GET", "POST"])
@login_required
@requires("manage_employers")
def employer_edit(employer_id: int) -> Any:
    employer = services.get_employer(current_user, employer_id)
    return _form(
        "admin/employer_form.html",
        schemas.EmployerUpdateForm(),
        lambda data: services.update_employer(current_user, employer_id, data),
        _employer_values(employer),
        _("The employer was saved."),
        lambda _saved: url_for("admin.employer", employer_id=employer_id),
        employer=employer,
    )


def _employer_page(employer: Employer, headcount_values: dict[str, Any], errors: dict[str, list[str]]) -> str:
    history = None
    if can(current_user, "view_history"):
        history = services.employer_history(current_user, employer.id)
    return render_template(
        "admin/employer.html",
        employer=employer,
        history=history,
        values=headcount_values,
        errors=errors,
    )


@bp.route("/employers/<int:employer_id>")
@login_required
def employer(employer_id: int) -> Any:
    """The employer's card: anyone whose scope includes it may read it; administrators edit it."""
    record = services.get_employer(current_user, employer_id)
    values: dict[str, Any] = {"version": record.version}
    year = request.args.get("year", type=int)
    row = next((r for r in record.headcounts if r.year == year), None)
    if row is not None:
        values.update(year=row.year, headcount=row.headcount, hours_worked=row.hours_worked, women=row.women)
    return _employer_page(record, values, {})


@bp.route("/admin/employers/<int:employer_id>/headcount", methods=["POST"])
@login_required
@requires("manage_employers")
def employer_headcount(employer_id: int) -> Any:
    record = services.get_employer(current_user, employer_id)
    try:
        data = forms.validate(schemas.HeadcountForm(), request.form)
        services.save_headcount(current_user, employer_id, data)
    except DomainError as exc:
        values = request.form.to_dict()
        errors = exc.errors
        if isinstance(exc, Conflict):
            # The page shows the figures as they are now, so the typed row may be sent again knowingly.
            values["version"] = str(record.version)
            errors = {"_": [exc.message]}
        return _employer_page(record, values, errors), exc.status
    flash(_("The headcount was saved."), "success")
    return redirect(url_for("admin.employer", employer_id=employer_id))
