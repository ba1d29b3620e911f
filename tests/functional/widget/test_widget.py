"""The widget: frameable by partners (and only it), presets validated, searches logged as "widget"."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from portal.widget.presets import contrast


def test_widget_may_be_framed_by_any_origin_other_pages_by_none(client):
    widget = client.get("/fr/widget/recherche?q=aide")
    assert widget.headers["Content-Security-Policy"].endswith("frame-ancestors *")
    assert "X-Frame-Options" not in widget.headers
    for path in ("/fr/recherche?q=aide", "/fr/liste", "/fr/widget", "/en/export/results.csv?q=x"):
        response = client.get(path)
        assert response.headers["Content-Security-Policy"].endswith("frame-ancestors 'none'"), path
        assert response.headers["X-Frame-Options"] == "DENY", path


def test_frame_ancestors_follow_the_configured_allow_list(demo_app):
    demo_app.config["WIDGET_FRAME_ANCESTORS"] = "https://partner.example"
    try:
        response = demo_app.test_client().get("/en/widget/search")
    finally:
        demo_app.config["WIDGET_FRAME_ANCESTORS"] = "*"
    assert response.headers["Content-Security-Policy"].endswith("frame-ancestors https://partner.example")


def test_widget_results_open_the_portal_in_a_new_tab_within_the_preset_region(client):
    html = client.get("/fr/widget/recherche?q=aide&region=06").get_data(as_text=True)
    links = re.findall(r'<h3><a href="([^"]+)" target="_blank" rel="noopener">', html)
    assert links and all(link.startswith("http://localhost/fr/service/") for link in links)
    assert '<input type="hidden" name="region" value="06">' in html
    assert "<script" not in html and "style=" not in html


@pytest.mark.parametrize("bad", ["red", "#12345", "#1234567", "#gggggg", "url(x)", "#fff;}"])
def test_colours_must_be_hash_and_six_hex_digits(client, bad):
    response = client.get("/en/widget", query_string={"generate": "1", "accent": bad})
    assert response.status_code == 400
    assert "like #0b4f9c" in response.get_data(as_text=True)
    css = client.get("/widget/theme.css", query_string={"accent": bad}).get_data(as_text=True)
    assert bad not in css


def test_unreadable_colour_pairs_are_refused():
    assert contrast("#ffffff", "#ffff00") < 4.5


def test_configurator_writes_an_iframe_snippet(client):
    response = client.get("/en/widget", query_string={"generate": "1", "region": "06", "category": "food",
                                                      "accent": "#8a1c7c", "widget_lang": "fr"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    snippet = html_lib.unescape(re.search(r'<textarea id="w-snippet"[^>]*>(.*?)</textarea>', page, re.S).group(1))
    assert snippet.startswith('<iframe src="http://localhost/fr/widget/recherche?region=06&category=food&accent=%238a1c7c"')
    assert 'title="' in snippet


def test_widget_searches_are_logged_with_the_widget_channel(demo_app, monkeypatch):
    calls = []

    class Log:
        def log_search(self, request, response, channel):
            calls.append((request.q, channel))

    monkeypatch.setitem(demo_app.extensions, "query_log", Log())
    demo_app.test_client().get("/fr/widget/recherche?q=aide")
    assert calls == [("aide", "widget")]
