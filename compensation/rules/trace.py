"""The trace: every figure of a statement with the article, rule, inputs and result that produced it.

A :class:`Step` holds no sentence, only a message key and the values that fill
it, so the rules stay free of any language. :func:`render` turns steps into the
contract's ``trace`` items (``article``, ``rule``, ``inputs``, ``result``) in
Russian, Kyrgyz or English, using the table in :mod:`.trace_text`.

Money inside the engine is whole tyiyn (``int``); :func:`money` writes it the
contract's way, and :func:`rounded` is the single rounding rule (0.01,
ROUND_HALF_UP) applied to an exact fraction.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from typing import Any

from . import regime as regimes
from . import trace_text

__all__ = ["MONEY_TEXT", "Step", "money", "render", "render_warning", "rounded"]


def rounded(numerator: int, denominator: int) -> int:
    """Round ``numerator / denominator`` tyiyn to a whole tyiyn, half up (the contract's one rounding).

    Works on exact integers so that no figure ever passes through binary floating point; for
    negative fractions "half up" means away from zero, as Decimal's ROUND_HALF_UP does.
    """
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    if numerator >= 0:
        return (2 * numerator + denominator) // (2 * denominator)
    return -((-2 * numerator + denominator) // (2 * denominator))


#: The tyiyn part of a sum as text, ``.00`` to ``.99``: one concatenation writes a sum.
_CENTS = tuple(f".{t:02d}" for t in range(100))


#: tyiyn -> text, for sums met before (a national run meets the same sums again and again).
MONEY_TEXT: dict[int, str] = {}


def money(tyiyn: int) -> str:
    """Whole tyiyn as the contract writes money: a string with exactly two decimals (``"12500.00"``)."""
    text = MONEY_TEXT.get(tyiyn)
    if text is not None:
        return text
    if tyiyn < 0:
        return "-" + money(-tyiyn)
    text = str(tyiyn // 100) + _CENTS[tyiyn % 100]
    if len(MONEY_TEXT) < 100_000:
        MONEY_TEXT[tyiyn] = text
    return text


class Step:
    """One application of a rule: which article, which sentence (by key), which inputs, what result.

    A plain class with slots rather than a named tuple: as cheap to build in Python, and a native
    class (built without calling into the interpreter) in the compiled engine.
    """

    __slots__ = ("article", "inputs", "key", "regime", "result")

    def __init__(self, article: str, key: str, inputs: dict[str, Any], result: str) -> None:
        self.article = article
        self.key = key
        self.inputs = inputs
        self.result = result
        #: Contract v2: the Code governing the step (``labour_code_2004``, ``labour_code_2025`` or
        #: ``both``), set by the statement once the step is made ("" until then).
        self.regime = ""

    def __repr__(self) -> str:
        return f"Step({self.article!r}, {self.key!r}, {self.inputs!r}, {self.result!r})"


Sentence = Callable[[dict[str, Any], str, Callable[[Any], str]], str]


def _compile(template: str) -> Sentence:
    """Turn a ``str.format`` template of :mod:`.trace_text` into a function built on an f-string.

    Rendering the trace of a national run formats millions of sentences; an f-string is several
    times faster than ``str.format``. ``{name}`` reads ``inputs["name"]``, ``{name[key]}`` reads
    ``inputs["name"]["key"]``, ``{name_t}`` writes the code in ``inputs["name"]`` in words, and
    ``{result}`` is the step's result (in words when it is a code). The templates are this
    package's own constants, never user input.
    """
    pieces = []
    for literal, field, spec, conversion in string.Formatter().parse(template):
        pieces.append(literal.replace("\\", "\\\\").replace('"', '\\"').replace("{", "{{").replace("}", "}}"))
        if field is None:
            continue
        name, _, rest = field.partition("[")
        if name == "result":
            expression = "t(r)"
        elif name.endswith("_t"):
            expression = f"t(p[{name[:-2]!r}])"
        else:
            expression = f"p[{name!r}]" + (f"[{rest[:-1]!r}]" if rest else "")
        if conversion:
            expression += "!" + conversion
        if spec:
            expression += ":" + spec
        pieces.append("{" + expression + "}")
    source = 'lambda p, r, t: f"""' + "".join(pieces) + '"""'
    function: Sentence = eval(compile(source, "<trace_text>", "eval"))  # noqa: S307 - our own constant templates
    return function


#: The citation that ends a sentence of :mod:`.trace_text` ("(ст. 235, 230)."): it is written from the
#: step's own article and Code instead (contract v2: the governing Code's article).
_CITE_TAIL = re.compile(r"\s*\(([^()]*)\)\.\s*$")
_CITE_WORDS = re.compile(r"Art|ст\.|берене|бөлүг|пункт")


def _without_citation(template: str) -> tuple[str, bool]:
    """The template without its final citation, and whether it had one."""
    found = _CITE_TAIL.search(template)
    if found is not None and _CITE_WORDS.search(found.group(1)) and "{" not in found.group(1):
        return template[: found.start()], True
    return template, False


def _terms(language: str) -> Callable[[Any], str]:
    words = {code: texts.get(language) or texts["en"] for code, texts in trace_text.TERMS.items()}
    get = words.get

    def term(value: Any) -> str:
        if type(value) is str:
            return get(value, value)
        if type(value) in (list, tuple):
            return ", ".join(get(v, v) for v in value)
        return str(value)

    return term


#: language -> message key -> compiled sentence; language -> the code-to-words function.
def _sentence(template: str) -> tuple[Sentence, bool]:
    body, cited = _without_citation(template)
    return _compile(body), cited


SENTENCES: dict[str, dict[str, tuple[Sentence, bool]]] = {
    language: {key: _sentence(texts.get(language) or texts["en"]) for key, texts in trace_text.TEXT.items()}
    for language in ("ru", "ky", "en")
}
TERMS = {language: _terms(language) for language in SENTENCES}
WARNING_TEXT = {
    language: {
        key: _compile(texts.get(language) or texts["en"]) for key, texts in trace_text.WARNINGS.items()
    }
    for language in SENTENCES
}


def render(
    steps: list[Step], language: str = "ru", default_regime: str = regimes.LABOUR_CODE_2004
) -> list[dict[str, Any]]:
    """The contract's ``trace`` items, with each rule written out in ``language`` (ru, ky or en).

    ``article`` cites the Code governing the step (``"LC-2025 214"``, ``"LC-2004 235"``, the Civil
    Code where it governs); the sentence ends with the same citation in the reader's words, and says
    so where the figure rests on a reading of the law (an input ``interpretation`` names its source).
    """
    term = TERMS[language]
    cache = _RENDERERS
    codes = RESULT_CODES
    out = []
    for step in steps:
        inputs = step.inputs
        key = (step.key, step.article, step.regime or default_regime, language, "interpretation" in inputs)
        found = cache.get(key)
        if found is None:
            found = _renderer(key)
            if len(cache) < 20_000:
                cache[key] = found
        result = step.result
        out.append(
            {
                "article": found[0],
                "rule": found[1](inputs, result, term),
                "inputs": inputs,
                # A result that is a code of the engine ("liable") is written in the reader's words.
                "result": term(result) if result in codes else result,
            }
        )
    return out


def _renderer(key: tuple[str, str, str, str, bool]) -> tuple[str, Sentence]:
    """The ``article`` field and the compiled sentence of a step: its key's template with the final
    citation written from the step's article and Code, and the reading note when it has one."""
    name, article_2004, regime, language, reading = key
    article = regimes.citation(article_2004, regime)
    texts = trace_text.TEXT[name]
    body, cited = _without_citation(texts.get(language) or texts["en"])
    if cited:
        body += " (" + regimes.cite_words(article, language).replace("{", "{{").replace("}", "}}") + ")."
    if reading:
        body += " " + trace_text.READING[language]
    return article, _compile(body)


#: (message key, article, Code, language, has a reading) -> (the ``article`` field, the sentence).
_RENDERERS: dict[tuple[str, str, str, str, bool], tuple[str, Sentence]] = {}
#: Results that are codes of the engine: written in the reader's words.
RESULT_CODES = frozenset({"liable", "not liable"})


def render_warning(warning: Any, language: str = "ru") -> str:
    """A ``warnings`` entry's message in ``language``."""
    return WARNING_TEXT[language][warning.key](warning.inputs, "", TERMS[language])
