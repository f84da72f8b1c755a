"""Classifiers of the investigation: categories, statuses, incident types and causes (facts.md §1.5).

Codes are what the database and the API store; labels are lazy English msgids,
shown in Russian or Kyrgyz from the package's catalogue. The Russian labels are
the official terms of the RU classifier the form N-1 comes from.
"""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class Category(StrEnum):
    """Категория несчастного случая: what decides the deadlines and who must be notified (art. 223)."""

    LIGHT = "light"
    SEVERE = "severe"
    FATAL = "fatal"
    GROUP = "group"


CATEGORY_LABELS = {
    Category.LIGHT: _l("Light"),
    Category.SEVERE: _l("Severe"),
    Category.FATAL: _l("Fatal"),
    Category.GROUP: _l("Group"),
}


class Status(StrEnum):
    """One vocabulary for the accident and its acts; ``reported`` is the accident's alone."""

    REPORTED = "reported"
    INVESTIGATING = "investigating"
    ACT_SUBMITTED = "act_submitted"
    UNDER_REVIEW = "under_review"
    APPROVED = "approved"
    RETURNED = "returned"


STATUS_LABELS = {
    Status.REPORTED: _l("Reported"),
    Status.INVESTIGATING: _l("Investigating"),
    Status.ACT_SUBMITTED: _l("Act submitted"),
    Status.UNDER_REVIEW: _l("Under review"),
    Status.APPROVED: _l("Approved"),
    Status.RETURNED: _l("Returned for correction"),
}


class ActKind(StrEnum):
    """Акт формы Н-1, or акт о случае профессионального заболевания (art. 223, part 6)."""

    N1 = "n1"
    OCCUPATIONAL_DISEASE = "occupational_disease"


ACT_KIND_LABELS = {
    ActKind.N1: _l("Act on an accident at work (form N-1)"),
    ActKind.OCCUPATIONAL_DISEASE: _l("Act on a case of occupational disease"),
}


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


SEX_LABELS = {Sex.MALE: _l("Male"), Sex.FEMALE: _l("Female")}


class Severity(StrEnum):
    """Степень тяжести by the medical conclusion issued within 24 hours (art. 223, part 4)."""

    LIGHT = "light"
    SEVERE = "severe"
    FATAL = "fatal"


SEVERITY_LABELS = {
    Severity.LIGHT: _l("Light injury"),
    Severity.SEVERE: _l("Severe injury"),
    Severity.FATAL: _l("Fatal outcome"),
}


class Intoxication(StrEnum):
    NONE = "none"
    ALCOHOL = "alcohol"
    DRUGS = "drugs"
    TOXIC = "toxic"


INTOXICATION_LABELS = {
    Intoxication.NONE: _l("Not established"),
    Intoxication.ALCOHOL: _l("Alcohol intoxication"),
    Intoxication.DRUGS: _l("Drug intoxication"),
    Intoxication.TOXIC: _l("Other toxic intoxication"),
}


class CommissionRole(StrEnum):
    """Roles in the комиссия по расследованию; art. 223 requires trade-union participation."""

    CHAIR = "chair"
    EMPLOYER_REPRESENTATIVE = "employer_representative"
    OSH_SPECIALIST = "osh_specialist"
    TRADE_UNION = "trade_union"
    LABOUR_INSPECTOR = "labour_inspector"
    LOCAL_AUTHORITY = "local_authority"
    VICTIM_REPRESENTATIVE = "victim_representative"
    OTHER = "other"


COMMISSION_ROLE_LABELS = {
    CommissionRole.CHAIR: _l("Chair of the commission"),
    CommissionRole.EMPLOYER_REPRESENTATIVE: _l("Employer's representative"),
    CommissionRole.OSH_SPECIALIST: _l("Labour safety specialist"),
    CommissionRole.TRADE_UNION: _l("Trade-union representative"),
    CommissionRole.LABOUR_INSPECTOR: _l("State labour inspector"),
    CommissionRole.LOCAL_AUTHORITY: _l("Local authority representative"),
    CommissionRole.VICTIM_REPRESENTATIVE: _l("Victim's authorised representative"),
    CommissionRole.OTHER: _l("Other member"),
}


class Recipient(StrEnum):
    """Bodies told of a group, severe or fatal accident (art. 223; the list is the RU model, facts §1.2)."""

    STATE_LABOUR_INSPECTION = "state_labour_inspection"
    PROSECUTOR = "prosecutor"
    TRADE_UNION = "trade_union"
    SOCIAL_FUND = "social_fund"
    LOCAL_AUTHORITY = "local_authority"


