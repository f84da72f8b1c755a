"""A case walked from the approved act N-1 through the MSEC finding, the claim, the decision, payments,
a late month with its penalty and a re-examination, every figure checked against the stateless engine
on the equivalent case file (the stored path and the contract can never disagree)."""

from __future__ import annotations

import re
from datetime import date

import pytest

import compensation
from tests.factories import EARNINGS, FIRST, claim_payload, equivalent_case, finding_payload


def test_a_case_from_finding_to_decision_payments_penalties_and_reexamination(
    login_as, people, victim_id, pin_today
):
    officer = login_as(people["officer"])

    finding = officer.post("/api/v1/findings", json=finding_payload(victim_id))
    assert finding.status_code == 201, finding.get_json()
    claim = officer.post("/api/v1/claims", json=claim_payload(victim_id)).get_json()
    assert claim["decision_due_on"] == "2027-01-10"  # LC-2025 art. 226(2): a month of the documents

    draft = officer.post(f"/api/v1/claims/{claim['id']}/decisions", json={"calculation_date": "2027-01-31"})
    assert draft.status_code == 201, draft.get_json()
    stateless = compensation.calculate(equivalent_case("2027-01-31", [FIRST], []))
    assert draft.get_json()["result"]["installments"] == stateless["installments"]
    assert draft.get_json()["result"]["totals"] == stateless["totals"]

    issued = officer.post(
        f"/api/v1/decisions/{draft.get_json()['id']}/issue",
        json={"number": "45-к", "version": draft.get_json()["version"]},
    )
    assert issued.status_code == 200, issued.get_json()
    assert issued.get_json()["status"] == "issued"
    assert len(issued.get_json()["installments"]) == len(stateless["installments"])

    # December paid in full and on time; January paid late, after its due date.
    december = [i for i in stateless["installments"] if i["period"] == "2026-12"]
    december_total = sum(float(i["amount"]) for i in december)
    pin_today(date(2026, 12, 25))  # issue 12: a payment is recorded on or after its day
    pay = officer.post(
        f"/api/v1/claims/{claim['id']}/payments",
        json={"paid_on": "2026-12-25", "amount": f"{december_total:.2f}", "applies_to": "periodic"},
    )
    assert pay.status_code == 201, pay.get_json()
    statement = officer.get(f"/api/v1/claims/{claim['id']}/statement?as_of=2027-03-15").get_json()
    payments = [{"date": "2026-12-25", "amount": f"{december_total:.2f}", "applies_to": "periodic"}]
    expected = compensation.calculate({**equivalent_case("2027-03-15", [FIRST], payments)})
    # The ledger adds what penalty payments paid of each row (none here); the rest is the engine's.
    ledger_keys = {"penalty_paid", "penalty_outstanding", "paid_days_late"}
    assert [{k: v for k, v in i.items() if k not in ledger_keys} for i in statement["installments"]] == (
        expected["installments"]
    )
    assert statement["penalties"]["paid"] == "0.00"
    assert statement["totals"] == expected["totals"]
    january = [i for i in statement["installments"] if i["period"] == "2027-01"]
    assert all(i["days_overdue"] == (date(2027, 3, 15) - date(2027, 1, 31)).days for i in january)
    assert all(i["penalty"] != "0.00" for i in january)
    assert all(i["penalty"] == "0.00" for i in statement["installments"] if i["period"] == "2026-12")

    # A re-examination lowers the percentage: a new decision supersedes the old one.
    pin_today(date(2027, 12, 1))  # the re-examination has happened
    lower = officer.post(
        "/api/v1/findings",
        json=finding_payload(
            victim_id,
            examined_on="2027-12-01",
            valid_from="2027-12-01",
            valid_to=None,
            loss_percent=40,
            disability_group="III",
            reexamination_on="2029-12-01",
            care_household=False,
        ),
    )
    assert lower.status_code == 201, lower.get_json()
    second = officer.post(
        f"/api/v1/claims/{claim['id']}/decisions",
        json={"calculation_date": "2028-01-31", "reason": "reexamination", "effective_from": "2028-01-01"},
    ).get_json()
    officer.post(
        f"/api/v1/decisions/{second['id']}/issue", json={"number": "3-к", "version": second["version"]}
    )
    old = officer.get(f"/api/v1/decisions/{draft.get_json()['id']}").get_json()
    assert old["status"] == "superseded"
    second_findings = [
        FIRST,
        {
            "from": "2027-12-01",
            "to": None,
            "loss_percent": 40,
            "disability_group": "III",
            "care": [],
            "applied_on": None,
        },
    ]
    again = compensation.calculate(equivalent_case("2028-01-31", second_findings, payments))
    assert second["result"]["totals"] == again["totals"]
    lost = {i["period"]: i["amount"] for i in again["installments"] if i["component"] == "lost_earnings"}
    assert lost["2028-01"] < lost["2027-11"] or float(lost["2028-01"]) < float(lost["2027-11"])


