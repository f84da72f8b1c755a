"""Use cases of the compensation ledger: one transaction each, scoped, audited.

Verbs of the domain: record_finding, file_claim, update_claim, receive_document,
end_survivor_right, mark_deemed_refusals, draft_decision, issue_decision,
refuse_claim, record_payment, statement, file_appeal, decide_appeal,
record_court_ruling, attach, record_archive_transfer. Every status they change
moves by ``claims.workflow``. Every figure comes from ``compensation.calculate``
on the case file ``case_file.build`` makes from the records: the stored path and
the stateless API can never disagree. The last section holds what the pages and
the API read (lists, a record with what hangs on it, the statement narrowed to a
recipient): the views run no query of their own.
"""

from __future__ import annotations

import calendar
import hashlib
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm

import compensation
from accidents.classifiers import ActKind, Status
from accidents.models import Accident, Act, Victim
from claims import case_file, documents, workflow
from claims.models import (
    Appeal,
    ArchiveTransfer,
    Attachment,
    Capitalisation,
    Claim,
    ClaimDocument,
    ClaimStatus,
    CourtRuling,
    Decision,
    DecisionKind,
    DecisionStatus,
    EarningsMonth,
    FundPayment,
    Installment,
    MsecFinding,
    Payment,
    Survivor,
)
from claims.workflow import AppealAction, AppealStatus, ClaimAction, DecisionAction
from core import audit, db, formatting
from core.auth.permissions import can, employer_scope, in_scope
from core.classifiers import INSPECTORATE_LABELS, Inspectorate, Role
from core.employers import Employer
from core.errors import DomainError, Forbidden, FormErrors, NotFound
from core.services import check_version, require

#: A decision's frozen trace is in the language of the employer's order it is printed in.
RECORD_LANGUAGE = "ru"

#: Art. 257: the employer decides within ten days.
DECISION_DAYS = 10

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


# --- MSEC findings (art. 232) ------------------------------------------------------------------------

FINDING_FIELDS = [
    "victim_id",
    "act_id",
    "previous_id",
    "msec_body",
    "decision_no",
    "examined_on",
    "valid_from",
    "valid_to",
    "loss_percent",
    "disability_group",
    "reexamination_on",
    "care_special_medical",
    "care_household",
    "rehabilitation",
    "applied_on",
]


def _check_finding(s: orm.Session, finding: MsecFinding) -> None:
    errors: dict[str, list[str]] = {}
    today = db.today_bishkek()
    for name in ("examined_on", "applied_on"):
        if (getattr(finding, name) or today) > today:
            errors[name] = [_("This day has not come yet: today is %(today)s.", today=formatting.day(today))]
    if finding.valid_to is not None and finding.valid_to < finding.valid_from:
        errors["valid_to"] = [_("The period ends before it starts.")]
    if finding.reexamination_on is not None and finding.reexamination_on < finding.examined_on:
        errors["reexamination_on"] = [_("The re-examination cannot precede the examination.")]
    if not Decimal(0) <= finding.loss_percent <= Decimal(100):
        errors["loss_percent"] = [_("Between 0 and 100.")]
    others = s.scalars(
        sa.select(MsecFinding).where(
            MsecFinding.victim_id == finding.victim_id,
            MsecFinding.id != (finding.id or 0),
            MsecFinding.voided_at.is_(None),
        )
    ).all()
    for other in others:
        end = other.valid_to or date.max
        mine_end = finding.valid_to or date.max
        if finding.valid_from <= end and other.valid_from <= mine_end:
            errors.setdefault("valid_from", []).append(
                _("Overlaps the finding of %(start)s.", start=other.valid_from.isoformat())
            )
    if errors:
        raise FormErrors(errors)


def record_finding(user: Any, data: dict[str, Any]) -> MsecFinding:
    """Record an MSEC finding the victim brought to the employer (art. 232)."""
    require(user, "file_claim")
    with db.transaction() as s:
        finding = _new_finding(s, user, data)
        audit.record(s, user, "create", finding, after=audit.snapshot(finding, FINDING_FIELDS))
        return finding


def _new_finding(s: orm.Session, user: Any, data: dict[str, Any]) -> MsecFinding:
    victim, act = _victim(s, user, data["victim_id"])
    finding = MsecFinding(employer_id=victim.accident.employer_id, act_id=act.id)
    for name in FINDING_FIELDS:
        if name in data and name not in ("victim_id", "act_id"):
            setattr(finding, name, data[name])
    finding.victim_id = victim.id
    if finding.previous_id is None:
        finding.previous_id = s.scalar(
            sa.select(MsecFinding.id)
            .where(
                MsecFinding.victim_id == victim.id,
                MsecFinding.valid_from < finding.valid_from,
                MsecFinding.voided_at.is_(None),
            )
            .order_by(MsecFinding.valid_from.desc())
            .limit(1)
        )
    _check_finding(s, finding)
    s.add(finding)
    s.flush()
    return finding


# --- voids and corrections (issue 12): never a delete, never an edit ------------------------------------

audit.ACTION_LABELS.setdefault("void", _l("voided"))
audit.ACTION_LABELS.setdefault("correct", _l("recorded as a correction"))
VOID_FIELDS = ["voided_at", "voided_by_id", "void_reason", "superseded_by_id"]


def _reason(reason: str | None) -> str:
    text = (reason or "").strip()
    if not text:
        raise DomainError(_("Say why the record is voided."), field="reason")
    return text[:500]


def _void(s: orm.Session, user: Any, record: Any, reason: str, remark: str | None = None) -> None:
    """Strike ``record`` out with its reason: kept and shown, left out of every calculation."""
    if record.voided_at is not None:
        raise DomainError(_("This record is voided already."), field="reason")
    before = audit.snapshot(record, VOID_FIELDS)
    record.voided_at, record.voided_by_id, record.void_reason = (
        db.now_utc(),
        getattr(user, "id", None),
        reason,
    )
    s.flush()
    audit.record(
        s,
        user,
        "void",
        record,
        before=before,
        after=audit.snapshot(record, VOID_FIELDS),
        remark=remark or reason,
    )


def _supersede_record(s: orm.Session, user: Any, old: Any, new: Any, reason: str, fields: list[str]) -> None:
    before = audit.snapshot(old, VOID_FIELDS)
    old.superseded_by_id = new.id
    s.flush()
    audit.record(s, user, "update", old, before=before, after=audit.snapshot(old, VOID_FIELDS), remark=reason)
    audit.record(
        s,
        user,
        "correct",
        new,
        after={**audit.snapshot(new, fields), "corrects_id": old.id},
        remark=_("Corrects No. %(id)s: %(reason)s", id=old.id, reason=reason),
    )


def void_finding(user: Any, finding_id: int, reason: str | None, version: int | None = None) -> MsecFinding:
    """Void a mistaken MSEC finding (with the reason): kept, struck through, out of the next decision."""
    require(user, "file_claim")
    text = _reason(reason)
    with db.transaction() as s:
        finding = get_scoped(s, user, MsecFinding, finding_id)
        check_version(finding, version)
        _void(s, user, finding, text)
        return finding


def correct_finding(user: Any, finding_id: int, data: dict[str, Any]) -> MsecFinding:
    """Void a mistaken finding and record the right one in its place, linked to it; the next decision
    is computed from the correction."""
    require(user, "file_claim")
    text = _reason(data.get("reason"))
    with db.transaction() as s:
        old = get_scoped(s, user, MsecFinding, finding_id)
        check_version(old, data.get("version"))
        _void(s, user, old, text)
        fields = {k: v for k, v in data.items() if k in FINDING_FIELDS}
        fields["victim_id"] = old.victim_id
        fields.setdefault("previous_id", old.previous_id)
        new = _new_finding(s, user, fields)
        _supersede_record(s, user, old, new, text, FINDING_FIELDS)
        return new


