"""What the geography module hands out: regions, places, municipalities, Montréal sites, the
origin of a distance, and the error for text that is no usable place."""

from __future__ import annotations

from dataclasses import dataclass

#: Longer input is refused before any parsing: no real place name or postal code comes close, and
#: the limit bounds the work an anonymous request can cause.
MAX_PLACE_TEXT_LENGTH = 200

#: (south, north, west, east) in degrees. Generous on purpose: the province spans roughly
#: 44.99–62.59 N and 79.76–57.10 W; the margin keeps border towns, the Îles-de-la-Madeleine and
#: slightly imprecise phone positions in, while "45.5, 73.6" (a forgotten minus sign: Kyrgyzstan)
#: or a point in Toronto is refused.
QUEBEC_BOUNDS = (44.0, 63.0, -80.5, -56.5)


@dataclass(frozen=True, slots=True)
class Region:
    """One of Québec's 17 administrative regions (code "01"–"17")."""

    code: str
    name_fr: str
    name_en: str
    lat: float  # rough centroid, for map framing only: use region_for_point to classify
    lon: float
    main_city: str = ""


@dataclass(frozen=True, slots=True)
class Place:
    """A populated place from the simplemaps list, with its administrative region."""

    name: str
    lat: float
    lon: float
    population: int
    fsas: tuple[str, ...]
    region_code: str


@dataclass(frozen=True, slots=True)
class Origin:
    """A point to measure distances from, and what the user typed to get it."""

    lat: float
    lon: float
    label: str
    kind: str  # "postal_code" | "fsa" | "municipality" | "coordinates"
    fsa: str | None = None
    region_code: str | None = None


@dataclass(frozen=True, slots=True)
class Municipality:
    """A 2021 census subdivision (municipality, reserve, unorganized territory…)."""

    name: str
    type: str  # Statistics Canada abbreviation: V (ville), MÉ, PE, CT, VL, IRI, NO, TI…
    population_2021: int | None  # None where Statistics Canada published no count
    land_area_km2: float | None


@dataclass(frozen=True, slots=True)
class MontrealSite:
    """A real public-service or community place on the island of Montréal (Ville de Montréal)."""

    name: str
    address_1: str
    postal_code: str  # "H3L 2E8", or "" when the source has none
    borough: str
    lat: float
    lon: float
    category: str
    type: str = ""


class PlaceError(ValueError):
    """What the user typed is not a usable place.

    ``code`` is stable and is what the UI translates; the message is English, for logs.
    """

    CODES = frozenset({"invalid_coordinates", "outside_quebec", "unknown_place", "too_long"})

    def __init__(self, code: str, message: str) -> None:
        if code not in self.CODES:
            raise AssertionError(f"unknown PlaceError code {code!r}")
        super().__init__(message)
        self.code = code
