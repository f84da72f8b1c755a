"""Messages in and out of the administration: accounts and the employer registry.

The same schemas validate the HTML forms (through :func:`core.forms.validate`)
and the JSON API, so a rule is written once. Error messages are English msgids
translated when the error is raised, so a form and an API client both read
them in the user's language.
"""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask import current_app
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from marshmallow import fields, validate

from core.api import ListArgs, Stamped, next_cursor_field
from core.auth.passwords import PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, TOO_SHORT
from core.classifiers import SECTOR_LABELS, EmployerStatus, Inspectorate, Region, Role
from core.db import today_bishkek
from core.fields import Integer, ascii_digits, plain_text, visible
from core.i18n import LANGUAGES

#: marshmallow's own messages that these forms can produce, listed so they are extracted into the
#: core catalogue; :meth:`Translated.handle_error` looks them up when an error is raised.
MARSHMALLOW_MESSAGES = (
    _l("Missing data for required field."),
    _l("Field may not be null."),
    _l("Not a valid integer."),
    _l("Not a valid string."),
    _l("Not a valid boolean."),
    _l("Not a valid date."),
    _l("Not a valid email address."),
    _l("Not a valid list."),
    _l("Invalid input type."),
    _l("Unknown field."),
)

#: The first year of the Kyrgyz Republic's own statistics; older headcounts are never needed.
FIRST_YEAR = 1991
#: PostgreSQL's INTEGER ends at 2 147 483 647; refusing more here keeps an absurd figure a field error.
MAX_INTEGER = 2_000_000_000


def _translate(messages: Any) -> Any:
    if isinstance(messages, dict):
        for key, value in messages.items():
            messages[key] = _translate(value)
        return messages
    if isinstance(messages, list):
        return [_translate(m) for m in messages]
    if isinstance(messages, str):
        return gettext(messages)
    return str(messages)


class Translated(ma.Schema):
    """A schema whose error messages reach the user in the user's language."""

    def handle_error(self, error: ma.ValidationError, data: Any, *, many: bool, **kwargs: Any) -> None:
        _translate(error.messages)


def not_blank(value: str) -> None:
    """A name that shows: not only spaces or zero-width characters, and no control characters."""
    visible(value)
    plain_text(value)


def one_of(choices: Any) -> validate.OneOf:
    return validate.OneOf([str(c) for c in choices], error=_l("Not one of the allowed values."))


def digits(count: int) -> validate.Regexp:
    if count == 14:
        message = _l("Must be exactly 14 digits.")
    elif count == 8:
        message = _l("Must be exactly 8 digits.")
    else:  # pragma: no cover - only INN (14) and OKPO (8) are used
        raise ValueError(count)
    return ascii_digits(count, message)


def up_to(maximum: int) -> validate.Length:
    return validate.Length(max=maximum, error=_l("Too long."))


# --- accounts ---------------------------------------------------------------------------------------


