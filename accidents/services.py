"""Use cases of the investigation (art. 223): report, form the commission, notify, draw up and review acts.

Each writing use case is one transaction: it finds the record within the user's
scope (else 404), checks the capability, compares the version the client read
(else 409), changes the record and writes the audit entry. Views never commit.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm

from accidents import classifiers, deadlines, documents, workflow
from accidents.classifiers import (
    ACT_KIND_LABELS,
    BODY_PARTS,
    CATEGORY_LABELS,
    CAUSES,
    COMMISSION_ROLE_LABELS,
    INCIDENT_TYPES,
    INJURY_NATURES,
    INTOXICATION_LABELS,
    MATERIAL_AGENTS,
    OCCUPATIONS,
    SEVERITY_LABELS,
    SEX_LABELS,
    ActKind,
    Category,
    CommissionRole,
    Intoxication,
    Recipient,
    Status,
)
from accidents.deadlines import Deadline, DeadlineState
from accidents.models import (
    Accident,
    Act,
    ActRevision,
    CommissionMember,
    Measure,
    Notification,
    ResponsiblePerson,
    Victim,
    Witness,
)
from core import audit, db
from core.auth.permissions import can, employer_scope, in_scope
from core.classifiers import REGION_LABELS, SECTOR_LABELS, Role
from core.db import BISHKEK, now_utc, today_bishkek
from core.downloads import Download
from core.employers import Employer
from core.errors import DomainError, FormErrors, NotFound
from core.services import check_version, require, where_equal


class ReadOnly(DomainError):
    """Approved (or submitted) records are not edited; an approved act is amended instead."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="status")


ACCIDENT_FIELDS = [
    "employer_id",
    "occurred_at",
    "place",
    "category",
    "incident_type",
    "circumstances",
    "status",
    "commission_formed_on",
    "commission_order_no",
    "investigation_due_on",
    "extension_count",
    "extension_days",
    "extension_reason",
    "investigation_closed_on",
]
VICTIM_FIELDS = ["pin", "full_name", "sex", "birth_date", "occupation"]
MEMBER_FIELDS = ["full_name", "post", "role"]
NOTICE_FIELDS = ["recipient_name", "sent_at", "method", "reference"]
ACT_FIELDS = [
    "kind",
    "service_years",
    "service_months",
    "induction_briefing_on",
    "workplace_briefing_on",
    "osh_training_on",
    "knowledge_test_on",
    "knowledge_test_protocol",
    "place_description",
    "equipment",
    "circumstances",
    "incident_type",
    "injury_nature",
    "body_part",
    "injury_nature_code",
    "body_part_code",
    "occupation_code",
    "material_agent_code",
    "diagnosis",
    "severity",
    "medical_institution",
    "medical_conclusion_no",
    "medical_conclusion_on",
    "intoxication",
    "intoxication_evidence",
    "main_cause",
    "contributing_causes",
    "causes_text",
    "victim_fault_percent",
    "work_related",
    "work_related_grounds",
    "diagnosed_on",
    "final_diagnosis",
    "pathology_centre",
    "harmful_factors",
    "exposure_years",
]
CHILDREN: dict[str, tuple[type[Any], list[str]]] = {
    "measures": (Measure, ["description", "due_date", "responsible"]),
    "witnesses": (Witness, ["full_name", "contact"]),
    "responsible_persons": (ResponsiblePerson, ["full_name", "post", "norms_violated"]),
}
#: Briefings and training precede the accident they are about.
DATES_BEFORE_ACCIDENT = [
    "induction_briefing_on",
    "workplace_briefing_on",
    "osh_training_on",
    "knowledge_test_on",
]
#: Accidents whose header, victims and commission may still change.
ACCIDENT_EDITABLE = frozenset({Status.REPORTED, Status.INVESTIGATING, Status.RETURNED})
#: What an editor is told once the acts are with the inspector (the service refuses, the page says it).
ACCIDENT_LOCKED = _l("The acts are with the inspector; the accident can no longer be changed.")
COMMISSION_LOCKED = _l("The acts are with the inspector; the commission can no longer be changed.")


# --- finding records within scope -------------------------------------------------------------------


def local_date(moment: datetime) -> date:
    """The calendar day in Bishkek, where the law's days are counted."""
    return moment.astimezone(BISHKEK).date()


#: ``app.extensions`` key of what the Social Fund may see here: a function giving the SELECT of the ids of
#: the accidents of capitalised cases. Liquidation sets it (accidents cannot know capitalisations: imports
#: run one way); without it the Fund sees no accident.
FUND_ACCIDENTS = "emgek.fund_accident_ids"


def fund_clause(user: Any, accident_id: Any) -> sa.ColumnElement[bool]:
    """For Social Fund staff: only the accidents of capitalised cases (design.md, roles: the Fund sees
    those of capitalised cases, not the PINs and diagnoses of every accident of its region); for
    everybody else no further limit."""
    if Role(user.role) is not Role.SOCIAL_FUND:
        return sa.true()
    accident_ids = current_app.extensions.get(FUND_ACCIDENTS)
    return accident_id.in_(accident_ids()) if accident_ids else sa.false()


def accident_scope(user: Any) -> sa.ColumnElement[bool]:
    """The WHERE clause of the accidents ``user`` may see: their employers', and the Fund's cases."""
    return sa.and_(employer_scope(user, Accident.employer_id), fund_clause(user, Accident.id))


R = TypeVar("R")


