"""OpenSearch request bodies and response parsing: pure functions, no I/O.

`search_body` translates `indexer.relevance.Plan` clause for clause (see the tree in that module's
docstring), so OpenSearch ranks like the embedded engine on the relevance judgements:

* every plan term is ALREADY an analyzed index term: one-term alternatives become `term` queries,
  phrases `span_near` of `span_term`s in order, with a `span_gap` where the plan's positions
  leave one (nothing is analysed twice);
  synonyms therefore arrive expanded by `analyzers.synonyms.expand_query`, exactly the expansion
  the index's `synonym_graph` search analyzers would make (both read `analyzers/synonyms.txt`);
* a slot is a `dis_max` (plan tie breaker) over field-weighted clauses and its fuzzy clause,
  `constant_score(fuzzy(folded))` with `rewrite: constant_score` so every term within the edit
  distance matches, as in the embedded engine (no top-50 expansion cap) and `transpositions: true`
  (the plan's edit distance counts a swap as one edit);
* a language is a `bool.should` of its slots with the plan's integer `minimum_should_match`;
  the text query is a `dis_max` of the two languages with tie breaker 0 (a record matching in both
  languages does not outrank a French-only record for matching twice);
* distance: `function_score` with one `gauss` on `location`, `boost_mode` multiply; a document
  without coordinates (online, telephone) gets the plan's fixed factor `relevance.DECAY(None)`
  (0.5) instead of the 1 OpenSearch's decay functions give a missing field (see `scored_query`);
  the text query appears once in the body, so the body stays within the plan's clause budget
  (`relevance.MAX_CLAUSES`);
* sorts end on the locale's name, then `doc_key` (`relevance.tie_key`), the embedded engine's
  tie-breakers (`sort_clause`);
* plan filters go to `bool.filter` (no score), facet selections to `post_filter`, and each facet's
  counts come from a `filter` aggregation applying every OTHER facet's selection (decision 6).

Did you mean: a `term` suggester on `folded` (real words, both languages) with the global
`suggest.text`; the per-suggester `text` is valid OpenSearch but the API specification wrongly
rejects it (`FieldSuggester` has `maxProperties: 1` inside an `allOf`; guide §6). Like the embedded
engine, only alphabetic words of 4+ characters absent from the index are corrected, by the closest
then most frequent candidate within the plan's edit distance (1, or 2 from 8 characters); the
suggester proposes up to 2 edits and `parse_did_you_mean` applies the per-word limit.

Highlights are not asked of the node: the hits are marked in Python by `relevance.highlights`, the
function the embedded engine uses, so both engines mark the same words the same way (the node's
unified highlighter re-analysed six fields per hit: a third of a search's time on the node).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from directory.geo import haversine_km
from indexer import relevance
from indexer.engine import (
    FACETS,
    FLAG_FACETS,
    MAX_PAGE,
    MAX_PER_PAGE,
    FacetValue,
    Hit,
    InvalidSearch,
    Locale,
    Origin,
    SearchRequest,
    SearchResponse,
    Suggestion,
)
from indexer.engine import checked_request as engine_checked_request
from indexer.opensearch_mapping import (
    FACET_FIELDS,
    GEO_FIELD,
    SUGGEST_FIELDS,
    SUGGEST_KEYS_FIELD,
    TIE_KEY_FIELD,
    Body,
)

MAX_RESULT_WINDOW = 10_000  # index.max_result_window (opensearch_mapping.settings)

# How many values each facet aggregation returns, as in the embedded engine. Québec has about
# 1,100 municipalities and the taxonomy about 200 terms; counting them all is cheap at 15k-150k
# documents, and a selected value is then always among the buckets the UI receives.
FACET_SIZES = {facet: {"category": 1000, "municipality": 3000}.get(facet, 100) for facet in FACETS}

# "Did you mean": words of at least 4 characters the index does not contain ("missing"), up to
# 2 edits (narrowed per word when parsing), closest first then most frequent ("score").
DID_YOU_MEAN_MIN_CHARS = 4
DID_YOU_MEAN = {
    "field": relevance.FOLDED_FIELD,
    "analyzer": "folded",
    "suggest_mode": "missing",
    "min_word_length": DID_YOU_MEAN_MIN_CHARS,
    "prefix_length": 0,
    "max_edits": 2,
    "size": 5,
    "sort": "score",
}

# Stored fields a hit carries back to the UI: the document as built, less the autocomplete keys,
# the tie key and the weekly opening slots (half of a document's bytes, used by the open-now
# filter only: the pages compute opening hours from `schedule`).
_HIDDEN_SOURCE = [*SUGGEST_FIELDS.values(), TIE_KEY_FIELD, "open_slots"]


# ------------------------------------------------------------------------------ indexing


def source(document: Mapping[str, Any]) -> Body:
    """The `_source` of a document: the document as built, plus `location`, the tie key and the
    autocomplete keys."""
    body = dict(document)
    if document.get("lat") is not None and document.get("lon") is not None:
        body[GEO_FIELD] = {"lat": document["lat"], "lon": document["lon"]}
    body[TIE_KEY_FIELD] = relevance.tie_key(document["id"])
    body[SUGGEST_KEYS_FIELD] = sorted(relevance.suggest_keys(dict(document)))
    return body


def bulk_actions(documents: Iterable[Mapping[str, Any]], *, index: str) -> Iterator[Body]:
    """Actions for `helpers.streaming_bulk` (`_op_type`, `_index`, `_id`, `_source`)."""
    for document in documents:
        yield {"_op_type": "index", "_index": index, "_id": document["id"], "_source": source(document)}


def delete_actions(ids: Iterable[str], *, index: str) -> Iterator[Body]:
    for ident in ids:
        yield {"_op_type": "delete", "_index": index, "_id": ident}


def bulk_lines(documents: Iterable[Mapping[str, Any]], *, index: str) -> list[Body]:
    """The NDJSON lines of a `_bulk` request body: action line, then source line, per document.

    (What `streaming_bulk` sends for `bulk_actions`; kept explicit for the contract tests.)
    """
    lines: list[Body] = []
    for action in bulk_actions(documents, index=index):
        lines.append({"index": {"_index": action["_index"], "_id": action["_id"]}})
        lines.append(action["_source"])
    return lines


def alias_swap_actions(alias: str, new_index: str, old_indices: Iterable[str]) -> list[Body]:
    """The `update_aliases` actions moving `alias` to `new_index` in one atomic call."""
    actions: list[Body] = [
        {"remove": {"index": name, "alias": alias}} for name in sorted(set(old_indices)) if name != new_index
    ]
    actions.append({"add": {"index": new_index, "alias": alias}})
    return actions


# ------------------------------------------------------------------------------ search


def _clause(field: str, phrase: tuple[tuple[int, str], ...], boost: float) -> Body:
    """A term query, or a phrase of analyzed terms at their positions: `span_near` in order with
    the plan's slop, a `span_gap` where the rule's wording had a stop word (see relevance.PHRASE_SLOP:
    a record worded as the rule then has frequency 1, as in tantivy; `match_phrase` could not
    say where the gaps are without an analyzer in the index, and would also accept swapped terms,
    which tantivy does not)."""
    if len(phrase) == 1:
        return {"term": {field: {"value": phrase[0][1], "boost": boost}}}
    clauses: list[Body] = []
    previous = None
    for position, term in phrase:
        if previous is not None and position - previous > 1:
            clauses.append({"span_gap": {field: position - previous - 1}})
        clauses.append({"span_term": {field: term}})
        previous = position
    return {"span_near": {"clauses": clauses, "slop": relevance.PHRASE_SLOP, "in_order": True,
                          "boost": boost}}


def slot_query(slot: relevance.Slot, language: str) -> Body:
    queries = [
        _clause(f"{field}_{language}", slot.phrase(i), weight)
        for field, weight in relevance.FIELD_WEIGHTS.items()
        for i in range(len(slot.alternatives))
    ]
    for word, distance in slot.fuzzy:
        queries.append({"constant_score": {
            "filter": {"fuzzy": {relevance.FOLDED_FIELD: {
                "value": word, "fuzziness": distance, "transpositions": True, "prefix_length": 0,
                "rewrite": "constant_score",
            }}},
            "boost": relevance.FUZZY_SCORE,
        }})
    return {"dis_max": {"tie_breaker": relevance.TIE_BREAKER, "queries": queries}}


def text_query(text: relevance.TextPlan) -> Body:
    if text.is_empty:
        return {"match_all": {}}
    languages = [
        {"bool": {"should": [slot_query(s, lp.language) for s in lp.slots],
                  "minimum_should_match": lp.minimum_should_match}}
        for lp in text.languages if lp.slots
    ]
    lexical: Body = {"dis_max": {"tie_breaker": 0.0, "queries": languages}}
    if not text.boosts:
        return lexical
    # Need understanding (relevance.TextPlan.boosts): scores summed; for a sentence, lexical OR a
    # boosted category, else lexical AND optionally a boosted category.
    boosted: list[Body] = [{"constant_score": {"filter": {"term": {"category_codes": code}}, "boost": score}}
                           for code, score in text.boosts]
    if text.boosts_retrieve:
        return {"bool": {"should": [lexical, *boosted], "minimum_should_match": 1}}
    return {"bool": {"must": [lexical], "should": boosted}}


def gauss_function(origin: Origin) -> Body:
    decay = relevance.DECAY
    return {"gauss": {GEO_FIELD: {
        "origin": {"lat": origin.lat, "lon": origin.lon},
        "scale": f"{decay.scale_km}km",
        "offset": f"{decay.offset_km}km",
        "decay": decay.decay,
    }}}


def scored_query(plan: relevance.Plan, origin: Origin | None) -> Body:
    """The text query, times the gauss decay when there is a place (relevance module docstring).

    Without a radius, documents without coordinates get `relevance.DECAY(None)` (0.5, the decay at
    offset + scale), as in the embedded engine, so an online service ranks below an equally good
    match nearby but above far-away ones: one `function_score` whose two functions are filtered
    (`exists` → gauss, `must_not exists` → weight) with `score_mode: first`. OpenSearch accepts
    it; the API specification rejects a function holding `filter` beside its function
    (`FunctionScoreContainer` puts `maxProperties: 1` inside an `allOf`, the spec bug the suggester
    works around too), which once led to two `function_score` clauses over disjoint documents.
    That form repeated the whole text query, doubling its clause count (Lucene counts every leaf
    query against `indices.query.bool.max_clause_count`, relevance.MAX_CLAUSES), and long queries
    with a place then failed with HTTP 500; the contract tests now validate this body with the
    filters set apart (tests/functional/indexer/test_opensearch_contract.py). With a radius,
    `geo_distance` keeps only located documents and the gauss alone is enough."""
    query = text_query(plan.text)
    if origin is None:
        return query
    if plan.radius_km is not None:
        return {"function_score": {
            "query": query,
            "functions": [gauss_function(origin)],
            "score_mode": "multiply",
            "boost_mode": "multiply",
        }}
    located = {"exists": {"field": GEO_FIELD}}
    return {"function_score": {
        "query": query,
        "functions": [
            {"filter": located, **gauss_function(origin)},
            {"filter": {"bool": {"must_not": [located]}}, "weight": relevance.DECAY(None)},
        ],
        "score_mode": "first",
        "boost_mode": "multiply",
    }}


def _filter_clause(f: relevance.Filter) -> Body:
    return {"terms": {f.field: list(f.values)}}


def filter_clauses(plan: relevance.Plan, origin: Origin | None) -> tuple[list[Body], list[Body]]:
    """(filter, must_not) clauses every hit and every facet count obeys."""
    filters = [_filter_clause(f) for f in plan.filters]
    must_not: list[Body] = []
    if plan.exclude_closed:
        must_not.append({"term": {"status": "temporarily closed"}})
    if plan.available_after is not None:
        filters.append({"range": {"available_until": {"gt": plan.available_after}}})
    if plan.exclude_expired_before is not None:
        # Temporary services that have ended, or have not started yet (their first day is later).
        today = plan.exclude_expired_before.isoformat()
        must_not.append({"bool": {"filter": [
            {"term": {"is_temporary": True}},
            {"range": {"valid_to": {"lt": today}}},
        ]}})
        must_not.append({"bool": {"filter": [
            {"term": {"is_temporary": True}},
            {"range": {"valid_from": {"gt": today}}},
        ]}})
    if origin is not None and plan.radius_km is not None:
        filters.append({"geo_distance": {
            "distance": f"{plan.radius_km}km",
            "distance_type": "arc",
            GEO_FIELD: {"lat": origin.lat, "lon": origin.lon},
        }})
    return filters, must_not


def _facet_selection(plan: relevance.Plan, except_facet: str | None = None) -> list[Body]:
    return [_filter_clause(f) for facet, f in plan.facet_filters.items() if facet != except_facet]


def facet_aggregations(plan: relevance.Plan) -> Body:
    """Per facet, `terms` counts under every OTHER facet's selection: a `filter` aggregation around
    them when another facet is selected, the `terms` aggregation alone otherwise (a `match_all`
    filter around it cost a third of the counting time at 150k documents, measured on the node).
    `terms` orders by count, then key ascending: its default, the embedded engine's order."""
    aggs: dict[str, Body] = {}
    for facet in FACETS:
        others = _facet_selection(plan, except_facet=facet)
        terms = {"terms": {"field": FACET_FIELDS[facet], "size": FACET_SIZES[facet]}}
        aggs[f"facet_{facet}"] = (
            {"filter": {"bool": {"filter": others}}, "aggs": {"values": terms}} if others else terms
        )
    return aggs


