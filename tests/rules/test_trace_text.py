"""The trace and the error messages speak Russian, Kyrgyz and English, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from compensation import validation
from compensation.rules import trace, trace_text


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


@pytest.mark.parametrize(
    ("table", "key"), [("trace", k) for k in trace_text.TEXT] + [("errors", k) for k in validation.MESSAGES]
)
def test_every_sentence_has_all_three_languages_with_the_same_placeholders(table: str, key: str) -> None:
    texts = (trace_text.TEXT if table == "trace" else validation.MESSAGES)[key]

    assert set(texts) == {"en", "ru", "ky"}
    assert placeholders(texts["ru"]) == placeholders(texts["en"]) == placeholders(texts["ky"])
    assert all(texts[lang].strip() for lang in texts)


def test_every_code_has_words_in_all_three_languages() -> None:
    for code, words in trace_text.TERMS.items():
        assert set(words) == {"en", "ru", "ky"}, code


def test_a_step_renders_in_each_language_with_codes_in_words() -> None:
    step = trace.Step(
        "244, 245",
        "injury.care",
        {
            "period": "2024-01",
            "kind": "care_household",
            "multiple": 2,
            "minimum_wage": {"value": "2000.00", "from": "2022-01-01"},
            "days": 31,
            "days_in_month": 31,
        },
        "4000.00",
    )

    rendered = {lang: trace.render([step], lang)[0] for lang in ("ru", "ky", "en")}

    assert "бытовой уход" in rendered["ru"]["rule"]
    assert "тиричилик кароо" in rendered["ky"]["rule"]
    assert "household care" in rendered["en"]["rule"]
    assert all(r["article"] == "244, 245" and r["result"] == "4000.00" for r in rendered.values())


def test_money_is_written_with_two_decimals() -> None:
    assert [trace.money(t) for t in (0, 7, 99, 100, 123456, -150)] == [
        "0.00",
        "0.07",
        "0.99",
        "1.00",
        "1234.56",
        "-1.50",
    ]


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [(1, 2, 1), (3, 2, 2), (-1, 2, -1), (-3, 2, -2), (1, 3, 0), (2, 3, 1), (7, 1, 7)],
)
def test_rounding_is_half_up_away_from_zero(numerator: int, denominator: int, expected: int) -> None:
    assert trace.rounded(numerator, denominator) == expected
