"""Search results: the results page (full page) and its results region (htmx fragment).

One view serves both: an htmx request (not a history restore) gets the results region alone,
everything else the full page, so every URL works without JavaScript.
"""

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.search import cache
    from portal.search.views import bp

    cache.init_app(app)  # rendered pages of identical anonymous searches (portal/search/cache.py)
    app.register_blueprint(bp)
