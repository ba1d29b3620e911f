"""The dashboard's aggregates, computed from the roll-ups only (never from the raw log).

`load_cube` reads `search_week` once, grouped by week × region × category (a few tens of thousands
of rows for two years), into numpy arrays; every table of the dashboard and of the open data is a
slice of that cube, plus one grouped query on `unmet_need_week`. Tables come out already suppressed
(`needs.stats.suppress`) so no caller can publish a small count by mistake. Labels are the caller's
business: this module speaks in region and category codes.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
from sqlalchemy import func, literal, select
from sqlalchemy.engine import Engine

from directory import geo, taxonomy
from needs import stats
from needs.models import SearchWeek, UnmetNeedWeek
from needs.record import week_of

PERIODS = (13, 26, 52, 104)  # weeks
DEFAULT_PERIOD = 52
WEEKLY_BUCKETS_UP_TO = 26  # longer periods are shown by month
CHART_SERIES = 6  # categories drawn on the time chart (the table has them all)
TOP_PER_REGION = 3
UNMET_ROWS = 20
# The phrase rule (docs/privacy.md): a need is published in words only when this many searches,
# on this many different days, typed it; stated on the dashboard.
PHRASE_MIN_SEARCHES = 10
PHRASE_MIN_DAYS = 3
FORECAST_CATEGORIES = 4
FORECAST_HISTORY_WEEKS = 12  # actual weeks shown before the forecast
UNKNOWN = ""

log = logging.getLogger(__name__)


def region_codes() -> list[str]:
    return sorted(geo.regions())


def category_codes() -> list[str]:
    return [c.code for c in taxonomy.categories() if c.parent_code is None]


@dataclass(frozen=True)
class Filters:
    weeks: int = DEFAULT_PERIOD
    region: str = ""  # "" = all of Québec
    category: str = ""  # "" = every category

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> Filters:
        """Unknown values fall back to the defaults: a URL typed by hand never errors."""
        try:
            weeks = int(args.get("period") or DEFAULT_PERIOD)
        except ValueError:
            weeks = DEFAULT_PERIOD
        region = args.get("region") or ""
        category = args.get("category") or ""
        return cls(
            weeks=weeks if weeks in PERIODS else DEFAULT_PERIOD,
            region=region if region in region_codes() else "",
            category=category if category in category_codes() else "",
        )

    def as_args(self) -> dict[str, str]:
        args = {"period": str(self.weeks)}
        if self.region:
            args["region"] = self.region
        if self.category:
            args["category"] = self.category
        return args


@dataclass
class Cube:
    weeks: list[dt.date]
    regions: list[str]  # "" (unknown) then "01".."17"
    categories: list[str]  # top-level codes then "" (unmapped)
    searches: np.ndarray  # [week, region, category]
    zero: np.ndarray
    few: np.ndarray
    loaded_at: float = field(default_factory=time.monotonic)
    # Per week: (rows, searches, zero, few) in `search_week`, to re-read only the weeks that changed.
    fingerprints: dict[dt.date, tuple[int, ...]] = field(default_factory=dict, repr=False)

    @property
    def empty(self) -> bool:
        return not self.weeks or int(self.searches.sum()) == 0


def _as_date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _fetch(engine: Engine, sql: str, params: tuple[Any, ...] = ()) -> Sequence[tuple[Any, ...]]:
    """Plain DB-API tuples: SQLAlchemy rows cost more to build than the query takes to run."""
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        try:
            if engine.dialect.name != "sqlite":
                sql = sql.replace("?", "%s")
            cursor.execute(sql, params)
            return cursor.fetchall()
        finally:
            cursor.close()
    finally:
        connection.close()


def load_cube(engine: Engine, today: dt.date | None = None, previous: Cube | None = None) -> Cube:
    """Every complete week in `search_week` (the current, partial week is left out).

    A first grouped query gives each week's fingerprint (rows and sums, served from the covering
    index `ix_search_week_cube`); with a `previous` cube, only the weeks whose fingerprint changed are
    read again (usually none: logging only touches the current, partial week).

    The cyclic garbage collector is paused meanwhile: the tens of thousands of row tuples (which
    hold no cycles, and are freed on return) would otherwise trigger full collections over the
    whole application's heap, which nearly doubled a full read in a running portal (90 -> 170 ms CPU)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_cube(engine, today, previous)
    finally:
        if collecting:
            gc.enable()


