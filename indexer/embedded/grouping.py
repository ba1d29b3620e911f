"""One hit per service (`SearchRequest.group_by_service`): each service at its first-ranked
document, pages over services, and the number of distinct services.

The ranking itself is unchanged: a service's place in a grouped ranking is that of its best
document in the ungrouped one, with the same tie-breakers (the locale's name, then the tie key),
which is what OpenSearch's field collapsing on `service_id` returns (`opensearch_query`).

`SERVICE_KEY` is a fast field holding `relevance.tie_key(service_id)`: reading it for a thousand
ranked documents costs microseconds, where their stored documents would cost ~25 µs each.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import tantivy
from tantivy import Query

from indexer import relevance
from indexer.embedded import ranking
from indexer.embedded.lifecycle import LiveIndex
from indexer.embedded.schema import SERVICE_KEY, source_of

_SERVICES = "services"


def service_keys(live: LiveIndex, searcher: tantivy.Searcher,
                 addresses: list[tantivy.DocAddress]) -> list[int]:
    """The service key of each document: its fast field or, in an index built before it existed
    (schema < 4, until the next rebuild), from the stored documents."""
    if live.has_service_key:
        return cast(list[int], searcher.fast_field_values(SERVICE_KEY, addresses))
    return [relevance.tie_key(source_of(searcher, a)["service_id"]) for a in addresses]


def _address(entry: ranking.Entry) -> tuple[int, int]:
    return entry[1].segment_ord, entry[1].doc


def first_per_service(searcher: tantivy.Searcher, n: int, key: Callable[[int], ranking.SortKey],
                      entry: Callable[[int], ranking.Entry], service: Callable[[int], int],
                      offset: int, size: int,
                      sort_field: str | None) -> tuple[list[ranking.Entry], bool]:
    """Services `offset` to `offset + size` of a ranking of `n` documents sorted by `key(i)` (as
    `ranking.window` takes it), each at its first document; and whether the `n` documents held
    `offset + size` services (False: rank more documents, unless these are all the matches).

    Only the prefix of the ranking that holds the first `offset + size` services, up to the end of
    its last run of equal keys, is put in tie-breaker order: a service's first document can lie
    anywhere in a run of ties, but never after it."""
    needed = offset + size
    seen: set[int] = set()
    cut = n
    for i in range(n):
        seen.add(service(i))
        if len(seen) == needed:
            cut = i + 1
            break
    complete = len(seen) >= needed
    if cut < n:
        last = key(cut - 1)
        while cut < n and key(cut) == last:
            cut += 1
    owner = {_address(entry(i)): service(i) for i in range(cut)}
    ordered = ranking.window(searcher, cut, key, entry, 0, cut, sort_field)
    firsts: list[ranking.Entry] = []
    shown: set[int] = set()
    for found in ordered:
        owned = owner[_address(found)]
        if owned not in shown:
            shown.add(owned)
            firsts.append(found)
    return firsts[offset:needed], complete


def first_per_service_ranked(live: LiveIndex, searcher: tantivy.Searcher,
                             ranked: list[ranking.Ranked], offset: int, size: int,
                             sort_field: str | None) -> tuple[list[ranking.Entry], bool]:
    """`first_per_service` over a ranking's (sort key, score, address, distance) list."""
    owners = service_keys(live, searcher, [r[2] for r in ranked])
    return first_per_service(searcher, len(ranked), lambda i: ranked[i][0],
                             lambda i: ranked[i][1:], owners.__getitem__, offset, size, sort_field)


# Up to this many matching documents, the services are counted exactly by reading every match's
# service key (~0.2 µs a document unscored: 1.5 ms for "aide", 7,000 matches); beyond, tantivy's
# `cardinality` aggregation estimates them (HyperLogLog, ~0.5 ms; measured on the demo: 1-2 % off,
# e.g. 14,173 for 13,974 services).
EXACT_COUNT_UP_TO = 10_000


def count_services(live: LiveIndex, searcher: tantivy.Searcher, query: Query,
                   documents: int) -> int:
    """Distinct services among the `documents` matches of `query`: exact up to
    EXACT_COUNT_UP_TO documents, estimated beyond; `documents` itself in an index built before
    the service key existed."""
    if not live.has_service_key or documents == 0:
        return documents
    if documents <= EXACT_COUNT_UP_TO:
        # Unscored (constant score): half the cost of collecting scored hits.
        found = searcher.search(Query.const_score_query(query, 1.0), documents, False).hits
        return len(set(service_keys(live, searcher, [a for _, a in found])))
    result: dict[str, Any] = searcher.aggregate(query, {_SERVICES: {"cardinality": {"field": SERVICE_KEY}}})
    return min(documents, int(round(result[_SERVICES]["value"])))
