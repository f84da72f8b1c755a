"""``make test-compiled`` runs the engine's tests against the mypyc build: make sure it really does.

Under ``EMGEK_ENGINE_BUILD=compiled`` every engine module must come from a C extension; a run
that silently imported the plain-Python source would prove nothing about the compiled engine.
In the ordinary run the engine is the source itself, which the second test checks.
"""

from __future__ import annotations

import importlib
import os
import tomllib
from glob import glob
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMPILED = os.environ.get("EMGEK_ENGINE_BUILD") == "compiled"


def engine_modules() -> list[str]:
    """The modules setup.py compiles (the files of ``[tool.mypy]`` in pyproject.toml), as dotted names."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    paths = {p for pattern in config["tool"]["mypy"]["files"] for p in glob(pattern, root_dir=ROOT)}
    return sorted(p.removesuffix(".py").removesuffix("/__init__").replace("/", ".") for p in paths)


def test_the_engine_list_names_the_rules_and_the_contract() -> None:
    names = engine_modules()

    assert {"compensation.contract", "compensation.rules.injury", "compensation.parameters"} <= set(names)


@pytest.mark.skipif(not COMPILED, reason="the plain-Python engine is under test")
def test_every_engine_module_is_the_compiled_one() -> None:
    for name in engine_modules():
        module = importlib.import_module(name)
        assert str(module.__file__).endswith(tuple(EXTENSION_SUFFIXES)), module.__file__


@pytest.mark.skipif(COMPILED, reason="the compiled engine is under test")
def test_the_plain_run_tests_the_source_tree() -> None:
    for name in engine_modules():
        module = importlib.import_module(name)
        assert Path(str(module.__file__)).is_relative_to(ROOT), module.__file__