SERVICES_AGG = "services"
# Below this many distinct services, `cardinality` keeps every hash it sees: exact in practice
# (only two service ids whose 64-bit murmur3 hashes collide would be counted once). 40,000 is
# OpenSearch's maximum; above it the count is an estimate (HyperLogLog++, within a few percent).
SERVICES_PRECISION = 40_000


def services_aggregation(selection: list[Body]) -> Body:
    """Distinct services among the hits: aggregations ignore the `post_filter` (the facet
    selections), so a selection wraps the count in a `filter` aggregation."""
    count = {"cardinality": {"field": "service_id", "precision_threshold": SERVICES_PRECISION}}
    return {"filter": {"bool": {"filter": selection}}, "aggs": {"n": count}} if selection else count


def _services_total(raw: Mapping[str, Any]) -> int | None:
    agg = (raw.get("aggregations") or {}).get(SERVICES_AGG)
    if agg is None:
        return None
    return int((agg["n"] if "n" in agg else agg)["value"])


def tie_sort(sort_field: str) -> Body:
    """The end of every sort: the locale's name, then the tie key (relevance.tie_key), as ONE sort
    object with two fields (OpenSearch adds one sort per field, in order). The tie key needs the
    object form for `unmapped_type`, so that an index built before `doc_key` existed still answers
    (its ties then in index order) until the next rebuild, where a plain "doc_key" fails with HTTP
    400. A one-field object would do for OpenSearch, but the API specification rejects it:
    `SortCombinations` is a oneOf in which `SortOptions` (no `additionalProperties: false`)
    matches any one-key object alongside `FieldWithOrder`; two fields match `FieldWithOrder` only.
    """
    return {sort_field: {"order": "asc"}, TIE_KEY_FIELD: {"order": "asc", "unmapped_type": "long"}}


