"""Where exported, printed and mapped services come from: a result set or a shortlist.

A *result set* is the search a results page shows (the same query string), every page of it, read
from the engine 100 hits at a time through the search service (`portal.search_service`:
`iter_documents`, never logged: the reader's search was logged on the results page), so memory
stays flat whatever its size. A *shortlist* is the list of service ids of `?s=`
(portal.shortlist), read from the directory database. Both give search documents
(indexer.document: one service at one location, both languages), the one shape every writer here
knows; `portal.display.summary.entries` groups them by service for pages and PDFs.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

from flask import current_app

from indexer.engine import FLAG_FACETS, MAX_PER_PAGE, SearchRequest
from portal import search_service

RESULTS, LIST = "results", "list"
SOURCES = (RESULTS, LIST)


def search_request(args, lang: str) -> SearchRequest:
    """The results page's request for these arguments, as one long unpaged scan (InvalidSearch
    propagates: the caller answers 400)."""
    return search_service.parse(args, lang, page=1, per_page=MAX_PER_PAGE, facets=False, highlight=False)


def is_everything(request: SearchRequest) -> bool:
    """No text, place or filter: the whole directory (as the engine shows it)."""
    return not (request.q or request.origin or request.categories or request.regions or request.municipalities
                or request.languages or request.accessibility or request.age_groups
                or any(getattr(request, flag) for flag in FLAG_FACETS)
                or request.open_now or request.available_now or request.include_closed or request.crisis_only)


def iter_directory_documents(database_url: str, ids: Iterable[str] | None = None, batch: int = 500) -> Iterator[dict]:
    """Documents straight from the directory, 500 services at a time, sorted by French name (or in
    the order of `ids`), as the engine would show them (no temporarily closed service, no temporary
    service outside its dates: `directory.validity`).

    Why not the engine for "everything": it pages 100 hits at a time with offsets, and 15,000
    services are ~75,000 service-at-location documents, past its last page (MAX_PAGE) and slow
    at deep offsets. Builds documents with the indexer's own function, so both paths agree.
    """
    import datetime as dt

    from sqlalchemy import select

    from directory.db import engine_for
    from directory.models import Service
    from directory.validity import document_offered_on
    from indexer.document import iter_documents_for_services
    from indexer.schedule import MONTREAL

    today = dt.datetime.now(MONTREAL).date()
    if ids is None:
        with engine_for(database_url).connect() as conn:
            wanted = list(conn.scalars(select(Service.id).where(Service.status == "active")
                                       .order_by(Service.name_fr, Service.id)))
        keep = lambda doc: document_offered_on(doc, today)  # noqa: E731
    else:
        wanted = list(ids)
        keep = lambda doc: True  # noqa: E731  (a shortlist shows what it lists)
    for doc in iter_documents_for_services(database_url, wanted, batch=batch, today=today):
        if keep(doc):
            yield doc


def iter_shortlist_documents(database_url: str, ids: Iterable[str]) -> Iterator[dict]:
    """The documents of each listed service, in the list's order; unknown or withdrawn ids are
    skipped (a shared link may outlive a service)."""
    yield from iter_directory_documents(database_url, list(ids))


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
    return search_service.iter_documents(request, limit)
