"""Use cases of the cooperation agreement: one transaction each, with its audit entry.

Who sees what (design.md, "Roles at a glance"; art. 3.1 of the agreement):

- inspections, violations and orders: inspectors of both inspectorates within their region, the
  safety officer of the inspected employer, administrators;
- requests, complaints, plan proposals and joint work: inspectors of both inspectorates and
  administrators, never an employer's officer;
- a record restricted by law: only its own inspectorate (for a joint inspection, both) and the
  inspectorates it was explicitly shared with, never an officer; every read of it is audited.

A record outside the user's sight is not found (404), exactly like an unknown one.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import hashlib
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy import orm

from accidents.models import Accident, Act
from cooperation.classifiers import (
    ComplaintStatus,
    Grounds,
    InspectionKind,
    ProposalDecision,
)
from cooperation.models import (
    Complaint,
    CoopAgreement,
    CoopAttachment,
    CoopShare,
    InfoRequest,
    Inspection,
    InspectionOrder,
    InspectionSignature,
    JointDocument,
    JointEvent,
    MeasureItem,
    MeasurePlan,
    Norm,
    PlanProposal,
    Violation,
    WorkingGroup,
)
from core import audit, db
from core.auth.permissions import can, employer_scope, in_scope
from core.classifiers import Inspectorate, Role
from core.db import BISHKEK, today_bishkek
from core.employers import Employer
from core.errors import Conflict, DomainError
from core.services import where_equal

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024


class NotFound(DomainError):
    """Unknown, outside the user's scope, or restricted from them: indistinguishable on purpose."""

    status = 404

    def __init__(self) -> None:
        super().__init__(_("There is no such record, or it is not in your scope."))


class Forbidden(DomainError):
    status = 403

    def __init__(self) -> None:
        super().__init__(_("You may not take this action."))


class ReadOnly(DomainError):
    """A signed inspection, an answered request, a decided proposal: they stand as issued."""

    def __init__(self, message: str, field: str = "_") -> None:
        super().__init__(message, field=field)


# --- who may see what -------------------------------------------------------------------------------


def _role(user: Any) -> Role:
    return Role(user.role)


def _require(user: Any, capability: str) -> None:
    if not can(user, capability):
        raise Forbidden()


def _inspector(user: Any) -> Inspectorate:
    """The acting user's inspectorate: writes under the agreement are made by one of the two."""
    if _role(user) is not Role.INSPECTOR or not user.inspectorate:
        raise DomainError(_("Only an inspector of one of the two inspectorates may do this."))
    return Inspectorate(user.inspectorate)


def _shared(user: Any, entity: str, id_column: Any) -> sa.ColumnElement[bool]:
    return (
        sa.select(CoopShare.id)
        .where(
            CoopShare.entity == entity,
            CoopShare.entity_id == id_column,
            CoopShare.inspectorate == user.inspectorate,
        )
        .exists()
    )


def _confidential(
    user: Any, restricted: Any, own: sa.ColumnElement[bool], entity: str, id_column: Any
) -> Any:
    """Art. 3.1 as a WHERE clause: open records to all who may see the kind; restricted ones only to
    their own inspectorate and to those shared with; never to an officer."""
    role = _role(user)
    if role is Role.ADMIN:
        return sa.true()
    if role is not Role.INSPECTOR:
        return restricted.is_(False)
    return sa.or_(restricted.is_(False), own, _shared(user, entity, id_column))


def inspection_clause(user: Any) -> sa.ColumnElement[bool]:
    own = sa.or_(Inspection.inspectorate == user.inspectorate, Inspection.kind == InspectionKind.JOINT)
    return sa.and_(
        employer_scope(user, Inspection.employer_id),
        _confidential(user, Inspection.restricted, own, "coop_inspection", Inspection.id),
    )


def repeated_violation() -> sa.Exists:
    """Whether the employer had the same norm violated before (a repeated violation, повторное нарушение):
    at an inspection that started on an earlier day. The register and the joint analysis read it alike.

    Under the 2022 agreement the two inspectorates share what each found at the inspections they carried
    out (art. 2.2) and inspect together (art. 2.7), so the same employer is often seen by both on one day:
    a second finding of that day is the same violation seen twice, not one the employer repeated after it
    was found."""
    earlier = orm.aliased(Violation)
    earlier_inspection = orm.aliased(Inspection)
    before = earlier_inspection.starts_on < Inspection.starts_on
    return (
        sa.select(earlier.id)
        .join(earlier_inspection, earlier.inspection_id == earlier_inspection.id)
        .where(
            earlier.norm_id == Violation.norm_id,
            earlier_inspection.employer_id == Inspection.employer_id,
            before,
        )
        .exists()
    )


def complaint_clause(user: Any) -> sa.ColumnElement[bool]:
    return sa.and_(
        employer_scope(user, Complaint.employer_id),
        _confidential(
            user,
            Complaint.restricted,
            Complaint.inspectorate == user.inspectorate,
            "coop_complaint",
            Complaint.id,
        ),
    )


