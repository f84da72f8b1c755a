"""View 10: each role's home page is its work queue (reports/queues.py), within its scope.

The day is the claims tests' (RECORDS_DAY, 2026-12-10: the finding and claim of tests/factories.py
have happened), moved where a deadline needs to come near or pass.
"""

from __future__ import annotations

from datetime import date

import pytest

from core import db
from core.classifiers import Region, Role
from tests.factories import ACCIDENT_DAY, RECORDS_DAY
from tests.integration.liquidation.conftest import case  # noqa: F401  (a fixture)
from tests.integration.liquidation.test_liquidation_pages import _capitalised, _transferred
from tests.integration.test_list_queries import _statements


@pytest.fixture(autouse=True)
def records_day(today, pin_today):
    pin_today(RECORDS_DAY)
    return RECORDS_DAY


def queue(html, key):
    """(count, [links]) of one queue on the home page, and its text."""
    part = html.split(f'id="queue-{key}"', 1)[1].split("</section>", 1)[0]
    count = int(part.split('data-count="', 1)[1].split('"', 1)[0])
    links = [chunk.split('"', 1)[0] for chunk in part.split('<a href="')[1:]]
    return count, links, part


def home(client):
    response = client.get("/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.fixture
def step(app):
    """An act's review step through the services (the remark a return needs)."""

    def do(user, act_id, action):
        from accidents import services

        with app.test_request_context():
            act = services.get_act(db.session(), user, act_id)
            remark = "Не указаны причины." if action == "return" else None
            services.transition_act(
                user, act_id, {"action": action, "version": act.version, "remark": remark}
            )

    return do


@pytest.fixture
def acts(make_user, make_employer, make_accident, step):
    """At a Bishkek employer: one act submitted; one the inspector returned and that came back; one
    another inspector returned and that came back; one returned and not yet submitted again."""
    officer = make_user(Role.SAFETY_OFFICER, employer=make_employer(name="Alpha"))
    inspector, colleague = make_user(Role.INSPECTOR), make_user(Role.INSPECTOR)
    submitted = make_accident(officer, "submitted")["acts"][0]
    mine = make_accident(officer, "under_review", reviewer=inspector)["acts"][0]
    theirs = make_accident(officer, "under_review", reviewer=colleague)["acts"][0]
    waiting = make_accident(officer, "under_review", reviewer=inspector)["acts"][0]
    for act_id, reviewer in ((mine, inspector), (theirs, colleague), (waiting, inspector)):
        step(reviewer, act_id, "return")
    step(officer, mine, "submit")
    step(officer, theirs, "submit")
    return {
        "officer": officer,
        "inspector": inspector,
        "submitted": submitted,
        "mine": mine,
        "theirs": theirs,
        "waiting": waiting,
    }


def link(act_id):
    return f"/accidents/acts/{act_id}"


def test_an_inspectors_home_lists_the_acts_awaiting_review_and_those_they_returned(login_as, acts):
    html = home(login_as(acts["inspector"]))

    count, links, _text = queue(html, "review")
    assert count == 3
    assert sorted(links) == sorted(link(acts[k]) for k in ("submitted", "mine", "theirs"))
    count, links, _text = queue(html, "resubmitted")
    assert (count, links) == (1, [link(acts["mine"])])
    count, _links, text = queue(html, "requests")
    assert count == 0
    assert "Нет запросов, ожидающих вашего ответа." in text


def test_a_regional_inspector_sees_only_their_regions_acts(login_as, make_user, acts):
    html = home(login_as(make_user(Role.INSPECTOR, region=Region.CHUI)))

    count, links, text = queue(html, "review")
    assert (count, links) == (0, [])
    assert 'class="muted empty"' in text


def test_an_officers_home_lists_their_returned_acts_and_nobody_elses(login_as, make_user, acts):
    count, links, _text = queue(home(login_as(acts["officer"])), "returned")
    assert (count, links) == (1, [link(acts["waiting"])])

    count, links, text = queue(home(login_as(make_user(Role.SAFETY_OFFICER))), "returned")
    assert (count, links) == (0, [])
    assert 'class="muted empty"' in text


@pytest.fixture
def claims(make_user, make_employer, make_accident, make_claim, login_as):
    """An officer's two approved cases: one claim filed on 2026-12-10 and undecided (its decision is due
    2027-01-10), one with award No. 45-к issued; each with its MSEC finding (re-examination 2027-11-15)."""
    officer = make_user(Role.SAFETY_OFFICER, employer=make_employer(name="Alpha"))
    inspector = make_user(Role.INSPECTOR)
    victims = [
        make_accident(officer, "approved", reviewer=inspector, on=ACCIDENT_DAY)["victims"][0]
        for _ in range(2)
    ]
    filed, _none = make_claim(login_as(officer), victims[0], issued=False)
    awarded, _decision = make_claim(login_as(officer), victims[1])
    return {"officer": officer, "filed": filed, "awarded": awarded}


def test_a_claim_is_listed_three_days_before_its_deadline_and_marked_late_after_it(
    login_as, pin_today, claims
):
    assert claims["filed"]["decision_due_on"] == "2027-01-10"
    claim_link = f"/compensation/claims/{claims['filed']['id']}"

    assert queue(home(login_as(claims["officer"])), "claims")[:2] == (0, [])  # a month ahead
    pin_today(date(2027, 1, 7))
    count, links, text = queue(home(login_as(claims["officer"])), "claims")
    assert (count, links) == (1, [claim_link])
    assert 'class="late"' not in text
    pin_today(date(2027, 1, 11))
    count, links, text = queue(home(login_as(claims["officer"])), "claims")
    assert (count, links) == (1, [claim_link])
    assert 'class="late"' in text


def test_re_examinations_are_listed_thirty_days_ahead(login_as, pin_today, claims):
    assert queue(home(login_as(claims["officer"])), "reexaminations")[0] == 0
    pin_today(date(2027, 10, 16))  # 30 days before 2027-11-15
    count, links, _text = queue(home(login_as(claims["officer"])), "reexaminations")
    assert count == 2
    assert all(href.startswith("/compensation/findings/") for href in links)


def test_payments_due_this_month_link_to_the_claims_statement(login_as, make_user, pin_today, claims):
    pin_today(date(2027, 1, 15))
    count, links, _text = queue(home(login_as(claims["officer"])), "payments")

    assert count >= 1
    assert set(links) == {f"/compensation/claims/{claims['awarded']['id']}/statement"}
    other = queue(home(login_as(make_user(Role.SAFETY_OFFICER))), "payments")
    assert other[:2] == (0, [])
    assert 'class="muted empty"' in other[2]


def test_the_social_fund_sees_sums_awaiting_transfer_then_the_money_it_holds(app, login_as, case):  # noqa: F811
    _capitalised(app, login_as, case)
    html = home(login_as(case["fund"]))
    count, links, _text = queue(html, "transfers")
    assert count == 1
    assert links[0].startswith("/compensation/capitalisations/")
    assert queue(html, "capitalised")[0] == 0
    assert queue(home(login_as(case["fund_osh"])), "transfers")[0] == 0  # another region's

    _transferred(app, login_as, case)
    html = home(login_as(case["fund"]))
    count, _links, text = queue(html, "transfers")
    assert count == 0
    assert 'class="muted empty"' in text
    assert queue(html, "capitalised")[0] == 1


def test_an_administrators_home_is_a_summary_of_the_country(login_as, make_user, acts):
    html = home(login_as(make_user(Role.ADMIN)))

    row = html.split('data-key="open_investigations"', 1)[1].split("</tr>", 1)[0]
    assert '<td class="num">4</td>' in row  # the four accidents of ``acts``
    assert 'id="work-queue"' not in html


def test_the_home_page_runs_as_many_statements_for_many_acts_as_for_one(
    app, client, login_as, make_user, make_accident
):
    officer, inspector = make_user(Role.SAFETY_OFFICER), make_user(Role.INSPECTOR)
    make_accident(officer, "submitted")
    login_as(inspector)
    one = _statements(app, lambda: client.get("/"))
    for _ in range(3):
        make_accident(officer, "submitted")
    login_as(inspector)
    assert _statements(app, lambda: client.get("/")) == one
