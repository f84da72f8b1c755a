"""Indicators for the dashboards: aggregated in SQL, shaped by small pure DataFrame functions.

Every query is limited by the user's scope (``employer_scope``), so a safety officer's
dashboard counts only their employer, a regional inspector's only their region.
Rates follow the CIS practice the inspectorates report in (domain facts §5.5):
Кч = cases x 1000 / average headcount; Ксм = deaths x 1000 / headcount, where a case is a victim
of a work-related accident with an act N-1 (reports/cases.py), not an accident.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date, timedelta
from typing import Any, TypeVar

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import orm

from accidents.models import Accident, Victim
from accidents.services import fund_clause, overdue_clause
from claims.models import Capitalisation, Claim, ClaimStatus, MsecFinding
from claims.services import fund_claims
from core import data_version
from core.auth.permissions import employer_scope
from core.classifiers import Role
from core.db import now_utc
from core.employers import Employer, EmployerHeadcount
from reports import cases

T = TypeVar("T")
#: The dashboard's figures and charts of this worker, valid for one data version (core/data_version.py).
_cache = data_version.Cache()


def scope_key(user: Any) -> tuple[Any, ...]:
    """What of ``user`` decides which records the indicators count: every query here limits by
    ``employer_scope``, ``fund_clause``/``fund_claims`` and ``_fund_employers``, which read these three
    only. Viewers with the same scope share cached figures; any other viewer never sees them."""
    return (str(user.role), user.employer_id, user.region)


def cached(s: orm.Session, user: Any, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or its value kept from an earlier request at the same data version, for the
    same scope and ``key`` (the filters, and the language of anything with words)."""
    return _cache.get(s, (scope_key(user), key), compute)


def local_month(column: Any, dialect: str) -> Any:
    """The Bishkek calendar month ("YYYY-MM") of a UTC timestamp, computed by the database.

    Kyrgyzstan keeps UTC+6 all year (no daylight saving since 2005), so SQLite can shift by six hours.
    """
    if dialect == "postgresql":
        return sa.func.to_char(sa.func.timezone("Asia/Bishkek", column), "YYYY-MM")
    return sa.func.strftime("%Y-%m", column, "+6 hours")


def _scoped(user: Any, stmt: sa.Select[Any], employer_column: Any, region: str | None) -> sa.Select[Any]:
    stmt = stmt.where(employer_scope(user, employer_column))
    if region:
        stmt = stmt.where(employer_column.in_(sa.select(Employer.id).where(Employer.region == region)))
    return stmt


def _fund_employers(user: Any) -> sa.ColumnElement[bool]:
    """The Social Fund's rates are those of the employers whose cases it took over; others' unlimited."""
    if Role(user.role) is not Role.SOCIAL_FUND:
        return sa.true()
    return Employer.id.in_(sa.select(Capitalisation.employer_id))


def accidents_by_month(s: orm.Session, user: Any, year: int, region: str | None = None) -> pd.DataFrame:
    """Cases of ``year`` (cases.py: victims of work-related accidents, N-1) by Bishkek month and
    severity: one row per month, one column per severity class."""
    dialect = s.get_bind().dialect.name
    month = local_month(Accident.occurred_at, dialect).label("month")
    severity = cases.severity_class(dialect).label("severity")
    columns = [month, severity, sa.func.count().label("n")]
    stmt = cases.case_query(user, columns, date(year, 1, 1), date(year, 12, 31), region=region)
    stmt = stmt.group_by(month, severity)
    rows = pd.DataFrame(s.execute(stmt).all(), columns=["month", "severity", "n"])
    return by_month(rows, year)


def by_month(rows: pd.DataFrame, year: int) -> pd.DataFrame:
    """Long (month, severity, n) rows as a full year's table: every month and class, zeros filled."""
    months = [f"{year}-{m:02d}" for m in range(1, 13)]
    table = rows.pivot_table(index="month", columns="severity", values="n", aggfunc="sum", fill_value=0)
    table = table.reindex(index=months, columns=list(cases.SEVERITY_CLASSES), fill_value=0)
    return table.fillna(0).astype(int)