def request_clause(user: Any) -> sa.ColumnElement[bool]:
    """Requests pass between the two inspectorates, so both are parties to each; a restricted one is
    still shown to no one else, and every read of it is audited."""
    own = sa.or_(
        InfoRequest.from_inspectorate == user.inspectorate, InfoRequest.to_inspectorate == user.inspectorate
    )
    return _confidential(user, InfoRequest.restricted, own, "coop_request", InfoRequest.id)


def _audit_reads(s: orm.Session, user: Any, records: Iterable[Any], remark: str | None = None) -> None:
    """Art. 3.1: every read of a restricted record leaves an entry (who, when, which record)."""
    for record in records:
        if getattr(record, "restricted", False):
            audit.record(s, user, "read", record, after={}, remark=remark)


def _get(s: orm.Session, user: Any, model: Any, record_id: int, clause: Any) -> Any:
    record = s.scalar(sa.select(model).where(model.id == record_id, clause))
    if record is None:
        raise NotFound()
    return record


def get_inspection(s: orm.Session, user: Any, inspection_id: int) -> Inspection:
    _require(user, "view_inspections")
    return _get(s, user, Inspection, inspection_id, inspection_clause(user))


def get_complaint(s: orm.Session, user: Any, complaint_id: int) -> Complaint:
    _require(user, "cooperate")
    return _get(s, user, Complaint, complaint_id, complaint_clause(user))


def get_request(s: orm.Session, user: Any, request_id: int) -> InfoRequest:
    _require(user, "cooperate")
    return _get(s, user, InfoRequest, request_id, request_clause(user))


def get_order(s: orm.Session, user: Any, order_id: int) -> InspectionOrder:
    _require(user, "view_inspections")  # before the lookup: a 403 must not tell which orders exist
    order = s.get(InspectionOrder, order_id)
    if order is None:
        raise NotFound()
    get_inspection(s, user, order.inspection_id)
    return order


def get_proposal(s: orm.Session, user: Any, proposal_id: int) -> PlanProposal:
    _require(user, "cooperate")
    proposal = s.scalar(
        sa.select(PlanProposal).where(
            PlanProposal.id == proposal_id, employer_scope(user, PlanProposal.employer_id)
        )
    )
    if proposal is None:
        raise NotFound()
    return proposal


def read_inspection(user: Any, inspection_id: int) -> Inspection:
    """An inspection for its page or the API, the read audited if it is restricted."""
    with db.transaction() as s:
        inspection = get_inspection(s, user, inspection_id)
        _audit_reads(s, user, [inspection])
    return inspection


def read_complaint(user: Any, complaint_id: int) -> Complaint:
    with db.transaction() as s:
        complaint = get_complaint(s, user, complaint_id)
        _audit_reads(s, user, [complaint])
    return complaint


def read_request(user: Any, request_id: int) -> InfoRequest:
    with db.transaction() as s:
        request = get_request(s, user, request_id)
        _audit_reads(s, user, [request])
    return request


def _page(user: Any, stmt: sa.Select[Any], filters: dict[str, Any]) -> db.Page[Any]:
    """A page of a list, the restricted rows on it audited as read (the list shows their subjects)."""
    with db.transaction() as s:
        page = db.paginate(s, stmt, filters.get("page", 1), filters.get("per_page", 25), listing=filters)
        _audit_reads(s, user, page.items, remark="list")
    return page


def _check_version(obj: Any, version: int | None) -> None:
    if version is not None and version != obj.version:
        raise Conflict()


def history(s: orm.Session, user: Any, obj: Any) -> list[audit.AuditEntry]:
    _require(user, "cooperate")
    return audit.history(s, obj.__tablename__, obj.id)


def share(user: Any, entity: str, record_id: int, data: dict[str, Any]) -> CoopShare:
    """Open a restricted record to another inspectorate (art. 3.1); only its own inspectorate may."""
    getters = {
        "coop_inspection": get_inspection,
        "coop_complaint": get_complaint,
        "coop_request": get_request,
    }
    with db.transaction() as s:
        record = getters[entity](s, user, record_id)
        mine = _inspector(user)
        owner = record.inspectorate if hasattr(record, "inspectorate") else record.from_inspectorate
        if owner != mine:
            raise Forbidden()
        target = Inspectorate(data["inspectorate"])
        if target == mine:
            raise DomainError(_("The record is already open to your inspectorate."), field="inspectorate")
        existing = s.scalar(
            sa.select(CoopShare).where(
                CoopShare.entity == entity, CoopShare.entity_id == record.id, CoopShare.inspectorate == target
            )
        )
        if existing is not None:
            return existing
        grant = CoopShare(entity=entity, entity_id=record.id, inspectorate=target, shared_by_id=user.id)
        s.add(grant)
        audit.record(s, user, "share", record, after={"shared_with": str(target)})
    return grant


