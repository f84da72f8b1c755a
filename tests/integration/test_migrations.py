"""The Alembic migrations are the schema: they match the models exactly and run down and up again."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from core import cli, db
from core.migration_helpers import for_dialect
from core.models import import_all


def test_the_migrated_schema_matches_the_models(app):
    with app.app_context(), db.engine().connect() as connection:
        options = {"compare_type": True, "include_object": for_dialect(connection.dialect.name)}
        context = MigrationContext.configure(connection, opts=options)
        differences = compare_metadata(context, import_all().metadata)

    assert differences == []


def test_the_migrations_downgrade_to_nothing_and_upgrade_again(app, database_url):
    if not database_url.startswith("sqlite"):
        pytest.skip("run on a throwaway SQLite copy; the PostgreSQL schema is shared by the session")
    with app.app_context():
        config = cli.alembic_config()
        with db.engine().begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        with db.engine().connect() as connection:
            remaining = connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type='table' AND name != 'alembic_version'"
            ).all()
        assert remaining == []
        cli.upgrade()
        with db.engine().connect() as connection:
            options = {"compare_type": True, "include_object": for_dialect(connection.dialect.name)}
            context = MigrationContext.configure(connection, opts=options)
            assert compare_metadata(context, import_all().metadata) == []


def test_the_timestamps_migration_fills_existing_records_from_what_is_known_and_runs_down_and_up(
    app, make_user, make_accident
):
    """0018 (issue 13) on records made before it: each gets the first and last time the audit log or
    the record itself knows (a victim, never audited alone, its accident's), and the history stays
    append-only. Down to 0017 and up again on either database."""
    import sqlalchemy as sa

    from accidents.models import Accident, Victim
    from core.audit import AuditEntry

    ids = make_accident(make_user())
    with app.app_context():
        s = db.session()
        accident = s.get(Accident, ids["accident"])
        made, first_entry = accident.created_at, s.scalars(sa.select(AuditEntry)).first()
        entry_id, entry_at = first_entry.id, first_entry.at
        s.close()
        config = cli.alembic_config()
        try:
            with db.engine().begin() as connection:
                config.attributes["connection"] = connection
                command.downgrade(config, "0017_api_tokens")
                columns = {c["name"] for c in sa.inspect(connection).get_columns("victim")}
                assert "created_at" not in columns
        finally:
            cli.upgrade()
        s = db.session()
        victim = s.get(Victim, ids["victims"][0])
        entry = s.get(AuditEntry, entry_id)

        assert (victim.created_at, victim.updated_at) == (made, made)
        assert (entry.created_at, entry.updated_at) == (entry_at, entry_at)
        with pytest.raises(sa.exc.DatabaseError), db.engine().begin() as connection:
            connection.execute(sa.text("UPDATE audit_entry SET remark = 'rewritten'"))
        with db.engine().connect() as connection:
            options = {"compare_type": True, "include_object": for_dialect(connection.dialect.name)}
            context = MigrationContext.configure(connection, opts=options)
            assert compare_metadata(context, import_all().metadata) == []
