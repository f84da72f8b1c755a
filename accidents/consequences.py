"""The consequences of an accident for each victim (RU form 8, "сообщение о последствиях").

The employer's officer records them when the incapacity ends, long after the act was approved and
frozen, so they live beside the act, not in it: correcting them never touches the approved text.
Each change is audited on the act, so the act's history tells the whole case. The dashboards read
them for working days lost (Кт) and for deaths within a year of the accident.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext as _

from accidents.classifiers import Outcome
from accidents.models import Act, Consequence
from accidents.services import get_act, local_date
from core import audit, db
from core.db import now_utc
from core.errors import FormErrors
from core.services import check_version, require

FIELDS = ["outcome", "disability_group", "incapacity_from", "incapacity_to", "days_lost", "died_on"]


def _snapshot(consequence: Consequence | None) -> dict[str, Any]:
    if consequence is None:
        return {}
    return {f"consequence.{k}": v for k, v in audit.snapshot(consequence, FIELDS).items()}


def problems(accident_day: date, data: dict[str, Any]) -> dict[str, list[str]]:
    """What is wrong with ``data`` for an accident on ``accident_day``: each field by name.

    The outcome decides what must be said: a disability its group, a death its date; a victim who
    lived was off work from one day to another, and those working days are the figure Кт needs.
    """
    errors: dict[str, list[str]] = {}
    outcome = Outcome(data["outcome"])
    required = _("This field is required.")
    lived = outcome is not Outcome.DIED
    if lived:
        for name in ("incapacity_from", "incapacity_to", "days_lost"):
            if data.get(name) is None:
                errors[name] = [required]
    if outcome is Outcome.DISABILITY and not data.get("disability_group"):
        errors["disability_group"] = [required]
    if outcome is not Outcome.DISABILITY and data.get("disability_group"):
        errors["disability_group"] = [_("A disability group goes with the outcome “disability established”.")]
    start, end, died = data.get("incapacity_from"), data.get("incapacity_to"), data.get("died_on")
    if outcome is Outcome.DIED and died is None:
        errors["died_on"] = [required]
    if lived and died is not None:
        errors["died_on"] = [_("A date of death goes with the outcome “died”.")]
    if start is not None and start < accident_day:
        errors["incapacity_from"] = [_("The incapacity cannot begin before the accident.")]
    if start is not None and end is not None and end < start:
        errors["incapacity_to"] = [_("The end is before the start.")]
    if died is not None and died < accident_day:
        errors["died_on"] = [_("The date of death cannot precede the accident.")]
    elif died is not None and ((start and died < start) or (end and died < end)):
        errors["died_on"] = [_("The date of death cannot precede the incapacity it ended.")]
    days = data.get("days_lost")
    span = (end - start).days + 1 if start is not None and end is not None else None
    if span is not None and days is not None and days > span:
        message = _("At most %(n)s: the days from the start to the end of the incapacity.", n=span)
        errors["days_lost"] = [message]
    return errors


def record_consequence(user: Any, act_id: int, data: dict[str, Any]) -> Consequence:
    """Record (or correct) how the case of the act's victim ended; one transaction, audited on the act."""
    with db.transaction() as s:
        act = get_act(s, user, act_id)
        require(user, "edit_accident")
        current = act.victim.consequence
        if current is not None:
            # A correction says which record it corrects: without the version it could undo another's.
            check_version(current, data.get("version") or 0)
        errors = problems(local_date(act.accident.occurred_at), data)
        if errors:
            raise FormErrors(errors)
        before = _snapshot(current)
        consequence = current or Consequence(victim=act.victim, recorded_by_id=user.id)
        for name in FIELDS:
            setattr(consequence, name, data.get(name))
        consequence.updated_at = now_utc()
        s.add(consequence)
        s.flush()
        audit.record(s, user, "record_consequence", act, before=before, after=_snapshot(consequence))
        return consequence


def consequence_of(act: Act) -> Consequence | None:
    return act.victim.consequence
