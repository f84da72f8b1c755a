"""``POST /api/v1/compensation/calculations``: the calculation contract over HTTP (stores nothing)."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask import request
from flask_smorest import Blueprint

import compensation
from calculator import contract_schemas, services
from compensation.validation import message
from core.api import ErrorDocument
from core.auth.ratelimit import public_when
from core.errors import FormErrors, MalformedJson
from core.i18n import current_language

blp = Blueprint(
    "compensation_api",
    __name__,
    url_prefix="/api/v1/compensation",
    description="Compensation for workplace injury and death (Labour Code arts. 225-272): "
    "the calculation contract kg-injury-compensation/2.",
)

#: The one count of the public calculator per client address: single calculations and batches' cases.
PUBLIC_BUCKET = "public-calculator"


class LanguageArgs(ma.Schema):
    language = ma.fields.String(
        validate=ma.validate.OneOf(compensation.LANGUAGES),
        metadata={"description": "language of the trace and of error messages (default: the user's)"},
    )
    trace = ma.fields.Boolean(load_default=True, metadata={"description": "include the trace"})


@blp.route("/calculations", methods=["POST"])
@blp.arguments(LanguageArgs, location="query", as_kwargs=True)
@blp.doc(
    requestBody={
        "required": True,
        "description": "The case file (contract kg-injury-compensation/2). Money is a string with at most "
        'two decimals ("12500.00"); percentages are numbers or decimal strings; dates YYYY-MM-DD; '
        "months YYYY-MM.",
        "content": {"application/json": {"schema": contract_schemas.Case}},
    }
)
@blp.alt_response(
    200,
    success=True,
    description="The statement: installments, totals and the trace.",
    schema=contract_schemas.Result,
)
@blp.alt_response(
    422,
    schema=ErrorDocument,
    description='Invalid case: {"errors": {"field.path": ["message", ...]}}',
    example={"errors": {"claim_date": ["Must be a date written YYYY-MM-DD."]}, "code": "invalid"},
)
@blp.alt_response(401, response="UNAUTHORIZED")
@blp.alt_response(403, response="FORBIDDEN")
@blp.alt_response(
    429,
    schema=ErrorDocument,
    description="Without signing in (public calculator): too many calculations from this address this "
    "minute; wait Retry-After seconds.",
    headers={"Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}},
    example={"errors": {"_": ["Too many requests. Try again later."]}, "code": "too_many_requests"},
)
@blp.doc(security=[{"bearerToken": []}, {"sessionCookie": []}, {}])
@public_when("PUBLIC_CALCULATOR", "PUBLIC_CALCULATOR_PER_MINUTE", "calculate", bucket=PUBLIC_BUCKET)
def calculate(language: str | None = None, trace: bool = True) -> Any:
    """Compute what the employer owes for a case, as of its calculation date. Stores nothing.

    Tables the case does not give are the service's tables in force: the built-in rows with the rows
    administrators added since (``GET /compensation/parameters`` lists them).

    Needs the ``calculate`` capability; where the deployment opens the public calculator
    (``EMGEK_PUBLIC_CALCULATOR``), anyone may call it without signing in, a limited number of
    times a minute per client address (``EMGEK_PUBLIC_CALCULATOR_PER_MINUTE``)."""
    case = request.get_json(silent=True)
    language = language or current_language()
    if case is None and request.get_data():
        raise MalformedJson(message("json.invalid", language, {"detail": "malformed JSON body"}))
    try:
        return compensation.calculate(case, language, trace=trace, tables=services.tables_in_force()[0])
    except compensation.InvalidCase as exc:
        raise FormErrors(exc.errors) from exc


class BatchArgs(LanguageArgs):
    trace = ma.fields.Boolean(
        load_default=False, metadata={"description": "include each trace (default: no)"}
    )


class BatchIn(ma.Schema):
    """``{"cases": [case, ...]}``: up to :data:`calculator.services.MAX_BATCH` case files."""

    class Meta:
        unknown = ma.RAISE

    cases = ma.fields.List(
        ma.fields.Nested(contract_schemas.Case),
        required=True,
        metadata={"maxItems": services.MAX_BATCH, "description": "the case files, computed in this order"},
    )


class BatchItem(ma.Schema):
    """One case's answer: ``status`` 200 with its ``result``, or 422 with its error document."""

    class Meta:
        unknown = ma.RAISE
        ordered = True

    index = ma.fields.Integer(
        required=True, metadata={"description": "the case's place in the batch, from 0"}
    )
    status = ma.fields.Integer(required=True, metadata={"enum": [200, 422]})
    result = ma.fields.Nested(contract_schemas.Result, metadata={"description": "with status 200"})
    errors = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.List(ma.fields.String()),
        metadata={"description": 'with status 422: {"field.path": ["message", ...]}'},
    )
    code = ma.fields.String(metadata={"enum": ["invalid"], "description": "with status 422"})


class BatchOut(ma.Schema):
    results = ma.fields.List(ma.fields.Nested(BatchItem), required=True)


def _batch_cost() -> int:
    """An anonymous batch counts as one calculation per case against the public limit (at least one):
    the limit is on the work asked of the service, not on how it is packed."""
    body = request.get_json(silent=True)
    cases = body.get("cases") if isinstance(body, dict) else None
    return len(cases) if isinstance(cases, list) else 1


@blp.route("/calculations/batch", methods=["POST"])
@blp.arguments(BatchArgs, location="query", as_kwargs=True)
@blp.doc(
    requestBody={
        "required": True,
        "description": f"Up to {services.MAX_BATCH} case files, as the single calculation takes them.",
        "content": {"application/json": {"schema": BatchIn}},
    }
)
@blp.alt_response(
    200,
    success=True,
    description="One answer per case, in the order of the cases: a result, or the case's errors.",
    schema=BatchOut,
)
@blp.alt_response(
    413,
    schema=ErrorDocument,
    description=f"More than {services.MAX_BATCH} cases in the batch.",
    example={"errors": {"cases": [f"At most {services.MAX_BATCH} cases in one batch."]}, "code": "too_large"},
)
@blp.doc(security=[{"bearerToken": []}, {"sessionCookie": []}, {}])
@public_when(
    "PUBLIC_CALCULATOR", "PUBLIC_CALCULATOR_PER_MINUTE", "calculate", bucket=PUBLIC_BUCKET, cost=_batch_cost
)
def calculate_batch(language: str | None = None, trace: bool = False) -> Any:
    """Compute many cases in one call, each on its own: a bad case is answered with its errors and
    does not fail the others. Stores nothing; the same access as one calculation. Called anonymously
    (the public calculator), it counts as one calculation per case against the same per-minute limit.

    The body is ``{"cases": [...]}`` with at most 1,000 cases (413 beyond, naming the bound). Each
    answer carries the case's ``index``, its ``status`` (200 or 422) and its ``result`` or ``errors``
    (the error document of the single calculation). The trace is left out unless ``trace=true``."""
    body = request.get_json(silent=True)
    language = language or current_language()
    if body is None and request.get_data():
        raise MalformedJson(message("json.invalid", language, {"detail": "malformed JSON body"}))
    if not isinstance(body, dict):
        raise FormErrors({"_": [message("type.object", language, {})]})
    errors = {name: [message("field.unknown", language, {})] for name in body if name != "cases"}
    if "cases" not in body:
        errors["cases"] = [message("required", language, {})]
    if errors:
        raise FormErrors(errors)
    return {"results": services.calculate_batch(body["cases"], language, trace)}
