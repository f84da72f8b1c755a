"""The OpenAPI document is the contract integrators build on: valid, every operation named, described
and with its success documented, money typed as the string it is. (tests/openapi.py checks every JSON
answer the suite receives against it.)"""

from __future__ import annotations

import re

from openapi_spec_validator import validate

from core.api import ERRORS, MONEY_PATTERN
from core.classifiers import Role

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
    assert "401" not in spec["paths"]["/api/v1/auth/csrf-token"]["get"]["responses"]  # needs none
    assert {"401", "429"} <= set(login["responses"])  # wrong credentials; too many tries
    for name, operation in _operations(spec):
        if "{" in name:
            assert "404" in operation["responses"], name
        if operation.get("security") != []:
            assert "401" in operation["responses"], name


def _documented(spec, method, template, response):
    """The status the operation answered is among its own documented responses (not only ``default``)."""
    responses = spec["paths"][template][method]["responses"]
    assert str(response.status_code) in responses, (method, template, response.status_code, sorted(responses))


def test_the_errors_an_operation_answers_are_the_errors_it_documents(
    client, make_user, login_as, make_accident
):
    spec = client.get("/api/v1/openapi.json").get_json()
    anonymous = client.get("/api/v1/claims")
    wrong_password = client.post("/api/v1/auth/login", json={"email": "nobody@example.kg", "password": "x"})
    officer = make_user(Role.SAFETY_OFFICER)
    ids = make_accident(officer, stage="investigating")
    session = login_as(officer)
    not_json = session.post(
        "/api/v1/compensation/calculations", data="case_type=injury", content_type="text/plain"
    )
    unknown_id = session.get("/api/v1/accidents/987654")
    unknown_filter = session.get("/api/v1/accidents?colour=red")
    session.patch(f"/api/v1/acts/{ids['acts'][0]}", json={"version": 1, "diagnosis": "Ушиб"})
    stale = session.patch(f"/api/v1/acts/{ids['acts'][0]}", json={"version": 1, "diagnosis": "Перелом"})
    forbidden = login_as(make_user(Role.INSPECTOR)).post("/api/v1/employers", json={})

    for (method, template), response, status in [
        (("get", "/api/v1/claims"), anonymous, 401),
        (("post", "/api/v1/auth/login"), wrong_password, 401),
        (("post", "/api/v1/compensation/calculations"), not_json, 415),
        (("get", "/api/v1/accidents/{accident_id}"), unknown_id, 404),
        (("get", "/api/v1/accidents"), unknown_filter, 422),
        (("patch", "/api/v1/acts/{act_id}"), stale, 409),
        (("post", "/api/v1/employers"), forbidden, 403),
    ]:
        assert response.status_code == status, (template, response.get_json())
        _documented(spec, method, template, response)


def test_operations_do_not_document_errors_they_cannot_answer(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    paths = spec["paths"]

    assert not {"404", "409", "413", "415", "429"} & set(paths["/api/v1/accidents"]["get"]["responses"])
    assert not {"401", "422", "415"} & set(paths["/api/v1/auth/csrf-token"]["get"]["responses"])
    assert "413" not in paths["/api/v1/auth/logout"]["post"]["responses"]  # it reads no body
    assert "429" not in paths["/api/v1/claims"]["post"]["responses"]  # only anonymous calls are limited
    assert "409" in paths["/api/v1/claims"]["post"]["responses"]  # Idempotency-Key
    assert "429" in paths["/api/v1/compensation/calculations"]["post"]["responses"]


def _is_error_document(spec: dict, schema: dict) -> bool:
    """The one error document, or a document that carries it whole and adds to it (the refused
    payments import adds the report of each row): every field of the error document, alike."""
    if schema == {"$ref": "#/components/schemas/ErrorDocument"}:
        return True
    schemas = spec["components"]["schemas"]
    document = schemas["ErrorDocument"]
    own = schemas.get(schema.get("$ref", "").rsplit("/", 1)[-1], schema)
    properties = own.get("properties", {})

    def shape(field: dict) -> tuple:
        return field.get("type"), field.get("additionalProperties"), field.get("items")

    alike = all(
        key in properties and shape(properties[key]) == shape(value)
        for key, value in document["properties"].items()
    )
    return alike and set(document.get("required", [])) <= set(own.get("required", []))


def test_each_documented_error_is_the_one_error_document_with_an_example(client):
    from core.errors import CODES

    spec = client.get("/api/v1/openapi.json").get_json()
    responses = spec["components"]["responses"]

    for status, (name, _description, _errors) in ERRORS.items():
        content = responses[name]["content"]["application/json"]
        assert content["schema"] == {"$ref": "#/components/schemas/ErrorDocument"}
        assert content["example"]["code"] == CODES[status]
        assert content["example"]["errors"]
    assert "Retry-After" in responses["TOO_MANY_REQUESTS"]["headers"]
    for name, operation in _operations(spec):
        for status, response in operation["responses"].items():
            if status.startswith("4") and "$ref" not in response:
                content = response["content"]["application/json"]
                assert _is_error_document(spec, content["schema"]), (name, status)
    calculate = spec["paths"]["/api/v1/compensation/calculations"]["post"]["responses"]
    batch = spec["paths"]["/api/v1/compensation/calculations/batch"]["post"]["responses"]
    assert calculate["429"]["content"]["application/json"]["example"]["code"] == "too_many_requests"
    assert batch["413"]["content"]["application/json"]["example"]["code"] == "too_large"


PAGING = {"page", "per_page", "limit", "cursor"}


def test_lists_are_pages_with_paging_and_a_records_own_rows_plain_arrays_without(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    schemas = spec["components"]["schemas"]
    pages, arrays = set(), set()
    for path, operations in spec["paths"].items():
        operation = operations.get("get")
        if not operation:
            continue
        schema = (
            operation["responses"]["200"].get("content", {}).get("application/json", {}).get("schema", {})
        )
        params = {p["name"] for p in operation.get("parameters", ()) if p["in"] == "query"}
        name = schema.get("$ref", "").rsplit("/", 1)[-1]
        if schema.get("type") == "array":
            arrays.add(path)
            assert not params & PAGING, path
        elif name.endswith("Page"):
            pages.add(path)
            assert {"page", "per_page"} <= params, path
    nested_pages = [
        f"{name}.{field}"
        for name, schema in schemas.items()
        if not name.endswith("Page")
        for field, prop in schema.get("properties", {}).items()
        if prop.get("$ref", "").endswith("Page")
    ]

    assert {"/api/v1/claims", "/api/v1/accidents", "/api/v1/acts"} <= pages
    assert {"/api/v1/claims/{claim_id}/payments", "/api/v1/reports/denominators"} <= arrays
    assert nested_pages == []
    assert schemas["AccidentOut"]["properties"]["victims"]["type"] == "array"
