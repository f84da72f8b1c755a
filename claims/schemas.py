"""Messages of the ledger API: one schema in, one schema out (flask-smorest)."""

from __future__ import annotations

import re
from datetime import UTC
from decimal import Decimal, InvalidOperation
from typing import Any

import marshmallow as ma
from flask_babel import lazy_gettext as _l

from core.api import ListArgs, Stamped, next_cursor_field
from core.classifiers import SECTOR_LABELS, Inspectorate, Region
from core.downloads import DocumentArgs, format_field
from core.fields import Integer

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
GROUNDS = ("minor", "student", "disabled", "pension_age", "caregiver")
REHABILITATION = ("prosthetics", "sanatorium", "transport", "medicines", "vocational", "medical")


#: The largest sum a record holds: money is stored as BIGINT tyiyn, and no award comes near this.
MAX_MONEY = Decimal("999999999999.99")
CENT = Decimal("0.01")


#: A sum as people write it in Kyrgyz and Russian papers, or as programs do: "43 500,00", "43500,00",
#: "43500.00", "43 500" (groups of three parted by a space, no-break or thin space; a comma or a
#: point before at most two tyiyn digits). "43,500.00" is refused: its comma could be either.
PEOPLES_AMOUNT = re.compile(
    r"^([+-]?)(\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+|\d+)(?:[.,](\d{1,2}))?$", re.ASCII
)


def _two_decimals(text: str) -> Decimal | None:
    """``text`` as a finite decimal with at most two decimals, else None (never an exception)."""
    found = PEOPLES_AMOUNT.match(text.strip())
    if not found:  # exponents, other scripts' digits, stray signs: not how a sum is written
        return None
    sign, whole, cents = found.groups()
    try:
        value = Decimal(sign + re.sub(r"[^0-9]", "", whole) + (f".{cents}" if cents else ""))
        if not value.is_finite() or value != value.quantize(CENT):
            return None
    except InvalidOperation:  # not a number, or too many digits to quantize
        return None
    return value


class Money(ma.fields.Field):
    """Som and tyiyn as a string with at most two decimals ("12500.00"); floats are refused."""

    #: Documented as money (core.api: a string with two decimals).
    money = True

    default_error_messages = {
        "invalid": _l('An amount of money as a string, e.g. "12500.00".'),
        "too_large": _l("The amount is too large."),
    }

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Decimal:
        if isinstance(value, bool | float) or not isinstance(value, str | int):
            raise self.make_error("invalid")
        amount = _two_decimals(str(value))
        if amount is None:
            raise self.make_error("invalid")
        if abs(amount) > MAX_MONEY:
            raise self.make_error("too_large")
        return amount.quantize(CENT)

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else f"{Decimal(value):.2f}"


class Percent(ma.fields.Field):
    """A percentage as a number or decimal string, at most two decimals."""

    #: How core.api documents it: sent back as a decimal string; a number is accepted on the way in.
    openapi = {
        "type": "string",
        "pattern": r"^\d+(\.\d{1,2})?$",
        "example": "35.5",
        "description": 'A percentage, at most two decimals: "35.5" (35 or 35.5 accepted as input too).',
    }

    default_error_messages = {"invalid": _l('A percentage, e.g. 35 or "35.5".')}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Decimal:
        if isinstance(value, bool):
            raise self.make_error("invalid")
        percent = _two_decimals(str(value))
        if percent is None:
            raise self.make_error("invalid")
        return percent

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else format(value, "f")


class Month(ma.fields.String):
    default_error_messages = {"invalid_month": _l("A month as YYYY-MM.")}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        if not MONTH.match(text):
            raise self.make_error("invalid_month")
        return text


class PageArgs(ListArgs):
    page = Integer(load_default=1, validate=ma.validate.Range(min=1))
    per_page = Integer(load_default=25, validate=ma.validate.Range(min=1, max=200))


# --- MSEC findings ---------------------------------------------------------------------------------------


