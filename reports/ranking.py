"""View 9 of issue 10: each employer against its sector, and the signals of under-reporting.

For a year, within the viewer's scope and the filters:

- Each employer's Кч (its cases x 1000 / its headcount of the year) and Кт (working days lost / its
  closed non-fatal cases) against its sector's: the sector's cases in the whole country x 1000 / the
  sector's national employment (reports/denominators.py), and the sector's days lost / closed cases.
  The sector's figures are its national total, never one employer's; an officer sees their own
  employer's row and nothing else.
- Flags, as they stand today: arrears (money due under the awards in force and not paid, read as the
  claims' statements read it: reports/money.py), overdue measures (reports/measures.py's states), and
  the year's accidents with a late notice (reports/investigations.py).
- Under-reporting: employers with at least ``workers`` workers in the year and no act of any form on
  an accident in the ``years`` years ending with it; and the non-fatal to fatal ratio by sector and by
  region against the ILO's rule of thumb (500 to 1,000 non-fatal cases a death): below 500, deaths are
  reported and injuries are not.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from accidents.models import Accident, Act, Consequence, Victim
from accidents.models import Measure as ActMeasure
from claims.models import Decision
from claims.services import open_awards
from core.classifiers import Role
from core.db import today_bishkek
from core.employers import Employer, EmployerHeadcount
from reports import cases, denominators, headline, indicators, measures, money
from reports.investigations import late_notice
from reports.sectors import COUNTRY_VIEWER, rate

#: How many years without an act make an employer silent, and how many workers make it "many".
DEFAULT_YEARS = 3
DEFAULT_WORKERS = 100
#: The ILO's rule of thumb: 500 to 1,000 non-fatal cases for each death; fewer point to under-reporting.
ILO_RATIO = 500
#: The orders the employer table may be sorted in (the URL's ``sort``).
SORTS = ("frequency", "severity", "victims", "outstanding", "name")


@dataclass(frozen=True)
class RankingFilters:
    year: int
    region: str | None = None
    sector: str | None = None
    employer_id: int | None = None
    years: int = DEFAULT_YEARS
    workers: int = DEFAULT_WORKERS
    sort: str = "frequency"

    def period(self) -> headline.Filters:
        """The year as the headline filters (the employers in view, the cases)."""
        return headline.Filters(
            date(self.year, 1, 1), date(self.year, 12, 31), self.region, self.sector, self.employer_id
        )


def is_officer(user: Any) -> bool:
    return Role(user.role) is Role.SAFETY_OFFICER


def _case_figures(dialect: str) -> list[Any]:
    dead = cases.dead(dialect)
    closed = sa.and_(Consequence.days_lost.is_not(None), sa.not_(dead))
    return [
        sa.func.count(Victim.id),
        sa.func.coalesce(sa.func.sum(sa.case((dead, 1), else_=0)), 0),
        sa.func.coalesce(sa.func.sum(sa.case((closed, 1), else_=0)), 0),
        sa.func.coalesce(sa.func.sum(sa.case((closed, Consequence.days_lost), else_=0)), 0),
    ]


def _grouped(s: orm.Session, user: Any, f: headline.Filters, key: Any) -> dict[Any, tuple[int, ...]]:
    """(victims, deaths, closed cases, days lost) of the year's cases by ``key``, in ``user``'s scope."""
    dialect = s.get_bind().dialect.name
    stmt = cases.case_query(
        user,
        [key, *_case_figures(dialect)],
        f.date_from,
        f.date_to,
        region=f.region,
        sector=f.sector,
        employer_id=f.employer_id,
    )
    if key is not Accident.employer_id:
        stmt = stmt.join(Employer, Employer.id == Accident.employer_id)
    rows = s.execute(stmt.group_by(key)).all()
    return {row[0]: tuple(int(v or 0) for v in row[1:]) for row in rows}


def _severity(days: int, closed: int) -> Decimal | None:
    return headline._cents(Decimal(days) / closed) if closed else None


def _by_employer(s: orm.Session, stmt: sa.Select[Any]) -> dict[int, int]:
    return {employer_id: int(n) for employer_id, n in s.execute(stmt)}


def _flags(
    s: orm.Session, user: Any, f: RankingFilters, in_view: sa.Select[Any]
) -> dict[str, dict[int, Any]]:
    """Overdue measures today, the year's accidents with a late notice, and the arrears, by employer."""
    dialect = s.get_bind().dialect.name
    overdue = _by_employer(
        s,
        sa.select(Accident.employer_id, sa.func.count(ActMeasure.id))
        .select_from(ActMeasure)
        .join(Act, Act.id == ActMeasure.act_id)
        .join(Accident, Accident.id == Act.accident_id)
        .where(Accident.employer_id.in_(in_view), measures.state(dialect).like("overdue%"))
        .group_by(Accident.employer_id),
    )
    start, end = cases.bounds(date(f.year, 1, 1), date(f.year, 12, 31))
    late = _by_employer(
        s,
        sa.select(Accident.employer_id, sa.func.count(Accident.id))
        .where(
            Accident.employer_id.in_(in_view),
            Accident.occurred_at >= start,
            Accident.occurred_at < end,
            late_notice(dialect),
        )
        .group_by(Accident.employer_id),
    )
    # The employers owing under an award in force; their statements read once, as reports/money.py
    # reads them (one batch of payments for every award), and summed by employer.
    awarded = open_awards(s).where(Decision.employer_id.in_(in_view)).subquery()
    owing = set(s.scalars(sa.select(awarded.c.employer_id).distinct()))
    arrears: dict[int, Decimal] = {}
    if owing:
        for award in money.load(s, user, today_bishkek(), {}):
            employer_id = award.decision.employer_id
            if employer_id in owing:
                arrears[employer_id] = arrears.get(employer_id, Decimal(0)) + award.totals["outstanding"]
    arrears = {employer_id: sum_ for employer_id, sum_ in arrears.items() if sum_ > 0}
    return {"overdue_measures": overdue, "late_notices": late, "arrears": arrears}


