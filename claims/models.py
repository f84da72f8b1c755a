"""Compensation records: MSEC findings, claims, survivors, decisions, installments, payments,
appeals, court rulings, capitalisations, attachments and archive transfers (arts. 232, 249-272).

Decisions are frozen: an issued decision keeps the case file it was computed from,
the engine's full result (trace included) and the parameter rows used, so any figure
can be reproduced years later. A change makes a new decision that supersedes the old.
The ledger is append-only: payments are never edited, a correction is a new entry.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from claims.workflow import AppealStatus, ClaimStatus, DecisionKind, DecisionStatus
from core.db import Base, Percent, Timestamped, now_utc, today_bishkek


def _in(column: str, values: type[enum.Enum]) -> str:
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"


class MsecFinding(Timestamped, Base):
    """Заключение МСЭК: the degree of lost professional capacity and the disability group (art. 232)."""

    __tablename__ = "msec_finding"
    __table_args__ = (
        sa.CheckConstraint("loss_percent >= 0 AND loss_percent <= 10000", name="loss_0_100"),
        sa.CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="period_ordered"),
        sa.CheckConstraint(
            "disability_group IS NULL OR disability_group IN ('I', 'II', 'III')", name="group_known"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Denormalised from the act: every query is scoped by employer.
    employer_id: Mapped[int] = mapped_column(sa.ForeignKey("employer.id", ondelete="RESTRICT"), index=True)
    victim_id: Mapped[int] = mapped_column(sa.ForeignKey("victim.id", ondelete="RESTRICT"), index=True)
    act_id: Mapped[int | None] = mapped_column(sa.ForeignKey("act.id", ondelete="RESTRICT"))
    #: The finding this re-examination follows (a history per person).
    previous_id: Mapped[int | None] = mapped_column(sa.ForeignKey("msec_finding.id", ondelete="RESTRICT"))
    msec_body: Mapped[str | None] = mapped_column(sa.String(200))
    decision_no: Mapped[str | None] = mapped_column(sa.String(60))
    examined_on: Mapped[date]
    valid_from: Mapped[date]
    #: Null: open-ended (бессрочно).
    valid_to: Mapped[date | None]
    loss_percent: Mapped[Decimal] = mapped_column(Percent)
    disability_group: Mapped[str | None] = mapped_column(sa.String(3))
    reexamination_on: Mapped[date | None] = mapped_column(index=True)
    care_special_medical: Mapped[bool] = mapped_column(default=False)
    care_household: Mapped[bool] = mapped_column(default=False)
    #: Rehabilitation needs: prosthetics, sanatorium, transport, vocational retraining, medicines...
    rehabilitation: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    #: The day the victim brought the finding to the employer (arts. 260, 265); default valid_from.
    applied_on: Mapped[date | None]
    #: A void (issue 12): the record stays, struck through and left out of every calculation.
    voided_at: Mapped[datetime | None]
    voided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))
    void_reason: Mapped[str | None] = mapped_column(sa.String(500))
    #: The correction that replaced this voided record.
    superseded_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("msec_finding.id", ondelete="RESTRICT")
    )
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    victim = relationship("Victim")
    act = relationship("Act")
    previous: Mapped[MsecFinding | None] = relationship(remote_side=[id], foreign_keys=[previous_id])


class Claim(Timestamped, Base):
    """Заявление о возмещении вреда (art. 254) by the victim or survivors; decided in 10 days (art. 257)."""

    __tablename__ = "claim"
    __table_args__ = (
        sa.CheckConstraint("case_type IN ('injury', 'death')", name="case_type_known"),
        sa.CheckConstraint(_in("status", ClaimStatus), name="status_known"),
        sa.CheckConstraint("case_type != 'death' OR death_date IS NOT NULL", name="death_has_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(sa.ForeignKey("employer.id", ondelete="RESTRICT"), index=True)
    victim_id: Mapped[int] = mapped_column(sa.ForeignKey("victim.id", ondelete="RESTRICT"), index=True)
    act_id: Mapped[int | None] = mapped_column(sa.ForeignKey("act.id", ondelete="RESTRICT"))
    case_type: Mapped[str] = mapped_column(sa.String(10))
    claimant_name: Mapped[str] = mapped_column(sa.String(200))
    #: "victim", or the claimant's relation to the deceased.
    claimant_relation: Mapped[str] = mapped_column(sa.String(40), default="victim")
    claimant_address: Mapped[str | None] = mapped_column(sa.String(300))
    filed_on: Mapped[date] = mapped_column(index=True)
    #: Art. 257: the employer decides within 10 days of the claim with its documents.
    decision_due_on: Mapped[date] = mapped_column(index=True)
    #: The recorded state; read :attr:`status`, which derives the deemed refusal from the date.
    _status: Mapped[ClaimStatus] = mapped_column(
        "status", sa.String(20), default=ClaimStatus.FILED, index=True
    )
    #: The locality whose subsistence minimum applies (art. 252).
    region: Mapped[str] = mapped_column(sa.String(20))
    death_date: Mapped[date | None]
    # Earnings (arts. 236-238).
    reference_month: Mapped[str] = mapped_column(sa.String(7))
    sustained_increase_from: Mapped[str | None] = mapped_column(sa.String(7))
    documents_unavailable: Mapped[bool] = mapped_column(default=False)
    partial_month_earned: Mapped[Decimal | None]
    partial_month_days_worked: Mapped[int | None]
    partial_month_average_days: Mapped[str | None] = mapped_column(sa.String(10))
    # Liability (arts. 226-230): from the act unless a decision on appeal or a court says otherwise.
    source_of_increased_danger: Mapped[bool] = mapped_column(default=True)
    employer_fault: Mapped[bool] = mapped_column(default=True)
    force_majeure: Mapped[bool] = mapped_column(default=False)
    victim_intent: Mapped[bool] = mapped_column(default=False)
    victim_fault_percent: Mapped[Decimal] = mapped_column(Percent, default=Decimal(0))
    #: Art. 247: the collective agreement's multipliers {"I": 12, ...}, where higher than the law's.
    one_off_multipliers: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    #: The claim is late through the employer's fault: the three-year limit on arrears does not apply
    #: (LC-2004 art. 269 part 3, LC-2025 art. 228(3)); ``late_claim_ground`` says why (required then).
    late_claim_due_to_employer: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    late_claim_ground: Mapped[str | None] = mapped_column(sa.Text)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    victim = relationship("Victim")
    act = relationship("Act")
    employer = relationship("Employer")
    earnings: Mapped[list[EarningsMonth]] = relationship(
        back_populates="claim", order_by="EarningsMonth.month", cascade="all, delete-orphan"
    )
    documents: Mapped[list[ClaimDocument]] = relationship(
        back_populates="claim", order_by="ClaimDocument.id", cascade="all, delete-orphan"
    )
    survivors: Mapped[list[Survivor]] = relationship(
        back_populates="claim", order_by="Survivor.id", cascade="all, delete-orphan"
    )

    @hybrid_property
    def status(self) -> str:
        """The claim's state as of today: a claim still undecided after its ten days is a deemed
        refusal (art. 257) the moment the day passes, in Python and in SQL alike; the daily command
        ``claims deemed-refusals`` only records it (with its notice in the audit log)."""
        if (
            self._status == ClaimStatus.FILED
            and self.decision_due_on is not None
            and self.decision_due_on < today_bishkek()
        ):
            return ClaimStatus.DEEMED_REFUSED
        return self._status

    @status.inplace.setter
    def _status_setter(self, value: str) -> None:
        self._status = ClaimStatus(value)

    @status.inplace.expression
    @classmethod
    def _status_expression(cls) -> sa.ColumnElement[str]:
        deemed = sa.and_(cls._status == ClaimStatus.FILED, cls.decision_due_on < today_bishkek())
        return sa.case((deemed, sa.literal(ClaimStatus.DEEMED_REFUSED.value)), else_=cls._status)

    def recipient_names(self) -> dict[str, str]:
        """The recipients by their code in the engine: the victim, or each survivor's key."""
        names = {"victim": self.victim.full_name}
        for survivor in self.survivors:
            names[survivor.key] = survivor.full_name
        return names


