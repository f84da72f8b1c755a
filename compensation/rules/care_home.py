"""Compensation of a person living in a care home for the elderly and persons with disabilities.

Labour Code of the Kyrgyz Republic (2004), Art. 266: while the recipient lives in a care home
(дом-интернат, pension, territorial centre), the employer transfers the compensation to the
home's account, except the part of the recipient's dependants unable to work, who are paid
directly: one quarter for one dependant, one third for two, one half for three or more. The
home pays the recipient the difference between the sum transferred and the cost of upkeep,
but not less than 25 % of the compensation.

The total owed by the employer does not change, only who receives it: so this is reported as a
split of the victim's monthly sums (lost earnings and care) for the months of the stay,
prorated by the days of the stay.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from . import dates
from .case import CareHomePlacement
from .installment import Installment
from .trace import Step, money

__all__ = ["DEPENDANTS_SHARE", "PERSON_MINIMUM", "split"]

#: Art. 266: the dependants' part by their number (three or more: one half).
DEPENDANTS_SHARE = {0: Fraction(0), 1: Fraction(1, 4), 2: Fraction(1, 3), 3: Fraction(1, 2)}
#: Art. 266: the person keeps at least a quarter of the compensation.
PERSON_MINIMUM = Fraction(1, 4)


def _round(value: Fraction) -> int:
    return (2 * value.numerator + value.denominator) // (2 * value.denominator)


def split(
    placement: CareHomePlacement, installments: list[Installment], steps: list[Step] | None
) -> dict[str, Any]:
    """Art. 266: per month of the stay, the dependants' part, what goes to the home, and the person's part."""
    share = DEPENDANTS_SHARE[min(placement.dependants, 3)]
    awards: dict[int, int] = {}
    for inst in installments:
        if inst.recipient == "victim" and inst.period is not None and inst.component != "additional_expenses":
            awards[inst.period] = awards.get(inst.period, 0) + inst.amount
    months = []
    for month in sorted(awards):
        first, last, dim, label = dates.bounds(month)
        start = max(first, placement.start)
        end = last if placement.end is None else min(last, placement.end)
        if end < start:
            continue
        days = end - start + 1
        award = _round(Fraction(awards[month] * days, dim))
        to_dependants = _round(award * share)
        to_home = award - to_dependants
        at_least = _round(award * PERSON_MINIMUM)
        if placement.monthly_cost is not None:
            cost = _round(Fraction(placement.monthly_cost * days, dim))
            person = min(max(to_home - cost, at_least), to_home)
        else:
            person = min(at_least, to_home)
        months.append(
            {
                "period": label,
                "days": days,
                "award": money(award),
                "to_dependants": money(to_dependants),
                "to_care_home": money(to_home),
                "person_receives": money(person),
                "care_home_keeps": money(to_home - person),
            }
        )
    if steps is not None:
        steps.append(
            Step(
                "266",
                "care_home.split",
                {
                    "from": dates.iso(placement.start),
                    "to": dates.iso(placement.end) if placement.end is not None else "open-ended",
                    "dependants": placement.dependants,
                    "dependants_share": str(share),
                    "person_minimum": str(PERSON_MINIMUM),
                    "monthly_cost": money(placement.monthly_cost)
                    if placement.monthly_cost is not None
                    else "-",
                    "months": len(months),
                },
                str(share),
            )
        )
    return {
        "from": dates.iso(placement.start),
        "to": dates.iso(placement.end) if placement.end is not None else None,
        "dependants": placement.dependants,
        "dependants_share": str(share),
        "person_minimum": str(PERSON_MINIMUM),
        "months": months,
    }
