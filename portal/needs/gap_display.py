"""Supply and demand (needs/gaps.py) as the page shows it: numbers in the page's locale, the sentence
of each top gap, the tile-grid map of the 17 regions, and the downloadable rows."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from flask_babel import format_date, format_decimal
from flask_babel import gettext as _

from needs import gaps
from portal.i18n import current_lang
from portal.needs import display

# "En Gaspésie, …": French takes a region's own preposition and article.
FR_IN_REGION = {
    "01": "Au Bas-Saint-Laurent", "02": "Au Saguenay–Lac-Saint-Jean", "03": "Dans la Capitale-Nationale",
    "04": "En Mauricie", "05": "En Estrie", "06": "À Montréal", "07": "En Outaouais",
    "08": "En Abitibi-Témiscamingue", "09": "Sur la Côte-Nord", "10": "Dans le Nord-du-Québec",
    "11": "En Gaspésie–Îles-de-la-Madeleine", "12": "En Chaudière-Appalaches", "13": "À Laval",
    "14": "Dans Lanaudière", "15": "Dans les Laurentides", "16": "En Montérégie", "17": "Au Centre-du-Québec",
}

# Classes of the map and of the table's "level" column: the value is always printed as well, and each
# class has its own pattern, so colour is never the only cue (WCAG 1.4.1).
CLASSES = (  # (upper bound, key, fill)
    (0.8, "below", "#e3eefa"),
    (1.25, "near", "#bcd6f2"),
    (2.0, "above", "#f8d3a8"),
    (math.inf, "far-above", "#f2aaa4"),
)
SUPPRESSED_FILL = "#ffffff"


def number(value: float | None, pattern: str = "#,##0.0") -> str:
    if value is None:
        return display.SUPPRESSED
    if math.isinf(value):
        return "∞"
    return format_decimal(value, pattern)


def index_text(row: gaps.GapRow) -> str:
    if row.index is None:
        return display.SUPPRESSED if row.searches is None else "—"
    if math.isinf(row.index):
        return _("no service listed")
    return number(row.index, "#,##0.00")


def interval_text(ci: gaps.Interval | None, pattern: str = "#,##0.00") -> str:
    if ci is None:
        return ""
    return _("%(low)s to %(high)s", low=number(ci.low, pattern), high=number(ci.high, pattern))


def share_text(share: float | None) -> str:
    return display.SUPPRESSED if share is None else format_decimal(share * 100, "0") + " %"


def quarter_label(first: dt.date, last: dt.date) -> str:
    """13 weeks, from the first week's Monday to the last week's Sunday."""
    return _("%(first)s to %(last)s", first=format_date(first, "d MMM yyyy"),
             last=format_date(last + dt.timedelta(days=6), "d MMM yyyy"))


def level(row: gaps.GapRow) -> str:
    if row.index is None:
        return "suppressed"
    return next(key for bound, key, _fill in CLASSES if row.index < bound or math.isinf(bound))


def level_labels() -> dict[str, str]:
    return {
        "below": _("Less demand per service than Québec (under 0.8)"),
        "near": _("About as Québec (0.8 to 1.25)"),
        "above": _("More demand per service (1.25 to 2)"),
        "far-above": _("Far more demand per service (2 or more, or no service)"),
        "suppressed": _("Not published (x) or no search"),
    }


def in_region(code: str) -> str:
    if current_lang() == "fr" and code in FR_IN_REGION:
        return FR_IN_REGION[code]
    return _("In %(region)s", region=display.region_name(code))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def sentence(row: gaps.GapRow) -> str:
    """One sentence for a top gap, numbers formatted for the page's locale."""
    category = _lower_first(display.category_name(row.category))
    low = number(row.index_ci.low if row.index_ci else None)
    if row.index is not None and math.isinf(row.index):
        return _("%(in_region)s, searches for “%(category)s” are %(ratio)s times as frequent per resident as in "
                 "all of Québec, and no service of this category is listed there (the gap index is at least "
                 "%(low)s, 95 %% interval).",
                 in_region=in_region(row.region), category=category, ratio=number(row.demand_ratio), low=low)
    ratio = row.demand_ratio or 0.0
    values = {"in_region": in_region(row.region), "category": category, "ratio": number(ratio),
              "supply": number(row.supply_ratio), "index": number(row.index), "low": low,
              "high": number(row.index_ci.high if row.index_ci else None)}
    if ratio >= 1.05:
        return _("%(in_region)s, searches for “%(category)s” are %(ratio)s times as frequent per resident as in "
                 "all of Québec, with %(supply)s times as many services per resident: each service faces "
                 "%(index)s times Québec's demand (95 %% interval: %(low)s to %(high)s).", **values)
    if ratio >= 0.95:
        return _("%(in_region)s, searches for “%(category)s” are about as frequent per resident as in all of "
                 "Québec, but there are only %(supply)s times as many services per resident: each service faces "
                 "%(index)s times Québec's demand (95 %% interval: %(low)s to %(high)s).", **values)
    return _("%(in_region)s, searches for “%(category)s” are less frequent per resident than in all of Québec "
             "(%(ratio)s times), but there are only %(supply)s times as many services per resident: each service "
             "faces %(index)s times Québec's demand (95 %% interval: %(low)s to %(high)s).", **values)


