"""MSEC findings (art. 232): recorded, voided, corrected, and listed for
re-examinations."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy import orm

from claims.models import MsecFinding
from claims.services.common import _victim, get_scoped
from claims.services.voids import _reason, _supersede_record, _void
from core import audit, db, formatting
from core.auth.permissions import employer_scope
from core.classifiers import Role
from core.errors import FormErrors
from core.services import check_version, require

# --- MSEC findings (art. 232) ------------------------------------------------------------------------

FINDING_FIELDS = [
    "victim_id",
    "act_id",
    "previous_id",
    "msec_body",
    "decision_no",
    "examined_on",
    "valid_from",
    "valid_to",
    "loss_percent",
    "disability_group",
    "reexamination_on",
    "care_special_medical",
    "care_household",
    "rehabilitation",
    "applied_on",
]


def _check_finding(s: orm.Session, finding: MsecFinding) -> None:
    errors: dict[str, list[str]] = {}
    today = db.today_bishkek()
    for name in ("examined_on", "applied_on"):
        if (getattr(finding, name) or today) > today:
            errors[name] = [_("This day has not come yet: today is %(today)s.", today=formatting.day(today))]
    if finding.valid_to is not None and finding.valid_to < finding.valid_from:
        errors["valid_to"] = [_("The period ends before it starts.")]
    if finding.reexamination_on is not None and finding.reexamination_on < finding.examined_on:
        errors["reexamination_on"] = [_("The re-examination cannot precede the examination.")]
    if not Decimal(0) <= finding.loss_percent <= Decimal(100):
        errors["loss_percent"] = [_("Between 0 and 100.")]
    others = s.scalars(
        sa.select(MsecFinding).where(
            MsecFinding.victim_id == finding.victim_id,
            MsecFinding.id != (finding.id or 0),
            MsecFinding.voided_at.is_(None),
        )
    ).all()
    for other in others:
        end = other.valid_to or date.max
        mine_end = finding.valid_to or date.max
        if finding.valid_from <= end and other.valid_from <= mine_end:
            errors.setdefault("valid_from", []).append(
                _("Overlaps the finding of %(start)s.", start=formatting.day(other.valid_from))
            )
    if errors:
        raise FormErrors(errors)


def _check_previous(s: orm.Session, finding: MsecFinding) -> None:
    """The finding a new one follows (re-examination) is the same injured person's (so of the employer and
    within the scope the victim was found in), and standing; one of another victim or employer, or none,
    is the same answer, so nothing leaks."""
    previous = s.get(MsecFinding, finding.previous_id)
    if (
        previous is None
        or previous.victim_id != finding.victim_id
        or previous.employer_id != finding.employer_id
    ):
        raise FormErrors({"previous_id": [_("There is no such earlier finding of this injured person.")]})
    if previous.voided_at is not None:
        raise FormErrors({"previous_id": [_("This finding was voided: link the one recorded in its place.")]})


def record_finding(user: Any, data: dict[str, Any]) -> MsecFinding:
    """Record an MSEC finding the victim brought to the employer (art. 232)."""
    require(user, "file_claim")
    with db.transaction() as s:
        finding = _new_finding(s, user, data)
        audit.record(s, user, "create", finding, after=audit.snapshot(finding, FINDING_FIELDS))
        return finding


def _new_finding(s: orm.Session, user: Any, data: dict[str, Any]) -> MsecFinding:
    victim, act = _victim(s, user, data["victim_id"])
    finding = MsecFinding(employer_id=victim.accident.employer_id, act_id=act.id)
    for name in FINDING_FIELDS:
        if name in data and name not in ("victim_id", "act_id"):
            setattr(finding, name, data[name])
    finding.victim_id = victim.id
    if finding.previous_id is not None:
        _check_previous(s, finding)
    else:
        finding.previous_id = s.scalar(
            sa.select(MsecFinding.id)
            .where(
                MsecFinding.victim_id == victim.id,
                MsecFinding.valid_from < finding.valid_from,
                MsecFinding.voided_at.is_(None),
            )
            .order_by(MsecFinding.valid_from.desc())
            .limit(1)
        )
    _check_finding(s, finding)
    s.add(finding)
    s.flush()
    return finding


def void_finding(user: Any, finding_id: int, reason: str | None, version: int | None = None) -> MsecFinding:
    """Void a mistaken MSEC finding (with the reason): kept, struck through, out of the next decision."""
    require(user, "file_claim")
    text = _reason(reason)
    with db.transaction() as s:
        finding = get_scoped(s, user, MsecFinding, finding_id)
        check_version(finding, version)
        _void(s, user, finding, text)
        return finding


def correct_finding(user: Any, finding_id: int, data: dict[str, Any]) -> MsecFinding:
    """Void a mistaken finding and record the right one in its place, linked to it; the next decision
    is computed from the correction."""
    require(user, "file_claim")
    text = _reason(data.get("reason"))
    with db.transaction() as s:
        old = get_scoped(s, user, MsecFinding, finding_id)
        check_version(old, data.get("version"))
        _void(s, user, old, text)
        fields = {k: v for k, v in data.items() if k in FINDING_FIELDS}
        fields["victim_id"] = old.victim_id
        # The link stays, unless what it pointed to was voided since (then the earlier one is found anew).
        standing = old.previous is not None and old.previous.voided_at is None
        fields.setdefault("previous_id", old.previous_id if standing else None)
        new = _new_finding(s, user, fields)
        _supersede_record(s, user, old, new, text, FINDING_FIELDS)
        return new


def findings_query(user: Any, filters: dict[str, Any]) -> sa.Select[Any]:
    stmt = sa.select(MsecFinding).where(
        employer_scope(user, MsecFinding.employer_id),
        sa.false() if Role(user.role) is Role.SOCIAL_FUND else sa.true(),  # the Fund handles no findings
    )
    if filters.get("victim_id"):
        stmt = stmt.where(MsecFinding.victim_id == filters["victim_id"])
    today = filters.get("today") or db.today_bishkek()
    # A voided finding is listed (struck through) but calls for no re-examination.
    if filters.get("reexamination") == "due":
        stmt = stmt.where(
            MsecFinding.reexamination_on.between(today, today + timedelta(days=30)),
            MsecFinding.voided_at.is_(None),
        )
    elif filters.get("reexamination") == "lapsed":
        # Lapsed: the re-examination date has passed and no later finding (not voided) follows this one.
        later = orm.aliased(MsecFinding)
        stmt = stmt.where(
            MsecFinding.reexamination_on < today,
            MsecFinding.voided_at.is_(None),
            ~sa.exists().where(later.previous_id == MsecFinding.id, later.voided_at.is_(None)),
        )
    return stmt.order_by(MsecFinding.reexamination_on.nulls_last(), MsecFinding.id)
