"""The needs dashboard's supply-and-demand view and wide tables in a real browser: axe finds no WCAG 2.2
A/AA violation (both languages, a region's view, 360 px, dark mode); the map's regions are reached
with the keyboard and lead to the region's view; no table cell is narrower than its longest word (no
letter-per-line wrap) at 1280 and 360 px; every wide table scrolls inside a labelled focusable region;
nothing scrolls sideways at 320 px; it all works without JavaScript."""

from __future__ import annotations

import pytest
from axe_audit import describe, run_axe

from directory.db import engine_for
from needs import demo


@pytest.fixture(scope="module")
def needs_server(live_server):
    demo.generate(engine_for(live_server["database_url"]), searches=80_000, months=24, seed=211, sample=200)
    live_server["app"].extensions["needs_cube_cache"].clear()
    live_server["app"].extensions["needs_supply_cache"].clear()
    return live_server


def _context(browser, width: int, **options):
    # bypass_csp lets the test inject axe-core (e2e/test_csp.py checks the real policy).
    return browser.new_context(viewport={"width": width, "height": 900}, locale="fr-CA", bypass_csp=True, **options)


GAP_PATHS = ["/fr/besoins/offre-et-demande", "/en/needs/supply-and-demand",
             "/fr/besoins/offre-et-demande?region=11&period=104", "/en/needs/supply-and-demand?category=housing"]


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("path", GAP_PATHS)
def test_supply_and_demand_pages_have_no_wcag_violations(browser, needs_server, path, width):
    context = _context(browser, width)
    page = context.new_page()
    page.goto(needs_server["base"] + path)
    violations = run_axe(page)
    context.close()
    assert not violations, f"{path} at {width}px\n{describe(violations)}"


def test_supply_and_demand_has_no_violations_in_dark_mode(browser, needs_server):
    context = _context(browser, 1280, color_scheme="dark")
    page = context.new_page()
    page.goto(needs_server["base"] + "/en/needs/supply-and-demand")
    violations = run_axe(page)
    context.close()
    assert not violations, describe(violations)


def test_map_regions_are_reached_with_the_keyboard_and_open_the_region_view(browser, needs_server):
    context = _context(browser, 1280, java_script_enabled=False)
    page = context.new_page()
    page.goto(needs_server["base"] + "/en/needs/supply-and-demand")
    page.focus("#needs-period")
    for _ in range(60):  # Tab from the filters until a tile of the map has the focus
        page.keyboard.press("Tab")
        label = page.evaluate("document.activeElement.closest('svg.gap-map') ? "
                              "document.activeElement.getAttribute('aria-label') : null")
        if label:
            break
    assert label and "gap index" in label, "no map tile reached with Tab"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "region=" in page.url
    assert page.locator("svg.gap-map--wide a[aria-current='page']").count() == 1
    assert "supply and demand by category" in page.locator("#gap-table-title").inner_text()
    context.close()


# Cells whose text takes more lines than it has words: a word was broken (one letter per line). A
# line may end at a space, a hyphen or a dash ("Bas-Saint-/Laurent"), never inside a word.
_BROKEN_CELLS = """() => [...document.querySelectorAll('.needs-table th, .needs-table td')]
  .filter(c => c.offsetParent !== null && c.innerText.trim())
  .map(c => { const r = document.createRange(); r.selectNodeContents(c);
              const tops = new Set([...r.getClientRects()].map(x => Math.round(x.top)));
              return tops.size > c.innerText.trim().split(/[\\s\\-–]+/).length ? c.innerText.trim() : null; })
  .filter(Boolean)"""

_UNWRAPPED_TABLES = """() => [...document.querySelectorAll('table.needs-table')]
  .filter(t => !t.closest('[role=region][tabindex="0"][aria-labelledby]'))
  .map(t => t.id || t.caption?.textContent)"""


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("path", ["/fr/besoins?period=104", "/en/needs?period=13", "/fr/besoins/offre-et-demande",
                                  "/en/needs/supply-and-demand?region=06"])
def test_no_cell_is_narrower_than_its_longest_word(browser, needs_server, path, width):
    context = _context(browser, width)
    page = context.new_page()
    page.goto(needs_server["base"] + path)
    broken = page.evaluate(_BROKEN_CELLS)
    unwrapped = page.evaluate(_UNWRAPPED_TABLES)
    context.close()
    assert not broken, f"{path} at {width}px: words broken in {broken[:5]}"
    assert not unwrapped, f"{path}: tables outside a labelled, focusable scroll region: {unwrapped}"


@pytest.mark.parametrize("path", ["/fr/besoins/offre-et-demande", "/en/needs/supply-and-demand?region=10"])
def test_supply_and_demand_reflows_at_320_css_pixels(browser, needs_server, path):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(needs_server["base"] + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    narrow_map = page.locator("svg.gap-map--narrow").is_visible()
    wide_map = page.locator("svg.gap-map--wide").is_visible()
    context.close()
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"
    assert narrow_map and not wide_map  # the map is re-laid in three columns


def test_printed_view_shows_the_wide_map_and_whole_tables_without_the_form(browser, needs_server):
    context = _context(browser, 800)
    page = context.new_page()
    page.goto(needs_server["base"] + "/fr/besoins/offre-et-demande")
    page.emulate_media(media="print")
    shown = {name: page.locator(selector).first.is_visible() for name, selector in (
        ("form", ".needs-box"), ("links", ".needs-links"), ("wide map", "svg.gap-map--wide"),
        ("narrow map", "svg.gap-map--narrow"), ("table", "#gap-table"))}
    clipped = page.evaluate("[...document.querySelectorAll('.table-scroll')]"
                            ".filter(r => getComputedStyle(r).overflowX !== 'visible').length")
    context.close()
    assert shown == {"form": False, "links": False, "wide map": True, "narrow map": False, "table": True}
    assert clipped == 0
