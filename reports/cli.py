"""``flask --app wsgi reports denominators import FILE``: the national denominators from a CSV.

The statistics committee's tables come as spreadsheets; saved as CSV with the header
``year,sector,region,sex,employment,source,source_date`` they are entered in one transaction, all
rows or none, audited as entered by nobody ("system"). A bad row is named by its line and field.
"""

from __future__ import annotations

import click
from flask.cli import AppGroup

from core.errors import DomainError
from reports import denominators

reports_cli = AppGroup("reports", help="Analytics: the national denominators.")
denominators_cli = AppGroup(
    "denominators", help="Employment by GKED section x region x year, with its source."
)
reports_cli.add_command(denominators_cli)


@denominators_cli.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8-sig"))
def import_command(file: click.utils.LazyFile) -> None:
    """Enter the figures of FILE (CSV with a header row)."""
    try:
        count = denominators.import_csv(None, file.read())
    except DomainError as exc:
        lines = [f"{field}: {'; '.join(messages)}" for field, messages in exc.errors.items()]
        raise click.ClickException("\n".join(lines)) from exc
    click.echo(f"{count} figures entered")
