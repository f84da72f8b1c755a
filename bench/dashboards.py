"""Every analytics view at 10^4, 10^5 (and, with ``--million`` or ``BENCH_MILLION=1``, 10^6) accidents.

Run with ``make bench`` (or ``.venv/bin/python bench/dashboards.py``), other sizes with
``make bench-dashboards SIZES=10000,1000000`` (``--sizes``, ``BENCH_SIZES``) and only some databases
with ``DATABASES=postgresql`` (``--databases``, ``BENCH_DATABASES``). For each size it builds a
register with ``flask demo generate``'s generator (reports/generate.py; ~200 accidents an employer)
in a throwaway SQLite file and, where ``BENCH_DATABASE_URL`` names an (empty, emptied here) PostgreSQL
database, there too. Then it requests each page registered under ``/reports`` (every view without a
URL argument: the dashboard and views 1-6 today, any added later too) with Flask's test client,
signed in as a country-wide inspector and as the officer of the employer with the most accidents,
and prints the time of the whole request (queries, pandas, rendering), the fastest of ``--runs``
with the views' caches emptied before each, and how it grows per 10x accidents.

Goals (issue 10): the country's views under 1 s on PostgreSQL at 10^6 accidents, an employer's under
100 ms. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.append(str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from accidents.models import Accident  # noqa: E402
from core import create_app, db  # noqa: E402
from core.auth.models import User  # noqa: E402
from core.demo import DEMO_PASSWORD  # noqa: E402
from reports import generate, indicators  # noqa: E402

COUNTRY_GOAL_MS = 1000
EMPLOYER_GOAL_MS = 100
#: Pages under /reports that are not analytics views: the administrator's data entry.
NOT_VIEWS = ("/reports/denominators",)


def views(app: Any) -> list[str]:
    """Every page under /reports that takes no URL argument (not a chart, download or form)."""
    found = set()
    for rule in app.url_map.iter_rules():
        path = str(rule.rule)
        if (
            path.startswith("/reports/")
            and not rule.arguments
            and "GET" in (rule.methods or ())
            and not path.endswith((".svg", ".csv", ".xlsx"))
            and not path.startswith(NOT_VIEWS)
        ):
            found.add(path)
    return sorted(found)


def _empty_postgres(url: str) -> None:
    engine = db.make_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


def measure(url: str, accidents: int | None, runs: int) -> tuple[float, dict[tuple[str, str], float]]:
    """Build ``accidents`` into ``url``; (seconds to build, {(who, view): best ms}). With ``accidents``
    None the register already in ``url`` (``flask demo generate``'s) is measured as it is."""
    folder = tempfile.mkdtemp(prefix="emgek-bench-")
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "UPLOAD_FOLDER": folder})
    try:
        result = app.test_cli_runner().invoke(args=["db", "upgrade"])
        assert result.exit_code == 0, result.output
        started = time.perf_counter()
        with app.app_context():
            if accidents is None:
                inspector = generate.GENERATED_INSPECTOR
            else:
                inspector = generate.generate(max(50, accidents // 200), accidents, seed=2026).inspector_email
            built = time.perf_counter() - started
            s = db.session()
            busiest = s.scalar(
                sa.select(Accident.employer_id)
                .group_by(Accident.employer_id)
                .order_by(sa.func.count().desc(), Accident.employer_id)
                .limit(1)
            )
            officer = s.scalar(sa.select(User.email).where(User.employer_id == busiest))
        people = {"country (inspector)": inspector, "employer (officer)": officer}
        out: dict[tuple[str, str], float] = {}
        for who, email in people.items():
            client = app.test_client()
            signed = client.post("/api/v1/auth/login", json={"email": email, "password": DEMO_PASSWORD})
            assert signed.status_code == 200, signed.get_json()
            for path in views(app):
                best = float("inf")
                for _ in range(runs):
                    indicators._cache.clear()  # noqa: SLF001 - a cold view each time, as after any write
                    start = time.perf_counter()
                    response = client.get(path)
                    best = min(best, time.perf_counter() - start)
                    assert response.status_code == 200, (path, response.status_code)
                out[(who, path)] = best * 1000
        return built, out
    finally:
        app.extensions["emgek.engine"].dispose()
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--million", action="store_true", default=bool(os.environ.get("BENCH_MILLION")))
    parser.add_argument(
        "--sizes",
        default=os.environ.get("BENCH_SIZES") or None,
        help="comma-separated accident counts (default 10000,100000)",
    )
    parser.add_argument(
        "--databases",
        default=os.environ.get("BENCH_DATABASES") or None,
        help="comma-separated: sqlite, postgresql (default sqlite, and postgresql with a URL)",
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument(
        "--existing",
        metavar="URL",
        help="measure the register already generated in URL (flask demo generate), building nothing",
    )
    args = parser.parse_args()
    if args.existing:
        measure_existing(args.existing, args.runs)
        return
    sizes = [int(n) for n in args.sizes.split(",")] if args.sizes else [10_000, 100_000]
    if args.million and 1_000_000 not in sizes:
        sizes.append(1_000_000)
    databases = ["sqlite"] + (["postgresql"] if args.database_url else [])
    if args.databases:
        databases = [d.strip() for d in args.databases.split(",") if d.strip()]
        if "postgresql" in databases and not args.database_url:
            parser.error("postgresql needs --database-url or BENCH_DATABASE_URL")
    for database in databases:
        figures: dict[int, dict[tuple[str, str], float]] = {}
        for size in sizes:
            if database == "sqlite":
                folder = tempfile.mkdtemp(prefix="emgek-bench-db-")
                url = f"sqlite:///{folder}/bench.sqlite3"
            else:
                url = args.database_url
                _empty_postgres(url)
            try:
                built, figures[size] = measure(url, size, args.runs)
            finally:
                if database == "sqlite":
                    shutil.rmtree(folder, ignore_errors=True)
            print(
                f"{database}: {size:,} accidents generated in {built:.0f} s ({size / built:,.0f} a second)",
                flush=True,
            )
        report(database, sizes, figures)


def measure_existing(url: str, runs: int) -> None:
    """The views of a register built beforehand, e.g. a million accidents that take minutes to make."""
    engine = db.make_engine(url)
    with engine.connect() as conn:
        size = conn.scalar(sa.select(sa.func.count()).select_from(Accident.__table__)) or 0
    engine.dispose()
    database = "postgresql" if url.startswith("postgresql") else "sqlite"
    _, figures = measure(url, None, runs)
    report(database, [size], {size: figures})


def report(database: str, sizes: list[int], figures: dict[int, dict[tuple[str, str], float]]) -> None:
    header = "".join(f"{f'{n:,}':>12}" for n in sizes)
    print(f"\n{database}: ms per request (best of runs, caches empty)")
    print(f"  {'who':<20} {'view':<28}{header}  {'per 10x':>8}  goal")
    for who, path in sorted(figures[sizes[0]]):
        values = [figures[n][(who, path)] for n in sizes]
        cells = "".join(f"{v:12.0f}" for v in values)
        growth = (values[-1] / values[0]) ** (1 / max(1e-9, _decades(sizes))) if len(values) > 1 else None
        goal = EMPLOYER_GOAL_MS if who.startswith("employer") else COUNTRY_GOAL_MS
        met = "met" if values[-1] < goal else "not met"
        scope = f"< {goal} ms at {sizes[-1]:,}" + (
            "" if database == "postgresql" else " (the goal is PostgreSQL's)"
        )
        per_10x = f"{growth:7.1f}x" if growth is not None else f"{'-':>8}"
        print(f"  {who:<20} {path:<28}{cells}  {per_10x}  {scope}: {met}")


def _decades(sizes: list[int]) -> float:
    import math

    return math.log10(sizes[-1] / sizes[0])


if __name__ == "__main__":
    main()
