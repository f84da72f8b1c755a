"""One error document for the API, friendly pages for the UI.

API (``/api/...``): ``{"errors": {"field.path": ["message", ...]}}`` with 422 for
invalid input and domain rule violations, 404 for records unknown or out of scope,
409 for conflicting concurrent edits; other HTTP errors use the key ``"_"``.
"""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException


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
        out[prefix or "_"] = list(messages)
    elif isinstance(messages, list):
        for i, value in enumerate(messages):
            out.update(flatten(value, f"{prefix}.{i}" if prefix else str(i)))
    else:
        out[prefix or "_"] = [str(messages)]
    return out


def is_api_request() -> bool:
    return request.path.startswith("/api/")


def error_document(errors: dict[str, list[str]], status: int) -> Any:
    response = jsonify({"errors": errors})
    response.status_code = status
    return response


def init_app(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def _domain_error(exc: DomainError) -> Any:
        if is_api_request():
            return error_document(exc.errors, exc.status)
        return render_template("errors/error.html", code=exc.status, message=exc.message), exc.status

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

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Any:
        status = exc.code or 500
        if is_api_request():
            data = getattr(exc, "data", None) or {}
            messages = data.get("messages") if isinstance(data, dict) else None
            if messages:
                # webargs nests by location ({"json": {...}}); the location is noise to a client.
                if isinstance(messages, dict) and len(messages) == 1:
                    messages = next(iter(messages.values()))
                return error_document(flatten(messages), status)
            return error_document({"_": [exc.description or exc.name]}, status)
        return render_template("errors/error.html", code=status, message=exc.description), status

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Any:
        app.logger.exception("unhandled error")
        if is_api_request():
            return error_document({"_": [_("Internal error. It has been logged.")]}, 500)
        return render_template(
            "errors/error.html", code=500, message=_("Internal error. It has been logged.")
        ), 500