def test_overlapping_findings_are_refused_naming_the_field(login_as, people, victim_id):
    officer = login_as(people["officer"])
    officer.post("/api/v1/findings", json=finding_payload(victim_id))

    response = officer.post(
        "/api/v1/findings", json=finding_payload(victim_id, valid_from="2027-06-01", examined_on="2027-06-01")
    )

    assert response.status_code == 422
    assert "valid_from" in response.get_json()["errors"]
    # The finding it overlaps is named by its date as people write it, not 2027-01-15 (issue 14).
    (message,) = response.get_json()["errors"]["valid_from"]
    assert re.search(r"\d{2}\.\d{2}\.\d{4}", message)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", message)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"loss_percent": 120}, "loss_percent"),
        ({"loss_percent": "abc"}, "loss_percent"),
        ({"disability_group": "IV"}, "disability_group"),
        ({"valid_to": "2026-01-01"}, "valid_to"),
        ({"examined_on": "not a date"}, "examined_on"),
    ],
)
def test_invalid_findings_are_field_errors(login_as, people, victim_id, overrides, field):
    response = login_as(people["officer"]).post(
        "/api/v1/findings", json=finding_payload(victim_id, **overrides)
    )

    assert response.status_code == 422
    assert field in response.get_json()["errors"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"earnings": [{"month": "2026-13", "amount": "1.00"}]}, "earnings.0.month"),
        ({"earnings": [{"month": "2026-01", "amount": 1.5}]}, "earnings.0.amount"),
        ({"earnings": [{"month": "2026-01", "amount": "1.005"}]}, "earnings.0.amount"),
        ({"region": "atlantis"}, "region"),
        ({"case_type": "death"}, "death_date"),
        ({"victim_fault_percent": 100}, "victim_fault_percent"),
        ({"victim_id": 999999}, "victim_id"),
    ],
)
def test_invalid_claims_are_field_errors(login_as, people, victim_id, overrides, field):
    response = login_as(people["officer"]).post("/api/v1/claims", json=claim_payload(victim_id, **overrides))

    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_a_claim_left_undecided_past_its_term_is_a_deemed_refusal(app, login_as, people, victim_id):
    from claims import services

    officer = login_as(people["officer"])
    claim = officer.post("/api/v1/claims", json=claim_payload(victim_id)).get_json()

    with app.app_context():
        # Filed 2026-12-10 under the 2025 Code: the month of art. 226(2) ends on 2027-01-10.
        assert services.mark_deemed_refusals(date(2027, 1, 10)) == 0
        assert services.mark_deemed_refusals(date(2027, 1, 11)) == 1

    assert officer.get(f"/api/v1/claims/{claim['id']}").get_json()["status"] == "deemed_refused"
    assert officer.get("/api/v1/claims?status=deemed_refused").get_json()["total"] == 1


def test_a_refusal_is_a_decision_with_its_grounds(login_as, people, victim_id):
    officer = login_as(people["officer"])
    claim = officer.post("/api/v1/claims", json=claim_payload(victim_id)).get_json()

    missing = officer.post(f"/api/v1/claims/{claim['id']}/refusal", json={"number": "7", "grounds": ""})
    refusal = officer.post(
        f"/api/v1/claims/{claim['id']}/refusal",
        json={"number": "7", "grounds": "Травма не связана с производством (акт Н-1)."},
    )

    assert missing.status_code == 422
    assert refusal.status_code == 201
    assert refusal.get_json()["kind"] == "refusal"
    assert officer.get(f"/api/v1/claims/{claim['id']}").get_json()["status"] == "refused"


