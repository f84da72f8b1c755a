"""The national denominators' use cases: list, add, correct (with a reason), import a CSV; and the
figures the sector and region view divides by.

One transaction and one audit entry per figure added or corrected. A figure is never deleted nor
silently replaced: adding one for a cell that has one is refused (correct it instead), and a
correction names its reason, kept in the audit log beside the values before and after.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pandas as pd
import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy import orm

from core import audit, db
from core.classifiers import Region
from core.errors import Conflict, FormErrors, NotFound
from core.forms import load
from reports.models import BOTH, COUNTRY, NationalEmployment
from reports.schemas import DenominatorIn

FIELDS = ["year", "sector", "region", "sex", "employment", "source", "source_date"]
#: The columns of the CSV the import reads (the header row names them; their order is free).
CSV_COLUMNS = FIELDS


def list_figures(filters: dict[str, Any]) -> list[NationalEmployment]:
    """The figures entered, newest year first, then by sector, region and sex."""
    stmt = sa.select(NationalEmployment)
    for name in ("year", "sector", "region"):
        if filters.get(name) is not None:
            stmt = stmt.where(getattr(NationalEmployment, name) == filters[name])
    order = (NationalEmployment.year.desc(), NationalEmployment.sector, NationalEmployment.region)
    return list(db.session().scalars(stmt.order_by(*order, NationalEmployment.sex)))


def get_figure(figure_id: int) -> NationalEmployment:
    figure = db.session().get(NationalEmployment, figure_id)
    if figure is None:
        raise NotFound()
    return figure


def _add(s: orm.Session, actor: Any, data: dict[str, Any]) -> NationalEmployment:
    cell = {name: data[name] for name in ("year", "sector", "region", "sex")}
    if s.scalar(sa.select(NationalEmployment.id).filter_by(**cell)) is not None:
        raise FormErrors({"employment": [_("This figure is already entered: correct it instead.")]})
    figure = NationalEmployment(**{name: data[name] for name in FIELDS})
    figure.created_by_id = getattr(actor, "id", None)
    s.add(figure)
    s.flush()
    audit.record(s, actor, "create", figure, after=audit.snapshot(figure, FIELDS))
    return figure


def add_figure(actor: Any, data: dict[str, Any]) -> NationalEmployment:
    """Enter one published figure (refused when its cell has one already)."""
    with db.transaction() as s:
        return _add(s, actor, data)


def correct_figure(actor: Any, figure_id: int, data: dict[str, Any]) -> NationalEmployment:
    """Correct a figure: its value, source and date change, the reason goes to the audit log."""
    with db.transaction() as s:
        figure = s.get(NationalEmployment, figure_id)
        if figure is None:
            raise NotFound()
        if data["version"] != figure.version:
            raise Conflict()
        before = audit.snapshot(figure, FIELDS)
        for name in ("employment", "source", "source_date"):
            setattr(figure, name, data[name])
        s.flush()
        after = audit.snapshot(figure, FIELDS)
        if audit.diff(before, after):
            audit.record(s, actor, "update", figure, before=before, after=after, remark=data["reason"])
    return figure


def history(figure_id: int) -> list[audit.AuditEntry]:
    """The figure's audit entries (who entered it, each correction and why)."""
    return audit.history(db.session(), NationalEmployment.__tablename__, figure_id)


def import_csv(actor: Any, text: str) -> int:
    """Enter every row of a CSV (header: :data:`CSV_COLUMNS`) in one transaction: all or none.

    A bad row is named by its line with its field (``line 3: employment: ...``); a cell already
    entered is refused like on the page. Returns the number of figures entered.
    """
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or []) and c != "sex"]
    if missing:
        raise FormErrors({"file": [_("Columns missing: %(names)s.", names=", ".join(missing))]})
    errors: dict[str, list[str]] = {}
    count = 0
    with db.transaction() as s:
        for line, row in enumerate(reader, start=2):
            raw = {k: (v or "").strip() for k, v in row.items() if k in CSV_COLUMNS and (v or "").strip()}
            try:
                _add(s, actor, load(DenominatorIn(), raw))
                count += 1
            except FormErrors as exc:
                for field, messages in exc.errors.items():
                    errors[f"line {line}: {field}"] = messages
        if errors:
            raise FormErrors(errors)
    return count


def employment(s: orm.Session, year: int, sex: str = BOTH) -> pd.DataFrame:
    """The year's figures for both sexes (or for ``sex``, where the source breaks them down) as
    (sector, region, employment) rows, ``region`` including the country's own rows; summed in SQL
    (one row a cell)."""
    stmt = (
        sa.select(
            NationalEmployment.sector, NationalEmployment.region, sa.func.sum(NationalEmployment.employment)
        )
        .where(NationalEmployment.year == year, NationalEmployment.sex == sex)
        .group_by(NationalEmployment.sector, NationalEmployment.region)
    )
    return pd.DataFrame(s.execute(stmt).all(), columns=["sector", "region", "employment"])


def national_by_sector(table: pd.DataFrame) -> pd.Series:
    """Each sector's national employment: the country's own figure, or else the sum of the regions'
    when every region has one; a sector with neither is absent ("no data", never a partial sum)."""
    country = table[table["region"] == COUNTRY].set_index("sector")["employment"]
    regional = table[table["region"] != COUNTRY]
    counts = regional.groupby("sector")["region"].nunique()
    complete = counts[counts == len(Region)].index
    summed = regional[regional["sector"].isin(complete)].groupby("sector")["employment"].sum()
    return pd.concat([country, summed[~summed.index.isin(country.index)]]).astype("int64").sort_index()
