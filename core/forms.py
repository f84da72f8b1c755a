"""HTML forms validated by the same marshmallow schemas as the API."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from werkzeug.datastructures import MultiDict

from core.errors import FormErrors, flatten


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
