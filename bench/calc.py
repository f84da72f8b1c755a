"""How fast the compensation engine is: cases per second, and a national monthly run.

Run with ``make bench`` (``.venv/bin/python bench/calc.py``). Prints figures; asserts nothing.

* (a) an injury: 12 months of earnings, three findings (a decrease and an increase under
  Art. 265), 36 monthly installments, the one-off benefit, 13 payments;
* (b) a death: four survivors (two minors, a student, a widow of pension age) over five years;
* cases per second through ``compensation.calculate`` with and without the trace, and through
  the lower-level API (``contract.parse_case`` + ``statement.compute``, no JSON written);
* the day-by-day reference of the contract (tests/rules/reference.py, the one the property tests
  use) for the lost earnings of (a), for the ratio, and agreeing with the engine to the tyiyn;
* a national monthly run: 100,000 open cases (bench/cases.open_case: four in five injuries,
  one in five deaths, one to five years each) computed as of one date on all cores.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
# The source tree as a last resort: an installed engine (the editable install, or the compiled
# build of ``make compiled``) comes first.
sys.path.append(str(Path(__file__).resolve().parent.parent))

import cases  # noqa: E402

import compensation  # noqa: E402
from compensation import contract  # noqa: E402
from compensation.rules import statement  # noqa: E402
from tests.rules.reference import reference_care, reference_lost_earnings  # noqa: E402


def rate(
    function: Callable[[dict[str, Any]], object], batch: list[dict[str, Any]], seconds: float = 1.5
) -> float:
    """Cases per second: the best of several timed passes over ``batch``."""
    best = 0.0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline or best == 0.0:
        start = time.perf_counter()
        for case in batch:
            function(case)
        best = max(best, len(batch) / (time.perf_counter() - start))
    return best


def check_reference(case: dict[str, Any]) -> None:
    """The day-by-day reference (tests/rules/reference.py) and the engine agree to the tyiyn."""
    result = compensation.calculate(case, trace=False)
    engine = {
        i["period"]: Decimal(i["amount"]) for i in result["installments"] if i["component"] == "lost_earnings"
    }
    assert reference_lost_earnings(case) == engine, "the day-by-day reference disagrees with the engine"
    for kind in ("special_medical", "household"):
        care = {
            i["period"]: Decimal(i["amount"])
            for i in result["installments"]
            if i["component"] == "care_" + kind
        }
        assert reference_care(case, kind) == care, "the day-by-day reference disagrees on care"


def _national_chunk(index: int) -> tuple[int, int, int, int]:
    """Worker: read chunk ``index`` of the register (JSON case files, one a line); compute each statement."""
    count = installments = accrued = outstanding = 0
    for line in REGISTER[index].splitlines():
        result = statement.compute(contract.parse_case(json.loads(line)), trace=False)
        count += 1
        installments += len(result.installments)
        for inst in result.installments:
            accrued += inst.amount
            outstanding += inst.amount - inst.paid
    return count, installments, accrued, outstanding


#: The national register as the workers see it: chunks of JSON case files, one case a line, as a
#: database would hand them out (the Decision record keeps the case file it was computed from).
REGISTER: list[bytes] = []
CHUNK = 1_000


def national_run(count: int, processes: int) -> tuple[float, float, int]:
    """Wall time of computing ``count`` open cases on ``processes`` cores, from their JSON case files."""
    global REGISTER
    start = time.perf_counter()
    REGISTER = [
        b"\n".join(json.dumps(cases.open_case(i)).encode() for i in range(lo, min(lo + CHUNK, count)))
        for lo in range(0, count, CHUNK)
    ]
    loaded = time.perf_counter() - start
    context = multiprocessing.get_context("fork")
    start = time.perf_counter()
    with context.Pool(processes) as pool:
        done = pool.map(_national_chunk, range(len(REGISTER)), chunksize=1)
    wall = time.perf_counter() - start
    assert sum(d[0] for d in done) == count
    return loaded, wall, sum(d[1] for d in done)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--national", type=int, default=100_000, help="cases in the national run")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()

    compiled = str(statement.__file__).endswith(tuple(EXTENSION_SUFFIXES))
    build = "compiled with mypyc (make compiled)" if compiled else "plain Python (the source)"
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPU(s)")
    print(f"Engine: {build}")
    batches = {
        "(a) injury, 36 months, 3 findings": [cases.injury_case(i) for i in range(200)],
        "(b) death, 4 survivors, 5 years": [cases.death_case(i) for i in range(100)],
    }
    for name, batch in batches.items():
        sample = compensation.calculate(batch[0])
        with_trace = rate(lambda c: compensation.calculate(c), batch)
        without = rate(lambda c: compensation.calculate(c, trace=False), batch)
        low_level = rate(lambda c: statement.compute(contract.parse_case(c), trace=False), batch)
        print(f"{name}: {len(sample['installments'])} installments, {len(sample['trace'])} trace steps")
        print(f"  calculate(case)              {with_trace:9,.0f} cases/s")
        print(f"  calculate(case, trace=False) {without:9,.0f} cases/s  ({without / with_trace:.2f}x)")
        print(f"  parse_case + compute         {low_level:9,.0f} cases/s  ({low_level / with_trace:.2f}x)")
        if name.startswith("(a)"):
            for case in batch[:20]:
                check_reference(case)
            naive = rate(reference_lost_earnings, batch[:20], seconds=1.0)
            print(
                f"  naive day-by-day reference   {naive:9,.0f} cases/s  (engine with trace is "
                f"{with_trace / naive:.0f}x faster; lost earnings agree to the tyiyn)"
            )

    loaded, wall, installments = national_run(args.national, args.processes)
    print(
        f"National monthly run: {args.national:,} open cases, {installments:,} installments, "
        f"{args.processes} processes"
    )
    print(
        f"  wall time {wall:.2f} s ({args.national / wall:,.0f} cases/s); "
        f"building the case files took {loaded:.2f} s more (stands for loading them)"
    )


if __name__ == "__main__":
    main()
