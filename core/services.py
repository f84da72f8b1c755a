"""What every feature's services check first: the role's capability and the version the user read."""

from __future__ import annotations

from typing import Any

from core.auth.permissions import can
from core.errors import Conflict, Forbidden


def require(user: Any, capability: str) -> None:
    """Refuse (403) a user whose role lacks ``capability``: services check it, whatever door was used."""
    if not can(user, capability):
        raise Forbidden()


def check_version(record: Any, version: int | None) -> None:
    """Refuse (409) a change made from a stale read of ``record`` (optimistic locking)."""
    if version is not None and version != record.version:
        raise Conflict()
