"""Maps as standalone HTML documents, drawn by folium, with Leaflet from the portal's own files.

Why a separate document (served at /fr/carte…, shown in an <iframe>): folium writes its map as an
inline script. Keeping that script in its own document leaves every portal page free of inline
script, so their Content-Security-Policy can forbid it; the map document gets its own, looser
policy later (or hashes) without weakening the pages. The same function writes the downloadable
"export this map" file, with absolute asset URLs.

What folium's defaults would get wrong here, and how it is fixed (see the accessibility guide §4):

* CDN assets: `default_js`/`default_css` are replaced on the *instances* (class lists are shared
  between threads) by Leaflet and leaflet.markercluster from static/vendor (npm). jQuery,
  Bootstrap and awesome-markers are not loaded: no folium.Icon is used.
* `user-scalable=no` in the viewport (WCAG 1.4.4): removed, replaced by a plain viewport.
* English zoom titles: folium's zoom control is off; ours has titles in the page's language.
* The map container has no name: it gets role=region and an aria-label that points to the list.
* 2,000+ points: `FastMarkerCluster` sends the points as one data array (not one script per
  marker) and leaflet.markercluster draws clusters; each marker has the service name as title
  and alt, its popup is a link to the service page, built with textContent (no HTML injection).
* Tiles: MAP_TILE_URL; empty means no tile layer (a plain background, nothing leaves the machine).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import folium
from folium.elements import MacroElement
from folium.plugins import FastMarkerCluster
from folium.template import Template

QUEBEC_CENTRE = (46.8, -71.2)
QUEBEC_ZOOM = 5
SINGLE_ZOOM = 15

_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*user-scalable=no[^>]*>', re.S)


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float
    name: str
    url: str


@dataclass(frozen=True)
class MapText:
    """Every word the map shows, already in the page's language."""

    title: str
    label: str  # the container's accessible name
    zoom_in: str
    zoom_out: str
    cluster: str  # "%(n)s services" with n filled in by the script


# The marker for one data row [lat, lon, name, url]: a keyboard-focusable marker named by the
# service, whose popup is one link. `target` is _top: inside the portal's iframe the service page
# replaces the whole page, not the map.
_CALLBACK = """function (row) {
    var marker = L.marker(new L.LatLng(row[0], row[1]), {title: row[2], alt: row[2], keyboard: true});
    var link = document.createElement("a");
    link.href = row[3];
    link.target = "_top";
    link.textContent = row[2];
    marker.bindPopup(link);
    return marker;
}"""


def _cluster_icon(label: str) -> str:
    # The count is read out as "12 services", not "12".
    return f"""function (cluster) {{
    var n = cluster.getChildCount();
    var size = n < 10 ? "small" : (n < 100 ? "medium" : "large");
    var html = document.createElement("div");
    var count = document.createElement("span");
    count.setAttribute("aria-hidden", "true");
    count.textContent = n;
    var words = document.createElement("span");
    words.className = "visually-hidden";
    words.textContent = {json.dumps(label)}.replace("%(n)s", n);
    html.appendChild(count);
    html.appendChild(words);
    return L.divIcon({{html: html, className: "marker-cluster marker-cluster-" + size, iconSize: new L.Point(40, 40)}});
}}"""


class _Accessible(MacroElement):
    """Localized zoom control, a named map container, no animation for reduced motion."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var text = {{ this.text|tojson }};
            L.control.zoom({position: "topleft", zoomInTitle: text.zoom_in, zoomOutTitle: text.zoom_out}).addTo(map);
            var box = map.getContainer();
            box.setAttribute("role", "region");
            box.setAttribute("aria-label", text.label);
            if (window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches) {
                map.options.zoomAnimation = false;
                map.options.fadeAnimation = false;
                map.options.markerZoomAnimation = false;
            }
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, text: MapText) -> None:
        super().__init__()
        self._name = "Accessible"
        self.text = {"zoom_in": text.zoom_in, "zoom_out": text.zoom_out, "label": text.label}


def render_map(points: Iterable[Point], text: MapText, html_lang: str, *, asset_url: Callable[[str], str],
               tile_url: str = "", attribution: str = "") -> str:
    """A complete HTML document (lang, title, viewport without zoom lock) showing `points`."""
    points = [p for p in points if p.lat is not None and p.lon is not None]
    if len(points) == 1:
        location, zoom = (points[0].lat, points[0].lon), SINGLE_ZOOM
    else:
        location, zoom = QUEBEC_CENTRE, QUEBEC_ZOOM
    fmap = folium.Map(location=location, zoom_start=zoom, tiles=None, zoom_control=False,
                      control_scale=False, width="100%", height="100%", max_zoom=18)
    # markercluster needs the map's own maxZoom; folium gives max_zoom to the tile layer only, and
    # there may be no tile layer.
    fmap.options["max_zoom"] = 18
    fmap.default_js = [("leaflet", asset_url("vendor/leaflet/leaflet.js"))]
    fmap.default_css = [("leaflet_css", asset_url("vendor/leaflet/leaflet.css")),
                        ("map_css", asset_url("css/map.css"))]
    if tile_url:
        folium.TileLayer(tiles=tile_url, attr=attribution or " ", name="tiles", max_zoom=18).add_to(fmap)
    cluster = FastMarkerCluster(
        [[round(p.lat, 6), round(p.lon, 6), p.name, p.url] for p in points],
        callback=_CALLBACK,
        icon_create_function=_cluster_icon(text.cluster),
        # No cluster animation: reduced motion, and colours never caught half-faded.
        options={"showCoverageOnHover": False, "chunkedLoading": True, "maxClusterRadius": 50,
                 "animate": False},
    )
    cluster.default_js = [("markerclusterjs", asset_url("vendor/markercluster/leaflet.markercluster.js"))]
    cluster.default_css = [("markerclustercss", asset_url("vendor/markercluster/MarkerCluster.css")),
                           ("markerclusterdefaultcss", asset_url("vendor/markercluster/MarkerCluster.Default.css"))]
    cluster.add_to(fmap)
    _Accessible(text).add_to(fmap)
    if len(points) > 1:
        lats = [p.lat for p in points]
        lons = [p.lon for p in points]
        fmap.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], padding=(20, 20), max_zoom=SINGLE_ZOOM)
    root = fmap.get_root()
    root.title = text.title
    html = root.render()
    html = _VIEWPORT.sub('<meta name="viewport" content="width=device-width, initial-scale=1">', html, count=1)
    return html.replace("<html>", f'<html lang="{html_lang}">', 1)
