"""``flask demo generate``: a synthetic national register for the dashboards at scale (issue 10).

Employers in every GKED sector and region with headcounts (by sex for most), accidents over several
years with the seasons, weekdays and hours of real registers, an ILO-like severity mix (about one
death per 500-1,000 non-fatal injuries), causes and incident types, victims with the act's codes
(injury, body part, ISCO-08 occupation, material agent), acts in every state of the review (most
approved, some returned or under review, their audit trail), commissions, notices, consequences,
measures, and for a share of the recent severe and fatal cases MSEC findings, claims, decisions
computed by the engine and payments; and the national denominators.

Every row is what the services would have written, states consistent, but it is written in bulk, in
chunks, never as one ORM object a row: tuples straight to the driver (``executemany`` on SQLite with
load settings put back after, ``COPY`` on PostgreSQL; see ``_insert``). A million accidents take about
nine minutes of the generator's CPU time (README, "Lists and dashboards at national scale").
The same seed and ``until`` give the same register. bench/scale.py
and bench/dashboards.py build their registers with it.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import click
import sqlalchemy as sa
from flask.cli import with_appcontext
from werkzeug.security import generate_password_hash

from accidents import models as accident_models
from accidents.classifiers import (
    BODY_PARTS,
    INJURY_NATURES,
    MATERIAL_AGENTS,
    OCCUPATIONS,
    Category,
    Outcome,
    Recipient,
    Status,
)
from accidents.models import Accident, Act, Victim
from accidents.services import ACT_FIELDS, MEMBER_FIELDS, VICTIM_FIELDS
from calculator.services import tables_in_force
from claims import case_file
from claims.models import (
    Claim,
    ClaimDocument,
    Decision,
    EarningsMonth,
    Installment,
    MsecFinding,
    Payment,
    Survivor,
)
from claims.services.common import CLAIM_DOCUMENTS
from claims.services.decisions import _calculate, _traces
from core import data_version, db
from core.audit import AuditEntry, jsonable
from core.auth.models import User
from core.backup import _reset_sequences
from core.classifiers import SECTOR_LABELS, Inspectorate, Region, Role
from core.cli import demo_cli
from core.db import BISHKEK, UTCDateTime, fold
from core.demo import DEMO_PASSWORD
from core.employers import Employer, EmployerHeadcount
from core.errors import FormErrors
from reports.models import BOTH, COUNTRY, NationalEmployment

#: The country-wide inspector every generated register has (its password is the demo one).
GENERATED_INSPECTOR = "inspector@gen.emgek.kg"
#: Share of employment by GKED section (roughly the Kyrgyz structure) and relative accident risk.
SECTORS = {
    "A": (18, 1.4),
    "B": (2, 4.0),
    "C": (9, 2.2),
    "D": (2, 1.6),
    "E": (1, 1.8),
    "F": (10, 3.0),
    "G": (15, 0.6),
    "H": (6, 2.0),
    "I": (4, 0.6),
    "J": (2, 0.2),
    "K": (2, 0.1),
    "L": (1, 0.4),
    "M": (2, 0.3),
    "N": (2, 0.8),
    "O": (5, 0.4),
    "P": (10, 0.3),
    "Q": (5, 0.6),
    "R": (1, 0.5),
    "S": (3, 0.5),
}
#: Women's share of the headcount by section (the rest are men).
WOMEN = {"A": 0.4, "B": 0.1, "C": 0.45, "D": 0.2, "E": 0.25, "F": 0.08, "H": 0.15, "P": 0.75, "Q": 0.8}
#: People by region (share of the country).
REGIONS = {
    Region.BISHKEK: 25,
    Region.OSH_CITY: 6,
    Region.CHUI: 14,
    Region.OSH: 17,
    Region.JALAL_ABAD: 17,
    Region.ISSYK_KUL: 7,
    Region.NARYN: 4,
    Region.TALAS: 4,
    Region.BATKEN: 6,
}
#: More accidents in the building and farming season, fewer in winter.
MONTHS = [0.8, 0.8, 0.9, 1.0, 1.1, 1.2, 1.25, 1.25, 1.15, 1.05, 0.9, 0.8]
WEEKDAYS = [1.15, 1.1, 1.05, 1.05, 1.0, 0.55, 0.3]
#: Bishkek hour of the day: the morning and the early afternoon, few at night.
HOURS = [1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 11, 10, 6, 7, 10, 9, 8, 6, 4, 3, 2, 2, 1, 1]
#: Incident types (1-18) by frequency: falls of objects, falls, moving parts, transport lead.
INCIDENT_WEIGHTS = [9, 16, 15, 18, 4, 6, 3, 0.2, 2, 2, 3, 1, 1, 0.5, 2, 0.2, 0.5, 4]
#: Main causes (1-14): poor organisation, training and discipline lead.
CAUSE_WEIGHTS = [3, 5, 6, 5, 9, 5, 5, 14, 9, 6, 5, 11, 3, 8]
SURNAMES = [
    "Асанов",
    "Бекова",
    "Джумабаев",
    "Исакова",
    "Кадыров",
    "Маматова",
    "Осмонов",
    "Токтогулова",
    "Сыдыков",
    "Абдыкадырова",
    "Жумабеков",
    "Турдубаева",
    "Алиев",
    "Эсенгулова",
    "Рыскулов",
    "Ниязова",
]
MEN = ["Азамат", "Бакыт", "Данияр", "Нурлан", "Эрлан", "Марат", "Тимур", "Улан", "Эмиль", "Самат"]
WOMEN_NAMES = ["Айгуль", "Гульнара", "Жылдыз", "Чолпон", "Асель", "Нургуль", "Бермет", "Айжан"]
FORMS = ["ОсОО", "ОАО", "ЗАО", "ГП", "ИП", "МП"]
STEMS = ["Ала-Тоо", "Ак-Суу", "Нарын", "Тянь-Шань", "Кыргыз", "Ысык-Көл", "Таласс", "Алай", "Чаткал", "Кемин"]
TRADE = {"A": "Агро", "B": "Кен", "C": "Завод", "F": "Курулуш", "H": "Транс", "G": "Соода", "P": "Билим"}
#: Severity mix of accidents: about 1 fatal in 700 non-fatal (ILO), 1 % group accidents.
CATEGORY_WEIGHTS = {Category.LIGHT: 90.3, Category.SEVERE: 8.55, Category.FATAL: 0.15, Category.GROUP: 1.0}
CHUNK = 10_000
SOURCE = "Synthetic (flask demo generate): not published figures"


@dataclass
class Register:
    """What was generated, by table; ``officer_email``: an employer's officer to sign in as."""

    counts: dict[str, int] = field(default_factory=dict)
    officer_email: str = ""
    inspector_email: str = ""

    def add(self, table: str, n: int) -> None:
        self.counts[table] = self.counts.get(table, 0) + n