def shares_of(s: orm.Session, entity: str, record_id: int) -> list[CoopShare]:
    return list(
        s.scalars(sa.select(CoopShare).where(CoopShare.entity == entity, CoopShare.entity_id == record_id))
    )


def record_trail(user: Any, entity: str, record_id: int) -> dict[str, Any]:
    """What a record's page shows under it: its audit trail (to those who cooperate) and whom it is shared
    with."""
    s = db.session()
    return {
        "entries": audit.history(s, entity, record_id) if can(user, "cooperate") else None,
        "shares": shares_of(s, entity, record_id),
    }


# --- the agreement ----------------------------------------------------------------------------------


def current_agreement(s: orm.Session, user: Any) -> CoopAgreement | None:
    _require(user, "cooperate")
    return s.scalar(
        sa.select(CoopAgreement).order_by(CoopAgreement.signed_on.desc(), CoopAgreement.id.desc())
    )


def agreement_in_force(user: Any) -> CoopAgreement | None:
    """:func:`current_agreement` in the request's session, for its page."""
    return current_agreement(db.session(), user)


def home_page(user: Any) -> dict[str, Any]:
    """The inspectors' start page: the agreement's standing and what is late on both sides."""
    return {
        "agreement": agreement_in_force(user),
        "overdue_requests": overdue_requests(db.session(), user),
        "overdue_orders": list_orders(user, {"overdue": True, "per_page": 1}).total,
    }


def give_notice(user: Any, agreement_id: int, data: dict[str, Any]) -> CoopAgreement:
    """Record a party's written notice (arts. 3.4, 3.5): administrators only, once; it is not edited."""
    _require(user, "manage_employers")
    with db.transaction() as s:
        agreement = s.get(CoopAgreement, agreement_id)
        if agreement is None:
            raise NotFound()
        _check_version(agreement, data.get("version"))
        if agreement.notice_kind is not None:
            raise ReadOnly(_("A notice has already been recorded."), field="notice_kind")
        if data["notice_received_on"] < agreement.signed_on:
            raise DomainError(
                _("The notice is dated before the agreement was signed."), field="notice_received_on"
            )
        if not agreement.standing(data["notice_received_on"]).in_force:
            raise DomainError(_("The agreement was not in force on that day."), field="notice_received_on")
        with audit.changing(s, user, "notice", agreement):
            agreement.notice_kind = data["notice_kind"]
            agreement.notice_by = data["notice_by"]
            agreement.notice_received_on = data["notice_received_on"]
    return agreement


# --- norms ------------------------------------------------------------------------------------------


def list_norms(user: Any, filters: dict[str, Any]) -> db.Page[Norm]:
    _require(user, "view_inspections")
    stmt = sa.select(Norm).order_by(Norm.act, Norm.article, Norm.id)
    return db.paginate(
        db.session(), stmt, filters.get("page", 1), filters.get("per_page", 200), listing=filters
    )


def all_norms(s: orm.Session) -> list[Norm]:
    return list(s.scalars(sa.select(Norm).order_by(Norm.act, Norm.article)))


def norm_choices() -> list[Norm]:
    """The catalogue of norms, for a form's choice list."""
    return all_norms(db.session())


def add_norm(user: Any, data: dict[str, Any]) -> Norm:
    _require(user, "cooperate")
    with db.transaction() as s:
        exists = s.scalar(sa.select(Norm.id).where(Norm.act == data["act"], Norm.article == data["article"]))
        if exists:
            raise DomainError(_("This article of this act is already in the register."), field="article")
        norm = Norm(**data)
        s.add(norm)
        audit.record(s, user, "create", norm)
    return norm


# --- inspections ------------------------------------------------------------------------------------

INSPECTION_FIELDS = [
    "employer_id",
    "kind",
    "grounds",
    "inspectors",
    "starts_on",
    "ends_on",
    "subject",
    "findings",
    "restricted",
    "accident_id",
    "complaint_id",
    "request_id",
    "plan_proposal_id",
]


def _employer(s: orm.Session, user: Any, employer_id: int | None, field: str = "employer_id") -> Employer:
    employer = s.get(Employer, employer_id) if employer_id else None
    if employer is None or not in_scope(user, employer):
        raise DomainError(_("There is no such employer in your scope."), field=field)
    return employer


def _accident_of(
    s: orm.Session, employer_id: int, accident_id: int | None, field: str = "accident_id"
) -> None:
    if accident_id is None:
        return
    accident = s.get(Accident, accident_id)
    if accident is None or accident.employer_id != employer_id:
        raise DomainError(_("There is no such accident at this employer."), field=field)


