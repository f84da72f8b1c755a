"""The pages: an administrator's webhooks (register, disable, delete, the delivery log); the notices."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from claims.views.common import page_no
from core import forms
from core.auth.permissions import requires
from core.errors import DomainError
from jobs import notices, schemas, webhooks

bp = Blueprint("jobs", __name__)


def _list_page(values: dict[str, Any], errors: dict[str, list[str]], status: int = 200) -> Any:
    page = render_template(
        "jobs/webhooks.html",
        webhooks=webhooks.list_webhooks(),
        labels=schemas.EVENT_LABELS,
        values=values,
        errors=errors,
    )
    return page, status


@bp.route("/admin/webhooks", methods=["GET", "POST"])
@login_required
@requires("manage_users")
def webhooks_page() -> Any:
    """The webhooks, and the form registering one; the new secret is shown once, on the next page."""
    if request.method == "POST":
        values = {"url": request.form.get("url", ""), "events": request.form.getlist("events")}
        try:
            created = webhooks.create_webhook(current_user, forms.validate(schemas.WebhookIn(), request.form))
        except DomainError as exc:
            return _list_page(values, exc.errors, exc.status)
        page = render_template("jobs/webhook_created.html", webhook=created, labels=schemas.EVENT_LABELS)
        return page, 201
    return _list_page({"events": []}, {})


@bp.route("/admin/webhooks/<int:webhook_id>")
@login_required
@requires("manage_users")
def webhook(webhook_id: int) -> Any:
    """A webhook and its delivery log."""
    return render_template(
        "jobs/webhook.html",
        webhook=webhooks.get_webhook(webhook_id),
        attempts=webhooks.attempts_page(webhook_id, page_no()),
        labels=schemas.EVENT_LABELS,
    )


@bp.route("/admin/webhooks/<int:webhook_id>/active", methods=["POST"])
@login_required
@requires("manage_users")
def webhook_active(webhook_id: int) -> Any:
    active = request.form.get("active") == "1"
    webhooks.update_webhook(current_user, webhook_id, {"active": active})
    flash(_("The webhook was enabled.") if active else _("The webhook was disabled."), "success")
    return redirect(url_for("jobs.webhook", webhook_id=webhook_id))


@bp.route("/admin/webhooks/<int:webhook_id>/delete", methods=["POST"])
@login_required
@requires("manage_users")
def webhook_delete(webhook_id: int) -> Any:
    webhooks.delete_webhook(current_user, webhook_id)
    flash(_("The webhook was deleted; its delivery log is kept."), "success")
    return redirect(url_for("jobs.webhooks_page"))


@bp.route("/notices")
@login_required
def notices_page() -> Any:
    """Deadlines near or past and deemed refusals, found by the daily jobs, of the records in your scope."""
    return render_template("jobs/notices.html", notices=notices.notices_page(current_user, page_no()))
