"""Contract v2 §3: survivors by the rights in force (LC-2004 arts. 249-251; LC-2025 arts. 221-223).

Each dependant's share is (base - court total) / (n + 1), n the dependants whose right has begun less
the carers whose right has ended. n changes, prorated by days, only on a posthumous child's birth, when a
carer's right begins or ends, or when a dependant's right begins within five years of the death
(LC-2004 art. 251 items 1-3; LC-2025 art. 223 items 1-3). Expectations are the formula, in fractions.
The builders' death: 2024-01-01, base 30,000.00, claim 2024-01-10.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

import compensation
from tests.rules.builders import amounts, death_case, som, survivor

BASE = 30000


def test_a_carer_without_an_end_cares_until_the_youngest_minor_turns_14() -> None:
    """LC-2004 art. 249 item 3, LC-2025 art. 221(1)3): the widow cares for a child born 2010-02-10: her
    right ends 2024-02-09 (the day before the 14th birthday); from 2024-02-10 n falls from 2 to 1
    (art. 251 item 2, art. 223 item 2): the child's February is 9 days at 1/3 and 20 days at 1/2."""
    case = death_case(
        survivors=[survivor("w", "1985-01-01", "caregiver"), survivor("c", "2010-02-10", "minor")],
    )

    result = compensation.calculate(case)

    widow = amounts(result, "survivor", "w")
    child = amounts(result, "survivor", "c")
    assert widow["2024-01"] == som(Fraction(BASE, 3))
    assert widow["2024-02"] == som(Fraction(BASE, 3) * 9 / 29)
    assert "2024-03" not in widow
    assert child["2024-02"] == som((Fraction(BASE, 3) * 9 + Fraction(BASE, 2) * 20) / 29)
    assert child["2024-03"] == som(Fraction(BASE, 2))
    right = next(
        s for s in result["trace"] if s["inputs"].get("survivor") == "w" and "ends_by" in s["inputs"]
    )
    assert right["result"] == "2024-02-09"
    assert right["inputs"]["ends_by"] == "caregiver_until_14"


def test_a_carer_without_an_end_and_no_minor_is_a_field_error() -> None:
    """Contract v2 §3: with no minor survivor ``caring_until`` is required."""
    case = death_case(survivors=[survivor("w", "1985-01-01", "caregiver")])

    with pytest.raises(compensation.InvalidCase) as caught:
        compensation.calculate(case, "en")

    assert list(caught.value.errors) == ["survivors.0.caring_until"]


def test_a_child_turning_18_recalculates_nothing() -> None:
    """LC-2004 art. 251, LC-2025 art. 223: when any right other than a carer's ends, the others' shares
    stay: c1 (born 2006-03-15) turns 18 on 2024-03-15; c2 keeps 30,000 / 3."""
    case = death_case(
        survivors=[survivor("c1", "2006-03-15", "minor"), survivor("c2", "2015-01-01", "minor")]
    )

    result = compensation.calculate(case)

    assert set(amounts(result, "survivor", "c2").values()) == {som(Fraction(BASE, 3))}
    assert "2024-04" not in amounts(result, "survivor", "c1")


def test_a_dependant_unable_to_work_within_five_years_is_counted_from_right_from() -> None:
    """LC-2004 arts. 249 item 4, 251 item 3; LC-2025 arts. 221(1)4), 223 item 3: the mother becomes
    disabled on 2024-03-11 (``right_from``): she is paid from then and every share becomes 1/4."""
    case = death_case()
    case["survivors"].append(survivor("m", "1960-01-01", "disabled", right_from="2024-03-11"))

    result = compensation.calculate(case)

    mother = amounts(result, "survivor", "m")
    assert "2024-02" not in mother
    assert mother["2024-03"] == som(Fraction(BASE, 4) * 21 / 31)
    assert amounts(result, "survivor", "c1")["2024-03"] == som(
        (Fraction(BASE, 3) * 10 + Fraction(BASE, 4) * 21) / 31
    )
    assert amounts(result, "survivor", "c1")["2024-04"] == som(Fraction(BASE, 4))


def test_right_from_more_than_five_years_after_the_death_is_a_field_error() -> None:
    """LC-2004 art. 249 item 4, LC-2025 art. 221(1)4): within five years of the death only."""
    case = death_case()
    case["survivors"].append(survivor("m", "1960-01-01", "disabled", right_from="2029-01-02"))

    with pytest.raises(compensation.InvalidCase) as caught:
        compensation.calculate(case, "en")

    assert list(caught.value.errors) == ["survivors.2.right_from"]


