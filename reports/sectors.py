"""View 3 of issue 10: each GKED sector's Кч and Ксм against the national rate, and the regions'
rates, crude and standardised by the national sector mix.

For a year. The cases are counted in SQL (GROUP BY the employer's sector and region over
reports/cases.py's cases); the denominators are the national ones (reports/denominators.py), or, for
one employer, its own headcount. pandas and Decimal do the arithmetic over the grouped rows.

- A sector's national rate: its cases in the whole country x 1000 / its national employment. Every
  viewer sees it: it is the sector's total, never one employer's figure.
- The figures "in view" are the viewer's scope under the filters: one employer (an officer's own, or
  the filter's) against its headcount; one region (a regional inspector's, or the filter's) against
  the region's employment in the sector; otherwise the country's.
- Regions: the sectors S with a national figure make the national mix (w_s = E_s / sum E). A region's
  crude rate is sum N_rs x 1000 / sum E_rs over S; its standardised rate is sum w_s x N_rs x 1000 /
  E_rs (direct standardisation). A region without a figure for every sector of S is "no data".
- A rate on fewer than :data:`reports.headline.SMALL_NUMBERS` cases is flagged small (greyed).
- By sex (:func:`national_by_sex`): each sector's women and men victims in the whole country over the
  national employment of that sex, where the source breaks it down (a figure of "female" or "male");
  a sector without one is "no data" for that sex, never its share of the total guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import orm

from accidents.models import Accident, Victim
from core.auth.permissions import employer_scope
from core.classifiers import SECTOR_LABELS, Region, Role
from core.employers import Employer, EmployerHeadcount
from reports import cases, denominators, headline
from reports.models import COUNTRY


@dataclass(frozen=True)
class SectorFilters:
    year: int
    region: str | None = None
    employer_id: int | None = None


class _Country:
    """The whole country as a viewer: the national totals count every case (no one's scope)."""

    role = Role.ADMIN.value
    region = None
    employer_id = None


COUNTRY_VIEWER = _Country()


def rate(cases_: int, base: Decimal | int | None, per: int = 1000) -> Decimal | None:
    """``cases_`` x ``per`` / ``base`` to the cent; None ("no data") without a positive denominator."""
    if base is None or base <= 0:
        return None
    return headline._cents(Decimal(cases_) * per / Decimal(base))


def _counts(
    s: orm.Session, user: Any, year: int, employer_id: int | None = None, sex: str | None = None
) -> pd.DataFrame:
    """Cases and deaths of ``year`` by the employer's sector and region, within ``user``'s scope (of
    the victims of ``sex`` only, where given)."""
    dialect = s.get_bind().dialect.name
    dead = sa.func.sum(sa.case((cases.dead(dialect), 1), else_=0))
    stmt = (
        cases.case_query(
            user,
            [Employer.sector, Employer.region, sa.func.count(Victim.id), dead],
            date(year, 1, 1),
            date(year, 12, 31),
            employer_id=employer_id,
            sex=sex,
        )
        .join(Employer, Employer.id == Accident.employer_id)
        .group_by(Employer.sector, Employer.region)
    )
    frame = pd.DataFrame(s.execute(stmt).all(), columns=["sector", "region", "victims", "deaths"])
    return frame.astype({"victims": "int64", "deaths": "int64"})


def _scope_region(user: Any, f: SectorFilters) -> str | None:
    """The one region in view: a regional viewer's own (whatever the filter says), or the filter's."""
    if Role(user.role) is not Role.SAFETY_OFFICER and user.region:
        return str(user.region)
    return f.region


def _employer(s: orm.Session, user: Any, f: SectorFilters) -> tuple[Employer, int | None] | None:
    """The one employer in view (an officer's own, or the filter's) and its headcount of the year."""
    employer_id = user.employer_id if Role(user.role) is Role.SAFETY_OFFICER else f.employer_id
    if employer_id is None:
        return None
    employer = s.scalar(
        sa.select(Employer).where(Employer.id == employer_id, employer_scope(user, Employer.id))
    )
    if employer is None:
        return None
    headcount = s.scalar(
        sa.select(EmployerHeadcount.headcount).where(
            EmployerHeadcount.employer_id == employer.id, EmployerHeadcount.year == f.year
        )
    )
    return employer, headcount


def compute(s: orm.Session, user: Any, f: SectorFilters) -> dict[str, Any]:
    """``sectors``: one dict a sector (in view and national figures, rates, small flags);
    ``country``: the country's cases and its all-sector rates (over the sectors with a national
    figure); ``regions``: one dict a region in view (none for one employer); ``view``: "employer",
    "region" or "country"."""
    table = denominators.employment(s, f.year)
    national = denominators.national_by_sector(table)
    everyone = _counts(s, COUNTRY_VIEWER, f.year)
    by_sector = everyone.groupby("sector")[["victims", "deaths"]].sum()
    regional = table[table["region"] != COUNTRY].set_index(["sector", "region"])["employment"]
    one = _employer(s, user, f)
    region = None if one else _scope_region(user, f)
    if one:
        employer, headcount = one
        own = _counts(s, user, f.year, employer.id)
        in_view = own.groupby("sector")[["victims", "deaths"]].sum()
        denominator: dict[str, int | None] = {employer.sector: headcount}
        shown = [employer.sector]
        view = "employer"
    else:
        scoped = _counts(s, user, f.year)
        if region:
            scoped = scoped[scoped["region"] == region]
        in_view = scoped.groupby("sector")[["victims", "deaths"]].sum()
        if region:
            denominator = {k: int(regional[(k, region)]) for k in SECTOR_LABELS if (k, region) in regional}
        else:
            denominator = {k: int(v) for k, v in national.items()}
        known = set(in_view.index) | set(national.index) | set(by_sector.index)
        shown = [k for k in SECTOR_LABELS if k in known]
        view = "region" if region else "country"

    def figures(frame: pd.DataFrame, key: str) -> tuple[int, int]:
        if key not in frame.index:
            return 0, 0
        return int(frame.loc[key, "victims"]), int(frame.loc[key, "deaths"])

    sectors = []
    for key in shown:
        victims, deaths = figures(in_view, key)
        n_victims, n_deaths = figures(by_sector, key)
        base = denominator.get(key)
        n_base = int(national[key]) if key in national.index else None
        sectors.append(
            {
                "sector": key,
                "victims": victims,
                "deaths": deaths,
                "denominator": base,
                "frequency": rate(victims, base),
                "fatal": rate(deaths, base),
                "national_victims": n_victims,
                "national_deaths": n_deaths,
                "national_employment": n_base,
                "national_frequency": rate(n_victims, n_base),
                "national_fatal": rate(n_deaths, n_base),
                "small": victims < headline.SMALL_NUMBERS,
                "small_fatal": deaths < headline.SMALL_NUMBERS,
                "small_national": n_victims < headline.SMALL_NUMBERS,
                "small_national_fatal": n_deaths < headline.SMALL_NUMBERS,
            }
        )
    mix = list(national.index)
    covered = by_sector[by_sector.index.isin(mix)]
    total = int(national.sum()) if mix else None
    country = {
        "victims": int(by_sector["victims"].sum()),
        "deaths": int(by_sector["deaths"].sum()),
        "employment": total,
        "frequency": rate(int(covered["victims"].sum()), total),
        "fatal": rate(int(covered["deaths"].sum()), total),
    }
    regions = [] if one else _regions(everyone, regional, national, [region] if region else list(Region))
    return {"view": view, "sectors": sectors, "country": country, "regions": regions, "mix": mix}


SEXES = ("female", "male")


def national_by_sex(s: orm.Session, year: int) -> list[dict[str, Any]]:
    """One row a sector with a case or a national figure by sex in ``year``: for each sex its victims
    and deaths in the whole country, its national employment, Кч and Ксм (None: no figure of that
    sex) and the small flags; keys ``female_victims``, ``male_frequency``, ``small_female``..."""
    figures: dict[str, tuple[pd.DataFrame, pd.Series]] = {}
    for sex in SEXES:
        counts = _counts(s, COUNTRY_VIEWER, year, sex=sex).groupby("sector")[["victims", "deaths"]].sum()
        figures[sex] = (counts, denominators.national_by_sector(denominators.employment(s, year, sex)))
    known = set().union(*(set(c.index) | set(n.index) for c, n in figures.values()))
    rows = []
    for key in (k for k in SECTOR_LABELS if k in known):
        row: dict[str, Any] = {"sector": key}
        for sex, (counts, national) in figures.items():
            victims = int(counts.loc[key, "victims"]) if key in counts.index else 0
            deaths = int(counts.loc[key, "deaths"]) if key in counts.index else 0
            base = int(national[key]) if key in national.index else None
            row[f"{sex}_victims"], row[f"{sex}_deaths"], row[f"{sex}_employment"] = victims, deaths, base
            row[f"{sex}_frequency"], row[f"{sex}_fatal"] = rate(victims, base), rate(deaths, base)
            row[f"small_{sex}"] = victims < headline.SMALL_NUMBERS
            row[f"small_{sex}_fatal"] = deaths < headline.SMALL_NUMBERS
        rows.append(row)
    return rows


def _regions(
    counts: pd.DataFrame, regional: pd.Series, national: pd.Series, regions: list[Any]
) -> list[dict[str, Any]]:
    """Each region's cases, and its crude and standardised Кч and Ксм over the national mix."""
    mix = list(national.index)
    total = Decimal(int(national.sum())) if mix else Decimal(0)
    weights = {k: Decimal(int(national[k])) / total for k in mix} if total else {}
    indexed = counts.set_index(["sector", "region"])
    out = []
    for region in (str(r) for r in regions):
        mine = counts[counts["region"] == region]
        complete = bool(mix) and all((k, region) in regional for k in mix)
        row: dict[str, Any] = {
            "region": region,
            "victims": int(mine["victims"].sum()),
            "deaths": int(mine["deaths"].sum()),
            "employment": None,
            "crude": None,
            "standardised": None,
            "crude_fatal": None,
            "standardised_fatal": None,
        }
        if complete:
            got = {k: indexed.loc[(k, region)] if (k, region) in indexed.index else None for k in mix}
            n = {k: int(v["victims"]) if v is not None else 0 for k, v in got.items()}
            d = {k: int(v["deaths"]) if v is not None else 0 for k, v in got.items()}
            e = {k: int(regional[(k, region)]) for k in mix}
            row["employment"] = sum(e.values())
            row["crude"] = rate(sum(n.values()), row["employment"])
            row["crude_fatal"] = rate(sum(d.values()), row["employment"])
            row["standardised"] = _standardised(n, e, weights)
            row["standardised_fatal"] = _standardised(d, e, weights)
        row["small"] = row["victims"] < headline.SMALL_NUMBERS
        row["small_fatal"] = row["deaths"] < headline.SMALL_NUMBERS
        out.append(row)
    return out


def _standardised(n: dict[str, int], e: dict[str, int], weights: dict[str, Decimal]) -> Decimal | None:
    """sum w_s x n_s x 1000 / e_s; a sector without workers adds nothing when it has no case, and
    makes the rate "no data" when it has one (the figures disagree)."""
    total = Decimal(0)
    for key, weight in weights.items():
        if e[key] == 0:
            if n[key]:
                return None
            continue
        total += weight * Decimal(n[key]) * 1000 / e[key]
    return headline._cents(total)
