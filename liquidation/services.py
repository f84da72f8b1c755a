"""Use cases of liquidation (art. 255): capitalise the open awards, hand them to the Social Fund or to the
successor, and the Fund's payments after. One transaction each, scoped, audited; every sum from the engine.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy import orm

from claims.models import Capitalisation, Claim, Decision, FundPayment, FundTransfer, MsecFinding
from claims.services.common import RECORD_LANGUAGE, _payments_of, get_scoped, not_before, not_future
from claims.services.decisions import _calculate, case_as_of, tables_of_decision
from claims.services.due import open_awards
from compensation.law import cited
from core import audit, db, formatting
from core.auth.permissions import employer_scope, in_scope
from core.classifiers import EmployerStatus
from core.downloads import Download
from core.employers import Employer
from core.errors import DomainError, NotFound
from core.services import check_version, require
from liquidation import documents

#: The capitalisation method of every record until the Government's procedure is found (facts §3, §8).
CAPITALISATION_METHOD = "simple_70_min10"


def _liquidating(s: orm.Session, user: Any, employer_id: int) -> Employer:
    employer = s.get(Employer, employer_id)
    if employer is None or not in_scope(user, employer):
        raise NotFound()
    if employer.status not in (EmployerStatus.IN_LIQUIDATION, EmployerStatus.LIQUIDATED):
        raise DomainError(
            _("Only an employer being liquidated capitalises its payments (art. 255)."), field="employer_id"
        )
    return employer


#: The articles of capitalisation on liquidation in each regime.
CAPITALISATION_ARTICLES = {("LC-2004", "255"), ("CC", "1021")}


def _cites_capitalisation(article: str) -> bool:
    """A trace step of the capitalisation itself: art. 255 of the 2004 Code, or the Civil Code's
    art. 1021 under the 2025 Code (contract v2 §2)."""
    return any((c.code, c.number) in CAPITALISATION_ARTICLES for c in cited(article))


def capitalise(user: Any, employer_id: int, on: date) -> list[Capitalisation]:
    """Art. 255: an employer liquidated without a successor capitalises every open award as of ``on``.

    Each recipient's sum comes from the engine (the case file of the current decision, the
    ledger's payments, and the ``capitalisation`` section), frozen with its method, parameters
    and trace; arrears at ``on`` are recorded beside it for the liquidation commission.
    """
    require(user, "issue_decision")
    with db.transaction() as s:
        made = _capitalisations(s, user, employer_id, on)
        for record in made:
            s.add(record)
            audit.record(s, user, "create", record)
        return made


def capitalisation_preview(user: Any, employer_id: int, on: date) -> dict[str, Any]:
    """What :func:`capitalise` would fix as of ``on``, computed and checked the same way, nothing
    written: each recipient's sum (with the recipient's name) and the total, for the page to show and
    ask for confirmation before the irreversible write (issue 14)."""
    require(user, "issue_decision")
    s = db.session()
    records = _capitalisations(s, user, employer_id, on)
    names = {
        claim_id: claim.recipient_names()
        for claim_id, claim in claims_by_id(r.claim_id for r in records).items()
    }
    return {
        "on": on,
        "lines": [
            {
                "record": record,
                "recipient": names[record.claim_id].get(record.recipient, record.recipient),
                "until": (record.details or {}).get("until"),
            }
            for record in records
        ],
        "total": sum((record.amount for record in records), Decimal("0.00")),
    }


def _capitalisations(s: orm.Session, user: Any, employer_id: int, on: date) -> list[Capitalisation]:
    """The capitalised sums of the employer's open awards not capitalised yet, as of ``on`` (not added)."""
    employer = _liquidating(s, user, employer_id)
    if employer.successor_id is not None:
        raise DomainError(
            _("With a successor the awards pass to it; nothing is capitalised."), field="successor_id"
        )
    not_before(on, employer.liquidation_started_on, "on", _("the start of the liquidation"))
    made: list[Capitalisation] = []
    for decision, _employer in s.execute(_open_awards_of(s, employer.id)).all():
        if s.scalar(sa.select(Capitalisation.id).where(Capitalisation.claim_id == decision.claim_id)):
            continue  # capitalised already: a second run must not double the sums
        claim = s.get(Claim, decision.claim_id)
        case = case_as_of(decision, _payments_of(s, claim.id), on)
        case["capitalisation"] = {"date": on.isoformat(), "method": CAPITALISATION_METHOD}
        if claim.case_type == "injury":
            case["capitalisation"]["victim_birth_date"] = claim.victim.birth_date.isoformat()
        tables = tables_of_decision(decision, s)
        result = _calculate(case, RECORD_LANGUAGE, tables)
        section = result.get("capitalisation") or {}
        steps = _capitalisation_steps(result)
        # The same trace in Kyrgyz, frozen beside the Russian one, for readers of either language.
        traces = {RECORD_LANGUAGE: steps, "ky": _capitalisation_steps(_calculate(case, "ky", tables))}
        for line in section.get("recipients", []):
            own = [i for i in result["installments"] if str(i["recipient"]) == str(line["recipient"])]
            made.append(
                Capitalisation(
                    claim_id=claim.id,
                    employer_id=employer.id,
                    decision_id=decision.id,
                    recipient=str(line["recipient"]),
                    computed_on=on,
                    monthly_award=Decimal(line["monthly"]),
                    months=int(line["months"]),
                    amount=Decimal(line["amount"]),
                    method=section["method"],
                    details={
                        "until": line.get("until"),
                        "parameters": section.get("parameters", {}),
                        # This recipient's own arrears and penalties at the date (not the whole claim's).
                        "arrears": f"{sum(Decimal(i['outstanding'] or 0) for i in own):.2f}",
                        "penalty": f"{sum(Decimal(i['penalty']) for i in own):.2f}",
                        "trace": steps,
                        "traces": traces,
                    },
                )
            )
    return made


