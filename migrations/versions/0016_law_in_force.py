"""The law in force (issue 16): parameter rows people keep current; decisions keep the rows they used

``parameter_row`` holds the rows an administrator adds to the built-in parameter tables (a new
minimum wage, average wage, subsistence minimum, ...), each with its source, status, who and when.
It is append-only in the database too: a correction is a new row naming the one it supersedes.
``decision.parameter_rows`` lists the stored rows a decision was computed with, so that it is
recomputed (statement, monthly run, capitalisation) with those rows only; ``decision.traces`` keeps
its trace in Russian and in Kyrgyz, frozen, for readers of either language.

Stored records of contract version 2: ``employer.budget_sector`` (the fixed sums of Resolution
No. 465), ``claim.late_claim_due_to_employer`` with ``late_claim_ground`` (LC-2004 art. 269 part 3,
LC-2025 art. 228(3)), ``survivor.right_from`` (a dependant's right beginning after the death).

Revision ID: 0016_law_in_force
Revises: 0015_analytics_measures
Create Date: 2026-12-02 01:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import core.db
from core.migration_helpers import append_only, drop_append_only

revision = "0016_law_in_force"
down_revision = "0015_analytics_measures"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "parameter_row",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("key", sa.String(length=20), nullable=False),
        sa.Column("value", sa.String(length=40), nullable=True),
        sa.Column("rule", sa.String(length=40), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("period", sa.String(length=40), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "status IN ('verified', 'unverified', 'unknown')", name=op.f("ck_parameter_row_status_known")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user.id"],
            name=op.f("fk_parameter_row_recorded_by_id_user"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["parameter_row.id"],
            name=op.f("fk_parameter_row_supersedes_id_parameter_row"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parameter_row")),
        sa.UniqueConstraint("supersedes_id", name="uq_parameter_row_supersedes"),
    )
    op.create_index("ix_parameter_row_table_from", "parameter_row", ["table_name", "starts_on"], unique=False)
    append_only("parameter_row")
    op.add_column("decision", sa.Column("parameter_rows", sa.JSON(), nullable=True))
    op.add_column("decision", sa.Column("traces", sa.JSON(), nullable=True))
    op.add_column(
        "employer", sa.Column("budget_sector", sa.Boolean(), server_default=sa.false(), nullable=False)
    )
    op.add_column(
        "claim",
        sa.Column("late_claim_due_to_employer", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column("claim", sa.Column("late_claim_ground", sa.Text(), nullable=True))
    op.add_column("survivor", sa.Column("right_from", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("survivor", schema=None) as batch_op:
        batch_op.drop_column("right_from")
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_column("late_claim_ground")
        batch_op.drop_column("late_claim_due_to_employer")
    with op.batch_alter_table("employer", schema=None) as batch_op:
        batch_op.drop_column("budget_sector")
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.drop_column("traces")
        batch_op.drop_column("parameter_rows")
    drop_append_only("parameter_row")
    op.drop_index("ix_parameter_row_table_from", table_name="parameter_row")
    op.drop_table("parameter_row")
