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

from operator import attrgetter

from . import dates
from .case import Payment
from .dates import BOUNDS
from .installment import ONE_OFF_DUE_ORDER, Installment
from .trace import MONEY_TEXT, Step, money

__all__ = ["apply_payments", "settle"]


def apply_payments(
    periodic: list[Installment],
    one_off: list[Installment],
    payments: tuple[Payment, ...],
    calculation_day: int,
    steps: list[Step] | None,
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
                            "payment": f"payments.{payment.index}",
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
        if applied is None:
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
                    inst.late += part * late
            cursor[key] = i
            unapplied[kind] += remaining
            continue
        parts: list[list[object]] = []
        add = parts.append
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
                inst.late += part * late
                late_parts += 1
            else:
                late = 0
            period = inst.period
            add(
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


def settle(installments: list[Installment], calculation_day: int, rate: tuple[int, int]) -> None:
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
                late += outstanding * overdue
                inst.days_overdue = overdue
        if late:
            inst.penalty = (2 * rate_n * late + rate_d) // twice_d  # rounded once, half up
