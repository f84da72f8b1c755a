"""Every route of the app, walked as a safety officer of employer A against employer B's records.

Reads and writes of another employer's records answer 404, exactly as for a record
that does not exist; lists never show them. The walk is generic: it takes every
rule of ``app.url_map`` and fills its URL parameters from :data:`RECORDS`, a
registry from parameter name to a builder of employer B's record. A route with an
integer parameter missing from the registry fails the test, so no future route is
forgotten: add a builder below (or name the route in :data:`GLOBAL` if it is not
about anybody's records).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from flask import Flask
from pypdf import PdfReader

from core import db
from core.auth.models import User
from core.classifiers import Region, Role
from core.employers import Employer
from tests.integration.cooperation import records as cooperation_records
from tests.integration.webhooks import records as webhook_records

#: Routes that are nobody's records: assets, sign-in, language, the API description.
GLOBAL = {
    "static",
    "core.index",
    "core.healthz",
    "auth.login",
    "auth.logout",
    "auth.set_language",
    "auth_api.login",
    "auth_api.logout",
    "auth_api.me",
    "auth_api.csrf_token",
    "api-docs.openapi_json",
    "api_ui.api_docs",
    "api_ui.api_docs_asset",
    # The compensation calculator and the law's text: computed or published, nobody's records.
    "calculator.statement",
    "calculator.article",
    "calculator.code_article",
    # Dashboard charts are drawn from counts within the caller's own scope; <name> is a chart, not a record.
    "reports.chart",
    # The headline view's table as CSV or XLSX: <fmt> is a file type; the figures are the caller's scope.
    "reports.headline_download",
    # Views 2 and 3's downloads: <fmt> is a file type; the figures are the caller's scope.
    "reports.trends_download",
    "reports.sectors_download",
    # Views 7 and 8's downloads (money, the Social Fund's sums): <fmt> is a file type; the caller's scope.
    "reports.money_download",
    "reports.fund_download",
    # View 9's download: <fmt> is a file type; an officer's holds their own row (reports/test_ranking.py).
    "reports.ranking_download",
    # Views 4-6: <key> names one of the view's tables and <fmt> a file type, not records; every figure,
    # chart and drill-down list is counted within the caller's scope (tests/integration/reports/).
    *(
        f"reports.{view}_{part}"
        for view in ("causes", "investigations", "measures")
        for part in ("download", "chart", "records")
    ),
}
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
#: An id no table will reach in a test: the answer for it is the answer for "does not exist".
MISSING_ID = 987_654_321
#: What employer B's records contain and A's officer must never see, in any list.
B_VICTIM = {
    "pin": "20202198800777",
    "full_name": "Секретбаев Тайный Бэкович",
    "sex": "male",
    "birth_date": "1988-02-02",
    "occupation": "Бурильщик",
}


@dataclass
class World:
    """Two employers in one region, their officers, and B's records built on demand."""

    app: Flask
    employer_a: Employer
    employer_b: Employer
    officer_a: User
    officer_b: User
    inspector: User
    admin: User
    make_accident: Any
    #: B is being liquidated and its award capitalised (art. 255); without, B's case stays its own.
    capitalised: bool = True
    cache: dict[str, Any] = field(default_factory=dict)

    def approved_accident(self) -> dict[str, Any]:
        """B's accident taken to an approved act: every accident record type exists."""
        if "accident" not in self.cache:
            self.cache["accident"] = self.make_accident(
                self.officer_b, stage="approved", reviewer=self.inspector, victims=[B_VICTIM]
            )
            from accidents import consequences

            with self.app.test_request_context():  # how B's case ended (RU form 8): a record too
                consequences.record_consequence(
                    self.officer_b,
                    self.cache["accident"]["acts"][0],
                    {"version": None, "outcome": "died", "died_on": db.today_bishkek()},
                )
        return self.cache["accident"]

    def first(self, model: Any, **where: Any) -> int:
        import sqlalchemy as sa

        with self.app.app_context():
            stmt = sa.select(model.id).filter_by(**where).order_by(model.id)
            return db.session().scalars(stmt).first()


def _notification(w: World) -> int:
    from accidents.models import Notification

    return w.first(Notification, accident_id=w.approved_accident()["accident"])


def _revision(w: World) -> int:
    from accidents.models import ActRevision

    return w.first(ActRevision, act_id=w.approved_accident()["acts"][0])


