"""The calculator form <-> the contract's case file.

Form fields are named by the contract's own field paths (``msec_findings.1.to``),
so the engine's error document lands on the field at fault without translation.
Blank rows are dropped; values stay strings, because validating them is the
engine's job (one validator for the CLI, the API and this page).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from werkzeug.datastructures import MultiDict

#: Repeated rows and how many blank ones the form offers beyond those filled in.
ROWS = {
    "earnings.months": 14,
    "msec_findings": 4,
    "survivors": 4,
    "payments": 6,
}
ROW_FIELDS = {
    "earnings.months": ("month", "amount", "exclude"),
    "msec_findings": ("from", "to", "loss_percent", "disability_group", "applied_on"),
    "survivors": (
        "id",
        "relation",
        "birth_date",
        "sex",
        "student_until",
        "disabled_until",
        "caring_until",
        "court_maintenance",
    ),
    "payments": ("date", "amount", "applies_to"),
}
ROW_LISTS = {"msec_findings": "care", "survivors": "grounds"}
FLAGS = ("source_of_increased_danger", "employer_fault", "force_majeure", "victim_intent")
SCALARS = ("case_type", "calculation_date", "claim_date", "region", "death_date")


def employer_liable(victim_fault: Any) -> dict[str, Any]:
    """The liability of most cases (arts. 226-230): a source of increased danger, the employer at fault, no
    force majeure and no intent of the victim; ``victim_fault`` is the victim's gross negligence, %."""
    return {
        "source_of_increased_danger": True,
        "employer_fault": True,
        "force_majeure": False,
        "victim_intent": False,
        "victim_gross_negligence_percent": victim_fault,
    }


def blank_case(today: date) -> dict[str, Any]:
    return {
        "case_type": "injury",
        "calculation_date": today.isoformat(),
        "claim_date": "",
        "region": "bishkek",
        "liability": employer_liable("0"),
        "earnings": {"reference_month": "", "months": []},
        "msec_findings": [],
        "survivors": [],
        "payments": [],
    }


def _text(form: Mapping[str, str], name: str) -> str | None:
    value = (form.get(name) or "").strip()
    return value or None


def _rows(form: MultiDict[str, str], prefix: str) -> list[dict[str, Any]]:
    indexes = sorted(
        {int(m.group(1)) for key in form for m in [re.match(rf"^{re.escape(prefix)}\.(\d+)\.", key)] if m}
    )
    rows = []
    for i in indexes:
        row: dict[str, Any] = {f: _text(form, f"{prefix}.{i}.{f}") for f in ROW_FIELDS[prefix]}
        list_field = ROW_LISTS.get(prefix)
        if list_field:
            row[list_field] = [v for v in form.getlist(f"{prefix}.{i}.{list_field}") if v]
        if not any(v for v in row.values()):
            continue
        rows.append(row)
    return rows


def case_from_form(form: MultiDict[str, str], parameters: dict[str, Any] | None = None) -> dict[str, Any]:
    """The case file the form describes (parameters: those of an uploaded case, kept as they were)."""
    case: dict[str, Any] = {name: _text(form, name) for name in SCALARS}
    case["liability"] = {flag: f"liability.{flag}" in form for flag in FLAGS}
    case["liability"]["victim_gross_negligence_percent"] = (
        _text(form, "liability.victim_gross_negligence_percent") or "0"
    )
    partial = {
        k: _text(form, f"earnings.partial_month.{k}")
        for k in ("earned", "days_worked", "average_working_days_per_month")
    }
    case["earnings"] = {
        "reference_month": _text(form, "earnings.reference_month"),
        "months": _rows(form, "earnings.months"),
        "sustained_increase_from": _text(form, "earnings.sustained_increase_from"),
        "partial_month": partial if any(partial.values()) else None,
        "documents_unavailable": "earnings.documents_unavailable" in form,
    }
    if partial.get("days_worked") and partial["days_worked"].isdigit():
        partial["days_worked"] = int(partial["days_worked"])
    case["msec_findings"] = _rows(form, "msec_findings")
    for finding in case["msec_findings"]:
        if finding.get("loss_percent") is None:
            finding["loss_percent"] = ""
    case["survivors"] = _rows(form, "survivors")
    case["payments"] = _rows(form, "payments")
    multipliers = {
        g: _text(form, f"collective_agreement.one_off_multipliers.{g}") for g in ("I", "II", "III")
    }
    if any(multipliers.values()):
        case["collective_agreement"] = {
            "one_off_multipliers": {
                g: int(v) if v and v.isdigit() else v for g, v in multipliers.items() if v
            }
        }
    if case["case_type"] != "death":
        case.pop("death_date", None)
        case["survivors"] = []
    if parameters:
        case["parameters"] = parameters
    return case


def form_values(case: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """The case flattened to the form's field names (lists of strings stay lists: checkbox groups)."""
    values: dict[str, Any] = {}
    for key, value in case.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            values.update(form_values(value, f"{name}."))
        elif isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            for i, item in enumerate(value):
                values.update(form_values(item, f"{name}.{i}."))
        else:
            values[name] = value
    return values


def row_count(case: Mapping[str, Any], prefix: str) -> int:
    node: Any = case
    for part in prefix.split("."):
        node = (node or {}).get(part) if isinstance(node, Mapping) else None
    return max(ROWS[prefix], len(node or []) + 2)


def compare(baseline: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """Side by side: totals and every installment of two results, keyed as the contract keys them."""

    def key(item: Mapping[str, Any]) -> tuple[str, str, str]:
        return (item["component"], str(item["recipient"]), item.get("period") or "")

    before = {key(i): i for i in baseline.get("installments", [])}
    after = {key(i): i for i in current.get("installments", [])}
    rows = []
    for k in sorted(set(before) | set(after), key=lambda k: (k[2] or "9999", k[0], k[1])):
        b, a = before.get(k), after.get(k)
        if b and a and all(b[f] == a[f] for f in ("amount", "paid", "outstanding", "penalty")):
            continue
        rows.append({"component": k[0], "recipient": k[1], "period": k[2], "before": b, "after": a})
    return {
        "totals": {
            name: (baseline.get("totals", {}).get(name), current.get("totals", {}).get(name))
            for name in ("accrued", "paid", "outstanding", "penalty")
        },
        "rows": rows,
    }
