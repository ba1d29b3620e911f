"""Every operation takes exactly the parameters its OpenAPI operation lists: any other is a 400 that
names it and lists the accepted ones; errors say what is wrong in plain words (the machine codes
stay in `error` and `reason`); `per_page` above 100 is a 400; other methods are a JSON 405.

Also the source of the "API error table" (issue 21): `test_error_table` runs a dozen
representative bad requests and, with API_ERROR_TABLE=<file>, writes them as a markdown table.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote

import pytest

from indexer.engine import MAX_QUERY_CHARS

# A valid value for every parameter the OpenAPI document lists: a parameter added to the document
# without one here fails `test_every_documented_parameter_is_accepted`.
VALID = {
    "search": "aide", "page": "1", "per_page": "5", "format": "json", "taxonomy_term_id": "x",
    "taxonomy_id": "x", "organization_id": "x", "modified_after": "2020-01-01", "minimal": "false",
    "full": "false", "full_service": "false", "locale": "en", "profile": "plain",
    "postcode": "H2W 1Y4", "proximity": "5000", "top_only": "false", "parent_id": "x", "lang": "en",
}
# Machine codes that must never show in a message (they belong in `error` / `reason`).
CODES = ("bad_parameter", "unknown_parameter", "unknown_place", "outside_quebec",
         "invalid_coordinates", "too_long", "query_too_long", "invalid_radius",
         "radius_without_place", "invalid_sort", "not_found", "method_not_allowed")


def _documented(api) -> dict[str, list[str]]:
    """OpenAPI path → its query parameters, read from the served document."""
    doc = api.get("/api/hsds/openapi.json").get_json()
    components = doc["components"]["parameters"]
    out = {}
    for path, item in doc["paths"].items():
        names = []
        for parameter in item["get"].get("parameters", []):
            parameter = components[parameter["$ref"].rsplit("/", 1)[-1]] if "$ref" in parameter \
                else parameter
            if parameter["in"] == "query":
                names.append(parameter["name"])
        out[path] = names
    return out


def _url(path: str) -> str:
    return "/api/hsds" + path.replace("{id}", "00000000-0000-0000-0000-000000000000")


def test_every_documented_parameter_is_accepted(api):
    for path, names in _documented(api).items():
        for name in [*names, "lang"] if path != "/" else names:
            response = api.get(f"{_url(path)}?{name}={quote(VALID[name])}")
            body = response.get_json() or {}
            assert body.get("reason") != "unknown_parameter", (path, name, body)
            assert response.status_code in (200, 400, 404), (path, name)


@pytest.mark.parametrize("extra", ["bogus", "q", "callback", "Search", "proximity"])
def test_anything_else_is_a_400_naming_it_and_listing_the_accepted_ones(api, extra):
    for path, names in _documented(api).items():
        if extra in names:
            continue
        response = api.get(f"{_url(path)}?{extra}=1")
        assert response.status_code == 400 and response.mimetype == "application/json", path
        body = response.get_json()
        assert (body["error"], body["reason"], body["parameter"]) == \
            ("bad_parameter", "unknown_parameter", extra), path
        assert body["accepted"] == names, path
        assert f'"{extra}"' in body["message"] and "/api/hsds" + path in body["message"]
        assert all(name in body["message"] for name in names)
    # The other documents under /api/hsds take no parameters either.
    for path in ("/api/hsds/openapi.json", "/api/hsds/schema/service.json"):
        body = api.get(f"{path}?{extra}=1").get_json()
        assert body["reason"] == "unknown_parameter" and body["accepted"] == []


def test_unknown_parameter_messages_point_to_the_right_one(api):
    proximity = api.get("/api/hsds/services?search=aide&proximity=3000").get_json()
    assert proximity["parameter"] == "proximity"
    assert "it is a parameter of /api/hsds/service_at_locations" in proximity["message"]
    typo = api.get("/api/hsds/services?serach=aide").get_json()
    assert typo["parameter"] == "serach" and "did you mean search?" in typo["message"]
    several = api.get("/api/hsds/taxonomies?a=1&b=2").get_json()
    assert several["parameter"] == "a" and '"a", "b"' in several["message"]
    hostile = api.get("/api/hsds/services?" + quote("<x>\u202e" + "n" * 80) + "=1").get_json()
    assert hostile["reason"] == "unknown_parameter" and "\u202e" not in hostile["message"]
    assert "n" * 41 not in hostile["message"]  # quoted short
    # `lang` is the alias of `locale`; a repeated parameter is still one parameter.
    assert api.get("/api/hsds/services?lang=en&per_page=1&per_page=2").status_code == 200


def test_unknown_parameters_do_not_break_preflight_nor_turn_404s_into_400s(api):
    preflight = api.options("/api/hsds/services?bogus=1", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 200
    assert preflight.headers["Allow"] == preflight.headers["Access-Control-Allow-Methods"] \
        == "GET, HEAD, OPTIONS"
    assert api.get("/api/hsds/locations?bogus=1").status_code == 404


def test_per_page_above_the_cap_is_a_400(api):
    for value in ("101", "5000", str(10**30)):
        response = api.get(f"/api/hsds/service_at_locations?per_page={value}")
        body = response.get_json()
        assert response.status_code == 400 and body["parameter"] == "per_page"
        assert "at most 100" in body["message"]
    assert api.get("/api/hsds/services?per_page=100").get_json()["size"] == 100
    doc = api.get("/api/hsds/openapi.json").get_json()
    assert doc["components"]["parameters"]["per_page"]["schema"]["maximum"] == 100
    assert "400" in doc["components"]["parameters"]["per_page"]["description"]


def test_other_methods_are_a_json_405_and_unknown_paths_a_json_404(api):
    for method, path in (("post", "/api/hsds/services"), ("delete", "/api/hsds/services/x"),
                         ("put", "/api/hsds/"), ("patch", "/api/hsds/openapi.json")):
        response = getattr(api, method)(path)
        assert response.status_code == 405 and response.mimetype == "application/json", path
        assert response.get_json()["error"] == "method_not_allowed"
        assert response.headers["Allow"] == "GET, HEAD, OPTIONS"
    missing = api.post("/api/hsds/nothing-here")
    assert missing.status_code == 404 and missing.get_json()["error"] == "not_found"
    message = api.get("/api/hsds/nothing-here").get_json()["message"]
    assert "/api/hsds/openapi.json" in message and "URL manually" not in message


def test_no_retry_after_on_successes_and_no_date_from_the_app(api):
    """Flask-Limiter put Retry-After on every response; the server writes Date (werkzeug's
    conditional responses added a second one under the development server)."""
    for path in ("/api/hsds/", "/api/hsds/services?per_page=2", "/api/hsds/openapi.json",
                 "/api/hsds/taxonomies", "/api/hsds/services?bogus=1"):
        response = api.get(path)
        assert "Retry-After" not in response.headers, path
        assert "Date" not in response.headers, path
    again = api.get("/api/hsds/taxonomies", headers={"If-None-Match": response.headers.get("ETag", "")})
    assert "Retry-After" not in again.headers and "Date" not in again.headers
    assert "X-RateLimit-Limit" in api.get("/api/hsds/").headers  # the limit headers stay


# -- the API error table ------------------------------------------------------------------------

# (case, method, path and query, status, parameter at fault)
CASES = [
    ("Unknown (misspelt) parameter", "GET", "/api/hsds/services?serach=aide", 400, "serach"),
    ("Parameter of another endpoint", "GET", "/api/hsds/services?search=aide&proximity=3000", 400,
     "proximity"),
    ("Parameter on a single record", "GET", "/api/hsds/services/{id}?full=true", 400, "full"),
    ("proximity without postcode", "GET", "/api/hsds/service_at_locations?proximity=3000", 400,
     "proximity"),
    ("per_page above the cap", "GET", "/api/hsds/services?per_page=500", 400, "per_page"),
    ("Page 0", "GET", "/api/hsds/services?page=0", 400, "page"),
    ("Page not a number", "GET", "/api/hsds/services?page=two", 400, "page"),
    ("Coordinates out of range", "GET", "/api/hsds/service_at_locations?postcode=91,200", 400,
     "postcode"),
    ("Unknown postal code", "GET", "/api/hsds/service_at_locations?postcode=H0H%200H0", 400,
     "postcode"),
    ("Postal code outside Québec", "GET", "/api/hsds/service_at_locations?postcode=K1A%200B1", 400,
     "postcode"),
    ("Negative distance", "GET", "/api/hsds/service_at_locations?postcode=H2W1Y4&proximity=-3",
     400, "proximity"),
    ("Hostile string as the search", "GET",
     "/api/hsds/services?search=%3Cscript%3Ealert(1)%3C/script%3E%27%20OR%201=1--", 200, None),
    ("Hostile parameter name", "GET", "/api/hsds/services?%3Cscript%3E=1", 400, "<script>"),
    ("Control character", "GET", "/api/hsds/services?organization_id=a%00b", 400,
     "organization_id"),
    ("Query too long", "GET", f"/api/hsds/services?search={'a' * (MAX_QUERY_CHARS + 1)}", 400,
     "search"),
    ("Not a date", "GET", "/api/hsds/services?modified_after=yesterday", 400, "modified_after"),
    ("Not a boolean", "GET", "/api/hsds/organizations?full=maybe", 400, "full"),
    ("Unknown language", "GET", "/api/hsds/services?locale=de", 400, "locale"),
    ("Unknown id", "GET", "/api/hsds/services/{id}", 404, None),
    ("Unknown path", "GET", "/api/hsds/locations", 404, None),
    ("Wrong method", "POST", "/api/hsds/services", 405, None),
]


def _shown(request: str) -> str:
    long = "a" * (MAX_QUERY_CHARS + 1)
    return request.replace(long, f"aaa…({len(long)} characters)").replace("|", "\\|")


def test_error_table(api):
    rows = []
    for case, method, path, status, parameter in CASES:
        url = path.replace("{id}", "00000000-0000-0000-0000-000000000000")
        response = api.open(url, method=method)
        assert response.status_code == status, (case, response.get_data(as_text=True))
        assert response.mimetype == "application/json", case
        body = response.get_json()
        if status == 200:
            rows.append((case, f"{method} {_shown(path)}", status, "",
                         f"(no error: searched as text, {body['total_items']} results)"))
            continue
        message = body["message"]
        assert body.get("parameter") == parameter, case
        assert not re.search(r"\b(" + "|".join(CODES) + r")\b", message), (case, message)
        assert message[0].isupper() or message.split()[0] == parameter, (case, message)
        codes = body["error"] + (f" / {body['reason']}" if body.get("reason") else "")
        shown = message.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
        rows.append((case, f"{method} {_shown(path)}", status, codes, shown))
    target = os.environ.get("API_ERROR_TABLE")
    if target:
        lines = ["| Case | Request | Status | `error` / `reason` | `message` |",
                 "|---|---|---|---|---|"]
        lines += [f"| {case} | `{request}` | {status} | {codes} | {message} |"
                  for case, request, status, codes, message in rows]
        Path(target).write_text("\n".join(lines) + "\n", encoding="utf-8")