# -- the tile-grid map ----------------------------------------------------------------------------

# (column, row) of each region, west to east and north to south, roughly as on a map of Québec.
WIDE_GRID = {
    "10": (1, 0), "02": (2, 0), "09": (3, 0),
    "08": (0, 1), "04": (1, 1), "03": (2, 1), "01": (3, 1), "11": (4, 1),
    "07": (0, 2), "15": (1, 2), "14": (2, 2), "17": (3, 2), "12": (4, 2),
    "13": (1, 3), "06": (2, 3), "16": (3, 3), "05": (4, 3),
}
# Below 40em: three columns, bigger tiles for the same text.
NARROW_GRID = {
    "10": (1, 0), "09": (2, 0),
    "08": (0, 1), "02": (1, 1), "11": (2, 1),
    "07": (0, 2), "04": (1, 2), "01": (2, 2),
    "15": (0, 3), "03": (1, 3), "12": (2, 3),
    "13": (0, 4), "14": (1, 4), "17": (2, 4),
    "06": (0, 5), "16": (1, 5), "05": (2, 5),
}
TILE_W, TILE_H, GAP = 150, 100, 6
# Narrow tiles are smaller in SVG units, so that scaled to a phone's width their text stays ~14 px.
NARROW_TILE_W, NARROW_TILE_H = 112, 100


@dataclass(frozen=True)
class Tile:
    code: str
    x: int
    y: int
    lines: tuple[str, ...]  # the region's name, cut at a hyphen when long
    value: str
    level: str
    fill: str
    label: str  # the link's accessible name
    current: bool


def _name_lines(name: str, width: int) -> tuple[str, ...]:
    if len(name) <= width:
        return (name,)
    for mark in ("–", "-", " "):
        cut = name.rfind(mark, 0, width + 1)
        if cut > 0:
            head = name[:cut + (1 if mark != " " else 0)]
            return (head.strip(), *_name_lines(name[cut + 1:].strip(), width))
    return (name,)


def tiles(table: gaps.GapTable, category: str, current: str, narrow: bool) -> list[Tile]:
    grid = NARROW_GRID if narrow else WIDE_GRID
    width, height = tile_size(narrow)
    fills = {key: fill for _b, key, fill in CLASSES} | {"suppressed": SUPPRESSED_FILL}
    out = []
    for code, (col, row) in grid.items():
        data = table.row(code, category)
        name = display.region_name(code)
        value = index_text(data)
        out.append(Tile(code, col * (width + GAP), row * (height + GAP), _name_lines(name, 12 if narrow else 15), value,
                        level(data), fills[level(data)],
                        _("%(region)s: gap index %(value)s", region=name, value=value), code == current))
    return out


