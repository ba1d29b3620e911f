"""Parity between the Python analysis mirror (analyzers.chain) and the OpenSearch node's analysis.

The query builder sends terms the Python mirror analysed as `term` queries, so wherever the mirror
and the node disagree a search silently matches nothing. This module proves them token-for-token
equal on a real node (OpenSearch 2.19.6, Lucene 9.12.3; `tests.resources.opensearch_url()`):

* a throw-away index (unique name, deleted at the end) is created with exactly
  `analyzers.definitions.opensearch_analysis_settings()` as its settings (synonyms `lenient: false`,
  so a rule Lucene cannot parse fails here);
* every phrase of the corpus goes through `POST /<index>/_analyze` with `text_fr` or `text_en` and
  with `folded`, and terms, offsets and positions must equal `analyzers.chain.tokens_with`;
* the search analyzers' synonym graphs must equal `analyzers.synonyms.expand_query`'s alternatives;
* the stop lists must equal the node's `_french_` and `_english_`;
* the two tables the mirror reads out of Lucene (`analyzers/_lucene_tables.py`) must equal what the
  node does, character by character.

Corpus (`PHRASE_SOURCES`): the hand-written and generated phrases of lucene/phrases_{fr,en}.txt,
the tokenizer edge cases below, and every distinct indexed text of the demo directory as `flask
directory demo` generates it (15,000 services: names, descriptions, eligibility, keywords, how to
apply, organizations, locations, programs, categories): ~28,000 French and ~14,000 English texts.

Speed: phrases go in batches (one `_analyze` call takes an array of texts; ~4,000 tokens a call,
below the node's `index.analyze.max_token_count` of 10,000) over 4 threads. `_analyze` runs the
texts of an array through one token stream and carries offsets and positions on: text i starts at
offset sum(utf16_length(text_j) + 1 for j < i) (offset gap 1) and its positions at L_i + 1, where
L_0 = -1 and L_i+1 = L_i + n_i + 100 (n_i tokenizer tokens, 100 the custom analyzers'
position_increment_gap). n_i is read from the node's own `folded` output of the same batch (a chain
that drops no token), so decoding never trusts a Python count.

Regenerate analyzers/_lucene_tables.py from the node after a Lucene upgrade:
    OPENSEARCH_URL=http://127.0.0.1:9200 .venv/bin/python tests/functional/test_lucene_parity.py \
        --write-tables
"""

from __future__ import annotations

import datetime as dt
import itertools
import sys
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # allows running this file as a script
    sys.path.insert(0, str(ROOT))

from analyzers import chain, definitions, synonyms  # noqa: E402

HERE = Path(__file__).resolve().parent / "lucene"
THREADS = 4
BATCH_TOKENS = 6_000  # per _analyze call (estimated); the node refuses more than 10,000
BATCH_TEXTS = 2_000
POSITION_GAP = 100  # OpenSearch custom analyzers' default position_increment_gap

# Differences between the mirror and the node that cannot be removed, keyed by (analyzer, text) ->
# reason. `test_known_differences_still_differ` keeps every entry honest: an entry whose text now
# agrees fails that test and must be deleted.
KNOWN_DIFFERENCES: dict[tuple[str, str], str] = {}


# ----------------------------------------------------------------------------- the node

class Node:
    """An OpenSearch node and a throw-away index carrying the project's analysis settings."""

    def __init__(self, url: str):
        from opensearchpy import OpenSearch

        self.client = OpenSearch(url, timeout=120, max_retries=0, pool_maxsize=THREADS)
        self.index = f"test-parity-{uuid.uuid4().hex[:12]}"

    def create(self) -> None:
        self.client.indices.create(index=self.index, body={
            "settings": definitions.opensearch_analysis_settings()})

    def delete(self) -> None:
        self.client.indices.delete(index=self.index, ignore_unavailable=True)

    def analyze(self, body: dict) -> list[dict]:
        return self.client.indices.analyze(index=self.index, body=body)["tokens"]

    def lucene_version(self) -> str:
        return self.client.info()["version"]["lucene_version"]


def _utf16_length(text: str) -> int:
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def _utf16_to_index(text: str) -> dict[int, int]:
    """Java offsets count UTF-16 code units; map them to Python string indices."""
    mapping = {}
    units = 0
    for index, char in enumerate(text):
        mapping[units] = index
        units += 2 if ord(char) > 0xFFFF else 1
    mapping[units] = len(text)
    return mapping


