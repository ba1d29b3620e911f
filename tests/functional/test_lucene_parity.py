"""Parity between the Python analysis mirror (analyzers.chain) and real Lucene 8.7.

The Java side (lucene/AnalyzeParity.java) builds the same chains with Lucene's own classes
(StandardTokenizer, ElisionFilter, LowerCaseFilter, StopFilter, ASCIIFoldingFilter, SnowballFilter,
EnglishPossessiveFilter), reading stop words and elision articles from files written here out of
analyzers/definitions.py, so both sides use one definition. Each language runs in one JVM (~1 s).

Phrase sources are functions returning phrases (`PHRASE_SOURCES`); append more (e.g. the demo
directory) without touching the tests.

Regenerate analyzers/_lucene_tables.py after a Lucene upgrade:
    .venv/bin/python tests/functional/test_lucene_parity.py --write-tables
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # allows running this file as a script
    sys.path.insert(0, str(ROOT))

from analyzers import chain, definitions  # noqa: E402

HERE = Path(__file__).resolve().parent / "lucene"
JAVA_PROGRAM = HERE / "AnalyzeParity.java"
LUCENE_DIRS = [os.environ.get("LUCENE_JARS_DIR", ""), "/usr/share/java"]

# Known Snowball version differences. Lucene 8.7 bundles the Snowball stemmers of ~2013; PyStemmer 3.1
# bundles Snowball 3.x. (OpenSearch 2.x runs Lucene 9, whose Snowball was upgraded to the 2021 release,
# so the English rows should vanish against a real cluster: check with a live `_analyze`.)
# (language, Lucene term, PyStemmer term) -> a word showing it. Each engine is self-consistent (index
# and query use the same stemmer), so these change conflation, not recall of the exact word.
# `test_known_snowball_differences_still_differ` keeps the list from going stale.
KNOWN_STEM_DIFFERENCES: dict[tuple[str, str, str], str] = {
    # French: newer Snowball keeps "-ais" on "palais" and removes "-aise(s)" as an adjective ending.
    ("fr", "francais", "franc"): "française",
    ("fr", "pal", "palais"): "Palais",
    # Snowball 3 French strips a leading elided article itself; Lucene's older stemmer leaves the
    # second article of a doubled elision (ElisionFilter only strips the first one).
    ("fr", "l'eau", "eau"): "l'l'eau",
    ("fr", "l'hiv", "hiv"): "d’l’hiver",
    # English, Snowball 2.x: "emerg", "organ", "univers" (with "past", "later", ...) became
    # exceptional R1 prefixes so emergency/organization/university stop conflating with
    # emerge/organ/universe ...
    ("en", "emerg", "emergenc"): "Emergency",
    ("en", "organ", "organiz"): "organization's",
    ("en", "univers", "universiti"): "University's",
    # ... and "-ogist" is now stemmed to "-og", joining psychologist with psychology.
    ("en", "psychologist", "psycholog"): "psychologist",
    ("en", "biologist", "biolog"): "biologists",
    # Snowball 2.x English lists "evening" among the invariant words so it no longer meets "even".
    ("en", "even", "evening"): "evening",
    # ... and "-ed" after a short stem is kept apart ("added" no longer meets "ad").
    ("en", "ad", "add"): "added",
    # French, Snowball 2.x: "-aise(s)" is no longer stripped from "punaises" down to "pun".
    ("fr", "punais", "pun"): "punaises",
    ("en", "gynecologist", "gynecolog"): "gynecologists",
}


# ----------------------------------------------------------------------------- running Lucene

def lucene_classpath() -> str | None:
    for directory in LUCENE_DIRS:
        if not directory:
            continue
        core = sorted(glob.glob(os.path.join(directory, "lucene-core-8*.jar")))
        common = sorted(glob.glob(os.path.join(directory, "lucene-analyzers-common-8*.jar")))
        if core and common:
            return os.pathsep.join([core[-1], common[-1]])
    return None


def write_lucene_config(directory: Path) -> Path:
    """Write the word lists the Java program reads, from analyzers.definitions."""
    directory.mkdir(parents=True, exist_ok=True)
    lists = {
        "fr_stopwords.txt": definitions.FILTERS["fr_stop"]["stopwords"],
        "en_stopwords.txt": definitions.FILTERS["en_stop"]["stopwords"],
        "fr_elision_articles.txt": definitions.FILTERS["fr_elision"]["articles"],
    }
    for name, words in lists.items():
        (directory / name).write_text("\n".join(words) + "\n", encoding="utf-8")
    return directory


def run_lucene(mode: str, lines: list[str], config_dir: Path) -> list[list[tuple[str, int, int, int]]]:
    """Run one JVM over all lines; return per line the tokens (term, start, end, position)."""
    classpath = lucene_classpath()
    assert classpath, "Lucene jars not found"
    for line in lines:
        assert "\n" not in line and "\r" not in line, "one phrase per line"
    proc = subprocess.run(
        ["java", "-cp", classpath, str(JAVA_PROGRAM), mode, str(config_dir)],
        input="\n".join(lines) + "\n", capture_output=True, text=True, encoding="utf-8",
        timeout=600, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.split("\n")
    assert len(out) == len(lines) + 1 and out[-1] == "", "Java printed an unexpected number of lines"
    results = []
    for line, text in zip(out, lines, strict=False):
        tokens = []
        position = -1
        utf16_to_index = _utf16_offsets(text)
        if line:
            for field in line.split("\t"):
                term, start, end, increment = field.rsplit(" ", 3)
                position += int(increment)
                tokens.append((term, utf16_to_index[int(start)], utf16_to_index[int(end)], position))
        results.append(tokens)
    return results


def _utf16_offsets(text: str) -> dict[int, int]:
    """Java offsets count UTF-16 code units; map them to Python string indices."""
    mapping = {}
    units = 0
    for index, char in enumerate(text):
        mapping[units] = index
        units += 2 if ord(char) > 0xFFFF else 1
    mapping[units] = len(text)
    return mapping


# ----------------------------------------------------------------------------- Lucene tables

def lucene_fold_table(config_dir: Path) -> dict[int, str]:
    classpath = lucene_classpath()
    proc = subprocess.run(
        ["java", "-cp", classpath, str(JAVA_PROGRAM), "foldtable", str(config_dir)],
        capture_output=True, text=True, encoding="utf-8", check=True, timeout=300,
    )
    table = {}
    for line in proc.stdout.splitlines():
        code, folded = line.split("\t", 1)
        table[int(code, 16)] = folded
    return table


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


def lucene_probe_tokens(config_dir: Path) -> tuple[list[int], list[str], list[list[tuple]]]:
    """Every BMP character in each probe context, and Lucene's tokens for each probe line."""
    chars = [c for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF and c not in (0x0A, 0x0D)]
    lines = [probe(chr(c)) for c in chars for probe in _PROBES]
    return chars, lines, run_lucene("tokenizer", lines, config_dir)