class EarningsMonth(Timestamped, Base):
    """A month's pay on the payroll certificate (art. 236); ``exclude``: the victim's choice (art. 237)."""

    __tablename__ = "claim_earnings"
    __table_args__ = (
        sa.UniqueConstraint("claim_id", "month", name="uq_claim_earnings_month"),
        sa.CheckConstraint("amount >= 0", name="amount_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(sa.ForeignKey("claim.id", ondelete="CASCADE"), index=True)
    month: Mapped[str] = mapped_column(sa.String(7))
    amount: Mapped[Decimal]
    exclude: Mapped[str | None] = mapped_column(sa.String(60))

    claim: Mapped[Claim] = relationship(back_populates="earnings")


class ClaimDocument(Timestamped, Base):
    """A document art. 254 lists for the claim: received (with the date) or still missing."""

    __tablename__ = "claim_document"
    __table_args__ = (sa.UniqueConstraint("claim_id", "code", name="uq_claim_document_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(sa.ForeignKey("claim.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(sa.String(40))
    received_on: Mapped[date | None]
    note: Mapped[str | None] = mapped_column(sa.String(300))

    claim: Mapped[Claim] = relationship(back_populates="documents")


class Survivor(Timestamped, Base):
    """A person entitled on the breadwinner's death (art. 249), with the grounds and their dates."""

    __tablename__ = "survivor"
    __table_args__ = (
        sa.UniqueConstraint("claim_id", "key", name="uq_survivor_claim_key"),
        sa.CheckConstraint("sex IN ('male', 'female')", name="sex_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(sa.ForeignKey("claim.id", ondelete="CASCADE"), index=True)
    #: The recipient id in the case file and the ledger ("s1", "s2", ...).
    key: Mapped[str] = mapped_column(sa.String(20))
    full_name: Mapped[str] = mapped_column(sa.String(200))
    pin: Mapped[str | None] = mapped_column(sa.String(14))
    relation: Mapped[str] = mapped_column(sa.String(40))
    birth_date: Mapped[date]
    sex: Mapped[str] = mapped_column(sa.String(6))
    grounds: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    student_until: Mapped[date | None]
    disabled_until: Mapped[date | None]
    caring_until: Mapped[date | None]
    #: Art. 250 part 3: a monthly sum set by a court for a non-dependant.
    court_maintenance: Mapped[Decimal | None]
    #: Recorded when the right ended early (death, adoption, ...): a new decision follows (art. 251).
    right_ended_on: Mapped[date | None]
    #: A dependant who became unable to work within five years of the death: the right begins that day
    #: (LC-2004 art. 249, LC-2025 art. 221; contract v2 §3), not on the death.
    right_from: Mapped[date | None]

    claim: Mapped[Claim] = relationship(back_populates="survivors")


class Decision(Timestamped, Base):
    """Приказ работодателя (art. 257): an award or a reasoned refusal, frozen once issued."""

    __tablename__ = "decision"
    __table_args__ = (
        sa.CheckConstraint(_in("kind", DecisionKind), name="kind_known"),
        sa.CheckConstraint(_in("status", DecisionStatus), name="status_known"),
        sa.UniqueConstraint("claim_id", "sequence", name="uq_decision_claim_sequence"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(sa.ForeignKey("claim.id", ondelete="RESTRICT"), index=True)
    employer_id: Mapped[int] = mapped_column(sa.ForeignKey("employer.id", ondelete="RESTRICT"), index=True)
    #: 1 for the first decision of a claim, then 2, 3, ... for each recalculation.
    sequence: Mapped[int]
    number: Mapped[str | None] = mapped_column(sa.String(60))
    kind: Mapped[DecisionKind] = mapped_column(sa.String(10))
    status: Mapped[DecisionStatus] = mapped_column(sa.String(12), default=DecisionStatus.DRAFT, index=True)
    #: Why this decision was made: initial, reexamination, survivor_right_ended, posthumous_child,
    #: parameters_rise, appeal, court.
    reason: Mapped[str] = mapped_column(sa.String(40), default="initial")
    #: Arts. 251, 265: the day from which this decision's figures replace the previous decision's.
    effective_from: Mapped[date | None]
    refusal_grounds: Mapped[str | None] = mapped_column(sa.Text)
    calculation_date: Mapped[date]
    #: The frozen contract case file, the engine's result (trace included) and the parameter rows used.
    case_file: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    result: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    #: The stored parameter rows (calculator.models.ParameterRow ids) the result was computed with:
    #: a statement or a capitalisation of this decision reads them again, never rows added since.
    parameter_rows: Mapped[list[int] | None] = mapped_column(sa.JSON)
    #: The trace in each language a reader may read it in (ru, ky), computed with the result and frozen
    #: with it: a Kyrgyz reader reads the same issued decision's reasons in Kyrgyz.
    traces: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    computed_at: Mapped[datetime] = mapped_column(default=now_utc)
    issued_on: Mapped[date | None]
    issued_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))
    supersedes_id: Mapped[int | None] = mapped_column(sa.ForeignKey("decision.id", ondelete="RESTRICT"))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    claim: Mapped[Claim] = relationship()
    supersedes: Mapped[Decision | None] = relationship(remote_side=[id])
    installments: Mapped[list[Installment]] = relationship(
        back_populates="decision",
        order_by="(Installment.due_date, Installment.id)",
        cascade="all, delete-orphan",
    )


class Installment(Timestamped, Base):
    """What is due, to whom and when, under an issued decision (the engine's installments, stored)."""

    __tablename__ = "installment"
    __table_args__ = (
        sa.UniqueConstraint("decision_id", "component", "recipient", "period", name="uq_installment_key"),
        sa.Index("ix_installment_claim_due", "claim_id", "due_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(sa.ForeignKey("decision.id", ondelete="CASCADE"), index=True)
    claim_id: Mapped[int] = mapped_column(sa.ForeignKey("claim.id", ondelete="RESTRICT"))
    employer_id: Mapped[int] = mapped_column(sa.ForeignKey("employer.id", ondelete="RESTRICT"), index=True)
    component: Mapped[str] = mapped_column(sa.String(30))
    #: "victim" or a survivor's key.
    recipient: Mapped[str] = mapped_column(sa.String(20))
    #: "YYYY-MM" for periodic installments; "" for one-offs (so the unique key works everywhere).
    period: Mapped[str] = mapped_column(sa.String(7), default="")
    amount: Mapped[Decimal]
    due_date: Mapped[date] = mapped_column(index=True)

    decision: Mapped[Decision] = relationship(back_populates="installments")


class Payment(Timestamped, Base):
    """A payment the employer made (append-only; a correction is a new entry with its ground)."""

    __tablename__ = "payment"
    __table_args__ = (
        sa.CheckConstraint("amount <> 0", name="amount_not_zero"),
        sa.CheckConstraint("applies_to IN ('periodic', 'one_off', 'penalty')", name="applies_to_known"),
        sa.Index("ix_payment_claim_date", "claim_id", "paid_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(sa.ForeignKey("claim.id", ondelete="RESTRICT"))
    employer_id: Mapped[int] = mapped_column(sa.ForeignKey("employer.id", ondelete="RESTRICT"), index=True)
    paid_on: Mapped[date]
    #: Positive: paid. Negative: a recovery of an overpayment, only on a ground art. 270 allows.
    amount: Mapped[Decimal]
    recipient: Mapped[str] = mapped_column(sa.String(20))
    applies_to: Mapped[str] = mapped_column(sa.String(10))
    reference: Mapped[str | None] = mapped_column(sa.String(120))
    #: Art. 270 ground for a recovery (bad faith of the recipient, counting error).
    recovery_ground: Mapped[str | None] = mapped_column(sa.String(40))
    note: Mapped[str | None] = mapped_column(sa.String(300))
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))
    recorded_at: Mapped[datetime] = mapped_column(default=now_utc)
    #: A void (issue 12): the record stays, struck through and left out of every calculation.
    voided_at: Mapped[datetime | None]
    voided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))
    void_reason: Mapped[str | None] = mapped_column(sa.String(500))
    #: The correction that replaced this voided record.
    superseded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("payment.id", ondelete="RESTRICT"))


class Appeal(Timestamped, Base):
    """Досудебное рассмотрение (art. 258): a claimant's appeal to an inspectorate, binding on the employer."""

    __tablename__ = "appeal"
    __table_args__ = (sa.CheckConstraint(_in("status", AppealStatus), name="status_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(sa.ForeignKey("claim.id", ondelete="RESTRICT"), index=True)
    employer_id: Mapped[int] = mapped_column(sa.ForeignKey("employer.id", ondelete="RESTRICT"), index=True)
    #: The decision appealed; null for a deemed refusal (art. 257).
    decision_id: Mapped[int | None] = mapped_column(sa.ForeignKey("decision.id", ondelete="RESTRICT"))
    inspectorate: Mapped[str] = mapped_column(sa.String(20))
    filed_on: Mapped[date]
    grounds: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[AppealStatus] = mapped_column(sa.String(20), default=AppealStatus.FILED, index=True)
    decided_on: Mapped[date | None]
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))
    reasoning: Mapped[str | None] = mapped_column(sa.Text)
    #: What the inspectorate changed in the case (fault %, liability, ...), applied to the new decision.
    changes: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    #: The employer's new decision that carries out the inspectorate's (binding) decision.
    resulting_decision_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("decision.id", ondelete="RESTRICT")
    )
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class CourtRuling(Timestamped, Base):
    """A court's ruling on the claim (art. 259), recorded with its amounts."""

    __tablename__ = "court_ruling"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(sa.ForeignKey("claim.id", ondelete="RESTRICT"), index=True)
    employer_id: Mapped[int] = mapped_column(sa.ForeignKey("employer.id", ondelete="RESTRICT"), index=True)
    court: Mapped[str] = mapped_column(sa.String(200))
    case_number: Mapped[str | None] = mapped_column(sa.String(60))
    ruled_on: Mapped[date]
    summary: Mapped[str] = mapped_column(sa.Text)
    #: {"moral_damage": "50000.00", ...}
    amounts: Mapped[dict[str, str]] = mapped_column(sa.JSON, default=dict)
    recorded_at: Mapped[datetime] = mapped_column(default=now_utc)


class Capitalisation(Timestamped, Base):
    """Art. 255: a recipient's payments capitalised on liquidation and handed to the Social Fund."""

    __tablename__ = "capitalisation"
    __table_args__ = (sa.UniqueConstraint("claim_id", "recipient", name="uq_capitalisation_recipient"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(sa.ForeignKey("claim.id", ondelete="RESTRICT"), index=True)
    employer_id: Mapped[int] = mapped_column(sa.ForeignKey("employer.id", ondelete="RESTRICT"), index=True)
    decision_id: Mapped[int] = mapped_column(sa.ForeignKey("decision.id", ondelete="RESTRICT"))
    recipient: Mapped[str] = mapped_column(sa.String(20))
    computed_on: Mapped[date]
    monthly_award: Mapped[Decimal]
    months: Mapped[int]
    amount: Mapped[Decimal]
    method: Mapped[str] = mapped_column(sa.String(40))
    #: The method's parameters and the trace of the sum, frozen.
    details: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    transferred_on: Mapped[date | None]
    transfer_reference: Mapped[str | None] = mapped_column(sa.String(120))
    #: True where the employer could not pay: the state budget covers the shortfall (art. 255).
    not_made: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(default=1)
    #: What was paid into the Social Fund, transfer by transfer (a transfer may be partial).
    transfers: Mapped[list[FundTransfer]] = relationship(
        order_by="(FundTransfer.transferred_on, FundTransfer.id)", lazy="selectin", viewonly=True
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def transferred(self) -> Decimal:
        """What reached the Social Fund so far: the sum of the transfers."""
        return sum((t.amount for t in self.transfers), Decimal("0.00"))


class FundPayment(Timestamped, Base):
    """A payment the Social Fund made out of a capitalised sum (append-only)."""

    __tablename__ = "fund_payment"
    __table_args__ = (sa.CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    capitalisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("capitalisation.id", ondelete="RESTRICT"), index=True
    )
    paid_on: Mapped[date]
    amount: Mapped[Decimal]
    reference: Mapped[str | None] = mapped_column(sa.String(120))
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))
    recorded_at: Mapped[datetime] = mapped_column(default=now_utc)


class FundTransfer(Timestamped, Base):
    """A sum the liquidated employer paid into the Social Fund out of a capitalised sum (art. 255;
    append-only): a transfer may be partial, and the capitalised sum is transferred once they add up."""

    __tablename__ = "fund_transfer"
    __table_args__ = (sa.CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    capitalisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("capitalisation.id", ondelete="RESTRICT"), index=True
    )
    transferred_on: Mapped[date]
    amount: Mapped[Decimal]
    reference: Mapped[str | None] = mapped_column(sa.String(120))
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))
    recorded_at: Mapped[datetime] = mapped_column(default=now_utc)


class Attachment(Timestamped, Base):
    """A scanned document (PDF, JPEG, PNG) of a claim, finding or decision; the file lives outside the DB."""

    __tablename__ = "attachment"
    __table_args__ = (
        sa.CheckConstraint("owner_type IN ('claim', 'finding', 'decision')", name="owner_known"),
        sa.Index("ix_attachment_owner", "owner_type", "owner_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(sa.ForeignKey("employer.id", ondelete="RESTRICT"), index=True)
    owner_type: Mapped[str] = mapped_column(sa.String(10))
    owner_id: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(200))
    filename: Mapped[str] = mapped_column(sa.String(200))
    content_type: Mapped[str] = mapped_column(sa.String(60))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(sa.String(64))
    #: Path under UPLOAD_FOLDER: <employer>/<sha256>; never derived from the user's file name.
    stored_as: Mapped[str] = mapped_column(sa.String(200))
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))
    uploaded_at: Mapped[datetime] = mapped_column(default=now_utc)


class ArchiveTransfer(Timestamped, Base):
    """Art. 272: the case file handed to the state archive two years after the last payment."""

    __tablename__ = "archive_transfer"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(sa.ForeignKey("claim.id", ondelete="RESTRICT"), unique=True)
    employer_id: Mapped[int] = mapped_column(sa.ForeignKey("employer.id", ondelete="RESTRICT"), index=True)
    transferred_on: Mapped[date]
    archive: Mapped[str] = mapped_column(sa.String(200))
    reference: Mapped[str | None] = mapped_column(sa.String(120))
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))
