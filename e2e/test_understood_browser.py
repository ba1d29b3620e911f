"""A place understood in the words, in a real browser at 360 px: the chip is axe-clean, removing it
(htmx) searches the words as typed and pushes the URL, and the page works the same without
JavaScript."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from axe_audit import describe, run_axe


def test_the_place_chip_is_accessible_and_removable_with_htmx(browser, live_server):
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="fr-CA", bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(live_server["base"] + "/fr/recherche?q=banque+alimentaire+Sherbrooke")
        chip = page.get_by_role("link", name="Près de Sherbrooke – Chercher « Sherbrooke » comme mots, pas comme lieu")
        assert chip.is_visible()
        violations = run_axe(page)
        assert not violations, describe(violations)
        chip.click()
        page.wait_for_url("**keep=place**")
        assert parse_qs(urlsplit(page.url).query)["q"] == ["banque alimentaire Sherbrooke"]
        page.wait_for_selector(".chip--place", state="detached")
        assert page.locator("#s-q").input_value() == "banque alimentaire Sherbrooke"
    finally:
        context.close()


def test_the_place_chip_works_without_javascript(browser, live_server):
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-CA",
                                  java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server["base"] + "/en/search?q=food+bank+near+Sherbrooke")
        page.get_by_role("link", name="Near Sherbrooke – Search “Sherbrooke” as words, not as a place").click()
        page.wait_for_url("**keep=place**")
        assert page.locator(".chip--place").count() == 0
    finally:
        context.close()
