"""The feed's arguments and answer."""

from __future__ import annotations

import marshmallow as ma

from core.api import Cursor
from events.services import EVENTS


class ChangeArgs(ma.Schema):
    after = Cursor(
        metadata={"description": "the `after` of the previous answer (opaque); without it, from the start"}
    )
    limit = ma.fields.Integer(load_default=100, validate=ma.validate.Range(min=1, max=500))
    type = ma.fields.List(
        ma.fields.String(validate=ma.validate.OneOf(list(EVENTS))),
        metadata={"description": "only these event types (repeat the parameter for several)"},
    )


class ChangeEventOut(ma.Schema):
    id = ma.fields.Integer(metadata={"description": "the audit entry's id: events are in this order"})
    type = ma.fields.String(
        metadata={
            "enum": list(EVENTS),
            "description": "; ".join(f"`{name}`: {spec[3]}" for name, spec in EVENTS.items()),
        }
    )
    at = ma.fields.AwareDateTime(metadata={"description": "when it happened (UTC)"})
    record = ma.fields.String(metadata={"description": "the record's kind: act, msec_finding, claim, ..."})
    record_id = ma.fields.Integer()


class ChangeFeed(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(ChangeEventOut))
    after = ma.fields.String(
        metadata={"description": "give it as `after` next time: where this answer ends (the same when empty)"}
    )
    more = ma.fields.Boolean(metadata={"description": "more events follow at once (ask again with `after`)"})
