"""OpenSearch request bodies and response parsing: pure functions, no I/O.

`search_body` translates `indexer.relevance.Plan` clause for clause (see the tree in that module's
docstring), so OpenSearch ranks like the embedded engine on the relevance judgements:

* every plan term is ALREADY an analyzed index term: one-term alternatives become `term` queries,
  phrases `match_phrase` with the `whitespace` analyzer (splits the terms, analyses nothing);
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
* plan filters go to `bool.filter` (no score), facet selections to `post_filter`, and each facet's
  counts come from a `filter` aggregation applying every OTHER facet's selection (decision 6).

Did you mean: a `term` suggester on `folded` (real words, both languages) with the global
`suggest.text`; the per-suggester `text` is valid OpenSearch but the API specification wrongly
rejects it (`FieldSuggester` has `maxProperties: 1` inside an `allOf`; guide §6). Like the embedded
engine, only alphabetic words of 4+ characters absent from the index are corrected, by the closest
then most frequent candidate within the plan's edit distance (1, or 2 from 8 characters); the
suggester proposes up to 2 edits and `parse_did_you_mean` applies the per-word limit.

Highlights mark the name, organization and description in both languages (keys `name_fr`, ...,
as the embedded engine), with `<mark>` in HTML-escaped text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from analyzers.chain import fold
from directory.geo import haversine_km
from indexer import relevance
from indexer.engine import (
    FACETS,
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
from indexer.opensearch_mapping import FACET_FIELDS, GEO_FIELD, SUGGEST_FIELDS, SUGGEST_KINDS

MAX_RESULT_WINDOW = 10_000  # index.max_result_window (opensearch_mapping.settings)

# How many values each facet aggregation returns, as in the embedded engine. Québec has about
# 1,100 municipalities and the taxonomy about 200 terms; counting them all is cheap at 15k-150k
# documents, and a selected value is then always among the buckets the UI receives.
FACET_SIZES = {facet: {"category": 1000, "municipality": 3000}.get(facet, 100) for facet in FACETS}

# Highlighted fields (as the embedded engine): names whole, the description as one fragment.
HIGHLIGHT_FRAGMENT_CHARS = 240
HIGHLIGHT_FIELDS = ("name", "organization", "description")

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

SUGGEST_MIN_CHARS = 2
# Each name is also completed from its later words (`suggest_inputs`), weighted below the name's
# own start so "banque" lists names starting with "Banque" before names merely containing it.
SUGGEST_WEIGHT_START, SUGGEST_WEIGHT_INNER = 10, 1
SUGGEST_SOURCE = ("name_fr", "name_en", "organization_fr", "organization_en", "categories_fr",
                  "categories_en", "category_codes")

# Stored fields a hit carries back to the UI (all but the completion inputs and `folded`).
_HIDDEN_SOURCE = list(SUGGEST_FIELDS.values())


# ------------------------------------------------------------------------------ indexing


def source(document: Mapping[str, Any]) -> dict:
    """The `_source` of a document: the document as built, plus `location` and completion inputs."""
    body = dict(document)
    if document.get("lat") is not None and document.get("lon") is not None:
        body[GEO_FIELD] = {"lat": document["lat"], "lon": document["lon"]}
    for (kind, language), field in SUGGEST_FIELDS.items():
        names = _suggest_names(document, kind, language)
        inputs = suggest_inputs(names)
        if inputs:
            body[field] = inputs
    return body


def _suggest_names(document: Mapping[str, Any], kind: str, language: str) -> list[str]:
    value = document.get({"service": "name", "category": "categories",
                          "organization": "organization"}[kind] + f"_{language}")
    if not value:
        return []
    return [v for v in (value if isinstance(value, list) else [value]) if v and v.strip()]


def _word_starts(name: str) -> list[int]:
    return [m.start() for m in re.finditer(r"\w+", name)]


def suggest_inputs(names: Iterable[str]) -> list[dict]:
    """Completion inputs: each name from its start (weight 10) and from each later word (weight 1).

    The completion field's `folded` analyzer makes matching case- and accent-blind; the returned
    option text is the input that matched, mapped back to its full name by `_full_name`.
    """
    starts, inner = [], []
    for name in names:
        name = name.strip()[:100]
        starts.append(name)
        inner.extend(name[i:] for i in _word_starts(name)[1:])
    out = []
    if starts:
        out.append({"input": list(dict.fromkeys(starts)), "weight": SUGGEST_WEIGHT_START})
    inner = [s for s in dict.fromkeys(inner) if s not in starts]
    if inner:
        out.append({"input": inner, "weight": SUGGEST_WEIGHT_INNER})
    return out


def bulk_actions(documents: Iterable[Mapping[str, Any]], *, index: str) -> Iterator[dict]:
    """Actions for `helpers.streaming_bulk` (`_op_type`, `_index`, `_id`, `_source`)."""
    for document in documents:
        yield {"_op_type": "index", "_index": index, "_id": document["id"], "_source": source(document)}


def delete_actions(ids: Iterable[str], *, index: str) -> Iterator[dict]:
    for ident in ids:
        yield {"_op_type": "delete", "_index": index, "_id": ident}


def bulk_lines(documents: Iterable[Mapping[str, Any]], *, index: str) -> list[dict]:
    """The NDJSON lines of a `_bulk` request body: action line, then source line, per document.

    (What `streaming_bulk` sends for `bulk_actions`; kept explicit for the contract tests.)
    """
    lines: list[dict] = []
    for action in bulk_actions(documents, index=index):
        lines.append({"index": {"_index": action["_index"], "_id": action["_id"]}})
        lines.append(action["_source"])
    return lines


def alias_swap_actions(alias: str, new_index: str, old_indices: Iterable[str]) -> list[dict]:
    """The `update_aliases` actions moving `alias` to `new_index` in one atomic call."""
    actions: list[dict] = [
        {"remove": {"index": name, "alias": alias}} for name in sorted(set(old_indices)) if name != new_index
    ]
    actions.append({"add": {"index": new_index, "alias": alias}})
    return actions


# ------------------------------------------------------------------------------ search


def _clause(field: str, terms: tuple[str, ...], boost: float) -> dict:
    if len(terms) == 1:
        return {"term": {field: {"value": terms[0], "boost": boost}}}
    # Phrase of analyzed terms: `whitespace` only splits them, so nothing is analysed twice.
    return {"match_phrase": {field: {"query": " ".join(terms), "analyzer": "whitespace",
                                     "slop": relevance.PHRASE_SLOP,
                                     "boost": boost}}}


def slot_query(slot: relevance.Slot, language: str) -> dict:
    queries = [
        _clause(f"{field}_{language}", alternative, weight)
        for field, weight in relevance.FIELD_WEIGHTS.items()
        for alternative in slot.alternatives
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


def text_query(text: relevance.TextPlan) -> dict:
    if text.is_empty:
        return {"match_all": {}}
    languages = [
        {"bool": {"should": [slot_query(s, lp.language) for s in lp.slots],
                  "minimum_should_match": lp.minimum_should_match}}
        for lp in text.languages if lp.slots
    ]
    return {"dis_max": {"tie_breaker": 0.0, "queries": languages}}


def gauss_function(origin: Origin) -> dict:
    decay = relevance.DECAY
    return {"gauss": {GEO_FIELD: {
        "origin": {"lat": origin.lat, "lon": origin.lon},
        "scale": f"{decay.scale_km}km",
        "offset": f"{decay.offset_km}km",
        "decay": decay.decay,
    }}}


def scored_query(plan: relevance.Plan, origin: Origin | None) -> dict:
    """The text query, times the gauss decay when there is a place (relevance module docstring).

    Without a radius, documents without coordinates get `relevance.DECAY(None)` (0.5, the decay at
    offset + scale), as in the embedded engine, so an online service ranks below an equally good
    match nearby but above far-away ones. The natural body, one `function_score` with two
    filtered functions (`exists` → gauss, `must_not exists` → weight) and `score_mode: first`, is
    valid OpenSearch, but the API specification rejects any function holding `filter` beside its
    function (`FunctionScoreContainer` puts `maxProperties: 1` inside an `allOf`, the spec bug the
    suggester works around too). So the two cases are two `function_score` clauses of a
    `bool.should` over disjoint documents (with and without `location`): every document matches
    exactly one, and its score is that clause's score. With a radius, `geo_distance` keeps only
    located documents and the gauss alone is enough."""
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
    return {"bool": {"should": [
        {"function_score": {
            "query": {"bool": {"must": [query], "filter": [located]}},
            "functions": [gauss_function(origin)],
            "score_mode": "multiply",
            "boost_mode": "multiply",
        }},
        {"function_score": {
            "query": {"bool": {"must": [query], "must_not": [located]}},
            "functions": [{"weight": relevance.DECAY(None)}],
            "score_mode": "multiply",
            "boost_mode": "multiply",
        }},
    ], "minimum_should_match": 1}}


def _filter_clause(f: relevance.Filter) -> dict:
    return {"terms": {f.field: list(f.values)}}


def filter_clauses(plan: relevance.Plan, origin: Origin | None) -> tuple[list[dict], list[dict]]:
    """(filter, must_not) clauses every hit and every facet count obeys."""
    filters = [_filter_clause(f) for f in plan.filters]
    must_not: list[dict] = []
    if plan.exclude_closed:
        must_not.append({"term": {"status": "temporarily closed"}})
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


def _facet_selection(plan: relevance.Plan, except_facet: str | None = None) -> list[dict]:
    return [_filter_clause(f) for facet, f in plan.facet_filters.items() if facet != except_facet]


def facet_aggregations(plan: relevance.Plan) -> dict:
    """One `filter` aggregation per facet: every other facet's selection, then `terms`."""
    aggs = {}
    for facet in FACETS:
        others = _facet_selection(plan, except_facet=facet)
        aggs[f"facet_{facet}"] = {
            "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
            "aggs": {"values": {"terms": {
                "field": FACET_FIELDS[facet],
                "size": FACET_SIZES[facet],
                "order": [{"_count": "desc"}, {"_key": "asc"}],
            }}},
        }
    return aggs


