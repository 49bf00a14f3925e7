"""textmine._stats: scipy's numbers without importing scipy.stats."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import percentileofscore

from textmine import InputError
from textmine._stats import percentile_of_score


@pytest.mark.parametrize(("values", "score", "expected"), [
    ([1.0, 2.0, 3.0, 4.0], 3.0, 62.5),   # 2 below, 1 tie: (2 + 3) / 2 of 4
    ([1.0, 2.0, 3.0, 4.0], 0.5, 0.0),
    ([1.0, 2.0, 3.0, 4.0], 9.0, 100.0),
    ([2.0, 2.0, 2.0], 2.0, 50.0),        # all ties count half
    ([0.5, 0.0], 0.25, 50.0),
])
def test_percentile_counts_ties_half(values, score, expected):
    assert percentile_of_score(values, score) == expected


@pytest.mark.parametrize(("values", "score"), [([], 1.0), ([1.0, float("nan")], 1.0), ([1.0, 2.0], float("nan"))])
def test_percentile_is_nan_where_scipy_is(values, score):
    assert math.isnan(percentile_of_score(values, score))
    assert math.isnan(percentileofscore(values, score, kind="mean"))


def test_percentile_is_scipys_to_the_bit():
    rng = np.random.default_rng(7)
    for n in (1, 3, 7, 10, 49, 1000):
        values = rng.integers(0, 6, n) / 3  # many ties and floats that do not divide evenly
        for score in (-1.0, 0.0, 1 / 3, 2 / 3, 1.0, 5 / 3, 9.0):
            assert percentile_of_score(values, score) == float(percentileofscore(values, score, kind="mean"))


def test_percentile_refuses_a_table():
    with pytest.raises(InputError, match=r"values has shape \(2, 2\); expected one dimension"):
        percentile_of_score([[1.0, 2.0], [3.0, 4.0]], 2.0)
