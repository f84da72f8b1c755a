"""The periodic jobs besides the webhooks: the officers' notices, deemed refusals, scheduled backups.

Each is a plain function of ``today`` (Bishkek) so a test runs it directly for a fixed day; the worker
calls it on its schedule (jobs/scheduler.py). Notices are rows an officer sees on the notices page, once
per record and deadline (a unique key), so running a job twice records nothing twice.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import current_app

from accidents.models import Accident
from claims import services as claims
from claims.models import Claim
from claims.workflow import ClaimStatus
from core import backup, config, db
from jobs.models import Notice, NoticeKind

#: A deadline this many days ahead (or nearer) is announced.
NEAR_DAYS = "EMGEK_NOTICE_DAYS"
BACKUP_DIR = "EMGEK_BACKUP_DIR"
BACKUP_KEEP = "EMGEK_BACKUP_KEEP"


def _setting(name: str, default: Any) -> Any:
    import os

    return current_app.config.get(name, os.environ.get(name, default))


def _record(s: Any, kind: NoticeKind, entity: str, rows: list[tuple[int, date]], today: date) -> int:
    """Insert the notices not recorded yet (the unique key makes a second run a no-op)."""
    if not rows:
        return 0
    known = {
        (row[0], row[1])
        for row in s.execute(
            sa.select(Notice.entity_id, Notice.due_on).where(
                Notice.kind == kind, Notice.entity == entity, Notice.entity_id.in_([r[0] for r in rows])
            )
        )
    }
    new = [row for row in rows if row not in known]
    for entity_id, due_on in new:
        s.add(Notice(kind=kind, entity=entity, entity_id=entity_id, due_on=due_on, found_on=today))
    return len(new)


def _pairs(result: Any) -> list[tuple[int, date]]:
    return [(row[0], row[1]) for row in result]


def deadline_notices(today: date | None = None) -> dict[str, int]:
    """Notices of the claims whose decision is due within the next days (or overdue yet not deemed
    refused), of the claims deemed refused, and of the investigations due soon or overdue and not closed."""
    today = today or db.today_bishkek()
    horizon = today + timedelta(days=int(_setting(NEAR_DAYS, 3)))
    with db.transaction() as s:
        filed = s.execute(
            sa.select(Claim.id, Claim.decision_due_on).where(
                Claim._status == ClaimStatus.FILED, Claim.decision_due_on <= horizon
            )
        )
        deemed = s.execute(
            sa.select(Claim.id, Claim.decision_due_on).where(Claim._status == ClaimStatus.DEEMED_REFUSED)
        )
        open_investigations = s.execute(
            sa.select(Accident.id, Accident.investigation_due_on).where(
                Accident.investigation_closed_on.is_(None), Accident.investigation_due_on <= horizon
            )
        )
        return {
            "decision_due": _record(s, NoticeKind.DECISION_DUE, "claim", _pairs(filed), today),
            "deemed_refusal": _record(s, NoticeKind.DEEMED_REFUSAL, "claim", _pairs(deemed), today),
            "investigation_due": _record(
                s, NoticeKind.INVESTIGATION_DUE, "accident", _pairs(open_investigations), today
            ),
        }


def deemed_refusals(today: date | None = None) -> dict[str, int]:
    """Mark the claims left undecided past their term (claims.services.mark_deemed_refusals, with its
    audit entry), then record their notices."""
    marked = claims.mark_deemed_refusals(today)
    notices = deadline_notices(today)
    return {"marked": marked, "notices": notices["deemed_refusal"]}


def scheduled_backup(today: date | None = None) -> dict[str, Any]:
    """A backup (core.backup) into the configured folder, named by the day; only the newest
    ``EMGEK_BACKUP_KEEP`` of its backups are kept."""
    today = today or db.today_bishkek()
    folder = Path(_setting(BACKUP_DIR, str(config.INSTANCE / "backups")))
    keep = max(1, int(_setting(BACKUP_KEEP, 7)))
    target = folder / f"emgek-{today.isoformat()}.tar.gz"
    manifest = backup.backup(target)
    kept = sorted(folder.glob("emgek-*.tar.gz"))
    for old in kept[:-keep]:
        old.unlink()
    return {"path": str(target), "rows": sum(manifest["tables"].values()), "removed": len(kept[:-keep])}
