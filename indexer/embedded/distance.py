"""Distances and the distance decay over many documents at once (numpy).

The same formulas as `directory.geo.haversine_km` and `relevance.DECAY`, vectorised; NaN stands
for a document without coordinates (an online or telephone service).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import tantivy

from directory.geo import EARTH_RADIUS_KM
from indexer import relevance
from indexer.engine import Origin

Floats = npt.NDArray[np.float64]


def haversine_rows(origin: Origin, la: Floats, lo: Floats) -> Floats:
    """Distances in km from `origin` to the points (`la`, `lo`)."""
    p1, p2 = math.radians(origin.lat), np.radians(la)
    dl = np.radians(lo - origin.lon)
    h = np.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    distances: Floats = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))
    return distances


def haversine_km(origin: Origin, lats: Sequence[object], lons: Sequence[object]) -> Floats:
    """Distances from `origin` to fast-field values (None without coordinates: NaN)."""
    la = np.array([np.nan if v is None else v for v in lats], dtype=np.float64)
    lo = np.array([np.nan if v is None else v for v in lons], dtype=np.float64)
    return haversine_rows(origin, la, lo)


def fast_field_distances(searcher: tantivy.Searcher, addresses: list[tantivy.DocAddress],
                         origin: Origin) -> Floats:
    """Distances from `origin` to the documents at `addresses` (their lat/lon fast fields)."""
    return haversine_km(origin, searcher.fast_field_values("lat", addresses),
                        searcher.fast_field_values("lon", addresses))


def distances(searcher: tantivy.Searcher, addresses: list[tantivy.DocAddress],
              origin: Origin) -> list[float | None]:
    """`fast_field_distances` as a list, None without coordinates."""
    if not addresses:
        return []
    found: list[float] = fast_field_distances(searcher, addresses, origin).tolist()
    return [None if math.isnan(d) else d for d in found]


def _decay_log(distances: Floats) -> Floats:
    """relevance.DECAY.log, vectorised (NaN: no coordinates, the fixed factor)."""
    decay = relevance.DECAY
    d = np.maximum(0.0, distances - decay.offset_km)
    out = -(d * d) / (2 * decay.sigma_squared)
    logs: Floats = np.where(np.isnan(distances), decay.log(None), out)
    return logs


def decayed_scores(scores: Floats, distances: Floats) -> tuple[Floats, tuple[Floats, Floats]]:
    """text score × gauss(distance) rounded to a 32-bit float as OpenSearch's function_score
    rounds it (0 beyond ~130 km: see relevance.DECAY), and the sort key of each match: that
    score, descending, then the distance, no coordinates last (OpenSearch's `sort_clause`)."""
    finals = (scores * np.exp(_decay_log(distances))).astype(np.float32).astype(np.float64)
    return finals, (-finals, np.where(np.isnan(distances), np.inf, distances))