def _open_awards_of(s: orm.Session, employer_id: int) -> sa.Select[Any]:
    """The current awards of one employer's claims (see :func:`open_awards`)."""
    return open_awards(s).where(Decision.employer_id == employer_id)


def transfer_to_successor(user: Any, employer_id: int) -> int:
    """Art. 255: on reorganisation the successor takes the awards over; the records move to its scope."""
    require(user, "manage_employers")
    with db.transaction() as s:
        employer = _liquidating(s, user, employer_id)
        if employer.successor_id is None:
            raise DomainError(_("Name the successor on the employer first."), field="successor_id")
        moved = 0
        for model in (Claim, MsecFinding):
            for record in s.scalars(sa.select(model).where(model.employer_id == employer.id)):
                before = {"employer_id": record.employer_id}
                record.employer_id = employer.successor_id
                audit.record(
                    s, user, "transfer", record, before=before, after={"employer_id": employer.successor_id}
                )
                moved += model is Claim
        return moved


def record_transfer(user: Any, capitalisation_id: int, data: dict[str, Any]) -> Capitalisation:
    """A transfer of the capitalised sum into the Social Fund (art. 255): its day, its amount (all that is
    not transferred yet when none is given) and reference; a partial transfer leaves the rest to a later
    one. Or, ``not_made``, the rest never will be: the state budget covers it.

    The sum counts as transferred once the transfers add up to it; more than is left is refused."""
    require(user, "issue_decision")
    with db.transaction() as s:
        record = get_scoped(s, user, Capitalisation, capitalisation_id)
        check_version(record, data.get("version"))
        if record.transferred_on is not None or record.not_made:
            raise DomainError(_("The transfer is recorded already."), field="transferred_on")
        before = {**audit.snapshot(record, TRANSFER_FIELDS), "transferred": f"{record.transferred:.2f}"}
        if data.get("not_made"):
            record.not_made = True  # the state budget covers the payments; the claim goes to the Fund
        else:
            _new_transfer(s, user, record, data)
        audit.record(
            s,
            user,
            "transfer",
            record,
            before=before,
            after={**audit.snapshot(record, TRANSFER_FIELDS), "transferred": f"{record.transferred:.2f}"},
        )
        return record


