"""What query understanding took from the typed words (indexer/understanding), as the results page
and the widget show it: a removable chip per understood thing ("Près de Sherbrooke") whose link
searches the words as typed, and the spelling notice ("Résultats pour … / Rechercher plutôt …").

The links are built by the caller (`keep_url(stage)`: the same search with `keep=<stage>` added),
since the results page and the widget carry their state differently."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import gettext as _

from indexer.engine import SearchRequest, SearchResponse, Understood
from portal.display.labels import facet_label


@dataclass(frozen=True)
class Chip:
    label: str  # "Près de Sherbrooke"
    remove_label: str  # the link's accessible name: what following it does
    url: str


@dataclass(frozen=True)
class Correction:
    corrected: str  # the words searched
    typed: str  # the words as typed
    typed_url: str  # the search as typed (keep=spelling)


def label(item: Understood, lang: str) -> str:
    if item.kind == "region" and item.region_code:
        return _("Region: %(region)s", region=facet_label("region", item.region_code, lang))
    return _("Near %(place)s", place=item.label)


def chips(request: SearchRequest | None, lang: str, keep_url: Callable[[str], str]) -> list[Chip]:
    if request is None:
        return []
    return [Chip(label(item, lang),
                 _("Search “%(words)s” as words, not as a place", words=item.text),
                 keep_url(item.stage))
            for item in request.understood]


def correction(request: SearchRequest | None, response: SearchResponse | None, typed: str,
               keep_url: Callable[[str], str]) -> Correction | None:
    if request is None or response is None or not response.corrected_q:
        return None
    return Correction(response.corrected_q, typed, keep_url("spelling"))
