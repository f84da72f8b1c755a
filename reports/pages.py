"""What the analytics pages (issue 10's views) share: the filters from the URL, the chart's answer,
a refused download, and the link from a number to the accidents behind it."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Response, request, url_for
from flask_login import current_user

from core.classifiers import SECTOR_LABELS, Role
from core.services import employers_in_scope

#: The filters an officer never gives: their scope is their employer already.
EMPLOYER_FILTERS = ("region", "sector", "employer_id")


def is_officer() -> bool:
    return Role(current_user.role) is Role.SAFETY_OFFICER


def filter_context(values: dict[str, str]) -> dict[str, Any]:
    """What every view's filter form (templates/reports/_filters.html) and download links need: the
    values given, the sectors, and the employers the viewer may choose (none for an officer)."""
    officer = is_officer()
    return {
        "values": values,
        "links": dict(values),
        "officer": officer,
        "sectors": SECTOR_LABELS,
        "employers": [] if officer else employers_in_scope(current_user),
    }


def url_values(names: tuple[str, ...]) -> dict[str, str]:
    """The query arguments among ``names`` that are not blank; an officer's employer filters dropped."""
    values = {k: v for k, v in request.args.items() if k in names and v.strip()}
    if is_officer():
        for name in EMPLOYER_FILTERS:
            values.pop(name, None)
    return values


def svg(body: bytes) -> Response:
    """A chart: cached a while by the viewer's browser, per language (the URL carries it)."""
    headers = {"Cache-Control": "private, max-age=300", "Vary": "Cookie, Accept-Language"}
    return Response(body, mimetype="image/svg+xml", headers=headers)


def refused(errors: dict[str, list[str]]) -> Response:
    """A download with bad filters: what is wrong, as text (422), never a 500."""
    return Response("; ".join(m for ms in errors.values() for m in ms), 422, mimetype="text/plain")


def accidents_link(
    date_from: date,
    date_to: date,
    region: str | None = None,
    sector: str | None = None,
    employer_id: int | None = None,
) -> str:
    """The accident list behind a number: its period and filters (the list applies the scope)."""
    args: dict[str, Any] = {"date_from": date_from.isoformat(), "date_to": date_to.isoformat()}
    for name, value in (("region", region), ("sector", sector), ("employer_id", employer_id)):
        if value:
            args[name] = value
    return url_for("accidents.list", **args)
