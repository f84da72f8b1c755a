"""The liquidation tests run on the claims tests' day (tests/integration/claims/conftest.py)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import RECORDS_DAY


@pytest.fixture(autouse=True)
def records_day(today: Any, pin_today: Any) -> Any:
    """The finding and the claim of tests/factories.py have happened by this day (issue 12)."""
    pin_today(RECORDS_DAY)
    return RECORDS_DAY
