"""The search service the portal, the HSDS API and the widget call: arguments in, response out.

Thin on purpose: `indexer.request` validates the arguments (place text resolved by
`directory.geo`), `indexer.factory` provides the configured engine, the engine searches.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from indexer.engine import SearchRequest, SearchResponse, Suggestion
from indexer.factory import engine_from_config
from indexer.request import parse_search_args


def search(config: Mapping, args: Mapping[str, list[str]] | Any, locale: str = "fr") -> tuple[SearchRequest, SearchResponse]:
    """Parse the query-string `args`, run the search; raises InvalidSearch or SearchUnavailable."""
    request = parse_search_args(args, locale)
    return request, engine_from_config(config).search(request)


def suggest(config: Mapping, prefix: str, locale: str = "fr", limit: int = 8) -> list[Suggestion]:
    return engine_from_config(config).suggest(prefix, "en" if locale == "en" else "fr", limit)