def _check_inspection(s: orm.Session, user: Any, data: dict[str, Any]) -> None:
    """What the grounds need, and the linked records: the employer's own, within sight."""
    errors: dict[str, list[str]] = {}
    employer = _employer(s, user, data["employer_id"])
    needs = {
        Grounds.ACCIDENT: "accident_id",
        Grounds.COMPLAINT: "complaint_id",
        Grounds.REQUEST: "request_id",
        Grounds.PLAN: "plan_proposal_id",
    }
    wanted = needs.get(Grounds(data["grounds"]))
    if wanted and not data.get(wanted):
        errors[wanted] = [_("Name the record the inspection follows from.")]
    if data["kind"] == InspectionKind.PLANNED and data["grounds"] != Grounds.PLAN:
        errors["grounds"] = [_("A planned inspection follows from the annual plan.")]
    if data.get("accident_id"):
        try:
            _accident_of(s, employer.id, data["accident_id"])
        except DomainError as exc:
            errors.update(exc.errors)
    if data.get("complaint_id"):
        complaint = s.scalar(
            sa.select(Complaint).where(Complaint.id == data["complaint_id"], complaint_clause(user))
        )
        if complaint is None or complaint.employer_id != employer.id:
            errors["complaint_id"] = [_("There is no such complaint about this employer.")]
    request_id = data.get("request_id")
    if (
        request_id
        and s.scalar(sa.select(InfoRequest.id).where(InfoRequest.id == request_id, request_clause(user)))
        is None
    ):
        errors["request_id"] = [_("There is no such request.")]
    if data.get("plan_proposal_id"):
        proposal = s.get(PlanProposal, data["plan_proposal_id"])
        if (
            proposal is None
            or proposal.employer_id != employer.id
            or proposal.decision != ProposalDecision.ACCEPTED
        ):
            errors["plan_proposal_id"] = [_("There is no such accepted plan entry for this employer.")]
    if errors:
        raise DomainError(_("Some fields are invalid."), errors=errors)


def list_inspections(user: Any, filters: dict[str, Any]) -> db.Page[Inspection]:
    _require(user, "view_inspections")
    stmt = sa.select(Inspection).where(inspection_clause(user))
    stmt = where_equal(stmt, filters, {"employer_id": Inspection.employer_id, "kind": Inspection.kind})
    stmt = stmt.order_by(Inspection.starts_on.desc(), Inspection.id.desc()).options(
        orm.selectinload(Inspection.signatures)
    )
    return _page(user, stmt, filters)


def open_inspection(user: Any, data: dict[str, Any]) -> Inspection:
    """An inspector opens an inspection for their inspectorate; a joint one is then signed by both."""
    _require(user, "cooperate")
    with db.transaction() as s:
        mine = _inspector(user)
        _check_inspection(s, user, data)
        inspection = Inspection(
            **{k: data.get(k) for k in INSPECTION_FIELDS}, inspectorate=mine, created_by_id=user.id
        )
        s.add(inspection)
        audit.record(
            s,
            user,
            "create",
            inspection,
            after=audit.snapshot(inspection, [*INSPECTION_FIELDS, "inspectorate"]),
        )
    return inspection


def _editable(s: orm.Session, user: Any, inspection_id: int, version: int | None = None) -> Inspection:
    """An unsigned inspection that the user's inspectorate takes part in."""
    _require(user, "cooperate")
    inspection = get_inspection(s, user, inspection_id)
    if _role(user) is not Role.ADMIN and not inspection.involves(_inspector(user)):
        raise Forbidden()
    _check_version(inspection, version)
    if inspection.signed:
        raise ReadOnly(_("The inspection is signed: its act stands as issued."))
    return inspection


def update_inspection(user: Any, inspection_id: int, data: dict[str, Any]) -> Inspection:
    with db.transaction() as s:
        inspection = _editable(s, user, inspection_id, data.get("version"))
        if inspection.signatures:
            raise ReadOnly(_("One inspectorate has signed already: the act is no longer changed."))
        _check_inspection(s, user, data)
        with audit.changing(s, user, "update", inspection, INSPECTION_FIELDS):
            for key in INSPECTION_FIELDS:
                setattr(inspection, key, data.get(key))
    return inspection


def sign_inspection(user: Any, inspection_id: int, data: dict[str, Any]) -> Inspection:
    """One inspectorate signs the act; a joint inspection is signed once both have (art. 2.7)."""
    with db.transaction() as s:
        inspection = _editable(s, user, inspection_id, data.get("version"))
        mine = _inspector(user)
        if any(sig.inspectorate == mine for sig in inspection.signatures):
            raise ReadOnly(_("Your inspectorate has signed already."))
        if inspection.ends_on is None:
            raise DomainError(_("Record the day the inspection ended before signing."), field="ends_on")
        inspection.signatures.append(InspectionSignature(inspectorate=mine, user_id=user.id))
        audit.record(s, user, "sign", inspection, after={"signed_by": str(mine)})
    return inspection


