"""French and English analysis, defined once, as data.

This module is the single source of truth for how text becomes index terms. The same
dictionaries are

* sent to OpenSearch as index settings (`opensearch_analysis_settings()`),
* interpreted by the Python mirror in `analyzers.chain` (used by the embedded tantivy engine, and by
  the OpenSearch query builder, which sends the mirror's terms as `term` queries),
* checked by the parity test (tests/functional/test_lucene_parity.py), which creates an index with
  these settings on a real OpenSearch 2.19.6 node (Lucene 9.12.3) and compares its `_analyze`
  output with the mirror, token for token.

Custom analyzers, never OpenSearch's built-in `french`/`english`: the built-ins use stemmers that
have no exact Python equivalent (FrenchLightStemFilter, PorterStemFilter) and no ASCII folding.
Snowball (`french`, `porter2`) is what PyStemmer implements (guide search-engines.md §1); PyStemmer
2.2.0.3 bundles the same Snowball French and English stemmers as Lucene 9.12
(`chain.PYSTEMMER_VERSION`).

Stop words are given as explicit lists rather than `_french_`/`_english_` so that both engines read
one list; they equal Lucene 9.12's (`org/apache/lucene/analysis/snowball/french_stop.txt`, which is
`FrenchAnalyzer.getDefaultStopSet()`, and `EnglishAnalyzer.ENGLISH_STOP_WORDS_SET`); the parity test
checks them against the node's `_french_` and `_english_`.
"""

from __future__ import annotations

import copy
from typing import Any

# ElisionFilter articles (FrenchAnalyzer.DEFAULT_ARTICLES, OpenSearch's default `elision` set).
FRENCH_ELISION_ARTICLES: tuple[str, ...] = (
    "l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu",
)

# Lucene 9.12 french_stop.txt (Snowball's French stop list, OpenSearch `_french_`), in file order.
# Snowball's list leaves out homonyms of content words: "été" (summer), "est" (east:
# "Montréal-Est"), "son" (sound), "sommes", "as", "avions", "aura", "auras", "fût", "étés" are
# indexed. Accented: the stop filter runs before ASCII folding, so "même" is a stop word and "meme"
# is not -- as in Lucene.
FRENCH_STOP_WORDS: tuple[str, ...] = (
    "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "et", "eux", "il",
    "je", "la", "le", "leur", "lui", "ma", "mais", "me", "même", "mes", "moi", "mon", "ne", "nos",
    "notre", "nous", "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "sa", "se", "ses",
    "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "c", "d",
    "j", "l", "à", "m", "n", "s", "t", "y", "étée", "étées", "étant", "suis", "es", "êtes", "sont",
    "serai", "seras", "sera", "serons", "serez", "seront", "serais", "serait", "serions", "seriez",
    "seraient", "étais", "était", "étions", "étiez", "étaient", "fus", "fut", "fûmes", "fûtes",
    "furent", "sois", "soit", "soyons", "soyez", "soient", "fusse", "fusses", "fussions",
    "fussiez", "fussent", "ayant", "eu", "eue", "eues", "eus", "ai", "avons", "avez", "ont",
    "aurai", "aurons", "aurez", "auront", "aurais", "aurait", "aurions", "auriez", "auraient",
    "avais", "avait", "aviez", "avaient", "eut", "eûmes", "eûtes", "eurent", "aie", "aies", "ait",
    "ayons", "ayez", "aient", "eusse", "eusses", "eût", "eussions", "eussiez", "eussent", "ceci",
    "cela", "celà", "cet", "cette", "ici", "ils", "les", "leurs", "quel", "quels", "quelle",
    "quelles", "sans", "soi",
)

# Lucene 9.12 EnglishAnalyzer.ENGLISH_STOP_WORDS_SET (OpenSearch `_english_`).
ENGLISH_STOP_WORDS: tuple[str, ...] = (
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with",
)

# Lucene's StandardTokenizer default, also OpenSearch's `standard` tokenizer default.
MAX_TOKEN_LENGTH = 255

