"""A client written only from the OpenAPI document drives a whole case with API tokens (no session):
the officer's system reports the accident and submits the act N-1, the inspectorate's approves it,
the MSEC finding, the claim, the decision and the payments are recorded, the registry's liquidation
capitalises the award and the sum is transferred to the Social Fund, whose own system reads it.

``DocumentClient`` knows no URL: it reads the document's operations by ``operationId``, builds each
request from the operation's path and parameters, and validates every answer (status documented,
content type, body schema) against the document with the validator tests/openapi.py uses. Between the
steps each system follows ``GET /api/v1/events?after=`` and the event each step causes must arrive,
in order, and nothing else.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from flask.testing import FlaskClient
from openapi_schema_validator import OAS30Validator

from core.auth import tokens
from core.classifiers import Region, Role
from tests.conftest import COMMISSION_MEMBERS, accident_json, act_json
from tests.factories import ACCIDENT_DAY, RECORDS_DAY, claim_payload, finding_payload

METHODS = ("get", "post", "put", "patch", "delete")


class DocumentClient:
    """Calls an API by the operationIds of its OpenAPI 3.0 document, with a bearer token."""

    def __init__(self, http: FlaskClient, document: dict[str, Any], token: str) -> None:
        self.http = http
        self.document = document
        self.headers = {"Authorization": f"Bearer {token}"}
        self.operations = {
            operation["operationId"]: (method, path, operation)
            for path, item in document["paths"].items()
            for method, operation in item.items()
            if method in METHODS
        }
        self.cursor: str | None = None  # where this system stopped reading the change feed

    def _resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            target: Any = self.document
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            node = target
        return node

    def call(self, operation_id: str, body: Any = None, **arguments: Any) -> tuple[int, Any]:
        """Send the operation with ``arguments`` placed where its parameters say; the answer's status
        and JSON body, once validated against the document."""
        method, template, operation = self.operations[operation_id]
        shared = self.document["paths"][template].get("parameters", [])  # the path item's, then its own
        parameters = [self._resolve(p) for p in [*shared, *operation.get("parameters", [])]]
        where = {p["name"]: p["in"] for p in parameters}
        unknown = set(arguments) - set(where)
        assert not unknown, f"{operation_id} has no parameters {unknown}"
        path = template
        query: dict[str, Any] = {}
        for name, value in arguments.items():
            if where[name] == "path":
                path = path.replace(f"{{{name}}}", str(value))
            elif where[name] == "query":
                query[name] = value
        missing = re.findall(r"{(\w+)}", path)
        assert not missing, f"{operation_id} needs {missing}"
        response = self.http.open(
            path, method=method.upper(), query_string=query, json=body, headers=self.headers
        )
        return response.status_code, self._validated(operation_id, operation, response)

    def _validated(self, operation_id: str, operation: dict[str, Any], response: Any) -> Any:
        responses = operation["responses"]
        declared = responses.get(str(response.status_code)) or responses.get("default")
        assert declared is not None, f"{operation_id} answered {response.status_code}, undocumented"
        content = self._resolve(declared).get("content", {})
        if not response.get_data():
            assert response.status_code == 204 or not content, f"{operation_id}: an empty answer"
            return None
        assert response.mimetype in content, f"{operation_id}: {response.mimetype} is not {sorted(content)}"
        if response.mimetype != "application/json":
            return response.get_data()
        body = response.get_json()
        schema = content["application/json"]["schema"]
        validator = OAS30Validator({**schema, "components": self.document["components"]})
        errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(body)]
        assert errors == [], f"{operation_id} {response.status_code} breaks the document: {errors[:5]}"
        return body

    def ok(self, operation_id: str, body: Any = None, **arguments: Any) -> Any:
        """The operation's body when it answered a success, else a failure showing the error document."""
        status, answer = self.call(operation_id, body, **arguments)
        assert 200 <= status < 300, (operation_id, status, answer)
        return answer

    def new_events(self) -> list[tuple[str, str, int]]:
        """The events since this system last asked, following ``after`` until no more follow."""
        seen: list[tuple[str, str, int]] = []
        while True:
            arguments = {"limit": 2} if self.cursor is None else {"limit": 2, "after": self.cursor}
            page = self.ok("list_changes", **arguments)
            seen += [(e["type"], e["record"], e["record_id"]) for e in page["items"]]
            assert [e["id"] for e in page["items"]] == sorted(e["id"] for e in page["items"])
            self.cursor = page["after"]
            if not page["more"]:
                return seen


@pytest.fixture
def systems(app, client, make_user, make_employer):
    """The systems' accounts and their tokens (an administrator issues them: ``flask tokens issue``)."""
    app.config["EMGEK_EVENTS_SETTLE_SECONDS"] = 0
    employer = make_employer(region=Region.BISHKEK)
    accounts = {
        "officer": make_user(Role.SAFETY_OFFICER, employer=employer, system=True),
        "inspector": make_user(Role.INSPECTOR, system=True),
        "fund": make_user(Role.SOCIAL_FUND, region=Region.BISHKEK, system=True),
        "registry": make_user(Role.ADMIN, system=True),
    }
    with app.test_request_context():
        secrets = {name: tokens.issue(None, user.id, name).secret for name, user in accounts.items()}
    document = client.get("/api/v1/openapi.json").get_json()
    return {name: DocumentClient(app.test_client(), document, secret) for name, secret in secrets.items()} | {
        "employer_id": employer.id
    }


