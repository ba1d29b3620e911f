"""OpenSearch index settings and mappings, generated from `analyzers.definitions` (decision 4).

Pure data. `index_body()` is the `PUT /<index>` body; `serving_settings()` what a freshly loaded
index is switched to before the alias swap.

Field layout for a search document (`indexer/document.py`, one service at one location):

* bilingual text (`name_fr`, `description_en`, ...) is indexed with the language's custom analyzer
  and searched with the same chain plus `synonym_graph` (`text_fr` / `text_fr_search`), so synonyms
  are query-time only and a synonym change needs no reindex on the embedded side and an alias-swap
  rebuild here (the list is inlined in the settings);
* `folded` (analyzer `folded`: lowercase + ASCII folding, no stop words, no stemming) receives,
  by `copy_to`, the names, organizations, categories and keywords of both languages
  (`relevance.FOLDED_SOURCES`): it holds real words, so the plan's fuzzy clauses measure edit
  distances between words (not stems) and the "did you mean" term suggester offers words;
* facets and filters are `keyword`/`boolean`/`date`/`integer` fields with doc values;
* `location` is a `geo_point` derived from `lat`/`lon` at bulk time (distance filter, decay, sort);
* `doc_key` (unsigned_long, doc values only) is `relevance.tie_key(id)`, derived at bulk time: the
  last tie-breaker of every sort, as in the embedded engine;
* `schedule` and `phones` are stored for display only (`enabled: false`: neither parsed nor indexed);
* `suggest_keys` holds the autocomplete keys (`relevance.suggest_keys`), a `keyword` field.

Why keys in a `keyword` field rather than `completion` or `search_as_you_type` for autocomplete:
the box offers a short list of *distinct* names (services, categories), and both engines must offer
the same ones in the same order, ranked by how many documents carry a name
(`relevance.rank_suggestions`). A `completion` suggester ranks by a per-document weight and returns
one option per input, so it cannot count documents (the same service name recurs across hundreds
of locations, "Banque alimentaire"); `search_as_you_type` returns documents, not which of their
several category names matched. The keys already say which name, kind, language and category code
they stand for; one `terms` aggregation over the documents a `prefix` query finds counts them.

`dynamic: strict`: a document field the mapping does not know fails the bulk request loudly (the
rebuild then leaves the live index untouched) instead of being silently mapped by guesswork;
`tests/unit/indexer/test_opensearch_mapping.py` checks the mapping covers every document field.
"""

from __future__ import annotations

import copy
from typing import Any

from analyzers.definitions import LANGUAGE_ANALYZERS, opensearch_analysis_settings
from indexer import relevance
from indexer.engine import FLAG_FACETS
from indexer.relevance import FIELD_WEIGHTS, FOLDED_FIELD, FOLDED_SOURCES

LANGUAGES = ("fr", "en")

# Bilingual full-text fields of the document (each exists as <field>_fr and <field>_en): exactly
# the fields the query plan scores.
TEXT_FIELDS = tuple(FIELD_WEIGHTS)

KEYWORD_FIELDS = (
    "id", "service_id", "organization_id", "location_id", "category_codes", "region_code",
    "municipality", "postal_code", "languages", "accessibility", "age_groups", "status",
)
BOOLEAN_FIELDS = (*FLAG_FACETS, "is_temporary", "is_crisis", "confidential")
DATE_FIELDS = ("valid_from", "valid_to", "verified_on", "last_modified")
STORED_ONLY_FIELDS = ("schedule", "phones", "capacities")  # display data, never searched
DISPLAY_TEXT_FIELDS = ("alert_fr", "alert_en", "url", "address", "holiday_rule")  # shown, never searched

# Autocomplete: the keys of `relevance.suggest_keys` (every service name and category label, both
# languages, from each word on), filled by opensearch_query.source.
SUGGEST_KEYS_FIELD = "suggest_keys"
SUGGEST_FIELDS = {"keys": SUGGEST_KEYS_FIELD}  # the derived fields autocomplete reads

# Facet name (engine.FACETS) -> document field, as the plan defines it.
FACET_FIELDS = relevance.FACET_FIELDS

