"""Messages of the liquidation API (art. 255): one schema in, one schema out (flask-smorest)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import marshmallow as ma
from flask_babel import lazy_gettext as _l

from claims.schemas import Money, PageArgs
from core.api import Stamped, next_cursor_field
from core.downloads import DocumentArgs, format_field
from core.fields import Integer


class CapitaliseIn(ma.Schema):
    on = ma.fields.Date(required=True, metadata={"description": "the day of capitalisation"})


class TransferIn(ma.Schema):
    transferred_on = ma.fields.Date(allow_none=True)
    amount = Money(
        allow_none=True,
        validate=ma.validate.Range(min=Decimal("0.01")),
        metadata={
            "description": "what this transfer paid into the Fund (a part may be transferred); "
            "default: all that is not transferred yet. More than that is refused (422 naming amount)."
        },
    )
    reference = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=120))
    not_made = ma.fields.Boolean(load_default=False)
    version = Integer(required=True)

    @ma.validates_schema
    def _one_of(self, data: dict[str, Any], **kwargs: Any) -> None:
        if not data.get("not_made") and not data.get("transferred_on"):
            raise ma.ValidationError(str(_l("The day the sum reached the Social Fund.")), "transferred_on")


class FundTransferOut(Stamped):
    id = Integer()
    transferred_on = ma.fields.Date()
    amount = Money()
    reference = ma.fields.String(allow_none=True)


class CapitalisationOut(Stamped):
    id = Integer()
    claim_id = Integer()
    employer_id = Integer()
    decision_id = Integer()
    recipient = ma.fields.String()
    computed_on = ma.fields.Date()
    monthly_award = Money()
    months = Integer()
    amount = Money()
    method = ma.fields.String()
    details = ma.fields.Dict()
    transferred_on = ma.fields.Date(allow_none=True)
    transfer_reference = ma.fields.String(allow_none=True)
    not_made = ma.fields.Boolean()
    version = Integer()
    transfers = ma.fields.List(ma.fields.Nested(FundTransferOut))
    transferred = Money(metadata={"description": "the sum of the transfers to the Social Fund"})


class CapitalisationPreviewLine(ma.Schema):
    """One recipient's sum that capitalising would fix (nothing is stored yet: no id)."""

    claim_id = Integer(attribute="record.claim_id")
    decision_id = Integer(attribute="record.decision_id")
    recipient = ma.fields.String(attribute="record.recipient")
    recipient_name = ma.fields.String(attribute="recipient")
    computed_on = ma.fields.Date(attribute="record.computed_on")
    monthly_award = Money(attribute="record.monthly_award")
    months = Integer(attribute="record.months")
    amount = Money(attribute="record.amount")
    method = ma.fields.String(attribute="record.method")
    until = ma.fields.String(
        allow_none=True, metadata={"format": "date", "description": "until when the award runs, if it ends"}
    )


class CapitalisationPreviewOut(ma.Schema):
    """What ``POST …/capitalisation?dry_run=true`` answers: each sum and the total, nothing written."""

    on = ma.fields.Date()
    lines = ma.fields.List(ma.fields.Nested(CapitalisationPreviewLine))
    total = Money()


class FundPaymentIn(ma.Schema):
    paid_on = ma.fields.Date(required=True)
    amount = Money(required=True, validate=ma.validate.Range(min=Decimal("0.01")))
    reference = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=120))


class FundPaymentOut(Stamped, FundPaymentIn):
    id = Integer()
    capitalisation_id = Integer()


class FundArgs(PageArgs):
    not_made = ma.fields.Boolean()


class CapitalisationBalance(CapitalisationOut):
    """A capitalised case as the Social Fund follows it: received, paid out since, and the balance."""

    employer = ma.fields.String(metadata={"description": "the liquidated employer's name"})
    received = Money()
    paid = Money()
    balance = Money()


CapitalisationPage = ma.Schema.from_dict(
    {
        "items": ma.fields.List(ma.fields.Nested(CapitalisationBalance)),
        "total": Integer(),
        "page": Integer(),
        "per_page": Integer(),
        "next_cursor": next_cursor_field(),
    },
    name="CapitalisationPage",
)


class SuccessorTransferOut(ma.Schema):
    claims_moved = Integer(metadata={"description": "claims (with their findings) now the successor's"})


class CapitalisationDocumentArgs(DocumentArgs):
    """The capitalisation statement for the liquidation commission: PDF or XLSX."""

    format = format_field("pdf", "xlsx")
