"""Messages of the cooperation records, in and out: one schema per message, shared by the pages and the API.

The field types and translated messages are the investigation's (accidents.schemas), so a date or a
length error reads the same everywhere. Checks against the database (the employer exists, the accident
belongs to it) are the services'; checks of dates against each other and against today are here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import marshmallow as ma
from marshmallow import fields, validate

from accidents.schemas import (
    VERSION,
    Bool,
    Day,
    HistoryEntryOut,
    Int,
    Rows,
    Schema,
    Str,
    choice,
    not_in_future,
    text,
)
from accidents.schemas import _l as message
from cooperation.classifiers import (
    ComplaintResult,
    DocumentKind,
    EventKind,
    Grounds,
    InspectionKind,
    NoticeKind,
    RequestKind,
    Severity,
)
from core.api import ListArgs, Stamped, next_cursor_field
from core.classifiers import Inspectorate, Region
from core.db import today_bishkek
from core.fields import Integer


def _l(text_: str) -> Any:  # the extractor's keyword: these msgids land in cooperation's catalogue
    return message(text_)


def _after(data: dict[str, Any], later: str, earlier: str, text_: Any) -> None:
    """``later`` is on or after ``earlier``, when both were given; else ``text_`` on ``later``."""
    a, b = data.get(later), data.get(earlier)
    if a and b and a < b:
        raise ma.ValidationError({later: [text_.format()]})


ID = Int(required=True)
OPTIONAL_ID = Int(load_default=None, allow_none=True)
PAGE = Int(load_default=1, validate=validate.Range(min=1, error=_l("Invalid value.")))
PER_PAGE = Int(load_default=25, validate=validate.Range(min=1, max=200, error=_l("Invalid value.")))


class Money(fields.Decimal):
    #: Documented as money (core.api: a string with two decimals).
    money = True

    default_error_messages = {
        "invalid": _l("Enter an amount, e.g. 1500.00."),
        "special": _l("Invalid value."),
    }


# --- the agreement ----------------------------------------------------------------------------------


class NoticeIn(Schema):
    """A party's written notice (arts. 3.4, 3.5): once given it stands; it is not edited."""

    notice_kind = choice(NoticeKind, required=True)
    notice_by = choice(Inspectorate, required=True)
    notice_received_on = Day(required=True, validate=not_in_future)
    version = VERSION


class TermOut(ma.Schema):
    starts_on = fields.Date()
    last_day = fields.Date()
    notice_by = fields.Date()
    extension = Integer()


class AgreementOut(Stamped):
    id = Integer()
    title = fields.String()
    trade_union_party = fields.String()
    state_party = fields.String()
    signed_on = fields.Date()
    notice_kind = fields.String(allow_none=True)
    notice_by = fields.String(allow_none=True)
    notice_received_on = fields.Date(allow_none=True)
    in_force = fields.Function(lambda a: a.standing().in_force, metadata={"type": "boolean"})
    term = fields.Function(
        lambda a: TermOut().dump(a.standing().term) if a.standing().term else None,
        metadata={"type": "object", "nullable": True},
    )
    ends_on = fields.Function(
        lambda a: a.standing().ends_on.isoformat() if a.standing().ends_on else None,
        metadata={"type": "string", "format": "date", "nullable": True},
    )
    version = Integer()


# --- norms ------------------------------------------------------------------------------------------


class NormIn(Schema):
    act = text(300, required=True)
    article = text(100, required=True)
    title = text(500, required=True)


class NormOut(Stamped):
    id = Integer()
    act = fields.String()
    article = fields.String()
    title = fields.String()


class NormPage(ma.Schema):
    items = fields.List(fields.Nested(NormOut))
    page = Integer()
    per_page = Integer()
    total = Integer()
    next_cursor = next_cursor_field()


class ListQuery(Schema, ListArgs):
    page = PAGE
    per_page = PER_PAGE


# --- inspections, violations, orders ----------------------------------------------------------------


