"""idempotent requests: a create sent again with the same Idempotency-Key returns the first answer

Revision ID: 0008_idempotency
Revises: 0007_name_search
Create Date: 2026-12-01 22:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import core.db

revision = "0008_idempotency"
down_revision = "0007_name_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "idempotent_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("path", sa.String(length=500), nullable=False),
        sa.Column("body_sha256", sa.String(length=64), nullable=False),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("response", sa.Text(), nullable=True),
        sa.Column("created_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_idempotent_request_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotent_request")),
        sa.UniqueConstraint("user_id", "key", name="uq_idempotent_request_key"),
    )
    with op.batch_alter_table("idempotent_request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_idempotent_request_created_at"), ["created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("idempotent_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_idempotent_request_created_at"))
    op.drop_table("idempotent_request")
