"""Printed documents: the act N-1 (and the occupational-disease act) as the victim's copy, in Russian.

Art. 223: one copy of the act is handed to the victim (or the relatives, or their
representative) against signature. The document prints the act's content as
``accidents.services.labelled`` gives it, so a frozen revision prints exactly as
it was approved. The form's wording is Russian whatever the interface language.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from reports.pdf import Document


def _d(value: str | None) -> str | None:
    """ISO date → 05.03.2026, as Russian documents write it."""
    if not value:
        return None
    return date.fromisoformat(value).strftime("%d.%m.%Y")


def _dt(value: str | None) -> str | None:
    if not value:
        return None
    return datetime.fromisoformat(value).strftime("%d.%m.%Y %H:%M")


def _service(years: int | None, months: int | None) -> str | None:
    if years is None and months is None:
        return None
    return f"{years or 0} лет {months or 0} мес."


def act_pdf(c: dict[str, Any], draft: bool = False) -> bytes:
    """The act as a PDF: form N-1 for an accident, the occupational-disease act otherwise."""
    disease = c.get("kind") == "occupational_disease"
    victim, employer, accident, commission = c["victim"], c["employer"], c["accident"], c["commission"]
    title = "о случае профессионального заболевания" if disease else "о несчастном случае на производстве"
    doc = Document(title=f"Акт {title}", footer_text=f"Акт № {c['act_id']}, редакция {c['revision']}")
    doc.alias_nb_pages()
    if draft:
        doc.watermark("ПРОЕКТ")

    if not disease:
        doc.line_of("Форма Н-1", size=9, align="R")
    doc.line_of("УТВЕРЖДАЮ", size=9, bold=True, align="R")
    doc.line_of("_______________________________ (работодатель)", size=9, align="R")
    doc.line_of("«____» ______________ 20____ г.", size=9, align="R")
    doc.ln(3)
    doc.line_of(f"АКТ № {c['act_id']}", size=13, bold=True, align="C", height=6)
    doc.line_of(title, size=12, bold=True, align="C", height=6)
    if c["revision"] > 1:
        doc.line_of(
            f"(редакция {c['revision']}: {c.get('amendment_reason') or 'изменения'})", size=9, align="C"
        )
    doc.ln(2)

    doc.heading("1. Дата и время несчастного случая" if not disease else "1. Дата установления диагноза")
    if disease:
        doc.field("Дата установления заключительного диагноза", _d(c.get("diagnosed_on")))
    doc.field("Дата и время происшествия", _dt(accident["occurred_at"]))
    doc.field("Категория", c.get("category_label"))

    doc.heading("2. Организация (работодатель)")
    doc.field("Наименование", employer["name"])
    doc.field("ИНН / ОКПО", f"{employer['inn']} / {employer.get('okpo') or '—'}")
    doc.field("Адрес", employer.get("address"))
    doc.field("Вид экономической деятельности (ГКЭД)", f"{employer['sector']} — {c.get('sector_label')}")

    doc.heading("3. Комиссия по расследованию")
    doc.field(
        "Приказ о создании комиссии",
        f"№ {commission.get('order_no') or '—'} от {_d(commission.get('formed_on')) or '—'}",
    )
    for member, role in zip(commission["members"], c.get("member_role_labels", []), strict=False):
        doc.line_of(f"   {member['full_name']} — {member['post']} ({role})")

    doc.heading("4. Сведения о пострадавшем")
    doc.field("Фамилия, имя, отчество", victim["full_name"])
    doc.field("Персональный идентификационный номер (ПИН)", victim["pin"])
    doc.field("Пол", c.get("sex_label"))
    doc.field("Дата рождения", _d(victim["birth_date"]))
    doc.field("Профессия (должность)", victim["occupation"])
    doc.field("Стаж работы по профессии", _service(c.get("service_years"), c.get("service_months")))
    if disease:
        doc.field("Стаж работы в условиях воздействия вредного фактора, лет", c.get("exposure_years"))

    doc.heading("5. Инструктажи и обучение по охране труда")
    doc.field("Вводный инструктаж", _d(c.get("induction_briefing_on")))
    doc.field("Инструктаж на рабочем месте", _d(c.get("workplace_briefing_on")))
    doc.field("Обучение по охране труда", _d(c.get("osh_training_on")))
    doc.field(
        "Проверка знаний по охране труда",
        f"{_d(c.get('knowledge_test_on')) or '—'}, протокол № {c.get('knowledge_test_protocol') or '—'}",
    )

    doc.heading("6. Место происшествия и оборудование")
    doc.field("Место происшествия", accident["place"])
    doc.field("Описание места, опасные и вредные факторы", c.get("place_description"))
    doc.field("Оборудование, использование которого привело к несчастному случаю", c.get("equipment"))

    doc.heading("7. Обстоятельства" + (" возникновения заболевания" if disease else " несчастного случая"))
    doc.field("Обстоятельства", c.get("circumstances"))
    if disease:
        doc.field("Заключительный диагноз", c.get("final_diagnosis"))
        doc.field("Центр профпатологии, установивший диагноз", c.get("pathology_centre"))
        doc.field("Вредные производственные факторы и их уровни", c.get("harmful_factors"))
    else:
        incident = c.get("incident_type")
        doc.field(
            "7.1. Вид происшествия", f"{incident} — {c.get('incident_type_label')}" if incident else None
        )
        doc.field("7.2. Характер полученных повреждений", c.get("injury_nature"))
        doc.field("Поврежденный орган (часть тела)", c.get("body_part"))
    doc.field("Диагноз по медицинскому заключению", c.get("diagnosis"))
    doc.field("Степень тяжести", c.get("severity_label"))
    doc.field(
        "Медицинское заключение",
        f"№ {c.get('medical_conclusion_no') or '—'} от {_d(c.get('medical_conclusion_on')) or '—'}, "
        f"{c.get('medical_institution') or '—'}",
    )
    intox = c.get("intoxication_label")
    if c.get("intoxication") not in (None, "none"):
        intox = f"{intox}; установлено: {c.get('intoxication_evidence') or '—'}"
    doc.field("7.3. Нахождение пострадавшего в состоянии опьянения", intox)
    witnesses = [f"{w['full_name']}{', ' + w['contact'] if w.get('contact') else ''}" for w in c["witnesses"]]
    doc.field("7.4. Очевидцы", "; ".join(witnesses))

    doc.heading("8. Причины" + (" заболевания" if disease else " несчастного случая"))
    main = c.get("main_cause")
    doc.field("Основная причина", f"{main} — {c.get('main_cause_label')}" if main else None)
    others = [
        f"{code} — {label}"
        for code, label in zip(
            c.get("contributing_causes") or [], c.get("contributing_cause_labels") or [], strict=False
        )
    ]
    doc.field("Сопутствующие причины", "; ".join(others))
    doc.field("Описание причин", c.get("causes_text"))

    doc.heading("9. Лица, допустившие нарушение требований охраны труда")
    if not c["responsible_persons"]:
        doc.line_of("   —")
    for person in c["responsible_persons"]:
        doc.line_of(f"   {person['full_name']}, {person['post']}: {person['norms_violated']}")
    fault = c.get("victim_fault_percent")
    doc.field(
        "Степень вины пострадавшего при грубой неосторожности (ст. 230 ТК КР)",
        f"{fault} %" if fault else "не установлена",
    )

    doc.heading("10. Квалификация")
    related = c.get("work_related")
    doc.field(
        "Связь с производством",
        None if related is None else ("связан с производством" if related else "не связан с производством"),
    )
    doc.field("Обоснование", c.get("work_related_grounds"))
    if related is False and c.get("not_work_related_agreed"):
        doc.field("Согласование (ст. 223 ТК КР)", "вывод комиссии согласован с инспекцией")

    doc.heading("11. Мероприятия по устранению причин")
    if not c["measures"]:
        doc.line_of("   —")
    for i, m in enumerate(c["measures"], start=1):
        who = f", ответственный: {m['responsible']}" if m.get("responsible") else ""
        doc.line_of(f"   {i}. {m['description']} — срок: {_d(m['due_date'])}{who}")

    doc.ln(4)
    doc.line_of("Подписи членов комиссии:", bold=True)
    for member in commission["members"]:
        doc.line_of(f"   ______________________  {member['full_name']}")
    doc.ln(3)
    doc.line_of("Экземпляр акта получил(а): ______________________  «____» __________ 20____ г.")
    return doc.to_bytes()
