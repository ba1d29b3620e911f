"""Yes/no facets come from one tuple (indexer.engine.FLAG_FACETS): every layer that handles them
reads it, so a new yes/no filter needs no edit in the engines, the parser or the results page."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from indexer import relevance
from indexer.embedded import schema
from indexer.engine import FACETS, FLAG_FACETS, SearchRequest
from indexer.opensearch_mapping import BOOLEAN_FIELDS
from indexer.request import parse_search_args


def test_every_flag_facet_is_a_facet_a_boolean_field_and_a_request_field():
    fields = SearchRequest.__dataclass_fields__
    for flag in FLAG_FACETS:
        assert flag in FACETS and flag in fields
        assert relevance.FACET_FIELDS[flag] == flag
        assert flag in schema.BOOL_FIELDS and flag in BOOLEAN_FIELDS


def test_a_flag_is_parsed_and_selected_as_true():
    for flag in FLAG_FACETS:
        request = parse_search_args(MultiDict({flag: "true"}), "fr")
        assert getattr(request, flag) is True and request.selected(flag) == ("true",)
        assert parse_search_args(MultiDict(), "fr").selected(flag) == ()


def test_portal_tables_follow_the_flags():
    from portal.display.labels import FACET_TITLES, FLAG_LABELS
    from portal.search.state import FACET_PARAMS, SHOWN_FACETS

    for flag in FLAG_FACETS:
        assert flag in FACET_PARAMS and flag in SHOWN_FACETS
        assert flag in FACET_TITLES and flag in FLAG_LABELS
