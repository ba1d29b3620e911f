"""Québec geography: regions, places, postal areas, and turning what a person typed into a point.

Used by the demo generator (placing services), the search engines (a place typed by a user becomes
the origin of the distance decay) and the anonymous query log (places coarsened to an FSA or a
region). Standard library only; the reference files in ``data/geo/`` (sources and licences in
``data/geo/ATTRIBUTION.md``) are read once, on first use, and kept for the life of the process.

``resolve_place`` is on the search hot path: everything it needs is precomputed into dictionaries
keyed by a normalized name, so a call is a few string operations and dictionary look-ups.

Modules: types (what is handed out), names (folding), postal, coordinates, gazetteer (loading),
lookup (the functions below).
"""

from __future__ import annotations

from directory.geo.coordinates import EARTH_RADIUS_KM, haversine_km, parse_coordinates
from directory.geo.gazetteer import DATA_DIR
from directory.geo.lookup import (
    fsa_centroid,
    montreal_sites,
    municipalities,
    place_by_name,
    places,
    region_for_fsa,
    region_for_point,
    region_populations,
    regions,
    resolve_place,
    suggest_places,
)
from directory.geo.names import normalize_name
from directory.geo.postal import coarsen_postal_code
from directory.geo.types import (
    MAX_PLACE_TEXT_LENGTH,
    QUEBEC_BOUNDS,
    MontrealSite,
    Municipality,
    Origin,
    Place,
    PlaceError,
    Region,
)

__all__ = [
    "DATA_DIR",
    "EARTH_RADIUS_KM",
    "MAX_PLACE_TEXT_LENGTH",
    "QUEBEC_BOUNDS",
    "MontrealSite",
    "Municipality",
    "Origin",
    "Place",
    "PlaceError",
    "Region",
    "coarsen_postal_code",
    "fsa_centroid",
    "haversine_km",
    "montreal_sites",
    "municipalities",
    "normalize_name",
    "parse_coordinates",
    "place_by_name",
    "places",
    "region_for_fsa",
    "region_for_point",
    "region_populations",
    "regions",
    "resolve_place",
    "suggest_places",
]
