"""Capitalisation of future payments when the employer is liquidated without a successor.

Labour Code of the Kyrgyz Republic (2004), Art. 255: the liquidated employer must capitalise the
sums due as compensation and pay them to the state social insurance body (the Social Fund),
which then pays the recipients; "the procedure of capitalisation is set by the Government".
That procedure was not found (facts §3), so the project applies its decided default
(facts §8), method ``simple_70_min10``:

* months remaining = for the victim, the months until the victim turns 70, but at least 120;
  for a survivor, the months until the right ends (18, 23 for a student, the end of care or of
  a disability term), or the same 70 / 120 rule where the right is open-ended;
* capitalised sum = the current monthly award x months remaining, no discounting.

The current monthly award is a full month at the rates in force on the capitalisation date:
lost earnings and care for the victim (Arts. 235, 245, 230), the share for a survivor
(Art. 250). The method and its parameters are given with every result, so that an
actuarial-table method can later stand beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from . import dates
from .case import CapitalisationRequest, Case, Finding
from .death import counted_from, default_carer_end, survivor_right
from .earnings import BaseOfMonth
from .errors import RuleViolation
from .injury import CARE_MINIMUM_WAGES, LossPeriod
from .trace import Step, money

__all__ = ["AGE_LIMIT", "MINIMUM_MONTHS", "Capitalised", "capitalise"]

#: simple_70_min10: payments are capitalised until the recipient turns 70 ...
AGE_LIMIT = 70
#: ... but for at least ten years.
MINIMUM_MONTHS = 120


@dataclass(frozen=True, slots=True)
class Capitalised:
    """One recipient's capitalised sum."""

    recipient: str
    monthly: int
    months: int
    until: str
    amount: int


def _months_between(day: int, until: date) -> int:
    """Whole months after the month of ``day`` up to and including the month of ``until``."""
    return max(dates.month_at(until) - dates.month_of(day), 0)


def _seventy_rule(birth: int, on: int) -> tuple[int, str, str]:
    """Months until the 70th birthday, but at least 120: (months, the birthday, which rule decided)."""
    seventy = dates.add_years(date.fromordinal(birth), AGE_LIMIT)
    months = _months_between(on, seventy)
    if months < MINIMUM_MONTHS:
        return MINIMUM_MONTHS, seventy.isoformat(), "capitalisation.minimum"
    return months, seventy.isoformat(), "capitalisation.seventy"


def _victim_monthly(
    findings: tuple[Finding, ...], periods: list[LossPeriod], on: int, base: BaseOfMonth, case: Case
) -> tuple[int, dict[str, Any]]:
    """A full month at the rates in force on ``on``: lost earnings (loss %, fault) and care (MW multiples)."""
    month = dates.month_of(on)
    fault = case.liability.victim_fault
    loss = next((p.loss for p in periods if p.start <= on <= p.end), None)
    finding = next((f for f in findings if f.start <= on and (f.end is None or on <= f.end)), None)
    base_amount = base(month)
    lost = 0
    if loss is not None:
        den = 100 * loss.denominator * 100 * fault.denominator
        num = base_amount * loss.numerator * (100 * fault.denominator - fault.numerator)
        lost = (2 * num + den) // (2 * den)
    care = 0
    if finding is not None:
        mw = base.mw(month)
        if finding.special_medical_care:
            care += CARE_MINIMUM_WAGES["care_special_medical"] * mw
        if finding.household_care:
            care += CARE_MINIMUM_WAGES["care_household"] * mw
    parts = {
        "base": money(base_amount),
        "loss_percent": loss.text if loss is not None else "0",
        "fault_percent": fault.text,
        "lost_earnings": money(lost),
        "care": money(care),
    }
    return lost + care, parts


def capitalise(
    case: Case,
    request: CapitalisationRequest,
    base: BaseOfMonth,
    periods: list[LossPeriod],
    steps: list[Step] | None,
) -> dict[str, Any]:
    """Art. 255 by ``simple_70_min10``: each recipient's monthly award x months remaining."""
    on = request.on
    month = dates.month_of(on)
    lines: list[Capitalised] = []
    if case.case_type == "injury":
        monthly, parts = _victim_monthly(case.findings, periods, on, base, case)
        if monthly and request.victim_birth is not None:
            months, until, key = _seventy_rule(request.victim_birth, on)
            lines.append(Capitalised("victim", monthly, months, until, monthly * months))
            if steps is not None:
                steps.append(_step(key, "victim", monthly, months, until, parts))
    else:
        death_day = case.death_day
        assert death_day is not None
        survivors = case.survivors
        carer_end = default_carer_end(survivors)
        rights = [survivor_right(s, death_day, case.parameters.pension_age, carer_end) for s in survivors]
        # Contract v2 §3: the dependants counted on the day of capitalisation.
        n = next(
            k
            for day, k, _ in reversed(counted_from(survivors, rights, death_day))
            if day <= max(on, death_day)
        )
        court_total = sum(s.court_maintenance or 0 for s in survivors)
        base_amount = base(month)
        share = (2 * (base_amount - court_total) + n + 1) // (2 * (n + 1))
        for survivor, right in zip(survivors, rights, strict=True):
            if right.start > on or (right.end is not None and right.end < on):
                continue
            monthly = survivor.court_maintenance if survivor.court_maintenance is not None else share
            if right.end is not None:
                months = _months_between(on, date.fromordinal(right.end))
                until, key = dates.iso(right.end), "capitalisation.right_ends"
            elif survivor.birth is not None:
                months, until, key = _seventy_rule(survivor.birth, on)
            else:
                raise RuleViolation(
                    f"survivors.{survivor.index}.birth_date", "extension.birth_for_capitalisation"
                )
            lines.append(Capitalised(survivor.id, monthly, months, until, monthly * months))
            if steps is not None:
                parts = {"base": money(base_amount), "shares": n + 1}
                steps.append(_step(key, survivor.id, monthly, months, until, parts))
    total = sum(line.amount for line in lines)
    return {
        "method": request.method,
        "date": dates.iso(on),
        "parameters": {"age_limit": AGE_LIMIT, "minimum_months": MINIMUM_MONTHS, "discount_rate": "0"},
        "recipients": [
            {
                "recipient": line.recipient,
                "monthly": money(line.monthly),
                "months": line.months,
                "until": line.until,
                "amount": money(line.amount),
            }
            for line in lines
        ],
        "total": money(total),
    }


def _step(key: str, recipient: str, monthly: int, months: int, until: str, parts: dict[str, Any]) -> Step:
    return Step(
        "255",
        key,
        {
            "recipient": recipient,
            "monthly": money(monthly),
            "months": months,
            "until": until,
            "method": "simple_70_min10",
            "age_limit": AGE_LIMIT,
            "minimum_months": MINIMUM_MONTHS,
            **parts,
        },
        money(monthly * months),
    )