def test_reaching_the_pension_age_within_five_years_begins_the_right_and_recalculates() -> None:
    """Contract v2 §5 (LC-2004 art. 249 item 4, LC-2025 art. 221(1)4)): a father born 1961-04-20 is 63 on
    2024-04-20: from that day he is paid and counted, so the children's shares become 1/4."""
    case = death_case()
    case["survivors"].append(survivor("f", "1961-04-20", "pension_age", sex="male"))

    result = compensation.calculate(case)

    assert amounts(result, "survivor", "f")["2024-04"] == som(Fraction(BASE, 4) * 11 / 30)
    assert amounts(result, "survivor", "c2")["2024-04"] == som(
        (Fraction(BASE, 3) * 19 + Fraction(BASE, 4) * 11) / 30
    )


def test_a_carer_whose_right_begins_after_the_death_recalculates_the_shares() -> None:
    """LC-2004 art. 251 item 2, LC-2025 art. 223 item 2: a grandmother starts caring on 2024-02-01
    (``right_from``), until 2024-04-30: n is 3 from February and 2 again from May."""
    case = death_case()
    case["survivors"].append(
        survivor("g", "1955-01-01", "caregiver", right_from="2024-02-01", caring_until="2024-04-30")
    )

    result = compensation.calculate(case)

    child = amounts(result, "survivor", "c1")
    assert (child["2024-01"], child["2024-02"], child["2024-05"]) == (
        som(Fraction(BASE, 3)),
        som(Fraction(BASE, 4)),
        som(Fraction(BASE, 3)),
    )
    assert set(amounts(result, "survivor", "g")) == {"2024-02", "2024-03", "2024-04"}


def test_a_carer_who_is_also_disabled_keeps_counting_after_the_care_ends() -> None:
    """Contract v2 §5, LC-2004 art. 249, LC-2025 art. 221(6): a carer with an open-ended ground as well
    keeps her right and is still counted."""
    case = death_case()
    case["survivors"].append(survivor("w", "1985-01-01", "caregiver", "disabled", caring_until="2024-02-29"))

    result = compensation.calculate(case)

    assert set(amounts(result, "survivor", "c1").values()) == {som(Fraction(BASE, 4))}
    assert amounts(result, "survivor", "w")["2024-06"] == som(Fraction(BASE, 4))


def test_a_child_born_after_the_due_date_gets_no_share_of_the_one_off() -> None:
    """Contract v2 §3: the one-off death benefit (either Code) is split among those whose right has begun
    on its due date (2024-02-10): a child born 2024-03-01 is paid monthly from birth, but not the one-off."""
    case = death_case()
    case["survivors"].append(survivor("p", "2024-03-01", "minor"))

    result = compensation.calculate(case)

    assert amounts(result, "one_off_death", "p") == {}
    assert amounts(result, "one_off_death", "c1") == {None: som(Fraction(20 * 12 * BASE, 2))}
    assert amounts(result, "survivor", "p")["2024-03"] == som(Fraction(BASE, 4))


def test_capitalisation_counts_the_dependants_of_its_day() -> None:
    """LC-2004 art. 255 (CC art. 1021 under LC-2025) with contract v2 §3: capitalised on 2024-06-30,
    after a child born on 2024-03-01: each share is 30,000 / 4 a month."""
    case = death_case(capitalisation={"date": "2024-06-30"})
    case["survivors"].append(survivor("p", "2024-03-01", "minor"))

    lines = compensation.calculate(case)["capitalisation"]["recipients"]

    assert {line["monthly"] for line in lines} == {som(Fraction(BASE, 4))}


def test_a_recalculation_after_the_switch_cites_the_2025_code() -> None:
    """A death of 2024 (LC-2004 art. 251) whose child is born on 2025-03-01: that recalculation is
    governed by LC-2025 art. 223."""
    case = death_case(calculation_date="2025-04-30")
    case["survivors"].append(survivor("p", "2025-03-01", "minor"))

    result = compensation.calculate(case)

    first = next(s for s in result["trace"] if "counted" in s["inputs"])
    later = next(
        s for s in result["trace"] if s["inputs"].get("from") == "2025-03-01" and "counted" in s["inputs"]
    )
    assert first["article"] == "LC-2004 250, 251"
    assert later["article"] == "LC-2025 222, 223"
