"""Fixtures shared by every test: a migrated real database (SQLite, or PostgreSQL from DATABASE_URL),
the app, a client, factories in Indico's style, and a headless Chromium for e2e tests."""

from __future__ import annotations

import itertools
import os
import shutil
import threading
from collections.abc import Iterator
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
TEST_CONFIG = {
    "TESTING": True,
    "SECRET_KEY": "test-secret",
    "WTF_CSRF_ENABLED": False,
    "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
}


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
    app = create_app({**TEST_CONFIG, "DATABASE_URL": database_url})
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

    app = create_app({**TEST_CONFIG, "WTF_CSRF_ENABLED": True, "DATABASE_URL": database_url})
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
    from playwright.sync_api import sync_playwright

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
