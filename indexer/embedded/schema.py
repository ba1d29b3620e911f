"""The embedded engine's tantivy schema, and how a search document fills it.

Analysis: text is analysed by the Python mirror (`analyzers.chain`) and stored as tantivy
pre-tokenized text (`PreTokenizedString`: terms, Lucene positions, offsets), so the index holds
exactly the terms OpenSearch's custom analyzers produce; queries are built from analyzed terms
with tantivy's query constructors, never by parsing user text (`relevance.plan` says how).
"""

from __future__ import annotations

import json
import zlib
from functools import lru_cache
from typing import Any

import tantivy

from analyzers import chain
from indexer import relevance
from indexer.engine import FACETS, FLAG_FACETS, SearchDocument

SCHEMA_VERSION = 5  # bump when the schema changes: `index status` shows it, rebuild fixes it

TEXT_FIELDS = tuple(f"{f}_{lang}" for f in relevance.FIELD_WEIGHTS for lang in relevance.LANGUAGES)
KEYWORD_FIELDS = ("id", "service_id", "category_codes", "region_code", "municipality", "languages",
                  "accessibility", "age_groups", "status", "name_sort_fr", "name_sort_en")
BOOL_FIELDS = (*FLAG_FACETS, "is_temporary", "is_crisis")
SUGGEST_FIELD = "suggest"
DOC_KEY = "doc_key"
SERVICE_KEY = "service_key"  # relevance.tie_key(service_id): grouping by service (grouping.py)

# Facet counting. tantivy's terms aggregation is ~20x slower on multi-valued columns than on
# single-valued ones (measured at 150,000 documents: 50 ms against 2.6 ms for all facets), so each
# facet also gets ONE fast keyword per document holding its sorted values joined by "|" (the
# document's combination, e.g. "en|fr"); we aggregate on the combinations and add them up per
# value in Python (`facets.py`). Combinations are few (a catalogue of service types, a few
# language sets). Facets with many values per document (accessibility features, languages) would
# make thousands of combinations; their values are dealt into FACET_SPLITS groups by a stable
# hash, one field per group, which keeps every group's combinations few.
FACET_SPLITS = {"accessibility": 4, "language": 3}
FACET_SET_FIELDS = {
    facet: tuple(f"facet_{facet}_{i}" for i in range(FACET_SPLITS.get(facet, 1)))
    for facet in FACETS if facet not in FLAG_FACETS
}
FACET_SET_SEPARATOR = "|"


def facet_group(value: str, groups: int) -> int:
    return zlib.crc32(value.encode()) % groups if groups > 1 else 0


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    for name in TEXT_FIELDS + (relevance.FOLDED_FIELD,):
        # Pre-tokenized: the tokenizer name is only used for query parsing, which we never do.
        sb.add_text_field(name, stored=False, tokenizer_name="raw", index_option="position")
    for name in KEYWORD_FIELDS:
        sb.add_text_field(name, stored=False, tokenizer_name="raw",
                          fast=name.startswith("name_sort"), index_option="basic")
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
    # The document as JSON, decoded for displayed hits only.
    sb.add_bytes_field("source", stored=True)
    # Last, so the fields before it keep their positions (schema 3): a temporary service's first
    # day.
    sb.add_integer_field("valid_from_day", indexed=True, fast=True)  # yyyymmdd
    # Schema 4: the service's key, so a search can keep one document per service.
    sb.add_unsigned_field(SERVICE_KEY, indexed=False, fast=True)
    # Schema 5: epoch seconds until which a capacity count above 0 stays fresh (docs/capacity.md).
    sb.add_integer_field("available_until", indexed=True, fast=True)
    return sb.build()


SCHEMA = build_schema()


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


def _values(value: Any) -> list[Any]:
    """A field's values: none for None, one for a scalar, the list's non-empty ones."""
    if value is None:
        return []
    return [v for v in (value if isinstance(value, list) else [value]) if v]


def doc_key(ident: str) -> int:
    return relevance.tie_key(ident)  # also the last tie-breaker of every sort


def to_tantivy(doc: SearchDocument) -> tantivy.Document:
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
            groups[facet_group(value, len(names))].append(value)
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
    t.add_unsigned(SERVICE_KEY, relevance.tie_key(doc["service_id"]))
    if doc["available_until"] is not None:
        t.add_integer("available_until", doc["available_until"])
    t.add_bytes("source", json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode())
    return t


@lru_cache(maxsize=4096)
def stored_document(raw: bytes) -> SearchDocument:
    """A stored document (the "source" field), decoded once while it stays popular. Shared between
    responses: nothing downstream mutates a hit's document (responses and hits are frozen)."""
    document: SearchDocument = json.loads(raw)
    return document


def source_of(searcher: tantivy.Searcher, address: tantivy.DocAddress) -> SearchDocument:
    """The search document stored at `address`."""
    return stored_document(searcher.doc(address).get_first("source"))
