"""Map documents: local Leaflet, zoomable, named in the page's language, tiles only when configured."""

from __future__ import annotations

import json
import re


def _assets(html: str) -> list[str]:
    """Asset URLs without their version (`?v=<content hash>`, portal/static_assets.py)."""
    return [re.sub(r"\?v=[0-9a-f]{12}$", "", url)
            for url in re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)]


def test_results_map_loads_leaflet_and_markercluster_from_the_portal_only(client):
    html = client.get("/fr/carte?q=aide").get_data(as_text=True)
    assets = _assets(html)
    assert "/static/vendor/leaflet/leaflet.js" in assets
    assert "/static/vendor/markercluster/leaflet.markercluster.js" in assets
    assert all(a.startswith("/static/") for a in assets), assets
    assert "cdn" not in html and "jquery" not in html.lower() and "bootstrap" not in html.lower()


def test_map_document_can_be_zoomed_and_speaks_the_page_language(client):
    fr = client.get("/fr/carte?q=aide").get_data(as_text=True)
    en = client.get("/en/map?q=food").get_data(as_text=True)
    assert "user-scalable=no" not in fr and "maximum-scale" not in fr
    assert '<html lang="fr-CA">' in fr and '<html lang="en-CA">' in en
    def words(html):
        return json.loads(re.search(r"var text = (\{.*?\});", html).group(1))

    assert words(fr)["zoom_in"] == "Zoom avant" and words(fr)["zoom_out"] == "Zoom arrière"
    assert words(en)["zoom_in"] == "Zoom in" and words(en)["zoom_out"] == "Zoom out"
    assert words(fr)["label"].startswith("Carte de ")
    assert "<title>" in fr


def test_each_marker_carries_the_service_name_and_a_link_to_its_page(client, service_ids, names):
    html = client.get(f"/fr/carte/liste?s={service_ids[0]}").get_data(as_text=True)
    data = json.loads(re.search(r"var data = (\[.*?\]);\n", html, re.S).group(1))
    lat, lon, name, url = data[0]
    assert name == names[service_ids[0]][0]
    assert url.startswith(f"/fr/service/{service_ids[0]}")
    assert "title: row[2], alt: row[2]" in html


def test_no_tile_url_means_no_tile_layer(client):
    assert "L.tileLayer" not in client.get("/fr/carte?q=aide").get_data(as_text=True)


def test_a_configured_tile_url_is_used(demo_app):
    demo_app.config["MAP_TILE_URL"] = "/tiles/{z}/{x}/{y}.png"
    try:
        html = demo_app.test_client().get("/fr/carte?q=aide").get_data(as_text=True)
    finally:
        demo_app.config["MAP_TILE_URL"] = ""
    assert "/tiles/{z}/{x}/{y}.png" in html


def test_map_documents_may_be_framed_by_the_portal_only(client, service_ids):
    response = client.get(f"/fr/carte/service/{service_ids[0]}")
    assert response.headers["Content-Security-Policy"].endswith("frame-ancestors 'self'")
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_results_and_service_pages_show_the_map_in_an_iframe_with_a_skip_link(client, service_ids):
    page = client.get("/fr/recherche?q=aide").get_data(as_text=True)
    assert '<iframe class="map-frame" src="/fr/carte?q=aide"' in page
    assert 'href="#result-list"' in page and 'id="result-list"' in page
    assert "<script>" not in page, "the results page stays free of inline script"
    service = client.get(f"/en/service/{service_ids[0]}").get_data(as_text=True)
    assert f'src="/en/map/service/{service_ids[0]}"' in service


def test_exported_map_is_a_standalone_download_with_absolute_asset_urls(client):
    response = client.get("/fr/carte/exporter/results.html?q=aide")
    assert "attachment" in response.headers["Content-Disposition"]
    html = response.get_data(as_text=True)
    assert all(a.startswith("http://localhost/static/") for a in _assets(html))
    assert "http://localhost/fr/service/" in html


def test_two_thousand_points_are_one_data_array_not_two_thousand_scripts(demo_app):
    from portal.maps.build import MapText, Point, render_map

    points = [Point(45 + i / 5000, -73 - i / 5000, f"Service {i}", f"/fr/service/{i}") for i in range(2000)]
    html = render_map(points, MapText("t", "l", "in", "out", "%(n)s"), "fr-CA", asset_url=lambda p: "/static/" + p)
    assert html.count("L.marker(") == 1
    assert len(html) < 250_000
