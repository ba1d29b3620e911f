"""Canadian postal codes and forward sortation areas (FSA), and the FSAs whose region is known
from the code alone."""

from __future__ import annotations

import re

# Canada Post never uses D, F, I, O, Q, U; W and Z never start a postal code.
POSTAL_CODE = re.compile(r"[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\d[ABCEGHJ-NPRSTV-Z]\d")
FSA_CODE = re.compile(r"[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]")
_POSTAL_SEPARATORS = str.maketrans("", "", " -\t\n\r\u00a0\u202f")
# Québec FSAs start with G, H or J (K, for Ontario, stops at the Ottawa River).
QUEBEC_FSA_LETTERS = frozenset("GHJ")
# Island of Montréal and Laval by FSA: the postal geography matches the administrative one there.
MONTREAL_ISLAND_PREFIXES = frozenset({"H1", "H2", "H3", "H4", "H5", "H8", "H9"})


def compact_postal(text: str) -> str:
    return text.translate(_POSTAL_SEPARATORS).upper()


def coarsen_postal_code(text: str | None) -> str | None:
    """The FSA of a postal code or FSA ("h2x-1y4" → "H2X"); None if ``text`` is not one."""
    if not isinstance(text, str) or len(text) > 20:
        return None
    compact = compact_postal(text)
    if len(compact) == 6 and POSTAL_CODE.fullmatch(compact):
        return compact[:3]
    if len(compact) == 3 and FSA_CODE.fullmatch(compact):
        return compact
    return None


def format_postal(compact: str) -> str:
    return f"{compact[:3]} {compact[3:]}"


def forced_fsa_region(fsa: str) -> str | None:
    if fsa[:2] == "H7":
        return "13"
    if fsa[:2] in MONTREAL_ISLAND_PREFIXES:
        return "06"
    return None
