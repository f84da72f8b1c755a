"""The calculation page: a case by form or file in, the statement and its trace out, and what changed.

Thin by design: it turns the form into the contract's case file, calls the one
engine (``compensation.calculate``) with the parameter tables in force (the stored rows over the
built-in files), and renders. It stores nothing.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, abort, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required

import compensation
from calculator import documents as exports
from calculator import form as case_form
from calculator import services
from compensation import law
from core import labels
from core.auth.permissions import requires
from core.classifiers import REGION_LABELS
from core.db import today_bishkek
from core.formatting import day
from core.i18n import current_language

bp = Blueprint("calculator", __name__, url_prefix="/compensation")

#: What the article page says its text is.
SOURCE_NAMES = {
    "LC-2004": _l(
        "Labour Code of the Kyrgyz Republic of 4 August 2004 No. 106 (Russian text, as amended to 23 December 2022)"  # noqa: E501 - one message id
    ),
    "LC-2025": _l(
        "Labour Code of the Kyrgyz Republic of 23 January 2025 No. 23 (Russian text, as amended to 10 July 2025)"  # noqa: E501 - one message id
    ),
    "CC": _l(
        "Civil Code of the Kyrgyz Republic, Part II, chapter 51 (Russian text, as amended to 2 July 2025)"
    ),
}


def _read_case() -> tuple[dict[str, Any] | None, dict[str, list[str]]]:
    """The case from an uploaded file, or else from the form fields."""
    upload = request.files.get("case_file")
    if upload and upload.filename:
        try:
            case = json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            return None, {"case_file": [_("The file is not a JSON case file: %(error)s", error=str(exc))]}
        if not isinstance(case, dict):
            return None, {"case_file": [_("The case file must be a JSON object.")]}
        return case, {}
    return case_form.case_from_form(request.form, _parameters()), {}


def _parameters() -> dict[str, Any] | None:
    """The parameter tables of an uploaded case, kept in the form as JSON; None when there are none."""
    try:
        found = json.loads(request.form.get("parameters_json") or "null")
    except json.JSONDecodeError:
        return None
    return found if isinstance(found, dict) else None


def _calculate(case: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, list[str]]]:
    try:
        tables, _ids = services.tables_in_force()
        result = compensation.calculate(case, language=current_language(), tables=tables)
        return services.with_days_late(result), {}
    except compensation.InvalidCase as exc:
        return None, exc.errors


def _render(case: dict[str, Any], more_rows: dict[str, int] | None = None, **context: Any) -> str:
    """The form for ``case``; ``more_rows`` a repeated table's rows where more are asked for."""
    rows = {prefix: case_form.row_count(case, prefix) for prefix in case_form.ROWS}
    for prefix, count in (more_rows or {}).items():
        rows[prefix] = max(rows[prefix], count)
    return render_template(
        "calculator/calculator.html",
        case=case,
        values=case_form.form_values(case),
        rows=rows,
        parameters_json=json.dumps(case["parameters"], ensure_ascii=False) if case.get("parameters") else "",
        labels=labels,
        regions=REGION_LABELS,
        law=law,
        recipient_names=case_form.survivor_names(case),
        **context,
    )


@bp.route("/calculator", methods=["GET", "POST"])
@login_required
@requires("calculate")
def calculator() -> Any:
    if request.method == "GET":
        return _render(
            case_form.blank_case(today_bishkek()), result=None, errors={}, comparison=None, baseline=""
        )
    adding = request.form.get("add_row", "")
    if adding in case_form.ROWS:
        # "Add a row" without JavaScript: the same form again, one more row in that table, nothing computed.
        more = {adding: case_form.rows_shown(request.form, adding) + 1}
        case = case_form.case_from_form(request.form, _parameters())
        return _render(
            case, more, result=None, errors={}, comparison=None, baseline=request.form.get("baseline", "")
        )
    case, errors = _read_case()
    if case is None:
        return _render(
            case_form.blank_case(today_bishkek()),
            result=None,
            errors=errors,
            comparison=None,
            baseline=request.form.get("baseline", ""),
        ), 422
    result, errors = _calculate(case)
    if errors:
        return _render(
            case, result=None, errors=errors, comparison=None, baseline=request.form.get("baseline", "")
        ), 422
    comparison = None
    if request.form.get("baseline"):
        try:
            baseline_case = json.loads(request.form["baseline"])
        except json.JSONDecodeError:
            baseline_case = None
        if isinstance(baseline_case, dict) and baseline_case != case:
            baseline_result, baseline_errors = _calculate(baseline_case)
            if baseline_result is not None:
                comparison = {
                    **case_form.compare(baseline_result, result or {}),
                    "inputs": case_form.changed_inputs(baseline_case, case),
                }
    return _render(
        case, result=result, errors={}, comparison=comparison, baseline=json.dumps(case, ensure_ascii=False)
    )


@bp.route("/calculator/statement.<fmt>", methods=["POST"])
@login_required
@requires("calculate")
def statement(fmt: str) -> Any:
    if fmt not in ("pdf", "xlsx"):
        abort(404)
    case, errors = _read_case()
    result = None
    if case is not None:
        result, errors = _calculate(case)
    if case is None or result is None:
        return _render(
            case or case_form.blank_case(today_bishkek()),
            result=None,
            errors=errors,
            comparison=None,
            baseline="",
        ), 422
    title = _("Statement of compensation as of %(date)s", date=day(case.get("calculation_date")))
    if fmt == "pdf":
        body = exports.statement_pdf(case, result, title)
        mimetype = "application/pdf"
    else:
        body = exports.statement_xlsx(case, result, title)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    filename = f"statement-{case.get('calculation_date', 'case')}.{fmt}"
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


@bp.route("/law/<number>")
@login_required
def article(number: str) -> Any:
    """An article of the 2004 Labour Code a trace step cites, as the Code words it."""
    return _article("LC-2004", number)


@bp.route("/law/<code>/<number>")
@login_required
def code_article(code: str, number: str) -> Any:
    """An article of the 2025 Labour Code (``lc-2025``) or of the Civil Code (``cc``)."""
    return _article(law.CODES_BY_SLUG.get(code, ""), number)


def _article(code: str, number: str) -> Any:
    found = law.article(number, code)
    if found is None:
        abort(404)
    numbers = sorted(law.articles(code), key=int)
    i = numbers.index(found.number)
    return render_template(
        "calculator/article.html",
        article=found,
        code=code,
        slug=law.SLUGS[code],
        source=SOURCE_NAMES[code],
        previous=numbers[i - 1] if i else None,
        next=numbers[i + 1] if i + 1 < len(numbers) else None,
    )
