"""`search`, `postcode` and `proximity` answered by the portal's search engine.

The API builds its `SearchRequest` with the portal's own parser (q = search, place = postcode,
radius = proximity in km) and sends it to the app's one engine, both through
`portal.search_service`, so the same query ranks the same way on the results page and in the API:
text relevance × distance decay around the place. Only facets and highlights, which do not change
the ranking, are switched off. Like the portal, an API search counts once for the needs analysis
(channel "api"): the first engine page of the client's first page; the engine pages read to fill
a page, later pages and totals are lookups, never logged.

The engine ranks service_at_location documents. `/service_at_locations` pages through them as they
are. `/services` asks the engine to group them by service (`SearchRequest.group_by_service`): each
service at its best service_at_location, pages over services, and `total_items` the number of
distinct services, the results page's own count for the same query.
Database filters (organization, taxonomy, modified_after) cannot be sent to the engine: then every
match is read (at most MAX_PAGE × 100) and the allowed ones kept, in the engine's order.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from werkzeug.datastructures import MultiDict

from indexer.engine import MAX_PAGE, MAX_PER_PAGE, InvalidSearch, SearchRequest, SearchUnavailable
from portal import search_service
from portal.api.params import ApiError, Paging, bad, search_refused

RETRY_SECONDS = 30


def request_for(search: str | None, postcode: str | None, proximity_m: float | None,
                locale: str) -> SearchRequest:
    """The SearchRequest the portal would build for the same query and place."""
    if proximity_m is not None and not postcode:
        raise bad("proximity", "needs a postcode (distances are measured from its centroid)",
                  reason="radius_without_place")
    args = MultiDict()
    if search:
        args["q"] = search
    if postcode:
        args["place"] = postcode
        if proximity_m is not None:
            args["radius"] = repr(proximity_m / 1000)
    try:
        request = parse(args, locale)
    except InvalidSearch as error:
        raise search_refused(error) from None
    return dataclasses.replace(request, facets=False, highlight=False)


def parse(args, locale: str) -> SearchRequest:
    return search_service.parse(args, locale)


def _search(request: SearchRequest, *, log: bool = False):
    """The engine's page; `log`: the client's search itself (first page), else a lookup."""
    try:
        if log:
            return search_service.search(request, search_service.API)
        return search_service.lookup(request)
    except SearchUnavailable:
        raise ApiError(503, "search_unavailable",
                       "The search engine is unavailable; retry shortly.",
                       retry_after=RETRY_SECONDS) from None
    except InvalidSearch as error:
        raise search_refused(error) from None


@dataclass
class Ranked:
    ids: list[str]  # the requested page's ids, best first
    total: int
    exact: bool = True
    corrected_q: str | None = None  # the spelling correction searched instead (understanding)


def understanding(request: SearchRequest, typed: str, ranked: Ranked) -> dict | None:
    """What the API understood in `search` (the page's `search_understanding` member): the words it
    matched, the place it took from them (used as if given as `postcode`) and the spelling it
    corrected; None when it took the words as they are."""
    if not request.understood and not ranked.corrected_q:
        return None
    return {
        "search": typed,
        "text": ranked.corrected_q or request.q,
        "places": [{"text": u.text, "label": u.label, "kind": u.kind, "region": u.region_code}
                   for u in request.understood],
        "corrected": ranked.corrected_q,
    }


def service_at_locations(request: SearchRequest, paging: Paging,
                         allowed: set[str] | None = None) -> Ranked:
    if allowed is None:
        if paging.page > MAX_PAGE or paging.per_page > MAX_PER_PAGE:
            first = _search(dataclasses.replace(request, page=1, per_page=1))
            return Ranked([], first.total)
        # Like the portal, an API search counts once for the needs analysis: on its first page.
        response = _search(dataclasses.replace(request, page=paging.page,
                                               per_page=paging.per_page), log=paging.page == 1)
        return Ranked([hit.id for hit in response.hits], response.total,
                      corrected_q=response.corrected_q)
    ranked, _ = _collect(request, "id", allowed, None, log=paging.page == 1)
    return Ranked(ranked[paging.offset:paging.offset + paging.per_page], len(ranked))


def services(request: SearchRequest, paging: Paging, allowed: set[str] | None = None) -> Ranked:
    """Services ranked by their best service_at_location: the engine groups by service, so the
    page and its total are those of the results page for the same query."""
    grouped = dataclasses.replace(request, group_by_service=True)
    if allowed is None:
        if paging.page > MAX_PAGE or paging.per_page > MAX_PER_PAGE:
            first = _search(dataclasses.replace(grouped, page=1, per_page=1))
            return Ranked([], first.total)
        response = _search(dataclasses.replace(grouped, page=paging.page, per_page=paging.per_page),
                           log=paging.page == 1)
        return Ranked([hit.service_id for hit in response.hits], response.total,
                      corrected_q=response.corrected_q)
    ranked, _ = _collect(grouped, "service_id", allowed, None, log=paging.page == 1)
    return Ranked(ranked[paging.offset:paging.offset + paging.per_page], len(ranked))


def all_ids(request: SearchRequest, key: str, allowed: set[str] | None = None) -> list[str]:
    """Every match, best first (ndjson), deduplicated on `key` ("id" or "service_id")."""
    if key == "service_id":
        request = dataclasses.replace(request, group_by_service=True)
    return _collect(request, key, allowed, None, log=True)[0]


@dataclass
class _State:
    documents: int = 0
    total_documents: int = 0
    exhausted: bool = False


def _collect(request: SearchRequest, key: str, allowed: set[str] | None,
             needed: int | None, *, log: bool = False) -> tuple[list[str], _State]:
    seen: set[str] = set()
    out: list[str] = []
    state = _State()
    for page in range(1, MAX_PAGE + 1):
        response = _search(dataclasses.replace(request, page=page, per_page=MAX_PER_PAGE),
                           log=log and page == 1)
        state.total_documents = response.total
        for hit in response.hits:
            state.documents += 1
            value = hit.service_id if key == "service_id" else hit.id
            if value in seen:
                continue
            seen.add(value)
            if allowed is None or value in allowed:
                out.append(value)
        if not response.hits or page * MAX_PER_PAGE >= response.total:
            state.exhausted = True
            break
        if needed is not None and len(out) >= needed:
            break
    return out, state