def _visible(s: orm.Session, user: Any, record: R | None, accident_of: Callable[[R], Accident]) -> R:
    """``record`` if ``user`` may see its accident, else :class:`NotFound` (404), as for one that does
    not exist."""
    if record is None:
        raise NotFound()
    accident = accident_of(record)
    if not in_scope(user, accident.employer):
        raise NotFound()
    if Role(user.role) is Role.SOCIAL_FUND and not s.scalar(
        sa.select(Accident.id).where(Accident.id == accident.id, fund_clause(user, Accident.id))
    ):
        raise NotFound()
    return record


def get_accident(s: orm.Session, user: Any, accident_id: int) -> Accident:
    """The accident if it is within ``user``'s scope, else :class:`NotFound` (404)."""
    return _visible(s, user, s.get(Accident, accident_id), lambda accident: accident)


def get_act(s: orm.Session, user: Any, act_id: int) -> Act:
    return _visible(s, user, s.get(Act, act_id), lambda act: act.accident)


def get_notification(s: orm.Session, user: Any, notification_id: int) -> Notification:
    return _visible(s, user, s.get(Notification, notification_id), lambda notice: notice.accident)


def get_revision(s: orm.Session, user: Any, revision_id: int) -> ActRevision:
    return _visible(s, user, s.get(ActRevision, revision_id), lambda revision: revision.act.accident)


def history(s: orm.Session, user: Any, obj: Any) -> list[audit.AuditEntry]:
    """The record's audit trail: inspectors and administrators only (``view_history``)."""
    require(user, "view_history")
    return audit.history(s, obj.__tablename__, obj.id)


def accident_page(s: orm.Session, user: Any, accident_id: int) -> dict[str, Any]:
    """What the accident's page shows: the accident in scope, its deadline rules, the commission's
    problems, whether the investigation may still be extended (art. 223), who may edit or notify, the
    bodies not yet notified, and the history for those who may read it."""
    accident = get_accident(s, user, accident_id)
    rules = rules_for(accident.occurred_at)
    present = {n.recipient for n in accident.notifications}
    return {
        "accident": accident,
        "rules": rules,
        "commission_problems": commission_problems(accident, rules) if accident.commission_formed_on else [],
        "may_extend": accident.investigation_closed_on is None
        and rules.may_extend(accident.category, accident.extension_count),
        "editable": accident.status in ACCIDENT_EDITABLE and can(user, "edit_accident"),
        "may_notify": can(user, "edit_accident"),
        "missing_recipients": [
            (r.value, classifiers.RECIPIENT_LABELS[r]) for r in classifiers.Recipient if r not in present
        ],
        "history": history_if_allowed(s, user, accident),
    }


def act_page(user: Any, act_id: int, locale: str) -> dict[str, Any]:
    """What the act's page shows: the act in scope, its content labelled in ``locale``, the steps the
    user may take (no "Approve" while art. 223's agreement is awaited), whether the agreement, the
    form and the history are theirs to see."""
    s = db.session()
    act = get_act(s, user, act_id)
    return {
        "act": act,
        "c": labelled(act_content(act), locale=locale),
        "actions": [
            a
            for a in workflow.allowed_actions(workflow.ACT_TRANSITIONS, act.status, user)
            if not (a is workflow.Action.APPROVE and awaits_agreement(act))
        ],
        "needs_agreement": awaits_agreement(act)
        and act.status in (Status.ACT_SUBMITTED, Status.UNDER_REVIEW)
        and can(user, "agree_not_work_related"),
        "editable": act.status in workflow.EDITABLE and can(user, "submit_act"),
        "history": history_if_allowed(s, user, act),
    }


def history_if_allowed(s: orm.Session, user: Any, obj: Any) -> list[audit.AuditEntry] | None:
    """The trail for a page that shows it to those who may read it, and to nobody else (None)."""
    return history(s, user, obj) if can(user, "view_history") else None


# --- lists ------------------------------------------------------------------------------------------


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=BISHKEK)


def overdue_clause(today: date, now: datetime) -> sa.ColumnElement[bool]:
    """Overdue in SQL: an open investigation past its last day, or a notice unsent past its moment."""
    late_notice = (
        sa.select(Notification.id)
        .where(
            Notification.accident_id == Accident.id,
            Notification.sent_at.is_(None),
            Notification.due_at < now,
        )
        .exists()
    )
    return sa.or_(
        sa.and_(Accident.investigation_closed_on.is_(None), Accident.investigation_due_on < today),
        late_notice,
    )


#: What a notice column of the list says, from the worst of the accident's notices (``notice_rank``).
NOTICE_RANKS = {3: "overdue", 2: "late", 1: "in_order"}


def notice_rank(now: datetime) -> sa.ScalarSelect[Any]:
    """The worst state of the accident's notices as a number, in one correlated aggregate: 3 when one is
    unsent past its moment (NoticeState.OVERDUE), 2 when one went after it (SENT_LATE), 1 when all are
    in order, NULL without notices. Computed in SQL so the list never loads the notices themselves."""
    return (
        sa.select(
            sa.func.max(
                sa.case(
                    (sa.and_(Notification.sent_at.is_(None), Notification.due_at < now), 3),
                    (
                        sa.and_(
                            Notification.sent_at.is_not(None),
                            Notification.due_at.is_not(None),
                            Notification.sent_at > Notification.due_at,
                        ),
                        2,
                    ),
                    else_=1,
                )
            )
        )
        .where(Notification.accident_id == Accident.id)
        .scalar_subquery()
    )


def deadline_state(today: date) -> sa.Case[Any]:
    """deadlines.investigation_state's state in SQL, for a row without an ORM object."""
    closed, due = Accident.investigation_closed_on, Accident.investigation_due_on
    return sa.case(
        (sa.and_(closed.is_not(None), closed <= due), DeadlineState.MET.value),
        (closed.is_not(None), DeadlineState.LATE.value),
        (due < today, DeadlineState.OVERDUE.value),
        (due == today, DeadlineState.DUE_TODAY.value),
        else_=DeadlineState.RUNNING.value,
    )


