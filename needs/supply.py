"""What the directory offers, per region and top-level category: the supply side of the needs
dashboard's supply-and-demand comparison (needs/gaps.py).

A unit of supply is an **active service at a location**: a `service_at_location` whose service has the
status "active" (not "temporarily closed", not archived) and is offered today (a temporary service
only between its first and last day, `directory.validity.offered_on`), at a location with a region.
It counts once in each top-level category its service's taxonomy terms fall under, and once in "all
categories". A count of services is a fact about the directory, not about a person: it is published
as is (no suppression).

The directory keeps no history of what was offered when, so supply is today's: trends of the gap
index (needs.gaps) follow demand against the current offer.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from directory import taxonomy
from directory.validity import offered_on

ALL = ""  # the "all categories" column

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Supply:
    """Active services at locations per (region, category); category ALL counts each one once."""

    counts: dict[tuple[str, str], int]
    day: dt.date
    loaded_at: float = field(default_factory=time.monotonic, compare=False)

    def services(self, region: str, category: str = ALL) -> int:
        """In one region, or in all of Québec when `region` is ""."""
        if region:
            return self.counts.get((region, category), 0)
        return sum(v for (r, c), v in self.counts.items() if c == category)


def top_category(code: str | None) -> str | None:
    """The top-level category code of a taxonomy code ("food.emergency-food" -> "food")."""
    if not code:
        return None
    top = code.split(".", 1)[0]
    return top if top in taxonomy.by_code() and taxonomy.by_code()[top].parent_code is None else None


# Plain SQL through the DB-API: SQLAlchemy's row objects cost more than the query (~45,000 rows for
# 15,000 services), as in needs.report's cube read.
_ROWS = (
    "SELECT sal.id, l.region_code, a.taxonomy_term_id, s.is_temporary, s.valid_from, s.valid_to "
    "FROM service_at_location sal JOIN service s ON s.id = sal.service_id "
    "JOIN location l ON l.id = sal.location_id "
    "LEFT JOIN attribute a ON a.link_id = s.id AND a.link_entity = 'service' "
    "WHERE s.status = 'active' AND l.region_code IS NOT NULL AND l.region_code <> ''"
)


def load_supply(engine: Engine, today: dt.date | None = None) -> Supply:
    """One read of (service at location, region, taxonomy term id) rows; term ids map to their top
    category through the taxonomy (ids are derived from codes, `directory.taxonomy.term_id`), which
    costs less than making the database do it (a CASE over every term, or a join and a substring)."""
    day = today or dt.date.today()
    tops = {taxonomy.term_id(c.code): top for c in taxonomy.categories() if (top := top_category(c.code))}
    seen: set[tuple[str, str, str]] = set()
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(_ROWS)
        rows = cursor.fetchall()
        cursor.close()
    finally:
        connection.close()
    for sal_id, region, term, temporary, first, last in rows:
        if temporary and not offered_on(day, True, first, last):
            continue
        seen.add((sal_id, region, ALL))
        if term in tops:
            seen.add((sal_id, region, tops[term]))
    counts: dict[tuple[str, str], int] = {}
    for _, region, category in seen:
        counts[(region, category)] = counts.get((region, category), 0) + 1
    return Supply(counts, day)


class SupplyCache:
    """One supply per directory database. The offer changes slowly: after `seconds` the old counts
    are still served while one background thread reads new ones (as `needs.report.CubeCache`), so
    only the first request after start-up waits for the read (~0.15–0.3 s for 15,000 services)."""

    def __init__(self, seconds: float = 300.0) -> None:
        self.seconds = seconds
        self._supplies: dict[str, Supply] = {}
        self._refreshing: set[str] = set()
        self._lock = threading.Lock()

    def get(self, engine: Engine) -> Supply:
        key = str(engine.url)
        supply = self._supplies.get(key)
        if supply is None:
            with self._lock:
                supply = self._supplies.get(key)
                if supply is None:
                    supply = self._supplies[key] = load_supply(engine)
        elif time.monotonic() - supply.loaded_at > self.seconds:
            if self.seconds <= 0:
                supply = self._supplies[key] = load_supply(engine)
            elif key not in self._refreshing:
                self._refreshing.add(key)
                threading.Thread(target=self._refresh, args=(engine, key), daemon=True).start()
        return supply

    def _refresh(self, engine: Engine, key: str) -> None:
        try:
            self._supplies[key] = load_supply(engine)
        except Exception as error:  # keep serving the old counts; the next request tries again
            log.warning("needs dashboard: supply not refreshed, serving the previous counts: %r", error)
        finally:
            self._refreshing.discard(key)

    def clear(self) -> None:
        self._supplies.clear()
