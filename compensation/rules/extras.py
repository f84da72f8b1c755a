"""Sums beyond contract v1, each present only when its optional section is given.

Labour Code of the Kyrgyz Republic (2004):

* Art. 242 - a victim temporarily transferred, with consent, to lighter lower-paid work is paid
  not less than the former average earnings (the employer makes up the difference); if no such
  work is provided, the former average earnings in full. The former earnings are reckoned over
  the two months before the month of the injury (Art. 242 last part);
* Art. 243 - while learning a new trade the victim is paid the former average earnings, besides
  compensation on the general terms. Art. 242's last part names "the case of Art. 244" for the
  two-month reckoning; in the Russian model it names the retraining article, so we read it as
  Art. 243 (docs/compensation.md);
* Arts. 244-245 part 1 - additional expenses (food, medicines, prosthesis, sanatorium, travel,
  vehicles ...) are reimbursed on bills and receipts; one-off sums are paid within a month of
  the documents (Art. 264);
* Art. 248, 253 - moral damage to the victim, or to the deceased's parents, spouse and children,
  in a sum fixed by agreement or by a court; Art. 271 - burial costs to whoever bore them, fixed
  by agreement or a court;
* Art. 230 last part - the victim's fault reduces none of these.
"""

from __future__ import annotations

from datetime import date

from . import dates, schedule
from .case import AdditionalExpense, AgreedSum, Case, Earnings
from .earnings import AverageEarnings
from .errors import RuleViolation
from .installment import Installment, month_parts
from .trace import Step, money

__all__ = [
    "additional_expense_installments",
    "agreed_sum_installments",
    "former_earnings",
    "former_earnings_installments",
]

#: Art. 242 last part: the former earnings are reckoned over this many months.
FORMER_EARNINGS_MONTHS = 2


def former_earnings(
    ame: AverageEarnings, earnings: Earnings, field: str, injury_day: int | None = None
) -> tuple[int, str]:
    """Art. 242 last part (LC-2025 art. 36): the average of the two calendar months before the month of
    the injury (contract v2 §4: from ``injury_date``, whatever reference month the victim chose for the
    AME), of the listed months not excluded; with none of them listed, or conditional monthly
    earnings, the AME itself.

    :raises RuleViolation: there are no earnings to go on (five minimum wages is a floor of
        compensation, not the victim's earnings).
    """
    if injury_day is not None and not earnings.documents_unavailable:
        injury_month = dates.month_of(injury_day)
        wanted = range(injury_month - FORMER_EARNINGS_MONTHS, injury_month)
        listed = sorted(m for m in earnings.months if m.month in wanted and m.exclude is None)
        if listed:
            total = sum(m.amount for m in listed)
            return (2 * total + len(listed)) // (2 * len(listed)), ", ".join(m.label for m in listed)
    if ame.method == "actual":
        used = ame.months[-FORMER_EARNINGS_MONTHS:]
        total = sum(m.amount for m in used)
        return (2 * total + len(used)) // (2 * len(used)), ", ".join(m.label for m in used)
    if ame.amount is not None:
        return ame.amount, ame.method
    raise RuleViolation(field, "extension.needs_ame")


def _monthly(
    component: str,
    start: int,
    end: int,
    monthly: int,
    first_owed: int,
    horizon_end: int,
    claim_day: int,
    out: list[Installment],
) -> list[tuple[int, int, int]]:
    """``monthly`` prorated by the days of ``[start, end]`` in each month (to the calculation month)."""
    made = []
    start = max(start, first_owed)
    end = min(end, horizon_end)
    for month, days in month_parts(start, end):
        dim = dates.days_in_month(month)
        amount = (2 * monthly * days + dim) // (2 * dim)
        out.append(
            Installment(component, "victim", 0, month, amount, schedule.periodic_due(month, claim_day))
        )
        made.append((month, days, amount))
    return made


