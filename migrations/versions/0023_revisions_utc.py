"""Act revisions' frozen text gives the accident's moment in UTC with its offset, not a naive Bishkek time

The API answers every moment in UTC (issue 13); a revision's content kept the accident's
``occurred_at`` as naive Asia/Bishkek wall time ("2026-03-05T14:30"), which a system cannot tell
from UTC. The same moment is now written with its offset ("2026-03-05T08:30:00+00:00"); pages and
the printed act still show it in Bishkek time. Nothing else of the frozen text changes.

act_revision is append-only: its trigger is lifted for this rewrite only and put back.

Revision ID: 0023_revisions_utc
Revises: 0022_webhooks
Create Date: 2026-12-02 08:00:00
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

from core.migration_helpers import append_only, drop_append_only

revision = "0023_revisions_utc"
down_revision = "0022_webhooks"
branch_labels = None
depends_on = None

BISHKEK = ZoneInfo("Asia/Bishkek")

revisions = sa.table("act_revision", sa.column("id", sa.Integer), sa.column("content", sa.JSON))


def to_utc(text: str) -> str:
    """A naive Bishkek wall time as the UTC moment with its offset (an aware one is left as it is)."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is not None:
        return text
    return moment.replace(tzinfo=BISHKEK).astimezone(UTC).isoformat(timespec="seconds")


def to_local(text: str) -> str:
    """The UTC moment back as the naive Bishkek wall time the old content held."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        return text
    return moment.astimezone(BISHKEK).replace(tzinfo=None).isoformat(timespec="minutes")


def _rewrite(convert: Callable[[str], str]) -> None:
    bind = op.get_bind()
    drop_append_only("act_revision")
    for row_id, content in bind.execute(sa.select(revisions.c.id, revisions.c.content)).all():
        data = json.loads(content) if isinstance(content, str) else content
        accident = (data or {}).get("accident") or {}
        moment = accident.get("occurred_at")
        if not moment:
            continue
        changed = convert(moment)
        if changed != moment:
            accident["occurred_at"] = changed
            bind.execute(sa.update(revisions).where(revisions.c.id == row_id).values(content=data))
    append_only("act_revision")


def upgrade() -> None:
    _rewrite(to_utc)


def downgrade() -> None:
    _rewrite(to_local)