class FindingIn(ma.Schema):
    victim_id = Integer(required=True)
    previous_id = Integer(allow_none=True)
    msec_body = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=200))
    decision_no = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=60))
    examined_on = ma.fields.Date(required=True)
    valid_from = ma.fields.Date(required=True)
    valid_to = ma.fields.Date(allow_none=True)
    loss_percent = Percent(required=True, validate=ma.validate.Range(min=0, max=100))
    disability_group = ma.fields.String(allow_none=True, validate=ma.validate.OneOf(["I", "II", "III"]))
    reexamination_on = ma.fields.Date(allow_none=True)
    care_special_medical = ma.fields.Boolean(load_default=False)
    care_household = ma.fields.Boolean(load_default=False)
    rehabilitation = ma.fields.List(
        ma.fields.String(validate=ma.validate.OneOf(REHABILITATION)), load_default=list
    )
    applied_on = ma.fields.Date(allow_none=True)

    @ma.validates_schema
    def _period(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data.get("valid_to") and data["valid_to"] < data["valid_from"]:
            raise ma.ValidationError(_l("The period ends before it starts."), "valid_to")


class FindingOut(Stamped):
    id = Integer()
    employer_id = Integer()
    victim_id = Integer()
    act_id = Integer(allow_none=True)
    previous_id = Integer(allow_none=True)
    msec_body = ma.fields.String(allow_none=True)
    decision_no = ma.fields.String(allow_none=True)
    examined_on = ma.fields.Date()
    valid_from = ma.fields.Date()
    valid_to = ma.fields.Date(allow_none=True)
    loss_percent = Percent()
    disability_group = ma.fields.String(allow_none=True)
    reexamination_on = ma.fields.Date(allow_none=True)
    care_special_medical = ma.fields.Boolean()
    care_household = ma.fields.Boolean()
    rehabilitation = ma.fields.List(ma.fields.String())
    applied_on = ma.fields.Date(allow_none=True)
    voided_at = ma.fields.DateTime(allow_none=True)
    voided_by_id = Integer(allow_none=True)
    void_reason = ma.fields.String(allow_none=True)
    superseded_by_id = Integer(allow_none=True)
    version = Integer()


class VoidIn(ma.Schema):
    """A void (issue 12): the reason is required; the record stays, struck through."""

    reason = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=500))
    version = Integer()


class FindingCorrectionIn(FindingIn):
    """The right finding in place of a mistaken one (of the same person), with the reason."""

    victim_id = Integer()
    reason = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=500))
    version = Integer()


class FindingArgs(PageArgs):
    victim_id = Integer()
    reexamination = ma.fields.String(validate=ma.validate.OneOf(["due", "lapsed"]))


# --- claims ----------------------------------------------------------------------------------------------


class EarningsMonthIn(ma.Schema):
    month = Month(required=True)
    amount = Money(required=True, validate=ma.validate.Range(min=0))
    exclude = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=60))


class SurvivorIn(ma.Schema):
    key = ma.fields.String(validate=ma.validate.Regexp(r"^[A-Za-z0-9_-]{1,20}$"))
    full_name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=200))
    pin = ma.fields.String(allow_none=True, validate=ma.validate.Regexp(r"^\d{14}$"))
    relation = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=40))
    birth_date = ma.fields.Date(required=True)
    sex = ma.fields.String(required=True, validate=ma.validate.OneOf(["male", "female"]))
    grounds = ma.fields.List(
        ma.fields.String(validate=ma.validate.OneOf(GROUNDS)),
        required=True,
        validate=ma.validate.Length(min=1),
    )
    student_until = ma.fields.Date(allow_none=True)
    disabled_until = ma.fields.Date(allow_none=True)
    caring_until = ma.fields.Date(allow_none=True)
    court_maintenance = Money(allow_none=True, validate=ma.validate.Range(min=0))
    #: A dependant who became unable to work within five years of the death: the day the right begins
    #: (LC-2004 art. 249, LC-2025 art. 221).
    right_from = ma.fields.Date(allow_none=True)


class DocumentIn(ma.Schema):
    code = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=40))
    received_on = ma.fields.Date(allow_none=True)
    note = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=300))


