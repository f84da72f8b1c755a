"""HTML pages of the cooperation agreement: parse the form with the API's schema, call one service, render."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, url_for
from flask_login import login_required

bp = Blueprint("cooperation", __name__, url_prefix="/cooperation")


@bp.route("", endpoint="index")
@login_required
def index() -> Any:
    return redirect(url_for("cooperation.inspections"))
