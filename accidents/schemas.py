"""Messages of the investigation, in and out: one schema per message, shared by the pages and the API.

Validation messages are translated: marshmallow formats only ``str`` messages,
so :class:`Message` is a ``str`` that looks up its translation when formatted.
Field paths of nested errors are what clients see (``measures.0.due_date``).
"""

from __future__ import annotations

from datetime import UTC, date
from typing import Any

import marshmallow as ma
from flask_babel import gettext
from marshmallow import fields, validate

from accidents import classifiers
from accidents.classifiers import (
    BODY_PARTS,
    CAUSES,
    DISABILITY_GROUPS,
    INCIDENT_TYPES,
    INJURY_NATURES,
    MATERIAL_AGENTS,
    OCCUPATIONS,
)
from accidents.workflow import ACT_TRANSITIONS
from core.api import ListArgs, Stamped, next_cursor_field
from core.classifiers import SECTOR_LABELS, Region
from core.db import BISHKEK, today_bishkek
from core.downloads import DocumentArgs, format_field
from core.fields import Integer, ascii_digits, plain_text, visible


class Message(str):
    """A validation message translated when marshmallow formats it, i.e. in the request's language."""

    __slots__ = ()

    def format(self, *args: Any, **kwargs: Any) -> str:
        return gettext(str(self)).format(*args, **kwargs)


def _l(message: str) -> Message:  # the extractor's keyword: these msgids land in the catalogue
    return Message(message)


REQUIRED = _l("This field is required.")
BASE_MESSAGES = {
    "required": REQUIRED,
    "null": REQUIRED,
    "validator_failed": _l("Invalid value."),
}


class Str(fields.String):
    default_error_messages = {
        **BASE_MESSAGES,
        "invalid": _l("Enter text."),
        "invalid_utf8": _l("Enter text."),
    }


class Int(Integer):
    default_error_messages = {**BASE_MESSAGES, "invalid": _l("Enter a whole number.")}


class Day(fields.Date):
    default_error_messages = {
        **BASE_MESSAGES,
        "invalid": _l("Enter a date (YYYY-MM-DD)."),
        "format": _l("Enter a date (YYYY-MM-DD)."),
    }


