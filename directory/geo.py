"""Québec geography: regions, places, postal areas, and turning what a person typed into a point.

Used by the demo generator (placing services), the search engines (a place typed by a user becomes
the origin of the distance decay) and the anonymous query log (places coarsened to an FSA or a
region). Standard library only; the reference files in ``data/geo/`` (sources and licences in
``data/geo/ATTRIBUTION.md``) are read once, on first use, and kept for the life of the process.

``resolve_place`` is on the search hot path: everything it needs is precomputed into dictionaries
keyed by a normalized name, so a call is a few string operations and dictionary look-ups.
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = [
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
    "parse_coordinates",
    "place_by_name",
    "places",
    "region_for_fsa",
    "region_for_point",
    "regions",
    "resolve_place",
    "suggest_places",
]

DATA_DIR = Path(__file__).parent / "data" / "geo"

#: Longer input is refused before any parsing: no real place name or postal code comes close, and
#: the limit bounds the work an anonymous request can cause.
MAX_PLACE_TEXT_LENGTH = 200

#: (south, north, west, east) in degrees. Generous on purpose: the province spans roughly
#: 44.99–62.59 N and 79.76–57.10 W; the margin keeps border towns, the Îles-de-la-Madeleine and
#: slightly imprecise phone positions in, while "45.5, 73.6" (a forgotten minus sign: Kyrgyzstan)
#: or a point in Toronto is refused.
QUEBEC_BOUNDS = (44.0, 63.0, -80.5, -56.5)

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)


# --------------------------------------------------------------------------------------------
# Public types


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


# --------------------------------------------------------------------------------------------
# Name normalization

# Token rewrites applied after accents, case and punctuation are gone. Québec writes the
# hagionyms of most of its towns abbreviated ("St-Jérôme", "Ste-Julie", "Sts-Anges").
_TOKEN_EXPANSIONS = {
    "st": "saint",
    "ste": "sainte",
    "sts": "saints",
    "stes": "saintes",
    "mt": "mont",
}
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Characters NFKD leaves whole but people type either way.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o"})
# Words people put around a name that are not part of it; tried only when the full name fails.
_NAME_PREFIXES = (
    "ville de ",
    "ville d ",
    "city of ",
    "town of ",
    "municipalite de ",
    "municipalite d ",
    "paroisse de ",
    "canton de ",
    "village de ",
)
_NAME_SUFFIXES = (  # longest first
    " province de quebec",
    " quebec canada",
    " qc canada",
    " quebec",
    " canada",
    " qc",
)


def normalize_name(text: str) -> str:
    """The key a place name is looked up by: accents, case, punctuation and abbreviations folded.

    ``"Saint-Jérôme"``, ``"ST JEROME"`` and ``"st-jerome"`` all give ``"saint jerome"``.
    """
    folded = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    tokens = _NON_ALNUM.sub(" ", folded).split()
    return " ".join(_TOKEN_EXPANSIONS.get(t, t) for t in tokens)


def _plain_key(text: str) -> str:
    """Like normalize_name without abbreviation expansion (a prefix "st" may start "Stanstead")."""
    folded = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return " ".join(_NON_ALNUM.sub(" ", folded).split())


# --------------------------------------------------------------------------------------------
# Postal codes

# Canada Post never uses D, F, I, O, Q, U; W and Z never start a postal code.
_POSTAL_CODE = re.compile(r"[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\d[ABCEGHJ-NPRSTV-Z]\d")
_FSA = re.compile(r"[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]")
_POSTAL_SEPARATORS = str.maketrans("", "", " -\t\n\r\u00a0\u202f")
# Québec FSAs start with G, H or J (K, for Ontario, stops at the Ottawa River).
_QUEBEC_FSA_LETTERS = frozenset("GHJ")
# Island of Montréal and Laval by FSA: the postal geography matches the administrative one there.
_MONTREAL_ISLAND_PREFIXES = frozenset({"H1", "H2", "H3", "H4", "H5", "H8", "H9"})


def _compact_postal(text: str) -> str:
    return text.translate(_POSTAL_SEPARATORS).upper()


def coarsen_postal_code(text: str | None) -> str | None:
    """The FSA of a postal code or FSA ("h2x-1y4" → "H2X"); None if ``text`` is not one."""
    if not isinstance(text, str) or len(text) > 20:
        return None
    compact = _compact_postal(text)
    if len(compact) == 6 and _POSTAL_CODE.fullmatch(compact):
        return compact[:3]
    if len(compact) == 3 and _FSA.fullmatch(compact):
        return compact
    return None


def _format_postal(compact: str) -> str:
    return f"{compact[:3]} {compact[3:]}"


# --------------------------------------------------------------------------------------------
# Distance


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


# --------------------------------------------------------------------------------------------
# Coordinates


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


def _check_point(lat: float, lon: float, *, within_quebec: bool) -> tuple[float, float]:
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
    return _check_point(lat_f, lon_f, within_quebec=within_quebec)


_COORD_SPLIT_SEMICOLON = re.compile(r"\s*;\s*")
_COORD_SPLIT_COMMA = re.compile(r"\s*,\s*")
# Text made only of what coordinates are written with: failing to parse it is a coordinate error.
_NUMERIC_TEXT = re.compile(r"[0-9+\-.,;\s()\[\]eE]+")


def _split_coordinates(text: str) -> tuple[str, str] | None:
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


# --------------------------------------------------------------------------------------------
# Loading (once, lazily)

# simplemaps writes a few names in English or with typos; the product shows the official name.
# The source spelling stays findable (it is indexed too).
_DISPLAY_NAMES = {
    "Quebec City": "Québec",
    "Riviere-Ouelle": "Rivière-Ouelle",
    "Cap Santé": "Cap-Santé",
    "L’ Îsle-Verte": "L’Isle-Verte",
    "Asbestos": "Val-des-Sources",  # renamed in 2020
    "Povungnituk": "Puvirnituq",
}
# Names a place has been renamed to (or its official name) that the simplemaps file predates.
_PLACE_ALIASES = {
    "Quebec City": ("Quebec", "Ville de Québec", "Québec City"),
    "Mont-Royal": ("Mount Royal", "Town of Mount Royal", "Ville Mont-Royal", "TMR"),
    "Obedjiwan": ("Opitciwan",),
    "Manouane": ("Manawan",),
    "Mistassini": ("Dolbeau-Mistassini", "Dolbeau"),
    "Weedon-Centre": ("Weedon",),
    "Old Chelsea": ("Chelsea",),
    "Val-Shefford": ("Shefford",),
}

# FSA area names (Statistics Canada, English, with stray spaces after hyphens) carry the names of
# merged former municipalities and Montréal neighbourhoods people still type: Chicoutimi, Hull,
# Sainte-Foy, Saint-Hubert, Pointe-aux-Trembles… Direction words are stripped and the FSAs of one
# name averaged.
_FSA_AREA_SUFFIX = re.compile(
    r"(?:\s+(?:inner|outer|north|south|east|west|central|northeast|northwest|southeast|southwest"
    r"|lower|mid|upper|riverbank|and|&|extremities|rcm|outskirts))+$",
    re.IGNORECASE,
)
_FSA_AREA_RENAMES = {
    "Montreal North North": "Montréal-Nord",
    "Montreal North South": "Montréal-Nord",
    "Old Montreal": "Vieux-Montréal",
    "Saint-Fran?ois": "Saint-François",
    "Quebec City Mid-Riverbank": None,  # part of Québec, which is a place already
    "Quebec Provincial Government": None,  # a building, not a place anyone types
    "Saint-Sophie": "Sainte-Sophie",
    "Degelis": "Dégelis",
    "Lac-Megantic": "Lac-Mégantic",
    "Becancour": "Bécancour",
    "Valleyfield": "Salaberry-de-Valleyfield",
}


@dataclass(frozen=True, slots=True)
class _Locality:
    """A name that resolves to a point without being one of the simplemaps places."""

    label: str
    lat: float
    lon: float
    region_code: str | None


class _Gazetteer:
    """Everything loaded and indexed; built once by ``_gazetteer()``."""

    # Grid cells for the nearest-place search, in degrees.
    CELL = 0.25

    def __init__(self, data_dir: Path) -> None:
        self.regions = self._load_regions(data_dir / "qc_regions.csv")
        self.places = self._load_places(
            data_dir / "qc_places_simplemaps.csv", data_dir / "place_regions.csv"
        )
        self.fsa_centroids = self._load_fsa_centroids(data_dir / "qc_fsa_centroids.csv")
        self._build_grid()
        self._build_fsa_regions()
        self.places_by_key: dict[str, Place] = {}
        self._index_places()
        self.municipalities = self._load_municipalities(data_dir / "municipalities.csv")
        self.municipality_keys = {normalize_name(m.name) for m in self.municipalities}
        self.localities: dict[str, _Locality] = {}
        self._index_fsa_areas(data_dir / "qc_fsa_centroids.csv")
        self.montreal_sites = self._load_montreal_sites(data_dir / "montreal_lieux_interet.csv")
        self._index_boroughs()
        # For suggest_places: most populous first, each with its plain and expanded keys.
        self.suggestion_rows = [
            (
                p,
                "".join(
                    f" {k}\n"
                    for k in {normalize_name(p.name), _plain_key(p.name), *self._extra_keys(p)}
                ),
            )
            for p in self.places
        ]

    # -- loaders ---------------------------------------------------------------------------

    @staticmethod
    def _load_regions(path: Path) -> dict[str, Region]:
        with path.open(encoding="utf-8", newline="") as f:
            return {
                row["code"]: Region(
                    row["code"],
                    row["name_fr"],
                    row["name_en"],
                    float(row["lat"]),
                    float(row["lon"]),
                    row["main_city"],
                )
                for row in csv.DictReader(f)
            }

    @staticmethod
    def _load_places(path: Path, regions_path: Path) -> list[Place]:
        with regions_path.open(encoding="utf-8", newline="") as f:
            region_of = {row["place"]: row["region_code"] for row in csv.DictReader(f)}
        places = []
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                source_name = row["city"]
                places.append(
                    Place(
                        name=_DISPLAY_NAMES.get(source_name, source_name),
                        lat=float(row["lat"]),
                        lon=float(row["lng"]),
                        population=int(float(row["population"] or 0)),
                        fsas=tuple(row["postal"].split()),
                        region_code=region_of[source_name],
                    )
                )
        places.sort(key=lambda p: -p.population)
        return places

    @staticmethod
    def _load_fsa_centroids(path: Path) -> dict[str, tuple[float, float]]:
        with path.open(encoding="utf-8", newline="") as f:
            return {
                row["fsa"].upper(): (float(row["latitude"]), float(row["longitude"]))
                for row in csv.DictReader(f)
            }

    @staticmethod
    def _load_municipalities(path: Path) -> list[Municipality]:
        with path.open(encoding="utf-8", newline="") as f:
            return [
                Municipality(
                    name=row["name"],
                    type=row["type"],
                    population_2021=int(row["population_2021"]) if row["population_2021"] else None,
                    land_area_km2=float(row["land_area_km2"]) if row["land_area_km2"] else None,
                )
                for row in csv.DictReader(f)
            ]

    @staticmethod
    def _load_montreal_sites(path: Path) -> list[MontrealSite]:
        sites = []
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                street = (row.get("rue") or "").strip()
                try:
                    lat = float(row["Latitude"])
                    lon = float(row["Longitude"])
                except (TypeError, ValueError):
                    continue
                if not street or not (math.isfinite(lat) and math.isfinite(lon)):
                    continue
                number = (row.get("Numéro") or "").strip()
                compact = _compact_postal(row.get("Code postal") or "")
                postal = _format_postal(compact) if _POSTAL_CODE.fullmatch(compact) else ""
                sites.append(
                    MontrealSite(
                        name=row["Nom français"].strip(),
                        address_1=f"{number} {street}" if number else street,
                        postal_code=postal,
                        borough=(row.get("Arrondissement") or "").strip(),
                        lat=lat,
                        lon=lon,
                        category=(row.get("Catégorie") or "").strip(),
                        type=(row.get("Type") or "").strip(),
                    )
                )
        return sites

    # -- indexes ---------------------------------------------------------------------------

    def _extra_keys(self, place: Place) -> tuple[str, ...]:
        source = next((s for s, d in _DISPLAY_NAMES.items() if d == place.name), place.name)
        names = (source, *_PLACE_ALIASES.get(source, ()))
        return tuple(normalize_name(n) for n in names)

    def _index_places(self) -> None:
        # Most populous first, so a shared key goes to the place people most likely mean.
        for place in self.places:
            for key in (normalize_name(place.name), *self._extra_keys(place)):
                self.places_by_key.setdefault(key, place)

    def _add_locality(
        self, name: str, lat: float, lon: float, region_code: str | None = None
    ) -> None:
        key = normalize_name(name)
        if not key or key in self.places_by_key or key in self.localities:
            return
        region = region_code or self.region_for_point(lat, lon)
        self.localities[key] = _Locality(name, lat, lon, region)

    def _index_fsa_areas(self, path: Path) -> None:
        groups: dict[str, list[tuple[float, float]]] = defaultdict(list)
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                name = row["city"].strip()
                if "(" in name:  # rural FSAs: a whole district named after one village in it
                    continue
                name = re.sub(r"-\s+", "-", name)
                if name in _FSA_AREA_RENAMES:
                    renamed = _FSA_AREA_RENAMES[name]
                    if renamed is None:
                        continue
                    name = renamed
                else:
                    name = _FSA_AREA_SUFFIX.sub("", name).strip()
                    name = _FSA_AREA_RENAMES.get(name, name) or ""
                if name:
                    groups[name].append((float(row["latitude"]), float(row["longitude"])))
        for name, points in groups.items():
            lat = sum(p[0] for p in points) / len(points)
            lon = sum(p[1] for p in points) / len(points)
            self._add_locality(name, lat, lon)

    def _index_boroughs(self) -> None:
        # Montréal's boroughs ("Verdun", "Rosemont–La Petite-Patrie", each part of a compound
        # name) placed at the mean of the borough's public sites: good enough for distance decay.
        groups: dict[str, list[MontrealSite]] = defaultdict(list)
        for site in self.montreal_sites:
            if site.borough and site.borough != "Montréal":
                groups[site.borough].append(site)
        for borough, sites in groups.items():
            # The file also names the island's independent cities ("Ville de Westmount"): those
            # are places already.
            bare = re.sub(r"^ville (de |d )?", "", normalize_name(borough))
            if bare in self.places_by_key:
                continue
            lat = sum(s.lat for s in sites) / len(sites)
            lon = sum(s.lon for s in sites) / len(sites)
            self._add_locality(borough, lat, lon, "06")
            parts = [p.strip() for p in borough.split("–")]
            if len(parts) > 1:
                for part in parts:
                    self._add_locality(part, lat, lon, "06")

    def _build_grid(self) -> None:
        self.grid: dict[tuple[int, int], list[Place]] = defaultdict(list)
        for p in self.places:
            self.grid[self._cell(p.lat, p.lon)].append(p)
        lats = [c[0] for c in self.grid]
        lons = [c[1] for c in self.grid]
        self.grid_bounds = (min(lats), max(lats), min(lons), max(lons))

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return (math.floor(lat / self.CELL), math.floor(lon / self.CELL))

    def nearest_place(self, lat: float, lon: float) -> Place:
        """The place closest to a point.

        Rings of grid cells are searched outward until one holds a place; then every cell that
        could hold a closer one (a box the size of the best distance) is checked. Distances are
        compared on the local equirectangular projection: at the few tens of kilometres where
        it matters, it orders places like the great-circle distance does.
        """
        coslat = max(0.05, math.cos(math.radians(lat)))
        ci, cj = self._cell(lat, lon)
        lat_lo, lat_hi, lon_lo, lon_hi = self.grid_bounds
        max_ring = max(abs(ci - lat_lo), abs(ci - lat_hi), abs(cj - lon_lo), abs(cj - lon_hi))
        best: Place | None = None
        best_sq = math.inf

        def scan(i: int, j: int) -> None:
            nonlocal best, best_sq
            for p in self.grid.get((i, j), ()):
                dy = p.lat - lat
                dx = (p.lon - lon) * coslat
                sq = dx * dx + dy * dy
                if sq < best_sq:
                    best, best_sq = p, sq

        for ring in range(max_ring + 1):
            for i in range(ci - ring, ci + ring + 1):
                if abs(i - ci) == ring:
                    for j in range(cj - ring, cj + ring + 1):
                        scan(i, j)
                else:  # interior rows: only the ring's two edge cells
                    scan(i, cj - ring)
                    if ring:
                        scan(i, cj + ring)
            if best is not None:
                break
        if best is None:  # pragma: no cover - the grid is never empty
            raise LookupError("no places loaded")
        # Far from everything (the north, the Gulf) the projection is too rough: widen the box and
        # compare great-circle distances among everything in it.
        far = best_sq > 0.25
        reach = math.sqrt(best_sq) * (1.5 if far else 1.01)
        reach_lon = reach / max(0.05, math.cos(math.radians(min(89.0, abs(lat) + reach))))
        rows = range(self._cell(lat - reach, lon)[0], self._cell(lat + reach, lon)[0] + 1)
        cols = range(self._cell(lat, lon - reach_lon)[1], self._cell(lat, lon + reach_lon)[1] + 1)
        if far:
            candidates = [p for i in rows for j in cols for p in self.grid.get((i, j), ())]
            return min(candidates, key=lambda p: haversine_km(lat, lon, p.lat, p.lon))
        for i in rows:
            for j in cols:
                if max(abs(i - ci), abs(j - cj)) > ring:
                    scan(i, j)
        return best

    def region_for_point(self, lat: float, lon: float) -> str:
        return self.nearest_place(lat, lon).region_code

    def _build_fsa_regions(self) -> None:
        self.fsa_regions: dict[str, str] = {}
        # FSAs served by places, in population order: the largest place serving it decides.
        served_by: dict[str, Place] = {}
        for p in self.places:
            for fsa in p.fsas:
                served_by.setdefault(fsa, p)
        for fsa in set(self.fsa_centroids) | set(served_by):
            forced = _forced_fsa_region(fsa)
            if forced:
                self.fsa_regions[fsa] = forced
            elif fsa in self.fsa_centroids and fsa[1] != "0":
                self.fsa_regions[fsa] = self.region_for_point(*self.fsa_centroids[fsa])
            elif fsa in served_by and fsa[1] != "0":
                self.fsa_regions[fsa] = served_by[fsa].region_code
            elif fsa in self.fsa_centroids:
                # Rural FSAs span several regions; the centroid's region is the best single guess.
                self.fsa_regions[fsa] = self.region_for_point(*self.fsa_centroids[fsa])
        # FSAs newer than the 2011 centroids but listed by simplemaps get the serving place's point.
        self.fsa_points = dict(self.fsa_centroids)
        for fsa, p in served_by.items():
            self.fsa_points.setdefault(fsa, (p.lat, p.lon))


def _forced_fsa_region(fsa: str) -> str | None:
    if fsa[:2] == "H7":
        return "13"
    if fsa[:2] in _MONTREAL_ISLAND_PREFIXES:
        return "06"
    return None


@cache
def _gazetteer() -> _Gazetteer:
    # Two threads racing on the first call may both build it; the result is the same and one wins.
    return _Gazetteer(DATA_DIR)


# --------------------------------------------------------------------------------------------
# Public functions


def regions() -> dict[str, Region]:
    """The 17 administrative regions by code ("01"–"17")."""
    return _gazetteer().regions


def places() -> list[Place]:
    """The 639 simplemaps places, most populous first."""
    return _gazetteer().places


def municipalities() -> list[Municipality]:
    """The 1,282 census subdivisions of 2021 (no coordinates: Statistics Canada gives none)."""
    return _gazetteer().municipalities


def montreal_sites() -> list[MontrealSite]:
    """Ville de Montréal public and community sites that have coordinates and a street."""
    return _gazetteer().montreal_sites


def _lookup_key(g: _Gazetteer, key: str) -> Place | _Locality | None:
    hit = g.places_by_key.get(key) or g.localities.get(key)
    if hit is not None:
        return hit
    # At most one suffix ("Laval, QC") and one prefix ("Ville de Laval") are dropped, longest
    # first, so the work stays constant whatever the text repeats.
    for suffix in _NAME_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key[: -len(suffix)]
            hit = g.places_by_key.get(key) or g.localities.get(key)
            if hit is not None:
                return hit
            break
    for prefix in _NAME_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            rest = key[len(prefix) :]
            return g.places_by_key.get(rest) or g.localities.get(rest)
    return None


def place_by_name(name: str) -> Place | None:
    """The simplemaps place with this name, ignoring accents, case, hyphens and St-/Ste- forms."""
    if not isinstance(name, str) or len(name) > MAX_PLACE_TEXT_LENGTH:
        return None
    hit = _lookup_key(_gazetteer(), normalize_name(name))
    return hit if isinstance(hit, Place) else None


def fsa_centroid(fsa: str) -> tuple[float, float] | None:
    """Centroid of a Québec FSA ("H2X", any case/spacing), or None if unknown."""
    code = coarsen_postal_code(fsa)
    return _gazetteer().fsa_centroids.get(code) if code else None


def region_for_fsa(fsa: str) -> str | None:
    """Administrative region of a Québec FSA, or None if the FSA is unknown.

    On the island of Montréal (H1–H5, H8, H9) and in Laval (H7) postal and administrative
    geography coincide; elsewhere the FSA's centroid is classified like any point. Rural FSAs
    (second character 0) straddle regions: the answer is the centroid's region.
    """
    code = coarsen_postal_code(fsa)
    if code is None:
        return None
    return _gazetteer().fsa_regions.get(code) or _forced_fsa_region(code)


def region_for_point(lat: float, lon: float) -> str:
    """Administrative region of the place nearest to a point.

    Nearest *place*, not nearest region centroid: region centroids misclassify the suburbs
    around Montréal and most of the St. Lawrence shores (Terrebonne is closer to Laval's centroid
    than to Lanaudière's, La Malbaie to Saguenay's than to Capitale-Nationale's).
    """
    return _gazetteer().region_for_point(lat, lon)


def _origin_for_fsa(g: _Gazetteer, fsa: str, label: str, kind: str) -> Origin:
    point = g.fsa_points.get(fsa)
    if point is None:
        if fsa[0] not in _QUEBEC_FSA_LETTERS:
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
    g = _gazetteer()

    if len(stripped) <= 9:
        compact = _compact_postal(stripped)
        if len(compact) == 6 and _POSTAL_CODE.fullmatch(compact):
            fsa = compact[:3]
            return _origin_for_fsa(g, fsa, _format_postal(compact), "postal_code")
        if len(compact) == 3 and _FSA.fullmatch(compact):
            return _origin_for_fsa(g, compact, compact, "fsa")

    numeric = _NUMERIC_TEXT.fullmatch(stripped) is not None
    halves = _split_coordinates(stripped)
    if halves is not None:
        lat: float | None
        lon: float | None
        try:
            lat, lon = float(halves[0].replace(",", ".")), float(halves[1].replace(",", "."))
        except (ValueError, OverflowError):
            lat = lon = None  # two words that are not numbers: maybe a place name
        if lat is not None and lon is not None:
            lat, lon = _check_point(lat, lon, within_quebec=True)
            region = g.region_for_point(lat, lon)
            return Origin(lat, lon, f"{lat:.5f}, {lon:.5f}", "coordinates", None, region)
    if numeric:
        raise PlaceError("invalid_coordinates", f"not coordinates: {stripped!r}")

    key = normalize_name(stripped)
    hit = _lookup_key(g, key)
    if isinstance(hit, Place):
        return Origin(hit.lat, hit.lon, hit.name, "municipality", None, hit.region_code)
    if isinstance(hit, _Locality):
        return Origin(hit.lat, hit.lon, hit.label, "municipality", None, hit.region_code)
    if key in g.municipality_keys:
        raise PlaceError("unknown_place", f"municipality {stripped!r} has no known coordinates")
    raise PlaceError("unknown_place", f"unknown place {stripped!r}")


def suggest_places(prefix: str, limit: int = 8) -> list[Place]:
    """Places whose name (or a word of it) starts with ``prefix``, most populous first."""
    if not isinstance(prefix, str) or limit <= 0 or len(prefix) > MAX_PLACE_TEXT_LENGTH:
        return []
    expanded, plain = normalize_name(prefix), _plain_key(prefix)
    if not plain:
        return []
    # A word start anywhere matches: "jerome" finds Saint-Jérôme. Both the typed and the expanded
    # form are tried, since "st" may begin "Stanstead" as well as stand for "Saint".
    word_starts = tuple({" " + expanded, " " + plain})
    out: list[Place] = []
    for place, haystack in _gazetteer().suggestion_rows:
        if any(w in haystack for w in word_starts):
            out.append(place)
            if len(out) >= limit:
                break
    return out
