"""What the feed lists: the audit entries that are events, within the caller's scope.

Each event type is one kind of audit entry (the record's table, the service verb and, for a
transition, the state it reached), so the feed says exactly what the history says and nothing is
recorded twice. Scope is the lists' own: an event is listed when its record is in one of the caller's
lists (an officer's acts, claims, payments; the Fund's capitalised cases; an inspectorate's requests).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app

from accidents.models import Accident, Act
from accidents.services import accident_scope
from claims import services as claims
from claims.models import Capitalisation, Decision, Payment
from cooperation.models import InfoRequest
from cooperation.services import request_clause
from core import db
from core.audit import AuditEntry
from core.services import can

#: Event type -> (the record's table, the audit action, the state reached for a transition, what it means).
EVENTS: dict[str, tuple[str, str, str | None, str]] = {
    "act.submitted": ("act", "transition", "act_submitted", "an act N-1 was submitted for review"),
    "act.returned": ("act", "transition", "returned", "an act was returned to the employer for correction"),
    "act.approved": ("act", "transition", "approved", "an act was approved (a frozen revision exists)"),
    "finding.recorded": ("msec_finding", "create", None, "an MSEC finding was recorded"),
    "claim.filed": ("claim", "create", None, "a compensation claim was filed"),
    "decision.issued": ("decision", "transition", "issued", "a decision (award or refusal) was issued"),
    "payment.recorded": ("payment", "create", None, "a payment to a recipient was recorded"),
    "capitalisation.transferred": (
        "capitalisation",
        "transfer",
        None,
        "a capitalised sum was transferred to the Social Fund (or recorded as not made)",
    ),
    "request.answered": ("coop_request", "answer", None, "a request between the inspectorates was answered"),
}

#: Entries younger than this are not listed yet: a transaction that started earlier may still commit an
#: entry with a smaller id, which a cursor past it would skip (README, Following changes).
SETTLE = "EMGEK_EVENTS_SETTLE_SECONDS"


def _ids(stmt: sa.Select[Any]) -> sa.Select[Any]:
    return sa.select(stmt.order_by(None).subquery().c.id)


def _scopes(user: Any) -> dict[str, sa.Select[Any]]:
    """Each table's ids in the caller's scope, as the lists of its records compute it."""
    claim_ids = _ids(claims.claims_query(user, {}))
    scopes = {
        "act": sa.select(Act.id).join(Accident, Act.accident_id == Accident.id).where(accident_scope(user)),
        "msec_finding": _ids(claims.findings_query(user, {})),
        "claim": claim_ids,
        "decision": sa.select(Decision.id).where(Decision.claim_id.in_(claim_ids)),
        "payment": sa.select(Payment.id).where(Payment.claim_id.in_(claim_ids)),
        "capitalisation": sa.select(Capitalisation.id).where(Capitalisation.claim_id.in_(claim_ids)),
    }
    if can(user, "cooperate"):
        scopes["coop_request"] = sa.select(InfoRequest.id).where(request_clause(user))
    return scopes


def _type_of(entry: AuditEntry) -> str:
    for name, (entity, action, state, _meaning) in EVENTS.items():
        reached = (entry.changes.get("status") or [None, None])[1]
        if entry.entity == entity and entry.action == action and state in (None, reached):
            return name
    raise LookupError(entry.id)  # (the query selects only entries of an event type)


def events(
    user: Any, after: int, limit: int, types: list[str] | None = None
) -> tuple[list[dict[str, Any]], bool]:
    """Up to ``limit`` events after the audit entry ``after``, oldest first, and whether more follow."""
    scopes = _scopes(user)
    wanted = types or list(EVENTS)
    kinds = []
    for name in wanted:
        entity, action, state, _meaning = EVENTS[name]
        if entity not in scopes:
            continue
        kind = sa.and_(
            AuditEntry.entity == entity, AuditEntry.action == action, AuditEntry.entity_id.in_(scopes[entity])
        )
        if state is not None:
            kind = sa.and_(kind, AuditEntry.changes[("status", 1)].as_string() == state)
        kinds.append(kind)
    if not kinds:
        return [], False
    settled = db.now_utc() - timedelta(seconds=float(current_app.config.get(SETTLE, 2)))
    stmt = (
        sa.select(AuditEntry)
        .where(AuditEntry.id > after, AuditEntry.at <= settled, sa.or_(*kinds))
        .order_by(AuditEntry.id)
        .limit(limit + 1)
    )
    found = list(db.session().scalars(stmt))
    listed = [
        {
            "id": entry.id,
            "type": _type_of(entry),
            "at": entry.at,
            "record": entry.entity,
            "record_id": entry.entity_id,
        }
        for entry in found[:limit]
    ]
    return listed, len(found) > limit
