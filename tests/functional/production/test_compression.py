"""The portal compresses what it sends (portal/compression.py): gzip for clients that ask for it,
the same bytes once decoded, caches and conditional requests kept right, nothing for the staff area."""

from __future__ import annotations

import gzip
import json
import os
import re

import pytest
from sqlalchemy import text

from directory.db import engine_for
from portal import compression, create_app
from portal.search import cache
from portal.security import inline_hashes

GZIP = {"Accept-Encoding": "gzip, deflate, br, zstd"}  # what Chromium sends
RESULTS = "/fr/recherche?q=aide"


def _app(demo, **config):
    return create_app({"DATABASE_URL": demo["url"], "INDEX_PATH": str(demo["index"]), "TESTING": True,
                       "CACHE_SECONDS": 0, "NEEDS_LOG_ENABLED": False, "SEARCH_PAGE_CACHE_SECONDS": 0,
                       **config})


@pytest.fixture(scope="module")
def app(demo):
    return _app(demo)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="module")
def service_id(demo) -> str:
    with engine_for(demo["url"]).connect() as connection:
        return connection.execute(text("SELECT id FROM service WHERE status = 'active' LIMIT 1")).scalar_one()


def _vary(response) -> set[str]:
    return {v.strip().lower() for v in response.headers.get("Vary", "").split(",")}


# -- dynamic responses ------------------------------------------------------------------------------


def test_a_results_page_is_sent_gzipped_and_decodes_to_the_same_page(client):
    plain = client.get(RESULTS)
    packed = client.get(RESULTS, headers=GZIP)
    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert int(packed.headers["Content-Length"]) == len(packed.data) < len(plain.data) / 3
    assert gzip.decompress(packed.data) == plain.data
    assert "accept-encoding" in _vary(plain) and "accept-encoding" in _vary(packed)
    assert "hx-request" in _vary(packed)  # the view's own Vary is kept


@pytest.mark.parametrize("accept", ["", "identity", "gzip;q=0", "gzip;q=0, *", "deflate, br", "*;q=0"])
def test_no_gzip_unless_the_client_accepts_it(client, accept):
    response = client.get(RESULTS, headers={"Accept-Encoding": accept} if accept else {})
    assert "Content-Encoding" not in response.headers
    assert response.data.lstrip().lower().startswith(b"<!doctype html>")
    assert "accept-encoding" in _vary(response)


@pytest.mark.parametrize("accept", ["gzip", "GZIP;q=0.5", "x-gzip", "br;q=1, *;q=0.1", "gzip;q=1, *;q=0"])
def test_gzip_whenever_the_client_accepts_it(client, accept):
    response = client.get(RESULTS, headers={"Accept-Encoding": accept})
    assert response.headers.get("Content-Encoding") == "gzip"


