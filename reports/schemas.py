"""What the national denominators' pages, API and CSV import accept (reports/denominators.py)."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import fields, validate

from accidents.schemas import Day, Int, Schema, Str, _l, text
from core.api import Stamped
from core.classifiers import SECTOR_LABELS, Region
from core.db import today_bishkek
from core.fields import Integer
from reports.models import COUNTRY, SEXES

#: The first year of the Kyrgyz Republic's own statistics.
FIRST_YEAR = 1991
REGIONS = [COUNTRY, *(r.value for r in Region)]
CHOOSE = _l("Choose one of the listed values.")


class DenominatorIn(Schema):
    """One published figure: people employed in a GKED section, region (or the country), year and sex."""

    year = Int(required=True, metadata={"description": "The calendar year the figure is for."})
    sector = Str(
        required=True,
        validate=validate.OneOf(list(SECTOR_LABELS), error=CHOOSE),
        metadata={"description": "GKED section letter."},
    )
    region = Str(
        required=True,
        validate=validate.OneOf(REGIONS, error=CHOOSE),
        metadata={"description": "A region, or 'country' for a figure of the whole country."},
    )
    sex = Str(
        load_default="all",
        validate=validate.OneOf(list(SEXES), error=CHOOSE),
        metadata={"description": "'all' (both sexes), 'female' or 'male'."},
    )
    employment = Int(
        required=True,
        validate=validate.Range(min=0, max=2_000_000_000, error=_l("Must be a whole number, 0 or more.")),
    )
    source = text(500, required=True, metadata={"description": "The publication and its table."})
    source_date = Day(required=True, metadata={"description": "The date of the publication."})

    @ma.validates("year")
    def _year_known(self, value: int, **_: Any) -> None:
        if not FIRST_YEAR <= value <= today_bishkek().year:
            raise ma.ValidationError(_l("A year from 1991 to the current year.").format())

    @ma.validates("source_date")
    def _published(self, value: Any, **_: Any) -> None:
        if value > today_bishkek():
            raise ma.ValidationError(_l("This date is in the future.").format())


class CorrectionIn(Schema):
    """A corrected figure: the new value, its source, and why the old one was wrong."""

    employment = DenominatorIn._declared_fields["employment"]
    source = DenominatorIn._declared_fields["source"]
    source_date = DenominatorIn._declared_fields["source_date"]
    reason = text(500, required=True, metadata={"description": "Why the figure is corrected (audited)."})
    version = Int(
        required=True, metadata={"description": "The version read; a stale one is refused with 409."}
    )

    _published = DenominatorIn._published


class DenominatorQuery(Schema):
    year = Int(load_default=None, allow_none=True)
    sector = Str(
        load_default=None, allow_none=True, validate=validate.OneOf(list(SECTOR_LABELS), error=CHOOSE)
    )
    region = Str(load_default=None, allow_none=True, validate=validate.OneOf(REGIONS, error=CHOOSE))


class DenominatorOut(Stamped):
    id = Integer()
    year = Integer()
    sector = fields.String()
    region = fields.String()
    sex = fields.String()
    employment = Integer()
    source = fields.String()
    source_date = fields.Date()
    version = Integer()