def lucene_word_break_classes(config_dir: Path, probed=None) -> dict[str, list[tuple[int, int]]]:
    """Word-break class of every BMP character as Lucene 8.7's StandardTokenizer (Unicode 9) sees it,
    found by probing the tokenizer; returned as ranges per class (class "Other" omitted)."""
    chars, _, tokens = probed or lucene_probe_tokens(config_dir)
    per_class: dict[str, list[tuple[int, int]]] = {}
    n = len(_PROBES)
    for i, c in enumerate(chars):
        results = [[t[0] for t in tokens[i * n + k]] for k in range(n)]
        kind = _classify(chr(c), results)
        if kind == "Other":
            continue
        ranges = per_class.setdefault(kind, [])
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1] = (ranges[-1][0], c)
        else:
            ranges.append((c, c))
    return per_class


def render_tables_module(fold: dict[int, str], classes: dict[str, list[tuple[int, int]]]) -> str:
    lines = [
        '"""Tables read out of Lucene 8.7 -- GENERATED, do not edit.',
        "",
        "Regenerate with `.venv/bin/python tests/functional/test_lucene_parity.py --write-tables`;",
        "tests/functional/test_lucene_parity.py checks they still equal what Lucene does.",
        "",
        "FOLDING: ASCIIFoldingFilter.foldToASCII for every BMP character it changes.",
        "WORD_BREAK: StandardTokenizer's word-break class of each BMP character, as (first, last) ranges.",
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
    ]


def _demo_directory(language: str) -> Callable[[], list[str]]:
    """Names, descriptions, eligibility and how-to-apply texts of a small demo directory."""

    def source() -> list[str]:
        from directory.demo import generator

        return generator.sample_phrases_by_language(limit=600, seed=7)[language]

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
    return list(dict.fromkeys(p for p in collected if "\n" not in p and "\r" not in p))


# ----------------------------------------------------------------------------- tests

