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
