"""Demonstration accidents: about fifty investigations over eighteen months, in every state of the workflow.

They go through the services, as a user would, so every record has its deadlines,
notices, acts, revisions and audit entries; only the clock is the loader's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from flask import current_app

from accidents import consequences, deadlines, measures, services
from accidents.classifiers import Category
from accidents.models import Accident
from core import db
from core.db import BISHKEK, now_utc, today_bishkek

OFFICERS = [
    "officer@alatoo-ken.kg",
    "officer@bishkek-kurulush.kg",
    "officer@osh-textile.kg",
    "officer@naryn-joldoru.kg",
]
INSPECTORS = ["inspector@mintrud.gov.kg", "tli@kasaba.kg"]


@dataclass(frozen=True)
class Scenario:
    place: str
    incident_type: int
    circumstances: str
    occupation: str
    injury_nature: str
    body_part: str
    diagnosis: str
    equipment: str
    main_cause: int
    contributing: tuple[int, ...]
    causes_text: str
    measure: str
    responsible_post: str
    norms: str


#: The statistics codes of each scenario's act, by the victim's occupation: ESAW injury type and body
#: part, ISCO-08 sub-major group, ESAW material agent (classifiers).
CODES = {
    "Проходчик": (20, 40, "81", 3),
    "Машинист конвейера": (40, 50, "81", 11),
    "Водитель карьерного самосвала": (20, 60, "83", 12),
    "Монтажник": (20, 70, "71", 2),
    "Стропальщик": (120, 70, "71", 14),
    "Электромонтёр": (60, 50, "74", 5),
    "Прядильщица": (10, 50, "81", 10),
    "Аппаратчица крашения": (70, 40, "81", 15),
    "Грузчик": (30, 30, "93", 14),
    "Дорожный рабочий": (120, 70, "93", 12),
    "Битумщик": (60, 70, "93", 15),
    "Машинист бульдозера": (100, 70, "83", 20),
}


#: By employer (the demo's four: a mine, a builder, a textile mill, a road company).
SCENARIOS: list[list[Scenario]] = [
    [
        Scenario(
            "Рудник Ак-Тюз, горизонт 1340, забой № 7",
            3,
            "При оборке кровли после взрывных работ произошло отслоение горной массы; "
            "проходчика придавило куском породы.",
            "Проходчик",
            "Ушиб, закрытый перелом",
            "Грудная клетка",
            "Закрытый перелом 6-7 рёбер справа, ушиб правого лёгкого",
            "Перфоратор ПП-63, 2018 г.",
            4,
            (9,),
            "Не выполнена оборка кровли в полном объёме; наряд-допуск выдан без осмотра забоя "
            "горным мастером.",
            "Провести внеплановую проверку состояния кровли всех действующих забоев",
            "Горный мастер",
            "Правила безопасности при ведении горных работ, п. 5.4",
        ),
        Scenario(
            "Обогатительная фабрика, корпус измельчения",
            4,
            "При очистке разгрузочного конца ленточного конвейера без его остановки рукавицу затянуло "
            "между лентой и барабаном.",
            "Машинист конвейера",
            "Размозжение, травматическая ампутация",
            "Кисть правой руки",
            "Травматическая ампутация II-III пальцев правой кисти",
            "Конвейер ленточный КЛ-800, 2012 г.",
            5,
            (11, 12),
            "Очистка конвейера на ходу; защитное ограждение приводного барабана снято и не установлено.",
            "Восстановить ограждения приводных барабанов, установить блокировку пуска",
            "Механик участка",
            "Правила по охране труда при эксплуатации конвейеров, п. 3.12",
        ),
        Scenario(
            "Склад взрывчатых материалов, подъездная дорога",
            1,
            "При движении самосвала БелАЗ по технологической дороге отказали тормоза; "
            "водитель выпрыгнул из кабины.",
            "Водитель карьерного самосвала",
            "Перелом",
            "Левая голень",
            "Закрытый перелом обеих костей левой голени",
            "Самосвал БелАЗ-7540, 2015 г.",
            3,
            (6,),
            "Выпуск на линию самосвала с неисправной тормозной системой; предрейсовый осмотр формальный.",
            "Организовать предрейсовый технический осмотр с записью в журнале",
            "Начальник автоколонны",
            "Правила технической эксплуатации карьерного транспорта, п. 2.7",
        ),
    ],
    [
        Scenario(
            "Строящийся жилой дом, ул. Ахунбаева 119, 9 этаж",
            2,
            "При монтаже опалубки перекрытия монтажник, не закреплённый страховочной привязью, "
            "оступился и упал в проём лестничной клетки.",
            "Монтажник",
            "Множественные переломы",
            "Таз, нижние конечности",
            "Перелом костей таза, закрытый перелом правого бедра",
            "Опалубка щитовая, леса рамные ЛРСП-40",
            8,
            (11, 9),
            "Проём лестничной клетки не огражден; работник не применял страховочную привязь.",
            "Оградить все проёмы перекрытий инвентарными ограждениями",
            "Прораб",
            "Правила по охране труда при работе на высоте, п. 12",
        ),
        Scenario(
            "Стройплощадка, зона работы башенного крана",
            3,
            "При подъёме пакета арматуры краном оборвался строп; пакет упал на стропальщика.",
            "Стропальщик",
            "Сочетанная травма",
            "Голова, позвоночник",
            "Открытая черепно-мозговая травма, перелом позвоночника",
            "Кран башенный КБ-405, 2010 г.; строп 4СК-5,0",
            3,
            (5,),
            "Применение стропа с обрывом прядей; отсутствие контроля за состоянием "
            "грузозахватных приспособлений.",
            "Провести осмотр и выбраковку всех грузозахватных приспособлений",
            "Лицо, ответственное за безопасное производство работ краном",
            "Правила устройства и безопасной эксплуатации грузоподъёмных кранов, п. 9.4",
        ),
        Scenario(
            "Бытовой городок стройплощадки",
            7,
            "При подключении электроинструмента к временному щиту электромонтёр коснулся "
            "открытых токоведущих частей.",
            "Электромонтёр",
            "Электротравма, ожог",
            "Правая кисть",
            "Электроожог правой кисти II степени",
            "Щит распределительный временный ЩРВ-1",
            3,
            (10,),
            "Временный щит эксплуатировался без крышки; работник не прошёл проверку знаний "
            "по электробезопасности.",
            "Заменить временные щиты на закрытые, провести проверку знаний по электробезопасности",
            "Энергетик участка",
            "Правила техники безопасности при эксплуатации электроустановок, п. 1.3",
        ),
    ],
    [
        Scenario(
            "Прядильный цех, ровничная машина № 4",
            4,
            "При ликвидации обрыва ровницы на ходу машины прядильщицу затянуло за рукав в вытяжной прибор.",
            "Прядильщица",
            "Рваная рана, перелом",
            "Левое предплечье",
            "Рваная рана и закрытый перелом левой лучевой кости",
            "Машина ровничная Р-192-5",
            5,
            (9, 12),
            "Устранение обрыва без остановки машины; неисправная блокировка крышки вытяжного прибора.",
            "Восстановить блокировки на всех ровничных машинах цеха",
            "Мастер прядильного цеха",
            "Инструкция по охране труда для прядильщицы, п. 3.5",
        ),
        Scenario(
            "Красильно-отделочный цех",
            11,
            "При приготовлении красильного раствора в ёмкости без вытяжной вентиляции аппаратчица "
            "почувствовала удушье и потеряла сознание.",
            "Аппаратчица крашения",
            "Острое отравление",
            "Органы дыхания",
            "Острое ингаляционное отравление парами уксусной кислоты средней степени",
            "Ёмкость для приготовления растворов V=2 м³",
            2,
            (11,),
            "Местная вытяжная вентиляция не включена; средства индивидуальной защиты "
            "органов дыхания не выданы.",
            "Оборудовать ёмкости местными отсосами с блокировкой",
            "Начальник красильного цеха",
            "Санитарные правила для предприятий текстильной промышленности, п. 4.2",
        ),
        Scenario(
            "Склад готовой продукции",
            6,
            "При ручной погрузке рулонов ткани массой 60 кг грузчик почувствовал резкую боль в пояснице.",
            "Грузчик",
            "Растяжение, грыжа диска",
            "Поясничный отдел позвоночника",
            "Острая травматическая грыжа межпозвонкового диска L4-L5",
            "—",
            2,
            (13,),
            "Нарушены нормы подъёма тяжестей вручную; средства малой механизации не предусмотрены.",
            "Приобрести гидравлические тележки и исключить ручной подъём свыше норм",
            "Заведующий складом",
            "Нормы предельно допустимых нагрузок при подъёме тяжестей вручную",
        ),
    ],
    [
        Scenario(
            "Автодорога Нарын — Торугарт, км 54",
            1,
            "Дорожного рабочего, устанавливавшего временные знаки, сбил проезжавший автомобиль; "
            "место работ не было ограждено.",
            "Дорожный рабочий",
            "Сочетанная травма",
            "Нижние конечности, таз",
            "Перелом костей таза, ушибы мягких тканей",
            "—",
            7,
            (8,),
            "Схема ограждения места работ не согласована и не выполнена; сигнальный жилет не выдан.",
            "Обеспечить ограждение мест производства работ по утверждённым схемам",
            "Мастер дорожного участка",
            "Правила безопасности при строительстве и ремонте автомобильных дорог, п. 6.1",
        ),
        Scenario(
            "Асфальтобетонный завод, Нарын",
            9,
            "При открытии задвижки битумного котла выплеснулся горячий битум.",
            "Битумщик",
            "Термический ожог",
            "Лицо, шея, правая рука",
            "Термический ожог лица, шеи и правой руки II-III степени, 12 % поверхности тела",
            "Котёл битумный КБ-5, 2009 г.",
            3,
            (11,),
            "Неисправная задвижка; работник не был обеспечен защитным щитком и спецодеждой.",
            "Заменить задвижки битумных котлов, обеспечить работников защитными щитками",
            "Начальник асфальтобетонного завода",
            "Правила по охране труда при производстве асфальтобетонных смесей, п. 4.8",
        ),
        Scenario(
            "Перевал Долон, снегоочистка",
            17,
            "Во время расчистки дороги от снежного заноса сошла лавина; бульдозер засыпало снегом.",
            "Машинист бульдозера",
            "Переохлаждение, ушибы",
            "Всё тело",
            "Общее переохлаждение II степени, ушибы грудной клетки",
            "Бульдозер Т-170, 2011 г.",
            14,
            (2,),
            "Работы начаты без оценки лавинной опасности и связи с метеослужбой.",
            "Ввести согласование работ на лавиноопасных участках с метеослужбой",
            "Начальник дорожно-эксплуатационного участка",
            "Инструкция по производству работ в лавиноопасных районах, п. 2.3",
        ),
    ],
]

FIRST_NAMES_M = [
    "Бакыт",
    "Нурлан",
    "Эрмек",
    "Азамат",
    "Мирлан",
    "Темирлан",
    "Улан",
    "Канат",
    "Жоомарт",
    "Руслан",
]
FIRST_NAMES_F = ["Айгуль", "Жылдыз", "Гульнара", "Нургуль", "Айпери", "Чолпон", "Бермет", "Асель"]
SURNAMES = [
    "Асанов",
    "Токтогулов",
    "Омуров",
    "Сыдыков",
    "Бекмуратов",
    "Жумабаев",
    "Калыков",
    "Мамытов",
    "Иманов",
    "Абдыкадыров",
    "Усенов",
    "Эсенгулов",
    "Турдубаев",
    "Садыков",
    "Орозбеков",
]
PATRONYMICS_M = ["Бакытович", "Маратович", "Токтогулович", "Эркинович", "Самаркулович", "Алмазбекович"]
PATRONYMICS_F = ["Бакытовна", "Маратовна", "Токтогуловна", "Эркиновна", "Алмазбековна"]


def _person(rng: Any, female: bool, year: int) -> dict[str, Any]:
    """A victim with a PIN built as the Kyrgyz one is: sex digit, birth date DDMMYYYY, five digits."""
    born = date(year, rng.randint(1, 12), rng.randint(1, 28))
    surname = rng.choice(SURNAMES) + ("а" if female else "")
    if female:
        name = f"{surname} {rng.choice(FIRST_NAMES_F)} {rng.choice(PATRONYMICS_F)}"
    else:
        name = f"{surname} {rng.choice(FIRST_NAMES_M)} {rng.choice(PATRONYMICS_M)}"
    pin = f"{1 if female else 2}{born:%d%m%Y}{rng.randint(0, 99999):05d}"
    return {"pin": pin, "full_name": name, "sex": "female" if female else "male", "birth_date": born}


#: (days ago, category, victims, stage); stages: reported, investigating, submitted, under_review,
#: returned, approved, amended, not_work_related. Older accidents are closed, recent ones in progress.
PLAN: list[tuple[int, str, int, str]] = [
    (520, "severe", 1, "approved"),
    (495, "light", 1, "approved"),
    (470, "fatal", 1, "approved"),
    (455, "light", 1, "not_work_related"),
    (430, "group", 3, "approved"),
    (410, "severe", 1, "approved"),
    (395, "light", 1, "approved"),
    (380, "severe", 1, "amended"),
    (360, "light", 1, "approved"),
    (345, "fatal", 1, "approved"),
    (330, "severe", 1, "approved"),
    (310, "light", 1, "approved"),
    (290, "group", 2, "approved"),
    (275, "severe", 1, "approved"),
    (260, "light", 1, "approved"),
    (240, "severe", 1, "approved"),
    (220, "light", 1, "approved"),
    (205, "fatal", 1, "approved"),
    (190, "severe", 1, "approved"),
    (175, "light", 1, "not_work_related"),
    (160, "severe", 1, "approved"),
    (150, "light", 1, "approved"),
    (140, "group", 2, "approved"),
    (128, "severe", 1, "approved"),
    (117, "light", 1, "approved"),
    (105, "severe", 1, "amended"),
    (95, "light", 1, "approved"),
    (84, "fatal", 1, "approved"),
    (75, "severe", 1, "approved"),
    (66, "light", 1, "approved"),
    (58, "severe", 1, "approved"),
    (50, "light", 1, "approved"),
    (44, "group", 2, "approved"),
    (38, "severe", 1, "under_review"),
    (33, "light", 1, "approved"),
    (29, "severe", 1, "returned"),
    (25, "light", 1, "under_review"),
    (22, "fatal", 1, "submitted"),
    (19, "severe", 1, "returned"),
    (16, "light", 1, "not_work_related_pending"),
    (14, "severe", 1, "submitted"),
    (12, "group", 2, "investigating"),
    (10, "light", 1, "reported"),
    (9, "severe", 1, "investigating"),
    (7, "light", 1, "investigating"),
    (6, "severe", 1, "investigating"),
    (4, "fatal", 1, "investigating"),
    (3, "light", 1, "reported"),
    (2, "severe", 1, "reported"),
    (1, "group", 2, "reported"),
]


def load(context: Any) -> None:
    """Fifty accidents across the four demo employers; takes a second or two."""
    with current_app.test_request_context():  # the services speak through flask-babel
        loader = _Loader(context)
        for i, (days_ago, category, victims, stage) in enumerate(PLAN):
            loader.accident(i, days_ago, Category(category), victims, stage)
    context.summary.append(f"{len(PLAN)} accidents in every state of the investigation")


class _Loader:
    def __init__(self, context: Any) -> None:
        self.rng = context.rng
        self.employers = context.employers
        self.officers = [context.users[e] for e in OFFICERS]
        self.inspectors = [context.users[e] for e in INSPECTORS]
        self.today = today_bishkek()

    def accident(self, i: int, days_ago: int, category: Category, victims: int, stage: str) -> None:
        rng, which = self.rng, i % len(self.employers)
        officer, inspector = self.officers[which], self.inspectors[i % 2]
        scenario = SCENARIOS[which][i % 3]
        day = self.today - timedelta(days=days_ago)
        occurred = datetime.combine(day, time(rng.randint(7, 17), rng.choice([0, 15, 30, 45])), BISHKEK)
        people = [
            {
                **_person(rng, which == 2 and rng.random() < 0.7, rng.randint(1965, 2002)),
                "occupation": scenario.occupation,
            }
            for _ in range(victims)
        ]
        accident = services.report_accident(
            officer,
            {
                "occurred_at": occurred,
                "place": scenario.place,
                "category": category,
                "incident_type": scenario.incident_type,
                "circumstances": scenario.circumstances,
                "victims": people,
            },
        )
        self.notify(officer, accident, occurred, days_ago)
        if stage == "reported":
            return
        formed = min(day + timedelta(days=1 if days_ago > 1 else 0), self.today)
        accident = services.form_commission(
            officer,
            accident.id,
            {
                "version": accident.version,
                "formed_on": formed,
                "order_no": f"{rng.randint(10, 240)}-к",
                "members": self.commission(rng),
            },
        )
        for n, act in enumerate(accident.acts):
            severity = (
                "fatal"
                if category == Category.FATAL
                else ("light" if category == Category.LIGHT else "severe")
            )
            not_related = stage.startswith("not_work_related")
            self.fill(officer, act.id, scenario, day, severity, not_related)
            if stage == "investigating":
                continue
            self.move(officer, act.id, "submit")
            if stage == "submitted":
                continue
            self.move(inspector, act.id, "start_review")
            if stage == "under_review" or stage == "not_work_related_pending":
                continue
            if stage == "returned" and n == 0:
                self.move(
                    inspector, act.id, "return", "Не приложен протокол осмотра места несчастного случая."
                )
                continue
            if not_related:
                current = services.get_act(_session(), inspector, act.id)
                services.agree_not_work_related(
                    inspector, act.id, {"version": current.version, "remark": "Вывод комиссии обоснован."}
                )
            self.move(inspector, act.id, "approve")
            if stage == "amended":
                self.move(
                    officer, act.id, "amend", "Уточнён диагноз по заключительному медицинскому заключению."
                )
                current = services.get_act(_session(), officer, act.id)
                services.update_act(
                    officer,
                    act.id,
                    {
                        "version": current.version,
                        "diagnosis": scenario.diagnosis + "; посттравматическая невропатия",
                    },
                )
                self.move(officer, act.id, "submit")
                self.move(inspector, act.id, "start_review")
                self.move(inspector, act.id, "approve")
            if not not_related and days_ago > 45:
                self.aftermath(officer, inspector, act.id, day, severity)
        self.close_on_its_day(accident.id, formed, category)

    def aftermath(self, officer: Any, inspector: Any, act_id: int, day: date, severity: str) -> None:
        """Older cases have ended (RU form 8) and their measures are done, most of them verified."""
        rng = self.rng
        if severity == "fatal":
            outcome: dict[str, Any] = {"outcome": "died", "died_on": day}
        else:
            weeks = rng.randint(1, 3) if severity == "light" else rng.randint(4, 6)
            end = min(day + timedelta(weeks=weeks), self.today)
            outcome = {
                "outcome": "recovered" if severity == "light" else rng.choice(["lighter_work", "disability"]),
                "incapacity_from": day,
                "incapacity_to": end,
                "days_lost": ((end - day).days + 1) * 5 // 7,
            }
            if outcome["outcome"] == "disability":
                outcome["disability_group"] = rng.choice(["II", "III"])
        consequences.record_consequence(officer, act_id, {"version": None, **outcome})
        for measure in services.get_act(_session(), officer, act_id).measures:
            done = min(measure.due_date - timedelta(days=rng.randint(-5, 10)), self.today)
            measures.record_completion(officer, measure.id, {"completed_on": done})
            if rng.random() < 0.7:
                measures.verify_completion(inspector, measure.id)

    def close_on_its_day(self, accident_id: int, formed: date, category: Category) -> None:
        """The services close an investigation on the day it happens; the demo's happened in the past.

        A loader's adjustment of the calendar, not a change of the case: no audit entry.
        """
        with db.transaction() as s:
            accident = s.get(Accident, accident_id)
            if accident is None or accident.investigation_closed_on is None:
                return
            days = deadlines.rules_on(formed).investigation_days[category]
            closed = formed + timedelta(days=self.rng.randint(1, days + 2))
            accident.investigation_closed_on = min(closed, self.today)

    def notify(self, officer: Any, accident: Any, occurred: datetime, days_ago: int) -> None:
        """Older accidents were notified (a few late); the last few days' notices are still owed."""
        if days_ago <= 2:
            return
        for notice in accident.notifications:
            hours = self.rng.choice([1, 2, 3, 5, 8, 30]) if days_ago > 15 else self.rng.choice([1, 2, 40])
            services.record_notification(
                officer,
                notice.id,
                {
                    "version": notice.version,
                    "sent_at": min(occurred + timedelta(hours=hours), now_utc()),
                    "method": self.rng.choice(["phone", "email", "letter"]),
                    "reference": f"исх. № {self.rng.randint(100, 999)}",
                    "recipient_name": None,
                },
            )

    def commission(self, rng: Any) -> list[dict[str, str]]:
        return [
            {
                "full_name": f"{rng.choice(SURNAMES)} {rng.choice(FIRST_NAMES_M)}",
                "post": "Главный инженер",
                "role": "chair",
            },
            {
                "full_name": f"{rng.choice(SURNAMES)}а {rng.choice(FIRST_NAMES_F)}",
                "post": "Председатель профкома",
                "role": "trade_union",
            },
            {
                "full_name": f"{rng.choice(SURNAMES)} {rng.choice(FIRST_NAMES_M)}",
                "post": "Специалист по охране труда",
                "role": "osh_specialist",
            },
        ]

    def fill(
        self, officer: Any, act_id: int, s: Scenario, day: date, severity: str, not_related: bool
    ) -> None:
        rng = self.rng
        current = services.get_act(_session(), officer, act_id)
        services.update_act(
            officer,
            act_id,
            {
                "version": current.version,
                "service_years": rng.randint(0, 20),
                "service_months": rng.randint(0, 11),
                "induction_briefing_on": day - timedelta(days=rng.randint(200, 2000)),
                "workplace_briefing_on": day - timedelta(days=rng.randint(5, 85)),
                "knowledge_test_on": day - timedelta(days=rng.randint(30, 330)),
                "knowledge_test_protocol": str(rng.randint(1, 60)),
                "place_description": s.place,
                "equipment": s.equipment,
                "circumstances": s.circumstances,
                "incident_type": s.incident_type,
                "injury_nature": s.injury_nature,
                "body_part": s.body_part,
                **dict(
                    zip(
                        ("injury_nature_code", "body_part_code", "occupation_code", "material_agent_code"),
                        CODES[s.occupation],
                        strict=True,
                    )
                ),
                "diagnosis": s.diagnosis,
                "severity": severity,
                "medical_institution": "Территориальная больница",
                "medical_conclusion_no": str(rng.randint(100, 900)),
                "medical_conclusion_on": min(day + timedelta(days=1), self.today),
                "main_cause": s.main_cause,
                "contributing_causes": list(s.contributing),
                "causes_text": s.causes_text,
                "victim_fault_percent": rng.choice([0, 0, 0, 10, 25]) if not not_related else 0,
                "work_related": not not_related,
                "work_related_grounds": (
                    "Травма получена в личных целях во время перерыва вне территории работодателя."
                    if not_related
                    else "Ст. 223 ТК КР: при исполнении трудовых обязанностей на территории работодателя."
                ),
                "measures": [
                    {
                        "description": s.measure,
                        "due_date": day + timedelta(days=30),
                        "responsible": s.responsible_post,
                    }
                ],
                "witnesses": [
                    {"full_name": f"{rng.choice(SURNAMES)} {rng.choice(FIRST_NAMES_M)}", "contact": None}
                ],
                "responsible_persons": [
                    {
                        "full_name": f"{rng.choice(SURNAMES)} {rng.choice(FIRST_NAMES_M)}",
                        "post": s.responsible_post,
                        "norms_violated": s.norms,
                    }
                ],
            },
        )

    def move(self, user: Any, act_id: int, action: str, remark: str | None = None) -> None:
        current = services.get_act(_session(), user, act_id)
        services.transition_act(
            user, act_id, {"action": action, "version": current.version, "remark": remark}
        )


def _session() -> Any:
    return db.session()
