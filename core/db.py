"""The database: one engine per app, a request-scoped session, and the declarative Base.

Every table is created by Alembic (``flask db upgrade``); ``create_all`` is never
called by the application. Money is stored as whole tyiyn in a BIGINT column and
shown to Python as ``Decimal`` som: exact on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import base64
import contextlib
import json
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import Flask, current_app, g
from sqlalchemy import orm
from sqlalchemy.engine import Dialect

CENT = Decimal("0.01")
BISHKEK = ZoneInfo("Asia/Bishkek")

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Money(sa.types.TypeDecorator[Decimal]):
    """Decimal som in Python, whole tyiyn (BIGINT) in the database."""

    impl = sa.BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        value = Decimal(value)
        if value != value.quantize(CENT):
            raise ValueError(f"{value} has more than two decimals; round it where the rules say first")
        return int(value.scaleb(2))

    def process_result_value(self, value: int | None, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value).scaleb(-2).quantize(CENT)


class Percent(sa.types.TypeDecorator[Decimal]):
    """A percentage with up to two decimals (35.5 %), stored as whole hundredths: exact everywhere."""

    impl = sa.Integer
    cache_ok = True

    def process_bind_param(self, value: Decimal | int | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        value = Decimal(value)
        if value != value.quantize(CENT):
            raise ValueError(f"{value} % has more than two decimals")
        return int(value.scaleb(2))

    def process_result_value(self, value: int | None, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        percent = Decimal(value).scaleb(-2)
        return percent.quantize(Decimal(1)) if percent == percent.to_integral() else percent.normalize()


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp; SQLite forgets the zone, so it is restored on read."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: use core.db.now_utc()")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class _Clock:
    """Where "now" comes from: the system clock, shifted by an offset that only tests set.

    Deadlines, default dates and the checks against "today" all read this one clock, so a test
    pins the day once (``pin_today``) and can never start failing on a later calendar date.
    Time still runs from the pinned moment, so records keep their order.
    """

    offset = timedelta(0)


_clock = _Clock()


def now_utc() -> datetime:
    return datetime.now(UTC) + _clock.offset


def today_bishkek() -> date:
    """The legal "today": deadlines in the Kyrgyz Republic run on Bishkek time."""
    return now_utc().astimezone(BISHKEK).date()


def pin_today(day: date | None) -> None:
    """Make ``day`` (at noon, Bishkek) the clock's today; ``None`` returns to the system clock."""
    if day is None:
        _clock.offset = timedelta(0)
        return
    noon = datetime.combine(day, time(12), tzinfo=BISHKEK)
    _clock.offset = noon - datetime.now(UTC)


def fold(text: str | None) -> str:
    """Text as searches compare it: case-folded in Python, since SQLite's lower() folds ASCII only
    and PostgreSQL's depends on the cluster's locale (under "C", ASCII only too)."""
    return (text or "").casefold()


def keep_folded(model: type[Any], column: str, *sources: str) -> None:
    """Keep ``model.column`` the folded text of ``sources`` on every insert and update, whichever
    service wrote the record, so a search by any part of a name in any case finds it on both databases."""

    def fill(_mapper: Any, _connection: Any, target: Any) -> None:
        setattr(target, column, " ".join(fold(getattr(target, name)) for name in sources))

    sa.event.listen(model, "before_insert", fill)
    sa.event.listen(model, "before_update", fill)


class Timestamped:
    """``created_at`` and ``updated_at`` (UTC) on every record: what another system follows changes by.

    Set by the application's clock (``now_utc``, which tests pin) on insert and on every update through
    the ORM; the database fills them too for a row inserted without them (``now()`` on PostgreSQL; on
    SQLite, whose ALTER TABLE cannot add such a default, the 0018 migration's time). A service that
    sets ``updated_at`` itself (an act's transition) keeps its value.
    """

    created_at: orm.Mapped[datetime] = orm.mapped_column(
        UTCDateTime(), default=now_utc, server_default=sa.func.now()
    )
    updated_at: orm.Mapped[datetime] = orm.mapped_column(
        UTCDateTime(), default=now_utc, onupdate=now_utc, server_default=sa.func.now(), index=True
    )


