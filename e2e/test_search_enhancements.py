"""Search-box enhancements in a real browser: htmx suggestions in a <datalist>, "Use my location"."""

from __future__ import annotations

from axe_audit import describe, run_axe


def test_typing_fills_the_datalist_and_stays_axe_clean(page, live_server):
    page.goto(live_server["base"] + "/fr/")
    box = page.locator("#home-q")
    assert box.get_attribute("list") == "search-suggestions"
    with page.expect_response(lambda r: "/fr/suggestions" in r.url) as info:
        box.press_sequentially("banq", delay=30)
    assert info.value.status == 200
    page.wait_for_function("document.querySelectorAll('#search-suggestions option').length > 0")
    values = page.eval_on_selector_all("#search-suggestions option", "os => os.map(o => o.value)")
    assert values and any(v.lower().startswith("banq") or " banq" in v.lower() for v in values), values
    assert page.evaluate("document.activeElement.id") == "home-q"
    violations = run_axe(page)
    assert not violations, describe(violations)


def test_suggestions_on_the_results_page_leave_the_results_alone(page, live_server):
    page.goto(live_server["base"] + "/fr/recherche?q=alimentaire")
    url = page.url
    results = page.inner_html("#results")
    with page.expect_response(lambda r: "/fr/suggestions" in r.url):
        page.locator("#s-q").fill("banq")
    page.wait_for_function("document.querySelectorAll('#search-suggestions option').length > 0")
    assert page.url == url and page.inner_html("#results") == results
    assert page.get_attribute("#results", "aria-busy") in (None, "false")


def test_location_button_fills_the_place_and_announces_it(browser, live_server):
    context = browser.new_context(locale="fr-CA", geolocation={"latitude": 45.50884, "longitude": -73.58781},
                                  permissions=["geolocation"])
    page = context.new_page()
    try:
        page.goto(live_server["base"] + "/fr/")
        button = page.get_by_role("button", name="Utiliser ma position")
        assert button.is_visible()
        button.click()
        page.wait_for_function("document.getElementById('home-place').value !== ''")
        assert page.input_value("#home-place") == "45.509, -73.588"
        assert "Position trouvée" in page.text_content("#home-place-status")
    finally:
        context.close()


def test_location_button_needs_javascript(browser, live_server):
    context = browser.new_context(locale="fr-CA", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server["base"] + "/fr/")
        buttons = page.locator("button[data-geolocate]")
        assert buttons.count() == 0 or not buttons.first.is_visible()
        assert page.locator("#home-q").get_attribute("list") == "search-suggestions"  # harmless without JS
    finally:
        context.close()
