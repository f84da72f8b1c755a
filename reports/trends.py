"""View 2 of issue 10: 36 months of cases by severity, the same month a year earlier, and a
12-month rolling Кч.

Counted in SQL (GROUP BY month and severity class over reports/cases.py's cases), shaped with pandas.
The rolling Кч of a month is N x 1000 / Р over the twelve months ending with it, where N counts the
cases of the employers that reported a headcount for the case's year and Р is the mean over those
months of that year's headcount of the employers in view that reported it (the same coverage in the
numerator as in the denominator, month by month). A window with a month whose year no employer in
view reported is "no data" (None); so is a window whose Р is zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import orm

from accidents.models import Accident, Victim
from core.employers import EmployerHeadcount
from reports import cases, headline
from reports.indicators import local_month

#: Months shown; the rolling rate and the year-earlier column reach 12 months further back.
MONTHS = 36
WINDOW = 12
#: The severity columns, in the order of the table and the chart's stack.
CLASSES = ("fatal", "severe", "light", "unknown")


@dataclass(frozen=True)
class TrendFilters:
    """The last month shown (its first day) and the filters of view 1 (without the inspectorate)."""

    month: date
    region: str | None = None
    sector: str | None = None
    employer_id: int | None = None


def shift(month: date, months: int) -> date:
    """The first day of the month ``months`` after (negative: before) ``month``."""
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(month: date) -> date:
    return shift(month, 1) - timedelta(days=1)


def labels(last: date, count: int) -> list[str]:
    """The "YYYY-MM" periods of the ``count`` months ending with ``last``."""
    return [shift(last, k - count + 1).strftime("%Y-%m") for k in range(count)]


def compute(s: orm.Session, user: Any, f: TrendFilters) -> pd.DataFrame:
    """One row per month shown ("YYYY-MM" index): cases by severity class, ``total``, ``year_earlier``
    (the same month's total a year before), ``window_cases`` (the covered cases of the 12 months),
    ``headcount`` (their mean Р) and ``rolling_rate`` (Decimal to the cent, or None: no data)."""
    dialect = s.get_bind().dialect.name
    first = shift(f.month, -(MONTHS + WINDOW - 1))
    span = labels(f.month, MONTHS + WINDOW)
    month = local_month(Accident.occurred_at, dialect).label("month")
    severity = cases.severity_class(dialect).label("severity")
    reported = sa.exists().where(
        EmployerHeadcount.employer_id == Accident.employer_id,
        EmployerHeadcount.year == sa.cast(sa.func.substr(month, 1, 4), sa.Integer),
    )
    stmt = cases.case_query(
        user,
        [month, severity, sa.func.count(Victim.id), sa.func.sum(sa.case((reported, 1), else_=0))],
        first,
        month_end(f.month),
        region=f.region,
        sector=f.sector,
        employer_id=f.employer_id,
    ).group_by(month, severity)
    rows = pd.DataFrame(s.execute(stmt).all(), columns=["month", "severity", "n", "covered"])
    table = rows.pivot_table(index="month", columns="severity", values="n", aggfunc="sum", fill_value=0)
    table = table.reindex(index=span, columns=list(CLASSES), fill_value=0).astype("int64")
    table["total"] = table[list(CLASSES)].sum(axis=1)
    covered = rows.groupby("month")["covered"].sum().reindex(span, fill_value=0).astype("int64")
    headcounts = _headcounts(s, user, f, first.year, f.month.year)
    monthly = pd.Series([headcounts.get(int(m[:4])) for m in span], index=span, dtype="object")

    out = table.loc[span[-MONTHS:]].copy()
    out["year_earlier"] = [int(table.loc[shift_label(m, -12), "total"]) for m in out.index]
    window_cases, window_headcount, rates = [], [], []
    for m in out.index:
        months = span[span.index(m) - WINDOW + 1 : span.index(m) + 1]
        n = int(covered.loc[months].sum())
        values = [monthly.loc[k] for k in months]
        mean = None if any(v is None for v in values) else Decimal(sum(values)) / WINDOW
        window_cases.append(n)
        window_headcount.append(mean)
        rates.append(None if not mean else headline._cents(Decimal(n) * 1000 / mean))
    out["window_cases"] = window_cases
    out["headcount"] = window_headcount
    out["rolling_rate"] = rates
    return out


def shift_label(period: str, months: int) -> str:
    return shift(date(int(period[:4]), int(period[5:]), 1), months).strftime("%Y-%m")


def _headcounts(s: orm.Session, user: Any, f: TrendFilters, first: int, last: int) -> dict[int, int]:
    """Each year's summed headcount of the employers in view that reported it (a year none did is absent)."""
    view = headline.Filters(date(first, 1, 1), date(last, 12, 31), f.region, f.sector, f.employer_id)
    stmt = (
        sa.select(EmployerHeadcount.year, sa.func.sum(EmployerHeadcount.headcount))
        .where(
            EmployerHeadcount.employer_id.in_(headline.employers_in_view(user, view)),
            EmployerHeadcount.year.between(first, last),
        )
        .group_by(EmployerHeadcount.year)
    )
    return {int(year): int(total or 0) for year, total in s.execute(stmt).all()}


def small(row: Any) -> bool:
    """Too few cases in the window for its rate to mean much (view 1's threshold)."""
    return bool(row["window_cases"] < headline.SMALL_NUMBERS)
