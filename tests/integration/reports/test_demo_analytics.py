"""`flask demo load` fills what the analytics read: consequences, codes, measures done and verified."""

from __future__ import annotations

import sqlalchemy as sa

from accidents.models import Act, Consequence, Measure
from core import db
from core.auth.models import User
from core.demo import DEMO_PASSWORD
from tests.conftest import login


def test_the_demo_shows_consequences_codes_measures_and_rates(app, client):
    assert app.test_cli_runner().invoke(args=["demo", "load"]).exit_code == 0
    with app.app_context():
        s = db.session()
        outcomes = set(s.scalars(sa.select(Consequence.outcome).distinct()))
        coded = s.scalar(
            sa.select(sa.func.count()).select_from(Act).where(Act.injury_nature_code.is_not(None))
        )
        verified = s.scalar(
            sa.select(sa.func.count()).select_from(Measure).where(Measure.verified_at.is_not(None))
        )
        admin = s.scalars(sa.select(User).where(User.role == "admin")).first()

    assert {"recovered", "died"} <= outcomes
    assert coded >= 20
    assert verified >= 5
    login(client, admin, DEMO_PASSWORD)
    body = client.get("/api/v1/reports/indicators?from=2026-01-01&to=2026-11-26").get_json()
    assert body["victims"] > 0
    assert body["frequency_rate"] is not None
    assert body["severity_rate"] is not None
