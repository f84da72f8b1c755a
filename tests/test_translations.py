"""Every string a user sees has its Russian and Kyrgyz translation (English is the source)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
assert spec is not None
assert spec.loader is not None
i18n = importlib.util.module_from_spec(spec)
spec.loader.exec_module(i18n)


@pytest.mark.parametrize("package", list(i18n.TEMPLATES))
@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_every_string_is_translated(package: str, lang: str) -> None:
    source = {m.id if isinstance(m.id, str) else m.id[0] for m in i18n.extract(package) if m.id}
    catalog = i18n.load(package, lang)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple | list) else (m.string,))
    }

    untranslated = sorted(source - translated)

    assert not untranslated, f"{package}/{lang}: scripts/i18n.py update, then translate {untranslated[:20]}"
