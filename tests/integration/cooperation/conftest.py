"""Fixtures of the cooperation tests: an inspector of each inspectorate, an employer with its officer,
a norm of the register and the agreement itself."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from core import db
from core.classifiers import Inspectorate, Region, Role


@pytest.fixture
def employer(make_employer: Any) -> Any:
    return make_employer(name="ОсОО «Курулуш»", region=Region.CHUI)


@pytest.fixture
def officer(make_user: Any, employer: Any) -> Any:
    return make_user(Role.SAFETY_OFFICER, employer=employer)


@pytest.fixture
def state_inspector(make_user: Any) -> Any:
    return make_user(Role.INSPECTOR, inspectorate=Inspectorate.STATE, full_name="Инспектор Кызмата")


@pytest.fixture
def tli(make_user: Any) -> Any:
    return make_user(Role.INSPECTOR, inspectorate=Inspectorate.TRADE_UNION, full_name="Инспектор Инспекции")


@pytest.fixture
def admin(make_user: Any) -> Any:
    return make_user(Role.ADMIN)


@pytest.fixture
def norm(app: Any) -> Any:
    from cooperation.models import Norm

    with app.app_context(), db.transaction() as s:
        norm = Norm(
            act="Трудовой кодекс КР", article="ст. 213", title="Обязанности работодателя по охране труда"
        )
        s.add(norm)
    return norm


@pytest.fixture
def agreement(app: Any) -> Any:
    from cooperation.models import CoopAgreement

    with app.app_context(), db.transaction() as s:
        agreement = CoopAgreement(
            title="Макулдашуу",
            trade_union_party="Кыргызстан кесиптик бирликтер федерациясы",
            state_party="Эмгек, социалдык камсыздоо жана миграция министрлиги",
            signed_on=date(2022, 4, 15),
        )
        s.add(agreement)
    return agreement


def inspection_json(employer_id: int, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "employer_id": employer_id,
        "kind": "unplanned",
        "grounds": "other",
        "inspectors": "Жумабаев Э. С.",
        "starts_on": "2026-10-01",
        "ends_on": "2026-10-05",
        "subject": "Соблюдение требований охраны труда при работе на высоте",
    }
    data.update(overrides)
    return data


def created(client: Any, path: str, data: dict[str, Any]) -> dict[str, Any]:
    """POST ``data`` to the cooperation API's ``path``; the record it created (the test stops if none was)."""
    response = client.post(f"/api/v1/cooperation{path}", json=data)
    assert response.status_code == 201, response.json
    return response.json
