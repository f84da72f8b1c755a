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
def calculate_command(source: str, language: str, no_trace: bool) -> None:
    """Compute the statement of the case in CASE.json (or on stdin with '-') as of its calculation date."""
    try:
        result = compensation.calculate(_read(source, language), language, trace=not no_trace)
    except InvalidCase as exc:
        _emit(exc.document)
        sys.exit(INVALID)
    except Exception as exc:  # noqa: BLE001 - the contract: never a traceback, always a JSON document
        _emit({"errors": {"_": [f"internal error: {type(exc).__name__}: {exc}"]}})
        sys.exit(INTERNAL)
    _emit(result)
