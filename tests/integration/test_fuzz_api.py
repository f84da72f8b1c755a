"""Schemathesis over every operation of the OpenAPI document, as each role's API token (officer,
inspector, Social Fund, administrator), through the WSGI app (no network).

Each operation gets ``EMGEK_FUZZ_EXAMPLES`` generated requests (a few in ``make test``, more in
``make fuzz``) whose path ids are those of a seeded case (an accident with its approved act N-1, an
MSEC finding, a claim with an issued decision and a payment, the employer liquidated, the award
capitalised and transferred to the Social Fund, a webhook), so they reach real records and not only
404s. Every answer must be no server error, a status the operation lists itself (``default`` is only
the error document's fallback), the content type it documents and a body that matches its schema. All
operations are run and the failures reported together; ``test_found_*`` keep what it found fixed.
"""

from __future__ import annotations

import io
import os
import re
from datetime import date
from typing import Any

import pytest
import schemathesis
import sqlalchemy as sa
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from core import db
from core.auth import tokens
from core.classifiers import Region, Role
from tests.factories import ACCIDENT_DAY, RECORDS_DAY
from tests.integration.liquidation.conftest import liquidate


@schemathesis.check
def status_code_listed(ctx: Any, response: Any, case: Any) -> None:
    """Stricter than schemathesis' own: the status is one the operation lists itself, not only under
    ``default`` (which every operation has for the error document), as the integrators read them."""
    listed = {code for code in case.operation.responses.status_codes if code != "default"}
    if str(response.status_code) not in listed:
        raise AssertionError(f"{response.status_code} is not among the listed {sorted(listed)}")


#: Generated requests per operation and role: small in ``make test``, larger with ``make fuzz``.
EXAMPLES = int(os.environ.get("EMGEK_FUZZ_EXAMPLES", "1"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    status_code_listed,
    content_type_conformance,
    response_schema_conformance,
]
ROLES = ("officer", "inspector", "fund", "admin")

#: A path parameter and the table whose first row it names.
TABLES = {
    "accident_id": "accident",
    "act_id": "act",
    "agreement_id": "coop_agreement",
    "appeal_id": "appeal",
    "attachment_id": "attachment",
    "capitalisation_id": "capitalisation",
    "claim_id": "claim",
    "complaint_id": "coop_complaint",
    "coop_attachment_id": "coop_attachment",
    "decision_id": "decision",
    "employer_id": "employer",
    "figure_id": "national_employment",
    "finding_id": "msec_finding",
    "inspection_id": "coop_inspection",
    "measure_id": "act_measure",
    "measure_item_id": "coop_measure_item",
    "measure_plan_id": "coop_measure_plan",
    "notification_id": "notification",
    "order_id": "coop_order",
    "payment_id": "payment",
    "proposal_id": "coop_plan_proposal",
    "request_id": "coop_request",
    "revision_id": "act_revision",
    "webhook_id": "webhook",
}


@pytest.fixture
def seeded(
    app: Any,
    make_user: Any,
    make_employer: Any,
    make_accident: Any,
    make_claim: Any,
    login_as: Any,
    pin_today: Any,
) -> dict[str, Any]:
    """The case of every stage, a system account with a token per role, and the ids of the case."""
    pin_today(RECORDS_DAY)
    employer = make_employer(region=Region.BISHKEK)
    accounts = {
        "officer": make_user(Role.SAFETY_OFFICER, employer=employer, system=True),
        "inspector": make_user(Role.INSPECTOR, system=True),
        "fund": make_user(Role.SOCIAL_FUND, region=Region.BISHKEK, system=True),
        "admin": make_user(Role.ADMIN, system=True),
    }
    person = make_user(Role.SAFETY_OFFICER, employer=employer)  # the users' operations touch this one
    accident = make_accident(accounts["officer"], "approved", reviewer=accounts["inspector"], on=ACCIDENT_DAY)
    clerk = make_user(Role.SAFETY_OFFICER, employer=employer)
    officer = login_as(clerk)
    claim, _decision = make_claim(officer, accident["victims"][0])
    paid = officer.post(
        f"/api/v1/claims/{claim['id']}/payments",
        json={"paid_on": "2026-12-10", "amount": "100.00", "applies_to": "periodic"},
    )
    pin_today(date(2027, 5, 31))
    liquidate(app, employer.id)
    officer = login_as(clerk)  # months later: a new session
    [capital] = officer.post(
        f"/api/v1/employers/{employer.id}/capitalisation", json={"on": "2027-03-31"}
    ).get_json()
    moved = officer.post(
        f"/api/v1/capitalisations/{capital['id']}/transfer",
        json={"transferred_on": "2027-04-15", "reference": "п/п 77", "version": capital["version"]},
    )
    assert moved.status_code == 200, moved.get_json()
    admin = login_as(make_user(Role.ADMIN))
    hook = admin.post(
        "/api/v1/webhooks", json={"url": "https://fund.example.kg/hooks", "events": ["claim.filed"]}
    )
    with app.test_request_context():
        secrets = {
            role: tokens.issue(None, user.id, f"fuzz {role}").secret for role, user in accounts.items()
        }
    with app.app_context():
        s = db.session()
        ids = {
            name: first
            for name, table in TABLES.items()
            if (first := s.scalar(sa.text(f'SELECT MIN(id) FROM "{table}"'))) is not None  # noqa: S608
        }
    ids["user_id"] = person.id
    return {"tokens": secrets, "ids": ids, "payment": paid.status_code, "webhook": hook.status_code}


def _fuzz(operation: Any, ids: dict[str, int], headers: dict[str, str], answers: list[int]) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize="EMGEK_FUZZ_EXAMPLES" not in os.environ,  # `make test` sends the same requests each run
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case: Any) -> None:
        for name in case.path_parameters or {}:
            if name in ids:
                case.path_parameters[name] = ids[name]
        answers.append(case.call_and_validate(headers=headers, checks=CHECKS).status_code)

    run()


