"""A list page runs the same number of SQL statements for one row as for many (no query per row):
its cost stays flat however many records a page shows (bench/requests.py measures the statements)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa

from core import db
from core.classifiers import Role
from tests.factories import ACCIDENT_DAY, RECORDS_DAY


def _statements(app: Any, read: Callable[[], Any]) -> int:
    count = 0

    def counted(*_args: Any) -> None:
        nonlocal count
        count += 1

    with app.app_context():
        engine = db.engine()
    sa.event.listen(engine, "before_cursor_execute", counted)
    try:
        assert read().status_code == 200
    finally:
        sa.event.remove(engine, "before_cursor_execute", counted)
    return count


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("officer", "/accidents"),
        ("inspector", "/accidents"),
        ("officer", "/api/v1/accidents"),
        ("inspector", "/api/v1/accidents"),
        ("inspector", "/api/v1/acts"),
        ("officer", "/compensation/claims"),
        ("officer", "/api/v1/claims"),
    ],
)
def test_a_list_runs_as_many_statements_for_five_rows_as_for_one(
    app, client, login_as, make_user, make_employer, make_accident, make_claim, pin_today, role, url
):
    officer = make_user(Role.SAFETY_OFFICER, employer=make_employer())
    inspector = make_user(Role.INSPECTOR)
    viewer = {"officer": officer, "inspector": inspector}[role]

    def add_record() -> None:
        """An accident with a claim at the officer's employer, and one at an employer of its own."""
        pin_today(None)
        elsewhere = make_user(Role.SAFETY_OFFICER, employer=make_employer())
        make_accident(elsewhere, "approved", reviewer=inspector, on=ACCIDENT_DAY)
        made = make_accident(officer, "approved", reviewer=inspector, on=ACCIDENT_DAY)
        pin_today(RECORDS_DAY)
        make_claim(login_as(officer), made["victims"][0], issued=False)

    add_record()
    login_as(viewer)
    client.get(url)  # the first request of a session loads what later ones find ready
    one = _statements(app, lambda: client.get(url))
    for _ in range(4):
        add_record()
    login_as(viewer)
    client.get(url)
    five = _statements(app, lambda: client.get(url))

    assert one == five
