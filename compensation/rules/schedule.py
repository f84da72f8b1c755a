"""When each sum is due, and how far back a late claim reaches.

Labour Code of the Kyrgyz Republic (2004):

* Art. 257 - the employer decides on a claim within ten days; so nothing can be
  overdue before ``claim_date + 10 days``;
* Art. 264 - the month's compensation is paid by the end of that month; one-off
  benefits within one month of the documents;
* Art. 260 - compensation is owed from the day capacity was lost (or from the
  death); a claim made more than 3 years after the right arose is met for at
  most the 3 years before the claim.

The contract: a periodic installment for month m is due on the later of the
last day of m and ``claim_date + 10 days``; days before ``claim_date - 3
years`` are not owed.
"""

from __future__ import annotations

from datetime import date

from . import dates
from .trace import Step

__all__ = [
    "DECISION_DAYS",
    "LIMIT_YEARS",
    "limit_step",
    "periodic_due",
    "periodic_due_step",
    "first_owed_day",
]

#: Art. 257: the employer's decision period, in days.
DECISION_DAYS = 10
#: Art. 260: how many years back a late claim reaches.
LIMIT_YEARS = 3


def periodic_due(month: int, claim_day: int) -> int:
    """Arts. 257, 264: month m's installment is due on the later of m's last day and claim + 10 days."""
    last = dates.last_day(month)
    earliest = claim_day + DECISION_DAYS
    return last if last >= earliest else earliest


def periodic_due_step(claim_day: int, reading: bool = False) -> Step:
    """Arts. 257, 264 as a trace step. ``reading``: some sums fall under LC-2025, which names no ten-day
    decision; keeping the ten days there is a reading of art. 226(1) (contract v2 §5), and says so."""
    inputs: dict[str, object] = {"claim_date": dates.iso(claim_day), "decision_days": DECISION_DAYS}
    if reading:
        inputs["interpretation"] = "contract v2 §5"
    return Step("257, 264", "schedule.periodic_due", inputs, dates.iso(claim_day + DECISION_DAYS))


def first_owed_day(claim_day: int) -> int:
    """Art. 260: the first day still owed on a claim: ``claim_date - 3 years`` (29 Feb -> 28 Feb)."""
    claim = date.fromordinal(claim_day)
    if claim.year <= LIMIT_YEARS:
        return 1  # before the first day the calendar knows: nothing is cut off
    return dates.add_years(claim, -LIMIT_YEARS).toordinal()


def limit_step(right_arose: int, claim_day: int, cutoff: int) -> Step:
    """Art. 260 as a trace step, given only when the limit cuts something off."""
    return Step(
        "260",
        "schedule.limit",
        {
            "right_arose": dates.iso(right_arose),
            "claim_date": dates.iso(claim_day),
            "years": LIMIT_YEARS,
        },
        dates.iso(cutoff),
    )
