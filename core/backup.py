"""Backups an administrator can take and restore on SQLite and PostgreSQL alike, with no other tool.

A backup is one ``.tar.gz``:

- ``manifest.json``: the format, when it was taken, the schema's Alembic revision, the database it
  came from, each table's row count, and each stored file with its size and SHA-256;
- ``tables/<table>.jsonl``: every row of every table, one JSON object a line, in primary-key order;
  values are tagged where JSON has no type for them (dates, times, decimals, bytes);
- ``uploads/...``: the stored scans (``UPLOAD_FOLDER``) as they are on disk.

The secret key is not in it (it signs the sessions; keep it apart, see the README). A restore goes into
an empty database migrated to the same revision (``flask db upgrade``) and an empty uploads folder, in
one transaction: it either restores everything or nothing of the tables.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import tarfile
import tempfile
from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any

import sqlalchemy as sa
from flask import current_app

from core import db
from core.models import import_all

FORMAT = "emgek-backup"
FORMAT_VERSION = 1
BATCH = 1000


class BackupError(Exception):
    """The backup cannot be restored here; the message says why."""


def _tables() -> list[sa.Table]:
    """Every table of the models, parents before children (the order inserts need)."""
    return list(import_all().metadata.sorted_tables)


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, time):
        return {"$time": value.isoformat()}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, bytes | memoryview):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, dict | list):
        return {"$json": value}  # a JSON column's value, kept apart from the tags above
    return value


def _decode(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    ((tag, raw),) = value.items()
    if tag == "$datetime":
        return datetime.fromisoformat(raw)
    if tag == "$date":
        return date.fromisoformat(raw)
    if tag == "$time":
        return time.fromisoformat(raw)
    if tag == "$decimal":
        return Decimal(raw)
    if tag == "$bytes":
        return base64.b64decode(raw)
    if tag == "$json":
        return raw
    raise BackupError(f"unknown value tag {tag!r}")


def _revision(connection: sa.Connection) -> str | None:
    if not sa.inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def _rows(connection: sa.Connection, table: sa.Table) -> Iterator[dict[str, Any]]:
    order = list(table.primary_key.columns) or list(table.columns)
    result = connection.execute(sa.select(table).order_by(*order).execution_options(yield_per=BATCH))
    for row in result.mappings():
        yield {key: _encode(value) for key, value in row.items()}


def _files(folder: Path) -> Iterator[tuple[str, Path]]:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield path.relative_to(folder).as_posix(), path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(db.now_utc().timestamp())
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


def backup(target: Path) -> dict[str, Any]:
    """Write the backup to ``target`` (a .tar.gz) and return its manifest.

    One read transaction for all tables (on PostgreSQL REPEATABLE READ), so the tables agree with
    each other even while the service keeps writing.
    """
    uploads = Path(current_app.config["UPLOAD_FOLDER"])
    engine = db.engine()
    options: dict[str, Any] = {}
    if engine.dialect.name == "postgresql":
        options = {"isolation_level": "REPEATABLE READ"}
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": db.now_utc().isoformat(),
        "database": engine.dialect.name,
        "tables": {},
        "files": {},
        "secret_key": "not included: keep SECRET_KEY (or instance/secret_key) apart from the backups",
    }
    with tarfile.open(partial, "w:gz") as archive, engine.connect().execution_options(**options) as conn:
        with conn.begin():
            manifest["revision"] = _revision(conn)
            for table in _tables():
                with tempfile.TemporaryFile() as spool:  # a table of a million rows never sits in memory
                    count = 0
                    for row in _rows(conn, table):
                        spool.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
                        count += 1
                    info = tarfile.TarInfo(f"tables/{table.name}.jsonl")
                    info.size, info.mode = spool.tell(), 0o600
                    info.mtime = int(db.now_utc().timestamp())
                    spool.seek(0)
                    archive.addfile(info, spool)
                manifest["tables"][table.name] = count
        for name, path in _files(uploads):
            manifest["files"][name] = {"size": path.stat().st_size, "sha256": _sha256(path)}
            archive.add(path, arcname=f"uploads/{name}", recursive=False)
        _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False).encode())
    partial.chmod(0o600)  # it holds PINs, diagnoses and password hashes
    partial.replace(target)
    return manifest


def read_manifest(source: Path) -> dict[str, Any]:
    with tarfile.open(source, "r:gz") as archive:
        member = archive.extractfile("manifest.json")
        if member is None:
            raise BackupError("the backup has no manifest")
        manifest: dict[str, Any] = json.loads(member.read())
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError("not an Emgek backup of a format this version reads")
    return manifest


def verify(source: Path) -> dict[str, Any]:
    """Check a backup without restoring it: every table's rows and every file's checksum are there."""
    manifest = read_manifest(source)
    with tarfile.open(source, "r:gz") as archive:
        for name, count in manifest["tables"].items():
            member = archive.extractfile(f"tables/{name}.jsonl")
            if member is None:
                raise BackupError(f"table {name} is missing")
            found = sum(1 for line in member if line.strip())
            if found != count:
                raise BackupError(f"table {name}: {found} rows, the manifest says {count}")
        for name, meta in manifest["files"].items():
            member = archive.extractfile(f"uploads/{name}")
            if member is None or hashlib.sha256(member.read()).hexdigest() != meta["sha256"]:
                raise BackupError(f"file {name} is missing or damaged")
    return manifest


def _reset_sequences(conn: sa.Connection, tables: list[sa.Table]) -> None:
    """PostgreSQL: the next id after the restored ones (SQLite takes max(rowid) + 1 by itself)."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        for column in table.primary_key.columns:
            if not (column.autoincrement is True or column.autoincrement == "auto") or not isinstance(
                column.type, sa.Integer
            ):
                continue
            sequence = conn.execute(
                sa.text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": f'"{table.name}"', "c": column.name}
            ).scalar()
            if sequence:
                conn.execute(
                    sa.text(
                        f'SELECT setval(:s, COALESCE((SELECT MAX("{column.name}") FROM "{table.name}"), 0) + 1, false)'  # noqa: S608, E501
                    ),
                    {"s": sequence},
                )


