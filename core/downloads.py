"""A document handed out as a file (the act N-1, the order, a statement; PDF or XLSX), one way for the
pages and the API: its media type, its file name in ``Content-Disposition``, never cached.

The features' services make a :class:`Download`; a page and an API operation answer with
``download.response()``, so the two doors give the same bytes under the same name. The API describes
such an operation with :func:`document_doc` and reads its query with a :class:`DocumentArgs`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import marshmallow as ma
from flask import Response
from flask_babel import force_locale

from core.i18n import LANGUAGES, current_language

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MEDIA_TYPES = {"pdf": PDF, "xlsx": XLSX}


@dataclass(frozen=True)
class Download:
    """A document's bytes and the name it is saved under (its extension gives the media type)."""

    body: bytes
    filename: str

    @property
    def mimetype(self) -> str:
        return MEDIA_TYPES[self.filename.rsplit(".", 1)[-1]]

    def response(self) -> Response:
        """The file as an attachment; documents carry PINs and diagnoses, so no cache keeps them."""
        return Response(
            self.body,
            mimetype=self.mimetype,
            headers={
                "Content-Disposition": f'attachment; filename="{self.filename}"',
                "Cache-Control": "no-store",
            },
        )


class DocumentArgs(ma.Schema):
    """The language of a document asked for through the API; each operation adds its ``format``."""

    lang = ma.fields.String(
        validate=ma.validate.OneOf(list(LANGUAGES)),
        metadata={
            "description": "the document's language: ru (Russian), ky (Kyrgyz) or en; without it the "
            "Accept-Language header's, else the account's (Russian by default)"
        },
    )


def format_field(*formats: str) -> ma.fields.String:
    """``format``: one of ``formats`` (the first by default)."""
    return ma.fields.String(
        load_default=formats[0],
        validate=ma.validate.OneOf(formats),
        metadata={"description": f"the file's format: {' or '.join(formats)} (default {formats[0]})"},
    )


@contextmanager
def language_of(args: dict[str, Any]) -> Iterator[str]:
    """Everything inside (the document, its labels, its trace, any error) speaks the language asked for:
    ``lang``, else the request's own (Accept-Language, the account's)."""
    lang = args.get("lang") or current_language()
    with force_locale(lang):
        yield lang


def document_doc(description: str, *formats: str) -> dict[str, Any]:
    """``@blp.doc`` of an operation answering with a document in ``formats``: binary content of each
    media type, with its ``Content-Disposition``."""
    return {
        "responses": {
            "200": {
                "description": description,
                "headers": {
                    "Content-Disposition": {
                        "description": 'attachment; filename="..." (the name to save it under)',
                        "schema": {"type": "string"},
                    },
                    "Cache-Control": {"description": "no-store", "schema": {"type": "string"}},
                },
                "content": {
                    MEDIA_TYPES[fmt]: {"schema": {"type": "string", "format": "binary"}} for fmt in formats
                },
            }
        }
    }
