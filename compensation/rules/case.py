"""The inputs of a calculation: immutable records built once from a case file (see compensation.contract).

Days are proleptic ordinals (``date.toordinal()``), months are indexes
(``year * 12 + month - 1``, see :mod:`.dates`), money is whole tyiyn (``int``),
percentages are exact :class:`Percent` fractions. Converting once, at the edge,
keeps the month-by-month arithmetic of the rules in plain integers: exact, and
fast enough for a national monthly run.

The records every case has (the case, its liability, earnings, findings, survivors) are
named tuples: as immutable as frozen dataclasses, and several times cheaper to build, which
counts when a national run builds millions of them. The optional sections' are frozen
dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from compensation.parameters import Table

__all__ = [
    "AdditionalExpense",
    "AgreedSum",
    "CapitalisationRequest",
    "Case",
    "CareHomePlacement",
    "Earnings",
    "EarningsMonth",
    "Finding",
    "Liability",
    "PartialMonth",
    "Parameters",
    "Payment",
    "Percent",
    "RetrainingPeriod",
    "Survivor",
    "TemporaryTransfer",
]


@dataclass(frozen=True, slots=True)
class Percent:
    """A percentage as an exact fraction ``numerator / denominator`` percent, and its text."""

    value: Decimal
    numerator: int
    denominator: int
    #: As the contract prints a percentage: ``"20"``, ``"12.5"``.
    text: str

    @classmethod
    def of(cls, value: Decimal) -> Percent:
        numerator, denominator = value.as_integer_ratio()
        return cls(value, numerator, denominator, format(value.normalize(), "f"))


class Liability(NamedTuple):
    """Arts. 226-230: the facts that decide whether, and how far, the employer is liable."""

    source_of_increased_danger: bool
    employer_fault: bool
    force_majeure: bool
    victim_intent: bool
    #: Art. 230: the victim's gross negligence, 0 <= x < 100, fixed by the commission.
    victim_fault: Percent
    #: LC-2004 art. 226 part 3, LC-2025 art. 210(5): a third party's fault; the employer pays, then has
    #: recourse (contract v2).
    third_party_fault: bool = False
    #: LC-2004 art. 229: harm by an aircraft; liable unless the victim's intent (not in LC-2025).
    aircraft: bool = False


class EarningsMonth(NamedTuple):
    """One month of gross earnings (Art. 236); ``exclude`` is the victim's reason to drop it (Art. 237).

    A named tuple rather than a dataclass: as immutable, and a case lists many of them.
    """

    month: int
    label: str
    amount: int
    exclude: str | None


@dataclass(frozen=True, slots=True)
class PartialMonth:
    """Art. 238 part 3: under one month worked; "conditional monthly earnings" are computed from it."""

    earned: int
    days_worked: Decimal
    average_working_days_per_month: Decimal


class Earnings(NamedTuple):
    """Arts. 236-238: what the average monthly earnings (AME) are computed from."""

    reference_month: int | None
    months: tuple[EarningsMonth, ...]
    sustained_increase_from: int | None = None
    partial_month: PartialMonth | None = None
    documents_unavailable: bool = False


class Finding(NamedTuple):
    """An MSEC finding (Art. 232): loss of professional capacity over ``[start, end]`` (end inclusive)."""

    index: int  # type: ignore[assignment]  # the input's position; tuple.index() is never used
    start: int
    end: int | None
    loss: Percent
    disability_group: str | None
    special_medical_care: bool
    household_care: bool
    #: Art. 265: the day the victim brought the finding to the employer (default: ``start``).
    applied_on: int


class Survivor(NamedTuple):
    """A person with a right on the breadwinner's death (Art. 249)."""

    index: int  # type: ignore[assignment]  # the input's position; tuple.index() is never used
    id: str
    relation: str
    birth: int | None
    sex: str | None
    grounds: tuple[str, ...]
    student_until: int | None = None
    disabled_until: int | None = None
    caring_until: int | None = None
    #: Art. 250 part 3: a monthly sum set by a court for a non-dependant entitled to maintenance.
    court_maintenance: int | None = None
    #: Extension: the last day of a right that ended early (death, adoption...; arts. 251, 263).
    right_ended_on: int | None = None
    #: Contract v2: the day a dependant became unable to work within five years of the death
    #: (LC-2004 art. 249 item 4, LC-2025 art. 221): the earliest start of every ground.
    right_from: int | None = None


