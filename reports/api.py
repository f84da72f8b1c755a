"""JSON API of the dashboards under /api/v1/reports: the same figures as the pages, for other systems."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask_login import current_user, login_required
from flask_smorest import Blueprint
from marshmallow import fields, validate

from accidents.schemas import Day, Int, Schema, Str, _l, choice
from core import db
from core.auth.permissions import can, in_scope
from core.classifiers import SECTOR_LABELS, Inspectorate, Region
from core.employers import Employer
from core.errors import Forbidden, NotFound
from core.fields import Integer
from reports import headline

blp = Blueprint(
    "reports_api",
    __name__,
    url_prefix="/api/v1/reports",
    description="Indicators of occupational injuries (issue 10), within the caller's scope.",
)

#: The longest period asked at once: each year of it is a term of the headcount's weighting.
MAX_YEARS = 10


class IndicatorsQuery(Schema):
    """The period (Bishkek days of the accidents) and the filters; the caller's scope always applies."""

    date_from = Day(required=True, data_key="from")
    date_to = Day(required=True, data_key="to")
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
    headcount = Integer(allow_none=True, metadata={"description": "Average listed headcount (Р)."})
    hours_worked = Integer(allow_none=True)
    frequency_rate = _rate("Кч = N x 1000 / Р")
    fatal_frequency_rate = _rate("Ксм = D x 1000 / Р")
    severity_rate = _rate("Кт = days lost / (N - D) over closed cases")
    loss_rate = _rate("Кп = Кч x Кт")
    fatal_per_100k = _rate("Fatal injuries per 100,000 workers (SDG 8.8.1)")
    nonfatal_per_100k = _rate("Non-fatal injuries per 100,000 workers (SDG 8.8.1)")
    per_million_hours = _rate("Cases per 1,000,000 hours worked")


def filters_for(user: Any, query: dict[str, Any]) -> headline.Filters:
    """The loaded query as filters; an employer outside the caller's scope is not found (404)."""
    employer_id = query.get("employer_id")
    if employer_id is not None:
        employer = db.session().get(Employer, employer_id)
        if employer is None or not in_scope(user, employer):
            raise NotFound()
    return headline.Filters(
        query["date_from"],
        query["date_to"],
        query.get("region"),
        query.get("sector"),
        employer_id,
        query.get("inspectorate"),
    )


@blp.route("/indicators", methods=["GET"])
@login_required
@blp.arguments(IndicatorsQuery, location="query", as_kwargs=True)
@blp.response(200, IndicatorsOut)
def indicators(**query: Any) -> Any:
    """Victims, deaths, days lost and the rates Кч, Ксм, Кт, Кп, per 100,000 workers and per million
    hours of the period; each rate has two decimals, or is null where its denominator is missing."""
    if not can(current_user, "view_dashboards"):
        raise Forbidden()
    return headline.compute(db.session(), current_user, filters_for(current_user, query))