def void_payment(user: Any, payment_id: int, reason: str | None) -> Payment:
    """Void a payment recorded by mistake (with the reason): kept, struck through, out of the statement."""
    require(user, "record_payment")
    text = _reason(reason)
    with db.transaction() as s:
        payment = get_scoped(s, user, Payment, payment_id)
        _void(s, user, payment, text, _("Payment No. %(id)s: %(reason)s", id=payment.id, reason=text))
        return payment


def correct_payment(user: Any, payment_id: int, data: dict[str, Any]) -> Payment:
    """Void a mistaken payment and record the right one in its place, linked to it."""
    require(user, "record_payment")
    text = _reason(data.get("reason"))
    with db.transaction() as s:
        old = get_scoped(s, user, Payment, payment_id)
        _void(s, user, old, text, _("Payment No. %(id)s: %(reason)s", id=old.id, reason=text))
        claim = get_scoped(s, user, Claim, old.claim_id)
        new = _new_payment(s, user, claim, data)
        _supersede_record(s, user, old, new, text, PAYMENT_FIELDS)
        return new


def findings_query(user: Any, filters: dict[str, Any]) -> sa.Select[Any]:
    stmt = sa.select(MsecFinding).where(
        employer_scope(user, MsecFinding.employer_id),
        sa.false() if Role(user.role) is Role.SOCIAL_FUND else sa.true(),  # the Fund handles no findings
    )
    if filters.get("victim_id"):
        stmt = stmt.where(MsecFinding.victim_id == filters["victim_id"])
    today = filters.get("today") or db.today_bishkek()
    # A voided finding is listed (struck through) but calls for no re-examination.
    if filters.get("reexamination") == "due":
        stmt = stmt.where(
            MsecFinding.reexamination_on.between(today, today + timedelta(days=30)),
            MsecFinding.voided_at.is_(None),
        )
    elif filters.get("reexamination") == "lapsed":
        # Lapsed: the re-examination date has passed and no later finding (not voided) follows this one.
        later = orm.aliased(MsecFinding)
        stmt = stmt.where(
            MsecFinding.reexamination_on < today,
            MsecFinding.voided_at.is_(None),
            ~sa.exists().where(later.previous_id == MsecFinding.id, later.voided_at.is_(None)),
        )
    return stmt.order_by(MsecFinding.reexamination_on.nulls_last(), MsecFinding.id)


# --- claims (arts. 254, 257) ----------------------------------------------------------------------------

CLAIM_FIELDS = [
    "case_type",
    "claimant_name",
    "claimant_relation",
    "claimant_address",
    "filed_on",
    "region",
    "death_date",
    "reference_month",
    "sustained_increase_from",
    "documents_unavailable",
    "partial_month_earned",
    "partial_month_days_worked",
    "partial_month_average_days",
    "source_of_increased_danger",
    "employer_fault",
    "force_majeure",
    "victim_intent",
    "victim_fault_percent",
    "one_off_multipliers",
]


def _claim_snapshot(claim: Claim) -> dict[str, Any]:
    after = audit.snapshot(claim, ["status", *CLAIM_FIELDS])
    after["earnings"] = [[m.month, str(m.amount), m.exclude] for m in claim.earnings]
    after["survivors"] = [[v.key, v.full_name, v.grounds] for v in claim.survivors]
    after["documents"] = {
        d.code: d.received_on.isoformat() if d.received_on else None for d in claim.documents
    }
    return after


def _fill_claim(s: orm.Session, claim: Claim, data: dict[str, Any]) -> None:
    for name in CLAIM_FIELDS:
        if name in data:
            setattr(claim, name, data[name])
    rows: dict[str, list[Any]] = {}
    if "earnings" in data:
        rows["earnings"] = [EarningsMonth(**row) for row in data["earnings"]]
    if "survivors" in data:
        rows["survivors"] = [
            Survivor(key=row.get("key") or f"s{i + 1}", **{k: v for k, v in row.items() if k != "key"})
            for i, row in enumerate(data["survivors"])
        ]
        if claim.id is not None:
            _keep_survivor_records(s, claim, rows["survivors"])
    if "documents" in data:
        rows["documents"] = [ClaimDocument(**row) for row in data["documents"]]
    if claim.id is not None and rows:
        # Replaced rows keep their natural keys (month, code, survivor key): delete the old ones first,
        # or the unit of work would insert the new ones into the unique constraint before deleting.
        for name in rows:
            getattr(claim, name).clear()
        s.flush()
    for name, new in rows.items():
        setattr(claim, name, new)
    not_future(claim.filed_on, "filed_on")
    claim.decision_due_on = claim.filed_on + timedelta(days=DECISION_DAYS)


def _keep_survivor_records(s: orm.Session, claim: Claim, new: list[Survivor]) -> None:
    """A correction of the survivors' list keeps what the ledger recorded of them, by key.

    The date a right ended (arts. 251, 263) is recorded on its own, never in the claim's form, so
    a corrected row keeps it; and a survivor who has been paid stays on the claim, or the payments
    would name nobody (art. 269 allocates them by recipient).
    """
    ended = {v.key: v.right_ended_on for v in claim.survivors if v.right_ended_on is not None}
    for survivor in new:
        if survivor.key in ended:
            survivor.right_ended_on = ended[survivor.key]
    dropped = {v.key for v in claim.survivors} - {v.key for v in new}
    if not dropped:
        return
    paid = s.scalars(
        sa.select(Payment.recipient)
        .where(Payment.claim_id == claim.id, Payment.recipient.in_(dropped), Payment.voided_at.is_(None))
        .distinct()
    ).all()
    missing = set(paid)
    if missing:
        names = ", ".join(v.full_name for v in claim.survivors if v.key in missing)
        raise DomainError(
            _("%(names)s has been paid under this claim and stays on it.", names=names), field="survivors"
        )


def file_claim(user: Any, data: dict[str, Any]) -> Claim:
    """Register the victim's or survivors' application (art. 254); the decision is due in 10 days (257)."""
    require(user, "file_claim")
    with db.transaction() as s:
        victim, act = _victim(s, user, data["victim_id"])
        claim = Claim(employer_id=victim.accident.employer_id, victim_id=victim.id, act_id=act.id)
        if act.victim_fault_percent is not None and "victim_fault_percent" not in data:
            claim.victim_fault_percent = Decimal(act.victim_fault_percent)
        _fill_claim(s, claim, data)
        not_before(claim.filed_on, accident_day(victim), "filed_on", _("the accident"))
        _check_no_open_claim(s, claim)
        if claim.case_type == "death" and not claim.survivors:
            raise DomainError(_("A claim on a death names the survivors (art. 249)."), field="survivors")
        s.add(claim)
        audit.record(s, user, "create", claim, after=_claim_snapshot(claim))
        return claim


def _check_no_open_claim(s: orm.Session, claim: Claim) -> None:
    """One open claim of a kind per victim (a victim is injured in one accident): a second is refused."""
    other = s.scalar(
        sa.select(Claim)
        .where(
            Claim.victim_id == claim.victim_id,
            Claim.case_type == claim.case_type,
            Claim._status != ClaimStatus.CLOSED,
        )
        .limit(1)
    )
    if other is not None:
        raise DomainError(
            _(
                "Claim No. %(id)s of %(day)s for this person and this accident is open: correct it or "
                "appeal its decision instead of filing another.",
                id=other.id,
                day=formatting.day(other.filed_on),
            ),
            field="victim_id",
        )


def update_claim(user: Any, claim_id: int, data: dict[str, Any], version: int | None = None) -> Claim:
    require(user, "file_claim")
    with db.transaction() as s:
        claim = get_scoped(s, user, Claim, claim_id)
        check_version(claim, version)
        before = _claim_snapshot(claim)
        _fill_claim(s, claim, data)
        not_before(claim.filed_on, accident_day(claim), "filed_on", _("the accident"))
        # A change to the claim's rows (earnings, documents, survivors) changes the claim: bump its version.
        orm.attributes.flag_modified(claim, "claimant_name")
        audit.record(s, user, "update", claim, before=before, after=_claim_snapshot(claim))
        return claim


