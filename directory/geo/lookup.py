"""Look-ups over the loaded gazetteer: regions, places, FSAs, and turning what a person typed into
an origin (``resolve_place``, on the search hot path) or suggestions (``suggest_places``)."""

from __future__ import annotations

from directory.geo.coordinates import NUMERIC_TEXT, check_point, split_coordinates
from directory.geo.gazetteer import Gazetteer, Locality, gazetteer
from directory.geo.names import NAME_PREFIXES, NAME_SUFFIXES, normalize_name, plain_key
from directory.geo.postal import (
    FSA_CODE,
    POSTAL_CODE,
    QUEBEC_FSA_LETTERS,
    coarsen_postal_code,
    compact_postal,
    forced_fsa_region,
    format_postal,
)
from directory.geo.types import MAX_PLACE_TEXT_LENGTH, MontrealSite, Municipality, Origin, Place, PlaceError, Region


def regions() -> dict[str, Region]:
    """The 17 administrative regions by code ("01"–"17")."""
    return gazetteer().regions


def places() -> list[Place]:
    """The 639 simplemaps places, most populous first."""
    return gazetteer().places


def municipalities() -> list[Municipality]:
    """The 1,282 census subdivisions of 2021 (no coordinates: Statistics Canada gives none)."""
    return gazetteer().municipalities


def region_populations() -> dict[str, int]:
    """Residents of each administrative region (2021 census subdivisions, municipality_regions.csv)."""
    return gazetteer().region_population


def montreal_sites() -> list[MontrealSite]:
    """Ville de Montréal public and community sites that have coordinates and a street."""
    return gazetteer().montreal_sites


def _lookup_key(g: Gazetteer, key: str) -> Place | Locality | None:
    hit = g.places_by_key.get(key) or g.localities.get(key)
    if hit is not None:
        return hit
    # At most one suffix ("Laval, QC") and one prefix ("Ville de Laval") are dropped, longest
    # first, so the work stays constant whatever the text repeats.
    for suffix in NAME_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key[: -len(suffix)]
            hit = g.places_by_key.get(key) or g.localities.get(key)
            if hit is not None:
                return hit
            break
    for prefix in NAME_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            rest = key[len(prefix) :]
            return g.places_by_key.get(rest) or g.localities.get(rest)
    return None


def place_by_name(name: str) -> Place | None:
    """The simplemaps place with this name, ignoring accents, case, hyphens and St-/Ste- forms."""
    if not isinstance(name, str) or len(name) > MAX_PLACE_TEXT_LENGTH:
        return None
    hit = _lookup_key(gazetteer(), normalize_name(name))
    return hit if isinstance(hit, Place) else None


def fsa_centroid(fsa: str) -> tuple[float, float] | None:
    """Centroid of a Québec FSA ("H2X", any case/spacing), or None if unknown."""
    code = coarsen_postal_code(fsa)
    return gazetteer().fsa_centroids.get(code) if code else None


def region_for_fsa(fsa: str) -> str | None:
    """Administrative region of a Québec FSA, or None if the FSA is unknown.

    On the island of Montréal (H1–H5, H8, H9) and in Laval (H7) postal and administrative
    geography coincide; elsewhere the FSA's centroid is classified like any point. Rural FSAs
    (second character 0) straddle regions: the answer is the centroid's region.
    """
    code = coarsen_postal_code(fsa)
    if code is None:
        return None
    return gazetteer().fsa_regions.get(code) or forced_fsa_region(code)


def region_for_point(lat: float, lon: float) -> str:
    """Administrative region of the place nearest to a point.

    Nearest *place*, not nearest region centroid: region centroids misclassify the suburbs
    around Montréal and most of the St. Lawrence shores (Terrebonne is closer to Laval's centroid
    than to Lanaudière's, La Malbaie to Saguenay's than to Capitale-Nationale's).
    """
    return gazetteer().region_for_point(lat, lon)