def test_payments_need_a_decision_and_recoveries_a_ground(login_as, people, victim_id, pin_today):
    officer = login_as(people["officer"])
    officer.post("/api/v1/findings", json=finding_payload(victim_id))
    claim = officer.post("/api/v1/claims", json=claim_payload(victim_id)).get_json()
    url = f"/api/v1/claims/{claim['id']}/payments"

    before = officer.post(url, json={"paid_on": "2026-12-25", "amount": "100.00", "applies_to": "periodic"})
    draft = officer.post(f"/api/v1/claims/{claim['id']}/decisions", json={"calculation_date": "2027-01-31"})
    officer.post(
        f"/api/v1/decisions/{draft.get_json()['id']}/issue",
        json={"number": "1", "version": draft.get_json()["version"]},
    )
    pin_today(date(2027, 1, 5))  # issue 12: the payments' day has come
    recovery = officer.post(
        url, json={"paid_on": "2027-01-05", "amount": "-100.00", "applies_to": "periodic"}
    )
    zero = officer.post(url, json={"paid_on": "2027-01-05", "amount": "0.00", "applies_to": "periodic"})

    assert before.status_code == 422
    assert recovery.status_code == 422
    assert "recovery_ground" in recovery.get_json()["errors"]
    assert zero.status_code == 422


def test_an_issued_decision_cannot_be_issued_again_and_stale_versions_conflict(login_as, people, victim_id):
    officer = login_as(people["officer"])
    officer.post("/api/v1/findings", json=finding_payload(victim_id))
    claim = officer.post("/api/v1/claims", json=claim_payload(victim_id)).get_json()
    draft = officer.post(f"/api/v1/claims/{claim['id']}/decisions", json={"calculation_date": "2027-01-31"})
    decision = draft.get_json()

    stale = officer.post(f"/api/v1/decisions/{decision['id']}/issue", json={"number": "1", "version": 99})
    first = officer.post(
        f"/api/v1/decisions/{decision['id']}/issue", json={"number": "1", "version": decision["version"]}
    )
    again = officer.post(
        f"/api/v1/decisions/{decision['id']}/issue",
        json={"number": "2", "version": first.get_json()["version"]},
    )

    assert stale.status_code == 409
    assert first.status_code == 200
    assert again.status_code == 422


def test_another_employers_officer_sees_none_of_it(login_as, people, victim_id):
    officer = login_as(people["officer"])
    finding = officer.post("/api/v1/findings", json=finding_payload(victim_id)).get_json()
    claim = officer.post("/api/v1/claims", json=claim_payload(victim_id)).get_json()
    draft = officer.post(f"/api/v1/claims/{claim['id']}/decisions", json={"calculation_date": "2027-01-31"})
    decision = draft.get_json()

    other = login_as(people["other_officer"])

    assert other.get(f"/api/v1/findings/{finding['id']}").status_code == 404
    assert other.get(f"/api/v1/claims/{claim['id']}").status_code == 404
    assert other.get(f"/api/v1/decisions/{decision['id']}").status_code == 404
    assert other.get(f"/api/v1/claims/{claim['id']}/payments").status_code == 404
    assert other.get(f"/api/v1/claims/{claim['id']}/statement?as_of=2027-01-31").status_code == 404
    assert (
        other.post(
            f"/api/v1/decisions/{decision['id']}/issue", json={"number": "1", "version": decision["version"]}
        ).status_code
        == 404
    )
    assert (
        other.post(
            f"/api/v1/claims/{claim['id']}/payments",
            json={"paid_on": "2027-01-05", "amount": "1.00", "applies_to": "periodic"},
        ).status_code
        == 404
    )
    assert other.post("/api/v1/findings", json=finding_payload(victim_id)).status_code == 422
    assert other.get("/api/v1/claims").get_json()["total"] == 0
    assert other.get("/api/v1/findings").get_json()["total"] == 0


def test_reexaminations_due_within_30_days_and_lapsed(app, login_as, people, victim_id):
    from claims import services
    from core import db

    officer = login_as(people["officer"])
    officer.post("/api/v1/findings", json=finding_payload(victim_id, reexamination_on="2027-01-10"))

    with app.app_context():
        user = db.session().merge(people["officer"])
        due = (
            db.session()
            .scalars(services.findings_query(user, {"reexamination": "due", "today": date(2026, 12, 20)}))
            .all()
        )
        lapsed = (
            db.session()
            .scalars(services.findings_query(user, {"reexamination": "lapsed", "today": date(2027, 1, 11)}))
            .all()
        )
        nothing = (
            db.session()
            .scalars(services.findings_query(user, {"reexamination": "due", "today": date(2026, 11, 1)}))
            .all()
        )
    assert len(due) == 1
    assert len(lapsed) == 1
    assert nothing == []


