"""What every section shares: the records in scope, the ground of a claim (an approved act at work),
and the dates a record may carry."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy import orm

from accidents.classifiers import ActKind, Status
from accidents.models import Act, Victim
from claims import procedure, workflow
from claims.models import (
    Capitalisation,
    Claim,
    FundPayment,
    Payment,
)
from core import audit, db, formatting
from core.auth.permissions import in_scope
from core.classifiers import Role
from core.employers import Employer
from core.errors import DomainError, NotFound

#: A decision's frozen trace is in the language of the employer's order it is printed in.
RECORD_LANGUAGE = "ru"

#: LC-2004 art. 257: the employer decides within ten days (claims under the 2004 procedure).
DECISION_DAYS = procedure.DECISION_DAYS

#: Art. 254: the documents a claim comes with (injury / death).
CLAIM_DOCUMENTS = {
    "injury": ("application", "act_n1", "msec_finding", "earnings_certificate", "medical_needs"),
    "death": (
        "application",
        "act_n1",
        "death_certificate",
        "earnings_certificate",
        "dependants_certificate",
        "relationship_proof",
    ),
}


def record_transition(
    s: orm.Session, user: Any, record: Any, before: str, after: str, remark: str | None = None, **details: Any
) -> None:
    """The audit entry of a move along a workflow machine: the status before and after, with what came
    with it (``details``); every claim, decision and appeal move is written this one way."""
    audit.record(
        s,
        user,
        "transition",
        record,
        before={"status": before},
        after={"status": after, **details},
        remark=remark,
    )


def transition(
    s: orm.Session, user: Any, record: Any, machine: workflow.Machine, action: Any, remark: str | None = None
) -> None:
    """Move ``record`` along ``machine`` by ``action`` and write its audit entry."""
    record_transition(s, user, record, *workflow.move(record, machine, action), remark=remark)


def _employer(s: orm.Session, employer_id: int) -> Employer:
    employer = s.get(Employer, employer_id)
    if employer is None:
        raise NotFound()
    return employer


def get_scoped(s: orm.Session, user: Any, model: type[Any], record_id: int) -> Any:
    """A record of ``model`` (which has ``employer_id``) within the user's scope, else 404.

    The Social Fund sees only capitalised cases (design.md, roles): their claims and what hangs on them.
    """
    record = s.get(model, record_id)
    if record is None or not in_scope(user, _employer(s, record.employer_id)):
        raise NotFound()
    if Role(user.role) is Role.SOCIAL_FUND and model not in (Capitalisation, FundPayment):
        claim_id = record.id if model is Claim else getattr(record, "claim_id", None)
        if claim_id is None or not s.scalar(
            sa.select(Capitalisation.id).where(Capitalisation.claim_id == claim_id)
        ):
            raise NotFound()
    return record


def _fund_clause(user: Any, claim_id_column: Any) -> sa.ColumnElement[bool]:
    """For Social Fund staff: only capitalised cases; for everybody else: no further limit."""
    if Role(user.role) is not Role.SOCIAL_FUND:
        return sa.true()
    return sa.exists().where(Capitalisation.claim_id == claim_id_column)


#: The Fund's claims, for the other features' counts (reports).
fund_claims = _fund_clause


def _victim(s: orm.Session, user: Any, victim_id: int) -> tuple[Victim, Act]:
    """The injured person in scope and the act that grounds the compensation (:func:`check_ground`)."""
    victim = s.get(Victim, victim_id)
    if victim is None or not in_scope(user, victim.accident.employer):
        raise DomainError(_("No such injured person in your scope."), field="victim_id")
    check_ground(victim.act, "victim_id")
    return victim, victim.act


def is_ground(act: Act | None) -> bool:
    """Compensation is owed for an injury at work (art. 223): an approved act N-1 whose accident is
    work-related, or an approved act on an occupational disease not found unrelated to the work."""
    if act is None or act.status != Status.APPROVED:
        return False
    if act.kind == ActKind.OCCUPATIONAL_DISEASE:
        return act.work_related is not False
    return act.work_related is True


def check_ground(act: Act | None, field: str) -> None:
    """:raises DomainError: the act does not ground a finding, a claim or a decision (naming ``field``)."""
    if act is not None and act.status == Status.APPROVED and act.work_related is False:
        raise DomainError(
            _(
                "The act concludes that the accident is not work-related: "
                "it grounds no compensation (art. 223)."
            ),
            field=field,
        )
    if not is_ground(act):
        raise DomainError(
            _("Compensation needs an approved act on an accident at work or an occupational disease."),
            field=field,
        )


# --- dates: a record made today tells what happened by today, after what it follows ---------------------


def not_future(value: date | None, field: str) -> None:
    """:raises DomainError: ``value`` is after today in Bishkek (naming ``field``)."""
    today = db.today_bishkek()
    if value is not None and value > today:
        raise DomainError(
            _("This day has not come yet: today is %(today)s.", today=formatting.day(today)), field=field
        )


def not_before(value: date | None, earliest: date | None, field: str, what: str) -> None:
    """:raises DomainError: ``value`` precedes ``earliest``, the day of ``what`` (naming ``field``)."""
    if value is not None and earliest is not None and value < earliest:
        raise DomainError(
            _("Not before %(what)s (%(day)s).", what=what, day=formatting.day(earliest)), field=field
        )


def accident_day(claim_or_victim: Any) -> date:
    """The day of the accident in Bishkek, of a claim's or a finding's victim, or of a victim."""
    victim = getattr(claim_or_victim, "victim", None) or claim_or_victim
    return victim.accident.occurred_at.astimezone(db.BISHKEK).date()


def _payments_of(s: orm.Session, claim_id: int) -> list[Payment]:
    """The claim's payments that count: a voided one is kept but paid nothing."""
    return list(
        s.scalars(sa.select(Payment).where(Payment.claim_id == claim_id, Payment.voided_at.is_(None)))
    )
