"""Scanned documents attached to records: sniffed, sized, stored, read within scope."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _

from claims.models import (
    Attachment,
    Claim,
    Decision,
    MsecFinding,
)
from claims.services.common import get_scoped
from core import audit, db
from core.auth.permissions import can
from core.errors import Forbidden, FormErrors, NotFound

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
