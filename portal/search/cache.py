"""A small per-process cache of rendered results pages, for identical anonymous searches.

Rendering a results page costs ~4 ms of CPU and the search itself ~2–3 ms; the same searches come
back all day (popular needs, paging back and forth, shared links, htmx swaps then a reload). A page
is reused only when everything it shows is still exactly what it would show now:

* same URL (path and raw query string: the page's links keep the parameters in their order),
  same host (the hreflang links are absolute), full page or htmx fragment;
* same index state (`engine.state_token()`: the embedded engine's live version and its last commit)
  (an edit reaches the page as soon as it reaches the index), so only the embedded engine is cached;
* same crisis banner (the banner is part of the key, so a new banner shows at once);
* not past the first moment a result's "open now / opens at" changes, the next quarter hour (the
  engine's open-now filter) or midnight, and at most SEARCH_PAGE_CACHE_SECONDS old.

The key is `portal.search_service.page_key`; the machinery (size budget, gzip bytes kept with the
page) is portal/page_cache.py's. Not cached: requests with a session cookie (staff), error pages.
The anonymous query log still gets every search (a cache hit goes through the search service with
the response the page was rendered from). SEARCH_PAGE_CACHE_BYTES bounds the total size; 0 seconds
turns the cache off.
"""

from __future__ import annotations

import os

from flask import Flask

from portal.page_cache import PageCache, install, installed

DEFAULTS = {
    "SEARCH_PAGE_CACHE_SECONDS": float(os.environ.get("SEARCH_PAGE_CACHE_SECONDS", "60")),
    "SEARCH_PAGE_CACHE_BYTES": int(os.environ.get("SEARCH_PAGE_CACHE_BYTES", str(24 * 1024 * 1024))),
}
EXTENSION = "search_page_cache"


def init_app(app: Flask) -> None:
    install(app, EXTENSION, DEFAULTS, "SEARCH_PAGE_CACHE_SECONDS", "SEARCH_PAGE_CACHE_BYTES")


def page_cache() -> PageCache | None:
    return installed(EXTENSION)
