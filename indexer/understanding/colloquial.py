"""Colloquial Québec French (and a little everyday English) rewritten into the words records use.

A table of dialect forms, not of queries: "chu", "pu", "icitte", "ma job", "mon chum" are how
people write, whatever they ask (FORMS_FR; FORMS_EN for everyday English). `normalise` runs
before need understanding (`need.py`), so
"chu pu capable de payer mon loyer" reaches the classifier as "je suis plus incapable de payer
mon loyer". The lexical query is left as typed: the records are indexed as written, and an exact
query must find exactly what it finds today.

Forms are matched on whole words, case- and accent-blind ("icitte", "Icitte"); apostrophes may be
straight or curly. Multi-word forms are tried first (longest first), so "pas capable" becomes
"incapable" before "pas" is seen alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analyzers import chain

# Dialect form -> standard form. Grouped by what they are; every entry is a way of writing, used
# by many different needs.
FORMS_FR: dict[str, str] = {
    # pronouns and verbs contracted in speech
    "chu": "je suis", "chus": "je suis", "ch'suis": "je suis", "j'suis": "je suis", "jsuis": "je suis",
    "chuis": "je suis", "j'sais": "je sais", "jsais": "je sais", "j'peux": "je peux", "jpeux": "je peux",
    "j'veux": "je veux", "jveux": "je veux", "j'ai pu": "je n'ai plus", "pu": "plus",
    "y'a": "il y a", "y a": "il y a", "ya": "il y a", "y'en a": "il y en a", "y'é": "il est",
    "a l'a": "elle a", "ça l'a": "cela a", "toé": "toi", "moé": "moi", "lui y": "il",
    "pis": "puis", "ben": "bien", "pantoute": "pas du tout", "asteure": "maintenant",
    "icitte": "ici", "citte": "ci", "drette": "droit", "frette": "froid", "fret": "froid",
    "pas capable": "incapable", "pu capable": "incapable", "capab": "capable",
    "tanné": "épuisé", "tannée": "épuisée", "écoeuré": "épuisé", "écoeurée": "épuisée",
    "magané": "abîmé", "maganée": "abîmée", "pogné": "pris", "pognée": "prise",
    "checker": "vérifier", "chéquer": "vérifier",
    # everyday Québec nouns
    "job": "emploi", "jobine": "emploi", "djob": "emploi", "ouvrage": "travail", "boss": "patron",
    "chum": "conjoint", "blonde": "conjointe", "ex": "ex-conjoint",
    "char": "voiture", "chars": "voitures", "bécosses": "toilettes",
    "bouffe": "nourriture", "frigidaire": "réfrigérateur", "frigo": "réfrigérateur",
    "appart": "appartement", "coloc": "colocataire", "proprio": "propriétaire",
    "hydro": "électricité", "compte d'hydro": "facture d'électricité",
    "le bs": "l'aide sociale", "bs": "aide sociale", "chèque": "prestation",
    "ado": "adolescent", "ados": "adolescents", "flo": "enfant", "flos": "enfants",
    "p'tit": "petit", "p'tite": "petite", "ti-cul": "enfant",
    "burn-out": "épuisement professionnel", "burnout": "épuisement professionnel",
    "se faire mettre dehors": "expulsé", "mis dehors": "expulsé", "mettre dehors": "expulser",
    "slaqué": "congédié", "slacké": "congédié", "clairé": "congédié", "renvoyé": "congédié",
    "dans la rue": "itinérance", "sans toit": "itinérance",
}

# The same for English queries (people in the English interface write these).
FORMS_EN: dict[str, str] = {
    "can't": "cannot", "cant": "cannot", "kicked out": "evicted", "laid off": "job loss",
    "fired": "job loss", "lost my job": "job loss", "broke": "no money", "groceries": "food",
    "hydro bill": "electricity bill", "power bill": "electricity bill", "heat bill": "heating bill",
    "teen": "teenager", "teens": "teenagers", "kid": "child", "kids": "children",
    "bullied": "bullying", "picked on": "bullying", "meds": "medication", "pills": "medication",
}

_APOSTROPHES = str.maketrans({"’": "'", "`": "'", "ʼ": "'"})


FORMS = {"fr": FORMS_FR, "en": FORMS_EN}


@lru_cache(maxsize=2)
def _pattern(language: str) -> tuple[re.Pattern[str], dict[str, str]]:
    table = {chain.fold(k): v for k, v in FORMS[language].items()}
    alternatives = sorted(table, key=len, reverse=True)
    words = "|".join(re.escape(a) for a in alternatives)
    return re.compile(rf"(?<![\w'])(?:{words})(?![\w'])"), table


def normalise(text: str, language: str = "fr") -> str:
    """`text` with the dialect forms of `language` replaced (folded: lowercase, no accents). A
    query is analysed in both languages: "job" is "emploi" to the French analysis, "job" to the
    English one."""
    pattern, table = _pattern(language)
    folded = chain.fold(text.translate(_APOSTROPHES))
    return pattern.sub(lambda m: chain.fold(table[m.group(0)]), folded)
