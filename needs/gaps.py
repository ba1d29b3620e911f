"""Supply against demand, per region × category: where do people search for help that their region's
services do not offer? Pure arithmetic on the cube (needs.report), the supply (needs.supply) and the
residents per region (directory.geo.region_populations, 2021 census).

For region r and category c over the period:

* demand rate d = searches made from r in c per 10,000 residents of r;
* supply rate s = active services at a location in r in c per 10,000 residents of r;
* **gap index G = (d / d_Q) / (s / s_Q)**, where d_Q and s_Q are the same rates for all of Québec.
  Residents cancel out, so G = (D / S) / (D_Q / S_Q): the searches per service in the region,
  relative to the searches per service in Québec, for the same category. G = 1: the region searches
  as much per service as Québec does; G = 2.4: each service there faces 2.4 times the demand.

Why relative to Québec, category by category: a search and a service are different units (one
service answers many searches), and categories differ in both (people search food more than legal
aid, and there are more food banks): comparing each region with the province in the same category
makes the index unit-free, comparable across categories, and insensitive to how many people use the
portal at all. Searches that gave no place are left out of every rate (they belong to no region).

Uncertainty: searches and services are treated as Poisson counts. The rate intervals are Poisson
score intervals (the Wilson interval's counterpart for a count): x + z²/2 ± z √(x + z²/4). The index
interval is the conditional-binomial interval for a ratio of two Poisson counts: given D + S, D is
binomial with p = D / (D + S); a Wilson interval (p_lo, p_hi) for p gives D/S in
(p_lo / (1 − p_lo), p_hi / (1 − p_hi)), divided by Québec's D_Q / S_Q (thousands of searches and
services: treated as known). 95 % throughout.

Suppression (docs/architecture.md, decision 9): search counts are the dashboard's own region ×
category table (`needs.report.by_region`, already suppressed with its margins), so this view
publishes nothing that table hides; a suppressed count hides every figure made from it (rate, share,
index). The zero- and few-result counts are suppressed the same way (their own table and margins).
The Québec reference counts are never published, only rates rounded to 0.1 per 10,000 (≈ 85
searches). The trend table (8 quarters of 13 weeks) is suppressed as a table too. Service counts
describe the directory, not people: published as they are.

Ranking: the pairs where demand most outstrips supply are ranked by the interval's *lower* bound, so
a pair is high because it is surely high, not because a handful of searches met a handful of
services. A pair with no service at all has an infinite index (shown as "no service listed"); its
lower bound still ranks it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from needs import report, stats
from needs.supply import ALL, Supply

Z95 = 1.959963984540054
PER = 10_000
TOP_GAPS = 15
TREND_QUARTERS = 8
QUARTER_WEEKS = 13
TREND_SERIES = 5


# -- intervals ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Interval:
    low: float
    high: float  # math.inf when unbounded


def wilson(k: int, n: int, z: float = Z95) -> Interval:
    """Wilson score interval for a proportion k / n (n > 0)."""
    p = k / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    # At k = 0 or k = n the bound is exactly 0 or 1 (floating point would give 0.9999999999999999).
    return Interval(0.0 if k == 0 else max(0.0, centre - half), 1.0 if k == n else min(1.0, centre + half))


def poisson_interval(x: int, z: float = Z95) -> Interval:
    """Score interval for a Poisson mean from one count x."""
    centre, half = x + z * z / 2, z * math.sqrt(x + z * z / 4)
    return Interval(max(0.0, centre - half), centre + half)


def ratio_interval(d: int, s: int, z: float = Z95) -> Interval:
    """Interval for the ratio of two Poisson means from counts d and s (conditional binomial +
    Wilson). Unbounded above when s = 0."""
    if d + s == 0:
        return Interval(0.0, math.inf)
    p = wilson(d, d + s, z)
    high = math.inf if p.high >= 1.0 else p.high / (1 - p.high)
    return Interval(p.low / (1 - p.low), high)


def gap_index(d: int, s: int, d_ref: float, s_ref: float) -> tuple[float, Interval]:
    """G = (d / s) / (d_ref / s_ref) and its interval; infinite when s = 0 (and d > 0)."""
    reference = d_ref / s_ref
    ci = ratio_interval(d, s)
    scaled = Interval(ci.low / reference, ci.high / reference)
    if s == 0:
        return (math.inf if d else math.nan), scaled
    return (d / s) / reference, scaled


# -- the table ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GapRow:
    """One region × category (region "" = all of Québec, category "" = all categories)."""

    region: str
    category: str
    population: int
    services: int
    services_rate: float  # per 10,000 residents
    searches: int | None  # None: suppressed
    searches_rate: float | None
    searches_rate_ci: Interval | None
    unmet_share: float | None  # zero- or few-result searches / searches
    demand_ratio: float | None  # d / d_Q
    supply_ratio: float | None  # s / s_Q
    index: float | None  # None: suppressed or nothing to compare; inf: no service
    index_ci: Interval | None

    @property
    def no_service(self) -> bool:
        return self.services == 0

    @property
    def rank_key(self) -> float:
        return self.index_ci.low if self.index_ci is not None else -math.inf


@dataclass(frozen=True)
class GapTable:
    rows: dict[tuple[str, str], GapRow]
    regions: list[str]  # "01".."17"
    categories: list[str]  # top-level codes, then ALL
    weeks: int
    first_week: dt.date | None
    last_week: dt.date | None
    placeless_share: float | None  # searches without a place, of all searches (published or None)

    def row(self, region: str, category: str) -> GapRow:
        return self.rows[(region, category)]

    def top(self, n: int = TOP_GAPS) -> list[GapRow]:
        """Pairs (a region, a category) where demand outstrips supply, surest first."""
        candidates = [r for r in self.rows.values() if r.region and r.category and r.index is not None
                      and r.index > 1 and r.index_ci is not None and r.index_ci.low > 0]
        return sorted(candidates, key=lambda r: (-r.rank_key, r.region, r.category))[:n]


def _published_grid(values: np.ndarray) -> stats.Published:
    return stats.suppress(values.tolist())


def build(cube: report.Cube, supply: Supply, populations: Mapping[str, int], weeks: int) -> GapTable:
    """Every region × category (and the Québec and all-categories margins) over the last `weeks`."""
    period = report.Filters(weeks=weeks)
    demand = report.by_region(cube, period)  # the dashboard's own table: same suppression
    regions = [r for r in demand.rows if r]
    categories = [c for c in demand.columns if c] + [ALL]
    window = report.period_slice(cube, period)
    order = [cube.regions.index(r) for r in demand.rows]
    unmet_raw = (cube.zero[window] + cube.few[window]).sum(axis=0)[order]
    unmet = _published_grid(unmet_raw)
    raw = cube.searches[window].sum(axis=0)[order]  # same order as `demand`
    known = [i for i, r in enumerate(demand.rows) if r]
    column = {c: j for j, c in enumerate(demand.columns)}
    quebec_population = sum(populations.get(r, 0) for r in regions)

    def cell(table: stats.Published, i: int, category: str) -> int | None:
        return table.row_totals[i] if category == ALL else table.cells[i][column[category]]

    def raw_cell(i: int, category: str) -> int:
        return int(raw[i].sum() if category == ALL else raw[i][column[category]])

    rows: dict[tuple[str, str], GapRow] = {}
    for category in categories:
        d_ref = sum(raw_cell(i, category) for i in known)
        s_ref = supply.services("", category)
        d_rate_q = d_ref / quebec_population * PER if quebec_population else 0.0
        s_rate_q = s_ref / quebec_population * PER if quebec_population else 0.0
        for i in known:
            region = demand.rows[i]
            population = populations.get(region, 0)
            services = supply.services(region, category)
            searches = cell(demand.published, i, category)
            zero_few = cell(unmet, i, category)
            s_rate = services / population * PER if population else 0.0
            index = ci = d_rate = d_ci = share = d_ratio = None
            if searches is not None and population:
                d_rate = searches / population * PER
                low_high = poisson_interval(searches)
                d_ci = Interval(low_high.low / population * PER, low_high.high / population * PER)
                d_ratio = d_rate / d_rate_q if d_rate_q else None
                if zero_few is not None and searches:
                    share = zero_few / searches
                if d_ref and s_ref and searches:
                    value, ci = gap_index(searches, services, d_ref, s_ref)
                    index = None if math.isnan(value) else value
            rows[(region, category)] = GapRow(
                region, category, population, services, s_rate, searches, d_rate, d_ci, share, d_ratio,
                s_rate / s_rate_q if s_rate_q else None, index, ci)
        all_searches = (demand.published.total if category == ALL
                        else demand.published.column_totals[column[category]])
        all_unmet = unmet.total if category == ALL else unmet.column_totals[column[category]]
        rows[("", category)] = GapRow(
            "", category, quebec_population, s_ref, s_rate_q, all_searches,
            round(d_rate_q, 1) if all_searches is not None else None, None,
            all_unmet / all_searches if all_unmet is not None and all_searches else None,
            1.0 if d_ref else None, 1.0 if s_ref else None, 1.0 if d_ref and s_ref else None, None)
    unknown = demand.rows.index("") if "" in demand.rows else None
    placeless = demand.published.row_totals[unknown] if unknown is not None else None
    total = demand.published.total
    return GapTable(rows, regions, categories, weeks,
                    cube.weeks[window][0] if cube.weeks else None, cube.weeks[-1] if cube.weeks else None,
                    placeless / total if placeless is not None and total else None)


# -- trends -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Trend:
    """The index of a few (region, category) pairs per quarter (13 weeks) over the last 2 years."""

    pairs: list[tuple[str, str]]
    quarters: list[tuple[dt.date, dt.date]]  # (first week, last week)
    searches: list[list[int | None]]  # [quarter][pair], suppressed
    index: list[list[float | None]]
    index_ci: list[list[Interval | None]]


def trend(cube: report.Cube, supply: Supply, pairs: Sequence[tuple[str, str]],
          quarters: int = TREND_QUARTERS) -> Trend:
    """Each quarter's index against Québec's searches per service in the same quarter (so seasons,
    and the portal's growth, cancel out). Supply is today's (needs.supply)."""
    # Quarters end at the latest complete week; the oldest one may be shorter when the log is young
    # (each quarter is compared with Québec over the same weeks, so a short one is still fair).
    available = min(quarters, -(-len(cube.weeks) // QUARTER_WEEKS))
    pairs = list(pairs)
    if not available or not pairs:
        return Trend(pairs, [], [], [], [])
    known = [i for i, r in enumerate(cube.regions) if r]
    spans: list[tuple[dt.date, dt.date]] = []
    raw: list[list[int]] = []
    references: list[list[int]] = []
    for q in range(available):
        end = len(cube.weeks) - (available - 1 - q) * QUARTER_WEEKS
        weeks = slice(max(0, end - QUARTER_WEEKS), end)
        block = cube.searches[weeks].sum(axis=0)  # [region, category]
        spans.append((cube.weeks[weeks][0], cube.weeks[weeks][-1]))
        row, refs = [], []
        for region, category in pairs:
            i = cube.regions.index(region)
            j = cube.categories.index(category) if category else None
            row.append(int(block[i].sum() if j is None else block[i][j]))
            refs.append(int(block[known].sum() if j is None else block[known, j].sum()))
        raw.append(row)
        references.append(refs)
    published = stats.suppress(raw, columns=len(pairs))
    index: list[list[float | None]] = []
    intervals: list[list[Interval | None]] = []
    for q in range(available):
        values: list[float | None] = []
        cis: list[Interval | None] = []
        for k, (region, category) in enumerate(pairs):
            d = published.cells[q][k]
            s, s_ref, d_ref = supply.services(region, category), supply.services("", category), references[q][k]
            if d is None or not d or not d_ref or not s_ref:
                values.append(None)
                cis.append(None)
                continue
            value, ci = gap_index(d, s, d_ref, s_ref)
            values.append(value)
            cis.append(ci)
        index.append(values)
        intervals.append(cis)
    return Trend(pairs, spans, published.cells, index, intervals)
