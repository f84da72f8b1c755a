"""`flask demo generate`: a synthetic register whose records are what the services would have made,
the same for the same seed, that the dashboards read and whose claims' statements compute."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path

import sqlalchemy as sa

from accidents import consequences, workflow
from accidents.models import Accident, Act, Consequence, Victim
from claims.models import Claim, Decision
from claims.services.ledger import statement
from core import create_app, data_version, db
from core.auth.models import User
from core.db import BISHKEK
from core.demo import DEMO_PASSWORD
from reports import generate
from reports.models import NationalEmployment
from tests.conftest import TEST_CONFIG, fresh_database, login


def _digest(app) -> str:
    """Every accident, victim and act as generated (not the clock's timestamps)."""
    with app.app_context():
        s = db.session()
        rows = s.execute(
            sa.select(
                Accident.id,
                Accident.employer_id,
                Accident.occurred_at,
                Accident.category,
                Accident.status,
                Victim.pin,
                Victim.full_name,
                Act.severity,
                Act.main_cause,
                Act.status,
            )  # fmt: skip
            .join(Victim, Victim.accident_id == Accident.id)
            .join(Act, Act.victim_id == Victim.id)
            .order_by(Victim.id)
        ).all()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def _generate(app, seed: int, today) -> generate.Register:
    with app.app_context():
        return generate.generate(employers=15, accidents=1500, seed=seed, until=today)


def test_the_same_seed_gives_the_same_register_and_another_seed_another(
    migrated_database, tmp_path: Path, today
):
    digests = []
    for seed in (11, 11, 12):
        # One database after another (on PostgreSQL, the same database emptied each time).
        fresh = create_app({**TEST_CONFIG, "DATABASE_URL": fresh_database(migrated_database, tmp_path)})
        _generate(fresh, seed, today)
        digests.append(_digest(fresh))
        fresh.extensions["emgek.engine"].dispose()

    assert digests[0] == digests[1]
    assert digests[0] != digests[2]


def test_the_generated_records_are_in_consistent_states(app, today):
    made = _generate(app, 3, today)

    with app.app_context():
        s = db.session()
        assert made.counts["accident"] == 1500
        acts: dict[int, list[str]] = defaultdict(list)
        for accident_id, status in s.execute(sa.select(Act.accident_id, Act.status)):
            acts[accident_id].append(status)
        for accident in s.scalars(sa.select(Accident)):
            assert accident.occurred_at.astimezone(BISHKEK).date() <= today
            formed = accident.commission_formed_on is not None
            assert accident.status == workflow.summarise(formed, acts[accident.id])
        # Most acts approved, some still in review or returned; every approved act has its revision.
        by_status = dict(s.execute(sa.select(Act.status, sa.func.count()).group_by(Act.status)).all())
        assert by_status["approved"] > 0.8 * sum(by_status.values())
        assert by_status.get("returned", 0) > 0
        assert by_status.get("under_review", 0) > 0
        assert all(
            len(act.revisions) == 1 for act in s.scalars(sa.select(Act).where(Act.status == "approved"))
        )
        # Every consequence is one the officer's form would accept.
        for c in s.scalars(sa.select(Consequence)):
            day = c.victim.accident.occurred_at.astimezone(BISHKEK).date()
            data = {f: getattr(c, f) for f in consequences.FIELDS}
            assert consequences.problems(day, data) == {}, (c.id, data)
        # Deaths are rare against non-fatal injuries (the ILO's hundreds to one).
        fatal = s.scalar(sa.select(sa.func.count()).select_from(Act).where(Act.severity == "fatal"))
        assert 0 < fatal < made.counts["act"] / 50
        assert s.scalar(sa.select(sa.func.count()).select_from(NationalEmployment)) > 0
        # Every employer has its officer, who signs in with the demo password.
        officer = s.scalar(sa.select(User).where(User.email == made.officer_email))
        assert officer is not None
        assert officer.check_password(DEMO_PASSWORD)


def test_the_generated_claims_statements_compute_and_the_dashboards_render(app, client, today):
    made = _generate(app, 5, today)

    with app.app_context():
        s = db.session()
        admin = s.scalar(sa.select(User).where(User.role == "admin"))
        decided = s.scalars(sa.select(Claim.id).join(Decision, Decision.claim_id == Claim.id)).all()
        assert decided, "no claim with a decision was generated"
        for claim_id in decided:
            _claim, _decision, result = statement(admin, claim_id, today)
            assert "totals" in result
        officer = s.scalar(sa.select(User).where(User.email == made.officer_email))
        inspector = s.scalar(sa.select(User).where(User.email == made.inspector_email))
    for user in (inspector, officer):
        login(client, user, DEMO_PASSWORD)
        for page in ("dashboard", "headline", "trends", "sectors", "causes", "investigations", "measures"):
            response = client.get(f"/reports/{page}")
            assert response.status_code == 200, (user.email, page)
        client.post("/api/v1/auth/logout")


def test_the_bulk_load_moves_the_data_version_and_puts_sqlites_settings_back(app, today):
    # The rows go beside the ORM session (DBAPI executemany / COPY): the dashboards' caches must still
    # see a new data version, and SQLite's load settings must not stay on the pooled connection.
    with app.app_context():
        s = db.session()
        before = data_version.current(s)
        sqlite = s.get_bind().dialect.name == "sqlite"
        if sqlite:
            settings = [
                s.connection().exec_driver_sql(f"PRAGMA {p}").scalar() for p in ("synchronous", "cache_size")
            ]
        s.rollback()
        generate.generate(employers=5, accidents=300, seed=1, until=today)

        assert data_version.current(s) not in ("", before)
        if sqlite:
            after = [
                s.connection().exec_driver_sql(f"PRAGMA {p}").scalar() for p in ("synchronous", "cache_size")
            ]
            assert after == settings == [1, -2000]  # NORMAL (core/db.py) and SQLite's default cache
        # What the bulk load wrote reads back as the ORM wrote it: an aware UTC instant.
        accident = s.scalars(sa.select(Accident).order_by(Accident.id)).first()
        assert accident.occurred_at.utcoffset() is not None
        assert accident.occurred_at.astimezone(BISHKEK).date() <= today


def test_the_command_prints_what_it_made(app, today):
    result = app.test_cli_runner().invoke(
        args=["demo", "generate", "--employers", "5", "--accidents", "200", "--until", today.isoformat()]
    )

    assert result.exit_code == 0, result.output
    assert "accident: 200" in result.output
    again = app.test_cli_runner().invoke(args=["demo", "generate", "--employers", "5", "--accidents", "10"])
    assert again.exit_code != 0
    assert "already has employers" in again.output