class ClaimIn(ma.Schema):
    victim_id = Integer(required=True)
    case_type = ma.fields.String(required=True, validate=ma.validate.OneOf(["injury", "death"]))
    claimant_name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=200))
    claimant_relation = ma.fields.String(load_default="victim", validate=ma.validate.Length(min=1, max=40))
    claimant_address = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=300))
    filed_on = ma.fields.Date(required=True)
    region = ma.fields.String(required=True, validate=ma.validate.OneOf([r.value for r in Region]))
    death_date = ma.fields.Date(allow_none=True)
    reference_month = Month(required=True)
    sustained_increase_from = Month(allow_none=True)
    documents_unavailable = ma.fields.Boolean(load_default=False)
    partial_month_earned = Money(allow_none=True, validate=ma.validate.Range(min=0))
    partial_month_days_worked = Integer(allow_none=True, validate=ma.validate.Range(min=1, max=31))
    partial_month_average_days = ma.fields.String(
        allow_none=True, validate=ma.validate.Regexp(r"^\d{1,2}(\.\d{1,2})?$")
    )
    source_of_increased_danger = ma.fields.Boolean(load_default=True)
    employer_fault = ma.fields.Boolean(load_default=True)
    force_majeure = ma.fields.Boolean(load_default=False)
    victim_intent = ma.fields.Boolean(load_default=False)
    victim_fault_percent = Percent(validate=ma.validate.Range(min=0, max=99.99))
    one_off_multipliers = ma.fields.Dict(
        keys=ma.fields.String(validate=ma.validate.OneOf(["I", "II", "III"])),
        values=Integer(validate=ma.validate.Range(min=1, max=100)),
        allow_none=True,
    )
    #: Late through the employer's fault: no three-year limit on arrears (LC-2004 art. 269 part 3,
    #: LC-2025 art. 228(3)); the ground is required then.
    late_claim_due_to_employer = ma.fields.Boolean(load_default=False)
    late_claim_ground = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=2000))
    earnings = ma.fields.List(ma.fields.Nested(EarningsMonthIn), load_default=list)
    survivors = ma.fields.List(ma.fields.Nested(SurvivorIn), load_default=list)
    documents = ma.fields.List(ma.fields.Nested(DocumentIn), load_default=list)

    @ma.validates_schema
    def _consistent(self, data: dict[str, Any], **kwargs: Any) -> None:
        errors: dict[str, list[str]] = {}
        if data.get("case_type") == "death":
            if not data.get("death_date"):
                errors["death_date"] = [str(_l("A death case needs the date of death."))]
            if not data.get("survivors"):
                errors["survivors"] = [str(_l("A claim on a death names the survivors (art. 249)."))]
        months = [m["month"] for m in data.get("earnings", [])]
        if len(months) != len(set(months)):
            errors["earnings"] = [str(_l("Each month once."))]
        keys = [s.get("key") for s in data.get("survivors", []) if s.get("key")]
        if len(keys) != len(set(keys)):
            errors["survivors"] = [str(_l("Each survivor's key once."))]
        if data.get("late_claim_due_to_employer") and not (data.get("late_claim_ground") or "").strip():
            errors["late_claim_ground"] = [str(_l("Say how the employer's fault delayed the claim."))]
        if errors:
            raise ma.ValidationError(errors)


class ClaimUpdate(ClaimIn):
    """A claim's correction is the whole claim: a list it does not send would be erased, so each list is
    required (an empty list says "none"); a client never loses the earnings or documents it left out."""

    version = Integer(required=True)
    earnings = ma.fields.List(ma.fields.Nested(EarningsMonthIn), required=True)
    survivors = ma.fields.List(ma.fields.Nested(SurvivorIn), required=True)
    documents = ma.fields.List(ma.fields.Nested(DocumentIn), required=True)


class EarningsMonthOut(Stamped):
    month = ma.fields.String()
    amount = Money()
    exclude = ma.fields.String(allow_none=True)


class SurvivorOut(Stamped, SurvivorIn):
    right_ended_on = ma.fields.Date(allow_none=True)


class DocumentOut(Stamped, DocumentIn):
    pass


