"""The payments-due CSV gives its database connection back, whether the client reads it to the end,
stops reading after the first bytes, or never reads it at all (issue 15: 40 downloads wedged the pool)."""

from __future__ import annotations

import csv
import io

import pytest

from tests.factories import ACCIDENT_DAY

CSV_URL = "/compensation/payments-due?month=2027-02&format=csv"


@pytest.fixture
def officer(app, make_accident, make_claim, people, login_as):
    victim = make_accident(people["officer"], "approved", reviewer=people["inspector"], on=ACCIDENT_DAY)[
        "victims"
    ][0]
    client = login_as(people["officer"])
    make_claim(client, victim)
    return client


def _checked_out(app) -> int:
    return app.extensions["emgek.engine"].pool.checkedout()


def test_a_completed_payments_due_download_leaves_no_connection_checked_out(app, officer):
    response = officer.get(CSV_URL)
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    response.close()

    assert response.status_code == 200
    assert rows, "the officer's award has rows due in the month"
    assert _checked_out(app) == 0


@pytest.mark.parametrize("read", [0, 1], ids=["never_read", "first_chunk_only"])
def test_an_abandoned_payments_due_download_leaves_no_connection_checked_out(app, officer, read):
    for _ in range(3):
        response = officer.get(CSV_URL, buffered=False)
        chunks = iter(response.response)
        for _ in range(read):
            assert next(chunks)
        response.close()  # the client went away: the server closes the response's iterable

        assert response.status_code == 200
        assert _checked_out(app) == 0


def test_the_payments_due_command_leaves_no_connection_checked_out(app, officer, tmp_path):
    target = tmp_path / "due.csv"

    result = app.test_cli_runner().invoke(
        args=["payments", "due", "--month", "2027-02", "--csv", str(target)]
    )

    assert result.exit_code == 0, result.output
    assert len(target.read_text(encoding="utf-8").splitlines()) > 1
    assert _checked_out(app) == 0
