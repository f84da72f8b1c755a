"""Schema fields every package shares: numbers the database can hold.

A JSON body or a query string can carry any integer; SQLite and PostgreSQL hold 64 bits. An id or a
count beyond that would overflow inside the driver (a 500); here it is a field error (422).
"""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask_babel import lazy_gettext as _l
from werkzeug.routing import IntegerConverter

#: The range of the databases' BIGINT (and of SQLite's INTEGER).
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


class Integer(ma.fields.Integer):
    """A whole number that fits a BIGINT column."""

    default_error_messages = {"out_of_range": _l("The number is too large.")}

    def _validated(self, value: Any) -> int:
        number = super()._validated(value)
        if not INT64_MIN <= number <= INT64_MAX:
            raise self.make_error("out_of_range")
        return number


class RecordIdConverter(IntegerConverter):
    """``<int:...>`` in every route: a record id. One beyond 64 bits names no record, so it reads as 0,
    which no record has (ids start at 1): the lookup answers 404 as for any unknown id, where the
    driver would overflow. (A ``max`` on the converter would make werkzeug answer 405 instead, when
    another method's rule has the same path.)"""

    def to_python(self, value: str) -> int:
        number = int(super().to_python(value))
        return number if number <= INT64_MAX else 0
