"""Query-time synonyms: the Solr file and the slots the embedded engine builds its query from."""

import pytest

from analyzers import analyze, expand_query, load_rules, opensearch_rules
from analyzers.synonyms import parse_solr


def _alternatives(query, language):
    return [{a.terms for a in slot.alternatives} for slot in expand_query(query, language)]


def test_synonym_file_has_at_least_150_groups_without_duplicates():
    rules = load_rules()
    assert len(rules) >= 150
    for language in ("fr", "en"):
        owner = {}
        for rule in rules:
            for phrase in rule.inputs:
                key = tuple(analyze(phrase, language))
                assert key, f"line {rule.line}: {phrase!r} is only stop words in {language}"
                assert owner.setdefault(key, rule.line) == rule.line, (
                    f"{phrase!r} ({language}: {key}) is in the groups of lines {owner[key]} and {rule.line}")


def test_cross_language_synonym_brings_food_bank_to_banque_alimentaire():
    [slot] = expand_query("banque alimentaire", "fr")
    assert slot.synonym
    assert ("food", "bank") in {a.terms for a in slot.alternatives}
    [slot] = expand_query("food bank", "en")
    assert tuple(analyze("banque alimentaire", "en")) in {a.terms for a in slot.alternatives}


def test_matching_ignores_case_accents_plurals_and_elision():
    expected = _alternatives("itinérance", "fr")
    assert _alternatives("l'ITINERANCE", "fr") == expected
    assert _alternatives("Banques Alimentaires", "fr") == _alternatives("banque alimentaire", "fr")


def test_longest_rule_wins_and_other_words_keep_their_own_slot():
    slots = expand_query("hébergement d'urgence à Laval", "fr")
    assert [s.synonym for s in slots] == [True, False]
    assert tuple(analyze("emergency shelter", "fr")) in {a.terms for a in slots[0].alternatives}
    assert slots[1].alternatives[0].terms == ("laval",)


def test_multi_word_synonym_with_stop_words_matches_the_stopped_query():
    [slot] = expand_query("sans domicile fixe", "fr")
    assert ("homeless",) in {a.terms for a in slot.alternatives}


def test_hungry_in_everyday_words_reaches_food_aid():
    alternatives = set().union(*_alternatives("j'ai pas de quoi manger", "fr"))
    assert tuple(analyze("banque alimentaire", "fr")) in alternatives


def test_explicit_rule_replaces_the_query_words():
    [slot] = expand_query("BS", "fr")
    assert {a.terms for a in slot.alternatives} == {tuple(analyze("aide sociale", "fr"))}


def test_slots_carry_offsets_of_the_matched_words():
    query = "logement social Québec"
    slots = expand_query(query, "fr")
    assert query[slots[0].start:slots[0].end] == "logement social"
    assert slots[0].alternatives[0].is_phrase


def test_opensearch_rules_drop_stop_words_per_language():
    fr = opensearch_rules("fr")
    en = opensearch_rules("en")
    assert any("domicile fixe" in r and "sans domicile" not in r for r in fr)
    assert any("sans domicile fixe" in r for r in en)
    assert len(fr) >= 150 and len(en) >= 150


def test_solr_parser_reads_equivalences_explicit_rules_and_comments():
    rules = parse_solr("# comment\na, b c\nx, y => z\n")
    assert [(r.inputs, r.outputs, r.explicit) for r in rules] == [
        (("a", "b c"), ("a", "b c"), False), (("x", "y"), ("z",), True)]
    with pytest.raises(ValueError):
        parse_solr("a => b => c")
