"""Compensation to an injured worker: lost earnings, care, the one-off benefit.

Labour Code of the Kyrgyz Republic (2004):

* Art. 235 - lost earnings = AME x the percentage of lost professional capacity
  (pensions and later earnings are not deducted);
* Art. 230 - the victim's gross negligence reduces lost earnings and the
  one-off benefit, and nothing else;
* Arts. 244-245 - care: five minimum wages a month for special medical care,
  two for household care, whoever gives it; group I needs no MSEC conclusion
  on household care;
* Art. 247 - the one-off benefit: at least 10 / 5 / 3 average annual earnings
  for disability group I / II / III, more if the collective agreement says so
  (Art. 233);
* Arts. 260-262 - owed for the days the MSEC finds the capacity lost, a renewed
  finding continuing from the end of the previous one;
* Art. 264 - one-off benefits are paid within a month of the documents;
* Art. 265 - a recalculation takes effect: for an increase, from the 1st of the
  month after the victim applied with the documents; for a decrease, from the
  1st of the month after the circumstances arose.

Amounts of a month are the sum over its covered days of ``rate / days in the
month``, rounded once; rates change at most a few times, so the work is done
per period and month, never per day.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from math import lcm
from typing import Any, NamedTuple

from . import dates, schedule
from .case import Finding, Percent
from .dates import BOUNDS
from .earnings import BaseOfMonth
from .installment import Installment, month_parts
from .trace import Step, money, rounded

__all__ = [
    "CARE_MINIMUM_WAGES",
    "STATUTORY_MULTIPLIER",
    "LossPeriod",
    "care_installments",
    "loss_periods",
    "lost_earnings_installments",
    "one_off_injury_benefit",
]

#: Art. 245: monthly care allowances in minimum wages.
CARE_MINIMUM_WAGES = {"care_special_medical": 5, "care_household": 2}
#: Art. 247: the least one-off benefit, in average annual earnings, by disability group.
STATUTORY_MULTIPLIER = {"I": 10, "II": 5, "III": 3}


class LossPeriod(NamedTuple):
    """Days ``[start, end]`` paid at ``loss`` percent; ``finding`` is the input index that covers them."""

    start: int
    end: int
    loss: Percent
    finding: int


def loss_periods(
    findings: tuple[Finding, ...], horizon_end: int, steps: list[Step] | None = None
) -> list[LossPeriod]:
    """Arts. 235, 262, 265: the percentage of loss in force on each covered day, as periods.

    A finding that continues the previous one without a gap and changes the percentage
    takes effect late: an increase from the 1st of the month after ``applied_on``, a
    decrease from the 1st of the month after its ``from``; until then the old percentage
    still applies. A finding after a gap takes effect from its own ``from``. Open
    findings (``to`` null) run to ``horizon_end``, the end of the calculation month.
    """
    periods: list[LossPeriod] = []
    previous_end: int | None = None
    for f in findings:
        end = horizon_end if f.end is None else min(f.end, horizon_end)
        if end < f.start:
            previous_end = f.end
            continue
        if periods and previous_end is not None and previous_end + 1 == f.start:
            old = periods[-1].loss
            if old.value != f.loss.value:
                increase = f.loss.value > old.value
                trigger = f.applied_on if increase else f.start
                effective = dates.last_day(dates.month_of(trigger)) + 1  # the 1st of the next month
                if effective < f.start:
                    effective = f.start
                if effective > f.start:
                    periods.append(LossPeriod(f.start, min(end, effective - 1), old, f.index))
                if effective <= end:
                    periods.append(LossPeriod(effective, end, f.loss, f.index))
                if steps is not None:
                    steps.append(
                        Step(
                            "265",
                            "injury.recalculation_increase" if increase else "injury.recalculation_decrease",
                            {
                                "finding": f"№{f.index + 1}",
                                "old_percent": old.text,
                                "new_percent": f.loss.text,
                                "from": dates.iso(f.start),
                                "applied_on": dates.iso(f.applied_on),
                            },
                            dates.iso(effective),
                        )
                    )
                previous_end = f.end
                continue
        periods.append(LossPeriod(f.start, end, f.loss, f.index))
        previous_end = f.end
    return periods


def lost_earnings_installments(
    periods: list[LossPeriod],
    base: BaseOfMonth,
    fault: Percent,
    first_owed: int,
    claim_day: int,
    out: list[Installment],
    steps: list[Step] | None,
) -> None:
    """Arts. 235, 230: for each month, sum over covered days of ``base(m) x loss% x (1 - fault%) / days``.

    Rounded once per month; days before ``first_owed`` (Art. 260) are not owed. The work is
    one step per month of each period (the days of a month are counted, never walked); the full
    months inside a period and a stretch of the base all owe the same sum, computed once.
    """
    common = 1
    for p in periods:
        if p.loss.denominator != 1:
            common = lcm(common, p.loss.denominator)
    keep = 100 * fault.denominator - fault.numerator  # (100% - fault%) x 100 x its denominator
    scale = common * 10000 * fault.denominator
    twice_scale = 2 * scale
    earliest = claim_day + schedule.DECISION_DAYS
    bounds = BOUNDS
    append = out.append
    base_amount = next_stretch = -1
    previous_month = -1
    previous_weighted = 0
    previous_parts: list[tuple[int, Percent]] = []
    # The run of alike full months not yet written to the trace: [first, last, base, amount, loss].
    run: list[Any] | None = None
    for p in periods:
        day = p.start if p.start >= first_owed else first_owed
        end = p.end
        if end < day:
            continue
        loss = p.loss
        weight = loss.numerator * (common // loss.denominator)
        month = dates.month_of(day)
        while True:
            first, last, dim, _ = bounds.get(month) or dates.bounds(month)
            if day == first and end > last and month != previous_month:
                # Full months up to the period's last month: the same sum within a stretch of the base.
                end_month = dates.month_of(end)
                if weight:
                    m = month
                    while m < end_month:
                        if m >= next_stretch:
                            base_amount, next_stretch = base.at(m)
                            if run is not None and steps is not None:
                                steps.append(_lost_earnings_step(run, fault, None))
                                run = None
                        amount = (2 * base_amount * weight * keep + scale) // twice_scale
                        upto = end_month if end_month < next_stretch else next_stretch
                        for mm in range(m, upto):
                            due = (bounds.get(mm) or dates.bounds(mm))[1]
                            append(
                                Installment(
                                    "lost_earnings",
                                    "victim",
                                    0,
                                    mm,
                                    amount,
                                    due if due >= earliest else earliest,
                                )
                            )
                        if steps is not None:
                            if run is not None and run[1] == m - 1 and run[4] is loss:
                                run[1] = upto - 1
                            else:
                                if run is not None:
                                    steps.append(_lost_earnings_step(run, fault, None))
                                run = [m, upto - 1, base_amount, amount, loss]
                        m = upto
                previous_month = end_month - 1
                month = end_month
                day = dates.first_day(end_month)
                continue
            stop = end if end < last else last
            days = stop - day + 1
            weighted = days * weight
            parts: list[tuple[int, Percent]] | None = None
            shared = month == previous_month
            # Whether this month's earlier part had an installment (and a step), now replaced by one.
            merged = False
            if shared:
                # Two periods share this month (a change of percentage mid-month): one installment.
                if out and out[-1].period == month and out[-1].component == "lost_earnings":
                    out.pop()
                    merged = True
                weighted += previous_weighted
                parts = [*previous_parts, (days, loss)]
            elif days != dim:
                parts = [(days, loss)]
            previous_month, previous_weighted = month, weighted
            previous_parts = parts or [(days, loss)]
            if weighted:
                if month >= next_stretch:
                    base_amount, next_stretch = base.at(month)
                    if run is not None and steps is not None:
                        steps.append(_lost_earnings_step(run, fault, None))
                        run = None
                den = scale * dim
                amount = (2 * base_amount * weighted * keep + den) // (2 * den)
                append(
                    Installment(
                        "lost_earnings", "victim", 0, month, amount, last if last >= earliest else earliest
                    )
                )
                if steps is not None:
                    if parts is None:
                        if run is not None and run[1] == month - 1 and run[4] is loss:
                            run[1] = month
                        else:
                            if run is not None:
                                steps.append(_lost_earnings_step(run, fault, None))
                            run = [month, month, base_amount, amount, loss]
                    else:
                        if run is not None:
                            steps.append(_lost_earnings_step(run, fault, None))
                            run = None
                        if merged and steps and steps[-1].key == "injury.lost_earnings_prorated":
                            steps.pop()  # the first period's part of this month, now merged
                        steps.append(
                            _lost_earnings_step([month, month, base_amount, amount, loss], fault, parts)
                        )
            if stop == end:
                break
            month += 1
            day = last + 1
    if run is not None and steps is not None:
        steps.append(_lost_earnings_step(run, fault, None))


def _lost_earnings_step(run: list[Any], fault: Percent, parts: list[tuple[int, Percent]] | None) -> Step:
    first, last, base_amount, amount, loss = run
    period = dates.month_label(first)
    if last != first:
        period += ".." + dates.month_label(last)
    article = "235, 230" if fault.numerator else "235"
    inputs: dict[str, object] = {
        "period": period,
        "base": money(base_amount),
        "fault_percent": fault.text,
    }
    if parts is None:
        inputs["loss_percent"] = loss.text
        return Step(article, "injury.lost_earnings_month", inputs, money(amount))
    inputs["days_in_month"] = dates.days_in_month(first)
    inputs["days"] = ", ".join(f"{days} x {p.text}%" for days, p in parts)
    return Step(article, "injury.lost_earnings_prorated", inputs, money(amount))


def care_spans(findings: tuple[Finding, ...], special: bool, horizon_end: int) -> list[tuple[int, int]]:
    """Contract v2 §4 (LC-2004 art. 265, LC-2025 art. 227): the days a care need is paid, timed like the
    loss percentage. A need added by a finding continuing the previous one without a gap counts from
    the 1st of the month after its ``applied_on`` (not before its ``from``); a need it removes still
    counts until the 1st of the month after its ``from``. A finding after a gap counts from its own
    ``from``."""
    spans: list[tuple[int, int]] = []
    previous_end: int | None = None
    for f in findings:
        need = f.special_medical_care if special else f.household_care
        end = horizon_end if f.end is None or f.end > horizon_end else f.end
        continuing = previous_end is not None and previous_end + 1 == f.start
        # As for the percentage, the need "before" is the one actually paid on the previous day.
        previous_need = bool(spans) and spans[-1][1] + 1 == f.start
        if need:
            start = f.start
            if continuing and not previous_need:
                effective = dates.last_day(dates.month_of(f.applied_on)) + 1
                if effective > start:
                    start = effective
            if start <= end:
                spans.append((start, end))
        elif continuing and previous_need:
            effective = dates.last_day(dates.month_of(f.start)) + 1
            stop = min(end, effective - 1)
            if stop >= f.start:
                spans.append((f.start, stop))
        previous_end = f.end
    return spans


def care_installments(
    findings: tuple[Finding, ...],
    base: BaseOfMonth,
    first_owed: int,
    horizon_end: int,
    claim_day: int,
    out: list[Installment],
    steps: list[Step] | None,
) -> None:
    """Arts. 244-245: 5 x MW(m) a month for special medical care, 2 x MW(m) for household care,
    prorated by the days a finding lists the need (group I implies household care); never reduced
    for the victim's fault (Art. 230)."""
    earliest = claim_day + schedule.DECISION_DAYS
    for component, special in (("care_special_medical", True), ("care_household", False)):
        days_by_month: dict[int, int] = {}
        implied = False
        for start, end in care_spans(findings, special, horizon_end):
            start = start if start >= first_owed else first_owed
            for month, days in month_parts(start, end):
                days_by_month[month] = days_by_month.get(month, 0) + days
        if not special:
            implied = any(f.disability_group == "I" for f in findings)
        if not days_by_month:
            continue
        multiple = CARE_MINIMUM_WAGES[component]
        run: list[tuple[int, int, int, int, bool]] = []  # (month, mw, amount, days, full month)
        for month, days in days_by_month.items():
            _, last, dim, _ = BOUNDS.get(month) or dates.bounds(month)
            mw = base.mw(month)
            amount = (2 * multiple * mw * days + dim) // (2 * dim)
            out.append(
                Installment(component, "victim", 0, month, amount, last if last >= earliest else earliest)
            )
            if steps is None:
                continue
            full = days == dim
            if full and run and run[-1][4] and run[-1][0] == month - 1 and run[-1][1] == mw:
                run.append((month, mw, amount, days, full))
                continue
            if run:
                steps.append(_care_step(component, multiple, run, base, implied))
            run = [(month, mw, amount, days, full)]
        if run and steps is not None:
            steps.append(_care_step(component, multiple, run, base, implied))


