"""The JSON API under /api/v1, described by OpenAPI 3 at /api/v1/openapi.json and shown at /api/v1/docs."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from datetime import UTC
from decimal import Decimal
from importlib import resources
from typing import Any
from urllib.parse import urlencode

import marshmallow as ma
from apispec import APISpec, BasePlugin
from flask import Blueprint, Flask, abort, render_template, send_from_directory, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_smorest import Api
from flask_smorest import Blueprint as ApiBlueprint
from webargs.flaskparser import FlaskParser

from core.db import SORTS
from core.fields import surrogate_path


class StrictParser(FlaskParser):
    """Query parameters a route does not define are errors naming them, like unknown body fields.

    webargs ignores them by default, so ``GET /claims?victim_id=58`` (a filter that does not
    exist) answered with every claim, as if it had filtered.
    """

    DEFAULT_UNKNOWN_BY_LOCATION = {
        **FlaskParser.DEFAULT_UNKNOWN_BY_LOCATION,
        "query": ma.RAISE,
        "querystring": ma.RAISE,
    }

    def _raw_load_json(self, req: Any) -> Any:
        """A body with an integer past Python's digit limit (4,300 digits) is as unreadable as one
        that is not JSON: json raises a bare ValueError for it, which webargs does not catch (a 500)."""
        try:
            data = super()._raw_load_json(req)
        except json.JSONDecodeError:
            raise
        except ValueError as exc:
            raise json.JSONDecodeError(str(exc), "-", 0) from exc  # (an empty doc reads as no body)
        # A lone surrogate ("\\ud800") reads as text, and no database can encode it (a 500 at the flush).
        where = surrogate_path(data)
        if where:
            raise ma.ValidationError({where: [gettext("Text cannot contain invalid characters.")]})
        return _without_stamps(data)


#: The read-only timestamps of every record (Stamped): a client that sends back a record as it read it
#: (a correction listing an accident's victims again) is not refused for them; the server keeps its own.
READ_ONLY_STAMPS = ("created_at", "updated_at")


def _without_stamps(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _without_stamps(v) for k, v in data.items() if k not in READ_ONLY_STAMPS}
    if isinstance(data, list):
        return [_without_stamps(v) for v in data]
    return data


#: Every API blueprint parses its arguments strictly.
ApiBlueprint.ARGUMENTS_PARSER = StrictParser()


class ErrorDocument(ma.Schema):
    """The one error document of core.errors: ``{"errors": {"field.path": ["message", ...]}}``."""

    errors = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.List(ma.fields.String()), required=True)
    code = ma.fields.String(
        required=True,
        metadata={
            "description": "stable machine code: invalid, malformed_json, not_found, forbidden, conflict, ..."
        },
    )


class Stamped(ma.Schema):
    """A record's ``created_at`` and ``updated_at`` (UTC, ISO 8601 with its offset): every record the API
    answers with carries both, so another system can follow what changed (``updated_since``)."""

    created_at = ma.fields.AwareDateTime(
        dump_only=True, default_timezone=UTC, metadata={"description": "when the record was made (UTC)"}
    )
    updated_at = ma.fields.AwareDateTime(
        dump_only=True, default_timezone=UTC, metadata={"description": "when it last changed (UTC)"}
    )


class Cursor(ma.fields.String):
    """An opaque cursor (``next_cursor`` of the previous page), read into the position it names."""

    default_error_messages = {"invalid": _l("Not a cursor of this list.")}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        from core.db import decode_cursor

        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            return decode_cursor(text)
        except ValueError as exc:
            raise self.make_error("invalid") from exc


class ListArgs(ma.Schema):
    """What every list of the API accepts besides its own filters (core.db.paginate applies them).

    A system following changes asks ``?updated_since=<its last sync>&sort=updated_at&limit=100`` and
    follows ``next_cursor`` (or the ``Link: <...>; rel="next"`` header) until there is none.
    """

    updated_since = ma.fields.AwareDateTime(
        error_messages={
            "invalid_awareness": _l("Give the moment with its zone: Z or an offset such as +06:00.")
        },
        metadata={"description": "only records changed at or after this moment (ISO 8601 with Z or offset)"},
    )
    sort = ma.fields.String(
        validate=ma.validate.OneOf(SORTS),
        metadata={
            "description": "order of the list (`-` descending); ties are broken by id in the same "
            "direction. Without it, the list's own order (page numbers) or `id` (cursor)."
        },
    )
    limit = ma.fields.Integer(
        validate=ma.validate.Range(min=1, max=200, error=_l("Must be between 1 and 200.")),
        metadata={"description": "read the list by cursor, this many records a page (1-200, default 25)"},
    )
    cursor = Cursor(
        metadata={
            "description": "the `next_cursor` of the previous page (opaque); give the same filters and sort"
        }
    )


def next_cursor_field() -> ma.fields.Field:
    """``next_cursor`` of a page: where the next page starts when the list is read by cursor."""
    return ma.fields.String(
        allow_none=True,
        dump_default=None,
        metadata={"description": "the `cursor` of the next page; null on the last page or by page number"},
    )


class OperationDocs(BasePlugin):
    """Every operation named and described: ``operationId`` from the view's name (prefixed with its
    blueprint where two views share a name), and a summary and a description even where the view's
    docstring gives none (from its name; a docstring's first line and the rest win).

    And the errors that every operation of its kind can answer (:data:`ERRORS`), read off the operation
    itself so that an operation a feature adds is documented without a word from it: 401 where
    credentials are needed or checked (signing in); 403 (and the capability, in the description and
    ``x-capability``) where a role may lack it, and on every signed-in write (services check the role
    too); 404 where the path names a record; 400/415 on writes (a session's write must be JSON, a file
    upload carries the CSRF token); 413 where a body is read; 409 on creates (``Idempotency-Key``) and
    on writes of a versioned record; 422 where the operation takes arguments or writes; 429 on writes
    callable without credentials (signing in, the public calculator)."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def init_spec(self, spec: APISpec) -> None:
        super().init_spec(spec)
        self.spec = spec
        self.used: set[str] = set()

    def _errors(self, path: str, method: str, operation: dict[str, Any], capability: str | None) -> None:
        responses = operation.setdefault("responses", {})
        security = operation.get("security")
        write = method in WRITES
        body = operation.get("requestBody")
        arguments = body or any(p.get("in") != "path" for p in operation.get("parameters") or ())
        errors = {
            400: write,
            401: security != [] or write,  # (an anonymous write is signing in: wrong credentials)
            403: bool(capability) or (write and security != []),  # (services check the role too)
            404: "{" in path,
            409: method == "post" or (write and self._versioned(body)),
            413: bool(body),
            415: write,
            422: bool(arguments) or write,
            429: write and (security == [] or {} in (security or ())),
        }
        for status, applies in errors.items():
            if (
                applies and status not in responses and str(status) not in responses
            ):  # (an operation's own wins)
                responses[str(status)] = self.spec.components.get_ref("response", ERRORS[status][0])
        if capability:
            operation["x-capability"] = capability
            operation["description"] += (
                f"\n\nNeeds the capability `{capability}` (a role's, see /api/v1/auth/me)."
            )

    def _versioned(self, body: dict[str, Any] | None) -> bool:
        """Whether the body carries the ``version`` of the record it changes (optimistic locking: 409)."""
        schema = ((body or {}).get("content", {}).get("application/json") or {}).get("schema") or {}
        if "$ref" in schema:
            schema = self.spec.components.schemas.get(schema["$ref"].rsplit("/", 1)[-1], {})
        return "version" in (schema.get("properties") or {})

    def operation_helper(
        self, path: str | None = None, operations: dict[str, Any] | None = None, **kwargs: Any
    ) -> None:
        rule = kwargs.get("rule")
        if rule is None or not operations:
            return
        blueprint, _dot, view = rule.endpoint.rpartition(".")
        for method, operation in operations.items():
            if not isinstance(operation, dict):
                continue
            name = view if len(operations) == 1 else f"{view}_{method}"
            if name in self.used:
                name = f"{blueprint.removesuffix('_api')}_{name}"
            self.used.add(name)
            operation.setdefault("operationId", name)
            operation.setdefault("summary", view.replace("_", " ").capitalize() + ".")
            operation.setdefault("description", operation["summary"])
            function = self.app.view_functions.get(rule.endpoint)
            self._errors(path or "", method, operation, getattr(function, "emgek_capability", None))
            if any(p.get("name") == "cursor" for p in operation.get("parameters") or ()):
                responses = operation.get("responses", {})
                ok = responses.get(200, responses.get("200"))  # (flask-smorest keys its own by int)
                if isinstance(ok, dict) and "$ref" not in ok:
                    ok.setdefault("headers", {})["Link"] = LINK_HEADER


#: The methods that write (and so go through the JSON-only, CSRF and idempotency checks).
WRITES = frozenset({"post", "put", "patch", "delete"})

#: Each error status an operation may document: the response's name, when it is answered, an example.
ERRORS: dict[int, tuple[str, str, dict[str, Any]]] = {
    400: (
        "BAD_REQUEST",
        "A write signed in by session that is neither JSON nor a file upload with its X-CSRFToken.",
        {"X-CSRFToken": ["A file upload needs the X-CSRFToken header (GET /api/v1/auth/csrf-token)."]},
    ),
    401: (
        "UNAUTHORIZED",
        "No credentials, or a token unknown, expired or revoked (code invalid_token).",
        {"_": ["Sign in first."]},
    ),
    403: (
        "FORBIDDEN",
        "The role lacks the capability the operation needs.",
        {"_": ["You may not take this action."]},
    ),
    404: (
        "NOT_FOUND",
        "The record named in the path does not exist or is outside the caller's scope (the two look alike).",
        {"_": ["There is no such record, or it is not in your scope."]},
    ),
    409: (
        "CONFLICT",
        "The record changed since it was read (a stale version), or the first request with this "
        "Idempotency-Key is still running.",
        {"_": ["The record was changed by someone else. Reload it and try again."]},
    ),
    413: (
        "REQUEST_ENTITY_TOO_LARGE",
        "The body (a file, or a batch) is larger than the service accepts.",
        {"_": ["The request is too large."]},
    ),
    415: (
        "UNSUPPORTED_MEDIA_TYPE",
        "A write signed in by session must be sent as application/json.",
        {"_": ["API writes must be sent as application/json."]},
    ),
    422: (
        "UNPROCESSABLE_ENTITY",
        "Invalid arguments or a rule of the law or the workflow refused the request; each error under "
        "the field it concerns.",
        {"claim_date": ["Not a valid date."]},
    ),
    429: (
        "TOO_MANY_REQUESTS",
        "Too many attempts from this client or for this account; wait Retry-After seconds.",
        {"_": ["Too many requests. Try again later."]},
    ),
}


class EmgekApi(Api):
    """flask-smorest, documenting our error document instead of its own ``code/status/message``."""

    ERROR_SCHEMA = ErrorDocument

    def _register_responses(self) -> None:
        """flask-smorest's response for each status, with ours (what it means, an example) for the
        errors operations document (:data:`ERRORS`)."""
        from flask_smorest.utils import prepare_response

        from core.errors import CODES

        super()._register_responses()

        for status, (name, description, errors) in ERRORS.items():
            response: dict[str, Any] = {
                "description": description,
                "schema": self.ERROR_SCHEMA,
                "example": {"errors": errors, "code": CODES[status]},
            }
            if status == 429:
                response["headers"] = {"Retry-After": RETRY_AFTER_HEADER}
            prepare_response(response, self.spec, self.DEFAULT_RESPONSE_CONTENT_TYPE)
            self.spec.components.responses_lazy.pop(name, None)  # (flask-smorest's bare one)
            self.spec.components.response(name, response, lazy=True)


RETRY_AFTER_HEADER = {"description": "seconds to wait before trying again", "schema": {"type": "integer"}}


api = EmgekApi()

#: Swagger UI ships in the ``swagger-ui-py`` distribution; only these of its files are served.
SWAGGER_UI_ASSETS = frozenset(
    {"swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png", "favicon-16x16.png"}
)

docs = Blueprint("api_ui", __name__)


def swagger_ui_dir() -> str:
    return str(resources.files("swagger_ui") / "static")


@docs.route("/api/v1/docs")
def api_docs() -> Any:
    """Interactive documentation, served from the package's files: no CDN, no inline script (CSP)."""
    return render_template("core/api_docs.html", spec_url=url_for("api-docs.openapi_json"))


@docs.route("/api/v1/docs/assets/<name>")
def api_docs_asset(name: str) -> Any:
    if name not in SWAGGER_UI_ASSETS:
        abort(404)
    return send_from_directory(swagger_ui_dir(), name, max_age=86400)


def init_app(app: Flask) -> None:
    app.config.setdefault("API_TITLE", "Emgek API")
    app.config.setdefault("API_VERSION", "v1")
    app.config.setdefault("OPENAPI_VERSION", "3.0.3")
    app.config.setdefault("OPENAPI_URL_PREFIX", "/api/v1")
    app.config.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    app.config.setdefault(
        "API_SPEC_OPTIONS",
        {
            "info": {
                "description": (
                    "Workplace accidents (Labour Code art. 223) and injury compensation (arts. 225-272). "
                    "Another system calls with an API token an administrator issued to its system "
                    "account (Administration, API tokens; or `flask tokens issue`): "
                    "`Authorization: Bearer <token>` on every operation, no cookie, no CSRF token. "
                    "A person's client signs in with POST /api/v1/auth/login; the session cookie then "
                    "authorises requests. "
                    "Writes must be sent as application/json. Errors: "
                    '{"errors": {"field.path": ["message"]}} with 422, 404, 409.'
                )
            },
        },
    )
    api.init_app(app, spec_kwargs={"extra_plugins": [OperationDocs(app)]})
    api.ma_plugin.converter.add_attribute_function(_money_typed)  # (a new converter for each app)
    _declare_security(app)
    app.register_blueprint(docs)
    app.after_request(_add_location)
    app.after_request(_add_link)


#: Money in the API: a string with exactly two decimals (som and tyiyn), never a float.
MONEY_PATTERN = r"^-?\d+\.\d{2}$"


def _money_typed(
    _converter: Any, field: ma.fields.Field, ret: dict[str, Any], **_kwargs: Any
) -> dict[str, Any]:
    """A field marked ``money`` (or a two-place Decimal sent as a string) is documented as the string it is.

    Ranges of such a field are the schema's checks, not JSON numbers: they are left to its description.
    """
    declared = getattr(type(field), "openapi", None)
    if isinstance(declared, dict):  # a field class of a feature that says how it is documented
        for bound in ("minimum", "maximum", "x-minimum", "x-maximum"):
            ret.pop(bound, None)
        return dict(declared)
    places = getattr(field, "places", None)  # marshmallow keeps it as the quantum, Decimal("0.01")
    decimal_text = isinstance(field, ma.fields.Decimal) and field.as_string and places == Decimal("0.01")
    if not (getattr(field, "money", False) or decimal_text):
        return {}
    for bound in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "format"):
        ret.pop(bound, None)
    return {"type": "string", "pattern": MONEY_PATTERN, "example": "12500.00"}


