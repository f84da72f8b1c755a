"""payment: a payment may apply to the art. 269 penalties (``applies_to`` penalty); fund_transfer: the
transfers of a capitalised sum to the Social Fund, each with its amount (a transfer may be partial)

The check on ``payment.applies_to`` allowed monthly payments and one-off benefits only, so a
penalty paid could not be recorded. On SQLite the batch migration rebuilds the table, which drops
its triggers: the voidable-only guard is dropped first and put back after, on both databases.

Each capitalised sum recorded as transferred before has one transfer of its whole amount, on its
day and with its reference, so that what the Fund received is the sum of the transfers everywhere.

Revision ID: 0019_penalty_transfer
Revises: 0018_timestamps
Create Date: 2026-12-02 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import core.db
from core.migration_helpers import append_only, drop_append_only, drop_voidable_only, voidable_only

revision = "0019_penalty_transfer"
down_revision = "0018_timestamps"
branch_labels = None
depends_on = None

VOID_COLUMNS = ("voided_at", "voided_by_id", "void_reason", "superseded_by_id")


def _applies_to(allowed: str) -> None:
    drop_voidable_only("payment")
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_payment_applies_to_known"), type_="check")
        batch_op.create_check_constraint("applies_to_known", f"applies_to IN ({allowed})")
    voidable_only("payment", VOID_COLUMNS, touched=("updated_at",))  # a void also stamps updated_at (0018)


def upgrade() -> None:
    _applies_to("'periodic', 'one_off', 'penalty'")
    op.create_table(
        "fund_transfer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("capitalisation_id", sa.Integer(), nullable=False),
        sa.Column("transferred_on", sa.Date(), nullable=False),
        sa.Column("amount", core.db.Money(), nullable=False),
        sa.Column("reference", sa.String(length=120), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column(
            "created_at", core.db.UTCDateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", core.db.UTCDateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.CheckConstraint("amount > 0", name=op.f("ck_fund_transfer_amount_positive")),
        sa.ForeignKeyConstraint(
            ["capitalisation_id"],
            ["capitalisation.id"],
            name=op.f("fk_fund_transfer_capitalisation_id_capitalisation"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user.id"],
            name=op.f("fk_fund_transfer_recorded_by_id_user"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fund_transfer")),
    )
    with op.batch_alter_table("fund_transfer", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_fund_transfer_capitalisation_id"), ["capitalisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_fund_transfer_updated_at"), ["updated_at"], unique=False)
    op.execute(
        "INSERT INTO fund_transfer (capitalisation_id, transferred_on, amount, reference, recorded_at) "
        "SELECT id, transferred_on, amount, transfer_reference, CURRENT_TIMESTAMP FROM capitalisation "
        "WHERE transferred_on IS NOT NULL"
    )
    append_only("fund_transfer")


def downgrade() -> None:
    drop_append_only("fund_transfer")
    with op.batch_alter_table("fund_transfer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fund_transfer_updated_at"))
        batch_op.drop_index(batch_op.f("ix_fund_transfer_capitalisation_id"))
    op.drop_table("fund_transfer")
    _applies_to("'periodic', 'one_off'")
