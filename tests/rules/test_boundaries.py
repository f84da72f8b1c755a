"""The domain core stays pure: no Flask, SQLAlchemy, marshmallow or core in the rules or the library call."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

#: The source tree (the compiled engine of ``make test-compiled`` is checked from the same source).
ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "compensation"
FORBIDDEN = {"flask", "flask_babel", "flask_login", "flask_smorest", "sqlalchemy", "marshmallow", "core"}
#: The engine is the whole package: every module of it is pure.
PURE = sorted(PACKAGE.rglob("*.py"))


def imported_roots(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_the_rules_import_nothing_of_the_web_or_the_database() -> None:
    for path in PURE:
        assert not imported_roots(path) & FORBIDDEN, path.name


def test_importing_compensation_loads_neither_flask_nor_sqlalchemy() -> None:
    code = "import compensation, sys; assert 'flask' not in sys.modules and 'sqlalchemy' not in sys.modules"

    # -P: the interpreter's own compensation (the source, or the compiled build), not the folder's.
    done = subprocess.run(
        [sys.executable, "-P", "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )

    assert done.returncode == 0, done.stderr


def test_a_calculation_needs_neither_flask_nor_sqlalchemy() -> None:
    code = (
        "import sys, json, compensation; "
        "sys.path.insert(0, '.'); from tests.rules.builders import injury_case; "
        "compensation.calculate(injury_case()); "
        "assert not {'flask', 'sqlalchemy', 'marshmallow'} & set(sys.modules)"
    )

    # -P: the interpreter's own compensation (the source, or the compiled build), not the folder's.
    done = subprocess.run(
        [sys.executable, "-P", "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )

    assert done.returncode == 0, done.stderr