class ClaimOut(Stamped):
    id = Integer()
    employer_id = Integer()
    victim_id = Integer()
    act_id = Integer(allow_none=True)
    case_type = ma.fields.String()
    claimant_name = ma.fields.String()
    claimant_relation = ma.fields.String()
    claimant_address = ma.fields.String(allow_none=True)
    filed_on = ma.fields.Date()
    decision_due_on = ma.fields.Date()
    status = ma.fields.String()
    region = ma.fields.String()
    death_date = ma.fields.Date(allow_none=True)
    reference_month = ma.fields.String()
    sustained_increase_from = ma.fields.String(allow_none=True)
    documents_unavailable = ma.fields.Boolean()
    partial_month_earned = Money(allow_none=True)
    partial_month_days_worked = Integer(allow_none=True)
    partial_month_average_days = ma.fields.String(allow_none=True)
    source_of_increased_danger = ma.fields.Boolean()
    employer_fault = ma.fields.Boolean()
    force_majeure = ma.fields.Boolean()
    victim_intent = ma.fields.Boolean()
    victim_fault_percent = Percent()
    one_off_multipliers = ma.fields.Dict(allow_none=True)
    late_claim_due_to_employer = ma.fields.Boolean()
    late_claim_ground = ma.fields.String(allow_none=True)
    earnings = ma.fields.List(ma.fields.Nested(EarningsMonthOut))
    survivors = ma.fields.List(ma.fields.Nested(SurvivorOut))
    documents = ma.fields.List(ma.fields.Nested(DocumentOut))
    version = Integer()


class ClaimArgs(PageArgs):
    status = ma.fields.String(
        validate=ma.validate.OneOf(["filed", "decided", "refused", "deemed_refused", "appealed", "closed"])
    )
    employer_id = Integer()
    overdue = ma.fields.Boolean()
    case_type = ma.fields.String(
        validate=ma.validate.OneOf(["injury", "death"]), metadata={"description": "injury or death"}
    )
    pin = ma.fields.String(
        validate=ma.validate.Regexp(r"^\d{14}$"),
        metadata={"description": "the victim's personal identification number (14 digits)"},
    )
    accident_id = Integer(metadata={"description": "the accident the victim was injured in"})
    # The drill-down of the money view (issue 10, view 7): the claims behind one of its sums.
    region = ma.fields.String(
        validate=ma.validate.OneOf([r.value for r in Region]),
        metadata={"description": "the employer's region"},
    )
    sector = ma.fields.String(
        validate=ma.validate.OneOf(list(SECTOR_LABELS)),
        metadata={"description": "the employer's GKED section letter"},
    )
    inspectorate = ma.fields.String(
        validate=ma.validate.OneOf([i.value for i in Inspectorate]),
        metadata={"description": "claims whose act N-1 an inspector of this inspectorate reviewed"},
    )
    awarded_by = ma.fields.Date(
        metadata={
            "description": "claims whose current award was issued on or before this day (in force on it)"
        }
    )
    filed_by = ma.fields.Date(
        metadata={"description": "claims filed on or before this day (the money view's claims filed)"}
    )


class PaymentsDueArgs(ma.Schema):
    """The month whose installments are due (arrears outstanding at its end included), and the page of
    awards: what an employer must pay that month (art. 264)."""

    month = Month(metadata={"description": "YYYY-MM; the current month in Bishkek when left out"})
    page = Integer(load_default=1, validate=ma.validate.Range(min=1))
    per_page = Integer(load_default=25, validate=ma.validate.Range(min=1, max=200))


# --- decisions, refusals, payments, statements -------------------------------------------------------------


class DraftDecisionIn(ma.Schema):
    calculation_date = ma.fields.Date(required=True)
    reason = ma.fields.String(
        load_default="initial",
        validate=ma.validate.OneOf(
            [
                "initial",
                "reexamination",
                "survivor_right_ended",
                "posthumous_child",
                "parameters_rise",
                "appeal",
                "court",
            ]
        ),
    )
    effective_from = ma.fields.Date(allow_none=True)


class IssueIn(ma.Schema):
    number = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=60))
    issued_on = ma.fields.Date(allow_none=True)
    version = Integer(required=True)


class RefusalIn(ma.Schema):
    number = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=60))
    grounds = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=5000))
    issued_on = ma.fields.Date(allow_none=True)


class InstallmentOut(Stamped):
    component = ma.fields.String()
    recipient = ma.fields.String()
    period = ma.fields.String()
    amount = Money()
    due_date = ma.fields.Date()


