"""The one formatter writes numbers, months and file sizes as Russian and Kyrgyz readers write them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from core.formatting import NO_BREAK, day, file_size, month_name, number, readable


def test_numbers_have_a_comma_before_the_decimals_and_a_space_between_thousands():
    assert number(37.6344) == "37,63"
    assert number(Decimal("1234.5"), 1) == f"1{NO_BREAK}234,5"
    assert number(float("nan")) == "—"
    assert number(None) == "—"


@pytest.mark.parametrize(
    ("locale", "december"), [("ru", "декабрь 2026"), ("ky", "декабрь 2026"), ("en", "December 2026")]
)
def test_a_month_is_named_in_the_readers_language(locale, december):
    assert month_name("2026-12", locale).lower() == december.lower()
    assert month_name(date(2026, 12, 1), locale).lower() == december.lower()
    assert month_name(None, locale) == "—"


def test_a_day_is_written_day_month_year_from_a_date_or_its_iso_text():
    assert day("2026-12-01") == "01.12.2026"
    assert day(date(2026, 12, 1)) == "01.12.2026"


@pytest.mark.parametrize("locale", ["ru", "ky"])
def test_file_sizes_are_in_kilobytes_and_megabytes_as_russian_and_kyrgyz_write_them(locale):
    assert file_size(840, locale) == f"840{NO_BREAK}байт"
    assert file_size(12_800, locale) == f"12,5{NO_BREAK}КБ"
    assert file_size(3_355_443, locale) == f"3,2{NO_BREAK}МБ"


def test_the_engines_running_text_reads_with_people_s_dates_and_figures_and_keeps_its_words():
    text = "База 2026-03: 33116.67 x 60% (с 2025-01-20) = 19870.00. ст. 1021, v1.2.3"

    assert readable(text, " ") == "База 03.2026: 33 116,67 x 60% (с 20.01.2025) = 19 870,00. ст. 1021, v1.2.3"
    assert readable(None) == ""
