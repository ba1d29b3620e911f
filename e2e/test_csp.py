"""The Content-Security-Policy holds in a real browser: Chromium reports no violation (neither a
`securitypolicyviolation` event nor a "Refused to …" console message) on the main pages, after an
htmx swap, and in a map document (whose inline blocks are allowed by hash)."""

from __future__ import annotations

import pytest

LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(
  e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '') + ' @' + e.sourceFile + ':' + e.lineNumber));
"""


@pytest.fixture
def strict_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-CA")
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.console_messages_seen = []
    page.on("console", lambda m: page.console_messages_seen.append(m.text))
    yield page
    context.close()


def _violations(page) -> list[str]:
    page.wait_for_timeout(200)  # violation events are dispatched asynchronously
    events = page.evaluate("window.__csp || []")
    console = [t for t in page.console_messages_seen if "Content Security Policy" in t or t.startswith("Refused to")]
    return events + console


@pytest.mark.parametrize("path", ["/fr/", "/en/", "/fr/recherche?q=banque+alimentaire&place=Montr%C3%A9al",
                                  "/en/search?q=food&region=06", "/fr/liste", "/fr/donnees-ouvertes",
                                  "/fr/widget/recherche?q=aide", "/fr/carte?q=aide"])
def test_no_csp_violation_on_the_main_pages(strict_page, live_server, path):
    response = strict_page.goto(live_server["base"] + path)
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    strict_page.wait_for_load_state("networkidle")
    assert _violations(strict_page) == []


def test_no_csp_violation_on_a_service_page_and_after_an_htmx_swap(strict_page, live_server, sample_service_id):
    strict_page.goto(f"{live_server['base']}/fr/service/{sample_service_id}")
    strict_page.wait_for_load_state("networkidle")
    assert _violations(strict_page) == []
    strict_page.goto(live_server["base"] + "/en/search?q=food")
    strict_page.wait_for_load_state("networkidle")
    checkbox = strict_page.locator("#filters input[type=checkbox]").first
    checkbox.check()
    strict_page.wait_for_load_state("networkidle")
    strict_page.wait_for_timeout(300)
    assert _violations(strict_page) == []


def test_the_detector_sees_an_inline_script_being_refused(strict_page, live_server):
    """Control: the listener above would have reported a violation, had there been one."""
    strict_page.goto(live_server["base"] + "/fr/")
    strict_page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.x = 1';"
                         " document.body.appendChild(s); }")
    assert any("script-src" in v for v in _violations(strict_page))
    assert strict_page.evaluate("window.x") is None