Tokens = list[tuple[str, int, int, int]]  # (term, start, end, position) as chain.Token


def _split_by_offset(texts: Sequence[str], tokens: list[dict]) -> list[list[dict]]:
    """Attribute the tokens of one array `_analyze` call to their texts by offset."""
    bounds = []
    base = 0
    for text in texts:
        bounds.append((base, base + _utf16_length(text)))
        base += _utf16_length(text) + 1
    per_text: list[list[dict]] = [[] for _ in texts]
    i = 0
    for token in tokens:
        # past text i? (an empty text owns no offset: its start is the next text's start - 1)
        while i < len(texts) and token["start_offset"] >= max(bounds[i][1], bounds[i][0] + 1):
            i += 1
        start, end = bounds[i]
        assert start <= token["start_offset"] <= token["end_offset"] <= end, (token, texts[i])
        per_text[i].append(dict(token, start_offset=token["start_offset"] - start,
                                end_offset=token["end_offset"] - start))
    return per_text


def _decode(texts: Sequence[str], tokens: list[dict], first_positions: list[int]) -> list[Tokens]:
    decoded = []
    for text, mine, first in zip(texts, _split_by_offset(texts, tokens), first_positions,
                                 strict=True):
        index = _utf16_to_index(text)
        decoded.append([(t["token"], index[t["start_offset"]], index[t["end_offset"]],
                         t["position"] - first) for t in mine])
    return decoded


def _batches(texts: Sequence[str]) -> Iterator[list[str]]:
    """Consecutive runs of texts of about BATCH_TOKENS tokens (estimated from their length: one
    token per 5 characters, about 1.5 times the real count of this corpus)."""
    batch: list[str] = []
    tokens = 0
    for text in texts:
        n = len(text) // 5 + 1
        if batch and (tokens + n > BATCH_TOKENS or len(batch) >= BATCH_TEXTS):
            yield batch
            batch, tokens = [], 0
        batch.append(text)
        tokens += n
    if batch:
        yield batch


def _analyze_batch(node: Node, analyzers: Sequence[str], texts: list[str]) -> dict[str, list]:
    """Node tokens per analyzer for one batch, positions relative to each text's first position.
    A batch the node finds too long (index.analyze.max_token_count) is analysed in two halves."""
    from opensearchpy.exceptions import TransportError

    try:
        return _analyze_texts(node, analyzers, texts)
    except TransportError as error:  # 500 illegal_state_exception
        if "max_token_count" not in str(error) or len(texts) == 1:
            raise
    half = len(texts) // 2
    first, second = (_analyze_batch(node, analyzers, part) for part in (texts[:half], texts[half:]))
    return {analyzer: first[analyzer] + second[analyzer] for analyzer in analyzers}


def _analyze_texts(node: Node, analyzers: Sequence[str], texts: list[str]) -> dict[str, list]:
    folded = node.analyze({"analyzer": "folded", "text": texts})
    per_text = _split_by_offset(texts, folded)
    first_positions = []
    last = -1
    for mine in per_text:
        first_positions.append(last + 1)
        positions = [t["position"] for t in mine]
        assert positions == list(range(last + 1, last + 1 + len(mine))), positions
        last += len(mine) + POSITION_GAP
    out = {}
    for analyzer in analyzers:
        tokens = folded if analyzer == "folded" else node.analyze({"analyzer": analyzer,
                                                                   "text": texts})
        out[analyzer] = _decode(texts, tokens, first_positions)
    return out


def node_tokens(node: Node, analyzers: Sequence[str], texts: Sequence[str]) -> dict[str, list]:
    """{analyzer: [tokens of each text]}, in `texts` order, from the node."""
    with ThreadPoolExecutor(THREADS) as pool:
        parts = list(pool.map(lambda b: _analyze_batch(node, analyzers, b), _batches(texts)))
    return {a: list(itertools.chain.from_iterable(p[a] for p in parts)) for a in analyzers}


def mirror_tokens(analyzer: str, text: str) -> Tokens:
    return [tuple(t) for t in chain.tokens_with(analyzer, text)]


# ----------------------------------------------------------------------------- phrase sources

def _phrase_file(name: str) -> Callable[[], list[str]]:
    def source() -> list[str]:
        lines = (HERE / name).read_text(encoding="utf-8").splitlines()
        return [line for line in lines if line.strip() and not line.startswith("#")]

    source.__name__ = f"phrases_from_{name}"
    return source


