"""Multi-select facet counts by tantivy aggregations over the facet combination fields
(`schema.FACET_SET_FIELDS` says why combinations)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import tantivy
from tantivy import Query

from indexer.embedded.queries import combine
from indexer.embedded.schema import DOC_KEY, FACET_SET_FIELDS, FACET_SET_SEPARATOR
from indexer.engine import FACETS, FLAG_FACETS, FacetValue, SearchRequest

Facets = dict[str, list[FacetValue]]

FACET_COMBINATIONS = 65_000  # tantivy's bucket limit
_TOTAL = "_total"


@lru_cache(maxsize=4096)
def _combination(key: str) -> tuple[str, ...]:
    """The values of a facet combination keyword ("en|fr")."""
    return tuple(key.split(FACET_SET_SEPARATOR))


def facet_values(facet: str, counts: Mapping[str, int], request: SearchRequest) -> list[FacetValue]:
    """A facet's values, most frequent first, with the request's selections (even if none match)."""
    selected = set(request.selected(facet))
    values = [FacetValue(v, c, v in selected) for v, c in counts.items()]
    values += [FacetValue(v, 0, True) for v in selected if v not in counts]
    values.sort(key=lambda v: (-v.count, v.value))
    return values


def aggregated_facets(searcher: tantivy.Searcher, text: Query | None, filters: list[Query],
                      must_not: list[Query], facet_filters: dict[str, Query],
                      request: SearchRequest) -> tuple[Facets, int | None]:
    """Multi-select counts: one aggregation per selected facet over the query with the OTHER
    facets' selections, and one shared aggregation for all unselected facets, which runs the
    main query and so also gives the total (None when every facet is selected)."""
    groups: list[tuple[list[str], Query]] = []
    unselected = [f for f in FACETS if f not in facet_filters]
    if unselected:
        groups.append((unselected, combine(text, filters + list(facet_filters.values()), must_not)))
    for facet in facet_filters:
        others = [q for name, q in facet_filters.items() if name != facet]
        groups.append(([facet], combine(text, filters + others, must_not)))
    out: Facets = {}
    total = None
    for facets, query in groups:
        aggs: dict[str, dict[str, dict[str, str | int]]] = {}
        if facets is unselected:
            aggs[_TOTAL] = {"value_count": {"field": DOC_KEY}}  # every document has one
        for facet in facets:
            if facet in FLAG_FACETS:
                aggs[facet] = {"terms": {"field": facet, "size": 2}}
                continue
            for name in FACET_SET_FIELDS[facet]:
                aggs[name] = {"terms": {"field": name, "size": FACET_COMBINATIONS}}
        result: dict[str, Any] = searcher.aggregate(query, aggs)
        if _TOTAL in result:
            total = int(result[_TOTAL]["value"])
        for facet in facets:
            counts: dict[str, int] = {}
            if facet in FLAG_FACETS:
                for bucket in result.get(facet, {}).get("buckets", []):
                    if bucket.get("key_as_string") == "true" or bucket["key"] in (1, True):
                        counts["true"] = int(bucket["doc_count"])
            else:
                for name in FACET_SET_FIELDS[facet]:
                    for bucket in result.get(name, {}).get("buckets", ()):
                        n = bucket["doc_count"]
                        for value in _combination(bucket["key"]):
                            counts[value] = counts.get(value, 0) + n
            out[facet] = facet_values(facet, counts, request)
    return {facet: out.get(facet, []) for facet in FACETS}, total
