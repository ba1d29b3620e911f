"""Ranking the matches of a search: by text score, by score × distance decay, by distance, by
name; and the page window, whose ties are ordered as OpenSearch orders them.

Distance ranking: the radius (when given) is an exact circle (`queries.circle_query`), so totals
and facet counts are those of OpenSearch's `geo_distance`; the gauss decay of `relevance.DECAY`
multiplies the text score of the `relevance.DECAY_CANDIDATES` best text matches inside the circle
or, without a radius, inside a box around the place that grows until it holds a page, plus the
best matches without coordinates, which get the decay's fixed factor for a missing place (see
`by_decay`, and `relevance.DECAY_CANDIDATES` for why that reproduces function_score).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import tantivy
from tantivy import Occur, Query

from indexer import relevance
from indexer.embedded import distance
from indexer.embedded.queries import WITHOUT_POINT, box_query, combine, fast_keys, matches, term
from indexer.embedded.schema import DOC_KEY, SCHEMA, source_of
from indexer.engine import Origin

# What tantivy returns per hit: the score (or the sort field's value) and the document's address.
Hits = list[tuple[Any, tantivy.DocAddress]]
# The sort key of a match, compared as a whole: equal keys are ties (see `window`).
SortKey = tuple[float | str, ...]
# A match as the page shows it: score, address, distance in km (None: unknown or no coordinates).
Entry = tuple[float, tantivy.DocAddress, float | None]
# A ranked match: its sort key, then its entry.
Ranked = tuple[SortKey, float, tantivy.DocAddress, float | None]

LAST = "\U0010ffff"  # sorts after every name: a document without one (OpenSearch: missing last)
FAR_KM = 2500.0  # beyond Québec from anywhere in it: the largest box a search grows to

# Up to this many tied documents, their names are read from the stored documents (~25 µs each,
# and the page's own are then cached for display); beyond, from a terms aggregation.
TIE_NAMES_FROM_DOCUMENTS = 64


def by_decay(searcher: tantivy.Searcher, origin: Origin, radius_km: float | None, main: Query,
             text: Query | None, filters: list[Query], must_not: list[Query], needed: int,
             total: int | None) -> tuple[list[Ranked], int]:
    """text score × gauss(distance), as OpenSearch's function_score (module docstring).

    With a radius, `filters` hold the exact circle: the best text matches in it are re-scored.
    Without, the best text matches in a box around the place are re-scored; the box grows
    (×3) until it holds a page of matches, so far places still rank nearest first (the
    product, a 32-bit float as in OpenSearch, underflows to 0 beyond ~130 km; the distance
    orders those, see `distance.decayed_scores`). Records without coordinates (online and
    telephone services) get the fixed factor of `relevance.DECAY` for a missing place (0.5): the
    best `needed` of them by text score join the candidates, since no other one can reach the
    page. Both come from one search (box OR no coordinates): the text query is the costly part."""
    limit = max(relevance.DECAY_CANDIDATES, needed)
    if radius_km is not None:
        result = searcher.search(main, limit, total is None)
        return decayed(searcher, result.hits, origin), matches(result) if total is None else total
    if total is None:
        total = matches(searcher.search(main, 1, True))
    radius = relevance.DECAY.negligible_beyond_km()
    while True:
        box_q = box_query(relevance.bounding_box(origin.lat, origin.lon, radius))
        region = Query.boolean_query([(Occur.Should, box_q), (Occur.Should, WITHOUT_POINT)])
        inside = searcher.search(combine(text, filters + [region], must_not), limit, True)
        if len(inside.hits) >= needed or matches(inside) >= total or radius >= FAR_KM:
            break
        radius = min(FAR_KM, radius * 3)
    return decayed(searcher, inside.hits, origin), total


def decayed(searcher: tantivy.Searcher, hits: Hits, origin: Origin) -> list[Ranked]:
    """Text-ranked hits re-ranked by text score × gauss(distance), as (sort key, score,
    address, distance); vectorised, the candidates are up to DECAY_CANDIDATES."""
    if not hits:
        return []
    addresses = [addr for _, addr in hits]
    scores = np.fromiter((s for s, _ in hits), dtype=np.float64, count=len(hits))
    distances = distance.fast_field_distances(searcher, addresses, origin)
    finals, primary = distance.decayed_scores(scores, distances)
    order = np.lexsort(tuple(reversed(primary)))
    return [(tuple(float(k[i]) for k in primary), float(finals[i]), addresses[i],
             None if math.isnan(distances[i]) else float(distances[i])) for i in order.tolist()]


def by_distance(searcher: tantivy.Searcher, origin: Origin, radius_km: float | None,
                text: Query | None, filters: list[Query], must_not: list[Query], needed: int,
                total: int | None) -> tuple[list[Ranked], int]:
    """Nearest first: grow a box until it holds `needed` matches within its inscribed circle.
    The total counts every match (within the radius's exact circle, when given: `filters`
    hold it), not only those of the box that was large enough for the page."""
    maximum = radius_km if radius_km is not None else FAR_KM
    radius = min(maximum, 3.0)
    fetch_limit = 20_000
    while True:
        box = relevance.bounding_box(origin.lat, origin.lon, radius)
        query = combine(text, filters + [box_query(box)], must_not)
        result = searcher.search(query, fetch_limit, True)
        hits = result.hits
        found = distance.distances(searcher, [a for _, a in hits], origin)
        inside = [(d, s, a) for (s, a), d in zip(hits, found, strict=True)
                  if d is not None and d <= radius]
        complete = matches(result) <= fetch_limit
        if radius >= maximum or (len(inside) >= needed and complete):
            break
        radius = min(maximum, radius * 3)
    inside.sort(key=lambda x: (x[0], -x[1]))
    ranked: list[Ranked] = [((d, -s), s, a, d) for d, s, a in inside]
    if total is None:
        total = matches(searcher.search(combine(text, filters, must_not), 1, True))
    if radius_km is None and len(ranked) < needed and total > len(ranked):
        # Records without coordinates (virtual services) come last, by text score.
        no_point = combine(text, filters, must_not + [Query.exists_query("lat")])
        unplaced, _ = top_with_ties(searcher, no_point, needed - len(ranked), False)
        ranked += [((math.inf, -s), s, a, None) for s, a in unplaced]
    return ranked, total


def by_name(searcher: tantivy.Searcher, sort_field: str, main: Query, text: Query | None,
            filters: list[Query], must_not: list[Query], needed: int,
            total: int | None) -> tuple[list[Ranked], int]:
    """By the locale's name (tantivy orders by one fast field), the first `needed` matches and
    every other match of the last name among them, whose order `window` settles."""
    result = searcher.search(main, needed, total is None, sort_field, 0, tantivy.Order.Asc)
    total = matches(result) if total is None else total
    hits = result.hits
    if len(hits) == needed:
        last = hits[-1][0]
        if last is not None:
            same = combine(text, filters + [term(sort_field, last)], must_not)
            count = matches(searcher.search(same, 1, True))
            hits = [h for h in hits if h[0] != last] + \
                [(last, a) for _, a in searcher.search(same, max(1, count), False).hits]
    return [((name if name is not None else LAST,), 0.0, addr, None) for name, addr in hits], total


def top_with_ties(searcher: tantivy.Searcher, query: Query, needed: int,
                  count: bool) -> tuple[Hits, int | None]:
    """The best `needed` hits by score, plus every hit tied with the last of them (tantivy
    keeps an arbitrary share of a tie at the cut; `window` orders ties), and the count (None
    unless `count`)."""
    limit = max(needed, 1)
    total: int | None = None
    while True:
        result = searcher.search(query, limit + 1, count and total is None)
        if count and total is None:
            total = matches(result)
        hits = result.hits
        if len(hits) <= limit or hits[limit][0] != hits[needed - 1][0]:
            return hits, total
        # Each retry runs the whole query again: jump far (a service copied at many places
        # ties by the hundred), so a big tie costs two searches, not four or five. 150k
        # services: p95 34.0 -> 28.3 ms; collecting 1,025 hits instead of 85 costs ~nothing.
        limit = max(limit * 16, 1024)


def window(searcher: tantivy.Searcher, n: int, key: Callable[[int], SortKey],
           entry: Callable[[int], Entry], offset: int, size: int,
           sort_field: str | None) -> list[Entry]:
    """Entries `offset` to `offset + size` of a ranking of `n` entries sorted by `key(i)`, as
    `entry(i)` = (score, address, distance), with every run of equal keys that the window
    touches ordered by the tie-breakers (`relevance.tie_key`): the locale's name (`sort_field`;
    None when the key already is the name), then the tie key, as OpenSearch's sort. The
    ranking must hold every entry tied with the window's last."""
    stop = min(n, offset + size)
    if offset >= stop:
        return []
    lo, hi = offset, stop
    first, last = key(offset), key(stop - 1)
    while lo > 0 and key(lo - 1) == first:
        lo -= 1
    while hi < n and key(hi) == last:
        hi += 1
    keys = [key(i) for i in range(lo, hi)]
    entries = [entry(i) for i in range(lo, hi)]
    runs = [0] * len(keys)  # where each entry's run of equal keys starts
    for j in range(1, len(keys)):
        runs[j] = runs[j - 1] if keys[j] == keys[j - 1] else j
    tied = [j for j in range(len(keys)) if runs[j] != j or (j + 1 < len(keys) and runs[j + 1] == j)]
    if tied:
        breakers = dict(zip(tied, tie_breakers(searcher, [entries[j][1] for j in tied], sort_field),
                            strict=True))
        order = sorted(range(len(keys)), key=lambda j: (runs[j], breakers.get(j, ("", 0))))
        entries = [entries[j] for j in order]
    return entries[offset - lo:stop - lo]