@dataclass(frozen=True, slots=True)
class AccidentRow:
    """One row of the accidents list: plain values read as columns, not an ORM object (an object a
    row, with its notices loaded to find their states, cost about half of the page)."""

    id: int
    employer_id: int
    employer_name: str
    occurred_at: datetime
    category: str
    status: str
    deadline: Deadline
    #: The worst of the notices: "overdue", "late", "in_order", or None without notices.
    notice: str | None
    victims: tuple[str, ...]
    version: int
    created_at: datetime
    updated_at: datetime

    @property
    def notifications_overdue(self) -> bool:
        return self.notice == "overdue"

    @property
    def notifications_late(self) -> bool:
        return self.notice == "late"


#: The accident's employer in the list, aliased so that the filters' subqueries on Employer do not
#: correlate to it (made once: an alias costs more to make than the rest of the statement).
_LISTED_EMPLOYER = orm.aliased(Employer, name="listed_employer")


def accidents_query(user: Any, filters: dict[str, Any]) -> sa.Select[Any]:
    """The accidents ``user`` may see, filtered; newest first. Plain columns (``AccidentRow``'s, but
    the victims), with the deadline's and the notices' states computed in SQL."""
    shown = _LISTED_EMPLOYER
    today = today_bishkek()
    stmt = (
        sa.select(
            Accident.id,
            Accident.employer_id,
            shown.name.label("employer_name"),
            Accident.occurred_at,
            Accident.category,
            Accident.status,
            Accident.investigation_due_on,
            Accident.investigation_closed_on,
            deadline_state(today).label("deadline_state"),
            notice_rank(now_utc()).label("notice_rank"),
            Accident.version,
            Accident.created_at,
            Accident.updated_at,
        )
        .join(shown, shown.id == Accident.employer_id)
        .where(accident_scope(user))
    )
    if filters.get("employer_id"):
        stmt = stmt.where(Accident.employer_id == filters["employer_id"])
    if filters.get("region"):
        stmt = stmt.where(
            Accident.employer_id.in_(sa.select(Employer.id).where(Employer.region == filters["region"]))
        )
    if filters.get("sector"):
        stmt = stmt.where(
            Accident.employer_id.in_(sa.select(Employer.id).where(Employer.sector == filters["sector"]))
        )
    # The calendar's first and last days bound nothing (and in UTC, or a day on, fall off the calendar).
    if filters.get("date_from") and filters["date_from"] > date.min:
        stmt = stmt.where(Accident.occurred_at >= _day_start(filters["date_from"]))
    if filters.get("date_to") and filters["date_to"] < date.max:
        stmt = stmt.where(Accident.occurred_at < _day_start(filters["date_to"] + timedelta(days=1)))
    stmt = where_equal(stmt, filters, {"category": Accident.category, "status": Accident.status})
    if filters.get("overdue"):
        stmt = stmt.where(overdue_clause(today_bishkek(), now_utc()))
    query = (filters.get("q") or "").strip()
    if query:
        match = (
            Victim.pin == query
            if query.isdigit()
            else Victim.name_search.contains(db.fold(query), autoescape=True)
        )
        # The matching victims first, within the scope (by the PIN index, or a pass over the names of
        # the accidents in scope), then their accidents: a correlated EXISTS would test every accident
        # in scope, newest first, one by one (bench/scale.py).
        victims = (
            sa.select(Victim.accident_id)
            .join(Accident, Accident.id == Victim.accident_id)
            .where(match, employer_scope(user, Accident.employer_id))
        )
        stmt = stmt.where(Accident.id.in_(victims))
    return stmt.order_by(Accident.occurred_at.desc(), Accident.id.desc())


def list_accidents(user: Any, filters: dict[str, Any]) -> db.Page[AccidentRow]:
    """A page of accidents as :class:`AccidentRow`: the page's rows, then their victims' names in one
    statement (a fixed number of statements however many rows, tests/integration/test_list_queries.py)."""
    s = db.session()
    today = today_bishkek()
    page = db.paginate(
        s,
        accidents_query(user, filters),
        filters.get("page", 1),
        filters.get("per_page", 25),
        rows=True,
        listing=filters,
    )
    names: dict[int, list[str]] = {row.id: [] for row in page.items}
    if names:
        found = s.execute(
            sa.select(Victim.accident_id, Victim.full_name)
            .where(Victim.accident_id.in_(list(names)))
            .order_by(Victim.accident_id, Victim.id)
        )
        for accident_id, full_name in found:
            names[accident_id].append(full_name)
    items = []
    for row in page.items:
        due, closed = row.investigation_due_on, row.investigation_closed_on
        items.append(
            AccidentRow(
                id=row.id,
                employer_id=row.employer_id,
                employer_name=row.employer_name,
                occurred_at=row.occurred_at,
                category=row.category,
                status=row.status,
                deadline=Deadline(due, DeadlineState(row.deadline_state), (due - (closed or today)).days),
                notice=NOTICE_RANKS.get(row.notice_rank),
                victims=tuple(names[row.id]),
                version=row.version,
                created_at=row.created_at,
                updated_at=row.updated_at,
            )
        )
    return dataclasses.replace(page, items=items)


def list_acts(user: Any, filters: dict[str, Any]) -> db.Page[Act]:
    """Acts in scope, e.g. those awaiting an inspector's review (``status=act_submitted``)."""
    stmt = sa.select(Act).join(Accident, Act.accident_id == Accident.id).where(accident_scope(user))
    stmt = where_equal(
        stmt, filters, {"status": Act.status, "kind": Act.kind, "employer_id": Accident.employer_id}
    )
    stmt = stmt.order_by(Act.submitted_at.desc().nulls_last(), Act.id.desc())
    return db.paginate(
        db.session(), stmt, filters.get("page", 1), filters.get("per_page", 25), listing=filters
    )


