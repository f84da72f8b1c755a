"""The parameter rows people keep current: a new budget law's minimum wage, Natsstatkom's new figures.

The built-in tables (``compensation/parameters/*.yaml``) stay the defaults. An administrator adds a
dated row with its legal source; from then on the calculator, the API and every decision draft lay
the stored rows over the files (``compensation.parameters.merged``). Rows are never edited or
deleted, in the code or in the database (an append-only trigger): a correction is a new row that
names the row it supersedes.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.auth.models import User
from core.db import Base, Timestamped, now_utc


class ParameterRow(Timestamped, Base):
    """One dated value of a parameter table (минимальная заработная плата, прожиточный минимум, ...)."""

    __tablename__ = "parameter_row"
    __table_args__ = (
        sa.CheckConstraint("status IN ('verified', 'unverified', 'unknown')", name="status_known"),
        # One correction per row: the history of a value is a chain, never a fork.
        sa.UniqueConstraint("supersedes_id", name="uq_parameter_row_supersedes"),
        sa.Index("ix_parameter_row_table_from", "table_name", "starts_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: A name of ``compensation.parameters.NAMES`` (minimum_wage, subsistence_minimum, ...).
    table_name: Mapped[str] = mapped_column(sa.String(40))
    #: The region (subsistence minimum) or sex (pension age) the row is for; ``*`` for all.
    key: Mapped[str] = mapped_column(sa.String(20), default="*")
    #: The figure as exact decimal text (a rate of 0.0015 must not pass through a float on SQLite);
    #: ``None`` for a row whose value is not known.
    value: Mapped[str | None] = mapped_column(sa.String(40))
    #: The rule a ``one_time_benefit`` row names (labour_code_2004, resolution_465); ``None`` elsewhere.
    rule: Mapped[str | None] = mapped_column(sa.String(40))
    #: The day the value is in force from.
    starts_on: Mapped[date]
    #: The period a statistical figure describes (average wage: "2026-01..2026-06"), if any.
    period: Mapped[str | None] = mapped_column(sa.String(40))
    #: The legal act or publication the value comes from.
    source: Mapped[str] = mapped_column(sa.Text)
    #: verified (read in the source), unverified, unknown (a value took effect but is not known).
    status: Mapped[str] = mapped_column(sa.String(12))
    note: Mapped[str | None] = mapped_column(sa.Text)
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))
    recorded_at: Mapped[datetime] = mapped_column(default=now_utc)
    #: The stored row this one corrects; that row no longer applies.
    supersedes_id: Mapped[int | None] = mapped_column(sa.ForeignKey("parameter_row.id", ondelete="RESTRICT"))

    recorded_by: Mapped[User | None] = relationship()
