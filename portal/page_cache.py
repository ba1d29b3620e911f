"""Per-process caches of rendered pages (results pages, service pages): the shared machinery.

A page is reused only while it is exactly what would be rendered now; each cache's key and rules
are its area's (portal/search/cache.py, portal/service/cache.py), the key's index and banner part
is the search service's (`portal.search_service.page_key`). Bounded by total size (oldest dropped
first); a cache configured with 0 seconds is off.

A cached page also keeps its gzip bytes (portal/compression.py), made once when a gzip-accepting
client first receives it and counted in the same byte budget: `get` and `put`, inside a request,
offer them to the compression hook, so a hit is sent without compressing the same page again.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import partial

from flask import Flask, current_app, has_request_context

from portal import compression
from portal.display.hours import TZ


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
        """The gzip of `page.body` at `level`: made once, then kept with the page while cached."""
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
    """Give the app a PageCache under `extension`, sized from its configuration."""
    for key, value in defaults.items():
        app.config.setdefault(key, value)
    app.extensions[extension] = PageCache(float(app.config[seconds_key]),
                                          int(app.config[bytes_key]))


def installed(extension: str) -> PageCache | None:
    """The app's cache under `extension`, or None when it is absent or turned off (0 s)."""
    cache = current_app.extensions.get(extension)
    return cache if cache is not None and cache.seconds > 0 else None


def expiry(now: dt.datetime, seconds: float, statuses) -> dt.datetime:
    """When a page rendered at `now` stops being exact: the first moment one of its "open now /
    opens at" lines changes (`statuses`), the next quarter hour (the engine's open-now filter),
    midnight, or `seconds` after rendering, whichever comes first."""
    local = now.astimezone(TZ)
    quarter = (local.replace(minute=local.minute - local.minute % 15, second=0, microsecond=0)
               + dt.timedelta(minutes=15))
    midnight = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(), TZ)
    ends = [now + dt.timedelta(seconds=seconds), quarter, midnight]
    ends += [s.valid_until for s in statuses]
    return min(ends)
