"""View 10 of issue 10: each role's home page is its work queue.

- An inspector: the acts awaiting review in their scope (their region, or the country), those of them
  the inspector returned once and that came back, and the requests of the other inspectorate to answer.
- A safety officer: their returned acts, the claims near (three days) or past their decision deadline,
  the MSEC re-examinations due within thirty days or lapsed, the payments due this month.
- The Social Fund: the capitalised sums not yet transferred in full, and the capitalised cases it
  holds money for.
- An administrator: the country's figures of the dashboard's work queue (reports/indicators.workload).

One statement a queue (its first rows and, by a window, how many there are), whatever the number of
records, so the home page stays fast. Every queue reads within the user's scope.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm

from accidents.classifiers import Status
from accidents.models import Accident, Act, Victim
from accidents.services import accident_scope
from claims.models import Claim, ClaimStatus, Decision, MsecFinding
from claims.services import open_awards
from claims.services.due import due_rows
from cooperation.classifiers import REQUEST_KIND_LABELS
from cooperation.models import InfoRequest
from cooperation.services import request_clause
from core.audit import AuditEntry
from core.auth.permissions import employer_scope
from core.classifiers import INSPECTORATE_LABELS, Role
from core.employers import Employer
from reports import indicators
from reports.investigations import returned

#: The most items a queue lists (the rest are counted).
SHOWN = 20
#: A claim's decision is near its deadline this many days before it; a re-examination is due this
#: many days ahead.
CLAIM_DAYS = 3
REEXAMINATION_DAYS = 30


@dataclass
class Item:
    """One record to act on: what it is, a date or sum, the link to it, and whether it is late."""

    label: str
    detail: Any
    link: str
    late: bool = False


@dataclass
class Queue:
    key: str
    title: Any
    empty: Any
    count: int = 0
    items: list[Item] = field(default_factory=list)


@dataclass
class Summary:
    """An administrator's figure: what it counts and how many."""

    key: str
    label: Any
    count: int


def _rows(s: orm.Session, stmt: sa.Select[Any]) -> tuple[list[Any], int]:
    """The first :data:`SHOWN` rows of ``stmt`` and how many there are, in one statement."""
    rows = s.execute(stmt.add_columns(sa.func.count().over().label("total")).limit(SHOWN)).all()
    return rows, int(rows[0].total) if rows else 0


def _acts(user: Any, *conditions: Any) -> sa.Select[Any]:
    return (
        sa.select(Act.id, Act.submitted_at, Victim.full_name, Employer.name.label("employer"))
        .join(Accident, Accident.id == Act.accident_id)
        .join(Victim, Victim.id == Act.victim_id)
        .join(Employer, Employer.id == Accident.employer_id)
        .where(accident_scope(user), *conditions)
    )


def _act_queue(s: orm.Session, key: str, title: Any, empty: Any, stmt: sa.Select[Any]) -> Queue:
    rows, count = _rows(s, stmt.order_by(Act.submitted_at.asc().nulls_last(), Act.id))
    items = [
        Item(f"{r.full_name} · {r.employer}", r.submitted_at, url_for("accidents.act", act_id=r.id))
        for r in rows
    ]
    return Queue(key, title, empty, count, items)


def inspector(s: orm.Session, user: Any, today: date) -> list[Queue]:
    awaiting = Act.status.in_((Status.ACT_SUBMITTED, Status.UNDER_REVIEW))
    mine = returned("").where(AuditEntry.user_id == user.id)
    queues = [
        _act_queue(
            s,
            "review",
            _l("Acts awaiting review"),
            _l("No act awaits review."),
            _acts(user, awaiting),
        ),
        _act_queue(
            s,
            "resubmitted",
            _l("Acts I returned, submitted again"),
            _l("No act you returned has come back."),
            _acts(user, awaiting, mine),
        ),
    ]
    if user.inspectorate:
        stmt = (
            sa.select(InfoRequest.id, InfoRequest.kind, InfoRequest.from_inspectorate, InfoRequest.due_on)
            .where(
                InfoRequest.to_inspectorate == user.inspectorate,
                InfoRequest.answered_on.is_(None),
                request_clause(user),
            )
            .order_by(InfoRequest.due_on, InfoRequest.id)
        )
        rows, count = _rows(s, stmt)
        # The kind and the sender only: a restricted request's subject is read on its own page, audited.
        items = [
            Item(
                f"{REQUEST_KIND_LABELS.get(r.kind, r.kind)} · {INSPECTORATE_LABELS.get(r.from_inspectorate)}",
                r.due_on,
                url_for("cooperation.request_detail", request_id=r.id),
                r.due_on < today,
            )
            for r in rows
        ]
        queues.append(
            Queue("requests", _l("Requests to answer"), _l("No request awaits your answer."), count, items)
        )
    return queues


def _lapsed(today: date) -> Any:
    later = orm.aliased(MsecFinding)
    return sa.and_(
        MsecFinding.reexamination_on <= today + timedelta(days=REEXAMINATION_DAYS),
        ~sa.exists().where(later.previous_id == MsecFinding.id),
    )


