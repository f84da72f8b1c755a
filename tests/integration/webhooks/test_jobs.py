"""The worker and its periodic jobs: notices of deadlines, deemed refusals, scheduled backups."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from claims.models import Claim
from core import db
from core.classifiers import Role
from jobs import tasks
from jobs.models import Notice
from tests.factories import ACCIDENT_DAY, RECORDS_DAY

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def undecided_claim(app, login_as, make_user, make_accident, make_claim, pin_today):
    """An officer's claim filed on RECORDS_DAY with no decision yet, and its decision's deadline."""
    pin_today(RECORDS_DAY)
    officer, inspector = make_user(), make_user(Role.INSPECTOR)
    victim = make_accident(officer, "approved", reviewer=inspector, on=ACCIDENT_DAY)["victims"][0]
    claim, _none = make_claim(login_as(officer), victim, issued=False)
    with app.app_context():
        due = db.session().get(Claim, claim["id"]).decision_due_on
    return officer, claim["id"], due


def _notices(app) -> list[tuple[str, str, int]]:
    with app.app_context():
        rows = db.session().scalars(sa.select(Notice).order_by(Notice.id)).all()
        return [(str(n.kind), n.entity, n.entity_id) for n in rows]


def test_a_decision_due_within_three_days_is_noticed_once(app, undecided_claim):
    _officer, claim_id, due = undecided_claim
    with app.app_context():
        early = tasks.deadline_notices(due - timedelta(days=4))
        near = tasks.deadline_notices(due - timedelta(days=3))
        again = tasks.deadline_notices(due - timedelta(days=2))

    assert early["decision_due"] == 0
    assert near["decision_due"] == 1
    assert again["decision_due"] == 0
    assert ("decision_due", "claim", claim_id) in _notices(app)


def test_a_claim_undecided_past_its_term_is_deemed_refused_and_noticed_once(app, undecided_claim):
    _officer, claim_id, due = undecided_claim
    with app.app_context():
        on_the_day = tasks.deemed_refusals(due)
        after = tasks.deemed_refusals(due + timedelta(days=1))
        again = tasks.deemed_refusals(due + timedelta(days=2))
        status = db.session().get(Claim, claim_id)._status

    assert on_the_day == {"marked": 0, "notices": 0}
    assert after == {"marked": 1, "notices": 1}
    assert again == {"marked": 0, "notices": 0}
    assert str(status) == "deemed_refused"
    assert _notices(app).count(("deemed_refusal", "claim", claim_id)) == 1


def test_an_open_investigation_near_its_deadline_is_noticed(app, make_user, make_accident):
    accident = make_accident(make_user(), "investigating")
    with app.app_context():
        from accidents.models import Accident

        due = db.session().get(Accident, accident["accident"]).investigation_due_on
        tasks.deadline_notices(due - timedelta(days=1))

    assert _notices(app) == [("investigation_due", "accident", accident["accident"])]


def test_the_notices_page_shows_an_officer_only_their_own_records_notices(
    app, login_as, make_user, undecided_claim
):
    officer, claim_id, due = undecided_claim
    with app.app_context():
        tasks.deadline_notices(due)

    own = login_as(officer).get("/notices").get_data(as_text=True)
    other = login_as(make_user()).get("/notices").get_data(as_text=True)

    assert f"/claims/{claim_id}" in own
    assert f"/claims/{claim_id}" not in other


def test_the_scheduled_backup_writes_the_days_file_and_keeps_the_newest_n(app, tmp_path, today):
    app.config.update(EMGEK_BACKUP_DIR=str(tmp_path / "backups"), EMGEK_BACKUP_KEEP=2)
    with app.app_context():
        for day in range(3):
            done = tasks.scheduled_backup(today + timedelta(days=day))

    kept = sorted(p.name for p in (tmp_path / "backups").iterdir())
    assert kept == [f"emgek-{(today + timedelta(days=d)).isoformat()}.tar.gz" for d in (1, 2)]
    assert done["removed"] == 1


def test_the_worker_command_starts_delivers_a_webhook_and_stops_on_sigterm(
    app, database_url, login_as, make_user, make_accident, receiver
):
    client = login_as(make_user(Role.ADMIN))
    answer = client.post("/api/v1/webhooks", json={"url": receiver.url, "events": ["act.submitted"]})
    assert answer.status_code == 201
    make_accident(make_user(), "submitted")
    env = {**os.environ, "DATABASE_URL": database_url, "EMGEK_WEBHOOK_SECONDS": "1"}
    flask = Path(sys.executable).with_name("flask")
    worker = subprocess.Popen(
        [str(flask), "--app", "wsgi", "jobs", "worker"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not receiver.received and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.2)
    finally:
        worker.send_signal(signal.SIGTERM)
        output, _err = worker.communicate(timeout=60)

    assert len(receiver.received) == 1, output
    assert receiver.received[0]["headers"]["X-Emgek-Event"] == "act.submitted"
    assert worker.returncode == 0, output
    assert "jobs worker stopped" in output


def test_the_notices_page_pages_so_the_201st_notice_is_reachable(app, login_as, undecided_claim):
    """Issue 13: the page stopped at 200 notices. 201 found the same day, deadlines a day apart, the
    nearest first, 50 a page: the latest deadline (the 201st) is alone on page 5."""
    officer, claim_id, due = undecided_claim
    with app.app_context(), db.transaction() as t:
        t.add_all(
            Notice(
                kind="decision_due",
                entity="claim",
                entity_id=claim_id,
                due_on=due + timedelta(days=n),
                found_on=due,
            )
            for n in range(201)
        )
    client = login_as(officer)

    pages = [client.get(f"/notices?page={n}").get_data(as_text=True) for n in range(1, 6)]
    last = (due + timedelta(days=200)).strftime("%d.%m.%Y")

    assert [page.count(f'href="/compensation/claims/{claim_id}"') for page in pages] == [50, 50, 50, 50, 1]
    assert last in pages[4]
    assert not any(last in page for page in pages[:4])
    assert 'href="/notices?page=4"' in pages[4]
