"""JSON API of the dashboards under /api/v1/reports: the same figures as the pages, for other systems."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask_login import current_user, login_required
from flask_smorest import Blueprint
from marshmallow import fields, validate

from accidents.classifiers import Sex
from accidents.schemas import Day, Int, Schema, Str, _l, choice
from core import db
from core.auth.permissions import can, in_scope
from core.classifiers import SECTOR_LABELS, Inspectorate, Region
from core.downloads import DocumentArgs, document_doc, format_field, language_of
from core.employers import Employer
from core.errors import Forbidden, NotFound
from core.fields import Integer
from reports import headline, money

blp = Blueprint(
    "reports_api",
    __name__,
    url_prefix="/api/v1/reports",
    description="Indicators of occupational injuries and the money owed (issue 10), in the caller's scope.",
)

#: The longest period asked at once: each year of it is a term of the headcount's weighting.
MAX_YEARS = 10


class FilterArgs(Schema):
    """The filters every report takes; the caller's scope always applies on top of them."""

    region = choice(Region, load_default=None)
    sector = Str(
        load_default=None,
        allow_none=True,
        validate=validate.OneOf(list(SECTOR_LABELS), error=_l("Choose one of the listed values.")),
        metadata={"description": "GKED section letter."},
    )
    employer_id = Int(load_default=None, allow_none=True)
    inspectorate = choice(
        Inspectorate,
        load_default=None,
        metadata={"description": "Cases whose act its inspector reviewed; rates are null."},
    )


class IndicatorsQuery(FilterArgs):
    """The period (Bishkek days of the accidents) and the filters."""

    date_from = Day(required=True, data_key="from")
    date_to = Day(required=True, data_key="to")
    sex = choice(
        Sex,
        load_default=None,
        metadata={
            "description": "'female' or 'male': that sex's victims over that sex's headcount (the women "
            "where the employer reports them, the men the rest). Employers that did not report their "
            "women every year of the period are left out of the rates, which are null where none did; "
            "hours are not reported by sex, so per_million_hours is null."
        },
    )

    @ma.validates_schema
    def _period(self, data: dict[str, Any], **_: Any) -> None:
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            raise ma.ValidationError({"to": [_l("The end is before the start.").format()]})
        if start and end and end.year - start.year >= MAX_YEARS:
            raise ma.ValidationError({"to": [_l("At most ten calendar years at once.").format()]})


def _rate(description: str) -> fields.Decimal:
    return fields.Decimal(as_string=True, places=2, allow_none=True, metadata={"description": description})


class IndicatorsOut(ma.Schema):
    victims = Integer(metadata={"description": "Cases: victims with an act N-1 not 'not work-related'."})
    deaths = Integer(metadata={"description": "Fatal by the act, or died within a year of the accident."})
    days_lost = Integer(metadata={"description": "Working days lost over the closed non-fatal cases."})
    closed_cases = Integer(metadata={"description": "Non-fatal cases whose consequences are recorded."})
    headcount = Integer(
        allow_none=True,
        metadata={"description": "Average listed headcount (Р); with ``sex``, that sex's."},
    )
    hours_worked = Integer(allow_none=True)
    frequency_rate = _rate("Кч = N x 1000 / Р")
    fatal_frequency_rate = _rate("Ксм = D x 1000 / Р")
    severity_rate = _rate("Кт = days lost / (N - D) over closed cases")
    loss_rate = _rate("Кп = Кч x Кт")
    fatal_per_100k = _rate("Fatal injuries per 100,000 workers (SDG 8.8.1)")
    nonfatal_per_100k = _rate("Non-fatal injuries per 100,000 workers (SDG 8.8.1)")
    per_million_hours = _rate("Cases per 1,000,000 hours worked")


def check_employer(user: Any, employer_id: int | None) -> None:
    """An employer filter outside the caller's scope is not found (404), like the employer itself."""
    if employer_id is not None:
        employer = db.session().get(Employer, employer_id)
        if employer is None or not in_scope(user, employer):
            raise NotFound()


