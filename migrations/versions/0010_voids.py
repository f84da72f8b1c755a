"""msec_finding and payment: a void with its reason, and the record that supersedes it (issue 12)

A mistaken MSEC finding or payment is never deleted nor edited: it is voided (when, by whom, why),
kept and shown struck through, left out of every calculation; a correction is a new record the
voided one points to.

Revision ID: 0010_voids
Revises: 0009_cooperation
Create Date: 2026-12-01 23:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import core.db

revision = "0010_voids"
down_revision = "0009_cooperation"
branch_labels = None
depends_on = None

TABLES = ("msec_finding", "payment")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("voided_at", core.db.UTCDateTime(timezone=True), nullable=True))
            batch_op.add_column(sa.Column("voided_by_id", sa.Integer(), nullable=True))
            batch_op.add_column(sa.Column("void_reason", sa.String(length=500), nullable=True))
            batch_op.add_column(sa.Column("superseded_by_id", sa.Integer(), nullable=True))
            batch_op.create_foreign_key(
                f"fk_{table}_voided_by_id_user", "user", ["voided_by_id"], ["id"], ondelete="RESTRICT"
            )
            batch_op.create_foreign_key(
                f"fk_{table}_superseded_by_id_{table}",
                table,
                ["superseded_by_id"],
                ["id"],
                ondelete="RESTRICT",
            )


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(f"fk_{table}_superseded_by_id_{table}", type_="foreignkey")
            batch_op.drop_constraint(f"fk_{table}_voided_by_id_user", type_="foreignkey")
            batch_op.drop_column("superseded_by_id")
            batch_op.drop_column("void_reason")
            batch_op.drop_column("voided_by_id")
            batch_op.drop_column("voided_at")