# --- snapshots for the audit log --------------------------------------------------------------------


def _accident_snapshot(accident: Accident) -> dict[str, Any]:
    snap = audit.snapshot(accident, ACCIDENT_FIELDS)
    snap["victims"] = [audit.snapshot(v, VICTIM_FIELDS) for v in accident.victims]
    snap["commission"] = [audit.snapshot(m, MEMBER_FIELDS) for m in accident.commission]
    return snap


def _act_snapshot(act: Act) -> dict[str, Any]:
    snap = audit.snapshot(act, [*ACT_FIELDS, "status", "revision"])
    for name, (_model, fields) in CHILDREN.items():
        snap[name] = [audit.snapshot(row, fields) for row in getattr(act, name)]
    return snap


# --- reporting and the accident's own record --------------------------------------------------------


def rules_for(occurred_at: datetime) -> deadlines.Rules:
    """The deadlines table's row in force on the accident's date."""
    try:
        return deadlines.rules_on(local_date(occurred_at))
    except deadlines.NoRulesInForce:
        raise DomainError(
            _("No investigation rules are in force on this date."), field="occurred_at"
        ) from None


def _employer_for(s: orm.Session, user: Any, employer_id: int | None) -> Employer:
    """Safety officers report for their own employer; administrators name one."""
    if Role(user.role) is Role.SAFETY_OFFICER:
        employer_id = employer_id or user.employer_id
    employer = s.get(Employer, employer_id) if employer_id else None
    if employer is None or not in_scope(user, employer):
        if employer_id is None:
            raise DomainError(_("Choose the employer."), field="employer_id")
        raise DomainError(_("There is no such employer in your scope."), field="employer_id")
    return employer


def _set_victim(victim: Victim, data: dict[str, Any]) -> None:
    for name in VICTIM_FIELDS:
        setattr(victim, name, data[name])
    victim.full_name = " ".join(victim.full_name.split())


def _recompute_deadline(accident: Accident, rules: deadlines.Rules) -> None:
    """Art. 223: the investigation runs from the commission's order (from the accident until it exists)."""
    start = accident.commission_formed_on or local_date(accident.occurred_at)
    accident.investigation_due_on = rules.investigation_due(accident.category, start, accident.extension_days)


def _sync_notifications(accident: Accident, rules: deadlines.Rules, since: datetime) -> None:
    """The notices the category requires exist, each due ``hours`` after ``since``; others are optional."""
    required = set(rules.required_recipients(accident.category))
    by_recipient = {n.recipient: n for n in accident.notifications}
    for notice in list(accident.notifications):
        if notice.recipient not in required and notice.required:
            if notice.sent_at is None:
                accident.notifications.remove(notice)
            else:
                notice.required = False
    for recipient in rules.recipients:
        if recipient not in required:
            continue
        notice = by_recipient.get(recipient)
        if notice is None:
            accident.notifications.append(
                Notification(recipient=recipient, required=True, due_at=rules.notification_due(since))
            )
        elif notice.sent_at is None:
            notice.required = True
            notice.due_at = rules.notification_due(since)
        elif not notice.required:
            notice.required = True
            notice.due_at = notice.due_at or rules.notification_due(since)


def report_accident(user: Any, data: dict[str, Any]) -> Accident:
    """Record a reported accident with its victims; notices owed by its category fall due at once."""
    require(user, "report_accident")
    with db.transaction() as s:
        employer = _employer_for(s, user, data.get("employer_id"))
        rules = rules_for(data["occurred_at"])
        accident = Accident(
            employer=employer,
            occurred_at=data["occurred_at"].astimezone(UTC),
            place=data["place"],
            category=Category(data["category"]),
            incident_type=data["incident_type"],
            circumstances=data["circumstances"],
            status=Status.REPORTED,
            reported_by_id=user.id,
            reported_at=now_utc(),
            extension_count=0,
            extension_days=0,
        )
        for row in data["victims"]:
            victim = Victim()
            _set_victim(victim, row)
            accident.victims.append(victim)
        _recompute_deadline(accident, rules)
        _sync_notifications(accident, rules, since=accident.occurred_at)
        s.add(accident)
        audit.record(s, user, "create", accident, after=_accident_snapshot(accident))
        return accident


def _editable_accident(s: orm.Session, user: Any, accident_id: int, version: int, refusal: Any) -> Accident:
    """The accident an editor changes, at the version they read, while its acts are not yet with the
    inspector; ``refusal`` says what can no longer be changed once they are."""
    accident = get_accident(s, user, accident_id)
    require(user, "edit_accident")
    check_version(accident, version)
    if accident.status not in ACCIDENT_EDITABLE:
        raise ReadOnly(str(refusal))
    return accident


def update_accident(user: Any, accident_id: int, data: dict[str, Any]) -> Accident:
    """Correct the report (e.g. the category after the medical conclusion) and add or correct victims."""
    with db.transaction() as s:
        accident = _editable_accident(s, user, accident_id, data["version"], ACCIDENT_LOCKED)
        before = _accident_snapshot(accident)
        was_notifiable = bool(
            deadlines.rules_on(local_date(accident.occurred_at)).required_recipients(accident.category)
        )
        accident.occurred_at = data["occurred_at"].astimezone(UTC)
        accident.place = data["place"]
        accident.category = Category(data["category"])
        accident.incident_type = data["incident_type"]
        accident.circumstances = data["circumstances"]
        _merge_victims(s, accident, data["victims"])
        if accident.category == Category.GROUP and len(accident.victims) < 2:
            raise DomainError(_("A group accident has two or more victims."), field="category")
        rules = rules_for(accident.occurred_at)
        _recompute_deadline(accident, rules)
        # A duty to notify that arises later (a light accident found severe) runs from when it arose.
        since = accident.occurred_at if was_notifiable else now_utc()
        _sync_notifications(accident, rules, since=since)
        accident.updated_at = now_utc()
        _refresh_status(accident)
        audit.record(s, user, "update", accident, before=before, after=_accident_snapshot(accident))
        return accident