def former_earnings_installments(
    case: Case,
    former: tuple[int, str],
    first_owed: int,
    horizon_end: int,
    out: list[Installment],
    steps: list[Step] | None,
) -> None:
    """The sums measured by the former earnings, prorated by days and never reduced for fault. Art. 242:
    the difference between the former earnings and the pay of the lighter work (the whole former earnings
    when no such work was provided); art. 243: the former earnings for the days of retraining, besides
    lost earnings."""
    earnings, months = former
    claim_day = case.claim_day
    for t in case.temporary_transfers:
        monthly = max(earnings - t.monthly_pay, 0) if t.work_provided else earnings
        made = _monthly(
            "temporary_transfer", t.start, t.end, monthly, first_owed, horizon_end, claim_day, out
        )
        if steps is not None and made:
            steps.append(
                Step(
                    "242, 230 part 4",
                    "extras.temporary_transfer",
                    {
                        "transfer": f"№{t.index + 1}",
                        "from": dates.iso(t.start),
                        "to": dates.iso(t.end),
                        "former_earnings": money(earnings),
                        "former_months": months,
                        "monthly_pay": money(t.monthly_pay),
                        "work_provided": t.work_provided,
                        "installments": len(made),
                    },
                    money(monthly),
                )
            )
    for p in case.retraining:
        made = _monthly("retraining", p.start, p.end, earnings, first_owed, horizon_end, claim_day, out)
        if steps is not None and made:
            steps.append(
                Step(
                    "243, 242",
                    "extras.retraining",
                    {
                        "retraining": f"№{p.index + 1}",
                        "from": dates.iso(p.start),
                        "to": dates.iso(p.end),
                        "former_earnings": money(earnings),
                        "former_months": months,
                        "installments": len(made),
                    },
                    money(earnings),
                )
            )


def additional_expense_installments(
    expenses: tuple[AdditionalExpense, ...], out: list[Installment], steps: list[Step] | None
) -> None:
    """Arts. 244-245, 264: receipts reimbursed in full, due one month after the documents were brought.

    One installment per month the expenses were incurred in (``period``), due one month after the
    latest submission among them.
    """
    by_month: dict[int, list[AdditionalExpense]] = {}
    for item in sorted(expenses, key=lambda x: (x.incurred_on, x.index)):
        by_month.setdefault(dates.month_of(item.incurred_on), []).append(item)
    for month, items in by_month.items():
        submitted = max(x.submitted_on for x in items)
        due = dates.one_month_after(date.fromordinal(submitted)).toordinal()
        amount = sum(x.amount for x in items)
        out.append(Installment("additional_expenses", "victim", 0, month, amount, due))
        if steps is not None:
            steps.append(
                Step(
                    "244, 245, 264",
                    "extras.additional_expenses",
                    {
                        "period": dates.month_label(month),
                        "items": [
                            [
                                f"additional_expenses.{x.index}",
                                x.kind,
                                money(x.amount),
                                dates.iso(x.submitted_on),
                            ]
                            for x in items
                        ],
                        "submitted_on": dates.iso(submitted),
                        "due_date": dates.iso(due),
                    },
                    money(amount),
                )
            )


def agreed_sum_installments(
    sums: tuple[AgreedSum, ...],
    recipient_order: dict[str, int],
    out: list[Installment],
    steps: list[Step] | None,
) -> None:
    """Arts. 248, 253, 271: the sum fixed by agreement or a court, due on the date fixed."""
    for s in sums:
        order = recipient_order.get(s.recipient, 10_000 + s.index)
        out.append(Installment(s.component, s.recipient, order, None, s.amount, s.due))
        if steps is not None:
            steps.append(
                Step(
                    AGREED_ARTICLES[s.component],
                    "extras.agreed_sum",
                    {
                        "sum": f"agreed_sums.{s.index}",
                        "kind": s.component,
                        "recipient": s.recipient,
                        "basis": s.basis,
                        "due_date": dates.iso(s.due),
                    },
                    money(s.amount),
                )
            )


#: Which articles fix each agreed sum.
AGREED_ARTICLES = {"moral_damage": "248, 253", "burial": "271"}
