"""The investigation's records: accident, victims, commission, notices, acts N-1 and their revisions.

State lives on each act (each has its own review, art. 223), and the accident's
``status`` summarises its acts (``workflow.summarise``); it is stored so lists
filter in SQL. Approved acts are frozen as :class:`ActRevision` rows, so an
amendment never loses what was approved.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accidents.classifiers import (
    ActKind,
    Category,
    CommissionRole,
    Intoxication,
    NotificationMethod,
    Outcome,
    Recipient,
    Severity,
    Sex,
    Status,
)
from accidents.deadlines import Deadline, NoticeState, investigation_state, notice_state
from core.auth.models import User
from core.db import Base, Timestamped, keep_folded, now_utc, today_bishkek
from core.employers import Employer


def _in(column: str, enum: Any) -> str:
    return f"{column} IN ({', '.join(repr(str(e.value)) for e in enum)})"


class Accident(Timestamped, Base):
    """Несчастный случай на производстве: the event, its deadlines, commission and notices."""

    __tablename__ = "accident"
    __table_args__ = (
        sa.CheckConstraint(_in("category", Category), name="category_known"),
        sa.CheckConstraint(_in("status", Status), name="status_known"),
        sa.CheckConstraint("incident_type BETWEEN 1 AND 18", name="incident_type_known"),
        sa.CheckConstraint("extension_days >= 0", name="extension_not_negative"),
        sa.Index("ix_accident_employer_occurred", "employer_id", "occurred_at"),
        # The lists' order and the dashboards' year: covering for "by month and category" (bench/scale.py).
        sa.Index("ix_accident_occurred_category_employer", "occurred_at", "category", "employer_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(sa.ForeignKey("employer.id", ondelete="RESTRICT"))
    #: When it happened (UTC; shown in Bishkek time).
    occurred_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(sa.String(500))
    category: Mapped[Category] = mapped_column(sa.String(10), index=True)
    #: Вид происшествия, code 1-18 (classifiers.INCIDENT_TYPES).
    incident_type: Mapped[int]
    circumstances: Mapped[str] = mapped_column(sa.Text)
    #: A summary of the acts' states (workflow.summarise), kept for filtering in SQL.
    status: Mapped[Status] = mapped_column(sa.String(20), index=True, default=Status.REPORTED)
    reported_at: Mapped[datetime] = mapped_column(default=now_utc)
    reported_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))
    #: The order forming the commission: the investigation's deadline runs from it.
    commission_formed_on: Mapped[date | None]
    commission_order_no: Mapped[str | None] = mapped_column(sa.String(60))
    #: Last day of the investigation (deadlines.yaml); stored so "overdue" is a WHERE clause.
    investigation_due_on: Mapped[date] = mapped_column(index=True)
    extension_count: Mapped[int] = mapped_column(default=0)
    extension_days: Mapped[int] = mapped_column(default=0)
    extension_reason: Mapped[str | None] = mapped_column(sa.Text)
    #: The day every act was first submitted: the investigation ended then.
    investigation_closed_on: Mapped[date | None]
    version: Mapped[int] = mapped_column(default=1)

    employer: Mapped[Employer] = relationship(lazy="joined")
    reported_by: Mapped[User | None] = relationship()
    victims: Mapped[list[Victim]] = relationship(
        back_populates="accident", order_by="Victim.id", cascade="all, delete-orphan"
    )
    acts: Mapped[list[Act]] = relationship(back_populates="accident", order_by="Act.id")
    commission: Mapped[list[CommissionMember]] = relationship(
        order_by="CommissionMember.position", cascade="all, delete-orphan"
    )
    notifications: Mapped[list[Notification]] = relationship(
        back_populates="accident", order_by="Notification.id", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def deadline(self) -> Deadline:
        """The investigation's deadline and how it stands today (Bishkek)."""
        return investigation_state(self.investigation_due_on, self.investigation_closed_on, today_bishkek())

    @property
    def notifications_overdue(self) -> bool:
        return any(n.state is NoticeState.OVERDUE for n in self.notifications)

    @property
    def notifications_late(self) -> bool:
        return any(n.state is NoticeState.SENT_LATE for n in self.notifications)


