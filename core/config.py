"""Settings read from the environment, so one build runs on a laptop and in a national deployment."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def _secret_key() -> str:
    """SECRET_KEY from the environment; otherwise one generated once and kept under instance/.

    A key that changes on every start would log everybody out, and a key in the
    repository would let anyone forge sessions.
    """
    if key := os.environ.get("SECRET_KEY"):
        return key
    INSTANCE.mkdir(exist_ok=True)
    path = INSTANCE / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def from_environment() -> dict[str, Any]:
    """The configuration of a running service."""
    INSTANCE.mkdir(exist_ok=True)
    return {
        "SECRET_KEY": _secret_key(),
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE / 'emgek.sqlite3'}"),
        "UPLOAD_FOLDER": os.environ.get("EMGEK_UPLOAD_FOLDER", str(INSTANCE / "uploads")),
        "MAX_CONTENT_LENGTH": int(os.environ.get("EMGEK_MAX_UPLOAD_BYTES", str(12 * 1024 * 1024))),
        # A form's text up to the same size reaches its schema, which names the field that is too long
        # and shows the form again with the text kept (werkzeug's own limit, 500 kB, answered a bare 413).
        "MAX_FORM_MEMORY_SIZE": int(os.environ.get("EMGEK_MAX_UPLOAD_BYTES", str(12 * 1024 * 1024))),
        "EMGEK_MAX_ATTACHMENT_BYTES": int(
            os.environ.get("EMGEK_MAX_ATTACHMENT_BYTES", str(10 * 1024 * 1024))
        ),
        "SESSION_COOKIE_SECURE": _bool("EMGEK_SECURE_COOKIES", False),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": _bool("EMGEK_SECURE_COOKIES", False),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        # Sign-in throttling (core.auth.services.authenticate): free failures per account and per client
        # address, then waits doubling from 1 s up to the ceiling; a quiet period forgets the count.
        "LOGIN_MAX_FAILURES": int(os.environ.get("EMGEK_LOGIN_MAX_FAILURES", "5")),
        "LOGIN_ADDRESS_MAX_FAILURES": int(os.environ.get("EMGEK_LOGIN_ADDRESS_MAX_FAILURES", "20")),
        "LOGIN_MAX_DELAY_SECONDS": int(os.environ.get("EMGEK_LOGIN_MAX_DELAY_SECONDS", "300")),
        "LOGIN_FORGET_MINUTES": int(os.environ.get("EMGEK_LOGIN_FORGET_MINUTES", "60")),
        # A signed-in session ends after this long unused, and this long after signing in whatever the use.
        "SESSION_IDLE_MINUTES": int(os.environ.get("EMGEK_SESSION_IDLE_MINUTES", "30")),
        "SESSION_MAX_HOURS": int(os.environ.get("EMGEK_SESSION_MAX_HOURS", "12")),
        # Reverse proxies in front (each adds X-Forwarded-For): the client address that sign-in throttling
        # counts is the one the outermost of them saw. 0 when clients connect directly.
        "PROXY_HOPS": int(os.environ.get("EMGEK_PROXY_HOPS", "0")),
        # The stateless calculation (POST /api/v1/compensation/calculations) open to anyone without signing
        # in, for lawyers and victims; each client address may call it this many times a minute.
        "PUBLIC_CALCULATOR": _bool("EMGEK_PUBLIC_CALCULATOR", False),
        "PUBLIC_CALCULATOR_PER_MINUTE": int(os.environ.get("EMGEK_PUBLIC_CALCULATOR_PER_MINUTE", "30")),
        "PAGE_SIZE": int(os.environ.get("EMGEK_PAGE_SIZE", "25")),
        "SQL_ECHO": _bool("EMGEK_SQL_ECHO", False),
    }
