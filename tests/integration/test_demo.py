"""`flask demo load` (run by `make run` on an empty database) gives a service worth looking at."""

from __future__ import annotations

import sqlalchemy as sa

from accidents.models import Accident, Act
from claims.models import Claim, Decision, Payment
from core import db
from core.auth.models import User
from core.employers import Employer


def test_the_demo_has_every_role_many_accidents_and_claims_and_loads_once(app):
    runner = app.test_cli_runner()

    first = runner.invoke(args=["demo", "load", "--if-empty"])
    second = runner.invoke(args=["demo", "load", "--if-empty"])

    assert first.exit_code == 0, first.output
    assert "already present" in second.output
    with app.app_context():
        s = db.session()
        assert s.scalar(sa.select(sa.func.count(sa.distinct(Employer.sector)))) >= 3
        assert s.scalar(sa.select(sa.func.count(sa.distinct(Employer.region)))) >= 3
        assert set(s.scalars(sa.select(User.role).distinct())) == {
            "admin",
            "safety_officer",
            "inspector",
            "social_fund",
        }
        assert s.scalar(sa.select(sa.func.count()).select_from(Accident)) >= 45
        statuses = set(s.scalars(sa.select(Accident.status).distinct()))
        assert {"reported", "investigating", "approved"} <= statuses
        assert len(statuses) >= 5
        assert {"severe", "fatal", "group", "light"} <= set(
            s.scalars(sa.select(Accident.category).distinct())
        )
        assert s.scalar(sa.select(sa.func.count()).select_from(Act).where(Act.status == "approved")) >= 20
        assert set(s.scalars(sa.select(Claim.case_type).distinct())) == {"injury", "death"}
        assert (
            s.scalar(sa.select(sa.func.count()).select_from(Decision).where(Decision.status == "issued")) >= 5
        )
        assert s.scalar(sa.select(sa.func.count()).select_from(Payment)) >= 5


def test_a_demo_officer_can_sign_in_with_the_published_password(app, client):
    app.test_cli_runner().invoke(args=["demo", "load"])

    response = client.post(
        "/api/v1/auth/login", json={"email": "officer@alatoo-ken.kg", "password": "emgek-demo"}
    )

    assert response.status_code == 200
