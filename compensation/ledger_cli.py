"""``flask --app wsgi payments due --month YYYY-MM``: what every employer must pay that month.

For each claim with an issued award, the engine computes the statement at the
month's end from the frozen case file and the ledger's payments; the rows are
the month's installments and everything still outstanding, with penalties.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from decimal import Decimal

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from compensation import services
from compensation.models import Payment
from core import db

payments_cli = AppGroup("payments", help="The payment ledger.")

COLUMNS = [
    "employer",
    "inn",
    "claim_id",
    "decision",
    "recipient",
    "component",
    "period",
    "amount",
    "due_date",
    "paid",
    "outstanding",
    "days_overdue",
    "penalty",
]


@payments_cli.command("due")
@click.option("--month", required=True, help="YYYY-MM")
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the rows to this CSV file (default: standard output).",
)
def payments_due(month: str, csv_path: str | None) -> None:
    """List what every employer must pay in MONTH (CSV), with a progress bar and totals per employer."""
    if not re.match(r"^\d{4}-(0[1-9]|1[0-2])$", month):
        raise click.BadParameter("a month as YYYY-MM", param_hint="--month")
    s = db.session()
    awards = s.execute(services.open_awards(s)).all()
    claim_ids = [decision.claim_id for decision, _employer in awards]
    payments: dict[int, list[Payment]] = defaultdict(list)
    for payment in s.scalars(
        sa.select(Payment).where(Payment.claim_id.in_(claim_ids)).order_by(Payment.paid_on, Payment.id)
    ):
        payments[payment.claim_id].append(payment)
    out = open(csv_path, "w", newline="", encoding="utf-8") if csv_path else sys.stdout  # noqa: SIM115
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    totals: dict[str, Decimal] = defaultdict(Decimal)
    with click.progressbar(awards, label=f"payments due {month}", file=sys.stderr) as bar:
        for decision, employer in bar:
            for item in services.due_in_month(decision, payments[decision.claim_id], month):
                writer.writerow(
                    [
                        employer.name,
                        employer.inn,
                        decision.claim_id,
                        decision.number,
                        item["recipient"],
                        item["component"],
                        item["period"] or "",
                        item["amount"],
                        item["due_date"],
                        item["paid"],
                        item["outstanding"],
                        item["days_overdue"],
                        item["penalty"],
                    ]
                )
                totals[employer.name] += Decimal(item["outstanding"]) + Decimal(item["penalty"])
    if csv_path:
        out.close()
    for name, total in sorted(totals.items()):
        click.echo(f"{name}: {total:.2f}", err=True)
