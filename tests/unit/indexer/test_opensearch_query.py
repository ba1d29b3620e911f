"""The plan -> OpenSearch DSL translation and the parsing of answers (recorded shapes)."""

from __future__ import annotations

import datetime as dt

import pytest

from indexer import opensearch_query as dsl
from indexer import relevance
from indexer.engine import FACETS, InvalidSearch, Origin, SearchRequest

TODAY = dt.date(2025, 3, 10)
LAVAL = Origin(45.57, -73.69, "Laval")


def body_for(request: SearchRequest) -> dict:
    plan = relevance.plan(request, today=TODAY, slot=42)
    return dsl.search_body(request, plan, plan.origin)


def _scored(body):
    return body["query"]["bool"]["must"][0]


def test_text_is_a_dis_max_of_languages_of_slots_with_the_plan_weights_and_tie_breakers():
    text = _scored(body_for(SearchRequest(q="logement laval")))
    assert text["dis_max"]["tie_breaker"] == 0.0
    french, english = text["dis_max"]["queries"]
    assert french["bool"]["minimum_should_match"] == relevance.text_plan("logement laval").languages[0].minimum_should_match
    slot = french["bool"]["should"][0]["dis_max"]
    assert slot["tie_breaker"] == relevance.TIE_BREAKER
    first = relevance.text_plan("logement laval").languages[0].slots[0].alternatives[0][0]
    terms = {f: v for c in slot["queries"] if "term" in c for f, v in c["term"].items() if v["value"] == first}
    assert {f: v["boost"] for f, v in terms.items()} == {f"{k}_fr": w for k, w in relevance.FIELD_WEIGHTS.items()}
    alternatives = relevance.text_plan("logement laval").languages[0].slots[0].alternatives
    assert len(slot["queries"]) == len(alternatives) * len(relevance.FIELD_WEIGHTS)


def test_a_synonym_phrase_becomes_a_whitespace_match_phrase_and_gets_no_fuzzy_clause():
    text = str(_scored(body_for(SearchRequest(q="food bank"))))
    assert "'match_phrase'" in text and "'analyzer': 'whitespace'" in text and f"'slop': {relevance.PHRASE_SLOP}" in text
    assert "fuzzy" not in text


def test_a_long_word_gets_a_constant_score_fuzzy_clause_on_folded_with_two_edits():
    text = _scored(body_for(SearchRequest(q="itinerence")))
    slot = text["dis_max"]["queries"][0]["bool"]["should"][0]["dis_max"]["queries"]
    fuzzy = [c for c in slot if "constant_score" in c][0]["constant_score"]
    assert fuzzy["boost"] == relevance.FUZZY_SCORE
    assert fuzzy["filter"]["fuzzy"]["folded"] == {"value": "itinerence", "fuzziness": 2, "transpositions": True,
                                                  "prefix_length": 0, "rewrite": "constant_score"}


def test_browsing_matches_all_and_sorts_by_name_then_id():
    body = body_for(SearchRequest(locale="en"))
    assert _scored(body) == {"match_all": {}}
    assert body["sort"] == ["name_sort_en", "id"]
    assert "highlight" not in body and "suggest" not in body


def test_a_place_multiplies_by_a_gauss_decay_and_a_radius_is_a_separate_filter():
    body = body_for(SearchRequest(q="banque", origin=LAVAL, radius_km=12))
    scored = _scored(body)["function_score"]
    assert (scored["boost_mode"], scored["score_mode"]) == ("multiply", "multiply")
    gauss = scored["functions"][0]["gauss"]["location"]
    assert gauss == {"origin": {"lat": 45.57, "lon": -73.69}, "scale": "10.0km", "offset": "1.0km", "decay": 0.5}
    radius = [f for f in body["query"]["bool"]["filter"] if "geo_distance" in f][0]["geo_distance"]
    assert radius["distance"] == "12km" and radius["location"] == {"lat": 45.57, "lon": -73.69}
    assert body["sort"][0] == "_score"
    assert "geo_distance" not in str(body_for(SearchRequest(q="banque", origin=LAVAL))["query"]["bool"].get("filter"))