def _sectors(s: orm.Session, year: int) -> dict[str, dict[str, Any]]:
    """Each sector's national Кч and Кт (its total over the whole country, whoever views it)."""
    national = denominators.national_by_sector(denominators.employment(s, year))
    totals = _grouped(s, COUNTRY_VIEWER, RankingFilters(year).period(), Employer.sector)
    out = {}
    for sector in set(totals) | set(national.index):
        victims, deaths, closed, days = totals.get(sector, (0, 0, 0, 0))
        employment = int(national[sector]) if sector in national.index else None
        out[sector] = {
            "victims": victims,
            "deaths": deaths,
            "closed": closed,
            "employment": employment,
            "frequency": rate(victims, employment),
            "severity": _severity(days, closed),
            "small": victims < headline.SMALL_NUMBERS,
            "small_severity": closed < headline.SMALL_NUMBERS,
        }
    return out


def employers(s: orm.Session, user: Any, f: RankingFilters) -> list[dict[str, Any]]:
    """One row an employer in view with a headcount or a case in the year, sorted by ``f.sort``."""
    period = f.period()
    in_view = headline.employers_in_view(user, period)
    figures = _grouped(s, user, period, Accident.employer_id)
    headcount = EmployerHeadcount.headcount
    rows_ = s.execute(
        sa.select(Employer.id, Employer.name, Employer.sector, Employer.region, headcount)
        .outerjoin(
            EmployerHeadcount,
            sa.and_(EmployerHeadcount.employer_id == Employer.id, EmployerHeadcount.year == f.year),
        )
        .where(Employer.id.in_(in_view), sa.or_(headcount.is_not(None), Employer.id.in_(list(figures))))
    ).all()
    flags = _flags(s, user, f, in_view)
    national = _sectors(s, f.year)
    out = []
    for employer_id, name, sector, region, workers in rows_:
        victims, deaths, closed, days = figures.get(employer_id, (0, 0, 0, 0))
        mine = {
            "employer_id": employer_id,
            "name": name,
            "sector": sector,
            "region": region,
            "workers": workers,
            "victims": victims,
            "deaths": deaths,
            "closed": closed,
            "frequency": rate(victims, workers),
            "severity": _severity(days, closed),
            "small": victims < headline.SMALL_NUMBERS,
            "small_severity": closed < headline.SMALL_NUMBERS,
            "outstanding": flags["arrears"].get(employer_id),
            "overdue_measures": flags["overdue_measures"].get(employer_id, 0),
            "late_notices": flags["late_notices"].get(employer_id, 0),
        }
        theirs = national.get(sector, {})
        mine["sector_frequency"] = theirs.get("frequency")
        mine["sector_severity"] = theirs.get("severity")
        mine["small_sector"] = theirs.get("small", True)
        mine["small_sector_severity"] = theirs.get("small_severity", True)
        mine["above_frequency"] = _above(mine["frequency"], mine["sector_frequency"])
        mine["above_severity"] = _above(mine["severity"], mine["sector_severity"])
        out.append(mine)
    return sort(out, f.sort)