def _edge_cases() -> list[str]:
    """Tokenizer corners that matter for both languages."""
    return [
        "a" * 300,
        "a" * 254 + ".b" + "c" * 10,
        "1" * 254 + ",5",
        "ÉCOLE " * 3 + "l'" + "é" * 260,
        "10\u202f000 $ et 1\u00a0000 $",
        "ex\u00adample co\u0301te",
        "\ufeffDébut",
        "e\u0301le\u0300ve ＬＡＶＡＬ ﬁnance ﬂeur Ⓜétro ½ ² ³",
        "İstanbul ΟΔΟΣ ΣΊΣΥΦΟΣ Straße ŒUVRE Æ Ø Ð Þ Ł",
        "under_score __init__ a__b _ __",
        "❤️ 👍🏽 👨‍👩‍👧 🇨🇦 #️⃣ © ® ™",
        "東京 ひらがな カタカナ ภาษาไทย 한국어",
        "l' l’ d'' qu’ 'quoted' ‘single’ \"double\" l'l'eau d’l’hiver",
        "note:test 12:30 a.b.c 1.2.3 v2.0 C++ C# .NET",
        "Première ligne\nseconde ligne\r\n\ttabulée",
        "",
        "   ",
    ]


DEMO_SERVICES = 15_000
DEMO_SEED = 211  # `flask directory demo` defaults


def demo_directory_texts() -> dict[str, list[str]]:
    """Every distinct indexed text of the demo directory, per language: services (name,
    description, eligibility, keywords, how to apply), service-at-location descriptions,
    organizations (name, description), locations, programs, and the category tree."""
    from directory import taxonomy
    from directory.demo import generator
    from directory.models import Location, Organization, Program, Service, ServiceAtLocation

    data = generator.generate(DEMO_SERVICES, DEMO_SEED, today=dt.date(2026, 11, 1))
    fields = {
        Service: ("name", "description", "eligibility_description", "keywords",
                  "application_process", "alternate_name"),
        ServiceAtLocation: ("description",),
        Organization: ("name", "description", "alternate_name"),
        Location: ("name", "description"),
        Program: ("name", "description"),
    }
    texts: dict[str, dict[str, None]] = {"fr": {}, "en": {}}
    for model, names in fields.items():
        for row in data.rows[model]:
            for name in names:
                for language in ("fr", "en"):
                    value = row.get(f"{name}_{language}")
                    if value:
                        texts[language][value] = None
    for category in taxonomy.categories():
        for language in ("fr", "en"):
            for value in (getattr(category, f"name_{language}"),
                          getattr(category, f"description_{language}")):
                if value:
                    texts[language][value] = None
    return {language: list(values) for language, values in texts.items()}


_demo_cache: dict[str, list[str]] = {}


def _demo_directory(language: str) -> Callable[[], list[str]]:
    def source() -> list[str]:
        if not _demo_cache:
            _demo_cache.update(demo_directory_texts())
        return _demo_cache[language]

    source.__name__ = f"demo_directory_{language}"
    return source


# Append sources here: each returns a list of phrases.
PHRASE_SOURCES: dict[str, list[Callable[[], list[str]]]] = {
    "fr": [_phrase_file("phrases_fr.txt"), _edge_cases, _demo_directory("fr")],
    "en": [_phrase_file("phrases_en.txt"), _edge_cases, _demo_directory("en")],
}


def phrases(language: str) -> list[str]:
    collected: list[str] = []
    for source in PHRASE_SOURCES[language]:
        collected.extend(source())
    return list(dict.fromkeys(collected))


# ----------------------------------------------------------------------------- Lucene tables

def node_fold_table(node: Node) -> dict[int, str]:
    """ASCIIFoldingFilter on every BMP character alone (keyword tokenizer: one token per text)."""
    chars = [c for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]

    def fold(chunk: list[int]) -> list[dict]:
        return node.analyze({"tokenizer": "keyword", "filter": ["asciifolding"],
                             "text": [chr(c) for c in chunk]})

    chunks = [chars[i:i + 5_000] for i in range(0, len(chars), 5_000)]
    with ThreadPoolExecutor(THREADS) as pool:
        tokens = list(itertools.chain.from_iterable(pool.map(fold, chunks)))
    assert len(tokens) == len(chars)
    return {c: t["token"] for c, t in zip(chars, tokens, strict=True) if t["token"] != chr(c)}


