"""Where exported, printed and mapped services come from: a result set or a shortlist.

A *result set* is the search a results page shows (the same query string), every page of it, read
from the engine 100 hits at a time, so memory stays flat whatever its size. A *shortlist* is the
list of service ids of `?s=` (portal.shortlist), read from the directory database. Both give search
documents (indexer.document: one service at one location, both languages), the one shape every
writer here knows.

`entries` groups documents by service, in first-seen order, for pages and PDFs that show a
service once with all its locations.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from flask import current_app

from indexer.engine import MAX_PAGE, MAX_PER_PAGE, SearchRequest

RESULTS, LIST = "results", "list"
SOURCES = (RESULTS, LIST)


def search_request(args, lang: str) -> SearchRequest:
    """The results page's request for these arguments, as one long unpaged scan (InvalidSearch
    propagates: the caller answers 400)."""
    from indexer.request import parse_search_args

    parsed = parse_search_args(args, lang)
    return dataclasses.replace(parsed, page=1, per_page=MAX_PER_PAGE, facets=False, highlight=False)


def iter_result_documents(engine, request: SearchRequest, limit: int | None = None) -> Iterator[dict]:
    """Every hit's document in the results page's order, one engine page at a time."""
    seen = 0
    for page in range(1, MAX_PAGE + 1):
        response = engine.search(dataclasses.replace(request, page=page))
        for hit in response.hits:
            yield hit.document
            seen += 1
            if limit is not None and seen >= limit:
                return
        if page >= response.pages or not response.hits:
            return


def is_everything(request: SearchRequest) -> bool:
    """No text, place or filter: the whole directory (as the engine shows it)."""
    return not (request.q or request.origin or request.categories or request.regions or request.municipalities
                or request.languages or request.accessibility or request.age_groups or request.free
                or request.open_now or request.include_closed or request.crisis_only)


def iter_directory_documents(database_url: str, ids: Iterable[str] | None = None, batch: int = 500) -> Iterator[dict]:
    """Documents straight from the directory, 500 services at a time, sorted by French name (or in
    the order of `ids`), as the engine would show them (no temporarily closed or expired service).

    Why not the engine for "everything": it pages 100 hits at a time with offsets, and 15,000
    services are ~75,000 service-at-location documents, past its last page (MAX_PAGE) and slow
    at deep offsets. Builds documents with the indexer's own function, so both paths agree.
    """
    import datetime as dt

    from sqlalchemy import select

    from directory.db import engine_for
    from directory.models import Service
    from indexer import document as documents
    from indexer.schedule import MONTREAL

    today = dt.datetime.now(MONTREAL).date()
    with engine_for(database_url).connect() as conn:
        if ids is None:
            wanted = list(conn.scalars(select(Service.id).where(Service.status == "active")
                                       .order_by(Service.name_fr, Service.id)))
            keep = lambda doc: not doc["valid_to"] or doc["valid_to"] >= today.isoformat()  # noqa: E731
        else:
            wanted = list(ids)
            keep = lambda doc: True  # noqa: E731  (a shortlist shows what it lists)
        for start in range(0, len(wanted), batch):
            chunk = wanted[start:start + batch]
            tables = documents.DocumentTables(conn, chunk)
            by_service: dict[str, list[dict]] = {}
            for sal in tables.sals:
                doc = documents.build_document(tables, sal, today)
                if doc is not None and keep(doc):
                    by_service.setdefault(doc["service_id"], []).append(doc)
            for service_id in chunk:
                yield from by_service.get(service_id, ())


def count_results(engine, request: SearchRequest) -> int:
    return engine.search(dataclasses.replace(request, per_page=1, page=1)).total


def iter_shortlist_documents(database_url: str, ids: Iterable[str]) -> Iterator[dict]:
    """The documents of each listed service, in the list's order; unknown or withdrawn ids are
    skipped (a shared link may outlive a service)."""
    yield from iter_directory_documents(database_url, list(ids))


def engine():
    from portal.search.views import search_engine

    return search_engine()


def documents(source: str, args, lang: str, limit: int | None = None) -> Iterator[dict]:
    """Documents of `source` ("results" or "list") described by the request arguments `args`."""
    if source == LIST:
        from portal.shortlist.core import Shortlist

        ids = Shortlist.from_args(args).ids
        return iter_shortlist_documents(current_app.config["DATABASE_URL"], ids[:limit] if limit else ids)
    request = search_request(args, lang)
    if is_everything(request):
        docs = iter_directory_documents(current_app.config["DATABASE_URL"])
        return itertools.islice(docs, limit) if limit else docs
    return iter_result_documents(engine(), request, limit)


@dataclass
class Entry:
    """One service and its documents (one per location), for pages and PDFs."""

    service_id: str
    documents: list[dict] = field(default_factory=list)

    @property
    def first(self) -> dict:
        return self.documents[0]


def entries(docs: Iterable[dict]) -> list[Entry]:
    found: dict[str, Entry] = {}
    for doc in docs:
        entry = found.get(doc["service_id"])
        if entry is None:
            entry = found[doc["service_id"]] = Entry(doc["service_id"])
        entry.documents.append(doc)
    return list(found.values())
