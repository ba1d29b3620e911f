"""Autocomplete keys and their ranking, shared by both engines so they offer the same names.

Every service name and category label (both languages), folded, from its start and from each later
word ("alim" finds "Banque alimentaire"), as keys
`folded suffix ␟ later ␟ kind ␟ language ␟ category code ␟ label`; the embedded engine indexes
them as raw terms (`embedded.schema.SUGGEST_FIELD`), OpenSearch as a keyword field
(`opensearch_mapping.SUGGEST_KEYS_FIELD`). A prefix reads the first SUGGEST_SCAN keys starting
with it, in key order, each with its number of documents, then `rank_suggestions`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import cast, get_args

from analyzers import chain
from indexer.engine import Locale, SearchDocument, Suggestion

# The locales of `Locale`, in its order (the same as `indexer.relevance.LANGUAGES`).
LANGUAGES: tuple[Locale, ...] = get_args(Locale)

SUGGEST_SEPARATOR = "\x1f"
SUGGEST_SCAN = 2000
_SUGGEST_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_LABEL_WORD_BREAK = re.compile(r"[\s\-/'’(]+")


def suggest_prefix(prefix: object, max_chars: int = 300) -> str:
    """The key prefix of what the person typed: folded, spaces collapsed; "" when nothing is left."""
    if not isinstance(prefix, str):
        return ""
    return " ".join(chain.fold(_SUGGEST_CONTROL.sub(" ", prefix[:max_chars])).split())


@lru_cache(maxsize=50_000)
def label_keys(kind: str, lang: str, code: str, label: str) -> tuple[str, ...]:
    """The folded label from each word on, so "alim" finds "Banque alimentaire"; the second part
    says whether the key starts the label (0), which ranks first."""
    folded = " ".join(chain.fold(label).split())
    starts = dict.fromkeys([0] + [m.end() for m in _LABEL_WORD_BREAK.finditer(folded)])
    return tuple(
        SUGGEST_SEPARATOR.join((folded[start:start + 200], "0" if i == 0 else "1", kind, lang, code, label))
        for i, start in enumerate(starts) if start < len(folded)
    )


def suggest_keys(doc: SearchDocument) -> set[str]:
    """Autocomplete keys of a document's service names and category labels (both languages)."""
    out: set[str] = set()
    codes = doc.get("category_codes") or []
    for lang in LANGUAGES:
        if doc.get(f"name_{lang}"):
            out.update(label_keys("service", lang, "", doc[f"name_{lang}"]))
        labels = doc.get(f"categories_{lang}") or []
        # Codes and labels are parallel unless some English labels are missing.
        parallel = len(labels) == len(codes)
        for i, label in enumerate(labels):
            out.update(label_keys("category", lang, codes[i] if parallel else "", label))
    return out


def rank_suggestions(keys: Iterable[tuple[str, int]], locale: str, limit: int) -> list[Suggestion]:
    """Suggestions from (key, number of documents) pairs: names whose start matched first, then
    by number of documents, the requested locale first on ties, then by label; each folded
    label once; at most `limit` (1 to 50)."""
    limit = max(1, min(int(limit), 50))
    best: dict[tuple[str, str, str, str], tuple[int, int]] = {}
    for term, freq in keys:
        parts = term.split(SUGGEST_SEPARATOR)
        if len(parts) != 6:
            continue
        _folded, later, kind, lang, code, label = parts
        ident = (kind, lang, code, label)
        rank = (int(later), -int(freq))
        if ident not in best or rank < best[ident]:
            best[ident] = rank
    ordered = sorted(best.items(), key=lambda kv: (kv[1][0], kv[1][1], kv[0][1] != locale, kv[0][3]))
    out: list[Suggestion] = []
    seen: set[str] = set()
    for (kind, lang, code, label), _rank in ordered:
        folded = chain.fold(label)
        if folded in seen:
            continue
        seen.add(folded)
        # `lang` is a Locale: the keys are built from LANGUAGES (`label_keys`).
        out.append(Suggestion(text=label, kind=kind, locale=cast(Locale, lang),
                              category_code=code or None))
        if len(out) >= limit:
            break
    return out
