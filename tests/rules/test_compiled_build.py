"""``make test-compiled`` runs the engine's tests against the mypyc build: make sure it really does.

Under ``EMGEK_ENGINE_BUILD=compiled`` every engine module must come from a C extension; a run
that silently imported the plain-Python source would prove nothing about the compiled engine.
In the ordinary run the engine is the source itself, which the second test checks.
"""

from __future__ import annotations

import importlib
import os
import tomllib
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMPILED = os.environ.get("EMGEK_ENGINE_BUILD") == "compiled"


def engine_modules() -> list[str]:
    """The modules setup.py compiles (every module of the package in ``[tool.mypy]``), as dotted names."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    paths = {
        p.relative_to(ROOT).as_posix()
        for package in config["tool"]["mypy"]["files"]
        for p in (ROOT / package).rglob("*.py")
    }
    return sorted(p.removesuffix(".py").removesuffix("/__init__").replace("/", ".") for p in paths)


def test_the_compiled_engine_is_the_whole_compensation_package() -> None:
    names = set(engine_modules())
    source = {
        p.relative_to(ROOT).with_suffix("").as_posix().removesuffix("/__init__").replace("/", ".")
        for p in (ROOT / "compensation").rglob("*.py")
    }

    assert names == source
    assert {"compensation", "compensation.contract", "compensation.rules.injury", "compensation.law"} <= names


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
