"""View 11: the yearly review as a PDF (fixture: conftest.py; today 2026-11-26).

Hand-computed from the fixture, 2026, Alpha (Chui, 400 workers, 608,000 hours): 5 cases, 3 deaths,
33 working days lost over 2 closed cases; Кч = 5 x 1000 / 400 = 12,50; Ксм = 3 x 1000 / 400 = 7,50;
Кт = 33 / 2 = 16,50; Кп = 12,50 x 16,50 = 206,25; fatal per 100,000 = 750,00; non-fatal 500,00;
per million hours 5 x 10^6 / 608,000 = 8,22. 2025: 1 case, Кч = 1 x 1000 / 380 = 2,63.
Beta (Bishkek, no headcount): 1 light case in 2026.
"""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

from babel.messages.pofile import read_po
from pypdf import PdfReader

from core.classifiers import Region, Role
from core.formatting import number
from tests.conftest import LONG_SESSIONS
from tests.factories import ACCIDENT_DAY, RECORDS_DAY


def text_of(response) -> str:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/pdf"
    pages = PdfReader(io.BytesIO(response.data)).pages
    return re.sub(r"[ \t]+", " ", "\n".join(page.extract_text() for page in pages))


def row(text: str, label: str) -> str:
    """The line of the PDF's text that starts with ``label`` (a table's row)."""
    for line in text.splitlines():
        if line.startswith(label):
            return line[len(label) :].strip()
    raise AssertionError(f"{label!r} not in the PDF")


def test_the_country_review_holds_the_hand_computed_figures(login_as, make_user, fixture_cases):
    client = login_as(make_user(Role.ADMIN))

    response = client.get("/reports/yearly.pdf?year=2026")
    text = text_of(response)

    assert response.headers["Cache-Control"] == "no-store"
    assert "Кыргызская Республика" in text
    assert "Подготовлено 26.11.2026" in text
    assert row(text, "Пострадавшие") == "6 1"  # Alpha's 5 and Beta's 1; 2025: Alpha's 1
    assert row(text, "Погибшие") == "3 0"
    assert row(text, "Потеряно рабочих дней") == "33 0"
    # The rates count the employers with a headcount (Alpha): the same as Alpha's own.
    assert row(text, "Кч: пострадавшие на 1000 работающих") == "12,50 2,63*"
    assert row(text, "Ксм: погибшие на 1000 работающих") == "7,50* 0,00*"
    assert row(text, "Кт: потеряно рабочих дней на один закрытый случай") == "16,50* нет данных"
    assert row(text, "Кп = Кч × Кт") == "206,25* нет данных"
    assert "Регионы" in text  # the country's review compares the regions


def test_an_officer_gets_their_own_employers_review_and_nothing_else(login_as, fixture_cases):
    client = login_as(fixture_cases["officer"])

    own = client.get("/reports/yearly?year=2026&format=pdf")
    region = client.get("/reports/yearly.pdf?year=2026&region=chui")
    page = client.get("/reports/yearly?year=2026&region=bishkek")
    api = client.get("/api/v1/reports/yearly?year=2026&region=chui")

    text = text_of(own)
    assert "Alpha" in text
    assert "Кыргызская Республика" not in text
    assert row(text, "Пострадавшие") == "5 1"
    assert row(text, "Кч: пострадавшие на 1000 работающих") == "12,50 2,63*"
    assert row(text, "Пострадавшие на 1 000 000 отработанных часов") == "8,22 нет данных"
    assert "Регионы" not in text
    assert (region.status_code, page.status_code, api.status_code) == (403, 403, 403)
    other = text_of(login_as(fixture_cases["other"]).get("/reports/yearly.pdf?year=2026"))
    assert row(other, "Пострадавшие") == "1 0"
    assert "Alpha" not in other
    assert "12,50" not in other


def test_a_regions_review_holds_only_that_regions_numbers(login_as, make_user, fixture_cases):
    client = login_as(make_user(Role.INSPECTOR))

    chui = text_of(client.get("/reports/yearly.pdf?year=2026&region=chui"))
    bishkek = text_of(client.get("/reports/yearly.pdf?year=2026&region=bishkek"))

    assert "Чуйская область" in chui
    assert row(chui, "Пострадавшие") == "5 1"
    assert row(bishkek, "Пострадавшие") == "1 0"
    assert row(bishkek, "Кч: пострадавшие на 1000 работающих") == "нет данных нет данных"  # no headcount
    assert "Регионы" not in bishkek


def test_a_regional_inspector_gets_their_region_and_a_403_for_another_or_the_country(
    login_as, make_user, fixture_cases
):
    client = login_as(make_user(Role.INSPECTOR, region=Region.BISHKEK))

    own = client.get("/reports/yearly.pdf?year=2026")
    other = client.get("/reports/yearly.pdf?year=2026&region=chui")

    assert row(text_of(own), "Пострадавшие") == "1 0"
    assert "Бишкек" in text_of(own)
    assert other.status_code == 403