def sort_clause(plan: relevance.Plan, origin: Origin | None) -> list[str | Body]:
    """Sort; ties always end on the locale's name, then the tie key (`tie_sort`), as in the
    embedded engine, so paging is stable and both engines list ties in the same order.

    `"_score"` as a plain name sorts descending, which is what we want. Its object form
    (`{"_score": {"order": "desc"}}`) is valid OpenSearch, but the API specification rejects it
    (see `tie_sort`).
    """
    tail: list[str | Body] = [tie_sort(plan.sort_field)]
    if plan.sort == "name":
        return tail
    if origin is None:
        return ["_score", *tail]
    nearest = {"_geo_distance": {
        GEO_FIELD: {"lat": origin.lat, "lon": origin.lon},
        "order": "asc", "unit": "km", "distance_type": "arc", "ignore_unmapped": True,
    }}
    if plan.sort == "distance":
        return [nearest, "_score", *tail]
    # By decayed score, then nearest first: far matches score 0 (relevance.DECAY, float underflow).
    return ["_score", nearest, *tail]


def page_window(request: SearchRequest) -> tuple[int, int]:
    """(from, size); the error codes are the embedded engine's."""
    if not isinstance(request.page, int) or not 1 <= request.page <= MAX_PAGE:
        raise InvalidSearch("invalid_page", f"page must be within 1..{MAX_PAGE}")
    if not isinstance(request.per_page, int) or not 1 <= request.per_page <= MAX_PER_PAGE:
        raise InvalidSearch("invalid_per_page", f"per_page must be within 1..{MAX_PER_PAGE}")
    start = (request.page - 1) * request.per_page
    if start + request.per_page > MAX_RESULT_WINDOW:
        # index.max_result_window; only reachable with per_page > 20 on the deepest pages.
        raise InvalidSearch("invalid_page", f"results beyond the first {MAX_RESULT_WINDOW} cannot be paged")
    return start, request.per_page


