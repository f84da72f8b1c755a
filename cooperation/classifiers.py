"""Classifiers of the cooperation agreement (2022): kinds of inspections, requests, complaints, work.

Labels are lazy (the user's language); where the agreement itself names a thing in Kyrgyz (Инспекция,
Кызмат, сурам, даттануу, биргелешкен текшерүү) the Kyrgyz catalogue uses the agreement's word.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l

from core.classifiers import Inspectorate


def in_clause(column: str, enum: Any) -> str:
    """A CHECK constraint's condition: ``column`` holds one of ``enum``'s values."""
    return f"{column} IN ({', '.join(repr(str(e.value)) for e in enum)})"


class InspectionKind(StrEnum):
    PLANNED = "planned"  # from the annual plan (art. 2.6)
    UNPLANNED = "unplanned"  # after an accident, a complaint, a request
    JOINT = "joint"  # art. 2.7: both inspectorates, one record, both sign


INSPECTION_KIND_LABELS = {
    InspectionKind.PLANNED: _l("Planned"),
    InspectionKind.UNPLANNED: _l("Unplanned"),
    InspectionKind.JOINT: _l("Joint"),
}


class Grounds(StrEnum):
    PLAN = "plan"
    ACCIDENT = "accident"
    COMPLAINT = "complaint"
    REQUEST = "request"
    OTHER = "other"


GROUNDS_LABELS = {
    Grounds.PLAN: _l("Annual plan"),
    Grounds.ACCIDENT: _l("Accident"),
    Grounds.COMPLAINT: _l("Complaint"),
    Grounds.REQUEST: _l("Request"),
    Grounds.OTHER: _l("Other grounds"),
}


class Severity(StrEnum):
    MINOR = "minor"
    SERIOUS = "serious"
    GRAVE = "grave"  # a threat to life or health


SEVERITY_LABELS = {
    Severity.MINOR: _l("Minor"),
    Severity.SERIOUS: _l("Serious"),
    Severity.GRAVE: _l("Grave (threat to life or health)"),
}


class OrderState(StrEnum):
    """Derived from the dates when read, never stored: a stored "overdue" would go stale overnight."""

    OPEN = "open"
    EXTENDED = "extended"
    OVERDUE = "overdue"
    DONE = "done"
    DONE_LATE = "done_late"


ORDER_STATE_LABELS = {
    OrderState.OPEN: _l("being fulfilled"),
    OrderState.EXTENDED: _l("extended"),
    OrderState.OVERDUE: _l("overdue"),
    OrderState.DONE: _l("fulfilled"),
    OrderState.DONE_LATE: _l("fulfilled late"),
}


class RequestKind(StrEnum):
    """Art. 2.2: what one inspectorate may ask the other for."""

    INSPECTION_RESULTS = "inspection_results"
    COMPLAINT_REVIEW = "complaint_review"
    CAUSE_ANALYSIS = "cause_analysis"


REQUEST_KIND_LABELS = {
    RequestKind.INSPECTION_RESULTS: _l("Results of inspections and reviews"),
    RequestKind.COMPLAINT_REVIEW: _l("Results of a complaint's review"),
    RequestKind.CAUSE_ANALYSIS: _l("Analysis of causes of violations and disputes"),
}


class RequestState(StrEnum):
    OPEN = "open"
    OVERDUE = "overdue"
    ANSWERED = "answered"
    ANSWERED_LATE = "answered_late"


REQUEST_STATE_LABELS = {
    RequestState.OPEN: _l("awaiting the answer"),
    RequestState.OVERDUE: _l("overdue"),
    RequestState.ANSWERED: _l("answered"),
    RequestState.ANSWERED_LATE: _l("answered late"),
}


class ComplaintStatus(StrEnum):
    REGISTERED = "registered"
    REVIEWED = "reviewed"


COMPLAINT_STATUS_LABELS = {
    ComplaintStatus.REGISTERED: _l("registered, under review"),
    ComplaintStatus.REVIEWED: _l("reviewed"),
}


class ComplaintResult(StrEnum):
    UPHELD = "upheld"
    PARTLY_UPHELD = "partly_upheld"
    REJECTED = "rejected"
    REFERRED = "referred"


COMPLAINT_RESULT_LABELS = {
    ComplaintResult.UPHELD: _l("Upheld: rights restored"),
    ComplaintResult.PARTLY_UPHELD: _l("Partly upheld"),
    ComplaintResult.REJECTED: _l("Not confirmed"),
    ComplaintResult.REFERRED: _l("Referred to another body"),
}


class ProposalDecision(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


PROPOSAL_DECISION_LABELS = {
    ProposalDecision.PENDING: _l("awaiting the Service's decision"),
    ProposalDecision.ACCEPTED: _l("accepted into the plan"),
    ProposalDecision.DECLINED: _l("declined"),
}


class EventKind(StrEnum):
    """Arts. 1.4, 2.7, 2.9, 2.10: the joint events and consultations."""

    SEMINAR = "seminar"
    TRAINING = "training"
    ROUND_TABLE = "round_table"
    MEETING = "meeting"
    CONSULTATION = "consultation"


EVENT_KIND_LABELS = {
    EventKind.SEMINAR: _l("Seminar"),
    EventKind.TRAINING: _l("Training"),
    EventKind.ROUND_TABLE: _l("Round table"),
    EventKind.MEETING: _l("Joint meeting (art. 2.9)"),
    EventKind.CONSULTATION: _l("Consultation (art. 2.10)"),
}


class DocumentKind(StrEnum):
    """Art. 2.5: what the parties prepare on the most topical subjects."""

    METHODOLOGICAL_LETTER = "methodological_letter"
    MATERIAL = "material"
    REPORT = "report"
    REVIEW = "review"


DOCUMENT_KIND_LABELS = {
    DocumentKind.METHODOLOGICAL_LETTER: _l("Methodological letter"),
    DocumentKind.MATERIAL: _l("Material"),
    DocumentKind.REPORT: _l("Report (document)"),
    DocumentKind.REVIEW: _l("Review (document)"),
}


class NoticeKind(StrEnum):
    """Arts. 3.4 and 3.5: the two written notices a party may give."""

    NON_EXTENSION = "non_extension"
    EARLY_TERMINATION = "early_termination"


NOTICE_KIND_LABELS = {
    NoticeKind.NON_EXTENSION: _l("Notice not to extend (art. 3.4)"),
    NoticeKind.EARLY_TERMINATION: _l("Notice of early termination (art. 3.5)"),
}


def options(labels: dict[Any, Any]) -> list[tuple[str, str]]:
    """(value, label) pairs for a select, in the classifier's order."""
    return [(str(k.value), str(v)) for k, v in labels.items()]


#: The two inspectorates in the agreement's own words: "Кызмат" and "Инспекция" (preamble).
PARTY_LABELS = {
    Inspectorate.STATE: _l("Service (state labour inspection)"),
    Inspectorate.TRADE_UNION: _l("Inspection (trade unions' technical labour inspection)"),
}