#: What the audit log records of a capitalised sum's transfer.
TRANSFER_FIELDS = ["transferred_on", "transfer_reference", "not_made"]


def _new_transfer(s: orm.Session, user: Any, record: Capitalisation, data: dict[str, Any]) -> FundTransfer:
    """One transfer of ``record`` (checked against what is left to transfer); the last one completes it."""
    not_future(data["transferred_on"], "transferred_on")
    if record.transfers:
        last = record.transfers[-1].transferred_on
        not_before(data["transferred_on"], last, "transferred_on", _("the last transfer"))
    left = record.amount - record.transferred
    amount = data.get("amount") or left
    if amount > left:
        raise DomainError(
            _(
                "More than the %(left)s of the capitalised sum not yet transferred.",
                left=formatting.money(left),
            ),
            field="amount",
        )
    transfer = FundTransfer(
        capitalisation_id=record.id,
        transferred_on=data["transferred_on"],
        amount=amount,
        reference=data.get("reference"),
        recorded_by_id=getattr(user, "id", None),
    )
    s.add(transfer)
    s.flush()
    s.expire(record, ["transfers"])
    record.transfer_reference = data.get("reference")
    orm.attributes.flag_modified(record, "transfer_reference")  # a new version: a stale form is refused
    if amount == left:
        record.transferred_on = data["transferred_on"]
    return transfer


def transfer_lines(record: Capitalisation) -> list[dict[str, Any]]:
    """The transfers of a capitalised sum, each with what was still not transferred after it."""
    left = record.amount
    lines = []
    for transfer in record.transfers:
        left -= transfer.amount
        lines.append({"transfer": transfer, "left": left})
    return lines


def fund_balances(user: Any, filters: dict[str, Any]) -> sa.Select[Any]:
    """Capitalised cases in scope with what the Fund received, paid out and still holds, summed in SQL."""
    paid = (
        sa.select(FundPayment.capitalisation_id, sa.func.sum(FundPayment.amount).label("paid"))
        .group_by(FundPayment.capitalisation_id)
        .subquery()
    )
    transferred = (
        sa.select(FundTransfer.capitalisation_id, sa.func.sum(FundTransfer.amount).label("transferred"))
        .group_by(FundTransfer.capitalisation_id)
        .subquery()
    )
    # What was transferred, transfer by transfer; a sum not transferred is covered by the state budget
    # (art. 255): the Fund holds all of it all the same.
    received = sa.case(
        (Capitalisation.not_made.is_(True), Capitalisation.amount),
        else_=sa.func.coalesce(transferred.c.transferred, 0),
    )
    stmt = (
        sa.select(
            Capitalisation,
            Employer.name.label("employer"),
            received.label("received"),
            sa.func.coalesce(paid.c.paid, 0).label("paid"),
        )
        .join(Employer, Employer.id == Capitalisation.employer_id)
        .outerjoin(paid, paid.c.capitalisation_id == Capitalisation.id)
        .outerjoin(transferred, transferred.c.capitalisation_id == Capitalisation.id)
        .where(employer_scope(user, Capitalisation.employer_id))
        .order_by(Employer.name, Capitalisation.claim_id, Capitalisation.recipient)
    )
    if filters.get("not_made"):
        stmt = stmt.where(Capitalisation.not_made.is_(True))
    return stmt


