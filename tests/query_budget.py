"""The worst queries for Lucene's clause limit, shared by the unit test (clauses counted in the
body) and the live test (the real node answers them): one definition of "costliest"."""

from __future__ import annotations

from indexer import relevance
from indexer.engine import MAX_QUERY_CHARS


def plan_clauses(q: str) -> int:
    """Leaf clauses the plan of `q` asks for, before the plan's budget caps them."""
    return sum(relevance.slot_clauses(s) for lp in relevance.text_plan(q).languages for s in lp.slots)


def costliest_query(words, max_chars: int = MAX_QUERY_CHARS) -> str:
    """The query of at most `max_chars` that packs the most clauses per character from `words`
    (synonym triggers: one word can bring ten alternatives in six fields and two languages)."""
    ranked = sorted(set(words), key=lambda w: (-plan_clauses(w) / (len(w) + 1), w))
    out = ""
    for word in ranked:
        if plan_clauses(word) and len(out) + len(word) + 1 <= max_chars:
            out = f"{out} {word}".strip()
    return out