def _weighted(rng: random.Random, cum: list[float]) -> int:
    return bisect.bisect(cum, rng.random() * cum[-1])


def _cum(weights: list[float]) -> list[float]:
    return list(itertools.accumulate(weights))


def _years_ago(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _working_days(start: date, end: date) -> int:
    days = (end - start).days + 1
    weeks, rest = divmod(days, 7)
    return weeks * 5 + sum(1 for i in range(rest) if (start.weekday() + i) % 7 < 5)


class _Ids:
    """The next free id of each table, so rows link to each other without RETURNING."""

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn
        self.next: dict[str, int] = {}

    def take(self, table: sa.Table, n: int = 1) -> int:
        if table.name not in self.next:
            top = self.conn.scalar(sa.select(sa.func.max(table.c.id)))
            self.next[table.name] = (top or 0) + 1
        first = self.next[table.name]
        self.next[table.name] += n
        return first


def _sqlite_timestamp(value: datetime | None) -> str | None:
    """What SQLAlchemy's SQLite DateTime writes for a UTC timestamp (``2026-12-01 04:05:00.000000``)."""
    return None if value is None else value.astimezone(UTC).isoformat(" ", "microseconds")[:26]


def _sqlite_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _processor(column: sa.Column[Any], dialect: sa.Dialect) -> Callable[[Any], Any] | None:
    """The column's bind processor: SQLAlchemy's own, but for SQLite's timestamps and dates, the
    bulk of every row, which SQLAlchemy formats in Python field by field and these in one C call."""
    if dialect.name == "sqlite":
        if isinstance(column.type, UTCDateTime):
            return _sqlite_timestamp
        if type(column.type) is sa.Date:
            return _sqlite_date
    return column.type.dialect_impl(dialect).bind_processor(dialect)  # type: ignore[no-any-return]


def _insert(conn: sa.Connection, register: Register, model: Any, rows: list[dict[str, Any]]) -> None:
    """Write ``rows`` to ``model``'s table in one bulk statement on the connection's own DBAPI cursor.

    SQLAlchemy's ``execute(insert(), rows)`` spends most of its time building each row's parameters;
    here the column list, bind processors (the same as SQLAlchemy's: Money to tyiyn, UTC timestamps,
    JSON) and Python defaults are worked out once per call and the rows go as tuples: ``executemany``
    on SQLite, ``COPY ... FROM STDIN`` on PostgreSQL (psycopg). What is written is what SQLAlchemy would
    have written, except that a column's Python default (``now_utc``) is taken once per call.
    """
    if not rows:
        return
    table: sa.Table = model.__table__
    dialect = conn.dialect
    present = set().union(*rows)
    names, defaults = [], {}
    for column in table.columns:
        if column.key in present:
            names.append(column.key)
        elif column.default is not None and not column.primary_key:
            default = column.default
            if not getattr(default, "is_scalar", False) and not getattr(default, "is_callable", False):
                raise ValueError(f"{table.name}.{column.key}: a default the bulk load cannot compute")
            names.append(column.key)
            defaults[column.key] = default.arg(None) if default.is_callable else default.arg  # type: ignore[attr-defined]
    columns = [table.c[name] for name in names]
    count = len(rows)
    complete = all(len(row) == len(present) for row in rows)  # then every row has every key
    values: list[Any] = []
    for column in columns:
        process = _processor(column, dialect)
        if column.key in defaults:  # the same value in every row: converted once
            default = defaults[column.key]
            values.append(itertools.repeat(process(default) if process else default, count))
        else:
            key = column.key
            cells = list(map(operator.itemgetter(key), rows)) if complete else [row.get(key) for row in rows]
            values.append(list(map(process, cells)) if process else cells)
    tuples = list(zip(*values, strict=True))
    quote = dialect.identifier_preparer.quote
    columns_sql = ", ".join(quote(c.name) for c in columns)
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        if dialect.name == "postgresql":
            with cursor.copy(f"COPY {quote(table.name)} ({columns_sql}) FROM STDIN") as copy:
                for values in tuples:
                    copy.write_row(values)
        else:
            marks = ", ".join("?" for _ in columns)
            sql = f"INSERT INTO {quote(table.name)} ({columns_sql}) VALUES ({marks})"  # noqa: S608 - names from the model
            cursor.executemany(sql, tuples)
    finally:
        cursor.close()
    # Written beside the session, so it is told: its commit replaces the data version
    # (core/data_version.py) and no worker keeps showing the figures it cached before.
    db.session().info[data_version._WROTE] = True  # noqa: SLF001
    register.add(model.__tablename__, len(rows))


def generate(
    employers: int,
    accidents: int,
    seed: int = 2026,
    until: date | None = None,
    years: int = 5,
    claims_share: float = 0.25,
    progress: Callable[[int], None] | None = None,
) -> Register:
    """Fill an empty register (no employers yet) with ``employers`` and ``accidents`` over ``years``
    years up to ``until`` (today in Bishkek by default); ``progress`` is told each chunk of accidents done.
    """
    until = until or db.today_bishkek()
    rng = random.Random(seed)
    s = db.session()
    if s.scalar(sa.select(sa.func.count()).select_from(Employer)):
        raise click.ClickException("The database already has employers: generate into an empty one.")
    conn = s.connection()
    ids = _Ids(conn)
    register = Register()
    first_year = until.year - years + 1
    staff = _people(conn, ids, register)
    made = _employers(conn, ids, register, rng, employers, first_year, until.year)
    register.officer_email = f"officer{made.first:05d}@gen.emgek.kg"
    register.inspector_email = GENERATED_INSPECTOR
    s.commit()
    days = [
        date(first_year, 1, 1) + timedelta(days=i) for i in range((until - date(first_year, 1, 1)).days + 1)
    ]
    day_cum = _cum([MONTHS[d.month - 1] * WEEKDAYS[d.weekday()] for d in days])
    tables, rows = tables_in_force(s)
    engine = SimpleNamespace(tables=tables, rows=rows)
    conn = ids.conn = s.connection()
    restore = _fast_load(conn)
    try:
        done = 0
        while done < accidents:
            n = min(CHUNK, accidents - done)
            _accidents(conn, ids, register, rng, n, made, staff, days, day_cum, until, claims_share, engine)
            s.commit()
            conn = ids.conn = s.connection()
            _fast_load(conn)
            done += n
            if progress:
                progress(n)
    except BaseException:
        s.rollback()  # SQLite's settings change only outside a transaction
        raise
    finally:
        _fast_load(s.connection(), restore)
    _denominators(conn, register, made, first_year, until.year)
    if conn.dialect.name == "postgresql":
        _reset_sequences(conn, [m.__table__ for m in _MODELS])
    s.commit()
    if conn.dialect.name == "postgresql":
        s.execute(sa.text("ANALYZE"))
        s.commit()
    return register


#: SQLite settings for the load: no fsync at the chunks' commits and their checkpoints (a crash
#: mid-load leaves a register to generate again anyway) and a 64 MB page cache for the indexes.
_SQLITE_LOAD = {"synchronous": "OFF", "cache_size": "-65536"}


def _fast_load(conn: sa.Connection, restore: dict[str, Any] | None = None) -> dict[str, Any]:
    """Set SQLite's load settings on ``conn`` (or put back ``restore``); the settings it had before.

    Per connection, and only between transactions: set again on each chunk's connection (the pool
    gives back the same one), before its first write."""
    if conn.dialect.name != "sqlite":
        return {}
    before = {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in _SQLITE_LOAD}
    for name, value in (restore if restore is not None else _SQLITE_LOAD).items():
        conn.exec_driver_sql(f"PRAGMA {name}={value}")
    return before


_MODELS: list[Any] = [
    User,
    Employer,
    EmployerHeadcount,
    Accident,
    Victim,
    Act,
    accident_models.ActRevision,
    accident_models.CommissionMember,
    accident_models.Notification,
    accident_models.Consequence,
    accident_models.Measure,
    AuditEntry,
    MsecFinding,
    Claim,
    EarningsMonth,
    ClaimDocument,
    Survivor,
    Decision,
    Installment,
    Payment,
    NationalEmployment,
]


@dataclass
class _Staff:
    admin: int
    #: (user id, inspectorate) of the inspectors of each region.
    inspectors: dict[str, list[tuple[int, str]]]


def _people(conn: sa.Connection, ids: _Ids, register: Register) -> _Staff:
    """The administrator, a state and a trade-union inspector for the country and each region, and the
    Social Fund; all with the demo password (hashed once: the hash is the slow part)."""
    hashed = generate_password_hash(DEMO_PASSWORD)
    rows: list[dict[str, Any]] = []

    def person(email: str, name: str, role: Role, **extra: Any) -> int:
        uid = ids.take(User.__table__)
        rows.append(
            {"id": uid, "email": email, "full_name": name, "name_search": fold(f"{name} {email}")}
            | {"role": role.value, "password_hash": hashed, "inspectorate": None, "region": None}
            | extra
        )
        return uid

    admin = person("admin@gen.emgek.kg", "Администратор", Role.ADMIN)
    inspectors: dict[str, list[tuple[int, str]]] = {}
    country = [
        (person("inspector@gen.emgek.kg", "Жумабаев Эрлан", Role.INSPECTOR, inspectorate="state"), "state"),
        (
            person("tli@gen.emgek.kg", "Кыдыралиев Самат", Role.INSPECTOR, inspectorate="trade_union"),
            "trade_union",
        ),
    ]
    for region in Region:
        inspectors[region.value] = [
            (
                person(
                    f"{kind.value}.{region.value}@gen.emgek.kg",
                    f"{SURNAMES[len(rows) % len(SURNAMES)].rstrip('а')} {MEN[len(rows) % len(MEN)]}",
                    Role.INSPECTOR,
                    inspectorate=kind.value,
                    region=region.value,
                ),
                kind.value,
            )
            for kind in Inspectorate
        ] + country
    person("fund@gen.emgek.kg", "Социальный фонд", Role.SOCIAL_FUND, region=Region.BISHKEK.value)
    _insert(conn, register, User, rows)
    return _Staff(admin=admin, inspectors=inspectors)


@dataclass
class _Employers:
    first: int
    rows: list[dict[str, Any]]
    #: Cumulative accident weight (headcount x sector risk) in id order, for drawing the employer.
    cum: list[float]
    headcount: dict[tuple[int, int], tuple[int, int | None]]
    officers: dict[int, int]


def _employers(
    conn: sa.Connection,
    ids: _Ids,
    register: Register,
    rng: random.Random,
    n: int,
    first_year: int,
    last_year: int,
) -> _Employers:
    sectors, sector_cum = list(SECTORS), _cum([w for w, _r in SECTORS.values()])
    regions, region_cum = list(REGIONS), _cum(list(REGIONS.values()))
    first = ids.take(Employer.__table__, n)
    rows, headcounts, weights, officers, heads = [], [], [], [], {}
    hashed = generate_password_hash(DEMO_PASSWORD)
    for i in range(n):
        eid = first + i
        sector = sectors[_weighted(rng, sector_cum)]
        region = regions[_weighted(rng, region_cum)].value
        stem = rng.choice(STEMS)
        name = f"{rng.choice(FORMS)} «{stem} {TRADE.get(sector, 'Сервис')} {eid:05d}»"
        rows.append(
            {
                "id": eid,
                "name": name,
                "name_search": fold(name),
                "inn": f"{2 if i % 3 else 1}{eid:013d}",
                "okpo": f"{eid:08d}",
                "sector": sector,
                "region": region,
                "address": f"ул. Ленина {1 + eid % 300}",
                "status": "active",
                "budget_sector": sector in {"O", "P", "Q"},
            }
        )
        size = max(5, min(30_000, int(rng.lognormvariate(4.6, 1.2))))
        reports_women = rng.random() < 0.7
        for year in range(first_year, last_year + 1):
            count = max(1, int(size * rng.uniform(0.9, 1.1)))
            women = round(count * WOMEN.get(sector, 0.5) * rng.uniform(0.8, 1.2)) if reports_women else None
            women = min(women, count) if women is not None else None
            heads[(eid, year)] = (count, women)
            headcounts.append(
                {
                    "employer_id": eid,
                    "year": year,
                    "headcount": count,
                    "women": women,
                    "hours_worked": count * 1760 if rng.random() < 0.5 else None,
                }
            )
        weights.append(size * SECTORS[sector][1])
        officer = ids.take(User.__table__)
        officers.append(
            {
                "id": officer,
                "email": f"officer{eid:05d}@gen.emgek.kg",
                "full_name": f"Инженер по ОТ {eid}",
                "name_search": fold(f"Инженер по ОТ {eid} officer{eid:05d}@gen.emgek.kg"),
                "role": Role.SAFETY_OFFICER.value,
                "password_hash": hashed,
                "employer_id": eid,
            }
        )
    _insert(conn, register, Employer, rows)
    for lo in range(0, len(headcounts), CHUNK):
        _insert(conn, register, EmployerHeadcount, headcounts[lo : lo + CHUNK])
    for lo in range(0, len(officers), CHUNK):
        _insert(conn, register, User, officers[lo : lo + CHUNK])
    return _Employers(first, rows, _cum(weights), heads, {o["employer_id"]: o["id"] for o in officers})


#: Cumulative weights drawn from for every accident or victim (worked out once, not per draw).
#: The reviewer among a region's four inspectors; an investigation's end, recent or older; a group
#: accident's victim's severity.
_REVIEWER_CUM = _cum([4, 2, 1, 1])
_RECENT_CUM = _cum([70, 15, 10, 5])
_OLD_CUM = _cum([96, 1.5, 1.5, 1])
_GROUP_SEVERITY_CUM = _cum([60, 36, 4])


@functools.lru_cache(maxsize=8192)
def _offset(day: date) -> timedelta | None:
    """Bishkek's UTC offset all that day, or None on a day the offset changes (none since 2005)."""
    first = BISHKEK.utcoffset(datetime.combine(day, time(0, 0)))
    return first if first == BISHKEK.utcoffset(datetime.combine(day, time(23, 59))) else None


def _moment(day: date, hour: int, minute: int) -> datetime:
    """The UTC instant of a Bishkek wall-clock time: the day's offset looked up once, not per call."""
    offset = _offset(day)
    if offset is None:
        return datetime.combine(day, time(hour, minute), tzinfo=BISHKEK).astimezone(UTC)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC) - offset


