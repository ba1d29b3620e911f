"""Crisis mode: the banner on every public page and the emergency page (/fr/urgence, /en/emergency).

An area of its own (docs/architecture.md, the dependency rule): the public layout reads the banner
from here, and the staff area's crisis page (endpoint staff.crisis) publishes and ends banners
through `banner.publish` and `banner.end`; nothing here imports the staff area.

    banner.py   the live banner, cached per process; publishing and ending one
    page.py     the public emergency page and the crisis services it lists

Settings (environment variables, read once at start-up; `create_app(config)` may override):
    CRISIS_BANNER_CACHE_SECONDS how stale the banner may be in another process (15)
"""

from __future__ import annotations

import os

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.crisis import page

    app.config.setdefault("CRISIS_BANNER_CACHE_SECONDS",
                          float(os.environ.get("CRISIS_BANNER_CACHE_SECONDS", "15")))
    app.register_blueprint(page.bp)
