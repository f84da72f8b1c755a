"""Issue 14: the calculator's result comes first, its comparison names the inputs that changed, its
table names the recipient, and its introduction holds no contract code."""

from __future__ import annotations

import json
from typing import Any

import pytest

from core.classifiers import Role
from tests.integration.calculator.test_calculator import _example, _form


@pytest.fixture
def officer(make_user: Any, login_as: Any) -> Any:
    return login_as(make_user(Role.SAFETY_OFFICER))


def test_the_result_comes_before_the_form(officer: Any) -> None:
    page = officer.post("/compensation/calculator", data=_form(_example("01_injury_group3"))).get_data(
        as_text=True
    )
    assert page.index('id="result"') < page.index('id="case-form"')


def test_the_comparison_names_the_inputs_that_changed_with_their_values(officer: Any) -> None:
    case = _example("01_injury_group3")
    data = _form(case)
    data["baseline"] = json.dumps(case)
    data["liability.victim_gross_negligence_percent"] = "10"

    page = officer.post("/compensation/calculator", data=data).get_data(as_text=True)

    assert page.index('id="comparison"') < page.index('id="case-form"')
    changed = page[
        page.index('id="changed-inputs"') : page.index("</table>", page.index('id="changed-inputs"'))
    ]
    assert changed.count("<tr data-input=") == 1  # only what was changed
    assert 'data-input="liability.victim_gross_negligence_percent"' in changed
    assert "Ответственность" in changed or "Liability" in changed  # the section's label, not its path
    assert "<td>10</td>" in changed


def test_the_result_names_the_recipient_and_the_introduction_no_contract(officer: Any) -> None:
    page = officer.post("/compensation/calculator", data=_form(_example("03_death_two_children"))).get_data(
        as_text=True
    )
    rows = page[page.index('id="installments"') :]
    assert ">victim<" not in rows
    assert ">s1<" not in rows  # a survivor is shown with the relation typed in the form
    assert "kg-injury-compensation" not in page
