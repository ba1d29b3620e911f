"""The OpenSearch index body is generated from analyzers/ and covers every document field."""

from __future__ import annotations

from analyzers.definitions import opensearch_analysis_settings
from indexer import opensearch_mapping as mapping
from indexer import relevance
from indexer.document import FIELD_TYPES


def test_the_mapping_covers_every_document_field_and_nothing_else_but_derived_ones():
    properties = mapping.mappings()["properties"]
    assert set(FIELD_TYPES) <= set(properties)
    derived = set(properties) - set(FIELD_TYPES)
    assert derived == {relevance.FOLDED_FIELD, mapping.GEO_FIELD, mapping.TIE_KEY_FIELD,
                       *mapping.SUGGEST_FIELDS.values()}
    assert mapping.mappings()["dynamic"] == "strict"


def test_text_fields_use_the_custom_analyzers_with_synonyms_at_search_time_only():
    properties = mapping.mappings()["properties"]
    for name in relevance.FIELD_WEIGHTS:
        assert properties[f"{name}_fr"]["analyzer"] == "text_fr"
        assert properties[f"{name}_fr"]["search_analyzer"] == "text_fr_search"
        assert properties[f"{name}_en"]["analyzer"] == "text_en"
        assert properties[f"{name}_en"]["search_analyzer"] == "text_en_search"
        copies = properties[f"{name}_fr"].get("copy_to", [])
        assert (relevance.FOLDED_FIELD in copies) == (name in relevance.FOLDED_SOURCES)
    assert properties[relevance.FOLDED_FIELD]["analyzer"] == "folded"


def test_facets_filters_and_places_have_the_right_types():
    properties = mapping.mappings()["properties"]
    for field in relevance.FACET_FIELDS.values():
        assert properties[field]["type"] in ("keyword", "boolean")
    assert properties["location"]["type"] == "geo_point"
    assert properties["open_slots"]["type"] == "integer"
    assert properties["valid_to"]["type"] == "date"
    assert properties["schedule"] == {"type": "object", "enabled": False}


def test_analysis_settings_come_from_analyzers_and_loading_settings_are_fast():
    body = mapping.index_body(loading=True)
    assert body["settings"]["analysis"] == opensearch_analysis_settings()["analysis"]
    assert body["settings"]["index"]["number_of_replicas"] == 0
    assert body["settings"]["index"]["refresh_interval"] == "-1"
    serving = mapping.index_body(replicas=2)["settings"]["index"]
    assert (serving["number_of_replicas"], serving["refresh_interval"]) == (2, "1s")
    analyzers = body["settings"]["analysis"]["analyzer"]
    used = {p.get(k) for p in mapping.mappings()["properties"].values() for k in ("analyzer", "search_analyzer")}
    assert used - {None} <= set(analyzers)
