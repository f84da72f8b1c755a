"""The people of a claims case: an employer's officer, an inspector, and another employer's officer."""

from __future__ import annotations

from typing import Any

import pytest

from core.classifiers import Role


@pytest.fixture
def people(make_user: Any, make_employer: Any) -> dict[str, Any]:
    employer = make_employer()
    return {
        "officer": make_user(Role.SAFETY_OFFICER, employer=employer),
        "inspector": make_user(Role.INSPECTOR),
        "other_officer": make_user(Role.SAFETY_OFFICER),
    }


@pytest.fixture
def victim_id(make_accident: Any, people: dict[str, Any]) -> int:
    """The injured person of an approved act N-1 of the officer's employer."""
    return make_accident(people["officer"], "approved", reviewer=people["inspector"])["victims"][0]
