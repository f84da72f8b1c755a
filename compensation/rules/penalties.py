"""Payments against installments, and the penalty for paying late.

Labour Code of the Kyrgyz Republic (2004), Art. 269: sums not paid on time,
one-off benefits included, carry a penalty of 0.15 % of the unpaid sum for each
day of delay.

The contract: payments are taken in date order; each is applied to the
outstanding installments of its kind (``periodic`` or ``one_off``) oldest due
first, ties by period, then component (in the contract's order), then
recipient (the victim, then survivors in input order); a payment naming a
``recipient`` (an extension) only to that recipient's installments, in the same
order. A part paid after its due date carries ``rate x part x days late``; what is still outstanding on the
calculation date carries ``rate x outstanding x days overdue``. Each
installment's penalty is rounded once. A payment dated after the calculation
date is not yet known to a statement "as of" that date and is left out.
"""

from __future__ import annotations

from bisect import bisect_right
from math import lcm
from operator import attrgetter

from compensation.parameters import Row, Table

from . import dates
from .case import Payment
from .dates import BOUNDS
from .installment import ONE_OFF_DUE_ORDER, Installment
from .trace import MONEY_TEXT, Step, money

__all__ = ["PenaltyRates", "apply_payments", "settle"]


class PenaltyRates:
    """Contract v2 §4, §5: each day of delay carries the rate in force that day (LC-2004 art. 269 part 4,
    LC-2025 art. 228(4)); the late days are from the day after the due date to the day of payment (or
    the calculation date), both inclusive.

    When one rate is in force over every late day of the statement (the usual case), ``late`` is the
    sum of ``part x days late`` and the penalty ``rate x late`` (as in contract v1). Otherwise
    :meth:`weight` gives the sum of the day rates over a range of days, scaled to whole numbers by the
    common denominator ``1 / ratio``.
    """

    __slots__ = ("_prefix", "_starts", "_weights", "constant", "ratio", "rows")

    def __init__(self, table: Table, earliest: int, calculation_day: int) -> None:
        """``earliest``: the earliest due date of the statement (no day before it can be late)."""
        if earliest >= calculation_day:
            row = table.at(calculation_day)
            self.rows: tuple[Row, ...] = (row,)
            self.constant = True
            self.ratio = row.ratio
            self._starts: list[int] = []
            self._weights: list[int] = []
            self._prefix: list[int] = []
            return
        found = _CONSTANT.get((id(table), earliest, calculation_day))
        if found is not None and found[0] is table:
            self.rows, self.constant, self.ratio = found[1], True, found[1][0].ratio
            self._starts, self._weights, self._prefix = [], [], []
            return
        changes = table.changes(earliest, calculation_day)
        self.rows = tuple(row for _, row in changes)
        ratios = {row.ratio for row in self.rows}
        self.constant = len(ratios) == 1
        if self.constant:
            self.ratio = self.rows[0].ratio
            self._starts, self._weights, self._prefix = [], [], []
            if len(_CONSTANT) < 10_000:
                _CONSTANT[(id(table), earliest, calculation_day)] = (table, self.rows)
            return
        common = 1
        for _, d in ratios:
            common = lcm(common, d)
        self.ratio = (1, common)
        self._starts = [day for day, _ in changes]
        self._weights = [row.ratio[0] * (common // row.ratio[1]) for _, row in changes]
        prefix = [0]
        for i in range(len(changes) - 1):
            prefix.append(prefix[-1] + self._weights[i] * (self._starts[i + 1] - self._starts[i]))
        self._prefix = prefix

    def _upto(self, day: int) -> int:
        """The sum of the scaled day rates from the first late day to ``day`` inclusive."""
        starts = self._starts
        if day < starts[0]:
            return 0
        i = bisect_right(starts, day) - 1
        return self._prefix[i] + self._weights[i] * (day - starts[i] + 1)

    def weight(self, due: int, day: int) -> int:
        """The days ``due + 1 .. day``, each at its rate (scaled): the ``days late`` of a varying rate."""
        if self.constant:
            return day - due
        return self._upto(day) - self._upto(due)


#: (table, earliest due, calculation day) -> the rows of a constant rate: a national run asks the same.
_CONSTANT: dict[tuple[int, int, int], tuple[Table, tuple[Row, ...]]] = {}


def apply_payments(
    periodic: list[Installment],
    one_off: list[Installment],
    payments: tuple[Payment, ...],
    calculation_day: int,
    steps: list[Step] | None,
    rates: PenaltyRates | None = None,
) -> dict[str, int]:
    """Art. 269: apply each payment, in date order, to the oldest outstanding installments of its kind.

    ``periodic`` must be in period order (which is due-date order, see :class:`Installment`);
    ``one_off`` is put in due-date order here. Records on each installment what was paid and
    ``late`` (the sum of ``part x days late``). Returns what could not be applied, by kind
    (money paid beyond everything owed so far).
    """
    unapplied = {"periodic": 0, "one_off": 0}
    if not payments:
        return unapplied
    queues: dict[object, list[Installment]] = {
        "periodic": periodic,
        "one_off": sorted(one_off, key=ONE_OFF_DUE_ORDER),
    }
    cursor: dict[object, int] = {"periodic": 0, "one_off": 0}
    ordered = payments if len(payments) < 2 else sorted(payments, key=PAYMENT_ORDER)
    applied: list[dict[str, object]] | None = [] if steps is not None else None
    late_total = 0
    varying = rates is not None and not rates.constant
    labels = BOUNDS
    texts = MONEY_TEXT
    for payment in ordered:
        day = payment.day
        if day > calculation_day:
            if steps is not None:
                steps.append(
                    Step(
                        "269",
                        "payment.after_calculation_date",
                        {
                            "payment": f"№{payment.index + 1}",
                            "date": dates.iso(day),
                            "amount": money(payment.amount),
                        },
                        "-",
                    )
                )
            continue
        kind = payment.applies_to
        recipient = payment.recipient
        if recipient is None:
            key: object = kind
        else:
            # A payment to one recipient: that recipient's installments of its kind, in the same order.
            key = (kind, recipient)
            if key not in queues:
                queues[key] = [inst for inst in queues[kind] if inst.recipient == recipient]
                cursor[key] = 0
        queue = queues[key]
        i = cursor[key]
        size = len(queue)
        remaining = payment.amount
        parts: list[list[object]] = []
        late_parts = 0
        while remaining > 0 and i < size:
            inst = queue[i]
            owed = inst.amount - inst.paid
            if owed <= 0:
                i += 1
                continue
            if owed <= remaining:
                part = owed
                i += 1
            else:
                part = remaining
            inst.paid += part
            remaining -= part
            late = day - inst.due
            if late > 0:
                inst.late += part * (late if not varying else rates.weight(inst.due, day))  # type: ignore[union-attr]
                late_parts += 1
            else:
                late = 0
            if applied is not None:  # the trace shows each part: what it paid, of which period, how late
                period = inst.period
                parts.append(
                    [
                        inst.component,
                        inst.recipient,
                        None if period is None else (labels.get(period) or dates.bounds(period))[3],
                        texts.get(part) or money(part),
                        late,
                    ]
                )
        cursor[key] = i
        unapplied[kind] += remaining
        if applied is None:
            continue
        late_total += late_parts
        entry: dict[str, object] = {
            "payment": f"payments.{payment.index}",
            "date": dates.ISO.get(day) or dates.iso(day),
            "amount": texts.get(payment.amount) or money(payment.amount),
            "applies_to": kind,
            "left_over": texts.get(remaining) or money(remaining),
            "parts": parts,
        }
        if recipient is not None:
            entry["recipient"] = recipient
        applied.append(entry)
    if applied and steps is not None:
        total = sum(p.amount for p in payments if p.day <= calculation_day)
        left_over = unapplied["periodic"] + unapplied["one_off"]
        steps.append(
            Step(
                "269",
                "payment.applied",
                {
                    "count": len(applied),
                    "late_parts": late_total,
                    "left_over": money(left_over),
                    "payments": applied,
                    "parts_are": "component, recipient, period, paid, days_late",
                },
                money(total - left_over),
            )
        )
    return unapplied


#: Payments are applied in date order; same-day payments in a fixed order so that the result
#: does not depend on the order they were listed in.
PAYMENT_ORDER = attrgetter("day", "applies_to", "amount", "index")
#: What each entry of a payment step's ``parts`` says (documented in docs/compensation.md).
PARTS_COLUMNS = ("component", "recipient", "period", "paid", "days_late")


def settle(
    installments: list[Installment],
    calculation_day: int,
    rate: tuple[int, int],
    rates: PenaltyRates | None = None,
) -> None:
    """Art. 269: the penalty of each installment as of the calculation date, rounded once.

    ``rate x (sum over late parts of part x days late + outstanding x days overdue)``;
    sets ``days_overdue`` (days from the due date to the calculation date while something is
    outstanding, else 0) and ``penalty`` on each installment.
    """
    rate_n, rate_d = rate
    twice_d = 2 * rate_d
    for inst in installments:
        overdue = calculation_day - inst.due
        late = inst.late
        if overdue > 0:
            outstanding = inst.amount - inst.paid
            if outstanding > 0:
                if rates is None or rates.constant:
                    late += outstanding * overdue
                else:
                    late += outstanding * rates.weight(inst.due, calculation_day)
                inst.days_overdue = overdue
        if late:
            inst.penalty = (2 * rate_n * late + rate_d) // twice_d  # rounded once, half up
