"""Demonstration claims: for this year's approved acts, MSEC findings, claims, issued decisions and a
ledger with payments on time, late and missing, so statements show arrears and art. 269 penalties.

Only accidents of the current and last calendar year are used: the minimum-wage table has no
confirmed value for 2023-2025 (see compensation/parameters/minimum_wage.yaml), and the engine
refuses to guess one.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask import current_app

from accidents.classifiers import Category, Status
from accidents.models import Accident, Act, Victim
from claims import services
from core import db
from core.auth.models import User
from core.classifiers import Role
from core.db import BISHKEK, today_bishkek
from core.errors import DomainError

SURVIVORS = [
    {
        "full_name": "Сатыбалдиева Айжан",
        "relation": "супруга",
        "sex": "female",
        "age": 34,
        "grounds": ["caregiver"],
    },
    {"full_name": "Сатыбалдиев Эмир", "relation": "сын", "sex": "male", "age": 9, "grounds": ["minor"]},
    {
        "full_name": "Сатыбалдиева Алия",
        "relation": "дочь",
        "sex": "female",
        "age": 5,
        "grounds": ["minor"],
    },
]


def _month_start(day: date, back: int) -> date:
    first = day.replace(day=1)
    for _ in range(back):
        first = (first - timedelta(days=1)).replace(day=1)
    return first


def _years_ago(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def load(context: Any) -> None:
    today = today_bishkek()
    rng = context.rng
    s = db.session()
    rows = s.execute(
        sa.select(Accident, Act, Victim)
        .join(Act, Act.accident_id == Accident.id)
        .join(Victim, Victim.id == Act.victim_id)
        .where(
            Act.status == Status.APPROVED,
            Act.work_related.is_(True),
            Accident.category.in_([Category.SEVERE, Category.FATAL, Category.GROUP]),
        )
        .order_by(Accident.occurred_at)
    ).all()
    officers = {u.employer_id: u for u in s.scalars(sa.select(User).where(User.role == Role.SAFETY_OFFICER))}
    made = 0
    with current_app.test_request_context():
        eligible = [
            (accident, victim)
            for accident, _act, victim in rows
            if accident.employer_id in officers
            and accident.occurred_at.astimezone(BISHKEK).date().year >= today.year
            and accident.occurred_at.astimezone(BISHKEK).date() + timedelta(days=45) < today
        ]
        for n, (accident, victim) in enumerate(eligible):
            day = accident.occurred_at.astimezone(BISHKEK).date()
            # The two latest claims are still waiting: one within the ten days of art. 257, one past them.
            waiting = {
                len(eligible) - 1: today - timedelta(days=3),
                len(eligible) - 2: today - timedelta(days=14),
            }
            try:
                _claim(officers[accident.employer_id], accident, victim, day, today, rng, waiting.get(n))
            except DomainError:
                continue  # a demo case the rules refuse is simply left out
            made += 1
    context.summary.append(f"{made} compensation claims, most with decisions and payments")


def _claim(
    officer: Any,
    accident: Accident,
    victim: Victim,
    day: date,
    today: date,
    rng: Any,
    waiting_since: date | None,
) -> None:
    fatal = accident.category == Category.FATAL
    base = Decimal(rng.choice([24000, 28000, 32000, 36000, 45000]))
    earnings = [
        {
            "month": _month_start(day, back).strftime("%Y-%m"),
            "amount": base + Decimal(rng.randint(0, 30) * 100),
            "exclude": None,
        }
        for back in range(1, 13)
    ]
    filed_on = day + timedelta(days=rng.randint(20, 35))
    data: dict[str, Any] = {
        "victim_id": victim.id,
        "case_type": "death" if fatal else "injury",
        "claimant_name": SURVIVORS[0]["full_name"] if fatal else victim.full_name,
        "claimant_relation": "супруга" if fatal else "victim",
        "filed_on": filed_on,
        "region": accident.employer.region,
        "reference_month": day.strftime("%Y-%m"),
        "earnings": earnings,
        "documents": [
            {"code": code, "received_on": filed_on, "note": None}
            for code in services.CLAIM_DOCUMENTS["death" if fatal else "injury"]
        ],
        "survivors": [],
    }
    if fatal:
        data["death_date"] = day
        data["survivors"] = [
            {
                "key": f"s{i + 1}",
                "full_name": p["full_name"],
                "relation": p["relation"],
                "sex": p["sex"],
                "birth_date": _years_ago(day, p["age"]),
                "grounds": p["grounds"],
                "caring_until": None,
            }
            for i, p in enumerate(SURVIVORS)
        ]
        # The spouse's right as a caregiver lasts until the youngest child turns 14 (art. 249).
        data["survivors"][0]["caring_until"] = _years_ago(data["survivors"][-1]["birth_date"], -14)
    else:
        start = day + timedelta(days=rng.randint(20, 30))
        loss = Decimal(rng.choice([30, 40, 60, 80]))
        services.record_finding(
            officer,
            {
                "victim_id": victim.id,
                "msec_body": "МСЭК",
                "decision_no": str(rng.randint(100, 999)),
                "examined_on": start,
                "valid_from": start,
                "valid_to": None,
                "loss_percent": loss,
                "disability_group": {30: None, 40: "III", 60: "II", 80: "II"}[int(loss)],
                "reexamination_on": start + timedelta(days=365),
                "care_household": loss >= 60,
                "rehabilitation": ["sanatorium"] if loss >= 60 else [],
            },
        )
        data["filed_on"] = max(filed_on, start + timedelta(days=3))
    if waiting_since is not None:
        data["filed_on"] = waiting_since
    claim = services.file_claim(officer, data)
    if waiting_since is not None:
        return
    decision_day = min(claim.filed_on + timedelta(days=rng.randint(3, 9)), today)
    draft = services.draft_decision(officer, claim.id, decision_day)
    issued = services.issue_decision(officer, draft.id, f"{rng.randint(10, 99)}-к", decision_day)
    # Payments: the first months on time, then one late, then nothing: the statement shows arrears.
    periodic = [i for i in issued.result["installments"] if i["period"]]
    months = sorted({i["period"] for i in periodic})
    for n, month in enumerate(months):
        due = date.fromisoformat(max(i["due_date"] for i in periodic if i["period"] == month))
        paid_on = due if n % 3 != 2 else due + timedelta(days=20)
        if paid_on > today or n > 4:
            break
        for recipient in sorted({str(i["recipient"]) for i in periodic if i["period"] == month}):
            amount = sum(
                Decimal(i["amount"] or 0)
                for i in periodic
                if i["period"] == month and str(i["recipient"]) == recipient
            )
            services.record_payment(
                officer,
                claim.id,
                {
                    "paid_on": paid_on,
                    "amount": amount,
                    "applies_to": "periodic",
                    "recipient": recipient,
                    "reference": f"п/п {rng.randint(1, 999)}",
                },
            )
    # Most employers paid the one-off benefits (arts. 247, 252); some still owe them.
    for item in issued.result["installments"]:
        due = date.fromisoformat(item["due_date"])
        if not item["period"] and item["amount"] is not None and due <= today and rng.random() < 0.6:
            services.record_payment(
                officer,
                claim.id,
                {
                    "paid_on": due,
                    "amount": Decimal(item["amount"]),
                    "applies_to": "one_off",
                    "recipient": str(item["recipient"]),
                    "reference": f"п/п {rng.randint(1, 999)}",
                },
            )