def test_without_a_radius_services_without_coordinates_get_the_fixed_decay_factor():
    # Two function_score clauses over disjoint documents: located ones get the gauss, the others
    # (online, telephone) the decay at offset + scale, as in the embedded engine.
    scored = _scored(body_for(SearchRequest(q="banque", origin=LAVAL)))
    assert scored["bool"]["minimum_should_match"] == 1
    located, virtual = (clause["function_score"] for clause in scored["bool"]["should"])
    exists = {"exists": {"field": "location"}}
    assert located["query"]["bool"]["filter"] == [exists] and "gauss" in located["functions"][0]
    assert virtual["query"]["bool"]["must_not"] == [exists]
    assert virtual["functions"] == [{"weight": relevance.DECAY(None)}] and relevance.DECAY(None) == 0.5
    assert located["query"]["bool"]["must"] == virtual["query"]["bool"]["must"] == [
        _scored(body_for(SearchRequest(q="banque")))]
    assert (located["boost_mode"], virtual["boost_mode"]) == ("multiply", "multiply")


def test_distance_sort_puts_geo_distance_first():
    body = body_for(SearchRequest(q="clsc", origin=LAVAL, sort="distance"))
    assert body["sort"][0]["_geo_distance"]["location"] == {"lat": 45.57, "lon": -73.69}
    assert body["sort"][1:] == ["_score", "name_sort_fr", "id"]


def test_filters_never_score_and_closed_or_expired_services_are_excluded():
    body = body_for(SearchRequest(q="aide", open_now=True, crisis_only=True))
    query = body["query"]["bool"]
    assert {"terms": {"open_slots": [42]}} in query["filter"]
    assert {"terms": {"is_crisis": [True]}} in query["filter"]
    assert {"term": {"status": "temporarily closed"}} in query["must_not"]
    expired = query["must_not"][1]["bool"]["filter"]
    assert {"range": {"valid_to": {"lt": "2025-03-10"}}} in expired
    not_started = query["must_not"][2]["bool"]["filter"]  # a temporary service before its first day
    assert not_started == [{"term": {"is_temporary": True}}, {"range": {"valid_from": {"gt": "2025-03-10"}}}]
    included = body_for(SearchRequest(q="aide", include_closed=True))["query"]["bool"]["must_not"]
    assert {"term": {"status": "temporarily closed"}} not in included


def test_facets_are_multi_select_each_count_applies_only_the_other_selections():
    body = body_for(SearchRequest(q="aide", regions=("06",), categories=("food",), free=True))
    selection = body["post_filter"]["bool"]["filter"]
    assert {"terms": {"region_code": ["06"]}} in selection and {"terms": {"free": [True]}} in selection
    assert set(body["aggs"]) == {f"facet_{f}" for f in FACETS}
    region = body["aggs"]["facet_region"]["filter"]["bool"]["filter"]
    assert {"terms": {"region_code": ["06"]}} not in region
    assert {"terms": {"category_codes": ["food"]}} in region
    assert body["aggs"]["facet_language"]["aggs"]["values"]["terms"]["field"] == "languages"
    assert "post_filter" not in body_for(SearchRequest(q="aide"))
    assert body_for(SearchRequest(q="aide"))["aggs"]["facet_region"]["filter"] == {"match_all": {}}


def test_pages_highlight_and_did_you_mean():
    body = body_for(SearchRequest(q="banqe alimentaire", page=3, per_page=10))
    assert (body["from"], body["size"], body["track_total_hits"]) == (20, 10, True)
    assert body["highlight"]["pre_tags"] == ["<mark>"] and body["highlight"]["encoder"] == "html"
    assert {"name_fr", "description_en", "organization_fr"} <= set(body["highlight"]["fields"])
    assert body["suggest"]["text"] == "banqe alimentaire"
    assert body["suggest"]["did_you_mean"]["term"]["field"] == "folded"
    with pytest.raises(InvalidSearch):
        body_for(SearchRequest(q="x", page=0))


