"""A request id on every response (``X-Request-Id``) and in every log line written while it runs.

A client or a proxy may send its own id (then one id follows the call through every system); one
that is not well formed (too long, or with characters a log or header could be forged with) is
replaced by a new random one, so whatever a client sends cannot split or fake a log line.
"""

from __future__ import annotations

import logging
import re
import uuid
from typing import Any

from flask import Flask, g, has_request_context, request
from flask.logging import default_handler

HEADER = "X-Request-Id"
WELL_FORMED = re.compile(r"[A-Za-z0-9._:-]{1,128}")
LOG_FORMAT = "[%(asctime)s] %(levelname)s [%(request_id)s] in %(module)s: %(message)s"


def current() -> str:
    """This request's id ("-" outside a request: the command line, start-up)."""
    if not has_request_context():
        return "-"
    if "emgek_request_id" not in g:
        sent = request.headers.get(HEADER, "")
        g.emgek_request_id = sent if WELL_FORMED.fullmatch(sent) else uuid.uuid4().hex
    return str(g.emgek_request_id)


class RequestIdFilter(logging.Filter):
    """Puts ``request_id`` on every record the app logs (the formatter, and any log shipper, read it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current()
        return True


def _stamp(response: Any) -> Any:
    response.headers[HEADER] = current()
    return response


def _assign() -> None:
    current()  # (a before_request hook that returned the id would be taken for the response)


def init_app(app: Flask) -> None:
    app.before_request(_assign)
    app.after_request(_stamp)
    app.logger.addFilter(RequestIdFilter())
    default_handler.setFormatter(logging.Formatter(LOG_FORMAT))
