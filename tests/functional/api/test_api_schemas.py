"""Every endpoint's responses validate against the official HSDS 3.1 schemas (one language) and
against the bilingual profile's merged schemas (`profile=bilingual`), on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest

from directory.hsds import schemas

PAGE = "openapi.json#/components/schemas/Page"

# path → (schema of each item in `contents`, profile schema of each item)
LISTS = {
    "/api/hsds/services": ("compiled/service_list", "service"),
    "/api/hsds/services?full=true": ("compiled/service", "service"),
    "/api/hsds/services?minimal=true": ("compiled/service_list", "service"),
    "/api/hsds/services?search=aide": ("compiled/service_list", "service"),
    "/api/hsds/service_at_locations": ("compiled/service_at_location_list", "service_at_location"),
    "/api/hsds/service_at_locations?full=true": ("compiled/service_at_location", "service_at_location"),
    "/api/hsds/service_at_locations?search=aide&postcode=H2W 1Y4&proximity=20000":
        ("compiled/service_at_location_list", "service_at_location"),
    "/api/hsds/organizations": ("compiled/organization_list", "organization"),
    "/api/hsds/organizations?full=true": ("compiled/organization", "organization"),
    "/api/hsds/organizations?full_service=true": ("compiled/organization", "organization"),
    "/api/hsds/taxonomies": ("taxonomy", "taxonomy"),
    "/api/hsds/taxonomy_terms": ("taxonomy_term", "taxonomy_term"),
}
DETAILS = {
    "services": ("compiled/service", "service"),
    "service_at_locations": ("compiled/service_at_location", "service_at_location"),
    "organizations": ("compiled/organization", "organization"),
    "taxonomies": ("taxonomy", "taxonomy"),
    "taxonomy_terms": ("taxonomy_term", "taxonomy_term"),
}


def _get(api, path: str) -> dict:
    response = api.get(path)
    assert response.status_code == 200, (path, response.get_data(as_text=True)[:300])
    assert response.mimetype == "application/json"
    return response.get_json()


def _join(path: str, extra: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}{extra}"


@pytest.mark.parametrize("path", list(LISTS))
@pytest.mark.parametrize("locale", ["fr", "en"])
def test_list_pages_validate_against_official_schemas_in_each_language(api, path, locale):
    schema, _ = LISTS[path]
    body = _get(api, _join(path, f"locale={locale}&per_page=15"))
    assert schemas.validate(body, PAGE) == []
    assert body["contents"], path
    for item in body["contents"]:
        assert schemas.validate(item, schema) == [], (path, item["id"])
        assert "translations" not in json.dumps(item)


@pytest.mark.parametrize("path", list(LISTS))
def test_bilingual_profile_lists_validate_against_the_merged_profile_schemas(api, path):
    schema, profile_schema = LISTS[path]
    body = _get(api, _join(path, "profile=bilingual&per_page=15"))
    assert schemas.validate(body, PAGE) == []
    for item in body["contents"]:
        assert schemas.validate(item, profile_schema, profile=True) == [], (path, item["id"])
        assert schemas.validate(item, schema) == [], (path, item["id"])  # still plain HSDS
    assert "translations" in json.dumps(body) or path.endswith("minimal=true")


@pytest.mark.parametrize("kind", list(DETAILS))
@pytest.mark.parametrize("shape", ["fr", "en", "bilingual"])
def test_each_record_endpoint_validates_for_the_first_records_of_its_list(api, kind, shape):
    schema, profile_schema = DETAILS[kind]
    ids = [item["id"] for item in _get(api, f"/api/hsds/{kind}?per_page=5")["contents"]]
    query = "profile=bilingual" if shape == "bilingual" else f"locale={shape}"
    for ident in ids:
        record = _get(api, f"/api/hsds/{kind}/{ident}?{query}")
        assert record["id"] == ident
        assert schemas.validate(record, schema) == [], (kind, ident)
        if shape == "bilingual":
            assert schemas.validate(record, profile_schema, profile=True) == [], (kind, ident)


def test_root_names_version_profile_and_openapi_url(api):
    body = _get(api, "/api/hsds/")
    assert body["version"] == "3.1"
    assert body["profile"] == schemas.PROFILE_URI
    assert body["openapi_url"] == "http://localhost/api/hsds/openapi.json"


def test_english_is_served_where_it_exists_and_french_elsewhere(api):
    bilingual = _get(api, "/api/hsds/services?profile=bilingual&per_page=100")["contents"]
    english = _get(api, "/api/hsds/services?locale=en&per_page=100")["contents"]
    for both, one in zip(bilingual, english, strict=True):
        expected = both.get("translations", {}).get("en", {}).get("name") or both["name"]
        assert one["name"] == expected
    response = api.get("/api/hsds/services?per_page=1", headers={"Accept-Language": "en-CA,en;q=0.9"})
    assert response.headers["Content-Language"] == "en"
    assert api.get("/api/hsds/services?per_page=1").headers["Content-Language"] == "fr"
