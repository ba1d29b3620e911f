"""The gap index's intervals (needs/gaps.py), against values worked out by hand."""

from __future__ import annotations

import math

import pytest

from needs import gaps

Z = gaps.Z95


def test_wilson_interval_of_a_proportion():
    # 8 of 10: centre (0.8 + z²/20) / (1 + z²/10), half-width z √(0.016 + z²/400) / (1 + z²/10).
    low, high = gaps.wilson(8, 10).low, gaps.wilson(8, 10).high
    denominator = 1 + Z**2 / 10
    centre = (0.8 + Z**2 / 20) / denominator
    half = Z * math.sqrt(0.8 * 0.2 / 10 + Z**2 / 400) / denominator
    assert (low, high) == pytest.approx((centre - half, centre + half))
    assert (round(low, 4), round(high, 4)) == (0.4902, 0.9433)  # the textbook values
    assert gaps.wilson(0, 10).low == 0.0 and gaps.wilson(10, 10).high == 1.0


def test_poisson_score_interval_of_a_count():
    ci = gaps.poisson_interval(0)
    assert ci.low == 0.0 and ci.high == pytest.approx(Z**2)
    ci = gaps.poisson_interval(100)
    assert (ci.low, ci.high) == pytest.approx((100 + Z**2 / 2 - Z * math.sqrt(100 + Z**2 / 4),
                                               100 + Z**2 / 2 + Z * math.sqrt(100 + Z**2 / 4)))
    assert ci.low < 100 < ci.high


def test_gap_index_and_its_interval():
    # 40 searches for 2 services where Québec has 100 for 10: (40 / 2) / (100 / 10) = 2.
    value, ci = gaps.gap_index(40, 2, 100, 10)
    assert value == pytest.approx(2.0)
    p = gaps.wilson(40, 42)
    assert (ci.low, ci.high) == pytest.approx((p.low / (1 - p.low) / 10, p.high / (1 - p.high) / 10))
    assert ci.low < value < ci.high


def test_no_service_gives_an_unbounded_index_with_a_finite_lower_bound():
    value, ci = gaps.gap_index(30, 0, 100, 10)
    assert value == math.inf and ci.high == math.inf and 0 < ci.low < math.inf
    value, _ = gaps.gap_index(0, 0, 100, 10)
    assert math.isnan(value)
