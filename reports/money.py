"""Money owed under the awards in force as of a day (issue 10, view 7; ``GET /api/v1/reports/money``).

Each claim is read the one way its statement reads it (claims.services.case_as_of: the current award's
frozen case file with the ledger's payments made by then, voided ones left out) and computed by the
engine, so the sums agree to the tyiyn with the statements of the claims they sum. Which claims: the
awards issued by that day, within the user's scope (the Social Fund: capitalised cases only) and the
filters, chosen in SQL; payments are read once for the whole batch.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

import compensation
from accidents.models import Act
from claims.models import Capitalisation, Claim, Decision, Payment
from claims.services import case_as_of, open_awards
from core.auth.models import User
from core.auth.permissions import employer_scope
from core.classifiers import Role
from core.employers import Employer

TOTALS = ("accrued", "paid", "outstanding", "penalty")


def _awards(s: orm.Session, user: Any, as_of: date, filters: dict[str, Any]) -> list[Decision]:
    stmt = open_awards(s).where(employer_scope(user, Decision.employer_id), Decision.issued_on <= as_of)
    if Role(user.role) is Role.SOCIAL_FUND:
        stmt = stmt.where(sa.exists().where(Capitalisation.claim_id == Decision.claim_id))
    if filters.get("region"):
        stmt = stmt.where(Employer.region == filters["region"])
    if filters.get("sector"):
        stmt = stmt.where(Employer.sector == filters["sector"])
    if filters.get("employer_id") is not None:
        stmt = stmt.where(Decision.employer_id == filters["employer_id"])
    if filters.get("inspectorate"):
        reviewed = (
            sa.select(Claim.id)
            .join(Act, Act.id == Claim.act_id)
            .join(User, User.id == Act.reviewed_by_id)
            .where(User.inspectorate == filters["inspectorate"])
        )
        stmt = stmt.where(Decision.claim_id.in_(reviewed))
    return [decision for decision, _employer in s.execute(stmt)]


def compute(s: orm.Session, user: Any, as_of: date, filters: dict[str, Any]) -> dict[str, Any]:
    """Awards in force (a count), the month's periodic obligation and the statements' totals (Decimals)."""
    awards = _awards(s, user, as_of, filters)
    payments: dict[int, list[Payment]] = {d.claim_id: [] for d in awards}
    if payments:
        for payment in s.scalars(
            sa.select(Payment).where(Payment.claim_id.in_(list(payments)), Payment.voided_at.is_(None))
        ):
            payments[payment.claim_id].append(payment)
    sums = dict.fromkeys(("monthly_obligation", *TOTALS), Decimal("0.00"))
    month = as_of.strftime("%Y-%m")
    for decision in awards:
        result = compensation.calculate(case_as_of(decision, payments[decision.claim_id], as_of), trace=False)
        for name in TOTALS:
            sums[name] += Decimal(result["totals"][name])
        sums["monthly_obligation"] += sum(
            (Decimal(i["amount"]) for i in result["installments"] if i["period"] == month and i["amount"]),
            Decimal("0.00"),
        )
    return {"as_of": as_of, "awards_in_force": len(awards), **sums}