def _accidents(
    conn: sa.Connection,
    ids: _Ids,
    register: Register,
    rng: random.Random,
    n: int,
    employers: _Employers,
    staff: _Staff,
    days: list[date],
    day_cum: list[float],
    until: date,
    claims_share: float,
    engine: Any,
) -> None:
    """One chunk of ``n`` accidents with everything that hangs off them."""
    out: dict[str, list[dict[str, Any]]] = {m.__tablename__: [] for m in _MODELS}
    hour_cum, incident_cum, cause_cum = _cum(HOURS), _cum(INCIDENT_WEIGHTS), _cum(CAUSE_WEIGHTS)
    categories, category_cum = list(CATEGORY_WEIGHTS), _cum(list(CATEGORY_WEIGHTS.values()))
    natures, parts, agents = list(INJURY_NATURES), list(BODY_PARTS), list(MATERIAL_AGENTS)
    occupations = [code for code in OCCUPATIONS if len(code) == 2]
    accident_id = ids.take(Accident.__table__, n)
    end_of_until = _moment(until, 23, 59)
    for k in range(n):
        aid = accident_id + k
        employer = employers.rows[_weighted(rng, employers.cum)]
        eid = employer["id"]
        day = days[_weighted(rng, day_cum)]
        occurred = _moment(day, _weighted(rng, hour_cum), rng.randrange(60))
        if occurred > end_of_until:
            occurred = end_of_until
        category = categories[_weighted(rng, category_cum)]
        incident = _weighted(rng, incident_cum) + 1
        age = (until - day).days
        reported = occurred + timedelta(hours=rng.uniform(0.5, 20))
        formed = day + timedelta(days=1 if rng.random() < 0.3 else 0)
        commission = formed <= until and (age > 0 or rng.random() < 0.5)
        span = 3 if category is Category.LIGHT else 15
        due_on = (formed if commission else day) + timedelta(days=span)
        inspectors = staff.inspectors[employer["region"]]
        reviewer, inspectorate = inspectors[_weighted(rng, _REVIEWER_CUM)]
        officer = employers.officers[eid]
        # How far the investigation got: by the accident's age.
        if not commission:
            final = Status.REPORTED
        elif age < span:
            final = rng.choice(
                [Status.INVESTIGATING, Status.INVESTIGATING, Status.ACT_SUBMITTED, Status.UNDER_REVIEW]
            )
        elif age < 45:
            final = [Status.APPROVED, Status.UNDER_REVIEW, Status.RETURNED, Status.ACT_SUBMITTED][
                _weighted(rng, _RECENT_CUM)
            ]
        else:
            final = [Status.APPROVED, Status.UNDER_REVIEW, Status.RETURNED, Status.ACT_SUBMITTED][
                _weighted(rng, _OLD_CUM)
            ]
        closed_on = None
        if final not in (Status.REPORTED, Status.INVESTIGATING):
            late = rng.random() < 0.06
            closed_on = min(
                until,
                due_on + timedelta(days=rng.randint(1, 10))
                if late
                else formed + timedelta(days=rng.randint(0, span)),
            )
            closed_on = max(closed_on, formed)
        out["accident"].append(
            {
                "id": aid,
                "employer_id": eid,
                "occurred_at": occurred,
                "place": "Производственный участок",
                "category": category.value,
                "incident_type": incident,
                "circumstances": "Обстоятельства изложены в акте Н-1.",
                "status": final.value,
                "reported_at": reported,
                "reported_by_id": officer,
                "commission_formed_on": formed if commission else None,
                "commission_order_no": f"{rng.randint(1, 400)}-п" if commission else None,
                "investigation_due_on": due_on,
                "investigation_closed_on": closed_on,
            }
        )
        members = []
        if commission:
            for pos, (role, post) in enumerate(
                [
                    ("chair", "Главный инженер"),
                    ("osh_specialist", "Инженер по охране труда"),
                    ("trade_union", "Председатель профкома"),
                ]
            ):
                member = {
                    "accident_id": aid,
                    "position": pos,
                    "full_name": _person(rng)[0],
                    "post": post,
                    "role": role,
                }
                members.append(member)
                out["commission_member"].append(member)
        if category is not Category.LIGHT:
            for recipient in Recipient:
                sent = (
                    None
                    if final is Status.REPORTED and rng.random() < 0.3
                    else reported + timedelta(hours=rng.uniform(0.2, 30 if rng.random() < 0.08 else 20))
                )
                out["notification"].append(
                    {
                        "accident_id": aid,
                        "recipient": recipient.value,
                        "required": True,
                        "due_at": reported + timedelta(hours=24),
                        "recipient_name": None,
                        "sent_at": sent,
                        "method": "phone" if sent else None,
                        "reference": f"№ {rng.randint(1, 999)}" if sent else None,
                    }
                )
        n_victims = rng.randint(2, 4) if category is Category.GROUP else 1
        if final is Status.REPORTED:
            continue  # no victims' acts before the commission
        victim_id = ids.take(Victim.__table__, n_victims)
        act_id = ids.take(Act.__table__, n_victims)
        for v in range(n_victims):
            _victim(
                out,
                ids,
                rng,
                out["accident"][-1],
                victim_id + v,
                act_id + v,
                employer,
                category,
                incident,
                day,
                occurred,
                final,
                closed_on,
                reviewer,
                inspectorate,
                officer,
                staff,
                members,
                until,
                natures,
                parts,
                agents,
                occupations,
                cause_cum,
                claims_share,
                engine,
            )
    for model in _MODELS:
        _insert(conn, register, model, out[model.__tablename__])


