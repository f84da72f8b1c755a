"""The charts of views 2 and 3 as SVG, on ``matplotlib.figure.Figure`` like reports/charts.py (whose
set-up, colours and SVG writer they share). Labels are text, never mathtext ("$" escaped)."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from reports.charts import COLOURS, _svg


def text(label: str) -> str:
    """A label drawn as written: a "$" would start mathtext."""
    return label.replace("$", r"\$")


def trends(
    table: pd.DataFrame,
    classes: dict[str, str],
    legend: tuple[str, str],
    titles: tuple[str, str],
) -> bytes:
    """Stacked bars of the months' cases by severity, the same month a year earlier as a line, and
    under them the 12-month rolling Кч (months without a rate are gaps)."""
    figure = Figure(figsize=(9, 5.2))
    top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=[3, 2])
    x = list(range(len(table.index)))
    base = pd.Series(0, index=table.index)
    for key, label in classes.items():
        top.bar(x, table[key], bottom=base, label=text(label), color=COLOURS.get(key, "#888"), width=0.8)
        base = base + table[key]
    top.plot(x, table["year_earlier"], color="#333", linewidth=1, marker=".", label=text(legend[0]))
    # Head room for the legend above the tallest bar.
    top.set_ylim(0, max(1, int(base.max()), int(table["year_earlier"].max())) * 1.35)
    top.set_title(text(titles[0]), fontsize=10)
    top.yaxis.get_major_locator().set_params(integer=True)
    top.legend(fontsize=7, frameon=False, ncols=5, loc="upper left")
    rates = [float(v) if v is not None else float("nan") for v in table["rolling_rate"]]
    bottom.plot(x, rates, color="#0b5cad", linewidth=1.5, label=text(legend[1]))
    bottom.set_title(text(titles[1]), fontsize=10)
    bottom.set_xticks(x[::3], [m for m in table.index][::3], fontsize=7, rotation=45)
    for axes in (top, bottom):
        axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure)
