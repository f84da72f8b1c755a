"""Stored records -> the contract's case file, so the ledger and the stateless API share one engine.

Everything the engine needs is read from the claim, its findings and its payments;
nothing is computed here. ``build`` is the only door from the database to the rules.
The case file is of contract version 2 (``kg-injury-compensation/2``): it carries the day of the
accident (``injury_date``: the Code of the event, the temporary-transfer pay), whether the employer
is of the budget sector (Resolution No. 465's fixed sums), a claim late through the employer's fault
(no three-year limit) and each survivor's ``right_from``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from claims.models import Claim, MsecFinding, Payment
from core.db import BISHKEK

#: The contract the case files built here follow.
CONTRACT = "kg-injury-compensation/2"


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _percent(value: Decimal) -> str:
    return format(value, "f")


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def finding_entry(finding: MsecFinding) -> dict[str, Any]:
    care = []
    if finding.care_special_medical:
        care.append("special_medical")
    if finding.care_household:
        care.append("household")
    return {
        "from": finding.valid_from.isoformat(),
        "to": _iso(finding.valid_to),
        "loss_percent": _percent(finding.loss_percent),
        "disability_group": finding.disability_group,
        "care": care,
        "applied_on": _iso(finding.applied_on),
    }


def build(
    claim: Claim,
    findings: Iterable[MsecFinding],
    payments: Iterable[Payment],
    calculation_date: date,
    overrides: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The case file of ``claim`` as of ``calculation_date``; ``overrides`` come from an appeal or a court."""
    partial = None
    if claim.partial_month_earned is not None:
        partial = {
            "earned": _money(claim.partial_month_earned),
            "days_worked": claim.partial_month_days_worked,
            "average_working_days_per_month": claim.partial_month_average_days,
        }
    case: dict[str, Any] = {
        "case_type": str(claim.case_type),
        "calculation_date": calculation_date.isoformat(),
        "claim_date": claim.filed_on.isoformat(),
        "region": str(claim.region),  # a StrEnum until reloaded; the case file holds plain JSON
        "injury_date": claim.victim.accident.occurred_at.astimezone(BISHKEK).date().isoformat(),
        "employer": {"budget_sector": bool(claim.employer.budget_sector)},
        "late_claim_due_to_employer": bool(claim.late_claim_due_to_employer),
        "liability": {
            "source_of_increased_danger": claim.source_of_increased_danger,
            "employer_fault": claim.employer_fault,
            "force_majeure": claim.force_majeure,
            "victim_intent": claim.victim_intent,
            "victim_gross_negligence_percent": _percent(claim.victim_fault_percent),
        },
        "earnings": {
            "reference_month": claim.reference_month,
            "months": [
                {"month": m.month, "amount": _money(m.amount), "exclude": m.exclude} for m in claim.earnings
            ],
            "sustained_increase_from": claim.sustained_increase_from,
            "partial_month": partial,
            "documents_unavailable": claim.documents_unavailable,
        },
        "payments": [
            {"date": p.paid_on.isoformat(), "amount": _money(p.amount), "applies_to": p.applies_to}
            for p in sorted(payments, key=lambda p: (p.paid_on, p.id))
            # A penalty paid is not an installment paid: the ledger applies it (claims.services.ledger).
            if p.paid_on <= calculation_date and p.applies_to != "penalty"
        ],
    }
    if claim.case_type == "injury":
        case["msec_findings"] = [finding_entry(f) for f in sorted(findings, key=lambda f: f.valid_from)]
    else:
        case["death_date"] = claim.death_date.isoformat() if claim.death_date else None
        case["survivors"] = [
            {
                "id": s.key,
                "relation": s.relation,
                "birth_date": s.birth_date.isoformat(),
                "sex": s.sex,
                "grounds": list(s.grounds),
                "student_until": _iso(s.student_until),
                "disabled_until": _iso(s.disabled_until),
                "caring_until": _iso(s.caring_until),
                "court_maintenance": _money(s.court_maintenance),
                # Extension: the right ended early (the survivor died, was adopted, ...; arts. 251, 263).
                **({"right_ended_on": s.right_ended_on.isoformat()} if s.right_ended_on else {}),
                **({"right_from": s.right_from.isoformat()} if s.right_from else {}),
            }
            for s in claim.survivors
        ]
    if claim.one_off_multipliers:
        case["collective_agreement"] = {"one_off_multipliers": dict(claim.one_off_multipliers)}
    for path, value in (overrides or {}).items():
        node = case
        *parents, leaf = path.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    return case
