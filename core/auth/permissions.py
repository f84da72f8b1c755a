"""Who may do what (capabilities by role) and over which records (scope).

Scope is applied in the queries of the services, never only by hiding links:
a record outside the user's scope is simply not found (404).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import sqlalchemy as sa
from flask import abort
from flask_login import current_user

from core.classifiers import Role
from core.employers import Employer

#: Capabilities by role, as data. Views ask for a capability, never for a role.
CAPABILITIES: dict[Role, frozenset[str]] = {
    Role.SAFETY_OFFICER: frozenset(
        {
            "report_accident",
            "edit_accident",
            "submit_act",
            "file_claim",
            "issue_decision",
            "record_payment",
            "view_dashboards",
            "calculate",
            "view_inspections",
        }
    ),
    Role.INSPECTOR: frozenset(
        {
            "review_act",
            "agree_not_work_related",
            "decide_appeal",
            "view_history",
            "view_dashboards",
            "calculate",
            "cooperate",
            "view_inspections",
        }
    ),
    Role.SOCIAL_FUND: frozenset(
        {"view_capitalisations", "record_fund_payment", "view_dashboards", "calculate"}
    ),
    Role.ADMIN: frozenset(
        {
            "report_accident",
            "edit_accident",
            "submit_act",
            "review_act",
            "agree_not_work_related",
            "decide_appeal",
            "view_history",
            "file_claim",
            "issue_decision",
            "record_payment",
            "view_capitalisations",
            "record_fund_payment",
            "view_dashboards",
            "manage_users",
            "manage_employers",
            "manage_parameters",
            "calculate",
            "cooperate",
            "view_inspections",
        }
    ),
}


def can(user: Any, capability: str) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return capability in CAPABILITIES.get(Role(user.role), frozenset())


F = TypeVar("F", bound=Callable[..., Any])


def requires(capability: str) -> Callable[[F], F]:
    """Deny with 403 a signed-in user whose role lacks ``capability`` (401 when nobody is signed in)."""

    def decorator(view: F) -> F:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                abort(401)
            if not can(current_user, capability):
                abort(403)
            return view(*args, **kwargs)

        wrapper.emgek_capability = capability  # type: ignore[attr-defined]  # the OpenAPI document says it
        return wrapper  # type: ignore[return-value]

    return decorator


def employer_scope(user: Any, employer_id_column: sa.ColumnElement[Any]) -> sa.ColumnElement[bool]:
    """A WHERE clause limiting records with ``employer_id_column`` to what ``user`` may see.

    Safety officers: their own employer only. Inspectors and Social Fund staff
    with a region: employers of that region; without one: the whole country.
    Administrators: everything.
    """
    role = Role(user.role)
    if role is Role.ADMIN:
        return sa.true()
    if role is Role.SAFETY_OFFICER:
        return employer_id_column == user.employer_id
    if user.region:
        return employer_id_column.in_(sa.select(Employer.id).where(Employer.region == user.region))
    return sa.true()


def in_scope(user: Any, employer: Employer) -> bool:
    role = Role(user.role)
    if role is Role.ADMIN:
        return True
    if role is Role.SAFETY_OFFICER:
        return employer.id == user.employer_id
    return not user.region or employer.region == user.region
