"""Hostile input on every public route: no 5xx, and nothing reflected unescaped.

Property-based (hypothesis): for each public GET route, query strings made of the route's own
parameters and random ones, repeated, with hostile values: markup meant to break out of text and
attribute context, control characters, unassigned and astral unicode, numbers that are not numbers
(nan, 1e309, -0, huge), very long strings. The properties:

* the answer is never a 5xx (a 503 only when the search engine is really unavailable, which it is
  not here);
* an HTML answer never contains the payload's markup unescaped (`<x-hostile`, or a quote that
  closes an attribute followed by ours), and a JSON answer is JSON.

Bounded: MAX_EXAMPLES per route keeps the whole file under a minute on the 2-core machine.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory import migrate
from directory.demo import generator
from indexer.document import iter_documents
from indexer.embedded import EmbeddedEngine
from indexer.factory import clear_cache
from portal import create_app

MAX_EXAMPLES = 10

SEARCH = ["q", "place", "lat", "lon", "radius", "sort", "page", "per_page", "category", "region",
          "municipality", "language", "accessibility", "age_group", "free", "open_now", "available_now",
          "include_closed", "crisis", "lang", "locale", "format", "ids", "id", "list", "next", "theme", "limit",
          "offset"]

MARKER = "x-hostile"
PAYLOADS = [
    f"<{MARKER}>", f"<script>{MARKER}</script>", f'"><{MARKER} src=x onerror=alert(1)>',
    f"' {MARKER}='1", f'" {MARKER}="1', f"javascript:{MARKER}", f"</title><{MARKER}>",
    f"<!--{MARKER}", f"{{{{7*7}}}}{MARKER}", f"%(n)s{MARKER}%s%d", f"\\u003c{MARKER}",
]
NUMBERS = ["nan", "NaN", "inf", "-inf", "1e309", "-0", "0", "-1", "99999999999999999999999", "0x10",
           "1_000", "٣", "45.5,-73.6", " 12 ", ""]
CONTROL = "".join(chr(c) for c in [0, 1, 8, 9, 10, 13, 27, 127, 0x85, 0x200B, 0x202E, 0xFEFF, 0xFFFF])

values = st.one_of(
    st.sampled_from(PAYLOADS),
    st.sampled_from(NUMBERS),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
    st.text(alphabet=CONTROL + "<>\"'&;=%", max_size=20),
    st.builds(lambda p, n: p * n, st.sampled_from(["a", "é", "<", "%", "🙂", "H2X 1Y4 "]),
              st.integers(min_value=300, max_value=5000)),
    st.builds(lambda a, b: a + b, st.sampled_from(PAYLOADS), st.text(max_size=10)),
)
names = st.one_of(st.sampled_from(SEARCH), st.text(max_size=12))
query = st.lists(st.tuples(names, values), max_size=8)
# The HSDS API answers 400 to any parameter it does not take, before reading the others: its routes
# get its own parameters, and at most one random name, so hostile values still reach its checks.
API = ["search", "page", "per_page", "format", "locale", "lang", "profile", "postcode", "proximity",
       "organization_id", "taxonomy_term_id", "taxonomy_id", "modified_after", "minimal", "full",
       "full_service", "top_only", "parent_id"]
api_query = st.tuples(st.lists(st.tuples(st.sampled_from(API), values), max_size=8),
                      st.lists(st.tuples(st.text(max_size=12), values), max_size=1)).map(
    lambda lists: lists[0] + lists[1])


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    url = f"sqlite:///{root / 'directory.sqlite'}"
    migrate.upgrade(url)
    generator.build(url, services=150, seed=7)
    EmbeddedEngine(root / "index").rebuild(iter_documents(url))
    clear_cache()
    app = create_app({"DATABASE_URL": url, "INDEX_PATH": str(root / "index"), "TESTING": False,
                      "API_RATE_LIMIT": "100000/minute", "CACHE_SECONDS": 0})
    yield app
    clear_cache()


def _public_get_routes(app) -> list[str]:
    """Every GET rule outside the staff area and the static files, with sample path arguments."""
    rules = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint.startswith(("staff.", "static")):
            continue
        rules.append(rule)
    return rules


ROUTES = [
    "/", "/fr/", "/en/", "/fr/recherche", "/en/search", "/fr/service/{text}", "/en/service/{text}",
    "/fr/liste", "/en/list", "/fr/carte", "/en/map/list", "/fr/carte/service/{text}",
    "/fr/export/results.csv", "/en/export/list.geojson", "/fr/export/results.json",
    "/fr/widget/recherche", "/en/widget", "/fr/besoins", "/en/needs/data", "/fr/donnees-ouvertes",
    "/api/hsds/services", "/api/hsds/services/{text}", "/api/hsds/service_at_locations",
    "/api/hsds/organizations", "/api/hsds/taxonomy_terms", "/api/hsds/{text}", "/fr/urgence",
    "/en/staff/login", "/healthz", "/fr/{text}", "/fr/recherche#htmx", "/fr/suggestions",
    "/fr/service/{text}/signaler", "/favicon.ico", "/en/needs/supply-and-demand", "/fr/confidentialite",
    "/fr/mise-a-jour/{text}", "/en/update/{text}/edit/service/{text}", "/fr/mise-a-jour/{text}/services/{text}/fin",
    "/fr/mise-a-jour/{text}/ajouter/phone/service/{text}", "/en/update/{text}/remove/schedule/{text}",
    "/en/update/{text}/services/{text}/capacity",
]


def test_the_routes_above_cover_every_public_get_endpoint(app):
    adapter = app.url_map.bind("localhost")
    covered = set()
    for route in ROUTES:
        path = route.replace("{text}", "x").split("#")[0]
        try:
            endpoint, _ = adapter.match(path, method="GET")
        except Exception:  # noqa: BLE001 - 404 paths are hostile input too
            continue
        covered.add(endpoint)
    # PDF downloads run WeasyPrint (seconds each): they get their own bounded check below.
    missing = {r.endpoint for r in _public_get_routes(app)} - covered - {
        "pdf.download", "maps.export", "needs.chart", "needs.download", "opendata.download",
        "needs.gaps_pdf",  # junk filters on it: tests/functional/needs/test_gaps.py
        "api_hsds.root", "api_hsds.openapi_document", "api_hsds.schema_file", "api_hsds.profile_patch",
        "api_hsds.profile_schema", "api_hsds.service_at_location", "api_hsds.organization",
        "api_hsds.taxonomies", "api_hsds.taxonomy", "api_hsds.taxonomy_term", "widget.theme",
        "service.report_thanks", "health.readyz"}
    assert not missing, f"public routes without a hostile-input check: {sorted(missing)}"


def _check(response, where: str) -> None:
    assert response.status_code < 500, where
    if response.mimetype == "text/html":
        body = response.get_data(as_text=True)
        lowered = body.lower()
        assert f"<{MARKER}" not in lowered, f"{where}: markup reflected unescaped"
        assert f"\" {MARKER}=" not in lowered and f"' {MARKER}=" not in lowered, f"{where}: attribute breakout"
    elif response.mimetype in ("application/json", "application/geo+json", "application/schema+json"):
        json.loads(response.get_data(as_text=True))


@pytest.mark.parametrize("route", ROUTES)
def test_hostile_query_strings_never_fail_or_reflect(app, route):
    client = app.test_client()

    @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(pairs=api_query if route.startswith("/api/") else query, segment=values)
    def run(pairs, segment):
        path = route.split("#")[0].replace("{text}", quote(segment or "x", safe=""))
        qs = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)
        headers = {"HX-Request": "true"} if route.endswith("#htmx") else {}
        response = client.get(f"{path}?{qs}" if qs else path, headers=headers)
        _check(response, f"GET {path}?{qs[:300]}")

    run()


def test_hostile_pdf_requests_are_refused_or_answered_not_crashed(app):
    client = app.test_client()
    for payload in PAYLOADS[:3] + ["nan", "9" * 500]:
        response = client.get(f"/fr/pdf/results.pdf?q={quote(payload)}&page={quote(payload)}&per_page=5")
        _check(response, f"pdf {payload!r}")


def test_hostile_headers_and_cookies_are_harmless(app):
    client = app.test_client()
    client.set_cookie("lang", f'"><{MARKER}>')
    for headers in ({"Accept-Language": f"<{MARKER}>;q=1, fr"}, {"HX-Request": f"<{MARKER}>"},
                    {"HX-Current-URL": f"javascript:<{MARKER}>"}, {"X-Forwarded-Proto": f"<{MARKER}>"}):
        _check(client.get("/", headers=headers), str(headers))
        _check(client.get("/fr/recherche?q=aide", headers=headers), str(headers))
