"""View 7 (money) and view 9 (ranking) with many awards in force: cold, after a write, and kept.

Issue 10's goal: the money views under 1 s with 10^4 open awards. ``bench/dashboards.py`` builds
registers with the generator's default share of claims (a few dozen awards at 10^4 accidents); this
builds one with a claim for every case that has a right to one (``claims_share=1.0``) once, into a
database that is kept (``--build N``), and then times, as often as asked and with any checkout's code
(a before and after on the same data):

- ``cold``: every cache emptied (the views' and the awards' memo, reports/money.py): a new worker;
- ``after a write``: the views' cache emptied as any write empties it, the awards' memo kept: the next
  view after a write that changed no award (a payment recomputes its one award's figures too);
- ``kept``: the same request again (the view's cache, per data version).

Run: ``.venv/bin/python bench/money.py --url sqlite:////tmp/money.sqlite3 --build 60000`` once, then
``.venv/bin/python bench/money.py --url sqlite:////tmp/money.sqlite3``. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from claims.models import Decision  # noqa: E402
from claims.services import open_awards  # noqa: E402
from core import create_app, db  # noqa: E402
from core.auth.models import User  # noqa: E402
from core.demo import DEMO_PASSWORD  # noqa: E402
from reports import generate, indicators, money  # noqa: E402

PATHS = ("/reports/money", "/reports/ranking", "/api/v1/reports/money?as_of={today}")


def _forget_awards() -> None:
    for kept in list(getattr(money, "_memos", {}).values()):
        kept.clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--build", type=int, help="generate this many accidents first (an empty database)")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    app = create_app({"DATABASE_URL": args.url, "SECRET_KEY": "bench", "UPLOAD_FOLDER": tempfile.mkdtemp()})
    if args.build:
        result = app.test_cli_runner().invoke(args=["db", "upgrade"])
        assert result.exit_code == 0, result.output
        with app.app_context():
            started = time.perf_counter()
            generate.generate(max(50, args.build // 200), args.build, seed=2026, claims_share=1.0)
            print(f"{args.build:,} accidents generated in {time.perf_counter() - started:.0f} s")
    with app.app_context():
        s = db.session()
        today = db.today_bishkek().isoformat()
        awards = open_awards(s).subquery()
        count = s.scalar(sa.select(sa.func.count()).select_from(awards))
        busiest = s.scalar(
            sa.select(awards.c.employer_id)
            .group_by(awards.c.employer_id)
            .order_by(sa.func.count().desc(), awards.c.employer_id)
            .limit(1)
        )
        mine = s.scalar(sa.select(sa.func.count()).select_from(awards).where(awards.c.employer_id == busiest))
        officer = s.scalar(sa.select(User.email).where(User.employer_id == busiest))
        inspector = s.scalar(sa.select(User.email).where(User.email == "inspector@gen.emgek.kg"))
        assert s.scalar(sa.select(sa.func.count()).select_from(Decision))
    print(f"{args.url.split('://')[0]}: {count:,} awards in force; the officer's employer {mine:,}")
    header = f"{'cold':>8} {'after a write':>14} {'kept':>8}"
    print(f"  {'who':<10} {'path':<24} {header}  (ms, best of {args.runs})")
    for who, email in (("country", inspector), ("employer", officer)):
        client = app.test_client()
        signed = client.post("/api/v1/auth/login", json={"email": email, "password": DEMO_PASSWORD})
        assert signed.status_code == 200, signed.get_json()
        for path in PATHS:
            best: dict[str, float] = {}
            for _ in range(args.runs):
                for case in ("cold", "after a write", "kept"):
                    if case != "kept":
                        indicators._cache.clear()  # noqa: SLF001
                    if case == "cold":
                        _forget_awards()
                    start = time.perf_counter()
                    response = client.get(path.format(today=today))
                    elapsed = (time.perf_counter() - start) * 1000
                    assert response.status_code == 200, (path, response.status_code)
                    best[case] = min(best.get(case, float("inf")), elapsed)
            cells = f"{best['cold']:8.0f} {best['after a write']:14.0f} {best['kept']:8.0f}"
            print(f"  {who:<10} {path.split('?')[0]:<24} {cells}", flush=True)
    app.extensions["emgek.engine"].dispose()


if __name__ == "__main__":
    main()
