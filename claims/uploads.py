"""The posted scan of a request, handed to the service: one reading for the pages and the API."""

from __future__ import annotations

from flask import current_app, request
from flask_login import current_user

from claims import services
from claims.models import Attachment


def attach_posted(owner_type: str, owner_id: int) -> Attachment:
    """Keep the request's ``file`` (titled by its ``title`` field) with the record; the service checks
    the content, the size and the user's scope.

    :raises DomainError: the file or its title is refused (``file`` / ``title``), or out of scope.
    """
    upload = request.files.get("file")
    return services.attach(
        current_user,
        owner_type,
        owner_id,
        request.form.get("title", ""),
        (upload.filename or "") if upload else "",
        upload.read() if upload else b"",
        current_app.config["UPLOAD_FOLDER"],
        current_app.config["EMGEK_MAX_ATTACHMENT_BYTES"],
    )
