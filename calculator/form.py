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

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from core.formatting import day
from core.web import row_label

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


def rows_shown(form: Mapping[str, Any], prefix: str) -> int:
    """How many rows of ``prefix`` the posted form had (blank ones too: every input is posted), so the
    "Add a row" button without JavaScript can show one more."""
    found = [int(m.group(1)) for key in form for m in [re.match(rf"^{re.escape(prefix)}\.(\d+)\.", key)] if m]
    return max(found, default=-1) + 1


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


#: What each input of the form is called on the page (the same words as its label), for the comparison.
SECTION_LABELS = {
    "earnings": _l("Earnings (arts. 236-238)"),
    "liability": _l("Liability (arts. 226-230)"),
    "msec_findings": _l("MSEC findings (arts. 232, 235, 245, 247)"),
    "survivors": _l("Survivors (arts. 249-252, death cases)"),
    "payments": _l("Payments made (art. 269)"),
    "collective_agreement": _l("Collective agreement"),
}
FIELD_LABELS = {
    "case_type": _l("Case"),
    "calculation_date": _l("Statement as of"),
    "claim_date": _l("Claim filed with the employer (art. 254)"),
    "region": _l("Region (subsistence minimum)"),
    "death_date": _l("Date of death (death cases)"),
    "source_of_increased_danger": _l("Source of increased danger (art. 226)"),
    "employer_fault": _l("Employer at fault (art. 227)"),
    "force_majeure": _l("Force majeure"),
    "victim_intent": _l("Victim's intent"),
    "victim_gross_negligence_percent": _l("Victim's gross negligence"),
    "reference_month": _l("Reference month (injury or loss of capacity)"),
    "sustained_increase_from": _l("Sustained pay rise from (month)"),
    "documents_unavailable": _l("No documents on earnings"),
    "earned": _l("Partial month: earned"),
    "days_worked": _l("Partial month: days worked"),
    "average_working_days_per_month": _l("Partial month: average working days a month"),
    "month": _l("Month"),
    "amount": _l("Amount"),
    "exclude": _l("Excluded"),
    "from": _l("From"),
    "to": _l("To"),
    "loss_percent": _l("Loss of professional capacity"),
    "disability_group": _l("Group"),
    "care": _l("Care"),
    "applied_on": _l("Brought to the employer on"),
    "id": _l("Id"),
    "relation": _l("Relation"),
    "birth_date": _l("Born"),
    "sex": _l("Sex"),
    "grounds": _l("Grounds"),
    "student_until": _l("Student until"),
    "disabled_until": _l("Disabled until"),
    "caring_until": _l("Caring until"),
    "court_maintenance": _l("Court maintenance a month"),
    "date": _l("Date"),
    "applies_to": _l("Applies to"),
}


def changed_inputs(baseline: Mapping[str, Any], case: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Which inputs differ between the previous calculation's case and this one, by their labels on the
    page ("MSEC findings: Loss of professional capacity, row 1"), with the value before and now; so the
    comparison says what was changed, not only what it changed."""
    before, after = form_values(dict(baseline)), form_values(dict(case))
    changed = []
    for name in sorted(set(before) | set(after)):
        # Compared as shown: the form posts text where an uploaded case held numbers (35 and "35").
        if name.startswith("parameters") or shown(before.get(name)) == shown(after.get(name)):
            continue
        parts = name.split(".")
        leaf = next((p for p in reversed(parts) if not p.isdigit()), name)
        label = row_label(name, FIELD_LABELS.get(leaf) or leaf.replace("_", " "))
        section = SECTION_LABELS.get(parts[0]) if len(parts) > 1 else None
        changed.append(
            {
                "name": name,
                "label": f"{section}: {label}" if section else label,
                "before": shown(before.get(name)),
                "after": shown(after.get(name)),
            }
        )
    return changed


def _blank(value: Any) -> Any:
    return None if value in (None, "", [], False) else value


def shown(value: Any) -> str:
    """An input's value as a person writes it: dates dd.mm.yyyy, a box ticked or not, "—" for nothing."""
    if value is True:
        return str(_l("yes"))
    if _blank(value) is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(shown(v) for v in value)
    text = str(value)
    return day(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else text


def survivor_names(case: Mapping[str, Any]) -> dict[str, str]:
    """Each survivor of the case as the result table names them: the id typed in the form (a name or
    initials) with the relation, never a bare internal key."""
    names = {}
    for survivor in case.get("survivors") or []:
        if isinstance(survivor, Mapping) and survivor.get("id") is not None:
            key, relation = str(survivor["id"]), str(survivor.get("relation") or "").strip()
            names[key] = f"{key} ({relation})" if relation else key
    return names