def test_an_htmx_fragment_is_compressed_too(client):
    headers = {**GZIP, "HX-Request": "true"}
    packed = client.get(RESULTS, headers=headers)
    plain = client.get(RESULTS, headers={"HX-Request": "true"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.data) == plain.data
    assert not plain.data.lstrip().lower().startswith(b"<!doctype html>")


def test_small_bodies_are_sent_as_they_are(client):
    response = client.get("/en/suggestions?q=zzzzqqqq", headers=GZIP)
    assert response.status_code == 200 and len(response.data) < 1024
    assert "Content-Encoding" not in response.headers


def test_head_sends_the_headers_of_the_uncompressed_page_and_no_body(client):
    plain = client.get(RESULTS)
    head = client.head(RESULTS, headers=GZIP)
    assert head.status_code == 200 and head.data == b""
    assert "Content-Encoding" not in head.headers
    assert int(head.headers["Content-Length"]) == len(plain.data)
    assert "accept-encoding" in _vary(head)


def test_conditional_get_answers_304_for_both_variants(client):
    url = "/api/hsds/taxonomy_terms?per_page=50"
    plain = client.get(url)
    tag = plain.headers["ETag"]
    assert tag.startswith('"') and "Content-Encoding" not in plain.headers
    packed = client.get(url, headers=GZIP)
    assert packed.headers["Content-Encoding"] == "gzip"
    assert packed.headers["ETag"] == "W/" + tag, "the gzip variant has its own (weak) tag"
    assert json.loads(gzip.decompress(packed.data)) == json.loads(plain.data)

    again_plain = client.get(url, headers={"If-None-Match": tag})
    assert again_plain.status_code == 304 and again_plain.data == b""
    again_packed = client.get(url, headers={**GZIP, "If-None-Match": packed.headers["ETag"]})
    assert again_packed.status_code == 304 and again_packed.data == b""
    assert again_packed.headers["ETag"] == packed.headers["ETag"]
    assert "Content-Encoding" not in again_packed.headers
    assert "accept-encoding" in _vary(again_packed)
    changed = client.get(url, headers={**GZIP, "If-None-Match": 'W/"something-else"'})
    assert changed.status_code == 200 and changed.headers["Content-Encoding"] == "gzip"


@pytest.mark.parametrize("url", ["/fr/export/results.csv?q=aide", "/en/export/results.json?q=aide",
                                 "/api/hsds/services?search=aide&format=ndjson"])
def test_streamed_exports_are_left_alone_and_complete(client, url):
    plain = client.get(url)
    response = client.get(url, headers=GZIP)
    assert response.status_code == 200 and response.is_streamed
    assert "Content-Encoding" not in response.headers
    assert response.data == plain.data and len(response.data) > 1024


def test_map_documents_are_compressed_and_keep_their_inline_hashes(client):
    response = client.get("/fr/carte?q=banque", headers=GZIP)
    assert response.headers["Content-Encoding"] == "gzip"
    csp = response.headers["Content-Security-Policy"]
    scripts, styles, _ = inline_hashes(gzip.decompress(response.data).decode("utf-8"))
    assert scripts and all(h in csp for h in scripts + styles)


def test_the_public_error_report_form_is_compressed(client, service_id):
    # BREACH decision (portal/compression.py): Flask-WTF's token is signed over a timestamp.
    assert client.get(f"/fr/service/{service_id}", headers=GZIP).headers["Content-Encoding"] == "gzip"
    response = client.get(f"/fr/service/{service_id}/signaler", headers=GZIP)
    assert response.status_code == 200 and response.headers["Content-Encoding"] == "gzip"
    assert b'name="csrf_token"' in gzip.decompress(response.data)


def test_the_staff_area_is_never_compressed(client):
    response = client.get("/fr/personnel/connexion", headers=GZIP)
    assert response.status_code == 200 and len(response.data) > 1024
    assert "Content-Encoding" not in response.headers
    assert b'name="csrf_token"' in response.data


def test_compression_can_be_turned_off(demo):
    off = _app(demo, COMPRESSION=False).test_client()
    page = off.get(RESULTS, headers=GZIP)
    assert page.status_code == 200 and "Content-Encoding" not in page.headers
    assert "accept-encoding" not in _vary(page)
    style = off.get("/static/css/portal.css", headers=GZIP)
    assert "Content-Encoding" not in style.headers
    style.close()


def test_the_level_is_configurable(demo):
    fast = _app(demo, COMPRESSION_LEVEL=1).test_client().get(RESULTS, headers=GZIP)
    best = _app(demo, COMPRESSION_LEVEL=9).test_client().get(RESULTS, headers=GZIP)
    assert gzip.decompress(fast.data) == gzip.decompress(best.data)
    assert len(fast.data) > len(best.data)
    with pytest.raises(ValueError):
        _app(demo, COMPRESSION_LEVEL=12)


# -- the results-page cache -------------------------------------------------------------------------


def test_a_cached_results_page_keeps_its_gzip_and_sends_it_again(demo):
    app = _app(demo, SEARCH_PAGE_CACHE_SECONDS=60)
    client = app.test_client()
    plain = client.get(RESULTS)
    pages = app.extensions[cache.EXTENSION]
    assert len(pages) == 1 and pages.bytes == len(plain.data)

    first = client.get(RESULTS, headers=GZIP)  # a hit: compressed once, kept with the page
    assert gzip.decompress(first.data) == plain.data
    assert pages.bytes == len(plain.data) + len(first.data), "the gzip bytes count in the budget"
    (page,) = pages._pages.values()
    assert page.gzip == {6: first.data}

    # The next hit sends the kept bytes: replace them with a marker and see the marker arrive.
    marker = compression.gzip_bytes(b"<p>kept gzip</p>", 6)
    page.gzip[6] = marker
    assert client.get(RESULTS, headers=GZIP).data == marker
    assert client.get(RESULTS).data == plain.data


def test_the_cache_budget_drops_pages_with_their_gzip(demo):
    app = _app(demo, SEARCH_PAGE_CACHE_SECONDS=60)
    client = app.test_client()
    size = len(client.get(RESULTS).data)
    pages = app.extensions[cache.EXTENSION]
    pages.max_bytes = size * 4  # room for the page alone, not much more
    for q in ("logement", "emploi", "transport", "santé", "répit", "impôts"):
        client.get(f"/fr/recherche?q={q}", headers=GZIP)
    assert pages.bytes <= pages.max_bytes
    assert pages.bytes == sum(p.size() for p in pages._pages.values())


# -- static files -----------------------------------------------------------------------------------


def test_a_static_file_is_sent_from_its_gzip_variant(client, app):
    path = os.path.join(app.static_folder, "css", "portal.css")
    with open(path, "rb") as file:
        original = file.read()
    plain = client.get("/static/css/portal.css")
    packed = client.get("/static/css/portal.css", headers=GZIP)
    assert packed.status_code == 200 and packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.data) == original == plain.data
    assert int(packed.headers["Content-Length"]) == len(packed.data) < len(original) / 2
    assert packed.headers["ETag"] != plain.headers["ETag"]
    assert packed.mimetype == plain.mimetype == "text/css"
    for header in ("Cache-Control", "Last-Modified", "Content-Type"):
        assert packed.headers[header] == plain.headers[header], header
    assert "accept-encoding" in _vary(packed) and "accept-encoding" in _vary(plain)
    assert "Accept-Ranges" not in packed.headers
    plain.close()


