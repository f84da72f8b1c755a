"""The calculation contract ``kg-injury-compensation/2``: case file JSON in, statement JSON out.

:func:`parse_case` checks a case file and builds the frozen inputs of the rules
(:mod:`compensation.rules.case`), reporting every invalid field at once;
:func:`result_document` writes a :class:`~compensation.rules.statement.Statement`
the contract's way. :func:`compensation.calculate` joins them. Pure Python: no
Flask, SQLAlchemy or marshmallow, so external systems and the web app share
one engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from operator import attrgetter
from typing import Any

from compensation import parameters, sections, validation
from compensation.rules import dates, regime
from compensation.rules.case import (
    Case,
    Earnings,
    EarningsMonth,
    Finding,
    Liability,
    Parameters,
    PartialMonth,
    Payment,
    Percent,
    Survivor,
)
from compensation.rules.errors import RuleViolation
from compensation.rules.statement import Statement, compute
from compensation.rules.trace import MONEY_TEXT, money, render, render_warning
from compensation.validation import Errors, InvalidCase, day_value, message, money_value, month_value

__all__ = ["CONTRACT", "calculate_case", "parse_case", "result_document"]

CONTRACT = "kg-injury-compensation/2"

#: Contract v2 §1: the regions of the subsistence minimum (core.classifiers.Region's codes).
REGIONS = ("bishkek", "osh_city", "batken", "chui", "issyk_kul", "jalal_abad", "naryn", "osh", "talas")
ONE_TIME_RULES = ("labour_code_2004", "resolution_465")

#: Contract v2 §1: every field the contract and the documented optional sections define, by path.
#: ``None`` marks a leaf; a dict an object's fields; a one-element list the fields of a list's items.
#: A field not named here is a validation error ("Unknown field."): a misspelt field must never be
#: ignored, it would change an award silently.
_ROW_FROM_AMOUNT = [{"from": None, "amount": None}]
FIELDS: dict[str, Any] = {
    "case_type": None,
    "calculation_date": None,
    "claim_date": None,
    "region": None,
    "liability": {
        "source_of_increased_danger": None,
        "employer_fault": None,
        "force_majeure": None,
        "victim_intent": None,
        "victim_gross_negligence_percent": None,
        "third_party_fault": None,
        "aircraft": None,
    },
    "earnings": {
        "reference_month": None,
        "months": [{"month": None, "amount": None, "exclude": None}],
        "sustained_increase_from": None,
        "partial_month": {"earned": None, "days_worked": None, "average_working_days_per_month": None},
        "documents_unavailable": None,
    },
    "msec_findings": [
        {
            "from": None,
            "to": None,
            "loss_percent": None,
            "disability_group": None,
            "care": None,
            "applied_on": None,
        }
    ],
    "death_date": None,
    "survivors": [
        {
            "id": None,
            "relation": None,
            "birth_date": None,
            "sex": None,
            "grounds": None,
            "student_until": None,
            "disabled_until": None,
            "caring_until": None,
            "court_maintenance": None,
            "right_ended_on": None,
            "right_from": None,
        }
    ],
    "collective_agreement": {"one_off_multipliers": {"I": None, "II": None, "III": None}},
    "payments": [{"date": None, "amount": None, "applies_to": None, "recipient": None}],
    "parameters": {
        "minimum_wage": _ROW_FROM_AMOUNT,
        "subsistence_minimum": [{"from": None, "region": None, "amount": None}],
        "indexation": [{"from": None, "factor": None}],
        "penalty_rate_per_day": [{"from": None, "rate": None}],
        "pension_age": {"male": None, "female": None},
        "average_monthly_wage": _ROW_FROM_AMOUNT,
        "one_time_benefit": [{"from": None, "rule": None}],
    },
    "employer": {"budget_sector": None},
    "late_claim_due_to_employer": None,
    "injury_date": None,
    "capitalisation": {"date": None, "method": None, "victim_birth_date": None},
    "care_home": {"from": None, "to": None, "dependants": None, "monthly_cost": None},
    "temporary_transfers": [{"from": None, "to": None, "monthly_pay": None, "work_provided": None}],
    "retraining": [{"from": None, "to": None}],
    "agreed_sums": [{"component": None, "recipient": None, "amount": None, "due_date": None, "basis": None}],
    "additional_expenses": [{"kind": None, "amount": None, "incurred_on": None, "submitted_on": None}],
}


#: A compiled :data:`FIELDS` node: (the names an object may have, its fields with fields of their own as
#: ``(name, node, is_list)``).
_Node = tuple[frozenset[str], tuple[tuple[str, Any, bool], ...]]


def _compile(spec: dict[str, Any]) -> _Node:
    nested = []
    for name, value in spec.items():
        if type(value) is dict:
            nested.append((name, _compile(value), False))
        elif type(value) is list:
            nested.append((name, _compile(value[0]), True))
    return frozenset(spec), tuple(nested)


_FIELDS_NODE = _compile(FIELDS)


def _unknown_fields(e: Errors, raw: dict[str, Any], node: _Node, path: tuple[Any, ...]) -> None:
    """Contract v2 §1: every field not in the contract at any depth is an error naming its path.

    The common case (every field known) costs one set comparison per object: its keys are compared
    with the allowed names at once; only the fields that have fields of their own are walked.
    """
    names, nested = node
    if not raw.keys() <= names:
        for name in raw:
            if type(name) is not str or name not in names:
                e.add((*path, name), "field.unknown")
    for name, child, is_list in nested:
        value = raw.get(name)
        if value is None:
            continue
        if not is_list:
            if type(value) is dict:
                _unknown_fields(e, value, child, (*path, name))
        elif type(value) is list:
            child_names, child_nested = child
            for i, item in enumerate(value):
                if type(item) is dict and (child_nested or not item.keys() <= child_names):
                    _unknown_fields(e, item, child, (*path, name, i))


CASE_TYPES = ("injury", "death")
GROUPS = ("I", "II", "III")
CARE = ("special_medical", "household")
GROUNDS = ("minor", "student", "disabled", "pension_age", "caregiver")
SEXES = ("male", "female")
APPLIES_TO = ("periodic", "one_off")
HUNDRED = Decimal(100)

_percent_cache: dict[Any, Percent] = {}


def _percent(value: Decimal) -> Percent:
    hit = _percent_cache.get(value)
    if hit is None:
        hit = Percent.of(value)
        if len(_percent_cache) < 10_000:
            _percent_cache[value] = hit
    return hit


def parse_case(doc: Any, language: str = "ru", tables: Mapping[str, parameters.Table] | None = None) -> Case:
    """Check the case file and build the rules' inputs.

    ``tables`` replace built-in tables by name (the stored rows an administrator added, laid over the
    files with :func:`compensation.parameters.merged`); a table the case gives itself still wins.

    :raises InvalidCase: with every invalid field, by path, in ``language``.
    """
    e = Errors(language)
    if type(doc) is not dict:
        e.add("_", "type.object")
        e.raise_if_any()
    _unknown_fields(e, doc, _FIELDS_NODE, ())
    get = doc.get
    case_type = e.choice(get("case_type"), CASE_TYPES, "case_type")
    calculation_day = e.day(get("calculation_date"), "calculation_date")
    claim_day = e.day(get("claim_date"), "claim_date")
    region_raw = get("region")
    region = e.choice(region_raw, REGIONS, "region", required=False) or "*"
    if case_type == "death" and region_raw is None:
        e.add("region", "region.required")
    employer = e.obj(get("employer"), "employer", required=False) or {}
    budget_sector = e.flag(employer.get("budget_sector"), "employer", "budget_sector")
    late_by_employer = e.flag(get("late_claim_due_to_employer"), "late_claim_due_to_employer")
    injury_day = e.day(get("injury_date"), "injury_date", required=False)

    liability = _liability(e, get("liability"))
    earnings = _earnings(e, get("earnings"))
    params = _parameters(e, get("parameters"), tables or _NO_TABLES)

    findings: tuple[Finding, ...] = ()
    survivors: tuple[Survivor, ...] = ()
    death_day = None
    if case_type == "injury":
        findings = _findings(e, get("msec_findings"))
    elif case_type == "death":
        death_day = e.day(get("death_date"), "death_date", required=False)
        if get("death_date") is None:
            e.add("death_date", "death_date.required")
        elif death_day is not None and claim_day is not None and claim_day < death_day:
            e.add("claim_date", "claim.before_death", death_date=get("death_date"))
        survivors = _survivors(e, get("survivors"), death_day)

    agreement = _agreement(e, get("collective_agreement"))
    payments = _payments(e, get("payments"))
    optional = sections.parse_sections(e, doc, case_type, calculation_day)
    if (optional.get("temporary_transfers") or optional.get("retraining")) and get("injury_date") is None:
        e.add("injury_date", "injury_date.required")
    if payments:
        _check_recipients(e, payments, case_type, survivors, optional)
    _check_year_9999(e, doc, claim_day, findings, survivors)
    e.raise_if_any()
    assert case_type is not None
    assert calculation_day is not None
    assert claim_day is not None
    assert liability is not None
    assert params is not None
    return Case(
        case_type=case_type,
        calculation_day=calculation_day,
        claim_day=claim_day,
        region=region,
        liability=liability,
        earnings=earnings,
        parameters=params,
        findings=findings,
        death_day=death_day,
        survivors=survivors,
        agreement_multipliers=agreement,
        payments=payments,
        budget_sector=budget_sector,
        late_claim_due_to_employer=late_by_employer,
        injury_day=injury_day,
        **optional,
    )


#: The last day the engine's arithmetic may reach (9999-12-31).
_LAST_DAY = date(9999, 12, 31).toordinal()
#: How far past an input day the engine may need to count: a due date (one month and ten days), the
#: end of the calculation month; a birthday (23 years) is checked on its own.
_MARGIN_DAYS = 70


def _check_year_9999(
    e: Errors,
    doc: dict[str, Any],
    claim_day: int | None,
    findings: tuple[Finding, ...],
    survivors: tuple[Survivor, ...],
) -> None:
    """Contract v2 §5: a date the engine would derive past 9999-12-31 is a field error naming its input."""
    limit = _LAST_DAY - _MARGIN_DAYS
    if claim_day is not None and claim_day > limit:
        e.add("claim_date", "date.too_late")
    calculation = day_value(doc.get("calculation_date"))
    if calculation is not None and calculation > limit:
        e.add("calculation_date", "date.too_late")
    for f in findings:
        if f.start > limit:
            e.add(("msec_findings", f.index, "from"), "date.too_late")
        if f.applied_on > limit:
            e.add(("msec_findings", f.index, "applied_on"), "date.too_late")
    expenses = doc.get("additional_expenses")
    if type(expenses) is list:
        for i, item in enumerate(expenses):
            submitted = day_value(item.get("submitted_on")) if type(item) is dict else None
            if submitted is not None and submitted > limit:
                e.add(("additional_expenses", i, "submitted_on"), "date.too_late")
    capital = doc.get("capitalisation")
    if type(capital) is dict:
        on = day_value(capital.get("date"))
        if on is not None and on > limit:
            e.add("capitalisation.date", "date.too_late")
        birth = day_value(capital.get("victim_birth_date"))
        if birth is not None and birth > _LAST_DAY - 366 * 71:
            e.add("capitalisation.victim_birth_date", "date.too_late")
    death = day_value(doc.get("death_date"))
    if death is not None and death > _LAST_DAY - 6 * 366:
        e.add("death_date", "date.too_late")
    for s in survivors:
        if s.birth is not None and s.birth > _LAST_DAY - 366 * (71 if capital else 23) - _MARGIN_DAYS:
            e.add(("survivors", s.index, "birth_date"), "date.too_late")


def _liability(e: Errors, raw: Any) -> Liability | None:
    obj = e.obj(raw, "liability")
    if obj is None:
        return None
    fault = Decimal(0)
    raw_fault = obj.get("victim_gross_negligence_percent")
    if type(raw_fault) is int and 0 <= raw_fault < 100:
        fault = Decimal(raw_fault)  # the common case: a whole percentage
    elif raw_fault is not None:
        parsed = e.number(raw_fault, "liability", "victim_gross_negligence_percent")
        if parsed is not None:
            if parsed < 0 or parsed >= HUNDRED:
                e.add("liability.victim_gross_negligence_percent", "percent.fault")
            else:
                fault = parsed
    return Liability(
        e.flag(obj.get("source_of_increased_danger"), "liability", "source_of_increased_danger"),
        e.flag(obj.get("employer_fault"), "liability", "employer_fault"),
        e.flag(obj.get("force_majeure"), "liability", "force_majeure"),
        e.flag(obj.get("victim_intent"), "liability", "victim_intent"),
        _percent(fault),
        e.flag(obj.get("third_party_fault"), "liability", "third_party_fault"),
        e.flag(obj.get("aircraft"), "liability", "aircraft"),
    )


_NO_EARNINGS = Earnings(None, ())


def _earnings(e: Errors, raw: Any) -> Earnings:
    obj = e.obj(raw, "earnings", required=False)
    if obj is None:
        return _NO_EARNINGS
    reference = e.month(obj.get("reference_month"), "earnings", "reference_month", required=False)
    months = []
    seen: set[int] = set()
    month_cache, money_cache = validation.MONTH_CACHE, validation.MONEY_CACHE
    for i, item in enumerate(e.items(obj.get("months"), "earnings", "months")):
        if type(item) is not dict:
            e.add(("earnings", "months", i), "type.object")
            continue
        label, raw_amount, exclude = item.get("month"), item.get("amount"), item.get("exclude")
        month = month_cache.get(label) if type(label) is str else None
        if month is None:
            month = month_value(label)
        amount = money_cache.get(raw_amount) if type(raw_amount) is str else None
        if amount is None:
            amount = money_value(raw_amount)
        if month is None or amount is None or (exclude is not None and type(exclude) is not str):
            # The slow path: say what is wrong, field by field.
            e.month(label, "earnings", "months", i, "month")
            e.money(item.get("amount"), "earnings", "months", i, "amount")
            if exclude is not None and type(exclude) is not str:
                e.add(("earnings", "months", i, "exclude"), "type.string")
            continue
        if month in seen:
            e.add(("earnings", "months", i, "month"), "earnings.month_duplicate", month=label)
        seen.add(month)
        # ``month`` is known only for a string ``label`` (the checks above), so ``label`` is a str here.
        months.append(EarningsMonth(month, label, amount, exclude or None))  # type: ignore[arg-type]
    if months and reference is None and obj.get("reference_month") is None:
        e.add("earnings.reference_month", "earnings.reference_required")
    since = e.month(obj.get("sustained_increase_from"), "earnings", "sustained_increase_from", required=False)
    partial = None
    raw_partial = e.obj(obj.get("partial_month"), "earnings", "partial_month", required=False)
    if raw_partial is not None:
        earned = e.money(raw_partial.get("earned"), "earnings", "partial_month", "earned")
        days = _positive(e, raw_partial.get("days_worked"), "earnings", "partial_month", "days_worked")
        average = _positive(
            e,
            raw_partial.get("average_working_days_per_month"),
            "earnings",
            "partial_month",
            "average_working_days_per_month",
        )
        if days is not None and days > 31:
            e.add(("earnings", "partial_month", "days_worked"), "number.range", low=1, high=31)
        if average is not None and average > 31:
            e.add(
                ("earnings", "partial_month", "average_working_days_per_month"),
                "number.range",
                low=1,
                high=31,
            )
        if earned is not None and days is not None and average is not None:
            partial = PartialMonth(earned, days, average)
    documents_unavailable = e.flag(obj.get("documents_unavailable"), "earnings", "documents_unavailable")
    if months and reference is not None and not documents_unavailable:
        # Contract v2 §1, §5: listed months that the reference month or the sustained rise leave
        # unusable are a contradiction to fix, never a silent fall to the five-minimum-wage floor.
        before = [m for m in months if m.month < reference]
        if not before:
            e.add("earnings.reference_month", "earnings.no_month_before_reference")
        elif since is not None and not any(m.month >= since for m in before):
            e.add("earnings.sustained_increase_from", "earnings.no_month_after_increase")
    return Earnings(
        reference,
        tuple(months),
        since,
        partial,
        documents_unavailable,
    )


def _positive(e: Errors, raw: Any, *path: Any) -> Decimal | None:
    value = e.number(raw, *path)
    if value is not None and value <= 0:
        e.add(path, "number.positive")
        return None
    return value


_START = attrgetter("start")


def _findings(e: Errors, raw: Any) -> tuple[Finding, ...]:
    findings = []
    for i, item in enumerate(e.items(raw, "msec_findings")):
        if type(item) is not dict:
            e.add(("msec_findings", i), "type.object")
            continue
        get = item.get
        raw_from, raw_to, raw_loss = get("from"), get("to"), get("loss_percent")
        group, care, raw_applied = get("disability_group"), get("care"), get("applied_on")
        # The fast path: every field valid (the slow path below says what is wrong, field by field).
        start = day_value(raw_from)
        end = None if raw_to is None else day_value(raw_to)
        applied = start if raw_applied is None else day_value(raw_applied)
        percent = _percent_cache.get(raw_loss) if type(raw_loss) is int and 0 <= raw_loss <= 100 else None
        if (
            start is not None
            and percent is not None
            and applied is not None
            and (end is not None or raw_to is None)
            and (end is None or end >= start)
            and (group is None or (type(group) is str and group in GROUPS))
            and (care is None or (type(care) is list and all(type(n) is str and n in CARE for n in care)))
        ):
            findings.append(
                Finding(
                    i,
                    start,
                    end,
                    percent,
                    group,
                    care is not None and "special_medical" in care,
                    group == "I" or (care is not None and "household" in care),
                    applied,
                )
            )
            continue
        start = e.day(get("from"), "msec_findings", i, "from")
        end = e.day(get("to"), "msec_findings", i, "to", required=False)
        loss = e.number(get("loss_percent"), "msec_findings", i, "loss_percent")
        if loss is not None and not (0 <= loss <= HUNDRED):
            e.add(("msec_findings", i, "loss_percent"), "percent.loss")
            loss = None
        group = e.choice(
            get("disability_group"), GROUPS, "msec_findings", i, "disability_group", required=False
        )
        care = e.items(get("care"), "msec_findings", i, "care")
        for j, need in enumerate(care):
            if need not in CARE or type(need) is not str:
                e.add(("msec_findings", i, "care", j), "choice", choices=", ".join(CARE))
        applied = e.day(get("applied_on"), "msec_findings", i, "applied_on", required=False)
        if start is None or loss is None:
            continue
        if end is not None and end < start:
            e.add(
                ("msec_findings", i, "to"), "findings.end_before_start", to=get("to"), **{"from": get("from")}
            )
            continue
        findings.append(
            Finding(
                i,
                start,
                end,
                _percent(loss),
                group,
                "special_medical" in care,
                "household" in care or group == "I",
                applied if applied is not None else start,
            )
        )
    findings.sort(key=_START)
    for previous, current in zip(findings, findings[1:], strict=False):
        if previous.end is None or previous.end >= current.start:
            e.add(
                ("msec_findings", current.index, "from"),
                "findings.overlap",
                other=previous.index,
                other_from=dates.iso(previous.start),
                other_to=dates.iso(previous.end) if previous.end is not None else "…",
            )
    return tuple(findings)


def _survivors(e: Errors, raw: Any, death_day: int | None) -> tuple[Survivor, ...]:
    survivors = []
    ids: set[str] = set()
    for i, item in enumerate(e.items(raw, "survivors")):
        if type(item) is not dict:
            e.add(("survivors", i), "type.object")
            continue
        get = item.get
        sid = e.text(get("id"), "survivors", i, "id")
        if sid is not None:
            if sid in ids:
                e.add(("survivors", i, "id"), "survivor.id_duplicate")
            ids.add(sid)
        relation = get("relation")
        if relation is not None and type(relation) is not str:
            e.add(("survivors", i, "relation"), "type.string")
        birth = e.day(get("birth_date"), "survivors", i, "birth_date", required=False)
        sex = e.choice(get("sex"), SEXES, "survivors", i, "sex", required=False)
        raw_grounds = e.items(get("grounds"), "survivors", i, "grounds")
        grounds = []
        for j, ground in enumerate(raw_grounds):
            if ground not in GROUNDS or type(ground) is not str:
                e.add(("survivors", i, "grounds", j), "choice", choices=", ".join(GROUNDS))
            elif ground not in grounds:
                grounds.append(ground)
        if not raw_grounds:
            e.add(("survivors", i, "grounds"), "survivor.grounds_required", choices=", ".join(GROUNDS))
        for ground in grounds:
            if ground in ("minor", "student", "pension_age") and get("birth_date") is None:
                e.add(("survivors", i, "birth_date"), "survivor.birth_required", ground=ground)
            if ground == "pension_age" and get("sex") is None:
                e.add(("survivors", i, "sex"), "survivor.sex_required")
        student = e.day(get("student_until"), "survivors", i, "student_until", required=False)
        disabled = e.day(get("disabled_until"), "survivors", i, "disabled_until", required=False)
        caring = e.day(get("caring_until"), "survivors", i, "caring_until", required=False)
        court = e.money(get("court_maintenance"), "survivors", i, "court_maintenance", required=False)
        ended = e.day(get("right_ended_on"), "survivors", i, "right_ended_on", required=False)
        right_from = e.day(get("right_from"), "survivors", i, "right_from", required=False)
        if right_from is not None and death_day is not None and death_day < _LAST_DAY - 6 * 366:
            window = dates.add_years(date.fromordinal(death_day), 5).toordinal()
            if right_from > window:
                e.add(("survivors", i, "right_from"), "survivor.right_from_too_late")
            elif right_from < death_day:
                e.add(("survivors", i, "right_from"), "survivor.right_from_before_death")
        if sid is None or not grounds:
            continue
        survivors.append(
            Survivor(
                i,
                sid,
                relation or "",
                birth,
                sex,
                tuple(grounds),
                student,
                disabled,
                caring,
                court,
                ended,
                right_from,
            )
        )
    _check_caregivers(e, survivors, death_day)
    return tuple(survivors)


def _check_caregivers(e: Errors, survivors: list[Survivor], death_day: int | None) -> None:
    """Contract v2 §3: a carer without ``caring_until`` cares until the youngest minor turns 14; with no
    minor survivor, ``caring_until`` is required."""
    if death_day is None:
        return
    has_minor = any("minor" in s.grounds and s.birth is not None for s in survivors)
    for s in survivors:
        if "caregiver" in s.grounds and s.caring_until is None and not has_minor:
            e.add(("survivors", s.index, "caring_until"), "survivor.caring_until_required")


def _agreement(e: Errors, raw: Any) -> dict[str, Decimal]:
    obj = e.obj(raw, "collective_agreement", required=False)
    if obj is None:
        return {}
    multipliers = e.obj(
        obj.get("one_off_multipliers"), "collective_agreement", "one_off_multipliers", required=False
    )
    out: dict[str, Decimal] = {}
    for group, value in (multipliers or {}).items():
        if group not in GROUPS:
            e.add(("collective_agreement", "one_off_multipliers", group), "choice", choices=", ".join(GROUPS))
            continue
        parsed = _positive(e, value, "collective_agreement", "one_off_multipliers", group)
        if parsed is not None:
            out[group] = parsed
    return out


def _payments(e: Errors, raw: Any) -> tuple[Payment, ...]:
    payments = []
    day_cache, money_cache = validation.DAY_CACHE, validation.MONEY_CACHE
    for i, item in enumerate(e.items(raw, "payments")):
        if type(item) is not dict:
            e.add(("payments", i), "type.object")
            continue
        raw_day, raw_amount, applies_to = item.get("date"), item.get("amount"), item.get("applies_to")
        day = day_cache.get(raw_day) if type(raw_day) is str else None
        if day is None:
            day = day_value(raw_day)
        amount = money_cache.get(raw_amount) if type(raw_amount) is str else None
        if amount is None:
            amount = money_value(raw_amount)
        recipient = item.get("recipient")
        if recipient is not None and type(recipient) is not str:
            e.add(("payments", i, "recipient"), "type.string")
            recipient = None
        if day is None or amount is None or type(applies_to) is not str or applies_to not in APPLIES_TO:
            e.day(item.get("date"), "payments", i, "date")
            e.money(item.get("amount"), "payments", i, "amount")
            e.choice(applies_to, APPLIES_TO, "payments", i, "applies_to")
            continue
        payments.append(
            Payment(i, day, amount, applies_to)
            if recipient is None
            else Payment(i, day, amount, applies_to, recipient)
        )
    return tuple(payments)


def _check_recipients(
    e: Errors,
    payments: tuple[Payment, ...],
    case_type: str | None,
    survivors: tuple[Survivor, ...],
    optional: Any,
) -> None:
    """An optional ``payments.N.recipient`` must name someone the case can owe: the victim of an injury,
    a survivor of a death, or the recipient of an agreed sum."""
    named = [p for p in payments if p.recipient is not None]
    if not named:
        return
    known = {"victim"} if case_type == "injury" else {s.id for s in survivors}
    known.update(s.recipient for s in optional.get("agreed_sums") or ())
    for p in named:
        if p.recipient not in known:
            e.add(
                ("payments", p.index, "recipient"),
                "payment.recipient_unknown",
                choices=", ".join(sorted(known)),
            )


# --- parameters: the case's own tables replace the built-in ones, table by table ----------------

_ALWAYS = parameters.ALWAYS


#: No caller's tables: every table the case does not give is the built-in one.
_NO_TABLES: Mapping[str, parameters.Table] = {}


def _parameters(e: Errors, raw: Any, tables: Mapping[str, parameters.Table]) -> Parameters | None:
    obj = e.obj(raw, "parameters", required=False) or {}
    get = obj.get
    # A table the case does not give is the caller's (the stored rows over the files) or the built-in one.
    return Parameters(
        _callers(_money_table(e, "minimum_wage", get("minimum_wage"), keyed=False), tables),
        _callers(_money_table(e, "subsistence_minimum", get("subsistence_minimum"), keyed=True), tables),
        _callers(_indexation(e, get("indexation")), tables),
        _callers(_penalty_rate(e, get("penalty_rate_per_day")), tables),
        _callers(_pension_age(e, get("pension_age")), tables),
        _callers(_money_table(e, "average_monthly_wage", get("average_monthly_wage"), keyed=False), tables),
        _callers(_one_time_benefit(e, get("one_time_benefit")), tables),
    )


def _callers(table: parameters.Table, tables: Mapping[str, parameters.Table]) -> parameters.Table:
    """The caller's table of the same name, unless the case gave its own (origin "case")."""
    if not tables or table.origin == "case":
        return table
    return tables.get(table.name, table)


