"""Schema fields every package shares: numbers the database can hold.

A JSON body, a query string or a URL can carry any integer; the INTEGER columns of ids, versions and
counts hold 32 bits in PostgreSQL (SQLite's hold 64). A number beyond that would overflow inside the
driver (a 500); here it is a field error (422), or in a URL no record (404).
"""

from __future__ import annotations

import re
from typing import Any

import marshmallow as ma
from flask_babel import gettext
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


# --- text -------------------------------------------------------------------------------------------

#: A UTF-16 half with no other half: JSON can spell one ("\ud800"), no database can store it.
_SURROGATE = re.compile("[\ud800-\udfff]")
#: C0 and C1 control characters and DEL (an ANSI escape sequence starts with ESC, U+001B); tab, line
#: feed and carriage return are text (a circumstance has paragraphs).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: What shows as nothing: spaces of every width, zero-width and joining marks, the byte-order mark.
_INVISIBLE = re.compile(
    r"[\s\u200b-\u200f\u2028-\u202f\u205f-\u206f\u00ad\u034f\u115f\u1160\u180e\u3164\ufeff]*"
)


def surrogate_path(data: Any, path: str = "") -> str | None:
    """The dotted path of the first text (a value or a key) in a parsed JSON body that holds a lone
    surrogate, or None. ``victims.0.full_name`` names the field as the error documents do."""
    if isinstance(data, str):
        return (path or "_") if _SURROGATE.search(data) else None
    if isinstance(data, dict):
        for key, value in data.items():
            here = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and _SURROGATE.search(key):
                return path or "_"
            found = surrogate_path(value, here)
            if found:
                return found
    elif isinstance(data, list):
        for n, value in enumerate(data):
            found = surrogate_path(value, f"{path}.{n}" if path else str(n))
            if found:
                return found
    return None


def plain_text(value: str) -> None:
    """Text a person typed: no control characters (an ANSI escape would recolour a terminal that
    prints the record) and no lone surrogates."""
    if _CONTROL.search(value):
        raise ma.ValidationError(gettext("Text cannot contain control characters."))
    if _SURROGATE.search(value):
        raise ma.ValidationError(gettext("Text cannot contain invalid characters."))


def visible(value: str) -> None:
    """Not only spaces or zero-width characters: a name that shows as nothing names nobody."""
    if _INVISIBLE.fullmatch(value):
        raise ma.ValidationError(gettext("Must not be blank."))


def ascii_digits(count: int, message: Any) -> ma.validate.Regexp:
    """Exactly ``count`` digits 0-9: ``\\d`` would also take Arabic-Indic or full-width ones."""
    return ma.validate.Regexp(re.compile(rf"^[0-9]{{{count}}}$"), error=message)
