"""victims: a trigram index on PostgreSQL, so a search by any part of a name does not read every name

pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it, as managed
services allow. On a million victims a name search went from a scan of every name (~170 ms) to an
index lookup (bench/scale.py). SQLite has no such index; it serves one employer or a demo.

Revision ID: 0005_victim_name_trigrams
Revises: 0004_accident_dashboard_index
Create Date: 2026-11-25 04:35:00
"""

from __future__ import annotations

from alembic import op

revision = "0005_victim_name_trigrams"
down_revision = "0004_accident_dashboard_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_index(
        "ix_victim_name_search_trgm",
        "victim",
        ["name_search"],
        postgresql_using="gin",
        postgresql_ops={"name_search": "gin_trgm_ops"},
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_victim_name_search_trgm", table_name="victim")