def _one_time_benefit(e: Errors, raw: Any) -> parameters.Table:
    """Contract v2: which rule sets the one-time benefit from each ``from`` (a rule of null: a gap)."""
    if raw is None:
        return parameters.load("one_time_benefit")
    key = _table_key("one_time_benefit", raw, ("from", "rule"))
    found = _TABLES.get(key) if key is not None else None
    if found is not None:
        return found
    rows: list[tuple[date, Decimal | None, str]] = []
    rules: list[str | None] = []
    for i, item in enumerate(e.items(raw, "parameters", "one_time_benefit")):
        if type(item) is not dict:
            e.add(("parameters", "one_time_benefit", i), "type.object")
            continue
        start = e.day(item.get("from"), "parameters", "one_time_benefit", i, "from")
        rule = item.get("rule")
        if rule is not None:
            rule = e.choice(rule, ONE_TIME_RULES, "parameters", "one_time_benefit", i, "rule")
            if rule is None:
                continue
        if start is not None:
            rows.append((date.fromordinal(start), None, "*"))
            rules.append(rule)
    table = parameters.from_case("one_time_benefit", rows, rules)
    if key is not None and not e and len(_TABLES) < _TABLES_LIMIT:
        _TABLES[key] = table
    return table


#: Tables given by cases, by their rows as written: a national run sends the same tables again and
#: again, and a Table is immutable, so each distinct one is built once.
_TABLES: dict[tuple[object, ...], parameters.Table] = {}
_TABLES_LIMIT = 1_000


