"""One error document for the API, friendly pages for the UI.

API (``/api/...``): ``{"errors": {"field.path": ["message", ...]}, "code": "invalid"}`` with 422
for invalid input and domain rule violations (and for a body that is not JSON), 404 for records
unknown or out of scope, 409 for conflicting concurrent edits; other HTTP errors use the key
``"_"``. ``code`` is stable for programs (``CODES``); the messages are in the reader's language.
"""

from __future__ import annotations

import contextlib
from typing import Any

import marshmallow as ma
import sqlalchemy as sa
from flask import Flask, g, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

#: The machine code of each status, stable whatever the language of the messages.
CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "too_many_requests",
    500: "internal",
    503: "unavailable",
}
#: What a client is told to wait before trying again while the database is unreachable.
OUTAGE_RETRY_AFTER = 30
#: The database is unreachable (stopped, restarting, the network, the pool exhausted by a stall, a
#: SQLite file that cannot be opened): the service is unavailable for a while, not broken.
DATABASE_UNAVAILABLE = (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.TimeoutError)
MALFORMED_JSON = "malformed_json"

#: marshmallow's own messages, so that forms and the API say them in the reader's language.
VALIDATION_MESSAGES = {
    "Missing data for required field.": _l("Missing data for required field."),
    "Unknown field.": _l("Unknown field."),
    "Field may not be null.": _l("Field may not be null."),
    "Not a valid string.": _l("Not a valid string."),
    "Not a valid integer.": _l("Not a valid integer."),
    "Not a valid number.": _l("Not a valid number."),
    "Not a valid boolean.": _l("Not a valid boolean."),
    "Not a valid date.": _l("Not a valid date."),
    "Not a valid datetime.": _l("Not a valid datetime."),
    "Not a valid list.": _l("Not a valid list."),
    "Not a valid mapping type.": _l("Not a valid mapping type."),
    "Invalid input type.": _l("Invalid input type."),
    "Shorter than minimum length {min}.": _l("Shorter than minimum length {min}."),
    "Longer than maximum length {max}.": _l("Longer than maximum length {max}."),
    "Length must be between {min} and {max}.": _l("Length must be between {min} and {max}."),
    "Must be greater than or equal to {min}.": _l("Must be greater than or equal to {min}."),
    "Must be less than or equal to {max}.": _l("Must be less than or equal to {max}."),
    "Must be greater than or equal to {min} and less than or equal to {max}.": _l(
        "Must be greater than or equal to {min} and less than or equal to {max}."
    ),
    "Must be one of: {choices}.": _l("Must be one of: {choices}."),
    "Not a valid email address.": _l("Not a valid email address."),
}


def _patterns() -> list[tuple[Any, Any, list[str]]]:
    """Each message template as a regular expression capturing its placeholders."""
    import re

    out = []
    for english, translated in VALIDATION_MESSAGES.items():
        names = re.findall(r"\{(\w+)\}", english)
        regex = re.escape(english)
        for name in names:
            regex = regex.replace(re.escape("{" + name + "}"), "(.+?)")
        out.append((re.compile(f"^{regex}$"), translated, names))
    return out


_PATTERNS: list[tuple[Any, Any, list[str]]] = []


def translated(message: str) -> str:
    """marshmallow's English message in the reader's language (others are ours and translated already)."""
    if not _PATTERNS:
        _PATTERNS.extend(_patterns())
    for regex, text, names in _PATTERNS:
        found = regex.match(message)
        if found:
            return str(text).format(**dict(zip(names, found.groups(), strict=True)))
    return message


class DomainError(Exception):
    """A rule of the law or of the workflow refused the request; ``field`` names the input at fault."""

    status = 422

    def __init__(self, message: str, field: str = "_", errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or {field: [message]}


class FormErrors(DomainError):
    """Several field errors at once (a whole form or document)."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(_("Some fields are invalid."), errors=errors)


class Conflict(DomainError):
    """Somebody else changed the record since it was read (optimistic locking)."""

    status = 409

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("The record was changed by someone else. Reload it and try again."))


class NotFound(DomainError):
    """The record does not exist or lies outside the user's scope: the two look the same (404)."""

    status = 404

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("There is no such record, or it is not in your scope."))


class Forbidden(DomainError):
    """The user's role may not do this (403)."""

    status = 403

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("You may not take this action."))


class MalformedJson(DomainError):
    """The body is not readable JSON: the same answer on every endpoint (the contract's 422)."""

    code = MALFORMED_JSON

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("The body is not valid JSON."))


class MissingCsrfToken(DomainError):
    """A non-JSON write (a file upload) came without the session's CSRF token (400)."""

    status = 400

    def __init__(self) -> None:
        super().__init__(
            _("A file upload needs the X-CSRFToken header (GET /api/v1/auth/csrf-token)."),
            field="X-CSRFToken",
        )


