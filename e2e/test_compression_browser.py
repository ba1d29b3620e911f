"""Chromium asks for gzip and gets it (portal/compression.py): the page, its CSS and JS, and an htmx
swap arrive compressed, and the page still renders and enhances as it should."""

from __future__ import annotations


def test_a_browser_gets_the_results_page_and_its_assets_gzipped(page, live_server):
    seen: dict[str, str | None] = {}
    page.on("response", lambda r: seen.__setitem__(r.url, r.headers.get("content-encoding")))
    page.goto(live_server["base"] + "/fr/recherche?q=aide")
    page.wait_for_load_state("networkidle")
    # Asset URLs carry their version (`?v=<content hash>`): look at the path.
    own = {url.split("?v=")[0]: encoding for url, encoding in seen.items()
           if url.startswith(live_server["base"])
           and ("/recherche" in url or url.split("?v=")[0].endswith((".css", ".js")))}
    assert any(url.endswith(".css") for url in own) and any(url.endswith(".js") for url in own)
    assert all(encoding == "gzip" for encoding in own.values()), own
    assert page.locator("h1").first.is_visible()
    assert page.evaluate("typeof window.htmx") == "object", "htmx.min.js ran after decoding"

    # An htmx swap (the results region alone) is compressed too, and lands in the page.
    seen.clear()
    swapped: list[str | None] = []
    page.on("request", lambda r: swapped.append(r.headers.get("hx-request")) if "page=2" in r.url else None)
    page.locator("a[href*='page=2']").first.click()
    page.wait_for_url("**page=2**")
    page.wait_for_load_state("networkidle")
    swaps = [encoding for url, encoding in seen.items() if "page=2" in url]
    assert swaps and all(encoding == "gzip" for encoding in swaps), seen
    assert "true" in swapped, "the link was followed by htmx"