def _table_key(name: str, raw: Any, columns: tuple[str, ...]) -> tuple[object, ...] | None:
    """The rows of a case's table as written, to find it in the cache (None: not cacheable)."""
    if type(raw) is not list:
        return None
    try:
        if len(columns) == 3:
            a, b, c = columns
            key = (name, *[(r.get(a), r.get(b), r.get(c)) for r in raw])
        else:
            key = (name, *[tuple([r.get(c) for c in columns]) for r in raw])
        hash(key)
    except (AttributeError, TypeError):  # a row that is not an object, or holds a list
        return None
    return key


def _money_table(e: Errors, name: str, raw: Any, keyed: bool) -> parameters.Table:
    if raw is None:
        return parameters.load(name)
    key = _table_key(name, raw, ("from", "amount", "region"))
    found = _TABLES.get(key) if key is not None else None
    if found is not None:
        return found
    rows = []
    for i, item in enumerate(e.items(raw, "parameters", name)):
        if type(item) is not dict:
            e.add(("parameters", name, i), "type.object")
            continue
        start = e.day(item.get("from"), "parameters", name, i, "from")
        amount = e.money(item.get("amount"), "parameters", name, i, "amount")
        region = "*"
        if keyed:
            region = e.text(item.get("region"), "parameters", name, i, "region", required=False) or "*"
        if start is not None and amount is not None:
            rows.append((date.fromordinal(start), Decimal(amount).scaleb(-2), region))
    table = parameters.from_case(name, rows)
    if key is not None and not e and len(_TABLES) < _TABLES_LIMIT:
        _TABLES[key] = table
    return table


