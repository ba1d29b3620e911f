"""The one place search engines are built (DESIGN.md: "a client built in exactly one place").

`engine_from_config(config)` reads SEARCH_ENGINE ("embedded", the default, or "opensearch"),
INDEX_PATH, OPENSEARCH_URL, OPENSEARCH_INDEX and OPENSEARCH_TIMEOUT_SECONDS, and returns the same
engine object for the same settings for the life of the process (engines keep their open index or
client; building one per request would reopen the index every time).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path

from indexer.engine import SearchEngine

ENGINES = ("embedded", "opensearch")
DEFAULT_INDEX_PATH = Path(__file__).resolve().parent.parent / "instance" / "index"

_cache: dict[tuple, SearchEngine] = {}
_lock = threading.Lock()


def _key(config: Mapping, engine: str | None) -> tuple:
    name = (engine or config.get("SEARCH_ENGINE") or "embedded").strip().lower()
    if name not in ENGINES:
        raise ValueError(f"SEARCH_ENGINE must be one of {ENGINES}, not {name!r}")
    if name == "embedded":
        return (name, str(config.get("INDEX_PATH") or DEFAULT_INDEX_PATH))
    return (name, config.get("OPENSEARCH_URL") or "", config.get("OPENSEARCH_INDEX") or "portail211-services",
            float(config.get("OPENSEARCH_TIMEOUT_SECONDS") or 2.0))


def engine_from_config(config: Mapping, engine: str | None = None) -> SearchEngine:
    """The configured engine (or `engine`, overriding SEARCH_ENGINE), cached per process."""
    key = _key(config, engine)
    with _lock:
        found = _cache.get(key)
        if found is None:
            found = _build(key)
            _cache[key] = found
        return found


def _build(key: tuple) -> SearchEngine:
    if key[0] == "embedded":
        from indexer.embedded import EmbeddedEngine

        return EmbeddedEngine(key[1])
    from indexer.opensearch import OpenSearchEngine  # opensearch-py is only imported when used

    return OpenSearchEngine(key[1], key[2], key[3])


def clear_cache() -> None:
    """Forget built engines (tests that change the configuration)."""
    with _lock:
        _cache.clear()
