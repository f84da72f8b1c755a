"""View 6 of issue 10: the acts' corrective measures, and accidents that came again.

The measures are those of the period's cases (reports/cases.py), as they stand today (Bishkek): done
on time (completed on or before the due date), done late, not yet due, or overdue by age (up to 30,
31 to 90, over 90 days past the due date). A repeat is a case whose employer had another case with the
same main cause in the twelve months before it (another accident; that earlier case may fall before
the period).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm

from accidents.classifiers import ActKind
from accidents.models import Accident, Act
from accidents.models import Measure as ActMeasure
from core.db import today_bishkek
from core.employers import Employer
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
    """Another case at the same employer with the same main cause in the twelve months before."""
    earlier_act, earlier = orm.aliased(Act), orm.aliased(Accident)
    if dialect == "postgresql":
        year_before: Any = Accident.occurred_at - sa.literal_column("interval '12 months'")
        since = earlier.occurred_at >= year_before
    else:
        # As text in the stored format, so the index on (employer_id, occurred_at) serves it.
        since = earlier.occurred_at >= sa.func.strftime(
            "%Y-%m-%d %H:%M:%f", Accident.occurred_at, "-12 months"
        )
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
        base=case_base,
        **BY_EMPLOYER,
        measures=(
            Measure("victims", _l("Cases with a main cause"), where=lambda _d: Act.main_cause.is_not(None)),
            Measure("repeats", _l("Repeat cases"), where=repeat),
        ),
        ratios=(Ratio("repeat_share", _l("Repeat cases, %"), "repeats", "victims"),),
    ),
)
