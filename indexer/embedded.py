"""The embedded search engine: tantivy in an index directory, no server (docs/architecture.md,
decision 3).

Layout of `index_path` (instance/index by default):

    CURRENT            name of the live version directory, replaced atomically with os.replace
    v-<UTC time>-<hex> one complete tantivy index per rebuild; the previous one is kept, older removed
    .lock              flock'ed by whoever writes the live version (upsert, delete, the switch)
    .rebuild.lock      flock'ed by a rebuild for its whole load: one rebuild at a time

A rebuild does not hold `.lock` while it loads (13 s at 15k documents, 90 s at 150k): a curator's
save would otherwise wait for it. Live edits go on reaching the current version meanwhile, and
`indexer.live.catch_up` replays them onto the new version after the switch (`index rebuild`).

Analysis: text is analysed by the Python mirror (`analyzers.chain`) and stored as tantivy
pre-tokenized text (`PreTokenizedString`: terms, Lucene positions, offsets), so the index holds
exactly the terms OpenSearch's custom analyzers produce; queries are built from analyzed terms
with tantivy's query constructors, never by parsing user text (`relevance.plan` says how).

Freshness: every search stats `CURRENT` (one syscall) and opens the new version after a rebuild by
any process; tantivy's reader reloads on commits (its meta.json watcher, ~0.5 s, and explicitly
after this process's own writes, so an upsert is visible to a search when it returns).

Distance ranking: the radius (when given) is an exact circle (`_circle_query`: rectangles
inscribed in it, plus the documents of the rest of its bounding box that haversine puts inside),
so totals and facet counts are those of OpenSearch's `geo_distance`; the gauss decay of
`relevance.DECAY` multiplies the text score of the `relevance.DECAY_CANDIDATES` best text matches
inside the circle or, without a radius, inside a box around the place that grows until it holds a
page, plus the best matches without coordinates, which get the decay's fixed factor for a missing
place (see `_by_decay`, and `relevance.DECAY_CANDIDATES` for why that reproduces function_score).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import json
import math
import os
import shutil
import threading
import time
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import tantivy
from tantivy import Occur, Query

from analyzers import chain
from directory.geo import EARTH_RADIUS_KM, haversine_km
from indexer import relevance
from indexer.document import InvalidDocument, validate_document
from indexer.engine import (
    FACETS,
    MAX_QUERY_CHARS,
    FacetValue,
    Health,
    Hit,
    Locale,
    RebuildResult,
    SearchRequest,
    SearchResponse,
    SearchUnavailable,
    Suggestion,
    checked_request,
)
from indexer.schedule import MONTREAL, current_slot

POINTER = "CURRENT"
LOCK = ".lock"
REBUILD_LOCK = ".rebuild.lock"
SCHEMA_VERSION = 3  # bump when the schema changes: `index status` shows it, rebuild fixes it

TEXT_FIELDS = tuple(f"{f}_{lang}" for f in relevance.FIELD_WEIGHTS for lang in relevance.LANGUAGES)
KEYWORD_FIELDS = ("id", "service_id", "category_codes", "region_code", "municipality", "languages",
                  "accessibility", "age_groups", "status", "name_sort_fr", "name_sort_en")
BOOL_FIELDS = ("free", "is_temporary", "is_crisis")
SUGGEST_FIELD = "suggest"
DOC_KEY = "doc_key"

# Facet counting. tantivy's terms aggregation is ~20x slower on multi-valued columns than on
# single-valued ones (measured at 150,000 documents: 50 ms against 2.6 ms for all facets), so each
# facet also gets ONE fast keyword per document holding its sorted values joined by "|" (the
# document's combination, e.g. "en|fr"); we aggregate on the combinations and add them up per
# value in Python. Combinations are few (a catalogue of service types, a few language sets).
# Facets with many values per document (accessibility features, languages) would make thousands
# of combinations; their values are dealt into FACET_SPLITS groups by a stable hash, one field per
# group, which keeps every group's combinations few.
FACET_SPLITS = {"accessibility": 4, "language": 3}
FACET_SET_FIELDS = {
    facet: tuple(f"facet_{facet}_{i}" for i in range(FACET_SPLITS.get(facet, 1)))
    for facet in FACETS if facet != "free"
}
FACET_SET_SEPARATOR = "|"


def _facet_group(value: str, groups: int) -> int:
    return zlib.crc32(value.encode()) % groups if groups > 1 else 0
FACET_COMBINATIONS = 65_000  # tantivy's bucket limit


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    for name in TEXT_FIELDS + (relevance.FOLDED_FIELD,):
        # Pre-tokenized: the tokenizer name is only used for query parsing, which we never do.
        sb.add_text_field(name, stored=False, tokenizer_name="raw", index_option="position")
    for name in KEYWORD_FIELDS:
        sb.add_text_field(name, stored=False, tokenizer_name="raw", fast=name.startswith("name_sort"),
                          index_option="basic")
    for name in (n for names in FACET_SET_FIELDS.values() for n in names):
        sb.add_text_field(name, stored=False, tokenizer_name="raw", fast=True, index_option="basic")
    sb.add_text_field(SUGGEST_FIELD, stored=False, tokenizer_name="raw", index_option="basic")
    for name in BOOL_FIELDS:
        sb.add_boolean_field(name, indexed=True, fast=True)
    sb.add_float_field("lat", indexed=True, fast=True)
    sb.add_float_field("lon", indexed=True, fast=True)
    sb.add_integer_field("valid_to_day", indexed=True, fast=True)  # yyyymmdd
    sb.add_unsigned_field("open_slots", indexed=True)
    # A number per document (hash of its id) so a set of documents found in Python, the ones
    # inside a radius circle, can be turned back into a query (term set) for counts and facets.
    sb.add_unsigned_field(DOC_KEY, indexed=True, fast=True)
    sb.add_bytes_field("source", stored=True)  # the document as JSON, decoded for displayed hits only
    # Last, so the fields before it keep their positions (schema 3): a temporary service's first day.
    sb.add_integer_field("valid_from_day", indexed=True, fast=True)  # yyyymmdd
    return sb.build()


SCHEMA = build_schema()


# ------------------------------------------------------------------------------ documents

@lru_cache(maxsize=100_000)
def _pretokenized(text: str, analyzer: str) -> tantivy.PreTokenizedString | None:
    """`text` analysed by a named analyzer of `analyzers.definitions` (terms, Lucene positions,
    offsets). Cached: names, categories and keywords repeat across thousands of documents, and
    tantivy copies the tokens into each document, so one object serves them all."""
    tokens = chain.tokens_with(analyzer, text)
    if not tokens:
        return None
    return tantivy.PreTokenizedString(
        text, [tantivy.Token(t.term, t.position, t.start, t.end) for t in tokens])


_ANALYZER = {"fr": "text_fr", "en": "text_en"}


def _values(value) -> list[str]:
    if value is None:
        return []
    return [v for v in (value if isinstance(value, list) else [value]) if v]


def doc_key(ident: str) -> int:
    return relevance.tie_key(ident)  # also the last tie-breaker of every sort


def to_tantivy(doc: dict) -> tantivy.Document:
    """The tantivy document of a search document (which must have passed validate_document)."""
    t = tantivy.Document()
    for base in relevance.FIELD_WEIGHTS:
        for lang in relevance.LANGUAGES:
            name = f"{base}_{lang}"
            for value in _values(doc[name]):
                pre = _pretokenized(value, _ANALYZER[lang])
                if pre is not None:
                    t.add_pre_tokenized_text(name, pre)
    for base in relevance.FOLDED_SOURCES:
        for lang in relevance.LANGUAGES:
            for value in _values(doc[f"{base}_{lang}"]):
                pre = _pretokenized(value, "folded")
                if pre is not None:
                    t.add_pre_tokenized_text(relevance.FOLDED_FIELD, pre)
    for name in KEYWORD_FIELDS:
        for value in _values(doc[name]):
            t.add_text(name, value)
    for facet, names in FACET_SET_FIELDS.items():
        groups: list[list[str]] = [[] for _ in names]
        for value in sorted(set(_values(doc[relevance.FACET_FIELDS[facet]]))):
            groups[_facet_group(value, len(names))].append(value)
        for name, values in zip(names, groups, strict=True):
            if values:
                t.add_text(name, FACET_SET_SEPARATOR.join(values))
    for term in relevance.suggest_keys(doc):
        t.add_text(SUGGEST_FIELD, term)
    for name in BOOL_FIELDS:
        t.add_boolean(name, doc[name])
    if doc["lat"] is not None:
        t.add_float("lat", float(doc["lat"]))
        t.add_float("lon", float(doc["lon"]))
    if doc["valid_to"]:
        t.add_integer("valid_to_day", int(doc["valid_to"].replace("-", "")))
    if doc["valid_from"]:
        t.add_integer("valid_from_day", int(doc["valid_from"][:10].replace("-", "")))
    for slot in doc["open_slots"]:
        t.add_unsigned("open_slots", slot)
    t.add_unsigned(DOC_KEY, doc_key(doc["id"]))
    t.add_bytes("source", json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode())
    return t


# ------------------------------------------------------------------------------ queries
# tantivy queries are immutable and reusable: the ones a request is made of (its text plan, its
# filters) are built once per distinct value, not per search.

@lru_cache(maxsize=4096)
def _term(fieldname: str, value) -> Query:
    return Query.term_query(SCHEMA, fieldname, value)


@lru_cache(maxsize=4096)
def _filter(f: relevance.Filter) -> Query:
    if len(f.values) == 1:
        return _term(f.field, f.values[0])
    return Query.term_set_query(SCHEMA, f.field, list(f.values))


def _slot_query(language: str, slot: relevance.Slot) -> Query:
    subqueries = []
    for base, weight in relevance.FIELD_WEIGHTS.items():
        name = f"{base}_{language}"
        for i, alternative in enumerate(slot.alternatives):
            if len(alternative) == 1:
                q = _term(name, alternative[0])
            else:  # terms at their positions in the rule's wording (relevance.PHRASE_SLOP)
                q = Query.phrase_query(SCHEMA, name, list(slot.phrase(i)), relevance.PHRASE_SLOP)
            subqueries.append(Query.boost_query(q, weight))
    for word, distance in slot.fuzzy:
        # tantivy scores an automaton query with a constant 1.0: boost = the constant.
        fuzzy = Query.fuzzy_term_query(SCHEMA, relevance.FOLDED_FIELD, word, distance, True, False)
        subqueries.append(Query.boost_query(fuzzy, relevance.FUZZY_SCORE))
    return Query.disjunction_max_query(subqueries, relevance.TIE_BREAKER)


@lru_cache(maxsize=4096)
def _text_query(text: relevance.TextPlan) -> Query | None:
    if text.is_empty:
        return None
    languages = []
    for lp in text.languages:
        if not lp.slots:
            continue
        clauses = [(Occur.Should, _slot_query(lp.language, s)) for s in lp.slots]
        languages.append(Query.boolean_query(clauses, lp.minimum_should_match))
    return Query.disjunction_max_query(languages, 0.0)


_TOTAL = "_total"
_LAST = "\U0010ffff"  # sorts after every name: a document without one (OpenSearch: missing last)
# Documents without coordinates (online and telephone services).
_WITHOUT_POINT = Query.boolean_query([(Occur.Must, Query.all_query()),
                                      (Occur.MustNot, Query.exists_query("lat"))])


@lru_cache(maxsize=64)
def _expired(day: int, with_valid_from: bool = True) -> Query:
    """Temporary services whose end date (yyyymmdd) is before `day`, or whose first day is after
    it (not started yet): both out of search. An index built before schema 3 has no
    `valid_from_day` (a query naming it would panic in tantivy): only the end date applies there
    until `index rebuild`."""
    ended = Query.range_query(SCHEMA, "valid_to_day", tantivy.FieldType.Integer, None, day, include_upper=False)
    clauses = [(Occur.Should, ended)]
    if with_valid_from:
        clauses.append((Occur.Should, Query.range_query(SCHEMA, "valid_from_day", tantivy.FieldType.Integer,
                                                        day, None, include_lower=False)))
    return Query.boolean_query([(Occur.Must, _term("is_temporary", True)),
                                (Occur.Must, Query.boolean_query(clauses))])


def _has_field(meta_path: str, name: str) -> bool:
    try:
        with open(meta_path, encoding="utf-8") as handle:
            return any(f.get("name") == name for f in json.load(handle).get("schema", []))
    except (OSError, ValueError):
        return True



def _haversine_km(origin, lats: list, lons: list) -> np.ndarray:
    """Distances from `origin` (directory.geo.haversine_km, vectorised); NaN without coordinates."""
    la = np.array([np.nan if v is None else v for v in lats], dtype=np.float64)
    lo = np.array([np.nan if v is None else v for v in lons], dtype=np.float64)
    p1, p2 = math.radians(origin.lat), np.radians(la)
    dl = np.radians(lo - origin.lon)
    h = np.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def _haversine_rows(origin, la: np.ndarray, lo: np.ndarray) -> np.ndarray:
    p1, p2 = math.radians(origin.lat), np.radians(la)
    dl = np.radians(lo - origin.lon)
    h = np.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))


@dataclass
class _DocArrays:
    """Per-document columns of one state of the index, rows in `doc_key` order: coordinates and,
    per facet, each document's values (CSR: `starts[row]:starts[row + 1]` into `ordinals`, which
    index `values`). Built from the postings of every facet value (one search per value, ordered
    by doc_key: no stored document is read), about a second at 150,000 documents; rebuilt after
    any commit, on the first radius search that needs it."""

    keys: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    starts: dict[str, np.ndarray]
    ordinals: dict[str, np.ndarray]
    values: dict[str, list[str]]
    lookup: dict[str, dict[str, int]]

    @classmethod
    def build(cls, searcher) -> _DocArrays:
        everything = searcher.search(Query.all_query(), max(1, searcher.num_docs), False, DOC_KEY,
                                     0, tantivy.Order.Asc).hits
        keys = np.array([k for k, _ in everything], dtype=np.uint64)
        addresses = [a for _, a in everything]
        lat = np.array([np.nan if v is None else v for v in searcher.fast_field_values("lat", addresses)],
                       dtype=np.float64) if addresses else np.zeros(0)
        lon = np.array([np.nan if v is None else v for v in searcher.fast_field_values("lon", addresses)],
                       dtype=np.float64) if addresses else np.zeros(0)
        starts, ordinals, values, lookup = {}, {}, {}, {}
        for facet, fieldname in relevance.FACET_FIELDS.items():
            terms = [("true", True)] if facet == "free" else \
                [(t, t) for t, _ in searcher.terms_with_prefix(fieldname, "")]
            rows_parts, ords_parts, names = [], [], []
            for term, value in terms:
                found = searcher.search(_term(fieldname, value), max(1, searcher.num_docs), False,
                                        DOC_KEY, 0, tantivy.Order.Asc).hits
                if not found:
                    continue
                term_keys = np.array([k for k, _ in found], dtype=np.uint64)
                rows_parts.append(np.searchsorted(keys, term_keys))
                ords_parts.append(np.full(len(term_keys), len(names), dtype=np.int32))
                names.append(term)
            rows = np.concatenate(rows_parts) if rows_parts else np.zeros(0, dtype=np.int64)
            ords = np.concatenate(ords_parts) if ords_parts else np.zeros(0, dtype=np.int32)
            order = np.argsort(rows, kind="stable")
            starts[facet] = np.searchsorted(rows[order], np.arange(len(keys) + 1))
            ordinals[facet] = ords[order]
            values[facet] = names
            lookup[facet] = {name: i for i, name in enumerate(names)}
        return cls(keys, lat, lon, starts, ordinals, values, lookup)

    def _gather(self, facet: str, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(position in `rows`, value ordinal) of every value of the documents at `rows`."""
        first, last = self.starts[facet][rows], self.starts[facet][rows + 1]
        lengths = last - first
        owner = np.repeat(np.arange(len(rows)), lengths)
        within = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        return owner, self.ordinals[facet][np.repeat(first, lengths) + within]

    def has_any(self, facet: str, rows: np.ndarray, selected: tuple) -> np.ndarray:
        names = ["true"] if facet == "free" and True in selected else selected
        wanted = [self.lookup[facet][v] for v in names if v in self.lookup[facet]]
        mask = np.zeros(len(rows), dtype=bool)
        if wanted:
            owner, ords = self._gather(facet, rows)
            mask[owner[np.isin(ords, wanted)]] = True
        return mask

    def counts(self, facet: str, rows: np.ndarray) -> dict[str, int]:
        _owner, ords = self._gather(facet, rows)
        tally = np.bincount(ords, minlength=len(self.values[facet]))
        names = self.values[facet]
        return {names[i]: int(tally[i]) for i in np.flatnonzero(tally).tolist()}


