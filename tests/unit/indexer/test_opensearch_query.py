"""The plan -> OpenSearch DSL translation and the parsing of answers (recorded shapes)."""

from __future__ import annotations

import datetime as dt

import pytest

from indexer import opensearch_query as dsl
from indexer import relevance
from indexer.engine import FACETS, MAX_QUERY_CHARS, InvalidSearch, Origin, SearchRequest
from tests.query_budget import costliest_query, plan_clauses

TODAY = dt.date(2025, 3, 10)
LAVAL = Origin(45.57, -73.69, "Laval")


def body_for(request: SearchRequest) -> dict:
    plan = relevance.plan(request, today=TODAY, slot=42)
    return dsl.search_body(request, plan, plan.origin)


def _scored(body):
    return body["query"]["bool"]["must"][0]


def _lexical(text):
    """The lexical part of a text query (need understanding may wrap it with category boosts)."""
    return text["bool"]["must"][0] if "bool" in text else text


def test_text_is_a_dis_max_of_languages_of_slots_with_the_plan_weights_and_tie_breakers():
    text = _lexical(_scored(body_for(SearchRequest(q="logement laval"))))
    assert text["dis_max"]["tie_breaker"] == 0.0
    french, english = text["dis_max"]["queries"]
    french_plan = relevance.text_plan("logement laval").languages[0]
    assert french["bool"]["minimum_should_match"] == french_plan.minimum_should_match
    slot = french["bool"]["should"][0]["dis_max"]
    assert slot["tie_breaker"] == relevance.TIE_BREAKER
    first = relevance.text_plan("logement laval").languages[0].slots[0].alternatives[0][0]
    terms = {f: v for c in slot["queries"] if "term" in c for f, v in c["term"].items() if v["value"] == first}
    assert {f: v["boost"] for f, v in terms.items()} == {f"{k}_fr": w for k, w in relevance.FIELD_WEIGHTS.items()}
    alternatives = relevance.text_plan("logement laval").languages[0].slots[0].alternatives
    assert len(slot["queries"]) == len(alternatives) * len(relevance.FIELD_WEIGHTS)


def test_a_synonym_phrase_becomes_an_ordered_span_near_and_gets_no_fuzzy_clause():
    text = str(_scored(body_for(SearchRequest(q="food bank"))))
    assert "'span_near'" in text and "'in_order': True" in text and f"'slop': {relevance.PHRASE_SLOP}" in text
    assert "match_phrase" not in text and "fuzzy" not in text


def test_a_phrase_keeps_the_gap_its_rule_wording_leaves_for_a_stop_word():
    # "maltraitance envers les aînés": `les` is a French stop word, so in a record worded like the
    # rule `ain` stands two positions after `enver`. The phrase says so (span_gap), and a record
    # worded as the rule matches it exactly: frequency 1 in Lucene, as in tantivy.
    slot = relevance.text_plan("maltraitance envers les aînés").languages[0].slots[0]
    i = slot.alternatives.index(("maltrait", "enver", "ain"))
    assert slot.phrase(i) == ((0, "maltrait"), (1, "enver"), (3, "ain"))
    near = dsl.slot_query(slot, "fr")["dis_max"]["queries"][i]["span_near"]
    assert near["clauses"] == [{"span_term": {"name_fr": "maltrait"}}, {"span_term": {"name_fr": "enver"}},
                               {"span_gap": {"name_fr": 1}}, {"span_term": {"name_fr": "ain"}}]
    assert (near["slop"], near["in_order"], near["boost"]) == (relevance.PHRASE_SLOP, True, 3.0)


def test_a_long_word_gets_a_constant_score_fuzzy_clause_on_folded_with_two_edits():
    text = _scored(body_for(SearchRequest(q="itinerence")))
    slot = text["dis_max"]["queries"][0]["bool"]["should"][0]["dis_max"]["queries"]
    fuzzy = [c for c in slot if "constant_score" in c][0]["constant_score"]
    assert fuzzy["boost"] == relevance.FUZZY_SCORE
    assert fuzzy["filter"]["fuzzy"]["folded"] == {"value": "itinerence", "fuzziness": 2, "transpositions": True,
                                                  "prefix_length": 0, "rewrite": "constant_score"}


def tie_sort(field):
    # One sort object, two fields in order: name, then the tie key (unmapped_type: an index built
    # before doc_key existed still answers).
    return {field: {"order": "asc"}, "doc_key": {"order": "asc", "unmapped_type": "long"}}


