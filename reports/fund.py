"""View 8 of issue 10: the Social Fund's own view of the capitalised sums (art. 255), by region and year.

From the records of liquidation/ (claims/models.py): the sums capitalised (Capitalisation, by the day
computed), received from the liquidated employers (FundTransfer, by the day transferred), covered by the
state budget (a capitalisation whose transfer was recorded as not made: the part not transferred, by
the day computed, since the record keeps no other day; facts §3: "if the employer was insolvent, the
shortfall is covered from the state budget"), paid out by the Fund (FundPayment, by the day paid), and
what the Fund holds at the end of each year (received and covered, less paid out, to that day). The
region is the liquidated employer's. Summed in SQL within the viewer's scope: the Social Fund's staff
see the capitalised cases of their region, an inspector their region or the country, an officer their
employer's, an administrator all.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from claims.models import Capitalisation, FundPayment, FundTransfer
from core.auth.permissions import employer_scope
from core.employers import Employer

ZERO = Decimal("0.00")
#: The sums of each row, in this order ("held" is the balance at the year's end).
SUMS = ("capitalised", "received", "budget", "paid", "held")


def _in_view(stmt: Any, user: Any, filters: dict[str, Any]) -> Any:
    stmt = stmt.join(Employer, Employer.id == Capitalisation.employer_id).where(
        employer_scope(user, Capitalisation.employer_id)
    )
    if filters.get("region"):
        stmt = stmt.where(Employer.region == filters["region"])
    if filters.get("sector"):
        stmt = stmt.where(Employer.sector == filters["sector"])
    if filters.get("employer_id") is not None:
        stmt = stmt.where(Capitalisation.employer_id == filters["employer_id"])
    return stmt


def _by_year(s: orm.Session, stmt: Any, day: Any, amount: Any, user: Any, filters: dict[str, Any]) -> Any:
    year = sa.extract("year", day)
    grouped = _in_view(stmt.add_columns(Employer.region, year, sa.func.sum(amount)), user, filters)
    return s.execute(grouped.group_by(Employer.region, year)).all()


def compute(s: orm.Session, user: Any, filters: dict[str, Any]) -> dict[str, Any]:
    """Rows by region and year (Decimals), each region's total and the grand total."""
    transferred = (
        sa.select(FundTransfer.capitalisation_id, sa.func.sum(FundTransfer.amount).label("amount"))
        .group_by(FundTransfer.capitalisation_id)
        .subquery()
    )
    # Whole tyiyn in the database: the difference is read back as som by the column's own type.
    shortfall = sa.type_coerce(
        Capitalisation.amount - sa.func.coalesce(transferred.c.amount, 0), Capitalisation.amount.type
    )
    parts = {
        "capitalised": _by_year(
            s,
            sa.select().select_from(Capitalisation),
            Capitalisation.computed_on,
            Capitalisation.amount,
            user,
            filters,
        ),
        "received": _by_year(
            s,
            sa.select()
            .select_from(FundTransfer)
            .join(Capitalisation, Capitalisation.id == FundTransfer.capitalisation_id),
            FundTransfer.transferred_on,
            FundTransfer.amount,
            user,
            filters,
        ),
        "budget": _by_year(
            s,
            sa.select()
            .select_from(Capitalisation)
            .outerjoin(transferred, transferred.c.capitalisation_id == Capitalisation.id)
            .where(Capitalisation.not_made.is_(True)),
            Capitalisation.computed_on,
            shortfall,
            user,
            filters,
        ),
        "paid": _by_year(
            s,
            sa.select()
            .select_from(FundPayment)
            .join(Capitalisation, Capitalisation.id == FundPayment.capitalisation_id),
            FundPayment.paid_on,
            FundPayment.amount,
            user,
            filters,
        ),
    }
    cells: dict[tuple[str, int], dict[str, Decimal]] = {}
    for name, rows in parts.items():
        for region, year, amount in rows:
            cell = cells.setdefault((region, int(year)), dict.fromkeys(SUMS, ZERO))
            cell[name] += Decimal(amount or 0)
    out, regions = [], []
    total = dict.fromkeys(SUMS, ZERO)
    for region in sorted({r for r, _y in cells}):
        held = ZERO
        subtotal = dict.fromkeys(SUMS, ZERO)
        for year in sorted(y for r, y in cells if r == region):
            cell = cells[(region, year)]
            held += cell["received"] + cell["budget"] - cell["paid"]
            cell["held"] = held
            out.append({"region": region, "year": year, **cell})
            for name in SUMS[:-1]:
                subtotal[name] += cell[name]
        subtotal["held"] = held
        regions.append({"region": region, **subtotal})
        for name in SUMS:
            total[name] += subtotal[name]
    return {"rows": out, "regions": regions, "total": total}
