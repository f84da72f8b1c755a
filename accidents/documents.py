"""Printed documents: the act N-1 (and the occupational-disease act) as the victim's copy, in Russian
or in Kyrgyz (the reader's language).

Art. 223: one copy of the act is handed to the victim (or the relatives, or their
representative) against signature. The document prints the act's content as
``accidents.services.labelled`` gives it (in the same language), so a frozen revision prints exactly
as it was approved, with who approved it and when.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import force_locale, format_datetime
from flask_babel import gettext as _

from core.formatting import day, moment
from core.pdf import Document


def _d(value: str | None) -> str | None:
    """ISO date → 05.03.2026, as the documents write it; nothing for nothing."""
    return day(value) if value else None


def _dt(value: str | None) -> str | None:
    """ISO moment → 05.03.2026 14:30 in Bishkek time (the content keeps UTC; older content local time)."""
    if not value:
        return None
    return moment(value)


def _service(years: int | None, months: int | None) -> str | None:
    if years is None and months is None:
        return None
    return _("%(years)s years %(months)s months", years=years or 0, months=months or 0)


def act_pdf(
    c: dict[str, Any],
    draft: bool = False,
    locale: str = "ru",
    approval: tuple[str, datetime] | None = None,
) -> bytes:
    """The act as a PDF in ``locale``: form N-1 for an accident, the occupational-disease act otherwise;
    ``approval`` (who, when) prints under the signatures of an approved act."""
    with force_locale(locale):
        return _act(c, draft, approval)


def _act(c: dict[str, Any], draft: bool, approval: tuple[str, datetime] | None) -> bytes:
    disease = c.get("kind") == "occupational_disease"
    victim, employer, accident, commission = c["victim"], c["employer"], c["accident"], c["commission"]
    title = _("on a case of occupational disease") if disease else _("on an accident at work")
    doc = Document(
        title=_("Act %(title)s", title=title),
        footer_text=_("Act No. %(id)s, revision %(n)s", id=c["act_id"], n=c["revision"]),
    )
    doc.alias_nb_pages()
    if draft:
        doc.watermark(_("DRAFT"))

    if not disease:
        doc.line_of(_("Form N-1"), size=9, align="R")
    doc.line_of(_("APPROVED"), size=9, bold=True, align="R")
    doc.line_of("_______________________________ " + _("(employer)"), size=9, align="R")
    doc.line_of(_("«____» ______________ 20____"), size=9, align="R")
    doc.ln(3)
    doc.line_of(_("ACT No. %(id)s", id=c["act_id"]), size=13, bold=True, align="C", height=6)
    doc.line_of(title, size=12, bold=True, align="C", height=6)
    if c["revision"] > 1:
        doc.line_of(
            _(
                "(revision %(n)s: %(reason)s)",
                n=c["revision"],
                reason=c.get("amendment_reason") or _("amendments"),
            ),
            size=9,
            align="C",
        )
    doc.ln(2)

    doc.heading(_("1. Date of the diagnosis") if disease else _("1. Date and time of the accident"))
    doc.fields(
        ([(_("Date of the final diagnosis"), _d(c.get("diagnosed_on")))] if disease else [])
        + [
            (_("Date and time of the occurrence"), _dt(accident["occurred_at"])),
            (_("Category"), c.get("category_label")),
        ]
    )

    doc.heading(_("2. Organisation (employer)"))
    doc.fields(
        [
            (_("Name"), employer["name"]),
            (_("INN / OKPO"), f"{employer['inn']} / {employer.get('okpo') or '—'}"),
            (_("Address"), employer.get("address")),
            (_("Economic activity (GKED)"), f"{employer['sector']} — {c.get('sector_label')}"),
        ]
    )

    doc.heading(_("3. Investigation commission"))
    roles = c.get("member_role_labels", [])
    doc.fields(
        [
            (
                _("Order forming the commission"),
                _(
                    "No. %(no)s of %(date)s",
                    no=commission.get("order_no") or "—",
                    date=_d(commission.get("formed_on")) or "—",
                ),
            )
        ]
        + [
            (role, f"{m['full_name']}, {m['post']}")
            for m, role in zip(commission["members"], roles, strict=False)
        ]
    )

    doc.heading(_("4. The injured person"))
    doc.fields(
        [
            (_("Surname, first name, patronymic"), victim["full_name"]),
            (_("Personal identification number (PIN)"), victim["pin"]),
            (_("Sex"), c.get("sex_label")),
            (_("Date of birth"), _d(victim["birth_date"])),
            (_("Occupation (post)"), victim["occupation"]),
            (_("Service in the occupation"), _service(c.get("service_years"), c.get("service_months"))),
        ]
        + ([(_("Years of exposure to the harmful factor"), c.get("exposure_years"))] if disease else [])
    )

    doc.heading(_("5. Labour safety briefings and training"))
    doc.fields(
        [
            (_("Induction briefing"), _d(c.get("induction_briefing_on"))),
            (_("Workplace briefing"), _d(c.get("workplace_briefing_on"))),
            (_("Labour safety training"), _d(c.get("osh_training_on"))),
            (
                _("Labour safety knowledge test"),
                _(
                    "%(date)s, protocol No. %(no)s",
                    date=_d(c.get("knowledge_test_on")) or "—",
                    no=c.get("knowledge_test_protocol") or "—",
                ),
            ),
        ]
    )

    doc.heading(_("6. Place of the occurrence and equipment"))
    doc.fields(
        [
            (_("Place of the occurrence"), accident["place"]),
            (_("Description of the place, hazardous and harmful factors"), c.get("place_description")),
            (_("Equipment whose use led to the accident"), c.get("equipment")),
        ]
    )

    doc.heading(_("7. Circumstances of the disease") if disease else _("7. Circumstances of the accident"))
    incident = c.get("incident_type")
    specific = (
        [
            (_("Final diagnosis"), c.get("final_diagnosis")),
            (_("Occupational pathology centre that made the diagnosis"), c.get("pathology_centre")),
            (_("Harmful factors and their levels"), c.get("harmful_factors")),
        ]
        if disease
        else [
            (
                _("7.1. Type of incident"),
                f"{incident} — {c.get('incident_type_label')}" if incident else None,
            ),
            (_("7.2. Nature of the injuries"), c.get("injury_nature")),
            (_("Injured organ (part of the body)"), c.get("body_part")),
        ]
    )
    intox = c.get("intoxication_label")
    if c.get("intoxication") not in (None, "none"):
        intox = _(
            "%(state)s; established by: %(how)s", state=intox, how=c.get("intoxication_evidence") or "—"
        )
    witnesses = [f"{w['full_name']}{', ' + w['contact'] if w.get('contact') else ''}" for w in c["witnesses"]]
    doc.fields(
        [(_("Circumstances"), c.get("circumstances"))]
        + specific
        + [
            (_("Diagnosis by the medical conclusion"), c.get("diagnosis")),
            (_("Severity"), c.get("severity_label")),
            (
                _("Medical conclusion"),
                _(
                    "No. %(no)s of %(date)s",
                    no=c.get("medical_conclusion_no") or "—",
                    date=_d(c.get("medical_conclusion_on")) or "—",
                )
                + f", {c.get('medical_institution') or '—'}",
            ),
            (_("7.3. Intoxication of the injured person"), intox),
            (_("7.4. Witnesses"), "; ".join(witnesses)),
        ]
    )

    doc.heading(_("8. Causes of the disease") if disease else _("8. Causes of the accident"))
    main = c.get("main_cause")
    others = [
        f"{code} — {label}"
        for code, label in zip(
            c.get("contributing_causes") or [], c.get("contributing_cause_labels") or [], strict=False
        )
    ]
    doc.fields(
        [
            (_("Main cause"), f"{main} — {c.get('main_cause_label')}" if main else None),
            (_("Contributing causes"), "; ".join(others)),
            (_("Description of the causes"), c.get("causes_text")),
        ]
    )

    doc.heading(_("9. Persons who breached labour safety requirements"))
    fault = c.get("victim_fault_percent")
    doc.fields(
        [(f"{p['full_name']}, {p['post']}", p["norms_violated"]) for p in c["responsible_persons"]]
        + [
            (
                _("Victim's degree of fault for gross negligence (art. 230 of the Labour Code)"),
                f"{fault} %" if fault else _("not established"),
            )
        ]
    )

    doc.heading(_("10. Qualification"))
    related = c.get("work_related")
    qualification = [
        (
            _("Connection with work"),
            None if related is None else (_("work-related") if related else _("not work-related")),
        ),
        (_("Grounds"), c.get("work_related_grounds")),
    ]
    if related is False and c.get("not_work_related_agreed"):
        qualification.append(
            (_("Agreement (art. 223 of the Labour Code)"), _("the inspectorate agreed with the commission"))
        )
    doc.fields(qualification)

    doc.heading(_("11. Measures to remove the causes"))
    measures = [
        (
            _("Due: %(date)s", date=_d(m["due_date"])),
            m["description"]
            + (_(" (responsible: %(who)s)", who=m["responsible"]) if m.get("responsible") else ""),
        )
        for m in c["measures"]
    ]
    doc.fields(measures or [("—", None)], label_width=30)

    # The signatures and their names stay on one page (a page break never parts them).
    with doc.unbreakable() as block:
        block.ln(4)
        block.line_of(_("Signatures of the commission members:"), bold=True)
        for member in commission["members"]:
            block.line_of(f"   ______________________  {member['full_name']}")
        if approval is not None:
            block.ln(2)
            who, when = approval
            block.line_of(
                _(
                    "Approved by the labour inspectorate: %(who)s, %(when)s",
                    who=who,
                    when=format_datetime(when, "dd.MM.yyyy HH:mm"),
                ),
                bold=True,
            )
        block.ln(3)
        block.line_of(_("Copy of the act received by: ______________________  «____» __________ 20____"))
    return doc.to_bytes()
