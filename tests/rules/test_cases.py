"""The cases of tests/rules/cases/*.yaml, written for claims officers to read and extend."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import compensation
from tests.rules.builders import death_case, injury_case

CASES = [
    case
    for path in sorted((Path(__file__).parent / "cases").glob("*.yaml"))
    for case in yaml.safe_load(path.read_text(encoding="utf-8"))
]


@pytest.mark.parametrize("spec", CASES, ids=[c["name"] for c in CASES])
def test_case(spec: dict[str, Any]) -> None:
    make = injury_case if spec["type"] == "injury" else death_case

    result = compensation.calculate(make(**spec["case"]))

    for expected in spec.get("expect", []):
        recipient = expected.get("recipient", "victim")
        found = [
            i
            for i in result["installments"]
            if (i["component"], i["period"], i["recipient"])
            == (expected["component"], expected["period"], recipient)
        ]
        assert len(found) == 1, expected
        for field, value in expected.items():
            if field != "recipient":
                assert found[0][field] == value, (field, expected)
    if "totals" in spec:
        assert result["totals"] == spec["totals"]
