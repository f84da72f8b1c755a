"""The states of a claim, of a decision and of an appeal: allowed transitions as data, one function to move.

A claim is ``filed`` until the employer decides (art. 257): an award puts it ``decided``, a
reasoned refusal ``refused``; undecided after ten days it is ``deemed_refused``. The claimant's
appeal (art. 258) puts it ``appealed`` until the inspectorate decides, and the hand-over of the
case file to the state archive (art. 272) ``closed`` — the end of the file. A decision is a
``draft`` until issued; an issued one is ``superseded`` by the next. An appeal is ``filed`` until
the inspectorate grants it, partly grants it or dismisses it. Like ``accidents.workflow``, the
machines say what may follow what; who may act is the services' capability check.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from core.errors import DomainError


class ClaimStatus(StrEnum):
    FILED = "filed"
    DECIDED = "decided"
    REFUSED = "refused"
    DEEMED_REFUSED = "deemed_refused"
    APPEALED = "appealed"
    CLOSED = "closed"


class DecisionKind(StrEnum):
    AWARD = "award"
    REFUSAL = "refusal"


class DecisionStatus(StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"
    SUPERSEDED = "superseded"


class AppealStatus(StrEnum):
    FILED = "filed"
    GRANTED = "granted"
    PARTLY_GRANTED = "partly_granted"
    DISMISSED = "dismissed"


CLAIM_STATUS_LABELS = {
    ClaimStatus.FILED: _l("filed, awaiting the decision"),
    ClaimStatus.DECIDED: _l("decided"),
    ClaimStatus.REFUSED: _l("refused"),
    ClaimStatus.DEEMED_REFUSED: _l("deemed refused (art. 257)"),
    ClaimStatus.APPEALED: _l("appealed (art. 258)"),
    ClaimStatus.CLOSED: _l("closed"),
}
DECISION_STATUS_LABELS = {
    DecisionStatus.DRAFT: _l("draft"),
    DecisionStatus.ISSUED: _l("issued"),
    DecisionStatus.SUPERSEDED: _l("superseded"),
}
DECISION_KIND_LABELS = {DecisionKind.AWARD: _l("award"), DecisionKind.REFUSAL: _l("refusal")}
APPEAL_STATUS_LABELS = {
    "filed": _l("filed, awaiting the inspectorate"),
    "granted": _l("granted"),
    "partly_granted": _l("partly granted"),
    "dismissed": _l("dismissed"),
}


class ClaimAction(StrEnum):
    #: An award is in force: issued by the employer, or by the inspectorate's decision (art. 258).
    DECIDE = "decide"
    #: A reasoned refusal is in force (art. 257).
    REFUSE = "refuse"
    #: Ten days passed without a decision (art. 257).
    DEEM_REFUSED = "deem_refused"
    APPEAL = "appeal"
    ARCHIVE = "archive"


class DecisionAction(StrEnum):
    ISSUE = "issue"
    SUPERSEDE = "supersede"


class AppealAction(StrEnum):
    """The inspectorate's outcome is the action: each leads to the status of the same name."""

    GRANT = "granted"
    PARTLY_GRANT = "partly_granted"
    DISMISS = "dismissed"


ACTION_LABELS = {
    ClaimAction.DECIDE: _l("Put an award in force"),
    ClaimAction.REFUSE: _l("Refuse the claim"),
    ClaimAction.DEEM_REFUSED: _l("Deem the claim refused (art. 257)"),
    ClaimAction.APPEAL: _l("Appeal (art. 258)"),
    ClaimAction.ARCHIVE: _l("Hand the case file to the archive (art. 272)"),
    DecisionAction.ISSUE: _l("Issue the order"),
    DecisionAction.SUPERSEDE: _l("Supersede the decision"),
}

#: Where a decision (an award or a refusal) can come into force: every state but ``closed`` (archived).
_OPEN = (
    ClaimStatus.FILED,
    ClaimStatus.DEEMED_REFUSED,
    ClaimStatus.DECIDED,
    ClaimStatus.REFUSED,
    ClaimStatus.APPEALED,
)
#: A decided file, or one refused for good: what an appeal or the archive starts from.
_SETTLED = (ClaimStatus.DEEMED_REFUSED, ClaimStatus.DECIDED, ClaimStatus.REFUSED)


@dataclass(frozen=True)
class Machine:
    """The states of one kind of record and what each action leads to from each of them."""

    statuses: type[StrEnum]
    labels: Mapping[str, Any]
    transitions: Mapping[tuple[StrEnum, StrEnum], StrEnum]
    #: What is said when an action does not apply, where the general sentence would say less.
    refusals: Mapping[StrEnum, Any] = field(default_factory=dict)


CLAIM = Machine(
    ClaimStatus,
    CLAIM_STATUS_LABELS,
    {
        **{(status, ClaimAction.DECIDE): ClaimStatus.DECIDED for status in _OPEN},
        **{(status, ClaimAction.REFUSE): ClaimStatus.REFUSED for status in _OPEN},
        (ClaimStatus.FILED, ClaimAction.DEEM_REFUSED): ClaimStatus.DEEMED_REFUSED,
        **{
            (status, ClaimAction.APPEAL): ClaimStatus.APPEALED for status in (*_SETTLED, ClaimStatus.APPEALED)
        },
        **{(status, ClaimAction.ARCHIVE): ClaimStatus.CLOSED for status in _SETTLED},
    },
)

DECISION = Machine(
    DecisionStatus,
    DECISION_STATUS_LABELS,
    {
        (DecisionStatus.DRAFT, DecisionAction.ISSUE): DecisionStatus.ISSUED,
        (DecisionStatus.ISSUED, DecisionAction.SUPERSEDE): DecisionStatus.SUPERSEDED,
    },
    {DecisionAction.ISSUE: _l("Only a draft can be issued; an issued decision is changed by a new one.")},
)

APPEAL = Machine(
    AppealStatus,
    APPEAL_STATUS_LABELS,
    {(AppealStatus.FILED, action): AppealStatus(action.value) for action in AppealAction},
    {action: _l("This appeal is already decided.") for action in AppealAction},
)


def step(machine: Machine, status: str, action: StrEnum, field: str = "status") -> StrEnum:
    """The state ``action`` leads to from ``status``.

    :raises DomainError: the action does not apply in this state (naming ``field``).
    """
    before = machine.statuses(status)
    after = machine.transitions.get((before, action))
    if after is None:
        refusal = machine.refusals.get(action)
        message = (
            str(refusal)
            if refusal is not None
            else _(
                "“%(action)s” is not possible while the status is “%(status)s”.",
                action=str(ACTION_LABELS.get(action, action)),
                status=str(machine.labels.get(before, before)),
            )
        )
        raise DomainError(message, field=field)
    return after


def move(record: Any, machine: Machine, action: StrEnum, field: str = "status") -> tuple[str, str]:
    """Put ``record`` in the state ``action`` leads to from its own; (before, after) for the audit entry.

    :raises DomainError: the action does not apply in the record's state (naming ``field``).
    """
    before = str(record.status)
    record.status = step(machine, before, action, field)
    return before, str(record.status)
