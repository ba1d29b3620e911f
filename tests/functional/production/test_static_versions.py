"""Versioned static URLs (portal/static_assets.py): pages link `?v=<content hash>`, that exact
version is cached for a year, anything else keeps Flask's revalidate-every-time default."""

from __future__ import annotations

import gzip
import hashlib
import re
import shutil
from pathlib import Path

import pytest

from portal import create_app

GZIP = {"Accept-Encoding": "gzip"}


@pytest.fixture
def app(demo, tmp_path):
    app = create_app({"DATABASE_URL": demo["url"], "INDEX_PATH": str(demo["index"]), "TESTING": True,
                      "CACHE_SECONDS": 0, "NEEDS_LOG_ENABLED": False})
    # A private copy of static/, so the test can edit a file.
    folder = tmp_path / "static"
    shutil.copytree(app.static_folder, folder, ignore=shutil.ignore_patterns("vendor"))
    shutil.copytree(Path(app.static_folder) / "vendor", folder / "vendor", dirs_exist_ok=True)
    app.static_folder = str(folder)
    return app


def _css_url(client) -> str:
    html = client.get("/fr/").get_data(as_text=True)
    return re.search(r'href="(/static/css/portal\.css\?v=[0-9a-f]{12})"', html).group(1)


@pytest.mark.parametrize("headers", [{}, GZIP])
def test_the_linked_version_is_cached_for_a_year(app, headers):
    client = app.test_client()
    url = _css_url(client)
    body = (Path(app.static_folder) / "css" / "portal.css").read_bytes()
    assert url.endswith(hashlib.sha256(body).hexdigest()[:12])
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    cache = response.headers["Cache-Control"]
    assert "max-age=31536000" in cache and "immutable" in cache and "no-cache" not in cache
    data = gzip.decompress(response.data) if response.headers.get("Content-Encoding") == "gzip" else response.data
    assert data == body


def test_scripts_of_every_page_are_versioned(app):
    html = app.test_client().get("/en/").get_data(as_text=True)
    for path in ("vendor/htmx.min.js", "js/portal.js"):
        assert re.search(rf'src="/static/{re.escape(path)}\?v=[0-9a-f]{{12}}"', html), path


@pytest.mark.parametrize("query", ["", "?v=000000000000"])
def test_an_unversioned_or_stale_request_is_not_promised_a_year(app, query):
    response = app.test_client().get("/static/css/portal.css" + query)
    assert response.status_code == 200
    assert "immutable" not in response.headers.get("Cache-Control", "")


def test_an_edited_file_gets_a_new_url_and_the_old_one_loses_its_promise(app):
    client = app.test_client()
    old = _css_url(client)
    css = Path(app.static_folder) / "css" / "portal.css"
    css.write_bytes(css.read_bytes() + b"\n/* edited */\n")
    new = _css_url(client)
    assert new != old
    assert "immutable" in client.get(new).headers["Cache-Control"]
    assert "immutable" not in client.get(old).headers.get("Cache-Control", "")


def test_pages_link_the_favicon_and_favicon_ico_redirects_to_it(app):
    """Browsers ask /favicon.ico whatever the page links: a 301 to the SVG mark, not a 404."""
    client = app.test_client()
    for path in ("/fr/", "/en/open-data", "/fr/personnel/connexion"):
        html = client.get(path).get_data(as_text=True)
        assert re.search(r'<link rel="icon" href="/static/img/favicon\.svg\?v=[0-9a-f]{12}" '
                         r'type="image/svg\+xml">', html), path
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response.headers["Location"] == "/static/img/favicon.svg"
    svg = client.get(response.headers["Location"])
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    assert b">211</text>" in svg.data
