"""Operations the migrations share: tables the database itself keeps append-only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import op


def append_only(table: str) -> None:
    """The database refuses UPDATE and DELETE on ``table``: history cannot be rewritten, even by a bug."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION emgek_append_only() RETURNS trigger AS $$ BEGIN "
            "RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql"
        )
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION emgek_append_only()"
        )
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )


def drop_append_only(table: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    else:
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{event}")


def for_dialect(dialect: str) -> Callable[..., bool]:
    """Alembic's ``include_object`` for a database of ``dialect``: objects the models create only on
    another database (``Index(...).ddl_if(dialect=...)``, e.g. PostgreSQL's trigram index) are not
    expected there, so comparing the schema with the models does not ask for them."""

    def include_object(obj: Any, _name: str | None, _type: str, _reflected: bool, _compare_to: Any) -> bool:
        condition = getattr(obj, "_ddl_if", None)
        return condition is None or condition.dialect is None or condition.dialect == dialect

    return include_object


def voidable_only(table: str, void_columns: tuple[str, ...], touched: tuple[str, ...] = ()) -> None:
    """The database refuses DELETE on ``table`` and every UPDATE but a void: each of ``void_columns``
    may be filled once (from empty to a value), every other column stays as it was recorded.

    A mistaken payment is struck out with its reason and linked to its correction (issue 12), so
    plain :func:`append_only` would refuse the void itself; this keeps the same guarantee for all
    that was recorded while letting the void be written. Each of ``touched`` (``updated_at``, which the
    void itself sets) may change with it.
    """
    bind = op.get_bind()
    columns = [c["name"] for c in sa.inspect(bind).get_columns(table)]
    kept = [c for c in columns if c not in void_columns and c not in touched]
    if bind.dialect.name == "postgresql":
        voids = ", ".join(f"'{c}'" for c in (*void_columns, *touched))
        once = " OR ".join(
            f"(OLD.{c} IS NOT NULL AND NEW.{c} IS DISTINCT FROM OLD.{c})" for c in void_columns
        )
        op.execute(
            f"CREATE OR REPLACE FUNCTION emgek_{table}_voidable_only() RETURNS trigger AS $$ BEGIN "
            f"IF TG_OP = 'DELETE' THEN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END IF; "
            f"IF (to_jsonb(NEW) - ARRAY[{voids}]) IS DISTINCT FROM (to_jsonb(OLD) - ARRAY[{voids}]) "
            f"OR {once} THEN RAISE EXCEPTION '% is append-only but for its void', TG_TABLE_NAME; END IF; "
            "RETURN NEW; END; $$ LANGUAGE plpgsql"
        )
        op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION emgek_{table}_voidable_only()"
        )
    else:
        changed = " OR ".join(
            [f"NEW.{c} IS NOT OLD.{c}" for c in kept]
            + [f"(OLD.{c} IS NOT NULL AND NEW.{c} IS NOT OLD.{c})" for c in void_columns]
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} WHEN {changed} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only but for its void'); END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
        )


def drop_voidable_only(table: str) -> None:
    drop_append_only(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP FUNCTION IF EXISTS emgek_{table}_voidable_only()")