def _indexation(e: Errors, raw: Any) -> parameters.Table:
    if raw is None:
        return parameters.load("indexation")
    key = _table_key("indexation", raw, ("from", "factor"))
    found = _TABLES.get(key) if key is not None else None
    if found is not None:
        return found
    rows = []
    for i, item in enumerate(e.items(raw, "parameters", "indexation")):
        if type(item) is not dict:
            e.add(("parameters", "indexation", i), "type.object")
            continue
        start = e.day(item.get("from"), "parameters", "indexation", i, "from")
        factor = _positive(e, item.get("factor"), "parameters", "indexation", i, "factor")
        if start is not None and factor is not None:
            rows.append((date.fromordinal(start), factor, "*"))
    table = parameters.from_case("indexation", rows)
    if key is not None and not e and len(_TABLES) < _TABLES_LIMIT:
        _TABLES[key] = table
    return table


def _penalty_rate(e: Errors, raw: Any) -> parameters.Table:
    """Contract v2: a dated table ``[{"from", "rate"}]``, or (as in v1) one rate for every day."""
    if raw is None:
        return parameters.load("penalty_rate_per_day")
    if type(raw) is list:
        key = _table_key("penalty_rate_per_day", raw, ("from", "rate"))
        found = _TABLES.get(key) if key is not None else None
        if found is not None:
            return found
        rows = []
        for i, item in enumerate(raw):
            if type(item) is not dict:
                e.add(("parameters", "penalty_rate_per_day", i), "type.object")
                continue
            start = e.day(item.get("from"), "parameters", "penalty_rate_per_day", i, "from")
            rate = e.number(item.get("rate"), "parameters", "penalty_rate_per_day", i, "rate")
            if rate is not None and not (0 <= rate < 1):
                e.add(("parameters", "penalty_rate_per_day", i, "rate"), "number.range", low=0, high=1)
                rate = None
            if start is not None and rate is not None:
                rows.append((date.fromordinal(start), rate, "*"))
        table = parameters.from_case("penalty_rate_per_day", rows)
        if key is not None and not e and len(_TABLES) < _TABLES_LIMIT:
            _TABLES[key] = table
        return table
    key = ("penalty_rate_per_day", raw) if type(raw) in (str, int, float, Decimal) else None
    found = _TABLES.get(key) if key is not None else None
    if found is not None:
        return found
    rate = e.number(raw, "parameters", "penalty_rate_per_day")
    if rate is not None and not (0 <= rate < 1):
        e.add("parameters.penalty_rate_per_day", "number.range", low=0, high=1)
        rate = None
    table = parameters.from_case("penalty_rate_per_day", [(_ALWAYS, rate, "*")] if rate is not None else [])
    if key is not None and rate is not None and len(_TABLES) < _TABLES_LIMIT:
        _TABLES[key] = table
    return table


