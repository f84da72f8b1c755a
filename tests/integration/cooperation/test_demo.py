"""The demo gives both inspectorates something to work with, and the officer an overdue order."""

from __future__ import annotations

import sqlalchemy as sa

from core import db
from core.auth.models import User


def test_the_demo_has_a_joint_inspection_requests_both_ways_and_an_overdue_order(app, client):
    from cooperation.models import InfoRequest, Inspection, InspectionOrder

    result = app.test_cli_runner().invoke(args=["demo", "load"])

    assert result.exit_code == 0, result.output
    with app.app_context():
        s = db.session()
        joint = s.scalars(sa.select(Inspection).where(Inspection.kind == "joint")).one()
        assert joint.signed
        assert joint.violations[0].accident_id is not None
        assert {r.from_inspectorate for r in s.scalars(sa.select(InfoRequest))} == {"state", "trade_union"}
        assert {o.state for o in s.scalars(sa.select(InspectionOrder))} >= {"overdue", "done", "extended"}
        officer = s.scalars(sa.select(User).where(User.email == "officer@alatoo-ken.kg")).one()
        assert officer.employer_id == joint.employer_id
    login = client.post(
        "/api/v1/auth/login", json={"email": "officer@alatoo-ken.kg", "password": "emgek-demo"}
    )
    assert login.status_code == 200
    overdue = client.get("/api/v1/cooperation/orders", query_string={"overdue": "true"}).json
    assert overdue["total"] == 1
