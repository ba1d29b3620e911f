"""axe-core finds no WCAG 2.2 A/AA violation on the portal's pages, in both languages and modes."""

from __future__ import annotations

import pytest
from axe_audit import describe, run_axe


def _paths(service_id: str, french_only_id: str) -> list[str]:
    return ["/fr/", "/en/", f"/fr/service/{service_id}", f"/en/service/{service_id}",
            f"/en/service/{french_only_id}", f"/fr/service/{service_id}/signaler", "/fr/introuvable", "/en/missing"]


@pytest.mark.parametrize("index", range(8))
def test_pages_have_no_wcag_violations(page, live_server, sample_service_id, french_only_service_id, index):
    path = _paths(sample_service_id, french_only_service_id)[index]
    page.goto(live_server["base"] + path)
    violations = run_axe(page)
    assert not violations, f"{path}\n{describe(violations)}"


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_service_page_has_no_violations_in_dark_mode_and_forced_colours(page, live_server, sample_service_id, scheme):
    page.emulate_media(color_scheme=scheme, forced_colors="active" if scheme == "light" else "none",
                       reduced_motion="reduce")
    page.goto(f"{live_server['base']}/fr/service/{sample_service_id}")
    violations = run_axe(page)
    assert not violations, describe(violations)


def test_report_form_errors_have_no_violations_and_focus_the_summary(page, live_server, sample_service_id):
    page.goto(f"{live_server['base']}/en/service/{sample_service_id}")
    page.get_by_role("link", name="Report an error on this page").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Send the report").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error:")
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    violations = run_axe(page)
    assert not violations, describe(violations)


@pytest.mark.parametrize("path", ["/fr/", "/en/"])
def test_pages_reflow_at_320_css_pixels(browser, live_server, sample_service_id, path):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for url in (path, f"{path}service/{sample_service_id}"):
        page.goto(live_server["base"] + url)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at 320px"
    context.close()


def test_keyboard_journey_skip_link_then_toggle_then_help(page, live_server):
    page.goto(live_server["base"] + "/fr/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.goto(live_server["base"] + "/fr/")
    order = []
    for _ in range(5):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.textContent.trim().slice(0, 20)"))
    assert order[2] == "English" and order[3].startswith("Composer le 211")


def test_interactive_targets_are_at_least_24_px(page, live_server, sample_service_id):
    page.goto(f"{live_server['base']}/fr/service/{sample_service_id}")
    small = page.evaluate("""() => [...document.querySelectorAll('a, button, input, select, textarea, summary')]
        .filter(e => e.offsetParent !== null && !e.closest('p, li, td') )
        .map(e => [e.outerHTML.slice(0, 80), e.getBoundingClientRect()])
        .filter(([, r]) => r.width < 24 || r.height < 24).map(([h]) => h)""")
    assert not small, small


def test_first_visit_transfers_at_most_60_kb_compressed(live_server):
    import gzip
    import urllib.request

    total = 0
    for path in ("/fr/", "/static/css/portal.css", "/static/js/portal.js", "/static/vendor/htmx.min.js"):
        with urllib.request.urlopen(live_server["base"] + path) as response:
            total += len(gzip.compress(response.read(), compresslevel=6))
    assert total <= 60_000, f"{total} bytes gzipped"
