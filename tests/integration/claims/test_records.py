"""Scanned documents, the state archive (art. 272) and the monthly list of payments due."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from tests.factories import ACCIDENT_DAY, claim_payload

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def claim(app, make_accident, make_claim, people, login_as, tmp_path):
    app.config["UPLOAD_FOLDER"] = str(tmp_path / "uploads")
    victim = make_accident(people["officer"], "approved", reviewer=people["inspector"], on=ACCIDENT_DAY)[
        "victims"
    ][0]
    claim, _decision = make_claim(login_as(people["officer"]), victim)
    return claim


def _upload(client, url, content, name="scan.pdf", title="Заключение МСЭК"):
    token = client.get("/api/v1/auth/csrf-token").get_json()["csrf_token"]
    return client.post(
        url,
        data={"title": title, "file": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
        headers={"X-CSRFToken": token},
    )


def test_a_scan_is_stored_outside_the_database_and_served_only_in_scope(app, login_as, people, claim):
    officer = login_as(people["officer"])

    uploaded = _upload(officer, f"/api/v1/claims/{claim['id']}/attachments", PDF)
    assert uploaded.status_code == 201, uploaded.get_json()
    document = uploaded.get_json()
    assert document["content_type"] == "application/pdf"
    listed = officer.get(f"/api/v1/claims/{claim['id']}/attachments").get_json()
    assert [d["id"] for d in listed] == [document["id"]]
    download = officer.get(f"/api/v1/attachments/{document['id']}")
    assert download.data == PDF

    other = login_as(people["other_officer"])
    assert other.get(f"/api/v1/attachments/{document['id']}").status_code == 404
    assert other.get(f"/api/v1/claims/{claim['id']}/attachments").status_code == 404
    assert _upload(other, f"/api/v1/claims/{claim['id']}/attachments", PDF).status_code == 404


def test_a_file_that_is_not_a_scan_or_too_large_is_refused(app, login_as, people, claim):
    officer = login_as(people["officer"])
    url = f"/api/v1/claims/{claim['id']}/attachments"
    app.config["EMGEK_MAX_ATTACHMENT_BYTES"] = 40

    script = _upload(officer, url, b"<script>alert(1)</script>", name="x.pdf")
    big = _upload(officer, url, PDF + b"0" * 100)
    untitled = _upload(officer, url, PNG, name="x.png", title="")
    image = _upload(officer, url, PNG, name="x.png")

    assert script.status_code == 422
    assert "file" in script.get_json()["errors"]
    assert big.status_code == 422
    assert "title" in untitled.get_json()["errors"]
    assert image.status_code == 201
    assert image.get_json()["content_type"] == "image/png"


def test_a_multipart_write_without_the_csrf_header_is_refused_saying_what_is_missing(login_as, people, claim):
    officer = login_as(people["officer"])

    response = officer.post(
        f"/api/v1/claims/{claim['id']}/attachments",
        data={"title": "x", "file": (io.BytesIO(PDF), "x.pdf")},
        content_type="multipart/form-data",
    )

    assert response.status_code == 400
    assert "X-CSRFToken" in response.get_json()["errors"]
    assert "application/json" not in response.get_data(as_text=True)


def test_case_files_are_due_for_the_archive_two_years_after_the_last_payment(
    app, login_as, people, claim, pin_today
):
    from claims import services
    from core import db

    officer = login_as(people["officer"])
    pin_today(date(2027, 1, 20))  # issue 12: the payment's day has come
    officer.post(
        f"/api/v1/claims/{claim['id']}/payments",
        json={"paid_on": "2027-01-20", "amount": "1000.00", "applies_to": "periodic"},
    )

    with app.app_context():
        user = db.session().merge(people["officer"])
        before = db.session().execute(services.archive_due_query(user, date(2029, 1, 19))).all()
        due = db.session().execute(services.archive_due_query(user, date(2029, 1, 20))).all()
    pin_today(date(2029, 2, 2))  # issue 12: the transfers' days have come
    transfer = officer.post(
        f"/api/v1/claims/{claim['id']}/archive-transfer",
        json={"transferred_on": "2029-02-01", "archive": "Центральный государственный архив КР"},
    )
    again = officer.post(
        f"/api/v1/claims/{claim['id']}/archive-transfer",
        json={"transferred_on": "2029-02-02", "archive": "ЦГА КР"},
    )

    assert before == []
    assert [row[0].id for row in due] == [claim["id"]]
    assert transfer.status_code == 201
    assert again.status_code == 422
    assert officer.get(f"/api/v1/claims/{claim['id']}").get_json()["status"] == "closed"


def test_payments_due_lists_the_month_and_the_arrears_per_employer(app, login_as, people, claim, tmp_path):
    officer = login_as(people["officer"])
    officer.post(
        f"/api/v1/claims/{claim['id']}/payments",
        json={"paid_on": "2026-12-31", "amount": "500.00", "applies_to": "periodic"},
    )
    target = tmp_path / "due.csv"

    result = app.test_cli_runner().invoke(
        args=["payments", "due", "--month", "2027-02", "--csv", str(target)]
    )

    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    statement = officer.get(f"/api/v1/claims/{claim['id']}/statement?as_of=2027-02-28").get_json()
    expected = [
        i
        for i in statement["installments"]
        if i["outstanding"] != "0.00" or i["due_date"].startswith("2027-02")
    ]
    assert [(r["component"], r["period"], r["outstanding"], r["penalty"]) for r in rows] == [
        (i["component"], i["period"] or "", i["outstanding"], i["penalty"]) for i in expected
    ]
    assert all(r["inn"] for r in rows)


def test_payments_due_refuses_a_malformed_month(app):
    result = app.test_cli_runner().invoke(args=["payments", "due", "--month", "2027-13"])

    assert result.exit_code == 2
    assert "YYYY-MM" in result.output


def test_the_payments_due_page_and_its_csv_show_the_months_rows_within_scope(login_as, people, claim):
    officer = login_as(people["officer"])

    page = officer.get("/compensation/payments-due?month=2027-02")
    csv_text = officer.get("/compensation/payments-due?month=2027-02&format=csv").get_data(as_text=True)
    bad = officer.get("/compensation/payments-due?month=2027-13")
    other = login_as(people["other_officer"]).get("/compensation/payments-due?month=2027-02")

    statement = (
        login_as(people["officer"]).get(f"/api/v1/claims/{claim['id']}/statement?as_of=2027-02-28").get_json()
    )
    owed = [
        i
        for i in statement["installments"]
        if i["outstanding"] != "0.00" or i["due_date"].startswith("2027-02")
    ]
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert page.status_code == 200
    assert page.get_data(as_text=True).count("<tr") >= len(owed)
    assert [r["outstanding"] for r in rows] == [i["outstanding"] for i in owed]
    assert bad.status_code == 422
    assert f'/compensation/claims/{claim["id"]}"' not in other.get_data(as_text=True)


def test_the_payments_due_csv_names_the_recipient_and_keeps_a_formula_in_a_name_as_text(
    app, login_as, people, claim, tmp_path
):
    from accidents.models import Victim
    from claims.models import Claim
    from core import db

    with app.app_context():
        s = db.session()
        victim = s.get(Victim, s.get(Claim, claim["id"]).victim_id)
        victim.full_name = "=Асанова+Гулнара"  # a name as typed, which a spreadsheet would run
        s.commit()
    target = tmp_path / "due.csv"

    result = app.test_cli_runner().invoke(
        args=["payments", "due", "--month", "2027-02", "--csv", str(target)]
    )
    page = login_as(people["officer"]).get("/compensation/payments-due?month=2027-02&format=csv")

    assert result.exit_code == 0, result.output
    for rows in (
        list(csv.DictReader(target.open(encoding="utf-8"))),
        list(csv.DictReader(io.StringIO(page.get_data(as_text=True)))),
    ):
        assert rows
        assert {r["recipient"] for r in rows} == {"victim"}
        assert all(r["recipient_name"].startswith("'=Асанова+Гулнара") for r in rows)


def test_the_archive_page_lists_due_case_files_and_records_the_transfer(
    app, login_as, people, claim, pin_today
):
    officer = login_as(people["officer"])
    officer.post(
        f"/api/v1/claims/{claim['id']}/payments",
        json={"paid_on": "2026-11-24", "amount": "100.00", "applies_to": "periodic"},
    )

    page = officer.get("/compensation/archive?as_of=2028-11-24").get_data(as_text=True)
    early = officer.get("/compensation/archive?as_of=2028-11-23").get_data(as_text=True)
    bad = officer.post(
        f"/compensation/claims/{claim['id']}/archive-transfer",
        data={"transferred_on": "", "archive": ""},
        follow_redirects=True,
    )
    # Issue 12: the transfer follows the last payment and the end of the award (2027-11-30), by today.
    pin_today(date(2028, 11, 24))
    done = officer.post(
        f"/compensation/claims/{claim['id']}/archive-transfer",
        data={"transferred_on": "2028-11-24", "archive": "ЦГА КР", "reference": "№ 5"},
    )

    assert f"/compensation/claims/{claim['id']}" in page
    assert f"/compensation/claims/{claim['id']}" not in early
    assert bad.status_code == 200
    assert "flash-error" in bad.get_data(as_text=True)
    assert done.status_code == 302
    assert officer.get(f"/api/v1/claims/{claim['id']}").get_json()["status"] == "closed"
    assert f'/compensation/claims/{claim["id"]}"' not in officer.get(
        "/compensation/archive?as_of=2028-11-24"
    ).get_data(as_text=True)


def test_the_daily_job_marks_claims_undecided_past_their_term(app, login_as, people, make_accident):
    victim = make_accident(people["officer"], "approved", reviewer=people["inspector"], on=ACCIDENT_DAY)[
        "victims"
    ][0]
    officer = login_as(people["officer"])
    waiting = officer.post("/api/v1/claims", json=claim_payload(victim)).get_json()  # filed 2026-12-10

    before = app.test_cli_runner().invoke(args=["claims", "deemed-refusals", "--today", "2027-01-10"])
    after = app.test_cli_runner().invoke(args=["claims", "deemed-refusals", "--today", "2027-01-11"])

    assert "0 claims" in before.output
    assert "1 claims" in after.output
    assert officer.get(f"/api/v1/claims/{waiting['id']}").get_json()["status"] == "deemed_refused"