class InspectionIn(Schema):
    """An inspection as opened; a joint one names the inspectors of both inspectorates."""

    employer_id = Int(required=True)
    kind = choice(InspectionKind, required=True)
    grounds = choice(Grounds, required=True)
    inspectors = text(1000, required=True)
    starts_on = Day(required=True)
    ends_on = Day(load_default=None, allow_none=True, validate=not_in_future)
    subject = text(1000, required=True)
    findings = text(20000)
    restricted = Bool(load_default=False)
    accident_id = OPTIONAL_ID
    complaint_id = OPTIONAL_ID
    request_id = OPTIONAL_ID
    plan_proposal_id = OPTIONAL_ID

    @ma.validates_schema
    def _dates(self, data: dict[str, Any], **_: Any) -> None:
        _after(data, "ends_on", "starts_on", _l("The end is before the start."))


class InspectionUpdate(InspectionIn):
    version = VERSION


class SignIn(Schema):
    version = VERSION


class ShareIn(Schema):
    inspectorate = choice(Inspectorate, required=True)


class ViolationIn(Schema):
    norm_id = Int(required=True)
    description = text(5000, required=True)
    severity = choice(Severity, required=True)
    accident_id = OPTIONAL_ID
    act_id = OPTIONAL_ID
    fine = Money(
        places=2,
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=0, min_inclusive=False, error=_l("The amount must be positive.")),
    )


class OrderIn(Schema):
    violation_id = OPTIONAL_ID
    requirement = text(5000, required=True)
    issued_on = Day(required=True, validate=not_in_future)
    due_on = Day(required=True)

    @ma.validates_schema
    def _dates(self, data: dict[str, Any], **_: Any) -> None:
        _after(data, "due_on", "issued_on", _l("The due date is before the order was issued."))


class FulfilmentIn(Schema):
    fulfilled_on = Day(required=True, validate=not_in_future)
    evidence = text(5000, required=True)
    version = VERSION


class OrderExtensionIn(Schema):
    extended_to = Day(required=True)
    extension_reason = text(2000, required=True)
    version = VERSION

    @ma.validates("extended_to")
    def _not_past(self, value: date, **_: Any) -> None:
        if value < today_bishkek():
            raise ma.ValidationError(_l("An extension runs to today or later.").format())


class SignatureOut(Stamped):
    inspectorate = fields.String()
    user = fields.Function(lambda s: s.user.full_name, metadata={"type": "string"})
    signed_at = fields.DateTime()


class OrderOut(Stamped):
    id = Integer()
    inspection_id = Integer()
    violation_id = Integer(allow_none=True)
    employer_id = fields.Function(lambda o: o.inspection.employer_id, metadata={"type": "integer"})
    requirement = fields.String()
    issued_on = fields.Date()
    due_on = fields.Date()
    extended_to = fields.Date(allow_none=True)
    extension_reason = fields.String(allow_none=True)
    fulfilled_on = fields.Date(allow_none=True)
    evidence = fields.String(allow_none=True)
    state = fields.Function(lambda o: str(o.state), metadata={"type": "string"})
    version = Integer()


class ViolationOut(Stamped):
    id = Integer()
    inspection_id = Integer()
    employer_id = fields.Function(lambda v: v.inspection.employer_id, metadata={"type": "integer"})
    norm = fields.Nested(NormOut)
    description = fields.String()
    severity = fields.String()
    accident_id = Integer(allow_none=True)
    act_id = Integer(allow_none=True)
    fine = fields.Decimal(places=2, as_string=True, allow_none=True)
    orders = fields.List(fields.Nested(OrderOut))
    repeated = fields.Function(lambda v: getattr(v, "repeated", False), metadata={"type": "boolean"})
    later_accident_ids = fields.Function(
        lambda v: getattr(v, "later_accident_ids", []),
        metadata={"type": "array", "items": {"type": "integer"}},
    )