class DecisionOut(Stamped):
    id = Integer()
    claim_id = Integer()
    employer_id = Integer()
    sequence = Integer()
    number = ma.fields.String(allow_none=True)
    kind = ma.fields.String()
    status = ma.fields.String()
    reason = ma.fields.String()
    effective_from = ma.fields.Date(allow_none=True)
    refusal_grounds = ma.fields.String(allow_none=True)
    calculation_date = ma.fields.Date()
    issued_on = ma.fields.Date(allow_none=True)
    supersedes_id = Integer(allow_none=True)
    case_file = ma.fields.Dict()
    result = ma.fields.Dict()
    installments = ma.fields.List(ma.fields.Nested(InstallmentOut))
    version = Integer()


class DryRunArgs(ma.Schema):
    """``?dry_run=true`` on an irreversible write: answer what it would fix, write nothing."""

    dry_run = ma.fields.Boolean(
        load_default=False,
        metadata={"description": "true: return the preview (checked as the write is), write nothing"},
    )


class IssuePreviewOut(ma.Schema):
    """What issuing the draft would fix (``dry_run``): the order's number and date, its totals, how
    many installments are stored, the decision it supersedes."""

    number = ma.fields.String()
    issued_on = ma.fields.Date()
    totals = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String())
    installments = Integer()
    supersedes = ma.fields.Nested(DecisionOut, allow_none=True)


class PaymentIn(ma.Schema):
    paid_on = ma.fields.Date(required=True)
    amount = Money(required=True)
    recipient = ma.fields.String(load_default="victim", validate=ma.validate.Length(min=1, max=20))
    applies_to = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(["periodic", "one_off", "penalty"]),
        metadata={"description": "periodic or one_off installments, or penalty: the art. 269 penalties"},
    )
    reference = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=120))
    recovery_ground = ma.fields.String(
        allow_none=True, validate=ma.validate.OneOf(["bad_faith", "counting_error"])
    )
    note = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=300))

    @ma.validates("amount")
    def _not_zero(self, value: Decimal, **kwargs: Any) -> None:
        if value == 0:
            raise ma.ValidationError(str(_l("A payment of zero records nothing.")))


class PaymentOut(Stamped):
    id = Integer()
    claim_id = Integer()
    paid_on = ma.fields.Date()
    amount = Money()
    recipient = ma.fields.String()
    applies_to = ma.fields.String()
    reference = ma.fields.String(allow_none=True)
    recovery_ground = ma.fields.String(allow_none=True)
    note = ma.fields.String(allow_none=True)
    voided_at = ma.fields.DateTime(allow_none=True)
    voided_by_id = Integer(allow_none=True)
    void_reason = ma.fields.String(allow_none=True)
    superseded_by_id = Integer(allow_none=True)


class PaymentCorrectionIn(PaymentIn):
    """The right payment in place of a mistaken one, with the reason."""

    reason = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=500))


class PaymentImportRow(PaymentIn):
    """One payment of an imported file: a payment as it is recorded one by one, and the claim it is paid
    under (the claim's No.). A CSV file has these as its columns, in any order."""

    claim_id = Integer(required=True, metadata={"description": "the claim's No. (its id)"})


class ImportErrorOut(ma.Schema):
    field = ma.fields.String(metadata={"description": "the row's field at fault (`_`: the row as a whole)"})
    message = ma.fields.String()


class ImportRowOut(ma.Schema):
    row = Integer(metadata={"description": "the payment's number in the file, from 1"})
    line = Integer(
        allow_none=True,
        metadata={"description": "its line in a CSV file (the header is line 1); null for JSON"},
    )
    status = ma.fields.String(
        validate=ma.validate.OneOf(["recorded", "valid", "error"]),
        metadata={
            "description": "recorded; valid (nothing recorded: other rows have errors); error",
        },
    )
    claim_id = Integer(allow_none=True)
    payment_id = Integer(allow_none=True, metadata={"description": "the payment recorded, when recorded"})
    errors = ma.fields.List(ma.fields.Nested(ImportErrorOut))


class PaymentImportOut(ma.Schema):
    """What became of each row of an imported file: all recorded, or none."""

    recorded = ma.fields.Boolean(metadata={"description": "every row recorded (true) or none (false)"})
    total = Integer(metadata={"description": "rows in the file"})
    refused = Integer(metadata={"description": "rows with errors"})
    rows = ma.fields.List(ma.fields.Nested(ImportRowOut))


