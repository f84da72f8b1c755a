"""The one-time benefit (единовременное пособие) by the law in force on the day the right arose.

Contract v2 §2. The right arises on the ``from`` of the first MSEC finding with a disability group
(an injury) or on the death; the ``one_time_benefit`` table's row in force that day names the rule:

* ``labour_code_2004`` - LC-2004 arts. 247 (injury, :func:`.injury.one_off_injury_benefit`) and 252
  (death, :func:`.death.one_off_death_benefit`), as in contract v1;
* ``resolution_465`` - LC-2025 art. 219 with Cabinet Resolution No. 465 of 4 August 2025:
  ``multiple x 12 x W`` (3 / 5 / 7 for group III / II / I, 12 for a death), W the republic's average
  monthly wage (``average_monthly_wage``) in force that day; an employer of the budget sector pays
  the fixed sums instead. A collective agreement's higher multiple replaces the Cabinet's (LC-2025
  art. 213(2)); the victim's gross negligence reduces an injury's benefit (LC-2025 art. 210(3), a
  reading); a death benefit goes to the dependants whose right has begun on its due date, unreduced
  (CC art. 1011(4));
* no rule (the gap from 28 January 2025 until the Resolution), or no W in force: no figure is
  invented; the installment has a null amount and the result a warning.

Due one month after the later of the claim and the day the right arose (LC-2025 art. 226(2)).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from compensation.parameters import Row, Table

from . import dates
from .case import Finding, Percent, Survivor
from .death import Right, sharing_the_benefit
from .installment import Installment
from .trace import Step, money, rounded

__all__ = [
    "BUDGET_SECTOR_SUMS",
    "RESOLUTION_465_MULTIPLE",
    "NullOneOff",
    "Warning",
    "death_benefit_2025",
    "injury_benefit_2025",
    "rule_in_force",
]

#: Resolution No. 465: multiples of the average annual wage (W x 12), by disability group, and a death.
RESOLUTION_465_MULTIPLE = {"III": 3, "II": 5, "I": 7, "death": 12}
#: Resolution No. 465: the budget sector's fixed sums, in tyiyn.
BUDGET_SECTOR_SUMS = {"III": 50_000_000, "II": 100_000_000, "I": 150_000_000, "death": 200_000_000}

LABOUR_CODE_2004_RULE = "labour_code_2004"
RESOLUTION_465 = "resolution_465"


class Warning(NamedTuple):  # noqa: A001 - the contract's word; never used as the builtin here
    """A result's ``warnings`` entry: a code, the input field to look at, and a message key with values."""

    code: str
    field: str
    key: str
    inputs: dict[str, object]


class NullOneOff(NamedTuple):
    """A one-off installment the law gives no amount for (yet): listed with ``amount`` null."""

    component: str
    recipient: str
    recipient_order: int
    due: int


def rule_in_force(table: Table | None, right_day: int) -> Row | None:
    """The ``one_time_benefit`` row in force on the day the right arose (a gap row, or ``None``: no rule)."""
    if table is None:
        return None
    return table.find(right_day)


def _wage(table: Table | None, right_day: int) -> Row | None:
    if table is None:
        return None
    row = table.find(right_day)
    return row if row is not None and row.value is not None else None


def _gap_warning(row: Row | None, right_day: int, what: str) -> Warning:
    return Warning(
        "one_time_benefit_not_set",
        "parameters.one_time_benefit",
        "warning.one_time_benefit_gap",
        {"right_arose": dates.iso(right_day), "what": what, "since": row.start.isoformat() if row else "-"},
    )


def _wage_warning(right_day: int, what: str) -> Warning:
    return Warning(
        "one_time_benefit_not_set",
        "parameters.average_monthly_wage",
        "warning.average_wage_unknown",
        {"right_arose": dates.iso(right_day), "what": what},
    )


def _not_set(
    rule: Row | None,
    wage: Row | None,
    needs_wage: bool,
    right_day: int,
    what: str,
    recipients: list[tuple[str, int]],
    due: int,
    nulls: list[NullOneOff],
    warnings: list[Warning],
    steps: list[Step] | None,
) -> bool:
    """An LC-2025 one-off the parameters give no amount for (no Resolution No. 465 in force on the day the
    right arose, or no average monthly wage when it is needed): listed with a null amount for each
    recipient, with the warning; true when so."""
    if rule is None or rule.rule != RESOLUTION_465:
        missing = _gap_warning(rule, right_day, what)
        key = "one_time.gap"
    elif needs_wage and wage is None:
        missing = _wage_warning(right_day, what)
        key = "one_time.no_wage"
    else:
        return False
    for recipient, order in recipients:
        nulls.append(NullOneOff(what, recipient, order, due))
    warnings.append(missing)
    if steps is not None:
        steps.append(Step("LC-2025 219", key, {"right_arose": dates.iso(right_day)}, "-"))
    return True


