"""The status machine of the investigation: allowed transitions as data, and one function to move.

An accident is ``reported`` until its commission is formed; from then on each
act (one per victim) has its own review, and the accident's status summarises
them. Who may move an act is a capability (core.auth.permissions), never a role.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from accidents.classifiers import STATUS_LABELS, Status
from core.auth.permissions import can
from core.errors import DomainError


class Action(StrEnum):
    START_INVESTIGATION = "start_investigation"
    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    START_REVIEW = "start_review"
    APPROVE = "approve"
    RETURN = "return"
    AMEND = "amend"


ACTION_LABELS = {
    Action.START_INVESTIGATION: _l("Start the investigation"),
    Action.SUBMIT: _l("Submit the act for review"),
    Action.WITHDRAW: _l("Withdraw for correction"),
    Action.START_REVIEW: _l("Take for review"),
    Action.APPROVE: _l("Approve"),
    Action.RETURN: _l("Return with remarks"),
    Action.AMEND: _l("Amend the approved act"),
}


@dataclass(frozen=True)
class Transition:
    target: Status
    capability: str
    #: The action needs a remark: reasons for a return, grounds for an amendment.
    remark_required: bool = False


#: The accident's own machine: forming the commission starts the investigation.
ACCIDENT_TRANSITIONS: dict[tuple[Status, Action], Transition] = {
    (Status.REPORTED, Action.START_INVESTIGATION): Transition(Status.INVESTIGATING, "edit_accident"),
}

#: Each act's machine. A returned act is corrected and submitted again; an approved one is
#: changed only by an amendment, which freezes the approved revision first.
ACT_TRANSITIONS: dict[tuple[Status, Action], Transition] = {
    (Status.INVESTIGATING, Action.SUBMIT): Transition(Status.ACT_SUBMITTED, "submit_act"),
    (Status.RETURNED, Action.SUBMIT): Transition(Status.ACT_SUBMITTED, "submit_act"),
    (Status.ACT_SUBMITTED, Action.WITHDRAW): Transition(Status.INVESTIGATING, "submit_act"),
    (Status.ACT_SUBMITTED, Action.START_REVIEW): Transition(Status.UNDER_REVIEW, "review_act"),
    (Status.UNDER_REVIEW, Action.APPROVE): Transition(Status.APPROVED, "review_act"),
    (Status.UNDER_REVIEW, Action.RETURN): Transition(Status.RETURNED, "review_act", remark_required=True),
    (Status.APPROVED, Action.AMEND): Transition(Status.INVESTIGATING, "submit_act", remark_required=True),
}

#: Acts the commission may still edit.
EDITABLE = frozenset({Status.INVESTIGATING, Status.RETURNED})


class TransitionNotAllowed(DomainError):
    """The action does not apply to a record in this status (or the user may not take it)."""

    def __init__(self, status: Status, action: str, forbidden: bool = False) -> None:
        if forbidden:
            message = _("You may not take this action.")
        else:
            label = ACTION_LABELS[Action(action)] if action in Action.__members__.values() else action
            message = _(
                "“%(action)s” is not possible while the status is “%(status)s”.",
                action=str(label),
                status=str(STATUS_LABELS[status]),
            )
        super().__init__(message, field="action")
        self.status = 403 if forbidden else 422


def transition(
    machine: dict[tuple[Status, Action], Transition], status: Status, action: str, user: Any
) -> Transition:
    """The transition ``action`` takes from ``status`` for ``user``, or :class:`TransitionNotAllowed`."""
    try:
        step = machine[(Status(status), Action(action))]
    except (KeyError, ValueError):
        raise TransitionNotAllowed(Status(status), action) from None
    if not can(user, step.capability):
        raise TransitionNotAllowed(Status(status), action, forbidden=True)
    return step


def allowed_actions(
    machine: dict[tuple[Status, Action], Transition], status: Status, user: Any
) -> list[Action]:
    """The buttons to show: the actions from ``status`` that ``user``'s capabilities permit."""
    return [a for (s, a), t in machine.items() if s == status and can(user, t.capability)]


#: From least to most advanced: the accident stands where its least advanced act stands.
_PROGRESS = (
    Status.RETURNED,
    Status.INVESTIGATING,
    Status.ACT_SUBMITTED,
    Status.UNDER_REVIEW,
    Status.APPROVED,
)


def summarise(commission_formed: bool, act_statuses: Iterable[Status]) -> Status:
    """The accident's status: ``reported`` before its commission, then its least advanced act.

    A returned act outranks everything (it needs the commission's work again), and
    an investigation without acts yet is still ``investigating``.
    """
    if not commission_formed:
        return Status.REPORTED
    statuses = {Status(s) for s in act_statuses}
    if not statuses:
        return Status.INVESTIGATING
    return min(statuses, key=_PROGRESS.index)