def test_an_inspectorate_grants_an_appeal_and_its_new_decision_supersedes_the_old(
    make_claim, login_as, people, victim_id, pin_today
):
    officer = login_as(people["officer"])
    claim, decision = make_claim(officer, victim_id, victim_fault_percent=25)
    inspector = login_as(people["inspector"])

    pin_today(date(2027, 2, 20))  # issue 12: the appeal is filed and decided by today
    appeal = inspector.post(
        f"/api/v1/claims/{claim['id']}/appeals",
        json={
            "decision_id": decision["id"],
            "filed_on": "2027-02-01",
            "grounds": "Комиссия необоснованно установила вину 25 %.",
        },
    )
    assert appeal.status_code == 201, appeal.get_json()
    decided = inspector.post(
        f"/api/v1/appeals/{appeal.get_json()['id']}/decision",
        json={
            "status": "granted",
            "decided_on": "2027-02-20",
            "reasoning": "Вины нет.",
            "changes": {"victim_fault_percent": 0},
            "version": appeal.get_json()["version"],
        },
    )
    assert decided.status_code == 200, decided.get_json()

    new = inspector.get(f"/api/v1/decisions/{decided.get_json()['resulting_decision_id']}").get_json()
    old = inspector.get(f"/api/v1/decisions/{decision['id']}").get_json()
    assert old["status"] == "superseded"
    assert new["status"] == "issued"
    assert new["supersedes_id"] == decision["id"]
    assert new["case_file"]["liability"]["victim_gross_negligence_percent"] == "0"
    stateless = compensation.calculate(equivalent_case("2027-02-20", [FIRST], []))
    assert new["result"]["totals"] == stateless["totals"]
    assert inspector.get(f"/api/v1/claims/{claim['id']}").get_json()["status"] == "decided"


def test_a_deemed_refusal_can_be_appealed_but_not_an_undecided_claim(
    app, login_as, people, victim_id, pin_today
):
    from claims import services

    officer = login_as(people["officer"])
    officer.post("/api/v1/findings", json=finding_payload(victim_id))
    claim = officer.post("/api/v1/claims", json=claim_payload(victim_id)).get_json()
    inspector = login_as(people["inspector"])
    body = {"filed_on": "2027-01-10", "grounds": "Работодатель не ответил на заявление."}

    pin_today(date(2026, 12, 15))  # issue 12: within the ten days, the claim is undecided
    early = inspector.post(f"/api/v1/claims/{claim['id']}/appeals", json={**body, "filed_on": "2026-12-15"})
    with app.app_context():
        services.mark_deemed_refusals(date(2027, 1, 5))
    pin_today(date(2027, 1, 31))  # the appeal is filed and decided by today
    appeal = inspector.post(f"/api/v1/claims/{claim['id']}/appeals", json=body)
    granted = inspector.post(
        f"/api/v1/appeals/{appeal.get_json()['id']}/decision",
        json={
            "status": "granted",
            "decided_on": "2027-01-31",
            "reasoning": "Ст. 257.",
            "version": appeal.get_json()["version"],
        },
    )

    assert early.status_code == 422
    assert "decision_id" in early.get_json()["errors"]
    assert appeal.status_code == 201
    assert granted.status_code == 200
    assert granted.get_json()["resulting_decision_id"] is not None


def test_officers_cannot_decide_appeals_and_decided_appeals_stay_decided(
    make_claim, login_as, people, victim_id, pin_today
):
    officer = login_as(people["officer"])
    claim, decision = make_claim(officer, victim_id)

    pin_today(date(2027, 2, 1))  # issue 12: the appeal's day has come
    own = officer.post(
        f"/api/v1/claims/{claim['id']}/appeals",
        json={"decision_id": decision["id"], "filed_on": "2027-02-01", "grounds": "x"},
    )
    inspector = login_as(people["inspector"])
    appeal = inspector.post(
        f"/api/v1/claims/{claim['id']}/appeals",
        json={"decision_id": decision["id"], "filed_on": "2027-02-01", "grounds": "x"},
    ).get_json()
    body = {"status": "dismissed", "reasoning": "Оснований нет.", "version": appeal["version"]}
    first = inspector.post(f"/api/v1/appeals/{appeal['id']}/decision", json=body)
    again = inspector.post(
        f"/api/v1/appeals/{appeal['id']}/decision", json={**body, "version": first.get_json()["version"]}
    )

    assert own.status_code == 403
    assert first.status_code == 200
    assert again.status_code == 422
    assert inspector.get(f"/api/v1/decisions/{decision['id']}").get_json()["status"] == "issued"


