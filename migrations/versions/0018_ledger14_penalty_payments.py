"""payment: a payment may apply to the art. 269 penalties (``applies_to`` penalty)

The check on ``payment.applies_to`` allowed monthly payments and one-off benefits only, so a
penalty paid could not be recorded. On SQLite the batch migration rebuilds the table, which drops
its triggers: the voidable-only guard is dropped first and put back after, on both databases.

Revision ID: 0018_ledger14_penalty_payments
Revises: 0017_api_tokens
Create Date: 2026-12-02 05:00:00
"""

from __future__ import annotations

from alembic import op

from core.migration_helpers import drop_voidable_only, voidable_only

revision = "0018_ledger14_penalty_payments"
down_revision = "0017_api_tokens"
branch_labels = None
depends_on = None

VOID_COLUMNS = ("voided_at", "voided_by_id", "void_reason", "superseded_by_id")


def _applies_to(allowed: str) -> None:
    drop_voidable_only("payment")
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_payment_applies_to_known"), type_="check")
        batch_op.create_check_constraint("applies_to_known", f"applies_to IN ({allowed})")
    voidable_only("payment", VOID_COLUMNS)


def upgrade() -> None:
    _applies_to("'periodic', 'one_off', 'penalty'")


def downgrade() -> None:
    _applies_to("'periodic', 'one_off'")
