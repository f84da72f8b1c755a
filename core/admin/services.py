"""Administration use cases: accounts and the employer registry, one transaction each, all audited.

Reads apply the reader's scope in the query (design.md: a record outside the
scope is simply not found); writes are for administrators and are checked by
the views' capability. Every create and update appends an audit entry with the
values before and after, inside the same transaction as the change.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy import orm
from werkzeug.exceptions import NotFound

from core import audit, db
from core.auth import services as auth_services
from core.auth.models import User
from core.auth.permissions import employer_scope
from core.classifiers import EmployerStatus, Region
from core.db import Page
from core.employers import Employer, EmployerHeadcount
from core.errors import Conflict, FormErrors
from core.services import where_equal

#: The columns of an employer that the audit log follows.
EMPLOYER_FIELDS = [
    "name",
    "inn",
    "okpo",
    "sector",
    "region",
    "address",
    "status",
    "liquidation_started_on",
    "liquidated_on",
    "budget_sector",
    "successor_id",
]


# --- accounts ---------------------------------------------------------------------------------------


def list_users(filters: dict[str, Any]) -> Page[User]:
    """Accounts matching the filters, by name; ``q`` searches the name and the e-mail."""
    stmt = sa.select(User).options(orm.joinedload(User.employer)).order_by(User.full_name, User.id)
    stmt = where_equal(stmt, filters, {"role": User.role, "employer_id": User.employer_id})
    if filters.get("employer_inn"):
        by_inn = sa.select(Employer.id).where(Employer.inn == filters["employer_inn"])
        stmt = stmt.where(User.employer_id.in_(by_inn))
    if filters.get("active") is not None:
        stmt = stmt.where(User.active == filters["active"])
    if filters.get("q"):
        stmt = stmt.where(User.name_search.contains(db.fold(filters["q"].strip()), autoescape=True))
    return db.paginate(
        db.session(), stmt, filters.get("page", 1), filters.get("per_page", 25), listing=filters
    )


def get_user(user_id: int) -> User:
    user = db.session().get(User, user_id)
    if user is None:
        raise NotFound()
    return user


def _employer_id_by_inn(data: dict[str, Any]) -> None:
    """The HTML form names the employer by INN; the account stores its id."""
    if "employer_inn" not in data:
        return
    inn = data.pop("employer_inn")
    data["employer_id"] = None
    if inn:
        employer_id = db.session().scalar(sa.select(Employer.id).where(Employer.inn == inn))
        if employer_id is None:
            raise FormErrors({"employer_inn": [_("No employer with this INN is registered.")]})
        data["employer_id"] = employer_id


@contextlib.contextmanager
def _employer_named_by_inn(data: dict[str, Any]) -> Iterator[None]:
    """Errors about the employer name the field the form has: its INN rather than its id."""
    by_inn = "employer_inn" in data
    _employer_id_by_inn(data)
    try:
        yield
    except FormErrors as exc:
        if by_inn and "employer_id" in exc.errors:
            exc.errors["employer_inn"] = exc.errors.pop("employer_id")
        raise


def create_user(actor: Any, data: dict[str, Any]) -> User:
    """A new account, its password hashed (never stored or logged in clear)."""
    data = dict(data)
    with _employer_named_by_inn(data):
        return auth_services.create_user(actor, data)


def update_user(actor: Any, user_id: int, data: dict[str, Any]) -> User:
    """An edited account; ``data["version"]`` is the version the editor read (409 when stale)."""
    get_user(user_id)
    data = dict(data)
    version = data.pop("version")
    with _employer_named_by_inn(data):
        return auth_services.update_user(actor, user_id, data, version=version)


# --- employers -------------------------------------------------------------------------------------


def list_employers(actor: Any, filters: dict[str, Any]) -> Page[Employer]:
    """Employers in the actor's scope matching the filters, by name; ``q`` matches the name or INN."""
    stmt = (
        sa.select(Employer)
        .where(employer_scope(actor, Employer.id))
        .options(orm.selectinload(Employer.headcounts))
        .order_by(Employer.name, Employer.id)
    )
    for name in ("region", "sector", "status"):
        if filters.get(name):
            stmt = stmt.where(getattr(Employer, name) == filters[name])
    if filters.get("q"):
        text = filters["q"].strip()
        condition = Employer.name_search.contains(db.fold(text), autoescape=True)
        if text.isdigit():
            condition = sa.or_(condition, Employer.inn.startswith(text))
        stmt = stmt.where(condition)
    return db.paginate(
        db.session(), stmt, filters.get("page", 1), filters.get("per_page", 25), listing=filters
    )


