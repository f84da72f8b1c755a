"""The database stopped under the running service: a 503 in the reader's language with Retry-After,
an error page that needs no database, /readyz saying so (while /healthz stays a liveness check), and
the service back on its own once the database is."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from core.classifiers import Role
from tests.conftest import login


def _stop_database(app):
    """Every new connection refused by the driver, as with PostgreSQL stopped; open ones dropped."""
    engine = app.extensions["emgek.engine"]
    error = engine.dialect.loaded_dbapi.OperationalError

    def refuse(*_args, **_kwargs):
        raise error("connection refused: the database is stopped (test)")

    sa.event.listen(engine, "do_connect", refuse)
    engine.dispose()

    def start():
        sa.event.remove(engine, "do_connect", refuse)

    return start


@pytest.fixture
def signed_in(client, make_user):
    login(client, make_user(Role.INSPECTOR))
    return client


def test_a_page_answers_503_in_russian_with_retry_after_and_no_database(signed_in):
    start = _stop_database(signed_in.application)
    try:
        response = signed_in.get("/")
    finally:
        start()

    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    text = response.get_data(as_text=True)
    assert "База данных временно недоступна" in text
    assert 'lang="ru"' in text


def test_the_page_speaks_the_language_chosen_in_the_session(client, make_user):
    client.get("/lang/ky")
    login(client, make_user(Role.INSPECTOR))
    start = _stop_database(client.application)
    try:
        response = client.get("/accidents")
    finally:
        start()

    assert response.status_code == 503
    assert "Маалымат базасы убактылуу жеткиликсиз" in response.get_data(as_text=True)


def test_the_login_form_answers_503_too(client, make_user):
    user = make_user()
    start = _stop_database(client.application)
    try:
        response = client.post("/login", data={"email": user.email, "password": "x"})
    finally:
        start()
    assert response.status_code == 503
    assert "Retry-After" in response.headers


def test_the_api_answers_a_503_error_document_in_the_language_asked(signed_in):
    start = _stop_database(signed_in.application)
    try:
        response = signed_in.get("/api/v1/accidents", headers={"Accept-Language": "ky"})
        english = signed_in.get("/api/v1/auth/me", headers={"Accept-Language": "en"})
    finally:
        start()

    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    body = response.get_json()
    assert body["code"] == "unavailable"
    assert "Маалымат базасы" in body["errors"]["_"][0]
    assert english.get_json()["errors"]["_"][0].startswith("The database is unavailable")


def test_readyz_checks_the_database_and_healthz_stays_a_liveness_check(client):
    assert client.get("/readyz").status_code == 200
    start = _stop_database(client.application)
    try:
        ready = client.get("/readyz")
        alive = client.get("/healthz")
    finally:
        start()

    assert ready.status_code == 503
    assert ready.get_json()["database"] == "unavailable"
    assert "Retry-After" in ready.headers
    assert alive.status_code == 200
    assert client.get("/readyz").get_json()["status"] == "ok"


def test_the_service_recovers_without_intervention(signed_in):
    assert signed_in.get("/").status_code == 200
    start = _stop_database(signed_in.application)
    for _ in range(3):
        assert signed_in.get("/").status_code == 503
        assert signed_in.get("/api/v1/auth/me").status_code == 503
    start()

    assert signed_in.get("/").status_code == 200
    assert signed_in.get("/api/v1/auth/me").status_code == 200
    assert signed_in.get("/readyz").status_code == 200


def test_a_sqlite_file_gone_unreadable_is_a_503_and_back_when_restored(app, client, make_user, database_url):
    if not database_url.startswith("sqlite:///"):
        pytest.skip("the file of a SQLite database")
    login(client, make_user(Role.INSPECTOR))
    path = Path(database_url.removeprefix("sqlite:///"))
    app.extensions["emgek.engine"].dispose()
    aside = path.with_suffix(".aside")
    path.rename(aside)
    path.mkdir()  # a directory where the file was: SQLite cannot open it
    try:
        assert client.get("/").status_code == 503
        assert client.get("/readyz").status_code == 503
    finally:
        shutil.rmtree(path)
        aside.rename(path)

    assert client.get("/").status_code == 200


# --- a real PostgreSQL server stopped and started under the service --------------------------------

#: A pg_ctl for the server of DATABASE_URL, run as its owner, to which the test appends the action
#: ("stop -m fast", "start"); .ci/run sets it for the PostgreSQL it starts for the suite.
PGCTL = os.environ.get("EMGEK_OUTAGE_PGCTL", "")


def _pg_ctl(*args: str) -> None:
    subprocess.run([*shlex.split(PGCTL), *args], check=True, capture_output=True, timeout=120)


def _accepting(url: str, seconds: float = 60) -> None:
    """Return once the server accepts connections again: the rest of the suite runs on it."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    deadline = time.monotonic() + seconds
    try:
        while True:
            try:
                with engine.connect() as connection:
                    connection.execute(sa.text("SELECT 1"))
                return
            except sa.exc.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
    finally:
        engine.dispose()


def test_postgresql_stopped_under_the_service_is_a_503_and_recovers_when_started(
    app, client, make_user, database_url
):
    if not database_url.startswith("postgres"):
        pytest.skip("stops a PostgreSQL server: run with DATABASE_URL naming one")
    if not PGCTL:
        pytest.skip("EMGEK_OUTAGE_PGCTL names no pg_ctl that may stop this server (.ci/run sets it)")
    login(client, make_user(Role.INSPECTOR))
    assert client.get("/accidents").status_code == 200  # the pool now holds a live connection

    _pg_ctl("stop", "-m", "fast")
    try:
        page = client.get("/accidents")
        api = client.get("/api/v1/accidents", headers={"Accept-Language": "en"})
        ready = client.get("/readyz")
    finally:
        _pg_ctl("start")
        _accepting(database_url)

    assert page.status_code == 503
    assert "База данных временно недоступна" in page.get_data(as_text=True)
    assert page.headers["Retry-After"] == "30"
    assert api.status_code == 503
    assert api.get_json()["code"] == "unavailable"
    assert ready.status_code == 503
    assert ready.get_json()["database"] == "unavailable"
    # Back without a restart of the service: the pool's dead connections are replaced (pool_pre_ping).
    assert client.get("/accidents").status_code == 200
    assert client.get("/api/v1/accidents").status_code == 200
    ready = client.get("/readyz").get_json()
    assert (ready["status"], ready["database"]) == ("ok", "ok")
