"""JSON endpoints of the administration: the employer registry and accounts, under /api/v1.

Reads of employers follow the reader's scope (a safety officer sees only their
own employer, regional staff their region); every write is an administrator's.
Writes carry the ``version`` read, and a stale one is answered with 409.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from flask_login import current_user, login_required
from flask_smorest import Blueprint

from core.admin import schemas, services
from core.auth.permissions import requires
from core.db import Page

employers_blp = Blueprint(
    "employers_api",
    __name__,
    url_prefix="/api/v1/employers",
    description="The employer registry: INN, sector, region, headcount by year, liquidation (art. 255).",
)
users_blp = Blueprint(
    "users_api", __name__, url_prefix="/api/v1/users", description="Accounts, their roles and scopes."
)


def _errors(blp: Blueprint, *codes: int) -> Any:
    """Declare the error answers in the OpenAPI document (core.errors' one error document)."""

    def decorate(view: Any) -> Any:
        for code in codes:
            view = blp.alt_response(code, response=HTTPStatus(code).name)(view)
        return view

    return decorate


def _page(page: Page[Any]) -> dict[str, Any]:
    return {
        "items": page.items,
        "total": page.total,
        "page": page.page,
        "per_page": page.per_page,
        "next_cursor": page.next_cursor,
    }


# --- employers -------------------------------------------------------------------------------------


@employers_blp.route("")
@login_required
@employers_blp.arguments(schemas.EmployerListArgs, location="query")
@employers_blp.response(200, schemas.EmployerPage)
@_errors(employers_blp, 401)
def list_employers(filters: dict[str, Any]) -> Any:
    """Employers in the caller's scope, filtered by region, sector, status or a name/INN search."""
    return _page(services.list_employers(current_user, filters))


@employers_blp.route("", methods=["POST"])
@requires("manage_employers")
@employers_blp.arguments(schemas.EmployerIn)
@employers_blp.response(201, schemas.EmployerOut)
@_errors(employers_blp, 401, 403)
def create_employer(data: dict[str, Any]) -> Any:
    """Register an employer (administrators); headcount rows may come with it."""
    return services.create_employer(current_user, data)


@employers_blp.route("/<int:employer_id>")
@login_required
@employers_blp.response(200, schemas.EmployerOut)
@_errors(employers_blp, 401, 404)
def get_employer(employer_id: int) -> Any:
    """One employer, if it is in the caller's scope."""
    return services.get_employer(current_user, employer_id)


@employers_blp.route("/<int:employer_id>", methods=["PUT"])
@requires("manage_employers")
@employers_blp.arguments(schemas.EmployerUpdate)
@employers_blp.response(200, schemas.EmployerOut)
@_errors(employers_blp, 401, 403, 404, 409)
def update_employer(data: dict[str, Any], employer_id: int) -> Any:
    """Replace an employer's data (administrators); headcount rows given are added or replaced by year."""
    return services.update_employer(current_user, employer_id, data)


@employers_blp.route("/<int:employer_id>/history")
@requires("view_history")
@employers_blp.arguments(schemas.PageArgs, location="query")
@employers_blp.response(200, schemas.AuditPage)
@_errors(employers_blp, 401, 403, 404)
def employer_history(args: dict[str, Any], employer_id: int) -> Any:
    """The audit entries of an employer, oldest first: who changed what, before and after."""
    services.get_employer(current_user, employer_id)
    return _page(services.history_page("employer", employer_id, args["page"], args["per_page"], listing=args))


# --- accounts ---------------------------------------------------------------------------------------


@users_blp.route("")
@requires("manage_users")
@users_blp.arguments(schemas.UserListArgs, location="query")
@users_blp.response(200, schemas.UserPage)
@_errors(users_blp, 401, 403)
def list_users(filters: dict[str, Any]) -> Any:
    """Accounts, filtered by role, employer and activity, or searched by name or e-mail."""
    return _page(services.list_users(filters))


@users_blp.route("", methods=["POST"])
@requires("manage_users")
@users_blp.arguments(schemas.UserIn)
@users_blp.response(201, schemas.UserOut)
@_errors(users_blp, 401, 403)
def create_user(data: dict[str, Any]) -> Any:
    """Create an account; the password (10 characters or more) is stored hashed."""
    return services.create_user(current_user, data)


@users_blp.route("/<int:user_id>")
@requires("manage_users")
@users_blp.response(200, schemas.UserOut)
@_errors(users_blp, 401, 403, 404)
def get_user(user_id: int) -> Any:
    return services.get_user(user_id)


@users_blp.route("/<int:user_id>", methods=["PUT"])
@requires("manage_users")
@users_blp.arguments(schemas.UserUpdate)
@users_blp.response(200, schemas.UserOut)
@_errors(users_blp, 401, 403, 404, 409)
def update_user(data: dict[str, Any], user_id: int) -> Any:
    """Replace an account's data; a ``password`` resets it, ``active: false`` deactivates the account."""
    return services.update_user(current_user, user_id, data)


@users_blp.route("/<int:user_id>/history")
@requires("manage_users")
@users_blp.arguments(schemas.PageArgs, location="query")
@users_blp.response(200, schemas.AuditPage)
@_errors(users_blp, 401, 403, 404)
def user_history(args: dict[str, Any], user_id: int) -> Any:
    """The audit entries of an account, oldest first (never a password)."""
    services.get_user(user_id)
    return _page(services.history_page("user", user_id, args["page"], args["per_page"], listing=args))
