"""The whole statement of a case: every installment owed, what was paid, what is late, and why.

This module only composes the rules of the other modules in the order the
contract gives; each of them cites its own articles:

1. liability (Arts. 226-230) - not liable: nothing is owed;
2. average monthly earnings and the base of each month (Arts. 234, 236-238);
3. the periods owed: from the right's start to the calculation month, not
   before ``claim_date - 3 years`` (Art. 260), an injury stopping after the last
   finding's ``to``;
4. injury (Arts. 235, 244-245, 247, 265) or death (Arts. 249-252) sums, and the
   sums of optional sections (Arts. 242, 243, 244-245, 248, 253, 271);
5. due dates (Arts. 257, 264), payments and penalties (Art. 269);
6. optional reports: capitalisation (Art. 255), the care-home split (Art. 266).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from compensation.parameters import NoRowInForce

from . import (
    capitalisation,
    care_home,
    dates,
    death,
    extras,
    injury,
    liability,
    one_time,
    penalties,
    regime,
    schedule,
)
from .case import Case, Percent
from .earnings import AverageEarnings, BaseOfMonth, ame_step, average_monthly_earnings
from .errors import RuleViolation
from .installment import ONE_OFF_ORDER, PERIODIC, PERIODIC_ORDER, Installment
from .trace import Step

__all__ = ["Statement", "compute"]

#: One-off sums computed from the base of the month they fall due in (Arts. 247, 252).
BASED_ONE_OFFS = frozenset({"one_off_injury", "one_off_death"})
#: Monthly sums computed from the base or the minimum wage of their month (Arts. 235, 245, 250).
BASED_PERIODIC = frozenset({"lost_earnings", "care_special_medical", "care_household", "survivor"})


@dataclass(slots=True)
class Statement:
    """What the engine found, before it is written out as the contract's JSON."""

    liable: bool
    victim_fault: Percent
    ame: AverageEarnings
    installments: list[Installment]
    steps: list[Step] | None
    unapplied: dict[str, int] = field(default_factory=dict)
    #: Results of optional sections (capitalisation, care home), keyed by section name.
    extras: dict[str, Any] = field(default_factory=dict)
    #: Contract v2: one-off sums the law gives no amount for yet (``amount`` null in the result).
    nulls: list[one_time.NullOneOff] = field(default_factory=list)
    #: Contract v2: the result's ``warnings``.
    warnings: list[one_time.Warning] = field(default_factory=list)
    #: Contract v2: the Code in force on the day of the event (the liability rules, the trace's default).
    event_regime: str = regime.LABOUR_CODE_2004


def _months_used(out: list[Installment]) -> list[tuple[int, int]]:
    """The ranges of months whose base the installments used: the periodic months from first to last,
    and the month each base-dependent one-off sum falls due in (Arts. 247, 252)."""
    low = high = -1
    one_offs = []
    for inst in out:
        period = inst.period
        if period is not None:
            if inst.component in BASED_PERIODIC:
                if low < 0 or period < low:
                    low = period
                if period > high:
                    high = period
        elif inst.component in BASED_ONE_OFFS:
            one_offs.append(inst.due)
    ranges = [(low, high)] if low >= 0 else []
    for due in one_offs:
        month = dates.month_of(due)
        if not any(a <= month <= b for a, b in ranges):
            ranges.append((month, month))
    return sorted(ranges) if len(ranges) > 1 else ranges


def compute(case: Case, trace: bool = True) -> Statement:
    """The statement of ``case`` as of its calculation date.

    :raises RuleViolation: the case needs something the law as encoded refuses, or a
        parameter table has no (known) row in force on a day the calculation needs.
    """
    try:
        return _compute(case, [] if trace else None)
    except NoRowInForce as exc:
        raise RuleViolation(
            f"parameters.{exc.table}",
            "parameters.unknown" if exc.unknown is not None else "parameters.no_row",
            table=exc.table,
            date=exc.day.isoformat(),
            where=exc.key,
            since=exc.unknown.start.isoformat() if exc.unknown is not None else "",
        ) from exc


def event_day(case: Case) -> int:
    """Contract v2 §5: the day of the event, whose Code sets the liability rules: the death, else
    ``injury_date``, else the first finding's ``from`` (else the claim)."""
    if case.death_day is not None:
        return case.death_day
    if case.injury_day is not None:
        return case.injury_day
    if case.findings:
        return case.findings[0].start
    return case.claim_day


def _compute(case: Case, steps: list[Step] | None) -> Statement:
    statement = _compute_figures(case, steps)
    if steps is not None and not _within_the_event_regime(statement):
        _assign_regimes(steps, statement.event_regime)
    return statement


def _within_the_event_regime(statement: Statement) -> bool:
    """Whether every sum of the statement falls under the Code of the event: then every step's Code is
    that one, and the render's default says so without a pass over the steps."""
    installments = statement.installments
    if not installments:
        return True
    switch = regime.REGIME_2025_FROM
    if statement.event_regime == regime.LABOUR_CODE_2004:
        # A monthly sum is due no earlier than its month's end: every due date before the switch means
        # every month before January 2025 too.
        return max(inst.due for inst in installments) < switch
    first_month = regime.SWITCH_MONTH
    for inst in installments:
        if inst.due < switch or (inst.period is not None and inst.period < first_month):
            return False
    return True


