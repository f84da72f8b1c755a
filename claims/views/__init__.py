"""HTML pages of the compensation ledger (arts. 232, 254-270): findings, claims, decisions, payments,
statements, appeals and the archive, one module a section.

Thin like every view here: the posted form is loaded with the API's own schema
(``claims.schemas``), one service of ``claims.services`` does the work or reads what
the page shows, and the page answers. Scope is the services' (``get_scoped``): a
record of another employer is 404. A refused form is shown again, with its values and
its field errors, and status 422. Forms with repeated rows post fields named like the
schema's error paths (``earnings.3.amount``), so an error lands next to its input.
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("ledger", __name__, url_prefix="/compensation")

# The sections register their pages on ``bp``: importing them is the registration.
from claims.views import (  # noqa: E402
    appeals,
    archive,
    claims,
    common,
    decisions,
    findings,
    ledger,
)

__all__ = ["appeals", "archive", "bp", "claims", "common", "decisions", "findings", "ledger"]