def _care_step(
    component: str,
    multiple: int,
    run: list[tuple[int, int, int, int, bool]],
    base: BaseOfMonth,
    implied: bool,
) -> Step:
    first, mw, amount, days, _ = run[0]
    period = dates.month_label(first)
    if len(run) > 1:
        period += ".." + dates.month_label(run[-1][0])
    inputs = {
        "period": period,
        "kind": component,
        "multiple": multiple,
        "minimum_wage": base.mw_row(first).cited("minimum_wage"),
        "days": days,
        "days_in_month": dates.days_in_month(first),
        "group_i_implies_household_care": implied,
    }
    # Not reduced for the victim's fault: LC-2004 art. 230 part 4; for LC-2025 periods CC art. 1011(4).
    return Step("244, 245, 230 part 4", "injury.care", inputs, money(amount))


def one_off_injury_benefit(
    findings: tuple[Finding, ...],
    claim_day: int,
    calculation_day: int,
    base: BaseOfMonth,
    fault: Percent,
    agreement: dict[str, Decimal],
    out: list[Installment],
    steps: list[Step] | None,
) -> None:
    """Art. 247: multiplier x 12 x base(month of the due date) x (1 - fault%), rounded once.

    From the first finding (by ``from``) with a disability group: 10 / 5 / 3 for group
    I / II / III, or the collective agreement's multiplier where higher (Art. 233); due one
    month after the later of the claim and the day that finding was brought (Art. 264).
    Listed once the right has arisen (the finding's ``from`` is not after the calculation date).
    """
    finding = next((f for f in findings if f.disability_group is not None), None)
    if finding is None or finding.start > calculation_day:
        return
    group = finding.disability_group
    assert group is not None
    statutory = STATUTORY_MULTIPLIER[group]
    agreed = agreement.get(group)
    multiplier: Decimal | int = agreed if agreed is not None and agreed > statutory else statutory
    trigger = claim_day if claim_day >= finding.applied_on else finding.applied_on
    due = dates.one_month_after(date.fromordinal(trigger))
    month = due.year * 12 + due.month - 1
    base_amount = base(month)
    m_n, m_d = (multiplier, 1) if isinstance(multiplier, int) else multiplier.as_integer_ratio()
    amount = rounded(
        m_n * 12 * base_amount * (100 * fault.denominator - fault.numerator), m_d * 100 * fault.denominator
    )
    out.append(Installment("one_off_injury", "victim", 0, None, amount, due.toordinal()))
    if steps is not None:
        steps.append(
            Step(
                "247, 233, 230, 264" if fault.numerator else "247, 233, 264",
                "injury.one_off",
                {
                    "finding": f"№{finding.index + 1}",
                    "disability_group": group,
                    "statutory_multiplier": statutory,
                    "agreement_multiplier": str(agreed) if agreed is not None else "-",
                    "multiplier": str(multiplier),
                    "claim_date": dates.iso(claim_day),
                    "applied_on": dates.iso(finding.applied_on),
                    "due_date": due.isoformat(),
                    "base_month": dates.month_label(month),
                    "base": money(base_amount),
                    "fault_percent": fault.text,
                },
                money(amount),
            )
        )
