"""Compensation on the death of the breadwinner: who has a right, for how long, and how much.

Labour Code of the Kyrgyz Republic (2004):

* Art. 249 - who has a right: dependants unable to work (under 18; students to
  23; persons with disabilities; persons of pension age), a child born after
  the death, a family member caring for the deceased's children, dependants
  becoming unable to work within 5 years of the death;
* Art. 250 - each dependant receives an equal part of the deceased's earnings
  less the deceased's own share: ``(base - court total) / (n + 1)``; sums a
  court set for non-dependants entitled to maintenance are taken out first;
* Art. 251 - the shares are not recalculated when one person's right ends;
* Art. 252 - the one-off benefit: twenty average annual earnings, not less than
  four annual subsistence minimums for the locality on the day of payment;
* Art. 230 - the victim's fault never reduces any of this;
* Art. 260 - owed from the day of death, not before the right is acquired.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from math import lcm

from compensation.parameters import Table

from . import dates, schedule
from .case import Survivor
from .dates import BOUNDS
from .earnings import BaseOfMonth
from .errors import RuleViolation
from .installment import Installment
from .trace import Step, money, rounded

__all__ = [
    "ADULT_AGE",
    "DEATH_ONE_OFF_ANNUAL_EARNINGS",
    "DEATH_ONE_OFF_ANNUAL_MINIMUMS",
    "INCAPACITY_WINDOW_YEARS",
    "STUDENT_AGE",
    "Right",
    "one_off_death_benefit",
    "survivor_installments",
    "survivor_right",
]

#: Art. 249: "лица, не достигшие 18 лет".
ADULT_AGE = 18
#: Art. 249: students "но не старше 23 лет".
STUDENT_AGE = 23
#: Art. 249 item 4: dependants who become unable to work within 5 years of the death.
INCAPACITY_WINDOW_YEARS = 5
#: Art. 252: twenty average annual earnings ...
DEATH_ONE_OFF_ANNUAL_EARNINGS = 20
#: ... but not less than four annual subsistence minimums.
DEATH_ONE_OFF_ANNUAL_MINIMUMS = 4


@dataclass(frozen=True, slots=True)
class Right:
    """The days a survivor's right lasts: ``[start, end]``, ``end`` ``None`` when open-ended."""

    start: int
    end: int | None
    ends_by: str


def _day_before_birthday(birth: int, age: int) -> int:
    return dates.add_years(date.fromordinal(birth), age).toordinal() - 1


#: LC-2004 art. 249 item 3, LC-2025 art. 221(1)3): a carer of the deceased's children under 14.
CARE_AGE = 14


def default_carer_end(survivors: tuple[Survivor, ...]) -> int | None:
    """Contract v2 §3, §5: a carer without ``caring_until`` cares until the day before the youngest minor
    survivor's 14th birthday (a child born after the death included); ``None`` with no minor."""
    births = [s.birth for s in survivors if "minor" in s.grounds and s.birth is not None]
    if not births:
        return None
    return _day_before_birthday(max(births), CARE_AGE)