def _origin_for_fsa(g: Gazetteer, fsa: str, label: str, kind: str) -> Origin:
    point = g.fsa_points.get(fsa)
    if point is None:
        if fsa[0] not in QUEBEC_FSA_LETTERS:
            raise PlaceError("outside_quebec", f"postal area {fsa} is outside Québec")
        raise PlaceError("unknown_place", f"unknown Québec postal area {fsa}")
    return Origin(point[0], point[1], label, kind, fsa, g.fsa_regions.get(fsa))


def resolve_place(text: str) -> Origin:
    """Turn what a user typed in the place field into an origin for distance scoring.

    Accepts a postal code ("H2X 1Y4", "h2x1y4", "H2X-1Y4" → the centroid of its FSA), an FSA
    ("H2X"), coordinates ("45.5,-73.6", "45.5 -73.6") or a place name (simplemaps places, former
    municipalities and districts named by FSA areas, Montréal boroughs). Raises PlaceError, and
    nothing else, for anything it cannot use.
    """
    if not isinstance(text, str):
        raise PlaceError("unknown_place", f"expected text, got {type(text).__name__}")
    if len(text) > MAX_PLACE_TEXT_LENGTH:
        raise PlaceError("too_long", f"place text of {len(text)} characters")
    stripped = " ".join(text.split())
    if not stripped:
        raise PlaceError("unknown_place", "empty place text")
    g = gazetteer()

    if len(stripped) <= 9:
        compact = compact_postal(stripped)
        if len(compact) == 6 and POSTAL_CODE.fullmatch(compact):
            fsa = compact[:3]
            return _origin_for_fsa(g, fsa, format_postal(compact), "postal_code")
        if len(compact) == 3 and FSA_CODE.fullmatch(compact):
            return _origin_for_fsa(g, compact, compact, "fsa")

    numeric = NUMERIC_TEXT.fullmatch(stripped) is not None
    halves = split_coordinates(stripped)
    if halves is not None:
        lat: float | None
        lon: float | None
        try:
            lat, lon = float(halves[0].replace(",", ".")), float(halves[1].replace(",", "."))
        except (ValueError, OverflowError):
            lat = lon = None  # two words that are not numbers: maybe a place name
        if lat is not None and lon is not None:
            lat, lon = check_point(lat, lon, within_quebec=True)
            region = g.region_for_point(lat, lon)
            return Origin(lat, lon, f"{lat:.5f}, {lon:.5f}", "coordinates", None, region)
    if numeric:
        raise PlaceError("invalid_coordinates", f"not coordinates: {stripped!r}")

    key = normalize_name(stripped)
    hit = _lookup_key(g, key)
    if isinstance(hit, Place):
        return Origin(hit.lat, hit.lon, hit.name, "municipality", None, hit.region_code)
    if isinstance(hit, Locality):
        return Origin(hit.lat, hit.lon, hit.label, "municipality", None, hit.region_code)
    if key in g.municipality_keys:
        raise PlaceError("unknown_place", f"municipality {stripped!r} has no known coordinates")
    raise PlaceError("unknown_place", f"unknown place {stripped!r}")


def suggest_places(prefix: str, limit: int = 8) -> list[Place]:
    """Places whose name (or a word of it) starts with ``prefix``, most populous first."""
    if not isinstance(prefix, str) or limit <= 0 or len(prefix) > MAX_PLACE_TEXT_LENGTH:
        return []
    expanded, plain = normalize_name(prefix), plain_key(prefix)
    if not plain:
        return []
    # A word start anywhere matches: "jerome" finds Saint-Jérôme. Both the typed and the expanded
    # form are tried, since "st" may begin "Stanstead" as well as stand for "Saint".
    word_starts = tuple({" " + expanded, " " + plain})
    out: list[Place] = []
    for place, haystack in gazetteer().suggestion_rows:
        if any(w in haystack for w in word_starts):
            out.append(place)
            if len(out) >= limit:
                break
    return out