def _measure(w: World) -> int:
    from accidents.models import Measure

    return w.first(Measure, act_id=w.approved_accident()["acts"][0])


def _compensation(w: World) -> dict[str, int]:
    """B's compensation case: a finding, a claim, an issued decision, an appeal and a scanned document."""
    if "compensation" not in w.cache:
        from datetime import timedelta
        from decimal import Decimal

        from claims import services
        from core.db import today_bishkek
        from liquidation import services as liquidation_services

        victim = w.approved_accident()["victims"][0]
        today = today_bishkek()
        first = today.replace(day=1)
        months = []
        for _ in range(12):
            first = (first - timedelta(days=1)).replace(day=1)
            months.append({"month": first.strftime("%Y-%m"), "amount": Decimal("30000.00"), "exclude": None})
        with w.app.test_request_context():
            finding = services.record_finding(
                w.officer_b,
                {
                    "victim_id": victim,
                    "examined_on": today,
                    "valid_from": today,
                    "valid_to": None,
                    "loss_percent": Decimal(30),
                    "disability_group": None,
                    "rehabilitation": [],
                },
            )
            claim = services.file_claim(
                w.officer_b,
                {
                    "victim_id": victim,
                    "case_type": "injury",
                    "claimant_name": B_VICTIM["full_name"],
                    "filed_on": today,
                    "region": "chui",
                    "reference_month": today.strftime("%Y-%m"),
                    "earnings": months,
                    "documents": [],
                    "survivors": [],
                },
            )
            draft = services.draft_decision(w.officer_b, claim.id, today)
            decision = services.issue_decision(w.officer_b, draft.id, "1-B")
            appeal = services.file_appeal(
                w.inspector, claim.id, {"decision_id": decision.id, "filed_on": today, "grounds": "x"}
            )
            payment = services.record_payment(  # issue 12: payments are voided and corrected by id
                w.officer_b,
                claim.id,
                {"paid_on": today, "amount": Decimal("100.00"), "applies_to": "periodic"},
            )
            attachment = services.attach(
                w.officer_b,
                "claim",
                claim.id,
                "scan",
                "b.pdf",
                b"%PDF-1.4 B",
                w.app.config["UPLOAD_FOLDER"],
                1024 * 1024,
            )
            capitalisation = None
            if w.capitalised:  # B is being liquidated: its award is capitalised (art. 255)
                with db.transaction() as s:
                    s.get(Employer, w.employer_b.id).status = "in_liquidation"
                [capitalisation] = liquidation_services.capitalise(w.officer_b, w.employer_b.id, today)
        w.cache["compensation"] = {
            "finding": finding.id,
            "claim": claim.id,
            "decision": decision.id,
            "appeal": appeal.id,
            "payment": payment.id,
            "attachment": attachment.id,
            # Not capitalised: an id no record has, as every capitalisation is a capitalised case.
            "capitalisation": capitalisation.id if capitalisation else MISSING_ID,
        }
    return w.cache["compensation"]


def _token(w: World) -> int:
    """An API token of a system account of B's (only administrators manage tokens)."""
    from core.auth import tokens

    with w.app.test_request_context():
        system = User(email="payroll@b.kg", full_name="B payroll", role=Role.SAFETY_OFFICER, system=True)
        system.employer_id = w.employer_b.id
        system.password_hash = "!"
        with db.transaction() as s:
            s.add(system)
        return tokens.issue(w.admin, system.id, "B payroll").token.id


def _national_figure(w: World) -> int:
    """A national denominator: the country's published figure, nobody's record; only administrators
    correct it, so an officer is refused whatever the id."""
    from reports import denominators

    data = {
        "year": 2025,
        "sector": "C",
        "region": "chui",
        "sex": "all",
        "employment": 1000,
        "source": "Нацстатком",
        "source_date": date(2026, 1, 1),
    }
    with w.app.test_request_context():
        return denominators.add_figure(w.admin, data).id


