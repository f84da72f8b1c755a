"""What the integration tests read off a page or the audit log, the same way in every package."""

from __future__ import annotations

import re
from typing import Any

from core import audit, db


def field_errors(response: Any) -> set[str]:
    """The fields a form page marks as wrong."""
    return set(re.findall(r'class="field-error" data-field="([^"]+)"', response.get_data(as_text=True)))


def audit_entries(app: Any, entity: str, entity_id: int) -> list[audit.AuditEntry]:
    """The audit log of one record, detached from the session."""
    with app.app_context():
        found = audit.history(db.session(), entity, entity_id)
        db.session().expunge_all()
        return found