def add_violation(user: Any, inspection_id: int, data: dict[str, Any]) -> Violation:
    with db.transaction() as s:
        inspection = _editable(s, user, inspection_id)
        errors: dict[str, list[str]] = {}
        if s.get(Norm, data["norm_id"]) is None:
            errors["norm_id"] = [_("Choose a norm from the register.")]
        try:
            _accident_of(s, inspection.employer_id, data.get("accident_id"))
        except DomainError as exc:
            errors.update(exc.errors)
        if data.get("act_id"):
            act = s.get(Act, data["act_id"])
            if act is None or act.accident.employer_id != inspection.employer_id:
                errors["act_id"] = [_("There is no such act at this employer.")]
            elif data.get("accident_id") and act.accident_id != data["accident_id"]:
                errors["act_id"] = [_("The act is of another accident.")]
        if errors:
            raise DomainError(_("Some fields are invalid."), errors=errors)
        violation = Violation(inspection_id=inspection.id, **data)
        s.add(violation)
        audit.record(s, user, "create", violation)
    return violation


def add_order(user: Any, inspection_id: int, data: dict[str, Any]) -> InspectionOrder:
    with db.transaction() as s:
        inspection = _editable(s, user, inspection_id)
        if data.get("violation_id") and data["violation_id"] not in {v.id for v in inspection.violations}:
            raise DomainError(_("Choose a violation found by this inspection."), field="violation_id")
        if data["issued_on"] < inspection.starts_on:
            raise DomainError(_("The order is dated before the inspection started."), field="issued_on")
        order = InspectionOrder(inspection_id=inspection.id, **data)
        s.add(order)
        audit.record(s, user, "create", order)
    return order


def _order_for_change(s: orm.Session, user: Any, order_id: int, version: int | None) -> InspectionOrder:
    _require(user, "cooperate")
    order = get_order(s, user, order_id)
    if _role(user) is not Role.ADMIN and not order.inspection.involves(_inspector(user)):
        raise Forbidden()
    _check_version(order, version)
    if order.fulfilled_on is not None:
        raise ReadOnly(_("The order is fulfilled: its record is closed."))
    return order


def fulfil_order(user: Any, order_id: int, data: dict[str, Any]) -> InspectionOrder:
    """Record that the employer fulfilled the order, with the evidence seen."""
    with db.transaction() as s:
        order = _order_for_change(s, user, order_id, data.get("version"))
        if data["fulfilled_on"] < order.issued_on:
            raise DomainError(_("The order cannot be fulfilled before it was issued."), field="fulfilled_on")
        with audit.changing(s, user, "fulfil", order):
            order.fulfilled_on = data["fulfilled_on"]
            order.evidence = data["evidence"]
    return order


def extend_order(user: Any, order_id: int, data: dict[str, Any]) -> InspectionOrder:
    """Give the employer more time: the new day is later than the current one, and the reason is kept."""
    with db.transaction() as s:
        order = _order_for_change(s, user, order_id, data.get("version"))
        if data["extended_to"] <= order.deadline:
            raise DomainError(_("The new due date is after the current one."), field="extended_to")
        with audit.changing(s, user, "extend_order", order):
            order.extended_to = data["extended_to"]
            order.extension_reason = data["extension_reason"]
    return order


def list_violations(user: Any, filters: dict[str, Any]) -> db.Page[Violation]:
    """The register across both inspectorates; repeated = the employer had the same norm violated before."""
    _require(user, "view_inspections")
    repeated = repeated_violation()
    stmt = (
        sa.select(Violation, repeated.label("repeated"))
        .join(Inspection, Violation.inspection_id == Inspection.id)
        .join(Employer, Inspection.employer_id == Employer.id)
        .where(inspection_clause(user))
    )
    stmt = where_equal(
        stmt,
        filters,
        {
            "employer_id": Inspection.employer_id,
            "norm_id": Violation.norm_id,
            "sector": Employer.sector,
            "region": Employer.region,
        },
    )
    if filters.get("repeated"):
        stmt = stmt.where(repeated)
    stmt = stmt.order_by(Inspection.starts_on.desc(), Violation.id.desc())
    with db.transaction() as s:
        page = db.paginate(
            s, stmt, filters.get("page", 1), filters.get("per_page", 25), rows=True, listing=filters
        )
        items = []
        for violation, is_repeated in page.items:
            violation.repeated = bool(is_repeated)
            items.append(violation)
        _accidents_after(s, user, items)
        _audit_reads(s, user, {v.inspection for v in items}, remark="list")
    return dataclasses.replace(page, items=items)


