"""The main pages, filled with the demo's records, read as people write: in Kyrgyz nothing is left in
Russian or English that the catalogues translate, and in both languages dates are 01.12.2026 (never
2026-12-01), months are named and file sizes are in КБ."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from babel.messages.pofile import read_po

from core import create_app, db
from core.i18n import PACKAGES
from tests.conftest import TEST_CONFIG, TODAY, fresh_database

ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "emgek-demo"
INSPECTOR = "inspector@mintrud.gov.kg"
OFFICER = "officer@alatoo-ken.kg"
ADMIN = "admin@emgek.kg"
#: Shorter strings ("Act", "No.") are words of longer ones or of the records; they are not sought alone.
SHORTEST = 4
#: A fragment of a message with placeholders is sought only when it is this long (a whole phrase).
SHORTEST_FRAGMENT = 16


@pytest.fixture(scope="module")
def demo(migrated_database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One app over the demo's records (loaded once for the module: it takes a while)."""
    db.pin_today(TODAY)
    url = fresh_database(migrated_database, tmp_path_factory.mktemp("demo"))
    app = create_app({**TEST_CONFIG, "DATABASE_URL": url})
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    yield app
    db.pin_today(None)
    app.extensions["emgek.engine"].dispose()


def signed_in(app: Any, email: str, lang: str = "ru") -> Any:
    """A client of the demo reading in ``lang``, signed in as the demo's ``email``."""
    client = app.test_client()
    client.get(f"/lang/{lang}")
    signed = client.post("/api/v1/auth/login", json={"email": email, "password": DEMO_PASSWORD})
    assert signed.status_code == 200, signed.get_data(as_text=True)
    return client


def _first(app: Any, statement: Any) -> int:
    with app.app_context():
        found = db.session().scalar(statement)
    assert found is not None
    return int(found)


def issued_claim(app: Any, email: str) -> int:
    """The first claim with an issued decision of the employer of the demo's ``email`` (its statement
    has installments and payments)."""
    from claims.models import Claim, Decision
    from core.auth.models import User

    employer = sa.select(User.employer_id).where(User.email == email).scalar_subquery()
    return _first(
        app,
        sa.select(Decision.claim_id)
        .join(Claim, Claim.id == Decision.claim_id)
        .where(Decision.status == "issued", Claim.employer_id == employer)
        .order_by(Decision.id)
        .limit(1),
    )


def main_pages(app: Any) -> dict[str, list[str]]:
    """The pages a person reads all day, by the account that reads them."""
    from accidents.models import Act
    from claims.models import Claim, Decision
    from core.auth.models import User

    act = _first(app, sa.select(Act.id).where(Act.status == "approved").order_by(Act.id))
    accident = _first(app, sa.select(Act.accident_id).where(Act.id == act))
    decision = _first(app, sa.select(Decision.id).where(Decision.status == "issued").order_by(Decision.id))
    claim = _first(app, sa.select(Decision.claim_id).where(Decision.id == decision))
    death = _first(app, sa.select(Claim.id).where(Claim.case_type == "death").order_by(Claim.id))
    employer = _first(app, sa.select(User.employer_id).where(User.email == OFFICER))
    return {
        INSPECTOR: [
            "/",
            "/accidents",
            f"/accidents/{accident}",
            f"/accidents/acts/{act}",
            "/compensation/claims",
            f"/compensation/claims/{claim}",
            f"/compensation/claims/{death}",
            f"/compensation/decisions/{decision}",
            "/compensation/calculator",
            "/reports/dashboard",
            "/reports/trends",
            "/reports/sectors",
            "/reports/causes",
            "/reports/investigations",
            "/reports/measures",
            "/reports/money",
            "/reports/fund",
            "/reports/ranking",
        ],
        OFFICER: [
            "/",
            "/accidents",
            "/compensation/claims",
            "/compensation/payments-due",
            f"/compensation/liquidation/{employer}",
            "/compensation/claims/new",
            f"/accidents/{accident}",
        ],
        ADMIN: ["/admin/users", "/admin/employers"],
    }