def russian_with_a_kyrgyz_translation() -> set[str]:
    """The reports' Russian texts (longer than a symbol such as "Кч") whose Kyrgyz translation differs."""
    catalogues = Path(__file__).resolve().parents[3] / "reports" / "translations"
    with (
        open(catalogues / "ru/LC_MESSAGES/messages.po", "rb") as ru,
        open(catalogues / "ky/LC_MESSAGES/messages.po", "rb") as ky,
    ):
        russian, kyrgyz = read_po(ru), read_po(ky)
    out = set()
    for message in russian:
        other = kyrgyz.get(message.id)
        if message.id and isinstance(message.string, str) and other is not None and other.string:
            text = message.string.split("%(")[0].strip()  # the words before any placeholder
            if len(text) >= 8 and text != other.string:
                out.add(text)
    return out


def test_the_kyrgyz_review_speaks_kyrgyz(login_as, make_user, fixture_cases):
    client = login_as(make_user(Role.ADMIN))
    client.get("/lang/ky")

    text = text_of(client.get("/reports/yearly.pdf?year=2026"))

    assert "Кыргыз Республикасы" in text
    assert "Даярдалган күнү: 26.11.2026" in text
    assert "1. Негизги көрсөткүчтөр мурунку жыл менен салыштырганда" in text
    found = sorted(russian for russian in russian_with_a_kyrgyz_translation() if russian in text)
    assert not found
    for russian in ("Пострадавшие", "Погибшие", "нет данных", "Кыргызская Республика", "Показатель", "стр."):
        assert russian not in text
    assert row(text, "Жабыркагандар") == "6 1"


def test_the_social_fund_gets_its_regions_review_of_its_capitalised_cases_only(
    login_as, make_user, fixture_cases
):
    client = login_as(make_user(Role.SOCIAL_FUND, region=Region.CHUI))

    own = text_of(client.get("/reports/yearly.pdf?year=2026"))
    other = client.get("/reports/yearly.pdf?year=2026&region=bishkek")

    assert "Чуйская область" in own
    assert row(own, "Пострадавшие") == "0 0"  # no case of Alpha's was capitalised
    assert other.status_code == 403


def test_an_empty_year_says_there_is_no_data(login_as, make_user, fixture_cases):
    client = login_as(make_user(Role.ADMIN))

    text = text_of(client.get("/reports/yearly.pdf?year=2019"))

    assert "Нет данных" in text
    assert row(text, "Пострадавшие") == "0 0"


def test_the_page_links_the_pdf_and_names_a_bad_year(login_as, make_user, fixture_cases):
    client = login_as(make_user(Role.ADMIN))

    page = client.get("/reports/yearly?year=2025&region=chui")
    bad = client.get("/reports/yearly?year=1990")
    bad_pdf = client.get("/reports/yearly.pdf?year=abc")
    api = client.get("/api/v1/reports/yearly?year=2026&lang=ky")
    missing = client.get("/api/v1/reports/yearly")

    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'href="/reports/yearly.pdf?year=2025&amp;region=chui"' in html
    assert 'id="yearly-link"' in html  # in the reports' navigation
    assert bad.status_code == 422
    assert bad_pdf.status_code == 422
    assert api.headers["Cache-Control"] == "no-store"
    assert "Кыргыз Республикасы" in text_of(api)
    assert missing.status_code == 422
    assert "year" in missing.get_json()["errors"]


def test_the_money_part_prints_the_claims_statements_sums(
    app, login_as, make_user, make_accident, make_claim, pin_today
):
    """Two awards (a group accident's two victims), 12 345,67 paid on one; the review of 2026 prepared
    on 25.12.2026 sums the money as of that day, as the claims' statements do."""
    app.config.update(LONG_SESSIONS)
    officer = make_user(Role.SAFETY_OFFICER)
    ids = make_accident(
        officer, "approved", reviewer=make_user(Role.INSPECTOR), on=ACCIDENT_DAY, victims=2, category="group"
    )
    pin_today(RECORDS_DAY)
    client = login_as(officer)
    claims = [make_claim(client, victim)[0] for victim in ids["victims"]]
    pin_today(date(2026, 12, 25))
    client.post(
        f"/api/v1/claims/{claims[0]['id']}/payments",
        json={"paid_on": "2026-12-25", "amount": "12345.67", "applies_to": "periodic"},
    )
    statements = [
        client.get(f"/api/v1/claims/{c['id']}/statement?as_of=2026-12-25").get_json() for c in claims
    ]

    text = text_of(client.get("/reports/yearly.pdf?year=2026"))

    outstanding = sum(Decimal(s["totals"]["outstanding"]) for s in statements)
    assert outstanding > 0
    assert "Выплаты — на 25.12.2026" in text
    assert row(text, "Действующие назначения") == "2"
    assert row(text, "Выплачено") == "12 345,67"
    assert row(text, "Задолженность ") == number(outstanding, 2, " ")