class Victim(Timestamped, Base):
    """Пострадавший: one injured person; each gets an act of their own."""

    __tablename__ = "victim"
    __table_args__ = (
        sa.CheckConstraint("length(pin) = 14", name="pin_14_digits"),
        sa.CheckConstraint(_in("sex", Sex), name="sex_known"),
        sa.UniqueConstraint("accident_id", "pin", name="uq_victim_accident_pin"),
        # PostgreSQL: search by any part of a name (LIKE '%...%') through trigrams (migration 0005).
        sa.Index(
            "ix_victim_name_search_trgm",
            "name_search",
            postgresql_using="gin",
            postgresql_ops={"name_search": "gin_trgm_ops"},
        ).ddl_if(dialect="postgresql"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    accident_id: Mapped[int] = mapped_column(sa.ForeignKey("accident.id", ondelete="CASCADE"), index=True)
    #: ПИН: the 14-digit personal identification number.
    pin: Mapped[str] = mapped_column(sa.String(14), index=True)
    full_name: Mapped[str] = mapped_column(sa.String(200))
    #: ``full_name`` folded for search (core.db.keep_folded): SQLite's lower() knows no Cyrillic.
    name_search: Mapped[str] = mapped_column(sa.String(200), index=True)
    sex: Mapped[Sex] = mapped_column(sa.String(6))
    birth_date: Mapped[date]
    occupation: Mapped[str] = mapped_column(sa.String(200))

    accident: Mapped[Accident] = relationship(back_populates="victims")
    act: Mapped[Act | None] = relationship(back_populates="victim", uselist=False)
    consequence: Mapped[Consequence | None] = relationship(
        back_populates="victim", uselist=False, cascade="all, delete-orphan"
    )


class CommissionMember(Timestamped, Base):
    """A member of the комиссия по расследованию, with the role the law gives them."""

    __tablename__ = "commission_member"
    __table_args__ = (sa.CheckConstraint(_in("role", CommissionRole), name="role_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    accident_id: Mapped[int] = mapped_column(sa.ForeignKey("accident.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    full_name: Mapped[str] = mapped_column(sa.String(200))
    #: Job title and organisation.
    post: Mapped[str] = mapped_column(sa.String(300))
    role: Mapped[CommissionRole] = mapped_column(sa.String(30))


class Notification(Timestamped, Base):
    """Извещение: a notice owed to (or sent to) one body about a group, severe or fatal accident."""

    __tablename__ = "notification"
    __table_args__ = (
        sa.CheckConstraint(_in("recipient", Recipient), name="recipient_known"),
        sa.UniqueConstraint("accident_id", "recipient", name="uq_notification_accident_recipient"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    accident_id: Mapped[int] = mapped_column(sa.ForeignKey("accident.id", ondelete="CASCADE"), index=True)
    recipient: Mapped[Recipient] = mapped_column(sa.String(30))
    #: Required by deadlines.yaml for the accident's category (others are sent by choice).
    required: Mapped[bool] = mapped_column(default=True)
    due_at: Mapped[datetime | None]
    #: The body's own name, e.g. "Прокуратура Кеминского района".
    recipient_name: Mapped[str | None] = mapped_column(sa.String(300))
    sent_at: Mapped[datetime | None]
    method: Mapped[NotificationMethod | None] = mapped_column(sa.String(20))
    #: Outgoing number, phone message number, e-mail id.
    reference: Mapped[str | None] = mapped_column(sa.String(120))
    version: Mapped[int] = mapped_column(default=1)

    accident: Mapped[Accident] = relationship(back_populates="notifications")

    __mapper_args__ = {"version_id_col": version}

    @property
    def state(self) -> NoticeState:
        return notice_state(self.due_at, self.sent_at, now_utc())


class Act(Timestamped, Base):
    """Акт о несчастном случае на производстве (форма Н-1), or on an occupational disease: one per victim."""

    __tablename__ = "act"
    __table_args__ = (
        sa.CheckConstraint(_in("kind", ActKind), name="kind_known"),
        sa.CheckConstraint(
            _in("status", [s for s in Status if s is not Status.REPORTED]), name="status_known"
        ),
        sa.CheckConstraint(
            "victim_fault_percent IS NULL OR (victim_fault_percent >= 0 AND victim_fault_percent < 100)",
            name="fault_below_100",
        ),
        sa.CheckConstraint(
            "incident_type IS NULL OR incident_type BETWEEN 1 AND 18", name="incident_type_known"
        ),
        sa.CheckConstraint("main_cause IS NULL OR main_cause BETWEEN 1 AND 14", name="main_cause_known"),
        sa.CheckConstraint(_in("intoxication", Intoxication), name="intoxication_known"),
        sa.UniqueConstraint("victim_id", name="uq_act_victim_id"),
        # Covering for the analytics' case definition (reports/cases.py; migration 0022).
        sa.Index("ix_act_victim_case", "victim_id", "kind", "work_related", "severity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    accident_id: Mapped[int] = mapped_column(sa.ForeignKey("accident.id", ondelete="CASCADE"), index=True)
    victim_id: Mapped[int] = mapped_column(sa.ForeignKey("victim.id", ondelete="CASCADE"))
    kind: Mapped[ActKind] = mapped_column(sa.String(25), default=ActKind.N1)
    status: Mapped[Status] = mapped_column(sa.String(20), index=True, default=Status.INVESTIGATING)
    #: Revision being drafted or last approved; approved revisions are frozen in act_revision.
    revision: Mapped[int] = mapped_column(default=1)

    # 1. The victim's service in the occupation.
    service_years: Mapped[int | None]
    service_months: Mapped[int | None]
    # 2. Labour safety briefings and training.
    induction_briefing_on: Mapped[date | None]
    workplace_briefing_on: Mapped[date | None]
    osh_training_on: Mapped[date | None]
    knowledge_test_on: Mapped[date | None]
    knowledge_test_protocol: Mapped[str | None] = mapped_column(sa.String(60))
    # 3. Place and equipment.
    place_description: Mapped[str | None] = mapped_column(sa.Text)
    equipment: Mapped[str | None] = mapped_column(sa.Text)
    # 4. Circumstances, injury, medical conclusion.
    circumstances: Mapped[str | None] = mapped_column(sa.Text)
    incident_type: Mapped[int | None]
    injury_nature: Mapped[str | None] = mapped_column(sa.String(300))
    body_part: Mapped[str | None] = mapped_column(sa.String(300))
    #: Codes for statistics beside the text (classifiers: ESAW injury and body part, ISCO-08, agent).
    injury_nature_code: Mapped[int | None]
    body_part_code: Mapped[int | None]
    occupation_code: Mapped[str | None] = mapped_column(sa.String(2))
    material_agent_code: Mapped[int | None]
    diagnosis: Mapped[str | None] = mapped_column(sa.Text)
    severity: Mapped[Severity | None] = mapped_column(sa.String(10))
    medical_institution: Mapped[str | None] = mapped_column(sa.String(300))
    medical_conclusion_no: Mapped[str | None] = mapped_column(sa.String(60))
    medical_conclusion_on: Mapped[date | None]
    intoxication: Mapped[Intoxication] = mapped_column(sa.String(10), default=Intoxication.NONE)
    #: How the intoxication was established (medical examination, its number and date).
    intoxication_evidence: Mapped[str | None] = mapped_column(sa.Text)
    # 5. Causes: the main code, contributing codes (classifiers.CAUSES) and text.
    main_cause: Mapped[int | None] = mapped_column(index=True)
    contributing_causes: Mapped[list[int]] = mapped_column(sa.JSON, default=list)
    causes_text: Mapped[str | None] = mapped_column(sa.Text)
    # 6. Art. 230: the victim's degree of fault for gross negligence, whole percent, 0 <= x < 100.
    victim_fault_percent: Mapped[int | None]
    # 7. Link with production (квалификация): work-related or not, and on what legal grounds.
    work_related: Mapped[bool | None]
    work_related_grounds: Mapped[str | None] = mapped_column(sa.Text)
    # Occupational disease (facts.md §1.4).
    diagnosed_on: Mapped[date | None]
    final_diagnosis: Mapped[str | None] = mapped_column(sa.Text)
    pathology_centre: Mapped[str | None] = mapped_column(sa.String(300))
    #: Harmful factors and their levels (× the maximum permissible concentration or level).
    harmful_factors: Mapped[str | None] = mapped_column(sa.Text)
    #: Years of service exposed to the harmful factor.
    exposure_years: Mapped[int | None]

    # Review.
    submitted_at: Mapped[datetime | None]
    review_started_at: Mapped[datetime | None]
    reviewed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))
    approved_at: Mapped[datetime | None]
    #: The inspector's last remark (a return's reasons), shown to the commission.
    review_remark: Mapped[str | None] = mapped_column(sa.Text)
    #: Art. 223: an inspector's agreement that a light accident is not work-related.
    nwr_agreed_at: Mapped[datetime | None]
    nwr_agreed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))
    nwr_agreement_remark: Mapped[str | None] = mapped_column(sa.Text)
    amendment_reason: Mapped[str | None] = mapped_column(sa.Text)
    version: Mapped[int] = mapped_column(default=1)

    accident: Mapped[Accident] = relationship(back_populates="acts")
    victim: Mapped[Victim] = relationship(back_populates="act", lazy="joined")
    reviewed_by: Mapped[User | None] = relationship(foreign_keys=[reviewed_by_id])
    nwr_agreed_by: Mapped[User | None] = relationship(foreign_keys=[nwr_agreed_by_id])
    measures: Mapped[list[Measure]] = relationship(order_by="Measure.position", cascade="all, delete-orphan")
    witnesses: Mapped[list[Witness]] = relationship(order_by="Witness.position", cascade="all, delete-orphan")
    responsible_persons: Mapped[list[ResponsiblePerson]] = relationship(
        order_by="ResponsiblePerson.position", cascade="all, delete-orphan"
    )
    revisions: Mapped[list[ActRevision]] = relationship(order_by="ActRevision.number", back_populates="act")

    __mapper_args__ = {"version_id_col": version}


class Measure(Timestamped, Base):
    """A corrective measure with its due date (section 8 / 11 of the act)."""

    __tablename__ = "act_measure"

    id: Mapped[int] = mapped_column(primary_key=True)
    act_id: Mapped[int] = mapped_column(sa.ForeignKey("act.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    description: Mapped[str] = mapped_column(sa.Text)
    due_date: Mapped[date] = mapped_column(index=True)
    responsible: Mapped[str | None] = mapped_column(sa.String(300))
    #: The day the employer reports it done, and the inspector who checked it (accidents/measures.py).
    completed_on: Mapped[date | None]
    verified_at: Mapped[datetime | None]
    verified_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))

    act: Mapped[Act] = relationship(overlaps="measures")
    verified_by: Mapped[User | None] = relationship()


class Witness(Timestamped, Base):
    """Очевидец несчастного случая."""

    __tablename__ = "act_witness"

    id: Mapped[int] = mapped_column(primary_key=True)
    act_id: Mapped[int] = mapped_column(sa.ForeignKey("act.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    full_name: Mapped[str] = mapped_column(sa.String(200))
    contact: Mapped[str | None] = mapped_column(sa.String(300))


class ResponsiblePerson(Timestamped, Base):
    """A person who violated labour safety requirements, and the norms violated (section 6 / 10)."""

    __tablename__ = "act_responsible_person"

    id: Mapped[int] = mapped_column(primary_key=True)
    act_id: Mapped[int] = mapped_column(sa.ForeignKey("act.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    full_name: Mapped[str] = mapped_column(sa.String(200))
    post: Mapped[str] = mapped_column(sa.String(300))
    norms_violated: Mapped[str] = mapped_column(sa.Text)


class ActRevision(Timestamped, Base):
    """An approved revision of an act, frozen: the text the victim was handed stays readable for ever."""

    __tablename__ = "act_revision"
    __table_args__ = (sa.UniqueConstraint("act_id", "number", name="uq_act_revision_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    act_id: Mapped[int] = mapped_column(sa.ForeignKey("act.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    #: The act's whole content as approved (services.act_content), including accident and commission.
    content: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    approved_at: Mapped[datetime] = mapped_column(default=now_utc)
    approved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))

    act: Mapped[Act] = relationship(back_populates="revisions")
    approved_by: Mapped[User | None] = relationship()


class Consequence(Timestamped, Base):
    """Сообщение о последствиях несчастного случая (RU form 8): how one victim's case ended.

    Recorded by the employer when the incapacity ends, apart from the act: the act is approved and
    frozen long before. The dashboards read it for days lost (Кт) and for deaths within a year of
    the accident that the act, written while the victim lived, could not call fatal.
    """

    __tablename__ = "victim_consequence"
    __table_args__ = (
        sa.CheckConstraint(_in("outcome", Outcome), name="outcome_known"),
        sa.CheckConstraint(
            "disability_group IS NULL OR disability_group IN ('I', 'II', 'III')", name="group_known"
        ),
        sa.CheckConstraint("days_lost IS NULL OR days_lost >= 0", name="days_lost_not_negative"),
        sa.CheckConstraint(
            "incapacity_to IS NULL OR incapacity_from IS NULL OR incapacity_to >= incapacity_from",
            name="incapacity_in_order",
        ),
        sa.UniqueConstraint("victim_id", name="uq_victim_consequence_victim_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    victim_id: Mapped[int] = mapped_column(sa.ForeignKey("victim.id", ondelete="CASCADE"))
    outcome: Mapped[Outcome] = mapped_column(sa.String(15))
    #: Set with ``outcome = disability``: the MSEC's group I, II or III.
    disability_group: Mapped[str | None] = mapped_column(sa.String(3))
    incapacity_from: Mapped[date | None]
    incapacity_to: Mapped[date | None]
    #: Working days lost (рабочих дней нетрудоспособности): the numerator of Кт.
    days_lost: Mapped[int | None]
    #: A death on or after the accident's day; within a year it counts the victim as killed (ESAW).
    died_on: Mapped[date | None]
    recorded_at: Mapped[datetime] = mapped_column(default=now_utc)
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))
    version: Mapped[int] = mapped_column(default=1)

    victim: Mapped[Victim] = relationship(back_populates="consequence")
    recorded_by: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": version}


keep_folded(Victim, "name_search", "full_name")
