"""The calculation's request and result in the OpenAPI document are the contract, typed field by field,
and cannot drift from the engine: the document's case names exactly the fields the engine accepts
(compensation.contract.FIELDS), and every acceptance example goes through the API with its request
and its answer valid against the document (the ContractClient checks every answer)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openapi_schema_validator import OAS30Validator

from calculator.contract_schemas import Case, field_tree
from compensation.contract import FIELDS
from core.api import MONEY_PATTERN
from core.classifiers import Role
from tests.rules.builders import death_case, finding, injury_case, survivor

URL = "/api/v1/compensation/calculations"
CONTRACT = Path(__file__).resolve().parents[3].parent / "shared" / "contract"
EXAMPLES = sorted((CONTRACT / "examples").glob("*.case.json")) + sorted(
    (CONTRACT / "examples-v2").glob("*.case.json")
)


@pytest.fixture
def spec(client):
    return client.get("/api/v1/openapi.json").get_json()


@pytest.fixture
def officer(make_user, login_as):
    return login_as(make_user(Role.SOCIAL_FUND))


def _validate(spec, name, instance):
    schema = {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}
    return [
        f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
        for e in OAS30Validator(schema).iter_errors(instance)
    ]


def _tree(spec, node):
    """The document's field tree of a schema, in the engine's FIELDS notation."""
    while "$ref" in node:
        node = spec["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    for choice in node.get("anyOf", []) + node.get("oneOf", []):
        if "$ref" in choice or choice.get("type") == "array":
            return _tree(spec, choice)
    if node.get("type") == "array":
        inner = _tree(spec, node["items"])
        return None if inner is None else [inner]
    if node.get("type") == "object" and "properties" in node:
        return {name: _tree(spec, prop) for name, prop in node["properties"].items()}
    return None


def test_the_documented_case_names_exactly_the_fields_the_engine_accepts(spec):
    assert field_tree(Case) == FIELDS
    assert _tree(spec, {"$ref": "#/components/schemas/Case"}) == FIELDS


def test_the_documented_case_refuses_what_the_engine_refuses_unknown_fields_and_wrong_types(spec):
    case = injury_case()
    misspelt = {**case, "liability": {**case["liability"], "victim_gross_negligence_precent": 10}}
    money_as_number = {**case, "payments": [{"date": "2024-02-05", "amount": 1500, "applies_to": "periodic"}]}
    unknown_region = {**case, "region": "moscow"}
    cases = spec["components"]["schemas"]["Case"]

    assert _validate(spec, "Case", case) == []
    assert _validate(spec, "Case", misspelt)
    assert _validate(spec, "Case", money_as_number)
    assert _validate(spec, "Case", unknown_region)
    assert set(cases["required"]) == {"case_type", "calculation_date", "claim_date", "liability"}
    assert cases["additionalProperties"] is False


def test_money_in_the_result_is_a_string_with_two_decimals_and_enums_name_components_and_regimes(spec):
    schemas = spec["components"]["schemas"]
    installment = schemas["ResultInstallment"]["properties"]

    for name in ("amount", "paid", "outstanding", "penalty"):
        assert installment[name]["type"] == "string"
        assert installment[name]["pattern"] == MONEY_PATTERN
    assert schemas["ResultTotals"]["properties"]["accrued"]["pattern"] == MONEY_PATTERN
    assert "lost_earnings" in installment["component"]["enum"]
    assert "burial" in installment["component"]["enum"]
    assert installment["regime"]["enum"] == ["labour_code_2004", "labour_code_2025"]
    assert schemas["CaseFinding"]["properties"]["disability_group"]["enum"][:3] == ["I", "II", "III"]
    assert schemas["Result"]["additionalProperties"] is False


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_each_acceptance_example_goes_through_the_api_valid_against_the_document(spec, officer, path):
    case = json.loads(path.read_text(encoding="utf-8"))
    expected = json.loads(
        path.with_name(path.name.replace(".case.", ".expected.")).read_text(encoding="utf-8")
    )

    response = officer.post(URL, json=case)  # the answer is checked against the document by the client

    assert _validate(spec, "Case", case) == []
    assert response.status_code == 200, response.get_json()
    assert _validate(spec, "Result", response.get_json()) == []
    assert response.get_json()["totals"] == expected["totals"]


def test_the_optional_sections_results_are_typed_too(spec, officer):
    injury = injury_case(
        msec_findings=[finding("2024-01-01", None, 60, care=["household"])],
        care_home={"from": "2024-05-16", "to": None, "dependants": 2, "monthly_cost": "10000.00"},
        capitalisation={"date": "2024-06-30", "victim_birth_date": "1980-06-15"},
        agreed_sums=[
            {"component": "moral_damage", "amount": "50000.00", "due_date": "2024-03-01", "basis": "court"}
        ],
    )
    death = death_case(
        survivors=[survivor("s1", "2015-01-01", "minor")],
        capitalisation={"date": "2024-06-30"},
    )

    answers = [officer.post(URL, json=case) for case in (injury, death)]

    assert [_validate(spec, "Case", case) for case in (injury, death)] == [[], []]
    assert [a.status_code for a in answers] == [200, 200]
    assert answers[0].get_json()["care_home"]["months"]
    assert answers[1].get_json()["capitalisation"]["recipients"][0]["recipient"] == "s1"
