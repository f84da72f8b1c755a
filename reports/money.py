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
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from typing import Any, TypeVar

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
from claims.services.decisions import tables_of_decision
from claims.services.ledger import last_day
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
#: The most per-award figures kept in a worker (four kinds an award: statement, forecast,
#: capitalisation, cost; a few days ``as_of`` each). An entry is about a kilobyte at most.
MEMO_ENTRIES = 100_000

T = TypeVar("T")


@dataclass
class Award:
    """One award in force and what the engine says of it as of the day."""

    decision: Decision
    employer: Employer
    main_cause: int | None
    birth_date: date | None
    case_type: str
    payments: list[Payment]
    #: What decides every figure the engine gives of the award (``identity``).
    key: tuple[Any, ...] = ()
    #: The outstanding installments' sums by how long they have been due (``AGES``, ``NOT_DUE``).
    aged: dict[str, Decimal] = field(default_factory=dict)
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
    # The stored result and its traces (most of a decision's bytes) are read by no figure here.
    stmt = stmt.options(orm.defer(Decision.result), orm.defer(Decision.traces))
    return s.execute(_filtered(stmt, filters, Decision.employer_id, Decision.claim_id)).all()


class Memo:
    """A bounded, thread-safe LRU of the engine's figures of single awards.

    Not keyed by the data version (core/data_version.py) as the views' caches are: a write anywhere
    (a payment on another claim, an accident) would throw away the figures of every award, and view 7
    runs the engine up to four times an award. An entry's key holds everything its figures are
    computed from instead (``identity``), so a changed award is simply not found and is computed again.
    """

    def __init__(self, max_entries: int = MEMO_ENTRIES) -> None:
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._max_entries = max_entries

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        value = compute()
        with self._lock:
            self._entries[key] = value
            while len(self._entries) > self._max_entries:
                self._entries.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


#: One memo per database engine (an app's, a test's, a benchmark's database), so that figures of one
#: database are never served for another's award of the same id.
_memos: weakref.WeakKeyDictionary[Any, Memo] = weakref.WeakKeyDictionary()
_memos_lock = threading.Lock()


def memo(s: orm.Session) -> Memo:
    """The per-award figures kept for ``s``'s database."""
    bind: Any = s.get_bind()
    engine = getattr(bind, "engine", bind)
    with _memos_lock:
        found = _memos.get(engine)
        if found is None:
            found = _memos[engine] = Memo()
        return found


def identity(decision: Decision, payments: Iterable[Payment]) -> tuple[Any, ...]:
    """Everything the engine's figures of an award are computed from, but the day: the decision (its
    id and ORM version: an issued decision is frozen, and any change through the ORM bumps the version;
    the moment it was computed and its frozen parameter rows) and each payment not voided, as
    ``case_as_of`` reads it. A payment recorded or voided gives another key, so the award's figures are
    computed again; the other awards' are kept."""
    return (
        decision.id,
        decision.version,
        decision.computed_at,
        tuple(decision.parameter_rows or ()),
        tuple((p.id, p.paid_on, p.amount, p.applies_to, p.recipient) for p in payments),
    )


def _result(s: orm.Session, award: Award, case: dict[str, Any], tables: dict[Any, Any]) -> dict[str, Any]:
    """The engine's statement of ``case`` with the decision's frozen tables (claims.services.ledger's
    ``compensation_result``), the tables read once for every award computed with the same rows."""
    rows = tuple(award.decision.parameter_rows or ())
    if rows not in tables:
        tables[rows] = tables_of_decision(award.decision, s)
    return compensation.calculate(case, trace=False, tables=tables[rows])


def _statement(
    s: orm.Session, award: Award, as_of: date, tables: dict[Any, Any]
) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """The award's statement as of the day: its totals with the month's periodic obligation, and its
    outstanding installments by age."""
    result = _result(s, award, case_as_of(award.decision, award.payments, as_of), tables)
    month = as_of.strftime("%Y-%m")
    totals = {name: Decimal(result["totals"][name]) for name in TOTALS}
    totals["monthly_obligation"] = sum(
        (Decimal(i["amount"]) for i in result["installments"] if i["period"] == month and i["amount"]),
        ZERO,
    )
    aged = dict.fromkeys((NOT_DUE, *(key for key, _last in AGES)), ZERO)
    for item in result["installments"]:
        unpaid = Decimal(item.get("outstanding") or 0)
        due = date.fromisoformat(item["due_date"])
        if unpaid > 0:
            aged[age_of(as_of, due) if due <= as_of else NOT_DUE] += unpaid
    return totals, aged


def load(s: orm.Session, user: Any, as_of: date, filters: dict[str, Any]) -> list[Award]:
    """The awards in force on ``as_of`` in scope, each with its statement's figures as of that day.

    The figures of an award whose decision and payments have not changed since an earlier request for
    the same day are the memo's (``Memo``): the engine runs only for the awards that changed."""
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
    kept = memo(s)
    tables: dict[Any, Any] = {}
    out = []
    for decision, employer, main_cause, birth_date, case_type in rows:
        own = payments[decision.claim_id]
        award = Award(decision, employer, main_cause, birth_date, case_type, own, identity(decision, own))
        award.capitalised, award.capitalised_on = capitalised.get(decision.claim_id, (ZERO, None))
        totals, aged = kept.get(("statement", award.key, as_of), partial(_statement, s, award, as_of, tables))
        # Copies: the memo's dicts are shared by every request.
        award.totals, award.aged = dict(totals), dict(aged)
        out.append(award)
    return out


def compute(s: orm.Session, user: Any, as_of: date, filters: dict[str, Any]) -> dict[str, Any]:
    """Awards in force (a count), the month's periodic obligation and the statements' totals (Decimals)."""
    return {"as_of": as_of, **summed(load(s, user, as_of, filters))}


