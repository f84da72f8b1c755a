"""Builders of employer B's cooperation records for the route walks of tests/integration/test_scope.py
and test_robustness.py (every URL parameter of this package's routes)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from core import db
from core.classifiers import Inspectorate, Role


def _records(w: Any) -> dict[str, int]:
    if "cooperation" in w.cache:
        return w.cache["cooperation"]
    from cooperation import services
    from cooperation.models import CoopAgreement, Norm
    from core.auth.models import User

    today = db.today_bishkek()
    with w.app.test_request_context():
        with db.transaction() as s:
            tli = User(
                email="tli-walk@kasaba.kg",
                full_name="TLI walk",
                role=Role.INSPECTOR,
                inspectorate=Inspectorate.TRADE_UNION,
            )
            tli.set_password("correct horse battery")
            agreement = CoopAgreement(
                title="A", trade_union_party="F", state_party="M", signed_on=date(2022, 4, 15)
            )
            norm = Norm(act="ТК КР", article="ст. 1", title="n")
            s.add_all([tli, agreement, norm])
        state = w.inspector
        inspection = services.open_inspection(
            state,
            {
                "employer_id": w.employer_b.id,
                "kind": "joint",
                "grounds": "other",
                "inspectors": "x",
                "starts_on": today - timedelta(days=10),
                "ends_on": None,
                "subject": "walk",
            },
        )
        order = services.add_order(
            state,
            inspection.id,
            {"requirement": "r", "issued_on": today - timedelta(days=5), "due_on": today + timedelta(days=5)},
        )
        complaint = services.register_complaint(
            state,
            {
                "employer_id": w.employer_b.id,
                "complainant": "c",
                "received_on": today,
                "review_due_on": today + timedelta(days=14),
                "subject": "s",
                "text": "t",
                "restricted": False,
            },
        )
        request = services.send_request(
            tli,
            {"kind": "inspection_results", "subject": "s", "body": "b", "due_on": today + timedelta(days=10)},
        )
        services.answer_request(
            state,
            request.id,
            {
                "answer": "a",
                "attachments": [
                    {"filename": "a.txt", "content_type": "text/plain", "content_base64": "YQ=="}
                ],
            },
        )
        proposal = services.propose(
            tli, {"year": today.year + 1, "employer_id": w.employer_b.id, "reason": "r"}
        )
        plan = services.adopt_plan(
            state,
            {
                "title": "p",
                "period_from": today,
                "period_to": today + timedelta(days=300),
                "adopted_on": today,
                "working_group_id": None,
                "items": [
                    {
                        "description": "d",
                        "owner": "both",
                        "responsible": "r",
                        "due_on": today + timedelta(days=30),
                    }
                ],
            },
        )
        from cooperation.models import CoopAttachment

        attachment_id = db.session().query(CoopAttachment.id).filter_by(owner_type="request").scalar()
        w.cache["cooperation"] = {
            "agreement_id": agreement.id,
            "inspection_id": inspection.id,
            "order_id": order.id,
            "complaint_id": complaint.id,
            "request_id": request.id,
            "coop_attachment_id": attachment_id,
            "proposal_id": proposal.id,
            "measure_plan_id": plan.id,
            "measure_item_id": plan.items[0].id,
        }
    return w.cache["cooperation"]


def _one(name: str) -> Callable[[Any], int]:
    return lambda w: _records(w)[name]


#: URL parameter -> a record of employer B (or the inspectorates' own, for joint work).
RECORDS: dict[str, Callable[[Any], int]] = {
    name: _one(name)
    for name in (
        "agreement_id",
        "inspection_id",
        "order_id",
        "complaint_id",
        "request_id",
        "coop_attachment_id",
        "proposal_id",
        "measure_plan_id",
        "measure_item_id",
    )
}
