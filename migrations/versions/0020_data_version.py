"""The data version: a token every committed write changes (core/data_version.py), so cached
dashboard figures are never served after a write, by any worker

Revision ID: 0020_data_version
Revises: 0019_penalty_transfer
Create Date: 2026-12-02 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020_data_version"
down_revision = "0019_penalty_transfer"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_version")),
    )


def downgrade() -> None:
    op.drop_table("data_version")
