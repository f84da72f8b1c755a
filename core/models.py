"""Imports every package's models so that ``Base.metadata`` knows all tables (Alembic, tests)."""

from __future__ import annotations

import importlib

from core import audit, data_version, employers, idempotency  # noqa: F401
from core.auth import models, ratelimit  # noqa: F401
from core.db import Base

#: The feature packages that have tables.
FEATURE_MODELS = (
    "accidents.models",
    "calculator.models",
    "claims.models",
    "cooperation.models",
    "reports.models",
    "jobs.models",
)


def import_all() -> type[Base]:
    for name in FEATURE_MODELS:
        importlib.import_module(name)
    return Base