def restore(source: Path) -> dict[str, Any]:
    """Load ``source`` into this app's empty, migrated database and empty uploads folder."""
    manifest = verify(source)
    uploads = Path(current_app.config["UPLOAD_FOLDER"])
    if any(True for _ in _files(uploads)):
        raise BackupError(f"the uploads folder {uploads} is not empty")
    tables = _tables()
    known = {t.name for t in tables}
    if set(manifest["tables"]) - known:
        raise BackupError(
            f"the backup has tables this version lacks: {sorted(set(manifest['tables']) - known)}"
        )
    with db.engine().begin() as conn:
        revision = _revision(conn)
        if revision != manifest["revision"]:
            raise BackupError(
                f"the database is at revision {revision}, the backup at {manifest['revision']}: "
                "run flask db upgrade on an empty database of the same version"
            )
        for table in tables:
            if conn.execute(sa.select(sa.func.count()).select_from(table)).scalar():
                raise BackupError(f"the database is not empty (table {table.name} has rows)")
        with tarfile.open(source, "r:gz") as archive:
            for table in tables:
                if table.name not in manifest["tables"]:
                    continue
                member = archive.extractfile(f"tables/{table.name}.jsonl")
                assert member is not None  # verified above
                batch: list[dict[str, Any]] = []
                for line in io.TextIOWrapper(member, encoding="utf-8"):
                    if line.strip():
                        batch.append({k: _decode(v) for k, v in json.loads(line).items()})
                    if len(batch) >= BATCH:
                        conn.execute(table.insert(), batch)
                        batch = []
                if batch:
                    conn.execute(table.insert(), batch)
            _reset_sequences(conn, tables)
            for name in manifest["files"]:
                relative = PurePosixPath(name)
                if relative.is_absolute() or ".." in relative.parts:
                    raise BackupError(f"refused file name {name!r}")
                member = archive.extractfile(f"uploads/{name}")
                assert member is not None
                path = uploads.joinpath(*relative.parts)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(member.read())
    return manifest
