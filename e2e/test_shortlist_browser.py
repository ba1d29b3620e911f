"""Shortlists without JavaScript (add two, view, remove one) and axe on the list page."""

from __future__ import annotations

import pytest
from axe_audit import describe, run_axe


def test_shortlist_round_trip_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, locale="fr-CA")
    page = context.new_page()
    try:
        page.goto(live_server["base"] + "/fr/recherche?q=aide")
        # Two different services (a service at two places appears twice in the results).
        chosen = {}
        for link in page.locator(".result-name a").all():
            service = link.get_attribute("href").split("?")[0]
            if service not in chosen:
                # Same-named cards add " – organization, town" to the title line; the list shows the name.
                context_text = link.locator(".result-context")
                name = link.inner_text()
                if context_text.count():
                    name = name.removesuffix(context_text.inner_text()).rstrip()
                chosen[service] = name
            if len(chosen) == 2:
                break
        (first, first_name), (second, second_name) = chosen.items()
        for service in (first, second):
            page.locator(f".result:has(.result-name a[href^='{service}']) .shortlist-toggle").first.click()
            page.wait_for_load_state()
        names = [first_name, None, second_name]
        assert page.url.count("%2C") == 1 or page.url.count(",") == 1, page.url
        bar = page.locator(".shortlist-bar a")
        assert "(2 services)" in " ".join(bar.inner_text().split()), bar.inner_text()
        bar.click()
        page.wait_for_load_state()
        assert "/fr/liste?s=" in page.url
        listed = page.locator(".shortlist-item .result-name").all_inner_texts()
        assert listed == [names[0], names[2]]
        page.locator(".shortlist-remove a").first.click()
        page.wait_for_load_state()
        assert page.locator(".shortlist-item .result-name").all_inner_texts() == [names[2]]
        assert page.locator("[data-print]").is_hidden(), "the print button needs JavaScript: hidden without it"
    finally:
        context.close()


def test_removing_with_htmx_keeps_the_page_and_moves_focus_to_the_heading(page, live_server, sample_service_id,
                                                                          french_only_service_id):
    page.goto(f"{live_server['base']}/en/list?s={sample_service_id},{french_only_service_id}")
    page.locator(".shortlist-remove a").first.click()
    page.wait_for_function("document.querySelectorAll('.shortlist-item').length === 1")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'shortlist-heading'")
    assert page.evaluate("document.activeElement.id") == "shortlist-heading"
    assert page.url.endswith(f"/en/list?s={french_only_service_id}")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_list_page_has_no_wcag_violations(page, live_server, sample_service_id, french_only_service_id, lang):
    path = {"fr": "/fr/liste", "en": "/en/list"}[lang]
    for query in (f"?s={sample_service_id},{french_only_service_id}", ""):
        page.goto(live_server["base"] + path + query)
        violations = run_axe(page)
        assert not violations, f"{path}{query}\n{describe(violations)}"
