"""Maps: folium map documents for results, shortlists and services, and downloadable maps.

One blueprint: each route answers a whole HTML document meant for an <iframe> on the portal's own
pages (or a download). The list stays the canonical, accessible view; the map is an addition.

Configuration: MAP_TILE_URL (portal.config; empty = no tiles), MAP_TILE_ATTRIBUTION, and
MAP_MAX_POINTS (the first N results are mapped; clustering keeps 2,000 responsive).
"""

import os

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.maps.views import bp

    app.config.setdefault("MAP_TILE_ATTRIBUTION", os.environ.get(
        "MAP_TILE_ATTRIBUTION", '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'))
    app.config.setdefault("MAP_MAX_POINTS", int(os.environ.get("MAP_MAX_POINTS", "2000")))
    app.register_blueprint(bp)