_PROBES: list[Callable[[str], str]] = [
    lambda c: c,                    # 0 alone
    lambda c: "a" + c + "a",        # 1 joins letters?
    lambda c: "1" + c + "1",        # 2 joins digits?
    lambda c: "\u30a2" + c + "\u30a2",  # 3 joins katakana?
    lambda c: "a" + c,              # 4 trails a letter?
    lambda c: "\u6771" + c,         # 5 attaches to anything (Extend/Format)?
    lambda c: "1," + c,             # 6 digit after a numeric separator?
    lambda c: c + c,                # 7 runs together?
    lambda c: "a." + c,             # 8 letter after a letter separator?
]


def _classify(ch: str, r: list[list[str]]) -> str:
    alone, a_a, one_one, kata, a_c, han_c, comma, twice, a_dot = r
    if han_c == ["\u6771" + ch]:
        # Thai/Lao/Myanmar/Khmer marks are Extend and also start a complex-context run
        return "ExtendComplexContext" if alone == [ch] else "Extend"
    if alone == [ch]:
        if comma == ["1," + ch]:
            return "Numeric"
        if a_dot == ["a." + ch]:
            return "ALetter"
        if kata == ["\u30a2" + ch + "\u30a2"]:
            return "Katakana"
        if twice == [ch + ch]:
            return "ComplexContext"
        return "Ideographic" if 0x2E80 <= ord(ch) <= 0xFAFF else "Emoji"
    if a_c == ["a" + ch]:
        return "ExtendNumLet"
    if a_a == ["a" + ch + "a"] and one_one == ["1" + ch + "1"]:
        return "MidNumLet"
    if a_a == ["a" + ch + "a"]:
        return "MidLetter"
    if one_one == ["1" + ch + "1"]:
        return "MidNum"
    return "Other"


def node_probe_tokens(node: Node) -> tuple[list[int], list[str], list[list[str]]]:
    """Every BMP character in each probe context, and the node's StandardTokenizer terms for
    each probe."""
    chars = [c for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
    lines = [probe(chr(c)) for c in chars for probe in _PROBES]

    def tokenize(batch: list[str]) -> list[list[str]]:
        tokens = node.analyze({"tokenizer": "standard", "text": batch})
        return [[t["token"] for t in mine] for mine in _split_by_offset(batch, tokens)]

    batches = [lines[i:i + 3_000] for i in range(0, len(lines), 3_000)]
    with ThreadPoolExecutor(THREADS) as pool:
        terms = list(itertools.chain.from_iterable(pool.map(tokenize, batches)))
    return chars, lines, terms


def word_break_classes(probed) -> dict[str, list[tuple[int, int]]]:
    """Word-break class of every BMP character as the node's StandardTokenizer sees it, found by
    probing; returned as ranges per class (class "Other" omitted)."""
    chars, _, terms = probed
    per_class: dict[str, list[tuple[int, int]]] = {}
    n = len(_PROBES)
    for i, c in enumerate(chars):
        kind = _classify(chr(c), terms[i * n:(i + 1) * n])
        if kind == "Other":
            continue
        ranges = per_class.setdefault(kind, [])
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1] = (ranges[-1][0], c)
        else:
            ranges.append((c, c))
    return per_class


def render_tables_module(fold: dict[int, str], classes: dict[str, list[tuple[int, int]]],
                         lucene_version: str) -> str:
    lines = [
        f'"""Tables read out of Lucene {lucene_version} (an OpenSearch node) -- GENERATED, do not',
        "edit.",
        "",
        "Regenerate from a node with `OPENSEARCH_URL=... .venv/bin/python",
        "tests/functional/test_lucene_parity.py --write-tables`; that test module checks they",
        "still equal what the node does.",
        "",
        "FOLDING: ASCIIFoldingFilter.foldToASCII for every BMP character it changes.",
        "WORD_BREAK: StandardTokenizer's word-break class of each BMP character, as (first, last)",
        "ranges.",
        '"""',
        "",
        "# fmt: off",
        "FOLDING: dict[int, str] = {",
    ]
    items = [f"0x{c:04x}: {fold[c]!r}" for c in sorted(fold)]
    for i in range(0, len(items), 6):
        lines.append("    " + ", ".join(items[i:i + 6]) + ",")
    lines.append("}")
    lines.append("")
    lines.append("WORD_BREAK: dict[str, tuple[tuple[int, int], ...]] = {")
    for kind in sorted(classes):
        lines.append(f"    {kind!r}: (")
        rs = [f"(0x{a:04x}, 0x{b:04x})" for a, b in classes[kind]]
        for i in range(0, len(rs), 5):
            lines.append("        " + ", ".join(rs[i:i + 5]) + ",")
        lines.append("    ),")
    lines.append("}")
    lines.append("# fmt: on")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- tests

