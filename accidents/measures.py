"""The act's corrective measures after the act: the employer reports each done, an inspector checks it.

The measures themselves are part of the act (written by the commission, frozen on approval); their
completion happens later and is recorded beside them, so the approved text never changes. Each step
is audited on the act. The dashboards read them for "done on time" and "overdue" (issue 10, view 6).
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import orm

from accidents.models import Measure
from accidents.services import _visible, local_date
from core import audit, db
from core.db import now_utc
from core.errors import DomainError
from core.services import require

FIELDS = ["completed_on", "verified_at", "verified_by_id"]


def get_measure(s: orm.Session, user: Any, measure_id: int) -> Measure:
    """The measure if its act is within ``user``'s scope (the Social Fund's: its capitalised cases),
    else :class:`NotFound` (404)."""
    return _visible(s, user, s.get(Measure, measure_id), lambda measure: measure.act.accident)


def _snapshot(measure: Measure) -> dict[str, Any]:
    return {f"measures.{measure.position}.{k}": v for k, v in audit.snapshot(measure, FIELDS).items()}


def record_completion(user: Any, measure_id: int, data: dict[str, Any]) -> Measure:
    """The employer reports the measure done on ``completed_on`` (or, with None, not done after all)."""
    with db.transaction() as s:
        measure = get_measure(s, user, measure_id)
        require(user, "edit_accident")
        if measure.verified_at is not None:
            message = _("An inspector has verified this measure; it can no longer change.")
            raise DomainError(message, field="completed_on")
        day = data.get("completed_on")
        if day is not None and day < local_date(measure.act.accident.occurred_at):
            raise DomainError(_("A measure cannot be done before the accident."), field="completed_on")
        before = _snapshot(measure)
        measure.completed_on = day
        audit.record(s, user, "complete_measure", measure.act, before=before, after=_snapshot(measure))
        return measure


def verify_completion(user: Any, measure_id: int) -> Measure:
    """An inspector confirms the measure was done: who and when are kept."""
    with db.transaction() as s:
        measure = get_measure(s, user, measure_id)
        require(user, "review_act")
        if measure.completed_on is None:
            raise DomainError(_("The employer has not reported this measure done."), field="completed_on")
        if measure.verified_at is not None:
            raise DomainError(_("This measure is already verified."), field="completed_on")
        before = _snapshot(measure)
        measure.verified_at, measure.verified_by_id = now_utc(), user.id
        audit.record(s, user, "verify_measure", measure.act, before=before, after=_snapshot(measure))
        return measure
