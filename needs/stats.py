"""The statistics the dashboard publishes: small-count suppression, trend alerts, forecasts. Pure.

Suppression (docs/architecture.md, decision 9: "published aggregates suppress small counts"). A
table is published with its row totals, column totals and grand total, so it is handled as one grid
with its margins, where every row and every column (margins included) is an equation
"cells = total":

1. Primary: every entry from 1 to 9 searches is suppressed (zero is published: it describes nobody).
2. Complementary, lines: a line with exactly one suppressed entry would give it away by subtraction,
   so its smallest other positive entry is suppressed too; repeated until no line has exactly one.
3. Complementary, bridges: seen as a graph (rows and columns are nodes, suppressed entries edges), a
   suppressed entry can be worked out exactly when it lies on no cycle. For such an entry (i, j) the
   cheapest rectangle (i, j'), (i', j), (i', j') is suppressed too, closing a cycle; then step 2 again.
   Every suppressed entry then lies on a cycle of entries ≥ 1, so adding and subtracting 1 around the
   cycle gives another table with the same published numbers: none of them is determined.

Trend alerts: for each series, the last complete week `x` against the mean `m` of the 8 weeks before.
Under a Poisson model the standard deviation is √m, so z = (x − m) / √m. A rise is flagged when
x ≥ 20, x ≥ 1.5 m and z ≥ 3; a drop when m ≥ 20, x ≤ m / 1.5 and z ≤ −3.

Forecast: weekly counts, log(1 + y), an AR(1) regression on a constant, a linear trend and yearly
Fourier terms (3 pairs, period 365.25/7 weeks) when there is more than a year of history; 4 weeks
ahead with a 95 % prediction interval, transformed back (quantiles survive a monotone transform).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from statistics import NormalDist

SUPPRESS_BELOW = 10
BASELINE_WEEKS = 8
ALERT_MIN_COUNT = 20
ALERT_Z = 3.0
ALERT_RATIO = 1.5
FORECAST_WEEKS = 4
FORECAST_LEVEL = 0.95
YEAR_WEEKS = 365.25 / 7


# -- suppression --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Published:
    """A table ready to publish: None marks a suppressed value."""

    cells: list[list[int | None]]
    row_totals: list[int | None]
    column_totals: list[int | None]
    total: int | None
    primary: frozenset[tuple[int, int]]  # positions in the augmented grid (margins at index R / C)
    complementary: frozenset[tuple[int, int]]

    @property
    def suppressed_count(self) -> int:
        return len(self.primary) + len(self.complementary)


def _bridges(suppressed: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """Suppressed entries lying on no cycle of the row/column graph (so they are determined)."""
    adjacency: dict[tuple[str, int], list[tuple[tuple[str, int], tuple[int, int]]]] = {}
    for i, j in suppressed:
        adjacency.setdefault(("r", i), []).append((("c", j), (i, j)))
        adjacency.setdefault(("c", j), []).append((("r", i), (i, j)))
    found = []
    for edge in suppressed:
        start, goal = ("r", edge[0]), ("c", edge[1])
        seen, stack = {start}, [start]
        connected = False
        while stack and not connected:
            node = stack.pop()
            for nxt, via in adjacency[node]:
                if via == edge or nxt in seen:
                    continue
                if nxt == goal:
                    connected = True
                    break
                seen.add(nxt)
                stack.append(nxt)
        if not connected:
            found.append(edge)
    return found


def suppress(values: Sequence[Sequence[int]], threshold: int = SUPPRESS_BELOW, *,
             columns: int | None = None) -> Published:
    """Suppress small counts in a table and its margins (module docstring). `columns` gives the
    width of a table without rows (its column totals are then zeros, one per column)."""
    rows = len(values)
    cols = len(values[0]) if values else (columns or 0)
    grid = [list(map(int, row)) + [sum(row)] for row in values]
    grid.append([sum(grid[i][j] for i in range(rows)) for j in range(cols + 1)])
    primary = {(i, j) for i in range(rows + 1) for j in range(cols + 1) if 0 < grid[i][j] < threshold}
    suppressed = set(primary)
    lines = [[(i, j) for j in range(cols + 1)] for i in range(rows + 1)]
    lines += [[(i, j) for i in range(rows + 1)] for j in range(cols + 1)]

    def cheapest(candidates: list[tuple[int, int]]) -> tuple[int, int] | None:
        free = [p for p in candidates if p not in suppressed]
        positive = [p for p in free if grid[p[0]][p[1]] > 0]
        pool = positive or free
        # Prefer inner cells over totals at equal value: a hidden total hides more than it protects.
        return min(pool, key=lambda p: (grid[p[0]][p[1]], p[0] == rows or p[1] == cols)) if pool else None

    for _ in range(1000):
        changed = False
        for line in lines:
            if sum(p in suppressed for p in line) == 1:
                pick = cheapest(line)
                if pick is not None:
                    suppressed.add(pick)
                    changed = True
        if changed:
            continue
        for i, j in _bridges(suppressed):
            best, best_cost = None, math.inf
            for i2 in range(rows + 1):
                for j2 in range(cols + 1):
                    if i2 == i or j2 == j:
                        continue
                    square = [(i, j2), (i2, j), (i2, j2)]
                    cost = sum(0 if p in suppressed else grid[p[0]][p[1]] or 10**9 for p in square)
                    if cost < best_cost:
                        best, best_cost = square, cost
            if best:
                suppressed.update(best)
                changed = True
            break
        if not changed:
            break

    def shown(i: int, j: int) -> int | None:
        return None if (i, j) in suppressed else grid[i][j]

    return Published(
        cells=[[shown(i, j) for j in range(cols)] for i in range(rows)],
        row_totals=[shown(i, cols) for i in range(rows)],
        column_totals=[shown(rows, j) for j in range(cols)],
        total=shown(rows, cols),
        primary=frozenset(primary),
        complementary=frozenset(suppressed - primary),
    )


def suppress_values(values: Sequence[int], threshold: int = SUPPRESS_BELOW) -> list[int | None]:
    """A list published without a total: only primary suppression is needed."""
    return [None if 0 < v < threshold else int(v) for v in values]


# -- trend alerts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Alert:
    key: Hashable
    last: int
    mean: float
    z: float
    direction: str  # "rise" or "drop"

    @property
    def ratio(self) -> float:
        return self.last / self.mean if self.mean else math.inf


def trend_alert(key: Hashable, weekly: Sequence[int]) -> Alert | None:
    """The alert rule (module docstring) on a series whose last value is the latest complete week."""
    if len(weekly) < BASELINE_WEEKS + 1:
        return None
    last = int(weekly[-1])
    mean = sum(weekly[-BASELINE_WEEKS - 1:-1]) / BASELINE_WEEKS
    if mean <= 0:
        return Alert(key, last, 0.0, math.inf, "rise") if last >= ALERT_MIN_COUNT else None
    z = (last - mean) / math.sqrt(mean)
    if last >= ALERT_MIN_COUNT and last >= ALERT_RATIO * mean and z >= ALERT_Z:
        return Alert(key, last, mean, z, "rise")
    if mean >= ALERT_MIN_COUNT and last <= mean / ALERT_RATIO and z <= -ALERT_Z:
        return Alert(key, last, mean, z, "drop")
    return None


# -- forecasts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Forecast:
    mean: list[float]
    lower: list[float]
    upper: list[float]
    method: str


def forecast_weekly(counts: Sequence[float], horizon: int = FORECAST_WEEKS,
                    level: float = FORECAST_LEVEL) -> Forecast | None:
    """Weekly counts -> `horizon` weeks of forecast with a prediction interval; None if too short.

    The model of the module docstring, fitted in closed form with numpy (least squares on
    y[t] ~ y[t-1] + constant + trend + Fourier terms). It is the same estimator and the same interval
    as statsmodels' `AutoReg(lags=1, trend="n", exog=DeterministicProcess(...))` and its
    `get_prediction` (agrees to 1e-10, checked against it), without importing statsmodels and pandas
    (~1 s) or building their objects (~3 ms a series): σ² = SSR / (n − 1); the h-step forecast
    recurses on the AR(1) term; its variance is σ² (1 + φ² + … + φ^(2(h−1))), so like statsmodels'
    interval it leaves out the uncertainty of the fitted coefficients."""
    import numpy as np

    y = np.log1p(np.asarray(counts, dtype=float))
    n = len(y)
    if n < 16 or not np.isfinite(y).all():
        return None
    seasonal = n > 60
    t = np.arange(n + horizon, dtype=float)
    terms = [np.ones_like(t), t + 1]  # constant, linear trend
    if seasonal:
        for k in range(1, 4):  # 3 Fourier pairs, period YEAR_WEEKS
            terms += [np.sin(2 * np.pi * k * t / YEAR_WEEKS), np.cos(2 * np.pi * k * t / YEAR_WEEKS)]
    deterministic = np.column_stack(terms)
    design = np.column_stack([y[:-1], deterministic[1:n]])
    beta, *_ = np.linalg.lstsq(design, y[1:], rcond=None)
    residuals = y[1:] - design @ beta
    sigma2 = float(residuals @ residuals) / (n - 1)
    phi, coefficients = float(beta[0]), beta[1:]
    steps, previous = [], y[-1]
    for h in range(horizon):
        previous = phi * previous + float(deterministic[n + h] @ coefficients)
        steps.append(previous)
    mean = np.array(steps)
    se = np.sqrt(sigma2 * np.cumsum(phi ** (2 * np.arange(horizon))))
    z = NormalDist().inv_cdf(0.5 + level / 2)
    back = np.expm1
    return Forecast(
        mean=[float(v) for v in back(mean)],
        lower=[max(0.0, float(v)) for v in back(mean - z * se)],
        upper=[float(v) for v in back(mean + z * se)],
        method="AR(1) + trend + yearly Fourier terms on log counts" if seasonal else "AR(1) + trend on log counts",
    )
