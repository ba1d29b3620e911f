"""Small-count suppression cannot be undone from the published totals; the alert and forecast rules."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from needs.stats import (
    SUPPRESS_BELOW,
    forecast_weekly,
    suppress,
    suppress_values,
    trend_alert,
)


def _augmented(values):
    grid = [list(row) + [sum(row)] for row in values]
    grid.append([sum(col) for col in zip(*grid, strict=True)])
    return grid


def _feasible_ranges(values, published) -> dict[tuple[int, int], tuple[float, float]]:
    """What an attacker can learn: for each suppressed entry, its min and max over every
    non-negative table with the same published cells and totals (linear programming)."""
    rows, cols = len(values), len(values[0])
    shown = [list(r) + [t] for r, t in zip(published.cells, published.row_totals, strict=True)]
    shown.append(list(published.column_totals) + [published.total])
    unknowns = [(i, j) for i in range(rows + 1) for j in range(cols + 1) if shown[i][j] is None]
    index = {p: k for k, p in enumerate(unknowns)}
    equations, rhs = [], []
    lines = [[(i, j) for j in range(cols)] + [(i, cols)] for i in range(rows + 1)]
    lines += [[(i, j) for i in range(rows)] + [(rows, j)] for j in range(cols + 1)]
    for line in lines:
        *parts, total = line
        row = [0.0] * len(unknowns)
        constant = 0.0
        for p, sign in [(q, 1.0) for q in parts] + [(total, -1.0)]:
            if p in index:
                row[index[p]] += sign
            else:
                constant += sign * shown[p[0]][p[1]]
        if any(row):
            equations.append(row)
            rhs.append(-constant)
    ranges = {}
    for p, k in index.items():
        c = [0.0] * len(unknowns)
        c[k] = 1.0
        low = linprog(c, A_eq=equations, b_eq=rhs, bounds=(0, None), method="highs")
        high = linprog([-x for x in c], A_eq=equations, b_eq=rhs, bounds=(0, None), method="highs")
        assert low.status == 0 and high.status in (0, 3)  # 3: unbounded, nothing to learn above
        ranges[p] = (low.fun, math.inf if high.status == 3 else -high.fun)
    return ranges


CRAFTED = [
    # one small cell in a row and a column: the classic subtraction attack
    [[50, 3, 40], [20, 30, 25], [11, 12, 60]],
    # a small cell whose row has no other small cell and whose column total is small too
    [[4, 100, 100], [3, 100, 100], [100, 100, 100]],
    # two small cells in one row only: the columns still give them away without complements
    [[5, 7, 100, 100], [100, 100, 100, 100], [100, 100, 100, 100]],
    # a whole row of small values (its total is small too)
    [[2, 3, 1], [40, 50, 60], [70, 80, 90]],
    # zeros next to small values
    [[0, 4, 0, 30], [0, 25, 0, 40], [12, 30, 0, 20]],
    # a long thin table like the weekly series: one small value
    [[120, 80, 9]] + [[100, 90, 40]] * 10,
]


@pytest.mark.parametrize("values", CRAFTED)
def test_no_suppressed_value_can_be_derived_from_published_totals(values):
    published = suppress(values)
    grid = _augmented(values)
    assert published.primary == {(i, j) for i, row in enumerate(grid) for j, v in enumerate(row)
                                 if 0 < v < SUPPRESS_BELOW}
    for (i, j), (low, high) in _feasible_ranges(values, published).items():
        assert high - low >= 1, f"entry {(i, j)} = {grid[i][j]} is pinned to [{low}, {high}]"
        assert low <= grid[i][j] <= high


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from([0, 1, 2, 5, 9, 10, 12, 30, 100]), min_size=2, max_size=5),
                min_size=2, max_size=5).filter(lambda rows: len({len(r) for r in rows}) == 1))
def test_suppression_holds_on_random_tables(values):
    published = suppress(values)
    shown = published.cells + [published.column_totals]
    assert all(v is None or v == 0 or v >= SUPPRESS_BELOW for row in shown for v in row)
    for (low, high) in _feasible_ranges(values, published).values():
        assert high - low >= 1


def test_published_values_are_the_true_values():
    values = [[50, 3, 40], [20, 30, 25], [11, 12, 60]]
    published = suppress(values)
    for i, row in enumerate(values):
        for j, v in enumerate(row):
            assert published.cells[i][j] in (None, v)
    assert published.total == sum(map(sum, values))


def test_lists_without_totals_hide_only_small_counts():
    assert suppress_values([0, 3, 9, 10, 250]) == [0, None, None, 10, 250]


def test_a_rise_is_flagged_only_with_enough_searches_and_a_high_z_score():
    assert trend_alert("x", [100] * 8 + [200]).direction == "rise"
    assert trend_alert("x", [100] * 8 + [125]) is None  # z = 2.5
    assert trend_alert("x", [2] * 8 + [15]) is None  # below the minimum count
    drop = trend_alert("x", [100] * 8 + [40])
    assert drop.direction == "drop" and math.isclose(drop.z, -6.0)


def test_forecast_follows_the_season_with_a_band_around_it():
    rng = np.random.default_rng(3)
    weeks = np.arange(104)
    counts = rng.poisson(300 * (1 + 0.5 * np.sin(2 * np.pi * weeks / 52.18)))
    fc = forecast_weekly(counts.tolist())
    expected = 300 * (1 + 0.5 * np.sin(2 * np.pi * np.arange(104, 108) / 52.18))
    for mean, low, high, truth in zip(fc.mean, fc.lower, fc.upper, expected, strict=True):
        assert low < mean < high
        assert low < truth < high
    assert "Fourier" in fc.method


def test_short_series_are_not_forecast():
    assert forecast_weekly([10, 12, 11]) is None
