"""The Python mirror of the analysis chains in `analyzers.definitions`.

It interprets the same filter definitions OpenSearch receives and reproduces OpenSearch 2.19.6's
Lucene 9.12.3 token for token: terms, offsets and positions (tests/functional/test_lucene_parity.py
compares it with a real node's `_analyze` over ~40,000 phrases):

* StandardTokenizer: UAX#29 word boundaries compiled into one regular expression from the
  word-break classes read out of Lucene itself (`_lucene_tables.WORD_BREAK`, BMP). Apostrophes
  (' and ’) and full stops inside words are kept ("l'aide", "211qc.ca"), hyphens and slashes
  split ("24/7" -> 24, 7), numbers keep their separators ("3,5", "1,000.50", and "10 000" with a
  narrow no-break space), emoji are tokens. Tokens longer than 255 characters are cut as Lucene cuts them.
* ElisionFilter: strips an article before the first ' or ’ (both, as Lucene does).
* LowerCaseFilter: Java's per-code-point lowercase (no final sigma, "İ" -> "i").
* StopFilter, ASCIIFoldingFilter (`_lucene_tables.FOLDING`, the complete Lucene table),
  SnowballFilter via PyStemmer, EnglishPossessiveFilter.

Snowball: Lucene 9.12 ships the Snowball French and English stemmers of early 2021 (snowball commit
d8cf01dd); PyStemmer 2.2.0.3 bundles the same ones (equal on 575,000 dictionary words and the whole
parity corpus). Later PyStemmer releases (Snowball 3) stem differently ("organization" -> "organiz"
where Lucene says "organ", "palais" -> "palais" where Lucene says "pal"), so the version is pinned
(`PYSTEMMER_VERSION`) and a different one is reported when this module loads.

`synonym_graph` is not applied here: the embedded engine gets the same effect from
`analyzers.synonyms.expand_query`, which builds per-slot alternatives instead of a token graph.

Known limits (outside the directory's languages): characters beyond the BMP are classified from
Python's Unicode database rather than Lucene's tables, and Lucene counts offsets and the 255 limit
in UTF-16 units.
"""

from __future__ import annotations

import re
import threading
import unicodedata
import warnings
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any, Literal, NamedTuple

import Stemmer

from analyzers import definitions
from analyzers._lucene_tables import FOLDING, WORD_BREAK

Language = Literal["fr", "en"]

# The PyStemmer release whose Snowball French and English stemmers are Lucene 9.12's (see above).
PYSTEMMER_VERSION = "2.2.0.3"


def _check_stemmer_version() -> None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        installed = version("PyStemmer")
    except PackageNotFoundError:  # pragma: no cover - imported from a source tree
        return
    if installed != PYSTEMMER_VERSION:
        warnings.warn(f"PyStemmer {installed} is installed; the analysis mirror equals Lucene 9.12 "
                      f"with PyStemmer {PYSTEMMER_VERSION} only (stems differ)", stacklevel=2)


_check_stemmer_version()


class Token(NamedTuple):
    term: str
    start: int  # offsets into the original text: text[start:end] is the surface form
    end: int
    position: int  # as Lucene: removed stop words leave gaps


# ----------------------------------------------------------------------------- tokenizer

def _supplementary_classes() -> dict[str, list[tuple[int, int]]]:
    """Approximate word-break classes for plane 1 (Lucene's tables are read for the BMP only)."""
    classes: dict[str, list[tuple[int, int]]] = {}

    def add(kind: str, code: int) -> None:
        ranges = classes.setdefault(kind, [])
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))

    for code in range(0x10000, 0x20000):
        if 0x1F1E6 <= code <= 0x1F1FF:
            continue  # regional indicators: handled as pairs (flags)
        if 0x1F3FB <= code <= 0x1F3FF:
            add("Extend", code)  # skin-tone modifiers
            continue
        category = unicodedata.category(chr(code))
        if 0x1F000 <= code <= 0x1FAFF and category == "So":
            add("Emoji", code)
        elif category in ("Lu", "Ll", "Lt", "Lm", "Lo", "Nl") or 0x1F130 <= code <= 0x1F189:
            add("ALetter", code)
        elif category == "Nd":
            add("Numeric", code)
        elif category in ("Mn", "Mc", "Me", "Cf"):
            add("Extend", code)
    classes.setdefault("Ideographic", []).append((0x20000, 0x3FFFF))
    classes.setdefault("Extend", []).extend([(0xE0020, 0xE007F), (0xE0100, 0xE01EF)])
    return classes


def _char_class(*kinds: str, extra: dict[str, list[tuple[int, int]]]) -> str:
    parts = []
    for kind in kinds:
        for first, last in list(WORD_BREAK.get(kind, ())) + extra.get(kind, []):
            a = f"\\U{first:08x}"
            parts.append(a if first == last else f"{a}-\\U{last:08x}")
    return "[" + "".join(parts) + "]"


