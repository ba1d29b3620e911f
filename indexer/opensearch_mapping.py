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
* `schedule` and `phones` are stored for display only (`enabled: false`: neither parsed nor indexed);
* `suggest_*` are `completion` fields (see `SUGGEST_FIELDS`).

Why `completion` rather than `search_as_you_type` for autocomplete: what the box offers is a short
list of *distinct* names (services, categories, organizations). `completion` answers a prefix from an
in-memory FST in well under a millisecond and drops repeated names itself (`skip_duplicates`), which
matters because the same service name recurs across hundreds of locations ("Banque alimentaire").
`search_as_you_type` matches word prefixes anywhere in a name but returns documents, so distinct
names would need a terms aggregation on every keystroke, and it cannot tell which of a document's
several category names matched. The cost of `completion` is prefix-of-name matching only; to let
"alim" find "Banque alimentaire" each name is also indexed from each later word (lower weight),
see `indexer.opensearch_query.suggest_inputs`.

`dynamic: strict`: a document field the mapping does not know fails the bulk request loudly (the
rebuild then leaves the live index untouched) instead of being silently mapped by guesswork;
`tests/unit/indexer/test_opensearch_mapping.py` checks the mapping covers every document field.
"""

from __future__ import annotations

import copy

from analyzers.definitions import LANGUAGE_ANALYZERS, opensearch_analysis_settings
from indexer import relevance
from indexer.relevance import FIELD_WEIGHTS, FOLDED_FIELD, FOLDED_SOURCES

LANGUAGES = ("fr", "en")

# Bilingual full-text fields of the document (each exists as <field>_fr and <field>_en): exactly
# the fields the query plan scores.
TEXT_FIELDS = tuple(FIELD_WEIGHTS)

KEYWORD_FIELDS = (
    "id", "service_id", "organization_id", "location_id", "category_codes", "region_code",
    "municipality", "postal_code", "languages", "accessibility", "age_groups", "status",
)
BOOLEAN_FIELDS = ("free", "is_temporary", "is_crisis")
DATE_FIELDS = ("valid_from", "valid_to", "verified_on", "last_modified")
STORED_ONLY_FIELDS = ("schedule", "phones")  # display data, never searched
DISPLAY_TEXT_FIELDS = ("alert_fr", "alert_en", "url", "address")  # shown, never searched

# Autocomplete: (kind, language) -> completion field, filled by opensearch_query.bulk_actions.
SUGGEST_KINDS = ("service", "category", "organization")
SUGGEST_FIELDS = {(kind, lang): f"suggest_{kind}_{lang}" for kind in SUGGEST_KINDS for lang in LANGUAGES}

# Facet name (engine.FACETS) -> document field, as the plan defines it.
FACET_FIELDS = relevance.FACET_FIELDS

GEO_FIELD = "location"
SHARDS = 1  # 15k-150k small documents: one shard keeps scoring statistics exact and fast


def text_field(name: str, language: str) -> dict:
    index_analyzer, search_analyzer = LANGUAGE_ANALYZERS[language]
    field = {"type": "text", "analyzer": index_analyzer, "search_analyzer": search_analyzer}
    if name in FOLDED_SOURCES:
        field["copy_to"] = [FOLDED_FIELD]
    return field


def mappings() -> dict:
    properties: dict[str, dict] = {}
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
        # Sorting by name: the document carries an already folded sort key per language.
        "name_sort_fr": {"type": "keyword"},
        "name_sort_en": {"type": "keyword"},
    })
    for (_kind, _language), field in SUGGEST_FIELDS.items():
        properties[field] = {
            "type": "completion",
            "analyzer": "folded",  # "cote" completes "Côte-des-Neiges", "CENTRE" completes "Centre"
            "search_analyzer": "folded",
            "preserve_separators": True,
            "preserve_position_increments": True,
            "max_input_length": 100,
        }
    return {"dynamic": "strict", "properties": properties}


def settings(*, loading: bool = False, replicas: int = 1) -> dict:
    """Index settings with the analysis block; `loading` gives the fast-bulk-load variant."""
    body = copy.deepcopy(opensearch_analysis_settings())
    body["index"] = {
        "number_of_shards": SHARDS,
        "number_of_replicas": 0 if loading else replicas,
        "refresh_interval": "-1" if loading else "1s",
        "max_result_window": 10_000,
    }
    return body


def index_body(*, loading: bool = False, replicas: int = 1) -> dict:
    """The `indices.create` body: settings (analysis generated from analyzers/) and mappings."""
    return {"settings": settings(loading=loading, replicas=replicas), "mappings": mappings()}


def serving_settings(*, replicas: int, refresh_interval: str = "1s") -> dict:
    """The `indices.put_settings` body applied after the bulk load, before the alias swap."""
    return {"index": {"number_of_replicas": replicas, "refresh_interval": refresh_interval}}
