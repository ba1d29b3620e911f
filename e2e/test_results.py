"""The results page in a real browser: axe before and after an htmx swap, focus, no-JS journey."""

from __future__ import annotations

import pytest
from axe_audit import describe, run_axe


@pytest.mark.parametrize("path", ["/fr/recherche?q=alimentaire&place=Montr%C3%A9al", "/en/search?q=food",
                                  "/en/search?q=zzzzqqqq"])
def test_results_pages_have_no_wcag_violations(page, live_server, path):
    page.goto(live_server["base"] + path)
    violations = run_axe(page)
    assert not violations, f"{path}\n{describe(violations)}"


def test_filter_change_swaps_results_announces_count_and_keeps_focus(page, live_server):
    page.goto(live_server["base"] + "/en/search?q=food")
    box = page.locator("#filters input[type=checkbox][name=language]").first
    box_id = box.get_attribute("id")
    box.focus()
    page.keyboard.press("Space")
    page.wait_for_function("document.getElementById('results-status').textContent.includes('found')")
    assert page.evaluate("document.activeElement.id") == box_id
    assert "language=" in page.url
    violations = run_axe(page)
    assert not violations, describe(violations)


def test_pagination_link_moves_focus_to_the_results_heading_and_back_gives_a_full_page(page, live_server):
    page.goto(live_server["base"] + "/fr/recherche")
    next_link = page.locator(".pagination a[rel=next]")
    assert next_link.count(), "the 400 demo services fill more than one page of results"
    next_link.click()
    page.wait_for_url("**page=2**")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'results-heading'")
    page.go_back()
    page.wait_for_function("!location.search.includes('page=2')")
    assert page.locator("html").get_attribute("lang") == "fr-CA"
    assert page.locator("#search-form").count() == 1


def test_search_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server["base"] + "/fr/")
    page.fill("#home-q", "alimentaire")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert "/fr/recherche?q=alimentaire" in page.url
    assert page.locator("#results-heading").count() == 1
    page.locator("#filters input[type=checkbox]").first.check()
    page.get_by_role("button", name="Appliquer les filtres").last.click()
    page.wait_for_load_state()
    assert page.locator(".chip").count() >= 1
    context.close()
