"""The per-process cache of rendered service pages.

A service page costs ~10 ms of CPU (about eighteen queries through the ORM, then the template) and
the same pages are read again and again (the services a search lists first, links shared by social
workers). It uses the results page's cache machinery (portal/page_cache.py) and rules, so a page
is reused only while it is exactly what would be rendered now:

* the key holds the index state (every curation save reindexes the service, every import rebuilds
  the index: an edit reaches the public page as soon as it reaches search), the host, the path and
  query string, and the crisis banner; requests with a session cookie (staff) are never cached;
* a page expires when its "open now / opens at" line or today's row can change (the next schedule
  event, midnight), at the next quarter hour, and at most SERVICE_PAGE_CACHE_SECONDS after render.

The page carries no per-visitor content: "report an error" (a form with a CSRF token, hence a
session cookie) has its own page, so reading a service sets no cookie at all.
"""

from __future__ import annotations

import os

from flask import Flask

from portal.page_cache import PageCache, install, installed

DEFAULTS = {
    "SERVICE_PAGE_CACHE_SECONDS": float(os.environ.get("SERVICE_PAGE_CACHE_SECONDS", "60")),
    "SERVICE_PAGE_CACHE_BYTES": int(os.environ.get("SERVICE_PAGE_CACHE_BYTES", str(16 * 1024 * 1024))),
}
EXTENSION = "service_page_cache"


def init_app(app: Flask) -> None:
    install(app, EXTENSION, DEFAULTS, "SERVICE_PAGE_CACHE_SECONDS", "SERVICE_PAGE_CACHE_BYTES")


def page_cache() -> PageCache | None:
    return installed(EXTENSION)