def _assign_regimes(steps: list[Step], default: str) -> None:
    """Each step's Code: by the months it covers (``period``), else by its due date, else by the day it
    takes effect (``from``: a recalculation, a right, a transfer), else the event's."""
    cache = _REGIME_OF_TEXT
    for step in steps:
        if step.regime:
            continue
        inputs = step.inputs
        text = inputs.get("period") or inputs.get("due_date") or inputs.get("from")
        if type(text) is str:
            found = cache.get(text)
            if found is None:
                found = _regime_of_text(text)
                if len(cache) < 10_000:
                    cache[text] = found
            step.regime = found or default
        else:
            step.regime = default


#: ``"2024-10..2025-03"`` or ``"2025-02-12"`` -> its Code ("" when the text is no period or date).
_REGIME_OF_TEXT: dict[str, str] = {}


def _regime_of_text(text: str) -> str:
    if len(text) == 10 and text[4] == "-":
        try:
            return regime.regime_of_day(date.fromisoformat(text).toordinal())
        except ValueError:
            return ""
    if len(text) >= 7 and text[:4].isdigit() and text[5:7].isdigit():
        first = int(text[:4]) * 12 + int(text[5:7]) - 1
        last = first
        if len(text) == 16 and text[-7:-3].isdigit() and text[-2:].isdigit():
            last = int(text[-7:-3]) * 12 + int(text[-2:]) - 1
        a, b = regime.regime_of_month(first), regime.regime_of_month(last)
        return a if a == b else regime.BOTH
    return ""


