"""Compensation for workplace injury and death: the Labour Codes of the Kyrgyz Republic of 2004 (arts.
225-272) and of 2025 (arts. 210-228, with the Civil Code's chapter 51), each where it governs by date.

``calculate(case)`` is the calculation contract ``kg-injury-compensation/2`` as a
library call: a case file (a dict parsed from JSON) in, the statement out.
Importing this package loads neither Flask nor SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from compensation.contract import calculate_case
from compensation.parameters import Table
from compensation.validation import InvalidCase

__all__ = ["LANGUAGES", "InvalidCase", "calculate"]

#: Languages of the trace and of error messages; Russian is the default.
LANGUAGES = ("ru", "ky", "en")


def calculate(
    case: Any, language: str = "ru", trace: bool = True, tables: Mapping[str, Table] | None = None
) -> dict[str, Any]:
    """The statement of ``case`` as the contract's result document.

    ``case`` is whatever JSON the caller parsed: anything but a valid case file (a list, a
    string) is an :class:`InvalidCase`, never a TypeError, in the plain and the compiled build.

    ``language`` (ru, ky, en) is the language of the trace's sentences and of error
    messages. ``trace=False`` leaves the trace out (faster, for bulk runs).

    ``tables`` (by name) stand in for the built-in tables: the service layer passes the rows people
    keep current, laid over the files with :func:`compensation.parameters.merged`. The case's own
    ``parameters`` still replace a table whole (the contract's override).

    :raises InvalidCase: the case is invalid; ``.document`` is the contract's error document.
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    return calculate_case(case, language, trace, tables)
