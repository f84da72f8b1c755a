"""The people of the investigation tests: an employer's safety officer and a labour inspector."""

from __future__ import annotations

from typing import Any

import pytest

from core.classifiers import Role


@pytest.fixture
def officer(make_user: Any) -> Any:
    return make_user(Role.SAFETY_OFFICER)


@pytest.fixture
def inspector(make_user: Any) -> Any:
    return make_user(Role.INSPECTOR)


@pytest.fixture
def light_unrelated_act(officer: Any, inspector: Any, make_accident: Any) -> int:
    """The act of a light accident, concluded "not work-related", under the inspector's review: it is
    approved only after the inspector agrees with the conclusion (art. 223)."""
    ids = make_accident(
        officer,
        stage="under_review",
        reviewer=inspector,
        category="light",
        act={
            "work_related": False,
            "work_related_grounds": "Травма получена в личных целях в обеденный перерыв.",
        },
    )
    return ids["acts"][0]