def receive_document(
    user: Any,
    claim_id: int,
    code: str,
    received_on: date,
    note: str | None = None,
    version: int | None = None,
) -> Claim:
    """Mark an art. 254 document as received (a claim's documents often arrive after the application)."""
    require(user, "file_claim")
    known = set(CLAIM_DOCUMENTS["injury"]) | set(CLAIM_DOCUMENTS["death"])
    if code not in known:
        raise DomainError(_("Not a document of art. 254."), field="code")
    with db.transaction() as s:
        claim = get_scoped(s, user, Claim, claim_id)
        check_version(claim, version)
        if received_on < claim.filed_on - timedelta(days=365) or received_on > db.today_bishkek():
            raise DomainError(_("A date between the year before the claim and today."), field="received_on")
        before = _claim_snapshot(claim)
        document = next((d for d in claim.documents if d.code == code), None)
        if document is None:
            claim.documents.append(ClaimDocument(code=code, received_on=received_on, note=note))
        else:
            document.received_on, document.note = received_on, note or document.note
        orm.attributes.flag_modified(claim, "claimant_name")
        audit.record(s, user, "update", claim, before=before, after=_claim_snapshot(claim))
        return claim


def end_survivor_right(
    user: Any, claim_id: int, key: str, ended_on: date, reason: str, version: int | None = None
) -> Claim:
    """A survivor's right ended early (death, adoption, marriage of a caregiver...; arts. 251, 263):
    recorded on the claim, audited; the officer then computes a new decision from the next month."""
    require(user, "file_claim")
    if not (reason or "").strip():
        raise DomainError(_("Say why the right ended."), field="reason")
    with db.transaction() as s:
        claim = get_scoped(s, user, Claim, claim_id)
        check_version(claim, version)
        survivor = next((v for v in claim.survivors if v.key == key), None)
        if survivor is None:
            raise DomainError(_("No such survivor on this claim."), field="key")
        if claim.death_date and ended_on < claim.death_date:
            raise DomainError(_("The right cannot end before the death."), field="ended_on")
        before = {"right_ended_on": survivor.right_ended_on.isoformat() if survivor.right_ended_on else None}
        survivor.right_ended_on = ended_on
        orm.attributes.flag_modified(claim, "claimant_name")
        audit.record(
            s,
            user,
            "update",
            claim,
            before=before,
            after={"right_ended_on": ended_on.isoformat()},
            remark=f"{survivor.key}: {reason.strip()}",
        )
        return claim


def claims_query(user: Any, filters: dict[str, Any]) -> sa.Select[Any]:
    stmt = sa.select(Claim).where(employer_scope(user, Claim.employer_id), _fund_clause(user, Claim.id))
    if filters.get("status"):
        stmt = stmt.where(Claim.status == filters["status"])
    if filters.get("employer_id"):
        stmt = stmt.where(Claim.employer_id == filters["employer_id"])
    if filters.get("overdue"):
        stmt = stmt.where(
            Claim.status.in_([ClaimStatus.FILED, ClaimStatus.DEEMED_REFUSED]),
            Claim.decision_due_on < (filters.get("today") or db.today_bishkek()),
        )
    return stmt.order_by(Claim.decision_due_on.desc(), Claim.id.desc())


def mark_deemed_refusals(today: date | None = None) -> int:
    """Art. 257: a claim not decided within ten days counts as refused; the claimant may appeal.

    :attr:`Claim.status` reads the deemed refusal the moment the day passes; this records it, with
    the audit entry that is its notice."""
    today = today or db.today_bishkek()
    with db.transaction() as s:
        claims = s.scalars(
            sa.select(Claim).where(Claim._status == ClaimStatus.FILED, Claim.decision_due_on < today)
        ).all()
        for claim in claims:
            # The recorded state, not the derived one: it is still "filed" in the table.
            before = str(claim._status)
            claim._status = workflow.step(workflow.CLAIM, before, ClaimAction.DEEM_REFUSED)
            after = str(claim._status)
            audit.record(
                s,
                None,
                "transition",
                claim,
                before={"status": before},
                after={"status": after},
                remark=_("No decision within 10 days (art. 257)."),
            )
        return len(claims)


# --- decisions (art. 257) and recalculations (arts. 251, 265) ----------------------------------------------


def current_decision(s: orm.Session, claim_id: int) -> Decision | None:
    return s.scalar(
        sa.select(Decision)
        .where(
            Decision.claim_id == claim_id,
            Decision.status == DecisionStatus.ISSUED,
            Decision.kind == DecisionKind.AWARD,
        )
        .order_by(Decision.sequence.desc())
        .limit(1)
    )


def _case_for(
    s: orm.Session, claim: Claim, as_of: date, overrides: dict[str, Any] | None = None
) -> dict[str, Any]:
    findings = s.scalars(
        sa.select(MsecFinding).where(
            MsecFinding.victim_id == claim.victim_id, MsecFinding.voided_at.is_(None)
        )
    ).all()
    payments = _payments_of(s, claim.id)
    return case_file.build(claim, findings, payments, as_of, overrides)


def _calculate(case: dict[str, Any], language: str = "ru") -> dict[str, Any]:
    try:
        return compensation.calculate(case, language=language)
    except compensation.InvalidCase as exc:
        raise FormErrors({f"case.{k}": v for k, v in exc.errors.items()}) from exc


def _next_sequence(s: orm.Session, claim_id: int) -> int:
    return (s.scalar(sa.select(sa.func.max(Decision.sequence)).where(Decision.claim_id == claim_id)) or 0) + 1


def draft_decision(
    user: Any,
    claim_id: int,
    calculation_date: date,
    reason: str = "initial",
    effective_from: date | None = None,
    overrides: dict[str, Any] | None = None,
    language: str = RECORD_LANGUAGE,
) -> Decision:
    """Compute a decision from the stored records; it stays a draft until issued."""
    require(user, "issue_decision")
    with db.transaction() as s:
        claim = get_scoped(s, user, Claim, claim_id)
        check_ground(claim.victim.act, "claim_id")
        case = _case_for(s, claim, calculation_date, overrides)
        result = _calculate(case, language)
        decision = Decision(
            claim_id=claim.id,
            employer_id=claim.employer_id,
            sequence=_next_sequence(s, claim.id),
            kind=DecisionKind.AWARD,
            status=DecisionStatus.DRAFT,
            reason=reason,
            effective_from=effective_from,
            calculation_date=calculation_date,
            case_file=case,
            result=result,
            supersedes_id=getattr(current_decision(s, claim.id), "id", None),
        )
        s.add(decision)
        audit.record(
            s, user, "create", decision, after={"kind": "award", "reason": reason, "totals": result["totals"]}
        )
        return decision


def issue_decision(
    user: Any, decision_id: int, number: str, issued_on: date | None = None, version: int | None = None
) -> Decision:
    """Issue the employer's order: freeze it, store its installments, supersede the previous decision."""
    require(user, "issue_decision")
    with db.transaction() as s:
        decision = get_scoped(s, user, Decision, decision_id)
        check_version(decision, version)
        workflow.step(workflow.DECISION, decision.status, DecisionAction.ISSUE)
        claim = s.get(Claim, decision.claim_id)
        _check_issued_on(claim, issued_on)
        # The previous decision gives way first: until then, the one in force is found by its status.
        previous = _supersede(s, user, decision.claim_id, f"→ {number}")
        before, after = workflow.move(decision, workflow.DECISION, DecisionAction.ISSUE)
        decision.number = number
        decision.issued_on = issued_on or db.today_bishkek()
        decision.issued_by_id = getattr(user, "id", None)
        decision.supersedes_id = previous.id if previous else decision.supersedes_id
        decision.installments = _installments(decision)
        in_force = ClaimAction.DECIDE if decision.kind == DecisionKind.AWARD else ClaimAction.REFUSE
        claim_before, claim_after = workflow.move(claim, workflow.CLAIM, in_force)
        audit.record(
            s,
            user,
            "transition",
            decision,
            before={"status": before},
            after={"status": after, "number": number},
        )
        audit.record(
            s,
            user,
            "transition",
            claim,
            before={"status": claim_before},
            after={"status": claim_after},
        )
        return decision