def _decay_log(distances: np.ndarray) -> np.ndarray:
    """relevance.DECAY.log, vectorised (NaN: no coordinates, the fixed factor)."""
    decay = relevance.DECAY
    d = np.maximum(0.0, distances - decay.offset_km)
    out = -(d * d) / (2 * decay.sigma_squared)
    return np.where(np.isnan(distances), decay.log(None), out)


def _decayed_scores(scores: np.ndarray, distances: np.ndarray) -> tuple[np.ndarray, tuple]:
    """text score × gauss(distance) rounded to a 32-bit float as OpenSearch's function_score
    rounds it (0 beyond ~130 km: see relevance.DECAY), and the sort key of each match: that
    score, descending, then the distance, no coordinates last (OpenSearch's `sort_clause`)."""
    finals = (scores * np.exp(_decay_log(distances))).astype(np.float32).astype(np.float64)
    return finals, (-finals, np.where(np.isnan(distances), np.inf, distances))


@lru_cache(maxsize=4096)
def _combination(key: str) -> tuple[str, ...]:
    """The values of a facet combination keyword ("en|fr")."""
    return tuple(key.split(FACET_SET_SEPARATOR))


@lru_cache(maxsize=4096)
def _source(raw: bytes) -> dict:
    """A stored document, decoded once while it stays popular. Shared between responses: nothing
    downstream mutates a hit's document (responses and hits are frozen dataclasses)."""
    return json.loads(raw)


