"""Art. 255: liquidation without a successor capitalises every open award; the Social Fund receives the
sums, pays from them and sees only capitalised cases. The figures are the stateless engine's."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

import compensation
from core import db
from core.classifiers import EmployerStatus, Role
from core.employers import Employer
from tests.factories import ACCIDENT_DAY, FIRST, RECORDS_DAY, equivalent_case
from tests.integration.liquidation.conftest import liquidate


def test_an_active_employer_capitalises_nothing(login_as, case):
    response = login_as(case["officer"]).post(
        f"/api/v1/employers/{case['employer'].id}/capitalisation", json={"on": "2027-03-31"}
    )

    assert response.status_code == 422
    assert "employer_id" in response.get_json()["errors"]


def test_liquidation_capitalises_each_award_once_with_the_engines_sum(app, login_as, case):
    from accidents.models import Victim

    liquidate(app, case["employer"].id)
    officer = login_as(case["officer"])

    made = officer.post(f"/api/v1/employers/{case['employer'].id}/capitalisation", json={"on": "2027-03-31"})
    again = officer.post(f"/api/v1/employers/{case['employer'].id}/capitalisation", json={"on": "2027-03-31"})

    assert made.status_code == 201, made.get_json()
    assert again.get_json() == []
    [record] = made.get_json()
    with app.app_context():
        born = db.session().get(Victim, case["victim"]).birth_date.isoformat()
    stateless = compensation.calculate(
        {
            **equivalent_case("2027-03-31", [FIRST], []),
            "capitalisation": {"date": "2027-03-31", "method": "simple_70_min10", "victim_birth_date": born},
        }
    )
    [line] = stateless["capitalisation"]["recipients"]
    assert record["amount"] == line["amount"]
    assert record["months"] == line["months"]
    assert record["monthly_award"] == line["monthly"]
    assert record["details"]["trace"]


def test_the_fund_receives_pays_out_and_keeps_the_balance(app, login_as, case):
    liquidate(app, case["employer"].id)
    officer = login_as(case["officer"])
    [record] = officer.post(
        f"/api/v1/employers/{case['employer'].id}/capitalisation", json={"on": "2027-03-31"}
    ).get_json()
    fund = login_as(case["fund"])
    early = fund.post(
        f"/api/v1/capitalisations/{record['id']}/fund-payments",
        json={"paid_on": "2027-04-30", "amount": "1000.00"},
    )
    officer = login_as(case["officer"])
    moved = officer.post(
        f"/api/v1/capitalisations/{record['id']}/transfer",
        json={"transferred_on": "2027-04-15", "reference": "п/п 77", "version": record["version"]},
    )
    assert moved.status_code == 200, moved.get_json()

    fund = login_as(case["fund"])
    paid = fund.post(
        f"/api/v1/capitalisations/{record['id']}/fund-payments",
        json={"paid_on": "2027-04-30", "amount": "1000.00"},
    )
    too_much = fund.post(
        f"/api/v1/capitalisations/{record['id']}/fund-payments",
        json={"paid_on": "2027-05-31", "amount": record["amount"]},
    )
    listing = fund.get("/api/v1/capitalisations").get_json()

    assert early.status_code == 422
    assert paid.status_code == 201
    assert too_much.status_code == 422
    assert "amount" in too_much.get_json()["errors"]
    [row] = listing["items"]
    assert row["received"] == record["amount"]
    assert row["paid"] == "1000.00"
    assert float(row["balance"]) == pytest.approx(float(record["amount"]) - 1000)
    assert fund.get(f"/api/v1/claims/{case['claim']['id']}").status_code == 200  # a capitalised case


def test_the_fund_sees_only_capitalised_cases_of_its_region(app, login_as, case):
    fund = login_as(case["fund"])
    assert fund.get(f"/api/v1/claims/{case['claim']['id']}").status_code == 404  # not capitalised yet
    assert fund.get("/api/v1/claims").get_json()["total"] == 0
    assert fund.get("/api/v1/findings").get_json()["total"] == 0

    liquidate(app, case["employer"].id)
    [record] = (
        login_as(case["officer"])
        .post(f"/api/v1/employers/{case['employer'].id}/capitalisation", json={"on": "2027-03-31"})
        .get_json()
    )
    elsewhere = login_as(case["fund_osh"])

    assert elsewhere.get(f"/api/v1/capitalisations/{record['id']}").status_code == 404
    assert elsewhere.get("/api/v1/capitalisations").get_json()["total"] == 0
    assert login_as(case["fund"]).get("/api/v1/claims").get_json()["total"] == 1


def _capitalise(app, login_as, case) -> None:
    liquidate(app, case["employer"].id)
    made = login_as(case["officer"]).post(
        f"/api/v1/employers/{case['employer'].id}/capitalisation", json={"on": "2027-03-31"}
    )
    assert made.status_code == 201, made.get_json()


def test_the_fund_reads_the_accident_and_act_of_a_capitalised_case_only(app, login_as, case):
    accident, act = case["accident"]["accident"], case["accident"]["acts"][0]
    urls = [
        f"/api/v1/accidents/{accident}",
        f"/api/v1/acts/{act}",
        f"/accidents/{accident}",
        f"/accidents/acts/{act}",
        f"/accidents/acts/{act}/pdf",
    ]
    fund = login_as(case["fund"])
    before = {url: fund.get(url).status_code for url in urls}
    listed_before = (
        fund.get("/api/v1/accidents").get_json()["total"],
        fund.get("/api/v1/acts").get_json()["total"],
    )

    _capitalise(app, login_as, case)
    fund = login_as(case["fund"])
    after = {url: fund.get(url).status_code for url in urls}
    listed_after = (
        fund.get("/api/v1/accidents").get_json()["total"],
        fund.get("/api/v1/acts").get_json()["total"],
    )
    elsewhere = login_as(case["fund_osh"])

    assert before == dict.fromkeys(urls, 404)
    assert listed_before == (0, 0)
    assert after == dict.fromkeys(urls, 200)
    assert listed_after == (1, 1)
    assert elsewhere.get(f"/api/v1/accidents/{accident}").status_code == 404
    assert elsewhere.get("/api/v1/accidents").get_json()["total"] == 0


def test_the_funds_archive_list_holds_no_case_it_did_not_take_over(app, login_as, case, pin_today):
    officer = login_as(case["officer"])
    paid = officer.post(
        f"/api/v1/claims/{case['claim']['id']}/payments",
        json={"paid_on": "2027-05-31", "amount": "100.00", "applies_to": "periodic"},
    )
    assert paid.status_code == 201, paid.get_json()
    pin_today(date(2029, 6, 1))  # two years after the last payment (art. 272)

    inspector = login_as(case["inspector"]).get("/api/v1/archive/due").get_json()
    fund = login_as(case["fund"]).get("/api/v1/archive/due").get_json()

    assert [item["claim_id"] for item in inspector["items"]] == [case["claim"]["id"]]
    assert fund["total"] == 0
    assert fund["items"] == []


def test_the_funds_dashboard_counts_only_its_capitalised_cases(
    app, login_as, case, make_accident, make_claim, pin_today
):
    from reports import indicators

    pin_today(RECORDS_DAY)
    make_accident(case["officer"], "reported")  # an investigation still open
    other = make_accident(case["officer"], "approved", reviewer=case["inspector"])
    make_claim(login_as(case["officer"]), other["victims"][0], issued=False)  # filed, never decided
    pin_today(date(2027, 11, 1))  # the findings' re-examination (2027-11-15) falls due within 30 days

    def counts(user):
        with app.app_context():
            s = db.session()
            user = s.merge(user)
            work = indicators.workload(s, user, db.today_bishkek())
            accidents = int(indicators.accidents_by_month(s, user, ACCIDENT_DAY.year).to_numpy().sum())
            rates = indicators.frequency_rates(s, user, ACCIDENT_DAY.year)
            return work, accidents, int(rates["victims"].sum()), len(rates)

    inspector_work, inspector_accidents, _victims, _employers = counts(case["inspector"])
    fund_before = counts(case["fund"])
    _capitalise(app, login_as, case)
    fund_work, fund_accidents, fund_victims, fund_employers = counts(case["fund"])

    assert inspector_work["open_investigations"] >= 1
    assert inspector_work["reexaminations_due"] >= 1
    assert inspector_work["claims_overdue"] + inspector_work["deemed_refusals"] >= 1
    assert inspector_accidents == 3
    assert fund_before == (dict.fromkeys(inspector_work, 0), 0, 0, 0)
    # Its one case is decided; its accident's notices were never recorded as sent, hence overdue.
    assert fund_work == {**dict.fromkeys(inspector_work, 0), "overdue_investigations": 1}
    assert (fund_accidents, fund_victims, fund_employers) == (1, 1, 1)


def test_a_transfer_not_made_leaves_the_fund_to_pay_from_the_budget(app, login_as, case):
    liquidate(app, case["employer"].id)
    officer = login_as(case["officer"])
    [record] = officer.post(
        f"/api/v1/employers/{case['employer'].id}/capitalisation", json={"on": "2027-03-31"}
    ).get_json()

    missing = officer.post(
        f"/api/v1/capitalisations/{record['id']}/transfer", json={"version": record["version"]}
    )
    not_made = officer.post(
        f"/api/v1/capitalisations/{record['id']}/transfer",
        json={"not_made": True, "version": record["version"]},
    )
    listed = login_as(case["fund"]).get("/api/v1/capitalisations?not_made=true").get_json()

    assert missing.status_code == 422
    assert "transferred_on" in missing.get_json()["errors"]
    assert not_made.status_code == 200
    assert listed["total"] == 1
    assert listed["items"][0]["received"] == record["amount"]  # the state budget covers it (art. 255)


def test_with_a_successor_the_awards_move_and_nothing_is_capitalised(
    app, login_as, make_user, make_employer, case
):
    successor = make_employer(name="Successor")
    with app.app_context(), db.transaction() as s:
        s.execute(
            sa.update(Employer)
            .where(Employer.id == case["employer"].id)
            .values(status=EmployerStatus.IN_LIQUIDATION, successor_id=successor.id)
        )
    admin = login_as(make_user(Role.ADMIN))

    refused = admin.post(f"/api/v1/employers/{case['employer'].id}/capitalisation", json={"on": "2027-03-31"})
    moved = admin.post(f"/api/v1/employers/{case['employer'].id}/successor-transfer", json={})
    officer_of_successor = login_as(make_user(Role.SAFETY_OFFICER, employer=successor))

    assert refused.status_code == 422
    assert "successor_id" in refused.get_json()["errors"]
    assert moved.get_json() == {"claims_moved": 1}
    assert officer_of_successor.get(f"/api/v1/claims/{case['claim']['id']}").status_code == 200
    assert officer_of_successor.get("/api/v1/findings").get_json()["total"] == 1
    statement = officer_of_successor.get(f"/api/v1/claims/{case['claim']['id']}/statement?as_of=2027-02-28")
    assert statement.status_code == 200  # the decision followed the claim
    assert login_as(case["officer"]).get(f"/api/v1/claims/{case['claim']['id']}").status_code == 404


def test_a_capitalisation_is_not_dated_before_the_liquidation_began(app, login_as, case):
    liquidate(app, case["employer"].id)
    with app.app_context(), db.transaction() as s:
        s.get(Employer, case["employer"].id).liquidation_started_on = date(2027, 3, 1)
    officer = login_as(case["officer"])
    url = f"/api/v1/employers/{case['employer'].id}/capitalisation"

    early = officer.post(url, json={"on": "2027-02-28"})
    made = officer.post(url, json={"on": "2027-03-31"})

    assert early.status_code == 422
    assert list(early.get_json()["errors"]) == ["on"]
    assert made.status_code == 201, made.get_json()


def test_the_fund_pays_after_the_money_arrived_and_by_today(app, login_as, case):
    liquidate(app, case["employer"].id)
    officer = login_as(case["officer"])
    [record] = officer.post(
        f"/api/v1/employers/{case['employer'].id}/capitalisation", json={"on": "2027-03-31"}
    ).get_json()
    future_transfer = officer.post(
        f"/api/v1/capitalisations/{record['id']}/transfer",
        json={"transferred_on": "2027-06-01", "version": record["version"]},
    )
    officer.post(
        f"/api/v1/capitalisations/{record['id']}/transfer",
        json={"transferred_on": "2027-04-15", "reference": "п/п 77", "version": record["version"]},
    )
    fund = login_as(case["fund"])
    url = f"/api/v1/capitalisations/{record['id']}/fund-payments"

    before_money = fund.post(url, json={"paid_on": "2027-04-14", "amount": "1000.00"})
    future = fund.post(url, json={"paid_on": "2027-06-01", "amount": "1000.00"})

    assert list(future_transfer.get_json()["errors"]) == ["transferred_on"]
    assert (before_money.status_code, list(before_money.get_json()["errors"])) == (422, ["paid_on"])
    assert (future.status_code, list(future.get_json()["errors"])) == (422, ["paid_on"])
