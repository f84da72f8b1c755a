"""Fixtures shared by every test: a migrated real database (SQLite, or PostgreSQL from DATABASE_URL),
the app, a client, factories in Indico's style, and a headless Chromium for e2e tests."""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from core import create_app, db
from core.auth.models import User
from core.classifiers import Inspectorate, Region, Role
from core.employers import Employer

PASSWORD = "correct horse battery"
# The day every test runs on, whatever the calendar says: the services, the pages and the
# factories below all read core.db's clock. A test that needs another day calls ``pin_today``.
TODAY = date(2026, 11, 26)
#: For flows that move the clock over days (a claim filed, decided, paid) in one signed-in session; the
#: idle and absolute session limits themselves are tested in tests/integration/test_sessions.py.
LONG_SESSIONS = {"SESSION_IDLE_MINUTES": 10 * 366 * 24 * 60, "SESSION_MAX_HOURS": 10 * 366 * 24}
TEST_CONFIG = {
    "TESTING": True,
    "SECRET_KEY": "test-secret",
    "WTF_CSRF_ENABLED": False,
    "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    # Scans written by tests go to a throwaway folder, never to instance/.
    "UPLOAD_FOLDER": tempfile.mkdtemp(prefix="emgek-test-uploads-"),
}


@pytest.fixture(autouse=True)
def today() -> Iterator[date]:
    """Pin the clock's today to TODAY for the test (live servers run in-process and share it)."""
    db.pin_today(TODAY)
    yield TODAY
    db.pin_today(None)


@pytest.fixture
def pin_today() -> Any:
    """Move the test's today, e.g. to see a deadline pass; undone with the ``today`` fixture."""
    return db.pin_today


@pytest.fixture
def make_claim() -> Any:
    """An injury claim taken through the API by a signed-in officer (on or after RECORDS_DAY of
    tests/factories.py: its records cannot be dated after today): the MSEC finding, the claim
    (tests/factories.py, with ``claim_overrides``) and, unless ``issued=False``, decision No. 45-к
    computed as of 2027-01-31 and issued. Returns the claim and the issued decision as the API gave them."""

    def make(
        officer: FlaskClient, victim: int, *, issued: bool = True, **claim_overrides: Any
    ) -> tuple[dict[str, Any], dict[str, Any] | None]:
        from tests.factories import claim_payload, finding_payload

        finding = officer.post("/api/v1/findings", json=finding_payload(victim))
        assert finding.status_code == 201, finding.get_json()
        filed = officer.post("/api/v1/claims", json=claim_payload(victim, **claim_overrides))
        assert filed.status_code == 201, filed.get_json()
        claim = filed.get_json()
        if not issued:
            return claim, None
        draft = officer.post(
            f"/api/v1/claims/{claim['id']}/decisions", json={"calculation_date": "2027-01-31"}
        )
        assert draft.status_code == 201, draft.get_json()
        decision = officer.post(
            f"/api/v1/decisions/{draft.get_json()['id']}/issue",
            json={"number": "45-к", "version": draft.get_json()["version"]},
        )
        assert decision.status_code == 200, decision.get_json()
        return claim, decision.get_json()

    return make


