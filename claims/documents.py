"""The employer's order on a claim (приказ, art. 257) as a printable PDF, in Russian or in Kyrgyz.

Art. 257: the decision is made out as the employer's order "naming the persons to
whom compensation is awarded, its amount for each member of the family and the
terms of payment"; a refusal is "reasoned" and written. The order prints what the
decision froze — the engine's installments and the trace of every figure (in the
order's language) — so the paper and the ledger can never disagree; nothing here
computes an amount. The terms say until when each monthly payment runs: the MSEC
re-examination for the injured person, each survivor's ground for a survivor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from claims.models import Claim, Decision, DecisionKind, DecisionStatus, Survivor
from claims.services.decisions import trace_in
from compensation.rules.regime import cite_words
from core import labels, pdf
from core.formatting import day, month, printed_money
from core.pdf import FAMILY

#: Why a decision was made, as the order says it.
REASONS = {
    "initial": _l("first consideration of the claim"),
    "reexamination": _l("re-examination by the MSEC (art. 265)"),
    "survivor_right_ended": _l("a recipient's right ended (art. 251)"),
    "posthumous_child": _l("a child born after the breadwinner's death (art. 251)"),
    "parameters_rise": _l("rise of the minimum wage or indexation (art. 234)"),
    "appeal": _l("decision on an appeal (art. 258)"),
    "court": _l("court ruling (art. 259)"),
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
    names = {"victim": _("%(name)s (the injured person)", name=claim.victim.full_name)}
    for survivor in claim.survivors:
        names[survivor.key] = f"{survivor.full_name} ({survivor.relation})"
    return names


def _birthday(born: date, years: int) -> date:
    """The day a person born on ``born`` turns ``years`` (29 February: 1 March of a common year)."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return date(born.year + years, 3, 1)


def _survivor_term(survivor: Survivor) -> str:
    """Until when a survivor's monthly share runs (art. 250-251), from the grounds the claim records."""
    if survivor.right_ended_on:
        return _("the right ended on %(date)s (art. 251)", date=day(survivor.right_ended_on))
    terms = []
    for ground in survivor.grounds or []:
        if ground == "minor":
            terms.append(_("until the age of 18 (%(date)s)", date=day(_birthday(survivor.birth_date, 18))))
        elif ground == "student":
            until = _birthday(survivor.birth_date, 23)
            if survivor.student_until and survivor.student_until < until:
                until = survivor.student_until
            terms.append(_("while in full-time study, at most to the age of 23 (%(date)s)", date=day(until)))
        elif ground == "disabled":
            terms.append(
                _("for the term of the disability (until %(date)s)", date=day(survivor.disabled_until))
                if survivor.disabled_until
                else _("for the term of the disability")
            )
        elif ground == "pension_age":
            terms.append(_("for life"))
        elif ground == "caregiver":
            terms.append(
                _("while caring for the children (until %(date)s)", date=day(survivor.caring_until))
                if survivor.caring_until
                else _("while caring for the deceased's children")
            )
    return _(" or ").join(terms) if terms else _("while the right lasts (art. 250)")


def _victim_term(reexamination: date | None) -> str:
    """Until when the injured person's monthly payments run: the MSEC finding they rest on (art. 265)."""
    if reexamination is None:
        return _("for the term of the MSEC finding; it sets no re-examination, so for life")
    return _(
        "until the MSEC re-examination on %(date)s; its finding decides the payments after it (art. 265)",
        date=day(reexamination),
    )


def order_pdf(
    decision: Decision,
    claim: Claim,
    superseded_by: Decision | None = None,
    reexamination: date | None = None,
    locale: str = "ru",
) -> bytes:
    """The order in ``locale`` (Russian or Kyrgyz): employer, claim, awards per recipient and until when
    the monthly ones run, the schedule, the trace; or the refusal's grounds."""
    with force_locale(locale):
        return _order(decision, claim, superseded_by, reexamination, locale)


