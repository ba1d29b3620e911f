"""The public privacy page (docs/privacy.md) in a real browser: both languages, linked from the
footer of every page and from the needs dashboard, no WCAG 2.2 A/AA violation, no horizontal scroll
at 360 px. With E2E_SCREENSHOT_DIR set, full-page screenshots at 360 and 1280 px go there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from axe_audit import describe, run_axe

PAGES = {"fr": ("/fr/confidentialite", "Confidentialité"), "en": ("/en/privacy", "Privacy")}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("width", [360, 1280])
def test_the_privacy_page_reads_in_both_languages_at_both_widths(browser, live_server, lang, width):
    path, title = PAGES[lang]
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(live_server["base"] + path)
    assert page.locator("html").get_attribute("lang").startswith(lang)
    assert page.locator("h1").inner_text().startswith(title)
    assert page.locator("h2").count() >= 5
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    violations = run_axe(page)
    assert not violations, describe(violations)
    shots = os.environ.get("E2E_SCREENSHOT_DIR")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(shots) / f"i16-privacy-{lang}-{width}.png"), full_page=True)
    context.close()


@pytest.mark.parametrize(("start", "target"), [("/fr/", "/fr/confidentialite"), ("/en/", "/en/privacy"),
                                                ("/fr/besoins", "/fr/confidentialite"),
                                                ("/en/needs", "/en/privacy")])
def test_the_footer_and_the_needs_dashboard_link_to_it(page, live_server, start, target):
    page.goto(live_server["base"] + start)
    page.locator(f"footer a[href='{target}']").click()
    assert page.url.endswith(target)
    if "besoins" in start or "needs" in start:
        page.goto(live_server["base"] + start)
        assert page.locator(f"main a[href='{target}']").count() >= 1