class Moment(fields.AwareDateTime):
    """A date and time; without an offset it is Bishkek time, as people write it."""

    default_error_messages = {
        **BASE_MESSAGES,
        "invalid": _l("Enter a date and time (YYYY-MM-DD HH:MM)."),
        "invalid_awareness": _l("Enter a date and time (YYYY-MM-DD HH:MM)."),
        "format": _l("Enter a date and time (YYYY-MM-DD HH:MM)."),
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(default_timezone=BISHKEK, **kwargs)


class Bool(fields.Boolean):
    default_error_messages = {**BASE_MESSAGES, "invalid": _l("Choose yes or no.")}


class Rows(fields.List):
    default_error_messages = {**BASE_MESSAGES, "invalid": _l("Enter a list.")}


class Row(fields.Nested):
    default_error_messages = {**BASE_MESSAGES, "type": _l("Enter an object.")}


class Schema(ma.Schema):
    error_messages = {"unknown": _l("Unknown field."), "type": _l("Invalid input type.")}


def _shows(value: str) -> None:
    """Not only spaces or zero-width characters (empty text is the length check's: one message)."""
    if value:
        visible(value)


def text(max_length: int, required: bool = False, default: bool = True, **kwargs: Any) -> Str:
    """A text field with a length limit; a required one may not be blank.

    ``default=False`` leaves an absent optional field out of the loaded data (PATCH).
    """
    checks: list[Any] = [validate.Length(max=max_length, error=_l("At most {max} characters.")), plain_text]
    if required:
        checks[:0] = [validate.Length(min=1, error=REQUIRED), _shows]
        return Str(required=True, validate=checks, **kwargs)
    if default:
        kwargs.setdefault("load_default", None)
    return Str(allow_none=True, validate=checks, **kwargs)


def choice(enum: Any, required: bool = False, nullable: bool = True, **kwargs: Any) -> Str:
    values = [str(e.value) for e in enum]
    check = validate.OneOf(values, error=_l("Choose one of the listed values."))
    if required:
        return Str(required=True, validate=check, **kwargs)
    return Str(allow_none=nullable, validate=check, **kwargs)


def code(codes: dict[int, Any], **kwargs: Any) -> Int:
    return Int(validate=validate.OneOf(list(codes), error=_l("Choose one of the listed codes.")), **kwargs)


def not_in_future(value: date) -> None:
    if value > today_bishkek():
        raise ma.ValidationError(_l("The date cannot be in the future.").format())


#: No one alive was born before this; 0001-01-01 is a date picker's default, not a birthday.
EARLIEST_BIRTH = date(1900, 1, 1)


def plausible_birth(value: date) -> None:
    not_in_future(value)
    if value < EARLIEST_BIRTH:
        raise ma.ValidationError(_l("Enter a date of birth from 1900 on.").format())


VERSION = Int(
    required=True,
    validate=validate.Range(min=1, error=_l("Invalid value.")),
    metadata={"description": "The version the client read; a mismatch is answered with 409."},
)


# --- accidents --------------------------------------------------------------------------------------


class VictimIn(Schema):
    """An injured person named in the report (пострадавший)."""

    id = Int(load_default=None, allow_none=True, metadata={"description": "Set to update a known victim."})
    pin = Str(
        required=True,
        validate=ascii_digits(14, _l("The personal number (PIN) has 14 digits.")),
    )
    full_name = text(200, required=True)
    sex = choice(classifiers.Sex, required=True)
    birth_date = Day(required=True, validate=plausible_birth)
    occupation = text(200, required=True)


class AccidentHeader(Schema):
    occurred_at = Moment(required=True)
    place = text(500, required=True)
    category = choice(classifiers.Category, required=True)
    incident_type = code(INCIDENT_TYPES, required=True)
    circumstances = text(20000, required=True)

    @ma.validates("occurred_at")
    def _not_in_future(self, value: Any, **_: Any) -> None:
        if value.astimezone(BISHKEK).date() > today_bishkek():
            raise ma.ValidationError(_l("The date cannot be in the future.").format())

    @ma.validates_schema(skip_on_field_errors=False)
    def _victims(self, data: dict[str, Any], **_: Any) -> None:
        victims = data.get("victims") or []
        errors: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for i, victim in enumerate(victims):
            pin = victim.get("pin")
            if pin in seen:
                errors.setdefault("victims", {})[i] = {"pin": [_l("This person is already listed.").format()]}
            seen.setdefault(pin, i)
        if data.get("category") == classifiers.Category.GROUP and "victims" in data and len(victims) < 2:
            errors["category"] = [_l("A group accident has two or more victims.").format()]
        occurred = data.get("occurred_at")
        for i, victim in enumerate(victims):
            if (
                occurred
                and victim.get("birth_date")
                and victim["birth_date"] >= occurred.astimezone(BISHKEK).date()
            ):
                errors.setdefault("victims", {}).setdefault(i, {})["birth_date"] = [
                    _l("The date of birth is after the accident.").format()
                ]
        if errors:
            raise ma.ValidationError(errors)


class AccidentIn(AccidentHeader):
    """The report of an accident (сообщение о несчастном случае)."""

    employer_id = Int(
        load_default=None,
        allow_none=True,
        metadata={"description": "Administrators choose; a safety officer reports for their employer."},
    )
    victims = Rows(
        Row(VictimIn),
        required=True,
        validate=validate.Length(min=1, max=100, error=_l("Name at least one injured person.")),
    )


class AccidentUpdate(AccidentHeader):
    """The whole report again (PUT): the header and every victim, the known ones by ``id``, new ones
    without. Like a claim's correction, the list is required: a client that leaves it out gets a 422
    naming it, never a silent merge, and a victim cannot be dropped by leaving it out (issue 12)."""

    version = VERSION
    victims = Rows(
        Row(VictimIn),
        required=True,
        validate=validate.Length(min=1, max=100, error=_l("Name at least one injured person.")),
    )


class MemberIn(Schema):
    full_name = text(200, required=True)
    post = text(300, required=True)
    role = choice(classifiers.CommissionRole, required=True)


class CommissionIn(Schema):
    """The order forming the commission and its members; forming it starts the investigation."""

    version = VERSION
    formed_on = Day(required=True, validate=not_in_future)
    order_no = text(60)
    members = Rows(Row(MemberIn), required=True, validate=validate.Length(max=30, error=_l("Too many rows.")))


class ExtensionIn(Schema):
    version = VERSION
    reason = text(2000, required=True)


class NotificationSent(Schema):
    """That (and how) a notice went to a body."""

    version = VERSION
    recipient_name = text(300)
    sent_at = Moment(required=True)
    method = choice(classifiers.NotificationMethod, required=True)
    reference = text(120)


class NoticeSentItem(Schema):
    """One of the notices marked sent together: which, as read (``version``), and its own reference."""

    id = Int(required=True, validate=validate.Range(min=1, error=_l("Invalid value.")))
    version = VERSION
    reference = text(120)
    recipient_name = text(300)


class NotificationsSent(Schema):
    """Several notices of one accident that went at the same moment and the same way."""

    sent_at = Moment(required=True)
    method = choice(classifiers.NotificationMethod, required=True)
    notices = Rows(
        Row(NoticeSentItem),
        required=True,
        validate=validate.Length(min=1, max=20, error=_l("Choose at least one notice.")),
    )


class NotificationNew(Schema):
    """A notice to a body the rules do not require for this category (sent by choice)."""

    recipient = choice(classifiers.Recipient, required=True)
    recipient_name = text(300)
    sent_at = Moment(load_default=None, allow_none=True)
    method = choice(classifiers.NotificationMethod, load_default=None)
    reference = text(120)


class AccidentQuery(Schema, ListArgs):
    """Filters of the accident list; the period is the accident's date in Bishkek."""

    employer_id = Int(load_default=None, allow_none=True)
    date_from = Day(load_default=None, allow_none=True)
    date_to = Day(load_default=None, allow_none=True)
    category = choice(classifiers.Category, load_default=None)
    status = choice(classifiers.Status, load_default=None)
    region = choice(Region, load_default=None)
    sector = Str(
        load_default=None,
        allow_none=True,
        validate=validate.OneOf(list(SECTOR_LABELS), error=_l("Choose one of the listed values.")),
        metadata={"description": "The employer's GKED section letter."},
    )
    overdue = Bool(load_default=False)
    q = text(200, metadata={"description": "Victim's name (part of it) or PIN."})
    page = Int(load_default=1, validate=validate.Range(min=1, error=_l("Invalid value.")))
    per_page = Int(load_default=25, validate=validate.Range(min=1, max=200, error=_l("Invalid value.")))

    @ma.validates_schema
    def _period(self, data: dict[str, Any], **_: Any) -> None:
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            raise ma.ValidationError({"date_to": [_l("The end is before the start.").format()]})


# --- acts -------------------------------------------------------------------------------------------


class MeasureIn(Schema):
    description = text(2000, required=True)
    due_date = Day(required=True)
    responsible = text(300)


class WitnessIn(Schema):
    full_name = text(200, required=True)
    contact = text(300)


class ResponsibleIn(Schema):
    full_name = text(200, required=True)
    post = text(300, required=True)
    norms_violated = text(4000, required=True)


def _optional_date(**kwargs: Any) -> Day:
    return Day(allow_none=True, **kwargs)


class ActIn(Schema):
    """Changes to an act (PATCH): fields absent stay as they are; a list given replaces the list.

    Anything may be left empty while the commission works; what an act needs to be
    submitted is checked on submission (services.check_complete).
    """

    version = VERSION
    kind = choice(classifiers.ActKind, nullable=False)
    service_years = Int(allow_none=True, validate=validate.Range(min=0, max=80, error=_l("Invalid value.")))
    service_months = Int(
        allow_none=True, validate=validate.Range(min=0, max=11, error=_l("From 0 to 11 months."))
    )
    induction_briefing_on = _optional_date()
    workplace_briefing_on = _optional_date()
    osh_training_on = _optional_date()
    knowledge_test_on = _optional_date()
    knowledge_test_protocol = text(60, default=False)
    place_description = text(10000, default=False)
    equipment = text(4000, default=False)
    circumstances = text(20000, default=False)
    incident_type = code(INCIDENT_TYPES, allow_none=True)
    injury_nature = text(300, default=False)
    body_part = text(300, default=False)
    injury_nature_code = code(INJURY_NATURES, allow_none=True, metadata={"description": "ESAW injury type."})
    body_part_code = code(BODY_PARTS, allow_none=True, metadata={"description": "ESAW part of body injured."})
    occupation_code = Str(
        allow_none=True,
        validate=validate.OneOf(list(OCCUPATIONS), error=_l("Choose one of the listed codes.")),
        metadata={"description": "ISCO-08 major (one digit) or sub-major (two digits) group."},
    )
    material_agent_code = code(MATERIAL_AGENTS, allow_none=True, metadata={"description": "ESAW agent."})
    diagnosis = text(4000, default=False)
    severity = choice(classifiers.Severity)
    medical_institution = text(300, default=False)
    medical_conclusion_no = text(60, default=False)
    medical_conclusion_on = _optional_date(validate=not_in_future)
    intoxication = choice(classifiers.Intoxication, nullable=False)
    intoxication_evidence = text(2000, default=False)
    main_cause = code(CAUSES, allow_none=True)
    contributing_causes = Rows(code(CAUSES), validate=validate.Length(max=14, error=_l("Too many rows.")))
    causes_text = text(10000, default=False)
    victim_fault_percent = Int(
        allow_none=True,
        validate=validate.Range(
            min=0,
            max=100,
            max_inclusive=False,
            error=_l("The victim's fault is at least 0 and less than 100 % (art. 230)."),
        ),
    )
    work_related = Bool(allow_none=True)
    work_related_grounds = text(4000, default=False)
    diagnosed_on = _optional_date(validate=not_in_future)
    final_diagnosis = text(4000, default=False)
    pathology_centre = text(300, default=False)
    harmful_factors = text(4000, default=False)
    exposure_years = Int(allow_none=True, validate=validate.Range(min=0, max=70, error=_l("Invalid value.")))
    measures = Rows(Row(MeasureIn), validate=validate.Length(max=50, error=_l("Too many rows.")))
    witnesses = Rows(Row(WitnessIn), validate=validate.Length(max=50, error=_l("Too many rows.")))
    responsible_persons = Rows(
        Row(ResponsibleIn), validate=validate.Length(max=50, error=_l("Too many rows."))
    )

    @ma.validates_schema
    def _intoxication(self, data: dict[str, Any], **_: Any) -> None:
        if data.get("intoxication") not in (None, classifiers.Intoxication.NONE) and not data.get(
            "intoxication_evidence", "x"
        ):
            raise ma.ValidationError(
                {"intoxication_evidence": [_l("Say how the intoxication was established.").format()]}
            )


ACT_ACTIONS = sorted({str(action.value) for (_, action) in ACT_TRANSITIONS})


class TransitionIn(Schema):
    """A workflow action on an act: submit, withdraw, start_review, approve, return, amend."""

    version = VERSION
    action = Str(required=True, validate=validate.OneOf(ACT_ACTIONS, error=_l("Unknown action.")))
    remark = text(4000)


class AgreementIn(Schema):
    """An inspector's agreement that a light accident is not work-related (art. 223, part 7)."""

    version = VERSION
    remark = text(4000)


class ActQuery(Schema, ListArgs):
    status = choice(classifiers.Status, load_default=None)
    kind = choice(classifiers.ActKind, load_default=None)
    employer_id = Int(load_default=None, allow_none=True)
    page = Int(load_default=1, validate=validate.Range(min=1, error=_l("Invalid value.")))
    per_page = Int(load_default=25, validate=validate.Range(min=1, max=200, error=_l("Invalid value.")))


# --- out --------------------------------------------------------------------------------------------


class DeadlineOut(ma.Schema):
    due_on = fields.Date()
    state = fields.String()
    days = Integer()


class VictimOut(Stamped):
    id = Integer()
    pin = fields.String()
    full_name = fields.String()
    sex = fields.String()
    birth_date = fields.Date()
    occupation = fields.String()
    act_id = fields.Function(
        lambda v: v.act.id if v.act else None, metadata={"type": "integer", "nullable": True}
    )


class MemberOut(Stamped):
    full_name = fields.String()
    post = fields.String()
    role = fields.String()


class NotificationOut(Stamped):
    id = Integer()
    recipient = fields.String()
    required = fields.Boolean()
    due_at = fields.DateTime(allow_none=True)  # none for a notice sent by choice (no deadline)
    recipient_name = fields.String(allow_none=True)
    sent_at = fields.DateTime(allow_none=True)
    method = fields.String(allow_none=True)
    reference = fields.String(allow_none=True)
    state = fields.String()
    version = Integer()


class ActSummaryOut(Stamped):
    id = Integer()
    victim_id = Integer()
    kind = fields.String()
    status = fields.String()
    revision = Integer()


class AccidentOut(Stamped):
    id = Integer()
    employer_id = Integer()
    employer_name = fields.Function(lambda a: a.employer.name, metadata={"type": "string"})
    occurred_at = fields.DateTime()
    place = fields.String()
    category = fields.String()
    incident_type = Integer()
    circumstances = fields.String()
    status = fields.String()
    reported_at = fields.DateTime()
    commission_formed_on = fields.Date(allow_none=True)
    commission_order_no = fields.String(allow_none=True)
    commission = fields.List(fields.Nested(MemberOut))
    investigation_due_on = fields.Date()
    extension_count = Integer()
    extension_reason = fields.String(allow_none=True)
    investigation_closed_on = fields.Date(allow_none=True)
    deadline = fields.Nested(DeadlineOut)
    notifications_overdue = fields.Boolean()
    victims = fields.List(fields.Nested(VictimOut))
    notifications = fields.List(fields.Nested(NotificationOut))
    acts = fields.List(fields.Nested(ActSummaryOut))
    version = Integer()


class AccidentListItem(Stamped):
    """One accident of the list: dumps services.AccidentRow (plain values, no ORM object)."""

    id = Integer()
    employer_id = Integer()
    employer_name = fields.String()
    occurred_at = fields.DateTime()
    category = fields.String()
    status = fields.String()
    victims = fields.List(fields.String())
    deadline = fields.Nested(DeadlineOut)
    notifications_overdue = fields.Boolean()
    version = Integer()


class AccidentPage(ma.Schema):
    items = fields.List(fields.Nested(AccidentListItem))
    page = Integer()
    per_page = Integer()
    total = Integer()
    next_cursor = next_cursor_field()


class MeasureOut(Stamped):
    id = Integer()
    description = fields.String()
    due_date = fields.Date()
    responsible = fields.String(allow_none=True)
    completed_on = fields.Date(allow_none=True)
    verified_at = fields.DateTime(allow_none=True)


class WitnessOut(Stamped):
    full_name = fields.String()
    contact = fields.String(allow_none=True)


class ResponsibleOut(Stamped):
    full_name = fields.String()
    post = fields.String()
    norms_violated = fields.String()


class RevisionSummaryOut(Stamped):
    id = Integer()
    number = Integer()
    approved_at = fields.AwareDateTime(default_timezone=UTC, metadata={"description": "when (UTC)"})


class ActOut(Stamped):
    id = Integer()
    accident_id = Integer()
    victim = fields.Nested(VictimOut)
    kind = fields.String()
    status = fields.String()
    revision = Integer()
    service_years = Integer(allow_none=True)
    service_months = Integer(allow_none=True)
    induction_briefing_on = fields.Date(allow_none=True)
    workplace_briefing_on = fields.Date(allow_none=True)
    osh_training_on = fields.Date(allow_none=True)
    knowledge_test_on = fields.Date(allow_none=True)
    knowledge_test_protocol = fields.String(allow_none=True)
    place_description = fields.String(allow_none=True)
    equipment = fields.String(allow_none=True)
    circumstances = fields.String(allow_none=True)
    incident_type = Integer(allow_none=True)
    injury_nature = fields.String(allow_none=True)
    body_part = fields.String(allow_none=True)
    injury_nature_code = Integer(allow_none=True)
    body_part_code = Integer(allow_none=True)
    occupation_code = fields.String(allow_none=True)
    material_agent_code = Integer(allow_none=True)
    diagnosis = fields.String(allow_none=True)
    severity = fields.String(allow_none=True)
    medical_institution = fields.String(allow_none=True)
    medical_conclusion_no = fields.String(allow_none=True)
    medical_conclusion_on = fields.Date(allow_none=True)
    intoxication = fields.String()
    intoxication_evidence = fields.String(allow_none=True)
    main_cause = Integer(allow_none=True)
    contributing_causes = fields.List(Integer())
    causes_text = fields.String(allow_none=True)
    victim_fault_percent = Integer(allow_none=True)
    work_related = fields.Boolean(allow_none=True)
    work_related_grounds = fields.String(allow_none=True)
    diagnosed_on = fields.Date(allow_none=True)
    final_diagnosis = fields.String(allow_none=True)
    pathology_centre = fields.String(allow_none=True)
    harmful_factors = fields.String(allow_none=True)
    exposure_years = Integer(allow_none=True)
    measures = fields.List(fields.Nested(MeasureOut))
    witnesses = fields.List(fields.Nested(WitnessOut))
    responsible_persons = fields.List(fields.Nested(ResponsibleOut))
    submitted_at = fields.DateTime(allow_none=True)
    approved_at = fields.DateTime(allow_none=True)
    review_remark = fields.String(allow_none=True)
    not_work_related_agreed_at = fields.DateTime(attribute="nwr_agreed_at", allow_none=True)
    amendment_reason = fields.String(allow_none=True)
    revisions = fields.List(fields.Nested(RevisionSummaryOut))
    version = Integer()


class ActListItem(Stamped):
    id = Integer()
    accident_id = Integer()
    victim_name = fields.Function(lambda a: a.victim.full_name, metadata={"type": "string"})
    kind = fields.String()
    status = fields.String()
    revision = Integer()
    submitted_at = fields.DateTime(allow_none=True)
    version = Integer()


class ActPage(ma.Schema):
    items = fields.List(fields.Nested(ActListItem))
    page = Integer()
    per_page = Integer()
    total = Integer()
    next_cursor = next_cursor_field()


class RevisionOut(Stamped):
    id = Integer()
    act_id = Integer()
    number = Integer()
    approved_at = fields.AwareDateTime(default_timezone=UTC, metadata={"description": "when (UTC)"})
    content = fields.Dict(
        metadata={
            "description": "the act as approved, frozen; its moments in UTC with their offset "
            "(`accident.occurred_at`), as the page and the print show them in Bishkek time"
        }
    )


class HistoryEntryOut(Stamped):
    at = fields.DateTime()
    user = fields.Function(
        lambda e: e.user.full_name if e.user else None, metadata={"type": "string", "nullable": True}
    )
    action = fields.String()
    changes = fields.Dict()
    remark = fields.String(allow_none=True)


# --- consequences (RU form 8) -----------------------------------------------------------------------


class ConsequenceIn(Schema):
    """How the victim's case ended, recorded when the incapacity ends (сообщение о последствиях).

    What each outcome needs and how the dates stand against the accident is checked by the service
    (services need the accident's day); here only each field on its own.
    """

    version = Int(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1, error=_l("Invalid value.")),
        metadata={"description": "The version read; required to correct a recorded consequence (409)."},
    )
    outcome = choice(classifiers.Outcome, required=True)
    disability_group = Str(
        load_default=None,
        allow_none=True,
        validate=validate.OneOf(list(DISABILITY_GROUPS), error=_l("Choose one of the listed values.")),
    )
    incapacity_from = _optional_date(load_default=None, validate=not_in_future)
    incapacity_to = _optional_date(load_default=None, validate=not_in_future)
    days_lost = Int(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=0, max=3660, error=_l("Invalid value.")),
        metadata={"description": "Working days of incapacity."},
    )
    died_on = _optional_date(load_default=None, validate=not_in_future)


