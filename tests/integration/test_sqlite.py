"""The embedded SQLite database is set up for a small office on every connection (README: SQLite):
write-ahead log, a writer that waits for another instead of failing, foreign keys checked, and commits
that survive a crash of the service without an fsync each."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from core import db

pytestmark = pytest.mark.usefixtures("sqlite_only")


@pytest.fixture
def sqlite_only(database_url):
    if not database_url.startswith("sqlite"):
        pytest.skip("the SQLite settings; PostgreSQL has its own server settings")


def _pragma(connection, name):
    return connection.exec_driver_sql(f"PRAGMA {name}").scalar()


def test_every_sqlite_connection_uses_wal_a_busy_timeout_foreign_keys_and_normal_sync(app):
    engine = app.extensions["emgek.engine"]
    with engine.connect() as first, engine.connect() as second:
        for connection in (first, second):
            assert str(_pragma(connection, "journal_mode")).lower() == "wal"
            assert _pragma(connection, "busy_timeout") == 30000
            assert _pragma(connection, "foreign_keys") == 1
            assert _pragma(connection, "synchronous") == 1  # NORMAL


def test_a_reader_is_not_blocked_by_a_write_in_progress(app, make_employer):
    employer = make_employer(name="Читаемое")
    engine = app.extensions["emgek.engine"]
    with engine.connect() as writer, engine.connect() as reader:
        writer.exec_driver_sql("BEGIN IMMEDIATE")
        writer.execute(sa.text("UPDATE employer SET name = 'Пишется' WHERE id = :id"), {"id": employer.id})

        seen = reader.execute(
            sa.text("SELECT name FROM employer WHERE id = :id"), {"id": employer.id}
        ).scalar()

        writer.rollback()
    assert seen == "Читаемое"


def test_a_row_pointing_to_no_parent_is_refused_on_sqlite_too(app, make_user):
    officer = make_user()
    with app.app_context(), pytest.raises(sa.exc.IntegrityError), db.transaction() as s:
        s.execute(sa.text('UPDATE "user" SET employer_id = 999999 WHERE id = :id'), {"id": officer.id})
