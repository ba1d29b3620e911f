"""The tantivy queries a search is made of: its text plan, its filters, expiry, boxes and circles.

tantivy queries are immutable and reusable: the ones a request is made of (its text plan, its
filters) are built once per distinct value, not per search.
"""

from __future__ import annotations

import datetime as dt
import time
from functools import lru_cache
from typing import cast

import tantivy
from tantivy import Occur, Query

from indexer import relevance
from indexer.embedded import distance
from indexer.embedded.schema import DOC_KEY, SCHEMA
from indexer.engine import Origin

# (lat, lon, radius, number of documents) -> (when built, the circle's query): see `circle_query`.
CircleCache = dict[tuple[float, float, float, int], tuple[float, Query]]
CIRCLE_CACHE_SECONDS = 60.0
CIRCLE_CACHE_SIZE = 256


def matches(result: tantivy.SearchResult) -> int:
    """The number of matches of a search run with `count=True`."""
    # tantivy 0.27's stub declares SearchResult.hits only; `count` exists (an int when counted).
    count: int = result.count  # type: ignore[attr-defined]
    return count


@lru_cache(maxsize=4096)
def term(fieldname: str, value: str | int) -> Query:
    return Query.term_query(SCHEMA, fieldname, value)


@lru_cache(maxsize=4096)
def filter_query(f: relevance.Filter) -> Query:
    if len(f.values) == 1:
        return term(f.field, f.values[0])
    return Query.term_set_query(SCHEMA, f.field, list(f.values))


def _slot_query(language: str, slot: relevance.Slot) -> Query:
    subqueries = []
    for base, weight in relevance.FIELD_WEIGHTS.items():
        name = f"{base}_{language}"
        for i, alternative in enumerate(slot.alternatives):
            if len(alternative) == 1:
                q = term(name, alternative[0])
            else:  # terms at their positions in the rule's wording (relevance.PHRASE_SLOP)
                q = Query.phrase_query(SCHEMA, name, list(slot.phrase(i)), relevance.PHRASE_SLOP)
            subqueries.append(Query.boost_query(q, weight))
    for word, edits in slot.fuzzy:
        # tantivy scores an automaton query with a constant 1.0: boost = the constant.
        fuzzy = Query.fuzzy_term_query(SCHEMA, relevance.FOLDED_FIELD, word, edits, True, False)
        subqueries.append(Query.boost_query(fuzzy, relevance.FUZZY_SCORE))
    return Query.disjunction_max_query(subqueries, relevance.TIE_BREAKER)


@lru_cache(maxsize=4096)
def text_query(text: relevance.TextPlan) -> Query | None:
    if text.is_empty:
        return None
    languages = []
    for lp in text.languages:
        if not lp.slots:
            continue
        clauses = [(Occur.Should, _slot_query(lp.language, s)) for s in lp.slots]
        languages.append(Query.boolean_query(clauses, lp.minimum_should_match))
    lexical = Query.disjunction_max_query(languages, 0.0)
    if not text.boosts:
        return lexical
    # Need understanding (relevance.TextPlan.boosts): scores summed; for a sentence, lexical OR a
    # boosted category, else lexical AND optionally a boosted category.
    boosted = [(Occur.Should, Query.const_score_query(term("category_codes", code), score))
               for code, score in text.boosts]
    occur = Occur.Should if text.boosts_retrieve else Occur.Must
    return Query.boolean_query([(occur, lexical), *boosted])


# Documents without coordinates (online and telephone services).
WITHOUT_POINT = Query.boolean_query([(Occur.Must, Query.all_query()),
                                     (Occur.MustNot, Query.exists_query("lat"))])


@lru_cache(maxsize=64)
def _expired(day: int, with_valid_from: bool = True) -> Query:
    integer = tantivy.FieldType.Integer
    ended = Query.range_query(SCHEMA, "valid_to_day", integer, None, day, include_upper=False)
    clauses = [(Occur.Should, ended)]
    if with_valid_from:
        clauses.append((Occur.Should, Query.range_query(SCHEMA, "valid_from_day", integer,
                                                        day, None, include_lower=False)))
    return Query.boolean_query([(Occur.Must, term("is_temporary", True)),
                                (Occur.Must, Query.boolean_query(clauses))])


