"""Radius searches answered in memory: per-document columns (coordinates, facet values) and the
search over them.

A radius search with at most `EmbeddedEngine.MATCHES_IN_MEMORY` matches in the circle's bounding
box (before facet selections) reads them all, (score, address), in ONE tantivy search and does
the rest in numpy: exact circle, decay or distance order over ALL matches (not only the
DECAY_CANDIDATES best), total and multi-select facet counts from per-document columns (and,
grouped by service, the exact number of distinct services). The
circle as a query (`queries.circle_query`: range scans and a key set) cost 14 ms per evaluation
at 150,000 documents, evaluated 2-4 times per search. Reading matches costs ~0.3-0.5 µs each,
which is why searches without a radius (no box to bound them: 35,000 matches for "logement" with
a region ticked) stay with tantivy's aggregations (measured slower in memory at 150k).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import tantivy
from tantivy import Query

from indexer import relevance
from indexer.embedded import distance, grouping, ranking
from indexer.embedded.facets import Facets, facet_values
from indexer.embedded.lifecycle import LiveIndex
from indexer.embedded.queries import box_query, combine, fast_keys, matches, term
from indexer.embedded.schema import DOC_KEY, SERVICE_KEY, source_of
from indexer.engine import FACETS, FLAG_FACETS, SearchRequest

Keys = npt.NDArray[np.uint64]
Ints = npt.NDArray[np.intp]


@dataclass
class DocColumns:
    """Per-document columns of one state of the index, rows in `doc_key` order: coordinates and,
    per facet, each document's values (CSR: `starts[row]:starts[row + 1]` into `ordinals`, which
    index `values`). Built from the postings of every facet value (one search per value, ordered
    by doc_key: no stored document is read), about a second at 150,000 documents; rebuilt after
    any commit, on the first radius search that needs it."""

    keys: Keys
    services: Keys  # each document's service key (grouping.py)
    lat: distance.Floats
    lon: distance.Floats
    starts: dict[str, Ints]
    ordinals: dict[str, npt.NDArray[np.int32]]
    values: dict[str, list[str]]
    lookup: dict[str, dict[str, int]]

    @classmethod
    def build(cls, searcher: tantivy.Searcher, with_service_key: bool = True) -> DocColumns:
        everything = searcher.search(Query.all_query(), max(1, searcher.num_docs), False, DOC_KEY,
                                     0, tantivy.Order.Asc).hits
        keys = np.array([k for k, _ in everything], dtype=np.uint64)
        addresses = [a for _, a in everything]
        services = np.array(
            searcher.fast_field_values(SERVICE_KEY, addresses) if with_service_key else
            [relevance.tie_key(source_of(searcher, a)["service_id"]) for a in addresses],
            dtype=np.uint64)
        lats = searcher.fast_field_values("lat", addresses)
        lons = searcher.fast_field_values("lon", addresses)
        lat = np.array([np.nan if v is None else v for v in lats],
                       dtype=np.float64) if addresses else np.zeros(0)
        lon = np.array([np.nan if v is None else v for v in lons],
                       dtype=np.float64) if addresses else np.zeros(0)
        starts: dict[str, Ints] = {}
        ordinals: dict[str, npt.NDArray[np.int32]] = {}
        values: dict[str, list[str]] = {}
        lookup: dict[str, dict[str, int]] = {}
        for facet, fieldname in relevance.FACET_FIELDS.items():
            terms: list[tuple[str, str | bool]] = [("true", True)] if facet in FLAG_FACETS else \
                [(t, t) for t, _ in searcher.terms_with_prefix(fieldname, "")]
            rows_parts: list[Ints] = []
            ords_parts: list[npt.NDArray[np.int32]] = []
            names: list[str] = []
            for name, value in terms:
                found = searcher.search(term(fieldname, value), max(1, searcher.num_docs), False,
                                        DOC_KEY, 0, tantivy.Order.Asc).hits
                if not found:
                    continue
                term_keys = np.array([k for k, _ in found], dtype=np.uint64)
                rows_parts.append(np.searchsorted(keys, term_keys))
                ords_parts.append(np.full(len(term_keys), len(names), dtype=np.int32))
                names.append(name)
            rows = np.concatenate(rows_parts) if rows_parts else np.zeros(0, dtype=np.int64)
            ords = np.concatenate(ords_parts) if ords_parts else np.zeros(0, dtype=np.int32)
            order = np.argsort(rows, kind="stable")
            starts[facet] = np.searchsorted(rows[order], np.arange(len(keys) + 1))
            ordinals[facet] = ords[order]
            values[facet] = names
            lookup[facet] = {name: i for i, name in enumerate(names)}
        return cls(keys, services, lat, lon, starts, ordinals, values, lookup)

    def _gather(self, facet: str, rows: Ints) -> tuple[Ints, npt.NDArray[np.int32]]:
        """(position in `rows`, value ordinal) of every value of the documents at `rows`."""
        first, last = self.starts[facet][rows], self.starts[facet][rows + 1]
        lengths = last - first
        owner = np.repeat(np.arange(len(rows)), lengths)
        within = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        return owner, self.ordinals[facet][np.repeat(first, lengths) + within]

    def has_any(self, facet: str, rows: Ints, selected: Sequence[object]) -> npt.NDArray[np.bool_]:
        names = ["true"] if facet in FLAG_FACETS and True in selected else selected
        wanted = [self.lookup[facet][v] for v in names if v in self.lookup[facet]]
        mask = np.zeros(len(rows), dtype=bool)
        if wanted:
            owner, ords = self._gather(facet, rows)
            mask[owner[np.isin(ords, wanted)]] = True
        return mask

    def counts(self, facet: str, rows: Ints) -> dict[str, int]:
        _owner, ords = self._gather(facet, rows)
        tally = np.bincount(ords, minlength=len(self.values[facet]))
        names = self.values[facet]
        return {names[i]: int(tally[i]) for i in np.flatnonzero(tally).tolist()}


def columns(live: LiveIndex, searcher: tantivy.Searcher) -> DocColumns:
    """The live state's columns, built by the first search that needs them."""
    arrays = live.arrays
    if arrays is None:
        with live.lock:
            arrays = live.arrays
            if arrays is None:
                arrays = live.arrays = DocColumns.build(searcher, live.has_service_key)
    return arrays