@pytest.fixture(scope="module")
def node() -> Iterator[Node]:
    from opensearchpy.exceptions import ConnectionError as NodeUnreachable

    from tests.resources import missing, opensearch_url

    url = opensearch_url()
    node = Node(url)
    try:
        node.create()  # lenient synonyms: a rule Lucene cannot parse fails here
    except NodeUnreachable as error:
        missing(f"OpenSearch node unreachable at {url}: {error}")
    try:
        yield node
    finally:
        node.delete()


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[str]]:
    return {language: phrases(language) for language in ("fr", "en")}


@pytest.fixture(scope="module")
def vocabulary(corpus) -> set[str]:
    """Every distinct lowercased word of the corpus."""
    return {chain.java_lowercase(word) for texts in corpus.values() for text in texts
            for word in chain.split_words(text)}


@pytest.fixture(scope="module")
def node_results(node, corpus) -> dict[str, dict[str, list]]:
    """{language: {analyzer: tokens per phrase}} for text_<language> and folded."""
    return {language: node_tokens(node, [f"text_{language}", "folded"], texts)
            for language, texts in corpus.items()}


def _differences(analyzer: str, texts: list[str], expected: list[Tokens]) -> list[tuple]:
    return [(text, lucene, ours) for text, lucene in zip(texts, expected, strict=True)
            if (ours := mirror_tokens(analyzer, text)) != lucene
            and (analyzer, text) not in KNOWN_DIFFERENCES]


def _report(differences) -> str:
    lines = []
    for text, lucene, ours in differences[:20]:
        lines.append(f"{text!r}\n  node:   {lucene}\n  python: {ours}")
    return f"{len(differences)} phrases differ:\n" + "\n".join(lines)


def test_the_node_runs_lucene_9_12(node):
    assert node.lucene_version().startswith("9.12."), node.lucene_version()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_corpus_is_large_enough(language, corpus):
    assert len(_phrase_file(f"phrases_{language}.txt")()) >= 500
    assert len(corpus[language]) >= 10_000


@pytest.mark.parametrize("language", ["fr", "en"])
def test_language_chain_gives_the_nodes_tokens(language, corpus, node_results):
    analyzer = f"text_{language}"
    differences = _differences(analyzer, corpus[language], node_results[language][analyzer])
    assert not differences, _report(differences)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_folded_analyzer_gives_the_nodes_tokens(language, corpus, node_results):
    differences = _differences("folded", corpus[language], node_results[language]["folded"])
    assert not differences, _report(differences)


def test_known_differences_still_differ(node):
    """Every listed difference must still occur, so the list never outlives its reason (the list is
    empty today: the mirror equals the node on the whole corpus)."""
    by_analyzer: dict[str, list[str]] = {}
    for analyzer, text in KNOWN_DIFFERENCES:
        by_analyzer.setdefault(analyzer, []).append(text)
    for analyzer, texts in by_analyzer.items():
        tokens = node_tokens(node, [analyzer, "folded"], texts)[analyzer]
        same = [text for text, lucene in zip(texts, tokens, strict=True)
                if mirror_tokens(analyzer, text) == lucene]
        assert not same, f"no longer differ, delete from KNOWN_DIFFERENCES: {same}"


@pytest.mark.parametrize(("filter_name", "lucene_set"), [("fr_stop", "_french_"),
                                                         ("en_stop", "_english_")])
def test_stop_lists_are_lucenes_default_sets(filter_name, lucene_set, node, vocabulary):
    """The explicit lists of analyzers.definitions equal the node's `_french_`/`_english_` over
    every lowercased word of the corpus, both lists, and words Snowball's lists leave out."""
    ours = set(definitions.FILTERS[filter_name]["stopwords"])
    candidates = vocabulary | set(definitions.FRENCH_STOP_WORDS) | set(
        definitions.ENGLISH_STOP_WORDS)
    candidates.update(("été", "étés", "est", "son", "sommes", "as", "avions", "aura", "auras",
                       "fût", "i", "me", "my", "we", "our", "you", "he", "she", "them", "what"))
    words = sorted(w for w in candidates if len(w) < 100)

    def removed(chunk: list[str]) -> set[str]:
        kept = node.analyze({"tokenizer": "keyword",
                             "filter": [{"type": "stop", "stopwords": lucene_set}],
                             "text": chunk})
        return set(chunk) - {t["token"] for t in kept}

    chunks = [words[i:i + 5_000] for i in range(0, len(words), 5_000)]
    with ThreadPoolExecutor(THREADS) as pool:
        lucene = set().union(*pool.map(removed, chunks))
    assert lucene == ours, (sorted(lucene - ours), sorted(ours - lucene))


