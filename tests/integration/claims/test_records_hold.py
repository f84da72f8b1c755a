"""Issue 12, "Records that hold": a ground for every claim, no impossible dates, states that follow
from dates, appeals where they are addressed, nothing recorded twice."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import ACCIDENT_DAY, claim_payload, finding_payload

NOT_WORK_RELATED = {"work_related": False, "work_related_grounds": "Умысел пострадавшего"}


def _errors(response: Any) -> dict[str, Any]:
    assert response.status_code in (409, 422), (response.status_code, response.get_json())
    return response.get_json()["errors"]


# --- 1. a ground: an approved act on an accident at work ----------------------------------------------


@pytest.fixture
def unrelated_victim(make_accident, people) -> int:
    """The injured person of an approved act that concludes "not work-related" (a severe accident)."""
    return make_accident(
        people["officer"], "approved", reviewer=people["inspector"], act=NOT_WORK_RELATED, on=ACCIDENT_DAY
    )["victims"][0]


def test_an_act_not_work_related_grounds_no_finding_and_no_claim(login_as, people, unrelated_victim):
    officer = login_as(people["officer"])

    finding = officer.post("/api/v1/findings", json=finding_payload(unrelated_victim))
    claim = officer.post("/api/v1/claims", json=claim_payload(unrelated_victim))

    assert list(_errors(finding)) == ["victim_id"]
    assert list(_errors(claim)) == ["victim_id"]
    assert officer.get("/api/v1/claims").get_json()["items"] == []


def test_a_victim_whose_act_is_not_approved_has_no_claim(login_as, people, make_accident):
    victim = make_accident(people["officer"], "filled")["victims"][0]
    officer = login_as(people["officer"])

    assert list(_errors(officer.post("/api/v1/claims", json=claim_payload(victim)))) == ["victim_id"]


def test_an_act_amended_to_not_work_related_stops_the_next_decision(
    login_as, people, make_accident, make_claim
):
    ids = make_accident(people["officer"], "approved", reviewer=people["inspector"], on=ACCIDENT_DAY)
    officer = login_as(people["officer"])
    claim, _decision = make_claim(officer, ids["victims"][0], issued=False)
    act_id = ids["acts"][0]

    def move(client, action, remark=None):
        version = client.get(f"/api/v1/acts/{act_id}").get_json()["version"]
        response = client.post(
            f"/api/v1/acts/{act_id}/transitions",
            json={"action": action, "version": version, "remark": remark},
        )
        assert response.status_code == 200, response.get_json()

    move(officer, "amend", "Пересмотр квалификации")
    version = officer.get(f"/api/v1/acts/{act_id}").get_json()["version"]
    patched = officer.patch(f"/api/v1/acts/{act_id}", json={"version": version, **NOT_WORK_RELATED})
    assert patched.status_code == 200, patched.get_json()
    move(officer, "submit")
    inspector = login_as(people["inspector"])
    move(inspector, "start_review")
    move(inspector, "approve")
    officer = login_as(people["officer"])

    draft = officer.post(f"/api/v1/claims/{claim['id']}/decisions", json={"calculation_date": "2027-01-31"})

    assert list(_errors(draft)) == ["claim_id"]


# --- 2. no impossible dates: against today (Bishkek) and the records they follow ----------------------


def test_an_msec_examination_in_the_future_is_refused_and_blocks_nothing(login_as, people, victim_id):
    officer = login_as(people["officer"])

    future = officer.post("/api/v1/findings", json=finding_payload(victim_id, examined_on="2026-12-11"))
    real = officer.post("/api/v1/findings", json=finding_payload(victim_id))

    assert list(_errors(future)) == ["examined_on"]
    assert real.status_code == 201, real.get_json()


@pytest.mark.parametrize(
    ("filed_on", "why"),
    [("2030-01-01", "in the future"), ("2026-11-20", "before the accident of 2026-11-24")],
)
def test_a_claim_filed_in_the_future_or_before_the_accident_is_refused(
    login_as, people, victim_id, filed_on, why
):
    officer = login_as(people["officer"])

    claim = officer.post("/api/v1/claims", json=claim_payload(victim_id, filed_on=filed_on))

    assert list(_errors(claim)) == ["filed_on"], why


def test_an_order_is_dated_by_today_and_not_before_its_claim(login_as, people, victim_id, make_claim):
    officer = login_as(people["officer"])
    claim, _none = make_claim(officer, victim_id, issued=False)
    draft = officer.post(
        f"/api/v1/claims/{claim['id']}/decisions", json={"calculation_date": "2027-01-31"}
    ).get_json()
    url = f"/api/v1/decisions/{draft['id']}/issue"

    future = officer.post(url, json={"number": "1", "issued_on": "2035-01-01", "version": draft["version"]})
    early = officer.post(url, json={"number": "1", "issued_on": "2026-12-01", "version": draft["version"]})
    refusal = officer.post(
        f"/api/v1/claims/{claim['id']}/refusal",
        json={"number": "2", "issued_on": "2035-01-01", "grounds": "Нет оснований."},
    )

    assert list(_errors(future)) == ["issued_on"]
    assert list(_errors(early)) == ["issued_on"]
    assert list(_errors(refusal)) == ["issued_on"]
    assert officer.get(f"/api/v1/claims/{claim['id']}").get_json()["status"] == "filed"


def test_a_payment_dated_in_the_future_is_refused(login_as, people, victim_id, make_claim):
    officer = login_as(people["officer"])
    claim, _decision = make_claim(officer, victim_id)

    paid = officer.post(
        f"/api/v1/claims/{claim['id']}/payments",
        json={"paid_on": "2026-12-11", "amount": "100.00", "applies_to": "periodic"},
    )

    assert list(_errors(paid)) == ["paid_on"]


def test_an_appeal_is_dated_after_its_claim_and_decision_and_by_today(
    login_as, people, victim_id, make_claim, pin_today
):
    from datetime import date

    officer = login_as(people["officer"])
    claim, decision = make_claim(officer, victim_id)
    pin_today(date(2027, 1, 10))
    inspector = login_as(people["inspector"])
    url = f"/api/v1/claims/{claim['id']}/appeals"

    future = inspector.post(
        url, json={"decision_id": decision["id"], "filed_on": "2035-01-01", "grounds": "x"}
    )
    early = inspector.post(
        url, json={"decision_id": decision["id"], "filed_on": "2026-12-01", "grounds": "x"}
    )
    appeal = inspector.post(
        url, json={"decision_id": decision["id"], "filed_on": "2027-01-10", "grounds": "x"}
    )
    assert appeal.status_code == 201, appeal.get_json()
    body = {"status": "dismissed", "reasoning": "Нет.", "version": appeal.get_json()["version"]}
    decided_early = inspector.post(
        f"/api/v1/appeals/{appeal.get_json()['id']}/decision", json={**body, "decided_on": "2027-01-01"}
    )
    decided_later = inspector.post(
        f"/api/v1/appeals/{appeal.get_json()['id']}/decision", json={**body, "decided_on": "2035-01-01"}
    )

    assert list(_errors(future)) == ["filed_on"]
    assert list(_errors(early)) == ["filed_on"]
    assert list(_errors(decided_early)) == ["decided_on"]
    assert list(_errors(decided_later)) == ["decided_on"]


def test_an_archive_transfer_waits_for_the_end_of_the_payments(
    login_as, people, victim_id, make_claim, pin_today
):
    from datetime import date

    officer = login_as(people["officer"])
    claim, _decision = make_claim(officer, victim_id)  # the award runs to 2027-11-30
    pin_today(date(2027, 1, 20))
    officer.post(
        f"/api/v1/claims/{claim['id']}/payments",
        json={"paid_on": "2027-01-20", "amount": "1000.00", "applies_to": "periodic"},
    )
    url = f"/api/v1/claims/{claim['id']}/archive-transfer"

    future = officer.post(url, json={"transferred_on": "2027-02-01", "archive": "ЦГА КР"})
    running = officer.post(url, json={"transferred_on": "2027-01-20", "archive": "ЦГА КР"})
    pin_today(date(2029, 2, 2))
    done = officer.post(url, json={"transferred_on": "2029-02-01", "archive": "ЦГА КР"})
    paid_after = officer.post(
        f"/api/v1/claims/{claim['id']}/payments",
        json={"paid_on": "2029-02-02", "amount": "1000.00", "applies_to": "periodic"},
    )

    assert list(_errors(future)) == ["transferred_on"]
    assert list(_errors(running)) == ["transferred_on"]
    assert done.status_code == 201, done.get_json()
    assert list(_errors(paid_after)) == ["claim_id"]


# --- 3. a state that follows from a date holds the moment the date passes --------------------------------


def test_a_claim_past_its_term_reads_as_a_deemed_refusal_and_is_appealed_at_once(
    login_as, people, victim_id, make_claim, pin_today
):
    from datetime import date

    officer = login_as(people["officer"])
    # Filed 2026-12-10 under the 2025 Code: due a month after its documents (art. 226(2)), 2027-01-10.
    claim, _none = make_claim(officer, victim_id, issued=False)
    pin_today(date(2027, 1, 10))
    on_the_day = officer.get(f"/api/v1/claims/{claim['id']}").get_json()["status"]
    pin_today(date(2027, 1, 11))  # no `claims deemed-refusals` has run

    read = officer.get(f"/api/v1/claims/{claim['id']}").get_json()
    listed = officer.get("/api/v1/claims?status=deemed_refused").get_json()
    waiting = officer.get("/api/v1/claims?status=filed").get_json()
    page = officer.get(f"/compensation/claims/{claim['id']}").get_data(as_text=True)
    listing = officer.get("/compensation/claims?status=deemed_refused").get_data(as_text=True)
    appeal = login_as(people["inspector"]).post(
        f"/api/v1/claims/{claim['id']}/appeals",
        json={"filed_on": "2027-01-11", "grounds": "Работодатель не ответил на заявление."},
    )

    assert on_the_day == "filed"
    assert read["status"] == "deemed_refused"
    assert [c["id"] for c in listed["items"]] == [claim["id"]]
    assert waiting["items"] == []
    assert 'data-status="deemed_refused"' in page
    assert f'data-claim="{claim["id"]}"' in listing
    assert appeal.status_code == 201, appeal.get_json()


def test_the_daily_command_still_records_the_deemed_refusal_once(
    app, login_as, people, victim_id, make_claim
):
    from datetime import date

    from claims import services

    officer = login_as(people["officer"])
    claim, _none = make_claim(officer, victim_id, issued=False)

    with app.app_context():
        first = services.mark_deemed_refusals(date(2027, 1, 11))
        again = services.mark_deemed_refusals(date(2027, 1, 12))

    assert (first, again) == (1, 0)
    assert officer.get(f"/api/v1/claims/{claim['id']}").get_json()["status"] == "deemed_refused"


# --- 4. appeals: with the inspectorate addressed, on dates that follow, keeping what is owed ----------------


def test_an_appeal_is_recorded_and_decided_by_the_inspectorate_it_is_addressed_to(
    login_as, people, victim_id, make_claim, make_user, pin_today
):
    from datetime import date

    from core.classifiers import Inspectorate, Role

    union = make_user(Role.INSPECTOR, inspectorate=Inspectorate.TRADE_UNION)
    officer = login_as(people["officer"])
    claim, decision = make_claim(officer, victim_id)
    pin_today(date(2026, 12, 20))
    state = login_as(people["inspector"])
    url = f"/api/v1/claims/{claim['id']}/appeals"
    body = {"decision_id": decision["id"], "filed_on": "2026-12-20", "grounds": "x"}

    elsewhere = state.post(url, json={**body, "inspectorate": "trade_union"})
    appeal = state.post(url, json={**body, "inspectorate": "state"}).get_json()
    decision_body = {"status": "dismissed", "reasoning": "Нет.", "version": appeal["version"]}
    by_union = login_as(union).post(f"/api/v1/appeals/{appeal['id']}/decision", json=decision_body)
    union_page = login_as(union).get(f"/compensation/appeals/{appeal['id']}").get_data(as_text=True)
    by_state = login_as(people["inspector"]).post(
        f"/api/v1/appeals/{appeal['id']}/decision", json=decision_body
    )

    assert list(_errors(elsewhere)) == ["inspectorate"]
    assert appeal["inspectorate"] == "state"
    assert list(_errors(by_union)) == ["inspectorate"]
    assert 'id="decide"' not in union_page
    assert 'id="other-inspectorate"' in union_page
    assert by_state.status_code == 200, by_state.get_json()


def test_a_granted_appeal_keeps_every_installment_already_owed(
    login_as, people, victim_id, make_claim, pin_today
):
    from datetime import date

    officer = login_as(people["officer"])
    claim, decision = make_claim(officer, victim_id)  # computed as of 2027-01-31
    pin_today(date(2026, 12, 20))
    inspector = login_as(people["inspector"])
    appeal = inspector.post(
        f"/api/v1/claims/{claim['id']}/appeals",
        json={"decision_id": decision["id"], "filed_on": "2026-12-20", "grounds": "x"},
    ).get_json()

    granted = inspector.post(
        f"/api/v1/appeals/{appeal['id']}/decision",
        json={"status": "granted", "reasoning": "Да.", "version": appeal["version"]},
    )
    assert granted.status_code == 200, granted.get_json()
    new = inspector.get(f"/api/v1/decisions/{granted.get_json()['resulting_decision_id']}").get_json()

    owed = {(i["component"], i["recipient"], i["period"]) for i in decision["installments"]}
    kept = {(i["component"], i["recipient"], i["period"]) for i in new["installments"]}
    assert new["calculation_date"] == "2027-01-31"
    assert new["issued_on"] == "2026-12-20"
    assert owed <= kept


# --- 5. nothing done twice -----------------------------------------------------------------------------


def test_a_second_open_claim_of_one_victim_for_one_accident_is_refused(
    login_as, people, victim_id, make_claim
):
    officer = login_as(people["officer"])
    make_claim(officer, victim_id)

    again = officer.post("/api/v1/claims", json=claim_payload(victim_id))

    assert list(_errors(again)) == ["victim_id"]
    assert officer.get("/api/v1/claims").get_json()["total"] == 1


def test_the_same_payment_is_not_recorded_twice(login_as, people, victim_id, make_claim, pin_today):
    from datetime import date

    officer = login_as(people["officer"])
    claim, _decision = make_claim(officer, victim_id)
    pin_today(date(2026, 12, 25))
    url = f"/api/v1/claims/{claim['id']}/payments"
    body = {"paid_on": "2026-12-25", "amount": "1000.00", "applies_to": "periodic", "reference": "п/п 12"}

    first = officer.post(url, json=body)
    twice = officer.post(url, json=body)
    other = officer.post(url, json={**body, "reference": "п/п 13"})

    assert first.status_code == 201, first.get_json()
    assert list(_errors(twice)) == ["reference"]
    assert other.status_code == 201, other.get_json()
    assert len(officer.get(f"/api/v1/claims/{claim['id']}/payments").get_json()) == 2


# --- 6. a void with its reason, a correction that supersedes; never a delete -------------------------------


def test_a_mistaken_finding_is_voided_and_corrected_and_the_next_decision_follows_the_correction(
    app, login_as, people, victim_id, make_claim
):
    officer = login_as(people["officer"])
    claim, decision = make_claim(officer, victim_id)  # 60 % from 2026-12-01
    [mistaken] = officer.get(f"/api/v1/findings?victim_id={victim_id}").get_json()["items"]

    no_reason = officer.post(f"/api/v1/findings/{mistaken['id']}/correction", json={"reason": " "})
    corrected = officer.post(
        f"/api/v1/findings/{mistaken['id']}/correction",
        json={
            **finding_payload(victim_id, loss_percent=80),
            "reason": "Опечатка: МСЭК установила 80 %",
            "version": mistaken["version"],
        },
    )
    assert corrected.status_code == 201, corrected.get_json()
    old = officer.get(f"/api/v1/findings/{mistaken['id']}").get_json()
    draft = officer.post(f"/api/v1/claims/{claim['id']}/decisions", json={"calculation_date": "2027-01-31"})
    page = officer.get(f"/compensation/findings/{mistaken['id']}").get_data(as_text=True)
    history = (
        login_as(people["inspector"]).get(f"/compensation/findings/{mistaken['id']}").get_data(as_text=True)
    )

    assert no_reason.status_code == 422
    assert old["voided_at"] is not None
    assert old["void_reason"] == "Опечатка: МСЭК установила 80 %"
    assert old["superseded_by_id"] == corrected.get_json()["id"]
    assert [f["loss_percent"] for f in draft.get_json()["case_file"]["msec_findings"]] == ["80"]
    assert decision["case_file"]["msec_findings"][0]["loss_percent"] in ("60", 60)
    assert 'id="voided"' in page
    assert "Опечатка: МСЭК установила 80 %" in history
    claim_page = officer.get(f"/compensation/claims/{claim['id']}").get_data(as_text=True)
    assert 'id="voided-since"' in claim_page


def test_a_mistaken_payment_is_voided_kept_and_left_out_of_the_statement(
    login_as, people, victim_id, make_claim, pin_today
):
    from datetime import date

    officer = login_as(people["officer"])
    claim, _decision = make_claim(officer, victim_id)
    pin_today(date(2026, 12, 25))
    url = f"/api/v1/claims/{claim['id']}/payments"
    body = {"paid_on": "2026-12-25", "amount": "1000.00", "applies_to": "periodic", "reference": "п/п 12"}
    mistaken = officer.post(url, json=body).get_json()

    voided = officer.post(f"/api/v1/payments/{mistaken['id']}/void", json={"reason": "Записан дважды"})
    twice = officer.post(f"/api/v1/payments/{mistaken['id']}/void", json={"reason": "Ещё раз"})
    statement = officer.get(f"/api/v1/claims/{claim['id']}/statement?as_of=2026-12-31").get_json()
    again = officer.post(url, json=body)  # the void frees the same payment to be recorded right
    corrected = officer.post(
        f"/api/v1/payments/{again.get_json()['id']}/correction",
        json={**body, "amount": "1500.00", "reason": "Сумма по платёжке 1 500,00"},
    )
    ledger = officer.get(url).get_json()
    page = officer.get(f"/compensation/claims/{claim['id']}").get_data(as_text=True)
    audited = login_as(people["inspector"]).get(f"/compensation/claims/{claim['id']}").get_data(as_text=True)

    assert voided.status_code == 200, voided.get_json()
    assert voided.get_json()["void_reason"] == "Записан дважды"
    assert list(_errors(twice)) == ["reason"]
    assert statement["totals"]["paid"] == "0.00"
    assert again.status_code == 201, again.get_json()
    assert corrected.status_code == 201, corrected.get_json()
    assert [(p["amount"], p["voided_at"] is not None) for p in ledger] == [
        ("1000.00", True),
        ("1000.00", True),
        ("1500.00", False),
    ]
    assert ledger[1]["superseded_by_id"] == corrected.get_json()["id"]
    assert page.count('class="voided"') == 2
    assert f"№ {mistaken['id']}: Записан дважды" in audited
    assert "Сумма по платёжке 1 500,00" in audited


def test_the_database_itself_lets_a_payment_be_voided_and_nothing_else(
    app, login_as, people, victim_id, make_claim, pin_today
):
    """The ledger's own guard (migration 0012) on both databases: the void columns are filled once,
    what was recorded is never rewritten, and nothing is deleted, even by a bug past the services."""
    from datetime import date

    import sqlalchemy as sa

    from core import db

    officer = login_as(people["officer"])
    claim, _decision = make_claim(officer, victim_id)
    pin_today(date(2026, 12, 25))
    body = {"paid_on": "2026-12-25", "amount": "1000.00", "applies_to": "periodic", "reference": "п/п 7"}
    payment_id = officer.post(f"/api/v1/claims/{claim['id']}/payments", json=body).get_json()["id"]
    assert officer.post(f"/api/v1/payments/{payment_id}/void", json={"reason": "Дважды"}).status_code == 200

    forgeries = [
        "UPDATE payment SET amount = amount + 1 WHERE id = :id",
        "UPDATE payment SET void_reason = 'Переписано' WHERE id = :id",
        "UPDATE payment SET voided_at = NULL WHERE id = :id",
        "DELETE FROM payment WHERE id = :id",
    ]
    with app.app_context():
        for statement in forgeries:
            with pytest.raises(sa.exc.DatabaseError), db.transaction() as s:
                s.execute(sa.text(statement), {"id": payment_id})
    [kept] = officer.get(f"/api/v1/claims/{claim['id']}/payments").get_json()
    assert (kept["amount"], kept["void_reason"]) == ("1000.00", "Дважды")


def test_the_pages_void_a_payment_and_correct_a_finding(login_as, people, victim_id, make_claim, pin_today):
    import re
    from datetime import date

    officer = login_as(people["officer"])
    claim, _decision = make_claim(officer, victim_id)
    [finding] = officer.get(f"/api/v1/findings?victim_id={victim_id}").get_json()["items"]
    pin_today(date(2026, 12, 25))
    payment = officer.post(
        f"/api/v1/claims/{claim['id']}/payments",
        json={"paid_on": "2026-12-25", "amount": "1000.00", "applies_to": "periodic"},
    ).get_json()

    blank = officer.post(f"/compensation/payments/{payment['id']}/void", data={"reason": ""})
    voided = officer.post(f"/compensation/payments/{payment['id']}/void", data={"reason": "Ошибка кассира"})
    claim_page = officer.get(f"/compensation/claims/{claim['id']}").get_data(as_text=True)
    form = officer.get(f"/compensation/findings/{finding['id']}/correction")
    fields = {
        "victim_id": str(victim_id),
        "examined_on": "2026-12-01",
        "valid_from": "2026-12-01",
        "valid_to": "2027-11-30",
        "loss_percent": "70",
        "version": str(finding["version"]),
    }
    no_reason = officer.post(f"/compensation/findings/{finding['id']}/correction", data=fields)
    corrected = officer.post(
        f"/compensation/findings/{finding['id']}/correction",
        data={**fields, "reason": "Процент по справке 70"},
    )
    old_page = officer.get(f"/compensation/findings/{finding['id']}").get_data(as_text=True)

    assert blank.status_code == 302
    assert voided.status_code == 302
    assert claim_page.count('class="voided"') == 1
    assert "Ошибка кассира" in claim_page
    assert form.status_code == 200
    assert 'value="2027-11-30"' in form.get_data(as_text=True)
    assert no_reason.status_code == 422
    assert 'data-field="reason"' in no_reason.get_data(as_text=True)
    assert corrected.status_code == 302, corrected.get_data(as_text=True)[:1500]
    new_id = int(re.search(r"/compensation/findings/(\d+)", corrected.headers["Location"]).group(1))
    assert new_id != finding["id"]
    assert 'id="voided"' in old_page
    assert f'href="/compensation/findings/{new_id}"' in old_page


def test_a_voided_finding_calls_for_no_reexamination_and_is_listed_struck_through(
    login_as, people, victim_id, pin_today
):
    from datetime import date

    officer = login_as(people["officer"])
    finding = officer.post("/api/v1/findings", json=finding_payload(victim_id)).get_json()
    officer.post(f"/api/v1/findings/{finding['id']}/void", json={"reason": "Чужое заключение"})
    pin_today(date(2027, 11, 1))  # the re-examination of 2027-11-15 is within 30 days

    due = officer.get("/api/v1/findings?reexamination=due").get_json()
    listing = officer.get("/compensation/findings").get_data(as_text=True)

    assert due["items"] == []
    assert f'data-finding="{finding["id"]}" class="voided"' in listing


def test_a_claim_corrected_to_a_day_before_the_accident_is_refused(login_as, people, victim_id, make_claim):
    officer = login_as(people["officer"])
    claim, _none = make_claim(officer, victim_id, issued=False)

    moved = officer.put(
        f"/api/v1/claims/{claim['id']}",
        json={**claim_payload(victim_id, filed_on="2026-11-01"), "version": claim["version"]},
    )

    assert list(_errors(moved)) == ["filed_on"]


def test_the_appeal_form_offers_an_inspector_their_own_inspectorate_only(
    login_as, people, victim_id, make_claim
):
    officer = login_as(people["officer"])
    claim, _decision = make_claim(officer, victim_id)

    form = login_as(people["inspector"]).get(f"/compensation/claims/{claim['id']}/appeals/new")

    assert form.status_code == 200
    assert 'value="state"' in form.get_data(as_text=True)
    assert 'value="trade_union"' not in form.get_data(as_text=True)
