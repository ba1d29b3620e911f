"""The results and service maps in Chromium: local Leaflet, labelled controls, keyboard reachable."""

from __future__ import annotations

import pytest
from axe_audit import describe, run_axe


@pytest.mark.parametrize(("path", "zoom_in", "zoom_out"), [("/fr/carte?q=aide", "Zoom avant", "Zoom arrière"),
                                                           ("/en/map?q=food", "Zoom in", "Zoom out")])
def test_map_controls_are_labelled_in_the_page_language(page, live_server, path, zoom_in, zoom_out):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(live_server["base"] + path)
    page.wait_for_selector(".leaflet-marker-icon")
    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == zoom_in
    assert page.locator(".leaflet-control-zoom-out").get_attribute("title") == zoom_out
    assert page.locator(".folium-map").get_attribute("role") == "region"
    assert all(url.startswith(live_server["base"]) for url in requests), "nothing leaves the machine"
    # Markers and clusters may overlap (WCAG 2.5.8 "equivalent" exception: the list on the page
    # gives every service as a large link), so target-size is not asked of the map's markers.
    violations = [v for v in run_axe(page) if v["id"] != "target-size"]
    assert not violations, describe(violations)


def test_keyboard_reaches_markers_inside_the_map_and_leaves_it(page, live_server, sample_service_id):
    page.goto(f"{live_server['base']}/fr/carte/service/{sample_service_id}")
    page.wait_for_selector(".leaflet-marker-icon")
    seen = []
    focused_class_and_title = "[document.activeElement.className, document.activeElement.getAttribute('title') || '']"
    for _ in range(8):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(focused_class_and_title))
    markers = [title for cls, title in seen if "leaflet-marker-icon" in cls]
    assert any(markers), f"a focusable marker named by the service: {seen}"
    while "leaflet-marker-icon" not in page.evaluate("document.activeElement.className") \
            or not page.evaluate("document.activeElement.getAttribute('title')"):
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    link = page.locator(".leaflet-popup-content a")
    assert link.get_attribute("href").startswith(f"/fr/service/{sample_service_id}")
    assert link.get_attribute("target") == "_top"


def test_results_page_offers_a_skip_link_over_the_map_to_the_list(page, live_server):
    page.goto(live_server["base"] + "/fr/recherche?q=aide")
    skip = page.locator("a.skip-map")
    skip.focus()
    assert skip.is_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#result-list') !== null")
    frame = page.frame_locator("iframe.map-frame")
    frame.locator(".leaflet-marker-icon, .marker-cluster").first.wait_for()


def test_results_map_is_folded_on_a_phone_so_the_list_comes_first(browser, live_server):
    """At phone width the map (open without JavaScript) is folded by portal.js: the first result
    follows the count instead of a 22rem map, and the map opens from its summary."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(live_server["base"] + "/fr/recherche?q=aide")
        details = page.locator("#results-map")
        page.wait_for_function("document.documentElement.classList.contains('js')")
        assert details.get_attribute("open") is None
        assert not page.locator("iframe.map-frame").is_visible()
        # Header and search form fill the first screen; the first result is right below them.
        assert page.locator("#result-list .result").first.bounding_box()["y"] < 740 * 1.5
        page.locator("#results-map summary").click()
        assert details.get_attribute("open") is not None
        assert page.locator("iframe.map-frame").is_visible()
    finally:
        context.close()


def test_results_map_is_open_without_javascript(browser, live_server):
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server["base"] + "/fr/recherche?q=aide")
        assert page.locator("#results-map").get_attribute("open") is not None
    finally:
        context.close()