class Payment(NamedTuple):
    """Money the employer paid: to ``periodic`` installments or to ``one_off`` benefits (Art. 269).

    A named tuple rather than a dataclass: as immutable, and a case lists many of them.
    """

    index: int  # type: ignore[assignment]  # the input's position; tuple.index() is never used
    day: int
    amount: int
    applies_to: str
    #: Paid to this recipient only (``victim`` or a survivor's id); ``None``: to anyone (the contract).
    recipient: str | None = None


class Parameters(NamedTuple):
    """The dated tables a calculation reads: built-in, or the case's own where it gives one."""

    minimum_wage: Table
    subsistence_minimum: Table
    indexation: Table
    penalty_rate_per_day: Table
    pension_age: Table
    #: Contract v2: Natsstatkom's average monthly wage (LC-2025 art. 219, Resolution No. 465).
    average_monthly_wage: Table | None = None
    #: Contract v2: which rule sets the one-time benefit on the day the right arose.
    one_time_benefit: Table | None = None


# --- optional sections beyond contract v1 (docs/compensation.md) ----------------------------------


@dataclass(frozen=True, slots=True)
class CapitalisationRequest:
    """Art. 255: capitalise the current monthly awards on the employer's liquidation, as of ``on``."""

    on: int
    method: str
    victim_birth: int | None


@dataclass(frozen=True, slots=True)
class CareHomePlacement:
    """Art. 266: the person receiving compensation lives in a care home from ``start`` (to ``end``)."""

    start: int
    end: int | None
    dependants: int
    monthly_cost: int | None


@dataclass(frozen=True, slots=True)
class TemporaryTransfer:
    """Art. 242: lighter, lower-paid work while recovering; the employer makes pay up to the AME."""

    index: int
    start: int
    end: int
    monthly_pay: int
    work_provided: bool


@dataclass(frozen=True, slots=True)
class RetrainingPeriod:
    """Art. 243: while the victim learns a new trade, the employer pays the AME of the former work."""

    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class AgreedSum:
    """Arts. 248, 253, 271: a sum fixed by agreement of the parties or by a court (moral damages, burial)."""

    index: int
    component: str
    recipient: str
    amount: int
    due: int
    basis: str


@dataclass(frozen=True, slots=True)
class AdditionalExpense:
    """Arts. 244-245 part 1: an additional expense reimbursed on receipts (medicines, prosthesis, ...)."""

    index: int
    kind: str
    amount: int
    incurred_on: int
    submitted_on: int


class Case(NamedTuple):
    """A whole case file, parsed and validated: everything the rules may read."""

    case_type: str
    calculation_day: int
    claim_day: int
    region: str
    liability: Liability
    earnings: Earnings
    parameters: Parameters
    findings: tuple[Finding, ...] = ()
    death_day: int | None = None
    survivors: tuple[Survivor, ...] = ()
    #: Art. 247 / 233: the collective agreement's one-off multipliers by disability group (never
    #: mutated: the default is shared).
    agreement_multipliers: dict[str, Decimal] = {}  # noqa: RUF012
    payments: tuple[Payment, ...] = ()
    capitalisation: CapitalisationRequest | None = None
    care_home: CareHomePlacement | None = None
    temporary_transfers: tuple[TemporaryTransfer, ...] = ()
    retraining: tuple[RetrainingPeriod, ...] = ()
    agreed_sums: tuple[AgreedSum, ...] = ()
    additional_expenses: tuple[AdditionalExpense, ...] = ()
    #: Contract v2: ``employer.budget_sector`` (Resolution No. 465's fixed sums).
    budget_sector: bool = False
    #: Contract v2: the claim came late through the employer's fault (LC-2004 art. 269 part 3,
    #: LC-2025 art. 228(3)): the 3-year limit does not apply.
    late_claim_due_to_employer: bool = False
    #: Contract v2: the day of the injury (or of the occupational disease's establishment).
    injury_day: int | None = None
