"""The headline indicators of a period (issue 10, view 1, and ``GET /api/v1/reports/indicators``).

Counted in SQL over the cases (reports/cases.py), within the user's scope and the filters:

- Кч = N x 1000 / Р, Ксм = D x 1000 / Р (domain facts §5.5); fatal and non-fatal per 100,000
  workers (ILO, SDG 8.8.1); N per 1,000,000 hours worked (16th ICLS).
- Кт = days lost / (N - D) over closed cases: the non-fatal cases whose consequences give the
  working days lost; Кп = Кч x Кт.

Р is the period's average listed headcount: each year's headcount weighted by the period's days in
that year. A rate counts only the employers that reported the denominator for every year of the
period, in its numerator as in its denominator (the ILO's "same coverage"); where none did, the rate
is null ("no data"), never a guess. Hours are each year's hours pro rata to the period's days in it.
An inspectorate reviews cases, it has no workers: under that filter the rates are null.

By sex (``Filters.sex``): the victims of that sex over the employers' headcount of that sex, the
women where the employer reports them (``EmployerHeadcount.women``) and the men the rest of the
headcount; an employer that did not report its women for every year of the period is out of the
rates' coverage, and where none did the rates are "no data". Hours are not reported by sex: the rate
per million hours is null under that filter.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from accidents.models import Accident, Consequence, Victim
from core.auth.permissions import employer_scope
from core.employers import Employer, EmployerHeadcount
from reports import cases

CENT = Decimal("0.01")
#: Below this many cases a rate says little (it moves by a whole case): the page greys it.
SMALL_NUMBERS = 5


@dataclass(frozen=True)
class Filters:
    date_from: date
    date_to: date
    region: str | None = None
    sector: str | None = None
    employer_id: int | None = None
    inspectorate: str | None = None
    #: "female" or "male" (accidents.classifiers.Sex): that sex's victims and headcount only.
    sex: str | None = None

    def earlier(self) -> Filters:
        """The same period a year earlier (29 February becomes the 28th)."""

        def back(day: date) -> date:
            if day.month == 2 and day.day == 29:
                return date(day.year - 1, 2, 28)
            return day.replace(year=day.year - 1)

        return Filters(
            back(self.date_from),
            back(self.date_to),
            self.region,
            self.sector,
            self.employer_id,
            self.inspectorate,
            self.sex,
        )


def year_days(date_from: date, date_to: date) -> dict[int, int]:
    """Days of the period in each calendar year it touches."""
    out: dict[int, int] = {}
    for year in range(date_from.year, date_to.year + 1):
        start, end = max(date_from, date(year, 1, 1)), min(date_to, date(year, 12, 31))
        out[year] = (end - start).days + 1
    return out


def employers_in_view(user: Any, f: Filters) -> sa.Select[Any]:
    """The employers in ``user``'s scope under the filters (the headcount's, not the cases')."""
    stmt = sa.select(Employer.id).where(employer_scope(user, Employer.id))
    if f.region:
        stmt = stmt.where(Employer.region == f.region)
    if f.sector:
        stmt = stmt.where(Employer.sector == f.sector)
    if f.employer_id is not None:
        stmt = stmt.where(Employer.id == f.employer_id)
    return stmt


def _covered(user: Any, f: Filters, years: list[int], hours: bool) -> sa.Select[Any]:
    """Employers in scope with a headcount (or hours) for every year of the period; by sex, those
    that reported their women every year (hours are never by sex: none then)."""
    stmt = sa.select(EmployerHeadcount.employer_id).where(
        EmployerHeadcount.employer_id.in_(employers_in_view(user, f)), EmployerHeadcount.year.in_(years)
    )
    if hours:
        stmt = stmt.where(EmployerHeadcount.hours_worked.is_not(None))
        if f.sex:
            stmt = stmt.where(sa.false())
    if f.sex:
        stmt = stmt.where(EmployerHeadcount.women.is_not(None))
    return stmt.group_by(EmployerHeadcount.employer_id).having(sa.func.count() == len(years))


