"""An approved act's frozen text gives the accident's moment in UTC with its offset (issue 13: the API is
UTC everywhere), while the page a person reads still shows it in Bishkek time."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa
from alembic import command

from accidents.models import ActRevision
from core import cli, db
from core.classifiers import Role


@pytest.fixture
def officer(make_user):
    return make_user(Role.SAFETY_OFFICER)


@pytest.fixture
def inspector(make_user):
    return make_user(Role.INSPECTOR)


def _revision(client, act_id):
    act = client.get(f"/api/v1/acts/{act_id}").get_json()
    return client.get(f"/api/v1/act-revisions/{act['revisions'][0]['id']}")


def test_a_revision_gives_the_accident_moment_and_its_approval_in_utc_with_their_offset(
    login_as, officer, inspector, make_accident, today
):
    ids = make_accident(officer, stage="approved", reviewer=inspector, on=today - timedelta(days=2))
    client = login_as(officer)

    revision = _revision(client, ids["acts"][0]).get_json()
    frozen = datetime.fromisoformat(revision["content"]["accident"]["occurred_at"])

    assert frozen.utcoffset() == timedelta(0)
    assert (frozen.hour, frozen.minute) == (4, 30)  # 10:30 in Bishkek (UTC+6)
    assert frozen.date() == today - timedelta(days=2)
    assert datetime.fromisoformat(revision["approved_at"]).tzinfo is not None


def test_the_revision_page_still_reads_the_accident_time_in_bishkek(
    login_as, officer, inspector, make_accident, today
):
    day = today - timedelta(days=2)
    ids = make_accident(officer, stage="approved", reviewer=inspector, on=day)
    client = login_as(officer)
    revision_id = _revision(client, ids["acts"][0]).get_json()["id"]

    page = client.get(f"/accidents/revisions/{revision_id}").get_data(as_text=True)

    assert f"{day:%d.%m.%Y} 10:30" in page
    assert "04:30" not in page


def test_the_migration_turns_naive_bishkek_times_into_utc_and_back_keeping_revisions_append_only(
    app, officer, inspector, make_accident, today
):
    day = today - timedelta(days=2)
    ids = make_accident(officer, stage="approved", reviewer=inspector, on=day)

    def stored() -> str:
        with db.engine().connect() as connection:
            rows = connection.execute(sa.select(ActRevision.content)).scalars().all()
        return rows[0]["accident"]["occurred_at"]

    with app.app_context():
        config = cli.alembic_config()
        try:
            with db.engine().begin() as connection:
                config.attributes["connection"] = connection
                command.downgrade(config, "0022_webhooks")
            old = stored()
        finally:
            cli.upgrade()
        new = stored()
        with pytest.raises(sa.exc.DatabaseError), db.engine().begin() as connection:
            connection.execute(sa.update(ActRevision.__table__).values(content={}))

    assert ids["acts"]
    assert old == f"{day.isoformat()}T10:30"
    assert new == f"{day.isoformat()}T04:30:00+00:00"
