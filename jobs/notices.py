"""The notices a person sees: those of the claims and accidents in their own scope (the lists' scope)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from accidents.models import Accident
from accidents.services import accident_scope
from claims import services as claims
from core import db
from jobs.models import Notice


def notices_page(user: Any, page: int = 1, per_page: int = 50) -> db.Page[Notice]:
    """One page of the notices of the records ``user`` may see, the newest first and the nearest deadline
    first among a day's: a busy inspectorate's notices run past any one page, and
    every one of them must be reachable (issue 13), not only the newest 200."""
    return db.paginate(db.session(), _notices(user), page, per_page)


def _notices(user: Any) -> sa.Select[tuple[Notice]]:
    """The notices of the records in ``user``'s scope, in the list's order (stable: the id last)."""
    claim_ids = sa.select(claims.claims_query(user, {}).order_by(None).subquery().c.id)
    accident_ids = sa.select(Accident.id).where(accident_scope(user))
    stmt = (
        sa.select(Notice)
        .where(
            sa.or_(
                sa.and_(Notice.entity == "claim", Notice.entity_id.in_(claim_ids)),
                sa.and_(Notice.entity == "accident", Notice.entity_id.in_(accident_ids)),
            )
        )
        .order_by(Notice.found_on.desc(), Notice.due_on, Notice.id)
    )
    return stmt