def tie_breakers(searcher: tantivy.Searcher, addresses: list[tantivy.DocAddress],
                 sort_field: str | None) -> list[tuple[str, int]]:
    """(name, tie key) of each address: DOC_KEY from its fast field (tantivy reads no text
    fast field per document); the names from the stored documents or, for many, from one
    terms aggregation over them (usually one name: a service at many locations) and, when
    they differ, one search per name."""
    keys = fast_keys(searcher, addresses)
    if sort_field is None:
        return [("", k) for k in keys]
    if len(addresses) <= TIE_NAMES_FROM_DOCUMENTS:
        stored = [source_of(searcher, a).get(sort_field) for a in addresses]
        return [(name or LAST, k) for name, k in zip(stored, keys, strict=True)]
    these = Query.term_set_query(SCHEMA, DOC_KEY, keys)
    by_name = {"names": {"terms": {"field": sort_field, "size": len(keys)}}}
    aggregated = searcher.aggregate(these, by_name)
    buckets: list[dict[str, Any]] = aggregated.get("names", {}).get("buckets", [])
    names: dict[int, str] = {}
    if len(buckets) == 1 and buckets[0]["doc_count"] == len(keys):
        names = dict.fromkeys(keys, buckets[0]["key"])
    else:
        for bucket in buckets:
            named = Query.boolean_query([(Occur.Must, these),
                                         (Occur.Must, term(sort_field, bucket["key"]))])
            found = [a for _, a in searcher.search(named, max(1, bucket["doc_count"]), False).hits]
            names.update(dict.fromkeys(fast_keys(searcher, found), bucket["key"]))
    return [(names.get(k, LAST), k) for k in keys]