def survivor_right(
    survivor: Survivor, death_day: int, pension_age: Table, carer_end: int | None = None
) -> Right:
    """Arts. 249, 260: from the death (or birth, for a child born after it) while a ground lasts.

    ``minor``: until the day before the 18th birthday; ``student``: until the earlier of
    ``student_until`` and the day before the 23rd birthday; ``disabled``: until
    ``disabled_until`` (null: open-ended); ``pension_age``: open-ended, from the later of the
    death and the day the survivor reaches the pension age, which must come within 5 years of
    the death (Art. 249 item 4); ``caregiver``: until ``caring_until`` (null: open-ended).
    With several grounds the latest end counts (and the earliest start).

    :raises RuleViolation: the grounds give no right on or after the death.
    """
    where = f"survivors.{survivor.index}"
    start_default = death_day
    if survivor.birth is not None and survivor.birth > death_day:
        start_default = survivor.birth  # Art. 249 item 2: a child born after the death
    if survivor.right_from is not None and survivor.right_from > start_default:
        # Contract v2 §3, §5: unable to work within five years of the death (art. 249 item 4,
        # LC-2025 art. 221(1)4)): the earliest start of every ground.
        start_default = survivor.right_from
    starts: list[int] = []
    ends: list[tuple[int | None, str]] = []
    for ground in survivor.grounds:
        start = start_default
        end: int | None
        if ground == "minor":
            assert survivor.birth is not None
            end = _day_before_birthday(survivor.birth, ADULT_AGE)
        elif ground == "student":
            assert survivor.birth is not None
            end = _day_before_birthday(survivor.birth, STUDENT_AGE)
            if survivor.student_until is not None and survivor.student_until < end:
                end = survivor.student_until
        elif ground == "disabled":
            end = survivor.disabled_until
        elif ground == "pension_age":
            assert survivor.birth is not None
            assert survivor.sex is not None
            age = pension_age.at(death_day, survivor.sex)
            reached = dates.add_years(date.fromordinal(survivor.birth), int(age.value or 0)).toordinal()
            window = dates.add_years(date.fromordinal(death_day), INCAPACITY_WINDOW_YEARS).toordinal()
            if reached > window:
                raise RuleViolation(
                    f"{where}.grounds",
                    "survivor.pension_age_too_late",
                    reached=dates.iso(reached),
                    age=int(age.value or 0),
                )
            start = max(start, reached)
            end = None
        else:  # caregiver
            end = survivor.caring_until
            if end is None and carer_end is not None:
                end = carer_end
                ground = "caregiver_until_14"
        starts.append(start)
        ends.append((end, ground))
    start = min(starts)
    if any(end is None for end, _ in ends):
        end_final: int | None = None
        ends_by = next(g for e, g in ends if e is None)
    else:
        end_final, ends_by = max(ends, key=lambda e: e[0] or 0)
    if end_final is not None and end_final < start:
        raise RuleViolation(f"{where}.grounds", "survivor.right_ended_before_death", end=dates.iso(end_final))
    ended = survivor.right_ended_on
    if ended is not None and (end_final is None or ended < end_final):
        # Extension: the right ended early (arts. 251, 263); the other shares stay as they were (art. 251).
        if ended < start:
            raise RuleViolation(
                f"{where}.right_ended_on", "survivor.right_ended_before_death", end=dates.iso(ended)
            )
        end_final, ends_by = ended, "right_ended"
    return Right(start, end_final, ends_by)


def counted_from(
    survivors: tuple[Survivor, ...], rights: list[Right], death_day: int
) -> list[tuple[int, int, tuple[str, ...]]]:
    """Contract v2 §3, §5 (LC-2004 arts. 250, 251; LC-2025 arts. 222, 223): how many dependants share,
    from which day: ``[(first day, n, ids counted), ...]``.

    n counts the dependants whose right has begun, less the carers whose right (on every ground) has
    ended. It changes only on the day a new right begins (a child born after the death, a carer, a
    dependant unable to work within five years) and on the day after a carer's last day; when any
    other right ends, that person is still counted (no recalculation).
    """
    events: dict[int, list[tuple[int, str]]] = {}
    for survivor, right in zip(survivors, rights, strict=True):
        if survivor.court_maintenance is not None:
            continue
        events.setdefault(max(right.start, death_day), []).append((1, survivor.id))
        if "caregiver" in survivor.grounds and right.end is not None:
            events.setdefault(right.end + 1, []).append((-1, survivor.id))
    out: list[tuple[int, int, tuple[str, ...]]] = []
    counted: list[str] = []
    for day in sorted(events):
        for change, sid in events[day]:
            if change > 0:
                counted.append(sid)
            elif sid in counted:
                counted.remove(sid)
        out.append((day, len(counted), tuple(counted)))
    if not out or out[0][0] > death_day:
        out.insert(0, (death_day, 0, ()))
    return out


