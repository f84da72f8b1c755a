"""Wires the accidents package into the app: pages, API, navigation."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_smorest import Api

from accidents import classifiers as c
from core.audit import ACTION_LABELS, register_labels
from core.web import add_nav

#: The history's words for the steps recorded beside the act (consequences, measures).
AUDIT_ACTIONS = {
    "record_consequence": _l("consequences recorded"),
    "complete_measure": _l("measure reported done"),
    "verify_measure": _l("measure verified"),
}

#: The history's names of the accident's and the act's fields (the form's labels, where it has them).
AUDIT_FIELDS = {
    "occurred_at": _l("Date and time of the accident"),
    "place": _l("Place of the accident"),
    "category": _l("Category"),
    "incident_type": _l("Type of incident"),
    "circumstances": _l("Circumstances"),
    "status": _l("Status"),
    "investigation_due_on": _l("Investigation due by"),
    "extension_count": _l("Extensions"),
    "extension_days": _l("Days of extension"),
    "victims": _l("Injured persons"),
    "commission": _l("Investigation commission"),
    "commission_formed_on": _l("Order forming the commission: date"),
    "commission_order_no": _l("Order number"),
    "notification": _l("Accident notice"),
    "sent_at": _l("sent at"),
    "method": _l("How"),
    "reference": _l("Reference number"),
    "pin": _l("PIN"),
    "full_name": _l("Full name"),
    "sex": _l("Sex"),
    "birth_date": _l("Date of birth"),
    "occupation": _l("Occupation (post)"),
    "post": _l("Post"),
    "role": _l("Role"),
    "contact": _l("Address or telephone"),
    "norms_violated": _l("Norms violated"),
    "responsible": _l("Responsible"),
    "due_date": _l("Due date"),
    "description": _l("Description"),
    "service_years": _l("Service in the occupation: years"),
    "service_months": _l("Service in the occupation: months"),
    "exposure_years": _l("Years of exposure to the harmful factor"),
    "induction_briefing_on": _l("Induction briefing"),
    "workplace_briefing_on": _l("Workplace briefing"),
    "osh_training_on": _l("Labour safety training"),
    "knowledge_test_on": _l("Knowledge test"),
    "knowledge_test_protocol": _l("Knowledge test protocol No."),
    "place_description": _l("Description of the place, hazardous and harmful factors"),
    "equipment": _l("Equipment involved (name, type, make, year, manufacturer)"),
    "injury_nature": _l("Nature of the injury"),
    "injury_nature_code": _l("Type of injury (code)"),
    "body_part": _l("Injured part of the body"),
    "body_part_code": _l("Part of the body (code)"),
    "occupation_code": _l("Occupation (ISCO-08 group)"),
    "material_agent_code": _l("Material agent (code)"),
    "diagnosis": _l("Diagnosis (medical conclusion)"),
    "diagnosed_on": _l("Diagnosed on"),
    "final_diagnosis": _l("Final diagnosis"),
    "pathology_centre": _l("Occupational pathology centre"),
    "harmful_factors": _l("Harmful factors and their levels"),
    "severity": _l("Severity (medical conclusion)"),
    "medical_institution": _l("Medical institution"),
    "medical_conclusion_no": _l("Medical conclusion No."),
    "medical_conclusion_on": _l("Medical conclusion date"),
    "intoxication": _l("Intoxication"),
    "intoxication_evidence": _l("How the intoxication was established"),
    "main_cause": _l("Main cause"),
    "contributing_causes": _l("Contributing causes"),
    "causes_text": _l("Description of the causes, with the norms violated"),
    "victim_fault_percent": _l("Victim's degree of fault (gross negligence, art. 230)"),
    "work_related": _l("Work-related"),
    "work_related_grounds": _l("Legal grounds"),
    "measures": _l("Measure"),
    "completed_on": _l("done on"),
    "verified_at": _l("verified at"),
    "verified_by_id": _l("verified by (account No.)"),
    "witnesses": _l("Witnesses"),
    "responsible_persons": _l("Persons responsible"),
    "consequence": _l("Consequences"),
    "outcome": _l("Outcome of the case"),
    "disability_group": _l("Disability group"),
    "incapacity_from": _l("Incapacity from"),
    "incapacity_to": _l("Incapacity to"),
    "days_lost": _l("Working days lost"),
    "died_on": _l("Date of death"),
    "nwr_agreed_at": _l("Not work-related: agreed at"),
    "nwr_agreed_by_id": _l("Not work-related: agreed by (account No.)"),
    "nwr_agreement_remark": _l("Not work-related: remark"),
    "revision": _l("Revision"),
    "amendment_reason": _l("Reason for the amendment"),
    "kind": _l("Kind of act"),
}
#: The history's words for the codes those fields hold.
AUDIT_VALUES = {
    "status": c.STATUS_LABELS,
    "category": c.CATEGORY_LABELS,
    "severity": c.SEVERITY_LABELS,
    "sex": c.SEX_LABELS,
    "role": c.COMMISSION_ROLE_LABELS,
    "method": c.NOTIFICATION_METHOD_LABELS,
    "intoxication": c.INTOXICATION_LABELS,
    "outcome": c.OUTCOME_LABELS,
    "incident_type": c.INCIDENT_TYPES,
    "main_cause": c.CAUSES,
    "contributing_causes": c.CAUSES,
    "act.kind": c.ACT_KIND_LABELS,
    "notification": c.RECIPIENT_LABELS,
}


def init_app(app: Flask, api: Api) -> None:
    for action, label in AUDIT_ACTIONS.items():
        ACTION_LABELS.setdefault(action, label)
    register_labels(AUDIT_FIELDS, AUDIT_VALUES)
    from accidents import api as accidents_api
    from accidents import views

    app.register_blueprint(views.bp)
    api.register_blueprint(accidents_api.blp)
    # Every role sees accidents (design.md, "Roles at a glance"); the scope decides which.
    add_nav(app, None, "accidents.list", _l("Accidents"))
