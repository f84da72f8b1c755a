"""Issue 14: capitalising shows the sums that will be fixed and asks for confirmation before the write."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from claims.models import Capitalisation
from core import db
from tests.integration.liquidation.conftest import liquidate


def _count(app: Any, employer_id: int) -> int:
    with app.app_context():
        return len(
            db.session()
            .scalars(sa.select(Capitalisation).where(Capitalisation.employer_id == employer_id))
            .all()
        )


def test_capitalising_shows_the_sums_and_writes_only_once_confirmed(
    app: Any, login_as: Any, case: dict[str, Any]
) -> None:
    liquidate(app, case["employer"].id)
    officer = login_as(case["officer"])
    url = f"/compensation/liquidation/{case['employer'].id}/capitalise"

    asked = officer.post(url, data={"on": "2027-03-31"})
    assert asked.status_code == 200
    html = asked.get_data(as_text=True)
    assert 'id="confirm-capitalise"' in html
    assert f'data-preview-claim="{case["claim"]["id"]}"' in html
    assert 'name="confirm" value="1"' in html
    assert _count(app, case["employer"].id) == 0  # nothing fixed by the first step

    done = officer.post(url, data={"on": "2027-03-31", "confirm": "1"})
    assert done.status_code == 302
    assert _count(app, case["employer"].id) == 1
    with app.app_context():
        amount = db.session().scalars(sa.select(Capitalisation.amount)).one()
    from core.formatting import money

    assert money(amount) in html  # the preview showed the sum that was fixed

    again = officer.post(url, data={"on": "2027-03-31"})
    assert 'id="nothing-to-capitalise"' in again.get_data(as_text=True)