def checked_request(request: SearchRequest) -> SearchRequest:
    """`engine.checked_request` (the same refusals as the embedded engine), then OpenSearch's own
    limit on how deep a page can be (`page_window`)."""
    request = engine_checked_request(request)
    page_window(request)
    return request


def search_body(request: SearchRequest, plan: relevance.Plan, origin: Origin | None) -> Body:
    """The `_search` body for a request and its plan (`relevance.plan(request, ...)`)."""
    start, size = page_window(request)
    filters, must_not = filter_clauses(plan, origin)
    query: Body = {"bool": {"must": [scored_query(plan, origin)]}}
    if filters:
        query["bool"]["filter"] = filters
    if must_not:
        query["bool"]["must_not"] = must_not
    body: Body = {
        "query": query,
        "from": start,
        "size": size,
        "track_total_hits": True,
        "sort": sort_clause(plan, origin),
        "_source": {"excludes": _HIDDEN_SOURCE},
    }
    if plan.sort != "relevance":
        body["track_scores"] = True  # scores stay meaningful in hits sorted otherwise
    selection = _facet_selection(plan)
    if selection:
        body["post_filter"] = {"bool": {"filter": selection}}
    if request.facets:
        body["aggs"] = facet_aggregations(plan)
    if request.group_by_service:
        # One hit per service, its best document under the sort (the embedded engine's
        # grouping.first_per_service), and the distinct services as the total.
        body["collapse"] = {"field": "service_id"}
        body.setdefault("aggs", {})[SERVICES_AGG] = services_aggregation(selection)
    if any(len(w) >= DID_YOU_MEAN_MIN_CHARS and w.isalpha() for w in plan.text.words):
        # The plan's folded words; the answer's offsets point into this text.
        body["suggest"] = {"text": " ".join(plan.text.words), "did_you_mean": {"term": dict(DID_YOU_MEAN)}}
    return body


