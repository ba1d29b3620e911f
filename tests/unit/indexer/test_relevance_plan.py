import datetime as dt
import math

from directory.geo import haversine_km
from indexer import relevance
from indexer.engine import Origin, SearchRequest


def test_gauss_decay_is_one_within_the_offset_and_half_at_offset_plus_scale():
    assert relevance.DECAY(0.5) == 1.0
    assert math.isclose(relevance.DECAY(11.0), 0.5)
    assert relevance.DECAY(relevance.DECAY.negligible_beyond_km()) < 1.001e-4


def test_a_service_without_coordinates_decays_as_one_at_offset_plus_scale():
    # An online or telephone service: below an equally good match nearby, above far-away ones.
    assert relevance.DECAY(None) == relevance.DECAY.decay == 0.5
    assert math.isclose(relevance.DECAY.log(None), math.log(relevance.DECAY(11.0)))
    assert relevance.DECAY(5.0) > relevance.DECAY(None) > relevance.DECAY(20.0)


def test_minimum_should_match_requires_all_short_queries_and_most_long_ones():
    assert [relevance.minimum_should_match(n) for n in range(1, 9)] == [1, 2, 2, 3, 3, 4, 5, 6]


def test_text_plan_expands_synonyms_across_languages():
    fr = relevance.text_plan("food bank").languages[0]
    assert fr.language == "fr"
    assert ("banqu", "alimentair") in fr.slots[0].alternatives


def test_fuzzy_clauses_follow_word_length():
    plan = relevance.text_plan("zoo kayak trampolines").languages[0]
    fuzzy = {w: d for s in plan.slots for w, d in s.fuzzy}
    assert fuzzy == {"kayak": 1, "trampolines": 2}


def test_empty_query_is_browse_sorted_by_name_or_distance():
    today = dt.date(2026, 11, 18)
    assert relevance.plan(SearchRequest(), today=today).sort == "name"
    here = Origin(45.5, -73.6)
    assert relevance.plan(SearchRequest(origin=here), today=today).sort == "distance"
    assert relevance.plan(SearchRequest(q="aide", sort="distance"), today=today).sort == "relevance"


def test_facet_selections_stay_apart_from_other_filters():
    p = relevance.plan(SearchRequest(regions=("06",), free=True, open_now=True), today=dt.date(2026, 1, 1), slot=5)
    assert set(p.facet_filters) == {"region", "free"}
    assert relevance.Filter("open_slots", (5,)) in p.filters


def test_bounding_box_contains_the_circle():
    lat, lon, r = 46.8, -71.2, 25
    box = relevance.bounding_box(lat, lon, r)
    for bearing in range(0, 360, 15):
        # a point r km away (small-distance approximation, then checked with haversine)
        dlat = r / 111.195 * math.cos(math.radians(bearing)) * 0.999
        dlon = r / (111.195 * math.cos(math.radians(lat + dlat))) * math.sin(math.radians(bearing)) * 0.999
        p = (lat + dlat, lon + dlon)
        if haversine_km(lat, lon, *p) <= r:
            assert box[0] <= p[0] <= box[1] and box[2] <= p[1] <= box[3]


def test_highlight_marks_analyzed_matches_and_escapes_html():
    terms = relevance.text_plan("banques alimentaires").languages[0].terms
    out = relevance.highlight("<b>Banque</b> de l'école alimentaire", "fr", terms)
    assert out == "&lt;b&gt;<mark>Banque</mark>&lt;/b&gt; de l&#x27;école <mark>alimentaire</mark>"
    assert relevance.highlight("Rien à voir", "fr", terms) is None


def test_edit_distance_counts_transpositions_as_one():
    assert relevance.edit_distance("banqeu", "banque", 2) == 1
    assert relevance.edit_distance("alimentair", "alimentaire", 1) == 1
    assert relevance.edit_distance("abc", "xyz", 1) == 2
