"""The employer's order on a claim (приказ, art. 257) as a printable PDF, in Russian.

Art. 257: the decision is made out as the employer's order "naming the persons to
whom compensation is awarded, its amount for each member of the family and the
terms of payment"; a refusal is "reasoned" and written. The order prints what the
decision froze — the engine's installments and the trace of every figure — so the
paper and the ledger can never disagree; nothing here computes an amount.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from flask_babel import force_locale

from claims.models import Claim, Decision, DecisionKind, DecisionStatus
from compensation.rules.regime import cite_words
from core import labels, pdf
from core.formatting import day, month, printed_money
from core.pdf import FAMILY

REASONS_RU = {
    "initial": "первоначальное рассмотрение заявления",
    "reexamination": "переосвидетельствование МСЭК (ст. 265)",
    "survivor_right_ended": "прекращение права получателя (ст. 251)",
    "posthumous_child": "рождение ребёнка после смерти кормильца (ст. 251)",
    "parameters_rise": "повышение минимальной заработной платы или индексация (ст. 234)",
    "appeal": "решение по жалобе (ст. 258)",
    "court": "решение суда (ст. 259)",
}
#: The order is a Russian document whatever the interface language (the contract's component codes).
COMPONENTS_RU = {
    "lost_earnings": "Утраченный заработок (ст. 235)",
    "care_special_medical": "Специальный медицинский уход (ст. 245)",
    "care_household": "Бытовой уход (ст. 245)",
    "one_off_injury": "Единовременное пособие при увечье (ст. 247)",
    "survivor": "Ежемесячная доля иждивенца (ст. 250)",
    "one_off_death": "Единовременное пособие в случае смерти (ст. 252)",
}
METHODS_RU = {
    "actual": "фактический заработок за 12 месяцев (ст. 238)",
    "partial_month": "условный заработок неполного месяца (ст. 238)",
    "five_minimum_wages": "пятикратный минимальный размер оплаты труда (ст. 238)",
}


class Document(pdf.Document):
    """The order: the shared A4 document plus running ``label: value`` lines."""

    def field(self, label: str, value: object) -> None:
        """``label: value`` as running text that wraps; an empty value prints a dash."""
        shown = "—" if value in (None, "", []) else str(value)
        self.set_font(FAMILY, "B", 9.5)
        self.write(5, f"{label}: ")
        self.set_font(FAMILY, "", 10)
        self.write(5, shown)
        self.ln(5.5)


@dataclass(frozen=True)
class Award:
    """One line of an order: a monthly sum over a run of months, or a one-off sum with its due date."""

    component: str
    amount: Decimal
    first_period: str | None = None
    last_period: str | None = None
    due_date: str | None = None

    @property
    def monthly(self) -> bool:
        return self.first_period is not None


def _next_month(period: str) -> str:
    year, number = map(int, period.split("-"))
    return f"{year + number // 12}-{number % 12 + 1:02d}"


def awards(result: dict[str, Any]) -> dict[str, list[Award]]:
    """Art. 257's "amount for each member of the family": the engine's installments per recipient, the
    months of one component with one amount joined into a run ("2026-12..2027-11: 18 000,00 a month")."""
    by_recipient: dict[str, list[Award]] = {}
    items = sorted(
        result.get("installments") or [],
        key=lambda i: (str(i["recipient"]), i["component"], i.get("period") or "", i["due_date"]),
    )
    for item in items:
        if item["amount"] is None:  # not set by the Cabinet yet: no sum to order (the warnings say why)
            continue
        recipient, amount = str(item["recipient"]), Decimal(item["amount"])
        lines = by_recipient.setdefault(recipient, [])
        period = item.get("period")
        if not period:
            lines.append(Award(item["component"], amount, due_date=item["due_date"]))
            continue
        last = lines[-1] if lines else None
        if (
            last is not None
            and last.monthly
            and last.component == item["component"]
            and last.amount == amount
            and last.last_period is not None
            and _next_month(last.last_period) == period
        ):
            lines[-1] = Award(last.component, amount, last.first_period, period)
        else:
            lines.append(Award(item["component"], amount, period, period))
    return by_recipient


def _recipient_names(claim: Claim) -> dict[str, str]:
    names = {"victim": f"{claim.victim.full_name} (потерпевший)"}
    for survivor in claim.survivors:
        names[survivor.key] = f"{survivor.full_name} ({survivor.relation})"
    return names


def _component(code: str) -> str:
    if code in COMPONENTS_RU:
        return COMPONENTS_RU[code]
    with force_locale("ru"):
        return labels.component(code)


def order_pdf(decision: Decision, claim: Claim, superseded_by: Decision | None = None) -> bytes:
    """The order: employer, claim, awards per recipient, the schedule, the trace; or the refusal's grounds."""
    employer = claim.employer
    refusal = decision.kind == DecisionKind.REFUSAL
    number = decision.number or "—"
    doc = Document(
        title=f"Приказ № {number} о возмещении вреда",
        footer_text=f"Заявление № {claim.id}, решение {decision.sequence}",
    )
    if decision.status == DecisionStatus.DRAFT:
        doc.watermark("ПРОЕКТ")
    elif decision.status == DecisionStatus.SUPERSEDED:
        doc.watermark("ЗАМЕНЁН")

    doc.line_of(employer.name, size=11, bold=True, align="C")
    doc.line_of(f"ИНН {employer.inn}", size=9, align="C")
    doc.ln(3)
    heading = "ПРОЕКТ ПРИКАЗА" if decision.status == DecisionStatus.DRAFT else "ПРИКАЗ"
    doc.line_of(f"{heading} № {number} от {day(decision.issued_on)}", size=13, bold=True, align="C", height=6)
    if refusal:
        subject = "об отказе в возмещении вреда"
    elif claim.case_type == "death":
        subject = "о возмещении вреда в связи со смертью кормильца"
    else:
        subject = "о возмещении вреда, причинённого повреждением здоровья"
    doc.line_of(subject, size=11, bold=True, align="C")
    if superseded_by is not None:
        doc.line_of(
            f"Заменён приказом № {superseded_by.number or '—'} от {day(superseded_by.issued_on)}",
            size=9,
            align="C",
        )
    doc.ln(2)

    victim = claim.victim
    doc.line_of(
        f"Рассмотрев заявление {claim.claimant_name} от {day(claim.filed_on)} (заявление № {claim.id}) "
        "в соответствии со статьями 254 и 257 Трудового кодекса Кыргызской Республики,",
        size=10,
    )
    doc.heading("Сведения о деле")
    doc.field("Потерпевший", f"{victim.full_name}, ПИН {victim.pin}")
    if claim.act_id:
        doc.field("Акт о несчастном случае на производстве (форма Н-1)", f"№ {claim.act_id}")
    if claim.case_type == "death":
        doc.field("Дата смерти", day(claim.death_date))
    doc.field("Основание решения", REASONS_RU.get(decision.reason, decision.reason))
    if decision.effective_from:
        doc.field("Применяется с", day(decision.effective_from))
    if decision.supersedes_id and decision.supersedes is not None:
        doc.field(
            "Заменяет приказ",
            f"№ {decision.supersedes.number or '—'} от {day(decision.supersedes.issued_on)}",
        )

    if refusal:
        doc.heading("ПРИКАЗЫВАЮ:")
        doc.line_of("Отказать в возмещении вреда по следующим основаниям:")
        doc.line_of(decision.refusal_grounds or "—")
        doc.ln(2)
        doc.line_of(
            "Отказ может быть обжалован в органы государственного надзора и контроля за соблюдением "
            "трудового законодательства или в техническую инспекцию труда профсоюзов (ст. 258) "
            "либо в суд (ст. 259).",
            size=9,
        )
        _signatures(doc)
        return doc.to_bytes()

    result = decision.result or {}
    liability = result.get("liability") or {}
    ame = result.get("average_monthly_earnings") or {}
    doc.field(
        "Работодатель несёт ответственность (ст. 226-229)",
        "да" if liability.get("employer_liable") else "нет",
    )
    doc.field(
        "Грубая неосторожность потерпевшего (ст. 230)", f"{liability.get('victim_fault_percent', '0')} %"
    )
    if ame:
        method = ame.get("method", "")
        amount = f"{printed_money(ame['amount'])} сом" if ame.get("amount") else "—"
        doc.field("Среднемесячный заработок (ст. 236-238)", f"{amount} — {METHODS_RU.get(method, method)}")
    doc.field("Расчёт произведён на дату", day(decision.calculation_date))

    doc.heading("ПРИКАЗЫВАЮ:")
    doc.line_of("1. Назначить возмещение вреда следующим лицам в следующих размерах:")
    names = _recipient_names(claim)
    for recipient, lines in awards(result).items():
        doc.ln(1)
        doc.line_of(names.get(recipient, recipient), size=10, bold=True)
        rows = []
        for award in lines:
            if award.monthly:
                when = month(award.first_period)
                if award.last_period != award.first_period:
                    when += f" – {month(award.last_period)}"
                rows.append([_component(award.component), when, "ежемесячно", printed_money(award.amount)])
            else:
                rows.append(
                    [
                        _component(award.component),
                        f"до {day(award.due_date)}",
                        "единовременно",
                        printed_money(award.amount),
                    ]
                )
        doc.ruled_table((78, 40, 30, 29), ["Вид возмещения", "Период / срок", "Порядок", "Сумма, сом"], rows)

    doc.ln(2)
    doc.line_of("2. Выплачивать суммы в сроки, указанные в графике (ст. 260, 264):")
    schedule = [
        [
            _component(i["component"]),
            names.get(str(i["recipient"]), str(i["recipient"])),
            month(i.get("period")),
            day(i["due_date"]),
            printed_money(i["amount"]),
        ]
        for i in result.get("installments") or []
    ]
    doc.ruled_table(
        (62, 45, 20, 22, 28),
        ["Вид возмещения", "Получатель", "Период", "Срок выплаты", "Сумма, сом"],
        schedule,
    )
    totals = result.get("totals") or {}
    doc.ln(1)
    doc.line_of(
        f"Всего начислено на {day(decision.calculation_date)}: {printed_money(totals.get('accrued'))} сом",
        bold=True,
    )
    doc.line_of(
        "3. При невыплате в установленные сроки начисляется пеня 0,15 % невыплаченной суммы за каждый день "
        "просрочки (ст. 269).",
        size=9,
    )
    _signatures(doc)

    if result.get("trace"):
        doc.add_page()
        doc.line_of("Расчёт каждой суммы (приложение к приказу)", size=11, bold=True)
        doc.ln(1)
        for n, step in enumerate(result["trace"], 1):
            doc.trace_step(n, cite_words(str(step.get("article", "")), "ru"), step)
    return doc.to_bytes()


def _signatures(doc: Document) -> None:
    doc.ln(8)
    doc.line_of("Руководитель _______________________ / ______________________ /")
    doc.ln(4)
    doc.line_of(
        "С приказом ознакомлен(а), экземпляр получил(а): ______________ «____» __________ 20___ г.", size=9
    )