class PaymentImportRefusedOut(PaymentImportOut):
    """The error document of a refused import; with the report of each row once the rows were read."""

    errors = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.List(ma.fields.String()),
        required=True,
        metadata={"description": "`rows.<row>.<field>`: the messages of each row's field at fault"},
    )
    code = ma.fields.String(required=True)


class StatementArgs(ma.Schema):
    as_of = ma.fields.Date(metadata={"description": "the statement's date (default: today, Bishkek)"})


class StatementDocumentArgs(DocumentArgs, StatementArgs):
    """The statement as a file, for everybody paid under the claim or for one recipient."""

    recipient = ma.fields.String(
        load_default="",
        validate=ma.validate.Length(max=20),
        metadata={"description": "one recipient's rows only: victim, or a survivor's key (default: all)"},
    )
    format = format_field("pdf", "xlsx")


class OrderDocumentArgs(DocumentArgs):
    """The order is a document to sign and hand over: a PDF."""

    format = format_field("pdf")


# --- appeals and court rulings ---------------------------------------------------------------------------


class AppealIn(ma.Schema):
    decision_id = Integer(allow_none=True)
    inspectorate = ma.fields.String(validate=ma.validate.OneOf(["state", "trade_union"]))
    filed_on = ma.fields.Date(required=True)
    grounds = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=5000))


class AppealChanges(ma.Schema):
    source_of_increased_danger = ma.fields.Boolean()
    employer_fault = ma.fields.Boolean()
    force_majeure = ma.fields.Boolean()
    victim_intent = ma.fields.Boolean()
    victim_fault_percent = Percent(validate=ma.validate.Range(min=0, max=99.99))


class AppealDecisionIn(ma.Schema):
    status = ma.fields.String(
        required=True, validate=ma.validate.OneOf(["granted", "partly_granted", "dismissed"])
    )
    decided_on = ma.fields.Date(allow_none=True)
    reasoning = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=5000))
    changes = ma.fields.Nested(AppealChanges, load_default=dict)
    number = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=60))
    version = Integer(required=True)


class AppealOut(Stamped):
    id = Integer()
    claim_id = Integer()
    decision_id = Integer(allow_none=True)
    inspectorate = ma.fields.String()
    filed_on = ma.fields.Date()
    grounds = ma.fields.String()
    status = ma.fields.String()
    decided_on = ma.fields.Date(allow_none=True)
    reasoning = ma.fields.String(allow_none=True)
    changes = ma.fields.Dict(allow_none=True)
    resulting_decision_id = Integer(allow_none=True)
    version = Integer()


class CourtRulingIn(ma.Schema):
    court = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=200))
    case_number = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=60))
    ruled_on = ma.fields.Date(required=True)
    summary = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=5000))
    amounts = ma.fields.Dict(
        keys=ma.fields.String(validate=ma.validate.Length(min=1, max=40)), values=Money(), load_default=dict
    )


class CourtRulingOut(Stamped, CourtRulingIn):
    id = Integer()
    claim_id = Integer()
    amounts = ma.fields.Dict()


class AttachmentOut(Stamped):
    id = Integer()
    owner_type = ma.fields.String()
    owner_id = Integer()
    title = ma.fields.String()
    filename = ma.fields.String()
    content_type = ma.fields.String()
    size = Integer()
    sha256 = ma.fields.String()
    uploaded_at = ma.fields.DateTime()


class ArchiveTransferIn(ma.Schema):
    transferred_on = ma.fields.Date(required=True)
    archive = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=200))
    reference = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=120))


class ArchiveTransferOut(Stamped, ArchiveTransferIn):
    id = Integer()
    claim_id = Integer()


class RightEndedIn(ma.Schema):
    key = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=20))
    ended_on = ma.fields.Date(required=True)
    reason = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=300))
    version = Integer(required=True)


# --- documented answers of views that build their body themselves (OpenAPI only; nothing is loaded) ----


