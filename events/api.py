"""GET /api/v1/events: the change feed (see events/services.py and README, Following changes)."""

from __future__ import annotations

from typing import Any

from flask_login import current_user, login_required
from flask_smorest import Blueprint

from core import db
from events import schemas, services

blp = Blueprint("events_api", __name__, url_prefix="/api/v1", description="The change feed")


@blp.route("/events", methods=["GET"])
@login_required
@blp.arguments(schemas.ChangeArgs, location="query")
@blp.response(200, schemas.ChangeFeed)
def list_changes(args: dict[str, Any]) -> Any:
    """What happened to the records in your scope, oldest first, after the cursor ``after``.

    A system keeps the ``after`` of each answer and asks again with it: each event comes once, in the
    order of the audit log. The types are the enum of ``ChangeEventOut.type``.
    """
    after = args["after"]["id"] if args.get("after") else 0
    items, more = services.events(current_user, after, args["limit"], args.get("type"))
    last = items[-1]["id"] if items else after
    return {"items": items, "after": db.encode_cursor("id", last, last), "more": more}
