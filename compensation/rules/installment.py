"""What the employer owes, one sum at a time: the contract's installments, in whole tyiyn.

An :class:`Installment` is mutable only while a statement is being built
(payments are applied to it, penalties accrue on it); the contract's output is
made from it once, at the end.
"""

from __future__ import annotations

__all__ = [
    "COMPONENTS",
    "COMPONENT_ORDER",
    "ONE_OFF",
    "ONE_OFF_DUE_ORDER",
    "ONE_OFF_ORDER",
    "PERIODIC",
    "PERIODIC_ORDER",
    "Installment",
    "month_parts",
]

from operator import attrgetter

from . import dates

#: The contract's components, in its order: payments break ties by this order.
#: The names after ``one_off_death`` come from the optional sections (docs/compensation.md).
COMPONENTS = (
    "lost_earnings",
    "care_special_medical",
    "care_household",
    "one_off_injury",
    "survivor",
    "one_off_death",
    "temporary_transfer",
    "retraining",
    "additional_expenses",
    "moral_damage",
    "burial",
)
COMPONENT_ORDER = {name: i for i, name in enumerate(COMPONENTS)}
#: Paid by the month (a payment ``applies_to: periodic``) ...
PERIODIC = frozenset(
    {
        "lost_earnings",
        "care_special_medical",
        "care_household",
        "survivor",
        "temporary_transfer",
        "retraining",
    }
)
#: ... or once (``applies_to: one_off``).
ONE_OFF = frozenset(COMPONENTS) - PERIODIC


class Installment:
    """One sum owed: component, recipient, period (month index, ``None`` for a one-off sum), amount and
    due day; then what was paid, and ``late`` = the sum over parts of ``part x days late``, which
    the penalty multiplies (Art. 269).

    Every periodic installment of month m is due on the later of m's last day and the end of the
    employer's decision period (Arts. 257, 264), so periodic installments in period order are also
    in due-date order: the payment allocation relies on it.
    """

    __slots__ = (
        "amount",
        "component",
        "days_overdue",
        "due",
        "late",
        "order",
        "paid",
        "penalty",
        "period",
        "recipient",
        "recipient_order",
        "regime",
    )

    def __init__(
        self, component: str, recipient: str, recipient_order: int, period: int | None, amount: int, due: int
    ) -> None:
        self.component = component
        self.order = COMPONENT_ORDER[component]
        self.recipient = recipient
        self.recipient_order = recipient_order
        self.period = period
        self.amount = amount
        self.due = due
        self.paid = 0
        self.late = 0
        self.days_overdue = 0
        self.penalty = 0
        #: Contract v2: the Code governing a one-off sum (set where the rule chose it); ``None``: by the
        #: period (monthly sums) or the due date (see compensation.rules.regime).
        self.regime: str | None = None

    @property
    def kind(self) -> str:
        """``periodic`` or ``one_off``: which payments apply to it."""
        return "periodic" if self.component in PERIODIC else "one_off"

    def __repr__(self) -> str:
        period = dates.month_label(self.period) if self.period is not None else None
        due = dates.iso(self.due)
        return f"Installment({self.component}, {self.recipient}, {period}, {self.amount}, due {due})"


#: Output order of periodic installments: month, then component, then recipient.
PERIODIC_ORDER = attrgetter("period", "order", "recipient_order")
#: Output order of one-off sums: component, then recipient.
ONE_OFF_ORDER = attrgetter("order", "recipient_order")
#: The contract's order for applying payments to one-off sums: due date, component, recipient.
ONE_OFF_DUE_ORDER = attrgetter("due", "order", "recipient_order")


def month_parts(start: int, end: int) -> list[tuple[int, int]]:
    """Split the days ``[start, end]`` (ordinals, inclusive) by month: ``[(month, days), ...]``.

    The engine's unit of work: a period of a right becomes at most one entry per month,
    never one per day.
    """
    if end < start:
        return []
    month = dates.month_of(start)
    out = []
    day = start
    while True:
        last = dates.last_day(month)
        if end <= last:
            out.append((month, end - day + 1))
            return out
        out.append((month, last - day + 1))
        day = last + 1
        month += 1
