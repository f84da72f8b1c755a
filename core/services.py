"""What every feature's services check first: the role's capability and the version the user read."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import orm

from core import db
from core.auth.permissions import can, employer_scope
from core.employers import Employer
from core.errors import Conflict, Forbidden


def require(user: Any, capability: str) -> None:
    """Refuse (403) a user whose role lacks ``capability``: services check it, whatever door was used."""
    if not can(user, capability):
        raise Forbidden()


def check_version(record: Any, version: int | None) -> None:
    """Refuse (409) a change made from a stale read of ``record`` (optimistic locking)."""
    if version is not None and version != record.version:
        raise Conflict()


T = TypeVar("T")


def find(getter: Callable[[orm.Session, Any, int], T], user: Any, record_id: int) -> T:
    """A feature's scoped getter in the request's session: the record, or 404 when it is out of the user's
    sight. A page checks this before it reads a form, so the view itself opens no session."""
    return getter(db.session(), user, record_id)


S = TypeVar("S", bound=sa.Select)


def where_equal(stmt: S, filters: Mapping[str, Any], columns: Mapping[str, Any]) -> S:
    """``stmt`` narrowed to the rows whose column equals each filter given (an empty filter narrows
    nothing): the "by status, by employer, by region" of every list, written once."""
    for name, column in columns.items():
        if filters.get(name):
            stmt = stmt.where(column == filters[name])
    return stmt


def employers_in_scope(user: Any) -> list[Employer]:
    """The employers the user may see, by name: the employer filter and choice of every page."""
    stmt = sa.select(Employer).where(employer_scope(user, Employer.id)).order_by(Employer.name)
    return list(db.session().scalars(stmt))


def employer_choices(user: Any) -> list[tuple[int, str]]:
    """:func:`employers_in_scope` as a form's choice list (id, name)."""
    return [(e.id, e.name) for e in employers_in_scope(user)]
