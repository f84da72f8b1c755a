"""National denominators: employment by GKED section x region x year (and sex), with its source;
women among an employer's headcount where the employer reports it

Revision ID: 0021_denominators
Revises: 0020_data_version
Create Date: 2026-12-02 04:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import core.db

revision = "0021_denominators"
down_revision = "0020_data_version"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "national_employment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("sector", sa.String(length=2), nullable=False),
        sa.Column("region", sa.String(length=20), nullable=False),
        sa.Column("sex", sa.String(length=6), nullable=False),
        sa.Column("employment", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("source_date", sa.Date(), nullable=False),
        sa.Column(
            "created_at", core.db.UTCDateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", core.db.UTCDateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("employment >= 0", name=op.f("ck_national_employment_employment_not_negative")),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user.id"],
            name=op.f("fk_national_employment_created_by_id_user"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_national_employment")),
        sa.UniqueConstraint("year", "sector", "region", "sex", name="uq_national_employment_cell"),
    )
    op.create_index(
        op.f("ix_national_employment_updated_at"), "national_employment", ["updated_at"], unique=False
    )
    with op.batch_alter_table("employer_headcount", schema=None) as batch_op:
        batch_op.add_column(sa.Column("women", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            op.f("ck_employer_headcount_women_within_headcount"), "women >= 0 AND women <= headcount"
        )


def downgrade() -> None:
    with op.batch_alter_table("employer_headcount", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_employer_headcount_women_within_headcount"), type_="check")
        batch_op.drop_column("women")
    op.drop_index(op.f("ix_national_employment_updated_at"), table_name="national_employment")
    op.drop_table("national_employment")
