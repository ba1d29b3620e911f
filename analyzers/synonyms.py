"""Query-time synonyms: one Solr-format file (`synonyms.txt`) for both engines.

OpenSearch applies it with a `synonym_graph` filter at the END of the search analyzers (see the
comment above `definitions.ANALYZERS` for why), so rules are matched on fully analyzed terms:
case-, accent-, elision- and plural-blind. The embedded engine reproduces that with `expand_query`.

File format (Solr, as OpenSearch's `format: solr`):
    # a comment line
    banque alimentaire, dépannage alimentaire, food bank     equivalence: each phrase brings all the others
    bs, b.s. => aide sociale                                  explicit: left side replaced by the right side

Data structure returned by `expand_query(text, language)`: a list of `Slot`, one per stretch of the
query, left to right. A slot is either one query term (no synonym: a single `Alternative` holding that
term) or the longest run of query terms that a rule matched (its alternatives: the matched phrase
itself -- unless an explicit `=>` rule replaced it -- and every synonym). An `Alternative` is a tuple of
analyzed terms; one term means a term query, several mean a phrase query. The engine builds what
OpenSearch's `match` query builds from the synonym graph: the query is a boolean of slots (SHOULD, or
MUST for `operator: and`), each slot a SHOULD over its alternatives.

    >>> [s.alternatives for s in expand_query("banques alimentaires Laval", "fr")]   # doctest: +SKIP
    [(('banqu', 'aliment'), ('depann', 'aliment'), ('food', 'bank'), ...), (('laval',),)]

Matching follows Lucene's SynonymGraphFilter: greedy, longest rule first, left to right; a rule's
phrase matches the query's terms after stop-word removal ("sans domicile fixe" -> domicil fix).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from analyzers import chain, definitions

SYNONYMS_PATH = Path(__file__).with_name("synonyms.txt")


@dataclass(frozen=True)
class SynonymRule:
    """One line of the file: `inputs` (left side, or all phrases of an equivalence) and `outputs`."""

    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    explicit: bool  # "a, b => c"; an equivalence has outputs == inputs
    line: int


@dataclass(frozen=True)
class Alternative:
    terms: tuple[str, ...]  # analyzed terms; several terms form a phrase

    @property
    def is_phrase(self) -> bool:
        return len(self.terms) > 1


@dataclass(frozen=True)
class Slot:
    start: int  # offsets of the slot's words in the query text
    end: int
    query_terms: tuple[str, ...]  # the query's own analyzed terms in this slot
    alternatives: tuple[Alternative, ...]
    synonym: bool  # True when a rule matched


def parse_solr(text: str) -> list[SynonymRule]:
    """Parse Solr synonym rules (whole-line `#` comments, `,` between phrases, one optional `=>`)."""
    rules = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if "\\" in line:
            raise ValueError(f"line {number}: escapes are not supported")
        sides = line.split("=>")
        if len(sides) > 2:
            raise ValueError(f"line {number}: more than one '=>'")
        phrases = [[p.strip() for p in side.split(",")] for side in sides]
        if any(not p for side in phrases for p in side):
            raise ValueError(f"line {number}: empty phrase")
        if len(sides) == 2:
            rules.append(SynonymRule(tuple(phrases[0]), tuple(phrases[1]), True, number))
        else:
            rules.append(SynonymRule(tuple(phrases[0]), tuple(phrases[0]), False, number))
    return rules


@lru_cache(maxsize=4)
def load_rules(path: str | None = None) -> tuple[SynonymRule, ...]:
    source = Path(path) if path else SYNONYMS_PATH
    return tuple(parse_solr(source.read_text(encoding="utf-8")))

T = TypeVar("T")


def _unique(items: Iterable[T]) -> list[T]:
    return list(dict.fromkeys(items))


@lru_cache(maxsize=8)
def synonym_map(
    language: chain.Language, path: str | None = None
) -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Analyzed rule inputs -> analyzed outputs, merged over rules as Lucene's SynonymMap merges them."""
    merged: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for rule in load_rules(path):
        outputs = [o for o in (tuple(chain.analyze(p, language)) for p in rule.outputs) if o]
        for phrase in rule.inputs:
            key = tuple(chain.analyze(phrase, language))
            if not key:
                continue  # only stop words: nothing to match
            merged.setdefault(key, []).extend(outputs)
    return {k: tuple(_unique(v)) for k, v in merged.items()}


def expand_query(text: str, language: chain.Language, path: str | None = None) -> list[Slot]:
    """The query as slots of alternatives (see the module docstring)."""
    mapping = synonym_map(language, path)
    longest = max((len(k) for k in mapping), default=0)
    tokens = chain.tokens_with_offsets(text, language)
    terms = [t.term for t in tokens]
    slots = []
    i = 0
    while i < len(tokens):
        for n in range(min(longest, len(tokens) - i), 0, -1):
            key = tuple(terms[i:i + n])
            outputs = mapping.get(key)
            if outputs is not None:
                slots.append(Slot(tokens[i].start, tokens[i + n - 1].end, key,
                                  tuple(Alternative(o) for o in outputs), True))
                i += n
                break
        else:
            key = (terms[i],)
            slots.append(Slot(tokens[i].start, tokens[i].end, key, (Alternative(key),), False))
            i += 1
    return slots


def _without_stop_words(phrase: str, language: str) -> str:
    """The phrase's words that survive the stop filter, space-joined: what OpenSearch must be given,
    because Lucene's synonym parser rejects the position gap a removed stop word leaves."""
    analyzer = definitions.LANGUAGE_ANALYZERS[language][0]
    return " ".join(phrase[t.start:t.end] for t in chain.tokens_with(analyzer, phrase))


def opensearch_rules(language: str, path: str | None = None) -> list[str]:
    """The rules for the `synonyms` list of the language's synonym_graph filter."""
    lines = []
    for rule in load_rules(path):
        left = _unique(p for p in (_without_stop_words(x, language) for x in rule.inputs) if p)
        if not left:
            continue
        if rule.explicit:
            right = _unique(p for p in (_without_stop_words(x, language) for x in rule.outputs) if p)
            if right:
                lines.append(f"{', '.join(left)} => {', '.join(right)}")
        elif len(left) > 1:
            lines.append(", ".join(left))
    return lines