def _declare_security(app: Flask) -> None:
    """Both ways in, for every operation unless it says otherwise (signing in needs neither)."""
    api.spec.components.security_scheme(
        "bearerToken",
        {
            "type": "http",
            "scheme": "bearer",
            "description": "An API token of a system account, shown once when issued; 401 "
            '(code "invalid_token") when unknown, expired or revoked.',
        },
    )
    api.spec.components.security_scheme(
        "sessionCookie",
        {
            "type": "apiKey",
            "in": "cookie",
            "name": app.config.get("SESSION_COOKIE_NAME", "session"),
            "description": "The session opened by POST /api/v1/auth/login.",
        },
    )
    api.spec.options["security"] = [{"bearerToken": []}, {"sessionCookie": []}]


# --- Location of what a 201 created ----------------------------------------------------------------


def _ref(schema: dict[str, Any] | None) -> tuple[str | None, bool]:
    """The component a response schema names, and whether it is a list (an array or a page of them)."""
    if not schema:
        return None, False
    if schema.get("type") == "array":
        return _ref(schema.get("items"))[0], True
    return (schema["$ref"].rsplit("/", 1)[-1] if "$ref" in schema else None), False


def _locations(spec: dict[str, Any]) -> dict[str, Any]:
    """From the document: each create's record type, and the GET operations that return that type (one
    record by its id; or a list holding it). A 201's ``Location`` is read off these, so no feature has to
    say it and a new create gets one the day its record can be read."""
    schemas = spec.get("components", {}).get("schemas", {})

    def body(operation: dict[str, Any], status: str) -> tuple[str | None, bool]:
        content = operation.get("responses", {}).get(status, {}).get("content", {})
        name, many = _ref(content.get("application/json", {}).get("schema"))
        properties = schemas.get(name or "", {}).get("properties", {})
        items = properties.get("items")
        if items and items.get("type") == "array" and "total" in properties:  # a page of them
            return _ref(items.get("items"))[0], True
        return name, many

    created: dict[str, str] = {}
    single: dict[str, list[str]] = {}
    lists: dict[str, list[str]] = {}
    readable = [path for path, operations in spec.get("paths", {}).items() if "get" in operations]
    for path, operations in spec.get("paths", {}).items():
        if "post" in operations:
            name, _many = body(operations["post"], "201")
            if name:
                created[path] = name
        if "get" in operations:
            name, many = body(operations["get"], "200")
            if name and many:
                lists.setdefault(name, []).append(path)
            elif name and len(re.findall(r"\{(\w+)\}", path)) == 1:
                single.setdefault(name, []).append(path)
    return {"created": created, "single": single, "lists": lists, "readable": readable}