def injury_benefit_2025(
    finding: Finding,
    rule: Row | None,
    wage_table: Table | None,
    claim_day: int,
    budget_sector: bool,
    fault: Percent,
    agreement: dict[str, Decimal],
    out: list[Installment],
    nulls: list[NullOneOff],
    warnings: list[Warning],
    steps: list[Step] | None,
) -> None:
    """LC-2025 art. 219, Resolution No. 465, for an injury whose right arose on ``finding.start``."""
    group = finding.disability_group
    assert group is not None
    right_day = finding.start
    trigger = claim_day if claim_day >= finding.applied_on else finding.applied_on
    due = dates.one_month_after(date.fromordinal(trigger)).toordinal()
    agreed = agreement.get(group)
    wage = _wage(wage_table, right_day)
    needs_wage = not budget_sector or agreed is not None
    if _not_set(
        rule, wage, needs_wage, right_day, "one_off_injury", [("victim", 0)], due, nulls, warnings, steps
    ):
        return
    assert rule is not None
    cabinet = RESOLUTION_465_MULTIPLE[group]
    w = 0 if wage is None else wage.ratio[0] * 100 // wage.ratio[1]
    # Contract v2 §5: the agreement's multiple replaces the Cabinet's in the same formula; a fixed
    # sum can only be raised by it.
    if budget_sector:
        fixed = BUDGET_SECTOR_SUMS[group]
        by_agreement = 0
        if agreed is not None:
            a_n, a_d = agreed.as_integer_ratio()
            by_agreement = rounded(a_n * 12 * w, a_d)
        before_fault = fixed if fixed >= by_agreement else by_agreement
    else:
        multiple: Decimal | int = agreed if agreed is not None and agreed > cabinet else cabinet
        m_n, m_d = (multiple, 1) if isinstance(multiple, int) else multiple.as_integer_ratio()
        before_fault = rounded(m_n * 12 * w, m_d)
    amount = rounded(before_fault * (100 * fault.denominator - fault.numerator), 100 * fault.denominator)
    out.append(Installment("one_off_injury", "victim", 0, None, amount, due))
    if steps is not None:
        inputs: dict[str, object] = {
            "finding": f"№{finding.index + 1}",
            "disability_group": group,
            "right_arose": dates.iso(right_day),
            "rule": rule.cited("one_time_benefit"),
            "rule_name": RESOLUTION_465,
            "cabinet_multiple": cabinet,
            "agreement_multiple": str(agreed) if agreed is not None else "-",
            "average_monthly_wage": wage.cited("average_monthly_wage") if wage is not None else "-",
            "before_fault": money(before_fault),
            "fault_percent": fault.text,
            "claim_date": dates.iso(claim_day),
            "due_date": dates.iso(due),
            "interpretation": "contract v2 §5; regimes.md [I]",
        }
        if budget_sector:
            inputs["fixed_sum"] = money(BUDGET_SECTOR_SUMS[group])
        key = "one_time.injury_budget" if budget_sector else "one_time.injury"
        if fault.numerator:
            key += "+fault"
        article = "LC-2025 219, 213(2), 210(3), 226(2)" if fault.numerator else "LC-2025 219, 213(2), 226(2)"
        steps.append(Step(article, key, inputs, money(amount)))


def death_benefit_2025(
    survivors: tuple[Survivor, ...],
    rights: list[Right],
    death_day: int,
    rule: Row | None,
    wage_table: Table | None,
    claim_day: int,
    budget_sector: bool,
    out: list[Installment],
    nulls: list[NullOneOff],
    warnings: list[Warning],
    steps: list[Step] | None,
) -> None:
    """LC-2025 art. 219, Resolution No. 465, on a death: 12 x 12 x W (or the budget sector's fixed sum),
    split equally among the dependants whose right has begun on the due date."""
    trigger = claim_day if claim_day >= death_day else death_day
    due = dates.one_month_after(date.fromordinal(trigger)).toordinal()
    sharing = sharing_the_benefit(survivors, rights, due, dependants_only=True)
    if not sharing:
        return
    wage = _wage(wage_table, death_day)
    recipients = [(s.id, s.index + 1) for s in sharing]
    if _not_set(
        rule, wage, not budget_sector, death_day, "one_off_death", recipients, due, nulls, warnings, steps
    ):
        return
    if budget_sector:
        total = BUDGET_SECTOR_SUMS["death"]
    else:
        assert wage is not None
        total = RESOLUTION_465_MULTIPLE["death"] * 12 * (wage.ratio[0] * 100 // wage.ratio[1])
    k = len(sharing)
    share = rounded(total, k)
    for s in sharing:
        out.append(Installment("one_off_death", s.id, s.index + 1, None, share, due))
    if steps is not None:
        assert rule is not None
        inputs: dict[str, object] = {
            "death_date": dates.iso(death_day),
            "rule": rule.cited("one_time_benefit"),
            "rule_name": RESOLUTION_465,
            "multiple": RESOLUTION_465_MULTIPLE["death"],
            "average_monthly_wage": wage.cited("average_monthly_wage") if wage is not None else "-",
            "total": money(total),
            "dependants": k,
            "sharing": ", ".join(s.id for s in sharing),
            "claim_date": dates.iso(claim_day),
            "due_date": dates.iso(due),
            "interpretation": "contract v2 §5; regimes.md [I]",
        }
        key = "one_time.death_budget" if budget_sector else "one_time.death"
        steps.append(Step("LC-2025 219, 221, 226(2); CC 1011(4)", key, inputs, money(share)))