class _Text(HTMLParser):
    """The text a person reads: text nodes outside scripts and styles, and the titles and labels of
    controls (placeholders, aria-labels, titles, button values)."""

    SKIPPED = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__()
        self.nodes: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIPPED:
            self._skipping += 1
        for name, value in attrs:
            if name in ("title", "placeholder", "aria-label", "alt") and value:
                self.nodes.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and not self._skipping:
            self.nodes.append(text)


def read(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return parser.nodes


def _catalogue(package: str, lang: str) -> dict[str, str]:
    path = ROOT / package / "translations" / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id and isinstance(m.id, str) and m.string}


def untranslated_forms() -> tuple[set[str], set[str]]:
    """What Kyrgyz pages must not show: the English msgids and Russian msgstrs whose Kyrgyz differs,
    as whole texts (``whole``) and, for messages with placeholders, as their longer literal fragments."""
    whole: set[str] = set()
    fragments: set[str] = set()
    kyrgyz_texts: set[str] = set()
    for package in PACKAGES:
        ky, ru = _catalogue(package, "ky"), _catalogue(package, "ru")
        kyrgyz_texts |= set(ky.values())
        for msgid, kyrgyz in ky.items():
            for other in (msgid, ru.get(msgid, "")):
                if not other or other == kyrgyz:
                    continue
                if re.search(r"%\(\w+\)s|\{\w*\}", other):
                    for piece in re.split(r"%\(\w+\)s|\{\w*\}", other):
                        piece = " ".join(piece.split()).strip(' ,.:;()«»“”"')
                        if len(piece) >= SHORTEST_FRAGMENT:
                            fragments.add(piece)
                elif len(other) >= SHORTEST:
                    whole.add(" ".join(other.split()))
    # A word both languages write alike ("Март", "PDF") is a Kyrgyz text too: not a leftover.
    return whole - kyrgyz_texts, {f for f in fragments if not any(f in k for k in kyrgyz_texts)}


def _pages(demo: Any, lang: str) -> Iterator[tuple[str, str]]:
    for email, urls in main_pages(demo).items():
        client = demo.test_client()
        client.get(f"/lang/{lang}")
        signed = client.post("/api/v1/auth/login", json={"email": email, "password": DEMO_PASSWORD})
        assert signed.status_code == 200, signed.get_data(as_text=True)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            yield url, response.get_data(as_text=True)


def test_kyrgyz_pages_show_nothing_in_russian_or_english_that_the_catalogues_translate(demo):
    whole, fragments = untranslated_forms()
    leftovers: dict[str, set[str]] = {}

    for url, html in _pages(demo, "ky"):
        nodes = read(html)
        text = " ".join(nodes)
        found = {n for n in nodes if n in whole} | {f for f in fragments if f in text}
        if found:
            leftovers[url] = found

    assert leftovers == {}


ISO_DATE = re.compile(r"\b(19|20)\d\d-[01]\d(-[0-3]\d)?\b")
NUMBER_CELL = re.compile(r'<td class="num">([^<]*)</td>')


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_pages_write_dates_and_figures_as_people_do_never_as_iso(demo, lang):
    iso: dict[str, set[str]] = {}
    points: dict[str, set[str]] = {}

    for url, html in _pages(demo, lang):
        found = {node[:80] for node in read(html) if ISO_DATE.search(node)}
        if found:
            iso[url] = found
        # Figures (sums, rates such as Кч) have a decimal comma: 37,63, not 37.63.
        figures = {cell for cell in NUMBER_CELL.findall(html) if "." in cell}
        if figures:
            points[url] = figures

    assert iso == {}, "\n".join(f"{u}: {sorted(v)}" for u, v in iso.items())
    assert points == {}


ELEMENT_ID = re.compile(r'\sid="([^"]+)"')
ARIA_LABEL = re.compile(r'aria-label="([^"]*)"')


def test_every_element_id_is_unique_and_no_control_is_named_by_its_field_path(demo):
    faults: dict[str, list[str]] = {}

    for url, html in _pages(demo, "ru"):
        ids = ELEMENT_ID.findall(html)
        twice = sorted({i for i in ids if ids.count(i) > 1})
        paths = sorted({label for label in ARIA_LABEL.findall(html) if re.search(r"\w\.\w", label)})
        if twice or paths:
            faults[url] = twice + paths

    assert faults == {}, "\n".join(f"{url}: {found[:10]}" for url, found in faults.items())
