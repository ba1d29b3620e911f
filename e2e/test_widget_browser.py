"""The widget on a partner's page served from a second loopback origin, and axe on widget pages."""

from __future__ import annotations

import functools
import http.server
import socket
import threading

import pytest
from axe_audit import describe, run_axe


@pytest.fixture
def partner_site(tmp_path, live_server):
    """A partner's page with the configurator's snippet, on its own port (another origin)."""
    snippet = (f'<iframe src="{live_server["base"]}/fr/widget/recherche?region=06&amp;accent=%238a1c7c" '
               'title="Rechercher des services communautaires – Portail 211" width="100%" height="600"></iframe>')
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Organisme partenaire</title></head>'
        f"<body><main><h1>Notre quartier</h1>{snippet}</main></body></html>", encoding="utf-8")
    (tmp_path / "framed.html").write_text(
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Cadre interdit</title></head>'
        f'<body><iframe id="other" src="{live_server["base"]}/fr/recherche?q=aide" title="x"></iframe></body></html>',
        encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()


def test_partner_page_searches_through_the_widget(page, partner_site, live_server):
    assert partner_site.split(":")[-1] != live_server["base"].split(":")[-1]
    page.goto(partner_site + "/index.html")
    frame = page.frame_locator("iframe")
    frame.locator("#w-q").fill("aide")
    frame.get_by_role("button", name="Rechercher").click()
    frame.locator(".w-count").wait_for()
    link = frame.locator(".w-results h3 a").first
    assert link.get_attribute("target") == "_blank"
    assert link.get_attribute("rel") == "noopener"
    assert link.get_attribute("href").startswith(live_server["base"] + "/fr/service/")
    with page.context.expect_page() as opened:
        link.click()
    portal_page = opened.value
    portal_page.wait_for_load_state()
    assert portal_page.url.startswith(live_server["base"] + "/fr/service/")
    assert page.url == partner_site + "/index.html", "the partner's page stays"


def test_other_portal_pages_refuse_to_be_framed_by_a_partner(page, partner_site):
    page.goto(partner_site + "/framed.html")
    page.wait_for_timeout(500)
    frame = page.frame(url=lambda url: "/fr/recherche" in url)
    content = frame.evaluate("document.body ? document.body.innerText : ''") if frame else ""
    assert "Trouver un service" not in content


@pytest.mark.parametrize("path", ["/fr/widget", "/en/widget",
                                  "/fr/widget?generate=1&region=06&accent=%238a1c7c",
                                  "/en/widget?generate=1&accent=red",
                                  "/fr/widget/recherche?q=aide&region=06", "/en/widget/search?q=food"])
def test_widget_pages_have_no_wcag_violations(page, live_server, path):
    page.goto(live_server["base"] + path)
    violations = run_axe(page)
    assert not violations, f"{path}\n{describe(violations)}"
