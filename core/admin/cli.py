"""``flask --app wsgi tokens issue|list|rotate|revoke``: API tokens of system accounts from a shell.

For the first token of a deployment (before anyone has opened the administration) and for scripts.
The commands act as no user (the audit log says "system"), exactly like ``users create``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date
from typing import Any

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from core import db
from core.auth import tokens
from core.auth.models import ApiToken, User
from core.classifiers import Inspectorate, Region, Role
from core.errors import DomainError

tokens_cli = AppGroup("tokens", help="API tokens of system accounts (shown once, stored hashed).")


@contextlib.contextmanager
def _refusals() -> Iterator[None]:
    """A refused command says why, field by field, and exits non-zero (never a traceback)."""
    try:
        yield
    except DomainError as exc:
        lines = [f"{field}: {'; '.join(messages)}" for field, messages in exc.errors.items()]
        raise click.ClickException("\n".join(lines)) from exc


def _account(email: str, options: dict[str, Any]) -> User:
    """The system account with this e-mail, created from ``--name`` and ``--role`` if there is none."""
    from core.admin import services

    found = db.session().scalar(sa.select(User).where(User.email == email.strip().lower()))
    if found is not None:
        return found
    if not options["name"] or not options["role"]:
        raise click.ClickException(f"no account {email}: give --name and --role to create a system account")
    data = {
        "email": email,
        "full_name": options["name"],
        "role": options["role"],
        "employer_inn": options["employer_inn"],
        "inspectorate": options["inspectorate"],
        "region": options["region"],
        "system": True,
    }
    user = services.create_user(None, data)
    click.echo(f"created system account {user.email} ({user.role})")
    return user


def _show(token: ApiToken) -> str:
    used = token.last_used_at.isoformat(timespec="seconds") if token.last_used_at else "never"
    expires = token.expires_on.isoformat() if token.expires_on else "-"
    state = token.state(db.today_bishkek())
    return f"{token.prefix}\t{state}\t{token.user.email}\t{token.label}\texpires {expires}\tlast used {used}"


@tokens_cli.command("issue")
@click.argument("email")
@click.option("--label", required=True, help="What the token is for.")
@click.option("--expires", "expires_on", type=click.DateTime(["%Y-%m-%d"]), help="Last valid day.")
@click.option("--name", help="Creates the system account: its name.")
@click.option("--role", type=click.Choice([r.value for r in Role]), help="Creates the account: its role.")
@click.option("--employer-inn", help="Creates a safety officer's account: the employer's INN.")
@click.option("--inspectorate", type=click.Choice([i.value for i in Inspectorate]))
@click.option("--region", type=click.Choice([r.value for r in Region]))
def issue_command(email: str, label: str, expires_on: Any, **options: Any) -> None:
    """Issue a token to the system account EMAIL and print it (the only time it is shown)."""
    day: date | None = expires_on.date() if expires_on else None
    with _refusals():
        user = _account(email, options)
        issued = tokens.issue(None, user.id, label, day)
    click.echo(f"issued {issued.token.prefix} to {user.email}; keep it now, it is not shown again:")
    click.echo(issued.secret)


@tokens_cli.command("list")
@click.option("--account", "email", help="Only this account's tokens.")
def list_command(email: str | None) -> None:
    """Every token: prefix, state, account, label, last day, last use."""
    user_id = None
    if email:
        user_id = db.session().scalar(sa.select(User.id).where(User.email == email.strip().lower()))
        if user_id is None:
            raise click.ClickException(f"no account {email}")
    for token in tokens.list_tokens(user_id):
        click.echo(_show(token))


@tokens_cli.command("rotate")
@click.argument("prefix")
def rotate_command(prefix: str) -> None:
    """Replace the token PREFIX by a new one (the old stops working now) and print the new one."""
    with _refusals():
        issued = tokens.rotate(None, tokens.by_prefix(prefix).id)
    click.echo(f"rotated {prefix} into {issued.token.prefix}; keep it now, it is not shown again:")
    click.echo(issued.secret)


@tokens_cli.command("revoke")
@click.argument("prefix")
def revoke_command(prefix: str) -> None:
    """Revoke the token PREFIX: it stops working at once."""
    with _refusals():
        tokens.revoke(None, tokens.by_prefix(prefix).id)
    click.echo(f"revoked {prefix}")
