"""A place written in the "what" box: found, taken out of the text, used as the origin.

"banque alimentaire Sherbrooke", "food bank near Trois-Rivieres", "dépannage H2X 1Y4",
"aide à domicile en Estrie": the place is removed from the query text and used exactly as if it had
been typed in the place box (`directory.geo.resolve_place`: the distance decay and the radius of
docs/architecture.md, decision 5); a region becomes the region filter (a region has no point to
measure from). Only one place is taken per query (the first one the rule accepts).

What is a place name: everything the place box understands (the simplemaps places, former
municipalities and districts named by FSA areas, Montréal boroughs, their aliases), matched
accent-, case- and hyphen-insensitively with the "St-", "Ste-", "Saint-" forms folded
(`directory.geo.normalize_name`), a few common short forms (SHORT_FORMS: "mtl", "st-jean",
"rouyn"…), the 17 administrative regions (French and English names and short forms), full postal
codes and Québec FSAs ("H2X", only when the FSA exists).

The rule for ambiguous words (a name that is also a need word, a surname, a street or part of an
organization's name), in this order:

1. A postal code or an FSA is always a place.
2. Never a place: a name joined by a hyphen to a word outside it ("Hydro-Québec",
   "Honoré-Mercier"), right after a street word ("rue Laval", "boulevard Saint-Laurent") or an
   institution word ("Université Laval", "Hôpital Sainte-Anne", with or without "de" between),
   after "du" ("Revenu du Québec"), or right before a street word ("Sherbrooke Street",
   "Sherbrooke Est").
3. After a place cue ("près de", "proche de", "à côté de", "autour de", "à", "au", "aux", "en",
   "dans", "near", "in", "around", "close to"): a place, whatever the name. The cue is removed with
   it.
4. Without a cue, a name of several words ("Trois-Rivières", "Mont-Joli", "St-Jérôme") is a place
   anywhere in the query.
5. Without a cue, a one-word name is a place only at the start or the end of the query, and only
   when the word is not an everyday word: not a word of the need vocabulary (the category tree's
   labels and descriptions and the synonym rules, both languages, and the stop words), not one of
   COMMON_WORDS (names that are also surnames or everyday words: "Mercier", "Normandin",
   "Nouvelle", "Price", "Racine"…). So "banque alimentaire Mercier" searches the word, and
   "banque alimentaire à Mercier" searches near Mercier. "Québec" at an end is the city (rule 2
   keeps "Revenu Québec" and "Services Québec" out by their institution word, "du Québec" by
   "du").

A query that is only a place ("Sherbrooke", "H2X 1Y4") keeps no text: every service near the
place, nearest first. When the place box is filled (or coordinates are given), the box wins and the
text is left alone (indexer/understanding/__init__.py).

Cost: a dictionary look-up per word n-gram (at most MAX_NAME_WORDS words); the tables are built
once per process from the gazetteer already loaded for the place box.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from analyzers import definitions
from analyzers.synonyms import SYNONYMS_PATH
from directory import geo, taxonomy
from directory.geo.gazetteer import gazetteer

MAX_NAME_WORDS = 7  # the longest gazetteer key ("saint ... de ...") has 7 words

# Words the rule needs, folded (accents and case gone, normalize_name's "st" → "saint" applied).
CUES: tuple[tuple[str, ...], ...] = tuple(sorted((tuple(c.split()) for c in (
    "pres de", "pres d", "proche de", "proche d", "a cote de", "a cote d", "autour de", "autour d",
    "aux alentours de", "dans la region de", "dans la region d", "region de", "region d",
    "dans le secteur de", "secteur de", "a", "au", "aux", "en", "dans", "near", "in", "around",
    "close to", "nearby", "pres", "proche",
)), key=len, reverse=True))
# Articles a cue may be followed by before the name ("dans la Mauricie", "à l'Île-Perrot").
_ARTICLES = frozenset({"la", "le", "les", "l", "the"})
STREET_WORDS = frozenset({
    "rue", "boulevard", "boul", "bd", "blvd", "avenue", "av", "ave", "chemin", "ch", "route", "rang",
    "montee", "autoroute", "street", "road", "rd", "pont", "bridge", "metro", "station", "place",
    "carre", "square", "parc", "park",
})
INSTITUTION_WORDS = frozenset({
    "universite", "university", "cegep", "college", "ecole", "school", "hopital", "hospital",
    "eglise", "church", "paroisse", "parish", "maison", "centre", "center", "pavillon", "foyer",
    "residence", "revenu", "services", "retraite", "emploi", "loto", "hydro", "sante", "justice",
    "habitation", "transports", "clinique", "societe", "society", "fondation", "foundation", "chu",
})
_OF = frozenset({"de", "d", "of"})
STREET_AFTER = frozenset({"street", "st", "saint", "avenue", "ave", "road", "rd", "boulevard", "blvd",
                          "est", "ouest", "east", "west", "nord", "sud"})
# Place names that are also surnames or everyday words: a place only after a cue (rule 5).
COMMON_WORDS = frozenset({
    "mercier", "normandin", "nouvelle", "price", "racine", "gore", "maria", "lorraine", "scott",
    "austin", "champlain", "frontenac", "richelieu", "labelle", "larouche", "plaisance", "charlemagne",
    "shannon", "hudson", "richmond", "windsor", "stoke", "bury", "bristol", "nantes", "melbourne",
    "cleveland", "clermont", "upton", "compton", "eastman", "chatham", "amherst", "hope", "havre",
    "riviere", "pointe", "bonheur", "lac", "mont", "cap", "val", "ile", "anse", "baie", "grande",
    "port", "saint", "sainte",
})
# Short forms people type that the gazetteer does not hold: folded form → the name it stands for.
SHORT_FORMS = {
    "mtl": "Montréal", "montreal ville": "Montréal", "qc city": "Québec", "ville de quebec": "Québec",
    "trois rivieres": "Trois-Rivières", "3 rivieres": "Trois-Rivières",
    "saint jean": "Saint-Jean-sur-Richelieu", "rouyn": "Rouyn-Noranda",
    "vaudreuil": "Vaudreuil-Dorion", "salaberry": "Salaberry-de-Valleyfield",
    "riviere du loup": "Rivière-du-Loup", "rdl": "Rivière-du-Loup", "val d or": "Val-d'Or",
    "sept iles": "Sept-Îles", "iles de la madeleine": "Les Îles-de-la-Madeleine",
    "saint hyacinthe": "Saint-Hyacinthe", "drummond": "Drummondville",
    "victo": "Victoriaville", "sherby": "Sherbrooke", "shawi": "Shawinigan",
}
# Region short forms and English names (folded) → region code.
REGION_FORMS = {
    "gaspesie": "11", "iles de la madeleine region": "11", "gaspe peninsula": "11",
    "saguenay lac saint jean": "02", "lac saint jean": "02", "abitibi": "08", "temiscamingue": "08",
    "eastern townships": "05", "cantons de l est": "05", "cote nord": "09", "north shore": "09",
    "bas saint laurent": "01", "lower saint lawrence": "01", "beauce": "12", "monteregie": "16",
    "quebec city region": "03", "region de quebec": "03", "centre du quebec": "17",
}
_TOKEN = re.compile(r"[^\W_]+")
_POSTAL_FULL = re.compile(r"^([a-z]\d[a-z])(\d[a-z]\d)?$")
_JOINERS = frozenset({"-", "‐", "‑", "–"})
_APOSTROPHES = frozenset({"'", "’"})


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # as typed
    key: str  # folded (normalize_name), "st" → "saint"
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class FoundPlace:
    """A place found in the text: the span to remove, what it resolves to."""

    start: int  # character span in the query, cue included
    end: int
    text: str  # the place's words as typed, without the cue
    label: str
    kind: str  # municipality | postal_code | fsa | region
    origin: geo.Origin | None  # None for a region
    region_code: str | None


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if not unicodedata.combining(c)).casefold()


@cache
def _vocabulary() -> frozenset[str]:
    """The need vocabulary (rule 5): every folded word of the category tree and the synonyms."""
    words: set[str] = set()
    for category in taxonomy.categories():
        for text in (category.name_fr, category.name_en, category.description_fr,
                     category.description_en):
            words.update(_TOKEN.findall(_fold(text)))
    words.update(_TOKEN.findall(_fold(SYNONYMS_PATH.read_text(encoding="utf-8"))))
    for stop in definitions.FRENCH_STOP_WORDS + definitions.ENGLISH_STOP_WORDS:
        words.add(_fold(stop))
    # The tree's descriptions name the province and its metropolis; at an end of a query, the city
    # is meant ("banque alimentaire Montréal").
    words.difference_update({"quebec", "montreal"})
    return frozenset(words)


@cache
def _names() -> dict[str, tuple[str, str]]:
    """Folded name → (kind, value): ("place", text resolve_place accepts) or ("region", code)."""
    g = gazetteer()
    names: dict[str, tuple[str, str]] = {}
    for code, region in g.regions.items():
        for name in (region.name_fr, region.name_en):
            names[geo.normalize_name(name)] = ("region", code)
    for form, code in REGION_FORMS.items():
        names[form] = ("region", code)
    for key in list(g.places_by_key) + list(g.localities):
        names[key] = ("place", key)  # a city outranks the region of the same name (Laval, Montréal)
    for form, name in SHORT_FORMS.items():
        names.setdefault(form, ("place", name))
    return names


def tokens(text: str) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(text):
        key = geo.normalize_name(m.group())
        if key:
            out.append(Token(m.group(), key, m.start(), m.end()))
    return out


def _joined(text: str, left: Token, right: Token) -> bool:
    """The two words are one compound ("Hydro-Québec"), not two words side by side."""
    between = text[left.end:right.start]
    return len(between) == 1 and between in _JOINERS


def _resolve(kind: str, value: str) -> tuple[geo.Origin | None, str, str | None] | None:
    if kind == "region":
        region = geo.regions()[value]
        return None, region.name_fr, value
    try:
        origin = geo.resolve_place(value)
    except geo.PlaceError:
        return None
    return origin, origin.label, origin.region_code


def _postal(toks: list[Token], i: int) -> tuple[int, str] | None:
    """A postal code (one word or two) or a known Québec FSA starting at word i: (words, text)."""
    first = toks[i].key
    m = _POSTAL_FULL.match(first)
    if not m:
        return None
    if m.group(2):
        return 1, first
    if i + 1 < len(toks) and re.fullmatch(r"\d[a-z]\d", toks[i + 1].key):
        return 2, first + toks[i + 1].key
    if first.upper() in gazetteer().fsa_points:
        return 1, first
    return None


def _cue_before(toks: list[Token], i: int) -> int | None:
    """Index of the first word of a place cue ending right before word i (articles skipped)."""
    j = i
    if j > 0 and toks[j - 1].key in _ARTICLES:
        j -= 1
    keys = [t.key for t in toks[:j]]
    for cue in CUES:
        if len(cue) <= len(keys) and tuple(keys[len(keys) - len(cue):]) == cue:
            return j - len(cue)
    return None


def _blocked(text: str, toks: list[Token], i: int, n: int) -> bool:
    """Rule 2: the words i..i+n-1 are part of something else than a place."""
    if i > 0 and _joined(text, toks[i - 1], toks[i]):
        return True
    if i + n < len(toks) and _joined(text, toks[i + n - 1], toks[i + n]):
        return True
    if i + n < len(toks) and _fold(toks[i + n].text) in STREET_AFTER:
        return True
    before = [t.key for t in toks[max(0, i - 2):i]]
    if before and before[-1] in ("du",):
        return True
    if before and before[-1] in STREET_WORDS | INSTITUTION_WORDS:
        return True
    if len(before) == 2 and before[-1] in _OF and before[0] in INSTITUTION_WORDS:
        return True
    return False


def find_place(q: str) -> FoundPlace | None:
    """The place the rule (module docstring) finds in the query text, or None."""
    toks = tokens(q)
    if not toks:
        return None
    names = _names()
    vocabulary = _vocabulary()
    for i in range(len(toks)):
        postal = _postal(toks, i)
        if postal is not None:
            n, code = postal
            try:
                origin = geo.resolve_place(code)
            except geo.PlaceError:
                continue
            cue = _cue_before(toks, i)
            start = toks[cue if cue is not None else i].start
            typed = q[toks[i].start:toks[i + n - 1].end]
            return FoundPlace(start, toks[i + n - 1].end, typed, origin.label, origin.kind, origin,
                              origin.region_code)
        for n in range(min(MAX_NAME_WORDS, len(toks) - i), 0, -1):
            key = " ".join(t.key for t in toks[i:i + n])
            entry = names.get(key)
            if entry is None or _blocked(q, toks, i, n):
                continue
            cue = _cue_before(toks, i)
            if cue is None and n == 1:  # rule 5
                at_edge = i == 0 or i + n == len(toks)
                if not at_edge or key in vocabulary or key in COMMON_WORDS:
                    continue
            resolved = _resolve(entry[0], entry[1])
            if resolved is None:
                continue
            found_origin, label, region_code = resolved
            start = toks[cue].start if cue is not None else toks[i].start
            # "banque alimentaire de Sherbrooke": the "de" goes with the place it introduced.
            if cue is None and i > 0 and toks[i - 1].key in _OF and i + n == len(toks):
                start = toks[i - 1].start
            typed = q[toks[i].start:toks[i + n - 1].end]
            kind = "region" if entry[0] == "region" else "municipality"
            return FoundPlace(start, toks[i + n - 1].end, typed, label, kind, found_origin, region_code)
    return None


def without(q: str, found: FoundPlace) -> str:
    """The query text with the place (and its cue) removed, punctuation left at the seam tidied."""
    rest = (q[:found.start].rstrip(" ,;:/-") + " " + q[found.end:].lstrip(" ,;:/-.")).strip()
    return " ".join(rest.split())