def _order(
    decision: Decision, claim: Claim, superseded_by: Decision | None, reexamination: date | None, locale: str
) -> bytes:
    employer = claim.employer
    refusal = decision.kind == DecisionKind.REFUSAL
    number = decision.number or "—"
    doc = Document(
        title=_("Order No. %(no)s on compensation", no=number),
        footer_text=_("Claim No. %(id)s, decision %(n)s", id=claim.id, n=decision.sequence),
    )
    if decision.status == DecisionStatus.DRAFT:
        doc.watermark(_("DRAFT"))
    elif decision.status == DecisionStatus.SUPERSEDED:
        doc.watermark(_("SUPERSEDED"))

    doc.line_of(employer.name, size=11, bold=True, align="C")
    doc.line_of(_("INN %(inn)s", inn=employer.inn), size=9, align="C")
    doc.ln(3)
    heading = _("DRAFT ORDER No. %(no)s of %(date)s") if decision.status == DecisionStatus.DRAFT else None
    doc.line_of(
        (heading or _("ORDER No. %(no)s of %(date)s")) % {"no": number, "date": day(decision.issued_on)},
        size=13,
        bold=True,
        align="C",
        height=6,
    )
    if refusal:
        subject = _("on the refusal of compensation")
    elif claim.case_type == "death":
        subject = _("on compensation for the death of the breadwinner")
    else:
        subject = _("on compensation for an injury to health")
    doc.line_of(subject, size=11, bold=True, align="C")
    if superseded_by is not None:
        doc.line_of(
            _(
                "Superseded by order No. %(no)s of %(date)s",
                no=superseded_by.number or "—",
                date=day(superseded_by.issued_on),
            ),
            size=9,
            align="C",
        )
    doc.ln(2)

    victim = claim.victim
    # The claimant's name stands in apposition: no Russian case ending is needed for any name.
    doc.line_of(
        _(
            "Having considered claim No. %(id)s of %(date)s (claimant: %(name)s), in accordance with "
            "articles 254 and 257 of the Labour Code of the Kyrgyz Republic,",
            id=claim.id,
            date=day(claim.filed_on),
            name=claim.claimant_name,
        ),
        size=10,
    )
    doc.heading(_("The case"))
    doc.field(_("Injured person"), _("%(name)s, PIN %(pin)s", name=victim.full_name, pin=victim.pin))
    if claim.act_id:
        doc.field(_("Act on the accident at work (form N-1)"), _("No. %(no)s", no=claim.act_id))
    if claim.case_type == "death":
        doc.field(_("Date of death"), day(claim.death_date))
    doc.field(_("Ground of the decision"), str(REASONS.get(decision.reason, decision.reason)))
    if decision.effective_from:
        doc.field(_("Applies from"), day(decision.effective_from))
    if decision.supersedes_id and decision.supersedes is not None:
        doc.field(
            _("Supersedes order"),
            _(
                "No. %(no)s of %(date)s",
                no=decision.supersedes.number or "—",
                date=day(decision.supersedes.issued_on),
            ),
        )

    if refusal:
        doc.heading(_("I ORDER:"))
        doc.line_of(_("To refuse compensation on the following grounds:"))
        doc.line_of(decision.refusal_grounds or "—")
        doc.ln(2)
        doc.line_of(
            _(
                "The refusal may be appealed to the state labour inspection or to the trade unions' "
                "technical labour inspection (art. 258) or to a court (art. 259)."
            ),
            size=9,
        )
        _signatures(doc)
        return doc.to_bytes()

    result = decision.result or {}
    liability = result.get("liability") or {}
    ame = result.get("average_monthly_earnings") or {}
    doc.field(
        _("The employer is liable (arts. 226-229)"), _("yes") if liability.get("employer_liable") else _("no")
    )
    doc.field(
        _("Gross negligence of the injured person (art. 230)"),
        f"{liability.get('victim_fault_percent', '0')} %",
    )
    if ame:
        method = ame.get("method", "")
        amount = _("%(sum)s som", sum=printed_money(ame["amount"])) if ame.get("amount") else "—"
        doc.field(
            _("Average monthly earnings (arts. 236-238)"),
            f"{amount} — {labels.METHOD_LABELS.get(method, method)}",
        )
    doc.field(_("Computed as of"), day(decision.calculation_date))

    doc.heading(_("I ORDER:"))
    doc.line_of(_("1. To award compensation to the following persons in the following amounts:"))
    names = _recipient_names(claim)
    survivors = {s.key: s for s in claim.survivors}
    for recipient, lines in awards(result).items():
        doc.ln(1)
        doc.line_of(names.get(recipient, recipient), size=10, bold=True)
        rows = []
        for award in lines:
            if award.monthly:
                when = month(award.first_period)
                if award.last_period != award.first_period:
                    when += f" – {month(award.last_period)}"
                rows.append(
                    [labels.component(award.component), when, _("monthly"), printed_money(award.amount)]
                )
            else:
                rows.append(
                    [
                        labels.component(award.component),
                        _("by %(date)s", date=day(award.due_date)),
                        _("one-off"),
                        printed_money(award.amount),
                    ]
                )
        doc.ruled_table(
            (78, 40, 30, 29), [_("Kind of compensation"), _("Period / due"), _("How"), _("Sum, som")], rows
        )
        if any(award.monthly for award in lines):
            term = (
                _survivor_term(survivors[recipient])
                if recipient in survivors
                else _victim_term(reexamination)
            )
            doc.field(_("Monthly payments run"), term)

    doc.ln(2)
    doc.line_of(_("2. To pay the sums by the dates of the schedule (arts. 260, 264):"))
    schedule = [
        [
            labels.component(i["component"]),
            names.get(str(i["recipient"]), str(i["recipient"])),
            month(i.get("period")),
            day(i["due_date"]),
            printed_money(i["amount"]),
        ]
        for i in result.get("installments") or []
    ]
    doc.ruled_table(
        (62, 45, 20, 22, 28),
        [_("Kind of compensation"), _("Recipient"), _("Period"), _("Payment due"), _("Sum, som")],
        schedule,
    )
    totals = result.get("totals") or {}
    doc.ln(1)
    doc.line_of(
        _(
            "Accrued in all as of %(date)s: %(sum)s som",
            date=day(decision.calculation_date),
            sum=printed_money(totals.get("accrued")),
        ),
        bold=True,
    )
    doc.line_of(
        _(
            "3. A sum not paid when due bears a penalty of 0.15 per cent of the unpaid sum for each day of "
            "delay (art. 269)."
        ),
        size=9,
    )
    _signatures(doc)

    trace = trace_in(decision, locale)
    if trace:
        doc.add_page()
        doc.line_of(_("How every sum was computed (annex to the order)"), size=11, bold=True)
        doc.ln(1)
        for n, step in enumerate(trace, 1):
            doc.trace_step(n, cite_words(str(step.get("article", "")), locale), step)
    return doc.to_bytes()


def _signatures(doc: Document) -> None:
    doc.ln(8)
    doc.line_of(_("Head") + " _______________________ / ______________________ /")
    doc.ln(4)
    doc.line_of(_("Read the order and received a copy: ______________ «____» __________ 20___"), size=9)


def statement_parties(claim: Claim, decision: Decision, recipient: str = "") -> list[tuple[str, str]]:
    """Whose a claim's statement is, as it heads the PDF and the workbook: the injured person, the
    recipient asked (or every recipient), the employer, the claim and the order it follows from."""
    names = _recipient_names(claim)
    shown = [names.get(recipient, recipient)] if recipient else list(names.values())
    return [
        (_("Injured person"), claim.victim.full_name),
        (_("Recipient") if recipient else _("Recipients"), "; ".join(shown)),
        (_("Employer"), f"{claim.employer.name}, {_('INN %(inn)s', inn=claim.employer.inn)}"),
        (_("Claim"), _("No. %(no)s of %(date)s", no=claim.id, date=day(claim.filed_on))),
        (_("Order"), _("No. %(no)s of %(date)s", no=decision.number or "—", date=day(decision.issued_on))),
    ]