def _person(rng: random.Random, sex: str | None = None) -> tuple[str, str]:
    sex = sex or ("female" if rng.random() < 0.25 else "male")
    given = rng.choice(WOMEN_NAMES if sex == "female" else MEN)
    surname = rng.choice(SURNAMES)
    if sex == "female" and not surname.endswith("а"):
        surname += "а"
    elif sex == "male" and surname.endswith("а"):
        surname = surname[:-1]
    return f"{surname} {given}", sex


def _victim(
    out: dict[str, list[dict[str, Any]]],
    ids: _Ids,
    rng: random.Random,
    accident: dict[str, Any],
    vid: int,
    act_id: int,
    employer: dict[str, Any],
    category: Category,
    incident: int,
    day: date,
    occurred: datetime,
    final: Status,
    closed_on: date | None,
    reviewer: int,
    inspectorate: str,
    officer: int,
    staff: _Staff,
    members: list[dict[str, Any]],
    until: date,
    natures: list[int],
    parts: list[int],
    agents: list[int],
    occupations: list[str],
    cause_cum: list[float],
    claims_share: float,
    engine: Any,
) -> None:
    aid = accident["id"]
    women = WOMEN.get(employer["sector"], 0.35) * 0.6
    name, sex = _person(rng, "female" if rng.random() < women else "male")
    name = f"{name} {vid}"
    birth = _years_ago(day, rng.randint(18, 64)) - timedelta(days=rng.randrange(365))
    victim = {
        "id": vid,
        "accident_id": aid,
        "pin": f"{2 if sex == 'male' else 1}{vid:013d}",
        "full_name": name,
        "name_search": fold(name),
        "sex": sex,
        "birth_date": birth,
        "occupation": "Рабочий",
    }
    out["victim"].append(victim)
    if category is Category.GROUP:
        severity = ["light", "severe", "fatal"][_weighted(rng, _GROUP_SEVERITY_CUM)]
    else:
        severity = {Category.LIGHT: "light", Category.SEVERE: "severe", Category.FATAL: "fatal"}[category]
    # The act's status: an investigation still running has its acts in it; otherwise the accident's.
    status = final
    work_related = True
    nwr = category is Category.LIGHT and rng.random() < 0.03
    if nwr:
        work_related = False
    submitted = final not in (Status.INVESTIGATING,)

    def when(d: date) -> datetime:
        return _moment(d, rng.randint(9, 17), rng.randrange(60))

    closed = closed_on or day
    returned_once = final is Status.RETURNED or (final is Status.APPROVED and rng.random() < 0.07)
    approved_on = min(until, closed + timedelta(days=rng.randint(1, 20 if returned_once else 10)))
    workplace = day - timedelta(days=rng.randint(200, 400) if rng.random() < 0.06 else rng.randint(5, 170))
    service = rng.randint(0, 25)
    main_cause = _weighted(rng, cause_cum) + 1
    act = {
        "id": act_id,
        "accident_id": aid,
        "victim_id": vid,
        "kind": "n1",
        "status": status.value,
        "revision": 1,
        "service_years": service,
        "service_months": rng.randint(0, 11),
        "induction_briefing_on": _years_ago(day, service) - timedelta(days=rng.randrange(1, 300)),
        "workplace_briefing_on": workplace,
        "osh_training_on": workplace - timedelta(days=rng.randint(0, 300)),
        "knowledge_test_on": workplace - timedelta(days=rng.randint(0, 300)),
        "knowledge_test_protocol": str(rng.randint(1, 99)),
        "place_description": "Участок работ",
        "equipment": None,
        "circumstances": "Обстоятельства несчастного случая.",
        "incident_type": incident,
        "injury_nature": "Травма",
        "body_part": "Часть тела",
        "injury_nature_code": rng.choice(natures),
        "body_part_code": rng.choice(parts),
        "occupation_code": rng.choice(occupations),
        "material_agent_code": rng.choice(agents),
        "diagnosis": "Диагноз по медицинскому заключению",
        "severity": severity,
        "medical_institution": "Территориальная больница",
        "medical_conclusion_no": str(rng.randint(1, 999)),
        "medical_conclusion_on": min(until, day + timedelta(days=1)),
        "intoxication": "none",
        "main_cause": main_cause,
        "contributing_causes": sorted({_weighted(rng, cause_cum) + 1} - {main_cause}),
        "causes_text": "Причины изложены в акте.",
        "victim_fault_percent": None,
        "work_related": work_related,
        "work_related_grounds": "Ст. 223 Трудового кодекса КР",
        "submitted_at": when(closed) if submitted else None,
        "review_started_at": when(closed)
        if status in (Status.UNDER_REVIEW, Status.APPROVED, Status.RETURNED)
        else None,
        "reviewed_by_id": reviewer
        if status in (Status.UNDER_REVIEW, Status.APPROVED, Status.RETURNED)
        else None,
        "approved_at": when(approved_on) if status is Status.APPROVED else None,
        "review_remark": "Уточнить причины" if status is Status.RETURNED else None,
        "nwr_agreed_at": when(closed) if nwr and submitted else None,
        "nwr_agreed_by_id": reviewer if nwr and submitted else None,
    }
    out["act"].append(act)
    measures = []
    if work_related:
        for pos in range(rng.randint(1, 2)):
            due = closed + timedelta(days=rng.choice([14, 30, 60, 90]))
            done = None
            if due <= until + timedelta(days=30) and rng.random() < 0.85:
                done = (
                    due - timedelta(days=rng.randint(0, 10))
                    if rng.random() < 0.85
                    else due + timedelta(days=rng.randint(1, 40))
                )
                done = done if done <= until else None
            verified = done is not None and rng.random() < 0.6
            measure = {
                "act_id": act_id,
                "position": pos,
                "description": "Провести внеплановый инструктаж",
                "due_date": due,
                "responsible": "Начальник участка",
                "completed_on": done,
                "verified_at": when(min(until, done + timedelta(days=5))) if verified and done else None,
                "verified_by_id": reviewer if verified else None,
            }
            measures.append(measure)
            out["act_measure"].append(measure)
    _trail(out, ids, act, status, returned_once, officer, reviewer)
    if status is Status.APPROVED:
        content = {f: _jsonable(act.get(f)) for f in ACT_FIELDS}
        content.update(
            act_id=act_id,
            revision=1,
            employer={k: employer[k] for k in ("name", "inn", "okpo", "address", "sector", "region")},
            accident={
                "id": aid,
                "occurred_at": occurred.astimezone(BISHKEK)
                .replace(tzinfo=None)
                .isoformat(timespec="minutes"),
                "place": "Производственный участок",
                "category": category.value,
            },
            commission={
                "formed_on": jsonable(accident["commission_formed_on"]),
                "order_no": accident["commission_order_no"],
                "members": [{f: m[f] for f in MEMBER_FIELDS} for m in members],
            },
            victim={f: _jsonable(victim[f]) for f in VICTIM_FIELDS},
            not_work_related_agreed=nwr,
            measures=[
                {
                    "description": m["description"],
                    "due_date": jsonable(m["due_date"]),
                    "responsible": m["responsible"],
                }
                for m in measures
            ],
            witnesses=[],
            responsible_persons=[],
        )
        out["act_revision"].append(
            {
                "act_id": act_id,
                "number": 1,
                "content": content,
                "approved_at": act["approved_at"],
                "approved_by_id": reviewer,
            }
        )
    if not work_related:
        return
    consequence = _consequence(rng, vid, severity, day, until)
    if consequence is not None and status is Status.APPROVED:
        consequence["recorded_by_id"] = officer
        out["victim_consequence"].append(consequence)
    if (
        status is Status.APPROVED
        and severity != "light"
        and day.year >= until.year - 1
        and (until - day).days > 60
        and rng.random() < claims_share
    ):
        _claim(
            out, ids, rng, employer, victim, act, severity, day, occurred, until, officer, engine, consequence
        )