def in_memory(live: LiveIndex, searcher: tantivy.Searcher, p: relevance.Plan,
              request: SearchRequest, text: Query | None, base_filters: list[Query],
              must_not: list[Query], limit: int) -> tuple[int, list[ranking.Entry], Facets] | None:
    """(total, page of (score, address, distance), facets) of a radius search, computed over all
    the matches in the circle's bounding box; None when there are more than `limit` (or the
    columns are older than the searcher: another process's commit in between). Also correct
    without a radius or a place (the tests compare both paths that way)."""
    origin, radius = p.origin, p.radius_km
    region = list(base_filters)
    if origin is not None and radius is not None:
        region.append(box_query(relevance.bounding_box(origin.lat, origin.lon, radius)))
    if text is None and radius is None:
        return None  # browsing everything: the aggregations are cheaper
    result = searcher.search(combine(text, region, must_not), limit + 1, True)
    if matches(result) > limit:
        return None
    arrays = columns(live, searcher)
    hits = result.hits
    addresses = [a for _, a in hits]
    keys = np.array(fast_keys(searcher, addresses), dtype=np.uint64) if hits \
        else np.zeros(0, dtype=np.uint64)
    rows = np.searchsorted(arrays.keys, keys)
    if len(rows) and (rows.max() >= len(arrays.keys)
                      or not np.array_equal(arrays.keys[rows], keys)):
        live.arrays = None
        return None
    scores = np.fromiter((sc for sc, _ in hits), dtype=np.float64, count=len(hits))
    if origin is not None:
        distances = distance.haversine_rows(origin, arrays.lat[rows], arrays.lon[rows])
    else:
        distances = np.full(len(rows), np.nan)
    # NaN (no coordinates) is outside a radius, as for geo_distance.
    inside = distances <= radius if radius is not None else np.ones(len(rows), dtype=bool)
    selections = {facet: arrays.has_any(facet, rows, f.values)
                  for facet, f in p.facet_filters.items()}
    chosen = inside.copy()
    for mask in selections.values():
        chosen &= mask
    facets: Facets = {}
    if request.facets:
        for facet in FACETS:
            among = inside.copy()
            for other, mask in selections.items():
                if other != facet:
                    among &= mask
            facets[facet] = facet_values(facet, arrays.counts(facet, rows[among]), request)
    index = np.flatnonzero(chosen)
    # The sort key of each match (ties then go to `ranking.window`'s tie-breakers, as OpenSearch).
    primary: tuple[distance.Floats, ...]
    if origin is None:  # text relevance
        primary = (-scores,)
        finals = scores
    elif p.sort == "distance":  # nearest first, then by text score; no coordinates last
        primary = (np.where(np.isnan(distances), np.inf, distances), -scores)
        finals = scores
    else:
        finals, primary = distance.decayed_scores(scores, distances)
    order = index[np.lexsort(tuple(reversed([k[index] for k in primary])))]

    def key(i: int) -> ranking.SortKey:
        return tuple(float(k[order[i]]) for k in primary)

    def entry(i: int) -> ranking.Entry:
        j = order[i]
        km = None if math.isnan(distances[j]) else float(distances[j])
        return (float(finals[j]), addresses[j], km)

    offset = (request.page - 1) * request.per_page
    if request.group_by_service:
        services = arrays.services[rows]
        page, _ = grouping.first_per_service(searcher, len(order), key, entry,
                                             lambda i: int(services[order[i]]), offset,
                                             request.per_page, p.sort_field)
        return int(np.unique(services[index]).size), page, facets  # every match read: exact
    page = ranking.window(searcher, len(order), key, entry, offset, request.per_page, p.sort_field)
    return int(len(index)), page, facets