def sort_clause(plan: relevance.Plan, origin: Origin | None) -> list:
    """Sort; ties always end on the locale's name, then the id, so paging is stable.

    Plain field names: `"_score"` sorts descending and a field ascending by default, which is what
    we want. The object forms (`{"_score": {"order": "desc"}}`) are valid OpenSearch, but the API
    specification rejects them: `SortCombinations` is a oneOf in which `SortOptions` (no
    `additionalProperties: false`) matches any one-key object alongside `FieldWithOrder`.
    """
    tail = [plan.sort_field, "id"]
    if plan.sort == "distance" and origin is not None:
        return [{"_geo_distance": {
            GEO_FIELD: {"lat": origin.lat, "lon": origin.lon},
            "order": "asc", "unit": "km", "distance_type": "arc", "ignore_unmapped": True,
        }}, "_score", *tail]
    if plan.sort == "name":
        return tail
    return ["_score", *tail]


def highlight_body(locale: Locale) -> dict:
    fields = {}
    for name in HIGHLIGHT_FIELDS:
        for language in dict.fromkeys((locale, "fr", "en")):
            whole = name != "description"
            fields[f"{name}_{language}"] = {
                "number_of_fragments": 0 if whole else 1,
                "fragment_size": HIGHLIGHT_FRAGMENT_CHARS,
                "no_match_size": 0,
            }
    # `type` is left out: `unified` is the default highlighter, and the API specification rejects
    # an explicit "unified" (HighlighterType is a oneOf of any string and the built-in names, so a
    # built-in name matches both branches).
    return {
        "encoder": "html",  # the text is HTML-escaped around the marks
        "pre_tags": ["<mark>"],
        "post_tags": ["</mark>"],
        # The fuzzy clauses query `folded`; without this their typos would mark nothing.
        "require_field_match": False,
        "fields": fields,
    }


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


