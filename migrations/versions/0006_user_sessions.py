"""users: a session epoch, so signing out and a new password end every open session of the account

Revision ID: 0006_user_sessions
Revises: 0005_victim_name_trigrams
Create Date: 2026-12-01 22:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_user_sessions"
down_revision = "0005_victim_name_trigrams"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("session_epoch", sa.Integer(), server_default=sa.text("0"), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("session_epoch")
