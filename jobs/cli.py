"""``flask --app wsgi jobs worker`` (the worker ``make run`` starts) and ``jobs run NAME`` (one job now)."""

from __future__ import annotations

import contextlib
import json
import logging
import signal
from typing import Any

import click
from flask import current_app
from flask.cli import AppGroup

jobs_cli = AppGroup("jobs", help="Background jobs: webhooks, notices, deemed refusals, backups.")


@jobs_cli.command("worker")
def worker() -> None:
    """Run the jobs on their schedule until stopped (Ctrl-C or SIGTERM). One worker per deployment."""
    from jobs.scheduler import make_scheduler

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    scheduler = make_scheduler(current_app._get_current_object())  # type: ignore[attr-defined]
    # SIGTERM (systemd, supervisor, ``make run``'s Ctrl-C) lets the running job finish, then stops.
    signal.signal(signal.SIGTERM, lambda *_: scheduler.shutdown(wait=True))
    click.echo("jobs worker started: " + ", ".join(job.id for job in scheduler.get_jobs()))
    with contextlib.suppress(KeyboardInterrupt, SystemExit):
        scheduler.start()
    click.echo("jobs worker stopped")


@jobs_cli.command("run")
@click.argument("name", type=click.Choice(["webhooks", "deemed_refusals", "notices", "backup"]))
def run_once(name: str) -> None:
    """Run one job now, in this process (what the worker runs on schedule)."""
    from jobs.scheduler import JOBS

    result: Any = JOBS[name]()
    click.echo(json.dumps(result, ensure_ascii=False, default=str))
