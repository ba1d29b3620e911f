"""`EmbeddedEngine`: a search request through its plan, queries, ranking, facets and hits, on the
live version that `IndexDirectory` opens (and writes)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import time

import tantivy
from tantivy import Query

from directory.geo import haversine_km
from indexer import relevance
from indexer.embedded import columns, grouping, queries, ranking, suggestions
from indexer.embedded.facets import Facets, aggregated_facets
from indexer.embedded.lifecycle import IndexDirectory, LiveIndex, ResponseKey
from indexer.embedded.schema import source_of
from indexer.engine import (
    MAX_QUERY_CHARS,
    Health,
    Hit,
    Locale,
    SearchRequest,
    SearchResponse,
    SearchUnavailable,
    Suggestion,
    checked_request,
)
from indexer.schedule import MONTREAL, current_slot
from indexer.understanding import spelling

# (total, the page's entries, facet counts) of a search.
Answer = tuple[int, list[ranking.Entry], Facets]


class EmbeddedEngine(IndexDirectory):
    name = "embedded"

    # A radius search with at most this many matches in the circle's bounding box is answered in
    # memory (`columns.py` says why and how).
    MATCHES_IN_MEMORY = 40_000
    _in_memory_for_every_search = False  # tests: compare both paths on searches without a radius

    def __init__(self, index_path: str | os.PathLike[str], *, writer_heap_bytes: int = 200_000_000,
                 response_cache_size: int | None = None) -> None:
        super().__init__(index_path, writer_heap_bytes=writer_heap_bytes)
        # Whole responses of recent searches, per index state: people page through results, go
        # back, share links, and the same few needs are asked all day long. Keyed by the request
        # (with "now" reduced to what it changes: the day and, for open-now, the quarter hour)
        # and dropped whenever the index changes (any process's commit or rebuild). 0: off
        # (SEARCH_RESPONSE_CACHE_SIZE=0: the benchmarks measure every search asked of the index).
        if response_cache_size is None:
            response_cache_size = int(os.environ.get("SEARCH_RESPONSE_CACHE_SIZE", "256"))
        self.response_cache_size = response_cache_size

    def health(self) -> Health:
        try:
            live = self._state()
            docs = live.index.searcher().num_docs
        except SearchUnavailable as exc:
            return Health(ok=False, engine=self.name, index=str(self.path), detail=str(exc))
        return Health(ok=True, engine=self.name, documents=docs, index=live.version,
                      detail=f"{self.path / live.version}")

    def search(self, request: SearchRequest) -> SearchResponse:
        started = time.perf_counter()
        request = checked_request(request)
        live = self._state()
        now = request.now or dt.datetime.now(MONTREAL)
        if now.tzinfo is None:
            now = now.replace(tzinfo=MONTREAL)
        today = now.astimezone(MONTREAL).date()
        slot = current_slot(now)
        key: ResponseKey = (dataclasses.replace(request, now=None), today,
                            slot if request.open_now else None,
                            relevance.available_after(now) if request.available_now else None)
        if self.response_cache_size:
            with live.responses_lock:
                cached = live.responses.get(key)
                if cached is not None:
                    live.responses.move_to_end(key)
            if cached is not None:
                return dataclasses.replace(cached, took_ms=(time.perf_counter() - started) * 1000)
        response = spelling.corrected(
            request, self._search(live, request, today, slot, started, now),
            lambda retry: self._search(live, retry, today, slot, time.perf_counter(), now))
        if self.response_cache_size:
            with live.responses_lock:
                if self._live is live:
                    live.responses[key] = response
                    while len(live.responses) > self.response_cache_size:
                        live.responses.popitem(last=False)
        return response

    def _search(self, live: LiveIndex, request: SearchRequest, today: dt.date, slot: int | None,
                started: float, now: dt.datetime) -> SearchResponse:
        searcher = live.index.searcher()
        p = relevance.plan(request, today=today, slot=slot, now=now)

        text = queries.text_query(p.text)
        base_filters = [queries.filter_query(f) for f in p.filters]
        if p.available_after is not None:
            base_filters.append(queries.available_after(p.available_after, live.has_available_until))
        must_not = [queries.expired(today, live.has_valid_from)]
        if p.exclude_closed:
            must_not.append(queries.term("status", "temporarily closed"))
        answer = None
        if (p.radius_km is not None or self._in_memory_for_every_search) \
                and p.sort in ("relevance", "distance"):
            answer = columns.in_memory(live, searcher, p, request, text, base_filters, must_not,
                                       self.MATCHES_IN_MEMORY)
        if answer is None:
            answer = self._by_queries(live, searcher, p, request, text, base_filters, must_not)
        total, page, facets = answer
        hits = [self._hit(searcher, score, addr, distance, p, request)
                for score, addr, distance in page]
        suggestion = None if p.text.is_empty else suggestions.did_you_mean(live, searcher, p.text)
        return SearchResponse(
            total=total, hits=hits, facets=facets, page=request.page, per_page=request.per_page,
            suggestion=suggestion, origin=request.origin,
            took_ms=(time.perf_counter() - started) * 1000, engine=self.name,
        )

    def _by_queries(self, live: LiveIndex, searcher: tantivy.Searcher, p: relevance.Plan,
                    request: SearchRequest, text: Query | None, base_filters: list[Query],
                    must_not: list[Query]) -> Answer:
        """The answer from tantivy queries and aggregations (any search, any number of matches)."""
        if p.origin is not None and p.radius_km is not None:
            base_filters.append(queries.circle_query(live.circles, searcher, p.origin, p.radius_km))
        facet_filters = {facet: queries.filter_query(f) for facet, f in p.facet_filters.items()}
        main = queries.combine(text, base_filters + list(facet_filters.values()), must_not)

        # Facets first: their aggregation over the main query also counts it (the total), so the
        # ranking below needs no count of its own (tantivy skips blocks that cannot reach the top).
        total: int | None = None
        facets: Facets = {}
        if request.facets:
            facets, total = aggregated_facets(searcher, text, base_filters, must_not, facet_filters,
                                              request)
        offset = (request.page - 1) * request.per_page
        needed = offset + request.per_page
        filters = base_filters + list(facet_filters.values())

        def rank(needed: int, total: int | None) -> tuple[list[ranking.Ranked], int]:
            """The first `needed` matches (and every match tied with the last) and the total."""
            if p.origin is not None and p.sort == "distance":
                return ranking.by_distance(searcher, p.origin, p.radius_km, text, filters,
                                           must_not, needed, total)
            if p.origin is not None and p.sort == "relevance":
                return ranking.by_decay(searcher, p.origin, p.radius_km, main, text, filters,
                                        must_not, needed, total)
            if p.sort == "name":
                return ranking.by_name(searcher, p.sort_field, main, text, filters, must_not,
                                       needed, total)
            hits, count = ranking.top_with_ties(searcher, main, needed, total is None)
            if total is None:
                assert count is not None  # asked for: the total was unknown
                total = count
            return [((-score,), score, addr, None) for score, addr in hits], total

        tie_field = None if p.sort == "name" else p.sort_field
        if not request.group_by_service:
            ranked, total = rank(needed, total)
            page = ranking.window(searcher, len(ranked), lambda i: ranked[i][0],
                                  lambda i: ranked[i][1:], offset, request.per_page, tie_field)
            return total, page, facets
        # One document per service: rank more documents until they hold the page's services (a
        # service at many places takes several ranks), then count the services.
        wanted = 2 * needed  # most services have one or two places: one search, usually
        while True:
            ranked, total = rank(wanted, total)
            page, complete = grouping.first_per_service_ranked(live, searcher, ranked, offset,
                                                               request.per_page, tie_field)
            if complete or wanted >= total:
                break
            wanted = min(total, wanted * 4)
        return grouping.count_services(live, searcher, main, total), page, facets
        return total, page, facets

    def _hit(self, searcher: tantivy.Searcher, score: float, addr: tantivy.DocAddress,
             distance: float | None, p: relevance.Plan, request: SearchRequest) -> Hit:
        doc = source_of(searcher, addr)
        if distance is None and p.origin is not None and doc["lat"] is not None:
            distance = haversine_km(p.origin.lat, p.origin.lon, doc["lat"], doc["lon"])
        highlights = relevance.highlights(doc, p.text) \
            if request.highlight and not p.text.is_empty else {}
        return Hit(id=doc["id"], service_id=doc["service_id"], score=float(score),
                   distance_km=distance, document=doc, highlights=highlights)

    def suggest(self, prefix: str, locale: Locale, limit: int = 8) -> list[Suggestion]:
        """Service names and category labels (both languages) starting with the folded prefix, or
        with a word starting with it (`relevance.rank_suggestions`, as OpenSearch)."""
        key = relevance.suggest_prefix(prefix, MAX_QUERY_CHARS)
        if not key:
            return []
        return suggestions.suggest(self._state().index.searcher(), key, locale, limit)

    # -- helpers for tools (bench, evaluate) ----------------------------------------------

    def bare_query(self, q: str, limit: int = 20) -> float:
        """Milliseconds of the tantivy query alone for the plan of `q` (no facets, no documents)."""
        live = self._state()
        text = queries.text_query(relevance.text_plan(q))
        started = time.perf_counter()
        live.index.searcher().search(text if text is not None else Query.all_query(), limit, True)
        return (time.perf_counter() - started) * 1000
