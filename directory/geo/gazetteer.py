"""The reference files of ``data/geo/`` loaded and indexed once, on first use (``gazetteer()``),
and kept for the life of the process."""

from __future__ import annotations

import csv
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from directory.geo.coordinates import haversine_km
from directory.geo.names import normalize_name, plain_key
from directory.geo.postal import POSTAL_CODE, compact_postal, forced_fsa_region, format_postal
from directory.geo.types import MontrealSite, Municipality, Place, Region

DATA_DIR = Path(__file__).parent.parent / "data" / "geo"


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
class Locality:
    """A name that resolves to a point without being one of the simplemaps places."""

    label: str
    lat: float
    lon: float
    region_code: str | None


class Gazetteer:
    """Everything loaded and indexed; built once by ``gazetteer()``."""

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
        self.region_population = self._region_population(data_dir / "municipality_regions.csv")
        self.localities: dict[str, Locality] = {}
        self._index_fsa_areas(data_dir / "qc_fsa_centroids.csv")
        self.montreal_sites = self._load_montreal_sites(data_dir / "montreal_lieux_interet.csv")
        self._index_boroughs()
        # For suggest_places: most populous first, each with its plain and expanded keys.
        self.suggestion_rows = [
            (
                p,
                "".join(
                    f" {k}\n"
                    for k in {normalize_name(p.name), plain_key(p.name), *self._extra_keys(p)}
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

    def _region_population(self, path: Path) -> dict[str, int]:
        """Residents per region in 2021: the census subdivisions summed by the region that
        municipality_regions.csv (same rows, same order) gives each one."""
        totals = dict.fromkeys(self.regions, 0)
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        if [r["name"] for r in rows] != [m.name for m in self.municipalities]:
            raise ValueError(f"{path.name} is out of step with municipalities.csv: re-derive it")
        for row, municipality in zip(rows, self.municipalities, strict=True):
            totals[row["region_code"]] += municipality.population_2021 or 0
        return totals

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
                compact = compact_postal(row.get("Code postal") or "")
                postal = format_postal(compact) if POSTAL_CODE.fullmatch(compact) else ""
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
        self.localities[key] = Locality(name, lat, lon, region)

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
            forced = forced_fsa_region(fsa)
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



@cache
def gazetteer() -> Gazetteer:
    # Two threads racing on the first call may both build it; the result is the same and one wins.
    return Gazetteer(DATA_DIR)