#: URL parameter -> employer B's record of that kind. Packages add their own here.
RECORDS: dict[str, Callable[[World], int]] = {
    "employer_id": lambda w: w.employer_b.id,
    "user_id": lambda w: w.officer_b.id,
    "accident_id": lambda w: w.approved_accident()["accident"],
    "act_id": lambda w: w.approved_accident()["acts"][0],
    "notification_id": _notification,
    "revision_id": _revision,
    "measure_id": _measure,
    "finding_id": lambda w: _compensation(w)["finding"],
    "claim_id": lambda w: _compensation(w)["claim"],
    "decision_id": lambda w: _compensation(w)["decision"],
    "appeal_id": lambda w: _compensation(w)["appeal"],
    "payment_id": lambda w: _compensation(w)["payment"],
    "attachment_id": lambda w: _compensation(w)["attachment"],
    "capitalisation_id": lambda w: _compensation(w)["capitalisation"],
    "token_id": _token,
    "figure_id": _national_figure,
}
RECORDS.update(cooperation_records.RECORDS)
RECORDS.update(webhook_records.RECORDS)


@pytest.fixture
def world(app, make_employer, make_user, make_accident) -> World:
    a = make_employer(name="Employer A", region=Region.CHUI)
    b = make_employer(name="Employer B", region=Region.CHUI)
    return World(
        app=app,
        employer_a=a,
        employer_b=b,
        officer_a=make_user(Role.SAFETY_OFFICER, employer=a),
        officer_b=make_user(Role.SAFETY_OFFICER, employer=b),
        inspector=make_user(Role.INSPECTOR),
        admin=make_user(Role.ADMIN),
        make_accident=make_accident,
    )


def _routes(app: Flask) -> list[Any]:
    return sorted((r for r in app.url_map.iter_rules() if r.endpoint not in GLOBAL), key=lambda r: r.rule)


def _params(rule: Any) -> dict[str, str]:
    """{name: converter} of a rule, e.g. {"act_id": "int"}."""
    return {name: conv for conv, name in re.findall(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>", rule.rule)}


def _methods(rule: Any) -> list[str]:
    return sorted(m for m in rule.methods if m not in ("HEAD", "OPTIONS"))


def _call(client: Any, method: str, url: str) -> Any:
    if url.startswith("/api/"):
        return client.open(url, method=method, json={} if method in WRITE_METHODS else None)
    return client.open(url, method=method, data={} if method in WRITE_METHODS else None)


def test_every_route_with_a_parameter_is_in_the_registry_or_global(app):
    uncovered = [
        f"{rule.endpoint} {rule.rule}: <{name}>"
        for rule in _routes(app)
        for name in _params(rule)
        if name not in RECORDS
    ]

    assert not uncovered, (
        "\n".join(uncovered)
        + "\nadd a builder to RECORDS in tests/integration/test_scope.py, or the endpoint to GLOBAL"
    )


#: The documents of the API (issue 13): files, not JSON, walked like every other route; the walk asks for
#: each in its default format, and an administrator gets them (test_the_registry_builds_real_records).
DOCUMENTS = {
    "accidents_api.act_document",
    "accidents_api.revision_document",
    "ledger_api.decision_document",
    "ledger_api.statement_document",
    "liquidation_api.capitalisation_document",
}


def test_the_walk_reaches_the_documents_of_the_api(app):
    walked = {rule.endpoint for rule in _routes(app) if _params(rule) and set(_params(rule)) <= set(RECORDS)}

    assert walked >= DOCUMENTS


def _not_found_everywhere(
    client: Any, app: Flask, ids: dict[str, int], seen: frozenset[str] = frozenset()
) -> list[str]:
    """Every route with parameters, called on the records ``ids``: what answered other than 404 (or a 403
    that a missing id gets too), except the endpoints in ``seen``."""
    leaks: list[str] = []
    for rule in _routes(app):
        params = _params(rule)
        if not params or not set(params) <= set(ids) or rule.endpoint in seen:
            continue  # uncovered routes fail the registry test above
        url = rule.rule
        missing_url = rule.rule
        for name in params:
            url = re.sub(rf"<[^>]*\b{name}>", str(ids[name]), url)
            missing_url = re.sub(rf"<[^>]*\b{name}>", str(MISSING_ID), missing_url)
        for method in _methods(rule):
            status = _call(client, method, url).status_code
            if status == 404:
                continue
            # A capability gate before any lookup answers the same for every id: it leaks nothing.
            if status == 403 and _call(client, method, missing_url).status_code == 403:
                continue
            leaks.append(f"{method} {url} ({rule.endpoint}) -> {status}")
    return leaks


def _lists_showing_b(client: Any, app: Flask) -> list[str]:
    """The routes without parameters (lists, dashboards) whose answer names B's victim or their PIN."""
    shown = []
    for rule in _routes(app):
        if _params(rule) or "GET" not in rule.methods:
            continue
        response = client.get(rule.rule)
        if response.mimetype == "application/pdf":  # the yearly review: its text, as its reader reads it
            body = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
        else:
            body = response.get_data(as_text=True)
        if response.is_json:  # the API writes Cyrillic as \\u escapes
            body = json.dumps(response.get_json(), ensure_ascii=False)
        if B_VICTIM["full_name"] in body or B_VICTIM["pin"] in body:
            shown.append(f"GET {rule.rule} ({rule.endpoint})")
    return shown


def test_another_employers_records_are_not_found_by_any_route(world, client, login_as):
    ids = {name: build(world) for name, build in RECORDS.items()}
    login_as(world.officer_a)

    leaks = _not_found_everywhere(client, world.app, ids)

    assert not leaks, "\n".join(leaks)


def test_the_registry_builds_real_records(world, client, login_as):
    """The walk above is only meaningful if an administrator can reach every one of those records."""
    ids = {name: build(world) for name, build in RECORDS.items()}
    login_as(world.admin)
    unreachable = []

    for rule in _routes(world.app):
        params = _params(rule)
        if not params or "GET" not in rule.methods or not set(params) <= set(ids):
            continue
        url = rule.rule
        for name in params:
            url = re.sub(rf"<[^>]*\b{name}>", str(ids[name]), url)
        status = client.get(url).status_code
        if status not in (200, 302):
            unreachable.append(f"GET {url} ({rule.endpoint}) -> {status}")

    assert not unreachable, "\n".join(unreachable)


def test_lists_never_show_another_employers_records(world, client, login_as):
    for build in RECORDS.values():
        build(world)
    login_as(world.officer_a)

    shown = _lists_showing_b(client, world.app)

    assert not shown, "\n".join(shown)


def test_an_officers_yearly_review_is_their_employers_alone(world, client, login_as):
    """The yearly review (reports/yearly_views.py) walked above as a list; an officer's names their own
    employer, never B, and the region's or the country's review is refused (403), on the page and the API."""
    world.approved_accident()
    login_as(world.officer_a)

    own = client.get("/reports/yearly.pdf?year=2026")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(own.data)).pages)
    refused = [
        client.get(url).status_code
        for url in (
            "/reports/yearly.pdf?year=2026&region=chui",
            "/reports/yearly?year=2026&region=chui",
            "/api/v1/reports/yearly?year=2026&region=chui",
        )
    ]

    assert own.status_code == 200
    assert "Employer A" in text
    assert "Employer B" not in text
    assert re.search(r"^Пострадавшие\s+0\s+0$", text, re.M)  # B's case (a death) is not A's
    assert refused == [403, 403, 403]


