"""The OpenAPI document is the contract integrators build on: valid, every operation named, described
and with its success documented, money typed as the string it is. (tests/openapi.py checks every JSON
answer the suite receives against it.)"""

from __future__ import annotations

import re

from openapi_spec_validator import validate

from core.api import MONEY_PATTERN

METHODS = ("get", "post", "put", "patch", "delete")


def _operations(spec):
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method in METHODS:
                yield f"{method.upper()} {path}", operation


def test_the_document_is_valid_openapi(client):
    validate(client.get("/api/v1/openapi.json").get_json())


def test_every_operation_has_an_id_a_summary_a_description_and_a_documented_success(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    operations = dict(_operations(spec))

    unnamed = [
        name
        for name, op in operations.items()
        if not all(op.get(k) for k in ("operationId", "summary", "description"))
    ]
    undocumented = [
        name
        for name, op in operations.items()
        if not any(
            code == "204" or response.get("content")
            for code, response in op["responses"].items()
            if code.startswith("2")
        )
    ]
    ids = [op["operationId"] for op in operations.values()]

    assert len(operations) > 100
    assert unnamed == []
    assert undocumented == []
    assert len(ids) == len(set(ids))


def test_the_lists_that_had_no_documented_answer_now_say_what_they_return(client):
    spec = client.get("/api/v1/openapi.json").get_json()

    def schema(path, method="get", code="200"):
        return spec["paths"][path][method]["responses"][code]["content"]["application/json"]["schema"]

    assert schema("/api/v1/claims") == {"$ref": "#/components/schemas/ClaimPage"}
    assert schema("/api/v1/findings") == {"$ref": "#/components/schemas/FindingPage"}
    assert schema("/api/v1/capitalisations") == {"$ref": "#/components/schemas/CapitalisationPage"}
    assert schema("/api/v1/archive/due") == {"$ref": "#/components/schemas/ArchiveDuePage"}
    assert schema("/api/v1/claims/{claim_id}/statement") == {"$ref": "#/components/schemas/StatementOut"}
    assert schema("/api/v1/claims/{claim_id}/attachments", "post", "201") == {
        "$ref": "#/components/schemas/ScanOut"
    }


def test_money_is_a_string_with_two_decimals_wherever_it_appears(client):
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    money = {
        ("PaymentOut", "amount"),
        ("PaymentIn", "amount"),
        ("FundPaymentOut", "amount"),
        ("CapitalisationBalance", "balance"),
        ("ViolationOut", "fine"),
        ("ViolationIn", "fine"),
    }

    for schema, field in money:
        prop = schemas[schema]["properties"][field]
        assert prop["type"] == "string", (schema, field, prop)
        assert prop["pattern"] == MONEY_PATTERN
    assert re.fullmatch(MONEY_PATTERN, "12500.00")
    assert re.fullmatch(MONEY_PATTERN, "-3.50")
    assert not re.fullmatch(MONEY_PATTERN, "12500.5")


def _untyped(name, schema, path=""):
    for key, prop in schema.get("properties", {}).items():
        if not any(k in prop for k in ("type", "$ref", "oneOf", "anyOf", "allOf")):
            yield f"{name}.{path}{key}"
        yield from _untyped(name, prop, f"{path}{key}.")
        if isinstance(prop.get("items"), dict):
            yield from _untyped(name, prop["items"], f"{path}{key}[].")


def test_every_field_of_every_schema_has_a_type(client):
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]

    untyped = [field for name, schema in schemas.items() for field in _untyped(name, schema)]

    assert untyped == []
    assert schemas["FindingOut"]["properties"]["loss_percent"]["type"] == "string"
    assert schemas["Case"]["properties"]["calculation_date"] == {
        "type": "string",
        "format": "date",
        "description": "YYYY-MM-DD: statement as of",
    }


def test_operations_declare_401_403_404_where_they_occur_and_the_capability_they_need(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    decide = spec["paths"]["/api/v1/claims/{claim_id}/decisions"]["post"]
    login = spec["paths"]["/api/v1/auth/login"]["post"]

    assert {"401", "403", "404"} <= set(decide["responses"])
    assert decide["x-capability"] == "issue_decision"
    assert "`issue_decision`" in decide["description"]
    assert "401" not in login["responses"]  # signing in needs no credentials
    for name, operation in _operations(spec):
        if "{" in name:
            assert "404" in operation["responses"], name
        if operation.get("security") != []:
            assert "401" in operation["responses"], name
