"""The judgement file is well formed, and its criteria grade documents the way a counsellor reads them."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from directory import geo, taxonomy
from indexer import evaluate
from indexer.evaluate import Criterion, JudgementError, parse_judgements

TODAY = dt.date(2026, 11, 1)


@pytest.fixture(scope="module")
def judgements() -> list[evaluate.Judgement]:
    return evaluate.load_judgements()


def test_judgement_file_has_at_least_60_queries_with_unique_ids(judgements):
    assert len(judgements) >= 60
    assert len({j.id for j in judgements}) == len(judgements)


def test_every_kind_of_query_is_judged_in_both_languages(judgements):
    kinds = Counter(j.kind for j in judgements)
    assert set(kinds) <= set(evaluate.KINDS)
    assert set(kinds) >= {"same_language", "cross_language", "synonym", "typo", "missing_accents", "need_phrase",
                          "place"}
    assert all(count >= 5 for count in kinds.values()), kinds
    assert {j.locale for j in judgements} == {"fr", "en"}


def test_every_referenced_category_code_exists(judgements):
    codes = set().union(*(j.category_codes() for j in judgements))
    assert codes
    assert codes <= set(taxonomy.by_code())


def test_every_query_place_resolves_and_every_query_has_grade_three_criteria(judgements):
    for j in judgements:
        assert 3 in j.grades, j.id
        if j.place:
            assert j.origin is not None, j.id


def test_cross_language_queries_are_english_and_their_french_twins_share_the_grades(judgements):
    by_id = {j.id: j for j in judgements}
    cross = [j for j in judgements if j.kind == "cross_language"]
    assert len(cross) >= 10
    for j in cross:
        assert j.locale == "en", j.id
        if j.pair:
            twin = by_id[j.pair]
            assert twin.locale == "fr" and twin.place == j.place, j.id
            assert twin.grades == j.grades, f"{j.id} and {twin.id} must be graded alike"


def test_requests_carry_locale_place_and_ticked_facets(judgements):
    by_id = {j.id: j for j in judgements}
    request = by_id["filter-free-seniors-activities-laval"].request()
    assert request.locale == "fr" and request.free and request.age_groups == ("seniors",)
    assert request.origin is not None and request.origin.region_code == "13"
    assert request.per_page == evaluate.K and not request.facets
    # The town typed in the search box is understood as the place (indexer/understanding/place.py).
    in_text = by_id["en-food-bank-rimouski-in-text"].request()
    assert in_text.q == "food bank" and in_text.origin is not None and in_text.origin.label == "Rimouski"


# ------------------------------------------------------------------------------ criteria


def _doc(**fields) -> dict:
    base = {
        "id": "sal-1", "name_fr": "Banque alimentaire", "name_en": None, "keywords_fr": [], "keywords_en": [],
        "category_codes": ["food", "food.emergency-food", "food.emergency-food.food-bank"],
        "region_code": "01", "municipality": "Rimouski", "lat": 48.45, "lon": -68.53,
        "languages": ["fr"], "age_groups": ["children", "youth", "adults", "seniors"], "free": True,
        "status": "active", "valid_to": None,
    }
    base.update(fields)
    return base


def _grade(query: dict, doc: dict) -> int:
    [judgement] = parse_judgements({"queries": [query]})
    return evaluate.qrels([judgement], [doc], today=TODAY)[judgement.id].get(doc["id"], 0)


FOOD_BANK_RIMOUSKI = {
    "id": "q", "q": "banque alimentaire", "locale": "fr", "kind": "same_language", "place": "Rimouski",
    "grades": {
        3: {"categories": ["food.emergency-food.food-bank"], "within_km": 15},
        2: [{"categories": ["food.emergency-food"], "within_km": 15},
            {"categories": ["food.emergency-food.food-bank"], "within_km": 50}],
        1: {"categories": ["food"], "region": "01"},
    },
}


def test_a_food_bank_in_town_is_a_three():
    assert _grade(FOOD_BANK_RIMOUSKI, _doc()) == 3


def test_category_criteria_match_children_but_not_siblings_or_parents():
    hamper = _doc(category_codes=["food", "food.emergency-food", "food.emergency-food.food-hamper"])
    meals = _doc(category_codes=["food", "food.meals"])
    assert _grade(FOOD_BANK_RIMOUSKI, hamper) == 2  # child of food.emergency-food
    assert _grade(FOOD_BANK_RIMOUSKI, meals) == 1  # only the top category
    assert _grade(FOOD_BANK_RIMOUSKI, _doc(category_codes=["housing", "housing.shelter"])) == 0


def test_distance_lowers_the_grade_and_far_away_is_not_an_answer():
    mont_joli = geo.resolve_place("Mont-Joli")  # ~30 km from Rimouski, same region
    assert 15 < geo.haversine_km(48.45, -68.53, mont_joli.lat, mont_joli.lon) < 50
    assert _grade(FOOD_BANK_RIMOUSKI, _doc(lat=mont_joli.lat, lon=mont_joli.lon)) == 2
    gaspe = geo.resolve_place("Gaspé")
    assert _grade(FOOD_BANK_RIMOUSKI, _doc(lat=gaspe.lat, lon=gaspe.lon, region_code="11")) == 0
    assert _grade(FOOD_BANK_RIMOUSKI, _doc(lat=None, lon=None)) == 1  # no coordinates: region only


def test_near_measures_from_a_place_typed_in_the_query():
    query = {"id": "q", "q": "food bank Rimouski", "locale": "en", "kind": "cross_language",
             "grades": {3: {"categories": ["food.emergency-food.food-bank"], "near": "Rimouski", "within_km": 15}}}
    assert _grade(query, _doc()) == 3
    sherbrooke = geo.resolve_place("Sherbrooke")
    assert _grade(query, _doc(lat=sherbrooke.lat, lon=sherbrooke.lon)) == 0


def test_municipality_name_language_age_and_free_criteria_fold_and_intersect():
    query = {"id": "q", "q": "x", "locale": "fr", "kind": "place", "grades": {
        3: {"municipality": "rimouski", "name_contains": "BANQUE ALIMENTAIRE", "language": ["es", "fr"],
            "age_group": "seniors", "free": True}}}
    assert _grade(query, _doc(municipality="RIMOUSKI")) == 3
    assert _grade(query, _doc(name_fr="Comptoir", keywords_fr=["banque alimentaire"])) == 3
    assert _grade(query, _doc(free=False)) == 0
    assert _grade(query, _doc(languages=["en"])) == 0
    assert _grade(query, _doc(age_groups=["children"])) == 0
    assert _grade(query, _doc(municipality="Matane")) == 0


def test_documents_a_default_search_leaves_out_are_not_graded():
    assert _grade(FOOD_BANK_RIMOUSKI, _doc(status="temporarily closed")) == 0
    assert _grade(FOOD_BANK_RIMOUSKI, _doc(valid_to="2026-10-01")) == 0
    assert _grade(FOOD_BANK_RIMOUSKI, _doc(valid_to="2026-12-01")) == 3


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"grades": {3: {"categories": ["food.nope"]}}}, "unknown category codes"),
        ({"kind": "vibes"}, "kind must be one of"),
        ({"place": "Atlantis"}, "unknown place"),
        ({"place": None}, "within_km needs a place"),
        ({"grades": {2: {"categories": ["food"]}}}, "no grade-3 criteria"),
        ({"grades": {3: {"category": ["food"]}}}, "unknown criterion keys"),
        ({"pair": "missing"}, "is not a judged query"),
    ],
)
def test_malformed_judgements_are_rejected_with_the_reason(change, message):
    with pytest.raises(JudgementError, match=message):
        parse_judgements({"queries": [{**FOOD_BANK_RIMOUSKI, **change}]})


def test_measures_reward_good_answers_first():
    relevance = {"a": {"d3": 3, "d2": 2, "d1": 1}, "b": {"d3": 3}}
    perfect = evaluate.measure(relevance, {"a": ["d3", "d2", "d1"], "b": ["d3"]})
    assert perfect[evaluate.NDCG] == {"a": pytest.approx(1.0), "b": pytest.approx(1.0)}
    worse = evaluate.measure(relevance, {"a": ["x", "d1", "d2", "d3"], "b": []})
    assert 0 < worse[evaluate.NDCG]["a"] < 0.8
    assert worse[evaluate.NDCG]["b"] == 0.0
    # MRR counts the first answer graded 2 or more: d2 at rank 3.
    assert worse[evaluate.MRR]["a"] == pytest.approx(1 / 3)


def test_criterion_without_conditions_matches_everything():
    assert Criterion().matches(_doc(), {"codes": frozenset(), "municipality": "", "names": ""})


# Two engines' rankings compared (`index evaluate --compare`; the live suite compares the real
# engines in tests/live/test_opensearch_live.py): order, shared documents and nDCG, on rankings
# made by hand.


@pytest.fixture(scope="module")
def two_judged(judgements) -> evaluate.Corpus:
    first, second = judgements[:2]
    relevance = {first.id: {"a": 3, "b": 1}, second.id: {"x": 2}}
    return evaluate.Corpus([first, second], relevance, documents=6)


def test_the_same_documents_in_another_order_differ_in_ranking_not_in_overlap(two_judged):
    q1, q2 = (j.id for j in two_judged.judgements)
    one = {q1: ["a", "b", "c"], q2: ["x", "y"]}
    two = {q1: ["c", "b", "a"], q2: ["x", "y"]}
    comparison = evaluate.compare_rankings(two_judged, one, two, "embedded", "opensearch")
    assert [q.id for q in comparison.differing()] == [q1]
    assert comparison.identical_share == 0.5
    assert comparison.mean_overlap == comparison.min_overlap == 1.0
    assert comparison.first.ndcg > comparison.second.ndcg
    assert comparison.ndcg_gap == pytest.approx(comparison.first.ndcg - comparison.second.ndcg)
    assert "embedded" in comparison.table() and "opensearch" in comparison.table()


def test_different_documents_lower_the_overlap(two_judged):
    q1, q2 = (j.id for j in two_judged.judgements)
    one = {q1: ["a", "b"], q2: ["x", "y"]}
    two = {q1: ["a", "b"], q2: ["z", "y"]}
    comparison = evaluate.compare_rankings(two_judged, one, two)
    assert comparison.min_overlap == 0.5
    assert comparison.mean_overlap == 0.75
    assert comparison.second.ndcg < comparison.first.ndcg


def test_identical_rankings_agree_on_everything(two_judged):
    rankings = {j.id: ["a", "x", "b"] for j in two_judged.judgements}
    comparison = evaluate.compare_rankings(two_judged, rankings, dict(rankings))
    assert comparison.identical_share == 1.0 and comparison.ndcg_gap == 0.0 and not comparison.differing()