def test_browsing_matches_all_and_sorts_by_name_then_the_tie_key():
    body = body_for(SearchRequest(locale="en"))
    assert _scored(body) == {"match_all": {}}
    assert body["sort"] == [tie_sort("name_sort_en")]
    assert list(body["sort"][0]) == ["name_sort_en", "doc_key"]
    assert body_for(SearchRequest(q="aide"))["sort"] == ["_score", tie_sort("name_sort_fr")]
    assert "highlight" not in body and "suggest" not in body


def test_every_document_carries_the_embedded_engines_tie_key():
    from indexer.embedded import doc_key

    source = dsl.source({"id": "a", "lat": None, "lon": None})
    assert source["doc_key"] == relevance.tie_key("a") == doc_key("a") < 2**64
    assert "doc_key" in body_for(SearchRequest())["_source"]["excludes"]


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
    # One function_score, the text query once: located documents get the gauss, the others
    # (online, telephone) the decay at offset + scale, as in the embedded engine.
    scored = _scored(body_for(SearchRequest(q="banque", origin=LAVAL)))["function_score"]
    assert scored["query"] == _scored(body_for(SearchRequest(q="banque")))
    exists = {"exists": {"field": "location"}}
    located, virtual = scored["functions"]
    assert located["filter"] == exists and "gauss" in located
    assert virtual == {"filter": {"bool": {"must_not": [exists]}}, "weight": relevance.DECAY(None)}
    assert relevance.DECAY(None) == 0.5
    assert (scored["score_mode"], scored["boost_mode"]) == ("first", "multiply")


def test_distance_sort_puts_geo_distance_first_and_relevance_with_a_place_second():
    body = body_for(SearchRequest(q="clsc", origin=LAVAL, sort="distance"))
    assert body["sort"][0]["_geo_distance"]["location"] == {"lat": 45.57, "lon": -73.69}
    assert body["sort"][1:] == ["_score", tie_sort("name_sort_fr")]
    # Far matches score 0 (float underflow of the decay): nearest first among them.
    body = body_for(SearchRequest(q="clsc", origin=LAVAL))
    assert body["sort"][0] == "_score" and "_geo_distance" in body["sort"][1]
    assert body["sort"][2:] == [tie_sort("name_sort_fr")]


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
    # Nothing else selected: the terms aggregation alone, no match_all filter around it.
    assert body_for(SearchRequest(q="aide"))["aggs"]["facet_region"] == {
        "terms": {"field": "region_code", "size": 100}}


def test_pages_and_did_you_mean_and_no_highlighting_asked_of_the_node():
    body = body_for(SearchRequest(q="banqe alimentaire", page=3, per_page=10))
    assert (body["from"], body["size"], body["track_total_hits"]) == (20, 10, True)
    assert "highlight" not in body  # hits are marked in Python (relevance.highlights)
    assert "open_slots" in body["_source"]["excludes"]
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


def test_bulk_lines_pair_actions_with_sources_and_add_location_and_autocomplete_keys():
    doc = {"id": "a", "name_fr": "Banque alimentaire Laval", "categories_fr": ["Alimentation"],
           "categories_en": [], "category_codes": ["food"], "organization_fr": "Moisson",
           "lat": 45.0, "lon": -73.0}
    action, source = dsl.bulk_lines([doc], index="i")
    assert action == {"index": {"_index": "i", "_id": "a"}}
    assert source["location"] == {"lat": 45.0, "lon": -73.0}
    # The embedded engine's keys: each name from each word on, flagged 0 at its start.
    assert source["suggest_keys"] == sorted(relevance.suggest_keys(doc)) == sorted([
        "banque alimentaire laval\x1f0\x1fservice\x1ffr\x1f\x1fBanque alimentaire Laval",
        "alimentaire laval\x1f1\x1fservice\x1ffr\x1f\x1fBanque alimentaire Laval",
        "laval\x1f1\x1fservice\x1ffr\x1f\x1fBanque alimentaire Laval",
        "alimentation\x1f0\x1fcategory\x1ffr\x1ffood\x1fAlimentation",
    ])


