"""Two Labour Codes side by side: which one governs a day, and how a trace cites its articles.

The Labour Code of 4 August 2004 No. 106 (chapter 18, arts. 225-272, "LC-2004") was replaced by the
Labour Code of 23 January 2025 No. 23 (chapter 21, arts. 210-228, "LC-2025"), published on
28 January 2025 and in force from then (contract v2 §2; LC-2025 art. 11(3)-(5): no retroactivity,
the new law governs the rights and duties arising after it). Periods of monthly sums from that day on
are governed by LC-2025, earlier ones by LC-2004; the formulas are the same, only the articles cited
differ. The Civil Code, Part II, chapter 51 ("CC") governs what LC-2025 dropped (the victim's fault
does not reduce additional expenses, survivors' sums or burial: CC art. 1011(4); the presumption of
the employer's fault: CC art. 993(2); capitalisation: CC art. 1021).

:data:`LC_2025` maps each LC-2004 article the engine cites to its LC-2025 counterpart (regimes.md);
:func:`citation` writes a step's ``article`` field, :func:`cite_words` the same in a reader's words.
"""

from __future__ import annotations

from datetime import date

__all__ = [
    "LABOUR_CODE_2004",
    "LABOUR_CODE_2025",
    "LC_2025",
    "REGIME_2025_FROM",
    "SWITCH_MONTH",
    "citation",
    "cite_words",
    "regime_of_day",
    "regime_of_month",
]

LABOUR_CODE_2004 = "labour_code_2004"
LABOUR_CODE_2025 = "labour_code_2025"
#: Both regimes: a step covering months on each side of the switch.
BOTH = "both"

#: Contract v2 §2: ``regime_2025_from``, the publication of LC-2025 («Эркин Тоо» No. 6 (3662)).
REGIME_2025_FROM = date(2025, 1, 28).toordinal()
#: The month of the switch (January 2025). Its sum is cited as LC-2025: the month's sum is owed by the
#: month's end (LC-2025 art. 226(1)), which falls under LC-2025 (a reading, docs/compensation.md).
SWITCH_MONTH = 2025 * 12 + 0


def regime_of_day(day: int) -> str:
    """The Code in force on ``day`` (an ordinal)."""
    return LABOUR_CODE_2025 if day >= REGIME_2025_FROM else LABOUR_CODE_2004


def regime_of_month(month: int) -> str:
    """The Code governing the monthly sum of ``month`` (index); January 2025 counts as LC-2025."""
    return LABOUR_CODE_2025 if month >= SWITCH_MONTH else LABOUR_CODE_2004


#: LC-2004 article -> its LC-2025 counterpart (regimes.md, article map). ``CC ...`` is the Civil Code,
#: where LC-2025 dropped the rule; ``None`` where LC-2025 and the Civil Code have nothing (the rule
#: is then cited from LC-2004 with a note). Keys are the article tokens the engine's steps use.
LC_2025: dict[str, str | None] = {
    "225": "210(1)",
    "226": "210(2)",
    "226 part 2": "CC 993(2)",
    "226 part 3": "210(5)",
    "227": "CC 993(2)",
    "229": None,
    "230": "210(3)",
    "230 part 4": "CC 1011(4)",
    "231": "212",
    "233": "213(2)",
    "234": "213(1)",
    "235": "214",
    "236": "215",
    "237": "216",
    "238": "217",
    "242": "36(4)-(5)",
    "243": None,
    "244": "218",
    "245": "218(7)",
    "247": "219",
    "248": "220",
    "249": "221",
    "250": "222",
    "251": "223",
    "252": "219",
    "253": "220",
    "255": "CC 1021",
    "257": "226(1)",
    "260": "224",
    "263": "226",
    "264": "226",
    "265": "227",
    "266": None,
    "269": "228",
    "269 part 3": "228(3)",
    "271": "212(5)",
}


def _split(article: str) -> list[str]:
    return [a.strip() for a in article.split(",") if a.strip()]


def _lc2025_parts(article: str) -> tuple[list[str], list[str]]:
    """The LC-2025 and Civil Code articles for an LC-2004 article string ("235, 230")."""
    labour: list[str] = []
    civil: list[str] = []
    for token in _split(article):
        mapped = LC_2025.get(token, token if not token[:1].isdigit() else None)
        if mapped is None:
            continue
        target = civil if mapped.startswith("CC ") else labour
        value = mapped[3:] if mapped.startswith("CC ") else mapped
        if value not in target:
            target.append(value)
    return labour, civil


_CITATIONS: dict[tuple[str, str], str] = {}


def citation(article: str, regime: str) -> str:
    """The ``article`` field of a trace entry: ``"LC-2004 235, 230"``, ``"LC-2025 214, 210(3)"``,
    ``"LC-2025 218; CC 1011(4)"``, or both Codes for a step spanning the switch."""
    key = (article, regime)
    found = _CITATIONS.get(key)
    if found is not None:
        return found
    if not article or not article[:1].isdigit():
        found = article  # a citation written out already (the Civil Code, a resolution)
    elif regime == LABOUR_CODE_2004:
        found = "LC-2004 " + article
    elif regime == LABOUR_CODE_2025:
        labour, civil = _lc2025_parts(article)
        pieces = []
        if labour:
            pieces.append("LC-2025 " + ", ".join(labour))
        if civil:
            pieces.append("CC " + ", ".join(civil))
        found = "; ".join(pieces) or "LC-2004 " + article + " (no LC-2025 counterpart)"
    else:
        found = citation(article, LABOUR_CODE_2004) + "; " + citation(article, LABOUR_CODE_2025)
    _CITATIONS[key] = found
    return found


#: How each language names the Codes: (prefix before the articles, suffix after them).
_WORDS = {
    "ru": {
        "LC-2004": ("ст. ", " ТК КР 2004 г."),
        "LC-2025": ("ст. ", " ТК КР 2025 г."),
        "CC": ("ст. ", " ГК КР"),
        "Resolution": ("", ""),
    },
    "ky": {
        "LC-2004": ("2004-ж. ЭК ", "-берене"),
        "LC-2025": ("2025-ж. ЭК ", "-берене"),
        "CC": ("ЖК ", "-берене"),
        "Resolution": ("", ""),
    },
    "en": {
        "LC-2004": ("LC-2004 art. ", ""),
        "LC-2025": ("LC-2025 art. ", ""),
        "CC": ("Civil Code art. ", ""),
        "Resolution": ("", ""),
    },
}
_WORDS_CACHE: dict[tuple[str, str], str] = {}


def cite_words(cited: str, language: str) -> str:
    """A citation (:func:`citation`'s form) in the reader's words, for the end of a trace sentence."""
    key = (cited, language)
    found = _WORDS_CACHE.get(key)
    if found is not None:
        return found
    words = _WORDS[language]
    out = []
    for part in cited.split("; "):
        code, _, articles = part.partition(" ")
        if code in words:
            prefix, suffix = words[code]
            out.append(prefix + articles + suffix)
        else:
            out.append(part)
    found = "; ".join(out)
    _WORDS_CACHE[key] = found
    return found
