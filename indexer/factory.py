"""The one place search engines are built: "a client built in exactly one place"
(docs/architecture.md).

`engine_from_config(config)` reads SEARCH_ENGINE ("embedded", the default, or "opensearch"),
INDEX_PATH, OPENSEARCH_URL, OPENSEARCH_INDEX, OPENSEARCH_TIMEOUT_SECONDS, OPENSEARCH_REPLICAS,
OPENSEARCH_HTTP_COMPRESS, SEARCH_FAILOVER and
SEARCH_FAILOVER_COOLDOWN_SECONDS, and returns the same engine object for the same settings for the
life of the process (engines keep their open index or client; building one per request would
reopen the index every time).

With SEARCH_ENGINE=opensearch the engine is a `FailoverEngine` (indexer/failover.py): OpenSearch
answers, the embedded index at INDEX_PATH takes over when it cannot, and every write goes to both.
SEARCH_FAILOVER=0 gives the bare `OpenSearchEngine` (relevance comparisons between the engines).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, NamedTuple

from indexer.engine import SearchEngine

ENGINES = ("embedded", "opensearch")
DEFAULT_INDEX_PATH = Path(__file__).resolve().parent.parent / "instance" / "index"

Config = Mapping[str, Any]


class _EmbeddedKey(NamedTuple):
    """The settings an embedded engine is built from (`_key`)."""

    engine: Literal["embedded"]
    index_path: str


class _OpenSearchKey(NamedTuple):
    """The settings an OpenSearch engine is built from (`_key`)."""

    engine: Literal["opensearch"]
    url: str
    alias: str
    timeout: float
    replicas: int
    compress: bool
    fallback_path: str | None  # None: no failover
    cooldown: float


EngineKey = _EmbeddedKey | _OpenSearchKey

_cache: dict[EngineKey, SearchEngine] = {}
_lock = threading.Lock()


def _flag(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return bool(value)


def _key(config: Config, engine: str | None) -> EngineKey:
    name = (engine or config.get("SEARCH_ENGINE") or "embedded").strip().lower()
    if name not in ENGINES:
        raise ValueError(f"SEARCH_ENGINE must be one of {ENGINES}, not {name!r}")
    if name == "embedded":
        return _EmbeddedKey("embedded", str(config.get("INDEX_PATH") or DEFAULT_INDEX_PATH))
    failover = _flag(config.get("SEARCH_FAILOVER", True))
    return _OpenSearchKey(
        "opensearch", config.get("OPENSEARCH_URL") or "",
        config.get("OPENSEARCH_INDEX") or "portail211-services",
        float(config.get("OPENSEARCH_TIMEOUT_SECONDS") or 2.0),
        int(config.get("OPENSEARCH_REPLICAS", 1)),
        _flag(config.get("OPENSEARCH_HTTP_COMPRESS", False)),
        str(config.get("INDEX_PATH") or DEFAULT_INDEX_PATH) if failover else None,
        float(config.get("SEARCH_FAILOVER_COOLDOWN_SECONDS") or 30.0))


def check_config(config: Config) -> None:
    """ValueError naming the setting when the search configuration cannot work (an unknown engine,
    a missing or malformed OPENSEARCH_URL): checked at start-up, before the first search."""
    key = _key(config, None)
    if isinstance(key, _OpenSearchKey):
        from indexer.opensearch import parse_hosts

        parse_hosts(key.url)


def engine_from_config(config: Config, engine: str | None = None) -> SearchEngine:
    """The configured engine (or `engine`, overriding SEARCH_ENGINE), cached per process. Also
    points need understanding at the configured model (NEED_MODEL_PATH, read at first use)."""
    from indexer.understanding import need

    need.configure(config.get("NEED_MODEL_PATH") or None)
    key = _key(config, engine)
    with _lock:
        found = _cache.get(key)
        if found is None:
            found = _build(key)
            _cache[key] = found
        return found


def _build(key: EngineKey) -> SearchEngine:
    if isinstance(key, _EmbeddedKey):
        from indexer.embedded import EmbeddedEngine

        return EmbeddedEngine(key.index_path)
    from indexer.opensearch import OpenSearchEngine  # opensearch-py only when used

    _, url, alias, timeout, replicas, compress, fallback_path, cooldown = key
    writer = OpenSearchEngine(url, alias, timeout, replicas=replicas, compress=compress)
    if fallback_path is None:
        return writer
    from indexer.embedded import EmbeddedEngine
    from indexer.failover import FailoverEngine

    # Searches get their own client that never retries a timeout: the embedded fallback is the
    # retry, so a hung cluster costs a reader one timeout. A node that refuses connections is
    # retried on the cluster's other nodes (OPENSEARCH_URL lists them), so losing one is no outage.
    reader = OpenSearchEngine(url, alias, timeout, replicas=replicas, reader=True, compress=compress)
    return FailoverEngine(reader, EmbeddedEngine(fallback_path), primary_writer=writer,
                          cooldown_seconds=cooldown)


def clear_cache() -> None:
    """Forget built engines (tests that change the configuration)."""
    with _lock:
        _cache.clear()