def test_did_you_mean_applies_the_plans_edit_limit_per_word():
    raw = {"suggest": {"did_you_mean": [
        {"text": "banqe", "offset": 0, "length": 5, "options": [{"text": "bank", "score": 0.5, "freq": 3},
                                                                 {"text": "banque", "score": 0.8, "freq": 9}]},
        {"text": "lavl", "offset": 6, "length": 4, "options": [{"text": "laval", "score": 0.75, "freq": 5}]},
        {"text": "abcd", "offset": 11, "length": 4, "options": [{"text": "axyd", "score": 0.5, "freq": 5}]},
    ]}}
    assert dsl.parse_did_you_mean(raw, ("banqe", "lavl", "abcd")) == "banque laval abcd"
    assert dsl.parse_did_you_mean({"suggest": {"did_you_mean": []}}, ("laval",)) is None


def test_bulk_lines_pair_actions_with_sources_and_add_location_and_completion_inputs():
    doc = {"id": "a", "name_fr": "Banque alimentaire Laval", "categories_fr": ["Alimentation"],
           "organization_fr": "Moisson", "lat": 45.0, "lon": -73.0}
    action, source = dsl.bulk_lines([doc], index="i")
    assert action == {"index": {"_index": "i", "_id": "a"}}
    assert source["location"] == {"lat": 45.0, "lon": -73.0}
    assert source["suggest_service_fr"] == [
        {"input": ["Banque alimentaire Laval"], "weight": 10},
        {"input": ["alimentaire Laval", "Laval"], "weight": 1},
    ]
    assert "suggest_service_en" not in source


def test_alias_swap_removes_every_old_index_and_adds_the_new_one_in_one_list():
    assert dsl.alias_swap_actions("a", "a-v2", ["a-v1", "a-v0"]) == [
        {"remove": {"index": "a-v0", "alias": "a"}}, {"remove": {"index": "a-v1", "alias": "a"}},
        {"add": {"index": "a-v2", "alias": "a"}}]
    assert dsl.alias_swap_actions("a", "a-v1", []) == [{"add": {"index": "a-v1", "alias": "a"}}]


def test_suggest_body_and_answer_give_distinct_full_names_with_category_codes():
    assert dsl.suggest_body("b", "fr") is None
    body = dsl.suggest_body("  alim ", "fr", 5)
    assert body["suggest"]["text"] == "alim"
    assert body["suggest"]["service"]["completion"] == {"field": "suggest_service_fr", "size": 5,
                                                        "skip_duplicates": True}
    src = {"name_fr": "Banque alimentaire", "categories_fr": ["Alimentation", "Dépannage alimentaire"],
           "category_codes": ["food", "food.emergency-food"]}
    raw = {"suggest": {
        "service": [{"text": "alim", "offset": 0, "length": 4, "options": [
            {"text": "alimentaire", "_source": src}, {"text": "Banque alimentaire", "_source": src}]}],
        "category": [{"text": "alim", "offset": 0, "length": 4, "options": [
            {"text": "alimentaire", "_source": src}, {"text": "Alimentation", "_source": src}]}],
        "organization": [{"text": "alim", "offset": 0, "length": 4, "options": []}]}}
    out = dsl.parse_suggest_response(raw, "fr", 5)
    assert [(s.text, s.kind, s.category_code) for s in out] == [
        ("Banque alimentaire", "service", None),
        ("Dépannage alimentaire", "category", "food.emergency-food"),
        ("Alimentation", "category", "food"),
    ]


def test_hits_carry_the_document_distance_and_highlights():
    request = SearchRequest(q="banque", origin=LAVAL)
    plan = relevance.plan(request, today=TODAY)
    raw = {"took": 2, "hits": {"total": {"value": 7, "relation": "eq"}, "hits": [
        {"_id": "a", "_score": 1.5, "_source": {"id": "a", "service_id": "s", "lat": 45.57, "lon": -73.69,
                                                "location": {"lat": 45.57, "lon": -73.69}},
         "highlight": {"description_fr": ["une <mark>banque</mark>"]}},
        {"_id": "b", "_score": None, "_source": {"id": "b", "service_id": "t", "lat": None, "lon": None}}]}}
    response = dsl.parse_search_response(raw, request, plan, took_ms=5.0)
    assert response.total == 7 and response.took_ms == 5.0 and response.facets == {}
    first, second = response.hits
    assert first.distance_km == pytest.approx(0.0) and "location" not in first.document
    assert first.highlights == {"description_fr": "une <mark>banque</mark>"}
    assert second.distance_km is None and second.score == 0.0