def test_a_case_from_the_accident_to_the_social_fund_by_tokens_and_the_document_alone(systems, pin_today):
    officer, inspector, fund, registry = (systems[k] for k in ("officer", "inspector", "fund", "registry"))
    pin_today(date(2026, 11, 25))  # the day after the accident
    assert officer.new_events() == []
    assert inspector.new_events() == []
    assert fund.new_events() == []

    accident = officer.ok("report_accident", accident_json(occurred_at=f"{ACCIDENT_DAY}T10:30"))
    formed = officer.ok(
        "form_commission",
        {
            "version": accident["version"],
            "formed_on": ACCIDENT_DAY.isoformat(),
            "order_no": "17-к",
            "members": COMMISSION_MEMBERS,
        },
        accident_id=accident["id"],
    )
    [act_id] = [act["id"] for act in formed["acts"]]
    act = officer.ok("get_act", act_id=act_id)
    act = officer.ok("update_act", {**act_json(), "version": act["version"]}, act_id=act_id)
    act = officer.ok(
        "transition_act", {"action": "submit", "version": act["version"], "remark": None}, act_id=act_id
    )
    assert officer.new_events() == [("act.submitted", "act", act_id)]

    act = inspector.ok(
        "transition_act", {"action": "start_review", "version": act["version"], "remark": None}, act_id=act_id
    )
    act = inspector.ok(
        "transition_act", {"action": "approve", "version": act["version"], "remark": None}, act_id=act_id
    )
    assert act["status"] == "approved"
    assert inspector.new_events() == [("act.submitted", "act", act_id), ("act.approved", "act", act_id)]
    assert officer.new_events() == [("act.approved", "act", act_id)]

    pin_today(RECORDS_DAY)
    victim = accident["victims"][0]["id"]
    finding = officer.ok("create_finding", finding_payload(victim))
    assert officer.new_events() == [("finding.recorded", "msec_finding", finding["id"])]
    claim = officer.ok("create_claim", claim_payload(victim))
    assert officer.new_events() == [("claim.filed", "claim", claim["id"])]
    draft = officer.ok("draft_decision", {"calculation_date": "2027-01-31"}, claim_id=claim["id"])
    decision = officer.ok("issue", {"number": "45-к", "version": draft["version"]}, decision_id=draft["id"])
    assert decision["status"] == "issued"
    assert officer.new_events() == [("decision.issued", "decision", decision["id"])]
    paid = [
        officer.ok(
            "create_payment",
            {"paid_on": "2026-12-10", "amount": amount, "applies_to": "periodic"},
            claim_id=claim["id"],
        )
        for amount in ("100.00", "250.00")
    ]
    assert officer.new_events() == [("payment.recorded", "payment", p["id"]) for p in paid]
    assert fund.new_events() == []  # the Fund sees only capitalised cases

    pin_today(date(2027, 5, 31))
    employer = registry.ok("get_employer", employer_id=systems["employer_id"])
    registry.ok(
        "update_employer",
        {
            **{
                k: employer[k]
                for k in ("name", "inn", "okpo", "sector", "region", "address", "budget_sector")
            },
            "status": "in_liquidation",
            "liquidation_started_on": "2027-03-01",
            "headcounts": [],
            "version": employer["version"],
        },
        employer_id=systems["employer_id"],
    )
    [capital] = officer.ok("capitalise", {"on": "2027-03-31"}, employer_id=systems["employer_id"])
    moved = officer.ok(
        "transfer",
        {"transferred_on": "2027-04-15", "reference": "п/п 77", "version": capital["version"]},
        capitalisation_id=capital["id"],
    )
    transferred = ("capitalisation.transferred", "capitalisation", capital["id"])
    assert officer.new_events() == [transferred]

    received = fund.ok("get_capitalisation", capitalisation_id=capital["id"])
    assert received["amount"] == moved["amount"] == capital["amount"]
    assert fund.ok("get_claim", claim_id=claim["id"])["id"] == claim["id"]
    assert [row["id"] for row in fund.ok("list_capitalisations")["items"]] == [capital["id"]]
    # Now in the Fund's scope, the case's story reaches it too, in order, ending with the transfer.
    told = fund.new_events()
    assert told[-1] == transferred
    assert [e for e in told if e[0] in ("claim.filed", "decision.issued")] == [
        ("claim.filed", "claim", claim["id"]),
        ("decision.issued", "decision", decision["id"]),
    ]
    status, _unseen = fund.call("get_claim", claim_id=claim["id"] + 1000)
    assert status == 404


def test_the_client_refuses_what_the_document_does_not_say(systems):
    officer = systems["officer"]

    with pytest.raises(AssertionError, match="has no parameters"):
        officer.call("get_claim", claim_id=1, colour="red")
    with pytest.raises(AssertionError, match="needs"):
        officer.call("get_claim")
    status, error = officer.call("get_claim", claim_id=987654)
    assert status == 404
    assert error["code"] == "not_found"
