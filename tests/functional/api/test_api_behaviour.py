"""What the API promises beyond the schemas: filters that AND together, the Page envelope's values,
ndjson, JSON errors naming the parameter, conditional GET, CORS, the rate limit, engine outages."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from directory.db import engine_for
from directory.models import Attribute, Service, TaxonomyTerm
from tests.functional.api.conftest import make_app


def _all(api, path: str) -> list[dict]:
    """Every item of a list endpoint, page by page."""
    items, page = [], 1
    while True:
        body = api.get(f"{path}{'&' if '?' in path else '?'}per_page=100&page={page}").get_json()
        items += body["contents"]
        if body["last_page"]:
            return items
        page += 1


def _term_with_children(url: str) -> tuple[str, str]:
    with engine_for(url).connect() as connection:
        parent, code = connection.execute(
            select(TaxonomyTerm.id, TaxonomyTerm.code).where(TaxonomyTerm.parent_id.is_(None))
            .order_by(TaxonomyTerm.code)).first()
    return parent, code


def test_filters_combine_with_and(api, demo_url):
    with engine_for(demo_url).connect() as connection:
        rows = connection.execute(
            select(Service.id, Service.organization_id, Service.last_modified, TaxonomyTerm.code,
                   TaxonomyTerm.id)
            .join(Attribute, (Attribute.link_id == Service.id) & (Attribute.link_entity == "service"))
            .join(TaxonomyTerm, TaxonomyTerm.id == Attribute.taxonomy_term_id)).all()
        codes = dict(connection.execute(select(TaxonomyTerm.id, TaxonomyTerm.code)).all())
    # An organization with several services, a term one of them has, a date between them.
    by_org: dict[str, set] = {}
    for service_id, org_id, *_ in rows:
        by_org.setdefault(org_id, set()).add(service_id)
    organization = max(by_org, key=lambda o: (len(by_org[o]), o))
    term_id = next(term for sid, org, _, _, term in rows if org == organization)
    prefix = codes[term_id]
    after = min(lm for _, org, lm, _, _ in rows if org == organization) + dt.timedelta(seconds=1)

    by_org_items = {s["id"] for s in _all(api, f"/api/hsds/services?organization_id={organization}")}
    by_term = {s["id"] for s in _all(api, f"/api/hsds/services?taxonomy_term_id={term_id}")}
    stamp = after.replace(tzinfo=dt.UTC).isoformat().replace("+00:00", "Z")
    recent = {s["id"] for s in _all(api, f"/api/hsds/services?modified_after={stamp}")}
    both = {s["id"] for s in _all(
        api, f"/api/hsds/services?organization_id={organization}&taxonomy_term_id={term_id}")}
    three = {s["id"] for s in _all(
        api, f"/api/hsds/services?organization_id={organization}&taxonomy_term_id={term_id}"
             f"&modified_after={stamp}")}

    assert by_org_items == by_org[organization]
    expected_term = {sid for sid, _, _, code, _ in rows if code == prefix or code.startswith(prefix + ".")}
    assert by_term == expected_term
    assert both == by_org_items & by_term and both
    assert three == by_org_items & by_term & recent
    assert 0 < len(recent) < len(_all(api, "/api/hsds/services"))


def test_taxonomy_term_filter_includes_narrower_terms(api, demo_url):
    parent, code = _term_with_children(demo_url)
    services = _all(api, f"/api/hsds/services?taxonomy_term_id={parent}&full=true")
    assert services
    for service in services:
        codes = [a["taxonomy_term"]["code"] for a in service["attributes"]]
        assert any(c == code or c.startswith(code + ".") for c in codes)


def test_search_with_a_filter_keeps_the_engine_order_and_applies_the_filter(api, demo_url):
    parent, code = _term_with_children(demo_url)
    ranked = [s["id"] for s in _all(api, "/api/hsds/services?search=aide")]
    filtered = [s["id"] for s in _all(api, f"/api/hsds/services?search=aide&taxonomy_term_id={parent}")]
    allowed = {s["id"] for s in _all(api, f"/api/hsds/services?taxonomy_term_id={parent}")}
    assert filtered == [sid for sid in ranked if sid in allowed]
    assert 0 < len(filtered) < len(ranked)


def test_pagination_envelope_values(api):
    first = api.get("/api/hsds/services?per_page=7").get_json()
    total = first["total_items"]
    assert (first["page_number"], first["size"], first["first_page"], first["last_page"],
            first["empty"]) == (1, 7, True, False, False)
    assert first["total_pages"] == -(-total // 7)
    last = api.get(f"/api/hsds/services?per_page=7&page={first['total_pages']}").get_json()
    assert last["last_page"] and not last["first_page"] and last["size"] == total - 7 * (first["total_pages"] - 1)
    beyond = api.get(f"/api/hsds/services?per_page=7&page={first['total_pages'] + 1}").get_json()
    assert beyond["empty"] and beyond["contents"] == [] and beyond["size"] == 0
    largest = api.get("/api/hsds/services?per_page=100").get_json()
    assert largest["size"] == 100 and largest["total_pages"] == -(-total // 100)
    ids = [s["id"] for s in _all(api, "/api/hsds/services")]
    assert len(ids) == len(set(ids)) == total and ids == sorted(ids)
    none = api.get("/api/hsds/services?organization_id=nobody").get_json()
    assert none == {"total_items": 0, "total_pages": 0, "page_number": 1, "size": 0,
                    "first_page": True, "last_page": True, "empty": True, "contents": []}


def test_ndjson_streams_every_match_without_pagination(api):
    response = api.get("/api/hsds/services?format=ndjson&locale=en")
    assert response.mimetype == "application/x-ndjson" and response.is_streamed
    lines = response.get_data(as_text=True).splitlines()
    total = api.get("/api/hsds/services").get_json()["total_items"]
    assert len(lines) == total
    assert [json.loads(line)["id"] for line in lines] == sorted(json.loads(line)["id"] for line in lines)
    searched = api.get("/api/hsds/services?format=ndjson&search=aide").get_data(as_text=True)
    assert [json.loads(x)["id"] for x in searched.splitlines()] == \
        [s["id"] for s in _all(api, "/api/hsds/services?search=aide")]


@pytest.mark.parametrize("query, parameter", [
    ("page=0", "page"), ("page=abc", "page"), ("per_page=-1", "per_page"), ("minimal=maybe", "minimal"),
    ("modified_after=yesterday", "modified_after"), ("locale=de", "locale"), ("profile=x", "profile"),
    ("format=xml", "format"), ("organization_id=%00", "organization_id"),
])
def test_bad_parameters_answer_400_json_naming_the_parameter(api, query, parameter):
    response = api.get(f"/api/hsds/services?{query}")
    assert response.status_code == 400 and response.mimetype == "application/json"
    assert response.get_json()["parameter"] == parameter


@pytest.mark.parametrize("query, parameter", [
    ("postcode=Atlantis", "postcode"), ("proximity=500", "proximity"),
    ("postcode=H2W1Y4&proximity=-3", "proximity"), ("search=" + "a" * 400, "search"),
])
def test_bad_place_parameters_answer_400_json(api, query, parameter):
    response = api.get(f"/api/hsds/service_at_locations?{query}")
    assert response.status_code == 400
    assert response.get_json()["parameter"] == parameter


def test_unknown_ids_and_paths_answer_404_json(api):
    for path in ("/api/hsds/services/00000000-0000-0000-0000-000000000000",
                 "/api/hsds/organizations/nope", "/api/hsds/taxonomy_terms/x%00y",
                 "/api/hsds/locations", "/api/hsds/schema/nothing.json"):
        response = api.get(path)
        assert response.status_code == 404 and response.mimetype == "application/json", path
        assert response.get_json()["error"] == "not_found"


def test_conditional_get_answers_304(api):
    first = api.get("/api/hsds/services?per_page=3")
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    again = api.get("/api/hsds/services?per_page=3", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    since = api.get("/api/hsds/services?per_page=3", headers={"If-Modified-Since": modified})
    assert since.status_code == 304
    other = api.get("/api/hsds/services?per_page=4", headers={"If-None-Match": etag})
    assert other.status_code == 200
    one = api.get(f"/api/hsds/services/{first.get_json()['contents'][0]['id']}")
    assert api.get(one.request.path, headers={"If-None-Match": one.headers["ETag"]}).status_code == 304
    openapi = api.get("/api/hsds/openapi.json")
    assert api.get("/api/hsds/openapi.json",
                   headers={"If-None-Match": openapi.headers["ETag"]}).status_code == 304


def test_cors_is_open_for_get_and_preflight(api):
    response = api.get("/api/hsds/services?per_page=1", headers={"Origin": "https://example.org"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]
    preflight = api.options("/api/hsds/services", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "if-none-match"})
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in preflight.headers["Access-Control-Allow-Headers"]
    assert api.get("/api/hsds/nope").headers["Access-Control-Allow-Origin"] == "*"


def test_rate_limit_answers_429_with_retry_after(demo_url, api_app, caplog):
    app = make_app(demo_url, __import__("pathlib").Path(api_app.config["INDEX_PATH"]),
                   API_RATE_LIMIT="3/minute")
    client = app.test_client()
    statuses = [client.get("/api/hsds/", environ_base={"REMOTE_ADDR": "198.51.100.7"}).status_code
                for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get("/api/hsds/", environ_base={"REMOTE_ADDR": "198.51.100.7"})
    assert limited.mimetype == "application/json" and limited.get_json()["error"] == "rate_limited"
    assert int(limited.headers["Retry-After"]) > 0
    # Another client is not limited, and the address is never what the limiter logs or stores.
    assert client.get("/api/hsds/", environ_base={"REMOTE_ADDR": "203.0.113.9"}).status_code == 200
    assert "198.51.100.7" not in caplog.text


def test_engine_outage_answers_503_json_not_a_traceback(demo_url, tmp_path):
    app = make_app(demo_url, tmp_path / "no-index")
    client = app.test_client()
    response = client.get("/api/hsds/services?search=aide")
    assert response.status_code == 503 and response.mimetype == "application/json"
    assert response.get_json()["error"] == "search_unavailable"
    assert response.headers["Retry-After"]
    assert client.get("/api/hsds/service_at_locations?postcode=H2W1Y4").status_code == 503
    assert client.get("/api/hsds/services").status_code == 200  # lists without search still work