# ------------------------------------------------------------------------------ responses


def _total(raw: Mapping[str, Any]) -> int:
    total = raw.get("hits", {}).get("total", 0)
    return int(total["value"] if isinstance(total, Mapping) else total)


def _distance(document: Mapping[str, Any], origin: Origin | None) -> float | None:
    if origin is None or document.get("lat") is None or document.get("lon") is None:
        return None
    return haversine_km(origin.lat, origin.lon, document["lat"], document["lon"])


def parse_facets(raw: Mapping[str, Any], request: SearchRequest) -> dict[str, list[FacetValue]]:
    aggs = raw.get("aggregations") or {}
    facets: dict[str, list[FacetValue]] = {}
    for facet in FACETS:
        agg = aggs.get(f"facet_{facet}")
        if agg is None:
            continue
        selected = set(request.selected(facet))
        values = []
        for bucket in (agg["values"] if "values" in agg else agg)["buckets"]:
            value = str(bucket.get("key_as_string", bucket["key"]))
            if facet in FLAG_FACETS and value != "true":
                continue  # a yes/no facet is one checkbox: "free only"
            values.append(FacetValue(value, int(bucket["doc_count"]), value in selected))
        seen = {v.value for v in values}
        values.extend(FacetValue(v, 0, True) for v in selected - seen)
        values.sort(key=lambda v: (-v.count, v.value))
        facets[facet] = values
    return facets