_PLAIN = frozenset({str, int, bool, type(None)})


def _jsonable(value: Any) -> Any:
    """core.audit.jsonable, with the act's plain values (most of them) passed through first."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is date:
        return value.isoformat()
    return jsonable(value)


def _trail(
    out: dict[str, list[dict[str, Any]]],
    ids: _Ids,
    act: dict[str, Any],
    status: Status,
    returned_once: bool,
    officer: int,
    reviewer: int,
) -> None:
    """The act's transitions as accidents.services.transition_act writes them to the audit log."""
    submit, review = ("investigating", "act_submitted", officer), ("act_submitted", "under_review", reviewer)
    steps = {
        Status.ACT_SUBMITTED: [submit],
        Status.UNDER_REVIEW: [submit, review],
        Status.RETURNED: [submit, review, ("under_review", "returned", reviewer)],
        Status.APPROVED: [submit, review]
        + (
            [("under_review", "returned", reviewer), ("returned", "act_submitted", officer), review]
            if returned_once
            else []
        )
        + [("under_review", "approved", reviewer)],
    }.get(status, [])
    moment = act["submitted_at"]
    first = ids.take(AuditEntry.__table__, len(steps))
    for k, (before, after, user) in enumerate(steps):
        out["audit_entry"].append(
            {
                "id": first + k,
                "at": moment,
                "user_id": user,
                "action": "transition",
                "entity": "act",
                "entity_id": act["id"],
                "changes": {"status": [before, after]},
                "remark": "Уточнить причины" if after == "returned" else None,
            }
        )


