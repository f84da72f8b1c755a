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
from typing import Any

import click
from flask.cli import AppGroup

from claims import services
from core.formatting import safe_cell

payments_cli = AppGroup("payments", help="The payment ledger.")

COLUMNS = [
    "employer",
    "inn",
    "claim_id",
    "decision",
    "recipient",
    "recipient_name",
    "component",
    "period",
    "amount",
    "due_date",
    "paid",
    "outstanding",
    "days_overdue",
    "penalty",
]


def row(employer: Any, decision: Any, item: dict[str, Any]) -> list[Any]:
    """One CSV row, in the order of :data:`COLUMNS`; text that a spreadsheet would run is neutralised
    (the recipient's name too: a name is typed by people)."""
    return [
        safe_cell(employer.name),
        employer.inn,
        decision.claim_id,
        safe_cell(decision.number),
        safe_cell(item["recipient"]),
        safe_cell(item["recipient_name"]),
        item["component"],
        item["period"] or "",
        item["amount"],
        item["due_date"],
        item["paid"],
        item["outstanding"],
        item["days_overdue"],
        item["penalty"],
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
    if not re.match(r"^[0-9]{4}-(0[1-9]|1[0-2])$", month):
        raise click.BadParameter("a month as YYYY-MM", param_hint="--month")
    count, batches = services.due_in_scope(None, month)
    out = open(csv_path, "w", newline="", encoding="utf-8") if csv_path else sys.stdout  # noqa: SIM115
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    totals: dict[str, Decimal] = defaultdict(Decimal)
    with click.progressbar(length=count, label=f"payments due {month}", file=sys.stderr) as bar:
        for awards, rows in batches:
            for employer, decision, item in rows:
                writer.writerow(row(employer, decision, item))
                totals[employer.name] += Decimal(item["outstanding"] or 0) + Decimal(item["penalty"])
            bar.update(awards)
    if csv_path:
        out.close()
    for name, total in sorted(totals.items()):
        click.echo(f"{name}: {total:.2f}", err=True)


claims_cli = AppGroup("claims", help="Claims for compensation.")


@claims_cli.command("deemed-refusals")
@click.option(
    "--today", type=click.DateTime(formats=["%Y-%m-%d"]), help="The day to judge by (default: today)."
)
def deemed_refusals(today: Any) -> None:
    """Mark every claim left undecided past the ten days of art. 257 as a deemed refusal (run daily)."""
    marked = services.mark_deemed_refusals(today.date() if today else None)
    click.echo(f"{marked} claims marked as deemed refusals")
