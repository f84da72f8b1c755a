"""Optional sections of a case file beyond contract v1 (see docs/compensation.md)."""

from __future__ import annotations

from typing import Any

from compensation.rules.case import Case
from compensation.rules.statement import Statement
from compensation.validation import Errors


def parse_sections(
    e: Errors, doc: dict[str, Any], case_type: str | None, calculation_day: int | None
) -> dict[str, Any]:
    return {}


def compute_sections(case: Case, statement: Statement, trace: bool) -> None:
    return None