@pytest.mark.parametrize("role", ROLES)
def test_every_operation_answers_as_documented_whatever_it_is_sent(app, seeded, role):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    headers = {"Authorization": f"Bearer {seeded['tokens'][role]}"}
    failures: list[str] = []
    operations = 0
    reached: list[str] = []  # operations on a seeded record that answered a success

    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        answers: list[int] = []
        try:
            _fuzz(operation, seeded["ids"], headers, answers)
        except (Exception, BaseExceptionGroup) as exc:  # every operation is run; the failures listed together
            first = re.sub(r"\s+", " ", str(exc))[:600]
            failures.append(f"{operation.label}: {type(exc).__name__}: {first}")
        if "{" in operation.path and any(200 <= code < 300 for code in answers):
            reached.append(operation.label)

    assert operations > 100
    assert seeded["payment"] == 201
    assert seeded["webhook"] == 201
    assert failures == [], "\n".join(failures)
    # The seeded ids reach real records: every role reads at least the case's own (18 for the Fund).
    assert len(reached) >= 15, reached


# --- what the fuzzing found, each fixed and kept fixed -------------------------------------------------


def _responses(spec: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    return spec["paths"][path][method]["responses"]


def test_found_an_accident_s_and_an_act_s_history_refuse_an_officer_with_a_documented_403(
    app, client, make_user, make_accident
):
    officer = make_user(Role.SAFETY_OFFICER, system=True)
    ids = make_accident(officer, "investigating")
    with app.test_request_context():
        bearer = {"Authorization": f"Bearer {tokens.issue(None, officer.id, 'payroll').secret}"}
    spec = client.get("/api/v1/openapi.json").get_json()

    accident = client.get(f"/api/v1/accidents/{ids['accident']}/history", headers=bearer)
    act = client.get(f"/api/v1/acts/{ids['acts'][0]}/history", headers=bearer)

    assert (accident.status_code, accident.get_json()["code"]) == (403, "forbidden")
    assert (act.status_code, act.get_json()["code"]) == (403, "forbidden")
    assert "403" in _responses(spec, "get", "/api/v1/accidents/{accident_id}/history")
    assert "403" in _responses(spec, "get", "/api/v1/acts/{act_id}/history")


def test_found_a_scan_is_downloaded_as_the_type_it_is_and_the_document_says_so(
    app, client, make_user, make_accident, make_claim, login_as, pin_today, tmp_path
):
    app.config["UPLOAD_FOLDER"] = str(tmp_path / "uploads")
    pin_today(RECORDS_DAY)
    officer = make_user(Role.SAFETY_OFFICER)
    victim = make_accident(officer, "approved", reviewer=make_user(Role.INSPECTOR), on=ACCIDENT_DAY)[
        "victims"
    ][0]
    claim, _decision = make_claim(login_as(officer), victim, issued=False)
    jpeg = b"\xff\xd8\xff\xe0" + b"\x00" * 32
    uploaded = client.post(
        f"/api/v1/claims/{claim['id']}/attachments",
        data={"title": "Справка", "file": (io.BytesIO(jpeg), "scan.jpg")},
        content_type="multipart/form-data",
        headers={"X-CSRFToken": client.get("/api/v1/auth/csrf-token").get_json()["csrf_token"]},
    )
    assert uploaded.status_code == 201, uploaded.get_json()

    scan = client.get(f"/api/v1/attachments/{uploaded.get_json()['id']}")
    documented = _responses(
        client.get("/api/v1/openapi.json").get_json(), "get", "/api/v1/attachments/{attachment_id}"
    )["200"]["content"]

    assert scan.status_code == 200
    assert scan.mimetype == "image/jpeg"
    assert scan.get_data() == jpeg
    assert set(documented) == {"application/pdf", "image/jpeg", "image/png"}


def test_found_the_cooperation_lists_and_the_money_report_answer_documented_403_and_404(
    app, client, make_user
):
    officer = make_user(Role.SAFETY_OFFICER, system=True)
    fund = make_user(Role.SOCIAL_FUND, region=Region.BISHKEK, system=True)
    with app.test_request_context():
        as_officer = {"Authorization": f"Bearer {tokens.issue(None, officer.id, 'payroll').secret}"}
        as_fund = {"Authorization": f"Bearer {tokens.issue(None, fund.id, 'fund').secret}"}
    spec = client.get("/api/v1/openapi.json").get_json()

    inspections = client.get("/api/v1/cooperation/inspections", headers=as_fund)
    agreement = client.get("/api/v1/cooperation/agreement", headers=as_officer)
    money = client.get(
        "/api/v1/reports/money", query_string={"as_of": "2026-11-26", "employer_id": 987654}, headers=as_fund
    )

    assert inspections.status_code == 403
    assert agreement.status_code == 403
    assert money.status_code == 404
    assert "403" in _responses(spec, "get", "/api/v1/cooperation/inspections")
    assert {"403", "404"} <= set(_responses(spec, "get", "/api/v1/cooperation/agreement"))
    assert {"403", "404"} <= set(_responses(spec, "get", "/api/v1/reports/money"))