def _merge_victims(s: orm.Session, accident: Accident, rows: list[dict[str, Any]]) -> None:
    known = {v.id: v for v in accident.victims}
    errors: dict[str, list[str]] = {}
    for i, row in enumerate(rows):
        if row.get("id") is not None:
            victim = known.get(row["id"])
            if victim is None:
                errors[f"victims.{i}.id"] = [_("This person is not a victim of this accident.")]
                continue
            if victim.act is not None and victim.act.status not in workflow.EDITABLE:
                changed = any(getattr(victim, f) != row[f] for f in VICTIM_FIELDS if f != "full_name")
                if changed or " ".join(row["full_name"].split()) != victim.full_name:
                    errors[f"victims.{i}.pin"] = [_("The act of this person is submitted; it cannot change.")]
                continue
        else:
            victim = Victim()
            accident.victims.append(victim)
        _set_victim(victim, row)
    listed = {row.get("id") for row in rows}
    left_out = [v.full_name for v in known.values() if v.id not in listed]
    if left_out:
        errors["victims"] = [
            _(
                "List every victim of the accident again; a victim cannot be removed from the report: "
                "%(names)s.",
                names=", ".join(left_out),
            )
        ]
    pins = [v.pin for v in accident.victims]
    for i, row in enumerate(rows):
        if pins.count(row["pin"]) > 1:
            errors.setdefault(f"victims.{i}.pin", []).append(_("This person is already listed."))
    if errors:
        raise FormErrors(errors)
    if accident.commission_formed_on is not None:
        for victim in accident.victims:
            if victim.act is None:
                _open_act(s, accident, victim)


def _open_act(s: orm.Session, accident: Accident, victim: Victim) -> Act:
    """One act per victim, opened when the investigation starts (art. 223; RU art. 230: per victim)."""
    act = Act(
        accident=accident,
        victim=victim,
        kind=ActKind.N1,
        status=Status.INVESTIGATING,
        circumstances=accident.circumstances,
        incident_type=accident.incident_type,
        place_description=accident.place,
        intoxication=Intoxication.NONE,
        contributing_causes=[],
    )
    s.add(act)
    return act


def _refresh_status(accident: Accident) -> None:
    """The accident's status follows its acts; the investigation ends when all were first submitted."""
    accident.status = workflow.summarise(
        accident.commission_formed_on is not None, [a.status for a in accident.acts]
    )
    closed = accident.acts and all(
        a.status in (Status.ACT_SUBMITTED, Status.UNDER_REVIEW, Status.APPROVED) for a in accident.acts
    )
    if closed and accident.investigation_closed_on is None:
        accident.investigation_closed_on = today_bishkek()


def form_commission(user: Any, accident_id: int, data: dict[str, Any]) -> Accident:
    """Record the order forming the commission and its members; the first one starts the investigation."""
    with db.transaction() as s:
        accident = _editable_accident(s, user, accident_id, data["version"], COMMISSION_LOCKED)
        if data["formed_on"] < local_date(accident.occurred_at):
            raise DomainError(_("The commission cannot be formed before the accident."), field="formed_on")
        before = _accident_snapshot(accident)
        accident.commission_formed_on = data["formed_on"]
        accident.commission_order_no = data.get("order_no")
        accident.commission = [
            CommissionMember(
                position=i, full_name=m["full_name"], post=m["post"], role=CommissionRole(m["role"])
            )
            for i, m in enumerate(data["members"])
        ]
        started = accident.status == Status.REPORTED
        if started:
            workflow.transition(
                workflow.ACCIDENT_TRANSITIONS, accident.status, workflow.Action.START_INVESTIGATION, user
            )
            for victim in accident.victims:
                if victim.act is None:
                    _open_act(s, accident, victim)
        _recompute_deadline(accident, rules_for(accident.occurred_at))
        accident.updated_at = now_utc()
        _refresh_status(accident)
        audit.record(
            s,
            user,
            "transition" if started else "update",
            accident,
            before=before,
            after=_accident_snapshot(accident),
        )
        return accident


def commission_problems(accident: Accident, rules: deadlines.Rules) -> list[str]:
    """What the commission lacks: enough members, a chair, the trade-union representative (art. 223)."""
    problems = []
    roles = [m.role for m in accident.commission]
    if len(roles) < rules.commission_min_members:
        problems.append(_("The commission needs at least %(n)s members.", n=rules.commission_min_members))
    for role in rules.commission_required_roles:
        if role not in roles:
            if role == CommissionRole.TRADE_UNION:
                problems.append(
                    _("A trade-union representative must take part in the investigation (art. 223).")
                )
            else:
                problems.append(
                    _("The commission has no “%(role)s”.", role=str(COMMISSION_ROLE_LABELS[role]))
                )
    if roles.count(CommissionRole.CHAIR) > 1:
        problems.append(_("The commission has one chair."))
    return problems


def commission_warnings(accident: Accident) -> list[str]:
    """What the saved commission still lacks for the acts to be submitted (art. 223): said on saving."""
    return commission_problems(accident, rules_for(accident.occurred_at))


