"""Build hook: compile the compensation engine with mypyc when ``EMGEK_COMPILE=1``.

Everything else about the distribution is in ``pyproject.toml``. By default the engine is
plain Python, which runs anywhere Python 3.11+ does (the README's quick start). A build with
``EMGEK_COMPILE=1`` turns the engine's modules into C extensions with mypyc, as black and mypy
ship themselves: the same type-annotated source, byte-identical results, about twice the speed
(``make bench`` prints both). It needs mypy and a C compiler in the build environment, so it is
built with ``pip install --no-build-isolation`` (``make compiled``).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from setuptools import setup

HERE = Path(__file__).resolve().parent


def engine_modules() -> list[str]:
    """The engine's files: pure functions of a case (no Flask, no database), the contract's hot path.

    They are the package ``mypy`` checks (``[tool.mypy] files`` in pyproject.toml), every module of
    it, since mypyc compiles what mypy proves: a wrong annotation would be a TypeError at run time.
    """
    config = tomllib.loads((HERE / "pyproject.toml").read_text(encoding="utf-8"))
    packages = config["tool"]["mypy"]["files"]
    return sorted(
        path.relative_to(HERE).as_posix() for package in packages for path in (HERE / package).rglob("*.py")
    )


ext_modules = []
if os.environ.get("EMGEK_COMPILE") == "1":
    from mypyc.build import mypycify

    ext_modules = mypycify(engine_modules(), opt_level="3")

setup(ext_modules=ext_modules)
