"""A small per-process cache of rendered results pages, for identical anonymous searches.

Rendering a results page costs ~4 ms of CPU and the search itself ~2–3 ms; the same searches come
back all day (popular needs, paging back and forth, shared links, htmx swaps then a reload). A page
is reused only when everything it shows is still exactly what it would show now:

* same URL (path and raw query string: the page's links keep the parameters in their order),
  same host (the hreflang links are absolute), full page or htmx fragment;
* same index state (`engine.state_token()`: the embedded engine's live version and its last commit) (an edit reaches the
  page as soon as it reaches the index), so only the embedded engine is cached;
* same crisis banner (the banner is part of the key, so a new banner shows at once);
* not past the first moment a result's "open now / opens at" changes, the next quarter hour (the
  engine's open-now filter) or midnight, and at most SEARCH_PAGE_CACHE_SECONDS old.

Not cached: requests with a session cookie (staff), error pages. The anonymous query log still
gets every search (the view logs cache hits with the response they were rendered from).
Bounded by total size (SEARCH_PAGE_CACHE_BYTES, oldest dropped first); 0 seconds turns it off.

A cached page also keeps its gzip bytes (portal/compression.py), made once when a gzip-accepting
client first receives it and counted in the same byte budget: `get` and `put`, inside a request,
offer them to the compression hook, so a hit is sent without compressing the same page again.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import partial

from flask import Flask, current_app, has_request_context, request

from portal import compression
from portal.service.hours import TZ

DEFAULTS = {
    "SEARCH_PAGE_CACHE_SECONDS": float(os.environ.get("SEARCH_PAGE_CACHE_SECONDS", "60")),
    "SEARCH_PAGE_CACHE_BYTES": int(os.environ.get("SEARCH_PAGE_CACHE_BYTES", str(24 * 1024 * 1024))),
}
EXTENSION = "search_page_cache"


@dataclass(frozen=True)
class Page:
    body: bytes
    status: int
    response: object  # the engine's SearchResponse the page was rendered from (for the query log)
    expires: dt.datetime
    # zlib level → the gzip of `body`, filled lazily by PageCache.compressed (under its lock).
    gzip: dict[int, bytes] = field(default_factory=dict, compare=False, repr=False)

    def size(self) -> int:
        return len(self.body) + sum(len(data) for data in self.gzip.values())


class PageCache:
    def __init__(self, seconds: float, max_bytes: int) -> None:
        self.seconds = seconds
        self.max_bytes = max_bytes
        self._pages: OrderedDict[tuple, Page] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: tuple, now: dt.datetime) -> Page | None:
        with self._lock:
            page = self._pages.get(key)
            if page is None:
                return None
            if now >= page.expires:
                self._drop(key)
                return None
            self._pages.move_to_end(key)
        self._offer(key, page)
        return page

    def put(self, key: tuple, page: Page) -> None:
        if len(page.body) > self.max_bytes // 4:
            return
        with self._lock:
            if key in self._pages:
                self._drop(key)
            self._pages[key] = page
            self._bytes += page.size()
            self._shrink()
        self._offer(key, page)

    def compressed(self, key: tuple, page: Page, level: int) -> bytes:
        """The gzip of `page.body` at `level`: made once, then kept with the page while it is cached."""
        data = page.gzip.get(level)
        if data is not None:
            return data
        data = compression.gzip_bytes(page.body, level)  # outside the lock: other threads go on
        with self._lock:
            if self._pages.get(key) is page and level not in page.gzip:
                page.gzip[level] = data
                self._bytes += len(data)
                self._shrink()
        return data

    def _offer(self, key: tuple, page: Page) -> None:
        if has_request_context():
            compression.offer(page.body, partial(self.compressed, key, page))

    def _shrink(self) -> None:
        while self._bytes > self.max_bytes and self._pages:
            self._drop(next(iter(self._pages)))

    def _drop(self, key: tuple) -> None:
        self._bytes -= self._pages.pop(key).size()

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._pages)

    @property
    def bytes(self) -> int:
        """What the cached pages hold: bodies and their gzip variants."""
        return self._bytes


def install(app: Flask, extension: str, defaults: dict, seconds_key: str, bytes_key: str) -> None:
    """Give the app a PageCache under `extension`, sized from its configuration (shared with the
    service-page cache, portal/service/cache.py)."""
    for key, value in defaults.items():
        app.config.setdefault(key, value)
    app.extensions[extension] = PageCache(float(app.config[seconds_key]), int(app.config[bytes_key]))


def installed(extension: str) -> PageCache | None:
    """The app's cache under `extension`, or None when it is absent or turned off (0 s)."""
    cache = current_app.extensions.get(extension)
    return cache if cache is not None and cache.seconds > 0 else None


def init_app(app: Flask) -> None:
    install(app, EXTENSION, DEFAULTS, "SEARCH_PAGE_CACHE_SECONDS", "SEARCH_PAGE_CACHE_BYTES")


def page_cache() -> PageCache | None:
    return installed(EXTENSION)


def page_key(engine, fragment: bool) -> tuple | None:
    """The key of this request's page, or None when it must not be cached."""
    if current_app.config.get("SESSION_COOKIE_NAME", "session") in request.cookies:
        return None
    state = engine.state_token()
    if state is None:
        return None
    from portal.crisis.banner import active_banner

    banner = active_banner()
    banner_key = (str(banner.get("title")), str(banner.get("body")), banner.get("url")) if banner else None
    return (state, request.host_url, request.path, request.query_string, fragment, banner_key)


def expiry(now: dt.datetime, seconds: float, statuses) -> dt.datetime:
    """When a page rendered at `now` stops being exact (see the module docstring)."""
    local = now.astimezone(TZ)
    quarter = local.replace(minute=local.minute - local.minute % 15, second=0, microsecond=0) + dt.timedelta(minutes=15)
    midnight = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(), TZ)
    ends = [now + dt.timedelta(seconds=seconds), quarter, midnight]
    ends += [s.valid_until for s in statuses]
    return min(ends)