def get_employer(actor: Any, employer_id: int) -> Employer:
    """The employer if it is in the actor's scope; otherwise 404, as if it did not exist."""
    stmt = sa.select(Employer).where(Employer.id == employer_id, employer_scope(actor, Employer.id))
    employer = db.session().scalar(stmt)
    if employer is None:
        raise NotFound()
    return employer


def employer_history(actor: Any, employer_id: int) -> list[audit.AuditEntry]:
    """Every audit entry of the employer, oldest first (within the actor's scope)."""
    get_employer(actor, employer_id)
    return audit.history(db.session(), "employer", employer_id)


def user_history(user_id: int) -> list[audit.AuditEntry]:
    get_user(user_id)
    return audit.history(db.session(), "user", user_id)


def history_page(
    entity: str, entity_id: int, page: int, per_page: int, listing: Mapping[str, Any] | None = None
) -> Page[audit.AuditEntry]:
    """A page of a record's audit entries, oldest first; the caller has checked the record's scope."""
    stmt = (
        sa.select(audit.AuditEntry)
        .where(audit.AuditEntry.entity == entity, audit.AuditEntry.entity_id == entity_id)
        .order_by(audit.AuditEntry.at, audit.AuditEntry.id)
    )
    return db.paginate(db.session(), stmt, page, per_page, listing=listing)


def employer_by_inn(inn: str) -> Employer | None:
    return db.session().scalar(sa.select(Employer).where(Employer.inn == inn))


def _successor_id_by_inn(data: dict[str, Any]) -> None:
    if "successor_inn" not in data:
        return
    inn = data.pop("successor_inn")
    data["successor_id"] = None
    if inn:
        successor = employer_by_inn(inn)
        if successor is None:
            raise FormErrors({"successor_inn": [_("No employer with this INN is registered.")]})
        data["successor_id"] = successor.id


def _check_unique_inn(s: orm.Session, inn: str, employer_id: int | None) -> None:
    stmt = sa.select(Employer.id).where(Employer.inn == inn)
    if employer_id is not None:
        stmt = stmt.where(Employer.id != employer_id)
    if s.scalar(stmt) is not None:
        raise FormErrors({"inn": [_("Another employer has this INN.")]})


def _check_successor(s: orm.Session, employer: Employer, successor_id: int | None, field: str) -> None:
    """Art. 255: the successor is another registered employer, still existing, and not a circle back."""
    if successor_id is None or successor_id == employer.successor_id:
        return
    if successor_id == employer.id:
        raise FormErrors({field: [_("An employer cannot be its own successor.")]})
    successor = s.get(Employer, successor_id)
    if successor is None:
        raise FormErrors({field: [_("There is no such employer.")]})
    if successor.status == EmployerStatus.LIQUIDATED:
        raise FormErrors({field: [_("The successor is itself liquidated.")]})
    current: Employer | None = successor
    seen: set[int] = set()
    while current is not None and current.successor_id is not None and current.id not in seen:
        if current.successor_id == employer.id:
            raise FormErrors({field: [_("This successor leads back to the employer itself.")]})
        seen.add(current.id)
        current = s.get(Employer, current.successor_id)


def _assign(employer: Employer, data: dict[str, Any]) -> None:
    employer.name = data["name"].strip()
    employer.inn = data["inn"]
    employer.okpo = data.get("okpo") or None
    employer.sector = data["sector"]
    employer.region = Region(data["region"])
    employer.address = (data.get("address") or "").strip() or None
    employer.status = EmployerStatus(data.get("status") or EmployerStatus.ACTIVE)
    employer.liquidation_started_on = data.get("liquidation_started_on")
    employer.liquidated_on = data.get("liquidated_on")
    employer.successor_id = data.get("successor_id")
    employer.budget_sector = bool(data.get("budget_sector"))


def _headcount_snapshot(employer: Employer) -> dict[str, Any]:
    """Headcount rows as flat audit keys (``headcount.2024.hours_worked``): the history shows each figure."""
    snapshot: dict[str, Any] = {}
    for row in employer.headcounts:
        snapshot[f"headcount.{row.year}.headcount"] = row.headcount
        snapshot[f"headcount.{row.year}.hours_worked"] = row.hours_worked
        if row.women is not None:
            snapshot[f"headcount.{row.year}.women"] = row.women
    return snapshot


