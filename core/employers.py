"""The employer registry: who is liable (arts. 225-226), where, and whether it still exists (art. 255)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.classifiers import EmployerStatus, Region
from core.db import Base, Timestamped, keep_folded


class Employer(Timestamped, Base):
    """Работодатель: a legal person or entrepreneur registered by its INN."""

    __tablename__ = "employer"
    __table_args__ = (
        sa.CheckConstraint("length(inn) = 14", name="inn_14_digits"),
        sa.UniqueConstraint("inn"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(300))
    #: ``name`` folded for search (core.db.keep_folded).
    name_search: Mapped[str] = mapped_column(sa.String(300), default="", server_default="")
    #: ИНН: 14 digits.
    inn: Mapped[str] = mapped_column(sa.String(14))
    #: ОКПО: 8 digits, optional for entrepreneurs.
    okpo: Mapped[str | None] = mapped_column(sa.String(10))
    #: GKED section letter (see core.classifiers.SECTOR_LABELS).
    sector: Mapped[str] = mapped_column(sa.String(2))
    region: Mapped[Region] = mapped_column(sa.String(20), index=True)
    address: Mapped[str | None] = mapped_column(sa.String(500))
    status: Mapped[EmployerStatus] = mapped_column(sa.String(20), default=EmployerStatus.ACTIVE)
    liquidation_started_on: Mapped[date | None]
    liquidated_on: Mapped[date | None]
    #: Of the budget sector (бюджетная сфера): it pays the one-time benefit's fixed sums of Cabinet
    #: Resolution No. 465 (LC-2025 art. 219), not the multiples of the average wage.
    budget_sector: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    #: Art. 255: the successor who takes over the liability on reorganisation.
    successor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("employer.id"))
    version: Mapped[int] = mapped_column(default=1)

    successor: Mapped[Employer | None] = relationship(remote_side=[id])
    headcounts: Mapped[list[EmployerHeadcount]] = relationship(
        back_populates="employer", order_by="EmployerHeadcount.year", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}

    def __str__(self) -> str:
        return self.name


class EmployerHeadcount(Timestamped, Base):
    """Average listed headcount for a year: the denominator of frequency rates (Кч)."""

    __tablename__ = "employer_headcount"
    __table_args__ = (
        sa.UniqueConstraint("employer_id", "year", name="uq_employer_headcount_year"),
        sa.CheckConstraint("headcount >= 0", name="headcount_not_negative"),
        sa.CheckConstraint("women >= 0 AND women <= headcount", name="women_within_headcount"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(sa.ForeignKey("employer.id", ondelete="CASCADE"))
    year: Mapped[int]
    headcount: Mapped[int]
    hours_worked: Mapped[int | None]
    #: Women among the headcount, where the employer reports it (the men are the rest); None: not
    #: reported, so rates by sex have no denominator (never a guess).
    women: Mapped[int | None]

    employer: Mapped[Employer] = relationship(back_populates="headcounts")


keep_folded(Employer, "name_search", "name")