class InspectionOut(Stamped):
    id = Integer()
    employer_id = Integer()
    employer_name = fields.Function(lambda i: i.employer.name, metadata={"type": "string"})
    kind = fields.String()
    grounds = fields.String()
    inspectorate = fields.String()
    inspectors = fields.String()
    starts_on = fields.Date()
    ends_on = fields.Date(allow_none=True)
    subject = fields.String()
    findings = fields.String(allow_none=True)
    restricted = fields.Boolean()
    accident_id = Integer(allow_none=True)
    complaint_id = Integer(allow_none=True)
    request_id = Integer(allow_none=True)
    plan_proposal_id = Integer(allow_none=True)
    signed = fields.Boolean()
    signatures = fields.List(fields.Nested(SignatureOut))
    violations = fields.List(fields.Nested(ViolationOut))
    orders = fields.List(fields.Nested(OrderOut))
    version = Integer()


class InspectionListItem(Stamped):
    id = Integer()
    employer_id = Integer()
    employer_name = fields.Function(lambda i: i.employer.name, metadata={"type": "string"})
    kind = fields.String()
    inspectorate = fields.String()
    starts_on = fields.Date()
    subject = fields.String()
    restricted = fields.Boolean()
    signed = fields.Boolean()


class InspectionPage(ma.Schema):
    items = fields.List(fields.Nested(InspectionListItem))
    page = Integer()
    per_page = Integer()
    total = Integer()
    next_cursor = next_cursor_field()


class InspectionQuery(ListQuery):
    employer_id = OPTIONAL_ID
    kind = choice(InspectionKind, load_default=None)


class ViolationQuery(ListQuery):
    """The violations register: by employer, sector, region and norm."""

    employer_id = OPTIONAL_ID
    norm_id = OPTIONAL_ID
    sector = text(2)
    region = choice(Region, load_default=None)
    repeated = Bool(load_default=False)


class ViolationPage(ma.Schema):
    items = fields.List(fields.Nested(ViolationOut))
    page = Integer()
    per_page = Integer()
    total = Integer()
    next_cursor = next_cursor_field()


class OrderQuery(ListQuery):
    employer_id = OPTIONAL_ID
    overdue = Bool(load_default=False)


class OrderPage(ma.Schema):
    items = fields.List(fields.Nested(OrderOut))
    page = Integer()
    per_page = Integer()
    total = Integer()
    next_cursor = next_cursor_field()


# --- requests (art. 2.2) ----------------------------------------------------------------------------


class RequestIn(Schema):
    kind = choice(RequestKind, required=True)
    subject = text(500, required=True)
    body = text(20000, required=True)
    due_on = Day(required=True)
    employer_id = OPTIONAL_ID
    complaint_id = OPTIONAL_ID
    restricted = Bool(load_default=False)

    @ma.validates("due_on")
    def _after_today(self, value: date, **_: Any) -> None:
        if value <= today_bishkek():
            raise ma.ValidationError(_l("The due date is after the day the request is sent.").format())


class AttachmentIn(Schema):
    """A file in JSON: its name, type and content in base64 (the pages post it as a form's file)."""

    filename = text(200, required=True)
    content_type = text(100, load_default="application/octet-stream")
    content_base64 = Str(required=True)


class AnswerIn(Schema):
    answer = text(20000, required=True)
    attachments = Rows(fields.Nested(AttachmentIn), load_default=list)
    version = VERSION


class AttachmentOut(Stamped):
    id = Integer()
    filename = fields.String()
    content_type = fields.String()
    size = Integer()
    sha256 = fields.String()
    uploaded_at = fields.DateTime()


class RequestOut(Stamped):
    id = Integer()
    from_inspectorate = fields.String()
    to_inspectorate = fields.String()
    kind = fields.String()
    subject = fields.String()
    body = fields.String()
    employer_id = Integer(allow_none=True)
    complaint_id = Integer(allow_none=True)
    sent_on = fields.Date()
    due_on = fields.Date()
    restricted = fields.Boolean()
    state = fields.Function(lambda r: str(r.state), metadata={"type": "string"})
    answer = fields.String(allow_none=True)
    answered_on = fields.Date(allow_none=True)
    attachments = fields.List(fields.Nested(AttachmentOut))
    version = Integer()


