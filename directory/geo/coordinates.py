"""Coordinates: great-circle distance, and latitude/longitude parsed and checked from what a
request or a person sent."""

from __future__ import annotations

import math
import re

from directory.geo.types import QUEBEC_BOUNDS, PlaceError

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _as_float(value: object) -> float:
    if isinstance(value, bool):
        raise ValueError("a boolean is not a coordinate")
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        if not text or len(text) > 40:
            raise ValueError("empty or overlong coordinate")
        # A French form may send "45,5"; one comma and no dot can only be a decimal comma.
        if "," in text and "." not in text and text.count(",") == 1:
            text = text.replace(",", ".")
        return float(text)
    raise ValueError(f"not a number: {type(value).__name__}")


def check_point(lat: float, lon: float, *, within_quebec: bool) -> tuple[float, float]:
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise PlaceError("invalid_coordinates", "coordinates must be finite numbers")
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise PlaceError("invalid_coordinates", f"coordinates out of range: {lat!r}, {lon!r}")
    if within_quebec:
        south, north, west, east = QUEBEC_BOUNDS
        if not (south <= lat <= north and west <= lon <= east):
            raise PlaceError("outside_quebec", f"point {lat:.4f}, {lon:.4f} is outside Québec")
    return lat, lon


def parse_coordinates(
    lat: object, lon: object, *, within_quebec: bool = True
) -> tuple[float, float]:
    """Latitude and longitude from query-string values (or numbers), checked.

    Raises PlaceError ``invalid_coordinates`` for garbage, NaN, infinities and values outside
    [-90, 90] × [-180, 180], and ``outside_quebec`` for a valid point outside the province unless
    ``within_quebec`` is False.
    """
    try:
        lat_f, lon_f = _as_float(lat), _as_float(lon)
    except (ValueError, TypeError, OverflowError) as exc:
        raise PlaceError("invalid_coordinates", f"not coordinates: {exc}") from None
    return check_point(lat_f, lon_f, within_quebec=within_quebec)


_COORD_SPLIT_SEMICOLON = re.compile(r"\s*;\s*")
_COORD_SPLIT_COMMA = re.compile(r"\s*,\s*")
# Text made only of what coordinates are written with: failing to parse it is a coordinate error.
NUMERIC_TEXT = re.compile(r"[0-9+\-.,;\s()\[\]eE]+")


def split_coordinates(text: str) -> tuple[str, str] | None:
    """The two halves of "45.5,-73.6", "45.5 -73.6", "(45.5; -73.6)" or "45,5 -73,6"."""
    body = text.strip("()[] ")
    if ";" in body:
        parts = _COORD_SPLIT_SEMICOLON.split(body)
    elif body.count(",") == 1:
        parts = _COORD_SPLIT_COMMA.split(body)
    else:
        parts = body.split()
    if len(parts) != 2:
        return None
    return parts[0], parts[1]
