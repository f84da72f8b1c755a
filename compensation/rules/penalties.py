"""Payments against installments, and the penalty for paying late.

Labour Code of the Kyrgyz Republic (2004), Art. 269: sums not paid on time,
one-off benefits included, carry a penalty of 0.15 % of the unpaid sum for each
day of delay.

The contract: payments are taken in date order; each is applied to the
outstanding installments of its kind (``periodic`` or ``one_off``) oldest due
first, ties by period, then component (in the contract's order), then
recipient (the victim, then survivors in input order). A part paid after its
due date carries ``rate x part x days late``; what is still outstanding on the
calculation date carries ``rate x outstanding x days overdue``. Each
installment's penalty is rounded once. A payment dated after the calculation
date is not yet known to a statement "as of" that date and is left out.
"""

from __future__ import annotations

from . import dates
from .case import Payment
from .installment import Installment
from .trace import Step, money, rounded

__all__ = ["apply_payments", "settle"]


def apply_payments(
    installments: list[Installment],
    payments: tuple[Payment, ...],
    calculation_day: int,
    steps: list[Step] | None,
) -> dict[str, int]:
    """Art. 269: apply each payment to the oldest outstanding installments of its kind.

    Records on each installment what was paid and ``late`` (the sum of ``part x days late``).
    Returns what could not be applied, by kind (money paid beyond everything owed).
    """
    unapplied = {"periodic": 0, "one_off": 0}
    if not payments:
        return unapplied
    queues: dict[str, list[Installment]] = {"periodic": [], "one_off": []}
    for inst in sorted(installments, key=Installment.sort_key):
        queues[inst.kind].append(inst)
    cursor = {"periodic": 0, "one_off": 0}
    for payment in sorted(payments, key=lambda p: (p.day, p.applies_to, p.amount, p.index)):
        if payment.day > calculation_day:
            if steps is not None:
                steps.append(
                    Step(
                        "269",
                        "payment.after_calculation_date",
                        {
                            "payment": f"payments.{payment.index}",
                            "date": dates.iso(payment.day),
                            "amount": money(payment.amount),
                        },
                        "-",
                    )
                )
            continue
        queue = queues[payment.applies_to]
        i = cursor[payment.applies_to]
        remaining = payment.amount
        parts: list[dict[str, object]] | None = [] if steps is not None else None
        late_parts = 0
        while remaining > 0 and i < len(queue):
            inst = queue[i]
            owed = inst.amount - inst.paid
            if owed <= 0:
                i += 1
                continue
            part = owed if owed <= remaining else remaining
            inst.paid += part
            remaining -= part
            late = payment.day - inst.due
            if late > 0:
                inst.late += part * late
            if parts is not None:
                parts.append(
                    {
                        "component": inst.component,
                        "recipient": inst.recipient,
                        "period": dates.month_label(inst.period) if inst.period is not None else None,
                        "due_date": dates.iso(inst.due),
                        "paid": money(part),
                        "days_late": late if late > 0 else 0,
                    }
                )
                late_parts += late > 0
            if inst.paid == inst.amount:
                i += 1
        cursor[payment.applies_to] = i
        unapplied[payment.applies_to] += remaining
        if steps is not None and parts is not None:
            steps.append(
                Step(
                    "269",
                    "payment.applied",
                    {
                        "payment": f"payments.{payment.index}",
                        "date": dates.iso(payment.day),
                        "amount": money(payment.amount),
                        "applies_to": payment.applies_to,
                        "installments": len(parts),
                        "late": late_parts,
                        "parts": parts,
                        "unapplied": money(remaining),
                    },
                    money(payment.amount - remaining),
                )
            )
    return unapplied


def settle(installments: list[Installment], calculation_day: int, rate: tuple[int, int]) -> None:
    """Art. 269: the penalty of each installment as of the calculation date, rounded once.

    ``rate x (sum over late parts of part x days late + outstanding x days overdue)``;
    sets ``days_overdue`` (days from the due date to the calculation date while something is
    outstanding, else 0) and ``penalty`` on each installment.
    """
    rate_n, rate_d = rate
    for inst in installments:
        outstanding = inst.amount - inst.paid
        overdue = calculation_day - inst.due
        late = inst.late
        if outstanding > 0 and overdue > 0:
            late += outstanding * overdue
            inst.days_overdue = overdue
        else:
            inst.days_overdue = 0
        inst.penalty = rounded(rate_n * late, rate_d) if late else 0