def _compute_figures(case: Case, steps: list[Step] | None) -> Statement:
    fault = case.liability.victim_fault
    event_regime = regime.regime_of_day(event_day(case))
    liable = liability.employer_liable(case.liability, event_regime)
    if steps is not None:
        step = liability.liability_step(case.liability, liable, event_regime, case.case_type)
        step.regime = event_regime
        steps.append(step)
    ame = average_monthly_earnings(case.earnings)
    if steps is not None:
        steps.append(ame_step(ame, case.earnings))
    if not liable:
        return Statement(False, fault, ame, [], steps, event_regime=event_regime)
    nulls: list[one_time.NullOneOff] = []
    warnings: list[one_time.Warning] = []

    params = case.parameters
    base = BaseOfMonth(ame.amount, case.earnings.reference_month, params.minimum_wage, params.indexation)
    calculation_day = case.calculation_day
    horizon_end = dates.last_day(dates.month_of(calculation_day))
    claim_day = case.claim_day
    if case.late_claim_due_to_employer:
        # LC-2004 art. 269 part 3, LC-2025 art. 228(3): the employer's fault for the delay lifts the limit.
        first_owed = 1
        if steps is not None:
            inputs = {"claim_date": dates.iso(claim_day)}
            steps.append(Step("269 part 3", "schedule.limit_lifted", inputs, "-"))
    else:
        first_owed = schedule.first_owed_day(claim_day)
    out: list[Installment] = []
    # Whether the periodic installments are already in the output order (month, component, recipient).
    presorted = True

    if case.case_type == "injury":
        findings = case.findings
        if findings:
            if steps is not None and findings[0].start < first_owed:
                steps.append(schedule.limit_step(findings[0].start, claim_day, first_owed))
            periods = injury.loss_periods(findings, horizon_end, steps)
            injury.lost_earnings_installments(periods, base, fault, first_owed, claim_day, out, steps)
            count = len(out)
            injury.care_installments(findings, base, first_owed, horizon_end, claim_day, out, steps)
            # Lost earnings come out in month order: only care allowances need the periodic sort.
            presorted = len(out) == count
            finding = next((f for f in findings if f.disability_group is not None), None)
            if finding is not None and finding.start <= calculation_day:
                rule = one_time.rule_in_force(params.one_time_benefit, finding.start)
                if rule is not None and rule.rule == one_time.LABOUR_CODE_2004_RULE:
                    injury.one_off_injury_benefit(
                        findings,
                        claim_day,
                        calculation_day,
                        base,
                        fault,
                        case.agreement_multipliers,
                        out,
                        steps,
                    )
                    out[-1].regime = regime.LABOUR_CODE_2004
                    if steps is not None:
                        steps[-1].regime = regime.LABOUR_CODE_2004  # the law of the day the right arose
                else:
                    count = len(out)
                    one_time.injury_benefit_2025(
                        finding,
                        rule,
                        params.average_monthly_wage,
                        claim_day,
                        case.budget_sector,
                        fault,
                        case.agreement_multipliers,
                        out,
                        nulls,
                        warnings,
                        steps,
                    )
                    if len(out) > count:
                        out[-1].regime = regime.LABOUR_CODE_2025
    else:
        death_day = case.death_day
        assert death_day is not None
        if death_day <= calculation_day and case.survivors:
            if steps is not None and death_day < first_owed:
                steps.append(schedule.limit_step(death_day, claim_day, first_owed))
            rights = death.survivor_installments(
                case.survivors,
                death_day,
                base,
                params.pension_age,
                first_owed,
                horizon_end,
                claim_day,
                out,
                steps,
            )
            count = len(out)
            rule = one_time.rule_in_force(params.one_time_benefit, death_day)
            if rule is not None and rule.rule == one_time.LABOUR_CODE_2004_RULE:
                death.one_off_death_benefit(
                    case.survivors,
                    rights,
                    claim_day,
                    case.region,
                    base,
                    params.subsistence_minimum,
                    out,
                    steps,
                )
                chosen = regime.LABOUR_CODE_2004
                if steps is not None and len(out) > count:
                    steps[-1].regime = regime.LABOUR_CODE_2004  # the law of the day of the death
            else:
                one_time.death_benefit_2025(
                    case.survivors,
                    rights,
                    death_day,
                    rule,
                    params.average_monthly_wage,
                    claim_day,
                    case.budget_sector,
                    out,
                    nulls,
                    warnings,
                    steps,
                )
                chosen = regime.LABOUR_CODE_2025
            for inst in out[count:]:
                inst.regime = chosen

    count = len(out)
    _optional_installments(case, ame, base, first_owed, horizon_end, out, steps)
    if len(out) != count:
        presorted = False

    if steps is not None:
        steps[2:2] = base.steps(_months_used(out))
        if any(inst.component in PERIODIC for inst in out):
            steps.append(schedule.periodic_due_step(claim_day, horizon_end >= regime.REGIME_2025_FROM))

    periodic = [inst for inst in out if inst.component in PERIODIC]
    one_off = [inst for inst in out if inst.component not in PERIODIC]
    if not presorted:
        periodic.sort(key=PERIODIC_ORDER)
    if len(one_off) > 1:
        one_off.sort(key=ONE_OFF_ORDER)
    out = periodic + one_off
    # The earliest due date: the first periodic installment's (they are in due-date order) or a one-off's.
    earliest = periodic[0].due if periodic else calculation_day
    for inst in one_off:
        if inst.due < earliest:
            earliest = inst.due
    rates = penalties.PenaltyRates(params.penalty_rate_per_day, earliest, calculation_day)
    unapplied = penalties.apply_payments(periodic, one_off, case.payments, calculation_day, steps, rates)
    penalties.settle(out, calculation_day, rates.ratio, rates)
    if steps is not None:
        # One rate over every late day: cite the row in force on the calculation date (as in v1);
        # several rates: each row that applied.
        for row in rates.rows if not rates.constant else rates.rows[-1:]:
            steps.append(
                Step(
                    "269",
                    "penalty.rule",
                    {
                        "rate": row.cited("penalty_rate_per_day"),
                        "calculation_date": dates.iso(calculation_day),
                        "interpretation": "contract v2 §4, §5",
                    },
                    str(row.value),
                )
            )
            steps[-1].regime = regime.regime_of_day(max(row.start_day, 1))
    statement = Statement(
        True, fault, ame, out, steps, unapplied, nulls=nulls, warnings=warnings, event_regime=event_regime
    )
    if case.capitalisation is not None:
        on = case.capitalisation.on
        horizon = max(horizon_end, dates.last_day(dates.month_of(on)))
        periods = injury.loss_periods(case.findings, horizon) if case.case_type == "injury" else []
        first_step = len(steps) if steps is not None else 0
        statement.extras["capitalisation"] = capitalisation.capitalise(
            case, case.capitalisation, base, periods, steps
        )
        if steps is not None:
            # The Code of the capitalisation's day: LC-2004 art. 255, or CC art. 1021 under LC-2025.
            for step in steps[first_step:]:
                step.regime = regime.regime_of_day(on)
    if case.care_home is not None:
        statement.extras["care_home"] = care_home.split(case.care_home, out, steps)
    return statement


def _optional_installments(
    case: Case,
    ame: AverageEarnings,
    base: BaseOfMonth,
    first_owed: int,
    horizon_end: int,
    out: list[Installment],
    steps: list[Step] | None,
) -> None:
    """The sums of the optional sections (docs/compensation.md): Arts. 242, 243, 244-245, 248, 253, 271."""
    if case.temporary_transfers or case.retraining:
        field = "temporary_transfers" if case.temporary_transfers else "retraining"
        former = extras.former_earnings(ame, case.earnings, field, case.injury_day)
        extras.former_earnings_installments(case, former, first_owed, horizon_end, out, steps)
    if case.additional_expenses:
        extras.additional_expense_installments(case.additional_expenses, out, steps)
    if case.agreed_sums:
        order = {"victim": 0, **{s.id: s.index + 1 for s in case.survivors}}
        extras.agreed_sum_installments(case.agreed_sums, order, out, steps)
