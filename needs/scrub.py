"""Query text -> normalised text with personal information replaced by tokens (docs/architecture.md,
decision 9).

`scrub_query` is the only way query text reaches the log: it folds the text (lowercase, ASCII
folding as the `folded` analyzer does, so "Logement" and "logement" are one need), collapses
whitespace, then replaces, in this order (earlier patterns protect later ones from partial matches):

    emails                      -> [courriel]
    RAMQ health-card numbers    -> [ramq]        4 letters + 8 digits, spaces allowed
    full postal codes           -> their FSA     "H2X 1Y4" -> "h2x" (nothing finer than the FSA)
    phone numbers               -> [téléphone]   514-555-1234, (514) 555 1234, +1 514…, 1-800…, ext.
    dates (birth dates)         -> [date]        12/03/1985, 1985-03-12, 12 mars 1985, March 12, 1985
    social insurance numbers    -> [nas]         123 456 789, 123-456-789
    civic addresses, apartments -> [adresse]     "1234 rue Saint-Denis", "app. 5", "45 Main Street",
                                                 "120 RR 2", "C.P. 456", "PO Box 78"
    names after an introduction -> [nom]         "je m'appelle …", "my name is …", "mon nom est …"
    any other run of 7+ digits  -> [numéro]      card, file and account numbers

Harmless numbers keep their meaning: "3 1/2", "24/7", "2e étage", "211", "loyer 800 $", an FSA alone,
"1er juillet" (a date without a year is not a birth date).
"""

from __future__ import annotations

import re

from analyzers.chain import fold

MAX_STORED_CHARS = 200

PHONE = "[téléphone]"
EMAIL = "[courriel]"
RAMQ = "[ramq]"
SIN = "[nas]"
ADDRESS = "[adresse]"
DATE = "[date]"
NAME = "[nom]"
NUMBER = "[numéro]"
TOKENS = (PHONE, EMAIL, RAMQ, SIN, ADDRESS, DATE, NAME, NUMBER)

_SPACE = re.compile(r"\s+")

_EMAIL = re.compile(r"[a-z0-9._%+\-]+\s?(?:@|\(at\)|\[at\])\s?[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}")

# Four letters (first three of the surname, first of the given name) then 8 digits; people type
# it with or without spaces ("TREM 8503 1512", "trem85031512").
_RAMQ = re.compile(r"\b[a-z]{4}\s?\d{2}\s?\d{2}\s?\d{2}\s?\d{2}\b")

# Canada Post: letters D F I O Q U never appear; W and Z never first. Separator optional.
_POSTAL = re.compile(r"\b([abceghj-nprstvxy]\d[abceghj-nprstv-z])[\s\-]?\d[abceghj-nprstv-z]\d\b")

# North American numbers: optional +1/1 prefix, area code with or without parentheses, 3+4 digits,
# separators space . - ; optional extension. Ten digits run together count too.
_PHONE = re.compile(
    r"(?<![\w])(?:\+?\s?1[\s.\-]?)?(?:\(\s?\d{3}\s?\)|\d{3})[\s.\-]?\d{3}[\s.\-]?\d{4}"
    r"(?:\s?(?:poste|post|ext|x|#)\.?\s?\d{1,6})?(?!\d)"
)
# Seven digits in 3-4 form (a local number without area code): "555-1234".
_LOCAL_PHONE = re.compile(r"(?<![\w/])\d{3}[\s.\-]\d{4}(?![\w/])")

_MONTHS = (
    "janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|"
    "janv|fevr|fev|avr|juil|sept|oct|nov|dec|"
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep"
)
_DATE = re.compile(
    r"\b(?:"
    r"\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)?\d{2}"  # 12/03/1985, 12-3-85, 12.03.1985
    r"|(?:19|20)\d{2}[/.\-]\d{1,2}[/.\-]\d{1,2}"  # 1985-03-12
    rf"|\d{{1,2}}(?:er|re|st|nd|rd|th)?\s(?:{_MONTHS})\.?,?\s(?:19|20)\d{{2}}"  # 12 mars 1985
    rf"|(?:{_MONTHS})\.?\s\d{{1,2}}(?:st|nd|rd|th)?,?\s(?:19|20)\d{{2}}"  # March 12, 1985
    rf"|(?:ne|nee|born|date de naissance|ddn|dob)\s(?:le\s|on\s|en\s|in\s)?(?:{_MONTHS})?\s?(?:19|20)\d{{2}}"
    r")\b"
)

_SIN = re.compile(r"(?<![\d])\d{3}[\s\-]\d{3}[\s\-]\d{3}(?![\d])")