def test_a_court_ruling_is_recorded_with_its_amounts(make_claim, login_as, people, victim_id, pin_today):
    officer = login_as(people["officer"])
    claim, _decision = make_claim(officer, victim_id)

    pin_today(date(2027, 5, 1))  # issue 12: the ruling's day has come
    bad = officer.post(
        f"/api/v1/claims/{claim['id']}/court-rulings",
        json={"court": "", "ruled_on": "2027-05-01", "summary": "x", "amounts": {"moral": 5.5}},
    )
    ruling = officer.post(
        f"/api/v1/claims/{claim['id']}/court-rulings",
        json={
            "court": "Первомайский районный суд г. Бишкек",
            "ruled_on": "2027-05-01",
            "summary": "Взыскать моральный вред (ст. 248).",
            "amounts": {"moral_damage": "150000.00"},
        },
    )

    assert bad.status_code == 422
    assert {"court", "amounts.moral.value"} <= set(bad.get_json()["errors"]) or "court" in bad.get_json()[
        "errors"
    ]
    assert ruling.status_code == 201
    assert ruling.get_json()["amounts"] == {"moral_damage": "150000.00"}


def test_a_claim_is_corrected_with_its_rows_replaced_and_audited(app, login_as, people, victim_id):
    officer = login_as(people["officer"])
    claim = officer.post("/api/v1/claims", json=claim_payload(victim_id)).get_json()
    documents = [
        {"code": "application", "received_on": "2026-12-10"},
        {"code": "msec_finding", "received_on": "2026-12-15"},
    ]
    body = {
        **claim_payload(victim_id),
        "documents": documents,
        "earnings": EARNINGS[1:],
        "version": claim["version"],
    }

    updated = officer.put(f"/api/v1/claims/{claim['id']}", json=body)
    stale = officer.put(f"/api/v1/claims/{claim['id']}", json=body)

    assert updated.status_code == 200, updated.get_json()
    assert [d["received_on"] for d in updated.get_json()["documents"]] == ["2026-12-10", "2026-12-15"]
    assert len(updated.get_json()["earnings"]) == 11
    assert stale.status_code == 409
    with app.app_context():
        from core import audit, db

        changes = audit.history(db.session(), "claim", claim["id"])[-1].changes
    assert "documents" in changes
    assert "earnings" in changes


def test_a_payment_names_a_recipient_of_the_claim(make_claim, login_as, people, victim_id, pin_today):
    officer = login_as(people["officer"])
    claim, _decision = make_claim(officer, victim_id)

    pin_today(date(2027, 1, 5))  # issue 12: the payment's day has come
    response = officer.post(
        f"/api/v1/claims/{claim['id']}/payments",
        json={"paid_on": "2027-01-05", "amount": "10.00", "applies_to": "periodic", "recipient": "s7"},
    )

    assert response.status_code == 422
    assert "recipient" in response.get_json()["errors"]


def _death_claim(officer, victim):
    return officer.post(
        "/api/v1/claims",
        json={
            **claim_payload(victim),
            "case_type": "death",
            "claimant_name": "Вдова",
            "claimant_relation": "spouse",
            "death_date": "2026-11-23",
            "survivors": [
                {
                    "key": "s1",
                    "full_name": "Сын",
                    "relation": "son",
                    "birth_date": "2012-04-02",
                    "sex": "male",
                    "grounds": ["minor"],
                },
                {
                    "key": "s2",
                    "full_name": "Дочь",
                    "relation": "daughter",
                    "birth_date": "2015-06-01",
                    "sex": "female",
                    "grounds": ["minor"],
                },
            ],
        },
    ).get_json()