def tile_size(narrow: bool) -> tuple[int, int]:
    return (NARROW_TILE_W, NARROW_TILE_H) if narrow else (TILE_W, TILE_H)


def map_size(narrow: bool) -> tuple[int, int]:
    grid = NARROW_GRID if narrow else WIDE_GRID
    width, height = tile_size(narrow)
    cols = max(c for c, _r in grid.values()) + 1
    rows = max(r for _c, r in grid.values()) + 1
    return cols * (width + GAP) - GAP, rows * (height + GAP) - GAP


# -- download -------------------------------------------------------------------------------------


def _round(value: float | None, digits: int) -> float | None:
    if value is None or math.isinf(value):
        return None
    return round(value, digits)


def dataset_rows(table: gaps.GapTable, region_filter: str = "", category_filter: str = "") -> list[dict[str, object]]:
    """The gap-index table in long format, suppressed as the page is (None = not published); a region
    or category filter keeps its rows (and Québec's, the reference)."""
    rows: list[dict[str, object]] = []
    for region in ["", *(r for r in table.regions if not region_filter or r == region_filter)]:
        for category in [c for c in table.categories if not category_filter or c == category_filter]:
            r = table.row(region, category)
            rows.append({
                "region": region or "all", "region_fr": display.region_name(region, "fr") if region else "Québec",
                "region_en": display.region_name(region, "en") if region else "Québec",
                "category": category or "all",
                "category_fr": display.category_name(category, "fr") if category else "",
                "category_en": display.category_name(category, "en") if category else "",
                "population_2021": r.population, "services": r.services,
                "services_per_10k": _round(r.services_rate, 2),
                "searches": r.searches, "searches_per_10k": _round(r.searches_rate, 1),
                "searches_per_10k_low95": _round(r.searches_rate_ci.low, 1) if r.searches_rate_ci else None,
                "searches_per_10k_high95": _round(r.searches_rate_ci.high, 1) if r.searches_rate_ci else None,
                "few_or_no_results_share": _round(r.unmet_share, 3),
                "demand_ratio": _round(r.demand_ratio, 3), "supply_ratio": _round(r.supply_ratio, 3),
                "gap_index": _round(r.index, 3),
                "gap_index_low95": _round(r.index_ci.low, 3) if r.index_ci else None,
                "gap_index_high95": _round(r.index_ci.high, 3) if r.index_ci else None,
                "no_service": r.no_service,
                "status": "suppressed" if r.searches is None else "published",
            })
    return rows


def dictionary() -> list[tuple[str, str]]:
    """The gap-index dataset's columns, described in the page's language."""
    return [
        ("region, region_fr, region_en",
         _("Administrative region 01 to 17, or \"all\" for all of Québec, and its names.")),
        ("category, category_fr, category_en",
         _("Top-level category code, or \"all\" for every category, and its names.")),
        ("population_2021", _("Residents in 2021: Statistics Canada's census subdivisions summed by region.")),
        ("services", _("Active services at a location in the region and category, as listed today.")),
        ("services_per_10k", _("Services per 10,000 residents.")),
        ("searches", _("Searches made from the region in the category over the period; empty when suppressed.")),
        ("searches_per_10k, searches_per_10k_low95, searches_per_10k_high95",
         _("Searches per 10,000 residents, with its 95 %% interval (Poisson score interval).")),
        ("few_or_no_results_share", _("Share of those searches that found no service, or 1 to 3.")),
        ("demand_ratio", _("Searches per resident divided by Québec's (searches made from a known region).")),
        ("supply_ratio", _("Services per resident divided by Québec's.")),
        ("gap_index, gap_index_low95, gap_index_high95",
         _("Demand ratio divided by supply ratio, with its 95 %% interval; empty when suppressed, or when no "
           "service is listed (the index is then infinite, its lower bound is still given).")),
        ("no_service", _("True when no service of the category is listed in the region.")),
        ("status", _("\"published\", or \"suppressed\" when the search count is hidden.")),
    ]