_STREET_TYPES = (
    "rue|avenue|av|ave|boulevard|boul|blvd|bd|chemin|ch|rang|montee|route|rte|place|pl|croissant|"
    "cote|allee|impasse|promenade|terrasse|carre|square|autoroute|street|st|road|rd|drive|dr|lane|ln|"
    "crescent|cres|court|ct|way|terrace|parkway"
)
_PARTICLES = r"(?:(?:des|du|de|la|le|of|the|sainte|saint|ste|st)\s|l'|d')*"
_DIRECTION = r"(?:\s(?:est|ouest|nord|sud|east|west|north|south|e|o|n|s|w))?"
# "1234 rue Saint-Denis Est", "1234, boul. René-Lévesque", "5-1200 2e avenue": a civic number, an
# optional ordinal, a street type, its particles and one (hyphenated) name word.
_CIVIC = re.compile(
    rf"\b\d{{1,6}}[a-z]?(?:-\d{{1,6}})?,?\s(?:\d{{1,3}}(?:e|er|re|eme|nd|rd|th|st)\s)?"
    rf"(?:{_STREET_TYPES})\b\.?\s?{_PARTICLES}[\w'\-]+{_DIRECTION}\b"
)
# "45 Main Street", "12 Oak Rd": number, one or two name words, then an English street type.
_CIVIC_EN = re.compile(
    r"\b\d{1,6}[a-z]?\s(?:[a-z][\w'\-]*\s){1,2}(?:street|st|road|rd|avenue|ave|drive|dr|lane|ln|"
    r"crescent|cres|court|ct|boulevard|blvd|way|terrace|parkway)\b\.?"
)
# Rural routes (with the civic number before them) and post-office boxes.
_RURAL_OR_BOX = re.compile(
    r"\b(?:\d{1,6}[a-z]?,?\s)?(?:r\.?\s?r\.?|route rurale|rural route)\s?#?\s?\d{1,3}\b"
    r"|\b(?:c\.\s?p\.|cp|case postale|p\.?\s?o\.?\s?box|box)\s?#?\s?\d{1,6}\b"
)
_APARTMENT = re.compile(
    r"(?:\b(?:app|appt|apt|appartement|apartment|unit|unite|suite|local|porte|door)\b\.?\s?(?:no\.?\s?|#\s?)?"
    r"|#\s?)\d{1,5}[a-z]?\b"
)

_INTRODUCTIONS = (
    r"je m'appelle|je m appelle|jm'appelle|mon nom est|mon nom c'est|moi c'est"
    r"|my name is|my name's|i am called|call me"
)
# Words that end a name: connectors and the start of the actual request.
_NAME_STOP = (
    "et|and|pis|je|j'ai|i|i'm|im|cherche|looking|need|besoin|ai|suis|am|de|a|au|pour|for|with|avec|"
    "mais|but|qui|who|dans|in|sur|on"
)
_NAME = re.compile(
    rf"\b({_INTRODUCTIONS})\s((?:(?!(?:{_NAME_STOP})\b)[a-z][\w'\-]*\s?){{1,3}})"
)

_DIGITS = re.compile(r"(?<![\w])\d(?:[\s\-.]?\d){6,}(?![\w])")


def normalise(text: str) -> str:
    """Folded (lowercase, ASCII) with whitespace collapsed: the comparable form of a query."""
    return _SPACE.sub(" ", fold(text or "")).strip()


def _name(match: re.Match[str]) -> str:
    return f"{match.group(1)} {NAME} "


def scrub_query(text: str) -> str:
    """The normalised query with personal information replaced (module docstring); never raises."""
    out = normalise(text)
    if not out:
        return ""
    out = _EMAIL.sub(EMAIL, out)
    out = _RAMQ.sub(RAMQ, out)
    out = _POSTAL.sub(lambda m: m.group(1), out)
    out = _PHONE.sub(PHONE, out)
    out = _DATE.sub(DATE, out)
    out = _SIN.sub(SIN, out)
    out = _LOCAL_PHONE.sub(PHONE, out)
    out = _RURAL_OR_BOX.sub(ADDRESS, out)
    out = _CIVIC.sub(ADDRESS, out)
    out = _CIVIC_EN.sub(ADDRESS, out)
    out = _APARTMENT.sub(ADDRESS, out)
    out = _NAME.sub(_name, out)
    out = _DIGITS.sub(NUMBER, out)
    out = _SPACE.sub(" ", out).strip()
    if len(out) > MAX_STORED_CHARS:
        out = out[:MAX_STORED_CHARS].rsplit(" ", 1)[0]
    return out
