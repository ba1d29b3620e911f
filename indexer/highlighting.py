"""Highlighting: the words of a displayed text that match a query plan, marked with <mark>.

Both engines mark hits with `highlights`, so a result reads the same whichever engine found it (and
OpenSearch spends no time re-analysing hits).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from typing import TYPE_CHECKING

from analyzers import chain
from indexer.engine import Locale, SearchDocument

if TYPE_CHECKING:  # a type only: indexer.relevance imports this module
    from indexer.relevance import TextPlan

_MARK_OPEN, _MARK_CLOSE = "<mark>", "</mark>"


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance with adjacent transpositions, or limit + 1 once it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


# Words as the standard tokenizer cuts them for these languages (letters and digits, inner
# apostrophes and full stops kept, hyphens and slashes split). Highlighting analyses each distinct
# word once (cached) instead of running the whole chain over every displayed text: the displayed
# words repeat from one result to the next.
_WORD = re.compile(r"\w+(?:['’.]\w+)*")


@lru_cache(maxsize=200_000)
def _word_terms(word: str, language: Locale) -> tuple[str, ...]:
    return tuple(chain.analyze(word, language))


@lru_cache(maxsize=200_000)
def _folded(word: str) -> str:
    return chain.fold(word)


@dataclass(frozen=True)
class _TextIndex:
    """Where each analysed term of a displayed text is (its word spans), and its folded words
    (for fuzzy clauses): marking a text for a query is then a few dictionary look-ups."""

    spans: dict[str, tuple[tuple[int, int], ...]]
    words: tuple[tuple[tuple[int, int], str], ...]


@lru_cache(maxsize=8192)
def _text_index(text: str, language: Locale) -> _TextIndex:
    """Cached per text: the same names and descriptions are displayed again and again (a popular
    query, the next page, the same service at several locations)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    words = []
    for match in _WORD.finditer(text):
        span = match.span()
        word = match.group()
        for term in _word_terms(word, language):
            spans.setdefault(term, []).append(span)
        words.append((span, _folded(word)))
    return _TextIndex({t: tuple(v) for t, v in spans.items()}, tuple(words))


@lru_cache(maxsize=100_000)
def _within(word: str, target: str, distance: int) -> bool:
    return edit_distance(word, target, distance) <= distance


@lru_cache(maxsize=16_384)
def highlight(text: str, language: Locale, terms: frozenset[str],
              fuzzy: tuple[tuple[str, int], ...] = (), fragment: int | None = None) -> str | None:
    """`text` HTML-escaped with <mark> around the words matching the query, or None if none does.

    A word matches when its analyzed term (in `language`) is one of `terms`, or when its folded form
    is within a fuzzy clause's edit distance. Offsets come from the analyzers, so what is marked is
    exactly what matched. With `fragment`, only about that many characters around the first match
    are returned (long descriptions), with ellipses. Cached (pure): a page of results is marked
    again for the next person asking the same thing.
    """
    index = _text_index(text, language)
    found: set[tuple[int, int]] = set()
    for term in terms:
        found.update(index.spans.get(term, ()))
    if fuzzy:
        found.update(span for span, word in index.words
                     if span not in found and any(_within(word, w, d) for w, d in fuzzy))
    if not found:
        return None
    spans = sorted(found)
    start, end = 0, len(text)
    if fragment and len(text) > fragment:
        start = max(0, spans[0][0] - fragment // 4)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        end = min(len(text), start + fragment)
        while end < len(text) and not text[end].isspace():
            end += 1
    out, cursor = [], start
    for s, e in spans:
        if s < cursor or e > end:
            continue
        out.append(escape(text[cursor:s]))
        out.append(_MARK_OPEN + escape(text[s:e]) + _MARK_CLOSE)
        cursor = e
    out.append(escape(text[cursor:end]))
    return ("… " if start > 0 else "") + "".join(out) + (" …" if end < len(text) else "")


HIGHLIGHT_FIELDS = (("name", None), ("organization", None), ("description", 240))


def highlights(doc: SearchDocument, text: TextPlan) -> dict[str, str]:
    """The marked name, organization and description (one fragment) in each language the plan
    searched, keyed `name_fr`, ...: both engines mark hits with this one function, so a result
    reads the same whichever engine found it (and OpenSearch spends no time re-analysing hits)."""
    out = {}
    fuzzy = tuple(f for lp in text.languages[:1] for s in lp.slots for f in s.fuzzy)
    for lp in text.languages:
        terms = lp.terms
        for base, fragment in HIGHLIGHT_FIELDS:
            name = f"{base}_{lp.language}"
            value = doc.get(name)
            if value:
                marked = highlight(value, lp.language, terms,
                                   fuzzy if base != "description" else (), fragment)
                if marked:
                    out[name] = marked
    return out
