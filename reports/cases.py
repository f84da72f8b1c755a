"""What the indicators count: the case, in SQL, one definition for every view and the API.

A case is one victim with an act of form N-1 that is not concluded "not work-related" (the ILO's
"case of occupational injury": several victims of one accident are several cases). Acts on an
occupational disease are counted apart, never as injuries. A case is fatal when its act says so
(severity fatal) or when the victim died of it within a year of the accident (the consequences,
RU form 8; ESAW's "death within one year"), whatever the accident's category: a group accident's
deaths are deaths. It is closed when its consequences are recorded; days lost are theirs.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from accidents.classifiers import ActKind, Outcome, Severity
from accidents.models import Accident, Act, Consequence, Victim
from accidents.services import fund_clause
from core.auth.models import User
from core.auth.permissions import employer_scope
from core.db import BISHKEK
from core.employers import Employer

#: The severity a case is shown under: fatal includes a later death; "unknown" until the medical
#: conclusion is in the act.
SEVERITY_CLASSES = ("light", "severe", "fatal", "unknown")


def counted_act() -> sa.ColumnElement[bool]:
    """An act of form N-1 whose conclusion is not "not work-related" (a draft without one counts)."""
    return sa.and_(Act.kind == ActKind.N1, Act.work_related.isnot(False))


def _anniversary(dialect: str) -> Any:
    """The accident's Bishkek day a year on, computed by the database (UTC+6 all year)."""
    if dialect == "postgresql":
        local = sa.func.timezone("Asia/Bishkek", Accident.occurred_at)
        return sa.cast(local + sa.literal_column("interval '1 year'"), sa.Date)
    return sa.func.date(Accident.occurred_at, "+6 hours", "+1 year")


def dead(dialect: str) -> sa.ColumnElement[bool]:
    """Fatal by the act, or a death recorded in the consequences within a year of the accident."""
    return sa.or_(
        Act.severity == Severity.FATAL,
        sa.and_(Consequence.outcome == Outcome.DIED, Consequence.died_on <= _anniversary(dialect)),
    )


def severity_class(dialect: str) -> Any:
    return sa.case(
        (dead(dialect), "fatal"),
        (Act.severity == Severity.SEVERE, "severe"),
        (Act.severity == Severity.LIGHT, "light"),
        else_="unknown",
    )


def bounds(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    """The period's Bishkek days as UTC-comparable moments: [first day's start, the day after the last)."""
    start = max(date_from, date.min + timedelta(days=1))
    end = min(date_to, date.max - timedelta(days=1)) + timedelta(days=1)
    return (
        datetime.combine(start, time.min, tzinfo=BISHKEK),
        datetime.combine(end, time.min, tzinfo=BISHKEK),
    )


def case_query(
    user: Any,
    columns: list[Any],
    date_from: date,
    date_to: date,
    *,
    region: str | None = None,
    sector: str | None = None,
    employer_id: int | None = None,
    inspectorate: str | None = None,
    sex: str | None = None,
) -> sa.Select[Any]:
    """``columns`` over the cases of accidents in the period, within ``user``'s scope and the filters.

    The consequences are outer-joined (a case without them is open), so the columns may use
    :func:`dead`, ``Consequence.days_lost`` and the like. ``sex`` keeps the victims of that sex.
    """
    start, end = bounds(date_from, date_to)
    stmt = (
        sa.select(*columns)
        .select_from(Victim)
        .join(Accident, Victim.accident_id == Accident.id)
        .join(Act, Act.victim_id == Victim.id)
        .outerjoin(Consequence, Consequence.victim_id == Victim.id)
        .where(
            counted_act(),
            Accident.occurred_at >= start,
            Accident.occurred_at < end,
            employer_scope(user, Accident.employer_id),
            fund_clause(user, Accident.id),  # the Social Fund: its capitalised cases only
        )
    )
    if region or sector:
        employers = sa.select(Employer.id)
        if region:
            employers = employers.where(Employer.region == region)
        if sector:
            employers = employers.where(Employer.sector == sector)
        stmt = stmt.where(Accident.employer_id.in_(employers))
    if employer_id is not None:
        stmt = stmt.where(Accident.employer_id == employer_id)
    if sex:
        stmt = stmt.where(Victim.sex == sex)
    if inspectorate:
        # The inspectorate whose inspector reviewed the act (the 2022 agreement splits the work).
        stmt = stmt.where(Act.reviewed_by_id.in_(sa.select(User.id).where(User.inspectorate == inspectorate)))
    return stmt
