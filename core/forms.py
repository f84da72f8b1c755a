"""HTML forms validated by the same marshmallow schemas as the API."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

import marshmallow as ma
from flask import flash, redirect, request
from werkzeug.datastructures import MultiDict

from core.db import BISHKEK
from core.errors import DomainError, FormErrors, flatten


def form_data(schema: ma.Schema, form: MultiDict[str, str]) -> dict[str, Any]:
    """The submitted form as the schema expects it: blank means absent, lists from repeated keys."""
    data: dict[str, Any] = {}
    for name, field in schema.fields.items():
        key = field.data_key or name
        if isinstance(field, ma.fields.List):
            values = [v for v in form.getlist(key) if v.strip() != ""]
            if values:
                data[key] = values
        elif isinstance(field, ma.fields.Boolean):
            if key in form:
                data[key] = form.get(key) not in ("", "0", "false", "off")
            elif not field.required:
                data[key] = False
        elif key in form and form.get(key, "").strip() != "":
            data[key] = form.get(key, "").strip()
    return data


def validate(schema: ma.Schema, form: MultiDict[str, str]) -> dict[str, Any]:
    """Load the form or raise :class:`FormErrors` naming every bad field."""
    try:
        return schema.load(form_data(schema, form))
    except ma.ValidationError as exc:
        raise FormErrors(flatten(exc.messages)) from exc


def parse_form(
    form: MultiDict[str, str],
    rows: Mapping[str, Iterable[str]] | Iterable[str] = (),
    booleans: Iterable[str] = (),
    multi: Iterable[str] = (),
    blank_as_none: bool = False,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The posted form as (data for the schema, values to show again), for every feature's pages.

    ``rows`` names the repeated rows (``earnings.0.month``), as a tuple of names or as a mapping
    of each name to its multi-valued fields (a survivor's grounds); blank rows (an ``id`` alone is
    blank) are dropped and the rest renumbered, values and data alike, so an error at
    ``earnings.3.amount`` is shown on the row that caused it. A blank field is absent, or None
    with ``blank_as_none`` (a partial update that clears it); an unticked box is ``False``,
    because a schema default of ``True`` (art. 226 liability) must not win over the officer.
    """
    if isinstance(rows, Mapping):
        row_fields = {name: tuple(fields) for name, fields in rows.items()}
    else:
        row_fields = dict.fromkeys(rows, ())
    booleans, multi = tuple(booleans), tuple(multi)
    data: dict[str, Any] = {}
    values: dict[str, Any] = {}
    found: dict[str, dict[int, dict[str, Any]]] = {name: {} for name in row_fields}
    for key in form:
        if key in ("csrf_token", "then") or key in booleans or key in multi:
            continue
        name, _sep, rest = key.partition(".")
        index, _sep, field = rest.partition(".")
        if name in row_fields and index.isdigit() and field:
            value: Any = (
                [v for v in form.getlist(key) if v.strip()]
                if field in row_fields[name]
                else form.get(key, "").strip()
            )
            found[name].setdefault(int(index), {})[field] = value
            continue
        raw = form.get(key, "").strip()
        values[key] = raw
        if raw:
            data[key] = raw
        elif blank_as_none:
            data[key] = None
    for key in booleans:
        data[key] = values[key] = form.get(key, "") not in ("", "0", "false", "off")
    for key in multi:
        data[key] = values[key] = [v for v in form.getlist(key) if v.strip()]
    for name, by_index in found.items():
        kept = [row for _i, row in sorted(by_index.items()) if any(v for k, v in row.items() if k != "id")]
        data[name] = [{k: v for k, v in row.items() if v not in ("", [])} for row in kept]
        for i, row in enumerate(kept):
            for field, value in row.items():
                values[f"{name}.{i}.{field}"] = value
    return data, values


def form_value(value: Any, on: str = "true", off: str = "false") -> Any:
    """A stored value as a form input shows it, to be corrected: blank for nothing, ISO dates, a moment
    in Bishkek to the minute, an enumeration's code, a list item by item; a yes/no as ``on``/``off``
    (what the form's control posts back)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return on if value else off
    if isinstance(value, datetime):
        return value.astimezone(BISHKEK).strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list):
        return [str(v) for v in value]
    return str(value)


def rows_used(values: dict[str, Any], name: str) -> int:
    """How many rows of the repeated group ``name`` the values fill (``name.<i>.<field>``): the last
    filled row's number plus one, so a form is drawn again with every row its user typed."""
    used = {int(k.split(".")[1]) for k in values if k.startswith(f"{name}.") and k.split(".")[1].isdigit()}
    return max(used) + 1 if used else 0


def load(schema: ma.Schema, data: dict[str, Any]) -> dict[str, Any]:
    try:
        return schema.load(data)
    except ma.ValidationError as exc:
        raise FormErrors(flatten(exc.messages)) from exc


def submitted(
    schema: ma.Schema,
    save: Any,
    done: str,
    target: Any,
    extra: Mapping[str, Any] | None = None,
    **parse: Any,
) -> tuple[Any, dict[str, Any], dict[str, list[str]]]:
    """The posted form (``parse_form`` with ``parse``, plus ``extra``), loaded with ``schema`` and given to
    ``save``: the redirect to ``target(saved)`` with ``done`` said; or, refused, no answer and the values
    typed with the errors, for the page to show the form again."""
    data, values = parse_form(request.form, **parse)
    data.update(extra or {})
    try:
        saved = save(load(schema, data))
    except DomainError as exc:
        return None, values, exc.errors
    flash(done, "success")
    return redirect(target(saved)), values, {}


def status_for(exc: DomainError) -> int:
    """The status a refused form is shown again with: the error's own 403/404/409, else 422."""
    return exc.status if exc.status in (403, 404, 409) else 422