def test_an_officer_does_see_their_own_accident_in_the_lists(world, client, login_as):
    world.approved_accident()

    body = login_as(world.officer_b).get("/accidents").get_data(as_text=True)
    api = client.get("/api/v1/accidents").get_json()

    assert B_VICTIM["full_name"] in body
    assert api["total"] == 1


# --- the Social Fund: capitalised cases of its region only (design.md, roles) ----------------------

#: What the Fund reads of an employer of its region whatever its cases: the employer's own record (name,
#: INN, status), since the Fund takes over the capitalised cases of the employers it liquidates.
FUND_SEES_EMPLOYERS = frozenset({"admin.employer", "employers_api.get_employer"})


@pytest.fixture
def fund_world(world, make_user) -> tuple[World, User]:
    """B's case never capitalised, and a Social Fund officer of B's region: none of it is the Fund's."""
    world.capitalised = False
    return world, make_user(Role.SOCIAL_FUND, region=Region.CHUI)


def test_the_social_fund_finds_no_record_of_a_case_not_capitalised_by_any_route(fund_world, client, login_as):
    world, fund = fund_world
    ids = {name: build(world) for name, build in RECORDS.items()}
    login_as(fund)

    leaks = _not_found_everywhere(client, world.app, ids, seen=FUND_SEES_EMPLOYERS)

    assert not leaks, "\n".join(leaks)


def test_the_social_fund_lists_nothing_of_a_case_not_capitalised(fund_world, client, login_as):
    world, fund = fund_world
    for build in RECORDS.values():
        build(world)
    login_as(fund)

    shown = _lists_showing_b(client, world.app)

    assert not shown, "\n".join(shown)