def _consequence(
    rng: random.Random, vid: int, severity: str, day: date, until: date
) -> dict[str, Any] | None:
    """How the case ended (RU form 8), once it has; None while the victim is still off work."""
    if severity == "fatal":
        return {"victim_id": vid, "outcome": Outcome.DIED.value, "died_on": day}
    length = rng.randint(3, 30) if severity == "light" else rng.randint(25, 200)
    start = day + timedelta(days=1)
    end = start + timedelta(days=length)
    if end > until:
        return None
    outcome, group, died = Outcome.RECOVERED, None, None
    roll = rng.random()
    if severity == "severe" and roll < 0.02:
        outcome, died = Outcome.DIED, end + timedelta(days=rng.randint(0, 60))
        if died > until:
            return None
    elif severity == "severe" and roll < 0.22:
        outcome, group = Outcome.DISABILITY, rng.choice(["II", "III", "III"])
    elif roll < 0.3:
        outcome = Outcome.LIGHTER_WORK
    return {
        "victim_id": vid,
        "outcome": outcome.value,
        "disability_group": group,
        "incapacity_from": start,
        "incapacity_to": end,
        "days_lost": _working_days(start, end),
        "died_on": died,
    }


def _claim(
    out: dict[str, list[dict[str, Any]]],
    ids: _Ids,
    rng: random.Random,
    employer: dict[str, Any],
    victim: dict[str, Any],
    act: dict[str, Any],
    severity: str,
    day: date,
    occurred: datetime,
    until: date,
    officer: int,
    engine: Any,
    consequence: dict[str, Any] | None,
) -> None:
    """An MSEC finding (injury), the claim (art. 254), its decision computed by the engine and issued
    with its installments, and the payments made: mostly on time, some late, some never."""
    death = severity == "fatal"
    claim_id = ids.take(Claim.__table__)
    filed = day + timedelta(days=rng.randint(20, 40))
    base = Decimal(rng.choice([18000, 24000, 28000, 32000, 36000, 45000, 60000]))
    earnings = []
    month = day.replace(day=1)
    for _ in range(12):
        month = (month - timedelta(days=1)).replace(day=1)
        earnings.append(
            {"month": month.strftime("%Y-%m"), "amount": base + rng.randint(0, 30) * 100, "exclude": None}
        )
    earnings.reverse()
    survivors: list[dict[str, Any]] = []
    findings: list[SimpleNamespace] = []
    if death:
        spouse, _sex = _person(rng, "female")
        child = _years_ago(day, rng.randint(2, 12))
        survivors = [
            {
                "key": "s1",
                "full_name": spouse,
                "relation": "супруга",
                "sex": "female",
                "birth_date": _years_ago(day, rng.randint(25, 50)),
                "grounds": ["caregiver"],
                "caring_until": _years_ago(child, -14),
            },
            {
                "key": "s2",
                "full_name": f"{spouse.split()[0][:-1]} Эмир",
                "relation": "сын",
                "sex": "male",
                "birth_date": child,
                "grounds": ["minor"],
                "caring_until": None,
            },
        ]
    else:
        start = day + timedelta(days=rng.randint(20, 30))
        loss = Decimal(rng.choice([20, 30, 40, 60, 80]))
        group = {20: None, 30: None, 40: "III", 60: "II", 80: "II"}[int(loss)]
        finding = {
            "id": ids.take(MsecFinding.__table__),
            "employer_id": employer["id"],
            "victim_id": victim["id"],
            "act_id": act["id"],
            "examined_on": start,
            "valid_from": start,
            "valid_to": None,
            "msec_body": "МСЭК",
            "decision_no": str(rng.randint(100, 999)),
            "loss_percent": loss,
            "disability_group": group,
            "reexamination_on": start + timedelta(days=365),
            "care_special_medical": False,
            "care_household": loss >= 60,
            "rehabilitation": ["sanatorium"] if loss >= 60 else [],
            "applied_on": start,
        }
        out["msec_finding"].append(finding)
        findings.append(SimpleNamespace(**finding))
        filed = max(filed, start + timedelta(days=3))
    if filed > until:
        return
    claim = {
        "id": claim_id,
        "employer_id": employer["id"],
        "victim_id": victim["id"],
        "act_id": act["id"],
        "case_type": "death" if death else "injury",
        "claimant_name": survivors[0]["full_name"] if death else victim["full_name"],
        "claimant_relation": "супруга" if death else "victim",
        "filed_on": filed,
        "decision_due_on": filed + timedelta(days=10),
        "status": "filed",
        "region": employer["region"],
        "death_date": day if death else None,
        "reference_month": day.strftime("%Y-%m"),
    }
    record = SimpleNamespace(
        **claim,
        partial_month_earned=None,
        partial_month_days_worked=None,
        partial_month_average_days=None,
        late_claim_due_to_employer=False,
        source_of_increased_danger=True,
        employer_fault=True,
        force_majeure=False,
        victim_intent=False,
        victim_fault_percent=Decimal(0),
        sustained_increase_from=None,
        documents_unavailable=False,
        one_off_multipliers=None,
        victim=SimpleNamespace(accident=SimpleNamespace(occurred_at=occurred)),
        employer=SimpleNamespace(budget_sector=employer["budget_sector"]),
        earnings=[SimpleNamespace(**e) for e in earnings],
        survivors=[
            SimpleNamespace(
                **{
                    "pin": None,
                    "student_until": None,
                    "disabled_until": None,
                    "court_maintenance": None,
                    "right_ended_on": None,
                    "right_from": None,
                    **p,
                }
            )
            for p in survivors
        ],
    )
    decided = min(until, filed + timedelta(days=rng.randint(2, 9)))
    waiting = rng.random() < 0.05 and (until - filed).days < 30
    case = case_file.build(record, findings, [], decided)  # type: ignore[arg-type]
    try:
        result = _calculate(case, "ru", engine.tables)
    except FormErrors:  # a case the rules refuse (a parameter not known for its year) is left out
        if findings:
            out["msec_finding"].pop()
        return
    claim["status"] = "filed" if waiting else "decided"
    out["claim"].append(claim)
    out["claim_earnings"] += [{"claim_id": claim_id, **e} for e in earnings]
    out["claim_document"] += [
        {"claim_id": claim_id, "code": code, "received_on": filed, "note": None}
        for code in CLAIM_DOCUMENTS[claim["case_type"]]
    ]
    out["survivor"] += [{"claim_id": claim_id, **p} for p in survivors]
    out["audit_entry"].append(
        {
            "id": ids.take(AuditEntry.__table__),
            "at": _moment(filed, 10, 0),
            "user_id": officer,
            "action": "create",
            "entity": "claim",
            "entity_id": claim_id,
            "changes": {"status": [None, "filed"]},
            "remark": None,
        }
    )
    if waiting:
        return
    decision_id = ids.take(Decision.__table__)
    out["decision"].append(
        {
            "id": decision_id,
            "claim_id": claim_id,
            "employer_id": employer["id"],
            "sequence": 1,
            "number": f"{rng.randint(10, 99)}-к",
            "kind": "award",
            "status": "issued",
            "reason": "initial",
            "calculation_date": decided,
            "case_file": case,
            "result": result,
            "parameter_rows": engine.rows,
            "traces": _traces(case, result, "ru", engine.tables),
            "computed_at": _moment(decided, 11, 0),
            "issued_on": decided,
            "issued_by_id": officer,
        }
    )
    for before, after, entity, eid in (
        ("draft", "issued", "decision", decision_id),
        ("filed", "decided", "claim", claim_id),
    ):
        out["audit_entry"].append(
            {
                "id": ids.take(AuditEntry.__table__),
                "at": _moment(decided, 11, 0),
                "user_id": officer,
                "action": "transition",
                "entity": entity,
                "entity_id": eid,
                "changes": {"status": [before, after]},
                "remark": None,
            }
        )
    installments = [i for i in result.get("installments", []) if i["amount"] is not None]
    out["installment"] += [
        {
            "decision_id": decision_id,
            "claim_id": claim_id,
            "employer_id": employer["id"],
            "component": i["component"],
            "recipient": str(i["recipient"]),
            "period": i.get("period") or "",
            "amount": Decimal(i["amount"]),
            "due_date": date.fromisoformat(i["due_date"]),
        }
        for i in installments
    ]
    _payments(out, rng, installments, claim_id, employer["id"], officer, until)