def flatten(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """Marshmallow's nested messages as ``{"a.b.0.c": [...]}``."""
    out: dict[str, list[str]] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            if key == "_schema":
                path = prefix or "_"
            for k, v in flatten(value, path).items():
                out.setdefault(k, []).extend(v)
    elif isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        out[prefix or "_"] = [translated(m) for m in messages]
    elif isinstance(messages, list):
        for i, value in enumerate(messages):
            out.update(flatten(value, f"{prefix}.{i}" if prefix else str(i)))
    else:
        out[prefix or "_"] = [translated(str(messages))]
    return out


def is_api_request() -> bool:
    return request.path.startswith("/api/")


#: What a person reads for an HTTP error werkzeug raised with its own (English) description.
HTTP_MESSAGES = {
    400: _l("The request could not be understood."),
    401: _l("Sign in first."),
    403: _l("You may not take this action."),
    405: _l("This method is not allowed here."),
    413: _l("The request is too large."),
    415: _l("This kind of content is not accepted here."),
    429: _l("Too many requests. Try again later."),
}


#: The heading of each error page, in the reader's language (a number alone tells a person nothing).
TITLES = {
    400: _l("Invalid request"),
    401: _l("Sign in first."),
    403: _l("Not allowed"),
    404: _l("Not found"),
    405: _l("This action is not available here"),
    409: _l("Conflict"),
    413: _l("The file or form is too large"),
    415: _l("Unsupported content"),
    422: _l("Invalid request"),
    429: _l("Too many requests"),
    500: _l("Something went wrong on our side"),
    503: _l("Service temporarily unavailable"),
}


def page_title(code: int) -> str:
    """The error page's heading: ours for the known statuses, else "Error" and the number."""
    return str(TITLES[code]) if code in TITLES else f"{_('Error')} {code}"


def _described(exc: HTTPException) -> str:
    """The exception's own description if we wrote one, else ours in the reader's language."""
    own = exc.description and exc.description != type(exc).description
    return str(exc.description if own else HTTP_MESSAGES.get(exc.code or 500, exc.description or exc.name))


def error_document(errors: dict[str, list[str]], status: int, code: str | None = None) -> Any:
    response = jsonify({"errors": errors, "code": code or CODES.get(status, "error")})
    response.status_code = status
    return response


def init_app(app: Flask) -> None:
    app.jinja_env.globals["error_title"] = page_title

    @app.errorhandler(DomainError)
    def _domain_error(exc: DomainError) -> Any:
        if is_api_request():
            response = error_document(exc.errors, exc.status, getattr(exc, "code", None))
        else:
            response = make_response(
                render_template("errors/error.html", code=exc.status, message=exc.message), exc.status
            )
        if getattr(exc, "retry_after", None):
            response.headers["Retry-After"] = str(exc.retry_after)
        response.headers.update(getattr(exc, "headers", {}))  # an invalid token's WWW-Authenticate
        return response

    @app.errorhandler(StaleDataError)
    def _stale(_exc: StaleDataError) -> Any:
        return _domain_error(Conflict())

    @app.errorhandler(IntegrityError)
    def _race(_exc: IntegrityError) -> Any:
        # What validation checked was true when read; a unique key taken by a request committed in
        # between (two officers numbering a decision at once) is the same case as a stale version.
        return _domain_error(Conflict())

    @app.errorhandler(ma.ValidationError)
    def _validation(exc: ma.ValidationError) -> Any:
        return _domain_error(FormErrors(flatten(exc.messages)))

    @app.errorhandler(RecursionError)
    def _too_deep(_exc: RecursionError) -> Any:
        # json.loads of a body nested thousands deep: the body is unreadable, not our failure.
        return _domain_error(MalformedJson(_("The body is nested too deeply to be read.")))

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Any:
        status = exc.code or 500
        if status == 404:
            return _domain_error(NotFound())
        if is_api_request():
            data = getattr(exc, "data", None) or {}
            messages = data.get("messages") if isinstance(data, dict) else None
            if isinstance(messages, dict) and messages.get("json") == ["Invalid JSON body."]:
                return _domain_error(MalformedJson())
            if messages:
                # webargs nests by location ({"json": {...}}); the location is noise to a client.
                if isinstance(messages, dict) and len(messages) == 1:
                    messages = next(iter(messages.values()))
                return error_document(flatten(messages), status)
            return error_document({"_": [_described(exc)]}, status)
        return render_template("errors/error.html", code=status, message=_described(exc)), status

    for kind in DATABASE_UNAVAILABLE:
        app.register_error_handler(kind, _database_unavailable)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Any:
        app.logger.exception("unhandled error")
        message = _("Internal error. It has been logged.")
        if is_api_request():
            return error_document({"_": [message]}, 500)
        try:  # the page shows who is signed in: that reads the database, which may be the fault
            return render_template("errors/error.html", code=500, message=message), 500
        except Exception:  # noqa: BLE001 - the standalone page needs nothing that can fail
            g.emgek_database_down = True
            return render_template("errors/unavailable.html", code=500, message=message), 500


def database_down() -> bool:
    """Whether this request already found the database unreachable (then nothing tries it again)."""
    return bool(g.get("emgek_database_down"))


def _database_unavailable(exc: Exception) -> Any:
    """503 with ``Retry-After``, in the reader's language, without touching the database again.

    The session is dropped (its connection is dead); the pool makes new connections once the
    database is back, so the service recovers by itself.
    """
    from flask import current_app

    g.emgek_database_down = True
    current_app.logger.error("database unavailable: %s", exc)
    s = g.pop("_emgek_session", None)
    if s is not None:
        with contextlib.suppress(Exception):  # a dead connection may fail to roll back; it is discarded
            s.close()
    message = _("The database is unavailable at the moment. Try again in a minute.")
    if is_api_request():
        response = error_document({"_": [message]}, 503)
    else:
        response = make_response(render_template("errors/unavailable.html", code=503, message=message), 503)
    response.headers["Retry-After"] = str(OUTAGE_RETRY_AFTER)
    return response
