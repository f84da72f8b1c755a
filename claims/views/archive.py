"""The state archive (art. 272): the case files due two years after their last payment, and the hand-over."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from claims import schemas, services
from claims.models import Claim
from claims.views import bp
from claims.views.common import flash_refusal, page_no, per_page, today
from core.auth.permissions import requires
from core.errors import DomainError
from core.forms import load


@bp.route("/archive")
@login_required
@requires("issue_decision")
def archive() -> Any:
    """Case files due for the state archive: two years after the last payment (art. 272)."""
    try:  # "due by" a later day, to plan the year's hand-overs
        as_of = date.fromisoformat(request.args.get("as_of", "")) if request.args.get("as_of") else today()
    except ValueError:
        as_of = today()
    page = services.archive_page(current_user, as_of, page_no(), per_page())
    return render_template("claims/archive.html", rows=page.items, page=page, today=today(), as_of=as_of)


@bp.route("/claims/<int:claim_id>/archive-transfer", methods=["POST"])
@login_required
@requires("issue_decision")
def archive_transfer(claim_id: int) -> Any:
    """Record that the case file went to the state archive; the claim is closed."""
    found = services.find(current_user, Claim, claim_id)
    try:
        data = load(schemas.ArchiveTransferIn(), request.form.to_dict())
        services.record_archive_transfer(current_user, found.id, data)
    except DomainError as exc:
        flash_refusal(exc)
    else:
        flash(_("The case file is recorded as handed to the archive."), "success")
    return redirect(url_for("ledger.archive"))
