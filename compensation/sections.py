"""Optional sections of a case file beyond contract v1: reading and checking them.

Each section is absent from contract v1 and changes nothing when absent; when given,
its sums appear under new component names, or as a new top-level section of the
result (docs/compensation.md has the format and examples):

* ``capitalisation`` - Art. 255, on the employer's liquidation (method ``simple_70_min10``);
* ``care_home`` - Art. 266, the victim placed in a care home: how the monthly sums are split;
* ``temporary_transfers`` - Art. 242, pay made up to the former earnings (``temporary_transfer``);
* ``retraining`` - Art. 243, the former earnings while learning a new trade (``retraining``);
* ``agreed_sums`` - Arts. 248, 253, 271, moral damage and burial costs set by agreement or a court
  (``moral_damage``, ``burial``);
* ``additional_expenses`` - Arts. 244-245, expenses reimbursed on receipts (``additional_expenses``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from compensation.rules import dates
from compensation.rules.case import (
    AdditionalExpense,
    AgreedSum,
    CapitalisationRequest,
    CareHomePlacement,
    RetrainingPeriod,
    TemporaryTransfer,
)
from compensation.validation import Errors

__all__ = ["AGREED_COMPONENTS", "CAPITALISATION_METHODS", "EXPENSE_KINDS", "SECTIONS", "parse_sections"]

SECTIONS = (
    "capitalisation",
    "care_home",
    "temporary_transfers",
    "retraining",
    "agreed_sums",
    "additional_expenses",
)
CAPITALISATION_METHODS = ("simple_70_min10",)
AGREED_COMPONENTS = ("moral_damage", "burial")
AGREED_BASES = ("agreement", "court")
EXPENSE_KINDS = ("nutrition", "medicines", "prosthesis", "sanatorium", "travel", "vehicle", "other")
#: Art. 242 part 2: a temporary transfer lasts at most one year.
TRANSFER_MAX_YEARS = 1


def parse_sections(
    e: Errors, doc: dict[str, Any], case_type: str | None, calculation_day: int | None
) -> dict[str, Any]:
    """The optional sections present in ``doc``, as keyword arguments of :class:`Case`."""
    out: dict[str, Any] = {}
    get = doc.get
    if get("capitalisation") is not None:
        out["capitalisation"] = _capitalisation(e, get("capitalisation"), case_type)
    if get("care_home") is not None:
        out["care_home"] = _care_home(e, get("care_home"), case_type)
    if get("temporary_transfers") is not None:
        out["temporary_transfers"] = _transfers(e, get("temporary_transfers"), case_type)
    if get("retraining") is not None:
        out["retraining"] = _retraining(e, get("retraining"), case_type)
    if get("agreed_sums") is not None:
        out["agreed_sums"] = _agreed_sums(e, get("agreed_sums"), case_type, doc)
    if get("additional_expenses") is not None:
        out["additional_expenses"] = _expenses(e, get("additional_expenses"), case_type)
    return {k: v for k, v in out.items() if v is not None}


def _injury_only(e: Errors, case_type: str | None, name: str) -> bool:
    if case_type == "death":
        e.add(name, "extension.injury_only")
        return False
    return True


def _capitalisation(e: Errors, raw: Any, case_type: str | None) -> CapitalisationRequest | None:
    obj = e.obj(raw, "capitalisation")
    if obj is None:
        return None
    day = e.day(obj.get("date"), "capitalisation", "date")
    method = e.choice(
        obj.get("method", CAPITALISATION_METHODS[0]), CAPITALISATION_METHODS, "capitalisation", "method"
    )
    birth = e.day(obj.get("victim_birth_date"), "capitalisation", "victim_birth_date", required=False)
    if case_type == "injury" and obj.get("victim_birth_date") is None:
        e.add("capitalisation.victim_birth_date", "extension.victim_birth_required")
    if day is None or method is None:
        return None
    return CapitalisationRequest(day, method, birth)


def _care_home(e: Errors, raw: Any, case_type: str | None) -> CareHomePlacement | None:
    obj = e.obj(raw, "care_home")
    if obj is None or not _injury_only(e, case_type, "care_home"):
        return None
    start = e.day(obj.get("from"), "care_home", "from")
    end = e.day(obj.get("to"), "care_home", "to", required=False)
    dependants = obj.get("dependants", 0)
    if type(dependants) is not int or dependants < 0:
        e.add("care_home.dependants", "number.range", low=0, high=99)
        dependants = None
    cost = e.money(obj.get("monthly_cost"), "care_home", "monthly_cost", required=False)
    if start is not None and end is not None and end < start:
        e.add("care_home.to", "findings.end_before_start", to=obj.get("to"), **{"from": obj.get("from")})
        return None
    if start is None or dependants is None:
        return None
    return CareHomePlacement(start, end, dependants, cost)


def _period(e: Errors, item: dict[str, Any], *path: Any) -> tuple[int, int] | None:
    start = e.day(item.get("from"), *path, "from")
    end = e.day(item.get("to"), *path, "to")
    if start is None or end is None:
        return None
    if end < start:
        e.add((*path, "to"), "findings.end_before_start", to=item.get("to"), **{"from": item.get("from")})
        return None
    return start, end


def _transfers(e: Errors, raw: Any, case_type: str | None) -> tuple[TemporaryTransfer, ...] | None:
    if not _injury_only(e, case_type, "temporary_transfers"):
        return None
    out = []
    for i, item in enumerate(e.items(raw, "temporary_transfers")):
        if type(item) is not dict:
            e.add(("temporary_transfers", i), "type.object")
            continue
        span = _period(e, item, "temporary_transfers", i)
        provided = item.get("work_provided", True)
        if provided is not True and provided is not False:
            e.add(("temporary_transfers", i, "work_provided"), "type.bool")
        pay = e.money(
            item.get("monthly_pay", "0.00" if provided is False else None),
            "temporary_transfers",
            i,
            "monthly_pay",
        )
        if span is None or pay is None:
            continue
        limit = dates.add_years(date.fromordinal(span[0]), TRANSFER_MAX_YEARS).toordinal()
        if span[1] >= limit:
            e.add(("temporary_transfers", i, "to"), "extension.transfer_too_long")
            continue
        out.append(TemporaryTransfer(i, span[0], span[1], pay, provided is not False))
    return tuple(out)


def _retraining(e: Errors, raw: Any, case_type: str | None) -> tuple[RetrainingPeriod, ...] | None:
    if not _injury_only(e, case_type, "retraining"):
        return None
    out = []
    for i, item in enumerate(e.items(raw, "retraining")):
        if type(item) is not dict:
            e.add(("retraining", i), "type.object")
            continue
        span = _period(e, item, "retraining", i)
        if span is not None:
            out.append(RetrainingPeriod(i, span[0], span[1]))
    return tuple(out)


def _agreed_sums(e: Errors, raw: Any, case_type: str | None, doc: dict[str, Any]) -> tuple[AgreedSum, ...]:
    out = []
    for i, item in enumerate(e.items(raw, "agreed_sums")):
        if type(item) is not dict:
            e.add(("agreed_sums", i), "type.object")
            continue
        component = e.choice(item.get("component"), AGREED_COMPONENTS, "agreed_sums", i, "component")
        if component == "burial" and case_type == "injury":
            e.add(("agreed_sums", i, "component"), "extension.death_only")
            component = None
        recipient = e.text(
            item.get("recipient", "victim" if case_type == "injury" else None), "agreed_sums", i, "recipient"
        )
        amount = e.money(item.get("amount"), "agreed_sums", i, "amount")
        due = e.day(item.get("due_date"), "agreed_sums", i, "due_date")
        basis = e.choice(item.get("basis", "agreement"), AGREED_BASES, "agreed_sums", i, "basis")
        if None in (component, recipient, amount, due, basis):
            continue
        out.append(AgreedSum(i, component, recipient, amount, due, basis))  # type: ignore[arg-type]
    return tuple(out)


def _expenses(e: Errors, raw: Any, case_type: str | None) -> tuple[AdditionalExpense, ...] | None:
    if not _injury_only(e, case_type, "additional_expenses"):
        return None
    out = []
    for i, item in enumerate(e.items(raw, "additional_expenses")):
        if type(item) is not dict:
            e.add(("additional_expenses", i), "type.object")
            continue
        kind = e.choice(item.get("kind"), EXPENSE_KINDS, "additional_expenses", i, "kind")
        amount = e.money(item.get("amount"), "additional_expenses", i, "amount")
        incurred = e.day(item.get("incurred_on"), "additional_expenses", i, "incurred_on")
        submitted = e.day(item.get("submitted_on"), "additional_expenses", i, "submitted_on")
        if incurred is not None and submitted is not None and submitted < incurred:
            e.add(("additional_expenses", i, "submitted_on"), "extension.submitted_before_incurred")
            continue
        if None in (kind, amount, incurred, submitted):
            continue
        out.append(AdditionalExpense(i, kind, amount, incurred, submitted))  # type: ignore[arg-type]
    return tuple(out)
