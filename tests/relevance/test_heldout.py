"""The held-out judgement file (tests/relevance/heldout.yaml, issue 15) is a valid, balanced test set.

This checks the file, not search: every category code is in the tree, every place (the place box
or a `near:` written in the query) resolves in the project's gazetteer, the kinds and languages the
issue measures are all there in useful numbers, and the set does not repeat the tuning set.
"""

from __future__ import annotations

from collections import Counter

import pytest
import yaml

from analyzers.chain import fold
from directory import geo, taxonomy
from indexer.judgements import HELDOUT, JUDGEMENTS, Judgement, load_judgements

MINIMUM_PER_KIND = {"need_phrase": 20, "colloquial": 15, "place_in_text": 20, "typo": 15, "cross_language": 10,
                    "synonym": 10, "missing_accents": 5, "same_language": 5}


@pytest.fixture(scope="module")
def heldout() -> list[Judgement]:
    return load_judgements(HELDOUT)


@pytest.fixture(scope="module")
def raw() -> list[dict]:
    with open(HELDOUT, encoding="utf-8") as handle:
        return yaml.safe_load(handle)["queries"]


def test_the_file_loads_with_120_to_160_queries_and_unique_ids(heldout):
    assert 120 <= len(heldout) <= 160
    assert len({j.id for j in heldout}) == len(heldout)


def test_every_kind_the_issue_measures_is_there_in_useful_numbers(heldout):
    kinds = Counter(j.kind for j in heldout)
    short = {kind: kinds[kind] for kind, least in MINIMUM_PER_KIND.items() if kinds[kind] < least}
    assert not short, kinds


def test_french_and_english_are_balanced_and_need_phrases_are_in_both(heldout):
    locales = Counter(j.locale for j in heldout)
    assert 0.4 <= locales["fr"] / len(heldout) <= 0.6, locales
    need = Counter(j.locale for j in heldout if j.kind == "need_phrase")
    assert need["fr"] >= 10 and need["en"] >= 10, need
    assert all(j.locale == "fr" for j in heldout if j.kind in ("colloquial", "missing_accents"))


def test_every_category_code_exists_in_the_tree(heldout):
    codes = set().union(*(j.category_codes() for j in heldout))
    assert codes <= set(taxonomy.by_code()), codes - set(taxonomy.by_code())


def test_every_place_and_near_resolves_in_the_gazetteer(raw):
    places = {q["place"] for q in raw if q.get("place")}
    near = {c["near"] for q in raw for criteria in q["grades"].values()
            for c in (criteria if isinstance(criteria, list) else [criteria]) if "near" in c}
    assert places and near
    for text in places | near:
        assert geo.resolve_place(text).region_code, text


def test_places_cover_most_regions(heldout):
    regions = {j.origin.region_code for j in heldout if j.origin}
    assert len(regions) >= 15, sorted(regions)


def test_places_typed_in_the_text_have_no_place_field_and_are_measured_from_near(heldout):
    in_text = [j for j in heldout if j.kind == "place_in_text"]
    for j in in_text:
        assert j.place is None, j.id
        criteria = [c for grade in j.grades.values() for c in grade if c.within_km is not None]
        assert criteria and all(c.near is not None for c in criteria), j.id
    assert len({c.near for j in in_text for c in j.grades[3]}) >= 15  # many different places


def test_cross_language_twins_share_place_and_grades(heldout):
    by_id = {j.id: j for j in heldout}
    for j in heldout:
        if j.kind == "cross_language":
            assert j.locale == "en", j.id
            if j.pair:
                twin = by_id[j.pair]
                assert twin.locale == "fr" and twin.place == j.place and twin.grades == j.grades, j.id


def test_no_query_repeats_one_of_the_tuning_set(heldout):
    tuning = {(fold(j.q).strip(), j.place and fold(j.place)) for j in load_judgements(JUDGEMENTS)}
    repeated = [j.id for j in heldout if (fold(j.q).strip(), j.place and fold(j.place)) in tuning]
    assert not repeated
