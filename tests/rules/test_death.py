"""Arts. 249-252, 260: survivors' shares, how long each right lasts, court maintenance, the one-off benefit.

The defaults (tests/rules/builders.py): death on 2024-01-01, AME 30,000.00, two minor children
c1 and c2, claim on 2024-01-10, statement as of 2024-06-30. Each dependant's share is
(30,000 - 0) / (2 + 1) = 10,000.00 a month (Art. 250: the deceased's own share counts).
"""

from __future__ import annotations

from fractions import Fraction

import pytest

import compensation
from tests.rules.builders import amounts, death_case, installment, months, som, survivor


def test_each_dependant_gets_an_equal_share_less_the_deceaseds_own() -> None:
    result = compensation.calculate(death_case())

    assert set(amounts(result, "survivor", "c1").values()) == {"10000.00"}
    assert set(amounts(result, "survivor", "c2").values()) == {"10000.00"}
    assert len(amounts(result, "survivor", "c1")) == 6


def test_a_minor_is_paid_until_the_day_before_the_18th_birthday() -> None:
    """Art. 249: born 20 March 2006 -> 18 on 20 March 2024 -> paid to 19 March: 19/31 x 10,000 = 6,129.03.

    The other child's share is not recalculated (Art. 251): still 10,000.00.
    """
    case = death_case(
        survivors=[survivor("c1", "2006-03-20", "minor"), survivor("c2", "2017-08-15", "minor")]
    )

    result = compensation.calculate(case)

    assert amounts(result, "survivor", "c1") == {
        "2024-01": "10000.00",
        "2024-02": "10000.00",
        "2024-03": "6129.03",
    }
    assert amounts(result, "survivor", "c2")["2024-06"] == "10000.00"


def test_a_student_is_paid_until_the_day_before_the_23rd_birthday() -> None:
    """Art. 249: born 10 May 2001, studying to 2026 -> 23 on 10 May 2024 -> to 9 May: 9/31 -> 2,903.23."""
    case = death_case(
        survivors=[
            survivor("c1", "2001-05-10", "minor", "student", student_until="2026-06-30"),
            survivor("c2", "2017-08-15", "minor"),
        ]
    )

    result = compensation.calculate(case)

    assert amounts(result, "survivor", "c1")["2024-05"] == "2903.23"
    assert "2024-06" not in amounts(result, "survivor", "c1")


def test_a_student_is_paid_until_the_studies_end_when_that_is_earlier() -> None:
    """student_until 15 February 2024: 15/29 x 10,000 = 5,172.41; the minor ground ended in 2022."""
    case = death_case(
        survivors=[
            survivor("c1", "2004-01-20", "minor", "student", student_until="2024-02-15"),
            survivor("c2", "2017-08-15", "minor"),
        ]
    )

    result = compensation.calculate(case)

    assert amounts(result, "survivor", "c1") == {"2024-01": "10000.00", "2024-02": "5172.41"}


def test_court_ordered_maintenance_comes_out_of_the_base_first() -> None:
    """Art. 250 parts 3-4: a non-dependant parent with 3,000.00 a month set by a court;
    the two children share the rest: (30,000 - 3,000) / 3 = 9,000.00 each."""
    case = death_case(
        survivors=[
            survivor("c1", "2015-03-01", "minor"),
            survivor("c2", "2017-08-15", "minor"),
            survivor("p1", "1950-01-01", "disabled", court_maintenance="3000.00"),
        ]
    )

    result = compensation.calculate(case)

    assert set(amounts(result, "survivor", "c1").values()) == {"9000.00"}
    assert set(amounts(result, "survivor", "p1").values()) == {"3000.00"}


def test_the_one_off_death_benefit_is_twenty_annual_earnings_split_equally() -> None:
    """Art. 252: 20 x 12 x 30,000 = 7,200,000.00; two survivors: 3,600,000.00 each, due one month after
    the claim (2024-02-10)."""
    result = compensation.calculate(death_case())

    for sid in ("c1", "c2"):
        one_off = installment(result, "one_off_death", None, sid)
        assert (one_off["amount"], one_off["due_date"]) == ("3600000.00", "2024-02-10")


def test_each_share_of_the_one_off_is_rounded() -> None:
    """7,200,000.00 / 7 = 1,028,571.428... -> 1,028,571.43 each."""
    seven = [survivor(f"c{k}", f"201{k}-01-01", "minor") for k in range(7)]

    result = compensation.calculate(death_case(survivors=seven))

    assert set(amounts(result, "one_off_death", "c3").values()) == {"1028571.43"}
    assert len([i for i in result["installments"] if i["component"] == "one_off_death"]) == 7


