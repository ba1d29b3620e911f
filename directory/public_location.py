"""What the public may know of a location: the one place that decides (docs/confidential-locations.md).

A confidential location (`location.confidential`: a shelter for people fleeing violence, some youth
and addiction services) keeps its whole address in the directory, for staff. Every public output
reads locations through this module, never the columns themselves:

* `public_location_row` / `public_address_row`: HSDS rows as the public may see them (the HSDS
  loader applies them to every public read: API, open data, exports);
* `approximate_point`: the point a confidential location's distances are computed from (its FSA's
  centroid, else its municipality's), stored in the search documents instead of its coordinates and
  never published itself;
* `public_point`: the point an output may draw or publish for a search document (None for a
  confidential one: no map marker, no GeoJSON geometry, no CSV coordinates, no directions);
* `coarse_km`: the distance shown for a confidential location, rounded UP to a `STEP_KM` step;
* `public_place`: an ORM location as the pages that read the database show it (service page, its
  JSON-LD, the crisis page).

Why rounding up from the approximate point defeats trilateration: every distance the portal shows
is measured from the approximate point, not the address, so distances from any number of origins
can at best find the approximate point (a public FSA or town centroid); and each shown distance only
says "somewhere in a 5 km band", so even that point is known only within the bands' intersection.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from directory.geo import coarsen_postal_code, fsa_centroid, place_by_name

#: Distances to a confidential location are shown rounded up to this step ("about 5 km").
STEP_KM = 5

#: What public HSDS documents carry as a confidential location's `address_1` (required by HSDS).
#: Language-neutral on purpose: the address table has no translations.
CONFIDENTIAL_STREET = "Adresse confidentielle / Confidential address"


def is_confidential(row: Mapping[str, Any] | Any) -> bool:
    """Whether a location row (dict, ORM object or search document) is confidential."""
    value = row.get("confidential") if isinstance(row, Mapping) else getattr(row, "confidential", False)
    return bool(value)


def public_location_row(row: dict[str, Any]) -> dict[str, Any]:
    """A location row as public outputs may show it: a confidential one loses its coordinates and
    its "getting there" text (bus stops and landmarks place it as surely as a street)."""
    if not row.get("confidential"):
        return row
    return {**row, "latitude": None, "longitude": None, "transportation_fr": None,
            "transportation_en": None}


def public_postal_code(postal_code: str | None) -> str | None:
    """The FSA of a confidential location's postal code ("J1H 4K7" → "J1H"); None if not one."""
    return coarsen_postal_code(postal_code)


def public_address_row(row: dict[str, Any]) -> dict[str, Any]:
    """An address row of a confidential location as the public may see it: no street lines (HSDS
    requires `address_1`: it says `CONFIDENTIAL_STREET`, so a consumer that ignores the profile still
    shows something true, and a CSV re-import finds the required value), the postal code cut to its
    FSA."""
    return {**row, "attention": None, "address_1": CONFIDENTIAL_STREET, "address_2": None,
            "postal_code": public_postal_code(row.get("postal_code")) or ""}


def approximate_point(postal_code: str | None, city: str | None) -> tuple[float, float] | None:
    """Where distances to a confidential location are measured from: the centroid of its FSA, or,
    for a postal code the reference file lacks, of its municipality; None when neither is known
    (the location is then found by region only, like one without coordinates)."""
    fsa = coarsen_postal_code(postal_code)
    point = fsa_centroid(fsa) if fsa else None
    if point is None and city:
        place = place_by_name(city)
        point = (place.lat, place.lon) if place is not None else None
    return point


def public_point(doc: Mapping[str, Any]) -> tuple[float, float] | None:
    """The point an output may draw or publish for a search document: its coordinates, or None for
    a confidential location (whose document holds only the approximate point, for distances)."""
    if doc.get("confidential"):
        return None
    lat, lon = doc.get("lat"), doc.get("lon")
    if lat is None or lon is None:
        return None
    return float(lat), float(lon)


def coarse_km(distance_km: float) -> int:
    """A confidential location's distance as shown: rounded up to the next `STEP_KM` (0.4 → 5,
    5.0 → 5, 5.1 → 10), never 0."""
    return max(STEP_KM, math.ceil(round(distance_km, 6) / STEP_KM) * STEP_KM)


@dataclass(frozen=True, slots=True)
class PublicPlace:
    """A location's place as a public page shows it (from the ORM rows the pages read)."""

    street: str | None  # the first address line; None for a confidential location
    city: str | None
    postal_code: str | None  # the FSA only for a confidential location
    latitude: float | None  # None for a confidential location
    longitude: float | None
    confidential: bool
    # Where distances from this place are measured (nearby services): its coordinates, or the
    # approximate point of a confidential location; never shown.
    distance_point: tuple[float, float] | None


def main_address(location: Any) -> Any | None:
    """The physical address of an ORM location, else its first one."""
    addresses = list(getattr(location, "addresses", None) or [])
    return next((a for a in addresses if a.address_type == "physical"), None) or (
        addresses[0] if addresses else None)


def public_place(location: Any) -> PublicPlace:
    address = main_address(location)
    city = address.city if address is not None else None
    postal = address.postal_code if address is not None else None
    if is_confidential(location):
        return PublicPlace(None, city, public_postal_code(postal), None, None, True,
                           approximate_point(postal, city))
    lat, lon = location.latitude, location.longitude
    located = lat is not None and lon is not None
    street = address.address_1 if address is not None else None
    return PublicPlace(street or None, city, postal, lat if located else None, lon if located else None,
                       False, (float(lat), float(lon)) if located else None)