RECIPIENT_LABELS = {
    Recipient.STATE_LABOUR_INSPECTION: _l("State labour inspection"),
    Recipient.PROSECUTOR: _l("Prosecutor's office"),
    Recipient.TRADE_UNION: _l("Trade-union body"),
    Recipient.SOCIAL_FUND: _l("Social Fund"),
    Recipient.LOCAL_AUTHORITY: _l("Local authority"),
}


class NotificationMethod(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    LETTER = "letter"
    FAX = "fax"
    IN_PERSON = "in_person"


NOTIFICATION_METHOD_LABELS = {
    NotificationMethod.PHONE: _l("Telephone"),
    NotificationMethod.EMAIL: _l("E-mail"),
    NotificationMethod.LETTER: _l("Letter"),
    NotificationMethod.FAX: _l("Fax"),
    NotificationMethod.IN_PERSON: _l("Delivered in person"),
}

#: Виды происшествий: the 18 main items of the RU classifier (facts.md §1.5).
INCIDENT_TYPES = {
    1: _l("Transport accident"),
    2: _l("Fall of the victim from a height"),
    3: _l("Fall, collapse or cave-in of objects, materials, earth"),
    4: _l("Impact of moving, flying or rotating objects, parts, machines"),
    5: _l("Foreign body"),
    6: _l("Physical overload and overexertion"),
    7: _l("Electric current"),
    8: _l("Radiation (ionising and non-ionising)"),
    9: _l("Extreme temperatures and other natural factors"),
    10: _l("Smoke, fire and flame"),
    11: _l("Harmful substances"),
    12: _l("Neuro-psychological stress and temporary deprivation"),
    13: _l("Contact with plants, animals, insects, reptiles"),
    14: _l("Drowning and immersion in water"),
    15: _l("Unlawful acts of other persons"),
    16: _l("Deliberate harm to one's own health"),
    17: _l("Natural, man-made or criminal emergencies"),
    18: _l("Other unclassified injuring factors"),
}

#: Причины несчастного случая: the 14 codes of the RU list (facts.md §1.5).
CAUSES = {
    1: _l("Design defects or insufficient reliability of machines and equipment"),
    2: _l("Imperfect technological process"),
    3: _l("Operation of faulty machines and equipment"),
    4: _l("Poor technical condition of buildings, structures, territory"),
    5: _l("Violation of the technological process"),
    6: _l("Violation of safety rules for operating vehicles"),
    7: _l("Violation of traffic rules"),
    8: _l("Poor organisation and upkeep of workplaces"),
    9: _l("Deficient safety training: no labour safety briefing"),
    10: _l("Deficient safety training: no training or knowledge test"),
    11: _l("Collective protective equipment not used"),
    12: _l("Breach of labour discipline, incl. alcohol or drug intoxication"),
    13: _l("Worker employed outside his or her speciality"),
    14: _l("Other causes"),
}


def options(labels: dict) -> list[tuple[str, object]]:
    """(value, label) pairs for the ``select`` macro, in the classifier's order."""
    return [(str(getattr(k, "value", k)), v) for k, v in labels.items()]


class Outcome(StrEnum):
    """Последствия несчастного случая (RU form 8, "сообщение о последствиях"): how the case ended."""

    RECOVERED = "recovered"
    LIGHTER_WORK = "lighter_work"
    DISABILITY = "disability"
    DIED = "died"


OUTCOME_LABELS = {
    Outcome.RECOVERED: _l("Recovered"),
    Outcome.LIGHTER_WORK: _l("Transferred to lighter work"),
    Outcome.DISABILITY: _l("Disability established"),
    Outcome.DIED: _l("Died"),
}

#: Группа инвалидности set by the MSEC.
DISABILITY_GROUPS = {"I": _l("Group I"), "II": _l("Group II"), "III": _l("Group III")}

# --- codes for statistics where the act has free text (issue 10; ESAW 2013, ISCO-08) ------------------

#: Характер травмы: the ESAW "type of injury" groups (domain facts §5.3).
INJURY_NATURES = {
    10: _l("Wounds and superficial injuries"),
    20: _l("Bone fractures"),
    30: _l("Dislocations, sprains and strains"),
    40: _l("Traumatic amputations (loss of body parts)"),
    50: _l("Concussion and internal injuries"),
    60: _l("Burns, scalds and frostbite"),
    70: _l("Poisoning and infections"),
    80: _l("Drowning and asphyxiation"),
    90: _l("Effects of sound, vibration and pressure"),
    100: _l("Effects of temperature extremes, light and radiation"),
    110: _l("Shock"),
    120: _l("Multiple injuries"),
    999: _l("Other specified injuries"),
}

#: Повреждённая часть тела: the ESAW "part of body injured" groups.
BODY_PARTS = {
    10: _l("Head"),
    20: _l("Neck, including the cervical spine"),
    30: _l("Back, including the spine"),
    40: _l("Torso and organs"),
    50: _l("Upper extremities"),
    60: _l("Lower extremities"),
    70: _l("Whole body and multiple sites"),
    99: _l("Other parts of the body"),
}

#: Профессия: ISCO-08 major groups (one digit) and sub-major groups (two digits), in code order.
OCCUPATIONS = {
    "1": _l("Managers"),
    "11": _l("Chief executives, senior officials and legislators"),
    "12": _l("Administrative and commercial managers"),
    "13": _l("Production and specialised services managers"),
    "14": _l("Hospitality, retail and other services managers"),
    "2": _l("Professionals"),
    "21": _l("Science and engineering professionals"),
    "22": _l("Health professionals"),
    "23": _l("Teaching professionals"),
    "24": _l("Business and administration professionals"),
    "25": _l("Information and communications technology professionals"),
    "26": _l("Legal, social and cultural professionals"),
    "3": _l("Technicians and associate professionals"),
    "31": _l("Science and engineering associate professionals"),
    "32": _l("Health associate professionals"),
    "33": _l("Business and administration associate professionals"),
    "34": _l("Legal, social, cultural and related associate professionals"),
    "35": _l("Information and communications technicians"),
    "4": _l("Clerical support workers"),
    "41": _l("General and keyboard clerks"),
    "42": _l("Customer services clerks"),
    "43": _l("Numerical and material recording clerks"),
    "44": _l("Other clerical support workers"),
    "5": _l("Services and sales workers"),
    "51": _l("Personal service workers"),
    "52": _l("Sales workers"),
    "53": _l("Personal care workers"),
    "54": _l("Protective services workers"),
    "6": _l("Skilled agricultural, forestry and fishery workers"),
    "61": _l("Market-oriented skilled agricultural workers"),
    "62": _l("Market-oriented skilled forestry, fishery and hunting workers"),
    "63": _l("Subsistence farmers, fishers, hunters and gatherers"),
    "7": _l("Craft and related trades workers"),
    "71": _l("Building and related trades workers, excluding electricians"),
    "72": _l("Metal, machinery and related trades workers"),
    "73": _l("Handicraft and printing workers"),
    "74": _l("Electrical and electronic trades workers"),
    "75": _l("Food processing, wood working, garment and other craft and related trades workers"),
    "8": _l("Plant and machine operators and assemblers"),
    "81": _l("Stationary plant and machine operators"),
    "82": _l("Assemblers"),
    "83": _l("Drivers and mobile plant operators"),
    "9": _l("Elementary occupations"),
    "91": _l("Cleaners and helpers"),
    "92": _l("Agricultural, forestry and fishery labourers"),
    "93": _l("Labourers in mining, construction, manufacturing and transport"),
    "94": _l("Food preparation assistants"),
    "95": _l("Street and related sales and service workers"),
    "96": _l("Refuse workers and other elementary workers"),
    "0": _l("Armed forces occupations"),
}

#: Травмирующий предмет (material agent): the ESAW material agent groups.
MATERIAL_AGENTS = {
    0: _l("No material agent"),
    1: _l("Buildings, structures, surfaces at ground level"),
    2: _l("Buildings, structures, surfaces above ground level"),
    3: _l("Buildings, structures, surfaces below ground level"),
    4: _l("Systems for the supply and distribution of materials, pipe networks"),
    5: _l("Motors, systems for energy transmission and storage"),
    6: _l("Hand tools, not powered"),
    7: _l("Hand-held or hand-guided tools, mechanical"),
    8: _l("Hand tools, without specification of power"),
    9: _l("Machines and equipment, portable or mobile"),
    10: _l("Machines and equipment, fixed"),
    11: _l("Conveying, transport and storage systems"),
    12: _l("Land vehicles"),
    13: _l("Other transport vehicles"),
    14: _l("Materials, objects, products, machine components, debris, dust"),
    15: _l("Chemical, explosive, radioactive and biological substances"),
    16: _l("Safety devices and equipment"),
    17: _l("Office, personal and sports equipment, weapons, domestic appliances"),
    18: _l("Living organisms and human beings"),
    19: _l("Bulk waste"),
    20: _l("Physical phenomena and natural elements"),
    99: _l("Other material agents"),
}
