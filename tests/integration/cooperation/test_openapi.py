"""Every cooperation record has its API operations, described in the OpenAPI document."""

from __future__ import annotations


def test_every_cooperation_route_is_in_the_openapi_document(app, client):
    spec = client.get("/api/v1/openapi.json").json
    documented = {
        (method.upper(), path) for path, operations in spec["paths"].items() for method in operations
    }
    routes = {
        (method, rule.rule.replace("<int:", "{").replace(">", "}"))
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("cooperation_api.")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }

    assert routes
    assert routes <= documented, sorted(routes - documented)
    for resource in (
        "inspections",
        "violations",
        "orders",
        "requests",
        "complaints",
        "plan-proposals",
        "working-groups",
        "measure-plans",
        "events",
        "documents",
        "norms",
        "agreement",
    ):
        assert f"/api/v1/cooperation/{resource}" in spec["paths"], resource
