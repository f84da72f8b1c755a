"""Demonstration data: three employers, an account for every role, and each feature's own demo records.

Every demo account has the password ``emgek-demo`` (see README).
"""

from __future__ import annotations

import importlib
import random
from dataclasses import dataclass, field
from typing import Any

from core import db
from core.auth.models import User
from core.classifiers import Inspectorate, Region, Role
from core.employers import Employer, EmployerHeadcount

DEMO_PASSWORD = "emgek-demo"  # noqa: S105 - published in the README on purpose

EMPLOYERS = [
    (
        "ОАО «Ала-Тоо Кен»",
        "01204199910071",
        "20100534",
        "B",
        Region.CHUI,
        "Кеминский р-н, рудник Ак-Тюз",
        820,
    ),
    (
        "ОсОО «Бишкек Курулуш»",
        "02306200510234",
        "25698741",
        "F",
        Region.BISHKEK,
        "г. Бишкек, ул. Ахунбаева 119",
        340,
    ),
    ("ОАО «Ош Текстиль»", "01511199510452", "21458963", "C", Region.OSH_CITY, "г. Ош, ул. Ленина 205", 510),
    ("ГП «Нарын Жолдору»", "01903200110867", "23698512", "H", Region.NARYN, "г. Нарын, ул. Ленина 4", 190),
]

USERS = [
    ("admin@emgek.kg", "Администратор системы", Role.ADMIN, None, None, None),
    ("officer@alatoo-ken.kg", "Асанов Бакыт Токтогулович", Role.SAFETY_OFFICER, 0, None, None),
    ("officer@bishkek-kurulush.kg", "Осмонова Айгуль Маратовна", Role.SAFETY_OFFICER, 1, None, None),
    ("officer@osh-textile.kg", "Юсупов Равшан Алишерович", Role.SAFETY_OFFICER, 2, None, None),
    ("officer@naryn-joldoru.kg", "Токтосунов Нурлан Кубатович", Role.SAFETY_OFFICER, 3, None, None),
    ("inspector@mintrud.gov.kg", "Жумабаев Эрлан Сапарович", Role.INSPECTOR, None, Inspectorate.STATE, None),
    (
        "inspector.osh@mintrud.gov.kg",
        "Абдыкадырова Гүлнара Исаковна",
        Role.INSPECTOR,
        None,
        Inspectorate.STATE,
        Region.OSH_CITY,
    ),
    ("tli@kasaba.kg", "Кыдыралиев Самат Бекович", Role.INSPECTOR, None, Inspectorate.TRADE_UNION, None),
    ("fund@sf.kg", "Мамытова Чынара Жолдошевна", Role.SOCIAL_FUND, None, None, Region.BISHKEK),
]


@dataclass
class DemoContext:
    """What the core demo made, handed to each feature's demo loader."""

    employers: list[Employer]
    users: dict[str, User]
    rng: random.Random
    summary: list[str] = field(default_factory=list)


def load(seed: int = 2026) -> list[str]:
    from core import FEATURES

    rng = random.Random(seed)
    with db.transaction() as s:
        employers = []
        for name, inn, okpo, sector, region, address, headcount in EMPLOYERS:
            employer = Employer(name=name, inn=inn, okpo=okpo, sector=sector, region=region, address=address)
            employer.headcounts = [
                EmployerHeadcount(
                    year=y, headcount=headcount + rng.randint(-30, 30), hours_worked=headcount * 1800
                )
                for y in (2023, 2024, 2025, 2026)
            ]
            s.add(employer)
            employers.append(employer)
        s.flush()
        users: dict[str, User] = {}
        for email, name, role, employer_index, inspectorate, region in USERS:
            user = User(
                email=email,
                full_name=name,
                role=role,
                employer_id=employers[employer_index].id if employer_index is not None else None,
                inspectorate=inspectorate,
                region=region,
            )
            user.set_password(DEMO_PASSWORD)
            s.add(user)
            users[email] = user
        s.flush()
    context = DemoContext(employers=employers, users=users, rng=rng)
    context.summary.append(f"{len(employers)} employers, {len(users)} accounts (password: {DEMO_PASSWORD})")
    for name in FEATURES:
        try:
            module: Any = importlib.import_module(f"{name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{name}.demo":
                raise
            continue
        module.load(context)
    return context.summary