def extend_investigation(user: Any, accident_id: int, data: dict[str, Any]) -> Accident:
    """Extend the investigation once, by the days the rules give, for the reason recorded (RU art. 229.1)."""
    with db.transaction() as s:
        accident = get_accident(s, user, accident_id)
        require(user, "edit_accident")
        check_version(accident, data["version"])
        rules = rules_for(accident.occurred_at)
        if accident.investigation_closed_on is not None:
            raise DomainError(_("The investigation is over; there is nothing to extend."), field="reason")
        if not rules.may_extend(accident.category, accident.extension_count):
            raise DomainError(
                _("The investigation of this accident cannot be extended again."), field="reason"
            )
        before = _accident_snapshot(accident)
        accident.extension_count += 1
        accident.extension_days += rules.extension_days
        accident.extension_reason = data["reason"]
        _recompute_deadline(accident, rules)
        accident.updated_at = now_utc()
        audit.record(
            s,
            user,
            "extend",
            accident,
            before=before,
            after=_accident_snapshot(accident),
            remark=data["reason"],
        )
        return accident


# --- notices ----------------------------------------------------------------------------------------


def _check_sent_at(accident: Accident, sent_at: datetime | None) -> None:
    if sent_at is None:
        return
    if sent_at < accident.occurred_at:
        raise DomainError(_("A notice cannot go before the accident."), field="sent_at")
    if sent_at > now_utc() + timedelta(minutes=5):
        raise DomainError(_("The date cannot be in the future."), field="sent_at")


def _notice_snapshot(notice: Notification) -> dict[str, Any]:
    return {
        f"notification.{notice.recipient}.{k}": v for k, v in audit.snapshot(notice, NOTICE_FIELDS).items()
    }


def _mark_sent(s: orm.Session, user: Any, notice: Notification, data: dict[str, Any]) -> None:
    """Write when, how and under which reference a notice went, and audit it (one entry a notice)."""
    check_version(notice, data["version"])
    _check_sent_at(notice.accident, data["sent_at"])
    before = _notice_snapshot(notice)
    for name in NOTICE_FIELDS:
        setattr(notice, name, data.get(name))
    audit.record(s, user, "notify", notice.accident, before=before, after=_notice_snapshot(notice))


def record_notification(user: Any, notification_id: int, data: dict[str, Any]) -> Notification:
    """Record that a notice went: when, how, under which reference (art. 223: "immediately")."""
    with db.transaction() as s:
        notice = get_notification(s, user, notification_id)
        require(user, "edit_accident")
        _mark_sent(s, user, notice, data)
        return notice


def record_notifications_sent(user: Any, accident_id: int, data: dict[str, Any]) -> list[Notification]:
    """Mark several pending notices of one accident sent at one moment, one way (an officer phones or
    e-mails the bodies together): all in one transaction, or none; each notice audited on its own."""
    with db.transaction() as s:
        accident = get_accident(s, user, accident_id)
        require(user, "edit_accident")
        pending = {n.id: n for n in accident.notifications if n.sent_at is None}
        errors: dict[str, list[str]] = {}
        chosen: list[tuple[Notification, dict[str, Any]]] = []
        for i, item in enumerate(data["notices"]):
            notice = pending.get(item["id"])
            if notice is None:
                errors[f"notices.{i}.id"] = [_("This accident has no such notice waiting to be sent.")]
            elif any(n is notice for n, _item in chosen):
                errors[f"notices.{i}.id"] = [_("The notice is listed twice.")]
            else:
                chosen.append((notice, item))
        if errors:
            raise FormErrors(errors)
        for notice, item in chosen:
            _mark_sent(
                s,
                user,
                notice,
                {
                    "version": item["version"],
                    "sent_at": data["sent_at"],
                    "method": data["method"],
                    "reference": item.get("reference"),
                    "recipient_name": item.get("recipient_name") or notice.recipient_name,
                },
            )
        return [notice for notice, _item in chosen]


def add_notification(user: Any, accident_id: int, data: dict[str, Any]) -> Notification:
    """A notice the rules do not require (e.g. the Social Fund about a light accident)."""
    with db.transaction() as s:
        accident = get_accident(s, user, accident_id)
        require(user, "edit_accident")
        recipient = Recipient(data["recipient"])
        if any(n.recipient == recipient for n in accident.notifications):
            raise DomainError(_("A notice to this body is already recorded."), field="recipient")
        _check_sent_at(accident, data.get("sent_at"))
        notice = Notification(recipient=recipient, required=False, due_at=None)
        for name in NOTICE_FIELDS:
            setattr(notice, name, data.get(name))
        accident.notifications.append(notice)
        s.flush()
        audit.record(s, user, "notify", accident, before={}, after=_notice_snapshot(notice))
        return notice


# --- acts -------------------------------------------------------------------------------------------


def _check_act_dates(act: Act, data: dict[str, Any]) -> None:
    """Cross-field rules the schema cannot see: they need the accident's date."""
    day = local_date(act.accident.occurred_at)
    errors: dict[str, list[str]] = {}
    for name in DATES_BEFORE_ACCIDENT:
        if data.get(name) and data[name] > day:
            errors[name] = [_("This date is after the accident.")]
    if data.get("medical_conclusion_on") and data["medical_conclusion_on"] < day:
        errors["medical_conclusion_on"] = [_("The medical conclusion cannot precede the accident.")]
    for i, measure in enumerate(data.get("measures") or []):
        if measure["due_date"] < day:
            errors[f"measures.{i}.due_date"] = [_("The due date is before the accident.")]
    if errors:
        raise FormErrors(errors)