def _put_headcounts(employer: Employer, rows: list[dict[str, Any]], whole: bool = False) -> bool:
    """Add or replace the rows of the years given; other years stay, unless ``rows`` is the ``whole``
    list (the API's PUT), which replaces them. True when anything changed."""
    by_year = {row.year: row for row in employer.headcounts}
    changed = False
    if whole:
        listed = {values["year"] for values in rows}
        for year, row in by_year.items():
            if year not in listed:
                employer.headcounts.remove(row)
                changed = True
    for values in rows:
        row = by_year.get(values["year"])
        if row is None:
            row = EmployerHeadcount(year=values["year"], headcount=0)
            employer.headcounts.append(row)
            changed = True
        figures = (values["headcount"], values.get("hours_worked"), values.get("women"))
        if (row.headcount, row.hours_worked, row.women) != figures:
            row.headcount, row.hours_worked, row.women = figures
            changed = True
    if changed:
        employer.headcounts.sort(key=lambda r: r.year)
    return changed


def _touch(employer: Employer) -> None:
    """Make the next flush UPDATE the employer row, so its version moves on.

    Headcount rows live in their own table; without this, two administrators
    could overwrite each other's figures for the same year unnoticed.
    """
    orm.attributes.flag_modified(employer, "name")


def _snapshot(employer: Employer) -> dict[str, Any]:
    return {**audit.snapshot(employer, EMPLOYER_FIELDS), **_headcount_snapshot(employer)}


def _flush_unique(s: orm.Session) -> None:
    """Two administrators registering the same INN at once: the database decides, the loser gets 422."""
    try:
        s.flush()
    except sa.exc.IntegrityError as exc:
        raise FormErrors({"inn": [_("Another employer has this INN.")]}) from exc


def create_employer(actor: Any, data: dict[str, Any]) -> Employer:
    """Register an employer (with headcount rows, if given); audited as a create."""
    data = dict(data)
    successor_field = _successor_field(data)
    with db.transaction() as s:
        _successor_id_by_inn(data)
        _check_unique_inn(s, data["inn"], None)
        employer = Employer()
        _check_successor(s, employer, data.get("successor_id"), successor_field)
        _assign(employer, data)
        s.add(employer)
        _put_headcounts(employer, data.get("headcounts") or [])
        _flush_unique(s)
        audit.record(s, actor, "create", employer, after=_snapshot(employer))
    return employer


def _successor_field(data: dict[str, Any]) -> str:
    """The input naming the successor: its INN on the HTML form, its id in the API."""
    return "successor_inn" if "successor_inn" in data else "successor_id"


def update_employer(actor: Any, employer_id: int, data: dict[str, Any]) -> Employer:
    """Edit an employer; ``data["version"]`` is the version the editor read (409 when stale)."""
    data = dict(data)
    successor_field = _successor_field(data)
    with db.transaction() as s:
        employer = get_employer(actor, employer_id)
        if data.pop("version") != employer.version:
            raise Conflict()
        _successor_id_by_inn(data)
        _check_unique_inn(s, data["inn"], employer.id)
        _check_successor(s, employer, data.get("successor_id"), successor_field)
        before = _snapshot(employer)
        _assign(employer, data)
        # The API sends the whole list; the page edits the headcounts in a form of their own.
        if _put_headcounts(employer, data.get("headcounts") or [], whole="headcounts" in data):
            _touch(employer)
        _flush_unique(s)
        after = _snapshot(employer)
        if audit.diff(before, after):
            audit.record(s, actor, "update", employer, before=before, after=after)
    return employer


def save_headcount(actor: Any, employer_id: int, data: dict[str, Any]) -> Employer:
    """Add a year's headcount row or replace it; the employer's version guards concurrent edits."""
    with db.transaction() as s:
        employer = get_employer(actor, employer_id)
        if data["version"] != employer.version:
            raise Conflict()
        before = _snapshot(employer)
        if _put_headcounts(employer, [data]):
            _touch(employer)
            s.flush()
            audit.record(s, actor, "update", employer, before=before, after=_snapshot(employer))
    return employer