def _check_issued_on(claim: Claim, issued_on: date | None) -> None:
    """An order is dated on a day that has come, on or after the claim it decides (art. 257)."""
    not_future(issued_on, "issued_on")
    not_before(issued_on, claim.filed_on, "issued_on", _("the claim"))


def _supersede(s: orm.Session, user: Any, claim_id: int, remark: str) -> Decision | None:
    """The claim's current decision gives way to a new one; it stays readable, marked superseded."""
    previous = current_decision(s, claim_id)
    if previous is not None:
        before, after = workflow.move(previous, workflow.DECISION, DecisionAction.SUPERSEDE)
        audit.record(
            s,
            user,
            "transition",
            previous,
            before={"status": before},
            after={"status": after},
            remark=remark,
        )
    return previous


def case_as_of(decision: Decision, payments: Iterable[Payment], as_of: date) -> dict[str, Any]:
    """The decision's frozen case file as of another day, with the ledger's payments made by then:
    the one way a statement, the monthly run and a capitalisation see the ledger."""
    case = dict(decision.case_file)
    case["calculation_date"] = as_of.isoformat()
    case["payments"] = [
        {
            "date": p.paid_on.isoformat(),
            "amount": f"{p.amount:.2f}",
            "applies_to": p.applies_to,
            "recipient": p.recipient,
        }
        for p in sorted(payments, key=lambda p: (p.paid_on, p.id))
        if p.paid_on <= as_of
    ]
    return case


def _installments(decision: Decision) -> list[Installment]:
    """The engine's installments of an award, stored as the decision's schedule."""
    if decision.kind != DecisionKind.AWARD:
        return []
    return [
        Installment(
            claim_id=decision.claim_id,
            employer_id=decision.employer_id,
            component=item["component"],
            recipient=str(item["recipient"]),
            period=item.get("period") or "",
            amount=Decimal(item["amount"]),
            due_date=date.fromisoformat(item["due_date"]),
        )
        for item in decision.result.get("installments", [])
        # A one-off whose amount no Cabinet figure sets yet (contract v2, a warning) is not owed yet.
        if item["amount"] is not None
    ]


def refuse_claim(
    user: Any, claim_id: int, grounds: str, number: str, issued_on: date | None = None
) -> Decision:
    """A reasoned refusal is a decision too (art. 257), printable with its grounds."""
    require(user, "issue_decision")
    if not (grounds or "").strip():
        raise DomainError(_("A refusal states its grounds."), field="refusal_grounds")
    with db.transaction() as s:
        claim = get_scoped(s, user, Claim, claim_id)
        _check_issued_on(claim, issued_on)
        issued_on = issued_on or db.today_bishkek()
        decision = Decision(
            claim_id=claim.id,
            employer_id=claim.employer_id,
            sequence=_next_sequence(s, claim.id),
            kind=DecisionKind.REFUSAL,
            status=DecisionStatus.ISSUED,
            reason="initial",
            refusal_grounds=grounds.strip(),
            calculation_date=issued_on,
            case_file=_case_for(s, claim, issued_on),
            result={},
            number=number,
            issued_on=issued_on,
            issued_by_id=getattr(user, "id", None),
        )
        s.add(decision)
        before, after = workflow.move(claim, workflow.CLAIM, ClaimAction.REFUSE)
        audit.record(
            s, user, "create", decision, after={"kind": "refusal", "grounds": grounds, "number": number}
        )
        audit.record(s, user, "transition", claim, before={"status": before}, after={"status": after})
        return decision


# --- the ledger (arts. 264, 269, 270) -------------------------------------------------------------------

RECOVERY_GROUNDS = ("bad_faith", "counting_error")


def record_payment(user: Any, claim_id: int, data: dict[str, Any]) -> Payment:
    """Record what the employer paid; a negative amount is a recovery, allowed only on art. 270's grounds."""
    require(user, "record_payment")
    with db.transaction() as s:
        claim = get_scoped(s, user, Claim, claim_id)
        payment = _new_payment(s, user, claim, data)
        audit.record(s, user, "create", payment)
        return payment


PAYMENT_FIELDS = ["paid_on", "amount", "recipient", "applies_to", "reference", "recovery_ground", "note"]


def _new_payment(s: orm.Session, user: Any, claim: Claim, data: dict[str, Any]) -> Payment:
    if current_decision(s, claim.id) is None:
        raise DomainError(_("Payments follow an issued decision."), field="claim_id")
    if data["paid_on"] < accident_day(claim):
        raise DomainError(_("A payment cannot precede the accident."), field="paid_on")
    not_future(data["paid_on"], "paid_on")
    transfer = s.scalar(sa.select(ArchiveTransfer).where(ArchiveTransfer.claim_id == claim.id))
    if transfer is not None:
        raise DomainError(
            _(
                "The case file went to the archive on %(day)s: nothing is paid under it any more.",
                day=formatting.day(transfer.transferred_on),
            ),
            field="claim_id",
        )
    if (data.get("recipient") or "victim") not in dict(recipients(claim)):
        raise DomainError(
            _("Pay the victim, or in a death case one of the claim's survivors."), field="recipient"
        )
    amount = data["amount"]
    if amount < 0 and data.get("recovery_ground") not in RECOVERY_GROUNDS:
        raise DomainError(_("A recovery needs a ground art. 270 allows."), field="recovery_ground")
    twin = s.scalar(
        sa.select(Payment)
        .where(
            Payment.claim_id == claim.id,
            Payment.paid_on == data["paid_on"],
            Payment.amount == amount,
            Payment.recipient == (data.get("recipient") or "victim"),
            Payment.reference.is_(None)
            if not data.get("reference")
            else Payment.reference == data["reference"],
            Payment.voided_at.is_(None),
        )
        .limit(1)
    )
    if twin is not None:
        raise DomainError(
            _(
                "This payment is recorded already (No. %(id)s): the same day, amount, recipient and "
                "reference. A correction is a new entry with its own reference.",
                id=twin.id,
            ),
            field="reference",
        )
    payment = Payment(
        claim_id=claim.id,
        employer_id=claim.employer_id,
        paid_on=data["paid_on"],
        amount=amount,
        recipient=data.get("recipient") or "victim",
        applies_to=data["applies_to"],
        reference=data.get("reference"),
        recovery_ground=data.get("recovery_ground"),
        note=data.get("note"),
        recorded_by_id=getattr(user, "id", None),
    )
    s.add(payment)
    s.flush()
    return payment


def statement(
    user: Any, claim_id: int, as_of: date, language: str = "ru"
) -> tuple[Claim, Decision, dict[str, Any]]:
    """What was due, paid and outstanding, with penalties, as of a date: the current decision's case file
    with the ledger's payments up to that date, computed by the engine."""
    s = db.session()
    claim = get_scoped(s, user, Claim, claim_id)
    decision = current_decision(s, claim.id)
    if decision is None:
        raise NotFound()
    case = case_as_of(decision, _payments_of(s, claim.id), as_of)
    return claim, decision, _calculate(case, language)


def _payments_of(s: orm.Session, claim_id: int) -> list[Payment]:
    """The claim's payments that count: a voided one is kept but paid nothing."""
    return list(
        s.scalars(sa.select(Payment).where(Payment.claim_id == claim_id, Payment.voided_at.is_(None)))
    )


def last_day(month: str) -> date:
    year, m = map(int, month.split("-"))
    return date(year, m, calendar.monthrange(year, m)[1])


# --- appeals (art. 258) and court rulings (art. 259) -------------------------------------------------------

#: What an inspectorate may decide differently from the employer: liability and the victim's fault.
APPEAL_CHANGES = (
    "source_of_increased_danger",
    "employer_fault",
    "force_majeure",
    "victim_intent",
    "victim_fault_percent",
)


def may_decide(user: Any, appeal: Appeal) -> bool:
    """An appeal is recorded and decided by the inspectorate it is addressed to (art. 258): an
    inspector by their own inspectorate's only; an administrator (no inspectorate) by any."""
    own = getattr(user, "inspectorate", None)
    return can(user, "decide_appeal") and (own is None or str(own) == str(appeal.inspectorate))


