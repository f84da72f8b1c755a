"""View 5 of issue 10: how the investigations go, by inspectorate and by the inspector who reviewed them.

Counted over the acts N-1 (every conclusion: the "not work-related" share is one of the figures) of
the accidents of the period, within the user's scope and the filters. The deadlines are those
accidents/deadlines.py computes and the accident stores: a notice is late when it went after its
``due_at`` or has not gone and that moment has passed (deadlines.notice_state); an investigation is
within its deadline when it closed on or before ``investigation_due_on`` (deadlines.investigation_state).
An act was returned when its audit trail holds a review step into "returned".

The days to approval are shown as they are: the law sets no deadline for the employer's approval of
the act (accidents/deadlines.yaml, ``approval``), so the view says so instead of comparing them
against one; a regime that sets one would be named beside them (:func:`approval_deadline`).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm

from accidents import deadlines
from accidents.classifiers import ActKind, Status
from accidents.models import Accident, Act, Notification
from accidents.services import accident_scope
from core.audit import AuditEntry
from core.auth.models import User
from core.classifiers import INSPECTORATE_LABELS
from core.db import now_utc, today_bishkek
from core.employers import Employer
from core.formatting import day
from reports.causes import local_day
from reports.headline import Filters
from reports.sections import Measure, Ratio, Spec

Reviewer = orm.aliased(User, name="reviewer")


def local_date_of(dialect: str, moment: Any) -> Any:
    """A UTC moment's Bishkek day, computed by the database."""
    if dialect == "postgresql":
        return sa.cast(sa.func.timezone("Asia/Bishkek", moment), sa.Date)
    return sa.func.date(moment, "+6 hours")


def days_between(dialect: str, later: Any, earlier: Any) -> Any:
    """Calendar days from ``earlier`` to ``later`` (dates)."""
    if dialect == "postgresql":
        return later - earlier
    return sa.cast(sa.func.julianday(later) - sa.func.julianday(earlier), sa.Integer)


def acts_base(s: orm.Session, user: Any, f: Filters, columns: list[Any]) -> sa.Select[Any]:
    """The acts N-1 of the period's accidents in the user's scope, with their reviewer (if any)."""
    from reports.cases import bounds

    start, end = bounds(f.date_from, f.date_to)
    stmt = (
        sa.select(*columns)
        .select_from(Act)
        .join(Accident, Accident.id == Act.accident_id)
        .outerjoin(Reviewer, Reviewer.id == Act.reviewed_by_id)
        .where(
            Act.kind == ActKind.N1,
            Accident.occurred_at >= start,
            Accident.occurred_at < end,
            accident_scope(user),
        )
    )
    if f.region or f.sector:
        employers = sa.select(Employer.id)
        if f.region:
            employers = employers.where(Employer.region == f.region)
        if f.sector:
            employers = employers.where(Employer.sector == f.sector)
        stmt = stmt.where(Accident.employer_id.in_(employers))
    if f.employer_id is not None:
        stmt = stmt.where(Accident.employer_id == f.employer_id)
    if f.inspectorate:
        stmt = stmt.where(Reviewer.inspectorate == f.inspectorate)
    return stmt


def late_notice(_dialect: str) -> Any:
    """The accident has a required notice sent after its moment, or not sent when it has passed."""
    return (
        sa.select(Notification.id)
        .where(
            Notification.accident_id == Accident.id,
            Notification.required.is_(True),
            Notification.due_at.is_not(None),
            sa.or_(
                Notification.sent_at > Notification.due_at,
                sa.and_(Notification.sent_at.is_(None), Notification.due_at < now_utc()),
            ),
        )
        .exists()
    )


def returned(_dialect: str) -> Any:
    """The act's audit trail has a review step into "returned" (accidents.services.transition_act)."""
    return (
        sa.select(AuditEntry.id)
        .where(
            AuditEntry.entity == Act.__tablename__,
            AuditEntry.entity_id == Act.id,
            AuditEntry.action == "transition",
            AuditEntry.changes[("status", 1)].as_string() == Status.RETURNED.value,
        )
        .exists()
    )


def _commission_days(dialect: str) -> Any:
    return days_between(dialect, Accident.commission_formed_on, local_day(dialect))