def _payments(
    out: dict[str, list[dict[str, Any]]],
    rng: random.Random,
    installments: list[dict[str, Any]],
    claim_id: int,
    employer_id: int,
    officer: int,
    until: date,
) -> None:
    """Each month's periodic sum per recipient paid on its day (a few late), until an employer in
    arrears stops paying; the one-off benefits paid by most."""
    stops_after = rng.choice([None, None, None, 2, 5])
    due: dict[tuple[str, str], tuple[date, Decimal]] = {}
    for i in installments:
        if i.get("period"):
            key = (i["period"], str(i["recipient"]))
            day, amount = due.get(key, (date.min, Decimal(0)))
            due[key] = (max(day, date.fromisoformat(i["due_date"])), amount + Decimal(i["amount"]))
    months = sorted({period for period, _r in due})
    for n, month in enumerate(months):
        if stops_after is not None and n >= stops_after:
            break
        for (period, recipient), (day, amount) in sorted(due.items()):
            paid_on = day + timedelta(days=rng.randint(5, 40)) if rng.random() < 0.1 else day
            if period != month or paid_on > until or amount <= 0:
                continue
            out["payment"].append(
                _paid(claim_id, employer_id, paid_on, amount, recipient, "periodic", officer, rng)
            )
    for i in installments:
        day = date.fromisoformat(i["due_date"])
        if not i.get("period") and day <= until and Decimal(i["amount"]) > 0 and rng.random() < 0.7:
            out["payment"].append(
                _paid(
                    claim_id,
                    employer_id,
                    day,
                    Decimal(i["amount"]),
                    str(i["recipient"]),
                    "one_off",
                    officer,
                    rng,
                )
            )