def test_alias_swap_removes_every_old_index_and_adds_the_new_one_in_one_list():
    assert dsl.alias_swap_actions("a", "a-v2", ["a-v1", "a-v0"]) == [
        {"remove": {"index": "a-v0", "alias": "a"}}, {"remove": {"index": "a-v1", "alias": "a"}},
        {"add": {"index": "a-v2", "alias": "a"}}]
    assert dsl.alias_swap_actions("a", "a-v1", []) == [{"add": {"index": "a-v1", "alias": "a"}}]


def test_suggest_body_counts_the_keys_starting_with_the_folded_prefix_in_key_order():
    assert dsl.suggest_body(" \x00 ", "fr") is None
    body = dsl.suggest_body("  Côte d'A ", "fr", 5)
    assert body["query"] == {"prefix": {"suggest_keys": "cote d'a"}}
    terms = body["aggs"]["keys"]["terms"]
    assert terms["include"] == "cote\\ d\\'a.*"  # the prefix literally, then anything
    assert (terms["field"], terms["size"], terms["order"]) == ("suggest_keys", relevance.SUGGEST_SCAN, {"_key": "asc"})
    assert body["size"] == 0


def test_suggestions_are_ranked_as_the_embedded_engine_ranks_them():
    def key(folded, later, kind, lang, code, label):
        return "\x1f".join((folded, str(later), kind, lang, code, label))

    raw = {"aggregations": {"keys": {"buckets": [
        {"key": key("alimentaire", 1, "service", "fr", "", "Banque alimentaire"), "doc_count": 40},
        {"key": key("alimentaire", 1, "category", "fr", "food.emergency-food", "Dépannage alimentaire"),
         "doc_count": 90},
        {"key": key("alimentation", 0, "category", "fr", "food", "Alimentation"), "doc_count": 12},
        {"key": key("alimentation", 0, "category", "en", "food", "Alimentation"), "doc_count": 12},
    ]}}}
    out = dsl.parse_suggest_response(raw, "en", 5)
    # Names starting with the prefix first, then by documents; one per folded label (locale first).
    assert [(s.text, s.kind, s.locale, s.category_code) for s in out] == [
        ("Alimentation", "category", "en", "food"),
        ("Dépannage alimentaire", "category", "fr", "food.emergency-food"),
        ("Banque alimentaire", "service", "fr", None),
    ]
    assert dsl.parse_suggest_response({}, "fr") == []


def test_hits_carry_the_document_distance_and_highlights():
    request = SearchRequest(q="banque", origin=LAVAL)
    plan = relevance.plan(request, today=TODAY)
    raw = {"took": 2, "hits": {"total": {"value": 7, "relation": "eq"}, "hits": [
        {"_id": "a", "_score": 1.5, "_source": {"id": "a", "service_id": "s", "lat": 45.57, "lon": -73.69,
                                                "location": {"lat": 45.57, "lon": -73.69},
                                                "description_fr": "Une banque & des repas"}},
        {"_id": "b", "_score": None, "_source": {"id": "b", "service_id": "t", "lat": None, "lon": None}}]}}
    response = dsl.parse_search_response(raw, request, plan, took_ms=5.0)
    assert response.total == 7 and response.took_ms == 5.0 and response.facets == {}
    first, second = response.hits
    assert first.distance_km == pytest.approx(0.0) and "location" not in first.document
    # Marked in Python, as the embedded engine marks its hits (escaped, then <mark>).
    assert first.highlights == relevance.highlights(first.document, plan.text)
    assert first.highlights["description_fr"] == "Une <mark>banque</mark> &amp; des repas"
    assert second.distance_km is None and second.score == 0.0


# ------------------------------------------------------------------------------ clause budget
# Lucene counts every leaf query of a search against `indices.query.bool.max_clause_count` (1024
# in OpenSearch 2.19; measured on the node: 1,025 leaves pass, 1,026 fail with HTTP 500): term,
# terms, range, exists, fuzzy, each `span_term` and `span_gap` of a phrase. The post_filter and
# each aggregation's filter are separate queries, counted separately.
LEAF_QUERIES = {"term", "terms", "range", "exists", "fuzzy", "prefix", "wildcard", "regexp", "ids",
                "match", "match_phrase", "match_all", "match_none", "geo_distance", "geo_bounding_box",
                "span_term", "span_gap"}


def leaf_queries(query) -> int:
    """Leaf queries of a query body, recursively (function_score filters counted too: an upper bound)."""
    if isinstance(query, list):
        return sum(leaf_queries(q) for q in query)
    if not isinstance(query, dict):
        return 0
    return sum(1 if key in LEAF_QUERIES else leaf_queries(value) for key, value in query.items())