def test_the_node_holds_every_synonym_rule(node):
    """Index creation with `lenient: false` succeeded, and the node kept every rule as sent."""
    settings = node.client.indices.get_settings(index=node.index)[node.index]["settings"]
    filters = settings["index"]["analysis"]["filter"]
    for language, name in definitions.SYNONYM_FILTERS.items():
        assert filters[name]["lenient"] == "false"
        assert filters[name]["synonyms"] == synonyms.opensearch_rules(language)
        assert len(filters[name]["synonyms"]) >= 100


def _graph_paths(tokens: list[dict]) -> set[tuple[str, ...]]:
    """Every path through a token graph (position = from-node, + positionLength = to-node)."""
    if not tokens:
        return {()}
    edges: dict[int, list[tuple[str, int]]] = {}
    for t in tokens:
        edges.setdefault(t["position"], []).append(
            (t["token"], t["position"] + t.get("positionLength", 1)))
    start, end = min(edges), max(to for out in edges.values() for _, to in out)
    paths: set[tuple[str, ...]] = set()

    def walk(at: int, path: tuple[str, ...]) -> None:
        if at == end:
            paths.add(path)
            return
        for term, to in edges.get(at, ()):
            walk(to, path + (term,))

    walk(start, ())
    return paths


def _expansion_paths(text: str, language: str) -> set[tuple[str, ...]]:
    """The query's alternatives as `expand_query` builds them, as whole token sequences."""
    slots = synonyms.expand_query(text, language)
    if not slots:
        return {()}
    return {tuple(itertools.chain.from_iterable(a.terms for a in pick))
            for pick in itertools.product(*(s.alternatives for s in slots))}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_search_analyzer_synonyms_match_expand_query(language, node):
    """Each phrase of each synonym rule, analysed by text_<language>_search on the node, gives the
    same alternatives (paths through the synonym graph) as the embedded engine's expand_query."""
    analyzer = definitions.LANGUAGE_ANALYZERS[language][1]
    texts = list(dict.fromkeys(p for rule in synonyms.load_rules() for p in rule.inputs))

    def one(text: str) -> tuple[str, set, set]:
        tokens = node.analyze({"analyzer": analyzer, "text": text})
        return text, _graph_paths(tokens), _expansion_paths(text, language)

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(one, texts))
    differing = [(text, sorted(lucene), sorted(ours)) for text, lucene, ours in results
                 if lucene != ours]
    assert len(texts) >= 100
    assert not differing, f"{len(differing)} rules differ: {differing[:10]}"


def test_embedded_fold_table_matches_the_node(node):
    from analyzers._lucene_tables import FOLDING

    assert node_fold_table(node) == FOLDING


@pytest.mark.slow
def test_embedded_word_break_classes_match_the_node(node):
    from analyzers._lucene_tables import WORD_BREAK

    probed = node_probe_tokens(node)
    assert {k: list(v) for k, v in WORD_BREAK.items()} == word_break_classes(probed)
    # And the tokenizer built from them splits every probe (each BMP character between letters,
    # digits, katakana, ideographs...) exactly as the node does.
    _, lines, terms = probed
    differing = [(line, lucene) for line, lucene in zip(lines, terms, strict=True)
                 if chain.split_words(line) != lucene]
    assert not differing, differing[:20]


if __name__ == "__main__" and "--write-tables" in sys.argv:
    import os

    cli_node = Node(os.environ.get("OPENSEARCH_URL", "http://127.0.0.1:9200"))
    cli_node.create()
    try:
        source = render_tables_module(node_fold_table(cli_node),
                                      word_break_classes(node_probe_tokens(cli_node)),
                                      cli_node.lucene_version())
    finally:
        cli_node.delete()
    (ROOT / "analyzers" / "_lucene_tables.py").write_text(source, encoding="utf-8")
    print("wrote analyzers/_lucene_tables.py")
    sys.exit(0)
