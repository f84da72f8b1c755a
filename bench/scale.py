"""How the lists and the dashboard hold up at national scale: a million accidents (design.md, Scale).

Run with ``make bench-scale`` (``.venv/bin/python bench/scale.py``); ``--database-url`` points it at
PostgreSQL instead of a throwaway SQLite file. Prints timings; asserts nothing.

The register is built with the Alembic migrations (the production schema and its indexes) and
filled in bulk by ``flask demo generate``'s generator (reports/generate.py): employers in every
region with headcounts, accidents over five years with their victims, acts, notices and claims.
Then, as an administrator (the whole country), a regional inspector and a safety officer (one
employer), it times what their pages run:

* the accidents list: the first page with its total, a far page, a victim found by PIN and by name;
* the dashboard: accidents by month and category, frequency rates Кч/Ксм per employer, and the
  "what needs attention now" counts.

Each figure is the best of several runs, in milliseconds, the database's own work included.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

sys.path.append(str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from accidents import services as accident_services  # noqa: E402
from accidents.models import Victim  # noqa: E402
from core import create_app, db  # noqa: E402
from reports import generate, indicators  # noqa: E402

YEARS = 5
LAST_YEAR = 2025


def best_ms(function: Callable[[], object], runs: int = 5) -> float:
    """The best of ``runs`` timings of ``function``, in milliseconds."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def build(app: Any, accidents: int, employers: int, seed: int = 7) -> tuple[str, str]:
    """Fill the register with ``flask demo generate``'s generator (reports/generate.py); returns a
    victim's PIN and a name fragment to search for."""
    with app.app_context():
        generate.generate(employers, accidents, seed, until=date(LAST_YEAR, 12, 15), years=YEARS)
        s = db.session()
        total = s.scalar(sa.select(sa.func.count()).select_from(Victim))
        pin, name = s.execute(
            sa.select(Victim.pin, Victim.full_name).order_by(Victim.id).offset(total // 2).limit(1)
        ).one()
    return pin, " ".join(name.split()[1:])  # a given name and number: not a PIN


def timings(app: Any, pin: str, name: str) -> list[tuple[str, str, float]]:
    """(who, what, ms) for the pages' queries."""
    people = {
        "administrator": SimpleNamespace(role="admin", employer_id=None, region=None),
        "inspector (Osh region)": SimpleNamespace(role="inspector", employer_id=None, region="osh"),
        "safety officer": SimpleNamespace(role="safety_officer", employer_id=17, region=None),
    }
    out = []
    with app.app_context():
        s = db.session()
        today = date(LAST_YEAR, 12, 15)
        for who, user in people.items():

            def page(filters: dict[str, Any], user: Any = user) -> object:
                found = accident_services.list_accidents(user, {"page": 1, "per_page": 25, **filters})
                return found.total, [a.id for a in found.items]

            out.append((who, "accidents list, first page and total", best_ms(lambda: page({}))))
            out.append((who, "accidents list, page 200", best_ms(lambda: page({"page": 200}))))
            out.append(
                (
                    who,
                    "accidents of one category this year",
                    best_ms(lambda: page({"category": "fatal", "date_from": date(LAST_YEAR, 1, 1)})),
                )
            )
            out.append((who, "victim by PIN", best_ms(lambda: page({"q": pin}))))
            out.append((who, "victim by part of the name", best_ms(lambda: page({"q": name}), runs=3)))
            out.append(
                (
                    who,
                    "dashboard: accidents by month",
                    best_ms(lambda user=user: indicators.accidents_by_month(s, user, LAST_YEAR)),
                )
            )
            out.append(
                (
                    who,
                    "dashboard: frequency rates per employer",
                    best_ms(lambda user=user: indicators.frequency_rates(s, user, LAST_YEAR), runs=3),
                )
            )
            out.append(
                (
                    who,
                    "dashboard: what needs attention",
                    best_ms(lambda user=user: indicators.workload(s, user, today)),
                )
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--accidents", type=int, default=1_000_000)
    parser.add_argument("--employers", type=int, default=5_000)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="emgek-bench-")
    url = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "UPLOAD_FOLDER": folder})
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    print(f"Database: {url.split('://')[0]}; {args.accidents:,} accidents, {args.employers:,} employers")
    try:
        started = time.perf_counter()
        pin, name = build(app, args.accidents, args.employers)
        print(f"Built in {time.perf_counter() - started:.0f} s (bulk inserts, not part of the figures)")
        for who, what, ms in timings(app, pin, name):
            print(f"  {who:<24} {what:<42} {ms:9.1f} ms")
    finally:
        app.extensions["emgek.engine"].dispose()
        shutil.rmtree(folder, ignore_errors=True)  # the SQLite file of a million accidents is ~750 MB


if __name__ == "__main__":
    main()
