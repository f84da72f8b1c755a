"""``flask backup`` and ``flask restore``: a round trip gives back every row of every table and every
stored scan, byte for byte, on SQLite and PostgreSQL; a damaged backup or a database in use is refused."""

from __future__ import annotations

import io
import shutil
import tarfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from core import create_app, db
from core.classifiers import Role
from core.models import import_all
from tests.conftest import PASSWORD, TEST_CONFIG
from tests.factories import ACCIDENT_DAY, RECORDS_DAY


def _snapshot(app):
    """Every row of every table (typed, in key order) and every stored file's bytes."""
    with app.app_context(), db.engine().connect() as conn:
        tables = {}
        for table in import_all().metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            tables[table.name] = [tuple(r) for r in conn.execute(sa.select(table).order_by(*order))]
    folder = Path(app.config["UPLOAD_FOLDER"])
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    return tables, files


def _empty_database(migrated_database, tmp_path):
    """A second, empty, migrated database: a copy of the template (SQLite) or the same one emptied."""
    if migrated_database.startswith("sqlite:///"):
        target = tmp_path / "restored.sqlite3"
        shutil.copyfile(migrated_database.removeprefix("sqlite:///"), target)
        return f"sqlite:///{target}"
    engine = db.make_engine(migrated_database)
    with engine.begin() as conn:
        tables = [t for t in sa.inspect(conn).get_table_names() if t != "alembic_version"]
        conn.execute(
            sa.text(f"TRUNCATE {', '.join(f'{chr(34)}{t}{chr(34)}' for t in tables)} RESTART IDENTITY")
        )
    engine.dispose()
    return migrated_database


@pytest.fixture
def filled(app, tmp_path, make_user, make_employer, make_accident, make_claim, login_as, pin_today):
    pin_today(RECORDS_DAY)
    """Accounts, an approved accident with its act, a claim with an issued decision, a scan, a failed
    sign-in and the audit entries all of that wrote."""
    app.config["UPLOAD_FOLDER"] = str(tmp_path / "uploads-source")
    employer = make_employer(name="ОсОО «Кара-Балта» = +1")
    officer = make_user(Role.SAFETY_OFFICER, employer=employer)
    inspector = make_user(Role.INSPECTOR)
    make_user(Role.ADMIN)
    accident = make_accident(officer, "approved", reviewer=inspector, on=ACCIDENT_DAY)
    client = login_as(officer)
    claim, _decision = make_claim(client, accident["victims"][0])
    token = client.get("/api/v1/auth/csrf-token").get_json()["csrf_token"]
    uploaded = client.post(
        f"/api/v1/claims/{claim['id']}/attachments",
        data={"title": "Заключение МСЭК", "file": (io.BytesIO(b"%PDF-1.4 scan \x00\xff"), "msec.pdf")},
        headers={"X-CSRFToken": token},
        content_type="multipart/form-data",
    )
    assert uploaded.status_code == 201, uploaded.get_json()
    client.post("/api/v1/auth/login", json={"email": "nobody@example.kg", "password": "x"})
    return officer


def test_a_backup_restores_every_table_and_every_file(app, filled, migrated_database, tmp_path):
    before = _snapshot(app)
    assert before[1], "the scan is stored"
    assert all(before[0][name] for name in ("user", "accident", "audit_entry", "login_throttle"))
    path = tmp_path / "backups" / "emgek.tar.gz"

    taken = app.test_cli_runner().invoke(args=["backup", str(path)])
    assert taken.exit_code == 0, taken.output
    checked = app.test_cli_runner().invoke(args=["restore", "--check", str(path)])
    assert checked.exit_code == 0, checked.output
    assert "verified" in checked.output
    app.extensions["emgek.engine"].dispose()

    url = _empty_database(migrated_database, tmp_path)
    target = create_app(
        {**TEST_CONFIG, "DATABASE_URL": url, "UPLOAD_FOLDER": str(tmp_path / "uploads-target")}
    )
    try:
        restored = target.test_cli_runner().invoke(args=["restore", str(path)])
        assert restored.exit_code == 0, restored.output

        after = _snapshot(target)
        assert after[0].keys() == before[0].keys()
        for name in before[0]:
            assert after[0][name] == before[0][name], name
        assert after[1] == before[1]

        # New records get new ids (PostgreSQL's sequences follow the restored rows) and the accounts work.
        client = target.test_client()
        signed_in = client.post("/api/v1/auth/login", json={"email": filled.email, "password": PASSWORD})
        assert signed_in.status_code == 200, signed_in.get_json()

        again = target.test_cli_runner().invoke(args=["restore", str(path)])
        assert again.exit_code != 0
        assert "not empty" in again.output
    finally:
        target.extensions["emgek.engine"].dispose()


def test_a_damaged_backup_is_refused_by_the_check(app, filled, tmp_path):
    path = tmp_path / "emgek.tar.gz"
    assert app.test_cli_runner().invoke(args=["backup", str(path)]).exit_code == 0

    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(path, "r:gz") as source, tarfile.open(damaged, "w:gz") as copy:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("uploads/"):
                data = data[:-1] + b"!"
            copy.addfile(member, io.BytesIO(data))

    checked = app.test_cli_runner().invoke(args=["restore", "--check", str(damaged)])

    assert checked.exit_code != 0
    assert "damaged" in checked.output


def test_the_backup_file_is_readable_by_its_owner_only(app, filled, tmp_path):
    path = tmp_path / "emgek.tar.gz"
    assert app.test_cli_runner().invoke(args=["backup", str(path)]).exit_code == 0
    assert path.stat().st_mode & 0o077 == 0
