"""The contract's acceptance examples (``/work/shared/contract/examples`` and ``examples-v2``): every figure.

Each ``*.case.json`` is computed by the library call and compared with its
``*.expected.json`` twice: with the official checker's own logic
(``tools/compare_contract.py``, imported from the shared folder) and field by
field on every installment.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import compensation

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
EXAMPLES = SHARED / "contract" / "examples"
EXAMPLES_V2 = SHARED / "contract" / "examples-v2"
CASES = sorted(EXAMPLES.glob("*.case.json")) if EXAMPLES.is_dir() else []
CASES_V2 = sorted(EXAMPLES_V2.glob("*.case.json")) if EXAMPLES_V2.is_dir() else []
ALL_CASES = CASES + CASES_V2
FIELDS = ("amount", "due_date", "paid", "outstanding", "days_overdue", "penalty")


def _id(path: Path) -> str:
    return ("v2/" if path.parent == EXAMPLES_V2 else "v1/") + path.name.removesuffix(".case.json")


pytestmark = pytest.mark.skipif(
    not CASES,
    reason=f"the shared contract examples are not at {EXAMPLES} (read-only checkout beside the repo)",
)


def _checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "compare_contract", SHARED / "tools" / "compare_contract.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _expected(case_path: Path) -> Any:
    return _load(case_path.with_name(case_path.name.replace(".case.json", ".expected.json")))


@pytest.mark.parametrize("case_path", ALL_CASES, ids=[_id(p) for p in ALL_CASES])
def test_example_matches_the_official_checker(case_path: Path) -> None:
    expected = _expected(case_path)

    result = compensation.calculate(_load(case_path))

    assert _checker().compare(expected, result) == []


@pytest.mark.parametrize("case_path", ALL_CASES, ids=[_id(p) for p in ALL_CASES])
def test_every_installment_field_is_exactly_as_expected(case_path: Path) -> None:
    expected = _expected(case_path)

    result = compensation.calculate(_load(case_path))

    def key(i: dict[str, Any]) -> tuple[str, str, str | None]:
        return (i["component"], i["recipient"], i["period"])

    got_all, want_all = result["installments"], expected["installments"]
    if case_path.parent == EXAMPLES_V2:
        # The version-2 examples list installments by component and recipient; the engine keeps
        # version 1's order (month, component, recipient), which the checker does not compare.
        got_all = sorted(got_all, key=lambda i: (i["component"], i["recipient"], i["period"] or ""))
        want_all = sorted(want_all, key=lambda i: (i["component"], i["recipient"], i["period"] or ""))
    assert [key(i) for i in got_all] == [key(i) for i in want_all]
    for got, want in zip(got_all, want_all, strict=True):
        fields = [f for f in (*FIELDS, "regime") if f in want]
        assert {f: got[f] for f in fields} == {f: want[f] for f in fields}, key(want)
        assert got["regime"] in ("labour_code_2004", "labour_code_2025")
    assert result["totals"] == expected["totals"]
    assert result["liability"] == expected["liability"]
    assert result["average_monthly_earnings"] == expected["average_monthly_earnings"]
    # Contract v2: a version-1 example gives the same figures; only the tag reads /2.
    assert result["contract"] == "kg-injury-compensation/2"
    assert result["warnings"] == expected.get("warnings", [])


@pytest.mark.parametrize("language", ["ru", "ky", "en"])
@pytest.mark.parametrize("case_path", ALL_CASES, ids=[_id(p) for p in ALL_CASES])
def test_the_trace_explains_every_figure_in_each_language(case_path: Path, language: str) -> None:
    result = compensation.calculate(_load(case_path), language)

    assert result["trace"]
    for step in result["trace"]:
        assert set(step) == {"article", "rule", "inputs", "result"}
        assert step["article"]
        assert step["rule"]
        assert "{" not in step["rule"]
    # Contract v2: every entry cites the governing Code ("LC-2004 235", "LC-2025 214", "CC 1011(4)").
    for step in result["trace"]:
        assert step["article"].startswith(("LC-2004 ", "LC-2025 ", "CC ")), step["article"]
    if language != "en":
        for step in result["trace"]:
            assert "Labour Code" not in step["rule"], step["rule"]
            assert "Art." not in step["rule"], step["rule"]


def test_figures_do_not_depend_on_the_language_or_the_trace() -> None:
    for case_path in ALL_CASES:
        case = _load(case_path)
        ru = compensation.calculate(case, "ru")
        bare = compensation.calculate(case, "en", trace=False)

        assert "trace" not in bare
        assert {k: v for k, v in ru.items() if k != "trace"} == bare
