"""What views 4-6 of issue 10 share: a table defined once as SQL, read as figures or as its records.

A :class:`Spec` names the SQL expression its rows are grouped by (and, for a cross-table, its
columns), the aggregates of each row, and the base query of its records (the cases of
reports/cases.py, or their measures). The same spec gives the table (GROUP BY in the database,
shaped with pandas) and, for the drill-down, the records behind one of its numbers (the base query
with the row's and the figure's conditions): what a number counts is what its link lists.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import matplotlib
import pandas as pd
import sqlalchemy as sa
from matplotlib.figure import Figure
from sqlalchemy import orm

from reports.headline import SMALL_NUMBERS, Filters

matplotlib.rcParams["svg.fonttype"] = "none"

#: The most records a drill-down lists (the rest are counted, not shown).
RECORDS_LIMIT = 200
#: The row key of "not recorded" (a NULL group): the URL's name for it.
NONE_KEY = "none"


@dataclass(frozen=True)
class Measure:
    """One figure of a row: a count of the records meeting ``where``, or a sum of ``value`` over them
    (``money``: a sum of whole tyiyn, shown in som)."""

    key: str
    label: Any
    where: Callable[[str], Any] | None = None
    value: Callable[[str], Any] | None = None
    money: bool = False
    #: A term of a ratio, not a column of its own (e.g. the days summed for an average).
    hidden: bool = False

    def aggregate(self, dialect: str) -> Any:
        condition = self.where(dialect) if self.where else sa.true()
        amount = self.value(dialect) if self.value else 1
        return sa.func.coalesce(sa.func.sum(sa.case((condition, amount), else_=0)), 0)


@dataclass(frozen=True)
class Ratio:
    """A figure derived from two others in pandas (a share or an average), greyed on a small base."""

    key: str
    label: Any
    numerator: str
    denominator: str
    percent: bool = True


@dataclass(frozen=True)
class Spec:
    """One table of a view. ``base(s, user, f, columns)`` is its records' SELECT within scope and filters."""

    key: str
    title: Any
    base: Callable[[orm.Session, Any, Filters, list[Any]], sa.Select[Any]]
    row: Callable[[str], Any]
    #: The rows' labels in their order (empty where ``labels_of`` reads them).
    row_labels: Mapping[Any, Any] = field(default_factory=dict)
    measures: tuple[Measure, ...] = ()
    ratios: tuple[Ratio, ...] = ()
    #: A cross-table: the columns' expression and labels (its one figure is the count).
    column: Callable[[str], Any] | None = None
    column_labels: Mapping[Any, Any] = field(default_factory=dict)
    #: "bars", "pareto" (bars by the first figure with its cumulative share) or "heatmap".
    chart: str = "bars"
    #: Rows in the order of the figures (Pareto), else the labels' order.
    ranked: bool = False
    #: The label of the rows' header.
    row_header: Any = ""
    #: The label of the row of records without a value (NULL), where "not recorded" says it badly.
    missing: Any = None
    #: Labels read from the database for the keys found (an inspector's or employer's name).
    labels_of: Callable[[orm.Session, list[Any]], Mapping[Any, Any]] | None = None


@dataclass
class Table:
    """A spec's figures: ``columns`` (key, label, kind), ``rows`` each with key, label and cells."""

    spec: Spec
    columns: list[tuple[str, str, str]]
    rows: list[dict[str, Any]]

    @property
    def empty(self) -> bool:
        return not self.rows


def _key(value: Any) -> str:
    return NONE_KEY if value is None or (isinstance(value, float) and value != value) else str(value)


def _label(labels: Mapping[Any, Any], value: Any, missing: Any) -> str:
    if value is None:
        return str(missing)
    for candidate in (value, str(value)):
        if candidate in labels:
            return str(labels[candidate])
    try:
        return str(labels[int(value)])
    except (KeyError, ValueError, TypeError):
        return str(value)


def compute(s: orm.Session, user: Any, f: Filters, spec: Spec, missing: Any) -> Table:
    """The spec's table: one SQL GROUP BY, shaped with pandas (ranking, pivot, cumulative shares)."""
    dialect = s.get_bind().dialect.name
    missing = spec.missing or missing
    row = spec.row(dialect).label("row_key")
    if spec.column is not None:
        col = spec.column(dialect).label("col_key")
        stmt = spec.base(s, user, f, [row, col, sa.func.count().label("n")]).group_by(row, col)
        frame = _frame(s.execute(stmt).all(), ["row_key", "col_key", "n"])
        return _crosstab(spec, frame, missing, _labels(s, spec, frame))
    aggregates = [m.aggregate(dialect).label(m.key) for m in spec.measures]
    stmt = spec.base(s, user, f, [row, *aggregates]).group_by(row)
    frame = _frame(s.execute(stmt).all(), ["row_key", *(m.key for m in spec.measures)])
    return _measured(spec, frame, missing, _labels(s, spec, frame))


