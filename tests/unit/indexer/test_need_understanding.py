"""Need understanding: colloquial normalisation, the naive Bayes matcher over the category tree,
its confidence rule, storage, and what the query plan does with it."""

from __future__ import annotations

import datetime as dt

import pytest

from indexer import relevance
from indexer.engine import SearchRequest
from indexer.understanding import colloquial, need


@pytest.fixture(scope="module")
def model() -> need.NeedModel:
    """Trained on the category tree and a handful of service texts (as a rebuild would)."""
    documents = [
        {"service_id": "s1", "name_fr": "Service d'intégration en emploi", "name_en": "Job integration",
         "description_fr": "Aide aux personnes qui ont perdu leur emploi.",
         "description_en": "Help for people who lost their job.", "keywords_fr": ["chômage"],
         "category_codes": ["work", "work.job-search"]},
        {"service_id": "s1", "name_fr": "Service d'intégration en emploi (2e point)",
         "category_codes": ["work", "work.job-search"]},  # same service: one example only
        {"service_id": "s3", "name_fr": "Assurance-emploi: accompagnement", "name_en": "Employment insurance help",
         "description_fr": "Demandes d'assurance-emploi après une perte d'emploi.",
         "description_en": "Claims after losing your job.",
         "category_codes": ["income", "income.benefits", "income.benefits.employment-insurance"]},
        {"service_id": "s2", "name_fr": "Ligne Ados Secours", "name_en": None,
         "description_fr": "Écoute pour les adolescents victimes d'intimidation.",
         "category_codes": ["violence", "violence.bullying"]},
    ]
    return need.train(documents)


@pytest.mark.parametrize(("typed", "normalised"), [
    ("Chu pu capable", "je suis incapable"),
    ("y’a rien icitte", "il y a rien ici"),
    ("j'ai perdu ma job pis mon char", "j'ai perdu ma emploi puis mon voiture"),
    ("mon chum", "mon conjoint"),
    ("jobless", "jobless"),  # whole words only
])
def test_colloquial_forms_become_standard_words(typed, normalised):
    assert colloquial.normalise(typed) == normalised


def test_framing_words_are_dropped_before_matching():
    assert need.query_features("j'ai besoin d'aide pour trouver un emploi", "fr") == ["emploi"]
    assert need.query_features("I need help finding a job", "en") == need.features("finding a job", "en")


@pytest.mark.parametrize(("q", "expected"), [
    ("j'ai perdu ma job", ("work", "income.benefits.employment-insurance")),
    ("mon ado se fait intimider", ("violence", "family.youth")),
    ("I can't pay my hydro bill", ("housing.rent-help.utilities",)),
    ("banque alimentaire", ("food.emergency-food.food-bank",)),
])
def test_situations_map_to_their_branch_of_the_tree(model, q, expected):
    understood = model.understand(q)
    assert understood.codes, q
    related = [c for c in understood.codes for e in expected
               if c == e or e.startswith(c + ".") or c.startswith(e + ".")]
    assert related == list(understood.codes[:len(related)]) and related, understood
    assert sum(understood.scores) >= need.THRESHOLD


@pytest.mark.parametrize("q", ["Laval", "Centre Sainte-Marie", "xyzzy", "12345", "😀😀😀", "   ", "a" * 300])
def test_vague_names_and_junk_are_not_understood(model, q):
    assert not model.understand(q)


def test_boosted_branches_never_nest_and_are_bounded(model):
    for q in ("j'ai perdu ma job", "I can't pay my hydro bill", "aide juridique gratuite"):
        codes = model.understand(q).codes
        assert len(codes) <= need.MAX_CATEGORIES
        assert not any(a != b and b.startswith(a + ".") for a in codes for b in codes)


def test_the_model_survives_a_round_trip_through_its_file(model, tmp_path):
    path = tmp_path / "need-model.json"
    model.save(path)
    loaded = need.NeedModel.load(path)
    for q in ("j'ai perdu ma job", "mon ado se fait intimider", "Laval"):
        assert loaded.understand(q) == model.understand(q)


def test_an_unknown_model_version_is_refused(tmp_path):
    path = tmp_path / "old.json"
    path.write_text('{"version": 0}')
    with pytest.raises(ValueError, match="version"):
        need.NeedModel.load(path)


def test_the_plan_boosts_understood_categories_and_leaves_other_queries_alone(model):
    need.install(model)
    try:
        today = dt.date(2026, 12, 3)
        boosted = relevance.plan(SearchRequest(q="mon ado se fait intimider"), today=today).text
        assert boosted.sentence and boosted.boosts_retrieve
        assert boosted.boosts[0][0].startswith("violence")
        assert 0 < boosted.boosts[0][1] <= relevance.NEED_BOOST
        assert relevance.plan(SearchRequest(q="Laval"), today=today).text.boosts == ()
        assert relevance.plan(SearchRequest(q=""), today=today).text.boosts == ()
    finally:
        need.install(None)
