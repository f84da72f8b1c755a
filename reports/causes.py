"""View 4 of issue 10: what causes the cases, who gets hurt and when.

Every table counts the cases of reports/cases.py (one per victim with an act N-1 not concluded "not
work-related"; deaths by the act's severity or a death within a year) with the codes the acts
already carry (accidents/classifiers.py; migrations 0013-0015): the main cause, the incident type,
the victim's sex, age, service and last workplace briefing, the hour and weekday in Bishkek time.
The money is what the current awards of the cases' claims fix (the ledger's installments), in tyiyn.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm

from accidents.classifiers import CAUSES, INCIDENT_TYPES, SEX_LABELS
from accidents.models import Accident, Act, Consequence, Victim
from claims.models import Claim, Decision, Installment
from claims.services.due import open_awards
from reports import cases
from reports.headline import Filters
from reports.sections import Measure, Spec
from reports.views import SEVERITY_CLASS_LABELS

#: A workplace briefing is repeated at least every six months (RU GOST 12.0.004, the model the act follows).
BRIEFING_MONTHS = 6

AGE_GROUPS = {
    "0-17": _l("Under 18"),
    "18-24": _l("18–24"),
    "25-34": _l("25–34"),
    "35-44": _l("35–44"),
    "45-54": _l("45–54"),
    "55-64": _l("55–64"),
    "65+": _l("65 and over"),
}
SERVICE_GROUPS = {
    "0-1": _l("Under 1 year"),
    "1-3": _l("1 to 3 years"),
    "3-5": _l("3 to 5 years"),
    "5-10": _l("5 to 10 years"),
    "10+": _l("10 years and over"),
}
BRIEFING_GROUPS = {
    "current": _l("Briefed within six months"),
    "overdue": _l("Briefing overdue (over six months)"),
    "unrecorded": _l("No workplace briefing recorded"),
}
#: Weekdays as the databases number them (0 = Sunday), listed Monday first.
WEEKDAYS = {
    1: _l("Monday"),
    2: _l("Tuesday"),
    3: _l("Wednesday"),
    4: _l("Thursday"),
    5: _l("Friday"),
    6: _l("Saturday"),
    0: _l("Sunday"),
}
#: Three-hour bands of the Bishkek day (band n: hours 3n to 3n+2).
HOUR_BANDS = {n: f"{3 * n:02d}:00–{3 * n + 2:02d}:59" for n in range(8)}


def local_moment(dialect: str) -> Any:
    """The accident's moment on the Bishkek clock (UTC+6 all year), computed by the database."""
    if dialect == "postgresql":
        return sa.func.timezone("Asia/Bishkek", Accident.occurred_at)
    return sa.func.datetime(Accident.occurred_at, "+6 hours")


def local_day(dialect: str) -> Any:
    if dialect == "postgresql":
        return sa.cast(local_moment(dialect), sa.Date)
    return sa.func.date(Accident.occurred_at, "+6 hours")


def _part(dialect: str, pg: str, sqlite: str, value: Any) -> Any:
    if dialect == "postgresql":
        return sa.cast(sa.func.date_part(pg, value), sa.Integer)
    return sa.cast(sa.func.strftime(sqlite, value), sa.Integer)


def age(dialect: str) -> Any:
    """Whole years of the victim's age on the accident's Bishkek day."""
    day = local_day(dialect)
    if dialect == "postgresql":
        return sa.cast(sa.func.date_part("year", sa.func.age(day, Victim.birth_date)), sa.Integer)
    years = _part(dialect, "year", "%Y", day) - _part(dialect, "year", "%Y", Victim.birth_date)
    before_birthday = sa.func.strftime("%m-%d", day) < sa.func.strftime("%m-%d", Victim.birth_date)
    return years - sa.case((before_birthday, 1), else_=0)


def bands(value: Any, limits: list[tuple[int, str]], last: str) -> Any:
    """``value`` in bands: the key of the first limit it is under, else ``last``."""
    return sa.case(*((value < limit, key) for limit, key in limits), else_=last)


def age_group(dialect: str) -> Any:
    limits = [(18, "0-17"), (25, "18-24"), (35, "25-34"), (45, "35-44"), (55, "45-54"), (65, "55-64")]
    return bands(age(dialect), limits, "65+")


def service_group(_dialect: str) -> Any:
    """The victim's service in the occupation (act, section 1) in bands; NULL where not given."""
    months = sa.func.coalesce(Act.service_years, 0) * 12 + sa.func.coalesce(Act.service_months, 0)
    return sa.case(
        (sa.and_(Act.service_years.is_(None), Act.service_months.is_(None)), sa.null()),
        else_=bands(months, [(12, "0-1"), (36, "1-3"), (60, "3-5"), (120, "5-10")], "10+"),
    )