def _word_pattern() -> re.Pattern[str]:
    extra = _supplementary_classes()
    ext = _char_class("Extend", "ExtendComplexContext", extra=extra)
    e = f"{ext}*+"  # UAX#29 WB4: Extend and Format characters stick to what precedes them
    aletter = _char_class("ALetter", extra=extra)
    numeric = _char_class("Numeric", extra=extra)
    katakana = _char_class("Katakana", extra=extra) + e
    extend_num_let = _char_class("ExtendNumLet", extra=extra) + e
    mid_letter = _char_class("MidLetter", "MidNumLet", extra=extra) + e
    mid_num = _char_class("MidNum", "MidNumLet", extra=extra) + e
    # Lucene's StandardTokenizerImpl.jflex word rule: letters and digits run together (WB5, WB9,
    # WB10), a MidLetter joins two letters (WB6/7), a MidNum joins two digits (WB11/12), and
    # ExtendNumLet ("_", narrow no-break space) joins anything to anything (WB13a/b).
    # `X Extend* (X Extend*)*` is written `X [X Extend]*+`: same language, no backtracking
    # (3x faster).
    letters = f"{aletter}[{aletter[1:-1]}{ext[1:-1]}]*+"
    digits = f"{numeric}[{numeric[1:-1]}{ext[1:-1]}]*+"
    alnum = f"(?:{letters}(?:{mid_letter}{letters})*|{digits}(?:{mid_num}{digits})*)+"
    block = f"(?:(?:{katakana})+|{alnum})"
    word = f"(?:{extend_num_let})*{block}(?:(?:{extend_num_let})+{block})*(?:{extend_num_let})*"
    complex_class = _char_class("ComplexContext", "ExtendComplexContext", extra=extra)
    complex_context = f"(?:{complex_class}{e})+"  # Thai, Lao, ...: one run
    ideographic = _char_class("Ideographic", extra=extra) + e  # one token per ideograph/kana
    emoji_char = _char_class("Emoji", extra=extra)
    emoji = f"{emoji_char}(?:{ext}|(?<=\u200d){emoji_char})*"  # ZWJ sequences stay whole
    flags = "[\U0001F1E6-\U0001F1FF]{2}"
    keycap = "[#*]\ufe0f?\u20e3"
    return re.compile("|".join([word, complex_context, ideographic, emoji, flags, keycap]))


_WORD = _word_pattern()
_MAX = definitions.MAX_TOKEN_LENGTH


def _spans(text: str) -> Iterator[tuple[int, int]]:
    """Token (start, end) spans as Lucene's StandardTokenizer finds them."""
    search = _WORD.search
    match_ = _WORD.match
    pos = 0
    while True:
        m = search(text, pos)
        if m is None:
            return
        start, end = m.span()
        if end - start > _MAX:
            # Lucene's scanner buffer holds maxTokenLength chars: it returns the longest match that
            # fits, then carries on scanning right after it.
            prefix = match_(text, start, start + _MAX)
            assert prefix is not None  # a word's first _MAX characters are a word too
            end = prefix.end()
        yield start, end
        pos = end


def split_words(text: str) -> list[str]:
    """Raw tokenizer output (no filters)."""
    words = _WORD.findall(text)
    if any(len(w) > _MAX for w in words):
        return [text[s:e] for s, e in _spans(text)]
    return words


# ----------------------------------------------------------------------------- token filters

_JAVA_LOWER_FIXES = str.maketrans({"\u0130": "i", "\u03a3": "\u03c3"})


def java_lowercase(text: str) -> str:
    """Character.toLowerCase per code point (Lucene's LowerCaseFilter). Python's str.lower differs
    on "İ" (full mapping adds a combining dot) and on a word-final capital sigma."""
    if text.isascii():
        return text.lower()
    return text.translate(_JAVA_LOWER_FIXES).lower()


def ascii_fold(term: str) -> str:
    """Lucene's ASCIIFoldingFilter: œ -> oe, æ -> ae, ß -> ss, ﬁ -> fi, « -> \" ..."""
    return term if term.isascii() else term.translate(FOLDING)


_thread = threading.local()


def _stemmer(algorithm: str) -> Stemmer.Stemmer:
    # PyStemmer objects are not thread-safe: one per thread (and per algorithm), reused.
    stemmers = getattr(_thread, "stemmers", None)
    if stemmers is None:
        stemmers = _thread.stemmers = {}
    stemmer = stemmers.get(algorithm)
    if stemmer is None:
        stemmer = stemmers[algorithm] = Stemmer.Stemmer(algorithm)
    return stemmer


# OpenSearch `stemmer` languages that are Snowball algorithms, and their PyStemmer names.
_SNOWBALL = {"french": "french", "porter2": "english"}

# ("map", term -> term) | ("keep", term -> bool) | ("batch", list -> list)
_Step = tuple[str, Callable[..., Any]]