class UserIn(Translated):
    """An account as an administrator creates it; the role decides which scope fields count."""

    email = fields.Email(required=True, validate=up_to(254))
    full_name = fields.String(required=True, validate=[not_blank, up_to(200)])
    role = fields.String(required=True, validate=one_of(Role))
    #: A safety officer's employer (required for that role, ignored for the others).
    employer_id = Integer(allow_none=True, load_default=None)
    #: An inspector's inspectorate (required for that role).
    inspectorate = fields.String(allow_none=True, load_default=None, validate=one_of(Inspectorate))
    #: An inspector's or Social Fund officer's region; none means the whole country.
    region = fields.String(allow_none=True, load_default=None, validate=one_of(Region))
    active = fields.Boolean(load_default=True)
    locale = fields.String(allow_none=True, load_default=None, validate=one_of(LANGUAGES))
    system = fields.Boolean(
        load_default=False,
        metadata={
            "description": "Another system's account: no password, it calls the API with tokens only "
            "(set when the account is created)."
        },
    )
    #: Required for a person's account; a system account has none.
    password = fields.String(
        load_only=True,
        allow_none=True,
        load_default=None,
        validate=validate.Length(min=PASSWORD_MIN_LENGTH, max=PASSWORD_MAX_LENGTH, error=TOO_SHORT),
    )

    @ma.validates_schema
    def _password_unless_system(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data.get("system"):
            if data.get("password"):
                raise ma.ValidationError(gettext("A system account has no password."), "password")
        elif not data.get("password"):
            raise ma.ValidationError(gettext("Missing data for required field."), "password")


class UserUpdate(UserIn):
    """An edit of an account: a new password is optional (a reset), the version read is required.

    Whether it is a system account is fixed when it is created."""

    class Meta:
        exclude = ("system",)

    def _password_unless_system(self, data: dict[str, Any], **_kwargs: Any) -> None:
        """Not a check here: no new password keeps the current one."""

    password = fields.String(
        load_only=True,
        allow_none=True,
        load_default=None,
        validate=validate.Length(min=PASSWORD_MIN_LENGTH, max=PASSWORD_MAX_LENGTH, error=TOO_SHORT),
    )
    version = Integer(
        required=True, metadata={"description": "The version read with GET; a stale one is refused with 409."}
    )


class UserForm(UserIn):
    """The HTML form names the employer by its INN, which administrators have on paper."""

    class Meta:
        exclude = ("employer_id",)

    employer_inn = fields.String(allow_none=True, load_default=None, validate=digits(14))


class UserUpdateForm(UserUpdate):
    class Meta:
        exclude = ("employer_id", "system")

    employer_inn = fields.String(allow_none=True, load_default=None, validate=digits(14))


class UserOut(Stamped):
    id = Integer()
    email = fields.String()
    full_name = fields.String()
    role = fields.String()
    employer_id = Integer(allow_none=True)
    inspectorate = fields.String(allow_none=True)
    region = fields.String(allow_none=True)
    active = fields.Boolean()
    locale = fields.String(allow_none=True)
    system = fields.Boolean()
    created_at = fields.DateTime()
    last_login_at = fields.DateTime(allow_none=True)
    version = Integer()


class TokenForm(Translated):
    """An API token to issue: to which system account, what for, and until when (optional)."""

    user_id = Integer(required=True)
    label = fields.String(required=True, validate=[not_blank, up_to(200)])
    expires_on = fields.Date(allow_none=True, load_default=None)


def _page_size() -> int:
    return int(current_app.config.get("PAGE_SIZE", 25))


class PageArgs(Translated, ListArgs):
    page = Integer(load_default=1, validate=validate.Range(min=1, error=_l("Must be 1 or more.")))
    #: Defaults to the deployment's EMGEK_PAGE_SIZE.
    per_page = Integer(
        load_default=_page_size,
        validate=validate.Range(min=1, max=200, error=_l("Must be between 1 and 200.")),
        metadata={"description": "Rows per page, 1 to 200; default EMGEK_PAGE_SIZE (25)."},
    )


class UserListArgs(PageArgs):
    role = fields.String(validate=one_of(Role))
    employer_id = Integer()
    employer_inn = fields.String(validate=digits(14))
    active = fields.Boolean()
    #: Part of the name or e-mail.
    q = fields.String(validate=up_to(100))


# --- employers -------------------------------------------------------------------------------------


class HeadcountIn(Translated):
    """One year's average headcount and hours worked: the denominators of frequency rates."""

    year = Integer(required=True)
    headcount = Integer(
        required=True,
        validate=validate.Range(min=0, max=MAX_INTEGER, error=_l("Must be a whole number, 0 or more.")),
    )
    hours_worked = Integer(
        allow_none=True,
        load_default=None,
        validate=validate.Range(min=0, max=MAX_INTEGER, error=_l("Must be a whole number, 0 or more.")),
    )
    women = Integer(
        allow_none=True,
        load_default=None,
        validate=validate.Range(min=0, max=MAX_INTEGER, error=_l("Must be a whole number, 0 or more.")),
        metadata={"description": "Women among the headcount, where the employer reports it (men: the rest)."},
    )

    @ma.validates_schema
    def _women_within(self, data: dict[str, Any], **_kwargs: Any) -> None:
        women, headcount = data.get("women"), data.get("headcount")
        if women is not None and headcount is not None and women > headcount:
            raise ma.ValidationError({"women": [gettext("Cannot be more than the headcount.")]})

    @ma.validates("year")
    def _year_known(self, value: int, **_kwargs: Any) -> None:
        if not FIRST_YEAR <= value <= today_bishkek().year:
            raise ma.ValidationError(gettext("A year from %(first)s to the current year.", first=FIRST_YEAR))


class HeadcountForm(HeadcountIn):
    """A row added or edited on the employer's page; the employer's version guards concurrent edits."""

    version = Integer(required=True)


class HeadcountOut(Stamped):
    year = Integer()
    headcount = Integer()
    hours_worked = Integer(allow_none=True)
    women = Integer(allow_none=True)


class EmployerIn(Translated):
    """An employer in the registry; status and dates must agree with each other (art. 255)."""

    name = fields.String(required=True, validate=[not_blank, up_to(300)])
    inn = fields.String(required=True, validate=digits(14))
    okpo = fields.String(allow_none=True, load_default=None, validate=digits(8))
    sector = fields.String(required=True, validate=one_of(SECTOR_LABELS))
    region = fields.String(required=True, validate=one_of(Region))
    address = fields.String(allow_none=True, load_default=None, validate=[plain_text, up_to(500)])
    status = fields.String(load_default=EmployerStatus.ACTIVE.value, validate=one_of(EmployerStatus))
    liquidation_started_on = fields.Date(allow_none=True, load_default=None)
    liquidated_on = fields.Date(allow_none=True, load_default=None)
    #: Of the budget sector: the one-time benefit's fixed sums (LC-2025 art. 219, Resolution No. 465).
    budget_sector = fields.Boolean(
        load_default=False,
        metadata={"description": "Budget sector: pays the fixed sums of Cabinet Resolution No. 465."},
    )
    #: Art. 255: on reorganisation, the employer that takes over the liability for injuries.
    successor_id = Integer(allow_none=True, load_default=None)
    headcounts = fields.List(
        fields.Nested(HeadcountIn),
        load_default=list,
        metadata={"description": "Rows for the years listed are added or replaced; other years are kept."},
    )

    @ma.validates_schema
    def _status_agrees_with_dates(self, data: dict[str, Any], **_kwargs: Any) -> None:
        errors = status_errors(data)
        if errors:
            raise ma.ValidationError(errors)

    @ma.validates_schema
    def _one_row_per_year(self, data: dict[str, Any], **_kwargs: Any) -> None:
        years = [row["year"] for row in data.get("headcounts") or []]
        if len(years) != len(set(years)):
            raise ma.ValidationError({"headcounts": [gettext("One row per year.")]})


def status_errors(data: dict[str, Any]) -> dict[str, list[str]]:
    """The dates and successor a status asks for: a liquidation has a start, a liquidated employer an end."""
    errors: dict[str, list[str]] = {}
    status = data.get("status")
    started, ended = data.get("liquidation_started_on"), data.get("liquidated_on")
    today = today_bishkek()
    if status == EmployerStatus.ACTIVE:
        for name in ("liquidation_started_on", "liquidated_on", "successor_id"):
            if data.get(name):
                errors[name] = [gettext("Only an employer in liquidation or liquidated has this.")]
    elif status == EmployerStatus.IN_LIQUIDATION:
        if not started:
            errors["liquidation_started_on"] = [gettext("Enter the date the liquidation started.")]
        if ended:
            errors["liquidated_on"] = [gettext("An employer still in liquidation has no end date.")]
    elif status == EmployerStatus.LIQUIDATED and not ended:
        errors["liquidated_on"] = [gettext("Enter the date the employer was liquidated.")]
    for name, day in (("liquidation_started_on", started), ("liquidated_on", ended)):
        if day and day > today and name not in errors:
            errors[name] = [gettext("This date is in the future.")]
    if started and ended and ended < started and "liquidated_on" not in errors:
        errors["liquidated_on"] = [gettext("Cannot be before the start of the liquidation.")]
    return errors


VERSION_DESCRIPTION = "The version read with GET; a stale one is refused with 409."


class EmployerUpdate(EmployerIn):
    """The whole employer again (PUT). Its list is required and is the whole list, as in every PUT of
    the API (a claim's rows, an accident's victims): a client that leaves it out gets a 422 naming it,
    never a silent merge (issue 12)."""

    version = Integer(required=True, metadata={"description": VERSION_DESCRIPTION})
    headcounts = fields.List(
        fields.Nested(HeadcountIn),
        required=True,
        metadata={"description": "Every year's row: the list replaces the stored rows ([] says none)."},
    )


class EmployerForm(EmployerIn):
    """The HTML form: headcount rows have their own form, the successor is named by its INN."""

    class Meta:
        exclude = ("headcounts", "successor_id")

    successor_inn = fields.String(allow_none=True, load_default=None, validate=digits(14))

    @ma.validates_schema
    def _status_agrees_with_dates(self, data: dict[str, Any], **_kwargs: Any) -> None:
        errors = status_errors({**data, "successor_id": data.get("successor_inn")})
        if "successor_id" in errors:
            errors["successor_inn"] = errors.pop("successor_id")
        if errors:
            raise ma.ValidationError(errors)


class EmployerUpdateForm(EmployerForm):
    version = Integer(required=True)


class EmployerOut(Stamped):
    id = Integer()
    name = fields.String()
    inn = fields.String()
    okpo = fields.String(allow_none=True)
    sector = fields.String()
    region = fields.String()
    address = fields.String(allow_none=True)
    status = fields.String()
    liquidation_started_on = fields.Date(allow_none=True)
    liquidated_on = fields.Date(allow_none=True)
    budget_sector = fields.Boolean()
    successor_id = Integer(allow_none=True)
    headcounts = fields.List(fields.Nested(HeadcountOut))
    created_at = fields.DateTime()
    version = Integer()


class EmployerListArgs(PageArgs):
    region = fields.String(validate=one_of(Region))
    sector = fields.String(validate=one_of(SECTOR_LABELS))
    status = fields.String(validate=one_of(EmployerStatus))
    #: Part of the name, or the INN's first digits.
    q = fields.String(validate=up_to(100))


# --- history and pages -----------------------------------------------------------------------------


class AuditEntryOut(Stamped):
    id = Integer()
    at = fields.DateTime()
    user_id = Integer(allow_none=True)
    user_name = fields.Function(
        lambda e: e.user.full_name if e.user else None, metadata={"type": "string", "nullable": True}
    )
    action = fields.String()
    #: {field: [before, after]}; before is null on creation.
    changes = fields.Dict()
    remark = fields.String(allow_none=True)


def page_of(item: type[ma.Schema], name: str) -> type[ma.Schema]:
    """A page of a list: its items, the total across all pages, and where this page is."""
    return ma.Schema.from_dict(
        {
            "items": fields.List(fields.Nested(item)),
            "total": Integer(),
            "page": Integer(),
            "per_page": Integer(),
            "next_cursor": next_cursor_field(),
        },
        name=name,
    )


UserPage = page_of(UserOut, "UserPage")
EmployerPage = page_of(EmployerOut, "EmployerPage")
AuditPage = page_of(AuditEntryOut, "AuditPage")
