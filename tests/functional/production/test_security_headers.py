"""Security headers on every route of the app: the test walks the URL map (every rule, every method,
sample arguments), so a route added later is covered without editing this file."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from werkzeug.routing import AnyConverter

from directory.db import engine_for
from portal import create_app
from portal.security import inline_hashes, tile_origin

SAMPLES = {
    "lang": "fr", "name": "services", "fmt": "csv", "source": "results", "filename": "css/portal.css",
    "path": "x", "rest": "nothing-here", "resource_type": "service", "report_id": "1", "banner_id": "1",
    "change_id": "1", "schedule_id": "00000000-0000-0000-0000-000000000000",
    "location_id": "00000000-0000-0000-0000-000000000000",
}


@pytest.fixture(scope="module")
def app(demo):
    return create_app({"DATABASE_URL": demo["url"], "INDEX_PATH": str(demo["index"]), "TESTING": False,
                       "MAP_TILE_URL": "https://{s}.tile.example.org/{z}/{x}/{y}.png", "CACHE_SECONDS": 0})


@pytest.fixture(scope="module")
def ids(demo) -> dict:
    with engine_for(demo["url"]).connect() as connection:
        service = connection.execute(text("SELECT id, organization_id FROM service LIMIT 1")).one()
    return {"service_id": service[0], "ident": service[0], "resource_id": service[0],
            "organization_id": service[1]}


def _requests(app, ids):
    for rule in app.url_map.iter_rules():
        values = dict(rule.defaults or {})
        for argument in rule.arguments:
            if argument in values:
                continue
            converter = rule._converters.get(argument)
            if isinstance(converter, AnyConverter):
                values[argument] = sorted(converter.items)[0]
            else:
                values[argument] = ids.get(argument) or SAMPLES.get(argument, "sample")
        _, path = rule.build(values, append_unknown=False)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method, path


def _check(response, where: str, frame_ancestors: str = "'none'") -> None:
    csp = response.headers.get("Content-Security-Policy", "")
    directives = dict((d.split(" ", 1) + [""])[:2] for d in (x.strip() for x in csp.split(";")) if d)
    assert directives.get("default-src") == "'self'", where
    script = directives.get("script-src", "")
    assert script.startswith("'self'") and "unsafe-inline" not in script and "unsafe-eval" not in script, where
    assert "unsafe-inline" not in directives.get("style-src", "x"), where
    assert directives.get("img-src") == "'self' data: https://*.tile.example.org", where
    assert directives.get("object-src") == "'none'", where
    assert directives.get("frame-ancestors") == frame_ancestors, where
    assert response.headers.get("Referrer-Policy") == "no-referrer", where
    assert "geolocation=(self)" in response.headers.get("Permissions-Policy", ""), where
    assert response.headers.get("X-Content-Type-Options") == "nosniff", where
    assert "Strict-Transport-Security" not in response.headers, where


def test_every_route_sends_the_security_headers(app, ids):
    client = app.test_client()
    seen = 0
    for rule, method, path in _requests(app, ids):
        response = client.open(path, method=method)
        response.close()  # a streamed download left open would outlive its request context
        where = f"{method} {path} ({rule.endpoint}) -> {response.status_code}"
        assert response.status_code < 500, where
        policy = {"widget.search": "*", "widget.configurator": "'none'"}.get(rule.endpoint)
        if rule.endpoint.startswith("maps.") and rule.endpoint != "maps.export":  # a download
            policy = "'self'"
        _check(response, where, policy or "'none'")
        if policy == "*":
            assert "X-Frame-Options" not in response.headers, where
        else:
            assert response.headers.get("X-Frame-Options") in ("DENY", "SAMEORIGIN"), where
        seen += 1
    assert seen >= 80
    # Error pages too.
    _check(client.get("/fr/nothing-here"), "404")
    _check(client.post("/fr/recherche"), "405")


def test_map_documents_allow_their_own_inline_blocks_by_hash_only(app):
    response = app.test_client().get("/fr/carte?q=banque")
    csp = response.headers["Content-Security-Policy"]
    scripts, styles, _ = inline_hashes(response.get_data(as_text=True))
    assert scripts and all(h in csp for h in scripts + styles)
    assert "unsafe-inline" not in csp


def test_hsts_only_over_tls_and_forwarded_proto_only_behind_a_configured_proxy(demo):
    plain = create_app({"DATABASE_URL": demo["url"], "INDEX_PATH": str(demo["index"])}).test_client()
    assert "Strict-Transport-Security" not in plain.get("/healthz").headers
    forged = plain.get("/healthz", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in forged.headers  # nobody said there is a proxy
    assert plain.get("/healthz", base_url="https://portail.example").headers[
        "Strict-Transport-Security"].startswith("max-age=31536000")
    proxied = create_app({"DATABASE_URL": demo["url"], "INDEX_PATH": str(demo["index"]),
                          "PROXY_FIX_HOPS": 1}).test_client()
    assert "Strict-Transport-Security" in proxied.get("/healthz", headers={"X-Forwarded-Proto": "https"}).headers
    assert "Strict-Transport-Security" not in proxied.get("/healthz", headers={"X-Forwarded-Proto": "http"}).headers


def test_the_pages_have_no_inline_script_handler_or_style_attribute(app, ids):
    client = app.test_client()
    for path in ("/fr/", "/en/", "/fr/recherche?q=banque&place=Montr%C3%A9al", f"/fr/service/{ids['service_id']}",
                 "/en/list", "/fr/widget/recherche?q=aide", "/fr/donnees-ouvertes", "/fr/besoins"):
        html = client.get(path).get_data(as_text=True)
        scripts, styles, attributes = inline_hashes(html)
        assert not scripts and not styles and not attributes, path
        assert " on" not in "".join(part.split(">")[0] for part in html.split("<")
                                    if part[:1].isalpha()).replace(" only", ""), path


def test_tile_origin_of_a_tile_template():
    assert tile_origin("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png") == "https://*.tile.openstreetmap.org"
    assert tile_origin("https://tiles.example.ca/{z}/{x}/{y}.png") == "https://tiles.example.ca"
    assert tile_origin("") is None