def _load_cube(engine: Engine, today: dt.date | None, previous: Cube | None) -> Cube:
    this_week = week_of(today or dt.date.today())
    regions = [UNKNOWN, *region_codes()]
    categories = [*category_codes(), UNKNOWN]
    table = SearchWeek.__tablename__
    prints: dict[dt.date, tuple[int, ...]] = {}
    for week, *values in _fetch(engine, f"SELECT week, COUNT(*), SUM(searches), SUM(zero_results), SUM(few_results) "
                                        f"FROM {table} GROUP BY week"):
        day = _as_date(week)
        if day < this_week:
            prints[day] = tuple(int(v or 0) for v in values)
    if not prints:
        shape = (0, len(regions), len(categories))
        return Cube([], regions, categories, np.zeros(shape, int), np.zeros(shape, int), np.zeros(shape, int))
    first, last = min(prints), max(prints)
    weeks = [first + dt.timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
    shape = (len(weeks), len(regions), len(categories))
    arrays = [np.zeros(shape, dtype=np.int64) for _ in range(3)]

    # Weeks kept from the previous cube: a prefix whose fingerprints are unchanged.
    kept = 0
    if (previous is not None and previous.weeks and previous.weeks[0] == first
            and previous.regions == regions and previous.categories == categories):
        for day in previous.weeks:
            if kept >= len(weeks) or previous.fingerprints.get(day) != prints.get(day):
                break
            kept += 1
        for array, old in zip(arrays, (previous.searches, previous.zero, previous.few), strict=True):
            array[:kept] = old[:kept]
    if kept < len(weeks):
        since = weeks[kept]
        parameter = since.isoformat() if engine.dialect.name == "sqlite" else since
        rows = _fetch(engine, f"SELECT week, region_code, category, SUM(searches), SUM(zero_results), "
                              f"SUM(few_results) FROM {table} WHERE week >= ? "
                              f"GROUP BY week, region_code, category", (parameter,))
        if rows:
            # Column-wise, without a Python loop over rows: each column's distinct values are
            # mapped once to their index (weeks come back as text from SQLite, as dates elsewhere).
            week_col, region_col, category_col, *value_cols = zip(*rows, strict=True)

            def codes(column: tuple[Any, ...], index_of: Callable[[Any], int]) -> np.ndarray:
                values = np.array(column)
                if values.dtype == object:  # dates (PostgreSQL)
                    values = values.astype(str)
                distinct, inverse = np.unique(values, return_inverse=True)
                return np.array([index_of(v) for v in distinct], dtype=np.int64)[inverse]

            first_ordinal = first.toordinal()

            def week_index(value: str) -> int:
                day = _as_date(value)
                return (day.toordinal() - first_ordinal) // 7 if day < this_week else -1

            r_index = {code: i for i, code in enumerate(regions)}
            c_index = {code: i for i, code in enumerate(categories)}
            wi = codes(week_col, week_index)
            ri = codes(region_col, lambda v: r_index.get(v, 0))
            ci = codes(category_col, lambda v: c_index.get(v, len(categories) - 1))
            keep = wi >= 0
            for array, column in zip(arrays, value_cols, strict=True):
                values = np.nan_to_num(np.array(column, dtype=float)).astype(np.int64)
                np.add.at(array, (wi[keep], ri[keep], ci[keep]), values[keep])
    searches, zero, few = arrays
    return Cube(weeks, regions, categories, searches, zero, few, fingerprints=prints)


class CubeCache:
    """One cube per database, refreshed after `seconds`: the roll-ups change every second, the
    published figures need not."""

    def __init__(self, seconds: float = 60.0) -> None:
        self.seconds = seconds
        self._cubes: dict[str, Cube] = {}
        self._refreshing: set[str] = set()
        self._lock = threading.Lock()

    def get(self, engine: Engine) -> Cube:
        """The cube; only the first request waits for it. Later, an expired cube is still served
        while one background thread reads a fresh one (stale-while-revalidate)."""
        key = str(engine.url)
        cube = self._cubes.get(key)
        if cube is None:
            with self._lock:
                cube = self._cubes.get(key)
                if cube is None:
                    cube = self._cubes[key] = load_cube(engine)
        elif time.monotonic() - cube.loaded_at > self.seconds:
            if self.seconds <= 0:
                cube = self._cubes[key] = load_cube(engine, previous=cube)
            elif key not in self._refreshing:
                self._refreshing.add(key)
                threading.Thread(target=self._refresh, args=(engine, key), daemon=True).start()
        return cube

    def _refresh(self, engine: Engine, key: str) -> None:
        try:
            self._cubes[key] = load_cube(engine, previous=self._cubes.get(key))
        except Exception as error:  # keep serving the old figures; the next request tries again
            log.warning("needs dashboard: figures not refreshed, serving the previous ones: %r", error)
        finally:
            self._refreshing.discard(key)

    def clear(self) -> None:
        self._cubes.clear()


# -- tables ---------------------------------------------------------------------------------


@dataclass
class Table:
    """A published table: row and column keys, suppressed cells and margins."""

    rows: list[Any]  # keys (dates, region codes, needs…)
    columns: list[Any]
    published: stats.Published

    def cell(self, i: int, j: int) -> int | None:
        return self.published.cells[i][j]


def _window(cube: Cube, filters: Filters) -> tuple[slice, np.ndarray]:
    """Weeks of the period (ending at the latest complete week) and the region mask."""
    start = max(0, len(cube.weeks) - filters.weeks)
    regions = np.array([not filters.region or code == filters.region for code in cube.regions])
    return slice(start, len(cube.weeks)), regions


def period_slice(cube: Cube, filters: Filters) -> slice:
    """The cube's weeks of the period (ending at the latest complete week)."""
    return _window(cube, filters)[0]


def _category_columns(cube: Cube, filters: Filters) -> list[int]:
    if filters.category:
        return [cube.categories.index(filters.category)]
    return list(range(len(cube.categories)))


def over_time(cube: Cube, filters: Filters) -> Table:
    """Searches per week (or month) × category in the period and region."""
    weeks, regions = _window(cube, filters)
    columns = _category_columns(cube, filters)
    data = cube.searches[weeks][:, regions, :].sum(axis=1)[:, columns]
    dates = cube.weeks[weeks]
    if filters.weeks > WEEKLY_BUCKETS_UP_TO:
        buckets: dict[dt.date, np.ndarray] = {}
        for day, row in zip(dates, data, strict=True):
            month = day.replace(day=1)
            buckets[month] = buckets.get(month, 0) + row
        # Only whole months: a month cut by the window's edges would look like a drop in searches.
        complete = [m for m in buckets if sum(1 for d in dates if d.replace(day=1) == m) == _mondays(m)]
        keys = complete
        data = np.array([buckets[m] for m in complete]) if complete else np.zeros((0, len(columns)), int)
    else:
        keys = list(dates)
    codes = [cube.categories[k] for k in columns]
    values = np.asarray(data).reshape(len(keys), len(codes)).tolist()
    return Table(keys, codes, stats.suppress(values, columns=len(codes)))


def by_region(cube: Cube, filters: Filters) -> Table:
    """Searches per region × category over the period (every region, whatever the region filter)."""
    weeks, _ = _window(cube, filters)
    columns = _category_columns(cube, filters)
    data = cube.searches[weeks].sum(axis=0)[:, columns]
    order = list(range(1, len(cube.regions))) + [0]  # known regions first, unknown last
    return Table([cube.regions[i] for i in order], [cube.categories[k] for k in columns],
                 stats.suppress(data[order].tolist()))


@dataclass(frozen=True)
class TopNeed:
    category: str
    searches: int | None  # None when suppressed
    share: float  # of the region's searches
    index: float  # share in the region / share in Québec (1.0 = as much as elsewhere)


def top_needs_per_region(table: Table) -> dict[str, list[TopNeed]]:
    """From the (already suppressed) region × category table: each region's most searched
    categories, with how much more or less they are searched there than in Québec as a whole."""
    published = table.published
    québec = [v or 0 for v in published.column_totals]
    québec_total = sum(québec) or 1
    out = {}
    for i, region in enumerate(table.rows):
        row = [v or 0 for v in published.cells[i]]  # suppressed: 0
        total = sum(row)
        if not region or not total:
            continue
        ranked = sorted((j for j, v in enumerate(row) if v and table.columns[j]), key=lambda j: -row[j])
        out[region] = [
            TopNeed(table.columns[j], row[j], row[j] / total,
                    (row[j] / total) / (québec[j] / québec_total) if québec[j] else 0.0)
            for j in ranked[:TOP_PER_REGION]
        ]
    return out


def unmet_needs(engine: Engine, cube: Cube, filters: Filters, limit: int = UNMET_ROWS) -> Table:
    """Needs with the most zero- and few-result searches: rows (need, category), columns (zero
    results, few results). A need is published as a phrase only when it passes the phrase rule
    (`phrase_published`); the searches of every other need are added up by category in rows
    (None, category), so they are counted without their words."""
    if not cube.weeks:
        return Table([], ["zero", "few"], _empty())
    weeks, _ = _window(cube, filters)
    first = cube.weeks[weeks][0]
    t = UnmetNeedWeek.__table__.c
    # Distinct days: per need and week, bit b of the OR of the rows' `days` is MAX(days & 2^b) / 2^b
    # (SQLite has no bitwise OR aggregate); summed over the bits, then over the weeks.
    days_in_week = sum((func.max(t.days.op("&")(1 << b)) / (1 << b) for b in range(7)), start=literal(0))
    per_week = (
        select(t.need, t.category, func.sum(t.zero_results).label("zero"), func.sum(t.few_results).label("few"),
               days_in_week.label("days"))
        .where(t.week >= first, t.week <= cube.weeks[-1])
        .group_by(t.need, t.category, t.week)
    )
    if filters.region:
        per_week = per_week.where(t.region_code == filters.region)
    if filters.category:
        per_week = per_week.where(t.category == filters.category)
    inner = per_week.subquery()
    query = (select(inner.c.need, inner.c.category, func.sum(inner.c.zero), func.sum(inner.c.few),
                    func.sum(inner.c.days))
             .group_by(inner.c.need, inner.c.category))
    # Memoized per version of the weeks read: `needs.log` adds to both roll-ups in one transaction,
    # so the zero- and few-result sums in the cube's week fingerprints change whenever these do.
    chosen = cube.weeks[weeks]
    version = tuple(cube.fingerprints.get(w) for w in chosen)
    key = (str(engine.url), filters.region, filters.category, chosen[0], chosen[-1], limit, version)
    if cube.fingerprints and key in _unmet_cache:
        return _unmet_cache[key]
    with engine.connect() as conn:
        found = [(need, category, int(zero or 0), int(few or 0), int(days or 0))
                 for need, category, zero, few, days in conn.execute(query)]
    phrases = sorted((r for r in found if phrase_published(r[0], r[2] + r[3], r[4])),
                     key=lambda r: (-(r[2] + r[3]), r[0], r[1]))[:limit]
    shown = {(r[0], r[1]) for r in phrases}
    others: dict[str, list[int]] = {}
    for need, category, zero, few, _days in found:
        if (need, category) not in shown:
            counts = others.setdefault(category, [0, 0])
            counts[0] += zero
            counts[1] += few
    rest = sorted(others.items(), key=lambda item: (-sum(item[1]), item[0]))
    rows: list[tuple[str | None, str]] = [(r[0], r[1]) for r in phrases] + [(None, c) for c, _ in rest]
    values = [[r[2], r[3]] for r in phrases] + [counts for _, counts in rest]
    table = Table(rows, ["zero", "few"], stats.suppress(values)) if rows else Table([], ["zero", "few"], _empty())
    if cube.fingerprints:
        if len(_unmet_cache) > 500:
            _unmet_cache.clear()
        _unmet_cache[key] = table
    return table


def phrase_published(need: str, searches: int, days: int) -> bool:
    """The phrase rule: at least PHRASE_MIN_SEARCHES searches on at least PHRASE_MIN_DAYS different
    days in the period, and at least one known word (a need of placeholders only is never shown)."""
    return bool(need) and searches >= PHRASE_MIN_SEARCHES and days >= PHRASE_MIN_DAYS


def phrase_counts(engine: Engine, cube: Cube, filters: Filters) -> tuple[int, int]:
    """(distinct needs in the period, how many pass the phrase rule): the figure bench/needs.py prints."""
    table = unmet_needs(engine, cube, filters, limit=10**9)
    phrases = sum(1 for need, _ in table.rows if need is not None)
    t = UnmetNeedWeek.__table__.c
    weeks, _ = _window(cube, filters)
    first = cube.weeks[weeks][0] if cube.weeks else dt.date.min
    needs = select(t.need).where(t.week >= first).group_by(t.need)
    if filters.region:
        needs = needs.where(t.region_code == filters.region)
    if filters.category:
        needs = needs.where(t.category == filters.category)
    with engine.connect() as conn:
        distinct = conn.execute(select(func.count()).select_from(needs.subquery())).scalar_one()
    return int(distinct), phrases


_unmet_cache: dict[tuple[Any, ...], Table] = {}


def _empty() -> stats.Published:
    return stats.Published([], [], [None, None], None, frozenset(), frozenset())


@dataclass(frozen=True)
class AlertRow:
    category: str
    region: str  # "" = all of Québec
    alert: stats.Alert
    week: dt.date


def alerts(cube: Cube, filters: Filters) -> list[AlertRow]:
    """Week-over-week anomalies per category, in Québec and in each region (`stats.trend_alert`)."""
    if len(cube.weeks) < stats.BASELINE_WEEKS + 1:
        return []
    recent = cube.searches[-(stats.BASELINE_WEEKS + 1):]
    columns = _category_columns(cube, filters)
    found = []
    region_indexes = [i for i, code in enumerate(cube.regions)
                      if code and (not filters.region or code == filters.region)]
    for k in columns:
        code = cube.categories[k]
        if not code:
            continue
        if not filters.region:
            alert = stats.trend_alert((code, ""), recent[:, :, k].sum(axis=1).tolist())
            if alert:
                found.append(AlertRow(code, "", alert, cube.weeks[-1]))
        for j in region_indexes:
            alert = stats.trend_alert((code, cube.regions[j]), recent[:, j, k].tolist())
            if alert:
                found.append(AlertRow(code, cube.regions[j], alert, cube.weeks[-1]))
    found.sort(key=lambda a: -abs(a.alert.z))
    return found


@dataclass(frozen=True)
class ForecastRow:
    category: str
    history_weeks: list[dt.date]
    history: list[int | None]  # suppressed below 10
    weeks: list[dt.date]
    forecast: stats.Forecast


_forecast_cache: dict[tuple[Any, ...], ForecastRow | None] = {}


def clear_caches() -> None:
    """Forget the memoized unmet-needs tables and forecasts (benchmarks timing a cold read)."""
    _unmet_cache.clear()
    _forecast_cache.clear()


def forecasts(cube: Cube, filters: Filters, limit: int = FORECAST_CATEGORIES) -> list[ForecastRow]:
    """4-week forecasts for the most searched categories in the region (whole history is used)."""
    if not cube.weeks:
        return []
    _, regions = _window(cube, filters)
    series = cube.searches[:, regions, :].sum(axis=1)  # [week, category]
    columns = [k for k in _category_columns(cube, filters) if cube.categories[k]]
    weeks_recent, _ = _window(cube, filters)
    totals = series[weeks_recent].sum(axis=0)
    top = sorted(columns, key=lambda k: -totals[k])[:limit]
    out: list[ForecastRow] = []
    for k in top:
        values = series[:, k]
        if values[-stats.BASELINE_WEEKS:].mean() < stats.SUPPRESS_BELOW:
            continue  # too small to forecast or to publish
        # Fitted once per series: the key is the series itself, so re-reading unchanged roll-ups
        # (or another period or category filter) reuses the fit.
        key = (cube.categories[k], cube.weeks[-1], values.tobytes())
        if key not in _forecast_cache:
            fc = stats.forecast_weekly(values.tolist())
            last = cube.weeks[-1]
            _forecast_cache[key] = None if fc is None else ForecastRow(
                cube.categories[k],
                cube.weeks[-FORECAST_HISTORY_WEEKS:],
                stats.suppress_values(values[-FORECAST_HISTORY_WEEKS:].tolist()),
                [last + dt.timedelta(weeks=i + 1) for i in range(len(fc.mean))],
                fc,
            )
        row = _forecast_cache[key]
        if row is not None:
            out.append(row)
    if len(_forecast_cache) > 2000:
        _forecast_cache.clear()
    return out


class Dashboard:
    """The figures of one filter set, each computed on first use: a chart or a download needs one
    table, not the whole page (the unmet-needs query and the forecasts are the dear parts)."""

    def __init__(self, engine: Engine, cube: Cube, filters: Filters) -> None:
        self.engine = engine
        self.cube = cube
        self.filters = filters

    @cached_property
    def over_time(self) -> Table:
        return over_time(self.cube, self.filters)

    @cached_property
    def by_region(self) -> Table:
        return by_region(self.cube, self.filters)

    @cached_property
    def top_needs(self) -> dict[str, list[TopNeed]]:
        return top_needs_per_region(self.by_region)

    @cached_property
    def unmet(self) -> Table:
        return unmet_needs(self.engine, self.cube, self.filters)

    @cached_property
    def alerts(self) -> list[AlertRow]:
        return alerts(self.cube, self.filters)

    @cached_property
    def forecasts(self) -> list[ForecastRow]:
        return forecasts(self.cube, self.filters)

    @property
    def first_week(self) -> dt.date | None:
        weeks, _ = _window(self.cube, self.filters)
        chosen = self.cube.weeks[weeks]
        return chosen[0] if chosen else None

    @property
    def last_week(self) -> dt.date | None:
        return self.cube.weeks[-1] if self.cube.weeks else None


def dashboard(engine: Engine, cube: Cube, filters: Filters) -> Dashboard:
    return Dashboard(engine, cube, filters)


def _mondays(month: dt.date) -> int:
    """How many weeks (by their Monday) a month holds."""
    day = month + dt.timedelta(days=(7 - month.weekday()) % 7)
    count = 0
    while day.month == month.month:
        count += 1
        day += dt.timedelta(weeks=1)
    return count