def test_a_survivors_right_ending_is_recorded_and_audited(app, login_as, people, victim_id):
    officer = login_as(people["officer"])
    claim = _death_claim(officer, victim_id)
    url = f"/api/v1/claims/{claim['id']}/survivor-right-ended"

    unknown = officer.post(
        url, json={"key": "s9", "ended_on": "2027-03-10", "reason": "x", "version": claim["version"]}
    )
    early = officer.post(
        url, json={"key": "s1", "ended_on": "2026-01-01", "reason": "x", "version": claim["version"]}
    )
    ended = officer.post(
        url, json={"key": "s1", "ended_on": "2027-03-10", "reason": "усыновлён", "version": claim["version"]}
    )

    assert unknown.status_code == 422
    assert "key" in unknown.get_json()["errors"]
    assert early.status_code == 422
    assert "ended_on" in early.get_json()["errors"]
    assert ended.status_code == 200, ended.get_json()
    assert {s["key"]: s["right_ended_on"] for s in ended.get_json()["survivors"]} == {
        "s1": "2027-03-10",
        "s2": None,
    }
    with app.app_context():
        from core import audit, db

        assert "усыновлён" in audit.history(db.session(), "claim", claim["id"])[-1].remark


def _survivor_rows(claim):
    """The claim's survivors as a correction sends them back (the input schema's fields)."""
    fields = ("key", "full_name", "relation", "birth_date", "sex", "grounds")
    return [{k: v[k] for k in fields} for v in claim["survivors"]]


def test_correcting_the_survivors_keeps_an_ended_right(login_as, people, victim_id):
    officer = login_as(people["officer"])
    claim = _death_claim(officer, victim_id)
    ended = officer.post(
        f"/api/v1/claims/{claim['id']}/survivor-right-ended",
        json={"key": "s1", "ended_on": "2027-03-10", "reason": "усыновлён", "version": claim["version"]},
    ).get_json()
    rows = _survivor_rows(ended)
    rows[0]["full_name"] = "Сын (исправлено)"

    corrected = officer.put(
        f"/api/v1/claims/{claim['id']}",
        json={
            **claim_payload(victim_id),
            "case_type": "death",
            "death_date": "2026-11-23",
            "claimant_name": "Вдова",
            "survivors": rows,
            "version": ended["version"],
        },
    )

    assert corrected.status_code == 200, corrected.get_json()
    survivors = {s["key"]: s for s in corrected.get_json()["survivors"]}
    assert survivors["s1"]["full_name"] == "Сын (исправлено)"
    assert survivors["s1"]["right_ended_on"] == "2027-03-10"
    assert survivors["s2"]["right_ended_on"] is None


def test_a_paid_survivor_cannot_be_dropped_from_the_claim(login_as, people, victim_id, pin_today):
    officer = login_as(people["officer"])
    claim = _death_claim(officer, victim_id)
    draft = officer.post(
        f"/api/v1/claims/{claim['id']}/decisions", json={"calculation_date": "2027-01-31"}
    ).get_json()
    officer.post(f"/api/v1/decisions/{draft['id']}/issue", json={"number": "1", "version": draft["version"]})
    pin_today(date(2027, 1, 5))  # issue 12: the payment's day has come
    paid = officer.post(
        f"/api/v1/claims/{claim['id']}/payments",
        json={"paid_on": "2027-01-05", "amount": "100.00", "applies_to": "periodic", "recipient": "s2"},
    )
    current = officer.get(f"/api/v1/claims/{claim['id']}").get_json()
    body = {
        **claim_payload(victim_id),
        "case_type": "death",
        "death_date": "2026-11-23",
        "claimant_name": "Вдова",
    }

    dropped = officer.put(
        f"/api/v1/claims/{claim['id']}",
        json={**body, "survivors": _survivor_rows(current)[:1], "version": current["version"]},
    )
    unpaid_dropped = officer.put(
        f"/api/v1/claims/{claim['id']}",
        json={**body, "survivors": _survivor_rows(current)[1:], "version": current["version"]},
    )

    assert paid.status_code == 201, paid.get_json()
    assert dropped.status_code == 422
    assert "Дочь" in " ".join(dropped.get_json()["errors"]["survivors"])
    assert [s["key"] for s in officer.get(f"/api/v1/claims/{claim['id']}").get_json()["survivors"]] == ["s2"]
    assert unpaid_dropped.status_code == 200, unpaid_dropped.get_json()


