"""The joint analysis of arts. 2.3-2.4: violations, complaints, orders and accident causes across both
inspectorates, by period and by sector, region, norm or month, aggregated in SQL.

Only what the user may see is counted (the cooperation sight rules), so a restricted record of the
other inspectorate never shows, not even as a number. Labels are the caller's (this module has no
text of its own, so the page's words stay in the cooperation catalogue).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from accidents.models import Accident, Act
from cooperation.models import Complaint, Inspection, InspectionOrder, Norm, Violation
from cooperation.services import complaint_clause, inspection_clause, repeated_violation
from core import db
from core.auth.permissions import employer_scope
from core.db import BISHKEK
from core.employers import Employer
from reports.cases import counted_act

DIMENSIONS = ("sector", "region", "norm", "month")
METRICS = ("violations", "repeated", "complaints", "orders", "orders_fulfilled")


@dataclass
class Row:
    key: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(METRICS, 0))


def _month(column: Any, dialect: str) -> Any:
    if dialect == "postgresql":
        return sa.func.to_char(column, "YYYY-MM")
    return sa.func.substr(column, 1, 7)


def _key(by: str, dialect: str, day: Any) -> Any:
    if by == "sector":
        return Employer.sector
    if by == "region":
        return Employer.region
    if by == "norm":
        return sa.cast(Norm.id, sa.String)
    return _month(day, dialect)


def by_dimension(s: orm.Session, user: Any, date_from: date, date_to: date, by: str) -> list[Row]:
    """One row per sector/region/norm/month with the counts of each metric in the period."""
    dialect = s.get_bind().dialect.name
    rows: dict[str, Row] = {}

    def add(metric: str, stmt: sa.Select[Any]) -> None:
        for key, count in s.execute(stmt):
            rows.setdefault(str(key or "—"), Row(str(key or "—"))).counts[metric] += int(count or 0)

    violations = (
        sa.select(_key(by, dialect, Inspection.starts_on), sa.func.count(Violation.id))
        .join(Inspection, Violation.inspection_id == Inspection.id)
        .join(Employer, Inspection.employer_id == Employer.id)
        .join(Norm, Violation.norm_id == Norm.id)
        .where(inspection_clause(user), Inspection.starts_on.between(date_from, date_to))
        .group_by(sa.literal_column("1"))
    )
    add("violations", violations)
    add("repeated", violations.where(repeated_violation()))
    orders = (
        sa.select(
            _key(by, dialect, InspectionOrder.issued_on),
            sa.func.count(InspectionOrder.id),
            sa.func.count(InspectionOrder.fulfilled_on),
        )
        .join(Inspection, InspectionOrder.inspection_id == Inspection.id)
        .join(Employer, Inspection.employer_id == Employer.id)
        .outerjoin(Violation, InspectionOrder.violation_id == Violation.id)
        .outerjoin(Norm, Violation.norm_id == Norm.id)
        .where(inspection_clause(user), InspectionOrder.issued_on.between(date_from, date_to))
        .group_by(sa.literal_column("1"))
    )
    for key, issued, fulfilled in s.execute(orders):
        row = rows.setdefault(str(key or "—"), Row(str(key or "—")))
        row.counts["orders"] += int(issued)
        row.counts["orders_fulfilled"] += int(fulfilled)
    if by != "norm":  # a complaint names no norm
        complaints = (
            sa.select(_key(by, dialect, Complaint.received_on), sa.func.count(Complaint.id))
            .join(Employer, Complaint.employer_id == Employer.id)
            .where(complaint_clause(user), Complaint.received_on.between(date_from, date_to))
            .group_by(sa.literal_column("1"))
        )
        add("complaints", complaints)
    return sorted(rows.values(), key=lambda r: r.key)


def accident_causes(s: orm.Session, user: Any, date_from: date, date_to: date) -> list[tuple[int, int]]:
    """(main cause code, number of cases) of the accidents in the period, most frequent first."""
    from datetime import datetime, time, timedelta

    # A day inside the calendar in Bishkek and in UTC alike (9999-12-31 has no day after it).
    start = datetime.combine(max(date_from, date.min + timedelta(days=1)), time.min, tzinfo=BISHKEK)
    end = datetime.combine(
        min(date_to, date.max - timedelta(days=1)) + timedelta(days=1), time.min, tzinfo=BISHKEK
    )
    stmt = (
        sa.select(Act.main_cause, sa.func.count(Act.id))
        .join(Accident, Act.accident_id == Accident.id)
        .where(
            employer_scope(user, Accident.employer_id),
            counted_act(),  # cases, not acts "not work-related" nor occupational diseases
            Act.main_cause.is_not(None),
            Accident.occurred_at >= start,
            Accident.occurred_at < end,
        )
        .group_by(Act.main_cause)
        .order_by(sa.func.count(Act.id).desc(), Act.main_cause)
    )
    return [(int(cause), int(count)) for cause, count in s.execute(stmt)]


def norm_labels(s: orm.Session) -> dict[str, str]:
    return {str(n.id): f"{n.act}, {n.article}" for n in s.scalars(sa.select(Norm))}


def joint_analysis(
    user: Any, date_from: date, date_to: date, by: str
) -> tuple[list[list[Any]], list[tuple[str, int]]]:
    """The joint analysis of both inspectorates (arts. 2.3, 2.4) as people read it, for the page and its
    exports alike: a row per sector, region, norm or month (its name, then the count of each of METRICS),
    and the main causes of the period's accidents (the cause's name, the number of acts)."""
    from accidents.classifiers import CAUSES
    from core.classifiers import REGION_LABELS, SECTOR_LABELS

    with db.transaction() as s:
        rows = by_dimension(s, user, date_from, date_to, by)
        names: dict[str, Any] = {
            "sector": SECTOR_LABELS,
            "region": REGION_LABELS,
            "norm": norm_labels(s),
            "month": {},
        }[by]
        table = [[str(names.get(r.key, r.key)), *(r.counts[m] for m in METRICS)] for r in rows]
        causes = [
            (str(CAUSES.get(code, code)), count)
            for code, count in accident_causes(s, user, date_from, date_to)
        ]
    return table, causes
