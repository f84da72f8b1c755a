"""The home page, security headers and template helpers shared by every page."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from flask import Blueprint, Flask, current_app, render_template, request
from flask_babel import format_datetime, get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from core import db
from core.audit import ACTION_LABELS, FIELD_LABELS, VALUE_LABELS
from core.auth.permissions import can
from core.classifiers import (
    EMPLOYER_STATUS_LABELS,
    INSPECTORATE_LABELS,
    REGION_LABELS,
    ROLE_LABELS,
    SECTOR_LABELS,
)
from core.errors import OUTAGE_RETRY_AFTER, database_down
from core.formatting import as_date, file_size, money, month_name, number, readable

bp = Blueprint("core", __name__)

#: Documents a response may carry: never stored by any cache, whatever route sends them.
DOCUMENT_TYPES = frozenset(
    {
        "application/pdf",
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.ms-excel",
        "application/octet-stream",
    }
)


def add_nav(app: Flask, capability: str | tuple[str, ...] | None, endpoint: str, label: Any) -> None:
    """A feature package adds its entry to the top navigation, shown to roles with ``capability``
    (or any of several)."""
    app.extensions.setdefault("emgek.nav", []).append((capability, endpoint, label))


def add_home(app: Flask, work: Any) -> None:
    """A feature package gives the home page its work queue: ``work(user)`` returns the template's
    ``queues`` and ``summary`` (core imports no feature; reports/register.py wires reports/queues.py)."""
    app.extensions["emgek.home"] = work


@bp.route("/")
@login_required
def index() -> Any:
    """Each role's home page is its work queue (issue 10, view 10), then the tiles of its pages."""
    work = current_app.extensions.get("emgek.home")
    queues = work(current_user) if work else {"queues": [], "summary": []}
    return render_template("core/index.html", tiles=_nav(), **queues)


def _nav() -> list[tuple[Any, str, Any]]:
    items = current_app.extensions.get("emgek.nav", [])
    return [item for item in items if item[0] is None or _may(item[0])]


def _may(capability: str | tuple[str, ...]) -> bool:
    wanted = (capability,) if isinstance(capability, str) else capability
    return any(can(current_user, c) for c in wanted)


@bp.route("/healthz")
def healthz() -> Any:
    """Liveness: the process answers. It never reads the database, so an outage restarts nothing."""
    return {"status": "ok"}


def _migration_heads() -> set[str]:
    """The revisions the code's migrations end at (read once: they change only with a new release)."""
    heads = current_app.extensions.get("emgek.migration_heads")
    if heads is None:
        from alembic.script import ScriptDirectory

        from core.cli import alembic_config

        heads = current_app.extensions["emgek.migration_heads"] = set(
            ScriptDirectory.from_config(alembic_config()).get_heads()
        )
    return heads


@bp.route("/health")
@bp.route("/readyz")
def health() -> Any:
    """Readiness, for load balancers: the database answers and its schema is the one this code expects
    (Alembic's head is the database's revision). 503 otherwise: take this worker out of rotation until
    the database is back or ``flask db upgrade`` has run. ``/readyz`` is the same check; ``/healthz``
    is liveness only (the process answers; it never reads the database)."""
    from alembic.migration import MigrationContext

    heads = _migration_heads()
    try:
        with db.engine().connect() as connection:
            current = set(MigrationContext.configure(connection).get_current_heads())
    except sa.exc.SQLAlchemyError:
        retry = {"Retry-After": str(OUTAGE_RETRY_AFTER)}
        return {"status": "unavailable", "database": "unavailable", "migrations": "unknown"}, 503, retry
    body = {"status": "ok", "database": "ok", "migrations": "current", "revision": sorted(current)}
    if current != heads:
        body.update(status="unavailable", migrations="outdated", expected=sorted(heads))
        return body, 503, {"Retry-After": str(OUTAGE_RETRY_AFTER)}
    return body


ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
ISO_MONTH = re.compile(r"^\d{4}-\d{2}")
DECIMAL = re.compile(r"-?\d+\.\d+")
ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _code_label(code: Any, field: str | None, entity: str | None) -> Any:
    """The word for a stored code of ``field`` (the entity's own first), or None when it has none."""
    if field is None or not isinstance(code, str | int) or isinstance(code, bool):
        return None
    name = field.rsplit(".", 1)[-1]
    for key in (f"{entity}.{name}", name):
        found = VALUE_LABELS.get(key, {}).get(str(code))
        if found is not None:
            return found
    return None


def audit_field(field: str, entity: str | None = None) -> str:
    """A changed field as the history names it: its label, a path part by part ("Measure 1 · completed
    on"), a code in a path by its word ("Notice · Prosecutor's office · sent at"); never the identifier."""
    parts = []
    for part in field.split("."):
        if (
            part.isdigit() and int(part) < 1000
        ):  # a row ("Measure 1"); a year (headcount.2024) is shown as it is
            parts[-1:] = [f"{parts[-1]} {int(part) + 1}" if parts else str(int(part) + 1)]
            continue
        label = FIELD_LABELS.get(part)
        if label is None:
            label = next((v[part] for v in VALUE_LABELS.values() if part in v), None)
        parts.append(str(label) if label is not None else part.replace("_", " "))
    return " · ".join(parts)


