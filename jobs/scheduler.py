"""The worker: APScheduler's scheduler with its job store in our database, running the jobs on schedule.

Jobs are stored by reference (``jobs.scheduler:run`` and the job's name), so the store holds no code;
each run gets an app context of its own, like a request. ``coalesce`` runs a job missed while the
worker was down once, not once per missed time; ``max_instances=1`` never overlaps a job with itself.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from flask import Flask

from core.db import BISHKEK
from jobs import delivery, tasks
from jobs.models import JOB_TABLE

log = logging.getLogger(__name__)

#: The jobs by name: what each runs.
JOBS: dict[str, Callable[[], Any]] = {
    "webhooks": delivery.deliver,
    "deemed_refusals": tasks.deemed_refusals,
    "notices": tasks.deadline_notices,
    "backup": tasks.scheduled_backup,
}

#: The app the worker's jobs run in (set by :func:`make_scheduler`).
_app: Flask | None = None


def _setting(app: Flask, name: str, default: str) -> str:
    return str(app.config.get(name, os.environ.get(name, default)))


def triggers(app: Flask) -> dict[str, BaseTrigger]:
    """When each job runs (Bishkek time), from the configuration (README, Background jobs)."""
    return {
        "webhooks": IntervalTrigger(seconds=float(_setting(app, "EMGEK_WEBHOOK_SECONDS", "30"))),
        "deemed_refusals": CronTrigger.from_crontab(
            _setting(app, "EMGEK_DEEMED_REFUSALS_SCHEDULE", "5 0 * * *"), timezone=BISHKEK
        ),
        "notices": CronTrigger.from_crontab(
            _setting(app, "EMGEK_NOTICES_SCHEDULE", "15 0 * * *"), timezone=BISHKEK
        ),
        "backup": CronTrigger.from_crontab(
            _setting(app, "EMGEK_BACKUP_SCHEDULE", "30 1 * * *"), timezone=BISHKEK
        ),
    }


def run(name: str) -> Any:
    """Run the job ``name`` in an app context of its own (what the job store refers to)."""
    assert _app is not None, "the worker sets the app first"
    with _app.app_context():
        result = JOBS[name]()
    log.info("job %s: %s", name, result)
    return result


def make_scheduler(app: Flask) -> BaseScheduler:
    """The worker's scheduler on the app's database, every job (re)registered with its trigger."""
    global _app
    _app = app
    store = SQLAlchemyJobStore(engine=app.extensions["emgek.engine"], tablename=JOB_TABLE)
    scheduler = BlockingScheduler(
        jobstores={"default": store},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
        timezone=BISHKEK,
    )
    for name, trigger in triggers(app).items():
        scheduler.add_job(f"{__name__}:run", trigger, args=[name], id=name, name=name, replace_existing=True)
    return scheduler