# A request body of OpenSearch's REST API, or a part of one: JSON.
Body = dict[str, Any]

GEO_FIELD = "location"
TIE_KEY_FIELD = "doc_key"
SHARDS = 1  # 15k-150k small documents: one shard keeps scoring statistics exact and fast


def text_field(name: str, language: str) -> Body:
    index_analyzer, search_analyzer = LANGUAGE_ANALYZERS[language]
    field: Body = {"type": "text", "analyzer": index_analyzer, "search_analyzer": search_analyzer}
    if name in FOLDED_SOURCES:
        field["copy_to"] = [FOLDED_FIELD]
    return field


def mappings() -> Body:
    properties: dict[str, Body] = {}
    for name in TEXT_FIELDS:
        for language in LANGUAGES:
            properties[f"{name}_{language}"] = text_field(name, language)
    properties[FOLDED_FIELD] = {"type": "text", "analyzer": "folded"}
    for name in KEYWORD_FIELDS:
        properties[name] = {"type": "keyword"}
    for name in BOOLEAN_FIELDS:
        properties[name] = {"type": "boolean"}
    for name in DATE_FIELDS:
        properties[name] = {"type": "date", "format": "strict_date_optional_time||epoch_millis"}
    for name in STORED_ONLY_FIELDS:
        properties[name] = {"type": "object", "enabled": False}
    properties.update({
        # Shown, not searched: these live in _source only.
        **{name: {"type": "keyword", "index": False, "doc_values": False}
           for name in DISPLAY_TEXT_FIELDS},
        "lat": {"type": "double", "index": False},
        "lon": {"type": "double", "index": False},
        GEO_FIELD: {"type": "geo_point"},
        "open_slots": {"type": "integer"},
        # Epoch seconds until which a capacity count above 0 stays fresh ("places available now").
        "available_until": {"type": "long"},
        # Sorting by name: the document carries an already folded sort key per language.
        "name_sort_fr": {"type": "keyword"},
        "name_sort_en": {"type": "keyword"},
        # The last tie-breaker of every sort, `relevance.tie_key(id)` (set by
        # opensearch_query.source): the embedded engine's DOC_KEY, so both engines order ties alike.
        TIE_KEY_FIELD: {"type": "unsigned_long", "index": False},
        # Shown on a card grouped by service ("and N other locations"), never searched.
        "location_count": {"type": "integer", "index": False, "doc_values": False},
    })
    # Already folded keys: a `prefix` query finds the documents, a `terms` aggregation counts
    # them per key (opensearch_query.suggest_body); ordinals are built at refresh, not per keystroke.
    properties[SUGGEST_KEYS_FIELD] = {"type": "keyword", "eager_global_ordinals": True}
    return {"dynamic": "strict", "properties": properties}


def settings(*, loading: bool = False, replicas: int = 1) -> Body:
    """Index settings with the analysis block; `loading` gives the fast-bulk-load variant."""
    body = copy.deepcopy(opensearch_analysis_settings())
    body["index"] = {
        "number_of_shards": SHARDS,
        "number_of_replicas": 0 if loading else replicas,
        "refresh_interval": "-1" if loading else "1s",
        "max_result_window": 10_000,
        # While loading, the translog is fsynced every 5 s instead of after every bulk request:
        # measured on the 2-core machine, 400 -> 1,000+ documents/s. A crash mid-load loses nothing
        # that matters (the rebuild fails and the alias stays on the old index); serving settings
        # restore per-request durability before the swap.
        "translog": {"durability": "async" if loading else "request"},
    }
    return body


def index_body(*, loading: bool = False, replicas: int = 1) -> Body:
    """The `indices.create` body: settings (analysis generated from analyzers/) and mappings."""
    return {"settings": settings(loading=loading, replicas=replicas), "mappings": mappings()}


def serving_settings(*, replicas: int, refresh_interval: str = "1s") -> Body:
    """The `indices.put_settings` body applied after the bulk load, before the alias swap."""
    return {"index": {"number_of_replicas": replicas, "refresh_interval": refresh_interval,
                      "translog": {"durability": "request"}}}