class ConsequenceOut(Stamped):
    act_id = fields.Function(
        lambda c: c.victim.act.id if c.victim.act else None, metadata={"type": "integer", "nullable": True}
    )
    victim_id = Integer()
    outcome = fields.String()
    disability_group = fields.String(allow_none=True)
    incapacity_from = fields.Date(allow_none=True)
    incapacity_to = fields.Date(allow_none=True)
    days_lost = Integer(allow_none=True)
    died_on = fields.Date(allow_none=True)
    recorded_at = fields.DateTime()
    updated_at = fields.DateTime()
    version = Integer()


# --- measures after the act -------------------------------------------------------------------------


class CompletionIn(Schema):
    """The day the employer did the measure; empty (null) withdraws a report made by mistake."""

    completed_on = _optional_date(required=True, validate=not_in_future)


class MeasureStatusOut(Stamped):
    id = Integer()
    act_id = Integer()
    description = fields.String()
    due_date = fields.Date()
    completed_on = fields.Date(allow_none=True)
    verified_at = fields.DateTime(allow_none=True)
    verified_by = fields.Function(
        lambda m: m.verified_by.full_name if m.verified_by else None,
        metadata={"type": "string", "nullable": True},
    )


class ActDocumentArgs(DocumentArgs):
    """The printed act N-1: a form to sign and hand over, so a PDF only (no table to reckon with)."""

    format = format_field("pdf")
