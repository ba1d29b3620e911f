"""The one search-engine interface (DESIGN.md decision 3) and the values that cross it.

Two engines implement `SearchEngine`: `EmbeddedEngine` (tantivy, an index directory, the default)
and `OpenSearchEngine` (opensearch-py). The portal, the HSDS API, the widget and the curation area
only ever see these types, so either engine can answer any of them.

A search document is one service at one location (`service_at_location`), carrying both languages;
`indexer/document.py` builds it from the directory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

Locale = Literal["fr", "en"]
Sort = Literal["relevance", "distance", "name"]

# Facets the portal shows, in display order. Each is multi-select (decision 6).
FACETS = ("category", "region", "municipality", "language", "accessibility", "age_group", "free")

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
    include_closed: bool = False  # temporarily closed services are left out unless asked
    crisis_only: bool = False
    origin: Origin | None = None
    radius_km: float | None = None
    sort: Sort = "relevance"
    page: int = 1
    per_page: int = 20
    facets: bool = True
    highlight: bool = True
    now: dt.datetime | None = None  # for open-now; None means the current time in America/Montreal

    def selected(self, facet: str) -> tuple[str, ...]:
        if facet == "free":
            return ("true",) if self.free else ()
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
    document: dict[str, Any]  # the stored document fields (both languages) for display
    highlights: dict[str, str] = field(default_factory=dict)  # field -> HTML-escaped text with <mark>


@dataclass(frozen=True)
class SearchResponse:
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    page: int
    per_page: int
    suggestion: str | None = None  # "did you mean", in the query's language
    origin: Origin | None = None
    took_ms: float = 0.0
    engine: str = ""
    degraded: bool = False  # answered by the fallback engine

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


Progress = Callable[[int], None]


@runtime_checkable
class SearchEngine(Protocol):
    name: str

    def rebuild(self, documents: Iterable[dict], *, progress: Progress | None = None) -> RebuildResult:
        """Build a new index from all documents, then switch to it atomically."""

    def upsert(self, documents: Iterable[dict]) -> None:
        """Add or replace documents in the live index, visible to searches when it returns."""

    def delete(self, ids: Iterable[str]) -> None: ...

    def search(self, request: SearchRequest) -> SearchResponse: ...

    def suggest(self, prefix: str, locale: Locale, limit: int = 8) -> list[Suggestion]: ...

    def health(self) -> Health: ...