def _paid(
    claim_id: int,
    employer_id: int,
    day: date,
    amount: Decimal,
    recipient: str,
    applies_to: str,
    officer: int,
    rng: random.Random,
) -> dict[str, Any]:
    return {
        "claim_id": claim_id,
        "employer_id": employer_id,
        "paid_on": day,
        "amount": amount,
        "recipient": recipient,
        "applies_to": applies_to,
        "reference": f"п/п {rng.randint(1, 999)}",
        "recorded_by_id": officer,
        "recorded_at": _moment(day, 12, 0),
    }


def _denominators(
    conn: sa.Connection, register: Register, employers: _Employers, first: int, last: int
) -> None:
    """Employment by section x region x year (and by sex for the country): the generated employers'
    headcounts are a third of the people employed, as the registers of employers that report are."""
    cells: dict[tuple[int, str, str, str], int] = {}
    for row in employers.rows:
        for year in range(first, last + 1):
            count, women = employers.headcount[(row["id"], year)]
            for region in (row["region"], COUNTRY):
                key = (year, row["sector"], region, BOTH)
                cells[key] = cells.get(key, 0) + count * 3
            share = women / count if women is not None and count else WOMEN.get(row["sector"], 0.5)
            for sex, n in (
                ("female", round(count * 3 * share)),
                ("male", count * 3 - round(count * 3 * share)),
            ):
                key = (year, row["sector"], COUNTRY, sex)
                cells[key] = cells.get(key, 0) + n
    rows = [
        {
            "year": y,
            "sector": sec,
            "region": reg,
            "sex": sex,
            "employment": n,
            "source": SOURCE,
            "source_date": date(y + 1, 3, 1),
        }
        for (y, sec, reg, sex), n in sorted(cells.items())
        if sec in SECTOR_LABELS
    ]
    _insert(conn, register, NationalEmployment, rows)


@demo_cli.command("generate")
@with_appcontext
@click.option("--employers", default=500, show_default=True, help="Employers to make.")
@click.option("--accidents", default=20_000, show_default=True, help="Accidents to make.")
@click.option("--seed", default=2026, show_default=True, help="The same seed gives the same register.")
@click.option(
    "--until", type=click.DateTime(["%Y-%m-%d"]), default=None, help="The last day (default today)."
)
@click.option("--years", default=5, show_default=True, help="Years of accidents up to --until.")
@click.option(
    "--claims-share", default=0.25, show_default=True, help="Recent severe and fatal cases with a claim."
)
def generate_command(
    employers: int, accidents: int, seed: int, until: datetime | None, years: int, claims_share: float
) -> None:
    """A synthetic national register in an empty, migrated database, in bulk (see README, Demo)."""
    with click.progressbar(length=accidents, label="accidents") as bar:
        made = generate(
            employers, accidents, seed, until.date() if until else None, years, claims_share, bar.update
        )
    for table, n in sorted(made.counts.items()):
        click.echo(f"{table}: {n:,}")
    click.echo(f"sign in as {made.inspector_email} or {made.officer_email} (password: {DEMO_PASSWORD})")
