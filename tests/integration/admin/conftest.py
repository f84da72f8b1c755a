"""The administration tests: most begin with an administrator signed in on the test client."""

from __future__ import annotations

from typing import Any

import pytest

from core.classifiers import Role


@pytest.fixture
def admin(make_user: Any, login_as: Any) -> Any:
    """An administrator, signed in on ``client``."""
    user = make_user(Role.ADMIN)
    login_as(user)
    return user
