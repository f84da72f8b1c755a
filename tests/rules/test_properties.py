"""Properties that hold for every case (hypothesis), and an independent day-by-day reference.

The reference (tests/rules/reference.py, also the benchmark's) walks every day in exact fractions,
with the contract's rules written again from scratch (LC-2004 arts. 235, 230, 245, 260, 265; LC-2025
arts. 214, 210(3), 218(7), 224, 227); the engine works month by month in integers. They must agree to
the tyiyn on every generated case.
"""

from __future__ import annotations

import copy
import os
import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import compensation
from tests.rules.builders import LIABLE, PARAMETERS, survivor
from tests.rules.reference import reference_care, reference_lost_earnings

START = date(2023, 1, 1)
#: More examples on demand: HYPOTHESIS_EXAMPLES=3000 .venv/bin/pytest tests/rules/test_properties.py
SETTINGS = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def mw(day: date) -> int:
    """MW in tyiyn of the builders' table: 2,000 from 2019, 2,500 from 2025."""
    return 250_000 if day >= date(2025, 1, 1) else 200_000


def money(tyiyn: int) -> str:
    return f"{tyiyn // 100}.{tyiyn % 100:02d}"


@st.composite
def injury_cases(draw: st.DrawFn) -> dict[str, Any]:
    """Random injury cases: 1-14 months of earnings, 1-4 findings with gaps or continuations,
    fault, a claim that may be more than three years late, payments."""
    n_months = draw(st.integers(1, 14))
    amounts = draw(st.lists(st.integers(0, 15_000_000), min_size=n_months, max_size=n_months))
    months = []
    for k, amount in enumerate(amounts):
        month = 12 - n_months + k  # ... up to 2022-12
        year = 2022 + month // 12 if month >= 0 else 2021
        months.append({"month": f"{year}-{month % 12 + 1:02d}", "amount": money(amount), "exclude": None})
    findings = []
    day = START + timedelta(days=draw(st.integers(0, 200)))
    for _ in range(draw(st.integers(1, 4))):
        length = draw(st.integers(1, 400))
        open_ended = draw(st.booleans()) and draw(st.booleans())
        end = None if open_ended else day + timedelta(days=length - 1)
        applied = draw(st.none() | st.integers(-20, 60))
        findings.append(
            {
                "from": day.isoformat(),
                "to": end.isoformat() if end else None,
                "loss_percent": draw(st.integers(0, 100) | st.sampled_from(["33.3", "12.5", "99.9"])),
                "disability_group": draw(st.sampled_from([None, None, "I", "II", "III"])),
                "care": draw(
                    st.sampled_from(
                        [[], [], ["household"], ["special_medical"], ["household", "special_medical"]]
                    )
                ),
                "applied_on": (day + timedelta(days=applied)).isoformat() if applied is not None else None,
            }
        )
        if end is None:
            break
        day = end + timedelta(days=1 + draw(st.sampled_from([0, 0, 0, 5, 40])))
    calculation = START + timedelta(days=draw(st.integers(30, 1100)))
    claim = START + timedelta(days=draw(st.integers(-30, 1200)))
    if draw(st.booleans()):
        claim += timedelta(days=3 * 365 + 1)  # sometimes more than three years late
    payments = [
        {
            "date": (START + timedelta(days=draw(st.integers(0, 1500)))).isoformat(),
            "amount": money(draw(st.integers(1, 5_000_000))),
            "applies_to": draw(st.sampled_from(["periodic", "periodic", "one_off"])),
        }
        for _ in range(draw(st.integers(0, 6)))
    ]
    liability = dict(LIABLE, victim_gross_negligence_percent=draw(st.integers(0, 99) | st.just("37.5")))
    return {
        "case_type": "injury",
        "calculation_date": calculation.isoformat(),
        "claim_date": claim.isoformat(),
        "region": "osh",
        "liability": liability,
        "earnings": {"reference_month": "2023-01", "months": months},
        "msec_findings": findings,
        "payments": payments,
        "parameters": copy.deepcopy(PARAMETERS),
    }


