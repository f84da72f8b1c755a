"""The data version: a token in the database that every committed write changes, and a per-process
cache of figures keyed by it.

The dashboard's figures (a dozen aggregate queries and a few DataFrames) and its SVG charts are the same
for every request until a record they read changes. A worker keeps them in memory keyed by the
*data version* read from the database (one indexed row, one cheap query), so an entry is never served
after a write, by any gunicorn worker or any other process on the same database: every ORM session that
writes sets a new random token in the same transaction as its write (a rolled-back write leaves the
token alone). A random token, not a counter, so a restored backup or an emptied test database can never
bring back a value an older entry was stored under for other data. Entries also expire after
``MAX_AGE_SECONDS``: some figures depend on the clock (a notice becomes overdue at its moment), not
only on writes.

Writes that do not go through an ORM session (Alembic migrations, ``flask restore`` on a raw
connection) do not change the token; the age limit bounds what a cache can show after them.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import datetime, timedelta
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import orm
from sqlalchemy.dialects import postgresql, sqlite

from core.db import Base, now_utc

#: How long a cached entry is served at most, whatever the writes.
MAX_AGE_SECONDS = 60
#: Entries kept per cache (a viewer's scope x filters x language each take one).
MAX_ENTRIES = 512
_WROTE = "emgek_data_written"

T = TypeVar("T")


class DataVersion(Base):
    """One row (id 1): the token of the last committed write through an ORM session."""

    __tablename__ = "data_version"

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True, autoincrement=False)
    token: orm.Mapped[str] = orm.mapped_column(sa.String(32))


def current(s: orm.Session) -> str:
    """The token of the database's data as this session sees it ("" before the first write)."""
    return s.scalar(sa.select(DataVersion.token).where(DataVersion.id == 1)) or ""


def _bump(s: orm.Session) -> None:
    values = {"id": 1, "token": secrets.token_hex(16)}
    dialect = s.get_bind().dialect.name
    insert: Any = (postgresql if dialect == "postgresql" else sqlite).insert(DataVersion)
    s.execute(
        insert.values(values).on_conflict_do_update(index_elements=["id"], set_={"token": values["token"]})
    )


@sa.event.listens_for(orm.Session, "before_flush")
def _flushing(s: orm.Session, _context: Any, _instances: Any) -> None:
    if s.new or s.dirty or s.deleted:
        s.info[_WROTE] = True


@sa.event.listens_for(orm.Session, "do_orm_execute")
def _executing(state: orm.ORMExecuteState) -> None:
    """Bulk statements through the session (``sa.update(Model)``, ``sa.delete``, ``sa.insert``) write too."""
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[_WROTE] = True


@sa.event.listens_for(orm.Session, "before_commit")
def _committing(s: orm.Session) -> None:
    # Objects added but not yet flushed are flushed after this hook: they count as a write already.
    if s.info.pop(_WROTE, False) or s.new or s.dirty or s.deleted:
        _bump(s)
        s.info.pop(_WROTE, None)


@sa.event.listens_for(orm.Session, "after_rollback")
def _rolled_back(s: orm.Session) -> None:
    s.info.pop(_WROTE, None)


class Cache:
    """A small per-process LRU of values computed from the database, valid for one data version.

    Thread-safe (gunicorn's threads share it); two threads missing the same key at once both compute
    it, which is harmless: the values are the same.
    """

    def __init__(self, max_entries: int = MAX_ENTRIES, max_age_seconds: int = MAX_AGE_SECONDS) -> None:
        self._entries: OrderedDict[Hashable, tuple[datetime, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._max_entries = max_entries
        self._max_age = timedelta(seconds=max_age_seconds)

    def get(self, s: orm.Session, key: Hashable, compute: Callable[[], T]) -> T:
        """The value of ``key`` at the database's current data version, computed at most once per version."""
        full = (current(s), key)
        now = now_utc()
        with self._lock:
            hit = self._entries.get(full)
            if hit is not None and timedelta(0) <= now - hit[0] <= self._max_age:
                self._entries.move_to_end(full)
                return hit[1]  # type: ignore[no-any-return]
        value = compute()
        with self._lock:
            self._entries[full] = (now, value)
            self._entries.move_to_end(full)
            while len(self._entries) > self._max_entries:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