def record_fund_payment(user: Any, capitalisation_id: int, data: dict[str, Any]) -> FundPayment:
    """A payment the Social Fund made from a capitalised sum; it never exceeds what the Fund holds."""
    require(user, "record_fund_payment")
    with db.transaction() as s:
        record = get_scoped(s, user, Capitalisation, capitalisation_id)
        if not record.transfers and not record.not_made:
            raise DomainError(
                _("The Fund pays once the sum is transferred (or the transfer was not made)."),
                field="capitalisation_id",
            )
        not_future(data["paid_on"], "paid_on")
        first = record.transfers[0].transferred_on if record.transfers else None
        not_before(data["paid_on"], first, "paid_on", _("the transfer to the Fund"))
        paid = s.scalar(
            sa.select(sa.func.coalesce(sa.func.sum(FundPayment.amount), 0)).where(
                FundPayment.capitalisation_id == record.id
            )
        ) or Decimal(0)
        # The Fund pays out of what it holds: the whole sum when the transfer was not made, else what came.
        held = record.amount if record.not_made else record.transferred
        if Decimal(paid) + data["amount"] > held:
            raise DomainError(
                _(
                    "More than the capitalised balance of %(left)s.",
                    left=f"{held - Decimal(paid):.2f}",
                ),
                field="amount",
            )
        payment = FundPayment(
            capitalisation_id=record.id,
            paid_on=data["paid_on"],
            amount=data["amount"],
            reference=data.get("reference"),
            recorded_by_id=getattr(user, "id", None),
        )
        s.add(payment)
        audit.record(s, user, "create", payment)
        return payment


# --- what the pages and documents read ------------------------------------------------------------------


#: The employers art. 255 speaks of: being liquidated, or liquidated already.
LIQUIDATING = (EmployerStatus.IN_LIQUIDATION, EmployerStatus.LIQUIDATED)


def employer_in_scope(user: Any, employer_id: int) -> Employer:
    """The employer, if the user's scope includes it; otherwise not found, like a missing one."""
    employer = db.session().get(Employer, employer_id)
    if employer is None or not in_scope(user, employer):
        raise NotFound()
    return employer


def capitalisation(user: Any, capitalisation_id: int) -> Capitalisation:
    """One capitalised sum within the user's scope (404 otherwise)."""
    return get_scoped(db.session(), user, Capitalisation, capitalisation_id)


def claims_by_id(ids: Iterable[int]) -> dict[int, Claim]:
    """The claims behind capitalised sums, with their victims and survivors (for the recipients' names)."""
    ids = set(ids)
    if not ids:
        return {}
    stmt = (
        sa.select(Claim)
        .where(Claim.id.in_(ids))
        .options(orm.joinedload(Claim.victim), orm.selectinload(Claim.survivors))
    )
    return {claim.id: claim for claim in db.session().scalars(stmt)}


def fund_payments(capitalisation_id: int) -> list[FundPayment]:
    """The Fund's payments out of one capitalised sum, in order."""
    return list(
        db.session().scalars(
            sa.select(FundPayment)
            .where(FundPayment.capitalisation_id == capitalisation_id)
            .order_by(FundPayment.paid_on, FundPayment.id)
        )
    )


def balance_page(user: Any, filters: dict[str, Any]) -> tuple[db.Page[Any], dict[int, dict[str, str]]]:
    """A page of capitalised cases with what the Fund holds, and each claim's recipients by name."""
    page = db.paginate(
        db.session(), fund_balances(user, filters), filters["page"], filters["per_page"], rows=True
    )
    claims = claims_by_id(row[0].claim_id for row in page.items)
    return page, {claim_id: claim.recipient_names() for claim_id, claim in claims.items()}


def capitalisation_detail(user: Any, record: Capitalisation) -> dict[str, Any]:
    """One capitalised sum as its page shows it: the Fund's receipts, payments and balance, the recipient."""
    row = db.session().execute(fund_balances(user, {}).where(Capitalisation.id == record.id)).one()
    received, paid = Decimal(row.received), Decimal(row.paid)
    claim = claims_by_id([record.claim_id])[record.claim_id]
    return {
        "employer": row.employer,
        "claim": claim,
        "recipient": claim.recipient_names().get(record.recipient, record.recipient),
        "received": received,
        "paid": paid,
        "balance": received - paid,
        "payments": fund_payments(record.id),
        "payable": bool(record.transfers) or record.not_made,
        "transfers": transfer_lines(record),
    }