def _accidents_after(s: orm.Session, user: Any, violations: list[Violation]) -> None:
    """What followed a violation: the employer's accidents after the inspection that found it, in scope.

    One query for the page's employers; the days compare in Bishkek, where the law counts them.
    """
    employers = {v.inspection.employer_id for v in violations}
    if not employers:
        return
    rows = s.execute(
        sa.select(Accident.id, Accident.employer_id, Accident.occurred_at)
        .where(Accident.employer_id.in_(employers), employer_scope(user, Accident.employer_id))
        .order_by(Accident.occurred_at)
    ).all()
    for violation in violations:
        found_on = violation.inspection.ends_on or violation.inspection.starts_on
        violation.later_accident_ids = [
            accident_id
            for accident_id, employer_id, occurred_at in rows
            if employer_id == violation.inspection.employer_id
            and occurred_at.astimezone(BISHKEK).date() > found_on
        ]


def list_orders(user: Any, filters: dict[str, Any]) -> db.Page[InspectionOrder]:
    _require(user, "view_inspections")
    stmt = (
        sa.select(InspectionOrder)
        .join(Inspection, InspectionOrder.inspection_id == Inspection.id)
        .where(inspection_clause(user))
    )
    if filters.get("employer_id"):
        stmt = stmt.where(Inspection.employer_id == filters["employer_id"])
    if filters.get("overdue"):
        deadline = sa.func.coalesce(InspectionOrder.extended_to, InspectionOrder.due_on)
        stmt = stmt.where(InspectionOrder.fulfilled_on.is_(None), deadline < today_bishkek())
    stmt = stmt.order_by(
        sa.func.coalesce(InspectionOrder.extended_to, InspectionOrder.due_on), InspectionOrder.id
    )
    with db.transaction() as s:
        page = db.paginate(s, stmt, filters.get("page", 1), filters.get("per_page", 25), listing=filters)
        _audit_reads(s, user, {o.inspection for o in page.items}, remark="list")
    return page


# --- requests (art. 2.2) ----------------------------------------------------------------------------


def list_requests(user: Any, filters: dict[str, Any]) -> db.Page[InfoRequest]:
    _require(user, "cooperate")
    stmt = sa.select(InfoRequest).where(request_clause(user))
    if filters.get("overdue"):
        stmt = stmt.where(InfoRequest.answered_on.is_(None), InfoRequest.due_on < today_bishkek())
    stmt = stmt.order_by(InfoRequest.sent_on.desc(), InfoRequest.id.desc())
    return _page(user, stmt, filters)


def overdue_requests(s: orm.Session, user: Any) -> int:
    """How many requests between the two are late: flagged to both, asker and asked."""
    if not can(user, "cooperate"):
        return 0
    stmt = sa.select(sa.func.count(InfoRequest.id)).where(
        request_clause(user), InfoRequest.answered_on.is_(None), InfoRequest.due_on < today_bishkek()
    )
    return s.scalar(stmt) or 0


def _files(s: orm.Session, user: Any, owner_type: str, owner_id: int, files: list[dict[str, Any]]) -> None:
    for i, item in enumerate(files):
        content = item.get("content")
        if content is None:
            try:
                content = base64.b64decode(item["content_base64"], validate=True)
            except (binascii.Error, ValueError):
                raise DomainError(
                    _("The file is not valid base64."), field=f"attachments.{i}.content_base64"
                ) from None
        if not content:
            raise DomainError(_("The file is empty."), field=f"attachments.{i}.filename")
        if len(content) > MAX_ATTACHMENT_BYTES:
            raise DomainError(_("The file is larger than 5 MB."), field=f"attachments.{i}.filename")
        attachment = CoopAttachment(
            owner_type=owner_type,
            owner_id=owner_id,
            filename=item["filename"][:200],
            content_type=(item.get("content_type") or "application/octet-stream")[:100],
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            content=content,
            uploaded_by_id=user.id,
        )
        s.add(attachment)
        audit.record(
            s, user, "attach", attachment, after={"filename": attachment.filename, "size": attachment.size}
        )


def send_request(user: Any, data: dict[str, Any]) -> InfoRequest:
    """One inspectorate asks the other, today, with a due date after today."""
    _require(user, "cooperate")
    with db.transaction() as s:
        mine = _inspector(user)
        other = Inspectorate.STATE if mine is Inspectorate.TRADE_UNION else Inspectorate.TRADE_UNION
        if data.get("employer_id"):
            _employer(s, user, data["employer_id"])
        if (
            data.get("complaint_id")
            and s.scalar(
                sa.select(Complaint.id).where(Complaint.id == data["complaint_id"], complaint_clause(user))
            )
            is None
        ):
            raise DomainError(_("There is no such complaint."), field="complaint_id")
        request = InfoRequest(
            **data,
            from_inspectorate=mine,
            to_inspectorate=other,
            sent_on=today_bishkek(),
            created_by_id=user.id,
        )
        s.add(request)
        audit.record(s, user, "create", request)
    return request


