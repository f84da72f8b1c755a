"""The parameter row an administrator adds, as the form and the CLI send it.

Field errors name the field (``value``, ``from``, ``source``), in the reader's language; the rules
that depend on the table (which key, what kind of value) are in :func:`check_row`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import fields, validates_schema
from marshmallow.exceptions import ValidationError

from compensation.contract import ONE_TIME_RULES
from compensation.parameters import NAMES
from core.admin.schemas import Translated, not_blank, one_of, up_to
from core.classifiers import Region
from core.fields import Integer

#: The statuses a stored row may carry (the built-in files say none for "verified").
STATUSES = ("verified", "unverified", "unknown")
#: The first day a stored row may be in force from: the Kyrgyz Republic's own statistics.
FIRST_DAY = date(1991, 1, 1)
#: The tables keyed by a column, and the keys each takes ("*": the republic, or both sexes).
KEYS: dict[str, tuple[str, ...]] = {
    "subsistence_minimum": ("*", *[str(r) for r in Region]),
    "pension_age": ("male", "female"),
}


class ParameterRowIn(Translated):
    """A new row of a parameter table; a correction names the stored row it supersedes."""

    table = fields.String(required=True, validate=one_of(NAMES))
    key = fields.String(load_default=None, allow_none=True)
    value = fields.String(load_default=None, allow_none=True, validate=up_to(40))
    #: The rule a ``one_time_benefit`` row names (that table has no figure).
    rule = fields.String(load_default=None, allow_none=True, validate=one_of(ONE_TIME_RULES))
    starts_on = fields.Date(required=True, data_key="from")
    period = fields.String(load_default=None, allow_none=True, validate=[not_blank, up_to(40)])
    source = fields.String(required=True, validate=[not_blank, up_to(1000)])
    status = fields.String(required=True, validate=one_of(STATUSES))
    note = fields.String(load_default=None, allow_none=True, validate=[not_blank, up_to(2000)])
    supersedes_id = Integer(load_default=None, allow_none=True)

    @validates_schema
    def _by_table(self, data: dict[str, Any], **_kwargs: Any) -> None:
        errors = check_row(data)
        if errors:
            raise ValidationError(errors)


def check_row(data: dict[str, Any]) -> dict[str, list[str]]:
    """What the table asks of a row: its key, a value of the right kind (or none if unknown)."""
    table, status = data.get("table"), data.get("status")
    if table not in NAMES or status not in STATUSES:
        return {}
    errors: dict[str, list[str]] = {}
    starts_on = data.get("starts_on")
    if starts_on is not None and starts_on < FIRST_DAY:
        errors["from"] = [_("A row cannot be in force before %(day)s.", day=FIRST_DAY.strftime("%d.%m.%Y"))]
    key = (data.get("key") or "").strip() or "*"
    allowed = KEYS.get(table, ("*",))
    if key not in allowed:
        if table == "pension_age":
            errors["key"] = [_("Say whom the pension age is for: men or women.")]
        elif table == "subsistence_minimum":
            errors["key"] = [_("Not one of the allowed values.")]
        else:
            errors["key"] = [_("This table has no key: leave it empty.")]
    raw = (data.get("value") or "").strip()
    rule = data.get("rule")
    if table == "one_time_benefit":
        if raw:
            errors["value"] = [_("This table names a rule, not a figure: choose the rule.")]
        if status == "unknown" and rule:
            errors["rule"] = [_("A row whose value is not known has no value: leave it empty.")]
        elif status != "unknown" and not rule:
            errors["rule"] = [_("Choose the rule, or mark the row as unknown.")]
        return errors
    if rule:
        errors["rule"] = [_("Only the one-time benefit's table names a rule.")]
    if status == "unknown":
        if raw:
            errors["value"] = [_("A row whose value is not known has no value: leave it empty.")]
    elif not raw:
        errors["value"] = [_("Give the value, or mark the row as unknown.")]
    else:
        message = _value_error(table, raw)
        if message:
            errors["value"] = [message]
    return errors


def normalised(data: dict[str, Any]) -> dict[str, Any]:
    """The row as stored: ``*`` for no key, the value as plain decimal text (a comma read as the point)."""
    out = dict(data)
    out["key"] = (data.get("key") or "").strip() or "*"
    raw = (data.get("value") or "").strip()
    if data["table"] == "one_time_benefit":
        out["value"] = data.get("rule") if data["status"] != "unknown" else None
    elif data["status"] == "unknown" or not raw:
        out["value"] = None
    else:
        out["value"] = str(Decimal(raw.replace(",", ".")))
    return out


def _value_error(table: str, raw: str) -> str | None:
    try:
        value = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        return _("Not a number.")
    if not value.is_finite():
        return _("Not a number.")
    if table == "penalty_rate_per_day":
        return None if 0 <= value < 1 else _("A daily rate is a share from 0 to 1 (0.0015 is 0.15 %).")
    if table == "pension_age":
        return None if value == value.to_integral() and 30 <= value <= 90 else _("Whole years from 30 to 90.")
    if value <= 0 or value >= 10**12:
        return _("Must be a positive number.")
    if NAMES[table] == "amount" and value != value.quantize(Decimal("0.01")):
        return _("At most two decimals (tyiyn).")
    return None


#: The tables as people name them.
TABLE_LABELS = {
    "minimum_wage": _l("Minimum wage"),
    "average_monthly_wage": _l("Average monthly wage in the republic"),
    "subsistence_minimum": _l("Subsistence minimum"),
    "penalty_rate_per_day": _l("Penalty rate per day of delay"),
    "one_time_benefit": _l("One-time benefit: the rule in force"),
    "indexation": _l("Indexation factor"),
    "pension_age": _l("Pension age"),
}
STATUS_LABELS = {
    "verified": _l("verified"),
    "unverified": _l("unverified"),
    "unknown": _l("unknown"),
    "gap": _l("no amount set"),
}
RULE_LABELS = {
    "labour_code_2004": _l("Labour Code 2004, arts. 247 and 252"),
    "resolution_465": _l("Labour Code 2025, art. 219, Cabinet Resolution No. 465"),
}
KEY_LABELS = {"*": _l("the whole republic"), "male": _l("men"), "female": _l("women")}


def key_choices() -> list[tuple[str, Any]]:
    """The keys a row may be for, as people name them: the republic, each region, men, women."""
    from core.classifiers import REGION_LABELS

    regions = [(str(code), label) for code, label in REGION_LABELS.items()]
    return [("*", KEY_LABELS["*"]), *regions, ("male", KEY_LABELS["male"]), ("female", KEY_LABELS["female"])]