def _triggers() -> list[str]:
    from analyzers import synonyms

    return [phrase for rule in synonyms.load_rules() for phrase in rule.inputs]


WORST_CASES = {
    "costliest_triggers": lambda: costliest_query(_triggers()),
    "costliest_one_word_triggers": lambda: costliest_query([t for t in _triggers() if " " not in t]),
    "one_trigger_repeated": lambda: " ".join(["food"] * 60)[:MAX_QUERY_CHARS],
    "short_words": lambda: " ".join(f"q{i}" for i in range(100))[:MAX_QUERY_CHARS],
    "long_words": lambda: " ".join(f"itinerence{i}" for i in range(30))[:MAX_QUERY_CHARS],
}


@pytest.mark.parametrize("case", sorted(WORST_CASES))
@pytest.mark.parametrize("locale", ["fr", "en"])
@pytest.mark.parametrize("radius", [None, 25])
def test_no_accepted_query_exceeds_the_clause_limit(case, locale, radius):
    q = WORST_CASES[case]()
    assert len(q) <= MAX_QUERY_CHARS
    request = SearchRequest(q=q, locale=locale, origin=LAVAL, radius_km=radius, open_now=True,
                            crisis_only=True, categories=("food", "housing"), regions=("06", "13"),
                            languages=("fr", "en"), accessibility=("wheelchair",), age_groups=("seniors",),
                            free=True, now=dt.datetime(2025, 3, 10, 10, 30))
    body = body_for(request)
    assert relevance.MAX_CLAUSES == 1024
    assert leaf_queries(body["query"]) <= relevance.MAX_CLAUSES
    assert leaf_queries(body["post_filter"]) <= relevance.MAX_CLAUSES
    assert all(leaf_queries(agg["filter"]) <= relevance.MAX_CLAUSES for agg in body["aggs"].values())
    # The text alone is what the plan budgets; the query holds it once, place or not.
    text = leaf_queries(dsl.text_query(relevance.text_plan(q)))
    assert text <= relevance.MAX_CLAUSES - relevance.CLAUSES_OUTSIDE_TEXT
    assert leaf_queries(body["query"]) - text <= relevance.CLAUSES_OUTSIDE_TEXT


def test_the_costliest_query_would_need_thousands_of_clauses_without_the_budget():
    q = WORST_CASES["costliest_one_word_triggers"]()
    unbudgeted = sum(plan_clauses(word) for word in q.split())
    assert unbudgeted > 4 * relevance.MAX_CLAUSES
    kept = relevance.text_plan(q)
    # Both languages keep the same first words, each within its share of the budget.
    words = [set(w for s in lp.slots for w in s.words) for lp in kept.languages]
    assert words[0] == words[1] and 0 < len(words[0]) < len(q.split())
    for lp in kept.languages:
        assert sum(relevance.slot_clauses(s) for s in lp.slots) <= relevance.TEXT_CLAUSES_PER_LANGUAGE


def test_a_query_within_the_budget_is_planned_whole():
    q = "banque alimentaire familles Laval Longueuil Gatineau Sherbrooke Rimouski"
    for lp in relevance.text_plan(q).languages:
        assert {w for s in lp.slots for w in s.words} == set(relevance.text_plan(q).words)


def test_need_boosts_are_constant_scores_on_category_codes_beside_the_lexical_query():
    import dataclasses

    keywords = dataclasses.replace(relevance.text_plan("chômage"), boosts=(("work", 4.0),))
    lexical = dsl.text_query(relevance.text_plan("chômage"))
    assert dsl.text_query(keywords) == {"bool": {
        "must": [lexical],
        "should": [{"constant_score": {"filter": {"term": {"category_codes": "work"}}, "boost": 4.0}}]}}
    sentence = relevance.text_plan("j'ai perdu mon emploi")
    assert sentence.sentence
    both = dataclasses.replace(sentence, boosts=(("work", 4.0), ("income.benefits", 2.0)))
    query = dsl.text_query(both)["bool"]
    assert query["minimum_should_match"] == 1 and query["should"][0] == dsl.text_query(sentence)
    assert [c["constant_score"]["boost"] for c in query["should"][1:]] == [4.0, 2.0]
