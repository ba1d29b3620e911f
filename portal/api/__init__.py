"""Open data area: the HSDS 3.1 API (/api/hsds) and the open-data page with its bulk downloads.

Two blueprints, one reason each:

* `api_hsds` (portal/api/views.py): machine clients. JSON only, one language per response (or the
  bilingual profile), HSDS Page envelopes, JSON errors (never an HTML page, never a traceback),
  CORS open for GET, conditional GET, a per-client rate limit.
* `opendata` (portal/opendata/): people. The bilingual page (/fr/donnees-ouvertes, /en/open-data)
  and the bulk files it links to, generated ahead of time (`flask opendata build`).

Both publish the same directory; `portal.register_areas` registers each. The open-data area reads
the API's directory version and HTTP helpers (portal/api/version.py, http.py), never the reverse.

Configuration (read with defaults here, overridable by `create_app(config)`):
    API_RATE_LIMIT      per-client limit on /api/hsds, Flask-Limiter syntax ("120/minute")
    API_CACHE_SECONDS   Cache-Control max-age of API responses (they are revalidated with ETags)
    OPENDATA_PATH       where the bulk files are generated (instance/opendata)
"""

from __future__ import annotations

import os

from flask import Flask


def init_app(app: Flask) -> None:
    app.config.setdefault("API_RATE_LIMIT", os.environ.get("API_RATE_LIMIT", "120/minute"))
    app.config.setdefault("API_CACHE_SECONDS", int(os.environ.get("API_CACHE_SECONDS", "60")))
    from portal.api import http, limits, views

    app.register_blueprint(views.bp)
    # Before the limiter: Flask runs after_request hooks in reverse order, so this one runs after
    # Flask-Limiter's and takes back the Retry-After it puts on 200s (and the app's Date header).
    app.after_request(http.server_headers)
    limits.init_app(app, views.bp)
    csrf = app.extensions.get("csrf")
    if csrf is not None:  # read-only: another method gets the API's JSON 405, not a CSRF 400
        csrf.exempt(views.bp)
