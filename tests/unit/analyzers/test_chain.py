"""The Python mirror of the analysis chains (exact parity with Lucene: tests/functional)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyzers import analyze, analyze_folded, definitions, fold, split_words, tokens_with_offsets
from analyzers.chain import java_lowercase


def test_french_chain_strips_elisions_and_plurals():
    assert analyze("L'aide alimentaire pour les familles", "fr") == ["aid", "alimentair", "famill"]
    assert analyze("familles", "fr") == analyze("famille", "fr")


def test_typographic_apostrophe_elides_like_straight_one():
    assert analyze("l’itinérance d’Éducation", "fr") == analyze("l'itinérance d'Éducation", "fr")
    assert analyze("qu’il jusqu’à lorsqu’on", "fr") == []


def test_elision_only_strips_listed_articles_at_the_first_apostrophe():
    assert split_words("aujourd'hui") == ["aujourd'hui"]
    assert analyze("aujourd'hui", "fr") == ["aujourd'hui"]
    assert split_words("l'l'eau") == ["l'l'eau"]


def test_french_stop_words_are_removed_before_folding():
    # "même" is in Lucene's French stop list; the unaccented "meme" is not, exactly as in Lucene.
    assert analyze("même", "fr") == []
    assert analyze("meme", "fr") == ["mem"]


def test_french_stop_list_is_lucene_9s_which_keeps_homonyms_of_content_words():
    # Lucene 9.12's french_stop.txt (OpenSearch `_french_`) leaves out "été" (summer), "est"
    # (east), "son" (sound)...: a summer camp and Montréal-Est are searchable.
    assert analyze("camp d'été à Montréal-Est", "fr") == ["camp", "ete", "montreal", "est"]
    assert "son" not in definitions.FRENCH_STOP_WORDS


def test_snowball_stemmers_are_lucene_9s():
    """PyStemmer 2.2.0.3 bundles the Snowball stemmers Lucene 9.12 ships; later PyStemmer releases
    (Snowball 3) stem these words differently, and the OpenSearch index would then hold terms that
    the mirror's queries never ask for."""
    from importlib.metadata import version

    from analyzers.chain import PYSTEMMER_VERSION

    assert version("PyStemmer") == PYSTEMMER_VERSION
    assert analyze("organization emergency evening added psychologist", "en") == [
        "organ", "emerg", "even", "ad", "psychologist"]
    assert analyze("Palais françaises punaises", "fr") == ["pal", "francais", "punais"]


def test_french_accents_and_case_do_not_matter():
    assert analyze("ÉCOLE Hôpital", "fr") == analyze("ecole hopital", "fr")


def test_ascii_folding_follows_lucene_for_ligatures():
    assert analyze_folded("Œuvre Æsop Straße ﬁnance") == ["oeuvre", "aesop", "strasse", "finance"]


def test_english_chain_strips_possessives_with_either_apostrophe():
    assert analyze("Children's Food Bank’s", "en") == ["children", "food", "bank"]


def test_english_stop_words_and_porter2_stems():
    assert analyze("The services for the seniors", "en") == ["servic", "senior"]


def test_hyphens_and_slashes_split_but_number_separators_do_not():
    assert split_words("sans-abri 24/7 3 1/2 3,5 1.5 1,000.50") == [
        "sans", "abri", "24", "7", "3", "1", "2", "3,5", "1.5", "1,000.50"]


def test_postal_codes_emails_and_urls_split_as_lucene_does():
    assert split_words("H2X 1Y4") == ["H2X", "1Y4"]
    assert split_words("info@211qc.ca") == ["info", "211qc.ca"]
    assert split_words("https://www.211qc.ca/fr") == ["https", "www", "211qc.ca", "fr"]


def test_narrow_no_break_space_keeps_a_french_number_whole():
    assert split_words("10\u202f000 $") == ["10\u202f000"]


def test_tokens_longer_than_255_characters_are_cut():
    words = split_words("a" * 300)
    assert [len(w) for w in words] == [definitions.MAX_TOKEN_LENGTH, 45]


def test_offsets_point_into_the_original_text_and_positions_keep_stop_word_gaps():
    text = "Banque alimentaire de l'Île"
    tokens = tokens_with_offsets(text, "fr")
    assert [text[t.start:t.end] for t in tokens] == ["Banque", "alimentaire", "l'Île"]
    assert [t.position for t in tokens] == [0, 1, 3]
    assert [t.term for t in tokens] == ["banqu", "alimentair", "ile"]


def test_lowercase_is_per_code_point_like_java():
    assert java_lowercase("İSTANBUL ΟΔΟΣ") == "istanbul οδοσ"


def test_fold_lowercases_and_folds_a_whole_string():
    assert fold("Œuvre de l’Île-Bizard") == "oeuvre de l'ile-bizard"  # Lucene folds ’ to '



def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        analyze("bonjour", "de")


def test_settings_hold_every_analyzer_the_mirror_reads():
    analysis = definitions.opensearch_analysis_settings()["analysis"]
    assert set(analysis["analyzer"]) == {"text_fr", "text_en", "text_fr_search", "text_en_search",
                                         "folded"}
    for spec in analysis["analyzer"].values():
        for name in spec["filter"]:
            assert name == "lowercase" or name in analysis["filter"]
    assert analysis["filter"]["fr_stop"]["stopwords"] == list(definitions.FRENCH_STOP_WORDS)
    assert analysis["filter"]["fr_synonyms"]["type"] == "synonym_graph"
    assert len(analysis["filter"]["fr_synonyms"]["synonyms"]) >= 150


@given(st.text(), st.sampled_from(["fr", "en"]))
def test_analyze_never_raises_and_offsets_slice_the_original(text, language):
    tokens = tokens_with_offsets(text, language)
    assert [t.term for t in tokens] == analyze(text, language)
    previous_end, previous_position = 0, -1
    for token in tokens:
        assert 0 <= previous_end <= token.start < token.end <= len(text)
        assert token.position > previous_position
        assert token.end - token.start <= definitions.MAX_TOKEN_LENGTH
        previous_end, previous_position = token.end, token.position


FRENCH_LETTERS = "abcdefghijklmnopqrstuvwxyzàâäçéèêëîïôöùûüÿœæ"


@given(st.text(alphabet=FRENCH_LETTERS + FRENCH_LETTERS.upper() + " '’-"))
def test_folded_terms_of_french_text_are_ascii(text):
    assert all(term.isascii() for term in analyze_folded(text))