FILTERS: dict[str, dict[str, Any]] = {
    "fr_elision": {
        "type": "elision",
        "articles": list(FRENCH_ELISION_ARTICLES),
        # Elision runs before lowercase, so "L'Aide" must match the article "l".
        "articles_case": True,
    },
    "fr_stop": {"type": "stop", "stopwords": list(FRENCH_STOP_WORDS), "ignore_case": False},
    "fr_stemmer": {"type": "stemmer", "language": "french"},  # SnowballFilter(FrenchStemmer)
    "en_possessive": {"type": "stemmer", "language": "possessive_english"},
    "en_stop": {"type": "stop", "stopwords": list(ENGLISH_STOP_WORDS), "ignore_case": False},
    "en_stemmer": {"type": "stemmer", "language": "porter2"},  # SnowballFilter(EnglishStemmer)
    # preserve_original would stack two tokens per position, which the mirror does not model.
    "ascii_folding": {"type": "asciifolding", "preserve_original": False},
}

# Where the synonym filter goes, and why (guide search-engines.md §2 proposes
# elision -> lowercase -> synonym_graph -> stop -> asciifolding -> stemmer):
#
# We put `synonym_graph` LAST, after the stemmer, in the search analyzers only.
#  * OpenSearch parses every rule with the analysis chain that precedes the synonym filter. Placed
#    last, a rule and a query meet in the index-term space: "Banques alimentaires", "banque
#    alimentaire" and "BANQUE ALIMENTAIRE" all become `banqu aliment` and all match the one rule;
#    accents and plurals need no extra rules. Placed after lowercase only (the guide's layout), the
#    rule "itinérance" would miss the query "itinerance" and "banque alimentaire" would miss
#    "banques alimentaires", while the Python mirror is meant to be accent- and plural-insensitive.
#  * Every token the synonym filter sees is already exactly the index-time token, so the terms it
#    injects need no further analysis and the search analyzer is the index analyzer plus one filter.
#  * Lucene's SynonymMap parser rejects a rule token with a position gap, which a stop word inside a
#    rule would create ("sans domicile fixe": "sans" is a French stop word). The rules sent to
#    OpenSearch are therefore written out per language with that language's stop words removed
#    (`analyzers.synonyms.opensearch_rules`); the embedded engine matches the same stopped
#    sequences.
#  * Cross-language groups work per field: the French search analyzer turns "food bank" into the
#    French-analyzed terms of "banque alimentaire", the English one does the reverse.
ANALYZERS: dict[str, dict[str, Any]] = {
    "text_fr": {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["fr_elision", "lowercase", "fr_stop", "ascii_folding", "fr_stemmer"],
    },
    "text_en": {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["en_possessive", "lowercase", "en_stop", "ascii_folding", "en_stemmer"],
    },
    "text_fr_search": {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["fr_elision", "lowercase", "fr_stop", "ascii_folding", "fr_stemmer",
                   "fr_synonyms"],
    },
    "text_en_search": {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["en_possessive", "lowercase", "en_stop", "ascii_folding", "en_stemmer",
                   "en_synonyms"],
    },
    # Names, autocomplete and "did you mean": no stop words, no stemming, accent- and case-blind.
    "folded": {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["lowercase", "ascii_folding"],
    },
}

# Analyzer used for each language's text fields (index time, search time).
LANGUAGE_ANALYZERS: dict[str, tuple[str, str]] = {
    "fr": ("text_fr", "text_fr_search"),
    "en": ("text_en", "text_en_search"),
}

SYNONYM_FILTERS: dict[str, str] = {"fr": "fr_synonyms", "en": "en_synonyms"}


def opensearch_analysis_settings() -> dict[str, Any]:
    """The `settings` block for index creation: `{"analysis": {"filter": ..., "analyzer": ...}}`.

    Synonyms are inlined as a list (`synonyms`, not `synonyms_path`) so no file has to be shipped to
    every data node; changing them means a reindex, which the alias swap makes cheap.
    """
    from analyzers.synonyms import opensearch_rules  # late: synonyms uses the chain built from here

    filters = copy.deepcopy(FILTERS)
    for language, name in SYNONYM_FILTERS.items():
        filters[name] = {
            "type": "synonym_graph",
            "format": "solr",
            "expand": True,
            # A rule Lucene cannot parse must fail the index creation, not vanish silently.
            "lenient": False,
            "synonyms": opensearch_rules(language),
        }
    return {"analysis": {"filter": filters, "analyzer": copy.deepcopy(ANALYZERS)}}