def parse_did_you_mean(raw: Mapping[str, Any], words: tuple[str, ...]) -> str | None:
    """The plan's folded words with each unknown word replaced by its best correction (the plan's
    edit-distance limit per word), space-joined; None when nothing was corrected."""
    corrections: dict[str, str] = {}
    for entry in (raw.get("suggest") or {}).get("did_you_mean") or []:
        word = entry.get("text", "")
        if not word.isalpha() or len(word) < DID_YOU_MEAN_MIN_CHARS:
            continue
        limit = 2 if len(word) >= relevance.FUZZY_MIN_LENGTH_2 else 1
        for option in entry.get("options") or []:
            candidate = option.get("text", "")
            if candidate.isalpha() and relevance.edit_distance(word, candidate, limit) <= limit:
                corrections.setdefault(word, candidate)
                break
    if not corrections:
        return None
    return " ".join(corrections.get(w, w) for w in words)


def parse_search_response(
    raw: Mapping[str, Any], request: SearchRequest, plan: relevance.Plan, *,
    took_ms: float | None = None
) -> SearchResponse:
    hits = []
    for raw_hit in raw.get("hits", {}).get("hits", []):
        document = dict(raw_hit.get("_source") or {})
        document.pop(GEO_FIELD, None)
        score = raw_hit.get("_score")
        hits.append(Hit(
            id=str(raw_hit["_id"]),
            service_id=str(document.get("service_id", "")),
            score=float(score) if score is not None and not (isinstance(score, float) and math.isnan(score)) else 0.0,
            distance_km=_distance(document, plan.origin),
            document=document,
            highlights=(relevance.highlights(document, plan.text)
                        if request.highlight and not plan.text.is_empty else {}),
        ))
    services = _services_total(raw) if request.group_by_service else None
    return SearchResponse(
        total=_total(raw) if services is None else services,
        hits=hits,
        facets=parse_facets(raw, request),
        page=request.page,
        per_page=request.per_page,
        suggestion=parse_did_you_mean(raw, plan.text.words),
        origin=plan.origin,
        took_ms=float(raw.get("took", 0)) if took_ms is None else took_ms,
        engine="opensearch",
    )


# ------------------------------------------------------------------------------ autocomplete


def _regex_literal(text: str) -> str:
    """`text` as a Lucene regular expression matching it literally (`\\` escapes any character)."""
    return "".join(c if c.isalnum() else "\\" + c for c in text)


def suggest_body(prefix: str, locale: Locale, limit: int = 8) -> Body | None:
    """The `_search` body of the autocomplete box, None when nothing is left of the prefix.

    The embedded engine reads the first `relevance.SUGGEST_SCAN` autocomplete keys starting with
    the prefix, in key order, each with its number of documents; so does this body: a `prefix`
    query finds the documents holding such a key, and a `terms` aggregation restricted to those
    keys (`include`) counts them, in key order. `parse_suggest_response` then ranks them as the
    embedded engine does (`relevance.rank_suggestions`)."""
    key = relevance.suggest_prefix(prefix)
    if not key:
        return None
    return {
        "size": 0,
        "track_total_hits": False,
        "query": {"prefix": {SUGGEST_KEYS_FIELD: key}},
        "aggs": {"keys": {"terms": {
            "field": SUGGEST_KEYS_FIELD,
            "include": _regex_literal(key) + ".*",
            "size": relevance.SUGGEST_SCAN,
            "order": {"_key": "asc"},
        }}},
    }


def parse_suggest_response(raw: Mapping[str, Any], locale: Locale,
                           limit: int = 8) -> list[Suggestion]:
    """Service names and category labels, ranked as the embedded engine ranks them."""
    buckets = ((raw.get("aggregations") or {}).get("keys") or {}).get("buckets") or []
    return relevance.rank_suggestions(((b["key"], b["doc_count"]) for b in buckets), locale, limit)
