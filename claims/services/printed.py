"""The claim's printed documents, the same file through the pages and the API: the order (art. 257) and
the statement of what was due, paid and outstanding with the art. 269 penalties (PDF or XLSX).

``claims.documents`` and ``calculator.documents`` lay the figures out; this module finds the records in
the reader's scope, names the file and hands it over as a :class:`core.downloads.Download`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext as _

from calculator import documents as exports
from claims import documents
from claims.models import Claim, Decision, DecisionStatus
from claims.services.filing import recipients
from claims.services.pages import find, order_of, recipient_statement
from core.auth.permissions import can
from core.downloads import Download
from core.errors import Forbidden, FormErrors, NotFound
from core.formatting import day


def may_read_ledger(user: Any) -> bool:
    """The ledger is read by the employer's officers and by the inspectors who decide appeals (art. 258)."""
    return can(user, "file_claim") or can(user, "decide_appeal")


def _reader(user: Any) -> None:
    if not may_read_ledger(user):
        raise Forbidden()


def order_document(user: Any, decision_id: int, locale: str) -> Download:
    """The employer's order as handed to the claimant, in ``locale``; a draft prints as a draft."""
    _reader(user)
    decision, claim, later, reexamination = order_of(user, decision_id)
    body = documents.order_pdf(decision, claim, later, reexamination, locale)
    draft = "-draft" if decision.status == DecisionStatus.DRAFT else ""
    return Download(body, f"order-{claim.id}-{decision.sequence}{draft}.pdf")


def statement_document(
    claim: Claim, decision: Decision, result: dict[str, Any], as_of: str, recipient: str, fmt: str
) -> Download:
    """The statement as of ``as_of`` (ISO) for ``recipient`` (or everybody paid under the claim) as
    ``fmt`` (pdf or xlsx): the engine's figures ``result`` of the decision in force, laid out."""
    case = {**decision.case_file, "calculation_date": as_of}
    title = _("Statement of compensation under claim No. %(id)s as of %(date)s", id=claim.id, date=day(as_of))
    names = dict(recipients(claim))
    parties = documents.statement_parties(claim, decision, recipient)
    if fmt == "pdf":
        body = exports.statement_pdf(case, result, title, names, parties)
    else:
        body = exports.statement_xlsx(case, result, title, names, parties)
    suffix = f"-{recipient}" if recipient else ""
    return Download(body, f"statement-{claim.id}-{as_of}{suffix}.{fmt}")


def statement_file(
    user: Any, claim_id: int, as_of: date, recipient: str, fmt: str, language: str
) -> Download:
    """The statement's file for the API: refused (422) for a recipient the claim does not have, and not
    found (404) while the claim has no decision in force."""
    _reader(user)
    claim = find(user, Claim, claim_id)
    decision, result, errors = recipient_statement(user, claim, as_of, recipient, language)
    if errors:
        raise FormErrors(errors)
    if decision is None or result is None:
        raise NotFound(_("The claim has no decision in force, so no statement yet."))
    return statement_document(claim, decision, result, as_of.isoformat(), recipient, fmt)