def _capitalisation_steps(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The trace's steps of the capitalisation (LC-2004 art. 255, CC art. 1021), in the result's language."""
    return [step for step in result.get("trace", []) if _cites_capitalisation(str(step.get("article")))]


def capitalisation_trace(details: dict[str, Any], language: str) -> list[dict[str, Any]]:
    """A capitalisation's frozen trace in ``language`` (Russian and Kyrgyz are kept), else in Russian."""
    return (details.get("traces") or {}).get(language) or details.get("trace") or []


def statement(user: Any, employer: Employer, language: str = RECORD_LANGUAGE) -> dict[str, Any]:
    """The employer's capitalised sums per recipient, with the claim's arrears and penalty at that date.

    The arrears and penalty the service froze in ``details`` are the claim's (every recipient
    of a claim carries the same figures), so they are shown once per claim and summed per claim.
    """
    s = db.session()
    stmt = fund_balances(user, {}).where(Capitalisation.employer_id == employer.id)
    rows = s.execute(stmt.order_by(None).order_by(Capitalisation.claim_id, Capitalisation.id)).all()
    claims = claims_by_id(record.claim_id for record, *_rest in rows)
    lines: list[dict[str, Any]] = []
    seen: set[int] = set()
    total = arrears = penalty = Decimal("0.00")
    for record, _employer_name, received, paid in rows:
        details = record.details or {}
        first = record.claim_id not in seen
        seen.add(record.claim_id)
        claim_arrears = Decimal(str(details.get("arrears") or "0")) if first else None
        claim_penalty = Decimal(str(details.get("penalty") or "0")) if first else None
        total += record.amount
        arrears += claim_arrears or 0
        penalty += claim_penalty or 0
        lines.append(
            {
                "record": record,
                "recipient": claims[record.claim_id]
                .recipient_names()
                .get(record.recipient, record.recipient),
                "until": details.get("until"),
                "arrears": claim_arrears,
                "penalty": claim_penalty,
                "parameters": details.get("parameters") or {},
                "trace": capitalisation_trace(details, language),
                "received": Decimal(received),
                "paid": Decimal(paid),
                "transfers": transfer_lines(record),
                "not_transferred": record.amount - record.transferred,
            }
        )
    return {
        "lines": lines,
        "total": total,
        "arrears": arrears,
        "penalty": penalty,
        "dates": sorted({line["record"].computed_on for line in lines}),
    }


def awards_of(employer: Employer) -> list[dict[str, Any]]:
    """The employer's claims with an issued award (the current one), and whether each is capitalised.

    The same awards :func:`capitalise` takes; a claim that passed to a successor is not
    the liquidated employer's any more.
    """
    s = db.session()
    stmt = (
        open_awards(s)
        .add_columns(Claim)
        .join(Claim, Claim.id == Decision.claim_id)
        .where(Decision.employer_id == employer.id, Claim.employer_id == employer.id)
    )
    rows = s.execute(stmt).all()
    capitalised = set(
        s.scalars(
            sa.select(Capitalisation.claim_id).where(
                Capitalisation.claim_id.in_([claim.id for _d, _e, claim in rows])
            )
        )
    )
    return [
        {"decision": decision, "claim": claim, "capitalised": claim.id in capitalised}
        for decision, _employer, claim in rows
    ]


def statement_document(user: Any, employer_id: int, fmt: str, language: str) -> Download:
    """The capitalisation statement for the liquidation commission as ``fmt`` (pdf or xlsx), in
    ``language`` (its trace too): the same file from the employer's liquidation page and the API."""
    employer = employer_in_scope(user, employer_id)
    found = statement(user, employer, language)
    if fmt == "pdf":
        body = documents.statement_pdf(employer, found, language)
    else:
        body = documents.statement_xlsx(employer, found)
    return Download(body, f"capitalisation-{employer.inn}.{fmt}")
