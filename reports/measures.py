"""View 6 of issue 10: the acts' corrective measures, and accidents that came again.

The measures are those of the period's cases (reports/cases.py), as they stand today (Bishkek): done
on time (completed on or before the due date), done late, not yet due, or overdue by age (up to 30,
31 to 90, over 90 days past the due date). A repeat is a case whose employer had another case with the
same main cause in the twelve months before it (another accident; that earlier case may fall before
the period).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm

from accidents.classifiers import ActKind
from accidents.models import Accident, Act
from accidents.models import Measure as ActMeasure
from core.db import today_bishkek
from core.employers import Employer
from reports.cases import bounds
from reports.causes import case_base
from reports.headline import Filters
from reports.investigations import days_between
from reports.sections import Measure, Ratio, Spec

STATES = {
    "on_time": _l("Done on time"),
    "late": _l("Done late"),
    "not_due": _l("Open, not yet due"),
    "overdue_30": _l("Overdue up to 30 days"),
    "overdue_90": _l("Overdue 31 to 90 days"),
    "overdue_more": _l("Overdue over 90 days"),
}


def state(dialect: str) -> Any:
    """The measure's state today, in SQL."""
    today = today_bishkek()
    late_by = days_between(dialect, sa.literal(today, sa.Date), ActMeasure.due_date)
    return sa.case(
        (ActMeasure.completed_on <= ActMeasure.due_date, "on_time"),
        (ActMeasure.completed_on.is_not(None), "late"),
        (ActMeasure.due_date >= today, "not_due"),
        (late_by <= 30, "overdue_30"),
        (late_by <= 90, "overdue_90"),
        else_="overdue_more",
    )


def measures_base(s: orm.Session, user: Any, f: Filters, columns: list[Any]) -> sa.Select[Any]:
    """The measures of the period's cases in scope (one row a measure)."""
    return case_base(s, user, f, columns).join(ActMeasure, ActMeasure.act_id == Act.id)


def employer_labels(s: orm.Session, keys: list[Any]) -> dict[Any, Any]:
    rows = s.execute(
        sa.select(Employer.id, Employer.name).where(Employer.id.in_(keys)).order_by(Employer.name)
    )
    return {employer_id: name for employer_id, name in rows}


def repeat(dialect: str) -> Any:
    """Another case at the same employer with the same main cause in the twelve months before.

    On PostgreSQL the case's moment is one of ``repeats_base``'s ``REPEATS`` (one pass); SQLite, which
    would search that derived table anew for each case, looks for the earlier case through the index on
    (employer_id, occurred_at) instead, a lookup a case."""
    if dialect == "postgresql":
        return sa.literal_column(f"{REPEATS}.occurred_at").is_not(None)
    earlier_act, earlier = orm.aliased(Act), orm.aliased(Accident)
    # As text in the stored format, so the index on (employer_id, occurred_at) serves it.
    since = earlier.occurred_at >= _year_before(dialect, Accident.occurred_at)
    return (
        sa.select(earlier_act.id)
        .join(earlier, earlier.id == earlier_act.accident_id)
        .where(
            counted_act_of(earlier_act),
            earlier_act.main_cause == Act.main_cause,
            earlier.employer_id == Accident.employer_id,
            earlier.id != Accident.id,
            earlier.occurred_at < Accident.occurred_at,
            since,
        )
        .exists()
    )


#: The name of repeats_base's join: (employer, main cause, moment) of the repeat cases.
REPEATS = "repeat_cases"


def _year_before(dialect: str, moment: Any) -> Any:
    if dialect == "postgresql":
        return moment - sa.literal_column("interval '12 months'")
    # As text in the stored format, as the moments are compared.
    return sa.func.strftime("%Y-%m-%d %H:%M:%f", moment, "-12 months")


def repeats_base(s: orm.Session, user: Any, f: Filters, columns: list[Any]) -> sa.Select[Any]:
    """The period's cases (``case_base``) with the moments that repeat a case (``REPEATS``).

    A case repeats another when the latest earlier moment with a case of the same employer and main
    cause (another accident: an earlier moment; the accident's other victims share its moment) is at
    most twelve months before it. One pass over the cases of the period and the twelve months before,
    in moment order by employer and cause (LAG), instead of a search of the earlier cases for each case.
    """
    dialect = s.get_bind().dialect.name
    if dialect != "postgresql":
        return case_base(s, user, f, columns)  # ``repeat`` looks up each case's earlier one (SQLite)
    start, end = bounds(f.date_from - timedelta(days=366), f.date_to)
    moments = (
        sa.select(
            Accident.employer_id.label("employer_id"),
            Act.main_cause.label("main_cause"),
            Accident.occurred_at.label("occurred_at"),
        )
        .join(Accident, Accident.id == Act.accident_id)
        .where(
            counted_act_of(Act),
            Act.main_cause.is_not(None),
            Accident.occurred_at >= start,
            Accident.occurred_at < end,
            Accident.employer_id.in_(case_base(s, user, f, [Accident.employer_id]).correlate(None)),
        )
        .group_by(Accident.employer_id, Act.main_cause, Accident.occurred_at)
        .subquery("moments")
    )
    previous = (
        sa.func.lag(moments.c.occurred_at)
        .over(partition_by=(moments.c.employer_id, moments.c.main_cause), order_by=moments.c.occurred_at)
        .label("previous")
    )
    ordered = sa.select(moments, previous).subquery("ordered")
    repeats = (
        sa.select(ordered.c.employer_id, ordered.c.main_cause, ordered.c.occurred_at)
        .where(ordered.c.previous >= _year_before(dialect, ordered.c.occurred_at))
        .subquery(REPEATS)
    )
    return case_base(s, user, f, columns).outerjoin(
        repeats,
        sa.and_(
            repeats.c.employer_id == Accident.employer_id,
            repeats.c.main_cause == Act.main_cause,
            repeats.c.occurred_at == Accident.occurred_at,
        ),
    )


def counted_act_of(act: Any) -> Any:
    """reports.cases.counted_act for another alias of the act (the earlier case)."""
    return sa.and_(act.kind == ActKind.N1, act.work_related.isnot(False))


#: The rows of a table by employer: their names read for the employers found (within scope).
BY_EMPLOYER: dict[str, Any] = {
    "row": lambda _d: Accident.employer_id,
    "labels_of": employer_labels,
    "row_header": _l("Employer"),
}

SPECS = (
    Spec(
        key="states",
        title=_l("Measures by state"),
        base=measures_base,
        row=state,
        row_labels=STATES,
        row_header=_l("State"),
        measures=(
            Measure("measures", _l("Measures")),
            Measure(
                "verified",
                _l("Verified by an inspector"),
                where=lambda _d: ActMeasure.verified_at.is_not(None),
            ),
        ),
        ratios=(Ratio("verified_share", _l("Verified, %"), "verified", "measures"),),
    ),
    Spec(
        "employers",
        _l("Measures by employer and state"),
        measures_base,
        column=state,
        column_labels=STATES,
        **BY_EMPLOYER,
    ),
    Spec(
        key="repeats",
        title=_l("Repeat cases: the same main cause at the same employer within 12 months"),
        base=repeats_base,
        **BY_EMPLOYER,
        measures=(
            Measure("victims", _l("Cases with a main cause"), where=lambda _d: Act.main_cause.is_not(None)),
            Measure("repeats", _l("Repeat cases"), where=repeat),
        ),
        ratios=(Ratio("repeat_share", _l("Repeat cases, %"), "repeats", "victims"),),
    ),
)