class RequestPage(ma.Schema):
    items = fields.List(fields.Nested(RequestOut))
    page = Integer()
    per_page = Integer()
    total = Integer()
    next_cursor = next_cursor_field()


class RequestQuery(ListQuery):
    overdue = Bool(load_default=False)


# --- complaints -------------------------------------------------------------------------------------


class ComplaintIn(Schema):
    employer_id = Int(required=True)
    complainant = text(200, required=True)
    contact = text(200)
    received_on = Day(required=True, validate=not_in_future)
    review_due_on = Day(required=True)
    subject = text(500, required=True)
    text = text(20000, required=True)
    restricted = Bool(load_default=True)

    @ma.validates_schema
    def _dates(self, data: dict[str, Any], **_: Any) -> None:
        _after(
            data, "review_due_on", "received_on", _l("The review is due before the complaint was received.")
        )


class ReviewIn(Schema):
    result = choice(ComplaintResult, required=True)
    result_text = text(20000, required=True)
    reviewed_on = Day(required=True, validate=not_in_future)
    version = VERSION


class ComplaintOut(Stamped):
    id = Integer()
    inspectorate = fields.String()
    employer_id = Integer()
    employer_name = fields.Function(lambda c: c.employer.name, metadata={"type": "string"})
    complainant = fields.String()
    contact = fields.String(allow_none=True)
    received_on = fields.Date()
    review_due_on = fields.Date()
    subject = fields.String()
    text = fields.String()
    restricted = fields.Boolean()
    status = fields.String()
    overdue = fields.Boolean()
    result = fields.String(allow_none=True)
    result_text = fields.String(allow_none=True)
    reviewed_on = fields.Date(allow_none=True)
    version = Integer()


class ComplaintPage(ma.Schema):
    items = fields.List(fields.Nested(ComplaintOut))
    page = Integer()
    per_page = Integer()
    total = Integer()
    next_cursor = next_cursor_field()


# --- plan proposals (art. 2.6) ----------------------------------------------------------------------


class ProposalIn(Schema):
    year = Int(required=True)
    employer_id = Int(required=True)
    reason = text(5000, required=True)

    @ma.validates("year")
    def _next_years(self, value: int, **_: Any) -> None:
        this_year = today_bishkek().year
        if not this_year <= value <= this_year + 1:
            raise ma.ValidationError(
                _l("The plan is for this year or the next ({first}-{last}).").format(
                    first=this_year, last=this_year + 1
                )
            )


class DecisionIn(Schema):
    decision = Str(
        required=True,
        validate=validate.OneOf(["accepted", "declined"], error=_l("Choose one of the listed values.")),
    )
    decision_reason = text(5000, required=True)
    version = VERSION


class ProposalOut(Stamped):
    id = Integer()
    year = Integer()
    employer_id = Integer()
    employer_name = fields.Function(lambda p: p.employer.name, metadata={"type": "string"})
    reason = fields.String()
    proposed_on = fields.Date()
    decision = fields.String()
    decision_reason = fields.String(allow_none=True)
    decided_on = fields.Date(allow_none=True)
    inspection_ids = fields.Function(
        lambda p: [i.id for i in p.inspections], metadata={"type": "array", "items": {"type": "integer"}}
    )
    completed = fields.Function(lambda p: any(i.signed for i in p.inspections), metadata={"type": "boolean"})
    version = Integer()


class ProposalPage(ma.Schema):
    items = fields.List(fields.Nested(ProposalOut))
    page = Integer()
    per_page = Integer()
    total = Integer()
    next_cursor = next_cursor_field()


class ProposalQuery(ListQuery):
    year = Int(load_default=None, allow_none=True)
    decision = Str(load_default=None, allow_none=True)


# --- joint work (arts. 1.4, 1.5, 2.4, 2.5, 2.9) -----------------------------------------------------


class WorkingGroupIn(Schema):
    name = text(300, required=True)
    purpose = text(5000, required=True)
    permanent = Bool(load_default=False)
    formed_on = Day(required=True, validate=not_in_future)
    members = text(5000, required=True)


