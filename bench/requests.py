"""What one request of each kind costs, measured in-process: SQL statements, CPU time, where it goes.

Run with ``make bench`` or ``.venv/bin/python bench/requests.py [--profile] [--only WORD]``. It
migrates a throwaway SQLite database (or the empty PostgreSQL database of ``BENCH_DATABASE_URL``),
loads the demo data as ``make run`` does, makes the app as gunicorn does (``wsgi``'s production
configuration) and sends bench/load.py's kinds of request through Flask's test client, signed in as
the same accounts. For each kind it prints the SQL statements one request runs (counted by an
SQLAlchemy event hook), the CPU time of one request (``time.process_time`` over ``BENCH_REQUESTS``
requests after a warm-up, the fastest of five rounds) and its ratio to the bare ``/healthz``;
``--profile`` adds each kind's top functions by cumulative and by own time (cProfile).

Unlike bench/load.py's throughput, these figures hardly depend on what else the machine runs: CPU
time is this process's own, so they can be compared across commits on a busy machine. What a worker
serves per second is at most about 1000 / (CPU ms per request) per core (less the server's own share).
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import load  # bench/load.py, beside this script

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "60"))
WARM_UP = 5
ROUNDS = 5


class Counter:
    """Counts the statements an engine runs (every one: ORM, Core, the session check)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, *_args: Any) -> None:
        self.count += 1


def _app(url: str) -> Any:
    os.environ.update(load._env(url))
    sys.path.insert(0, str(load.ROOT))
    from core import create_app

    return create_app()


def _clients(app: Any) -> dict[str | None, tuple[Any, dict[str, str]]]:
    """A test client (its cookie jar is its session) and the CSRF header of its writes, per role."""
    clients: dict[str | None, tuple[Any, dict[str, str]]] = {None: (app.test_client(), {})}
    for role, email in load.ACCOUNTS.items():
        client = app.test_client()
        response = client.post("/api/v1/auth/login", json={"email": email, "password": load.PASSWORD})
        if response.status_code != 200:
            raise SystemExit(f"signing in as {email}: {response.status_code} {response.data[:200]!r}")
        token = client.get("/api/v1/auth/csrf-token").get_json()["csrf_token"]
        clients[role] = (client, {"X-CSRFToken": token})
    return clients


def _send(clients: dict[str | None, tuple[Any, dict[str, str]]], kind: load.Kind, n: int) -> int:
    client, headers = clients[kind.role]
    body = None if kind.body is None else kind.body(n) if callable(kind.body) else kind.body
    response = client.open(kind.path, method=kind.method, json=body, headers=headers)
    response.close()
    return int(response.status_code)


def bench(url: str, label: str, profile: bool, only: str | None) -> None:
    load.prepare(url)
    app = _app(url)
    import sqlalchemy as sa

    engine = app.extensions["emgek.engine"]
    counter = Counter()
    sa.event.listen(engine, "before_cursor_execute", counter)
    clients = _clients(app)

    def get(role: str, path: str) -> tuple[int, bytes]:
        response = clients[role][0].get(path)
        return response.status_code, response.data

    mix = load.kinds(get)
    numbers = iter(range(10**9))
    print(
        f"\n== {label}: in-process (Flask test client), demo data, {REQUESTS} requests a kind after "
        f"{WARM_UP} to warm up"
    )
    print(f"{'request':<36} {'status':>6} {'queries':>8} {'CPU ms':>8} {'x bare':>7}")
    bare_ms = None
    reports: list[str] = []
    for kind in mix:
        if only and only not in kind.name and kind.path != "/healthz":
            continue
        for _ in range(WARM_UP):
            _send(clients, kind, next(numbers))
        counter.count = 0
        status = _send(clients, kind, next(numbers))
        queries = counter.count
        ms = float("inf")
        for _ in range(ROUNDS):  # the fastest round: other processes' load only ever adds time
            began = time.process_time()
            for _ in range(REQUESTS // ROUNDS):
                _send(clients, kind, next(numbers))
            ms = min(ms, (time.process_time() - began) * 1000 / (REQUESTS // ROUNDS))
        bare_ms = bare_ms or ms
        flag = "" if status == kind.ok else f"  (expected {kind.ok})"
        print(f"{kind.name:<36} {status:>6} {queries:>8} {ms:>8.2f} {ms / bare_ms:>7.1f}{flag}")
        if profile and kind.path != "/healthz":
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(REQUESTS):
                _send(clients, kind, next(numbers))
            profiler.disable()
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            out.write(f"\n--- {kind.name}: top functions by cumulative time\n")
            stats.sort_stats("cumulative").print_stats(int(os.environ.get("BENCH_PROFILE_LINES", "25")))
            out.write(f"--- {kind.name}: top functions by own time\n")
            stats.sort_stats("tottime").print_stats(15)
            reports.append(out.getvalue())
    print("".join(reports))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--profile", action="store_true", help="print each kind's top functions (cProfile)")
    parser.add_argument("--only", help="only the kinds whose name contains this text (and /healthz)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="emgek-bench-requests-"))
    try:
        postgres = os.environ.get("BENCH_DATABASE_URL")
        if postgres:
            bench(postgres, "PostgreSQL", args.profile, args.only)
        else:
            bench(f"sqlite:///{work / 'bench.sqlite3'}", "SQLite", args.profile, args.only)
            print("(PostgreSQL: set BENCH_DATABASE_URL to an empty database to measure it instead)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
