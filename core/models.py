"""Imports every package's models so that ``Base.metadata`` knows all tables (Alembic, tests)."""

from __future__ import annotations

import importlib

from core import audit, employers  # noqa: F401
from core.auth import models  # noqa: F401
from core.db import Base

FEATURE_MODELS = ("accidents.models", "claims.models", "reports.models", "cooperation.models")


def import_all() -> type[Base]:
    for name in FEATURE_MODELS:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return Base