def test_the_one_off_is_at_least_four_annual_subsistence_minimums_of_the_locality() -> None:
    """Art. 252: with MW 100 (no documents: base 5 x 100 = 500) 20 x 12 x 500 = 120,000 is less than
    4 x 12 x 9,000 (Bishkek's own row beats "*") = 432,000.00; two survivors: 216,000.00 each."""
    case = death_case(region="bishkek", earnings={"documents_unavailable": True})
    case["parameters"]["minimum_wage"] = [{"from": "2019-01-01", "amount": "100.00"}]

    result = compensation.calculate(case)

    assert amounts(result, "one_off_death", "c1") == {None: "216000.00"}
    step = next(s for s in result["trace"] if s["article"] == "LC-2004 252, 264")
    assert step["inputs"]["subsistence_minimum"]["value"] == "9000.00"


def test_survivors_paid_from_the_death_prorated_by_days() -> None:
    """Art. 260: death on 9 October: 23 of 31 days -> 10,000 x 23 / 31 = 7,419.35."""
    case = death_case(death_date="2024-10-09", claim_date="2024-10-20", calculation_date="2024-11-30")
    case["earnings"] = {"reference_month": "2024-10", "months": months("2023-10", 12)}

    assert amounts(compensation.calculate(case), "survivor", "c1") == {
        "2024-10": "7419.35",
        "2024-11": "10000.00",
    }


def test_a_child_born_after_the_death_is_paid_from_birth_and_recalculates_the_shares() -> None:
    """LC-2004 arts. 249 item 2, 251 item 1 (LC-2025 arts. 221(1)2), 223 item 1): born 10 March 2024.

    Before the birth two dependants share: 30,000 / 3 = 10,000; from the birth three: 30,000 / 4 =
    7,500 for every dependant (contract v2 §3, §5). March, prorated by days: c1 = 30,000 x (9 / 3 +
    22 / 4) / 31; c3 = 22/31 x 7,500 = 5,322.58.
    """
    case = death_case(
        survivors=[
            survivor("c1", "2015-03-01", "minor"),
            survivor("c2", "2017-08-15", "minor"),
            survivor("c3", "2024-03-10", "minor"),
        ]
    )

    result = compensation.calculate(case)

    assert amounts(result, "survivor", "c3")["2024-03"] == "5322.58"
    assert "2024-02" not in amounts(result, "survivor", "c3")
    assert amounts(result, "survivor", "c1")["2024-01"] == "10000.00"
    assert amounts(result, "survivor", "c1")["2024-03"] == som(
        30000 * (Fraction(9, 3) + Fraction(22, 4)) / 31
    )
    assert amounts(result, "survivor", "c1")["2024-04"] == "7500.00"
    recalculation = next(
        s for s in result["trace"] if s["inputs"].get("from") == "2024-03-10" and "counted" in s["inputs"]
    )
    assert recalculation["inputs"]["counted"] == "c1, c2, c3"
    assert recalculation["result"] == "1/4"


def test_a_widow_of_pension_age_has_an_open_ended_right() -> None:
    """Art. 249: pension age (58 for women) reached in 2018; open-ended."""
    case = death_case(survivors=[survivor("w", "1960-05-10", "pension_age", relation="widow")])

    result = compensation.calculate(case)

    assert set(amounts(result, "survivor", "w").values()) == {"15000.00"}  # 30,000 / (1 + 1)
    right = next(s for s in result["trace"] if s["article"] == "LC-2004 249, 260")
    assert right["result"] == "-"
    assert "бессрочно" in right["rule"]
    assert " по " not in right["rule"]


def test_a_dependant_reaching_pension_age_within_five_years_is_paid_from_then() -> None:
    """Art. 249 item 4, Art. 260: a husband born 1 March 1961 is 63 on 1 March 2024: paid from then."""
    case = death_case(survivors=[survivor("h", "1961-03-01", "pension_age", sex="male")])

    result = compensation.calculate(case)

    assert list(amounts(result, "survivor", "h")) == ["2024-03", "2024-04", "2024-05", "2024-06"]


def test_pension_age_more_than_five_years_after_the_death_gives_no_right() -> None:
    case = death_case(survivors=[survivor("h", "1975-03-01", "pension_age", sex="male")])

    with pytest.raises(compensation.InvalidCase) as caught:
        compensation.calculate(case, "en")

    assert list(caught.value.errors) == ["survivors.0.grounds"]


def test_a_right_that_ended_before_the_death_is_refused() -> None:
    """Art. 249: a 'minor' who was already 18 at the death has no right on that ground."""
    case = death_case(survivors=[survivor("c1", "2000-01-01", "minor")])

    with pytest.raises(compensation.InvalidCase) as caught:
        compensation.calculate(case, "en")

    assert list(caught.value.errors) == ["survivors.0.grounds"]


def test_court_maintenance_above_the_base_is_refused() -> None:
    case = death_case(
        survivors=[
            survivor("c1", "2015-03-01", "minor"),
            survivor("p", "1950-01-01", "disabled", court_maintenance="40000.00"),
        ]
    )

    with pytest.raises(compensation.InvalidCase) as caught:
        compensation.calculate(case, "en")

    assert list(caught.value.errors) == ["survivors.1.court_maintenance"]


def test_a_death_after_the_calculation_date_owes_nothing_yet() -> None:
    case = death_case(death_date="2024-07-01", claim_date="2024-07-05")

    assert compensation.calculate(case)["installments"] == []