def _closing_once(
    s: orm.Session,
    user: Any,
    record: Any,
    version: Any,
    by: Any,
    closed: bool,
    refusal: ReadOnly,
) -> None:
    """A record that only the inspectorate ``by`` closes, and once: its read is audited, someone else is
    refused (403), a stale form is a conflict, and a closed record stays as it was closed (``refusal``)."""
    _audit_reads(s, user, [record])
    if _inspector(user) != by:
        raise Forbidden()
    _check_version(record, version)
    if closed:
        raise refusal


def answer_request(user: Any, request_id: int, data: dict[str, Any]) -> InfoRequest:
    """The asked inspectorate answers once, with its files; the answer is not edited afterwards."""
    with db.transaction() as s:
        request = get_request(s, user, request_id)
        answered = ReadOnly(_("The request has been answered already."), field="answer")
        by, closed = request.to_inspectorate, request.answered_on is not None
        _closing_once(s, user, request, data.get("version"), by, closed, answered)
        with audit.changing(s, user, "answer", request):
            request.answer = data["answer"]
            request.answered_on = today_bishkek()
            request.answered_by_id = user.id
            _files(s, user, "request", request.id, data.get("attachments") or [])
    return request


def get_attachment(s: orm.Session, user: Any, attachment_id: int) -> CoopAttachment:
    """A file, if its record is within the user's sight (the read of a restricted one is audited)."""
    _require(user, "cooperate")
    attachment = s.get(CoopAttachment, attachment_id)
    if attachment is None:
        raise NotFound()
    if attachment.owner_type == "request":
        get_request(s, user, attachment.owner_id)
    return attachment


# --- complaints -------------------------------------------------------------------------------------


def list_complaints(user: Any, filters: dict[str, Any]) -> db.Page[Complaint]:
    _require(user, "cooperate")
    stmt = (
        sa.select(Complaint)
        .where(complaint_clause(user))
        .order_by(Complaint.received_on.desc(), Complaint.id.desc())
    )
    return _page(user, stmt, filters)


def register_complaint(user: Any, data: dict[str, Any]) -> Complaint:
    _require(user, "cooperate")
    with db.transaction() as s:
        mine = _inspector(user)
        _employer(s, user, data["employer_id"])
        complaint = Complaint(**data, inspectorate=mine, created_by_id=user.id)
        s.add(complaint)
        audit.record(s, user, "create", complaint)
    return complaint


def review_complaint(user: Any, complaint_id: int, data: dict[str, Any]) -> Complaint:
    """Record the review's result; the inspectorate that received the complaint reviews it."""
    with db.transaction() as s:
        complaint = get_complaint(s, user, complaint_id)
        reviewed = ReadOnly(_("The complaint has been reviewed already."), field="result")
        by, closed = complaint.inspectorate, complaint.status == ComplaintStatus.REVIEWED
        _closing_once(s, user, complaint, data.get("version"), by, closed, reviewed)
        if data["reviewed_on"] < complaint.received_on:
            raise DomainError(
                _("The review is dated before the complaint was received."), field="reviewed_on"
            )
        with audit.changing(s, user, "review", complaint):
            complaint.result = data["result"]
            complaint.result_text = data["result_text"]
            complaint.reviewed_on = data["reviewed_on"]
            complaint.status = ComplaintStatus.REVIEWED
    return complaint


# --- plan proposals (art. 2.6) ----------------------------------------------------------------------


def list_proposals(user: Any, filters: dict[str, Any]) -> db.Page[PlanProposal]:
    _require(user, "cooperate")
    stmt = sa.select(PlanProposal).where(employer_scope(user, PlanProposal.employer_id))
    stmt = where_equal(stmt, filters, {"year": PlanProposal.year, "decision": PlanProposal.decision})
    stmt = stmt.order_by(PlanProposal.year.desc(), PlanProposal.id).options(
        orm.selectinload(PlanProposal.inspections).selectinload(Inspection.signatures)
    )
    return db.paginate(
        db.session(), stmt, filters.get("page", 1), filters.get("per_page", 25), listing=filters
    )


def propose(user: Any, data: dict[str, Any]) -> PlanProposal:
    """Art. 2.6: only the Inspection (trade unions) proposes; one proposal per employer and year."""
    _require(user, "cooperate")
    with db.transaction() as s:
        if _inspector(user) is not Inspectorate.TRADE_UNION:
            raise DomainError(_("Proposals for the plan come from the Inspection (art. 2.6)."))
        _employer(s, user, data["employer_id"])
        taken = s.scalar(
            sa.select(PlanProposal.id).where(
                PlanProposal.year == data["year"], PlanProposal.employer_id == data["employer_id"]
            )
        )
        if taken:
            raise DomainError(_("This employer is already proposed for that year."), field="employer_id")
        proposal = PlanProposal(**data, proposed_on=today_bishkek(), proposed_by_id=user.id)
        s.add(proposal)
        audit.record(s, user, "create", proposal)
    return proposal