# ------------------------------------------------------------------------------ engine

@dataclass
class _Live:
    version: str
    index: tantivy.Index
    key: tuple
    vocabulary: dict[str, list[tuple[str, int]]] | None = None
    vocabulary_at: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)
    circles: dict = field(default_factory=dict)  # (lat, lon, radius, num_docs) -> (time, Query)
    meta: tuple | None = None  # stat of the version's meta.json: changes with every commit
    meta_path: str = ""
    arrays: _DocArrays | None = None  # per-document columns for radius searches, built on demand
    responses: OrderedDict = field(default_factory=OrderedDict)  # request key -> SearchResponse
    responses_lock: threading.Lock = field(default_factory=threading.Lock)
    has_valid_from: bool = True  # False for an index built before schema 3 (see `_expired`)


class EmbeddedEngine:
    name = "embedded"

    def __init__(self, index_path: str | os.PathLike, *, writer_heap_bytes: int = 200_000_000,
                 response_cache_size: int = 256) -> None:
        self.path = Path(index_path)
        self._pointer = str(self.path / POINTER)
        self.writer_heap_bytes = writer_heap_bytes
        # Whole responses of recent searches, per index state: people page through results, go
        # back, share links, and the same few needs are asked all day long. Keyed by the request
        # (with "now" reduced to what it changes: the day and, for open-now, the quarter hour)
        # and dropped whenever the index changes (any process's commit or rebuild). 0: off.
        self.response_cache_size = response_cache_size
        self._live: _Live | None = None
        self._open_lock = threading.Lock()

    # -- index lifecycle -------------------------------------------------------------------

    @contextlib.contextmanager
    def _writer_lock(self, name: str = LOCK) -> Iterator[None]:
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.path / name, "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _pointer_key(self) -> tuple | None:
        try:
            st = os.stat(self._pointer)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def _state(self) -> _Live:
        key = self._pointer_key()
        live = self._live
        if live is not None and live.key == key:
            self._follow_commits(live)
            return live
        with self._open_lock:
            live = self._live
            key = self._pointer_key()
            if live is not None and live.key == key:
                return live
            if key is None:
                raise SearchUnavailable(f"no search index at {self.path}; run `flask index rebuild`")
            try:
                version = (self.path / POINTER).read_text(encoding="utf-8").strip()
                index = tantivy.Index.open(str(self.path / version))
            except (OSError, ValueError) as exc:
                raise SearchUnavailable(f"cannot open the search index: {exc}") from exc
            meta_path = str(self.path / version / "meta.json")
            self._live = _Live(version, index, key, meta_path=meta_path,
                               has_valid_from=_has_field(meta_path, "valid_from_day"))
            self._follow_commits(self._live)
            return self._live

    def _follow_commits(self, live: _Live) -> None:
        """Drop what was computed from an older state of the live version (a commit by any
        process: upsert, delete) and make the searcher see that commit now, not when tantivy's
        watcher gets to it, so nothing older is cached under the new state."""
        try:
            st = os.stat(live.meta_path)
            meta = (st.st_ino, st.st_mtime_ns, st.st_size)
        except FileNotFoundError:
            meta = None
        if meta == live.meta:
            return
        with live.responses_lock:
            if meta == live.meta:
                return
            if live.meta is not None:
                live.index.reload()
            live.responses.clear()
            live.circles = {}
            live.arrays = None
            live.meta = meta

    def current_version(self) -> str | None:
        try:
            return (self.path / POINTER).read_text(encoding="utf-8").strip() or None
        except FileNotFoundError:
            return None

    def state_token(self) -> tuple | None:
        """The live version and its meta.json's identity: tantivy rewrites meta.json at every commit
        (the reader watches it the same way), so the token changes with every visible change."""
        version = self.current_version()
        if version is None:
            return None
        try:
            st = os.stat(os.path.join(self.path, version, "meta.json"))
        except OSError:
            return None
        return (str(self.path), version, st.st_ino, st.st_mtime_ns, st.st_size)

    def rebuild(self, documents: Iterable[dict], *, progress=None) -> RebuildResult:
        """Write a new version directory, then point CURRENT at it. On any error (an invalid
        document included) the new directory is removed and the live index keeps serving."""
        started = time.perf_counter()
        with self._writer_lock(REBUILD_LOCK):
            stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
            version = f"v-{stamp}-{os.urandom(3).hex()}"
            target = self.path / version
            target.mkdir(parents=True)
            count = 0
            try:
                index = tantivy.Index(SCHEMA, str(target), reuse=False)
                writer = index.writer(self.writer_heap_bytes, min(4, os.cpu_count() or 1))
                try:
                    batch = 0
                    for doc in documents:
                        validate_document(doc)  # before the writer sees it: a type error panics it
                        writer.add_document(to_tantivy(doc))
                        count += 1
                        batch += 1
                        if progress is not None and batch >= 500:
                            progress(batch)
                            batch = 0
                    writer.commit()
                    writer.wait_merging_threads()
                except BaseException:
                    writer.rollback()
                    raise
                finally:
                    del writer
                if progress is not None and batch:
                    progress(batch)
                (target / "BUILT").write_text(json.dumps({"documents": count, "schema": SCHEMA_VERSION}))
            except BaseException:
                shutil.rmtree(target, ignore_errors=True)
                raise
            with self._writer_lock():  # no live write in flight while the pointer moves
                tmp = self.path / f"{POINTER}.{os.getpid()}.tmp"
                tmp.write_text(version, encoding="utf-8")
                os.replace(tmp, self.path / POINTER)
                self._remove_old_versions(keep={version})
        return RebuildResult(index=version, documents=count, seconds=time.perf_counter() - started)

    def _remove_old_versions(self, keep: set[str]) -> None:
        versions = sorted((p for p in self.path.glob("v-*") if p.is_dir()), key=lambda p: p.name)
        # Keep the previous version too: another process may be between reading CURRENT and opening.
        for old in [p for p in versions if p.name not in keep][:-1]:
            shutil.rmtree(old, ignore_errors=True)

    def _write(self, action) -> None:
        with self._writer_lock():
            live = self._state()
            writer = live.index.writer(50_000_000, 1)
            try:
                action(writer)
                writer.commit()
                writer.wait_merging_threads()
            except BaseException:
                writer.rollback()
                raise
            finally:
                del writer
            live.index.reload()
            live.vocabulary = None
            live.circles = {}
            live.arrays = None
            with live.responses_lock:
                live.responses.clear()

    def upsert(self, documents: Iterable[dict]) -> None:
        docs = list(documents)
        for doc in docs:
            validate_document(doc)
        converted = [(doc["id"], to_tantivy(doc)) for doc in docs]

        def action(writer):
            for ident, tdoc in converted:
                writer.delete_documents_by_term("id", ident)
                writer.add_document(tdoc)

        self._write(action)

    def replace_service(self, service_id: str, documents: Iterable[dict]) -> None:
        """Incremental update of one service: its documents (any locations) replace the old ones;
        no documents means it left the index (deleted, inactive, defunct)."""
        docs = list(documents)
        for doc in docs:
            validate_document(doc)
        converted = [to_tantivy(doc) for doc in docs]

        def action(writer):
            writer.delete_documents_by_term("service_id", service_id)
            for tdoc in converted:
                writer.add_document(tdoc)

        self._write(action)

    def delete(self, ids: Iterable[str]) -> None:
        ids = list(ids)

        def action(writer):
            for ident in ids:
                writer.delete_documents_by_term("id", ident)

        self._write(action)

    schema_version = SCHEMA_VERSION

    def built_schema(self) -> int | None:
        """SCHEMA_VERSION of the code that built the live version (None: no index, or built before
        the BUILT file existed). Older than SCHEMA_VERSION means `index rebuild` is due: fields
        the code queries may be missing."""
        version = self.current_version()
        if version is None:
            return None
        try:
            return int(json.loads((self.path / version / "BUILT").read_text(encoding="utf-8"))["schema"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def health(self) -> Health:
        try:
            live = self._state()
            docs = live.index.searcher().num_docs
        except SearchUnavailable as exc:
            return Health(ok=False, engine=self.name, index=str(self.path), detail=str(exc))
        return Health(ok=True, engine=self.name, documents=docs, index=live.version,
                      detail=f"{self.path / live.version}")

    # -- queries ---------------------------------------------------------------------------

    def _term(self, fieldname: str, value) -> Query:
        return _term(fieldname, value)

    def _filter(self, f: relevance.Filter) -> Query:
        return _filter(f)

    def _text_query(self, text: relevance.TextPlan) -> Query | None:
        return _text_query(text)

    @staticmethod
    def _box_query(box: tuple[float, float, float, float]) -> Query:
        return Query.boolean_query([
            (Occur.Must, Query.range_query(SCHEMA, "lat", tantivy.FieldType.Float, box[0], box[1])),
            (Occur.Must, Query.range_query(SCHEMA, "lon", tantivy.FieldType.Float, box[2], box[3])),
        ])

    def _combine(self, text: Query | None, filters: list[Query], must_not: list[Query]) -> Query:
        clauses = [(Occur.Must, text if text is not None else Query.all_query())]
        clauses += [(Occur.Must, Query.const_score_query(f, 0.0)) for f in filters]
        clauses += [(Occur.MustNot, q) for q in must_not]
        return Query.boolean_query(clauses)

    # -- search ----------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResponse:
        started = time.perf_counter()
        request = checked_request(request)
        live = self._state()
        now = request.now or dt.datetime.now(MONTREAL)
        if now.tzinfo is None:
            now = now.replace(tzinfo=MONTREAL)
        today = now.astimezone(MONTREAL).date()
        slot = current_slot(now)
        key = (_replace(request, now=None), today, slot if request.open_now else None)
        if self.response_cache_size:
            with live.responses_lock:
                cached = live.responses.get(key)
                if cached is not None:
                    live.responses.move_to_end(key)
            if cached is not None:
                return _replace(cached, took_ms=(time.perf_counter() - started) * 1000)
        response = self._search(live, request, today, slot, started)
        if self.response_cache_size:
            with live.responses_lock:
                if self._live is live:
                    live.responses[key] = response
                    while len(live.responses) > self.response_cache_size:
                        live.responses.popitem(last=False)
        return response

    def _search(self, live: _Live, request: SearchRequest, today: dt.date, slot: int | None,
                started: float) -> SearchResponse:
        searcher = live.index.searcher()
        p = relevance.plan(request, today=today, slot=slot)

        text = self._text_query(p.text)
        base_filters = [self._filter(f) for f in p.filters]
        must_not = [self._expired(today, live.has_valid_from)]
        if p.exclude_closed:
            must_not.append(self._term("status", "temporarily closed"))
        if (p.radius_km is not None or self._in_memory_for_every_search) and p.sort in ("relevance", "distance"):
            answer = self._in_memory(live, searcher, p, request, text, base_filters, must_not)
            if answer is not None:
                total, page, facets = answer
                hits = [self._hit(searcher, score, addr, distance, p, request) for score, addr, distance in page]
                suggestion = self._did_you_mean(live, searcher, p.text) if not p.text.is_empty else None
                return SearchResponse(
                    total=total, hits=hits, facets=facets, page=request.page, per_page=request.per_page,
                    suggestion=suggestion, origin=request.origin,
                    took_ms=(time.perf_counter() - started) * 1000, engine=self.name,
                )
        if p.origin is not None and p.radius_km is not None:
            base_filters.append(self._circle_query(live, searcher, p.origin, p.radius_km))
        facet_filters = {facet: self._filter(f) for facet, f in p.facet_filters.items()}
        main = self._combine(text, base_filters + list(facet_filters.values()), must_not)

        # Facets first: their aggregation over the main query also counts it (the total), so the
        # ranking below needs no count of its own (tantivy skips blocks that cannot reach the top).
        total: int | None = None
        facets: dict[str, list[FacetValue]] = {}
        if request.facets:
            facets, total = self._facets(searcher, text, base_filters, must_not, facet_filters, request)
        offset = (request.page - 1) * request.per_page
        needed = offset + request.per_page
        filters = base_filters + list(facet_filters.values())
        if p.origin is not None and p.sort == "distance":
            ranked, total = self._by_distance(searcher, p, text, filters, must_not, needed, total)
        elif p.origin is not None and p.sort == "relevance":
            ranked, total = self._by_decay(searcher, p, main, text, filters, must_not, needed, total)
        elif p.sort == "name":
            ranked, total = self._by_name(searcher, p, main, text, filters, must_not, needed, total)
        else:
            hits, count = self._top_with_ties(searcher, main, needed, total is None)
            ranked = [((-score,), score, addr, None) for score, addr in hits]
            total = count if total is None else total
        page = self._window(searcher, len(ranked), lambda i: ranked[i][0], lambda i: ranked[i][1:],
                            offset, request.per_page, None if p.sort == "name" else p.sort_field)

        hits = [self._hit(searcher, score, addr, distance, p, request) for score, addr, distance in page]
        suggestion = self._did_you_mean(live, searcher, p.text) if not p.text.is_empty else None
        return SearchResponse(
            total=total, hits=hits, facets=facets, page=request.page, per_page=request.per_page,
            suggestion=suggestion, origin=request.origin,
            took_ms=(time.perf_counter() - started) * 1000, engine=self.name,
        )

    # A radius search with at most this many matches in the circle's bounding box (before facet
    # selections) reads them all, (score, address), in ONE tantivy search and does the rest in
    # numpy: exact circle, decay or distance order over ALL matches (not only the
    # DECAY_CANDIDATES best), total and multi-select facet counts from per-document columns. The
    # circle as a query (`_circle_query`: range scans and a key set) cost 14 ms per evaluation at
    # 150,000 documents, evaluated 2-4 times per search. Reading matches costs ~0.3-0.5 µs each,
    # which is why searches without a radius (no box to bound them: 35,000 matches for "logement"
    # with a region ticked) stay with tantivy's aggregations (measured slower in memory at 150k).
    MATCHES_IN_MEMORY = 40_000
    _in_memory_for_every_search = False  # tests: compare both paths on searches without a radius

    def _doc_arrays(self, live: _Live, searcher) -> _DocArrays:
        arrays = live.arrays
        if arrays is None:
            with live.lock:
                arrays = live.arrays
                if arrays is None:
                    arrays = live.arrays = _DocArrays.build(searcher)
        return arrays

    def _in_memory(self, live: _Live, searcher, p: relevance.Plan, request: SearchRequest,
                   text, base_filters, must_not):
        """(total, page of (score, address, distance), facets) of a radius search, computed over all
        the matches in the circle's bounding box; None when there are too many (or the columns are
        older than the searcher: another process's commit in between). Also correct without a
        radius or a place (the tests compare both paths that way)."""
        origin, radius = p.origin, p.radius_km
        region = list(base_filters)
        if radius is not None:
            region.append(self._box_query(relevance.bounding_box(origin.lat, origin.lon, radius)))
        limit = self.MATCHES_IN_MEMORY
        if text is None and radius is None:
            return None  # browsing everything: the aggregations are cheaper
        result = searcher.search(self._combine(text, region, must_not), limit + 1, True)
        if result.count > limit:
            return None
        arrays = self._doc_arrays(live, searcher)
        hits = result.hits
        addresses = [a for _, a in hits]
        keys = np.array(searcher.fast_field_values(DOC_KEY, addresses), dtype=np.uint64) if hits \
            else np.zeros(0, dtype=np.uint64)
        rows = np.searchsorted(arrays.keys, keys)
        if len(rows) and (rows.max() >= len(arrays.keys) or not np.array_equal(arrays.keys[rows], keys)):
            live.arrays = None
            return None
        scores = np.fromiter((sc for sc, _ in hits), dtype=np.float64, count=len(hits))
        if origin is not None:
            distances = _haversine_rows(origin, arrays.lat[rows], arrays.lon[rows])
        else:
            distances = np.full(len(rows), np.nan)
        # NaN (no coordinates) is outside a radius, as for geo_distance.
        inside = distances <= radius if radius is not None else np.ones(len(rows), dtype=bool)
        selections = {facet: arrays.has_any(facet, rows, f.values) for facet, f in p.facet_filters.items()}
        chosen = inside.copy()
        for mask in selections.values():
            chosen &= mask
        facets: dict[str, list[FacetValue]] = {}
        if request.facets:
            for facet in FACETS:
                among = inside.copy()
                for other, mask in selections.items():
                    if other != facet:
                        among &= mask
                counts = arrays.counts(facet, rows[among])
                selected = set(request.selected(facet))
                values = [FacetValue(v, c, v in selected) for v, c in counts.items()]
                values += [FacetValue(v, 0, True) for v in selected if v not in counts]
                values.sort(key=lambda v: (-v.count, v.value))
                facets[facet] = values
        index = np.flatnonzero(chosen)
        # The sort key of each match (ties then go to `_window`'s tie-breakers, as in OpenSearch).
        if origin is None:  # text relevance
            primary = (-scores,)
            finals = scores
        elif p.sort == "distance":  # nearest first, then by text score; no coordinates last
            primary = (np.where(np.isnan(distances), np.inf, distances), -scores)
            finals = scores
        else:
            finals, primary = _decayed_scores(scores, distances)
        order = index[np.lexsort(tuple(reversed([k[index] for k in primary])))]

        def key(i: int) -> tuple:
            return tuple(float(k[order[i]]) for k in primary)

        def entry(i: int) -> tuple:
            j = order[i]
            return (float(finals[j]), addresses[j], None if math.isnan(distances[j]) else float(distances[j]))

        page = self._window(searcher, len(order), key, entry, (request.page - 1) * request.per_page,
                            request.per_page, p.sort_field)
        return int(len(index)), page, facets

    def _expired(self, today: dt.date, with_valid_from: bool = True) -> Query:
        return _expired(today.year * 10000 + today.month * 100 + today.day, with_valid_from)

    def _distances(self, searcher, addresses: list, origin) -> list[float | None]:
        if not addresses:
            return []
        distances = _haversine_km(origin, searcher.fast_field_values("lat", addresses),
                                  searcher.fast_field_values("lon", addresses))
        return [None if math.isnan(d) else d for d in distances.tolist()]

    CIRCLE_CACHE_SECONDS = 60.0
    CIRCLE_CACHE_SIZE = 256

    def _circle_query(self, live: _Live, searcher, origin, radius_km: float) -> Query:
        """Exactly the documents within `radius_km` of `origin` (OpenSearch's `geo_distance`), as a
        query every count and facet can use: the union of rectangles inscribed in the circle, plus
        the documents of the rest of the bounding box that haversine puts inside, by key. Cached
        per place and radius for a minute (or until this process writes): the rest of the box is
        read document by document, a few thousand lat/lon pairs for a wide radius in Montréal."""
        key = (round(origin.lat, 6), round(origin.lon, 6), float(radius_km), searcher.num_docs)
        now = time.monotonic()
        cached = live.circles.get(key)
        if cached is not None and now - cached[0] < self.CIRCLE_CACHE_SECONDS:
            return cached[1]
        inner = [self._box_query(b) for b in relevance.inscribed_boxes(origin.lat, origin.lon, radius_km)]
        outer = self._box_query(relevance.bounding_box(origin.lat, origin.lon, radius_km))
        inner_q = Query.boolean_query([(Occur.Should, q) for q in inner]) if inner else Query.empty_query()
        rest = Query.boolean_query([(Occur.Must, outer), (Occur.MustNot, inner_q)])
        count = searcher.search(rest, 1, True).count
        keys: list[int] = []
        if count:
            addresses = [a for _, a in searcher.search(rest, count, False).hits]
            distances = self._distances(searcher, addresses, origin)
            inside = [a for a, d in zip(addresses, distances, strict=True) if d is not None and d <= radius_km]
            keys = searcher.fast_field_values(DOC_KEY, inside) if inside else []
        parts = [(Occur.Should, inner_q)]
        if keys:
            parts.append((Occur.Should, Query.term_set_query(SCHEMA, DOC_KEY, keys)))
        query = Query.boolean_query(parts)
        if len(live.circles) >= self.CIRCLE_CACHE_SIZE:
            live.circles.clear()
        live.circles[key] = (now, query)
        return query

    def _by_decay(self, searcher, p, main, text, filters, must_not, needed: int, total: int | None):
        """text score × gauss(distance), as OpenSearch's function_score (module docstring).

        With a radius, `filters` hold the exact circle: the best text matches in it are re-scored.
        Without, the best text matches in a box around the place are re-scored; the box grows
        (×3) until it holds a page of matches, so far places still rank nearest first (the
        product, a 32-bit float as in OpenSearch, underflows to 0 beyond ~130 km; the distance
        orders those, see `_decayed_scores`). Records without coordinates (online and telephone
        services) get the fixed factor of `relevance.DECAY` for a missing place (0.5): the best
        `needed` of them by text score join the candidates, since no other one can reach the page.
        Both come from one search (box OR no coordinates): the text query is the costly part."""
        origin = p.origin
        limit = max(relevance.DECAY_CANDIDATES, needed)
        if p.radius_km is not None:
            result = searcher.search(main, limit, total is None)
            return self._decayed(searcher, result.hits, origin), result.count if total is None else total
        if total is None:
            total = searcher.search(main, 1, True).count
        radius = relevance.DECAY.negligible_beyond_km()
        while True:
            box_q = self._box_query(relevance.bounding_box(origin.lat, origin.lon, radius))
            region = Query.boolean_query([(Occur.Should, box_q), (Occur.Should, _WITHOUT_POINT)])
            inside = searcher.search(self._combine(text, filters + [region], must_not), limit, True)
            if len(inside.hits) >= needed or inside.count >= total or radius >= 2500.0:
                break
            radius = min(2500.0, radius * 3)
        return self._decayed(searcher, inside.hits, origin), total

    def _decayed(self, searcher, hits, origin):
        """Text-ranked hits re-ranked by text score × gauss(distance), as (sort key, score,
        address, distance); vectorised, the candidates are up to DECAY_CANDIDATES."""
        if not hits:
            return []
        addresses = [addr for _, addr in hits]
        scores = np.fromiter((s for s, _ in hits), dtype=np.float64, count=len(hits))
        distances = _haversine_km(origin, searcher.fast_field_values("lat", addresses),
                                  searcher.fast_field_values("lon", addresses))
        finals, primary = _decayed_scores(scores, distances)
        order = np.lexsort(tuple(reversed(primary)))
        return [(tuple(float(k[i]) for k in primary), float(finals[i]), addresses[i],
                 None if math.isnan(distances[i]) else float(distances[i])) for i in order.tolist()]

    def _by_distance(self, searcher, p, text, filters, must_not, needed: int, total: int | None):
        """Nearest first: grow a box until it holds `needed` matches within its inscribed circle.
        The total counts every match (within the radius's exact circle, when given: `filters`
        hold it), not only those of the box that was large enough for the page."""
        origin = p.origin
        maximum = p.radius_km if p.radius_km is not None else 2500.0
        radius = min(maximum, 3.0)
        fetch_limit = 20_000
        while True:
            box = relevance.bounding_box(origin.lat, origin.lon, radius)
            query = self._combine(text, filters + [self._box_query(box)], must_not)
            result = searcher.search(query, fetch_limit, True)
            hits = result.hits
            distances = self._distances(searcher, [a for _, a in hits], origin)
            inside = [(d, s, a) for (s, a), d in zip(hits, distances, strict=True) if d is not None and d <= radius]
            complete = result.count <= fetch_limit
            if radius >= maximum or (len(inside) >= needed and complete):
                break
            radius = min(maximum, radius * 3)
        inside.sort(key=lambda x: (x[0], -x[1]))
        ranked = [((d, -s), s, a, d) for d, s, a in inside]
        if total is None:
            total = searcher.search(self._combine(text, filters, must_not), 1, True).count
        if p.radius_km is None and len(ranked) < needed and total > len(ranked):
            # Records without coordinates (virtual services) come last, by text score.
            no_point = self._combine(text, filters, must_not + [Query.exists_query("lat")])
            hits, _ = self._top_with_ties(searcher, no_point, needed - len(ranked), False)
            ranked += [((math.inf, -s), s, a, None) for s, a in hits]
        return ranked, total

    def _by_name(self, searcher, p, main, text, filters, must_not, needed: int, total: int | None):
        """By the locale's name (tantivy orders by one fast field), the first `needed` matches and
        every other match of the last name among them, whose order `_window` settles."""
        result = searcher.search(main, needed, total is None, p.sort_field, 0, tantivy.Order.Asc)
        total = result.count if total is None else total
        hits = result.hits
        if len(hits) == needed:
            last = hits[-1][0]
            if last is not None:
                same = self._combine(text, filters + [self._term(p.sort_field, last)], must_not)
                count = searcher.search(same, 1, True).count
                hits = [h for h in hits if h[0] != last] + \
                    [(last, a) for _, a in searcher.search(same, max(1, count), False).hits]
        return [((name if name is not None else _LAST,), 0.0, addr, None) for name, addr in hits], total

    @staticmethod
    def _top_with_ties(searcher, query, needed: int, count: bool):
        """The best `needed` hits by score, plus every hit tied with the last of them (tantivy
        keeps an arbitrary share of a tie at the cut; `_window` orders ties), and the count."""
        limit, total = max(needed, 1), None
        while True:
            result = searcher.search(query, limit + 1, count and total is None)
            total = result.count if total is None else total
            hits = result.hits
            if len(hits) <= limit or hits[limit][0] != hits[needed - 1][0]:
                return hits, total
            # Each retry runs the whole query again: jump far (a service copied at many places
            # ties by the hundred), so a big tie costs two searches, not four or five. 150k
            # services: p95 34.0 -> 28.3 ms; collecting 1,025 hits instead of 85 costs ~nothing.
            limit = max(limit * 16, 1024)

    def _window(self, searcher, n: int, key, entry, offset: int, size: int, sort_field: str | None) -> list:
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
            breakers = dict(zip(tied, self._tie_breakers(searcher, [entries[j][1] for j in tied], sort_field),
                                strict=True))
            order = sorted(range(len(keys)), key=lambda j: (runs[j], breakers.get(j, ("", 0))))
            entries = [entries[j] for j in order]
        return entries[offset - lo:stop - lo]

    # Up to this many tied documents, their names are read from the stored documents (~25 µs
    # each, and the page's own are then cached for display); beyond, from a terms aggregation.
    TIE_NAMES_FROM_DOCUMENTS = 64

    def _tie_breakers(self, searcher, addresses: list, sort_field: str | None) -> list[tuple[str, int]]:
        """(name, tie key) of each address: DOC_KEY from its fast field (tantivy reads no text
        fast field per document); the names from the stored documents or, for many, from one
        terms aggregation over them (usually one name: a service at many locations) and, when
        they differ, one search per name."""
        keys = searcher.fast_field_values(DOC_KEY, addresses)
        if sort_field is None:
            return [("", k) for k in keys]
        if len(addresses) <= self.TIE_NAMES_FROM_DOCUMENTS:
            names = [_source(searcher.doc(a).get_first("source")).get(sort_field) for a in addresses]
            return [(name or _LAST, k) for name, k in zip(names, keys, strict=True)]
        these = Query.term_set_query(SCHEMA, DOC_KEY, keys)
        buckets = searcher.aggregate(these, {"names": {"terms": {"field": sort_field, "size": len(keys)}}})
        buckets = buckets.get("names", {}).get("buckets", [])
        names: dict[int, str] = {}
        if len(buckets) == 1 and buckets[0]["doc_count"] == len(keys):
            names = dict.fromkeys(keys, buckets[0]["key"])
        else:
            for bucket in buckets:
                named = Query.boolean_query([(Occur.Must, these), (Occur.Must, _term(sort_field, bucket["key"]))])
                found = [a for _, a in searcher.search(named, max(1, bucket["doc_count"]), False).hits]
                names.update(dict.fromkeys(searcher.fast_field_values(DOC_KEY, found), bucket["key"]))
        return [(names.get(k, _LAST), k) for k in keys]

    def _hit(self, searcher, score, addr, distance, p: relevance.Plan, request: SearchRequest) -> Hit:
        doc = _source(searcher.doc(addr).get_first("source"))
        if distance is None and p.origin is not None and doc["lat"] is not None:
            distance = haversine_km(p.origin.lat, p.origin.lon, doc["lat"], doc["lon"])
        highlights = relevance.highlights(doc, p.text) if request.highlight and not p.text.is_empty else {}
        return Hit(id=doc["id"], service_id=doc["service_id"], score=float(score),
                   distance_km=distance, document=doc, highlights=highlights)

    def _facets(self, searcher, text, filters, must_not, facet_filters, request):
        """Multi-select counts: one aggregation per selected facet over the query with the OTHER
        facets' selections, and one shared aggregation for all unselected facets, which runs the
        main query and so also gives the total (None when every facet is selected)."""
        groups: list[tuple[list[str], Query]] = []
        unselected = [f for f in FACETS if f not in facet_filters]
        if unselected:
            groups.append((unselected, self._combine(text, filters + list(facet_filters.values()), must_not)))
        for facet in facet_filters:
            others = [q for name, q in facet_filters.items() if name != facet]
            groups.append(([facet], self._combine(text, filters + others, must_not)))
        out: dict[str, list[FacetValue]] = {}
        total = None
        for facets, query in groups:
            aggs = {}
            if facets is unselected:
                aggs[_TOTAL] = {"value_count": {"field": DOC_KEY}}  # every document has one
            for facet in facets:
                if facet == "free":
                    aggs["free"] = {"terms": {"field": "free", "size": 2}}
                    continue
                for name in FACET_SET_FIELDS[facet]:
                    aggs[name] = {"terms": {"field": name, "size": FACET_COMBINATIONS}}
            result = searcher.aggregate(query, aggs)
            if _TOTAL in result:
                total = int(result[_TOTAL]["value"])
            for facet in facets:
                counts: dict[str, int] = {}
                if facet == "free":
                    for bucket in result.get("free", {}).get("buckets", []):
                        if bucket.get("key_as_string") == "true" or bucket["key"] in (1, True):
                            counts["true"] = int(bucket["doc_count"])
                else:
                    for name in FACET_SET_FIELDS[facet]:
                        for bucket in result.get(name, {}).get("buckets", ()):
                            n = bucket["doc_count"]
                            for value in _combination(bucket["key"]):
                                counts[value] = counts.get(value, 0) + n
                selected = set(request.selected(facet))
                values = [FacetValue(v, c, v in selected) for v, c in counts.items()]
                values += [FacetValue(v, 0, True) for v in selected if v not in counts]
                values.sort(key=lambda v: (-v.count, v.value))
                out[facet] = values
        return {facet: out.get(facet, []) for facet in FACETS}, total

    # -- did you mean, autocomplete --------------------------------------------------------

    def _vocabulary(self, live: _Live, searcher) -> dict[str, list[tuple[str, int]]]:
        with live.lock:
            if live.vocabulary is None or time.monotonic() - live.vocabulary_at > 60:
                buckets: dict[str, list[tuple[str, int]]] = {}
                for term, freq in searcher.terms_with_prefix(relevance.FOLDED_FIELD, ""):
                    if term.isalpha() and len(term) >= 3:
                        buckets.setdefault(term[0], []).append((term, freq))
                live.vocabulary, live.vocabulary_at = buckets, time.monotonic()
            return live.vocabulary

    @staticmethod
    def _known(searcher, word: str) -> bool:
        """A word the index knows as written (folded) or through its stem ("banques")."""
        if searcher.doc_freq(relevance.FOLDED_FIELD, word):
            return True
        for language in relevance.LANGUAGES:
            for term in chain.analyze(word, language)[:1]:
                if any(searcher.doc_freq(f"{base}_{language}", term) for base in relevance.FIELD_WEIGHTS):
                    return True
        return False

    def _did_you_mean(self, live: _Live, searcher, text: relevance.TextPlan) -> str | None:
        """Replace each query word the index does not know by its nearest frequent neighbour."""
        words = list(text.words)
        changed = False
        for i, word in enumerate(words):
            if len(word) < 4 or not word.isalpha() or self._known(searcher, word):
                continue
            limit = 2 if len(word) >= relevance.FUZZY_MIN_LENGTH_2 else 1
            vocabulary = self._vocabulary(live, searcher)
            best = None
            for bucket in ([word[0]], list(vocabulary)):  # same first letter first, then anywhere
                for candidate, freq in (c for b in bucket for c in vocabulary.get(b, ())):
                    if abs(len(candidate) - len(word)) > limit:
                        continue
                    d = relevance.edit_distance(word, candidate, limit)
                    if d <= limit and (best is None or (d, -freq) < (best[0], -best[2])):
                        best = (d, candidate, freq)
                if best:
                    break
            if best:
                words[i] = best[1]
                changed = True
        return " ".join(words) if changed else None

    def suggest(self, prefix: str, locale: Locale, limit: int = 8) -> list[Suggestion]:
        """Service names and category labels (both languages) starting with the folded prefix, or
        with a word starting with it (`relevance.rank_suggestions`, as OpenSearch)."""
        key = relevance.suggest_prefix(prefix, MAX_QUERY_CHARS)
        if not key:
            return []
        searcher = self._state().index.searcher()
        keys = searcher.terms_with_prefix(SUGGEST_FIELD, key, limit=relevance.SUGGEST_SCAN)
        return relevance.rank_suggestions(keys, locale, limit)

    # -- helpers for tools (bench, evaluate) ----------------------------------------------

    def bare_query(self, q: str, limit: int = 20) -> float:
        """Milliseconds of the tantivy query alone for the plan of `q` (no facets, no documents)."""
        live = self._state()
        text = self._text_query(relevance.text_plan(q))
        started = time.perf_counter()
        live.index.searcher().search(text if text is not None else Query.all_query(), limit, True)
        return (time.perf_counter() - started) * 1000


def _replace(value, **changes):
    return dataclasses.replace(value, **changes)


__all__ = ["EmbeddedEngine", "InvalidDocument", "SCHEMA", "build_schema", "to_tantivy"]
