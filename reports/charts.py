"""Charts as SVG bytes, drawn on ``matplotlib.figure.Figure`` (never pyplot: it keeps global state
and leaks figures in a long-running server)."""

from __future__ import annotations

import io

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

# Text stays text in the SVG (not outlines): readable by screen readers and searchable, in the
# viewer's language and font, and a third of the size. Set once; nothing else draws here.
matplotlib.rcParams["svg.fonttype"] = "none"

COLOURS = {"light": "#9bbcd9", "severe": "#e0a43a", "fatal": "#b3261e", "unknown": "#bbbbbb"}


def _svg(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    return buffer.getvalue()


def accidents_by_month(table: pd.DataFrame, labels: dict[str, str], title: str) -> bytes:
    """Stacked bars: cases per month, one colour per severity class."""
    figure = Figure(figsize=(8, 3.2))
    axes = figure.subplots()
    bottom = pd.Series(0, index=table.index)
    x = [m[-2:] for m in table.index]
    for category in table.columns:
        axes.bar(
            x,
            table[category],
            bottom=bottom,
            label=labels.get(category, category),
            color=COLOURS.get(category, "#888"),
        )
        bottom = bottom + table[category]
    axes.set_title(title, fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.legend(fontsize=8, frameon=False, ncols=4, loc="upper left")
    return _svg(figure)


def frequency_rates(rates: pd.DataFrame, title: str) -> bytes:
    """Horizontal bars: Кч per employer (accidents per 1,000 workers)."""
    data = rates.dropna(subset=["frequency"]).sort_values("frequency")
    figure = Figure(figsize=(8, max(1.6, 0.45 * len(data) + 0.8)))
    axes = figure.subplots()
    # An employer's name is text, not mathematics: "$...$" would go to mathtext, and a name it cannot
    # parse broke the chart for everyone who sees that employer. A backslash before "$" draws a dollar.
    names = data["employer"].astype(str).str.replace("$", r"\$", regex=False)
    axes.barh(names, data["frequency"], color="#0b5cad")
    for y, value in enumerate(data["frequency"]):
        axes.text(value, y, f" {value:.2f}", va="center", fontsize=8)
    axes.set_title(title, fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure)


def compared(
    labels: list[str], now: list[float], before: list[float], legend: tuple[str, str], title: str
) -> bytes:
    """Horizontal bars, two per indicator: the period and the same period a year earlier."""
    figure = Figure(figsize=(8, max(1.8, 0.6 * len(labels) + 0.9)))
    axes = figure.subplots()
    rows = range(len(labels))
    axes.barh([y + 0.2 for y in rows], before, height=0.4, color="#9bbcd9", label=legend[1])
    axes.barh([y - 0.2 for y in rows], now, height=0.4, color="#0b5cad", label=legend[0])
    axes.set_yticks(list(rows), [label.replace("$", r"\$") for label in labels], fontsize=8)
    axes.invert_yaxis()
    axes.set_title(title, fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(fontsize=8, frameon=False, loc="lower right")
    return _svg(figure)