def _dated_queue(s: orm.Session, queue: Queue, stmt: sa.Select[Any], endpoint: str, today: date) -> Queue:
    """``queue`` filled from ``stmt``'s (id, label, day) rows, each linked to ``endpoint``: late after it."""
    rows, queue.count = _rows(s, stmt)
    name = endpoint.rsplit(".", 1)[1] + "_id"
    queue.items = [
        Item(label, day, url_for(endpoint, **{name: id_}), day < today) for id_, label, day, _n in rows
    ]
    return queue


def officer(s: orm.Session, user: Any, today: date) -> list[Queue]:
    returned_acts = _act_queue(
        s,
        "returned",
        _l("My returned acts"),
        _l("No act of yours is returned."),
        _acts(user, Act.status == Status.RETURNED),
    )
    claims = (
        sa.select(Claim.id, Claim.claimant_name, Claim.decision_due_on)
        .where(
            employer_scope(user, Claim.employer_id),
            Claim._status == ClaimStatus.FILED,
            Claim.decision_due_on <= today + timedelta(days=CLAIM_DAYS),
        )
        .order_by(Claim.decision_due_on, Claim.id)
    )
    findings = (
        sa.select(MsecFinding.id, Victim.full_name, MsecFinding.reexamination_on)
        .join(Victim, Victim.id == MsecFinding.victim_id)
        .where(employer_scope(user, MsecFinding.employer_id), _lapsed(today))
        .order_by(MsecFinding.reexamination_on, MsecFinding.id)
    )
    return [
        returned_acts,
        _dated_queue(
            s,
            Queue(
                "claims",
                _l("Claims near or past their decision deadline"),
                _l("No claim is near its decision deadline."),
            ),
            claims,
            "ledger.claim",
            today,
        ),
        _dated_queue(
            s,
            Queue(
                "reexaminations",
                _l("Re-examinations due"),
                _l("No re-examination is due within 30 days."),
            ),
            findings,
            "ledger.finding",
            today,
        ),
        payments_due(s, user, today),
    ]


def payments_due(s: orm.Session, user: Any, today: date) -> Queue:
    """The installments due this month or still outstanding, as claims/services/due.py reads them."""
    month = today.strftime("%Y-%m")
    awards = s.execute(open_awards(s).where(employer_scope(user, Decision.employer_id))).all()
    # Owed now: a one-off with no amount set by law yet owes nothing (claims/services/pages.py).
    rows = [row for row in due_rows(s, awards, month) if Decimal(row[2]["outstanding"] or 0) > 0]
    items = [
        Item(
            str(item["recipient_name"]),
            Decimal(item["outstanding"]),
            url_for("ledger.statement", claim_id=decision.claim_id),
            int(item.get("days_overdue") or 0) > 0,
        )
        for _employer, decision, item in rows[:SHOWN]
    ]
    return Queue(
        "payments", _l("Payments due this month"), _l("No payment is due this month."), len(rows), items
    )


def social_fund(s: orm.Session, user: Any, today: date) -> list[Queue]:
    from liquidation.services import fund_balances

    rows = s.execute(fund_balances(user, {})).all()
    awaiting = [r for r in rows if not r.Capitalisation.not_made and r.received < r.Capitalisation.amount]
    held = [r for r in rows if r.received > r.paid]

    def items(chosen: list[Any], amount: Any) -> list[Item]:
        return [
            Item(
                f"{r.employer}",
                amount(r),
                url_for("fund.capitalisation", capitalisation_id=r.Capitalisation.id),
            )
            for r in chosen[:SHOWN]
        ]

    return [
        Queue(
            "transfers",
            _l("Capitalised sums awaiting transfer"),
            _l("Every capitalised sum is transferred."),
            len(awaiting),
            items(awaiting, lambda r: r.Capitalisation.amount - r.received),
        ),
        Queue(
            "capitalised",
            _l("Capitalised cases with money held"),
            _l("No capitalised case holds money."),
            len(held),
            items(held, lambda r: r.received - r.paid),
        ),
    ]


SUMMARY_LABELS = {
    "open_investigations": _l("Open investigations"),
    "overdue_investigations": _l("Investigations past their deadline"),
    "claims_overdue": _l("Claims past their decision deadline"),
    "claims_due_soon": _l("Claims due within three days"),
    "deemed_refusals": _l("Deemed refusals"),
    "reexaminations_due": _l("Re-examinations due within 30 days"),
    "reexaminations_lapsed": _l("Re-examinations lapsed"),
}


def summary(s: orm.Session, user: Any, today: date) -> list[Summary]:
    work = indicators.workload(s, user, today)
    return [Summary(k, label, work[k]) for k, label in SUMMARY_LABELS.items()]


def home(s: orm.Session, user: Any, today: date) -> dict[str, Any]:
    """What ``user``'s home page lists: ``queues`` (records to act on), ``summary`` (an administrator's
    counts)."""
    role = Role(user.role)
    if role is Role.INSPECTOR:
        return {"queues": inspector(s, user, today), "summary": []}
    if role is Role.SAFETY_OFFICER:
        return {"queues": officer(s, user, today), "summary": []}
    if role is Role.SOCIAL_FUND:
        return {"queues": social_fund(s, user, today), "summary": []}
    return {"queues": [], "summary": summary(s, user, today)}


def home_page(user: Any) -> dict[str, Any]:
    """The home page's work queue of ``user`` today (Bishkek), in the request's session."""
    from core import db

    return home(db.session(), user, db.today_bishkek())