@st.composite
def death_cases(draw: st.DrawFn) -> dict[str, Any]:
    death = START + timedelta(days=draw(st.integers(0, 300)))
    survivors = []
    for k in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            birth = death - timedelta(days=draw(st.integers(0, 17 * 365)))
            survivors.append(survivor(f"s{k}", birth.isoformat(), "minor"))
        else:
            survivors.append(survivor(f"s{k}", "1950-01-01", "disabled", disabled_until=None))
        if draw(st.integers(0, 4)) == 0:
            survivors[-1]["court_maintenance"] = money(draw(st.integers(0, 200_000)))
    amount = draw(st.integers(1_000_000, 10_000_000))
    return {
        "case_type": "death",
        "calculation_date": (death + timedelta(days=draw(st.integers(0, 900)))).isoformat(),
        "claim_date": (death + timedelta(days=draw(st.integers(0, 60)))).isoformat(),
        "region": "osh",
        "liability": dict(LIABLE),
        "death_date": death.isoformat(),
        "earnings": {"reference_month": "2023-01", "months": [{"month": "2022-12", "amount": money(amount)}]},
        "survivors": survivors,
        "payments": [],
        "parameters": copy.deepcopy(PARAMETERS),
    }


def by_key(
    result: dict[str, Any], component: str | None = None
) -> dict[tuple[str, str, str | None], Decimal]:
    return {
        (i["component"], i["recipient"], i["period"]): Decimal(i["amount"])
        for i in result["installments"]
        if component is None or i["component"] == component
    }


def figures(result: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in result.items() if k != "trace"}


@SETTINGS
@given(injury_cases())
def test_lost_earnings_are_never_below_the_share_of_five_minimum_wages(case: dict[str, Any]) -> None:
    """Art. 238: the base is at least 5 x MW; so is every month's installment at the same loss and fault."""
    floor_case = copy.deepcopy(case)
    floor_case["earnings"] = {"documents_unavailable": True}

    actual = by_key(compensation.calculate(case, trace=False), "lost_earnings")
    floor = by_key(compensation.calculate(floor_case, trace=False), "lost_earnings")

    assert actual.keys() == floor.keys()
    assert all(actual[k] >= floor[k] for k in actual)


@SETTINGS
@given(injury_cases(), st.integers(1, 30), st.integers(1, 5_000_000))
def test_more_loss_or_more_earnings_never_means_less(
    case: dict[str, Any], more_loss: int, raise_: int
) -> None:
    """Art. 235: compensation grows with the percentage of loss and with the earnings."""
    worse = copy.deepcopy(case)
    for f in worse["msec_findings"]:
        f["loss_percent"] = str(min(Decimal(str(f["loss_percent"])) + more_loss, Decimal(100)))
    richer = copy.deepcopy(case)
    for m in richer["earnings"]["months"]:
        m["amount"] = money(int(Decimal(m["amount"]) * 100) + raise_)

    before = by_key(compensation.calculate(case, trace=False))
    for other in (worse, richer):
        after = by_key(compensation.calculate(other, trace=False))
        assert before.keys() <= after.keys()  # a 0 % month owes nothing; 1 % more owes something
        assert all(after[k] >= before[k] for k in before)


@SETTINGS
@given(death_cases())
def test_survivors_monthly_total_never_exceeds_the_base(case: dict[str, Any]) -> None:
    """Art. 250: the shares plus court maintenance never exceed the deceased's earnings base."""
    try:
        result = compensation.calculate(case, trace=False)
    except compensation.InvalidCase as exc:  # court maintenance above the base: refused, and rightly so
        refused = list(exc.errors)
    else:
        refused = []
    if refused:
        assert all(k.endswith("court_maintenance") for k in refused)
        return
    ame = int(Decimal(result["average_monthly_earnings"]["amount"]) * 100)
    totals: dict[str, int] = {}
    for i in result["installments"]:
        if i["component"] == "survivor":
            totals[i["period"]] = totals.get(i["period"], 0) + int(Decimal(i["amount"]) * 100)
    for period, total in totals.items():
        base = max(ame, 5 * mw(date.fromisoformat(period + "-01")))
        assert total <= base, period