def expired(today: dt.date, with_valid_from: bool = True) -> Query:
    """Temporary services whose end date is before `today`, or whose first day is after it (not
    started yet): both out of search. An index built before schema 3 has no `valid_from_day` (a
    query naming it would panic in tantivy): only the end date applies there until `index
    rebuild`."""
    return _expired(today.year * 10000 + today.month * 100 + today.day, with_valid_from)


def available_after(after: int, indexed: bool = True) -> Query:
    """Services with a fresh count above 0 later than `after` (epoch seconds): "places available
    now". An index built before schema 5 has no `available_until` (naming it would panic in
    tantivy): nothing matches there until `index rebuild`."""
    if not indexed:
        return Query.empty_query()
    return Query.range_query(SCHEMA, "available_until", tantivy.FieldType.Integer, after, None,
                             include_lower=False)


def box_query(box: tuple[float, float, float, float]) -> Query:
    return Query.boolean_query([
        (Occur.Must, Query.range_query(SCHEMA, "lat", tantivy.FieldType.Float, box[0], box[1])),
        (Occur.Must, Query.range_query(SCHEMA, "lon", tantivy.FieldType.Float, box[2], box[3])),
    ])


def combine(text: Query | None, filters: list[Query], must_not: list[Query]) -> Query:
    """The text query (everything when None) within every filter (no score), none of `must_not`."""
    clauses = [(Occur.Must, text if text is not None else Query.all_query())]
    clauses += [(Occur.Must, Query.const_score_query(f, 0.0)) for f in filters]
    clauses += [(Occur.MustNot, q) for q in must_not]
    return Query.boolean_query(clauses)


def circle_query(circles: CircleCache, searcher: tantivy.Searcher, origin: Origin,
                 radius_km: float) -> Query:
    """Exactly the documents within `radius_km` of `origin` (OpenSearch's `geo_distance`), as a
    query every count and facet can use: the union of rectangles inscribed in the circle, plus
    the documents of the rest of the bounding box that haversine puts inside, by key. Cached in
    `circles` per place and radius for a minute (or until this process writes): the rest of the
    box is read document by document, a few thousand lat/lon pairs for a wide radius in Montréal."""
    key = (round(origin.lat, 6), round(origin.lon, 6), float(radius_km), searcher.num_docs)
    now = time.monotonic()
    cached = circles.get(key)
    if cached is not None and now - cached[0] < CIRCLE_CACHE_SECONDS:
        return cached[1]
    inner = [box_query(b) for b in relevance.inscribed_boxes(origin.lat, origin.lon, radius_km)]
    outer = box_query(relevance.bounding_box(origin.lat, origin.lon, radius_km))
    inner_q = Query.boolean_query([(Occur.Should, q) for q in inner]) if inner \
        else Query.empty_query()
    rest = Query.boolean_query([(Occur.Must, outer), (Occur.MustNot, inner_q)])
    count = matches(searcher.search(rest, 1, True))
    keys: list[int] = []
    if count:
        addresses = [a for _, a in searcher.search(rest, count, False).hits]
        found = distance.distances(searcher, addresses, origin)
        inside = [a for a, d in zip(addresses, found, strict=True)
                  if d is not None and d <= radius_km]
        keys = fast_keys(searcher, inside) if inside else []
    parts = [(Occur.Should, inner_q)]
    if keys:
        parts.append((Occur.Should, Query.term_set_query(SCHEMA, DOC_KEY, keys)))
    query = Query.boolean_query(parts)
    if len(circles) >= CIRCLE_CACHE_SIZE:
        circles.clear()
    circles[key] = (now, query)
    return query


def fast_keys(searcher: tantivy.Searcher, addresses: list[tantivy.DocAddress]) -> list[int]:
    """The DOC_KEY of each document (every document has one, an unsigned integer)."""
    return cast(list[int], searcher.fast_field_values(DOC_KEY, addresses))