def _pension_age(e: Errors, raw: Any) -> parameters.Table:
    if raw is None:
        return parameters.load("pension_age")
    obj = e.obj(raw, "parameters", "pension_age") or {}
    key = ("pension_age", obj.get("male"), obj.get("female"))
    found = _TABLES.get(key) if type(key[1]) is int and type(key[2]) is int else None
    if found is not None:
        return found
    rows = []
    ok = True
    for sex in SEXES:
        value = obj.get(sex)
        if type(value) is not int or not (30 <= value <= 90):
            e.add(("parameters", "pension_age", sex), "number.range", low=30, high=90)
            ok = False
            continue
        rows.append((_ALWAYS, Decimal(value), sex))
    table = parameters.from_case("pension_age", rows)
    if ok and len(_TABLES) < _TABLES_LIMIT:
        _TABLES[key] = table
    return table


# --- output ----------------------------------------------------------------------------------------


def result_document(case: Case, statement: Statement, language: str = "ru") -> dict[str, Any]:
    """The contract's result JSON (as a dict); ``trace`` only when the statement was traced."""
    installments: list[dict[str, Any]] = []
    append = installments.append
    accrued = paid = outstanding = penalty = 0
    iso_cache = dates.ISO
    iso = dates.iso
    bounds = dates.BOUNDS
    text = MONEY_TEXT.get  # the common sums are formatted once per process
    zero = money(0)
    switch_month = regime.SWITCH_MONTH
    switch_day = regime.REGIME_2025_FROM
    old, new = regime.LABOUR_CODE_2004, regime.LABOUR_CODE_2025
    for inst in statement.installments:
        amount = inst.amount
        inst_paid = inst.paid
        rest = amount - inst_paid
        inst_penalty = inst.penalty
        accrued += amount
        paid += inst_paid
        outstanding += rest
        penalty += inst_penalty
        amount_text = text(amount) or money(amount)
        period = inst.period
        append(
            {
                "component": inst.component,
                "recipient": inst.recipient,
                "period": None if period is None else (bounds.get(period) or dates.bounds(period))[3],
                "amount": amount_text,
                "due_date": iso_cache.get(inst.due) or iso(inst.due),
                "paid": zero
                if not inst_paid
                else amount_text
                if not rest
                else (text(inst_paid) or money(inst_paid)),
                "outstanding": zero
                if not rest
                else amount_text
                if not inst_paid
                else (text(rest) or money(rest)),
                "days_overdue": inst.days_overdue,
                "penalty": text(inst_penalty) or money(inst_penalty) if inst_penalty else zero,
                "regime": inst.regime
                or (
                    (new if period >= switch_month else old)
                    if period is not None
                    else (new if inst.due >= switch_day else old)
                ),
            }
        )
    for null in statement.nulls:
        # Contract v2 §5: no amount set by law yet: listed, outside every total, taking no payment.
        append(
            {
                "component": null.component,
                "recipient": null.recipient,
                "period": None,
                "amount": None,
                "due_date": iso(null.due),
                "paid": zero,
                "outstanding": None,
                "days_overdue": 0,
                "penalty": zero,
                "regime": regime.LABOUR_CODE_2025,
            }
        )
    ame = statement.ame
    out: dict[str, Any] = {
        "contract": CONTRACT,
        "liability": {
            "employer_liable": statement.liable,
            "victim_fault_percent": statement.victim_fault.text,
        },
        "average_monthly_earnings": {
            "amount": money(ame.amount) if ame.amount is not None else None,
            "method": ame.method,
        },
        "installments": installments,
        "totals": {
            "accrued": money(accrued),
            "paid": money(paid),
            "outstanding": money(outstanding),
            "penalty": money(penalty),
        },
    }
    out["warnings"] = [
        {"code": w.code, "field": w.field, "message": render_warning(w, language)} for w in statement.warnings
    ]
    unapplied = {k: money(v) for k, v in statement.unapplied.items() if v}
    if unapplied:
        out["unapplied_payments"] = unapplied
    for name, value in statement.extras.items():
        out[name] = value
    if statement.steps is not None:
        out["trace"] = render(statement.steps, language, statement.event_regime)
    return out


def calculate_case(
    case_doc: Any,
    language: str = "ru",
    trace: bool = True,
    tables: Mapping[str, parameters.Table] | None = None,
) -> dict[str, Any]:
    """Parse, compute and write out one case; see :func:`compensation.calculate`."""
    case = parse_case(case_doc, language, tables)
    try:
        statement = compute(case, trace)
    except RuleViolation as exc:
        raise InvalidCase({exc.field: [message(exc.key, language, exc.params)]}) from exc
    return result_document(case, statement, language)