@SETTINGS
@given(injury_cases())
def test_no_penalty_when_every_installment_is_paid_on_its_due_date(case: dict[str, Any]) -> None:
    """Art. 269: the penalty is for days late only."""
    case["payments"] = []
    first = compensation.calculate(case, trace=False)
    case["payments"] = [
        {"date": i["due_date"], "amount": i["amount"], "applies_to": "periodic" if i["period"] else "one_off"}
        for i in first["installments"]
        if i["amount"] not in ("0.00", None)  # a one-off the law sets no amount for takes no payment
    ]

    paid = compensation.calculate(case, trace=False)

    assert {i["penalty"] for i in paid["installments"]} <= {"0.00"}
    assert paid["totals"]["penalty"] == "0.00"


@SETTINGS
@given(st.one_of(injury_cases(), death_cases()))
def test_totals_are_the_sums_of_the_installments(case: dict[str, Any]) -> None:
    try:
        result = compensation.calculate(case, trace=False)
    except compensation.InvalidCase:
        return
    for field, total in (
        ("amount", "accrued"),
        ("paid", "paid"),
        ("outstanding", "outstanding"),
        ("penalty", "penalty"),
    ):
        assert sum(Decimal(i[field]) for i in result["installments"] if i["amount"] is not None) == Decimal(
            result["totals"][total]
        )
    for i in result["installments"]:
        if i["amount"] is None:  # contract v2 §5: a one-off with no amount set, outside every total
            assert (i["paid"], i["outstanding"], i["penalty"]) == ("0.00", None, "0.00")
            continue
        assert Decimal(i["paid"]) + Decimal(i["outstanding"]) == Decimal(i["amount"])


@SETTINGS
@given(injury_cases(), st.randoms(use_true_random=False))
def test_the_order_of_input_lists_does_not_matter(case: dict[str, Any], rnd: random.Random) -> None:
    """Findings, earnings months and payments are sets in law; their order in the file changes nothing."""
    shuffled = copy.deepcopy(case)
    for key in ("msec_findings", "payments"):
        rnd.shuffle(shuffled[key])
    rnd.shuffle(shuffled["earnings"]["months"])

    assert figures(compensation.calculate(shuffled, trace=False)) == figures(
        compensation.calculate(case, trace=False)
    )


# --- the day-by-day reference (tests/rules/reference.py, shared with bench/calc.py) ----------------


@SETTINGS
@given(injury_cases())
def test_month_by_month_engine_equals_the_day_by_day_reference(case: dict[str, Any]) -> None:
    engine = {k[2]: v for k, v in by_key(compensation.calculate(case, trace=False), "lost_earnings").items()}

    assert engine == reference_lost_earnings(case)


@SETTINGS
@given(injury_cases(), st.booleans())
def test_care_allowances_equal_the_day_by_day_reference(case: dict[str, Any], late_by_employer: bool) -> None:
    """LC-2004 arts. 245, 265; LC-2025 arts. 218(7), 227 (contract v2 §4): care needs change with the
    same timing as the loss percentage; with the employer's fault for a late claim nothing is cut off
    (LC-2004 art. 269 part 3; LC-2025 art. 228(3))."""
    case["late_claim_due_to_employer"] = late_by_employer
    result = compensation.calculate(case, trace=False)
    for kind in ("special_medical", "household"):
        engine = {k[2]: v for k, v in by_key(result, "care_" + kind).items()}
        assert engine == reference_care(case, kind), kind
