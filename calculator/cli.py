"""``flask --app wsgi compensation calculate CASE.json|-``: the calculation contract on the command line.

Prints the result JSON on stdout and exits 0; an invalid case (or unreadable
JSON) prints the error document ``{"errors": {...}}`` on stdout and exits 2.
Never a traceback.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from typing import Any

import click
from flask.cli import AppGroup

import compensation
from calculator import schemas, services
from compensation.validation import InvalidCase, message

compensation_cli = AppGroup(
    "compensation", help="Compensation for workplace injury and death (arts. 225-272)."
)

#: Exit status of an invalid case (the contract's).
INVALID = 2
#: Exit status of a failure of the engine itself (a bug: please report the case).
INTERNAL = 1


def _emit(document: dict[str, Any]) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=1))


def _read(source: str, language: str) -> Any:
    """The case as JSON; decimals are read as Decimal, so a number is never a binary float."""
    try:
        if source == "-":
            text = sys.stdin.read()
        else:
            with open(source, encoding="utf-8") as f:
                text = f.read()
        return json.loads(text.removeprefix("\ufeff"), parse_float=Decimal)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
        raise InvalidCase({"_": [message("json.invalid", language, {"detail": detail})]}) from exc


@compensation_cli.command("calculate")
@click.argument("source", metavar="CASE.json|-")
@click.option(
    "--language",
    type=click.Choice(compensation.LANGUAGES),
    default="ru",
    show_default=True,
    help="Language of the trace and of error messages.",
)
@click.option("--no-trace", is_flag=True, help="Leave the trace out of the result.")
@click.option(
    "--stored-parameters",
    is_flag=True,
    help="Lay the parameter rows stored by administrators over the built-in tables, as the web service does.",
)
def calculate_command(source: str, language: str, no_trace: bool, stored_parameters: bool) -> None:
    """Compute the statement of the case in CASE.json (or on stdin with '-') as of its calculation date.

    By default the tables are the built-in files and the case's own: the contract's reference door,
    which gives the same figures on every machine and needs no database.
    """
    try:
        case = _read(source, language)
        tables = services.tables_in_force()[0] if stored_parameters else None
        result = compensation.calculate(case, language, trace=not no_trace, tables=tables)
    except InvalidCase as exc:
        _emit(exc.document)
        sys.exit(INVALID)
    except Exception as exc:  # noqa: BLE001 - the contract: never a traceback, always a JSON document
        _emit({"errors": {"_": [f"internal error: {type(exc).__name__}: {exc}"]}})
        sys.exit(INTERNAL)
    _emit(result)


parameters_cli = AppGroup("parameters", help="The parameter tables people keep current.")
compensation_cli.add_command(parameters_cli)


@parameters_cli.command("add")
@click.option(
    "--as", "email", required=True, help="The administrator's e-mail: the row is recorded as theirs."
)
@click.option("--table", required=True, type=click.Choice(list(schemas.TABLE_LABELS)))
@click.option("--from", "starts_on", required=True, help="The day the value is in force from (YYYY-MM-DD).")
@click.option("--value", default=None, help="The figure (3280.00, 0.0015); none if unknown.")
@click.option("--rule", default=None, help="one_time_benefit only: labour_code_2004 or resolution_465.")
@click.option("--status", required=True, type=click.Choice(schemas.STATUSES))
@click.option("--source", required=True, help="The legal act or publication.")
@click.option("--key", default=None, help="Region (subsistence minimum) or sex (pension age).")
@click.option("--period", default=None, help="The period a statistical figure describes.")
@click.option("--note", default=None)
@click.option("--supersedes", "supersedes_id", default=None, help="The stored row this one corrects.")
def parameters_add(email: str, **fields: str | None) -> None:
    """Add a row to a parameter table (audited); exits 2 with the field errors on bad input."""
    import sqlalchemy as sa

    from core.auth.models import User
    from core.db import session
    from core.errors import DomainError
    from core.forms import load

    user = session().scalar(sa.select(User).where(sa.func.lower(User.email) == email.strip().lower()))
    if user is None:
        _emit({"errors": {"as": [f"no account {email}"]}})
        sys.exit(INVALID)
    data = {("from" if k == "starts_on" else k): v for k, v in fields.items() if v is not None}
    try:
        row = services.add_row(user, load(schemas.ParameterRowIn(), data))
    except DomainError as exc:
        _emit({"errors": exc.errors})
        sys.exit(INVALID)
    click.echo(f"added row {row.id} to {row.table_name}")