def _check_inspectorate(user: Any, inspectorate: str) -> None:
    """:raises DomainError: the user is an inspector of another inspectorate (naming ``inspectorate``)."""
    if inspectorate not in {str(i) for i in Inspectorate}:
        raise DomainError(_("Not an inspectorate."), field="inspectorate")
    own = getattr(user, "inspectorate", None)
    if own is not None and str(own) != inspectorate:
        raise DomainError(
            _(
                "The appeal is addressed to the %(addressed)s; it is recorded and decided there.",
                addressed=str(INSPECTORATE_LABELS[Inspectorate(inspectorate)]),
            ),
            field="inspectorate",
        )


def file_appeal(user: Any, claim_id: int, data: dict[str, Any]) -> Appeal:
    """Record the claimant's appeal to an inspectorate against a decision or a deemed refusal (art. 258)."""
    require(user, "decide_appeal")
    with db.transaction() as s:
        claim = get_scoped(s, user, Claim, claim_id)
        decision_id = data.get("decision_id")
        if decision_id is not None:
            decision = s.get(Decision, decision_id)
            if decision is None or decision.claim_id != claim.id or decision.status != DecisionStatus.ISSUED:
                raise DomainError(_("Appeal an issued decision of this claim."), field="decision_id")
        elif claim.status not in (ClaimStatus.DEEMED_REFUSED, ClaimStatus.REFUSED):
            raise DomainError(
                _("Without a decision, only a deemed refusal can be appealed (art. 257)."),
                field="decision_id",
            )
        not_future(data["filed_on"], "filed_on")
        not_before(data["filed_on"], claim.filed_on, "filed_on", _("the claim"))
        if decision_id is not None:
            not_before(data["filed_on"], decision.issued_on, "filed_on", _("the decision appealed"))
        inspectorate = data.get("inspectorate") or getattr(user, "inspectorate", None) or "state"
        _check_inspectorate(user, str(inspectorate))
        appeal = Appeal(
            claim_id=claim.id,
            employer_id=claim.employer_id,
            decision_id=decision_id,
            inspectorate=str(inspectorate),
            filed_on=data["filed_on"],
            grounds=data["grounds"],
        )
        s.add(appeal)
        before, after = workflow.move(claim, workflow.CLAIM, ClaimAction.APPEAL)
        audit.record(s, user, "create", appeal)
        audit.record(s, user, "transition", claim, before={"status": before}, after={"status": after})
        return appeal


def decide_appeal(user: Any, appeal_id: int, data: dict[str, Any]) -> Appeal:
    """The inspectorate's decision binds the employer (art. 258): granted, the claim is recomputed with the
    inspectorate's findings and a new decision supersedes the old one, effective from the start."""
    require(user, "decide_appeal")
    with db.transaction() as s:
        appeal = get_scoped(s, user, Appeal, appeal_id)
        _check_inspectorate(user, str(appeal.inspectorate))
        check_version(appeal, data.get("version"))
        appeal_before, appeal_after = workflow.move(appeal, workflow.APPEAL, AppealAction(data["status"]))
        status = AppealStatus(appeal_after)
        claim = s.get(Claim, appeal.claim_id)
        changes = {k: v for k, v in (data.get("changes") or {}).items() if k in APPEAL_CHANGES}
        before_claim = _claim_snapshot(claim)
        for name, value in changes.items():
            setattr(claim, name, Decimal(str(value)) if name == "victim_fault_percent" else bool(value))
        not_future(data.get("decided_on"), "decided_on")
        not_before(data.get("decided_on"), appeal.filed_on, "decided_on", _("the appeal"))
        appeal.decided_on = data.get("decided_on") or db.today_bishkek()
        appeal.decided_by_id = getattr(user, "id", None)
        appeal.reasoning = data.get("reasoning")
        appeal.changes = {k: str(v) if isinstance(v, Decimal) else v for k, v in changes.items()}
        if status is AppealStatus.DISMISSED:
            # The appealed decision stands: the award in force, or the refusal.
            stands = ClaimAction.DECIDE if current_decision(s, claim.id) else ClaimAction.REFUSE
            workflow.move(claim, workflow.CLAIM, stands)
        else:
            # Computed as of a day that keeps every installment the decision in force already lists:
            # never earlier than the day it was computed as of, nor than the inspectorate's decision.
            live = current_decision(s, claim.id)
            as_of = max(appeal.decided_on, live.calculation_date) if live else appeal.decided_on
            case = _case_for(s, claim, as_of)
            result = _calculate(case, RECORD_LANGUAGE)
            previous = _supersede(s, user, claim.id, _("Appeal No. %(id)s", id=appeal.id))
            decision = Decision(
                claim_id=claim.id,
                employer_id=claim.employer_id,
                sequence=_next_sequence(s, claim.id),
                kind=DecisionKind.AWARD,
                status=DecisionStatus.ISSUED,
                reason="appeal",
                effective_from=None,
                calculation_date=as_of,
                case_file=case,
                result=result,
                number=data.get("number") or f"A-{appeal.id}",
                issued_on=appeal.decided_on,
                issued_by_id=getattr(user, "id", None),
                supersedes_id=previous.id if previous else None,
            )
            decision.installments = _installments(decision)
            s.add(decision)
            s.flush()
            appeal.resulting_decision_id = decision.id
            workflow.move(claim, workflow.CLAIM, ClaimAction.DECIDE)
            audit.record(
                s,
                user,
                "create",
                decision,
                after={"kind": "award", "reason": "appeal", "totals": result["totals"]},
            )
        audit.record(
            s,
            user,
            "transition",
            appeal,
            before={"status": appeal_before},
            after={"status": appeal_after, "changes": appeal.changes},
        )
        audit.record(s, user, "update", claim, before=before_claim, after=_claim_snapshot(claim))
        return appeal


def record_court_ruling(user: Any, claim_id: int, data: dict[str, Any]) -> CourtRuling:
    """Record a court's ruling on the claim (art. 259) with the amounts it set."""
    if not (can(user, "issue_decision") or can(user, "decide_appeal")):
        raise Forbidden()
    with db.transaction() as s:
        claim = get_scoped(s, user, Claim, claim_id)
        not_future(data["ruled_on"], "ruled_on")
        not_before(data["ruled_on"], claim.filed_on, "ruled_on", _("the claim"))
        ruling = CourtRuling(
            claim_id=claim.id,
            employer_id=claim.employer_id,
            court=data["court"],
            case_number=data.get("case_number"),
            ruled_on=data["ruled_on"],
            summary=data["summary"],
            amounts={k: f"{Decimal(v):.2f}" for k, v in (data.get("amounts") or {}).items()},
        )
        s.add(ruling)
        audit.record(s, user, "create", ruling)
        return ruling


# --- scanned documents -------------------------------------------------------------------------------------

#: What a scan may be, told by its first bytes, never by the name or the browser's word for it.
SIGNATURES = {b"%PDF-": "application/pdf", b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}
OWNERS = {"claim": Claim, "finding": MsecFinding, "decision": Decision}


def _sniff(head: bytes) -> str | None:
    return next((kind for magic, kind in SIGNATURES.items() if head.startswith(magic)), None)


def may_attach(user: Any) -> bool:
    """Who keeps scans with the records: those who file claims, issue decisions or decide appeals."""
    return can(user, "file_claim") or can(user, "issue_decision") or can(user, "decide_appeal")


