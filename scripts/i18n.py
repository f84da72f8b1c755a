"""Translation catalogues, one per package, kept complete for ru and ky.

    python scripts/i18n.py update [PKG ...]        extract strings, merge them into the packages' catalogues
    python scripts/i18n.py missing PKG LANG        untranslated strings of a catalogue, as JSON {msgid: ""}
    python scripts/i18n.py apply PKG LANG F.json   fill a catalogue from {msgid: translation}

English is the source language (msgids); Russian is the default UI language.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("ru", "ky")
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None}
#: Which templates belong to which package's catalogue.
TEMPLATES = {
    "core": [
        "templates/core",
        "templates/errors",
        "templates/admin",
        "templates/base.html",
        "templates/_macros.html",
    ],
    "accidents": ["templates/accidents"],
    "calculator": ["templates/calculator", "templates/_result.html", "templates/_case_form.html"],
    "claims": ["templates/claims"],
    "liquidation": ["templates/liquidation"],
    "reports": ["templates/reports"],
    "cooperation": ["templates/cooperation"],
    "jobs": ["templates/jobs"],
}
METHODS = [("**.py", "python"), ("**.html", "jinja2")]


def extract(package: str) -> Catalog:
    catalog = Catalog(project="emgek", domain="messages")
    sources = [ROOT / package, *(ROOT / t for t in TEMPLATES[package])]
    for source in sources:
        if not source.exists():
            continue
        if source.is_file():
            results = extract_from_dir(source.parent, METHODS, keywords=KEYWORDS)
            results = [r for r in results if r[0] == source.name]
            base = source.parent
        else:
            results = list(extract_from_dir(source, METHODS, keywords=KEYWORDS))
            base = source
        for filename, lineno, message, comments, context in results:
            if "translations" in filename:
                continue
            path = (base / filename).relative_to(ROOT).as_posix()
            catalog.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return catalog


def po_path(package: str, lang: str) -> Path:
    return ROOT / package / "translations" / lang / "LC_MESSAGES" / "messages.po"


def load(package: str, lang: str) -> Catalog:
    path = po_path(package, lang)
    if not path.exists():
        return Catalog(locale=lang, project="emgek", domain="messages")
    with path.open("rb") as f:
        return read_po(f, locale=lang)


def save(package: str, lang: str, catalog: Catalog) -> None:
    path = po_path(package, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog.fuzzy = False  # the header; message-level fuzzy flags are what `missing` reports
    with path.open("wb") as f:
        write_po(f, catalog, width=120, omit_header=False, sort_output=True, ignore_obsolete=True)


def update(packages: list[str] | None = None) -> None:
    for package in packages or list(TEMPLATES):
        template = extract(package)
        if not len(template):
            continue
        for lang in LANGS:
            catalog = load(package, lang)
            catalog.update(template, no_fuzzy_matching=True)
            save(package, lang, catalog)


def missing(package: str, lang: str) -> dict[str, str]:
    catalog = load(package, lang)
    out: dict[str, str] = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        if message.fuzzy or not all(strings):
            out[key] = ""
    return out


def apply(package: str, lang: str, translations: dict[str, str | list[str]]) -> None:
    catalog = load(package, lang)
    for message in catalog:
        key = message.id if isinstance(message.id, str) else (message.id[0] if message.id else "")
        if key in translations and translations[key]:
            value = translations[key]
            if isinstance(message.id, tuple | list):
                forms = value if isinstance(value, list) else [value] * catalog.num_plurals
                message.string = tuple(
                    forms[: catalog.num_plurals] + [forms[-1]] * (catalog.num_plurals - len(forms))
                )
            else:
                message.string = value if isinstance(value, str) else value[0]
            message.flags.discard("fuzzy")
    save(package, lang, catalog)


if __name__ == "__main__":
    command, *args = sys.argv[1:] or ["update"]
    if command == "update":
        update(args or None)
    elif command == "missing":
        print(json.dumps(missing(args[0], args[1]), ensure_ascii=False, indent=1))
    elif command == "apply":
        apply(args[0], args[1], json.loads(Path(args[2]).read_text(encoding="utf-8")))
    else:
        sys.exit(__doc__)
