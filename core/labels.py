"""What the statement's codes are called in the user's language (web layer only; the rules stay pure)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

K = TypeVar("K")
T = TypeVar("T")

COMPONENT_LABELS = {
    "lost_earnings": _l("Lost earnings (art. 235)"),
    "care_special_medical": _l("Special medical care (art. 245)"),
    "care_household": _l("Household care (art. 245)"),
    "one_off_injury": _l("One-off benefit on injury (art. 247)"),
    "survivor": _l("Survivor's monthly share (art. 250)"),
    "one_off_death": _l("One-off benefit on death (art. 252)"),
    "capitalisation": _l("Capitalised payments (art. 255)"),
    "temporary_transfer": _l("Pay difference on temporary transfer (art. 242)"),
    "retraining": _l("Compensation during retraining (art. 243)"),
    "additional_expenses": _l("Additional expenses (arts. 244-245)"),
    "burial": _l("Burial costs (art. 271)"),
    "moral_damage": _l("Moral damage (arts. 248, 253)"),
}

METHOD_LABELS = {
    "actual": _l("actual earnings of the last 12 months (art. 238)"),
    "partial_month": _l("conditional earnings of a partial month (art. 238)"),
    "five_minimum_wages": _l("five minimum wages (art. 238)"),
}

CASE_TYPE_LABELS = {"injury": _l("Injury"), "death": _l("Death of the breadwinner")}
GROUND_LABELS = {
    "minor": _l("under 18"),
    "student": _l("full-time student (to 23)"),
    "disabled": _l("disabled"),
    "pension_age": _l("of pension age"),
    "caregiver": _l("caring for the deceased's children"),
}
CARE_LABELS = {"special_medical": _l("special medical care"), "household": _l("household care")}
APPLIES_TO_LABELS = {"periodic": _l("monthly payments"), "one_off": _l("one-off benefit")}


def component(code: str) -> str:
    return str(COMPONENT_LABELS.get(code, code))


_TRANSLATED: dict[tuple[int, str], tuple[Mapping[Any, Any], dict[Any, str]]] = {}


def translated(labels: Mapping[K, Any], language: str) -> dict[K, Any]:
    """``labels`` (a module's classifier, its values lazy strings) as plain strings in ``language``,
    resolved once per process and language (other values kept as they are): a list shows the same
    dozen labels on every row, and a lazy string looks its message up again each time it is printed.
    Only for labels that never change (the module-level classifiers): the entry keeps ``labels`` so
    its id cannot be reused by another dict."""
    key = (id(labels), language)
    found = _TRANSLATED.get(key)
    if found is None or found[0] is not labels:
        plain = {k: str(v) if isinstance(v, LazyString) else v for k, v in labels.items()}
        found = _TRANSLATED[key] = (labels, plain)
    return found[1]


def per_language(build: Callable[[str], T]) -> Callable[[], T]:
    """``build(language)`` kept once per process and language, for labels built from classifiers that
    never change: the lists print a label or two a row, and building them on each request costs more
    than the rows."""
    from core.i18n import current_language

    kept: dict[str, T] = {}

    @functools.wraps(build)
    def labels() -> T:
        language = current_language()
        found = kept.get(language)
        if found is None:
            found = kept[language] = build(language)
        return found

    return labels