def attach(
    user: Any,
    owner_type: str,
    owner_id: int,
    title: str,
    filename: str,
    content: bytes,
    upload_folder: str,
    max_bytes: int,
) -> Attachment:
    """Keep a scanned document of a claim, finding or decision: type-checked, size-limited, stored
    outside the database under a name derived from its content, never from the user's file name."""
    if owner_type not in OWNERS:
        raise NotFound()
    if not may_attach(user):
        raise Forbidden()
    errors: dict[str, list[str]] = {}
    if not content:
        errors["file"] = [_("Choose a file.")]
    elif len(content) > max_bytes:
        errors["file"] = [_("The file is larger than %(mb)s MB.", mb=max_bytes // (1024 * 1024))]
    kind = _sniff(content[:16]) if content else None
    if content and kind is None:
        errors.setdefault("file", []).append(_("Only PDF, JPEG and PNG scans are accepted."))
    if not (title or "").strip():
        errors["title"] = [_("Name the document.")]
    with db.transaction() as s:
        owner = get_scoped(s, user, OWNERS[owner_type], owner_id)
        if errors:
            raise FormErrors(errors)
        digest = hashlib.sha256(content).hexdigest()
        stored_as = f"{owner.employer_id}/{digest}"
        path = Path(upload_folder) / stored_as
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            path.write_bytes(content)
        attachment = Attachment(
            employer_id=owner.employer_id,
            owner_type=owner_type,
            owner_id=owner.id,
            title=title.strip()[:200],
            filename=Path(filename or "scan").name[:200],
            content_type=str(kind),
            size=len(content),
            sha256=digest,
            stored_as=stored_as,
            uploaded_by_id=getattr(user, "id", None),
        )
        s.add(attachment)
        audit.record(s, user, "create", attachment)
        return attachment


def attachments_of(user: Any, owner_type: str, owner_id: int) -> list[Attachment]:
    s = db.session()
    if owner_type not in OWNERS:
        raise NotFound()
    get_scoped(s, user, OWNERS[owner_type], owner_id)
    return list(
        s.scalars(
            sa.select(Attachment)
            .where(Attachment.owner_type == owner_type, Attachment.owner_id == owner_id)
            .order_by(Attachment.id)
        )
    )


def attachment_file(user: Any, attachment_id: int, upload_folder: str) -> tuple[Attachment, Path]:
    """The document and where its bytes are, for a user in scope only (404 otherwise)."""
    attachment = get_scoped(db.session(), user, Attachment, attachment_id)
    path = Path(upload_folder) / attachment.stored_as
    if not path.is_file():
        raise NotFound()
    return attachment, path


# --- the state archive (art. 272) -------------------------------------------------------------------------

ARCHIVE_AFTER_YEARS = 2


def archive_due_query(user: Any, today: date | None = None) -> sa.Select[Any]:
    """Claims whose payments ended two years ago or more and that are not yet handed to the archive."""
    today = today or db.today_bishkek()
    try:
        cutoff = today.replace(year=today.year - ARCHIVE_AFTER_YEARS)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - ARCHIVE_AFTER_YEARS, day=28)
    last_payment = (
        sa.select(Payment.claim_id, sa.func.max(Payment.paid_on).label("last_paid_on"))
        .where(Payment.voided_at.is_(None))
        .group_by(Payment.claim_id)
        .subquery()
    )
    return (
        sa.select(Claim, last_payment.c.last_paid_on)
        .join(last_payment, last_payment.c.claim_id == Claim.id)
        .where(
            employer_scope(user, Claim.employer_id),
            last_payment.c.last_paid_on <= cutoff,
            Claim.status.in_([ClaimStatus.DECIDED, ClaimStatus.CLOSED]),
            ~sa.exists().where(ArchiveTransfer.claim_id == Claim.id),
        )
        .order_by(last_payment.c.last_paid_on, Claim.id)
    )


def _check_archive_day(s: orm.Session, claim: Claim, on: date) -> None:
    """Art. 272: a file goes to the archive once its payments ended, never while installments still run."""
    not_future(on, "transferred_on")
    last_paid = s.scalar(
        sa.select(sa.func.max(Payment.paid_on)).where(
            Payment.claim_id == claim.id, Payment.voided_at.is_(None)
        )
    )
    not_before(on, last_paid, "transferred_on", _("the last payment"))
    decision = current_decision(s, claim.id)
    if decision is None:
        return
    until = s.scalar(
        sa.select(sa.func.max(Installment.due_date)).where(Installment.decision_id == decision.id)
    )
    # The award runs as long as the finding it rests on: an open-ended one (бессрочно) never ends.
    periods = [entry.get("to") for entry in decision.case_file.get("msec_findings") or []]
    if None in periods:
        raise DomainError(
            _("The claim is still being paid: the award runs without an end date."), field="transferred_on"
        )
    for end in periods:
        until = max(until or date.min, date.fromisoformat(str(end)))
    if until is not None and until > on:
        raise DomainError(
            _("The claim is still being paid: the award runs until %(day)s.", day=formatting.day(until)),
            field="transferred_on",
        )


def record_archive_transfer(user: Any, claim_id: int, data: dict[str, Any]) -> ArchiveTransfer:
    """Record that the case file went to the state archive (art. 272); the claim is closed."""
    require(user, "issue_decision")
    with db.transaction() as s:
        claim = get_scoped(s, user, Claim, claim_id)
        if s.scalar(sa.select(ArchiveTransfer.id).where(ArchiveTransfer.claim_id == claim.id)):
            raise DomainError(_("This case file is already in the archive."), field="claim_id")
        _check_archive_day(s, claim, data["transferred_on"])
        transfer = ArchiveTransfer(
            claim_id=claim.id,
            employer_id=claim.employer_id,
            transferred_on=data["transferred_on"],
            archive=data["archive"],
            reference=data.get("reference"),
            recorded_by_id=getattr(user, "id", None),
        )
        s.add(transfer)
        before, after = workflow.move(claim, workflow.CLAIM, ClaimAction.ARCHIVE)
        audit.record(s, user, "transfer", transfer)
        audit.record(s, user, "transition", claim, before={"status": before}, after={"status": after})
        return transfer


# --- what every employer must pay in a month --------------------------------------------------------------


def open_awards(s: orm.Session) -> sa.Select[Any]:
    """The current issued award of every claim (the latest by sequence), with its employer."""
    latest = (
        sa.select(Decision.claim_id, sa.func.max(Decision.sequence).label("sequence"))
        .where(Decision.status == DecisionStatus.ISSUED, Decision.kind == DecisionKind.AWARD)
        .group_by(Decision.claim_id)
        .subquery()
    )
    return (
        sa.select(Decision, Employer)
        .join(latest, (latest.c.claim_id == Decision.claim_id) & (latest.c.sequence == Decision.sequence))
        .join(Employer, Employer.id == Decision.employer_id)
        .order_by(Employer.name, Decision.claim_id)
    )


def due_rows(
    s: orm.Session, awards: list[Any], month: str
) -> Iterator[tuple[Employer, Decision, dict[str, Any]]]:
    """(employer, decision, installment) for each award's installments due in ``month`` or outstanding;
    payments are read once for the whole batch of claims."""
    claim_ids = [decision.claim_id for decision, _employer in awards]
    payments: dict[int, list[Payment]] = {claim_id: [] for claim_id in claim_ids}
    for payment in s.scalars(
        sa.select(Payment)
        .where(Payment.claim_id.in_(claim_ids), Payment.voided_at.is_(None))
        .order_by(Payment.paid_on, Payment.id)
    ):
        payments[payment.claim_id].append(payment)
    for decision, employer in awards:
        for item in due_in_month(decision, payments[decision.claim_id], month):
            yield employer, decision, item


def due_in_month(decision: Decision, payments: list[Payment], month: str) -> list[dict[str, Any]]:
    """Installments of ``decision`` due in ``month`` or still outstanding at its end, by the engine."""
    as_of = last_day(month)
    result = compensation.calculate(case_as_of(decision, payments, as_of), trace=False)
    start = as_of.replace(day=1)
    return [
        i
        for i in result["installments"]
        if Decimal(i["outstanding"] or 0) > 0 or start <= date.fromisoformat(i["due_date"]) <= as_of
    ]


# --- what the ledger's pages read: each scoped, each query here, none in a view ----------------------------

#: A choice list stays a choice list: an officer sees their employer's victims, far fewer than this.
VICTIM_CHOICES = 1000


def find(user: Any, model: type[Any], record_id: int) -> Any:
    """:func:`get_scoped` in the request's session: the record, or 404 out of scope."""
    return get_scoped(db.session(), user, model, record_id)


def history(user: Any, entity: str, record_id: int) -> list[audit.AuditEntry] | None:
    """The record's audit trail for those who may read it (``view_history``); nothing for the others."""
    return audit.history(db.session(), entity, record_id) if can(user, "view_history") else None


def voided_since(claim: Claim) -> list[MsecFinding]:
    """The victim's findings voided after the decision in force was computed: it rests on a record
    struck out, and the next decision (computed without it) is due."""
    current = in_force(claim.id)
    if current is None:
        return []
    return list(
        db.session().scalars(
            sa.select(MsecFinding)
            .where(MsecFinding.victim_id == claim.victim_id, MsecFinding.voided_at > current.computed_at)
            .order_by(MsecFinding.id)
        )
    )


def claim_history(user: Any, claim_id: int) -> list[audit.AuditEntry] | None:
    """The claim's audit trail with its payments' (recorded, voided, corrected), in the order they
    happened, for those who may read it: the ledger has no page of its own per payment."""
    entries = history(user, "claim", claim_id)
    if entries is None:
        return None
    s = db.session()
    ids = s.scalars(sa.select(Payment.id).where(Payment.claim_id == claim_id)).all()
    if ids:
        entries += s.scalars(
            sa.select(audit.AuditEntry).where(
                audit.AuditEntry.entity == "payment", audit.AuditEntry.entity_id.in_(ids)
            )
        ).all()
    return sorted(entries, key=lambda e: (e.at, e.id))


def _approved_victims(user: Any) -> sa.Select[Any]:
    """Injured persons whose act N-1 is approved, of employers in the user's scope (art. 254: the act
    goes with the claim)."""
    return (
        sa.select(Victim, Act, Accident)
        .join(Act, Act.victim_id == Victim.id)
        .join(Accident, Accident.id == Victim.accident_id)
        .where(
            Act.status == Status.APPROVED,
            sa.or_(
                Act.work_related.is_(True),
                sa.and_(Act.kind == ActKind.OCCUPATIONAL_DISEASE, Act.work_related.is_not(False)),
            ),
            employer_scope(user, Accident.employer_id),
        )
    )


def approved_victims(user: Any) -> list[tuple[Victim, Act, Accident]]:
    """Whom a finding or a claim can be recorded for, by name."""
    stmt = _approved_victims(user).order_by(Victim.full_name, Victim.id).limit(VICTIM_CHOICES)
    return [(victim, act, accident) for victim, act, accident in db.session().execute(stmt)]


def approved_victim(user: Any, victim_id: int | None) -> Victim | None:
    """The victim a form is opened for; another employer's (or one without an approved act) is 404."""
    if victim_id is None:
        return None
    found = db.session().execute(_approved_victims(user).where(Victim.id == victim_id)).first()
    if found is None:
        raise NotFound()
    return found[0]


def findings_page(user: Any, filters: dict[str, Any]) -> db.Page[MsecFinding]:
    """A page of :func:`findings_query` (the API's and the list page's)."""
    return db.paginate(db.session(), findings_query(user, filters), filters["page"], filters["per_page"])


def claims_page(user: Any, filters: dict[str, Any]) -> db.Page[Claim]:
    """A page of :func:`claims_query` (the API's and the list page's)."""
    return db.paginate(db.session(), claims_query(user, filters), filters["page"], filters["per_page"])


#: A finding's chain of re-examinations is read this far either way (a guard against a cycle).
CHAIN_LIMIT = 100


def finding_file(user: Any, finding_id: int) -> dict[str, Any]:
    """The finding's page: the finding, the chain of findings before and after it (art. 265), the
    victim's claims, its scans and its history."""
    s = db.session()
    found = get_scoped(s, user, MsecFinding, finding_id)
    before: list[MsecFinding] = []
    node = found
    while node.previous_id is not None and len(before) < CHAIN_LIMIT:
        node = get_scoped(s, user, MsecFinding, node.previous_id)
        before.append(node)
    after: list[MsecFinding] = []
    node = found
    while len(after) < CHAIN_LIMIT:
        following = s.scalar(
            sa.select(MsecFinding)
            .where(MsecFinding.previous_id == node.id, employer_scope(user, MsecFinding.employer_id))
            .order_by(MsecFinding.valid_from)
            .limit(1)
        )
        if following is None:
            break
        after.append(following)
        node = following
    claims = s.scalars(
        sa.select(Claim)
        .where(Claim.victim_id == found.victim_id, employer_scope(user, Claim.employer_id))
        .order_by(Claim.filed_on)
    ).all()
    return {
        "finding": found,
        "chain": [*reversed(before), found, *after],
        "claims": claims,
        "attachments": attachments_of(user, "finding", found.id),
        "may_attach": may_attach(user),
        "history": history(user, "msec_finding", found.id),
    }


def deadline(claim: Claim, today: date) -> dict[str, Any]:
    """Art. 257: decided within ten days of the claim; undecided after that, it counts as refused."""
    undecided = claim.status in (ClaimStatus.FILED, ClaimStatus.DEEMED_REFUSED)
    days = (claim.decision_due_on - today).days
    if not undecided:
        state = "decided"
    elif days < 0:
        state = "overdue"
    elif days == 0:
        state = "due_today"
    else:
        state = "running"
    return {"due_on": claim.decision_due_on, "days": days, "state": state}


def documents_by_case_type() -> list[tuple[str, list[str]]]:
    """Every document art. 254 names, with the case types it belongs to."""
    codes: dict[str, list[str]] = {}
    for case_type, group in CLAIM_DOCUMENTS.items():
        for code in group:
            codes.setdefault(code, []).append(case_type)
    return list(codes.items())


def checklist(claim: Claim) -> list[tuple[str, ClaimDocument | None]]:
    """Art. 254's documents for the claim's case type, each with its record (None: never received),
    then any other document the claim has."""
    expected = CLAIM_DOCUMENTS.get(claim.case_type, ())
    received = {d.code: d for d in claim.documents}
    return [(code, received.get(code)) for code in expected] + [
        (d.code, d) for d in claim.documents if d.code not in expected
    ]


def recipients(claim: Claim) -> list[tuple[str, str]]:
    """Who is paid under the claim: the victim (injury) or each survivor (death, art. 249)."""
    if claim.case_type == "death":
        return [(s.key, f"{s.full_name} ({s.relation})") for s in claim.survivors]
    return [("victim", _("%(name)s (victim)", name=claim.victim.full_name))]


def decisions_of(claim_id: int) -> list[Decision]:
    """The claim's decisions, the latest first."""
    return list(
        db.session().scalars(
            sa.select(Decision).where(Decision.claim_id == claim_id).order_by(Decision.sequence.desc())
        )
    )


def superseded_by(decisions: Iterable[Decision]) -> dict[int, Decision]:
    """Each superseded decision's successor, by the superseded one's id."""
    return {d.supersedes_id: d for d in decisions if d.supersedes_id and d.status != DecisionStatus.DRAFT}


def issued_decisions(claim_id: int) -> list[Decision]:
    """What can be appealed besides a deemed refusal: the claim's issued decisions (art. 258)."""
    return [d for d in decisions_of(claim_id) if d.status == DecisionStatus.ISSUED]


def in_force(claim_id: int) -> Decision | None:
    """The claim's award in force, in the request's session."""
    return current_decision(db.session(), claim_id)


def next_reason(claim_id: int) -> str:
    """Why the next decision is made, unless the officer says otherwise: the first, or a re-examination."""
    return "initial" if in_force(claim_id) is None else "reexamination"


def payments_of(user: Any, claim_id: int) -> list[Payment]:
    """The claim's ledger in the order the payments were made."""
    s = db.session()
    get_scoped(s, user, Claim, claim_id)
    return list(
        s.scalars(
            sa.select(Payment).where(Payment.claim_id == claim_id).order_by(Payment.paid_on, Payment.id)
        )
    )


def appeals_of(user: Any, claim_id: int) -> list[Appeal]:
    s = db.session()
    get_scoped(s, user, Claim, claim_id)
    return list(
        s.scalars(sa.select(Appeal).where(Appeal.claim_id == claim_id).order_by(Appeal.filed_on, Appeal.id))
    )


def rulings_of(user: Any, claim_id: int) -> list[CourtRuling]:
    s = db.session()
    get_scoped(s, user, Claim, claim_id)
    return list(
        s.scalars(
            sa.select(CourtRuling).where(CourtRuling.claim_id == claim_id).order_by(CourtRuling.ruled_on)
        )
    )


def claim_file(user: Any, claim_id: int, today: date) -> dict[str, Any]:
    """The claim's page: facts, art. 254 documents, the art. 257 deadline, decisions, payments, appeals,
    court rulings, scans and history."""
    found = find(user, Claim, claim_id)
    decisions = decisions_of(found.id)
    listed = checklist(found)
    return {
        "claim": found,
        "checklist": listed,
        "missing": [code for code, doc in listed if doc is None or doc.received_on is None],
        "deadline": deadline(found, today),
        "decisions": decisions,
        "superseded_by": superseded_by(decisions),
        "current": in_force(found.id),
        "voided_since": voided_since(found),
        "has_draft": any(d.status == DecisionStatus.DRAFT for d in decisions),
        "payments": payments_of(user, found.id),
        "recipients": dict(recipients(found)),
        "appeals": appeals_of(user, found.id),
        "attachments": attachments_of(user, "claim", found.id),
        "rulings": rulings_of(user, found.id),
        "history": claim_history(user, found.id),
    }


def decision_file(user: Any, decision_id: int) -> dict[str, Any]:
    """The decision's page: the order, its claim, what superseded it, the awards per recipient."""
    decision = find(user, Decision, decision_id)
    claim = db.session().get(Claim, decision.claim_id)
    award = decision.kind == DecisionKind.AWARD
    return {
        "decision": decision,
        "claim": claim,
        "superseded_by": superseded_by(decisions_of(claim.id)).get(decision.id),
        "awards": documents.awards(decision.result) if award else {},
        "recipients": dict(recipients(claim)),
        "result": decision.result if award else None,
        "attachments": attachments_of(user, "decision", decision.id),
        "may_attach": may_attach(user),
        "history": history(user, "decision", decision.id),
    }


def order_of(user: Any, decision_id: int) -> tuple[Decision, Claim, Decision | None]:
    """What the printed order needs: the decision, its claim and the decision that superseded it."""
    decision = find(user, Decision, decision_id)
    claim = db.session().get(Claim, decision.claim_id)
    return decision, claim, superseded_by(decisions_of(claim.id)).get(decision.id)


def for_recipient(result: dict[str, Any], recipient: str | None) -> dict[str, Any]:
    """The engine's statement narrowed to one recipient's installments; the totals are their sums.

    Nothing is recomputed: each row is the engine's, and a total is the sum of the rows
    shown, as the contract defines totals. Payments are the claim's (the contract knows
    no recipient of a payment), allocated by the engine in due-date order (art. 269).
    """
    if not recipient:
        return result
    rows = [i for i in result.get("installments", []) if str(i["recipient"]) == recipient]
    totals = {
        key: f"{sum((Decimal(i[field]) for i in rows), Decimal('0.00')):.2f}"
        for key, field in (
            ("accrued", "amount"),
            ("paid", "paid"),
            ("outstanding", "outstanding"),
            ("penalty", "penalty"),
        )
    }
    return {**result, "installments": rows, "totals": totals}


def recipient_statement(
    user: Any, claim: Claim, as_of: date | None, recipient: str, language: str
) -> tuple[Decision | None, dict[str, Any] | None, dict[str, list[str]]]:
    """The statement page's figures: (the decision in force, the statement for ``recipient`` or for all,
    errors). Without a valid day (``as_of`` None), a known recipient or a decision, there is no statement."""
    errors: dict[str, list[str]] = {}
    if recipient and recipient not in dict(recipients(claim)):
        errors["recipient"] = [_("Not a recipient under this claim.")]
    decision = in_force(claim.id)
    if errors or as_of is None or decision is None:
        return decision, None, errors
    try:
        _claim, decision, result = statement(user, claim.id, as_of, language)
    except DomainError as exc:
        return decision, None, exc.errors
    return decision, for_recipient(result, recipient), errors


def appeals_page(
    user: Any, status: str | None, page_no: int, per_page: int
) -> tuple[db.Page[Appeal], dict[int, Claim]]:
    """Appeals in scope, undecided first (the inspectorate's decision binds the employer, art. 258),
    with their claims."""
    s = db.session()
    stmt = sa.select(Appeal).where(employer_scope(user, Appeal.employer_id))
    if status:
        stmt = stmt.where(Appeal.status == status)
    stmt = stmt.order_by((Appeal.status != "filed"), Appeal.filed_on.desc(), Appeal.id.desc())
    page = db.paginate(s, stmt, page_no, per_page)
    claims = {
        c.id: c for c in s.scalars(sa.select(Claim).where(Claim.id.in_({a.claim_id for a in page.items})))
    }
    return page, claims


def appeal_file(user: Any, appeal_id: int) -> dict[str, Any]:
    """The appeal's page: the appeal, its claim, the decision appealed and the one it produced."""
    s = db.session()
    appeal = get_scoped(s, user, Appeal, appeal_id)
    return {
        "appeal": appeal,
        "claim": s.get(Claim, appeal.claim_id),
        "appealed": s.get(Decision, appeal.decision_id) if appeal.decision_id else None,
        "resulting": s.get(Decision, appeal.resulting_decision_id) if appeal.resulting_decision_id else None,
        "history": history(user, "appeal", appeal.id),
        "may_decide": may_decide(user, appeal),
        "inspectorate": INSPECTORATE_LABELS.get(Inspectorate(appeal.inspectorate), appeal.inspectorate),
    }


def archive_page(user: Any, as_of: date, page_no: int, per_page: int) -> db.Page[Any]:
    """Case files due for the state archive by ``as_of``, with the day of their last payment."""
    return db.paginate(db.session(), archive_due_query(user, as_of), page_no, per_page, rows=True)


def _awards_in_scope(user: Any) -> sa.Select[Any]:
    s = db.session()
    return open_awards(s).where(employer_scope(user, Decision.employer_id))


def payments_due(
    user: Any, month: str, page_no: int, per_page: int, rows: bool = True
) -> tuple[db.Page[Any], list[tuple[Employer, Decision, dict[str, Any]]], dict[str, Decimal]]:
    """A page of the awards in scope with their rows due in ``month`` (art. 264; none if not ``rows``),
    and what each employer on the page has outstanding."""
    s = db.session()
    page = db.paginate(s, _awards_in_scope(user), page_no, per_page, rows=True)
    lines = list(due_rows(s, page.items, month)) if rows else []
    by_employer: dict[str, Decimal] = {}
    for employer, _decision, item in lines:
        owed = Decimal(item["outstanding"] or 0)  # a one-off with no amount set owes nothing yet
        by_employer[employer.name] = by_employer.get(employer.name, Decimal(0)) + owed
    return page, lines, by_employer


#: Claims whose payments are read in one query when every award is listed.
DUE_BATCH = 500


def due_in_scope(
    user: Any, month: str
) -> tuple[int, Iterator[tuple[int, list[tuple[Employer, Decision, dict[str, Any]]]]]]:
    """Every open award in scope (without a user: the whole country) with its rows due in ``month``:
    (how many awards, their batches as (awards in the batch, rows)). The payments of a batch of
    :data:`DUE_BATCH` awards are read in one query; the session and the awards are read now, the rows
    as the batches are asked for (a streamed response reads them after its view returned)."""
    s = db.session()
    awards = s.execute(open_awards(s) if user is None else _awards_in_scope(user)).all()

    def batches() -> Iterator[tuple[int, list[tuple[Employer, Decision, dict[str, Any]]]]]:
        for start in range(0, len(awards), DUE_BATCH):
            chunk = awards[start : start + DUE_BATCH]
            yield len(chunk), list(due_rows(s, chunk, month))

    return len(awards), batches()