def _frame(rows: Sequence[Any], names: list[str]) -> pd.DataFrame:
    """The rows as a frame whose keys stay what the database gave (an int column with a NULL would
    turn into floats with NaN)."""
    keys = [n for n in names if n.endswith("_key")]
    data = {
        n: pd.Series([r[i] for r in rows], dtype=object if n in keys else None) for i, n in enumerate(names)
    }
    return pd.DataFrame(data, columns=names)


def _labels(s: orm.Session, spec: Spec, frame: pd.DataFrame) -> Mapping[Any, Any]:
    if spec.labels_of is None:
        return spec.row_labels
    keys = [k for k in frame["row_key"].unique().tolist() if k is not None and not pd.isna(k)]
    return spec.labels_of(s, keys) if keys else {}


def _order(labels: Mapping[Any, Any], keys: list[Any]) -> list[Any]:
    known = [k for k in labels if k in keys or str(k) in {str(x) for x in keys}]
    by_str = {str(k): k for k in keys}
    ordered = [by_str[str(k)] for k in known if str(k) in by_str]
    return ordered + [k for k in keys if k not in ordered]


def _measured(spec: Spec, frame: pd.DataFrame, missing: Any, labels: Mapping[Any, Any]) -> Table:
    columns = [(m.key, str(m.label), "money" if m.money else "count") for m in spec.measures if not m.hidden]
    columns += [(r.key, str(r.label), "percent" if r.percent else "average") for r in spec.ratios]
    first = spec.measures[0].key
    frame = frame[frame[first] > 0] if not frame.empty else frame
    if spec.ranked:
        frame = frame.assign(_none=frame["row_key"].isna()).sort_values(
            ["_none", first], ascending=[True, False], kind="stable"
        )
    else:
        order = {_key(k): i for i, k in enumerate(_order(labels, frame["row_key"].tolist()))}
        frame = frame.assign(_rank=frame["row_key"].map(lambda k: order[_key(k)])).sort_values("_rank")
    rows = []
    total = int(frame[first].sum()) if not frame.empty else 0
    running = 0
    for record in frame.to_dict("records"):
        cells: dict[str, Any] = {}
        for m in spec.measures:
            raw = record[m.key]
            # Money is summed as whole tyiyn (exact in every database) and shown in som.
            cells[m.key] = Decimal(int(raw)).scaleb(-2).quantize(Decimal("0.01")) if m.money else int(raw)
        for r in spec.ratios:
            base = cells[r.denominator]
            value = (
                None if not base else Decimal(cells[r.numerator]) * (100 if r.percent else 1) / Decimal(base)
            )
            cells[r.key] = None if value is None else value.quantize(Decimal("0.1"))
        small = {r.key: cells[r.denominator] < SMALL_NUMBERS for r in spec.ratios}
        if spec.chart == "pareto":
            running += cells[first]
            cells["cumulative"] = (Decimal(running) * 100 / total).quantize(Decimal("0.1"))
            small["cumulative"] = total < SMALL_NUMBERS
        rows.append(
            {
                "key": _key(record["row_key"]),
                "label": _label(labels, record["row_key"], missing),
                "cells": cells,
                "small": small,
            }
        )
    if spec.chart == "pareto":
        columns.append(("cumulative", _cumulative_label(), "percent"))
    return Table(spec, columns, rows)


def _cumulative_label() -> str:
    from flask_babel import gettext as _

    return _("Cumulative share of victims, %")


def _crosstab(spec: Spec, frame: pd.DataFrame, missing: Any, labels: Mapping[Any, Any]) -> Table:
    if frame.empty:
        return Table(spec, [], [])
    frame = frame.assign(row_key=frame["row_key"].map(_key), col_key=frame["col_key"].map(_key))
    pivot = frame.pivot_table(index="row_key", columns="col_key", values="n", aggfunc="sum", fill_value=0)
    col_order = [_key(k) for k in spec.column_labels if _key(k) in pivot.columns]
    col_order += [k for k in pivot.columns if k not in col_order]
    row_order = [_key(k) for k in labels if _key(k) in pivot.index]
    row_order += [k for k in pivot.index if k not in row_order]
    pivot = pivot.reindex(index=row_order, columns=col_order, fill_value=0)
    columns = [
        (k, _label(spec.column_labels, None if k == NONE_KEY else k, missing), "count") for k in col_order
    ]
    from flask_babel import gettext as _

    columns.append(("total", _("Total"), "count"))
    rows = []
    for key, values in pivot.iterrows():
        cells = {k: int(values[k]) for k in col_order}
        cells["total"] = sum(cells.values())
        rows.append(
            {
                "key": key,
                "label": _label(labels, None if key == NONE_KEY else key, missing),
                "cells": cells,
                "small": {},
            }
        )
    return Table(spec, columns, rows)


