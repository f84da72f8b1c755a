"""The interactive API documentation: served by the app itself, under the same strict CSP."""

from __future__ import annotations

import re

import pytest

from core.classifiers import Role


def test_the_docs_page_loads_swagger_ui_from_this_server_only(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert "/api/v1/docs/assets/swagger-ui-bundle.js" in sources
    assert "/api/v1/docs/assets/swagger-ui.css" in sources
    assert all(source.startswith("/") and not source.startswith("//") for source in sources)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), "no inline script"
    assert 'data-spec-url="/api/v1/openapi.json"' in page
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in csp
    assert "unsafe-eval" not in csp


@pytest.mark.parametrize(
    ("name", "mimetype"),
    [
        ("swagger-ui-bundle.js", "text/javascript"),
        ("swagger-ui.css", "text/css"),
        ("favicon-32x32.png", "image/png"),
    ],
)
def test_swagger_ui_assets_are_served(client, name, mimetype):
    response = client.get(f"/api/v1/docs/assets/{name}")

    assert response.status_code == 200
    assert response.mimetype == mimetype
    assert len(response.data) > 100
    response.close()


def test_the_docs_initializer_is_a_static_file(client):
    response = client.get("/static/api-docs.js")

    assert response.status_code == 200
    assert b"SwaggerUIBundle" in response.data
    response.close()


@pytest.mark.parametrize("name", ["swagger-editor-bundle.js", "..%2Fcore%2Fdoc.html", "LICENSE"])
def test_only_the_listed_assets_are_served(client, name):
    assert client.get(f"/api/v1/docs/assets/{name}").status_code == 404


def test_the_openapi_document_describes_the_administration_and_its_errors(client):
    spec = client.get("/api/v1/openapi.json").get_json()

    paths = spec["paths"]
    assert set(paths["/api/v1/employers"]) >= {"get", "post"}
    assert set(paths["/api/v1/employers/{employer_id}"]) >= {"get", "put"}
    assert "get" in paths["/api/v1/employers/{employer_id}/history"]
    assert set(paths["/api/v1/users"]) >= {"get", "post"}
    assert set(paths["/api/v1/users/{user_id}"]) >= {"get", "put"}
    put = paths["/api/v1/employers/{employer_id}"]["put"]["responses"]
    assert {"200", "401", "403", "404", "409", "422"} <= set(put)
    assert set(spec["components"]["schemas"]["ErrorDocument"]["properties"]) == {"errors", "code"}
    list_params = {p["name"] for p in paths["/api/v1/employers"]["get"]["parameters"]}
    assert {"page", "per_page", "region", "sector", "status", "q"} <= list_params


@pytest.mark.e2e
def test_swagger_ui_renders_the_api_in_a_browser_without_csp_violations(live_server, page, make_user):
    make_user(Role.ADMIN)
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto(f"{live_server}/api/v1/docs")
    page.wait_for_selector(".opblock")

    assert page.locator(".opblock-summary-path", has_text="/api/v1/employers").count() >= 1
    assert problems == []