def _fill(template: str, values: dict[str, Any]) -> str | None:
    names = re.findall(r"\{(\w+)\}", template)
    if any(values.get(name) is None for name in names):
        return None
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), template)


def location_of(rule: str, view_args: dict[str, Any], record: Any) -> str | None:
    """Where the record a create answered with can be read: its own URL, else the list that holds it."""
    from flask import current_app

    table = current_app.extensions.get("emgek.locations")
    if table is None:
        table = current_app.extensions["emgek.locations"] = _locations(api.spec.to_dict())
    path = re.sub(r"<(?:[^:<>]+:)?(\w+)>", r"{\1}", rule)
    name = table["created"].get(path)
    if name is None:
        return None
    first = record[0] if isinstance(record, list) and record else record
    if not isinstance(first, dict):
        return None
    if not isinstance(record, list):
        for template in table["single"].get(name, []):
            param = re.findall(r"\{(\w+)\}", template)[0]
            found = _fill(template, {param: first.get("id")})
            if found:
                return found
    for template in table["lists"].get(name, []):
        found = _fill(template, {**first, **view_args})
        if found:
            return found
    # A record with no URL of its own (a claim's archive transfer, a share): the record it belongs to.
    parent = path.rsplit("/", 1)[0]
    return _fill(parent, view_args) if parent in table["readable"] else None


