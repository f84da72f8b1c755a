"""The text of the articles the engine cites, of both Labour Codes and the Civil Code, for the trace's links.

A claims officer, an inspector or a judge reading a figure reads the article it cites beside it,
in the Code that governs that figure (contract v2 §2):

- ``LC-2004``: the Labour Code of 4 August 2004 No. 106, arts. 223, 225-272 (the project's seed,
  amended to 23 December 2022), for rights that arose before 28 January 2025;
- ``LC-2025``: the Labour Code of 23 January 2025 No. 23, arts. 11, 36 and chapter 21 (arts.
  210-228), as amended to 10 July 2025;
- ``CC``: the Civil Code, Part II, chapter 51 (arts. 993-1022), where LC-2025 is silent.

The texts are the official Russian editions of the Ministry of Justice's database, kept in
``law/`` beside this module.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent / "law"
#: Each Code: its file, its short name in URLs, and how a reader names it.
SOURCES = {
    "LC-2004": HERE / "labour-code-223-272.ru.md",
    "LC-2025": HERE / "labour-code-2025-11-36-210-228.ru.md",
    "CC": HERE / "civil-code-ch51.ru.md",
}
SLUGS = {"LC-2004": "lc-2004", "LC-2025": "lc-2025", "CC": "cc"}
CODES_BY_SLUG = {slug: code for code, slug in SLUGS.items()}
#: The Code's name as a link reads it, in each language of the trace.
NAMES = {
    "ru": {"LC-2004": "ТК КР 2004 г.", "LC-2025": "ТК КР 2025 г.", "CC": "ГК КР"},
    "ky": {"LC-2004": "2004-ж. ЭК", "LC-2025": "2025-ж. ЭК", "CC": "ЖК"},
    "en": {"LC-2004": "Labour Code 2004", "LC-2025": "Labour Code 2025", "CC": "Civil Code"},
}
HEADING = re.compile(r"^#+\s*\**Статья\s+(\d+)\.\s*(.*?)\**\s*$")
#: A citation part: an optional Code, then its article numbers ("LC-2025 214, 210(3)").
PART = re.compile(r"^(LC-2004|LC-2025|CC)?\s*(.*)$")


@dataclass(frozen=True)
class Article:
    number: str
    title: str
    paragraphs: tuple[str, ...]
    code: str = "LC-2004"


@dataclass(frozen=True)
class Cited:
    """One article a trace step cites: its Code and number (``slug`` for the URL)."""

    code: str
    number: str

    @property
    def slug(self) -> str:
        return SLUGS[self.code]


@functools.cache
def articles(code: str = "LC-2004") -> dict[str, Article]:
    """The Code's articles by number, read once from its text."""
    found: dict[str, Article] = {}
    number: str | None = None
    title = ""
    lines: list[str] = []

    def close() -> None:
        if number is not None and number not in found:
            paragraphs = tuple(p.strip() for p in "\n".join(lines).split("\n\n") if p.strip())
            found[number] = Article(number, title, paragraphs, code)

    for line in SOURCES[code].read_text(encoding="utf-8").splitlines():
        match = HEADING.match(line)
        if match:
            close()
            number, title, lines = match.group(1), match.group(2).strip(" *"), []
        elif number is not None:
            lines.append(line)
    close()
    return found


def article(number: str, code: str = "LC-2004") -> Article | None:
    return articles(code).get(str(number)) if code in SOURCES else None


def cited(reference: str) -> list[Cited]:
    """The articles a trace reference cites, in order: ``"LC-2025 214, 210(3); CC 1011(4)"``, or a bare
    ``"235, 230"`` (version 1's form, the 2004 Code). Numbers the texts do not hold are left out."""
    out: list[Cited] = []
    for part in (reference or "").split(";"):
        match = PART.match(part.strip())
        if not match:
            continue
        code = match.group(1) or "LC-2004"
        for number in re.findall(r"(?<![\d(])(\d+)", match.group(2)):
            if number in articles(code) and Cited(code, number) not in out:
                out.append(Cited(code, number))
    return out


def name(code: str, language: str) -> str:
    """The Code as a reader names it ("ТК КР 2025 г.")."""
    return NAMES.get(language, NAMES["ru"]).get(code, code)
