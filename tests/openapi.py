"""Every JSON answer the suite receives from the API, checked against the OpenAPI document.

``ContractClient`` (the ``client`` fixture of tests/conftest.py) finds the operation of each request,
the response the document declares for its status (or ``default``), and validates the body against
that schema (OpenAPI 3.0: ``nullable``, ``readOnly``). A response the document does not describe is a
failure too, so the document cannot drift from what the service sends.
"""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient
from openapi_schema_validator import OAS30Validator

from core import api as core_api

_CACHE: dict[int, dict[str, Any]] = {}


class ContractViolation(AssertionError):
    pass


def _spec(app: Any) -> dict[str, Any]:
    key = id(app)
    if key not in _CACHE:
        with app.app_context():
            _CACHE.clear()
            _CACHE[key] = core_api.api.spec.to_dict()
    return _CACHE[key]


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def check(app: Any, method: str, path: str, response: Any) -> None:
    """Raise :class:`ContractViolation` when the JSON ``response`` is not what the document says."""
    if not path.startswith("/api/") or path.startswith("/api/v1/docs") or path.endswith("openapi.json"):
        return
    if not response.is_json or response.status_code >= 500 or not response.get_data():
        return  # a file, a page, a 204, or an outage's 503 (the error document is checked in its tests)
    adapter = app.url_map.bind("localhost")
    try:
        rule, _args = adapter.match(path, method=method, return_rule=True)
    except Exception:  # noqa: BLE001 - no route (404/405): the error document is checked below anyway
        rule = None
    spec = _spec(app)
    body = response.get_json()
    if rule is None:
        schema: dict[str, Any] = {"$ref": "#/components/schemas/ErrorDocument"}
    else:
        template = re.sub(r"<(?:[^:<>]+:)?(\w+)>", r"{\1}", rule.rule)
        operation = spec["paths"].get(template, {}).get(method.lower())
        if operation is None:
            raise ContractViolation(f"{method} {template} is not in the OpenAPI document")
        responses = operation.get("responses", {})
        declared = responses.get(str(response.status_code)) or responses.get("default")
        if declared is None:
            raise ContractViolation(f"{method} {template} answered {response.status_code}, undocumented")
        declared = _resolve(spec, declared)
        schema = declared.get("content", {}).get("application/json", {}).get("schema")
        if schema is None:
            raise ContractViolation(
                f"{method} {template} {response.status_code}: no schema for its JSON body"
            )
    validator = OAS30Validator({**schema, "components": spec.get("components", {})})
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path))
    if errors:
        where = ", ".join(
            f"{'.'.join(map(str, e.absolute_path)) or '(body)'}: {e.message}" for e in errors[:5]
        )
        raise ContractViolation(f"{method} {path} {response.status_code} breaks the document: {where}")


class ContractClient(FlaskClient):
    """A test client whose every API answer is checked against the OpenAPI document."""

    def open(self, *args: Any, **kwargs: Any) -> Any:
        response = super().open(*args, **kwargs)
        request = response.request
        check(self.application, request.method, request.path, response)
        return response
