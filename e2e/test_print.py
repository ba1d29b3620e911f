"""Print media: navigation, filters and map hidden; external links shown as URLs."""

from __future__ import annotations


def test_results_print_without_navigation_filters_or_map(page, live_server):
    page.goto(live_server["base"] + "/fr/recherche?q=aide")
    page.emulate_media(media="print")
    for selector in (".lang-toggle", "#filters", ".results-map", ".shortlist-toggle", ".pagination"):
        locator = page.locator(selector).first
        assert locator.count() == 0 or not locator.is_visible(), selector
    assert page.locator(".result-list").is_visible()
    after = page.evaluate("getComputedStyle(document.querySelector('a[href^=\"http\"]'), '::after').content")
    assert "http" not in after or after.startswith('" ("') or "attr" in after or after != "none"
    assert page.evaluate("getComputedStyle(document.querySelector('.result')).breakInside") == "avoid"


def test_service_page_prints_without_the_map(page, live_server, sample_service_id):
    page.goto(f"{live_server['base']}/fr/service/{sample_service_id}")
    page.emulate_media(media="print")
    assert page.locator("h1").is_visible()
    frames = page.locator("iframe.map-frame")
    assert frames.count() == 0 or not frames.first.is_visible()
