"""The webhooks' API and form: what is registered, what is answered, the delivery log."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask_babel import lazy_gettext as _l

from events.services import EVENTS

#: How a person reads each event type (the feed's own descriptions are the API's, in English).
EVENT_LABELS: dict[str, Any] = {
    "act.submitted": _l("An act N-1 was submitted for review"),
    "act.returned": _l("An act was returned to the employer for correction"),
    "act.approved": _l("An act was approved"),
    "finding.recorded": _l("An MSEC finding was recorded"),
    "claim.filed": _l("A compensation claim was filed"),
    "decision.issued": _l("A decision was issued"),
    "payment.recorded": _l("A payment was recorded"),
    "capitalisation.transferred": _l("A capitalised sum was transferred to the Social Fund"),
    "request.answered": _l("A request between the inspectorates was answered"),
}


def _url(required: bool = False) -> ma.fields.Url:
    return ma.fields.Url(
        required=required,
        schemes={"http", "https"},
        require_tld=False,
        validate=ma.validate.Length(max=500),
        metadata={"description": "where the events are POSTed (http or https)"},
    )


def _events(required: bool = False) -> ma.fields.List:
    return ma.fields.List(
        ma.fields.String(validate=ma.validate.OneOf(list(EVENTS))),
        required=required,
        validate=ma.validate.Length(min=1, error=_l("Choose at least one event.")),
        metadata={"description": "the event types of GET /api/v1/events it receives"},
    )


class WebhookIn(ma.Schema):
    url = _url(required=True)
    events = _events(required=True)


class WebhookPatch(ma.Schema):
    url = _url()
    events = _events()
    active = ma.fields.Boolean(metadata={"description": "false stops the deliveries; true resumes them"})


class WebhookOut(ma.Schema):
    id = ma.fields.Integer()
    url = ma.fields.String()
    events = ma.fields.List(ma.fields.String(metadata={"enum": list(EVENTS)}))
    active = ma.fields.Boolean()
    owner_id = ma.fields.Integer()
    created_at = ma.fields.AwareDateTime()
    updated_at = ma.fields.AwareDateTime()
    #: One schema for the registration's answer and the reads, so the 201's Location is the webhook's
    #: own URL; only the registration's answer carries the secret (jobs.webhooks.create_webhook).
    secret = ma.fields.Function(
        lambda w: getattr(w, "secret_shown_once", None),
        metadata={
            "type": "string",
            "nullable": True,
            "description": "the HMAC-SHA256 key of X-Emgek-Signature: in the registration's answer only, "
            "null everywhere else",
        },
    )


class WebhookList(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(WebhookOut))


class AttemptOut(ma.Schema):
    id = ma.fields.Integer()
    delivery_id = ma.fields.Integer(metadata={"description": "the X-Emgek-Delivery header"})
    event_id = ma.fields.Function(lambda a: a.delivery.event_id, metadata={"type": "integer"})
    event_type = ma.fields.Function(lambda a: a.delivery.event_type, metadata={"type": "string"})
    delivery_status = ma.fields.Function(
        lambda a: str(a.delivery.status),
        metadata={"type": "string", "enum": ["pending", "delivered", "failed"]},
    )
    at = ma.fields.AwareDateTime(metadata={"description": "when the POST was made (UTC)"})
    status_code = ma.fields.Integer(allow_none=True, metadata={"description": "the receiver's answer"})
    error = ma.fields.String(allow_none=True, metadata={"description": "why no answer came"})
    duration_ms = ma.fields.Integer()
    next_retry_at = ma.fields.AwareDateTime(
        allow_none=True, metadata={"description": "the next try (UTC); none once delivered or given up"}
    )


class AttemptArgs(ma.Schema):
    """A page of the delivery log: a receiver down for a week leaves thousands of attempts."""

    page = ma.fields.Integer(load_default=1, validate=ma.validate.Range(min=1))
    per_page = ma.fields.Integer(load_default=50, validate=ma.validate.Range(min=1, max=200))


class AttemptList(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(AttemptOut))
    total = ma.fields.Integer(metadata={"description": "attempts in the whole log"})
    page = ma.fields.Integer()
    per_page = ma.fields.Integer()
