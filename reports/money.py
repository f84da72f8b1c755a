"""Money owed under the awards in force as of a day (issue 10, view 7; ``GET /api/v1/reports/money``).

Each claim is read the one way its statement reads it (claims.services.case_as_of: the current award's
frozen case file with the ledger's payments made by then, voided ones left out) and computed by the
engine with the decision's own frozen tables, so the sums agree to the tyiyn with the statements of the
claims they sum. Which claims: the awards issued by that day, within the user's scope (the Social Fund:
capitalised cases only) and the filters, chosen in SQL; payments are read once for the whole batch.

The view adds, from the same statements: the sums by employer, region and sector; the arrears aged by
how long each unpaid installment has been due; the cost of the accidents by the act's main cause and the
employer's sector (what the awards accrued, to the capitalisation where there is one, and the sums
capitalised); the periodic payments the engine schedules for the months ahead; and what each employer
would capitalise if liquidated that day (the liquidation's own case, art. 255). The claims process is
counted from the claims' dates. Nothing here repeats the engine's arithmetic: every amount is one the
engine printed, summed.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

import compensation
from accidents.models import Act, Victim
from claims.models import (
    Appeal,
    Capitalisation,
    Claim,
    Decision,
    DecisionKind,
    DecisionStatus,
    Payment,
)
from claims.services import case_as_of, fund_claims, open_awards
from claims.services.ledger import compensation_result, last_day
from compensation.rules.dates import add_months
from core.auth.models import User
from core.auth.permissions import employer_scope
from core.employers import Employer
from liquidation.services import CAPITALISATION_METHOD

TOTALS = ("accrued", "paid", "outstanding", "penalty")
#: The sums every table of the view shows, in this order.
SUMS = ("monthly_obligation", *TOTALS)
#: Arrears by how long each unpaid installment has been due, in days: (key, the last day of the bucket);
#: what is outstanding but not due yet (the month of the day, due at its end) is ``not_due``.
AGES = (("days_30", 30), ("days_90", 90), ("days_180", 180), ("days_more", None))
NOT_DUE = "not_due"
#: The forecast's horizons, in months after the month of ``as_of``.
HORIZONS = (12, 24, 36, 48, 60)
ZERO = Decimal("0.00")


@dataclass
class Award:
    """One award in force and what the engine says of it as of the day."""

    decision: Decision
    employer: Employer
    main_cause: int | None
    birth_date: date | None
    case_type: str
    payments: list[Payment]
    statement: dict[str, Any]
    #: The sums capitalised for the claim by the day (art. 255), and the first day one was.
    capitalised: Decimal = ZERO
    capitalised_on: date | None = None
    totals: dict[str, Decimal] = field(default_factory=dict)


def _filtered(stmt: Any, filters: dict[str, Any], employer_id: Any, claim_id: Any) -> Any:
    """The filters of every report on a statement with the employer joined (the scope applies apart)."""
    if filters.get("region"):
        stmt = stmt.where(Employer.region == filters["region"])
    if filters.get("sector"):
        stmt = stmt.where(Employer.sector == filters["sector"])
    if filters.get("employer_id") is not None:
        stmt = stmt.where(employer_id == filters["employer_id"])
    if filters.get("inspectorate"):
        reviewed = (
            sa.select(Claim.id)
            .join(Act, Act.id == Claim.act_id)
            .join(User, User.id == Act.reviewed_by_id)
            .where(User.inspectorate == filters["inspectorate"])
        )
        stmt = stmt.where(claim_id.in_(reviewed))
    return stmt


def _awards(s: orm.Session, user: Any, as_of: date, filters: dict[str, Any]) -> list[Any]:
    stmt = (
        open_awards(s)
        .add_columns(Act.main_cause, Victim.birth_date, Claim.case_type)
        .join(Claim, Claim.id == Decision.claim_id)
        .join(Victim, Victim.id == Claim.victim_id)
        .outerjoin(Act, Act.id == Claim.act_id)
        .where(
            employer_scope(user, Decision.employer_id),
            fund_claims(user, Decision.claim_id),
            Decision.issued_on <= as_of,
        )
    )
    return s.execute(_filtered(stmt, filters, Decision.employer_id, Decision.claim_id)).all()


def load(s: orm.Session, user: Any, as_of: date, filters: dict[str, Any]) -> list[Award]:
    """The awards in force on ``as_of`` in scope, each with its statement as of that day."""
    rows = _awards(s, user, as_of, filters)
    payments: dict[int, list[Payment]] = {row[0].claim_id: [] for row in rows}
    capitalised: dict[int, tuple[Decimal, date]] = {}
    if payments:
        for payment in s.scalars(
            sa.select(Payment)
            .where(Payment.claim_id.in_(list(payments)), Payment.voided_at.is_(None))
            .order_by(Payment.paid_on, Payment.id)
        ):
            payments[payment.claim_id].append(payment)
        for claim_id, amount, first in s.execute(
            sa.select(
                Capitalisation.claim_id,
                sa.func.sum(Capitalisation.amount),
                sa.func.min(Capitalisation.computed_on),
            )
            .where(Capitalisation.claim_id.in_(list(payments)), Capitalisation.computed_on <= as_of)
            .group_by(Capitalisation.claim_id)
        ):
            capitalised[claim_id] = (Decimal(amount), first)
    out = []
    for decision, employer, main_cause, birth_date, case_type in rows:
        own = payments[decision.claim_id]
        result = compensation_result(case_as_of(decision, own, as_of), decision, s)
        award = Award(decision, employer, main_cause, birth_date, case_type, own, result)
        award.capitalised, award.capitalised_on = capitalised.get(decision.claim_id, (ZERO, None))
        month = as_of.strftime("%Y-%m")
        award.totals = {name: Decimal(result["totals"][name]) for name in TOTALS}
        award.totals["monthly_obligation"] = sum(
            (Decimal(i["amount"]) for i in result["installments"] if i["period"] == month and i["amount"]),
            ZERO,
        )
        out.append(award)
    return out


def compute(s: orm.Session, user: Any, as_of: date, filters: dict[str, Any]) -> dict[str, Any]:
    """Awards in force (a count), the month's periodic obligation and the statements' totals (Decimals)."""
    return {"as_of": as_of, **_summed(load(s, user, as_of, filters))}


def _summed(awards: Iterable[Award]) -> dict[str, Any]:
    sums: dict[str, Any] = {"awards_in_force": 0, **dict.fromkeys(SUMS, ZERO)}
    for award in awards:
        sums["awards_in_force"] += 1
        for name in SUMS:
            sums[name] += award.totals[name]
    return sums


def _grouped(awards: list[Award], key: Any) -> list[dict[str, Any]]:
    groups: dict[Any, list[Award]] = {}
    for award in awards:
        groups.setdefault(key(award), []).append(award)
    return [{"key": k, **_summed(v)} for k, v in groups.items()]


def age_of(as_of: date, due: date) -> str:
    """The arrears bucket of an installment due on ``due`` and unpaid on ``as_of``."""
    days = (as_of - due).days
    return next(key for key, last in AGES if last is None or days <= last)


def _aged(awards: list[Award], as_of: date) -> dict[str, Decimal]:
    out = dict.fromkeys((NOT_DUE, *(key for key, _last in AGES)), ZERO)
    for award in awards:
        for item in award.statement["installments"]:
            unpaid = Decimal(item.get("outstanding") or 0)
            due = date.fromisoformat(item["due_date"])
            if unpaid > 0:
                out[age_of(as_of, due) if due <= as_of else NOT_DUE] += unpaid
    return out


def _forecast(s: orm.Session, award: Award, as_of: date) -> list[Decimal] | None:
    """The periodic payments the engine schedules for each of the 60 months after ``as_of``'s month
    (None where the engine cannot compute so far ahead, e.g. a parameter not known yet)."""
    case = case_as_of(award.decision, award.payments, as_of)
    case["calculation_date"] = last_day(
        add_months(as_of.replace(day=1), HORIZONS[-1]).strftime("%Y-%m")
    ).isoformat()
    try:
        result = compensation_result(case, award.decision, s)
    except compensation.InvalidCase:
        return None
    months = [add_months(as_of.replace(day=1), n).strftime("%Y-%m") for n in range(1, HORIZONS[-1] + 1)]
    index = {month: n for n, month in enumerate(months)}
    out = [ZERO] * len(months)
    for item in result["installments"]:
        if item.get("period") in index and item["amount"]:
            out[index[item["period"]]] += Decimal(item["amount"])
    return out


def _capitalisation(s: orm.Session, award: Award, as_of: date) -> Decimal | None:
    """What the award would be capitalised at on ``as_of`` (liquidation/services' case: the statement's
    case with the capitalisation section of art. 255); zero when it is capitalised already; None where
    the engine cannot compute it (a birth date missing)."""
    if award.capitalised_on is not None:
        return ZERO
    case = case_as_of(award.decision, award.payments, as_of)
    case["capitalisation"] = {"date": as_of.isoformat(), "method": CAPITALISATION_METHOD}
    if award.case_type == "injury" and award.birth_date is not None:
        case["capitalisation"]["victim_birth_date"] = award.birth_date.isoformat()
    try:
        result = compensation_result(case, award.decision, s)
    except compensation.InvalidCase:
        return None
    lines = (result.get("capitalisation") or {}).get("recipients", [])
    return sum((Decimal(line["amount"]) for line in lines), ZERO)


def _cost(s: orm.Session, award: Award) -> Decimal:
    """What the accident costs through this award: accrued as of the day, or to its capitalisation
    (after which the capitalised sum stands for the payments), and the sums capitalised."""
    if award.capitalised_on is None:
        return award.totals["accrued"]
    case = case_as_of(award.decision, award.payments, award.capitalised_on)
    accrued = Decimal(compensation_result(case, award.decision, s)["totals"]["accrued"])
    return accrued + award.capitalised


def _process(s: orm.Session, user: Any, as_of: date, filters: dict[str, Any]) -> dict[str, Any]:
    """The claims filed by ``as_of``: decided within the deadline or not (a deemed refusal, art. 257),
    refused, appealed and how the appeals ended, and the days from the claim to its first payment."""
    first_decision = (
        sa.select(sa.func.min(Decision.issued_on))
        .where(
            Decision.claim_id == Claim.id,
            Decision.status.in_([DecisionStatus.ISSUED, DecisionStatus.SUPERSEDED]),
            Decision.issued_on <= as_of,
        )
        .scalar_subquery()
    )
    refused = (
        sa.select(Decision.id)
        .where(
            Decision.claim_id == Claim.id,
            Decision.kind == DecisionKind.REFUSAL,
            Decision.status.in_([DecisionStatus.ISSUED, DecisionStatus.SUPERSEDED]),
            Decision.issued_on <= as_of,
        )
        .exists()
    )
    first_payment = (
        sa.select(sa.func.min(Payment.paid_on))
        .where(Payment.claim_id == Claim.id, Payment.voided_at.is_(None), Payment.paid_on <= as_of)
        .scalar_subquery()
    )
    stmt = (
        sa.select(Claim.id, Claim.filed_on, Claim.decision_due_on, first_decision, refused, first_payment)
        .join(Employer, Employer.id == Claim.employer_id)
        .where(employer_scope(user, Claim.employer_id), fund_claims(user, Claim.id), Claim.filed_on <= as_of)
    )
    rows = s.execute(_filtered(stmt, filters, Claim.employer_id, Claim.id)).all()
    counts = dict.fromkeys(("claims", "on_time", "deemed_refused", "decided_late", "pending", "refused"), 0)
    days: list[int] = []
    for _id, filed_on, due_on, decided_on, was_refused, paid_on in rows:
        counts["claims"] += 1
        if decided_on is not None and decided_on <= due_on:
            counts["on_time"] += 1
        elif due_on < as_of:
            counts["deemed_refused"] += 1
            counts["decided_late"] += decided_on is not None
        else:
            counts["pending"] += 1
        counts["refused"] += bool(was_refused)
        if paid_on is not None:
            days.append((paid_on - filed_on).days)
    outcome = sa.case((Appeal.decided_on <= as_of, Appeal.status), else_="filed")
    appeals = (
        sa.select(outcome, sa.func.count())
        .join(Employer, Employer.id == Appeal.employer_id)
        .where(
            employer_scope(user, Appeal.employer_id),
            fund_claims(user, Appeal.claim_id),
            Appeal.filed_on <= as_of,
        )
        .group_by(outcome)
    )
    outcomes = {
        str(k): n for k, n in s.execute(_filtered(appeals, filters, Appeal.employer_id, Appeal.claim_id))
    }
    cent = Decimal("0.01")
    return {
        **counts,
        "appeals": sum(outcomes.values()),
        **{f"appeals_{k}": outcomes.get(k, 0) for k in ("filed", "granted", "partly_granted", "dismissed")},
        "paid_claims": len(days),
        "median_days": Decimal(str(statistics.median(days))).quantize(cent, ROUND_HALF_UP) if days else None,
        "mean_days": (Decimal(sum(days)) / len(days)).quantize(cent, ROUND_HALF_UP) if days else None,
    }


def view(s: orm.Session, user: Any, as_of: date, filters: dict[str, Any]) -> dict[str, Any]:
    """Every table of view 7 as of ``as_of`` (keys and amounts; the page adds the labels)."""
    awards = load(s, user, as_of, filters)
    employers = {a.employer.id: a.employer for a in awards}
    by_employer = _grouped(awards, lambda a: a.employer.id)
    for row in by_employer:
        employer = employers[row["key"]]
        row.update(name=employer.name, region=employer.region, sector=employer.sector)
        mine = [a for a in awards if a.employer.id == row["key"]]
        row["aged"] = _aged(mine, as_of)
        series = [_forecast(s, a, as_of) for a in mine]
        row["forecast_known"] = all(x is not None for x in series)
        monthly = [sum(column, ZERO) for column in zip(*(x for x in series if x is not None), strict=True)]
        monthly = monthly or [ZERO] * HORIZONS[-1]
        row["monthly_forecast"] = monthly
        row["forecast"] = {h: sum(monthly[:h], ZERO) for h in HORIZONS}
        values = [_capitalisation(s, a, as_of) for a in mine]
        row["capitalised_value"] = None if None in values else sum((v for v in values if v), ZERO)
    by_employer.sort(key=lambda r: (r["name"], r["key"]))
    cost: dict[tuple[int | None, str], dict[str, Any]] = {}
    for award in awards:
        cell = cost.setdefault((award.main_cause, award.employer.sector), {"awards": 0, "cost": ZERO})
        cell["awards"] += 1
        cell["cost"] += _cost(s, award)
    total = _summed(awards)
    total["aged"] = _aged(awards, as_of)
    total["monthly_forecast"] = [
        sum((r["monthly_forecast"][n] for r in by_employer), ZERO) for n in range(HORIZONS[-1])
    ]
    total["forecast"] = {h: sum((r["forecast"][h] for r in by_employer), ZERO) for h in HORIZONS}
    total["forecast_known"] = all(r["forecast_known"] for r in by_employer)
    values = [r["capitalised_value"] for r in by_employer]
    total["capitalised_value"] = None if None in values else sum((v for v in values if v), ZERO)
    return {
        "as_of": as_of,
        "employers": by_employer,
        "regions": sorted(_grouped(awards, lambda a: a.employer.region), key=lambda r: r["key"]),
        "sectors": sorted(_grouped(awards, lambda a: a.employer.sector or ""), key=lambda r: r["key"]),
        "total": total,
        "cost": [
            {"cause": cause, "sector": sector, **cell}
            for (cause, sector), cell in sorted(cost.items(), key=lambda kv: (kv[0][0] or 99, kv[0][1] or ""))
        ],
        "process": _process(s, user, as_of, filters),
    }
