"""``POST /api/v1/compensation/calculations``: the calculation contract over HTTP (stores nothing)."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask import request
from flask_smorest import Blueprint

import compensation
from calculator import services
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


class CaseSchema(ma.Schema):
    """A case file of the contract. Checked by the engine itself, not here: money stays a string."""

    class Meta:
        unknown = ma.INCLUDE

    case_type = ma.fields.Raw(
        required=True,
        metadata={
            "type": "string",
            "enum": ["injury", "death"],
            "description": '"injury" or "death"',
            "example": "injury",
        },
    )
    calculation_date = ma.fields.Raw(
        required=True,
        metadata={"type": "string", "format": "date", "description": "YYYY-MM-DD: statement as of"},
    )
    claim_date = ma.fields.Raw(
        required=True,
        metadata={
            "type": "string",
            "format": "date",
            "description": "YYYY-MM-DD: claim to the employer (Art. 254)",
        },
    )
    region = ma.fields.Raw(
        metadata={"type": "string", "description": "region code for the subsistence minimum"}
    )
    liability = ma.fields.Raw(
        metadata={"type": "object", "description": "Arts. 226-230: flags and victim_gross_negligence_percent"}
    )
    earnings = ma.fields.Raw(
        metadata={"type": "object", "description": "Arts. 236-238: reference_month, months, ..."}
    )
    msec_findings = ma.fields.Raw(
        metadata={"type": "array", "items": {"type": "object"}, "description": "injury cases: MSEC findings"}
    )
    death_date = ma.fields.Raw(
        metadata={
            "type": "string",
            "format": "date",
            "nullable": True,
            "description": "death cases: YYYY-MM-DD",
        }
    )
    survivors = ma.fields.Raw(
        metadata={
            "type": "array",
            "items": {"type": "object"},
            "description": "death cases: persons with a right (Art. 249)",
        }
    )
    collective_agreement = ma.fields.Raw(
        metadata={"type": "object", "nullable": True, "description": "Art. 247: one_off_multipliers by group"}
    )
    payments = ma.fields.Raw(
        metadata={
            "type": "array",
            "items": {"type": "object"},
            "description": "payments made: date, amount (string), applies_to",
        }
    )
    parameters = ma.fields.Raw(
        metadata={"type": "object", "description": "tables replacing the built-in ones, table by table"}
    )


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
        "content": {"application/json": {"schema": CaseSchema}},
    }
)
@blp.alt_response(
    200,
    success=True,
    description="The statement: installments, totals and the trace.",
    schema={
        "type": "object",
        "description": "The result document of contract kg-injury-compensation/2 (money as strings).",
        "additionalProperties": True,
    },
)
@blp.alt_response(
    422, schema=ErrorDocument, description='Invalid case: {"errors": {"field.path": ["message", ...]}}'
)
@blp.alt_response(401, response="UNAUTHORIZED")
@blp.alt_response(403, response="FORBIDDEN")
@blp.alt_response(
    429,
    schema=ErrorDocument,
    description="Without signing in (public calculator): too many calculations from this address this "
    "minute; wait Retry-After seconds.",
    headers={"Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}},
)
@blp.doc(security=[{"bearerToken": []}, {"sessionCookie": []}, {}])
@public_when("PUBLIC_CALCULATOR", "PUBLIC_CALCULATOR_PER_MINUTE", "calculate")
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