def test_after_a_survivors_right_ends_the_new_decision_pays_them_no_more(login_as, people, victim_id):
    officer = login_as(people["officer"])
    claim = _death_claim(officer, victim_id)
    first = officer.post(f"/api/v1/claims/{claim['id']}/decisions", json={"calculation_date": "2027-04-30"})
    officer.post(
        f"/api/v1/decisions/{first.get_json()['id']}/issue",
        json={"number": "1", "version": first.get_json()["version"]},
    )
    current = officer.get(f"/api/v1/claims/{claim['id']}").get_json()
    officer.post(
        f"/api/v1/claims/{claim['id']}/survivor-right-ended",
        json={"key": "s1", "ended_on": "2027-03-10", "reason": "усыновлён", "version": current["version"]},
    )

    second = officer.post(
        f"/api/v1/claims/{claim['id']}/decisions",
        json={
            "calculation_date": "2027-04-30",
            "reason": "survivor_right_ended",
            "effective_from": "2027-04-01",
        },
    ).get_json()

    def monthly(result, who):
        return {
            i["period"]: i["amount"]
            for i in result["installments"]
            if i["recipient"] == who and i["component"] == "survivor"
        }

    assert set(monthly(second["result"], "s1")) == set(monthly(first.get_json()["result"], "s1")) - {
        "2027-04"
    }
    assert monthly(second["result"], "s2") == monthly(first.get_json()["result"], "s2")  # art. 251
    assert second["case_file"]["survivors"][0]["right_ended_on"] == "2027-03-10"


def test_text_with_a_nul_character_is_a_field_error_on_every_database(login_as, people, victim_id):
    """PostgreSQL refuses NUL in text and SQLite keeps it: both answer the same 422 naming the field."""
    officer = login_as(people["officer"])
    claim = officer.post("/api/v1/claims", json=claim_payload(victim_id)).get_json()

    response = officer.put(
        f"/api/v1/claims/{claim['id']}",
        json={
            **claim_payload(victim_id),
            "claimant_address": "ул. Ленина\x00 1",
            "version": claim["version"],
        },
    )

    assert response.status_code == 422
    assert "claimant_address" in response.get_json()["errors"]
    assert officer.get(f"/api/v1/claims/{claim['id']}").get_json()["version"] == claim["version"]


def test_a_filter_the_list_does_not_define_is_refused_naming_it(login_as, people, victim_id):
    officer = login_as(people["officer"])
    officer.post("/api/v1/findings", json=finding_payload(victim_id))
    officer.post("/api/v1/claims", json=claim_payload(victim_id))

    unknown = officer.get("/api/v1/claims", query_string={"victim_id": 58})
    known = officer.get("/api/v1/claims", query_string={"page": 1})

    assert unknown.status_code == 422
    assert "victim_id" in unknown.get_json()["errors"]
    assert known.status_code == 200
    assert known.get_json()["total"] == 1


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("43 500,00", "43500.00"),
        ("43500,00", "43500.00"),
        ("43500.00", "43500.00"),
        ("43\u00a0500,5", "43500.50"),
    ],
)
def test_money_is_accepted_as_people_write_it(login_as, people, victim_id, make_claim, typed, stored):
    officer = login_as(people["officer"])
    claim, _decision = make_claim(officer, victim_id)

    paid = officer.post(
        f"/api/v1/claims/{claim['id']}/payments",
        json={"paid_on": "2026-12-10", "amount": typed, "applies_to": "periodic"},
    )

    assert paid.status_code == 201, paid.get_json()
    assert paid.get_json()["amount"] == stored


@pytest.mark.parametrize("typed", ["43,500.00", "1e5", "٤٣٥٠٠", "4 35,00", "12.345"])
def test_money_that_could_be_misread_is_refused(login_as, people, victim_id, make_claim, typed):
    officer = login_as(people["officer"])
    claim, _decision = make_claim(officer, victim_id)

    paid = officer.post(
        f"/api/v1/claims/{claim['id']}/payments",
        json={"paid_on": "2026-12-10", "amount": typed, "applies_to": "periodic"},
    )

    assert paid.status_code == 422
    assert "amount" in paid.get_json()["errors"]


def test_a_correction_that_leaves_out_a_list_is_refused_and_loses_nothing(
    login_as, people, victim_id, make_claim
):
    officer = login_as(people["officer"])
    claim, _decision = make_claim(officer, victim_id, issued=False)
    required_only = {
        k: v for k, v in claim_payload(victim_id).items() if k not in ("earnings", "documents", "survivors")
    }

    response = officer.put(
        f"/api/v1/claims/{claim['id']}", json={**required_only, "version": claim["version"]}
    )

    assert response.status_code == 422
    assert {"earnings", "documents", "survivors"} <= set(response.get_json()["errors"])
    kept = officer.get(f"/api/v1/claims/{claim['id']}").get_json()
    assert len(kept["earnings"]) == 12
    assert len(kept["documents"]) == 2
