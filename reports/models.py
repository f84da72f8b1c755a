"""The national denominators (issue 10): employment by GKED section x region x year, as published.

The frequency rates of a sector or a region against the country's need the number of people employed
there, which no employer's headcount gives: the National Statistical Committee publishes it. An
administrator enters each figure with its source and the source's date; a figure not entered is "no
data" (the views never fill it in). A correction keeps the row and is audited with its reason.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, Timestamped

#: ``region`` of a figure for the whole country (published by sector without a regional breakdown).
COUNTRY = "country"
#: ``sex`` of a figure for both sexes; "female" and "male" where the source breaks it down.
BOTH = "all"
SEXES = (BOTH, "female", "male")


class NationalEmployment(Timestamped, Base):
    """People employed in one GKED section, region (or the whole country) and year, of one sex or both."""

    __tablename__ = "national_employment"
    __table_args__ = (
        sa.UniqueConstraint("year", "sector", "region", "sex", name="uq_national_employment_cell"),
        sa.CheckConstraint("employment >= 0", name="employment_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    #: GKED section letter (core.classifiers.SECTOR_LABELS).
    sector: Mapped[str] = mapped_column(sa.String(2))
    #: A core.classifiers.Region, or :data:`COUNTRY`.
    region: Mapped[str] = mapped_column(sa.String(20))
    #: :data:`SEXES`.
    sex: Mapped[str] = mapped_column(sa.String(6), default=BOTH)
    employment: Mapped[int]
    #: Where the figure comes from (the publication, its table).
    source: Mapped[str] = mapped_column(sa.String(500))
    #: The date of that publication.
    source_date: Mapped[date]
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="RESTRICT"))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}
