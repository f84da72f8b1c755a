"""The one day-by-day reference of the calculation contract (version 2), for the tests and the benchmark.

It walks every day in exact fractions, with the contract's rules written again from its text alone
(LC-2004 arts. 234, 235, 237, 238, 230, 245, 260, 265, 269 part 3; LC-2025 arts. 213(1), 214, 216,
217, 210(3), 218(7), 224, 227, 228(3)); the engine works month by month in integers. The two must agree
to the tyiyn: ``tests/rules/test_properties.py`` checks it on random cases, ``bench/calc.py`` on the
benchmark's cases (and times it). It reads only the case file: never the engine's own periods or bases.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

__all__ = ["reference_care", "reference_lost_earnings"]


def _tyiyn(raw: str) -> int:
    return int(Decimal(raw) * 100)


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def _days_in_month(day: date) -> int:
    return (_next_month(day) - day.replace(day=1)).days


def _in_force(rows: list[dict[str, Any]], day: date) -> dict[str, Any]:
    """The row with the latest ``from`` not after ``day`` (the contract's lookup rule)."""
    found = [r for r in rows if date.fromisoformat(r["from"]) <= day]
    return max(found, key=lambda r: r["from"])


def _round(value: Fraction) -> int:
    """ROUND_HALF_UP of a non-negative fraction of tyiyn."""
    return int(value + Fraction(1, 2))


def _ame(case: dict[str, Any]) -> int | None:
    """LC-2004 arts. 237-238 (LC-2025 arts. 216-217): the 12 most recent usable months, rounded once."""
    earnings = case.get("earnings") or {}
    if earnings.get("documents_unavailable"):
        return None
    reference = earnings.get("reference_month")
    since = earnings.get("sustained_increase_from")
    usable = sorted(
        (m for m in earnings.get("months") or [] if not m.get("exclude")),
        key=lambda m: m["month"],
    )
    usable = [
        m for m in usable if reference and m["month"] < reference and (not since or m["month"] >= since)
    ]
    if not usable:
        return None
    used = usable[-12:]
    return _round(Fraction(sum(_tyiyn(m["amount"]) for m in used), len(used)))


def _base(case: dict[str, Any], ame: int | None, first_of_month: date) -> int:
    """max(AME x I(m) rounded, 5 x MW(m)); I(m) the factors after the reference month began."""
    mw = _tyiyn(_in_force(case["parameters"]["minimum_wage"], first_of_month)["amount"])
    if ame is None:
        return 5 * mw
    reference = date.fromisoformat(case["earnings"]["reference_month"] + "-01")
    index = Fraction(1)
    for row in case["parameters"].get("indexation") or []:
        start = date.fromisoformat(row["from"])
        if reference < start <= first_of_month:
            index *= Fraction(Decimal(str(row["factor"])))
    return max(_round(ame * index), 5 * mw)


def _first_owed(case: dict[str, Any]) -> date:
    """LC-2004 art. 260, LC-2025 art. 224: three years back from the claim; none with the employer's
    fault for the delay (LC-2004 art. 269 part 3, LC-2025 art. 228(3))."""
    if case.get("late_claim_due_to_employer"):
        return date(1, 1, 1)
    claim = date.fromisoformat(case["claim_date"])
    try:
        return claim.replace(year=claim.year - 3)
    except ValueError:  # 29 February
        return claim.replace(year=claim.year - 3, day=28)


def _horizon(case: dict[str, Any]) -> date:
    calculation = date.fromisoformat(case["calculation_date"])
    return _next_month(calculation) - timedelta(days=1)


def _spans(case: dict[str, Any]) -> list[dict[str, Any]]:
    horizon = _horizon(case)
    out = []
    for f in sorted(case["msec_findings"], key=lambda f: f["from"]):
        start = date.fromisoformat(f["from"])
        group = f.get("disability_group")
        care = f.get("care") or []
        out.append(
            {
                "start": start,
                "end": date.fromisoformat(f["to"]) if f.get("to") else horizon,
                "open": not f.get("to"),
                "loss": Fraction(Decimal(str(f["loss_percent"]))),
                "applied": date.fromisoformat(f["applied_on"]) if f.get("applied_on") else start,
                "special_medical": "special_medical" in care,
                "household": "household" in care or group == "I",
            }
        )
    return out


def _continues(spans: list[dict[str, Any]], k: int) -> bool:
    return k > 0 and not spans[k - 1]["open"] and spans[k - 1]["end"] + timedelta(days=1) == spans[k]["start"]


def _percent_on(spans: list[dict[str, Any]], day: date) -> Fraction | None:
    """LC-2004 art. 265, LC-2025 art. 227: a changed percentage takes effect late."""
    for k, span in enumerate(spans):
        if span["start"] <= day <= span["end"]:
            if _continues(spans, k):
                old = _percent_on(spans, span["start"] - timedelta(days=1))
                loss = span["loss"]
                if old is not None and old != loss:
                    effective = max(
                        _next_month(span["applied"] if loss > old else span["start"]), span["start"]
                    )
                    return old if day < effective else loss
            return span["loss"]
    return None


def _care_on(spans: list[dict[str, Any]], day: date, kind: str) -> bool:
    """Contract v2 §4: a care need changes with the same timing as the loss percentage."""
    for k, span in enumerate(spans):
        if span["start"] <= day <= span["end"]:
            need = span[kind]
            if _continues(spans, k):
                before = _care_on(spans, span["start"] - timedelta(days=1), kind)
                if need and not before:
                    return day >= _next_month(span["applied"])
                if before and not need:
                    return day < _next_month(span["start"])
            return need
    return False


def _by_month(sums: dict[str, Fraction]) -> dict[str, Decimal]:
    return {k: Decimal(_round(v)) / 100 for k, v in sums.items() if _round(v) or v}


def reference_lost_earnings(case: dict[str, Any]) -> dict[str, Decimal]:
    """Lost earnings by month: base(m) x loss% x (1 - fault%) / days in m, summed over covered days."""
    ame = _ame(case)
    fault = Fraction(Decimal(str(case["liability"].get("victim_gross_negligence_percent") or 0))) / 100
    spans = _spans(case)
    sums: dict[str, Fraction] = {}
    horizon = _horizon(case)
    day = max(spans[0]["start"], _first_owed(case))
    while day <= horizon:
        loss = _percent_on(spans, day)
        if loss:
            base = _base(case, ame, day.replace(day=1))
            key = day.isoformat()[:7]
            sums[key] = sums.get(key, Fraction(0)) + base * loss / 100 * (1 - fault) / _days_in_month(day)
        day += timedelta(days=1)
    return _by_month(sums)


def reference_care(case: dict[str, Any], kind: str) -> dict[str, Decimal]:
    """Care allowances by month (``special_medical``: 5 x MW, ``household``: 2 x MW), day by day."""
    multiple = 5 if kind == "special_medical" else 2
    spans = _spans(case)
    sums: dict[str, Fraction] = {}
    horizon = _horizon(case)
    day = max(spans[0]["start"], _first_owed(case))
    while day <= horizon:
        if _care_on(spans, day, kind):
            mw = _tyiyn(_in_force(case["parameters"]["minimum_wage"], day.replace(day=1))["amount"])
            key = day.isoformat()[:7]
            sums[key] = sums.get(key, Fraction(0)) + Fraction(multiple * mw, _days_in_month(day))
        day += timedelta(days=1)
    return {k: v for k, v in _by_month(sums).items() if v}
