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

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from . import trace_text

__all__ = ["CENT", "Step", "money", "percent_text", "render", "rounded", "rounded_decimal"]

CENT = Decimal("0.01")


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


def rounded_decimal(amount: Decimal) -> Decimal:
    """Round a Decimal sum of som once, to the tyiyn, half up."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def money(tyiyn: int) -> str:
    """Whole tyiyn as the contract writes money: a string with exactly two decimals (``"12500.00"``)."""
    if tyiyn < 0:
        return "-" + money(-tyiyn)
    som, rest = divmod(tyiyn, 100)
    return f"{som}.{rest:02d}"


def percent_text(value: Decimal) -> str:
    """A percentage as the contract prints it: ``"20"``, ``"12.5"`` (no exponent, no trailing zeros)."""
    text = format(value.normalize(), "f")
    return text


@dataclass(frozen=True, slots=True)
class Step:
    """One application of a rule: which article, which sentence (by key), which inputs, what result."""

    article: str
    key: str
    inputs: dict[str, Any]
    result: str


def render(steps: list[Step], language: str = "ru") -> list[dict[str, Any]]:
    """The contract's ``trace`` items, with each rule written out in ``language`` (ru, ky or en)."""
    texts = trace_text.TEXT
    terms = trace_text.TERMS
    out = []
    for step in steps:
        template = texts[step.key]
        sentence = template.get(language) or template["en"]
        inputs = step.inputs
        words = {}
        for name in trace_text.TRANSLATED_INPUTS:
            value = inputs.get(name)
            if value is not None:
                words[name + "_t"] = _term(terms, value, language)
        result = step.result
        out.append(
            {
                "article": step.article,
                "rule": sentence.format(result=_term(terms, result, language), **inputs, **words),
                "inputs": inputs,
                "result": result,
            }
        )
    return out


def _term(terms: dict[str, dict[str, str]], value: str, language: str) -> str:
    """A code (``care_household``, ``open-ended`` ...) in words of ``language``; other values as they are."""
    found = terms.get(value)
    if found is None:
        if ", " in value and value.split(", ")[0] in terms:
            return ", ".join(_term(terms, v, language) for v in value.split(", "))
        return value
    return found.get(language) or found["en"]
