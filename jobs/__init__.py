"""Background jobs (issue 13): webhooks' deliveries, deadline and deemed-refusal notices, scheduled backups.

They run on APScheduler 3.x (a maintained scheduler on PyPI) in one worker process,
``flask --app wsgi jobs worker``, which ``make run`` starts beside the web server. Why this library:

* it keeps its schedule in our own database through its ``SQLAlchemyJobStore`` on the app's engine, so it
  works on the embedded SQLite default and on PostgreSQL (psycopg 3, the only driver the project uses)
  with no extra server (no Redis, no RabbitMQ) and no second database driver;
* a job missed while the worker was down runs once when it comes back (``coalesce``, a grace time);
* huey was the other candidate: its SQLite storage is built in, but its PostgreSQL storage (``SqlHuey``)
  goes through peewee, a second ORM with its own connection settings beside SQLAlchemy's.

APScheduler 3 does not share one job store between schedulers, so a deployment runs exactly one worker
(README, Background jobs). The webhooks' own state (what was delivered, the next retry) is in our tables,
so a retry survives a restart and no delivery is lost or sent twice (jobs/delivery.py).
"""