def decide_proposal(user: Any, proposal_id: int, data: dict[str, Any]) -> PlanProposal:
    """The Service (state inspection) accepts or declines, always with a reason; once."""
    with db.transaction() as s:
        proposal = get_proposal(s, user, proposal_id)
        if _inspector(user) is not Inspectorate.STATE:
            raise DomainError(_("The Service decides on the proposals (art. 2.6)."))
        _check_version(proposal, data.get("version"))
        if proposal.decision != ProposalDecision.PENDING:
            raise ReadOnly(_("The proposal has been decided already."), field="decision")
        with audit.changing(s, user, "decide", proposal):
            proposal.decision = data["decision"]
            proposal.decision_reason = data["decision_reason"]
            proposal.decided_on = today_bishkek()
            proposal.decided_by_id = user.id
    return proposal


# --- joint work -------------------------------------------------------------------------------------


def _list(user: Any, model: Any, order: Any, filters: dict[str, Any]) -> db.Page[Any]:
    _require(user, "cooperate")
    stmt = sa.select(model).order_by(order, model.id.desc())
    return db.paginate(
        db.session(), stmt, filters.get("page", 1), filters.get("per_page", 25), listing=filters
    )


def _get_plain(s: orm.Session, user: Any, model: Any, record_id: int) -> Any:
    _require(user, "cooperate")
    record = s.get(model, record_id)
    if record is None:
        raise NotFound()
    return record


def _link(s: orm.Session, model: Any, record_id: int | None, field: str) -> None:
    if record_id is not None and s.get(model, record_id) is None:
        raise DomainError(_("There is no such record."), field=field)


def list_groups(user: Any, filters: dict[str, Any]) -> db.Page[WorkingGroup]:
    return _list(user, WorkingGroup, WorkingGroup.formed_on.desc(), filters)


def form_group(user: Any, data: dict[str, Any]) -> WorkingGroup:
    _require(user, "cooperate")
    with db.transaction() as s:
        group = WorkingGroup(**data)
        s.add(group)
        audit.record(s, user, "create", group)
    return group


def list_plans(user: Any, filters: dict[str, Any]) -> db.Page[MeasurePlan]:
    return _list(user, MeasurePlan, MeasurePlan.adopted_on.desc(), filters)


def get_plan(s: orm.Session, user: Any, plan_id: int) -> MeasurePlan:
    return _get_plain(s, user, MeasurePlan, plan_id)


def adopt_plan(user: Any, data: dict[str, Any]) -> MeasurePlan:
    _require(user, "cooperate")
    with db.transaction() as s:
        _link(s, WorkingGroup, data.get("working_group_id"), "working_group_id")
        for i, item in enumerate(data["items"]):
            if item["due_on"] < data["period_from"]:
                raise DomainError(
                    _("The measure is due before the plan's period."), field=f"items.{i}.due_on"
                )
        items = [MeasureItem(position=i, **item) for i, item in enumerate(data.pop("items"))]
        plan = MeasurePlan(**data, items=items)
        s.add(plan)
        audit.record(s, user, "create", plan)
    return plan


def get_item(s: orm.Session, user: Any, item_id: int) -> MeasureItem:
    return _get_plain(s, user, MeasureItem, item_id)


def complete_item(user: Any, item_id: int, data: dict[str, Any]) -> MeasureItem:
    with db.transaction() as s:
        item = _get_plain(s, user, MeasureItem, item_id)
        if item.done_on is not None:
            raise ReadOnly(_("The measure is already done."), field="done_on")
        with audit.changing(s, user, "update", item):
            item.done_on = data["done_on"]
    return item


def list_events(user: Any, filters: dict[str, Any]) -> db.Page[JointEvent]:
    return _list(user, JointEvent, JointEvent.held_on.desc(), filters)


def record_event(user: Any, data: dict[str, Any]) -> JointEvent:
    _require(user, "cooperate")
    with db.transaction() as s:
        _link(s, WorkingGroup, data.get("working_group_id"), "working_group_id")
        if data["held_on"] > today_bishkek() and data.get("outcome"):
            raise DomainError(_("An event still to come has no outcome yet."), field="outcome")
        event = JointEvent(**data)
        s.add(event)
        audit.record(s, user, "create", event)
    return event


def list_documents(user: Any, filters: dict[str, Any]) -> db.Page[JointDocument]:
    return _list(user, JointDocument, JointDocument.prepared_on.desc(), filters)


def add_document(user: Any, data: dict[str, Any]) -> JointDocument:
    _require(user, "cooperate")
    with db.transaction() as s:
        _link(s, JointEvent, data.get("event_id"), "event_id")
        _link(s, WorkingGroup, data.get("working_group_id"), "working_group_id")
        _link(s, MeasurePlan, data.get("measure_plan_id"), "measure_plan_id")
        files = data.pop("attachments", None) or []
        document = JointDocument(**data)
        s.add(document)
        audit.record(s, user, "create", document)
        _files(s, user, "document", document.id, files)
    return document
