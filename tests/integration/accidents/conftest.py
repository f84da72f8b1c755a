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
