"""Flask-Babel merges the packages' catalogues and the last one (cooperation) wins: a text shared with
another package must read the same here, or cooperation would silently reword the other pages."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
assert spec is not None
assert spec.loader is not None
i18n = importlib.util.module_from_spec(spec)
spec.loader.exec_module(i18n)


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_texts_shared_with_other_packages_keep_their_translation(lang: str) -> None:
    others: dict[str, set[str]] = {}
    for package in ("core", "accidents", "compensation", "reports"):
        for message in i18n.load(package, lang):
            if message.id and isinstance(message.id, str) and message.string:
                others.setdefault(message.id, set()).add(message.string)
    mine = {m.id: m.string for m in i18n.load("cooperation", lang) if m.id and isinstance(m.id, str)}

    reworded = {k: v for k, v in mine.items() if k in others and v not in others[k]}

    assert not reworded, reworded