def _elision(articles: frozenset[str], ignore_case: bool) -> Callable[[str], str]:
    def elide(term: str) -> str:
        i = term.find("'")
        j = term.find("\u2019")
        if i < 0 or (0 <= j < i):
            i = j
        if i < 0:
            return term
        prefix = term[:i]
        if ignore_case:
            prefix = java_lowercase(prefix)
        return term[i + 1:] if prefix in articles else term

    return elide


def _possessive(term: str) -> str:
    if len(term) >= 2 and term[-1] in "sS" and term[-2] in "'\u2019\uff07":
        return term[:-2]
    return term


def _snowball(algorithm: str) -> Callable[[list[str]], list[str]]:
    def stem(terms: list[str]) -> list[str]:
        return _stemmer(algorithm).stemWords(terms) if terms else terms

    return stem


def _build_step(name: str) -> _Step | None:
    if name == "lowercase":
        return ("map", java_lowercase)
    spec = definitions.FILTERS.get(name)
    if spec is None:
        if name in definitions.SYNONYM_FILTERS.values():
            return None  # see analyzers.synonyms.expand_query
        raise ValueError(f"unknown filter {name!r}")
    kind = spec["type"]
    if kind == "elision":
        ignore_case = bool(spec.get("articles_case", False))
        articles = frozenset(java_lowercase(a) if ignore_case else a for a in spec["articles"])
        return ("map", _elision(articles, ignore_case))
    if kind == "stop":
        if spec.get("ignore_case"):
            raise ValueError("the mirror implements case-sensitive stop filters only")
        words = frozenset(spec["stopwords"])
        return ("keep", lambda term: term not in words)
    if kind == "asciifolding":
        if spec.get("preserve_original"):
            raise ValueError("preserve_original stacks tokens; the mirror does not model it")
        return ("map", ascii_fold)
    if kind == "stemmer":
        language = spec["language"]
        if language == "possessive_english":
            return ("map", _possessive)
        if language in _SNOWBALL:
            return ("batch", _snowball(_SNOWBALL[language]))
        raise ValueError(f"stemmer {language!r} has no exact Python equivalent")
    raise ValueError(f"filter type {kind!r} is not mirrored")


@cache
def _steps(analyzer: str) -> tuple[_Step, ...]:
    spec = definitions.ANALYZERS[analyzer]
    if spec.get("tokenizer") != "standard":
        raise ValueError("the mirror implements the standard tokenizer only")
    steps = (_build_step(name) for name in spec["filter"])
    return tuple(step for step in steps if step is not None)


def _language_analyzer(language: str) -> str:
    try:
        return definitions.LANGUAGE_ANALYZERS[language][0]
    except KeyError:
        choices = sorted(definitions.LANGUAGE_ANALYZERS)
        raise ValueError(f"language must be one of {choices}") from None


# ----------------------------------------------------------------------------- public API

def analyze_with(analyzer: str, text: str) -> list[str]:
    """Terms of `text` under a named analyzer of `definitions.ANALYZERS` (synonyms not applied)."""
    terms = split_words(text)
    for kind, fn in _steps(analyzer):
        if kind == "map":
            terms = [fn(t) for t in terms]
        elif kind == "keep":
            terms = [t for t in terms if fn(t)]
        else:
            terms = fn(terms)
    return terms


def tokens_with(analyzer: str, text: str) -> list[Token]:
    """Like `analyze_with`, keeping offsets into `text` and Lucene positions."""
    spans = list(_spans(text))
    terms = [text[s:e] for s, e in spans]
    keep = list(range(len(spans)))  # index into spans of each surviving term
    for kind, fn in _steps(analyzer):
        if kind == "map":
            terms = [fn(t) for t in terms]
        elif kind == "keep":
            kept = [(t, k) for t, k in zip(terms, keep, strict=True) if fn(t)]
            terms = [t for t, _ in kept]
            keep = [k for _, k in kept]
        else:
            terms = fn(terms)
    return [Token(t, spans[k][0], spans[k][1], k) for t, k in zip(terms, keep, strict=True)]


def analyze(text: str, language: Language) -> list[str]:
    """Index terms of `text` in `language` ("fr" or "en"), as OpenSearch's text_fr/text_en."""
    return analyze_with(_language_analyzer(language), text)


def tokens_with_offsets(text: str, language: Language) -> list[Token]:
    return tokens_with(_language_analyzer(language), text)


def analyze_folded(text: str) -> list[str]:
    """The `folded` analyzer: words, lowercased and ASCII-folded (names, autocomplete,
    did-you-mean)."""
    return analyze_with("folded", text)


def fold(text: str) -> str:
    """Lowercase and ASCII-fold a whole string (no tokenizing), for accent/case-blind
    comparisons."""
    return ascii_fold(java_lowercase(text))
