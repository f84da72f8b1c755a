"""The dashboard's figures are cached per data version: a committed write, by any process, shows on the
next dashboard; a rolled-back one changes nothing; viewers of another scope never share an entry."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from core import data_version, db
from core.classifiers import Role
from core.db import today_bishkek
from core.employers import Employer


@pytest.fixture
def officer_and_inspector(make_employer, make_user, make_accident):
    alpha = make_employer(name="Alpha")
    officer = make_user(Role.SAFETY_OFFICER, employer=alpha)
    inspector = make_user(Role.INSPECTOR)
    make_accident(officer, "approved", reviewer=inspector)
    return {"officer": officer, "inspector": inspector}


def test_a_new_case_shows_on_the_next_dashboard_of_a_viewer_who_saw_it_before(
    login_as, make_accident, officer_and_inspector
):
    client = login_as(officer_and_inspector["officer"])
    url = f"/reports/dashboard?year={today_bishkek().year}"
    before = client.get(url).get_data(as_text=True)
    assert client.get(url).get_data(as_text=True) == before  # served again, same figures

    make_accident(officer_and_inspector["officer"], "approved", reviewer=officer_and_inspector["inspector"])

    assert 'data-total="1"' in before
    assert 'data-total="2"' in client.get(url).get_data(as_text=True)


def test_a_write_committed_by_another_process_changes_the_data_version(app, database_url):
    from core import create_app
    from tests.conftest import TEST_CONFIG

    other = create_app({**TEST_CONFIG, "DATABASE_URL": database_url})  # another gunicorn worker
    with app.app_context():
        seen = data_version.current(db.session())
    with other.app_context(), db.transaction() as s:
        s.add(Employer(name="Gamma", inn="01204199910099", okpo="20100599", sector="C", region="chui"))

    with app.app_context():
        assert data_version.current(db.session()) not in ("", seen)


def test_a_rolled_back_write_and_a_read_leave_the_data_version_alone(app):
    with app.app_context():
        seen = data_version.current(db.session())

        def failing_service() -> None:
            with db.transaction() as s:
                s.execute(sa.update(Employer).values(name="Renamed"))
                raise RuntimeError("the service failed after its write")

        with pytest.raises(RuntimeError):
            failing_service()
        with db.transaction() as s:
            s.scalars(sa.select(Employer)).all()

        assert data_version.current(db.session()) == seen


def test_viewers_of_other_scopes_never_get_each_others_cached_figures(
    login_as, make_employer, make_user, make_accident, officer_and_inspector
):
    beta_officer = make_user(Role.SAFETY_OFFICER, employer=make_employer(name="Beta"))
    url = f"/reports/dashboard?year={today_bishkek().year}"

    alpha = login_as(officer_and_inspector["officer"]).get(url).get_data(as_text=True)
    beta = login_as(beta_officer).get(url).get_data(as_text=True)

    assert "Alpha" in alpha
    assert 'data-total="1"' in alpha
    assert "Alpha" not in beta
    assert 'data-total="0"' in beta
