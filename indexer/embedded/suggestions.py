"""Autocomplete and "did you mean" from the index's own terms."""

from __future__ import annotations

import time

import tantivy

from analyzers import chain
from indexer import relevance
from indexer.embedded.lifecycle import LiveIndex
from indexer.embedded.schema import SUGGEST_FIELD
from indexer.engine import Locale, Suggestion

VOCABULARY_SECONDS = 60  # how long the vocabulary of "did you mean" serves before it is read again


def _vocabulary(live: LiveIndex, searcher: tantivy.Searcher) -> dict[str, list[tuple[str, int]]]:
    """The folded words of the index (3 letters or more) and their document frequencies, by
    first letter."""
    with live.lock:
        if live.vocabulary is None or time.monotonic() - live.vocabulary_at > VOCABULARY_SECONDS:
            buckets: dict[str, list[tuple[str, int]]] = {}
            for term, freq in searcher.terms_with_prefix(relevance.FOLDED_FIELD, ""):
                if term.isalpha() and len(term) >= 3:
                    buckets.setdefault(term[0], []).append((term, freq))
            live.vocabulary, live.vocabulary_at = buckets, time.monotonic()
        return live.vocabulary


def _known(searcher: tantivy.Searcher, word: str) -> bool:
    """A word the index knows as written (folded) or through its stem ("banques")."""
    if searcher.doc_freq(relevance.FOLDED_FIELD, word):
        return True
    for language in relevance.LANGUAGES:
        for term in chain.analyze(word, language)[:1]:
            if any(searcher.doc_freq(f"{base}_{language}", term)
                   for base in relevance.FIELD_WEIGHTS):
                return True
    return False


def did_you_mean(live: LiveIndex, searcher: tantivy.Searcher,
                 text: relevance.TextPlan) -> str | None:
    """Replace each query word the index does not know by its nearest frequent neighbour."""
    words = list(text.words)
    changed = False
    for i, word in enumerate(words):
        if len(word) < 4 or not word.isalpha() or _known(searcher, word):
            continue
        limit = 2 if len(word) >= relevance.FUZZY_MIN_LENGTH_2 else 1
        vocabulary = _vocabulary(live, searcher)
        best: tuple[int, str, int] | None = None  # (edit distance, word, document frequency)
        for bucket in ([word[0]], list(vocabulary)):  # same first letter first, then anywhere
            for candidate, freq in (c for b in bucket for c in vocabulary.get(b, ())):
                if abs(len(candidate) - len(word)) > limit:
                    continue
                d = relevance.edit_distance(word, candidate, limit)
                if d <= limit and (best is None or (d, -freq) < (best[0], -best[2])):
                    best = (d, candidate, freq)
            if best:
                break
        if best:
            words[i] = best[1]
            changed = True
    return " ".join(words) if changed else None


def suggest(searcher: tantivy.Searcher, key: str, locale: Locale, limit: int) -> list[Suggestion]:
    """Service names and category labels (both languages) starting with `key`, a folded prefix
    (`relevance.suggest_prefix`), or with a word starting with it (`relevance.rank_suggestions`,
    as OpenSearch)."""
    keys = searcher.terms_with_prefix(SUGGEST_FIELD, key, limit=relevance.SUGGEST_SCAN)
    return relevance.rank_suggestions(keys, locale, limit)