def filters_for(user: Any, query: dict[str, Any]) -> headline.Filters:
    """The loaded query as filters (404 for an employer outside the scope)."""
    employer_id = query.get("employer_id")
    check_employer(user, employer_id)
    return headline.Filters(
        query["date_from"],
        query["date_to"],
        query.get("region"),
        query.get("sector"),
        employer_id,
        query.get("inspectorate"),
        query.get("sex"),
    )


@blp.route("/indicators", methods=["GET"])
@blp.alt_response(403, response="FORBIDDEN")  # view_dashboards
@blp.alt_response(404, response="NOT_FOUND")  # an employer_id outside the scope
@login_required
@blp.arguments(IndicatorsQuery, location="query", as_kwargs=True)
@blp.response(200, IndicatorsOut)
def indicators(**query: Any) -> Any:
    """Victims, deaths, days lost and the rates Кч, Ксм, Кт, Кп, per 100,000 workers and per million
    hours of the period; each rate has two decimals, or is null where its denominator is missing."""
    if not can(current_user, "view_dashboards"):
        raise Forbidden()
    return headline.compute(db.session(), current_user, filters_for(current_user, query))


class MoneyQuery(FilterArgs):
    """The day the sums stand on, and the same filters as the indicators."""

    as_of = Day(required=True)


def _money(description: str) -> fields.Decimal:
    return fields.Decimal(as_string=True, places=2, metadata={"description": description})


class MoneyOut(ma.Schema):
    as_of = fields.Date()
    awards_in_force = Integer(metadata={"description": "Claims whose current award was issued by ``as_of``."})
    monthly_obligation = _money("Periodic payments of the month of ``as_of``.")
    accrued = _money("Due by ``as_of``, as the claims' statements total it.")
    paid = _money("Paid by ``as_of`` (voided payments left out).")
    outstanding = _money("Due and unpaid.")
    penalty = _money("Art. 269 penalties on late payments.")


@blp.route("/money", methods=["GET"])
@blp.alt_response(403, response="FORBIDDEN")  # view_dashboards
@blp.alt_response(404, response="NOT_FOUND")  # an employer_id outside the scope
@login_required
@blp.arguments(MoneyQuery, location="query", as_kwargs=True)
@blp.response(200, MoneyOut)
def money_owed(as_of: Any, **query: Any) -> Any:
    """What the awards in force add up to as of a day: the sums of the claims' own statements."""
    if not can(current_user, "view_dashboards"):
        raise Forbidden()
    check_employer(current_user, query.get("employer_id"))
    return money.compute(db.session(), current_user, as_of, query)


class YearlyQuery(DocumentArgs):
    """The year reviewed and the region (none: the country), in the document's language."""

    format = format_field("pdf")
    year = Int(
        required=True,
        validate=validate.Range(min=2000, error=_l("A year from 2000 to this year.")),
        metadata={"description": "The calendar year reviewed (up to this year)."},
    )
    region = choice(Region, load_default=None, metadata={"description": "Without it: the whole country."})

    @ma.validates("year")
    def _not_future(self, value: int, **_: Any) -> None:
        if value > db.today_bishkek().year:
            raise ma.ValidationError(_l("A year from 2000 to this year.").format())


@blp.route("/yearly", methods=["GET"])
@login_required
@blp.arguments(YearlyQuery, location="query")
@blp.doc(**document_doc("The yearly review as a PDF file.", "pdf"))
def yearly_document(args: dict[str, Any]) -> Any:
    """The yearly labour-protection review of the country or one region as a PDF (the page's document).

    An administrator, and an inspector or the Social Fund without a region, may ask for the country or
    any region; an inspector or the Fund of a region for their own region (the default); a safety
    officer gets their own employer's review, and 403 for a region. In the language of ``lang``."""
    from reports import yearly_pdf  # the PDF reads the pages' labels, whose modules import this one

    if not can(current_user, "view_dashboards"):
        raise Forbidden()
    with language_of(args) as lang:
        s = db.session()
        return yearly_pdf.document(
            s, current_user, args["year"], args.get("region"), db.today_bishkek(), lang
        ).response()
