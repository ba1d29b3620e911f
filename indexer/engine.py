"""The one search-engine interface (docs/architecture.md, decision 3) and the values that cross it.

Two engines implement `SearchEngine`: `EmbeddedEngine` (tantivy, an index directory, the default)
and `OpenSearchEngine` (opensearch-py). The portal, the HSDS API, the widget and the curation area
only ever see these types, so either engine can answer any of them.

A search document is one service at one location (`service_at_location`), carrying both languages;
`indexer/document.py` builds it from the directory. A request with `group_by_service` gets one hit
per service instead (its best-ranked location for the request, the one the ungrouped ranking lists
first), and `total` counts services; facet counts stay counts of documents (locations).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

Locale = Literal["fr", "en"]
Sort = Literal["relevance", "distance", "name"]

# A search document: the JSON object both engines index, its fields and types those of
# `indexer.document.FIELD_TYPES` (checked at run time by `validate_document`). A dict rather than a
# TypedDict: the engines read most fields by computed names (`f"{field}_{language}"`), which a
# TypedDict does not allow.
SearchDocument = dict[str, Any]

# Yes/no facets: one checkbox ("free only"), a boolean document field and a SearchRequest field of
# the same name, selected as "true". Every engine, the request parser, the results page and the
# needs log read this tuple: a new yes/no filter is one name here and in FACETS, a SearchRequest
# field, the document's value (indexer/document.py) and its labels (portal/display/labels.py).
FLAG_FACETS = ("free",)

# Facets the portal shows, in display order. Each is multi-select (decision 6).
FACETS = ("category", "region", "municipality", "language", "accessibility", "age_group", *FLAG_FACETS)

MAX_QUERY_CHARS = 300
MAX_PER_PAGE = 100
MAX_PAGE = 500


@dataclass(frozen=True)
class Origin:
    """Where the user is: the centre of distance scoring and of the radius filter."""

    lat: float
    lon: float
    label: str = ""
    kind: str = "coordinates"  # postal_code | fsa | municipality | coordinates
    fsa: str | None = None
    region_code: str | None = None


@dataclass(frozen=True)
class Understood:
    """Something query understanding (indexer/understanding) took out of the query text and used
    otherwise: a place became the origin, a region a region filter. `text` is the words as typed
    (removed from `q`), `label` what to show ("Sherbrooke"); `stage` names the stage ("place"), the
    value of the `keep` argument that switches it off."""

    stage: str
    kind: str  # place: municipality | postal_code | fsa | region
    text: str
    label: str
    region_code: str | None = None


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    locale: Locale = "fr"
    categories: tuple[str, ...] = ()  # taxonomy term codes, any level
    regions: tuple[str, ...] = ()  # "01".."17"
    municipalities: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()  # service language codes
    accessibility: tuple[str, ...] = ()  # accessibility keys
    age_groups: tuple[str, ...] = ()  # children | youth | adults | seniors
    free: bool = False
    open_now: bool = False
    # Places available now: a fresh capacity count above 0 (directory/capacity.py, docs/capacity.md)
    available_now: bool = False
    include_closed: bool = False  # temporarily closed services are left out unless asked
    crisis_only: bool = False
    origin: Origin | None = None
    radius_km: float | None = None
    sort: Sort = "relevance"
    page: int = 1
    per_page: int = 20
    facets: bool = True
    highlight: bool = True
    # One hit per service (its best-ranked location), pages and `total` over services: the results
    # page, the widget and the API's /services. Maps, exports and /service_at_locations list
    # every location.
    group_by_service: bool = False
    # Need understanding (indexer/understanding/need.py) boosts the categories the text is about;
    # False searches the words typed only (the person removed the "Understood" chip: `keep=need`).
    understand_need: bool = True
    now: dt.datetime | None = None  # for open-now; None means the current time in America/Montreal
    understood: tuple[Understood, ...] = ()  # what query understanding took from the typed text
    # A typed query that finds (almost) nothing is searched again with its spelling corrected
    # (indexer/understanding/spelling.py); False: the reader asked for the words as typed.
    correct_spelling: bool = True

    def selected(self, facet: str) -> tuple[str, ...]:
        if facet in FLAG_FACETS:
            return ("true",) if getattr(self, facet) else ()
        return {
            "category": self.categories,
            "region": self.regions,
            "municipality": self.municipalities,
            "language": self.languages,
            "accessibility": self.accessibility,
            "age_group": self.age_groups,
        }[facet]


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class Hit:
    id: str  # service_at_location id
    service_id: str
    score: float
    distance_km: float | None
    document: SearchDocument  # the stored document fields (both languages) for display
    highlights: dict[str, str] = field(default_factory=dict)  # field -> HTML-escaped text with <mark>


@dataclass(frozen=True)
class SearchResponse:
    total: int  # matching documents, or services when the request groups by service
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    page: int
    per_page: int
    suggestion: str | None = None  # "did you mean", in the query's language
    origin: Origin | None = None
    took_ms: float = 0.0
    engine: str = ""
    degraded: bool = False  # answered by the fallback engine
    corrected_q: str | None = None  # the corrected text searched instead of the request's `q`

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True)
class Suggestion:
    text: str
    kind: str  # service | category | organization
    locale: Locale
    category_code: str | None = None


@dataclass(frozen=True)
class Health:
    ok: bool
    engine: str
    documents: int = 0
    index: str = ""
    detail: str = ""


@dataclass(frozen=True)
class RebuildResult:
    index: str
    documents: int
    seconds: float


class SearchUnavailable(RuntimeError):
    """The engine cannot answer now (down, timed out, index missing). Never shown as a traceback."""


class InvalidSearch(ValueError):
    """The request cannot be run as given; `code` is translated by the UI."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def checked_request(request: SearchRequest) -> SearchRequest:
    """The request with its text normalised (control characters and runs of spaces to one space),
    or InvalidSearch: the one check both engines run, so they refuse the same requests with the
    same codes."""
    if not isinstance(request, SearchRequest):
        raise InvalidSearch("invalid_request", "expected a SearchRequest")
    if not isinstance(request.q, str):
        raise InvalidSearch("invalid_query", "query text must be a string")
    if len(request.q) > MAX_QUERY_CHARS:
        raise InvalidSearch("query_too_long", f"at most {MAX_QUERY_CHARS} characters")
    if not isinstance(request.page, int) or not 1 <= request.page <= MAX_PAGE:
        raise InvalidSearch("invalid_page", f"page must be within 1..{MAX_PAGE}")
    if not isinstance(request.per_page, int) or not 1 <= request.per_page <= MAX_PER_PAGE:
        raise InvalidSearch("invalid_per_page", f"per_page must be within 1..{MAX_PER_PAGE}")
    if request.locale not in ("fr", "en"):
        raise InvalidSearch("invalid_locale", "locale must be fr or en")
    if request.sort not in ("relevance", "distance", "name"):
        raise InvalidSearch("invalid_sort", "sort must be relevance, distance or name")
    if request.radius_km is not None:
        radius = request.radius_km
        if not isinstance(radius, (int, float)) or math.isnan(radius) or not 0 < radius <= 2000:
            raise InvalidSearch("invalid_radius", "radius must be a positive number of km")
        if request.origin is None:
            raise InvalidSearch("radius_without_place", "a radius needs a place")
    if request.origin is not None:
        lat, lon = request.origin.lat, request.origin.lon
        if not (isinstance(lat, (int, float)) and isinstance(lon, (int, float))
                and -90 <= lat <= 90 and -180 <= lon <= 180):
            raise InvalidSearch("invalid_coordinates", "origin out of range")
    q = " ".join(_CONTROL.sub(" ", request.q).split())
    return request if q == request.q else dataclasses.replace(request, q=q)


Progress = Callable[[int], object]  # called with each batch's number of documents; result ignored


@runtime_checkable
class SearchEngine(Protocol):
    name: str

    def rebuild(self, documents: Iterable[SearchDocument], *,
                progress: Progress | None = None) -> RebuildResult:
        """Build a new index from all documents, then switch to it atomically."""

    def upsert(self, documents: Iterable[SearchDocument]) -> None:
        """Add or replace documents in the live index, visible to searches when it returns."""

    def delete(self, ids: Iterable[str]) -> None: ...

    def replace_service(self, service_id: str, documents: Iterable[SearchDocument]) -> None:
        """The service's documents (any locations) replace its indexed ones; none: it left."""

    def search(self, request: SearchRequest) -> SearchResponse: ...

    def suggest(self, prefix: str, locale: Locale, limit: int = 8) -> list[Suggestion]: ...

    def health(self) -> Health: ...

    def state_token(self) -> tuple[Hashable, ...] | None:
        """A value that changes whenever what `search` answers may change (a commit, a swap), for
        caches of rendered pages; None when the engine cannot tell (then nothing is cached)."""