def update_act(user: Any, act_id: int, data: dict[str, Any]) -> Act:
    """Save the commission's draft of an act (partial: fields absent stay); approved acts are read-only."""
    with db.transaction() as s:
        act = get_act(s, user, act_id)
        require(user, "submit_act")
        check_version(act, data["version"])
        if act.status not in workflow.EDITABLE:
            if act.status == Status.APPROVED:
                raise ReadOnly(_("An approved act is read-only; amend it to correct it."))
            raise ReadOnly(_("The act is with the inspector; withdraw it to correct it."))
        _check_act_dates(act, data)
        before = _act_snapshot(act)
        for name in ACT_FIELDS:
            if name in data:
                setattr(act, name, data[name])
        if act.intoxication is None:
            act.intoxication = Intoxication.NONE
        if act.contributing_causes is None:
            act.contributing_causes = []
        earlier_measures = list(act.measures)
        for name, (model, fields) in CHILDREN.items():
            if name in data:
                setattr(
                    act,
                    name,
                    [
                        model(position=i, **{f: row.get(f) for f in fields})
                        for i, row in enumerate(data[name])
                    ],
                )
        _keep_completion(earlier_measures, act.measures)
        if before["work_related"] != act.work_related:
            # The agreement was given to a conclusion that no longer stands.
            act.nwr_agreed_at = act.nwr_agreed_by_id = act.nwr_agreement_remark = None
        act.updated_at = now_utc()
        audit.record(s, user, "update", act, before=before, after=_act_snapshot(act))
        return act


def _keep_completion(earlier: list[Measure], measures: list[Measure]) -> None:
    """A measure saved again unchanged (the list is replaced on every save, an amendment too) keeps
    its completion and verification: they happened, whatever the draft around them."""
    done = {(m.description, m.due_date): m for m in earlier if m.completed_on is not None}
    for measure in measures:
        old = done.get((measure.description, measure.due_date))
        if old is not None:
            measure.completed_on, measure.verified_at = old.completed_on, old.verified_at
            measure.verified_by_id = old.verified_by_id


def check_complete(act: Act) -> dict[str, list[str]]:
    """What the act still lacks to be submitted: each missing field by name, and the commission."""
    required = _("Fill this in before submitting the act.")
    needed = ["circumstances", "incident_type", "place_description", "diagnosis", "severity", "main_cause"]
    needed += ["work_related_grounds", "medical_conclusion_on"]
    if act.kind == ActKind.N1:
        needed += ["injury_nature", "body_part"]
    else:
        needed += ["diagnosed_on", "final_diagnosis", "harmful_factors", "exposure_years"]
    errors = {name: [required] for name in needed if getattr(act, name) in (None, "")}
    if act.work_related is None:
        errors["work_related"] = [_("Say whether the accident is work-related.")]
    if act.intoxication != Intoxication.NONE and not act.intoxication_evidence:
        errors["intoxication_evidence"] = [_("Say how the intoxication was established.")]
    if act.work_related and not act.measures:
        errors["measures"] = [_("Name at least one corrective measure with its due date.")]
    problems = commission_problems(act.accident, rules_for(act.accident.occurred_at))
    if problems:
        errors["commission.members"] = problems
    return errors


def transition_act(user: Any, act_id: int, data: dict[str, Any]) -> Act:
    """Move an act through its review (workflow.ACT_TRANSITIONS), with the rules each step carries."""
    with db.transaction() as s:
        act = get_act(s, user, act_id)
        step = workflow.transition(workflow.ACT_TRANSITIONS, act.status, data["action"], user)
        check_version(act, data["version"])
        remark = (data.get("remark") or "").strip() or None
        if step.remark_required and not remark:
            raise DomainError(_("Give the reasons."), field="remark")
        action = workflow.Action(data["action"])
        before = {"status": str(act.status), "revision": act.revision}
        now = now_utc()
        if action is workflow.Action.SUBMIT:
            errors = check_complete(act)
            if errors:
                raise FormErrors(errors)
            act.submitted_at = now
        elif action is workflow.Action.START_REVIEW:
            act.review_started_at, act.reviewed_by_id = now, user.id
        elif action is workflow.Action.RETURN:
            act.review_remark = remark
        elif action is workflow.Action.APPROVE:
            _check_not_work_related(act)
            act.approved_at, act.reviewed_by_id = now, user.id
            act.review_remark = remark
            s.add(
                ActRevision(
                    act=act,
                    number=act.revision,
                    content=act_content(act),
                    approved_at=now,
                    approved_by_id=user.id,
                )
            )
        elif action is workflow.Action.AMEND:
            act.revision += 1
            act.amendment_reason = remark
            act.approved_at = None
            act.review_remark = None
        act.status = step.target
        act.updated_at = now
        _refresh_status(act.accident)
        audit.record(
            s,
            user,
            "transition",
            act,
            before=before,
            after={"status": str(act.status), "revision": act.revision},
            remark=remark,
        )
        return act


def awaits_agreement(act: Act) -> bool:
    """Art. 223, part 7: a light accident found "not work-related" is approved only once an inspectorate
    has agreed; until then the act page offers no "Approve" and the service refuses it (one rule)."""
    return act.work_related is False and act.accident.category == Category.LIGHT and act.nwr_agreed_at is None


def _check_not_work_related(act: Act) -> None:
    """Art. 223, part 7: "not work-related" for a light accident is agreed with an inspectorate first."""
    if awaits_agreement(act):
        raise DomainError(
            _("A light accident found not work-related needs an inspector's agreement first (art. 223)."),
            field="work_related",
        )


