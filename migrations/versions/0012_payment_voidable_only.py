"""payment: append-only but for its void (the database's own guard, on both databases)

0010_voids added the void columns to ``payment``. On PostgreSQL the table's append-only trigger
then refused the void itself (voiding a payment answered 500); on SQLite the batch migration
rebuilt the table and dropped its triggers, so nothing guarded the ledger any more. Both now
carry the same guard: no DELETE, and no UPDATE but filling the void columns once.

Revision ID: 0012_payment_voidable_only
Revises: 0011_login_throttle
Create Date: 2026-12-02 01:00:00
"""

from __future__ import annotations

from core.migration_helpers import append_only, drop_append_only, drop_voidable_only, voidable_only

revision = "0012_payment_voidable_only"
down_revision = "0011_login_throttle"
branch_labels = None
depends_on = None

VOID_COLUMNS = ("voided_at", "voided_by_id", "void_reason", "superseded_by_id")


def upgrade() -> None:
    drop_append_only("payment")
    voidable_only("payment", VOID_COLUMNS)


def downgrade() -> None:
    drop_voidable_only("payment")
    append_only("payment")
