"""Query text -> only the words the portal knows (docs/architecture.md, decision 9; docs/privacy.md).

The patterns of `needs.scrub` only catch the forms someone thought of; this is the other way round.
`reduce_query` keeps a token of the (already pattern-scrubbed, folded) query only when it is

* a word of the vocabulary (`needs.vocabulary.Vocabulary`: index terms found in at least k services,
  synonym and category words in both languages, municipality and region names, function words),
* a token the patterns put there ("[téléphone]", "[adresse]"…) or a postal FSA ("h2x"),
* one of the stated numbers: 211, 811, 911, "24/7", a dwelling size "3 1/2" (a Québec way of
  saying how many rooms), or an age written with "ans"/"years", stored as its band ("16 ans" ->
  "12-17 ans").

Every other word becomes the placeholder "…" (a run of them, one "…"); every other number (and any
word holding a digit: "2e", "1er", "b12") and all punctuation are dropped. A French elision keeps
its article: "l'aide" stays, "l'Xyz" -> "l'…".
A hyphenated word is kept whole only when the whole is known ("halte-garderie", "saint-jean-sur-
richelieu"): the parts of an unknown compound, such as a street name, are not looked at one by one.
"""

from __future__ import annotations

import re
from collections.abc import Container

from needs.scrub import TOKENS

PLACEHOLDER = "…"
KEPT_NUMBERS = frozenset({"211", "811", "911"})
# (lowest age, label) in increasing order: an age is stored as the label of its band.
AGE_BANDS = ((0, "0-5"), (6, "6-11"), (12, "12-17"), (18, "18-24"), (25, "25-34"), (35, "35-49"),
             (50, "50-64"), (65, "65+"))
MAX_AGE = 120
ELISIONS = frozenset({"l", "d", "j", "m", "t", "s", "n", "c", "qu", "jusqu", "lorsqu", "puisqu"})

_FSA = re.compile(r"[abceghj-nprstvxy]\d[abceghj-nprstv-z]")
_TOKEN = re.compile(
    r"(?P<mark>\[[^\]\s]{1,20}\])"
    r"|(?P<dwelling>(?<![\d/])[1-9] ?1/2(?![\d/]))"
    r"|(?P<always>(?<![\d/])24/7(?![\d/]))"
    r"|(?<![\d\w])(?P<age>\d{1,3})(?:\s?(?:-|a|to|et)\s?(?P<age_to>\d{1,3}))?\s?"
    r"(?P<unit>ans|an|years|year|yrs|yr|yo)(?![\w])"
    r"|(?P<word>[a-z0-9]+(?:['\-][a-z0-9]+)*)'?"
)
_SPACE = re.compile(r"\s+")


def age_band(age: int) -> str | None:
    if age > MAX_AGE:
        return None
    label = AGE_BANDS[0][1]
    for lowest, name in AGE_BANDS:
        if age >= lowest:
            label = name
    return label


def _word(word: str, known: Container[str]) -> str:
    """The word as stored: itself when known, its elided article + "…", or "…" (numbers: "")."""
    if word in known:
        return word
    if word.isdigit():
        return word if word in KEPT_NUMBERS else ""
    if _FSA.fullmatch(word):
        return word  # a postal FSA: the coarse place the log keeps anyway
    if any(ch.isdigit() for ch in word):
        return ""  # "2e", "1er", "b12": numbers are dropped (not even a placeholder)
    if "'" in word:
        head, rest = word.split("'", 1)
        if head in ELISIONS:
            kept = _word(rest, known)
            return f"{head}'{kept}" if kept else ""
    return PLACEHOLDER


def reduce_query(scrubbed: str, known: Container[str]) -> str:
    """The pattern-scrubbed, folded query reduced to known tokens (module docstring)."""
    out: list[str] = []
    for match in _TOKEN.finditer(scrubbed.replace("’", "'")):
        kind = match.lastgroup
        if kind == "mark":
            token = match.group("mark")
            kept = token if token in TOKENS else PLACEHOLDER
        elif kind == "dwelling":
            kept = match.group("dwelling").replace(" ", "")[0] + " 1/2"
        elif kind == "always":
            kept = "24/7"
        elif kind == "word":
            kept = _word(match.group("word"), known)
        else:  # an age: the band of its first number ("18-25 ans" -> "18-24 ans")
            band = age_band(int(match.group("age")))
            unit = "ans" if match.group("unit") in ("ans", "an") else "years"
            kept = f"{band} {unit}" if band else ""
        if not kept or (kept == PLACEHOLDER and out and out[-1].endswith(PLACEHOLDER)):
            continue
        out.append(kept)
    return _SPACE.sub(" ", " ".join(out)).strip()
