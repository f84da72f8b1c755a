"""Alembic environment: the app hands over its connection (``flask db upgrade``); scripts pass a URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from core.migration_helpers import for_dialect
from core.models import import_all

target_metadata = import_all().metadata
config = context.config


def run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=for_dialect(connection.dialect.name),
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    engine = engine_from_config(
        config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool
    )
    with engine.connect() as conn:
        run(conn)