def _page(item: Any, name: str) -> type[ma.Schema]:
    """A page of a list: its items, the total across all pages, and where this page is."""
    return ma.Schema.from_dict(
        {
            "items": ma.fields.List(ma.fields.Nested(item)),
            "total": Integer(),
            "page": Integer(),
            "per_page": Integer(),
            "next_cursor": next_cursor_field(),
        },
        name=name,
    )


class ScanOut(AttachmentOut):
    """A scanned document of a claim, finding or decision (named apart from cooperation's attachments)."""


FindingPage = _page(FindingOut, "FindingPage")
ClaimPage = _page(ClaimOut, "ClaimPage")


class ArchiveDueOut(Stamped):
    """A case file due for the state archive (art. 272); its times are the claim's."""

    claim_id = Integer()
    employer_id = Integer()
    claimant_name = ma.fields.String()
    last_paid_on = ma.fields.Date()


ArchiveDuePage = _page(ArchiveDueOut, "ArchiveDuePage")


class LedgerHistoryEntryOut(Stamped):
    """One entry of a claim's or a decision's audit trail, as its page shows it (named apart from the
    accidents' entries)."""

    id = Integer()
    at = ma.fields.AwareDateTime(default_timezone=UTC, metadata={"description": "when it happened (UTC)"})
    user_id = Integer(allow_none=True)
    user = ma.fields.Function(
        lambda e: e.user.full_name if e.user else None,
        metadata={"type": "string", "nullable": True, "description": "who did it; null for the system"},
    )
    action = ma.fields.String(metadata={"description": "create, update, transition, void, supersede, ..."})
    entity = ma.fields.String(metadata={"description": "claim, decision or payment (a claim's payments)"})
    entity_id = Integer()
    changes = ma.fields.Dict(
        keys=ma.fields.String(),
        metadata={"description": "the changed fields: {field: [before, after]}; before is null on creation"},
    )
    remark = ma.fields.String(allow_none=True)


class DueRowOut(ma.Schema):
    """An installment due in the month or still outstanding at its end, with the penalty it carries."""

    employer_id = Integer()
    employer_name = ma.fields.String()
    claim_id = Integer()
    decision_id = Integer()
    decision_number = ma.fields.String(allow_none=True)
    recipient = ma.fields.String(metadata={"description": "victim, or the survivor's key"})
    recipient_name = ma.fields.String()
    component = ma.fields.String()
    period = ma.fields.String(allow_none=True)
    amount = Money(allow_none=True, metadata={"description": "null for a one-off whose amount is not set"})
    due_date = ma.fields.String(metadata={"format": "date"})
    paid = Money(allow_none=True)
    outstanding = Money(allow_none=True)
    days_overdue = Integer(allow_none=True)
    penalty = Money(allow_none=True)


class PaymentsDuePage(ma.Schema):
    """A page of the awards in scope with their rows due in ``month`` (the page counts awards)."""

    month = ma.fields.String(metadata={"description": "YYYY-MM"})
    items = ma.fields.List(ma.fields.Nested(DueRowOut))
    outstanding_by_employer = ma.fields.List(
        ma.fields.Nested(
            ma.Schema.from_dict({"employer_name": ma.fields.String(), "outstanding": Money()}, name="DueOwed")
        ),
        metadata={
            "description": "what each employer of the page's awards has outstanding at the month's end"
        },
    )
    total = Integer(metadata={"description": "awards in scope (the pages count awards, not rows)"})
    page = Integer()
    per_page = Integer()


class PenaltiesOut(ma.Schema):
    """The art. 269 penalties of a statement and what the ledger's penalty payments paid of them."""

    accrued = Money(metadata={"description": "the penalties the engine computed (totals.penalty)"})
    paid = Money(metadata={"description": "applied from payments with applies_to penalty, oldest due first"})
    outstanding = Money()
    unapplied = Money(metadata={"description": "penalty payments beyond every penalty accrued"})


class StatementOut(ma.Schema):
    """The claim's statement: the engine's result document (contract kg-injury-compensation/2) for the
    issued decision as of ``as_of``, with the claim and decision it is for."""

    class Meta:
        unknown = ma.INCLUDE

    claim_id = Integer(required=True)
    decision_id = Integer(required=True)
    as_of = ma.fields.Date(required=True)
    penalties = ma.fields.Nested(PenaltiesOut, required=True)