def test_static_conditional_requests_answer_304_for_each_variant(client):
    packed = client.get("/static/js/portal.js", headers=GZIP)
    plain = client.get("/static/js/portal.js")
    again = client.get("/static/js/portal.js", headers={**GZIP, "If-None-Match": packed.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert client.get("/static/js/portal.js", headers={"If-None-Match": plain.headers["ETag"]}).status_code == 304
    since = client.get("/static/js/portal.js", headers={**GZIP, "If-Modified-Since": packed.headers["Last-Modified"]})
    assert since.status_code == 304
    # The identity tag does not validate the gzip variant, nor the reverse.
    crossed = client.get("/static/js/portal.js", headers={**GZIP, "If-None-Match": plain.headers["ETag"]})
    assert crossed.status_code == 200 and crossed.headers["Content-Encoding"] == "gzip"
    plain.close()


def test_static_range_requests_get_the_identity_file(client, app):
    with open(os.path.join(app.static_folder, "css", "portal.css"), "rb") as file:
        original = file.read()
    partial = client.get("/static/css/portal.css", headers={**GZIP, "Range": "bytes=10-19"})
    assert partial.status_code == 206 and "Content-Encoding" not in partial.headers
    assert partial.data == original[10:20]
    partial.close()


def test_static_head_describes_the_gzip_variant(client):
    packed = client.get("/static/css/portal.css", headers=GZIP)
    head = client.head("/static/css/portal.css", headers=GZIP)
    assert head.status_code == 200 and head.data == b""
    assert head.headers["Content-Encoding"] == "gzip"
    assert head.headers["Content-Length"] == packed.headers["Content-Length"]
    assert head.headers["ETag"] == packed.headers["ETag"]


def test_vendor_files_are_compressed(client, app):
    vendor = os.path.join(app.static_folder, "vendor", "htmx.min.js")
    if not os.path.exists(vendor):
        from tests.resources import missing

        missing("static/vendor/htmx.min.js is missing: scripts/setup.sh installs it from npm")
    response = client.get("/static/vendor/htmx.min.js", headers=GZIP)
    with open(vendor, "rb") as file:
        assert gzip.decompress(response.data) == file.read()


def test_an_edited_static_file_is_compressed_again(demo, tmp_path):
    app = _app(demo)
    app.static_folder = str(tmp_path)
    css = tmp_path / "site.css"
    css.write_text("body { color: black; }\n" * 200)
    client = app.test_client()
    first = client.get("/static/site.css", headers=GZIP)
    assert gzip.decompress(first.data) == css.read_bytes()
    css.write_text("main { color: navy; }\n" * 300)
    os.utime(css, ns=(css.stat().st_atime_ns, css.stat().st_mtime_ns + 1_000_000_000))
    second = client.get("/static/site.css", headers=GZIP)
    assert gzip.decompress(second.data) == css.read_bytes()
    assert second.headers["ETag"] != first.headers["ETag"]
    stale = client.get("/static/site.css", headers={**GZIP, "If-None-Match": first.headers["ETag"]})
    assert stale.status_code == 200


def test_static_files_that_are_not_text_or_missing_are_served_as_before(demo, tmp_path):
    app = _app(demo)
    app.static_folder = str(tmp_path)
    (tmp_path / "logo.png").write_bytes(b"\x89PNG" + os.urandom(4096))
    client = app.test_client()
    image = client.get("/static/logo.png", headers=GZIP)
    assert image.status_code == 200 and "Content-Encoding" not in image.headers
    assert "accept-encoding" not in _vary(image)
    image.close()
    assert client.get("/static/missing.css", headers=GZIP).status_code == 404
    assert client.get("/static/../pyproject.toml", headers=GZIP).status_code == 404


def test_every_page_of_the_first_visit_is_compressed(client):
    html = gzip.decompress(client.get("/fr/", headers=GZIP).data).decode("utf-8")
    assets = re.findall(r'(?:href|src)="(/static/[^"?]+\.(?:css|js))(?:\?v=[0-9a-f]+)?"', html)
    assert any(a.endswith(".css") for a in assets) and any(a.endswith(".js") for a in assets)
    for asset in assets:
        response = client.get(asset, headers=GZIP)
        assert response.headers.get("Content-Encoding") == "gzip", asset