class Base(orm.DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {Decimal: Money, datetime: UTCDateTime}


@sa.event.listens_for(Base, "before_insert", propagate=True)
def _stamp_new_record(_mapper: Any, _connection: Any, target: Any) -> None:
    """A new record was created and last changed at one moment (two clock reads would differ)."""
    if isinstance(target, Timestamped):
        moment = target.created_at or target.updated_at or now_utc()
        target.created_at = target.created_at or moment
        target.updated_at = target.updated_at or moment


def make_engine(url: str, echo: bool = False) -> sa.Engine:
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgres://")
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    kwargs: dict[str, Any] = {"echo": echo, "future": True}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
    else:
        kwargs["pool_pre_ping"] = True
    engine = sa.create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    return engine


#: Set on every SQLite connection (README, Configuration: SQLite). WAL lets readers go on while one
#: writer writes (the default journal blocks every reader); a writer waits up to busy_timeout ms for
#: another instead of failing at once with "database is locked"; synchronous=NORMAL is durable across a
#: crash of the service in WAL mode (only a power loss may lose the last transactions) and spares an
#: fsync a commit; SQLite checks foreign keys only when asked, on each connection.
SQLITE_PRAGMAS = {"journal_mode": "WAL", "busy_timeout": 30000, "foreign_keys": "ON", "synchronous": "NORMAL"}


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    for name, value in SQLITE_PRAGMAS.items():
        cursor.execute(f"PRAGMA {name}={value}")
    cursor.close()


def init_app(app: Flask) -> None:
    app.extensions["emgek.engine"] = make_engine(
        app.config["DATABASE_URL"], app.config.get("SQL_ECHO", False)
    )

    @app.teardown_appcontext
    def _close_session(_exc: BaseException | None) -> None:
        s = g.pop("_emgek_session", None)
        if s is not None:
            s.close()


def engine() -> sa.Engine:
    return current_app.extensions["emgek.engine"]


def session() -> orm.Session:
    """The session of the current app context (a request, a CLI command, a test)."""
    s = g.get("_emgek_session")
    if s is None:
        s = orm.Session(bind=engine(), expire_on_commit=False)
        g._emgek_session = s
    return s


@sa.event.listens_for(orm.Session, "before_flush")
def _refuse_nul_characters(s: orm.Session, _context: Any, _instances: Any) -> None:
    """No text with a NUL character reaches the database, whatever path it came by.

    PostgreSQL refuses it in text columns (SQLite stores it), so without this check such input would
    be a 500 on one database and silently kept on the other. The error names the column, which is the
    field the forms and the API use.
    """
    for record in (*s.new, *s.dirty):
        loaded = sa.inspect(record).dict  # only what is loaded: never a lazy load inside a flush
        for column in sa.inspect(record).mapper.column_attrs:
            value = loaded.get(column.key)
            if isinstance(value, str) and "\x00" in value:
                from flask_babel import gettext as _

                from core.errors import FormErrors

                raise FormErrors({column.key: [_("Text cannot contain the NUL character.")]})


@contextlib.contextmanager
def transaction() -> Iterator[orm.Session]:
    """One unit of work: commit on success, roll back on any error, so nothing is half-saved."""
    s = session()
    try:
        yield s
        s.commit()
    except BaseException:
        s.rollback()
        raise


T = TypeVar("T")

#: How every list of the API may be ordered: by id, creation or last change, ascending or (``-``)
#: descending; ties are broken by id in the same direction, so the order is total and stable.
SORTS = ("id", "-id", "created_at", "-created_at", "updated_at", "-updated_at")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: every list in Emgek pages, in the database.

    ``next_cursor`` is where the next page starts when the list was read by cursor (``None`` at the end
    or when it was read by page number)."""

    items: Sequence[T]
    page: int
    per_page: int
    total: int
    next_cursor: str | None = None

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def encode_cursor(sort: str, key: Any, record_id: int) -> str:
    """An opaque position in a list: the sort it was read by and the last record's sort key and id."""
    value = key.astimezone(UTC).isoformat() if isinstance(key, datetime) else key
    text = json.dumps({"s": sort, "k": value, "i": record_id}, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> dict[str, Any]:
    """The position a cursor names; ``ValueError`` when it is not one this service made."""
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        sort, key, record_id = data["s"], data["k"], data["i"]
    except (ValueError, TypeError, KeyError, UnicodeDecodeError) as exc:
        raise ValueError("not a cursor") from exc
    if sort not in SORTS or not isinstance(record_id, int) or isinstance(record_id, bool):
        raise ValueError("not a cursor")
    if sort.lstrip("-") == "id":
        key = record_id
    elif not isinstance(key, str):
        raise ValueError("not a cursor")
    else:
        key = datetime.fromisoformat(key)
        if key.tzinfo is None:
            raise ValueError("not a cursor")
    return {"sort": sort, "key": key, "id": record_id}


def _listed(stmt: sa.Select[Any]) -> Any:
    entity = stmt.column_descriptions[0].get("entity")
    if entity is None or not issubclass(entity, Timestamped):
        raise TypeError(f"a list of the API lists records with timestamps, not {entity}")
    return entity


def _sorted(stmt: sa.Select[Any], entity: Any, sort: str) -> tuple[sa.Select[Any], Any]:
    column = getattr(entity, sort.lstrip("-"))
    if sort.startswith("-"):
        return stmt.order_by(None).order_by(column.desc(), entity.id.desc()), column
    return stmt.order_by(None).order_by(column.asc(), entity.id.asc()), column


def paginate(
    s: orm.Session,
    stmt: sa.Select[Any],
    page: int,
    per_page: int,
    rows: bool = False,
    listing: Mapping[str, Any] | None = None,
) -> Page[Any]:
    """Count and slice in SQL; the ORDER BY of ``stmt`` makes pages stable.

    ``rows=True`` keeps every selected column: a record with its aggregates, or plain columns (a list
    read without ORM objects, which must then select the record's ``id`` and its sort keys by name).

    ``listing`` holds what every list of the API accepts (core.api.ListArgs): ``updated_since`` (records
    changed at or after it), ``sort`` (one of :data:`SORTS`, replacing the list's own order) and, to
    read a long list while it changes, ``limit`` with the ``cursor`` of the previous page: keyset
    paging, so a record added or changed between pages is neither skipped nor repeated by the shift
    an offset would make. The records listed are those of ``stmt``, so its scope holds on every page.
    """
    listing = listing or {}
    if listing.get("updated_since") or listing.get("sort") or "limit" in listing or listing.get("cursor"):
        entity = _listed(stmt)
        if listing.get("updated_since"):
            stmt = stmt.where(entity.updated_at >= listing["updated_since"])
        if "limit" in listing or listing.get("cursor"):
            return _by_cursor(s, stmt, entity, listing, rows)
        if listing.get("sort"):
            stmt = _sorted(stmt, entity, listing["sort"])[0]
    # A page past the last is empty; past 10**9 it is still empty, not an OFFSET overflowing 64 bits.
    page = max(1, min(page, 10**9))
    per_page = max(1, min(per_page, 200))
    total = _count(s, stmt)
    sliced = stmt.limit(per_page).offset((page - 1) * per_page)
    items = s.execute(sliced).all() if rows else s.scalars(sliced).all()
    return Page(items=items, page=page, per_page=per_page, total=total)


def _count(s: orm.Session, stmt: sa.Select[Any]) -> int:
    return s.scalar(sa.select(sa.func.count()).select_from(stmt.order_by(None).subquery())) or 0


def _by_cursor(
    s: orm.Session, stmt: sa.Select[Any], entity: Any, listing: Mapping[str, Any], rows: bool
) -> Page[Any]:
    from flask_babel import gettext as _

    from core.errors import FormErrors

    cursor = listing.get("cursor")
    sort = listing.get("sort") or (cursor["sort"] if cursor else "id")
    limit = max(1, min(int(listing.get("limit") or 25), 200))
    total = _count(s, stmt)
    stmt, column = _sorted(stmt, entity, sort)
    if cursor:
        if cursor["sort"] != sort:
            raise FormErrors({"cursor": [_("This cursor belongs to another order of the list.")]})
        after = (column < cursor["key"]) if sort.startswith("-") else (column > cursor["key"])
        tie = (entity.id < cursor["id"]) if sort.startswith("-") else (entity.id > cursor["id"])
        stmt = stmt.where(tie if sort.lstrip("-") == "id" else after | ((column == cursor["key"]) & tie))
    found = s.execute(stmt.limit(limit + 1)).all() if rows else s.scalars(stmt.limit(limit + 1)).all()
    items, more = found[:limit], len(found) > limit
    next_cursor = None
    if more:
        last = items[-1]
        if rows and isinstance(last[0], entity):
            last = last[0]  # a record with its aggregates; plain columns name their own id and key
        next_cursor = encode_cursor(sort, getattr(last, sort.lstrip("-")), last.id)
    return Page(items=items, page=1, per_page=limit, total=total, next_cursor=next_cursor)
