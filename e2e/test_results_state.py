"""The results page's state in a real browser: the URL and the language switcher follow htmx swaps
(filters, sort, page), and the filters are a few Tab presses from the search box at 360 and 1280 px."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_language_switch_after_htmx_swaps_keeps_query_filter_sort_and_page(page, live_server):
    page.goto(live_server["base"] + "/fr/recherche?q=aide")
    box = page.locator("#filters input[type=checkbox][name=language]").first
    name, value = box.get_attribute("name"), box.get_attribute("value")
    box.check()
    page.wait_for_url(f"**{name}={value}**")
    page.select_option("#sort", "name")
    page.wait_for_url("**sort=name**")
    # Reload keeps the sort (the URL is the state).
    page.reload()
    assert page.locator("#sort").input_value() == "name"
    next_link = page.locator(".pagination a[rel=next]")
    assert next_link.count(), "the query fills more than one page"
    next_link.click()
    page.wait_for_url("**page=2**")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'results-heading'")
    switcher = page.locator("#lang-toggle a[hreflang=en]")
    assert "page=2" in switcher.get_attribute("href"), "the switcher follows the swaps (out of band)"
    switcher.click()
    page.wait_for_url("**/en/search?**")
    query = _query(page.url)
    assert query["q"] == ["aide"] and value in query[name] and query["sort"] == ["name"] and query["page"] == ["2"]
    assert page.locator("html").get_attribute("lang") == "en-CA"
    assert page.locator(f"#filters input[name={name}][value='{value}']").is_checked()
    assert page.locator("#sort").input_value() == "name"
    assert page.locator(".pagination a[aria-current=page]").inner_text() == "2"
    # Back returns to the French page with the same state.
    page.go_back()
    page.wait_for_url("**/fr/recherche?**")
    assert _query(page.url)["sort"] == ["name"]


def _tabs_to_first_filter(page) -> int:
    """Tab presses from the search box to the first filter checkbox; a folded "Filtres (n)"
    disclosure on the way is opened with Enter (not counted: it is not a Tab)."""
    page.focus("#s-q")
    first = page.locator("#filters input[type=checkbox]").first.get_attribute("id")
    for presses in range(1, 60):
        page.keyboard.press("Tab")
        active = page.evaluate("({id: document.activeElement.id, tag: document.activeElement.tagName,"
                               " open: document.getElementById('filters').open})")
        if active["id"] == first:
            return presses
        if active["tag"] == "SUMMARY" and active["id"] == "filters-summary" and not active["open"]:
            page.keyboard.press("Enter")
    raise AssertionError("the first filter was never reached")


@pytest.mark.parametrize("width", [360, 1280])
def test_first_filter_is_at_most_ten_tab_presses_from_the_search_box(browser, live_server, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="fr-CA")
    page = context.new_page()
    try:
        page.goto(live_server["base"] + "/fr/recherche?q=aide&free=true")
        summary = page.locator("#filters-summary")
        assert summary.inner_text().startswith("Filtres (1")
        # The panel comes before the results: at 360 px its button sits right above the count.
        box = summary.bounding_box()
        assert box["y"] < page.locator("#results-heading").bounding_box()["y"]
        if width == 360:
            assert not page.evaluate("document.getElementById('filters').open"), "folded on a phone"
            shots = os.environ.get("E2E_SCREENSHOT_DIR")
            if shots:
                page.screenshot(path=str(Path(shots) / "i21-ui-filters-360.png"), full_page=True,
                                clip={"x": 0, "y": 0, "width": 360, "height": 1100})
        presses = _tabs_to_first_filter(page)
        print(f"\nTab presses from the search box to the first filter at {width} px: {presses}")
        assert presses <= 10
    finally:
        context.close()


def test_without_javascript_the_filters_open_at_the_top_and_apply_from_there(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800}, locale="fr-CA")
    page = context.new_page()
    try:
        page.goto(live_server["base"] + "/fr/recherche?q=aide")
        assert page.evaluate("document.getElementById('filters').open")
        page.locator("#filters input[type=checkbox]").first.check()
        page.locator("#filters .filters-tools button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator(".chip").count() == 1
        assert page.locator("#filters-summary").inner_text().startswith("Filtres (1")
    finally:
        context.close()
