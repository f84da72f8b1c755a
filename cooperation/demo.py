"""Demonstration records of the two inspectorates: the agreement, norms, inspections (a joint one
signed by both, linked to a demo accident), orders in every state, requests both ways, complaints,
plan proposals and joint work.

Everything goes through the services as the demo inspectors (inspector@mintrud.gov.kg for the
Service, tli@kasaba.kg for the Inspection). The norms are illustrative: check the articles against
the acts in force before relying on them.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app

from accidents.models import Accident
from cooperation import services
from cooperation.models import CoopAgreement, InfoRequest, Norm
from core import db
from core.db import today_bishkek

STATE = "inspector@mintrud.gov.kg"
TLI = "tli@kasaba.kg"

NORMS = [
    ("Трудовой кодекс КР", "ст. 223", "Расследование и учёт несчастных случаев на производстве, извещения"),
    ("Правила по охране труда при работе на высоте", "п. 12", "Ограждение рабочих мест на высоте"),
    ("Правила по охране труда при работе на высоте", "п. 20", "Страховочные системы и их проверка"),
    ("Трудовой кодекс КР", "инструктаж", "Инструктаж и обучение безопасным методам работы"),
    ("Трудовой кодекс КР", "СИЗ", "Выдача средств индивидуальной защиты"),
    ("Трудовой кодекс КР", "оплата труда", "Своевременная выплата заработной платы"),
]


def load(context: Any) -> None:
    with current_app.test_request_context():
        _Loader(context).run()
    context.summary.append(
        "cooperation: the 2022 agreement, inspections, orders, requests, complaints, joint work"
    )


class _Loader:
    def __init__(self, context: Any) -> None:
        self.state = context.users[STATE]
        self.tli = context.users[TLI]
        self.employers = context.employers
        self.today = today_bishkek()

    def days(self, n: int) -> date:
        return self.today - timedelta(days=n)

    def run(self) -> None:
        with db.transaction() as s:
            s.add(
                CoopAgreement(
                    title="Макулдашуу: КББФ жана ЭСКМ ортосундагы өз ара кызматташуу жөнүндө",
                    trade_union_party="Кыргызстан кесиптик бирликтер федерациясы (төрага Э. Кызаев)",
                    state_party="КР Эмгек, социалдык камсыздоо жана миграция министрлиги",
                    # The text is dated "April 2022" without a day; the 15th stands in for it.
                    signed_on=date(2022, 4, 15),
                )
            )
            norms = [Norm(act=a, article=b, title=t) for a, b, t in NORMS]
            s.add_all(norms)
        self.norms = [n.id for n in norms]
        self.inspections()
        self.requests()
        self.complaints()
        self.plan()
        self.joint_work()

    def _accident(self, employer_id: int) -> int | None:
        return db.session().scalar(
            sa.select(Accident.id)
            .where(Accident.employer_id == employer_id)
            .order_by(Accident.occurred_at.desc())
        )

    def inspections(self) -> None:
        mine = self.employers[0]
        accident = self._accident(mine.id)
        joint = services.open_inspection(
            self.tli,
            {
                "employer_id": mine.id,
                "kind": "joint",
                "grounds": "accident" if accident else "other",
                "accident_id": accident,
                "inspectors": "Кыдыралиев С. Б. (Инспекция); Жумабаев Э. С. (Кызмат)",
                "starts_on": self.days(40),
                "ends_on": self.days(36),
                "subject": "Соблюдение требований охраны труда на руднике после несчастного случая",
                "findings": "Выявлены нарушения при работе на высоте и в обучении персонала.",
            },
        )
        high = services.add_violation(
            self.state,
            joint.id,
            {
                "norm_id": self.norms[1],
                "description": "Рабочие площадки на отметке +6 м без ограждений",
                "severity": "grave",
                "accident_id": accident,
            },
        )
        training = services.add_violation(
            self.tli,
            joint.id,
            {
                "norm_id": self.norms[3],
                "description": "Целевой инструктаж не проведён",
                "severity": "serious",
            },
        )
        overdue = services.add_order(
            self.state,
            joint.id,
            {
                "violation_id": high.id,
                "requirement": "Установить ограждения на всех площадках выше 1,8 м",
                "issued_on": self.days(36),
                "due_on": self.days(6),
            },
        )
        done = services.add_order(
            self.tli,
            joint.id,
            {
                "violation_id": training.id,
                "requirement": "Провести целевой инструктаж бригад горного участка",
                "issued_on": self.days(36),
                "due_on": self.days(20),
            },
        )
        services.sign_inspection(self.tli, joint.id, {})
        services.sign_inspection(self.state, joint.id, {})
        services.fulfil_order(
            self.tli, done.id, {"fulfilled_on": self.days(22), "evidence": "Журнал инструктажа"}
        )
        del overdue  # left overdue on purpose: the officer of Ала-Тоо Кен sees it so

        builder = self.employers[1]
        unplanned = services.open_inspection(
            self.state,
            {
                "employer_id": builder.id,
                "kind": "unplanned",
                "grounds": "other",
                "inspectors": "Жумабаев Э. С.",
                "starts_on": self.days(15),
                "ends_on": None,
                "subject": "Работа на высоте при монтаже перекрытий",
            },
        )
        violation = services.add_violation(
            self.state,
            unplanned.id,
            {
                "norm_id": self.norms[2],
                "description": "Страховочные пояса не проверены",
                "severity": "serious",
            },
        )
        order = services.add_order(
            self.state,
            unplanned.id,
            {
                "violation_id": violation.id,
                "requirement": "Испытать страховочные системы",
                "issued_on": self.days(14),
                "due_on": self.today + timedelta(days=10),
            },
        )
        services.extend_order(
            self.state,
            order.id,
            {"extended_to": self.today + timedelta(days=30), "extension_reason": "Поставка новых поясов"},
        )
        services.open_inspection(
            self.tli,
            {
                "employer_id": self.employers[2].id,
                "kind": "unplanned",
                "grounds": "other",
                "inspectors": "Кыдыралиев С. Б.",
                "starts_on": self.days(5),
                "ends_on": None,
                "subject": "Проверка по обращению профкома (сведения ограниченного доступа)",
                "restricted": True,
            },
        )

    def requests(self) -> None:
        answered = services.send_request(
            self.tli,
            {
                "kind": "inspection_results",
                "subject": "Результаты проверок ОсОО «Бишкек Курулуш» за 2026 год",
                "body": "Просим сообщить результаты проверок и выданные предписания.",
                "due_on": self.today + timedelta(days=10),
                "employer_id": self.employers[1].id,
            },
        )
        services.answer_request(
            self.state,
            answered.id,
            {"answer": "Проведена внеплановая проверка, выдано предписание."},
        )
        services.send_request(
            self.state,
            {
                "kind": "cause_analysis",
                "subject": "Анализ причин травматизма в горнодобывающей отрасли",
                "body": "Просим представить анализ причин несчастных случаев за 9 месяцев.",
                "due_on": self.today + timedelta(days=20),
            },
        )
        late = services.send_request(
            self.tli,
            {
                "kind": "complaint_review",
                "subject": "Итоги рассмотрения жалоб работников ОАО «Ош Текстиль»",
                "body": "Просим сообщить итоги рассмотрения жалоб.",
                "due_on": self.today + timedelta(days=1),
            },
        )
        with db.transaction() as s:  # the demo's only back-dating: a request sent a month ago, now late
            record = s.get(InfoRequest, late.id)
            record.sent_on, record.due_on = self.days(30), self.days(10)

    def complaints(self) -> None:
        reviewed = services.register_complaint(
            self.tli,
            {
                "employer_id": self.employers[2].id,
                "complainant": "Работники швейного цеха № 2",
                "received_on": self.days(25),
                "review_due_on": self.days(11),
                "subject": "Задержка заработной платы",
                "text": "Заработная плата за два месяца не выплачена.",
                "restricted": True,
            },
        )
        services.review_complaint(
            self.tli,
            reviewed.id,
            {
                "result": "upheld",
                "result_text": "Задолженность погашена после вмешательства Инспекции.",
                "reviewed_on": self.days(12),
            },
        )
        services.register_complaint(
            self.state,
            {
                "employer_id": self.employers[3].id,
                "complainant": "Машинист катка",
                "received_on": self.days(3),
                "review_due_on": self.today + timedelta(days=11),
                "subject": "Работа без спецодежды",
                "text": "Спецодежда не выдаётся с весны.",
                "restricted": False,
            },
        )

    def plan(self) -> None:
        year = self.today.year + 1
        proposals = [
            services.propose(self.tli, {"year": year, "employer_id": e.id, "reason": reason})
            for e, reason in zip(
                self.employers,
                (
                    "Тяжёлые несчастные случаи в 2026 году",
                    "Жалобы на работу на высоте",
                    "Задержки заработной платы",
                ),
                strict=False,
            )
        ]
        services.decide_proposal(
            self.state, proposals[0].id, {"decision": "accepted", "decision_reason": "Включено в план"}
        )
        services.decide_proposal(
            self.state,
            proposals[1].id,
            {"decision": "declined", "decision_reason": "Внеплановая проверка проведена в 2026 году"},
        )

    def joint_work(self) -> None:
        group = services.form_group(
            self.tli,
            {
                "name": "Рабочая группа по снижению травматизма в горнодобывающей отрасли",
                "purpose": "Совместный анализ причин и подготовка предложений (п. 1.5)",
                "permanent": True,
                "formed_on": self.days(200),
                "members": "Кыдыралиев С. Б. (Инспекция); Жумабаев Э. С. (Кызмат)",
            },
        )
        services.adopt_plan(
            self.state,
            {
                "title": "План совместных мероприятий на следующий год",
                "period_from": self.today + timedelta(days=36),
                "period_to": self.today + timedelta(days=400),
                "adopted_on": self.days(5),
                "working_group_id": group.id,
                "items": [
                    {
                        "description": "Совместные проверки горнодобывающих предприятий",
                        "owner": "both",
                        "responsible": "Рабочая группа",
                        "due_on": self.today + timedelta(days=120),
                    },
                    {
                        "description": "Семинар для профкомов по расследованию несчастных случаев",
                        "owner": "trade_union",
                        "responsible": "Инспекция",
                        "due_on": self.today + timedelta(days=90),
                    },
                ],
            },
        )
        event = services.record_event(
            self.tli,
            {
                "kind": "round_table",
                "title": "Круглый стол «Причины производственного травматизма»",
                "held_on": self.days(30),
                "place": "г. Бишкек",
                "organiser": "trade_union",
                "participants": "Инспекция, Кызмат, профкомы горнодобывающих предприятий",
                "outcome": "Рекомендации по обучению работе на высоте",
                "working_group_id": group.id,
            },
        )
        services.add_document(
            self.state,
            {
                "kind": "methodological_letter",
                "title": "Методическое письмо о совместных проверках",
                "prepared_on": self.days(20),
                "summary": "Порядок совместных проверок (п. 2.7) и обмена сведениями (п. 2.2).",
                "event_id": event.id,
            },
        )
