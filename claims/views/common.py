"""What the ledger's pages share: the labels of its codes, who may read it, the query string's
paging and ids, the choice of injured person, and the scans kept with a record."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from typing import Any

import marshmallow as ma
from flask import abort, current_app, flash, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from accidents.classifiers import SEX_LABELS
from claims import services, uploads
from claims.models import Claim
from claims.views import bp
from claims.workflow import (
    APPEAL_STATUS_LABELS,
    CLAIM_STATUS_LABELS,
    DECISION_KIND_LABELS,
    DECISION_STATUS_LABELS,
)
from core import db, labels
from core.errors import DomainError, FormErrors
from core.fields import INT_MAX
from core.formatting import day
from core.forms import load
from core.labels import per_language

# --- what the codes are called (the HTML layer's labels) --------------------------------------------------

DOCUMENT_LABELS = {
    "application": _l("Application for compensation"),
    "act_n1": _l("Act N-1 on the accident"),
    "msec_finding": _l("MSEC finding on the loss of capacity (art. 254, item 1)"),
    "earnings_certificate": _l("Certificate of earnings (art. 236)"),
    "medical_needs": _l("Finding on the need for rehabilitation (art. 254, item 2)"),
    "death_certificate": _l("Copy of the death certificate (art. 254, item 3)"),
    "dependants_certificate": _l("Certificate of the family and dependants (art. 254, item 4)"),
    "relationship_proof": _l("Birth certificates and proof of relationship (art. 254, item 5)"),
}
REASON_LABELS = {
    "initial": _l("first decision on the claim"),
    "reexamination": _l("re-examination by the MSEC (art. 265)"),
    "survivor_right_ended": _l("a survivor's right ended (art. 251)"),
    "posthumous_child": _l("a child born after the death (art. 251)"),
    "parameters_rise": _l("rise of the minimum wage or indexation (art. 234)"),
    "appeal": _l("decision on an appeal (art. 258)"),
    "court": _l("court ruling (art. 259)"),
}
#: What a payment of the ledger pays: the engine's two kinds of installment, or the art. 269 penalties.
PAYMENT_APPLIES_TO_LABELS = {
    **labels.APPLIES_TO_LABELS,
    "penalty": _l("penalties for late payment (art. 269)"),
}

RECOVERY_LABELS = {
    "bad_faith": _l("false documents or information of the recipient (art. 270)"),
    "counting_error": _l("counting error (art. 270)"),
}
REHABILITATION_LABELS = {
    "prosthetics": _l("prosthetics"),
    "sanatorium": _l("sanatorium treatment"),
    "transport": _l("special transport"),
    "medicines": _l("medicines"),
    "vocational": _l("vocational retraining"),
    "medical": _l("medical rehabilitation"),
}


@bp.app_template_global("ledger_labels")
@per_language
def ledger_labels(language: str) -> dict[str, Any]:
    """The ledger's labels as plain strings in the user's language, built once per process and
    language: a list prints a label or two a row, and a lazy string looks its message up each time."""
    plain = {
        "document": DOCUMENT_LABELS,
        "claim_status": CLAIM_STATUS_LABELS,
        "decision_status": DECISION_STATUS_LABELS,
        "decision_kind": DECISION_KIND_LABELS,
        "reason": REASON_LABELS,
        "recovery": RECOVERY_LABELS,
        "rehabilitation": REHABILITATION_LABELS,
        "appeal_status": APPEAL_STATUS_LABELS,
        "sex": SEX_LABELS,
        "case_type": labels.CASE_TYPE_LABELS,
        "ground": labels.GROUND_LABELS,
        "applies_to": PAYMENT_APPLIES_TO_LABELS,
        "component": labels.component,
    }
    return {k: labels.translated(v, language) if isinstance(v, dict) else v for k, v in plain.items()}


@bp.app_template_global()
def claim_deadline(claim: Claim) -> dict[str, Any]:
    """Art. 257's deadline of a claim as of today, for the lists."""
    return services.deadline(claim, today())


# --- the request ------------------------------------------------------------------------------------------


def today() -> date:
    return db.today_bishkek()


def small_int(raw: str) -> int | None:
    """ASCII digits that fit a 32-bit column, else None (never another script's digits, nor 5,000 of them)."""
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 10 and int(raw) <= INT_MAX else None


def page_no() -> int:
    return small_int(request.args.get("page", "1")) or 1


def per_page() -> int:
    return int(current_app.config.get("PAGE_SIZE", 25))


def int_arg(name: str) -> int | None:
    """A record id from the query string; anything else (or beyond 32 bits) is no id."""
    return small_int(request.args.get(name, ""))


def reader(view: Callable[..., Any]) -> Callable[..., Any]:
    """The ledger is read by the employer's officers and by the inspectors who decide appeals (art. 258)."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not services.may_read_ledger(current_user):
            abort(403)
        return view(*args, **kwargs)

    return wrapper


def listing(template: str, schema: ma.Schema, pages: Callable[[Any, dict[str, Any]], db.Page[Any]]) -> Any:
    """A list filtered by the query string (the API's schema loads it): its page, or 422 with the errors."""
    values = {k: v for k, v in request.args.items() if v.strip()}
    errors: dict[str, list[str]] = {}
    page = None
    try:
        filters = load(schema, {"per_page": per_page(), **values})
    except FormErrors as exc:
        errors = exc.errors
    else:
        page = pages(current_user, filters)
    return render_template(template, page=page, values=values, errors=errors, today=today()), (
        422 if errors else 200
    )


def victim_choices() -> list[tuple[int, str]]:
    """The choice of injured person on the finding and claim forms."""
    return [
        (
            victim.id,
            _(
                "%(name)s — accident of %(date)s, act No. %(act)s",
                name=victim.full_name,
                date=day(accident.occurred_at.date()),
                act=act.id,
            ),
        )
        for victim, act, accident in services.approved_victims(current_user)
    ]


def flash_refusal(exc: DomainError) -> None:
    """A refused form posted from a record's page is said in a flash; the page is shown again."""
    flash(" ".join(m for messages in exc.errors.values() for m in messages), "error")


def upload(owner_type: str, owner_id: int, done: str) -> None:
    """Keep the posted scan with the record; a refused file is said in a flash."""
    try:
        uploads.attach_posted(owner_type, owner_id)
    except DomainError as exc:
        flash_refusal(exc)
    else:
        flash(done, "success")
