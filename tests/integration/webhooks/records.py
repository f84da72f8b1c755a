"""The webhooks' records for tests/integration/test_scope.py: an administrator's webhook, which no
officer's route may reach (the webhooks are the administrators' alone)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _webhook(world: Any) -> int:
    from jobs import webhooks

    with world.app.app_context():
        hook = webhooks.create_webhook(
            world.admin, {"url": "https://erp.example.kg/h", "events": ["claim.filed"]}
        )
    return hook.id


RECORDS: dict[str, Callable[[Any], int]] = {"webhook_id": _webhook}