def briefing_group(dialect: str) -> Any:
    """Whether the last workplace briefing was within six months of the accident's day."""
    day = local_day(dialect)
    limit: Any
    if dialect == "postgresql":
        limit = sa.cast(day - sa.literal_column(f"interval '{BRIEFING_MONTHS} months'"), sa.Date)
    else:
        limit = sa.func.date(day, f"-{BRIEFING_MONTHS} months")
    return sa.case(
        (Act.workplace_briefing_on.is_(None), "unrecorded"),
        (Act.workplace_briefing_on < limit, "overdue"),
        else_="current",
    )


def weekday(dialect: str) -> Any:
    return _part(dialect, "dow", "%w", local_moment(dialect))


def hour_band(dialect: str) -> Any:
    return _part(dialect, "hour", "%H", local_moment(dialect)) // 3


def case_base(s: orm.Session, user: Any, f: Filters, columns: list[Any]) -> sa.Select[Any]:
    """The cases of the period within the user's scope and the filters (reports/cases.py)."""
    return cases.case_query(user, columns, **dataclasses.asdict(f))


def _awarded(s: orm.Session) -> Any:
    """Whole tyiyn fixed by the current award of each act's claims (their installments)."""
    current = open_awards(s).with_only_columns(Decision.id).order_by(None)
    return (
        sa.select(Claim.act_id, sa.func.sum(sa.type_coerce(Installment.amount, sa.BigInteger)).label("tyiyn"))
        .join(Installment, Installment.claim_id == Claim.id)
        .where(Installment.decision_id.in_(current), Claim.act_id.is_not(None))
        .group_by(Claim.act_id)
        .subquery("awarded")
    )


def _with_money(s: orm.Session, user: Any, f: Filters, columns: list[Any]) -> sa.Select[Any]:
    awarded = _awarded(s)
    money = sa.func.coalesce(awarded.c.tyiyn, 0)
    columns = [sa.func.coalesce(sa.func.sum(money), 0).label("money") if _is_money(c) else c for c in columns]
    return case_base(s, user, f, columns).outerjoin(awarded, awarded.c.act_id == Act.id)


def _is_money(column: Any) -> bool:
    return isinstance(column, sa.sql.elements.Label) and column.name == "money"


#: A placeholder the money measure stands for, replaced by the awarded sum once its join is known.
MONEY: Any = sa.literal_column("0").label("money")


def _victims() -> Measure:
    return Measure("victims", _l("Victims"))


def _money_measure() -> Measure:
    return _MoneyMeasure("money", _l("Money awarded, som"), money=True)


class _MoneyMeasure(Measure):
    """The awarded sum: a SUM over the awards' join (_with_money), not a count."""

    def aggregate(self, dialect: str) -> Any:
        return MONEY


#: The figures of a "who" table: the cases and the deaths among them.
VICTIMS_AND_DEATHS = (_victims(), Measure("deaths", _l("Deaths"), where=cases.dead))


def _of_cases(
    key: str, title: Any, header: Any, row: Any, labels: Any, base: Any = case_base, **more: Any
) -> Spec:
    """A table over the cases (case_base, or another base of them)."""
    return Spec(key=key, title=title, base=base, row=row, row_labels=labels, row_header=header, **more)


SPECS = (
    _of_cases(
        "causes",
        _l("Main causes (Pareto)"),
        _l("Main cause"),
        lambda _d: Act.main_cause,
        CAUSES,
        base=_with_money,
        measures=(
            *VICTIMS_AND_DEATHS,
            Measure(
                "days_lost",
                _l("Working days lost"),
                value=lambda _d: sa.func.coalesce(Consequence.days_lost, 0),
            ),
            _money_measure(),
        ),
        chart="pareto",
        ranked=True,
    ),
    _of_cases(
        "incident_types",
        _l("Incident type by severity"),
        _l("Incident type"),
        lambda _d: sa.func.coalesce(Act.incident_type, Accident.incident_type),
        INCIDENT_TYPES,
        column=cases.severity_class,
        column_labels=SEVERITY_CLASS_LABELS,
    ),
    _of_cases(
        "sex_age",
        _l("Victims by age group and sex"),
        _l("Age group"),
        age_group,
        AGE_GROUPS,
        column=lambda _d: Victim.sex,
        column_labels=SEX_LABELS,
    ),
    _of_cases(
        "service",
        _l("Victims by length of service in the occupation"),
        _l("Length of service"),
        service_group,
        SERVICE_GROUPS,
        measures=VICTIMS_AND_DEATHS,
    ),
    _of_cases(
        "briefing",
        _l("Victims by their last workplace briefing"),
        _l("Workplace briefing"),
        briefing_group,
        BRIEFING_GROUPS,
        measures=VICTIMS_AND_DEATHS,
    ),
    _of_cases(
        "when",
        _l("Victims by weekday and hour (Bishkek time)"),
        _l("Weekday"),
        weekday,
        WEEKDAYS,
        column=hour_band,
        column_labels=HOUR_BANDS,
        chart="heatmap",
    ),
)