def _add_location(response: Any) -> Any:
    """Every 201 of the API says where the record it created can be read (RFC 9110, 15.3.2)."""
    from flask import request

    if response.status_code != 201 or "Location" in response.headers or request.url_rule is None:
        return response
    if not request.path.startswith("/api/") or not response.is_json:
        return response
    where = location_of(request.url_rule.rule, request.view_args or {}, response.get_json(silent=True))
    if where:
        response.headers["Location"] = where
    return response


def _add_link(response: Any) -> Any:
    """A page of a list read by cursor says where the next one is (RFC 8288): ``Link: <...>; rel="next"``,
    the same request with the page's ``next_cursor``, as its body says too."""
    from flask import request

    if request.method != "GET" or response.status_code != 200 or not request.path.startswith("/api/"):
        return response
    if not response.is_json or b'"next_cursor"' not in response.get_data():
        return response
    body = response.get_json(silent=True)
    cursor = body.get("next_cursor") if isinstance(body, dict) else None
    if cursor:
        args = request.args.to_dict(flat=False)
        args["cursor"] = [cursor]
        url = request.base_url + "?" + urlencode(args, doseq=True)
        response.headers["Link"] = f'<{url}>; rel="next"'
    return response


LINK_HEADER = {
    "description": 'where the next page is when the list is read by cursor: `<url>; rel="next"` (RFC 8288)',
    "schema": {"type": "string"},
}


def scope_first(lookup: Callable[..., Any], param: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Find the record named by URL parameter ``param`` with ``lookup(session, user, id)`` (which raises
    404 out of scope) before the request body is validated: an invalid body must not tell another
    employer's officer that the record exists."""
    from flask_login import current_user

    from core import db

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            lookup(db.session(), current_user, kwargs[param])
            return view(*args, **kwargs)

        return wrapper

    return decorator
