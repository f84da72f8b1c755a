"""The records of the cooperation agreement (2022) between the two inspectorates.

Kept apart from the accidents and claims they point to (by foreign key, never by copying): an
inspection's violation may name the accident and act N-1 it relates to. States that depend on the
calendar (an order overdue, a request late) are derived from the dates when read, so they never go
stale; what is stored is only what people did and when.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accidents.models import Accident, Act
from cooperation import term
from cooperation.classifiers import (
    ComplaintResult,
    ComplaintStatus,
    DocumentKind,
    EventKind,
    Grounds,
    InspectionKind,
    NoticeKind,
    OrderState,
    ProposalDecision,
    RequestKind,
    RequestState,
    Severity,
    in_clause,
)
from core.auth.models import User
from core.classifiers import Inspectorate
from core.db import Base, Timestamped, now_utc, today_bishkek
from core.employers import Employer

#: Tables whose rows may be restricted by law (art. 3.1), as named in audit entries and shares.
RESTRICTABLE = ("coop_inspection", "coop_request", "coop_complaint")


class CoopAgreement(Timestamped, Base):
    """Макулдашуу: the agreement itself, with the one written notice a party may give (arts. 3.4, 3.5)."""

    __tablename__ = "coop_agreement"
    __table_args__ = (
        sa.CheckConstraint(
            f"notice_kind IS NULL OR {in_clause('notice_kind', NoticeKind)}", name="notice_known"
        ),
        sa.CheckConstraint(
            f"notice_by IS NULL OR {in_clause('notice_by', Inspectorate)}", name="notice_by_known"
        ),
        sa.CheckConstraint("(notice_kind IS NULL) = (notice_received_on IS NULL)", name="notice_has_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(500))
    #: The parties as the preamble names them, with their signatories.
    trade_union_party: Mapped[str] = mapped_column(sa.String(300))
    state_party: Mapped[str] = mapped_column(sa.String(300))
    signed_on: Mapped[date]
    notice_kind: Mapped[NoticeKind | None] = mapped_column(sa.String(20))
    #: The party that gave the notice (its inspectorate stands for it here).
    notice_by: Mapped[Inspectorate | None] = mapped_column(sa.String(20))
    notice_received_on: Mapped[date | None]
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    def standing(self, on: date | None = None) -> term.Standing:
        return term.standing(self.signed_on, on or today_bishkek(), self.notice_kind, self.notice_received_on)


class Norm(Timestamped, Base):
    """A norm that can be violated: the act and its article (the register both inspectorates use)."""

    __tablename__ = "coop_norm"
    __table_args__ = (sa.UniqueConstraint("act", "article", name="uq_coop_norm_act_article"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The normative act, e.g. "Трудовой кодекс КР".
    act: Mapped[str] = mapped_column(sa.String(300))
    #: Its article, part or clause, e.g. "ст. 213, ч. 2".
    article: Mapped[str] = mapped_column(sa.String(100))
    title: Mapped[str] = mapped_column(sa.String(500))

    def __str__(self) -> str:
        return f"{self.act}, {self.article}"


class CoopShare(Timestamped, Base):
    """A restricted record opened to another inspectorate (art. 3.1): only explicitly, and recorded."""

    __tablename__ = "coop_share"
    __table_args__ = (
        sa.UniqueConstraint("entity", "entity_id", "inspectorate", name="uq_coop_share_record"),
        sa.CheckConstraint(in_clause("inspectorate", Inspectorate), name="inspectorate_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(sa.String(40))
    entity_id: Mapped[int]
    inspectorate: Mapped[Inspectorate] = mapped_column(sa.String(20))
    shared_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))
    shared_at: Mapped[datetime] = mapped_column(default=now_utc)


class Complaint(Timestamped, Base):
    """Даттануу: a worker's complaint about a violation of their labour rights, received by one inspectorate.

    Restricted by default: ILO Convention 81 (art. 15 c), the agreement's legal basis (art. 1.1), keeps
    the source of a complaint confidential.
    """

    __tablename__ = "coop_complaint"
    __table_args__ = (
        sa.CheckConstraint(in_clause("inspectorate", Inspectorate), name="inspectorate_known"),
        sa.CheckConstraint(in_clause("status", ComplaintStatus), name="status_known"),
        sa.CheckConstraint(f"result IS NULL OR {in_clause('result', ComplaintResult)}", name="result_known"),
        sa.CheckConstraint("review_due_on >= received_on", name="due_after_received"),
        sa.CheckConstraint("(status = 'reviewed') = (reviewed_on IS NOT NULL)", name="reviewed_has_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    inspectorate: Mapped[Inspectorate] = mapped_column(sa.String(20))
    employer_id: Mapped[int] = mapped_column(sa.ForeignKey("employer.id", ondelete="RESTRICT"), index=True)
    complainant: Mapped[str] = mapped_column(sa.String(200))
    contact: Mapped[str | None] = mapped_column(sa.String(200))
    received_on: Mapped[date] = mapped_column(index=True)
    review_due_on: Mapped[date]
    subject: Mapped[str] = mapped_column(sa.String(500))
    text: Mapped[str] = mapped_column(sa.Text)
    restricted: Mapped[bool] = mapped_column(default=True)
    status: Mapped[ComplaintStatus] = mapped_column(sa.String(20), default=ComplaintStatus.REGISTERED)
    result: Mapped[ComplaintResult | None] = mapped_column(sa.String(20))
    result_text: Mapped[str | None] = mapped_column(sa.Text)
    reviewed_on: Mapped[date | None]
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))
    version: Mapped[int] = mapped_column(default=1)

    employer: Mapped[Employer] = relationship(lazy="joined")

    __mapper_args__ = {"version_id_col": version}

    @property
    def overdue(self) -> bool:
        return self.status == ComplaintStatus.REGISTERED and self.review_due_on < today_bishkek()


class PlanProposal(Timestamped, Base):
    """Art. 2.6: the Inspection proposes an employer for next year's plan; the Service decides.

    One proposal per employer and year.
    """

    __tablename__ = "coop_plan_proposal"
    __table_args__ = (
        sa.UniqueConstraint("year", "employer_id", name="uq_coop_plan_proposal_year"),
        sa.CheckConstraint(in_clause("decision", ProposalDecision), name="decision_known"),
        sa.CheckConstraint(
            "decision = 'pending' OR (decided_on IS NOT NULL AND decision_reason IS NOT NULL)",
            name="decision_has_reason",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    employer_id: Mapped[int] = mapped_column(sa.ForeignKey("employer.id", ondelete="RESTRICT"), index=True)
    reason: Mapped[str] = mapped_column(sa.Text)
    proposed_on: Mapped[date]
    proposed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))
    decision: Mapped[ProposalDecision] = mapped_column(sa.String(20), default=ProposalDecision.PENDING)
    decision_reason: Mapped[str | None] = mapped_column(sa.Text)
    decided_on: Mapped[date | None]
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))
    version: Mapped[int] = mapped_column(default=1)

    employer: Mapped[Employer] = relationship(lazy="joined")
    inspections: Mapped[list[Inspection]] = relationship(back_populates="plan_proposal")

    __mapper_args__ = {"version_id_col": version}


class InfoRequest(Timestamped, Base):
    """Сурам (art. 2.2): one inspectorate asks the other; the answer, once given, is kept as given."""

    __tablename__ = "coop_request"
    __table_args__ = (
        sa.CheckConstraint(in_clause("from_inspectorate", Inspectorate), name="from_known"),
        sa.CheckConstraint(in_clause("to_inspectorate", Inspectorate), name="to_known"),
        sa.CheckConstraint("from_inspectorate != to_inspectorate", name="between_the_two"),
        sa.CheckConstraint(in_clause("kind", RequestKind), name="kind_known"),
        sa.CheckConstraint("due_on > sent_on", name="due_after_sent"),
        sa.CheckConstraint("(answered_on IS NULL) = (answer IS NULL)", name="answer_has_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    from_inspectorate: Mapped[Inspectorate] = mapped_column(sa.String(20))
    to_inspectorate: Mapped[Inspectorate] = mapped_column(sa.String(20))
    kind: Mapped[RequestKind] = mapped_column(sa.String(30))
    subject: Mapped[str] = mapped_column(sa.String(500))
    body: Mapped[str] = mapped_column(sa.Text)
    employer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("employer.id", ondelete="RESTRICT"))
    complaint_id: Mapped[int | None] = mapped_column(sa.ForeignKey("coop_complaint.id", ondelete="RESTRICT"))
    sent_on: Mapped[date] = mapped_column(index=True)
    due_on: Mapped[date] = mapped_column(index=True)
    restricted: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))
    answer: Mapped[str | None] = mapped_column(sa.Text)
    answered_on: Mapped[date | None]
    answered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))
    version: Mapped[int] = mapped_column(default=1)

    employer: Mapped[Employer | None] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id])
    attachments: Mapped[list[CoopAttachment]] = relationship(
        primaryjoin=(
            "and_(CoopAttachment.owner_type == 'request', foreign(CoopAttachment.owner_id) == InfoRequest.id)"
        ),
        order_by="CoopAttachment.id",
        viewonly=True,
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def state(self) -> RequestState:
        if self.answered_on is not None:
            return RequestState.ANSWERED if self.answered_on <= self.due_on else RequestState.ANSWERED_LATE
        return RequestState.OVERDUE if self.due_on < today_bishkek() else RequestState.OPEN


class CoopAttachment(Timestamped, Base):
    """A file attached to a request's answer or a joint document, kept in the database (at most 5 MB).

    Compensation's attachments belong to an employer's case file; these belong to the inspectorates'
    exchange, so they have their own small table.
    """

    __tablename__ = "coop_attachment"
    __table_args__ = (
        sa.CheckConstraint("owner_type IN ('request', 'document')", name="owner_known"),
        sa.CheckConstraint("size >= 0", name="size_not_negative"),
        sa.Index("ix_coop_attachment_owner", "owner_type", "owner_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_type: Mapped[str] = mapped_column(sa.String(10))
    owner_id: Mapped[int]
    filename: Mapped[str] = mapped_column(sa.String(200))
    content_type: Mapped[str] = mapped_column(sa.String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(sa.String(64))
    content: Mapped[bytes] = mapped_column(sa.LargeBinary, deferred=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))
    uploaded_at: Mapped[datetime] = mapped_column(default=now_utc)


class Inspection(Timestamped, Base):
    """Текшерүү: an inspection of one employer; a joint one (art. 2.7) is one record both sign."""

    __tablename__ = "coop_inspection"
    __table_args__ = (
        sa.CheckConstraint(in_clause("kind", InspectionKind), name="kind_known"),
        sa.CheckConstraint(in_clause("grounds", Grounds), name="grounds_known"),
        sa.CheckConstraint(in_clause("inspectorate", Inspectorate), name="inspectorate_known"),
        sa.CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="ends_after_start"),
        sa.Index("ix_coop_inspection_employer_starts", "employer_id", "starts_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(sa.ForeignKey("employer.id", ondelete="RESTRICT"))
    kind: Mapped[InspectionKind] = mapped_column(sa.String(20))
    grounds: Mapped[Grounds] = mapped_column(sa.String(20))
    #: The inspectorate that opened the record (for a joint inspection, the lead one).
    inspectorate: Mapped[Inspectorate] = mapped_column(sa.String(20))
    #: The inspectors of both inspectorates, as they sign the act.
    inspectors: Mapped[str] = mapped_column(sa.String(1000))
    starts_on: Mapped[date] = mapped_column(index=True)
    ends_on: Mapped[date | None]
    subject: Mapped[str] = mapped_column(sa.String(1000))
    findings: Mapped[str | None] = mapped_column(sa.Text)
    restricted: Mapped[bool] = mapped_column(default=False)
    accident_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accident.id", ondelete="RESTRICT"))
    complaint_id: Mapped[int | None] = mapped_column(sa.ForeignKey("coop_complaint.id", ondelete="RESTRICT"))
    request_id: Mapped[int | None] = mapped_column(sa.ForeignKey("coop_request.id", ondelete="RESTRICT"))
    plan_proposal_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("coop_plan_proposal.id", ondelete="RESTRICT"), index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))
    version: Mapped[int] = mapped_column(default=1)

    employer: Mapped[Employer] = relationship(lazy="joined")
    accident: Mapped[Accident | None] = relationship()
    complaint: Mapped[Complaint | None] = relationship()
    request: Mapped[InfoRequest | None] = relationship()
    plan_proposal: Mapped[PlanProposal | None] = relationship(back_populates="inspections")
    violations: Mapped[list[Violation]] = relationship(back_populates="inspection", order_by="Violation.id")
    orders: Mapped[list[InspectionOrder]] = relationship(
        back_populates="inspection", order_by="InspectionOrder.id"
    )
    signatures: Mapped[list[InspectionSignature]] = relationship(order_by="InspectionSignature.id")

    __mapper_args__ = {"version_id_col": version}

    @property
    def signers_needed(self) -> set[Inspectorate]:
        """A joint inspection is signed by both inspectorates; any other by its own."""
        if self.kind == InspectionKind.JOINT:
            return set(Inspectorate)
        return {Inspectorate(self.inspectorate)}

    @property
    def signed(self) -> bool:
        """Signed by all it needs: from then on its findings, violations and orders stand as issued."""
        return self.signers_needed <= {Inspectorate(s.inspectorate) for s in self.signatures}

    def involves(self, inspectorate: str | None) -> bool:
        return inspectorate == self.inspectorate or (
            self.kind == InspectionKind.JOINT and inspectorate in set(Inspectorate)
        )


class InspectionSignature(Timestamped, Base):
    """One inspectorate's signature of an inspection's act, by one of its inspectors."""

    __tablename__ = "coop_signature"
    __table_args__ = (
        sa.UniqueConstraint("inspection_id", "inspectorate", name="uq_coop_signature_inspectorate"),
        sa.CheckConstraint(in_clause("inspectorate", Inspectorate), name="inspectorate_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(sa.ForeignKey("coop_inspection.id", ondelete="RESTRICT"))
    inspectorate: Mapped[Inspectorate] = mapped_column(sa.String(20))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))
    signed_at: Mapped[datetime] = mapped_column(default=now_utc)

    user: Mapped[User] = relationship(lazy="joined")


class Violation(Timestamped, Base):
    """Бузуу: a violation found, by the norm violated; it may name the accident (and act N-1) it concerns."""

    __tablename__ = "coop_violation"
    __table_args__ = (
        sa.CheckConstraint(in_clause("severity", Severity), name="severity_known"),
        sa.CheckConstraint("fine IS NULL OR fine > 0", name="fine_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(
        sa.ForeignKey("coop_inspection.id", ondelete="RESTRICT"), index=True
    )
    norm_id: Mapped[int] = mapped_column(sa.ForeignKey("coop_norm.id", ondelete="RESTRICT"), index=True)
    description: Mapped[str] = mapped_column(sa.Text)
    severity: Mapped[Severity] = mapped_column(sa.String(10))
    accident_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accident.id", ondelete="RESTRICT"))
    act_id: Mapped[int | None] = mapped_column(sa.ForeignKey("act.id", ondelete="RESTRICT"))
    #: A fine imposed for it (som), if any.
    fine: Mapped[Decimal | None]

    inspection: Mapped[Inspection] = relationship(back_populates="violations")
    norm: Mapped[Norm] = relationship(lazy="joined")
    accident: Mapped[Accident | None] = relationship()
    act: Mapped[Act | None] = relationship()
    orders: Mapped[list[InspectionOrder]] = relationship(
        back_populates="violation", order_by="InspectionOrder.id"
    )


class InspectionOrder(Timestamped, Base):
    """Предписание: what the employer must do by when; its fulfilment, extension and evidence."""

    __tablename__ = "coop_order"
    __table_args__ = (
        sa.CheckConstraint("due_on >= issued_on", name="due_after_issued"),
        sa.CheckConstraint("extended_to IS NULL OR extended_to > due_on", name="extension_later"),
        sa.CheckConstraint(
            "fulfilled_on IS NULL OR fulfilled_on >= issued_on", name="fulfilled_after_issued"
        ),
        sa.Index("ix_coop_order_due", "fulfilled_on", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(
        sa.ForeignKey("coop_inspection.id", ondelete="RESTRICT"), index=True
    )
    violation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("coop_violation.id", ondelete="RESTRICT"), index=True
    )
    requirement: Mapped[str] = mapped_column(sa.Text)
    issued_on: Mapped[date]
    due_on: Mapped[date]
    extended_to: Mapped[date | None]
    extension_reason: Mapped[str | None] = mapped_column(sa.Text)
    fulfilled_on: Mapped[date | None]
    evidence: Mapped[str | None] = mapped_column(sa.Text)
    version: Mapped[int] = mapped_column(default=1)

    inspection: Mapped[Inspection] = relationship(back_populates="orders")
    violation: Mapped[Violation | None] = relationship(back_populates="orders")

    __mapper_args__ = {"version_id_col": version}

    @property
    def deadline(self) -> date:
        return self.extended_to or self.due_on

    @property
    def state(self) -> OrderState:
        if self.fulfilled_on is not None:
            return OrderState.DONE if self.fulfilled_on <= self.deadline else OrderState.DONE_LATE
        if self.deadline < today_bishkek():
            return OrderState.OVERDUE
        return OrderState.EXTENDED if self.extended_to else OrderState.OPEN


class WorkingGroup(Timestamped, Base):
    """Art. 1.5: a joint working group, temporary or permanent, with the staff each party sends."""

    __tablename__ = "coop_working_group"
    __table_args__ = (
        sa.CheckConstraint("dissolved_on IS NULL OR dissolved_on >= formed_on", name="dissolved_after"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(300))
    purpose: Mapped[str] = mapped_column(sa.Text)
    permanent: Mapped[bool] = mapped_column(default=False)
    formed_on: Mapped[date]
    dissolved_on: Mapped[date | None]
    members: Mapped[str] = mapped_column(sa.Text)


class MeasurePlan(Timestamped, Base):
    """Art. 2.4: a joint plan of measures, drawn up from the joint analysis."""

    __tablename__ = "coop_measure_plan"
    __table_args__ = (sa.CheckConstraint("period_to >= period_from", name="period_ordered"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    period_from: Mapped[date]
    period_to: Mapped[date]
    adopted_on: Mapped[date]
    working_group_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("coop_working_group.id", ondelete="RESTRICT")
    )

    items: Mapped[list[MeasureItem]] = relationship(
        order_by="MeasureItem.position", cascade="all, delete-orphan"
    )


class MeasureItem(Timestamped, Base):
    """One measure of a joint plan: what, who owns it, by when, and when it was done."""

    __tablename__ = "coop_measure_item"
    __table_args__ = (sa.CheckConstraint("owner IN ('state', 'trade_union', 'both')", name="owner_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        sa.ForeignKey("coop_measure_plan.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    description: Mapped[str] = mapped_column(sa.Text)
    owner: Mapped[str] = mapped_column(sa.String(20))
    responsible: Mapped[str] = mapped_column(sa.String(300))
    due_on: Mapped[date]
    done_on: Mapped[date | None]

    @property
    def overdue(self) -> bool:
        return self.done_on is None and self.due_on < today_bishkek()


class JointEvent(Timestamped, Base):
    """A joint seminar, training, round table, meeting (art. 2.9) or consultation (art. 2.10)."""

    __tablename__ = "coop_event"
    __table_args__ = (
        sa.CheckConstraint(in_clause("kind", EventKind), name="kind_known"),
        sa.CheckConstraint(in_clause("organiser", Inspectorate), name="organiser_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[EventKind] = mapped_column(sa.String(20))
    title: Mapped[str] = mapped_column(sa.String(300))
    held_on: Mapped[date] = mapped_column(index=True)
    place: Mapped[str | None] = mapped_column(sa.String(300))
    organiser: Mapped[Inspectorate] = mapped_column(sa.String(20))
    participants: Mapped[str] = mapped_column(sa.Text)
    outcome: Mapped[str | None] = mapped_column(sa.Text)
    working_group_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("coop_working_group.id", ondelete="RESTRICT")
    )


class JointDocument(Timestamped, Base):
    """Art. 2.5: a methodological letter, material, report or review prepared together, with its files."""

    __tablename__ = "coop_document"
    __table_args__ = (sa.CheckConstraint(in_clause("kind", DocumentKind), name="kind_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[DocumentKind] = mapped_column(sa.String(30))
    title: Mapped[str] = mapped_column(sa.String(300))
    prepared_on: Mapped[date]
    summary: Mapped[str | None] = mapped_column(sa.Text)
    event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("coop_event.id", ondelete="RESTRICT"))
    working_group_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("coop_working_group.id", ondelete="RESTRICT")
    )
    measure_plan_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("coop_measure_plan.id", ondelete="RESTRICT")
    )

    attachments: Mapped[list[CoopAttachment]] = relationship(
        primaryjoin=(
            "and_(CoopAttachment.owner_type == 'document', "
            "foreign(CoopAttachment.owner_id) == JointDocument.id)"
        ),
        order_by="CoopAttachment.id",
        viewonly=True,
    )