def _approval_days(dialect: str) -> Any:
    return days_between(dialect, local_date_of(dialect, Act.approved_at), local_day(dialect))


def _closed(_dialect: str) -> Any:
    return Accident.investigation_closed_on.is_not(None)


MEASURES = (
    Measure("acts", _l("Acts N-1")),
    Measure("notices_late", _l("Acts whose accident's notices were late"), where=late_notice),
    Measure(
        "with_commission",
        _l("Commission formed"),
        where=lambda _d: Accident.commission_formed_on.is_not(None),
    ),
    Measure(
        "commission_days",
        "",
        where=lambda _d: Accident.commission_formed_on.is_not(None),
        value=_commission_days,
        hidden=True,
    ),
    Measure("closed", _l("Investigations closed"), where=_closed),
    Measure(
        "within_deadline",
        _l("Closed within the deadline"),
        where=lambda _d: sa.and_(
            _closed(_d), Accident.investigation_closed_on <= Accident.investigation_due_on
        ),
    ),
    Measure(
        "overdue",
        _l("Open past the deadline"),
        where=lambda _d: sa.and_(
            Accident.investigation_closed_on.is_(None), Accident.investigation_due_on < today_bishkek()
        ),
    ),
    Measure("approved", _l("Approved"), where=lambda _d: Act.approved_at.is_not(None)),
    Measure(
        "approval_days", "", where=lambda _d: Act.approved_at.is_not(None), value=_approval_days, hidden=True
    ),
    Measure("returned", _l("Returned at least once"), where=returned),
    Measure("concluded", "", where=lambda _d: Act.work_related.is_not(None), hidden=True),
    Measure("not_work_related", _l("Not work-related"), where=lambda _d: Act.work_related.is_(False)),
)
RATIOS = (
    Ratio(
        "commission_avg", _l("Average days to the commission"), "commission_days", "with_commission", False
    ),
    Ratio("within_share", _l("Closed within the deadline, %"), "within_deadline", "closed"),
    Ratio("approval_avg", _l("Average days to approval"), "approval_days", "approved", False),
    Ratio("returned_share", _l("Returned, %"), "returned", "acts"),
    Ratio("nwr_share", _l("Not work-related among concluded acts, %"), "not_work_related", "concluded"),
)


def approval_deadline(f: Filters) -> str:
    """The deadline for approving the act in force over the period, as people read it: "no deadline
    set in law" where the deadlines table sets none (never a deadline of another country's law)."""
    said = []
    for rules in deadlines.rules_over(f.date_from, f.date_to):
        if rules.approval_days is None:
            text = _("no deadline set in law")
        else:
            text = _("%(days)s days from the close of the investigation", days=rules.approval_days)
        said.append((rules.start, text))
    if not said:
        return _("no deadline set in law")
    if len({text for _start, text in said}) == 1:
        return said[0][1]
    return "; ".join(_("from %(day)s: %(text)s", day=day(start), text=text) for start, text in said)


def inspector_labels(s: orm.Session, keys: list[Any]) -> dict[Any, Any]:
    """The inspectors' names with their inspectorate, in name order."""
    rows = s.execute(
        sa.select(User.id, User.full_name, User.inspectorate)
        .where(User.id.in_(keys))
        .order_by(User.full_name)
    )
    out: dict[Any, Any] = {}
    for user_id, name, inspectorate in rows:
        body = INSPECTORATE_LABELS.get(inspectorate) if inspectorate else None
        out[user_id] = f"{name} ({body})" if body else name
    return out


BY_INSPECTORATE = Spec(
    key="inspectorates",
    title=_l("Investigations by inspectorate"),
    base=acts_base,
    row=lambda _d: Reviewer.inspectorate,
    row_labels=INSPECTORATE_LABELS,
    row_header=_l("Inspectorate"),
    missing=_l("Not yet taken up for review"),
    measures=MEASURES,
    ratios=RATIOS,
)
SPECS = (
    BY_INSPECTORATE,
    dataclasses.replace(
        BY_INSPECTORATE,
        key="inspectors",
        title=_l("Investigations by the reviewing inspector"),
        row=lambda _d: Act.reviewed_by_id,
        row_labels={},
        labels_of=inspector_labels,
        row_header=_l("Inspector"),
        missing=_l("Not yet taken up for review"),
    ),
)