def summed(awards: Iterable[Award]) -> dict[str, Any]:
    """The sums of view 7 over ``awards`` (also the yearly review's money part)."""
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
    return [{"key": k, **summed(v)} for k, v in groups.items()]


def age_of(as_of: date, due: date) -> str:
    """The arrears bucket of an installment due on ``due`` and unpaid on ``as_of``."""
    days = (as_of - due).days
    return next(key for key, last in AGES if last is None or days <= last)


def aged_sums(awards: list[Award]) -> dict[str, Decimal]:
    """The arrears by age over ``awards`` (also the yearly review's)."""
    out = dict.fromkeys((NOT_DUE, *(key for key, _last in AGES)), ZERO)
    for award in awards:
        for key, amount in award.aged.items():
            out[key] += amount
    return out


def _forecast(
    s: orm.Session, award: Award, as_of: date, tables: dict[Any, Any]
) -> tuple[Decimal, ...] | None:
    """The periodic payments the engine schedules for each of the 60 months after ``as_of``'s month
    (None where the engine cannot compute so far ahead, e.g. a parameter not known yet); kept in the
    memo with the award's key."""
    return memo(s).get(("forecast", award.key, as_of), lambda: _forecast_of(s, award, as_of, tables))


def _forecast_of(
    s: orm.Session, award: Award, as_of: date, tables: dict[Any, Any]
) -> tuple[Decimal, ...] | None:
    case = case_as_of(award.decision, award.payments, as_of)
    case["calculation_date"] = last_day(
        add_months(as_of.replace(day=1), HORIZONS[-1]).strftime("%Y-%m")
    ).isoformat()
    try:
        result = _result(s, award, case, tables)
    except compensation.InvalidCase:
        return None
    months = [add_months(as_of.replace(day=1), n).strftime("%Y-%m") for n in range(1, HORIZONS[-1] + 1)]
    index = {month: n for n, month in enumerate(months)}
    out = [ZERO] * len(months)
    for item in result["installments"]:
        if item.get("period") in index and item["amount"]:
            out[index[item["period"]]] += Decimal(item["amount"])
    # Kept for long: the months of the same amount share one Decimal (the same digits and exponent).
    same: dict[Any, Decimal] = {}
    return tuple(same.setdefault(amount.as_tuple(), amount) for amount in out)


def _capitalisation(s: orm.Session, award: Award, as_of: date, tables: dict[Any, Any]) -> Decimal | None:
    """What the award would be capitalised at on ``as_of`` (liquidation/services' case: the statement's
    case with the capitalisation section of art. 255); zero when it is capitalised already; None where
    the engine cannot compute it (a birth date missing)."""
    if award.capitalised_on is not None:
        return ZERO
    key = ("capitalisation", award.key, as_of, award.case_type, award.birth_date)
    return memo(s).get(key, lambda: _capitalisation_of(s, award, as_of, tables))


def _capitalisation_of(s: orm.Session, award: Award, as_of: date, tables: dict[Any, Any]) -> Decimal | None:
    case = case_as_of(award.decision, award.payments, as_of)
    case["capitalisation"] = {"date": as_of.isoformat(), "method": CAPITALISATION_METHOD}
    if award.case_type == "injury" and award.birth_date is not None:
        case["capitalisation"]["victim_birth_date"] = award.birth_date.isoformat()
    try:
        result = _result(s, award, case, tables)
    except compensation.InvalidCase:
        return None
    lines = (result.get("capitalisation") or {}).get("recipients", [])
    return sum((Decimal(line["amount"]) for line in lines), ZERO)


def _cost(s: orm.Session, award: Award, tables: dict[Any, Any]) -> Decimal:
    """What the accident costs through this award: accrued as of the day, or to its capitalisation
    (after which the capitalised sum stands for the payments), and the sums capitalised."""
    if award.capitalised_on is None:
        return award.totals["accrued"]
    day = award.capitalised_on

    def accrued() -> Decimal:
        case = case_as_of(award.decision, award.payments, day)
        return Decimal(_result(s, award, case, tables)["totals"]["accrued"])

    return memo(s).get(("accrued", award.key, day), accrued) + award.capitalised


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
    tables: dict[Any, Any] = {}
    employers = {a.employer.id: a.employer for a in awards}
    by_employer = _grouped(awards, lambda a: a.employer.id)
    for row in by_employer:
        employer = employers[row["key"]]
        row.update(name=employer.name, region=employer.region, sector=employer.sector)
        mine = [a for a in awards if a.employer.id == row["key"]]
        row["aged"] = aged_sums(mine)
        series = [_forecast(s, a, as_of, tables) for a in mine]
        row["forecast_known"] = all(x is not None for x in series)
        monthly = [sum(column, ZERO) for column in zip(*(x for x in series if x is not None), strict=True)]
        monthly = monthly or [ZERO] * HORIZONS[-1]
        row["monthly_forecast"] = monthly
        row["forecast"] = {h: sum(monthly[:h], ZERO) for h in HORIZONS}
        values = [_capitalisation(s, a, as_of, tables) for a in mine]
        row["capitalised_value"] = None if None in values else sum((v for v in values if v), ZERO)
    by_employer.sort(key=lambda r: (r["name"], r["key"]))
    cost: dict[tuple[int | None, str], dict[str, Any]] = {}
    for award in awards:
        cell = cost.setdefault((award.main_cause, award.employer.sector), {"awards": 0, "cost": ZERO})
        cell["awards"] += 1
        cell["cost"] += _cost(s, award, tables)
    total = summed(awards)
    total["aged"] = aged_sums(awards)
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
