"""The yearly labour-protection review of the country or one region (issue 10, view 11).

Pure assembly: every figure is the one an existing view computes (reports/headline.py, trends.py,
sectors.py, sections.py over causes.py, investigations.py and measures.py, money.py, fund.py), asked
for the calendar year and the region, within the viewer's scope. Nothing is re-queried differently, so
the review agrees with the pages a reader can open to check it. The PDF is reports/yearly_pdf.py's.

Who gets which review (:func:`scope_of`): the ministry (an administrator) and an inspector or the Social
Fund without a region get the country's or any region's; an inspector or the Fund of a region their own
region's (asked for nothing, the review is of their region); a safety officer their own employer's, and
a refusal (403) when they ask for a region, since a review titled with a region but counting one
employer would mislead whoever reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from core.classifiers import Region, Role
from core.employers import Employer
from core.errors import Forbidden
from reports import causes, fund, headline, investigations, measures, money, sections, sectors, trends

#: The first year a review may be asked for (the register's data begin later; earlier years say "no data").
FIRST_YEAR = 2000
#: The tables of views 4-6 the review prints: the causes' Pareto, who gets hurt, investigation health
#: by inspectorate, the measures by state.
CAUSES_KEY, WHO_KEY = "causes", "sex_age"


@dataclass(frozen=True)
class Scope:
    """What the review covers: the country (region None), one region, or the officer's own employer."""

    region: str | None
    employer: str | None = None

    @property
    def country(self) -> bool:
        return self.region is None and self.employer is None


@dataclass(frozen=True)
class YearlyReport:
    """A year's review: the tables of its parts, as the views compute them (labels already translated)."""

    year: int
    scope: Scope
    prepared_on: date
    #: headline.compute of the year and of the year before.
    figures: dict[str, Any]
    earlier: dict[str, Any]
    #: The year's months ("YYYY-MM" → row of trends.compute: the classes, total, year_earlier, rolling_rate).
    months: list[tuple[str, dict[str, Any]]]
    #: sectors.compute: sectors against the national rate, the country, the regions.
    sectors: dict[str, Any]
    causes: sections.Table
    who: sections.Table
    investigations: sections.Table
    measures: sections.Table
    #: Money of the awards in force on ``money_as_of``: money.summed's sums and the arrears by age.
    money_as_of: date
    money: dict[str, Any]
    arrears: dict[str, Decimal]
    #: The Social Fund's sums of the year by region (fund.compute's rows of that year) and their total.
    fund_rows: list[dict[str, Any]]
    fund_total: dict[str, Decimal]

    @property
    def empty(self) -> bool:
        """No case in the year: the review says so instead of printing tables of noughts."""
        return not self.figures["victims"]


def scope_of(s: orm.Session, user: Any, region: str | None) -> Scope:
    """The review ``user`` gets when asking for ``region`` (None: the country); Forbidden otherwise."""
    role = Role(user.role)
    if role is Role.SAFETY_OFFICER:
        if region:
            raise Forbidden()
        name = s.scalar(sa.select(Employer.name).where(Employer.id == user.employer_id))
        return Scope(None, str(name or ""))
    if region and region not in {r.value for r in Region}:
        raise Forbidden()
    own = str(user.region) if role is not Role.ADMIN and user.region else None
    if own:
        if region and region != own:
            raise Forbidden()
        return Scope(own)
    return Scope(region or None)


def build(s: orm.Session, user: Any, year: int, scope: Scope, today: date, missing: str) -> YearlyReport:
    """The review of ``year`` for ``scope`` as ``user`` may see it, prepared ``today``.

    Call it in the reader's locale: the tables of views 4-6 carry translated labels (``missing``: the
    label of a row without a value, "Not recorded")."""
    region = scope.region
    period = headline.Filters(date(year, 1, 1), date(year, 12, 31), region)
    figures = headline.compute(s, user, period)
    earlier = headline.compute(s, user, period.earlier())
    table = trends.compute(s, user, trends.TrendFilters(date(year, 12, 1), region))
    months = [(str(m), dict(row)) for m, row in table.iloc[-12:].iterrows()]
    by_sector = sectors.compute(s, user, sectors.SectorFilters(year, region))
    specs = {spec.key: spec for spec in causes.SPECS}
    as_of = min(date(year, 12, 31), today)
    filters = {"region": region} if region else {}
    awards = money.load(s, user, as_of, filters)
    sums = fund.compute(s, user, filters)
    fund_rows = [r for r in sums["rows"] if r["year"] == year]
    fund_total = {k: sum((r[k] for r in fund_rows), fund.ZERO) for k in fund.SUMS}
    return YearlyReport(
        year=year,
        scope=scope,
        prepared_on=today,
        figures=figures,
        earlier=earlier,
        months=months,
        sectors=by_sector,
        causes=sections.compute(s, user, period, specs[CAUSES_KEY], missing),
        who=sections.compute(s, user, period, specs[WHO_KEY], missing),
        investigations=sections.compute(s, user, period, investigations.BY_INSPECTORATE, missing),
        measures=sections.compute(s, user, period, measures.SPECS[0], missing),
        money_as_of=as_of,
        money=money.summed(awards),
        arrears=money.aged_sums(awards),
        fund_rows=fund_rows,
        fund_total=fund_total,
    )
