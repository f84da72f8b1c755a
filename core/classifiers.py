"""Classifiers shared by every part: regions of the Kyrgyz Republic, roles, inspectorates.

Labels are lazy so that each user sees them in the language chosen in the header.
"""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class Region(StrEnum):
    """Administrative units with their own subsistence minimum (Natsstatkom tables)."""

    BISHKEK = "bishkek"
    OSH_CITY = "osh_city"
    BATKEN = "batken"
    CHUI = "chui"
    ISSYK_KUL = "issyk_kul"
    JALAL_ABAD = "jalal_abad"
    NARYN = "naryn"
    OSH = "osh"
    TALAS = "talas"


REGION_LABELS = {
    Region.BISHKEK: _l("Bishkek city"),
    Region.OSH_CITY: _l("Osh city"),
    Region.BATKEN: _l("Batken region"),
    Region.CHUI: _l("Chui region"),
    Region.ISSYK_KUL: _l("Issyk-Kul region"),
    Region.JALAL_ABAD: _l("Jalal-Abad region"),
    Region.NARYN: _l("Naryn region"),
    Region.OSH: _l("Osh region"),
    Region.TALAS: _l("Talas region"),
}


class Role(StrEnum):
    SAFETY_OFFICER = "safety_officer"
    INSPECTOR = "inspector"
    SOCIAL_FUND = "social_fund"
    ADMIN = "admin"


ROLE_LABELS = {
    Role.SAFETY_OFFICER: _l("Labour safety officer"),
    Role.INSPECTOR: _l("Inspector"),
    Role.SOCIAL_FUND: _l("Social Fund staff"),
    Role.ADMIN: _l("Administrator"),
}


class Inspectorate(StrEnum):
    """The two inspectorates of the 2022 cooperation agreement."""

    STATE = "state"  # Service for control and supervision of labour legislation (Ministry of Labour)
    TRADE_UNION = "trade_union"  # Technical labour inspection of the Federation of Trade Unions


INSPECTORATE_LABELS = {
    Inspectorate.STATE: _l("State labour inspection"),
    Inspectorate.TRADE_UNION: _l("Trade unions' technical labour inspection"),
}


class EmployerStatus(StrEnum):
    ACTIVE = "active"
    IN_LIQUIDATION = "in_liquidation"
    LIQUIDATED = "liquidated"


EMPLOYER_STATUS_LABELS = {
    EmployerStatus.ACTIVE: _l("Active"),
    EmployerStatus.IN_LIQUIDATION: _l("In liquidation"),
    EmployerStatus.LIQUIDATED: _l("Liquidated"),
}

# GKED (the Kyrgyz edition of NACE rev. 2) sections used for the employer's sector.
SECTOR_LABELS = {
    "A": _l("Agriculture, forestry and fishing"),
    "B": _l("Mining and quarrying"),
    "C": _l("Manufacturing"),
    "D": _l("Electricity, gas, steam supply"),
    "E": _l("Water supply, sewerage, waste management"),
    "F": _l("Construction"),
    "G": _l("Wholesale and retail trade"),
    "H": _l("Transportation and storage"),
    "I": _l("Accommodation and food service"),
    "J": _l("Information and communication"),
    "K": _l("Financial and insurance activities"),
    "L": _l("Real estate activities"),
    "M": _l("Professional, scientific and technical activities"),
    "N": _l("Administrative and support service activities"),
    "O": _l("Public administration and defence"),
    "P": _l("Education"),
    "Q": _l("Human health and social work"),
    "R": _l("Arts, entertainment and recreation"),
    "S": _l("Other service activities"),
}
