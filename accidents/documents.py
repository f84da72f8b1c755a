"""Printed documents: the act N-1 (and the occupational-disease act) as the victim's copy, in Russian.

Art. 223: one copy of the act is handed to the victim (or the relatives, or their
representative) against signature. The document prints the act's content as
``accidents.services.labelled`` gives it, so a frozen revision prints exactly as
it was approved. The form's wording is Russian whatever the interface language.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from core.pdf import Document


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

    doc.heading("1. Дата установления диагноза" if disease else "1. Дата и время несчастного случая")
    doc.fields(
        ([("Дата установления заключительного диагноза", _d(c.get("diagnosed_on")))] if disease else [])
        + [
            ("Дата и время происшествия", _dt(accident["occurred_at"])),
            ("Категория", c.get("category_label")),
        ]
    )

    doc.heading("2. Организация (работодатель)")
    doc.fields(
        [
            ("Наименование", employer["name"]),
            ("ИНН / ОКПО", f"{employer['inn']} / {employer.get('okpo') or '—'}"),
            ("Адрес", employer.get("address")),
            ("Вид экономической деятельности (ГКЭД)", f"{employer['sector']} — {c.get('sector_label')}"),
        ]
    )

    doc.heading("3. Комиссия по расследованию")
    roles = c.get("member_role_labels", [])
    doc.fields(
        [
            (
                "Приказ о создании комиссии",
                f"№ {commission.get('order_no') or '—'} от {_d(commission.get('formed_on')) or '—'}",
            )
        ]
        + [
            (role, f"{m['full_name']}, {m['post']}")
            for m, role in zip(commission["members"], roles, strict=False)
        ]
    )

    doc.heading("4. Сведения о пострадавшем")
    doc.fields(
        [
            ("Фамилия, имя, отчество", victim["full_name"]),
            ("Персональный идентификационный номер (ПИН)", victim["pin"]),
            ("Пол", c.get("sex_label")),
            ("Дата рождения", _d(victim["birth_date"])),
            ("Профессия (должность)", victim["occupation"]),
            ("Стаж работы по профессии", _service(c.get("service_years"), c.get("service_months"))),
        ]
        + (
            [("Стаж работы в условиях воздействия вредного фактора, лет", c.get("exposure_years"))]
            if disease
            else []
        )
    )

    doc.heading("5. Инструктажи и обучение по охране труда")
    doc.fields(
        [
            ("Вводный инструктаж", _d(c.get("induction_briefing_on"))),
            ("Инструктаж на рабочем месте", _d(c.get("workplace_briefing_on"))),
            ("Обучение по охране труда", _d(c.get("osh_training_on"))),
            (
                "Проверка знаний по охране труда",
                f"{_d(c.get('knowledge_test_on')) or '—'}, "
                f"протокол № {c.get('knowledge_test_protocol') or '—'}",
            ),
        ]
    )

    doc.heading("6. Место происшествия и оборудование")
    doc.fields(
        [
            ("Место происшествия", accident["place"]),
            ("Описание места, опасные и вредные факторы", c.get("place_description")),
            ("Оборудование, использование которого привело к несчастному случаю", c.get("equipment")),
        ]
    )

    doc.heading("7. Обстоятельства" + (" возникновения заболевания" if disease else " несчастного случая"))
    incident = c.get("incident_type")
    specific = (
        [
            ("Заключительный диагноз", c.get("final_diagnosis")),
            ("Центр профпатологии, установивший диагноз", c.get("pathology_centre")),
            ("Вредные производственные факторы и их уровни", c.get("harmful_factors")),
        ]
        if disease
        else [
            ("7.1. Вид происшествия", f"{incident} — {c.get('incident_type_label')}" if incident else None),
            ("7.2. Характер полученных повреждений", c.get("injury_nature")),
            ("Поврежденный орган (часть тела)", c.get("body_part")),
        ]
    )
    intox = c.get("intoxication_label")
    if c.get("intoxication") not in (None, "none"):
        intox = f"{intox}; установлено: {c.get('intoxication_evidence') or '—'}"
    witnesses = [f"{w['full_name']}{', ' + w['contact'] if w.get('contact') else ''}" for w in c["witnesses"]]
    doc.fields(
        [("Обстоятельства", c.get("circumstances"))]
        + specific
        + [
            ("Диагноз по медицинскому заключению", c.get("diagnosis")),
            ("Степень тяжести", c.get("severity_label")),
            (
                "Медицинское заключение",
                f"№ {c.get('medical_conclusion_no') or '—'} от {_d(c.get('medical_conclusion_on')) or '—'}, "
                f"{c.get('medical_institution') or '—'}",
            ),
            ("7.3. Нахождение пострадавшего в состоянии опьянения", intox),
            ("7.4. Очевидцы", "; ".join(witnesses)),
        ]
    )

    doc.heading("8. Причины" + (" заболевания" if disease else " несчастного случая"))
    main = c.get("main_cause")
    others = [
        f"{code} — {label}"
        for code, label in zip(
            c.get("contributing_causes") or [], c.get("contributing_cause_labels") or [], strict=False
        )
    ]
    doc.fields(
        [
            ("Основная причина", f"{main} — {c.get('main_cause_label')}" if main else None),
            ("Сопутствующие причины", "; ".join(others)),
            ("Описание причин", c.get("causes_text")),
        ]
    )

    doc.heading("9. Лица, допустившие нарушение требований охраны труда")
    fault = c.get("victim_fault_percent")
    doc.fields(
        [(f"{p['full_name']}, {p['post']}", p["norms_violated"]) for p in c["responsible_persons"]]
        + [
            (
                "Степень вины пострадавшего при грубой неосторожности (ст. 230 ТК КР)",
                f"{fault} %" if fault else "не установлена",
            )
        ]
    )

    doc.heading("10. Квалификация")
    related = c.get("work_related")
    qualification = [
        (
            "Связь с производством",
            None
            if related is None
            else ("связан с производством" if related else "не связан с производством"),
        ),
        ("Обоснование", c.get("work_related_grounds")),
    ]
    if related is False and c.get("not_work_related_agreed"):
        qualification.append(("Согласование (ст. 223 ТК КР)", "вывод комиссии согласован с инспекцией"))
    doc.fields(qualification)

    doc.heading("11. Мероприятия по устранению причин")
    measures = [
        (
            f"Срок: {_d(m['due_date'])}",
            m["description"] + (f" (ответственный: {m['responsible']})" if m.get("responsible") else ""),
        )
        for m in c["measures"]
    ]
    doc.fields(measures or [("—", None)], label_width=30)

    doc.ln(4)
    doc.line_of("Подписи членов комиссии:", bold=True)
    for member in commission["members"]:
        doc.line_of(f"   ______________________  {member['full_name']}")
    doc.ln(3)
    doc.line_of("Экземпляр акта получил(а): ______________________  «____» __________ 20____ г.")
    return doc.to_bytes()