def _match(expression: Any, key: str) -> Any:
    if key == NONE_KEY:
        return expression.is_(None)
    return sa.cast(expression, sa.String) == key


def records(
    s: orm.Session, user: Any, f: Filters, spec: Spec, row: str, figure: str | None
) -> tuple[list[Any], int]:
    """The records behind one number of the table (at most RECORDS_LIMIT) and how many there are."""
    dialect = s.get_bind().dialect.name
    wanted = record_columns()
    conditions = [_match(spec.row(dialect), row)]
    if spec.column is not None and figure and figure != "total":
        conditions.append(_match(spec.column(dialect), figure))
    for m in spec.measures:
        if m.key == figure and m.where is not None:
            conditions.append(m.where(dialect))
    stmt = spec.base(s, user, f, wanted).where(*conditions)
    count = s.scalar(sa.select(sa.func.count()).select_from(stmt.subquery())) or 0
    return list(s.execute(stmt.limit(RECORDS_LIMIT))), int(count)


def record_columns() -> list[Any]:
    """What a drill-down lists: the act, its accident, the day and the employer."""
    from accidents.models import Accident, Act
    from core.employers import Employer

    employer = sa.select(Employer.name).where(Employer.id == Accident.employer_id).scalar_subquery()
    return [
        Act.id.label("act_id"),
        Accident.id.label("accident_id"),
        Accident.occurred_at,
        employer.label("employer"),
    ]


def figure_keys(spec: Spec) -> set[str]:
    """The figures a drill-down may name (a cross-table's columns are any of its values)."""
    return {m.key for m in spec.measures} | {"total"}


# --- drawing ----------------------------------------------------------------------------------------


def plain(text: str) -> str:
    """Text for matplotlib that is never read as mathematics ("$...$" would go to mathtext)."""
    return text.replace("$", r"\$")


def _svg(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    return buffer.getvalue()


def chart(table: Table, title: str, no_data: str, cumulative: str) -> bytes:
    """The table's chart as SVG: bars of its first figure, a Pareto, stacked bars or a heat map."""
    figure = Figure(figsize=(7, max(2.0, 0.38 * len(table.rows) + 1.2)))
    axes = figure.subplots()
    axes.set_title(plain(title), fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    if table.empty:
        axes.text(0.5, 0.5, plain(no_data), ha="center", va="center", transform=axes.transAxes)
        axes.set_axis_off()
        return _svg(figure)
    labels = [plain(r["label"]) for r in table.rows]
    if table.spec.chart == "heatmap":
        keys = [k for k, _l, _kind in table.columns if k != "total"]
        grid = [[r["cells"][k] for k in keys] for r in table.rows]
        image = axes.imshow(grid, cmap="Reds", aspect="auto")
        axes.set_xticks(range(len(keys)), [plain(lab) for k, lab, _ in table.columns if k != "total"])
        axes.set_yticks(range(len(labels)), labels, fontsize=8)
        axes.tick_params(axis="x", labelsize=7, labelrotation=45)
        figure.colorbar(image, ax=axes)
        return _svg(figure)
    positions = list(range(len(labels)))
    if table.spec.column is not None:
        left = [0] * len(labels)
        palette = ["#9bbcd9", "#e0a43a", "#b3261e", "#bbbbbb", "#0b5cad", "#6a9f58", "#8e6bb5", "#444444"]
        for i, (key, label, _kind) in enumerate(c for c in table.columns if c[0] != "total"):
            values = [r["cells"][key] for r in table.rows]
            axes.barh(positions, values, left=left, label=plain(label), color=palette[i % len(palette)])
            left = [a + b for a, b in zip(left, values, strict=True)]
        axes.legend(fontsize=7, frameon=False, loc="lower right")
    else:
        key = table.columns[0][0]
        values = [float(r["cells"][key]) for r in table.rows]
        axes.barh(positions, values, color="#0b5cad", label=plain(table.columns[0][1]))
        if table.spec.chart == "pareto":
            line = axes.twiny()
            line.plot(
                [float(r["cells"]["cumulative"]) for r in table.rows], positions, color="#b3261e", marker="o"
            )
            line.set_xlim(0, 105)
            line.set_xlabel(plain(cumulative), fontsize=8)
    axes.set_yticks(positions, labels, fontsize=8)
    axes.invert_yaxis()
    return _svg(figure)
