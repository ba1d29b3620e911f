"""Place names folded to the key they are looked up by (accents, case, punctuation, St-/Ste-)."""

from __future__ import annotations

import re
import unicodedata

# Token rewrites applied after accents, case and punctuation are gone. Québec writes the
# hagionyms of most of its towns abbreviated ("St-Jérôme", "Ste-Julie", "Sts-Anges").
_TOKEN_EXPANSIONS = {
    "st": "saint",
    "ste": "sainte",
    "sts": "saints",
    "stes": "saintes",
    "mt": "mont",
}
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Characters NFKD leaves whole but people type either way.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o"})
# Words people put around a name that are not part of it; tried only when the full name fails.
NAME_PREFIXES = (
    "ville de ",
    "ville d ",
    "city of ",
    "town of ",
    "municipalite de ",
    "municipalite d ",
    "paroisse de ",
    "canton de ",
    "village de ",
)
NAME_SUFFIXES = (  # longest first
    " province de quebec",
    " quebec canada",
    " qc canada",
    " quebec",
    " canada",
    " qc",
)


def normalize_name(text: str) -> str:
    """The key a place name is looked up by: accents, case, punctuation and abbreviations folded.

    ``"Saint-Jérôme"``, ``"ST JEROME"`` and ``"st-jerome"`` all give ``"saint jerome"``.
    """
    folded = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    tokens = _NON_ALNUM.sub(" ", folded).split()
    return " ".join(_TOKEN_EXPANSIONS.get(t, t) for t in tokens)


def plain_key(text: str) -> str:
    """Like normalize_name without abbreviation expansion (a prefix "st" may start "Stanstead")."""
    folded = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return " ".join(_NON_ALNUM.sub(" ", folded).split())
