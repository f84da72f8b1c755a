"""Charts draw people's text as text."""

from __future__ import annotations

import pandas as pd
import pytest

from reports import charts


@pytest.mark.parametrize("name", ["$\\frac{1}{$", "ОсОО $x^$", "Цена $5 и $10", "$"])
def test_an_employer_named_with_dollars_draws_as_text(name):
    rates = pd.DataFrame({"employer": [name, "Другой"], "frequency": [1.5, 0.5]})

    svg = charts.frequency_rates(rates, "Кч").decode()

    assert svg.startswith("<?xml")
    assert "Другой" in svg or "<path" in svg
