"""Language analysis defined once: French and English chains as data (`definitions`), their exact
Python mirror (`chain`) and the bilingual query-time synonyms (`synonyms`). No project imports."""

from analyzers.chain import (
    Token,
    analyze,
    analyze_folded,
    analyze_with,
    fold,
    split_words,
    tokens_with,
    tokens_with_offsets,
)
from analyzers.definitions import (
    ANALYZERS,
    ENGLISH_STOP_WORDS,
    FRENCH_ELISION_ARTICLES,
    FRENCH_STOP_WORDS,
    opensearch_analysis_settings,
)
from analyzers.synonyms import (
    Alternative,
    Slot,
    SynonymRule,
    expand_query,
    load_rules,
    opensearch_rules,
)

__all__ = [
    "ANALYZERS",
    "ENGLISH_STOP_WORDS",
    "FRENCH_ELISION_ARTICLES",
    "FRENCH_STOP_WORDS",
    "Alternative",
    "Slot",
    "SynonymRule",
    "Token",
    "analyze",
    "analyze_folded",
    "analyze_with",
    "expand_query",
    "fold",
    "load_rules",
    "opensearch_analysis_settings",
    "opensearch_rules",
    "split_words",
    "tokens_with",
    "tokens_with_offsets",
]