def agree_not_work_related(user: Any, act_id: int, data: dict[str, Any]) -> Act:
    """Record the inspectorate's agreement with the commission's "not work-related" (art. 223, part 7)."""
    with db.transaction() as s:
        act = get_act(s, user, act_id)
        require(user, "agree_not_work_related")
        check_version(act, data["version"])
        if act.work_related is not False or act.accident.category != Category.LIGHT:
            raise DomainError(
                _("Only a light accident found not work-related needs this agreement."), field="work_related"
            )
        if act.status not in (Status.ACT_SUBMITTED, Status.UNDER_REVIEW):
            raise workflow.TransitionNotAllowed(act.status, "agree_not_work_related")
        remark = (data.get("remark") or "").strip() or None
        agreement = ["nwr_agreed_at", "nwr_agreed_by_id", "nwr_agreement_remark"]
        with audit.changing(s, user, "agree_not_work_related", act, agreement, remark=remark):
            act.nwr_agreed_at, act.nwr_agreed_by_id = now_utc(), user.id
            act.nwr_agreement_remark = remark
            act.updated_at = now_utc()
        return act


# --- the act as a document --------------------------------------------------------------------------


def act_content(act: Act) -> dict[str, Any]:
    """The act's whole content as plain JSON: frozen in revisions, printed, and shown on the page.

    It carries the accident, employer and commission as they were, so a revision is a
    document on its own even after the accident's record changes.
    """
    accident, employer, victim = act.accident, act.accident.employer, act.victim
    content = {f: audit.jsonable(getattr(act, f)) for f in ACT_FIELDS}
    content.update(
        act_id=act.id,
        revision=act.revision,
        employer={
            "name": employer.name,
            "inn": employer.inn,
            "okpo": employer.okpo,
            "address": employer.address,
            "sector": employer.sector,
            "region": str(employer.region),
        },
        accident={
            "id": accident.id,
            # UTC with its offset, as every moment of the API; pages and the print show it in Bishkek.
            "occurred_at": accident.occurred_at.astimezone(UTC).isoformat(timespec="seconds"),
            "place": accident.place,
            "category": str(accident.category),
        },
        commission={
            "formed_on": audit.jsonable(accident.commission_formed_on),
            "order_no": accident.commission_order_no,
            "members": [audit.snapshot(m, MEMBER_FIELDS) for m in accident.commission],
        },
        victim=audit.snapshot(victim, VICTIM_FIELDS),
        not_work_related_agreed=act.nwr_agreed_at is not None,
    )
    for name, (_model, fields) in CHILDREN.items():
        content[name] = [audit.snapshot(row, fields) for row in getattr(act, name)]
    return content


def labelled(content: dict[str, Any], locale: str = "ru") -> dict[str, Any]:
    """The content with the classifiers' labels in ``locale``: the printed act speaks Russian."""

    def label(labels: dict[Any, Any], key: Any) -> str | None:
        # Labels are keyed by StrEnum members or int codes; both hash like the stored str or int.
        return None if key is None else str(labels.get(key, key))

    with force_locale(locale):
        out = dict(content)
        out["kind_label"] = label(ACT_KIND_LABELS, content.get("kind"))
        out["category_label"] = label(CATEGORY_LABELS, content["accident"]["category"])
        out["incident_type_label"] = label(INCIDENT_TYPES, content.get("incident_type"))
        out["severity_label"] = label(SEVERITY_LABELS, content.get("severity"))
        out["intoxication_label"] = label(INTOXICATION_LABELS, content.get("intoxication"))
        out["sex_label"] = label(SEX_LABELS, content["victim"].get("sex"))
        out["main_cause_label"] = label(CAUSES, content.get("main_cause"))
        out["injury_nature_code_label"] = label(INJURY_NATURES, content.get("injury_nature_code"))
        out["body_part_code_label"] = label(BODY_PARTS, content.get("body_part_code"))
        out["occupation_code_label"] = label(OCCUPATIONS, content.get("occupation_code"))
        out["material_agent_code_label"] = label(MATERIAL_AGENTS, content.get("material_agent_code"))
        out["contributing_cause_labels"] = [
            label(CAUSES, c) for c in content.get("contributing_causes") or []
        ]
        out["region_label"] = label(REGION_LABELS, content["employer"].get("region"))
        out["sector_label"] = label(SECTOR_LABELS, content["employer"].get("sector"))
        out["member_role_labels"] = [
            label(COMMISSION_ROLE_LABELS, m["role"]) for m in content["commission"]["members"]
        ]
    return out


# --- the printed act (art. 223) ----------------------------------------------------------------------


def act_document(user: Any, act_id: int, locale: str) -> Download:
    """The victim's copy (art. 223) in ``locale``: the approved text; an act not yet approved prints as
    a draft. The act's page and the API hand out this one file."""
    act = get_act(db.session(), user, act_id)
    if act.status == Status.APPROVED and act.revisions:
        last = act.revisions[-1]
        return _act_file(last.content, f"act-{act.id}-{act.revision}.pdf", locale, approved=last)
    return _act_file(act_content(act), f"act-{act.id}-{act.revision}-draft.pdf", locale, draft=True)


def revision_document(user: Any, revision_id: int, locale: str) -> Download:
    """A revision of the act as it was approved, in ``locale``."""
    rev = get_revision(db.session(), user, revision_id)
    return _act_file(rev.content, f"act-{rev.act_id}-{rev.number}.pdf", locale, approved=rev)


def _act_file(
    content: dict[str, Any], filename: str, locale: str, draft: bool = False, approved: Any = None
) -> Download:
    """The act's PDF; an approved revision (``approved``) prints who approved it and when."""
    approval = None
    if approved is not None:
        approval = (approved.approved_by.full_name if approved.approved_by else "—", approved.approved_at)
    return Download(documents.act_pdf(labelled(content, locale=locale), draft, locale, approval), filename)