def frequency_rates(s: orm.Session, user: Any, year: int, region: str | None = None) -> pd.DataFrame:
    """Per employer: cases (cases.py), deaths among them, headcount, Кч and Ксм for ``year``."""
    dialect = s.get_bind().dialect.name
    # Counted within the scope too, not only joined to it: an officer's rates read one employer's
    # accidents, not the country's (bench/scale.py).
    victims = (
        cases.case_query(
            user,
            [
                Accident.employer_id,
                sa.func.count(Victim.id).label("victims"),
                sa.func.sum(sa.case((cases.dead(dialect), 1), else_=0)).label("fatal"),
            ],
            date(year, 1, 1),
            date(year, 12, 31),
            region=region,
        )
        .group_by(Accident.employer_id)
        .subquery()
    )
    stmt = _scoped(
        user,
        sa.select(
            Employer.name,
            Employer.region,
            sa.func.coalesce(victims.c.victims, 0),
            sa.func.coalesce(victims.c.fatal, 0),
            EmployerHeadcount.headcount,
        )
        .outerjoin(victims, victims.c.employer_id == Employer.id)
        .outerjoin(
            EmployerHeadcount,
            (EmployerHeadcount.employer_id == Employer.id) & (EmployerHeadcount.year == year),
        )
        .where(_fund_employers(user))
        .order_by(Employer.name),
        Employer.id,
        region,
    )
    rows = pd.DataFrame(
        s.execute(stmt).all(), columns=["employer", "region", "victims", "fatal", "headcount"]
    )
    return with_rates(rows)


def with_rates(rows: pd.DataFrame) -> pd.DataFrame:
    """Кч and Ксм per 1,000 workers; blank where the headcount is unknown (never a division by zero)."""
    out = rows.copy()
    headcount = pd.to_numeric(out["headcount"], errors="coerce")
    valid = headcount > 0
    out["frequency"] = (out["victims"] * 1000 / headcount).where(valid).round(2)
    out["fatality"] = (out["fatal"] * 1000 / headcount).where(valid).round(2)
    return out


def dashboard(s: orm.Session, user: Any, year: int, region: str | None, today: date) -> dict[str, Any]:
    """What the dashboard page shows, within ``user``'s scope: the work queue of ``today``, the cases of
    ``year`` by month (and their total) and the frequency rates per employer.

    Computed once per data version, scope and filters in each worker (``cached``): the figures are
    read-only for the templates."""

    def compute() -> dict[str, Any]:
        months = accidents_by_month(s, user, year, region)
        rates = frequency_rates(s, user, year, region)
        return {
            "work": workload(s, user, today, region),
            "months": months,
            "total": int(months.to_numpy().sum()),
            "rates": rates,
            # The tables' rows as plain Python, made once with the figures: walking the frames row by
            # row in the template (a Series a row) cost more than the rest of the page.
            "month_rows": [
                (month, [int(n) for n in row])
                for month, row in zip(months.index, months.to_numpy(), strict=True)
            ],
            "rate_rows": list(rates.itertuples()),
            "any_rate": bool(rates["frequency"].notna().any()),
        }

    return cached(s, user, ("dashboard", year, region, today), compute)


def workload(s: orm.Session, user: Any, today: date, region: str | None = None) -> dict[str, int]:
    """What needs doing now: open investigations, overdue ones, claims past the 10-day deadline,
    claims due within 3 days, MSEC re-examinations due within 30 days or lapsed."""

    def count(stmt: sa.Select[Any]) -> int:
        return int(s.scalar(sa.select(sa.func.count()).select_from(stmt.subquery())) or 0)

    open_statuses = ("reported", "investigating", "act_submitted", "under_review", "returned")
    fund = Role(user.role) is Role.SOCIAL_FUND  # its capitalised cases only (design.md, roles)
    accidents = _scoped(user, sa.select(Accident.id), Accident.employer_id, region).where(
        fund_clause(user, Accident.id)
    )
    claims = _scoped(user, sa.select(Claim.id), Claim.employer_id, region).where(fund_claims(user, Claim.id))
    findings = _scoped(user, sa.select(MsecFinding.id), MsecFinding.employer_id, region).where(
        sa.false() if fund else sa.true()  # the Fund handles no findings
    )
    later = orm.aliased(MsecFinding)
    return {
        "open_investigations": count(accidents.where(Accident.status.in_(open_statuses))),
        "overdue_investigations": count(accidents.where(overdue_clause(today, now_utc()))),
        # Undecided past the ten days: read as deemed refusals (art. 257), still waiting for an order.
        "claims_overdue": count(
            claims.where(Claim._status == ClaimStatus.FILED, Claim.decision_due_on < today)
        ),
        "claims_due_soon": count(
            claims.where(
                Claim.status == ClaimStatus.FILED,
                Claim.decision_due_on.between(today, today + timedelta(days=3)),
            )
        ),
        "deemed_refusals": count(claims.where(Claim.status == ClaimStatus.DEEMED_REFUSED)),
        "reexaminations_due": count(
            findings.where(MsecFinding.reexamination_on.between(today, today + timedelta(days=30)))
        ),
        "reexaminations_lapsed": count(
            findings.where(
                MsecFinding.reexamination_on < today, ~sa.exists().where(later.previous_id == MsecFinding.id)
            )
        ),
    }
