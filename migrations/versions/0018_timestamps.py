"""created_at and updated_at on every record (issue 13, following changes), backfilled from what is known

Each table gets the two UTC columns it lacks and an index on ``updated_at`` (what ``updated_since`` and
the ``sort`` of every list read). Existing rows are filled from what the database knows: the first and
last audit entry of the record, else the time the record itself keeps (approved, recorded, uploaded,
computed, signed, shared), else its parent's creation, else the time of this migration.

The append-only tables keep their guard: their triggers are lifted only for the backfill's UPDATE and
put back; the payment's void may now also touch ``updated_at`` (which the void sets).

SQLite: the columns are added in place (``ALTER TABLE ADD COLUMN``, batch mode without a rebuild),
because rebuilding a table that others reference fails on its foreign keys inside the migration's
transaction, and SQLite cannot add a column defaulting to CURRENT_TIMESTAMP: there the database's
default is this migration's time (the application always sets both). PostgreSQL defaults to now().

Revision ID: 0018_timestamps
Revises: 0017_api_tokens
Create Date: 2026-12-02 04:30:00
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import core.db
from core.migration_helpers import append_only, drop_append_only, drop_voidable_only, voidable_only

revision = "0018_timestamps"
down_revision = "0017_api_tokens"
branch_labels = None
depends_on = None

#: Every table of records, parents before children (the technical ones, throttles, rate limits and
#: idempotent requests, are not records).
TABLES = (
    "coop_agreement",
    "coop_norm",
    "coop_working_group",
    "employer",
    "coop_event",
    "coop_measure_plan",
    "employer_headcount",
    "user",
    "accident",
    "api_token",
    "attachment",
    "audit_entry",
    "coop_attachment",
    "coop_complaint",
    "coop_document",
    "coop_measure_item",
    "coop_plan_proposal",
    "coop_share",
    "parameter_row",
    "commission_member",
    "coop_request",
    "notification",
    "victim",
    "act",
    "coop_inspection",
    "victim_consequence",
    "act_measure",
    "act_responsible_person",
    "act_revision",
    "act_witness",
    "claim",
    "coop_signature",
    "coop_violation",
    "msec_finding",
    "archive_transfer",
    "claim_document",
    "claim_earnings",
    "coop_order",
    "court_ruling",
    "decision",
    "payment",
    "survivor",
    "appeal",
    "capitalisation",
    "installment",
    "fund_payment",
)

#: The time a record already keeps of its own making, where it has one.
OWN_TIME = {
    "act_revision": "approved_at",
    "attachment": "uploaded_at",
    "coop_attachment": "uploaded_at",
    "audit_entry": "at",
    "parameter_row": "recorded_at",
    "court_ruling": "recorded_at",
    "payment": "recorded_at",
    "fund_payment": "recorded_at",
    "victim_consequence": "recorded_at",
    "decision": "computed_at",
    "coop_share": "shared_at",
    "coop_signature": "signed_at",
}

APPEND_ONLY = ("audit_entry", "act_revision", "parameter_row", "fund_payment")
PAYMENT_VOIDS = ("voided_at", "voided_by_id", "void_reason", "superseded_by_id")


def _columns(table: str) -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)}


def _parent_time(table: str) -> str | None:
    """``(SELECT created_at FROM parent ...)`` through the record's first foreign key to a parent that
    has one (a victim's accident, a survivor's claim), if any."""
    for fk in sa.inspect(op.get_bind()).get_foreign_keys(table):
        parent = fk["referred_table"]
        if parent in (table, "user") or len(fk["constrained_columns"]) != 1:
            continue
        if "created_at" in _columns(parent):
            column = fk["constrained_columns"][0]
            return f'(SELECT p.created_at FROM "{parent}" p WHERE p.id = "{table}".{column})'  # noqa: S608 - reflected names
    return None


def _guards(table: str, lift: bool) -> None:
    if table in APPEND_ONLY:
        (drop_append_only if lift else append_only)(table)
    elif table == "payment":
        if lift:
            drop_voidable_only(table)
        else:
            voidable_only(table, PAYMENT_VOIDS, touched=("updated_at",))


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    now = datetime.now(UTC).replace(microsecond=0)
    # SQLite keeps a UTC timestamp as text "YYYY-MM-DD HH:MM:SS.ffffff" (SQLAlchemy's format).
    default = sa.text(f"'{now.strftime('%Y-%m-%d %H:%M:%S.%f')}'") if sqlite else sa.func.now()
    migrated = sa.bindparam("migrated", now, type_=core.db.UTCDateTime())
    for table in TABLES:
        have = _columns(table)
        added = [name for name in ("created_at", "updated_at") if name not in have]
        with op.batch_alter_table(table, recreate="never") as batch_op:
            for name in added:
                batch_op.add_column(
                    sa.Column(
                        name, core.db.UTCDateTime(timezone=True), server_default=default, nullable=False
                    )
                )
        if not sqlite:  # the columns a model had before get the database's default too
            for name in ("created_at", "updated_at"):
                if name in have:
                    op.alter_column(table, name, server_default=sa.func.now())
        if added:
            audit = f"FROM audit_entry a WHERE a.entity = '{table}' AND a.entity_id = \"{table}\".id"
            first = [f"(SELECT MIN(a.at) {audit})"] if table != "audit_entry" else []
            last = [f"(SELECT MAX(a.at) {audit})"] if table != "audit_entry" else []
            known = [f'"{table}".{OWN_TIME[table]}'] if table in OWN_TIME else []
            parent = _parent_time(table)
            created = (
                "created_at"
                if "created_at" in have
                else "COALESCE({})".format(
                    ", ".join([*first, *known, *([parent] if parent else []), ":migrated"])
                )
            )
            sets = []
            if "created_at" in added:
                sets.append(f"created_at = {created}")
            if "updated_at" in added:
                sets.append("updated_at = COALESCE({})".format(", ".join([*last, created, ":migrated"])))
            _guards(table, lift=True)
            op.execute(sa.text(f'UPDATE "{table}" SET {", ".join(sets)}').bindparams(migrated))  # noqa: S608 - constant names
            _guards(table, lift=False)
        op.create_index(op.f(f"ix_{table}_updated_at"), table, ["updated_at"], unique=False)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    before = {  # the columns the tables had before this migration
        "accident": ("created_at", "updated_at"),
        "act": ("created_at", "updated_at"),
        "victim_consequence": ("updated_at",),
        **{
            table: ("created_at",)
            for table in (
                "coop_agreement",
                "coop_working_group",
                "employer",
                "coop_event",
                "coop_measure_plan",
                "user",
                "api_token",
                "coop_complaint",
                "coop_document",
                "coop_request",
                "coop_inspection",
                "claim",
                "coop_violation",
                "msec_finding",
            )
        },
    }
    for table in reversed(TABLES):
        op.drop_index(op.f(f"ix_{table}_updated_at"), table_name=table)
        dropped = [name for name in ("created_at", "updated_at") if name not in before.get(table, ())]
        kept = [name for name in ("created_at", "updated_at") if name in before.get(table, ())]
        if table == "payment":
            drop_voidable_only(table)
        for name in dropped:
            # SQLite (3.35+) drops a column in place: no rebuild, so no foreign key refuses it.
            if sqlite:
                op.execute(f'ALTER TABLE "{table}" DROP COLUMN {name}')
            else:
                op.drop_column(table, name)
        if not sqlite:
            for name in kept:
                op.alter_column(table, name, server_default=None)
        if table == "payment":
            voidable_only(table, PAYMENT_VOIDS)