def compute(s: orm.Session, user: Any, f: Filters) -> dict[str, Any]:
    """The figures and rates of the period; rates are Decimals to the cent, or None without a denominator."""
    dialect = s.get_bind().dialect.name
    days = year_days(f.date_from, f.date_to)
    years = list(days)
    covered, covered_hours = _covered(user, f, years, False), _covered(user, f, years, True)
    dead = cases.dead(dialect)
    closed = sa.and_(Consequence.id.is_not(None), Consequence.days_lost.is_not(None), sa.not_(dead))

    def total(condition: Any) -> Any:
        return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)

    in_covered = Accident.employer_id.in_(covered)
    row = s.execute(
        cases.case_query(
            user,
            [
                sa.func.count(Victim.id),
                total(dead),
                total(closed),
                sa.func.coalesce(sa.func.sum(sa.case((closed, Consequence.days_lost), else_=0)), 0),
                total(in_covered),
                total(sa.and_(in_covered, dead)),
                total(Accident.employer_id.in_(covered_hours)),
            ],
            f.date_from,
            f.date_to,
            region=f.region,
            sector=f.sector,
            employer_id=f.employer_id,
            inspectorate=f.inspectorate,
            sex=f.sex,
        )
    ).one()
    victims, deaths, closed_cases, days_lost, n_covered, d_covered, n_hours = (int(v or 0) for v in row)
    headcount = hours = None
    if not f.inspectorate:
        people: Any = EmployerHeadcount.headcount
        if f.sex == "female":
            people = EmployerHeadcount.women
        elif f.sex == "male":
            people = EmployerHeadcount.headcount - EmployerHeadcount.women
        weighted = sa.func.sum(people * sa.case(days, value=EmployerHeadcount.year, else_=0))
        by_year = s.execute(
            sa.select(sa.func.count(), weighted).where(
                EmployerHeadcount.employer_id.in_(covered), EmployerHeadcount.year.in_(years)
            )
        ).one()
        if by_year[0]:
            headcount = Decimal(int(by_year[1] or 0)) / sum(days.values())
        hour_rows = s.execute(
            sa.select(EmployerHeadcount.year, sa.func.sum(EmployerHeadcount.hours_worked))
            .where(EmployerHeadcount.employer_id.in_(covered_hours), EmployerHeadcount.year.in_(years))
            .group_by(EmployerHeadcount.year)
        ).all()
        if hour_rows:
            hours = sum(
                (Decimal(int(h or 0)) * days[y] / (366 if calendar.isleap(y) else 365) for y, h in hour_rows),
                Decimal(0),
            )

    def per(numerator: int, base: int, denominator: Decimal | None) -> Decimal | None:
        if denominator is None or denominator <= 0:
            return None
        return Decimal(numerator) * base / denominator

    frequency = per(n_covered, 1000, headcount)
    severity = Decimal(days_lost) / closed_cases if closed_cases else None
    return {
        "victims": victims,
        "deaths": deaths,
        "days_lost": days_lost,
        "closed_cases": closed_cases,
        "headcount": None if headcount is None else int(headcount.quantize(Decimal(1), ROUND_HALF_UP)),
        "hours_worked": None if hours is None else int(hours.quantize(Decimal(1), ROUND_HALF_UP)),
        "frequency_rate": _cents(frequency),
        "fatal_frequency_rate": _cents(per(d_covered, 1000, headcount)),
        "severity_rate": _cents(severity),
        "loss_rate": _cents(frequency * severity if frequency is not None and severity is not None else None),
        "fatal_per_100k": _cents(per(d_covered, 100_000, headcount)),
        "nonfatal_per_100k": _cents(per(n_covered - d_covered, 100_000, headcount)),
        "per_million_hours": _cents(per(n_hours, 1_000_000, hours)),
    }


def _cents(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(CENT, ROUND_HALF_UP)


#: The indicators and what each rate's reliability rests on (the number of cases in its numerator).
RATES = (
    "frequency_rate",
    "fatal_frequency_rate",
    "severity_rate",
    "loss_rate",
    "fatal_per_100k",
    "nonfatal_per_100k",
    "per_million_hours",
)
RATE_BASIS = {
    "frequency_rate": "victims",
    "fatal_frequency_rate": "deaths",
    "severity_rate": "closed_cases",
    "loss_rate": "closed_cases",
    "fatal_per_100k": "deaths",
    "nonfatal_per_100k": "victims",
    "per_million_hours": "victims",
}


def small(figures: dict[str, Any], rate: str) -> bool:
    """Too few cases behind ``rate`` for it to mean much (the page greys it)."""
    return figures[RATE_BASIS[rate]] < SMALL_NUMBERS


def year_to_date(today: date) -> Filters:
    """The headline view's default period: this year up to today."""
    return Filters(date(today.year, 1, 1), today)