def _above(value: Decimal | None, sector: Decimal | None) -> bool:
    return value is not None and sector is not None and value > sector


def sort(rows: list[dict[str, Any]], by: str) -> list[dict[str, Any]]:
    """By name, or by a figure highest first (those without one last, then by name)."""
    rows = sorted(rows, key=lambda r: (r["name"].casefold(), r["employer_id"]))
    if by == "name":
        return rows
    return sorted(rows, key=lambda r: (r[by] is None, -(r[by] or 0)))


def silent(s: orm.Session, user: Any, f: RankingFilters) -> list[dict[str, Any]]:
    """Employers in view with at least ``f.workers`` workers in the year and no act on an accident in
    the ``f.years`` years ending with it (the day of their last accident with an act, if any)."""
    start, end = cases.bounds(date(f.year - f.years + 1, 1, 1), date(f.year, 12, 31))
    with_act = (
        sa.select(Accident.employer_id)
        .join(Act, Act.accident_id == Accident.id)
        .where(Accident.occurred_at >= start, Accident.occurred_at < end)
    )
    last = (
        sa.select(sa.func.max(Accident.occurred_at))
        .join(Act, Act.accident_id == Accident.id)
        .where(Accident.employer_id == Employer.id)
        .scalar_subquery()
    )
    stmt = (
        sa.select(
            Employer.id, Employer.name, Employer.sector, Employer.region, EmployerHeadcount.headcount, last
        )
        .join(EmployerHeadcount, EmployerHeadcount.employer_id == Employer.id)
        .where(
            Employer.id.in_(headline.employers_in_view(user, f.period())),
            EmployerHeadcount.year == f.year,
            EmployerHeadcount.headcount >= f.workers,
            Employer.id.not_in(with_act),
        )
        .order_by(EmployerHeadcount.headcount.desc(), Employer.name)
    )
    keys = ("employer_id", "name", "sector", "region", "workers", "last_accident")
    return [dict(zip(keys, row, strict=True)) for row in s.execute(stmt)]


def _ratio(victims: int, deaths: int) -> dict[str, Any]:
    nonfatal = victims - deaths
    value = (Decimal(nonfatal) / deaths).quantize(Decimal("0.1")) if deaths else None
    return {
        "victims": victims,
        "deaths": deaths,
        "nonfatal": nonfatal,
        "ratio": value,
        "below": value is not None and value < ILO_RATIO,
        "small": deaths < headline.SMALL_NUMBERS,
    }


def ratios(s: orm.Session, user: Any, f: RankingFilters) -> dict[str, list[dict[str, Any]]]:
    """The non-fatal to fatal ratio of the year by sector and by region, in scope. An officer gets
    their sector's national total only (no region: that would be other employers' figures)."""
    period = f.period()
    if is_officer(user):
        sector = s.scalar(sa.select(Employer.sector).where(Employer.id == user.employer_id))
        national = _grouped(s, COUNTRY_VIEWER, replace(period, sector=sector), Employer.sector)
        victims, deaths, *_rest = national.get(sector, (0, 0, 0, 0))
        return {"sectors": [{"key": sector, **_ratio(victims, deaths)}], "regions": []}
    by_sector = _grouped(s, user, period, Employer.sector)
    by_region = _grouped(s, user, period, Employer.region)
    return {
        "sectors": [{"key": k, **_ratio(v[0], v[1])} for k, v in sorted(by_sector.items())],
        "regions": [{"key": k, **_ratio(v[0], v[1])} for k, v in sorted(by_region.items())],
    }


def compute(s: orm.Session, user: Any, f: RankingFilters) -> dict[str, Any]:
    """The view: ``employers`` (the ranking), ``silent`` (no act for years) and ``ratios``.

    Computed once per data version, scope, filters and day in each worker (reports/indicators.py's
    ``cached``, the dashboard's cache): any write computes it again, and the flags that age with the
    clock are at most the cache's age old. Each caller gets its own copy of the rows to label."""
    if is_officer(user):
        f = replace(f, region=None, sector=None, employer_id=None)
    kept = indicators.cached(s, user, ("ranking", f, today_bishkek()), lambda: _compute(s, user, f))
    return {
        "employers": [dict(row) for row in kept["employers"]],
        "silent": [dict(row) for row in kept["silent"]],
        "ratios": {key: [dict(row) for row in rows] for key, rows in kept["ratios"].items()},
    }


def _compute(s: orm.Session, user: Any, f: RankingFilters) -> dict[str, Any]:
    return {"employers": employers(s, user, f), "silent": silent(s, user, f), "ratios": ratios(s, user, f)}