def _postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith("postgres") else None


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Migrate once per session with Alembic (the same path as production), then hand out copies."""
    url = _postgres_url()
    if url is None:
        template = tmp_path_factory.mktemp("db") / "template.sqlite3"
        url = f"sqlite:///{template}"
    else:
        engine = db.make_engine(url)
        with engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
        engine.dispose()
    app = create_app({**TEST_CONFIG, "DATABASE_URL": url})
    with app.app_context():
        from core.cli import upgrade

        upgrade()
        db.engine().dispose()
    return url


_counter = itertools.count()


@pytest.fixture
def database_url(migrated_database: str, tmp_path: Path) -> str:
    """A fresh, migrated, empty database for this test."""
    return fresh_database(migrated_database, tmp_path)


def fresh_database(migrated_database: str, tmp_path: Path) -> str:
    """A copy of the migrated SQLite file under ``tmp_path``, or the PostgreSQL database emptied."""
    if migrated_database.startswith("sqlite:///"):
        target = tmp_path / f"test-{next(_counter)}.sqlite3"
        shutil.copyfile(migrated_database.removeprefix("sqlite:///"), target)
        return f"sqlite:///{target}"
    engine = db.make_engine(migrated_database)
    with engine.begin() as conn:
        tables = [t for t in sa.inspect(conn).get_table_names() if t != "alembic_version"]
        if tables:
            conn.execute(
                sa.text(
                    f"TRUNCATE {', '.join(f'{chr(34)}{t}{chr(34)}' for t in tables)} RESTART IDENTITY CASCADE"
                )
            )
    engine.dispose()
    return migrated_database


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    """The app, with no app context pushed: each request gets its own, as in production.

    Tests that touch the database directly do so in ``with app.app_context():``.
    """
    from tests.openapi import ContractClient

    app = create_app({**TEST_CONFIG, "DATABASE_URL": database_url})
    app.test_client_class = ContractClient  # every API answer is checked against the OpenAPI document
    yield app
    app.extensions["emgek.engine"].dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def make_employer(app: Flask) -> Any:
    seq = itertools.count(1)

    def make(**overrides: Any) -> Employer:
        n = next(seq)
        values: dict[str, Any] = {
            "name": f"Employer {n}",
            "inn": f"{n:014d}",
            "okpo": f"{n:08d}",
            "sector": "F",
            "region": Region.BISHKEK,
        }
        values.update(overrides)
        with app.app_context(), db.transaction() as s:
            employer = Employer(**values)
            s.add(employer)
        return employer

    return make


@pytest.fixture
def make_user(app: Flask, make_employer: Any) -> Any:
    seq = itertools.count(1)

    def make(role: Role | str = Role.SAFETY_OFFICER, **overrides: Any) -> User:
        role = Role(role)
        n = next(seq)
        values: dict[str, Any] = {
            "email": f"{role.value}{n}@example.kg",
            "full_name": f"{role.value} {n}",
            "role": role,
        }
        if role is Role.SAFETY_OFFICER and "employer" not in overrides and "employer_id" not in overrides:
            values["employer_id"] = make_employer().id
        if role is Role.INSPECTOR:
            values["inspectorate"] = Inspectorate.STATE
        if "employer" in overrides:
            values["employer_id"] = overrides.pop("employer").id
        values.update(overrides)
        with app.app_context(), db.transaction() as s:
            user = User(**values)
            user.set_password(PASSWORD)
            s.add(user)
        return user

    return make


def login(client: FlaskClient, user: User, password: str = PASSWORD) -> None:
    """Sign ``client`` in as ``user`` through the API (the same session the pages use)."""
    response = client.post("/api/v1/auth/login", json={"email": user.email, "password": password})
    assert response.status_code == 200, response.get_data(as_text=True)


@pytest.fixture
def login_as(client: FlaskClient) -> Any:
    def do(user: User) -> FlaskClient:
        client.post("/api/v1/auth/logout", json={})
        login(client, user)
        return client

    return do


# --- e2e: a live server and a real headless Chromium ---------------------------------------------

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def live_server(database_url: str) -> Iterator[str]:
    """The app served over HTTP on loopback in a thread, with CSRF on as in production."""
    from werkzeug.serving import make_server

    app = create_app({**TEST_CONFIG, **LONG_SESSIONS, "WTF_CSRF_ENABLED": True, "DATABASE_URL": database_url})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        app.extensions["emgek.engine"].dispose()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: .ci/run must install Debian's chromium package")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=15_000)  # assertions wait for the page like actions do (CI is slower)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(locale="ru-RU", accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


# --- accidents: payloads and a factory that goes through the services ----------------------------

COMMISSION_MEMBERS = [
    {"full_name": "Асанов Бакыт", "post": "Главный инженер", "role": "chair"},
    {"full_name": "Сыдыкова Айгуль", "post": "Председатель профкома", "role": "trade_union"},
    {"full_name": "Омуров Нурлан", "post": "Специалист по охране труда", "role": "osh_specialist"},
]


def accident_json(victims: int | list[dict[str, Any]] = 1, **overrides: Any) -> dict[str, Any]:
    """A valid report (API JSON) of an accident two days ago, with ``victims`` injured persons (or these)."""
    from datetime import timedelta

    from core.db import today_bishkek

    day = today_bishkek() - timedelta(days=2)
    data: dict[str, Any] = {
        "occurred_at": f"{day.isoformat()}T10:30",
        "place": "Цех № 2, участок сборки",
        "category": "severe",
        "incident_type": 2,
        "circumstances": "Монтажник упал с лесов высотой 4 м при монтаже перекрытия.",
        "victims": [
            {
                "pin": f"2010119900{i:04d}",
                "full_name": f"Пострадавший Номер {i + 1}",
                "sex": "male",
                "birth_date": "1990-01-01",
                "occupation": "Монтажник",
            }
            for i in range(victims if isinstance(victims, int) else 0)
        ]
        if isinstance(victims, int)
        else victims,
    }
    data.update(overrides)
    return data


def act_json(**overrides: Any) -> dict[str, Any]:
    """Everything an act N-1 needs to be submitted (without ``version``)."""
    from datetime import timedelta

    from core.db import today_bishkek

    today = today_bishkek()
    data: dict[str, Any] = {
        "service_years": 3,
        "service_months": 4,
        "induction_briefing_on": (today - timedelta(days=400)).isoformat(),
        "workplace_briefing_on": (today - timedelta(days=40)).isoformat(),
        "place_description": "Строительные леса у оси 5, высота 4 м, без ограждения.",
        "equipment": "Леса рамные ЛРСП-40, 2019 г.",
        "circumstances": "При монтаже перекрытия монтажник оступился и упал с лесов.",
        "incident_type": 2,
        "injury_nature": "Закрытый перелом",
        "body_part": "Левая голень",
        "diagnosis": "Закрытый перелом левой большеберцовой кости",
        "severity": "severe",
        "medical_institution": "Городская клиническая больница № 1",
        "medical_conclusion_no": "315",
        "medical_conclusion_on": today.isoformat(),
        "main_cause": 8,
        "contributing_causes": [9],
        "causes_text": "Леса не имели ограждения; не проведён целевой инструктаж.",
        "victim_fault_percent": 0,
        "work_related": True,
        "work_related_grounds": "Ст. 223 ТК КР: при исполнении трудовых обязанностей у работодателя.",
        "measures": [
            {
                "description": "Установить ограждения на лесах",
                "due_date": (today + timedelta(days=10)).isoformat(),
                "responsible": "Прораб",
            }
        ],
        "witnesses": [{"full_name": "Токтогулов Эрмек", "contact": "+996 555 000 111"}],
        "responsible_persons": [
            {
                "full_name": "Иманов Азамат",
                "post": "Прораб",
                "norms_violated": "Правила по охране труда при работе на высоте, п. 12",
            }
        ],
    }
    data.update(overrides)
    return data


STAGES = ("reported", "investigating", "filled", "submitted", "under_review", "approved")


@pytest.fixture
def make_accident(app: Flask) -> Any:
    """Accidents taken through the services up to ``stage`` (on the day ``on``, else two days ago);
    returns {"accident": id, "acts": [ids], "victims": [ids]}."""

    def make(
        officer: User,
        stage: str = "reported",
        reviewer: User | None = None,
        act: dict[str, Any] | None = None,
        on: date | None = None,
        **overrides: Any,
    ) -> dict[str, Any]:
        from accidents import schemas, services

        assert stage in STAGES
        if on is not None:  # the accident's day, where a test needs it fixed whatever today is
            overrides.setdefault("occurred_at", f"{on.isoformat()}T10:30")
        with app.test_request_context():
            accident = services.report_accident(
                officer, schemas.AccidentIn().load(accident_json(**overrides))
            )
            ids: dict[str, Any] = {
                "accident": accident.id,
                "acts": [],
                "victims": [v.id for v in accident.victims],
            }
            if stage == "reported":
                return ids
            accident = services.form_commission(
                officer,
                accident.id,
                schemas.CommissionIn().load(
                    {
                        "version": accident.version,
                        "formed_on": accident_json(**overrides)["occurred_at"][:10],
                        "order_no": "17-к",
                        "members": COMMISSION_MEMBERS,
                    }
                ),
            )
            ids["acts"] = [a.id for a in accident.acts]
            for act_id in ids["acts"]:
                if STAGES.index(stage) >= STAGES.index("filled"):
                    current = services.get_act(db.session(), officer, act_id)
                    services.update_act(
                        officer,
                        act_id,
                        schemas.ActIn().load({**act_json(**(act or {})), "version": current.version}),
                    )
                steps = [
                    ("submitted", "submit", officer),
                    ("under_review", "start_review", reviewer),
                    ("approved", "approve", reviewer),
                ]
                for needed, action, user in steps:
                    if STAGES.index(stage) >= STAGES.index(needed):
                        current = services.get_act(db.session(), officer, act_id)
                        services.transition_act(
                            user, act_id, {"action": action, "version": current.version, "remark": None}
                        )
            return ids

    return make


#: ``EMGEK_ENGINE_BUILD=compiled`` (``make test-compiled``): the suite runs against the engine
#: compiled with mypyc and installed as a package, without the source tree's web app (no migrations,
#: templates or browser there), so only the tests that need no database or browser are collected.
ENGINE_ONLY = os.environ.get("EMGEK_ENGINE_BUILD") == "compiled"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not ENGINE_ONLY:
        return
    needs_app = {"migrated_database", "chromium"}
    kept = [item for item in items if not needs_app & set(getattr(item, "fixturenames", ()))]
    dropped = [item for item in items if item not in kept]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