def search_body(request: SearchRequest, plan: relevance.Plan, origin: Origin | None) -> dict:
    """The `_search` body for a request and its plan (`relevance.plan(request, ...)`)."""
    start, size = page_window(request)
    filters, must_not = filter_clauses(plan, origin)
    query: dict = {"bool": {"must": [scored_query(plan, origin)]}}
    if filters:
        query["bool"]["filter"] = filters
    if must_not:
        query["bool"]["must_not"] = must_not
    body: dict = {
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
    if request.highlight and not plan.text.is_empty:
        body["highlight"] = highlight_body(request.locale)
    if any(len(w) >= DID_YOU_MEAN_MIN_CHARS and w.isalpha() for w in plan.text.words):
        # The plan's folded words; the answer's offsets point into this text.
        body["suggest"] = {"text": " ".join(plan.text.words), "did_you_mean": {"term": dict(DID_YOU_MEAN)}}
    return body


# ------------------------------------------------------------------------------ responses


def _total(raw: Mapping) -> int:
    total = raw.get("hits", {}).get("total", 0)
    return int(total["value"] if isinstance(total, Mapping) else total)


def _distance(document: Mapping, origin: Origin | None) -> float | None:
    if origin is None or document.get("lat") is None or document.get("lon") is None:
        return None
    return haversine_km(origin.lat, origin.lon, document["lat"], document["lon"])


def _highlights(raw_hit: Mapping) -> dict[str, str]:
    out = {}
    for field, fragments in (raw_hit.get("highlight") or {}).items():
        if fragments:
            out[field] = " … ".join(fragments)
    return out


def parse_facets(raw: Mapping, request: SearchRequest) -> dict[str, list[FacetValue]]:
    aggs = raw.get("aggregations") or {}
    facets: dict[str, list[FacetValue]] = {}
    for facet in FACETS:
        agg = aggs.get(f"facet_{facet}")
        if agg is None:
            continue
        selected = set(request.selected(facet))
        values = []
        for bucket in agg["values"]["buckets"]:
            value = str(bucket.get("key_as_string", bucket["key"]))
            if facet == "free" and value != "true":
                continue  # the facet is one checkbox: "free only"
            values.append(FacetValue(value, int(bucket["doc_count"]), value in selected))
        seen = {v.value for v in values}
        values.extend(FacetValue(v, 0, True) for v in selected - seen)
        values.sort(key=lambda v: (-v.count, v.value))
        facets[facet] = values
    return facets


def parse_did_you_mean(raw: Mapping, words: tuple[str, ...]) -> str | None:
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
    raw: Mapping, request: SearchRequest, plan: relevance.Plan, *, took_ms: float | None = None
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
            highlights=_highlights(raw_hit),
        ))
    return SearchResponse(
        total=_total(raw),
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


def suggest_body(prefix: str, locale: Locale, limit: int = 8) -> dict | None:
    """The `_search` body of the autocomplete box: one completion suggester per kind.

    None when the prefix is too short to be worth a request.
    """
    prefix = " ".join(prefix.split())[:100]
    if len(fold(prefix)) < SUGGEST_MIN_CHARS:
        return None
    # The global `text` is the prefix of every completion suggester (a per-suggester `prefix` is
    # valid OpenSearch, but the API specification rejects it, see the module docstring).
    suggesters: dict[str, Any] = {"text": prefix}
    for kind in SUGGEST_KINDS:
        suggesters[kind] = {"completion": {
            "field": SUGGEST_FIELDS[(kind, locale)],
            "size": limit,
            "skip_duplicates": True,
        }}
    return {"size": 0, "_source": list(SUGGEST_SOURCE), "suggest": suggesters}


def _full_name(matched: str, names: list[str]) -> str | None:
    """The name an option's matched input came from (a name, or one of its word suffixes)."""
    target = fold(matched).strip()
    for name in names:
        folded = fold(name).strip()
        if folded == target or folded.endswith(" " + target) or folded.endswith(target):
            return name.strip()
    return None


def _category_code(name: str, source: Mapping, locale: Locale) -> str | None:
    codes = source.get("category_codes") or []
    labels = source.get(f"categories_{locale}") or []
    if len(labels) == len(codes) and name in labels:
        return codes[labels.index(name)]
    french = source.get("categories_fr") or []
    if locale == "en":
        from directory import taxonomy

        for category in taxonomy.categories():
            if category.name_en == name and category.code in codes:
                return category.code
    return codes[french.index(name)] if name in french and len(french) == len(codes) else None


def parse_suggest_response(raw: Mapping, locale: Locale, limit: int = 8) -> list[Suggestion]:
    """Services first, then categories, then organizations; each name once; at most `limit`."""
    out: list[Suggestion] = []
    seen: set[tuple[str, str]] = set()
    field_of = {"service": "name", "category": "categories", "organization": "organization"}
    for kind in SUGGEST_KINDS:
        for entry in (raw.get("suggest") or {}).get(kind) or []:
            for option in entry.get("options") or []:
                src = option.get("_source") or {}
                value = src.get(f"{field_of[kind]}_{locale}")
                names = value if isinstance(value, list) else [value] if value else []
                name = _full_name(option.get("text", ""), names) or option.get("text", "")
                key = (kind, fold(name))
                if not name or key in seen:
                    continue
                seen.add(key)
                code = _category_code(name, src, locale) if kind == "category" else None
                out.append(Suggestion(text=name, kind=kind, locale=locale, category_code=code))
    # Interleave fairly: keep the per-kind order but cap the list.
    return out[:limit]