@pytest.fixture(scope="module")
def lucene_config(tmp_path_factory) -> Path:
    if shutil.which("java") is None:
        pytest.skip("java is not installed (Debian: openjdk-17-jre-headless)")
    if lucene_classpath() is None:
        pytest.skip("Lucene 8 jars not found in /usr/share/java (Debian: liblucene8-java)")
    return write_lucene_config(tmp_path_factory.mktemp("lucene"))


def _compare(language: str, analyzer: str, mode: str, config: Path, texts: Iterable[str]):
    texts = list(texts)
    started = time.perf_counter()
    expected = run_lucene(mode, texts, config)
    java_seconds = time.perf_counter() - started
    mismatches = []
    stem_differences: dict[tuple[str, str], str] = {}  # differences met that are known
    for text, lucene_tokens in zip(texts, expected, strict=True):
        ours = [tuple(t) for t in chain.tokens_with(analyzer, text)]
        if ours == lucene_tokens:
            continue
        same_shape = len(ours) == len(lucene_tokens) and all(
            a[1:] == b[1:] for a, b in zip(ours, lucene_tokens, strict=True))
        if same_shape:
            diffs = {(b[0], a[0]): text[a[1]:a[2]] for a, b in zip(ours, lucene_tokens, strict=True)
                     if a[0] != b[0]}
            if all((language, lucene_term, python_term) in KNOWN_STEM_DIFFERENCES
                   for lucene_term, python_term in diffs):
                for (lucene_term, python_term), word in diffs.items():
                    stem_differences[(lucene_term, python_term)] = word
                continue
        mismatches.append((text, lucene_tokens, ours))
    return mismatches, stem_differences, java_seconds


def _report(mismatches) -> str:
    lines = []
    for text, lucene_tokens, ours in mismatches[:20]:
        lines.append(f"{text!r}\n  lucene: {lucene_tokens}\n  python: {ours}")
    return f"{len(mismatches)} phrases differ:\n" + "\n".join(lines)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_language_chain_gives_the_same_tokens_as_lucene(language, lucene_config):
    texts = phrases(language)
    assert len(texts) >= 500
    mismatches, _, java_seconds = _compare(language, f"text_{language}", language, lucene_config,
                                           texts)
    assert not mismatches, _report(mismatches)


def test_folded_analyzer_gives_the_same_tokens_as_lucene(lucene_config):
    texts = phrases("fr") + phrases("en")
    mismatches, _, _ = _compare("folded", "folded", "folded", lucene_config, texts)
    assert not mismatches, _report(mismatches)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_known_snowball_differences_still_differ(language, lucene_config):
    """Every listed difference must still occur, so the list never outlives a Snowball upgrade."""
    known = [(lucene_term, python_term, word) for (lang, lucene_term, python_term), word
             in KNOWN_STEM_DIFFERENCES.items() if lang == language]
    if not known:
        pytest.skip(f"no known {language} differences listed")
    words = [word for _, _, word in known]
    lucene = run_lucene(language, words, lucene_config)
    for (lucene_term, python_term, word), tokens in zip(known, lucene, strict=True):
        assert [t[0] for t in tokens] == [lucene_term], word
        assert chain.analyze(word, language) == [python_term], word


def test_embedded_fold_table_matches_lucene(lucene_config):
    from analyzers._lucene_tables import FOLDING

    assert lucene_fold_table(lucene_config) == FOLDING


@pytest.mark.slow
def test_embedded_word_break_classes_match_lucene(lucene_config):
    from analyzers._lucene_tables import WORD_BREAK

    probed = lucene_probe_tokens(lucene_config)
    assert {k: list(v) for k, v in WORD_BREAK.items()} == lucene_word_break_classes(
        lucene_config, probed)
    # And the tokenizer built from them splits every probe (each BMP character between letters,
    # digits, katakana, ideographs...) exactly as Lucene does.
    _, lines, tokens = probed
    differing = [(line, [t[0] for t in lucene]) for line, lucene in zip(lines, tokens, strict=True)
                 if chain.split_words(line) != [t[0] for t in lucene]]
    assert not differing, differing[:20]


if __name__ == "__main__" and "--write-tables" in sys.argv:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        cfg = write_lucene_config(Path(tmp))
        source = render_tables_module(lucene_fold_table(cfg), lucene_word_break_classes(cfg))
    (ROOT / "analyzers" / "_lucene_tables.py").write_text(source, encoding="utf-8")
    print("wrote analyzers/_lucene_tables.py")
    sys.exit(0)
