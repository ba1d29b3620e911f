"""The query log keeps only words the portal knows (needs/allowlist.py, needs/vocabulary.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from adversarial_corpus import StoredText, generate
from pii_corpus import HARMLESS_QUERIES, PII_QUERIES

from needs.allowlist import PLACEHOLDER, age_band, reduce_query
from needs.record import need_of, stored_query
from needs.scrub import normalise
from needs.vocabulary import MIN_SERVICES, VocabularyCache, index_words, static_words

ADVERSARIAL_QUERIES = 20_000
JUDGEMENTS = Path(__file__).resolve().parents[2] / "relevance" / "judgements.yaml"
_TOKENS = re.compile(r"[1-9] ?1/2|24/7|[a-z0-9]+(?:['\-][a-z0-9]+)*")


def survival(queries: list[str]) -> tuple[int, int]:
    """(tokens of the folded queries, tokens found unchanged in what the log stores)."""
    total = kept = 0
    for query in queries:
        stored = set(_TOKENS.findall(stored_query(query)))
        for token in _TOKENS.findall(normalise(query)):
            total += 1
            kept += token in stored
    return total, kept


def test_thousands_of_generated_queries_leave_no_personal_data_in_the_stored_text():
    cases = generate(ADVERSARIAL_QUERIES)
    kinds = {kind for case in cases for kind in case.kinds}
    assert {"name-qc", "name-en", "name-ar", "name-ht", "name-vn", "name-in", "address", "po-box", "rural-route",
            "phone", "phone-words", "email", "sin", "ramq", "dob", "dob-words", "health-card", "licence",
            "plate", "postal-code"} <= kinds
    stored = []
    for case in cases:
        query = stored_query(case.query)
        stored += [query, need_of(query)]
    leaks = StoredText(stored).leaks(cases)
    assert leaks == []


def test_the_hand_written_personal_corpus_keeps_none_of_its_fragments():
    for query, secrets in PII_QUERIES:
        stored = stored_query(query)
        for secret in secrets:
            assert normalise(secret) not in stored, (query, secret, stored)


def test_the_clean_corpora_keep_most_of_their_words():
    harmless_total, harmless_kept = survival([q for q, _ in HARMLESS_QUERIES])
    judged = [q["q"] for q in yaml.safe_load(JUDGEMENTS.read_text(encoding="utf-8"))["queries"]]
    judged_total, judged_kept = survival(judged)
    assert harmless_kept / harmless_total >= 0.6, (harmless_kept, harmless_total)
    assert judged_kept / judged_total >= 0.8, (judged_kept, judged_total)


@pytest.mark.parametrize(("query", "stored"), [
    ("logement 3 1/2 à Laval", "logement 3 1/2 a laval"),
    ("urgence 911 ou 811, info 211", "urgence 911 ou 811 info 211"),
    ("aide 24/7", "aide 24/7"),
    ("emploi étudiant 16 ans", "emploi etudiant 12-17 ans"),
    ("activities for seniors 72 years", "activities for seniors 65+ years"),
    ("hébergement 18-25 ans", "hebergement 18-24 ans"),
    ("loyer 800 $ impôts 2024 2e étage", "loyer impots …"),
    ("Xyzzy Plugh Frobozz banque alimentaire", "… banque alimentaire"),
    ("l'aide juridique de l'Xyzzy", "l'aide juridique de l'…"),
    ("halte-garderie Saint-Jean-sur-Richelieu", "halte-garderie saint-jean-sur-richelieu"),
    ("rue Xyzzy-Plugh", "rue …"),
    ("garderie H2X 1Y4", "garderie h2x"),
    ("banque alimentaire 514-555-1234", "banque alimentaire [téléphone]"),
    ("", ""),
])
def test_known_words_and_stated_numbers_stay_and_the_rest_becomes_a_placeholder(query, stored):
    assert stored_query(query) == stored


def test_ages_are_kept_only_as_bands():
    assert [age_band(a) for a in (0, 5, 6, 13, 18, 30, 40, 55, 64, 65, 99)] == [
        "0-5", "0-5", "6-11", "12-17", "18-24", "25-34", "35-49", "50-64", "50-64", "65+", "65+"]
    assert age_band(130) is None


def test_a_placeholder_run_is_one_placeholder_and_unknown_pattern_marks_are_not_kept():
    assert reduce_query("aaa bbb ccc logement [xyz]", {"logement"}) == f"{PLACEHOLDER} logement {PLACEHOLDER}"


def test_index_words_need_k_services_and_never_come_from_street_addresses_or_digits():
    docs = [{"service_id": f"s{i}", "name_fr": "Cuisine collective Zorglub", "description_fr": "ateliers b12 Zorglub",
             "address": "12 rue Zorglub" if i == 0 else "5 rue Ontario", "keywords_fr": ["friperie"]}
            for i in range(MIN_SERVICES)]
    docs.append({"service_id": "rare", "name_fr": "Quuxland", "address": ""})
    words = index_words(docs, static=frozenset({"cuisine", "collective"}))
    assert "friperie" in words and "ateliers" in words
    assert "zorglub" not in words  # a street name somewhere in the directory, not a static word
    assert "quuxland" not in words  # in fewer than k services
    assert "b12" not in words and "ontario" not in words


def test_the_vocabulary_is_loaded_once_and_rebuilt_only_when_the_index_version_changes():
    calls = []
    version = ["alpha"]

    def documents():
        calls.append(version[0])
        return [{"service_id": f"s{i}", "name_fr": f"friperie {version[0]}word"} for i in range(MIN_SERVICES)]

    cache = VocabularyCache(documents=documents, version=lambda: version[0], check_seconds=60)
    for _ in range(1000):
        assert "friperie" in cache.get()
    assert calls == ["alpha"] and "alphaword" in cache.get()
    assert cache.refresh_if_due(now=cache.checked_at + 1) is False  # not due yet
    assert cache.refresh_if_due(now=cache.checked_at + 61) is False  # due, same version: no reload
    version[0] = "beta"
    assert cache.refresh_if_due(now=cache.checked_at + 61) is True
    assert calls == ["alpha", "beta"] and "betaword" in cache.get() and "alphaword" not in cache.get()


def test_an_unreadable_directory_means_static_words_only():
    def broken():
        raise OSError("database down")

    cache = VocabularyCache(documents=broken, version=lambda: "v1")
    assert cache.get().words == static_words()


def test_static_words_hold_both_languages_places_and_no_digits():
    words = static_words()
    assert {"banque", "alimentaire", "food", "bank", "shelter", "laval", "gaspe", "saint-jean-sur-richelieu",
            "montreal", "outaouais"} <= words
    assert not any(ch.isdigit() for w in words for ch in w)
