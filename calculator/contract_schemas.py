"""The calculation contract ``kg-injury-compensation/2`` as typed OpenAPI components.

The engine (:mod:`compensation.contract`) checks a case itself, so that the CLI, the API and library
callers give the same error document; these schemas only *describe* it to integrators. They are
built from the engine's own vocabularies (case types, regions, groups, grounds, components,
regimes), and ``tests/integration/test_openapi_contract.py`` compares their field tree with
:data:`compensation.contract.FIELDS`, the engine's list of every field it accepts: a field added to
one and not the other fails that test, so the document cannot drift from what is computed.

Money in a case may be written as the engine reads it (at most two decimals: ``"12500"``,
``"12500.5"``, ``"12500.00"``); money in a result always has exactly two (:data:`core.api.MONEY_PATTERN`).
"""

from __future__ import annotations

from typing import Any, ClassVar

import marshmallow as ma
from marshmallow import fields

from compensation import contract, sections
from compensation.rules import installment, regime
from core.api import MONEY_PATTERN

#: Money as a case may give it: som with at most two decimals, never negative, never a JSON number.
MONEY_IN_PATTERN = r"^\d{1,15}(\.\d{1,2})?$"
#: A month of the contract.
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
#: A decimal the engine reads exactly: a JSON number or the same as a string.
DECIMAL_DOC: dict[str, Any] = {
    "oneOf": [
        {"type": "number"},
        {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"},
    ],
    "example": 20,
}
#: The average-earnings methods of the result.
AME_METHODS = ("actual", "partial_month", "five_minimum_wages")
REGIMES = (regime.LABOUR_CODE_2004, regime.LABOUR_CODE_2025)


def _money_in(**kwargs: Any) -> fields.Field:
    description = kwargs.pop("description", "money: som with at most two decimals, as a string")
    return fields.String(
        metadata={"pattern": MONEY_IN_PATTERN, "example": "12500.00", "description": description}, **kwargs
    )


def _money_out(**kwargs: Any) -> fields.Field:
    description = kwargs.pop("description", "money: som with exactly two decimals, as a string")
    return fields.String(
        required=not kwargs.get("allow_none", False),
        metadata={"pattern": MONEY_PATTERN, "example": "12500.00", "description": description},
        **kwargs,
    )


def _day(description: str, **kwargs: Any) -> fields.Field:
    return fields.String(metadata={"format": "date", "description": description}, **kwargs)


def _month(description: str, **kwargs: Any) -> fields.Field:
    return fields.String(metadata={"pattern": MONTH_PATTERN, "description": description}, **kwargs)


def _choice(choices: tuple[str, ...], description: str, **kwargs: Any) -> fields.Field:
    return fields.String(validate=ma.validate.OneOf(choices), metadata={"description": description}, **kwargs)


def _flag(description: str) -> fields.Field:
    return fields.Boolean(allow_none=True, metadata={"description": f"{description} (null or absent: false)"})


class DecimalNumber(fields.Raw):
    """A percentage, factor or rate: a number or a decimal string (read exactly, never as binary float)."""

    openapi: ClassVar[dict[str, Any]] = DECIMAL_DOC


def _decimal(description: str, **kwargs: Any) -> fields.Field:
    return DecimalNumber(metadata={"description": description}, **kwargs)


class Strict(ma.Schema):
    """A part of the case file: a field it does not define is an error naming its path (contract v2 §1)."""

    class Meta:
        unknown = ma.RAISE
        ordered = True


# --- the case ---------------------------------------------------------------------------------------


class CaseLiability(Strict):
    source_of_increased_danger = _flag("Art. 226 part 1")
    employer_fault = _flag("Art. 226 part 2, Art. 227")
    force_majeure = _flag("force majeure")
    victim_intent = _flag("the victim's intent: the employer is not liable")
    victim_gross_negligence_percent = _decimal(
        "Art. 230: 0 <= x < 100, set by the commission", allow_none=True
    )
    third_party_fault = _flag("LC-2004 art. 226 part 3")
    aircraft = _flag("LC-2004 art. 229")


class CaseEarningsMonth(Strict):
    month = _month("YYYY-MM", required=True)
    amount = _money_in(required=True)
    exclude = fields.String(
        allow_none=True, metadata={"description": "why the victim leaves this month out (Art. 237), or null"}
    )


class CasePartialMonth(Strict):
    earned = _money_in(required=True)
    days_worked = _decimal("days worked in the month (1-31)", required=True)
    average_working_days_per_month = _decimal("working days in an average month (1-31)", required=True)


class CaseEarnings(Strict):
    reference_month = _month("month of the injury or of the loss of capacity (Art. 237)", allow_none=True)
    months = fields.List(fields.Nested(CaseEarningsMonth), allow_none=True)
    sustained_increase_from = _month("only months from here on count (Art. 238)", allow_none=True)
    partial_month = fields.Nested(CasePartialMonth, allow_none=True)
    documents_unavailable = _flag("no earnings documents: the five-minimum-wage floor applies")


class CaseFinding(Strict):
    from_ = _day("first day of the finding", required=True, data_key="from")
    to = _day("last day (inclusive); null: until the end of the calculation month", allow_none=True)
    loss_percent = _decimal("loss of occupational capacity, 0-100", required=True)
    disability_group = _choice(contract.GROUPS, "disability group, or null", allow_none=True)
    care = fields.List(_choice(contract.CARE, "a care need (Art. 245)"), allow_none=True)
    applied_on = _day("the day the victim brought it to the employer (default: from)", allow_none=True)


class CaseSurvivor(Strict):
    id = fields.String(required=True, metadata={"description": "the survivor's id, named as recipient"})
    relation = fields.String(allow_none=True, metadata={"description": "relation to the deceased"})
    birth_date = _day("YYYY-MM-DD", allow_none=True)
    sex = _choice(contract.SEXES, "for the pension age", allow_none=True)
    grounds = fields.List(_choice(contract.GROUNDS, "a ground of the right (Art. 249)"), allow_none=True)
    student_until = _day("end of full-time study", allow_none=True)
    disabled_until = _day("end of the disability (null: open-ended)", allow_none=True)
    caring_until = _day("end of the care of a minor", allow_none=True)
    court_maintenance = _money_in(
        allow_none=True, description="monthly maintenance a court set for a non-dependant (Art. 250)"
    )
    right_ended_on = _day("the day the right ended", allow_none=True)
    right_from = _day("the day the right began, within five years of the death", allow_none=True)


class CaseMultipliers(Strict):
    I = _decimal("group I", allow_none=True)  # noqa: E741 - the disability group's own name
    II = _decimal("group II", allow_none=True)
    III = _decimal("group III", allow_none=True)


class CaseAgreement(Strict):
    one_off_multipliers = fields.Nested(CaseMultipliers, allow_none=True)


class CasePayment(Strict):
    date = _day("the day it was paid", required=True)
    amount = _money_in(required=True)
    applies_to = _choice(contract.APPLIES_TO, "periodic installments or one-offs", required=True)
    recipient = fields.String(allow_none=True, metadata={"description": "victim or a survivor's id"})


class CaseAmountRow(Strict):
    from_ = _day("in force from", required=True, data_key="from")
    amount = _money_in(required=True)


class CaseSubsistenceRow(Strict):
    from_ = _day("in force from", required=True, data_key="from")
    region = fields.String(allow_none=True, metadata={"description": "a region code, or * for the republic"})
    amount = _money_in(required=True)


class CaseIndexationRow(Strict):
    from_ = _day("in force from", required=True, data_key="from")
    factor = _decimal("the indexation factor", required=True)


class CasePenaltyRateRow(Strict):
    from_ = _day("in force from", required=True, data_key="from")
    rate = _decimal("the rate a day (0.0015 is 0.15 %)", required=True)


class CasePensionAge(Strict):
    male = fields.Integer(required=True, metadata={"description": "years (30-90)"})
    female = fields.Integer(required=True, metadata={"description": "years (30-90)"})


class CaseOneTimeBenefitRow(Strict):
    from_ = _day("in force from", required=True, data_key="from")
    rule = _choice(contract.ONE_TIME_RULES, "the rule in force", allow_none=True)


class PenaltyRates(fields.Raw):
    """``penalty_rate_per_day``: one rate for the whole case, or dated rows (each day at its rate)."""

    rows = CasePenaltyRateRow
    openapi: ClassVar[dict[str, Any]] = {
        "oneOf": [
            *DECIMAL_DOC["oneOf"],
            {"type": "array", "items": {"$ref": "#/components/schemas/CasePenaltyRateRow"}},
        ],
        "description": "one rate a day, or dated rows of rates",
    }


class CaseParameters(Strict):
    minimum_wage = fields.List(fields.Nested(CaseAmountRow), allow_none=True)
    subsistence_minimum = fields.List(fields.Nested(CaseSubsistenceRow), allow_none=True)
    indexation = fields.List(fields.Nested(CaseIndexationRow), allow_none=True)
    penalty_rate_per_day = PenaltyRates(allow_none=True)
    pension_age = fields.Nested(CasePensionAge, allow_none=True)
    average_monthly_wage = fields.List(fields.Nested(CaseAmountRow), allow_none=True)
    one_time_benefit = fields.List(fields.Nested(CaseOneTimeBenefitRow), allow_none=True)


class CaseEmployer(Strict):
    budget_sector = _flag("a budget-sector employer pays the fixed sums of Resolution No. 465")


class CaseCapitalisation(Strict):
    date = _day("the day of the liquidation", required=True)
    method = _choice(sections.CAPITALISATION_METHODS, "the method (default simple_70_min10)", allow_none=True)
    victim_birth_date = _day("injury cases: the victim's birth date", allow_none=True)


class CaseCareHome(Strict):
    from_ = _day("first day in the care home", required=True, data_key="from")
    to = _day("last day, or null", allow_none=True)
    dependants = fields.Integer(allow_none=True, metadata={"description": "dependants of the person (0-99)"})
    monthly_cost = _money_in(allow_none=True, description="what the home costs a month")


class CaseTemporaryTransfer(Strict):
    from_ = _day("first day", required=True, data_key="from")
    to = _day("last day (at most a year)", required=True)
    monthly_pay = _money_in(allow_none=True, description="pay in the lighter work")
    work_provided = fields.Boolean(allow_none=True, metadata={"description": "false: no such work offered"})


class CaseRetraining(Strict):
    from_ = _day("first day", required=True, data_key="from")
    to = _day("last day", required=True)


class CaseAgreedSum(Strict):
    component = _choice(sections.AGREED_COMPONENTS, "moral damage or burial", required=True)
    recipient = fields.String(allow_none=True, metadata={"description": "victim or a survivor's id"})
    amount = _money_in(required=True)
    due_date = _day("due", required=True)
    basis = _choice(sections.AGREED_BASES, "an agreement or a court", allow_none=True)


class CaseAdditionalExpense(Strict):
    kind = _choice(sections.EXPENSE_KINDS, "the kind of expense (Arts. 244-245)", required=True)
    amount = _money_in(required=True)
    incurred_on = _day("the day it was incurred", required=True)
    submitted_on = _day("the day the receipt was brought", required=True)


class Case(Strict):
    """A case file of the contract (kg-injury-compensation/2): every field the engine accepts, typed."""

    case_type = _choice(contract.CASE_TYPES, "injury or death", required=True)
    calculation_date = _day("YYYY-MM-DD: statement as of", required=True)
    claim_date = _day("YYYY-MM-DD: claim to the employer (Art. 254)", required=True)
    region = _choice(
        contract.REGIONS, "region of the subsistence minimum (required for a death)", allow_none=True
    )
    liability = fields.Nested(CaseLiability, required=True)
    earnings = fields.Nested(CaseEarnings, allow_none=True)
    msec_findings = fields.List(fields.Nested(CaseFinding), allow_none=True)
    death_date = _day("death cases: YYYY-MM-DD", allow_none=True)
    survivors = fields.List(fields.Nested(CaseSurvivor), allow_none=True)
    collective_agreement = fields.Nested(CaseAgreement, allow_none=True)
    payments = fields.List(fields.Nested(CasePayment), allow_none=True)
    parameters = fields.Nested(CaseParameters, allow_none=True)
    employer = fields.Nested(CaseEmployer, allow_none=True)
    late_claim_due_to_employer = _flag("the 3-year limit does not apply (employer's fault for the delay)")
    injury_date = _day(
        "the day of the injury (needed with temporary_transfers or retraining)", allow_none=True
    )
    capitalisation = fields.Nested(CaseCapitalisation, allow_none=True)
    care_home = fields.Nested(CaseCareHome, allow_none=True)
    temporary_transfers = fields.List(fields.Nested(CaseTemporaryTransfer), allow_none=True)
    retraining = fields.List(fields.Nested(CaseRetraining), allow_none=True)
    agreed_sums = fields.List(fields.Nested(CaseAgreedSum), allow_none=True)
    additional_expenses = fields.List(fields.Nested(CaseAdditionalExpense), allow_none=True)


# --- the result -------------------------------------------------------------------------------------


class Out(ma.Schema):
    class Meta:
        unknown = ma.RAISE
        ordered = True


class ResultLiability(Out):
    employer_liable = fields.Boolean(required=True)
    victim_fault_percent = fields.String(required=True, metadata={"description": "a decimal, e.g. 20"})


class ResultEarnings(Out):
    amount = _money_out(allow_none=True, description="null for five_minimum_wages")
    method = _choice(AME_METHODS, "how it was found", required=True)


class ResultInstallment(Out):
    component = _choice(installment.COMPONENTS, "what it pays", required=True)
    recipient = fields.String(required=True, metadata={"description": "victim, or a survivor's id"})
    period = _month("the month of a periodic installment; null for a one-off", required=True, allow_none=True)
    amount = _money_out(allow_none=True, description="null: no amount set by law yet (see warnings)")
    due_date = _day("due", required=True)
    paid = _money_out()
    outstanding = _money_out(allow_none=True, description="null where the amount is null")
    days_overdue = fields.Integer(required=True)
    penalty = _money_out()
    regime = _choice(REGIMES, "the law governing the period or the one-off", required=True)


class ResultTotals(Out):
    accrued = _money_out()
    paid = _money_out()
    outstanding = _money_out()
    penalty = _money_out()


class ResultWarning(Out):
    code = fields.String(required=True, metadata={"example": "one_time_benefit_not_set"})
    field = fields.String(required=True, metadata={"description": "the input it concerns"})
    message = fields.String(required=True)


class ResultTraceStep(Out):
    article = fields.String(required=True, metadata={"example": "LC-2025 219"})
    rule = fields.String(required=True, metadata={"description": "the rule in the reader's words"})
    inputs = fields.Dict(required=True, metadata={"description": "the inputs and parameters used"})
    result = fields.Raw(
        required=True, metadata={"type": "string", "nullable": True, "description": "the figure"}
    )


class ResultCapitalised(Out):
    recipient = fields.String(required=True)
    monthly = _money_out()
    months = fields.Integer(required=True)
    until = fields.String(required=True, metadata={"description": "the day the payments would end"})
    amount = _money_out()


class ResultCapitalisationParameters(Out):
    age_limit = fields.Integer(required=True)
    minimum_months = fields.Integer(required=True)
    discount_rate = fields.String(required=True)


class ResultCapitalisation(Out):
    method = fields.String(required=True)
    date = _day("the day of the liquidation", required=True)
    parameters = fields.Nested(ResultCapitalisationParameters, required=True)
    recipients = fields.List(fields.Nested(ResultCapitalised), required=True)
    total = _money_out()


class ResultCareHomeMonth(Out):
    period = _month("the month", required=True)
    days = fields.Integer(required=True)
    award = _money_out()
    to_dependants = _money_out()
    to_care_home = _money_out()
    person_receives = _money_out()
    care_home_keeps = _money_out()


class ResultCareHome(Out):
    from_ = _day("first day", required=True, data_key="from")
    to = _day("last day, or null", required=True, allow_none=True)
    dependants = fields.Integer(required=True)
    dependants_share = fields.String(required=True)
    person_minimum = fields.String(required=True)
    months = fields.List(fields.Nested(ResultCareHomeMonth), required=True)


class Result(Out):
    """The statement of contract kg-injury-compensation/2: installments, totals, warnings, the trace."""

    contract = fields.String(required=True, metadata={"enum": [contract.CONTRACT]})
    liability = fields.Nested(ResultLiability, required=True)
    average_monthly_earnings = fields.Nested(ResultEarnings, required=True)
    installments = fields.List(fields.Nested(ResultInstallment), required=True)
    totals = fields.Nested(ResultTotals, required=True)
    warnings = fields.List(fields.Nested(ResultWarning), required=True)
    unapplied_payments = fields.Dict(
        keys=fields.String(),
        values=_money_out(),
        metadata={"description": "payments left over, by kind (periodic, one_off)"},
    )
    capitalisation = fields.Nested(ResultCapitalisation)
    care_home = fields.Nested(ResultCareHome)
    trace = fields.List(fields.Nested(ResultTraceStep), metadata={"description": "absent with ?trace=false"})


def field_tree(schema: type[ma.Schema] | ma.Schema) -> dict[str, Any]:
    """The schema's fields as :data:`compensation.contract.FIELDS` writes them (``None`` a leaf, a dict
    an object, a one-element list a list's items): what the drift test compares."""
    instance = schema() if isinstance(schema, type) else schema
    out: dict[str, Any] = {}
    for field in instance.fields.values():
        name = field.data_key or field.name
        inner = field.inner if isinstance(field, fields.List) else None
        rows = getattr(field, "rows", None)
        if isinstance(field, fields.Nested):
            out[name] = field_tree(field.schema)
        elif isinstance(inner, fields.Nested):
            out[name] = [field_tree(inner.schema)]
        elif rows is not None:
            out[name] = [field_tree(rows)]
        else:
            out[name] = None
    return out
