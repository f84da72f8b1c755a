"""Average monthly earnings (AME) and the base of compensation of each month.

Labour Code of the Kyrgyz Republic (2004):

* Art. 236 - what counts as earnings (all pay, gross; the caller lists the months);
* Art. 237 - the 12 months before the injury (or the loss of capacity, at the
  victim's choice); months the victim chooses to exclude are replaced by the
  months immediately before them;
* Art. 238 - AME = sum / 12, or over the months actually worked when fewer;
  under one month worked: "conditional monthly earnings" = earned / days worked
  x working days in a month on average; no documents, or AME below it: the
  floor of five minimum wages; a sustained rise in pay before the injury: only
  the earnings from then on count;
* Art. 234 - sums are indexed for the cost of living: the base of month m is
  AME x I(m), where I(m) multiplies the factors in force after the reference
  month began and by the first day of m.

The contract: ``base(m) = max(AME x I(m) rounded, 5 x MW(m))``, MW(m) the
minimum wage in force on the first day of m; without an AME, ``5 x MW(m)``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal, localcontext

from compensation.parameters import Row, Table

from . import dates
from .case import Earnings, EarningsMonth
from .trace import Step, money, rounded

__all__ = ["AverageEarnings", "BaseOfMonth", "average_monthly_earnings"]

#: Art. 237: at most the 12 most recent months count.
MONTHS_COUNTED = 12
#: Art. 238: the floor is five minimum wages.
FLOOR_MINIMUM_WAGES = 5


@dataclass(frozen=True, slots=True)
class AverageEarnings:
    """The AME in tyiyn (``None`` when the floor applies) and how it was found."""

    amount: int | None
    method: str
    months: tuple[EarningsMonth, ...] = ()


def average_monthly_earnings(earnings: Earnings) -> AverageEarnings:
    """Arts. 237-238: the mean of the 12 most recent usable months before the reference month, rounded once.

    Usable: listed, before ``reference_month``, not before ``sustained_increase_from``
    (Art. 238 last part) and not excluded by the victim (Art. 237, the earlier months
    then take their place). With none, a ``partial_month`` gives the conditional monthly
    earnings (Art. 238 part 3); with neither, or without documents, the AME is absent and
    the floor of five minimum wages applies (Art. 238 parts 4-5).
    """
    if earnings.documents_unavailable:
        return AverageEarnings(None, "five_minimum_wages")
    reference = earnings.reference_month
    if reference is not None and earnings.months:
        since = earnings.sustained_increase_from
        usable = [
            m
            for m in earnings.months
            if m.month < reference and m.exclude is None and (since is None or m.month >= since)
        ]
        if usable:
            usable.sort()  # by month: each month is listed once (the parser refuses a repeat)
            used = usable[-MONTHS_COUNTED:]
            total = 0
            for m in used:
                total += m.amount
            return AverageEarnings(rounded(total, len(used)), "actual", tuple(used))
    partial = earnings.partial_month
    if partial is not None:
        days_n, days_d = partial.days_worked.as_integer_ratio()
        avg_n, avg_d = partial.average_working_days_per_month.as_integer_ratio()
        amount = rounded(partial.earned * avg_n * days_d, avg_d * days_n)
        return AverageEarnings(amount, "partial_month")
    return AverageEarnings(None, "five_minimum_wages")


def ame_step(ame: AverageEarnings, earnings: Earnings) -> Step:
    """Arts. 237-238 as a trace step."""
    if ame.method == "actual":
        total = 0
        labels = []
        for m in ame.months:
            total += m.amount
            labels.append(m.label)
        excluded = [m.label for m in earnings.months if m.exclude is not None]
        return Step(
            "237, 238",
            "ame.actual",
            {
                "reference_month": dates.month_label(earnings.reference_month or 0),
                "months_used": ", ".join(labels),
                "months_excluded": ", ".join(excluded) if excluded else "-",
                "sustained_increase_from": (
                    dates.month_label(earnings.sustained_increase_from)
                    if earnings.sustained_increase_from is not None
                    else "-"
                ),
                "sum": money(total),
                "count": len(ame.months),
            },
            money(ame.amount or 0),
        )
    if ame.method == "partial_month":
        partial = earnings.partial_month
        assert partial is not None
        return Step(
            "238",
            "ame.partial_month",
            {
                "earned": money(partial.earned),
                "days_worked": str(partial.days_worked),
                "average_working_days_per_month": str(partial.average_working_days_per_month),
            },
            money(ame.amount or 0),
        )
    key = "ame.no_documents" if earnings.documents_unavailable else "ame.nothing_usable"
    return Step("238", key, {}, "-")


class BaseOfMonth:
    """Arts. 234, 238: ``base(m) = max(AME x I(m) rounded, 5 x MW(m))``, by stretches of months.

    The base can only change in a month where a minimum-wage row or an indexation factor
    takes effect (the first month whose first day is on or after its ``from``), so the months
    are cut at those points and each stretch is computed once, when first asked. Also answers
    MW(m) for the care allowances (Art. 245) and cites every row it used.
    """

    __slots__ = ("_ame", "_index_rows", "_starts", "_values", "minimum_wage", "reference_first_day")

    def __init__(
        self, ame: int | None, reference_month: int | None, minimum_wage: Table, indexation: Table
    ) -> None:
        self._ame = ame
        self.minimum_wage = minimum_wage
        self.reference_first_day = dates.first_day(reference_month) if reference_month is not None else 0
        # Art. 234: only factors taking effect after the reference month began can apply.
        first = self.reference_first_day
        self._index_rows = tuple(r for r in indexation.rows if r.start_day > first) if ame is not None else ()
        points = {r.month for r in minimum_wage.rows}
        points.update(r.month for r in self._index_rows)
        self._starts = sorted(points)
        self._values: list[tuple[int, Row, int, int, int, int] | None] = [None] * len(self._starts)

    def _stretch(self, month: int) -> tuple[int, Row, int, int, int, int]:
        """(base, MW row, I numerator, I denominator, AME x I rounded, MW) of the stretch of ``month``."""
        i = bisect_right(self._starts, month) - 1
        if i >= 0:
            found = self._values[i]
            if found is not None:
                return found
        # Raises NoRowInForce before the first row, or where the row in force is unknown.
        row = self.minimum_wage.at(dates.first_day(month))
        numerator, denominator = row.ratio
        mw = numerator * 100 // denominator
        floor = FLOOR_MINIMUM_WAGES * mw
        ame = self._ame
        if ame is None:
            entry = (floor, row, 1, 1, floor, mw)
        else:
            index_n = index_d = 1
            for r in self._index_rows:
                if r.month <= month:
                    index_n *= r.ratio[0]
                    index_d *= r.ratio[1]
            indexed = ame if index_n == index_d else rounded(ame * index_n, index_d)
            entry = (indexed if indexed > floor else floor, row, index_n, index_d, indexed, mw)
        self._values[i] = entry
        return entry

    def __call__(self, month: int) -> int:
        """base(m) in tyiyn."""
        return self._stretch(month)[0]

    def at(self, month: int) -> tuple[int, int]:
        """base(m) in tyiyn, and the first month after ``month`` where the base may change."""
        entry = self._stretch(month)
        i = bisect_right(self._starts, month)
        return entry[0], self._starts[i] if i < len(self._starts) else 1 << 62

    def mw(self, month: int) -> int:
        """MW(m) in tyiyn: the minimum wage in force on the first day of ``month``."""
        return self._stretch(month)[5]

    def mw_row(self, month: int) -> Row:
        """The minimum-wage row in force on the first day of ``month``."""
        return self._stretch(month)[1]

    def steps(self, ranges: list[tuple[int, int]]) -> list[Step]:
        """Arts. 234, 238: one trace step per stretch of the base within each range of months used."""
        steps: list[Step] = []
        starts = self._starts
        for first, last in ranges:
            month = first
            while month <= last:
                i = bisect_right(starts, month)
                end = starts[i] - 1 if i < len(starts) and starts[i] - 1 < last else last
                steps.append(self._step(month, end, self._stretch(month)))
                month = end + 1
        return steps

    def _step(self, first: int, last: int, entry: tuple[int, Row, int, int, int, int]) -> Step:
        base, row, index_n, index_d, indexed, mw = entry
        period = dates.month_label(first)
        if last != first:
            period += ".." + dates.month_label(last)
        inputs: dict[str, object] = {
            "period": period,
            "minimum_wage": row.cited("minimum_wage"),
            "floor": money(FLOOR_MINIMUM_WAGES * mw),
        }
        if self._ame is None:
            return Step("238", "base.floor_only", inputs, money(base))
        inputs["ame"] = money(self._ame)
        inputs["indexation"] = [r.cited("indexation") for r in self._index_rows if r.month <= first]
        inputs["index"] = _ratio_text(index_n, index_d)
        inputs["indexed"] = money(indexed)
        return Step("234, 238", "base", inputs, money(base))


def _ratio_text(numerator: int, denominator: int) -> str:
    """An indexation product for the trace: exact when it terminates, else to 12 significant digits."""
    if numerator == denominator:
        return "1"
    found = _RATIO_TEXT.get((numerator, denominator))
    if found is None:
        with localcontext() as ctx:
            ctx.prec = 12
            found = format((Decimal(numerator) / Decimal(denominator)).normalize(), "f")
        if len(_RATIO_TEXT) < 10_000:
            _RATIO_TEXT[(numerator, denominator)] = found
    return found


_RATIO_TEXT: dict[tuple[int, int], str] = {}
