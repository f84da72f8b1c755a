"""Schema fields every package shares: numbers the database can hold.

A JSON body, a query string or a URL can carry any integer; the INTEGER columns of ids, versions and
counts hold 32 bits in PostgreSQL (SQLite's hold 64). A number beyond that would overflow inside the
driver (a 500); here it is a field error (422), or in a URL no record (404).
"""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask_babel import lazy_gettext as _l
from werkzeug.routing import IntegerConverter

#: The range of an INTEGER column in PostgreSQL: ids, versions, counts (money is BIGINT tyiyn).
INT_MIN, INT_MAX = -(2**31), 2**31 - 1


class Integer(ma.fields.Integer):
    """A whole number that fits an INTEGER column."""

    default_error_messages = {"out_of_range": _l("The number is too large.")}

    def _validated(self, value: Any) -> int:
        number = super()._validated(value)
        if not INT_MIN <= number <= INT_MAX:
            raise self.make_error("out_of_range")
        return number


class RecordIdConverter(IntegerConverter):
    """``<int:...>`` in every route: a record id. One beyond 32 bits names no record, so it reads as 0,
    which no record has (ids start at 1): the lookup answers 404 as for any unknown id, where the
    driver would overflow. (A ``max`` on the converter would make werkzeug answer 405 instead, when
    another method's rule has the same path.)"""

    def to_python(self, value: str) -> int:
        number = int(super().to_python(value))
        return number if number <= INT_MAX else 0