def survivor_installments(
    survivors: tuple[Survivor, ...],
    death_day: int,
    base: BaseOfMonth,
    pension_age: Table,
    first_owed: int,
    horizon_end: int,
    claim_day: int,
    out: list[Installment],
    steps: list[Step] | None,
) -> list[Right]:
    """Arts. 249-251 (LC-2025 arts. 221-223): each dependant ``(base(m) - court total) / (n + 1)`` a
    month, n as :func:`counted_from` says on each day; each non-dependant the court's sum; prorated
    by the days of the right in the month, each month's sum rounded once. Returns each survivor's right."""
    carer_end = default_carer_end(survivors)
    rights = [survivor_right(s, death_day, pension_age, carer_end) for s in survivors]
    counts = counted_from(survivors, rights, death_day)
    court_total = sum(s.court_maintenance or 0 for s in survivors)
    if steps is not None:
        non_dependants = sum(1 for s in survivors if s.court_maintenance is not None)
        for i, (day, n, ids) in enumerate(counts):
            steps.append(
                Step(
                    "250, 251",
                    "death.shares" if i == 0 else "death.recalculation",
                    {
                        "from": dates.iso(day),
                        "dependants": n,
                        "counted": ", ".join(ids) if ids else "-",
                        "court_maintenance_total": money(court_total),
                        "non_dependants": non_dependants,
                        **({"interpretation": "contract v2 §3, §5"} if len(counts) > 1 else {}),
                    },
                    f"1/{n + 1}",
                )
            )
    change_days = [day for day, _, _ in counts]
    shares_at = [n + 1 for _, n, _ in counts]
    # Each survivor's owed days, then month by month (each month's base is looked up once, and the
    # installments come out in the contract's order: month, then survivor in input order).
    owed: list[tuple[Survivor, int, int]] = []
    for survivor, right in zip(survivors, rights, strict=True):
        start = right.start if right.start >= first_owed else first_owed
        end = horizon_end if right.end is None or right.end > horizon_end else right.end
        if steps is not None:
            inputs: dict[str, object] = {
                "survivor": survivor.id,
                "grounds": list(survivor.grounds),
                "from": dates.iso(right.start),
                "ends_by": right.ends_by,
            }
            if "pension_age" in survivor.grounds or survivor.right_from is not None:
                inputs["interpretation"] = "contract v2 §5"
            if right.end is None:
                steps.append(Step("249, 260", "death.right_open", inputs, "-"))
            else:
                steps.append(Step("249, 260", "death.right", inputs, dates.iso(right.end)))
        if end >= start:
            owed.append((survivor, start, end))
    if not owed:
        return rights
    earliest = claim_day + schedule.DECISION_DAYS
    runs: dict[str, list[tuple[int, int, int, bool, int]]] = {s.id: [] for s, _, _ in owed}
    month = dates.month_of(min(start for _, start, _ in owed))
    last_month = dates.month_of(max(end for _, _, end in owed))
    base_amount = next_stretch = -1
    single = len(counts) == 1
    shares = shares_at[0]
    while month <= last_month:
        first, last, dim, _ = BOUNDS.get(month) or dates.bounds(month)
        if month >= next_stretch:
            base_amount, next_stretch = base.at(month)
            if court_total > base_amount:
                first_court = next(s.index for s in survivors if s.court_maintenance is not None)
                raise RuleViolation(
                    f"survivors.{first_court}.court_maintenance",
                    "death.court_total_above_base",
                    court_total=money(court_total),
                    base=money(base_amount),
                    month=dates.month_label(month),
                )
        remainder = base_amount - court_total
        # The pieces of this month with one n each: [(first day, last day, shares)].
        if single:
            pieces = [(first, last, shares)]
        else:
            pieces = _pieces(change_days, shares_at, first, last)
        month_single = len(pieces) == 1
        full_share = (2 * remainder + pieces[0][2]) // (2 * pieces[0][2])
        due = last if last >= earliest else earliest
        for survivor, start, end in owed:
            if start > last or end < first:
                continue
            lo = start if start > first else first
            hi = end if end < last else last
            days = hi - lo + 1
            court = survivor.court_maintenance
            split: list[tuple[int, int]] | None = None
            if court is not None:
                amount = court if days == dim else (2 * court * days + dim) // (2 * dim)
                month_shares = 0
            elif month_single:
                month_shares = pieces[0][2]
                if days == dim:
                    amount = full_share
                else:
                    den = month_shares * dim
                    amount = (2 * remainder * days + den) // (2 * den)
            else:
                split = [(min(hi, b) - max(lo, a) + 1, k) for a, b, k in pieces if a <= hi and b >= lo]
                month_shares = split[0][1] if len(split) == 1 else 0
                common = 1
                for _, k in split:
                    common = lcm(common, k)
                num = remainder * sum(d * (common // k) for d, k in split)
                den = common * dim
                amount = (2 * num + den) // (2 * den)
            out.append(Installment("survivor", survivor.id, survivor.index + 1, month, amount, due))
            if steps is None:
                continue
            run = runs[survivor.id]
            full = days == dim and split is None
            if (
                full
                and run
                and run[-1][3]
                and run[-1][0] == month - 1
                and run[-1][1] == base_amount
                and run[-1][4] == month_shares
            ):
                run.append((month, base_amount, amount, full, month_shares))
                continue
            if run:
                steps.append(_survivor_step(survivor, run, court_total))
            if full:
                runs[survivor.id] = [(month, base_amount, amount, full, month_shares)]
            else:
                steps.append(
                    _survivor_step(
                        survivor, [(month, base_amount, amount, full, month_shares)], court_total, days, split
                    )
                )
                runs[survivor.id] = []
        month += 1
    if steps is not None:
        for survivor, _, _ in owed:
            if runs[survivor.id]:
                steps.append(_survivor_step(survivor, runs[survivor.id], court_total))
    return rights


def _pieces(
    change_days: list[int], shares_at: list[int], first: int, last: int
) -> list[tuple[int, int, int]]:
    """The days ``[first, last]`` cut where n changes: ``[(from, to, shares)]``."""
    i = bisect_right(change_days, first) - 1
    if i < 0:
        i = 0
    out = []
    day = first
    while day <= last:
        nxt = change_days[i + 1] - 1 if i + 1 < len(change_days) else last
        stop = nxt if nxt < last else last
        out.append((day, stop, shares_at[i]))
        day = stop + 1
        i += 1
    return out


def _survivor_step(
    survivor: Survivor,
    run: list[tuple[int, int, int, bool, int]],
    court_total: int,
    days: int | None = None,
    split: list[tuple[int, int]] | None = None,
) -> Step:
    first, base_amount, amount, _, shares = run[0]
    period = dates.month_label(first)
    if len(run) > 1:
        period += ".." + dates.month_label(run[-1][0])
    inputs: dict[str, object] = {"survivor": survivor.id, "period": period}
    if days is not None:
        inputs["days"] = days
        inputs["days_in_month"] = dates.days_in_month(first)
    if survivor.court_maintenance is not None:
        inputs["court_maintenance"] = money(survivor.court_maintenance)
        key = "death.court_maintenance" if days is None else "death.court_maintenance_prorated"
        return Step("250", key, inputs, money(amount))
    inputs["base"] = money(base_amount)
    inputs["court_maintenance_total"] = money(court_total)
    if split is not None and len(split) > 1:
        inputs["parts"] = ", ".join(f"{d} x 1/{k}" for d, k in split)
        return Step("250, 251", "death.survivor_recalculated", inputs, money(amount))
    inputs["shares"] = shares
    key = "death.survivor_month" if days is None else "death.survivor_prorated"
    return Step("250, 251", key, inputs, money(amount))


def sharing_the_benefit(
    survivors: tuple[Survivor, ...], rights: list[Right], due_day: int, dependants_only: bool
) -> list[Survivor]:
    """Contract v2 §3, §5: who shares the one-off death benefit: those whose right has begun on its due
    date; under LC-2004 every person with a right under art. 249 (art. 252 refers to it), court
    maintenance included; under LC-2025 (art. 219, Resolution No. 465: "to the dependants") the
    dependants only."""
    return [
        s
        for s, right in zip(survivors, rights, strict=True)
        if right.start <= due_day and not (dependants_only and s.court_maintenance is not None)
    ]


def one_off_death_benefit(
    survivors: tuple[Survivor, ...],
    rights: list[Right],
    claim_day: int,
    region: str,
    base: BaseOfMonth,
    subsistence_minimum: Table,
    out: list[Installment],
    steps: list[Step] | None,
) -> None:
    """LC-2004 art. 252: ``max(20 x 12 x base(m), 4 x 12 x SM)`` split equally among those whose right has
    begun on the due date (:func:`sharing_the_benefit`), each share rounded; m is the month of the due
    date (one month after the claim, art. 264) and SM the subsistence minimum for the region in force on
    that day (the republic's figure where the region has none of its own: the trace says so)."""
    if not survivors:
        return
    due = dates.one_month_after(date.fromordinal(claim_day))
    due_day = due.toordinal()
    sharing = sharing_the_benefit(survivors, rights, due_day, dependants_only=False)
    if not sharing:
        return
    month = due.year * 12 + due.month - 1
    base_amount = base(month)
    row = subsistence_minimum.at(due_day, region)
    sm = row.ratio[0] * 100 // row.ratio[1]
    by_earnings = DEATH_ONE_OFF_ANNUAL_EARNINGS * 12 * base_amount
    by_minimum = DEATH_ONE_OFF_ANNUAL_MINIMUMS * 12 * sm
    total = by_earnings if by_earnings >= by_minimum else by_minimum
    k = len(sharing)
    share = rounded(total, k)
    for survivor in sharing:
        out.append(Installment("one_off_death", survivor.id, survivor.index + 1, None, share, due_day))
    if steps is not None:
        stands_in = row.key == "*" and region != "*"
        steps.append(
            Step(
                "252, 264",
                "death.one_off_republic_minimum" if stands_in else "death.one_off",
                {
                    "claim_date": dates.iso(claim_day),
                    "due_date": due.isoformat(),
                    "base_month": dates.month_label(month),
                    "base": money(base_amount),
                    "by_earnings": money(by_earnings),
                    "subsistence_minimum": row.cited("subsistence_minimum"),
                    "region": region,
                    "by_minimum": money(by_minimum),
                    "total": money(total),
                    "survivors": k,
                    "sharing": ", ".join(s.id for s in sharing),
                    "interpretation": "contract v2 §5",
                },
                money(share),
            )
        )
