"""The contract's acceptance examples (``/work/shared/contract/examples``): every figure, byte for byte.

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
CASES = sorted(EXAMPLES.glob("*.case.json")) if EXAMPLES.is_dir() else []
FIELDS = ("amount", "due_date", "paid", "outstanding", "days_overdue", "penalty")

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


@pytest.mark.parametrize("case_path", CASES, ids=[p.name.removesuffix(".case.json") for p in CASES])
def test_example_matches_the_official_checker(case_path: Path) -> None:
    expected = _expected(case_path)

    result = compensation.calculate(_load(case_path))

    assert _checker().compare(expected, result) == []


@pytest.mark.parametrize("case_path", CASES, ids=[p.name.removesuffix(".case.json") for p in CASES])
def test_every_installment_field_is_exactly_as_expected(case_path: Path) -> None:
    expected = _expected(case_path)

    result = compensation.calculate(_load(case_path))

    def key(i: dict[str, Any]) -> tuple[str, str, str | None]:
        return (i["component"], i["recipient"], i["period"])

    assert [key(i) for i in result["installments"]] == [key(i) for i in expected["installments"]]
    for got, want in zip(result["installments"], expected["installments"], strict=True):
        assert {f: got[f] for f in FIELDS} == {f: want[f] for f in FIELDS}, key(want)
    assert result["totals"] == expected["totals"]
    assert result["liability"] == expected["liability"]
    assert result["average_monthly_earnings"] == expected["average_monthly_earnings"]
    assert result["contract"] == expected["contract"]


@pytest.mark.parametrize("language", ["ru", "ky", "en"])
@pytest.mark.parametrize("case_path", CASES, ids=[p.name.removesuffix(".case.json") for p in CASES])
def test_the_trace_explains_every_figure_in_each_language(case_path: Path, language: str) -> None:
    result = compensation.calculate(_load(case_path), language)

    assert result["trace"]
    for step in result["trace"]:
        assert set(step) == {"article", "rule", "inputs", "result"}
        assert step["article"]
        assert step["rule"]
        assert "{" not in step["rule"]
    articles = {a.strip() for step in result["trace"] for a in step["article"].split(",")}
    assert {"226", "238", "269"} <= articles


def test_figures_do_not_depend_on_the_language_or_the_trace() -> None:
    for case_path in CASES:
        case = _load(case_path)
        ru = compensation.calculate(case, "ru")
        bare = compensation.calculate(case, "en", trace=False)

        assert "trace" not in bare
        assert {k: v for k, v in ru.items() if k != "trace"} == bare
