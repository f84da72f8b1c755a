"""The contract's two ways in: ``flask compensation calculate`` and ``POST /api/v1/compensation/...``.

Both give the same result document as the library call; an invalid case gives
the error document with exit status 2 / HTTP 422; nothing ever prints a traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

import compensation

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
EXAMPLE = SHARED / "contract" / "examples" / "02_injury_fault_and_payments.case.json"
FLASK = Path(sys.executable).parent / "flask"
URL = "/api/v1/compensation/calculations"

needs_example = pytest.mark.skipif(not EXAMPLE.exists(), reason=f"shared contract example absent: {EXAMPLE}")


def small_case(**overrides: Any) -> dict[str, Any]:
    """An injury case of three months, with its own parameter tables (no shared files needed)."""
    case: dict[str, Any] = {
        "case_type": "injury",
        "calculation_date": "2025-03-31",
        "claim_date": "2025-01-10",
        "region": "bishkek",
        "liability": {"source_of_increased_danger": True, "victim_gross_negligence_percent": 0},
        "earnings": {
            "reference_month": "2024-12",
            "months": [{"month": "2024-11", "amount": "30000.00", "exclude": None}],
        },
        "msec_findings": [
            {"from": "2025-01-01", "to": None, "loss_percent": 50, "disability_group": None, "care": []}
        ],
        "payments": [],
        "parameters": {
            "minimum_wage": [{"from": "2022-01-01", "amount": "2000.00"}],
            "subsistence_minimum": [{"from": "2024-01-01", "region": "*", "amount": "7800.00"}],
            "penalty_rate_per_day": "0.0015",
        },
    }
    case.update(overrides)
    return case


# --- CLI ------------------------------------------------------------------------------------------------


@needs_example
def test_cli_end_to_end_prints_the_result_and_exits_0() -> None:
    done = subprocess.run(
        [str(FLASK), "--app", "wsgi", "compensation", "calculate", str(EXAMPLE)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == compensation.calculate(json.loads(EXAMPLE.read_text(encoding="utf-8")))


def test_cli_reads_stdin_and_answers_in_kyrgyz(app: Flask) -> None:
    runner = app.test_cli_runner()

    result = runner.invoke(
        args=["compensation", "calculate", "-", "--language", "ky"], input=json.dumps(small_case())
    )

    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["installments"][0]["amount"] == "15000.00"
    assert "берене" in document["trace"][0]["rule"]


def test_cli_invalid_case_prints_the_error_document_and_exits_2(app: Flask, tmp_path: Path) -> None:
    case = small_case(liability={"source_of_increased_danger": True, "victim_gross_negligence_percent": 100})
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")

    result = app.test_cli_runner().invoke(args=["compensation", "calculate", str(path), "--language", "en"])

    assert result.exit_code == 2
    document = json.loads(result.output)
    assert list(document["errors"]) == ["liability.victim_gross_negligence_percent"]
    assert "Art. 230" in document["errors"]["liability.victim_gross_negligence_percent"][0]


@pytest.mark.parametrize(
    ("content", "why"),
    [("{not json", "broken JSON"), ("", "empty input"), ("[1, 2]", "not an object"), ("\ufeff{}", "BOM")],
)
def test_cli_unreadable_input_is_an_error_document_not_a_traceback(
    app: Flask, content: str, why: str
) -> None:
    result = app.test_cli_runner().invoke(args=["compensation", "calculate", "-"], input=content)

    assert result.exit_code == 2, why
    assert "Traceback" not in result.output
    assert json.loads(result.output)["errors"]


def test_cli_missing_file_is_an_error_document(app: Flask, tmp_path: Path) -> None:
    result = app.test_cli_runner().invoke(args=["compensation", "calculate", str(tmp_path / "nope.json")])

    assert result.exit_code == 2
    assert list(json.loads(result.output)["errors"]) == ["_"]


def test_cli_money_as_a_json_number_is_refused(app: Flask) -> None:
    text = json.dumps(small_case()).replace('"30000.00"', "30000.00")

    result = app.test_cli_runner().invoke(args=["compensation", "calculate", "-"], input=text)

    assert result.exit_code == 2
    assert list(json.loads(result.output)["errors"]) == ["earnings.months.0.amount"]


# --- HTTP -----------------------------------------------------------------------------------------------


def test_http_requires_a_signed_in_user(client: FlaskClient) -> None:
    response = client.post(URL, json=small_case())

    assert response.status_code == 401
    assert "errors" in response.get_json()


@pytest.mark.parametrize("role", ["safety_officer", "inspector", "social_fund", "admin"])
def test_http_every_role_with_calculate_gets_the_statement(make_user: Any, login_as: Any, role: str) -> None:
    client = login_as(make_user(role))

    response = client.post(URL, json=small_case())

    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json() == compensation.calculate(small_case())


@needs_example
def test_http_result_equals_the_library_and_the_cli(make_user: Any, login_as: Any) -> None:
    client = login_as(make_user("inspector"))
    case = json.loads(EXAMPLE.read_text(encoding="utf-8"))

    response = client.post(f"{URL}?language=ky", json=case)

    assert response.status_code == 200
    assert response.get_json() == compensation.calculate(case, "ky")


def test_http_invalid_case_is_422_with_the_field_path(make_user: Any, login_as: Any) -> None:
    client = login_as(make_user("admin"))
    case = small_case(
        msec_findings=[
            {"from": "2025-02-01", "to": "2025-01-01", "loss_percent": 50, "disability_group": "IV"}
        ]
    )

    response = client.post(f"{URL}?language=en", json=case)

    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert set(errors) == {"msec_findings.0.to", "msec_findings.0.disability_group"}


def test_http_money_sent_as_a_number_is_422_not_a_float(make_user: Any, login_as: Any) -> None:
    client = login_as(make_user("admin"))
    case = small_case(payments=[{"date": "2025-02-01", "amount": 100.5, "applies_to": "periodic"}])

    response = client.post(URL, json=case)

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["payments.0.amount"]


def test_http_body_that_is_not_an_object_is_422(make_user: Any, login_as: Any) -> None:
    client = login_as(make_user("admin"))

    response = client.post(URL, json=[1, 2, 3])

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["_"]


def test_http_stores_nothing_and_is_documented_in_openapi(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()

    operation = spec["paths"][URL]["post"]
    assert "422" in operation["responses"]
    assert "requestBody" in operation


def test_http_can_leave_the_trace_out(make_user: Any, login_as: Any) -> None:
    client = login_as(make_user("admin"))

    response = client.post(f"{URL}?trace=false", json=small_case())

    assert response.status_code == 200
    assert "trace" not in response.get_json()


def test_http_unknown_language_is_422(make_user: Any, login_as: Any) -> None:
    client = login_as(make_user("admin"))

    response = client.post(f"{URL}?language=de", json=small_case())

    assert response.status_code == 422
    assert "language" in response.get_json()["errors"]


def test_http_speaks_the_users_interface_language_by_default(make_user: Any, login_as: Any) -> None:
    client = login_as(make_user("admin"))
    russian = client.post(URL, json=small_case()).get_json()

    client.get("/lang/ky")
    kyrgyz = client.post(URL, json=small_case()).get_json()

    assert "ст. 226" in russian["trace"][0]["rule"]
    assert "226-берене" in kyrgyz["trace"][0]["rule"]


def test_http_malformed_json_is_422_not_a_500(make_user: Any, login_as: Any) -> None:
    client = login_as(make_user("admin"))

    response = client.post(URL, data="{not json", content_type="application/json")

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["_"]