def audit_value(value: Any, field: str | None = None, entity: str | None = None) -> str:
    """A value of the audit log as a person reads it: codes by their words (a state, a category),
    lists joined, rows one per line with their fields named, dates as people write them, nothing as a
    dash."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    label = _code_label(value, field, entity)
    if label is not None:
        return str(label)
    if isinstance(value, list):
        return "; ".join(audit_value(v, field, entity) for v in value)
    if isinstance(value, dict):
        return ", ".join(
            f"{audit_field(k)}: {audit_value(v, k, entity)}"
            if k in FIELD_LABELS
            else audit_value(v, k, entity)
            for k, v in value.items()
            if v not in (None, "", [])
        )
    if isinstance(value, str) and ISO_MOMENT.match(value):
        moment = datetime.fromisoformat(value)
        return (
            format_datetime(moment, "dd.MM.yyyy HH:mm")
            if moment.tzinfo
            else moment.strftime("%d.%m.%Y %H:%M")
        )
    if isinstance(value, str) and ISO_DAY.fullmatch(value):
        return shown_date(value)
    if isinstance(value, str) and ISO_MONTH.fullmatch(value):
        return month_name(value, str(get_locale() or "ru"))
    if isinstance(value, str) and DECIMAL.fullmatch(value):
        return number(value, len(value.partition(".")[2]))
    return str(value)


def shown_date(value: Any) -> str:
    """01.12.2026 from a date or the ISO text of one (the engine's and the content's form); other text
    (a note in a date's place) as it is, nothing as a dash."""
    if isinstance(value, date | str) and ISO_DAY.match(str(value)):
        day = as_date(value)
        assert day is not None  # (an ISO day matched)
        # Babel's "dd.MM.yyyy", without its pattern machinery: a list shows dozens of dates a page.
        return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"
    return str(value) if value else "—"


def shown_moment(value: Any) -> str:
    """01.12.2026 14:05 in Bishkek from a UTC timestamp (a naive one read as UTC, as Flask-Babel does);
    Babel's "dd.MM.yyyy HH:mm" in the configured zone, formatted directly (a list shows one a row)."""
    if not isinstance(value, datetime):
        return "—"
    local = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(db.BISHKEK)
    return f"{local.day:02d}.{local.month:02d}.{local.year:04d} {local.hour:02d}:{local.minute:02d}"


def row_label(name: str, label: Any) -> str:
    """What a screen reader says for a cell of a repeated row: its column and row ("Month, row 3"),
    never the field's path ("earnings.2.month")."""
    row = next((int(part) + 1 for part in name.split(".") if part.isdigit()), None)
    text = str(label) if label else name.rsplit(".", 1)[-1].replace("_", " ")
    return text if row is None else _("%(label)s, row %(n)s", label=text, n=row)


def init_app(app: Flask) -> None:
    app.jinja_env.filters["money"] = money
    app.jinja_env.filters["number"] = number
    app.jinja_env.filters["filesize"] = lambda v: file_size(v, str(get_locale() or "ru"))
    app.jinja_env.filters["audit_value"] = audit_value
    app.jinja_env.filters["audit_field"] = audit_field
    app.jinja_env.filters["readable"] = readable
    app.jinja_env.filters["d"] = shown_date
    app.jinja_env.filters["period"] = lambda v: month_name(v, str(get_locale() or "ru"))
    app.jinja_env.filters["dt"] = shown_moment
    app.jinja_env.globals.update(
        can=can,
        row_label=row_label,
        REGION_LABELS=REGION_LABELS,
        ROLE_LABELS=ROLE_LABELS,
        INSPECTORATE_LABELS=INSPECTORATE_LABELS,
        EMPLOYER_STATUS_LABELS=EMPLOYER_STATUS_LABELS,
        SECTOR_LABELS=SECTOR_LABELS,
        AUDIT_ACTIONS=ACTION_LABELS,
    )
    app.context_processor(
        lambda: {"nav_items": _nav() if not database_down() and current_user.is_authenticated else []}
    )

    @app.after_request
    def _security_headers(response: Any) -> Any:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
            "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
        )
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        disposition = response.headers.get("Content-Disposition", "").lower()
        if response.mimetype in DOCUMENT_TYPES or disposition.startswith("attachment"):
            # Acts, orders, statements, exports and scans carry PINs and diagnoses: no cache keeps them
            # (send_file's own "no-cache" still lets a shared or browser cache store them).
            response.headers["Cache-Control"] = "no-store"
        elif request.path.startswith("/api/") or response.mimetype == "text/html":
            response.headers.setdefault("Cache-Control", "no-store")
        return response
