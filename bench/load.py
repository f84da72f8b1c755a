"""The service under load, as people use it: gunicorn on loopback, the demo data, a realistic mix.

Run with ``make bench`` or ``.venv/bin/python bench/load.py``. It migrates a throwaway SQLite database
(or the empty PostgreSQL database of ``BENCH_DATABASE_URL``), loads the demo data, starts gunicorn
(2 workers x 4 threads, as a small deployment) and signs in as an employer's safety officer, a
country-wide inspector and an administrator. Then it drives each kind of request alone from
``BENCH_CONNECTIONS`` (50) keep-alive connections without think time for ``BENCH_SECONDS`` (4), and
last all of them mixed: officers listing accidents and claims, reading a statement and recording a
payment; inspectors listing acts for review, reading an act and the dashboard; the calculator API;
and ``/healthz``, which reads no database, so the ratio to it shows what the service's own work costs.

For each kind it prints requests per second, the p50/p95/p99 latency, the errors, and the goal of
issue 15 where one is set (every list and API read at least 500 requests/s with p95 under 100 ms,
the dashboard at least 100/s, no errors), met or not. The clients are threads of one Python process
on the same machine as the server: they take a share of its cores, so the figures are a floor.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import http.client
import itertools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import cases  # bench/cases.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PASSWORD = "emgek-demo"
ACCOUNTS = {
    "officer": "officer@alatoo-ken.kg",
    "inspector": "inspector@mintrud.gov.kg",
    "admin": "admin@emgek.kg",
}
WORKERS, THREADS = 2, 4
#: Running numbers for the bodies that must differ, across every run of the benchmark.
NUMBERS = itertools.count()
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "50"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "4"))
#: The issue's goals at 50 connections: (requests/s at least, p95 under, in ms).
READ_GOAL = (500, 100.0)
DASHBOARD_GOAL = (100, None)

#: The calculator API's case: the injury (a) of bench/calc.py, with its own parameter tables.
CASE = cases.injury_case()


@dataclass
class Kind:
    """One kind of request: who sends it, what, the status that means success, and its goal."""

    name: str
    role: str | None
    method: str
    path: str
    #: The JSON body, or a function of a running number giving each request its own (a payment's sum:
    #: the ledger refuses the same payment twice).
    body: dict[str, Any] | Callable[[int], dict[str, Any]] | None = None
    ok: int = 200
    goal: tuple[int, float | None] | None = None
    #: How many of these a mixed run sends for every one of the rarest.
    weight: int = 1


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    first_error: str = ""


# --- the server ------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench-secret", "PYTHONPATH": str(ROOT)}


def prepare(url: str) -> None:
    """The Alembic schema and the demo data, as ``make run`` makes them."""
    for args in (["db", "upgrade"], ["demo", "load", "--if-empty"]):
        subprocess.run(
            [str(BIN / "flask"), "--app", "wsgi", *args],
            cwd=ROOT,
            env=_env(url),
            check=True,
            capture_output=True,
        )


def serve(url: str, log: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "--workers",
            str(WORKERS),
            "--threads",
            str(THREADS),
            "--worker-class",
            "gthread",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=_env(url),
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if _once(port, "GET", "/readyz")[0] == 200:
                return server, port
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"gunicorn did not start: see {log}")


def _once(port: int, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None) -> Any:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        data = json.dumps(body).encode() if body is not None else None
        connection.request(
            method, path, body=data, headers={"Content-Type": "application/json", **(headers or {})}
        )
        response = connection.getresponse()
        return response.status, response.read(), response.getheader("Set-Cookie") or ""
    finally:
        connection.close()


def _cookie(set_cookie: str, cookie: str) -> str:
    return set_cookie.split(";", 1)[0] if set_cookie.startswith("session=") else cookie


def sign_in(port: int, email: str) -> dict[str, str]:
    """The headers of a signed-in client: its session cookie and the CSRF token of its writes."""
    status, body, set_cookie = _once(
        port, "POST", "/api/v1/auth/login", {"email": email, "password": PASSWORD}
    )
    if status != 200:
        raise SystemExit(f"signing in as {email}: {status} {body[:200]!r}")
    cookie = _cookie(set_cookie, "")
    status, body, set_cookie = _once(port, "GET", "/api/v1/auth/csrf-token", headers={"Cookie": cookie})
    cookie = _cookie(set_cookie, cookie)
    return {"Cookie": cookie, "X-CSRFToken": json.loads(body)["csrf_token"]}


def kinds(get: Callable[[str, str], tuple[int, bytes]]) -> list[Kind]:
    """The mix, with the demo's own records: the officer's claims and an act awaiting review.

    ``get(role, path)`` reads an API list as that role (over HTTP here, with Flask's test client in
    bench/requests.py), giving its status and body."""

    def first(role: str, path: str) -> dict[str, Any]:
        status, body = get(role, path)
        items = json.loads(body)["items"] if status == 200 else []
        if not items:
            raise SystemExit(f"the demo data has nothing at {path} for the {role}")
        return items[0]

    claim = first("officer", "/api/v1/claims?status=decided")["id"]
    act = first("inspector", "/api/v1/acts")["id"]
    today = datetime.now(UTC).astimezone(ZoneInfo("Asia/Bishkek")).date()
    as_of = (today.replace(day=1) - timedelta(days=1)).isoformat()

    def payment(n: int) -> dict[str, Any]:
        return {
            "paid_on": today.isoformat(),
            "amount": f"{n // 100 + 1}.{n % 100:02d}",
            "applies_to": "periodic",
        }

    return [
        Kind("bare: /healthz (no database)", None, "GET", "/healthz", weight=2),
        Kind("officer: accidents page", "officer", "GET", "/accidents", goal=READ_GOAL, weight=4),
        Kind(
            "officer: GET /api/v1/accidents", "officer", "GET", "/api/v1/accidents", goal=READ_GOAL, weight=4
        ),
        Kind("officer: claims page", "officer", "GET", "/compensation/claims", goal=READ_GOAL, weight=3),
        Kind(
            "officer: statement (API)",
            "officer",
            "GET",
            f"/api/v1/claims/{claim}/statement?as_of={as_of}",
            goal=READ_GOAL,
            weight=2,
        ),
        Kind(
            "officer: record a payment",
            "officer",
            "POST",
            f"/api/v1/claims/{claim}/payments",
            payment,
            ok=201,
        ),
        Kind("inspector: accidents page", "inspector", "GET", "/accidents", goal=READ_GOAL, weight=3),
        Kind(
            "inspector: acts to review (API)",
            "inspector",
            "GET",
            "/api/v1/acts?status=act_submitted",
            goal=READ_GOAL,
            weight=2,
        ),
        Kind(
            "inspector: an act's page", "inspector", "GET", f"/accidents/acts/{act}", goal=READ_GOAL, weight=2
        ),
        Kind("inspector: dashboard", "inspector", "GET", "/reports/dashboard", goal=DASHBOARD_GOAL, weight=1),
        Kind("admin: dashboard", "admin", "GET", "/reports/dashboard", goal=DASHBOARD_GOAL, weight=1),
        Kind(
            "calculator API",
            "officer",
            "POST",
            "/api/v1/compensation/calculations",
            CASE,
            goal=None,
            weight=2,
        ),
    ]


# --- the load --------------------------------------------------------------------------------------


def drive(
    port: int, mix: list[Kind], headers: dict[str, dict[str, str]], seconds: float
) -> tuple[dict[str, Tally], float]:
    """``CONNECTIONS`` threads, each on its own keep-alive connection, sending the weighted ``mix``
    round-robin without pause for ``seconds``: each kind's latencies and errors, and the time taken."""
    sequence = [kind for kind in mix for _ in range(kind.weight)]
    tallies = {kind.name: Tally() for kind in mix}
    lock = threading.Lock()
    start_line = threading.Barrier(CONNECTIONS + 1)
    stop_at: list[float] = []

    def client(offset: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        local: dict[str, Tally] = {kind.name: Tally() for kind in mix}
        n = offset
        start_line.wait()
        while time.perf_counter() < stop_at[0]:
            kind = sequence[n % len(sequence)]
            n += 1
            send = {"Content-Type": "application/json", **(headers[kind.role] if kind.role else {})}
            body = (
                None if kind.body is None else kind.body(next(NUMBERS)) if callable(kind.body) else kind.body
            )
            body = json.dumps(body).encode() if body is not None else None
            began = time.perf_counter()
            try:
                connection.request(kind.method, kind.path, body=body, headers=send)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                status, detail = 0, repr(error)
            else:
                detail = f"HTTP {status}"
            tally = local[kind.name]
            tally.latencies.append(time.perf_counter() - began)
            if status != kind.ok:
                tally.errors += 1
                tally.first_error = tally.first_error or detail
        connection.close()
        with lock:
            for name, tally in local.items():
                tallies[name].latencies += tally.latencies
                tallies[name].errors += tally.errors
                tallies[name].first_error = tallies[name].first_error or tally.first_error

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    stop_at.append(began + seconds)
    start_line.wait()
    for thread in threads:
        thread.join()
    return tallies, time.perf_counter() - began


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else float("nan")


def _verdict(kind: Kind, rate: float, p95: float, errors: int) -> str:
    if errors:
        return "not met (errors)"
    if kind.goal is None:
        return "no errors"
    least, p95_under = kind.goal
    wanted = f">= {least}/s" + (f", p95 < {p95_under:.0f} ms" if p95_under else "")
    met = rate >= least and (p95_under is None or p95 < p95_under)
    return f"{'met' if met else 'NOT met'} ({wanted})"


HEADER = f"{'request':<36} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}  goal"


def row(kind: Kind, tally: Tally, elapsed: float) -> str:
    """One kind's figures: requests per second, latencies, errors and the goal met or not."""
    rate = len(tally.latencies) / elapsed
    p95 = _percentile(tally.latencies, 0.95)
    line = (
        f"{kind.name:<36} {rate:>7.0f} {_percentile(tally.latencies, 0.5):>8.1f} {p95:>8.1f} "
        f"{_percentile(tally.latencies, 0.99):>8.1f} {tally.errors:>7}  "
        f"{_verdict(kind, rate, p95, tally.errors)}"
    )
    return line + (f"  [first: {tally.first_error}]" if tally.first_error else "")


def bench(url: str, label: str, log: Path) -> None:
    prepare(url)
    server, port = serve(url, log)
    try:
        headers = {role: sign_in(port, email) for role, email in ACCOUNTS.items()}
        mix = kinds(lambda role, path: _once(port, "GET", path, headers=headers[role])[:2])
        print(
            f"\n== {label}: gunicorn {WORKERS} workers x {THREADS} threads, demo data, "
            f"{CONNECTIONS} connections, {SECONDS:g} s a run, {os.cpu_count()} cores shared with the clients "
            f"(load average {os.getloadavg()[0]:.1f} before)"
        )
        drive(port, mix, headers, 1.0)  # warm up: imports, templates, the pool
        alone: dict[str, Tally] = {}
        times: dict[str, float] = {}
        for kind in mix:
            tallies, elapsed = drive(port, [kind], headers, SECONDS)
            alone[kind.name], times[kind.name] = tallies[kind.name], elapsed
        print(f"\neach kind alone, all {CONNECTIONS} connections on it\n{HEADER}")
        for kind in mix:
            print(row(kind, alone[kind.name], times[kind.name]))
        bare = len(alone[mix[0].name].latencies) / times[mix[0].name]
        print(
            f"\nthe bare endpoint ({bare:.0f}/s) against each kind alone: what the service's own work costs"
        )
        for kind in mix[1:]:
            rate = len(alone[kind.name].latencies) / times[kind.name]
            print(f"  {kind.name:<34} x{bare / max(rate, 1e-9):.1f} slower")
        tallies, elapsed = drive(port, mix, headers, SECONDS * 2)
        total = sum(len(t.latencies) for t in tallies.values())
        print(f"\nall mixed, {CONNECTIONS} connections, {total / elapsed:.0f} requests/s in all\n{HEADER}")
        for kind in mix:
            print(row(kind, tallies[kind.name], elapsed))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="emgek-bench-load-"))
    try:
        bench(f"sqlite:///{work / 'bench.sqlite3'}", "SQLite", work / "gunicorn-sqlite.log")
        postgres = os.environ.get("BENCH_DATABASE_URL")
        if postgres:
            bench(postgres, "PostgreSQL", work / "gunicorn-postgresql.log")
        else:
            print("\n(PostgreSQL: set BENCH_DATABASE_URL to an empty database to measure it too)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
