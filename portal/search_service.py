"""The portal's one way to the search engine: every page, fragment, widget, API call, export, probe
and staff save that needs the engine goes through here.

What it owns, so that no view has to remember it:

* the engine: `engine()`, the one built by `indexer.factory` for the app's configuration (the
  factory keeps one per configuration for the process, with its open index or client);
* reading a request: `parse(args, lang)` (`indexer.request.parse_search_args`) raises
  `InvalidSearch(code)` for what the reader must fix; each surface words the code its own way (the
  results page and the widget: `portal.search.state.error_message`; the API: a 400 naming the
  parameter);
* a reader's search: `search(request, channel)` asks the engine and logs the search to the
  anonymous needs log (needs/) exactly once, under its channel (web, widget, api). Only a first
  page counts as a search (`needs.log.QueryLog.log_search` drops the others); a results page served
  from the page cache is still a search (`cached=`). An engine outage raises `SearchUnavailable`,
  which the app answers with its 503 page (portal/errors.py) and the API with its JSON 503; the
  search is logged all the same (without a result count: the need was there);
* reads that are not a reader's search and are never logged: `lookup` (the service page's similar
  services nearby, the API's later pages), `iter_documents` and `count` (exports, PDFs and maps of
  a result set the reader already searched), `suggest` (the search box's suggestions, which never
  fail a page), `serving_health` (the readiness probe);
* the rendered-page cache key: `page_key` (the engine's `state_token()`, the crisis banner, the
  URL);
* the live index after a staff save: `reindex` (indexer/live_backlog.py), and its backlog.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, cast

from flask import current_app, request

from indexer.engine import (
    MAX_PAGE,
    Health,
    InvalidSearch,
    Locale,
    SearchEngine,
    SearchRequest,
    SearchResponse,
    SearchUnavailable,
    Suggestion,
)
from needs.models import CHANNELS
from portal.locales import content_lang

__all__ = ["InvalidSearch", "SearchUnavailable", "WEB", "WIDGET", "API", "engine", "parse",
           "search", "lookup", "iter_documents", "count", "suggest", "page_key", "serving_health",
           "reindex", "retry_backlog", "backlog_size"]

log = logging.getLogger(__name__)

# The needs log's channels (needs.models.CHANNELS): where a reader searched from.
WEB, WIDGET, API = "web", "widget", "api"
assert {WEB, WIDGET, API} <= set(CHANNELS)


def log_search(search_request: SearchRequest, response: SearchResponse | None, channel: str) -> None:
    """Queue one search for the anonymous needs log (the app's `needs.log.QueryLog`, installed by
    portal/needs); never raises, never waits for the database."""
    query_log = current_app.extensions.get("query_log")
    if query_log is not None:
        query_log.log_search(search_request, response, channel)


def engine() -> SearchEngine:
    """The engine for the app's configuration (built on first use, then the same object)."""
    from indexer.factory import engine_from_config

    return engine_from_config(current_app.config)


def parse(args: Mapping[str, Any] | Any, lang: str, **changes: Any) -> SearchRequest:
    """The query string's request (`changes` replace fields: facets=False, per_page=…); raises
    InvalidSearch(code) for what the reader must fix."""
    from indexer.request import parse_search_args

    parsed = parse_search_args(args, lang)
    return dataclasses.replace(parsed, **changes) if changes else parsed


def search(search_request: SearchRequest, channel: str, *,
           cached: SearchResponse | None = None) -> SearchResponse:
    """A reader's search, logged once under `channel`. `cached` is the response a cached page was
    rendered from: the engine is not asked again, the search is logged with it.

    Raises SearchUnavailable (logged without a result count) and InvalidSearch (not logged)."""
    if channel not in CHANNELS:
        raise ValueError(f"unknown search channel {channel!r}; one of {CHANNELS}")
    if cached is not None:
        log_search(search_request, cached, channel)
        return cached
    try:
        response = engine().search(search_request)
    except SearchUnavailable:
        log_search(search_request, None, channel)
        raise
    log_search(search_request, response, channel)
    return response


def lookup(search_request: SearchRequest) -> SearchResponse:
    """An engine read that is not a reader's search: never logged (same exceptions as `search`)."""
    return engine().search(search_request)


def iter_documents(search_request: SearchRequest, limit: int | None = None) -> Iterator[dict]:
    """Every hit's document of a result set, in the results page's order, one engine page at a
    time (memory stays flat whatever its size); not logged."""
    seen = 0
    for page in range(1, MAX_PAGE + 1):
        response = lookup(dataclasses.replace(search_request, page=page))
        for hit in response.hits:
            yield hit.document
            seen += 1
            if limit is not None and seen >= limit:
                return
        if page >= response.pages or not response.hits:
            return


def count(search_request: SearchRequest) -> int:
    """How many documents the result set has; not logged."""
    return lookup(dataclasses.replace(search_request, per_page=1, page=1)).total


def suggest(prefix: str, lang: str, limit: int) -> list[Suggestion]:
    """Suggestions for the search box; never logged, and an engine that cannot answer (outage,
    missing index, bad configuration) gives none rather than an error."""
    try:
        return engine().suggest(prefix, cast(Locale, content_lang(lang)), limit)
    except Exception:  # noqa: BLE001 (the form works without suggestions)
        current_app.logger.warning("suggestions unavailable", exc_info=True)
        return []


def page_key(fragment: bool, banner: Mapping[str, Any] | None) -> tuple | None:
    """The key of this request's rendered page (portal/page_cache.py), or None when it must not be
    cached: a request with a session cookie (staff), an engine that cannot tell its index state.
    `banner`: the crisis banner the page shows (the caller's, portal/crisis), so a new one shows
    at once."""
    if current_app.config.get("SESSION_COOKIE_NAME", "session") in request.cookies:
        return None
    state = engine().state_token()
    if state is None:
        return None
    banner_key = ((str(banner.get("title")), str(banner.get("body")), banner.get("url"))
                  if banner else None)
    return (state, request.host_url, request.path, request.query_string, fragment, banner_key)


def serving_health() -> tuple[Health, bool]:
    """The engine's health and whether it answers from a fallback (OpenSearch down, the embedded
    index serving: ready but degraded). Raises what building or asking the engine raises."""
    found = engine()
    serving = getattr(found, "serving_health", None)
    return serving() if serving else (found.health(), False)


# -- live index ----------------------------------------------------------------------------------


def reindex(service_ids: Iterable[str]) -> list[str]:
    """After a staff save's commit: update these services in the live index (then retry the
    backlog); returns the ids that failed, queued for a later retry."""
    from indexer import live_backlog

    return live_backlog.refresh(current_app.config, service_ids)


def retry_backlog() -> tuple[int, int]:
    """Retry the services queued after a failed update; returns (succeeded, still failing)."""
    from indexer import live_backlog

    return live_backlog.retry_backlog(current_app.config)


def backlog_size() -> int:
    from indexer import live_backlog

    return live_backlog.backlog_size(current_app.config["DATABASE_URL"])