class WorkingGroupOut(Stamped):
    id = Integer()
    name = fields.String()
    purpose = fields.String()
    permanent = fields.Boolean()
    formed_on = fields.Date()
    dissolved_on = fields.Date(allow_none=True)
    members = fields.String()


class MeasureItemIn(Schema):
    description = text(5000, required=True)
    owner = Str(
        required=True,
        validate=validate.OneOf(
            ["state", "trade_union", "both"], error=_l("Choose one of the listed values.")
        ),
    )
    responsible = text(300, required=True)
    due_on = Day(required=True)


class MeasurePlanIn(Schema):
    title = text(300, required=True)
    period_from = Day(required=True)
    period_to = Day(required=True)
    adopted_on = Day(required=True, validate=not_in_future)
    working_group_id = OPTIONAL_ID
    items = Rows(
        fields.Nested(MeasureItemIn),
        required=True,
        validate=validate.Length(min=1, error=_l("Add at least one measure.")),
    )

    @ma.validates_schema
    def _dates(self, data: dict[str, Any], **_: Any) -> None:
        _after(data, "period_to", "period_from", _l("The end is before the start."))


class ItemDoneIn(Schema):
    done_on = Day(required=True, validate=not_in_future)


class MeasureItemOut(Stamped):
    id = Integer()
    description = fields.String()
    owner = fields.String()
    responsible = fields.String()
    due_on = fields.Date()
    done_on = fields.Date(allow_none=True)
    overdue = fields.Boolean()


class MeasurePlanOut(Stamped):
    id = Integer()
    title = fields.String()
    period_from = fields.Date()
    period_to = fields.Date()
    adopted_on = fields.Date()
    working_group_id = Integer(allow_none=True)
    items = fields.List(fields.Nested(MeasureItemOut))


class EventIn(Schema):
    kind = choice(EventKind, required=True)
    title = text(300, required=True)
    held_on = Day(required=True)
    place = text(300)
    organiser = choice(Inspectorate, required=True)
    participants = text(5000, required=True)
    outcome = text(20000)
    working_group_id = OPTIONAL_ID


class EventOut(Stamped):
    id = Integer()
    kind = fields.String()
    title = fields.String()
    held_on = fields.Date()
    place = fields.String(allow_none=True)
    organiser = fields.String()
    participants = fields.String()
    outcome = fields.String(allow_none=True)
    working_group_id = Integer(allow_none=True)


class JointDocumentIn(Schema):
    kind = choice(DocumentKind, required=True)
    title = text(300, required=True)
    prepared_on = Day(required=True, validate=not_in_future)
    summary = text(20000)
    event_id = OPTIONAL_ID
    working_group_id = OPTIONAL_ID
    measure_plan_id = OPTIONAL_ID
    attachments = Rows(fields.Nested(AttachmentIn), load_default=list)


class JointDocumentOut(Stamped):
    id = Integer()
    kind = fields.String()
    title = fields.String()
    prepared_on = fields.Date()
    summary = fields.String(allow_none=True)
    event_id = Integer(allow_none=True)
    working_group_id = Integer(allow_none=True)
    measure_plan_id = Integer(allow_none=True)
    attachments = fields.List(fields.Nested(AttachmentOut))


def _page_of(item: type[ma.Schema], name: str) -> type[ma.Schema]:
    """A page of ``item``: every list of the API pages the same way (items, page, per_page, total)."""
    return type(
        name,
        (ma.Schema,),
        {
            "items": fields.List(fields.Nested(item)),
            "page": Integer(),
            "per_page": Integer(),
            "next_cursor": next_cursor_field(),
            "total": Integer(),
        },
    )


WorkingGroupPage = _page_of(WorkingGroupOut, "WorkingGroupPage")
MeasurePlanPage = _page_of(MeasurePlanOut, "MeasurePlanPage")
EventPage = _page_of(EventOut, "EventPage")
JointDocumentPage = _page_of(JointDocumentOut, "JointDocumentPage")

__all__ = ["HistoryEntryOut"]
