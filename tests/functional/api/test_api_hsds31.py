"""HSDS 3.1 in the API and the bulk exports: additional URLs and websites, the areas of a place
(service_at_location.service_areas), validated against the official 3.1 schemas; the figures are
counted so a report can quote how many documents were checked."""

from __future__ import annotations

import json

import pytest

from directory.hsds import exporter, schemas

PAGE = "openapi.json#/components/schemas/Page"


def _pages(api, path: str):
    page = 1
    while True:
        response = api.get(f"{path}&page={page}")
        assert response.status_code == 200, response.get_data(as_text=True)[:300]
        body = response.get_json()
        assert schemas.validate(body, PAGE) == []
        yield from body["contents"]
        if body["last_page"]:
            return
        page += 1


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_every_full_service_validates_against_31_and_carries_the_31_fields(api, locale):
    urls = place_areas = checked = 0
    for service in _pages(api, f"/api/hsds/services?full=true&per_page=100&locale={locale}"):
        assert schemas.validate(service, "compiled/service") == [], service["id"]
        checked += 1
        assert isinstance(service["additional_urls"], list)
        for url in service["additional_urls"]:
            urls += 1
            assert url["url"].endswith("/inscription")
            assert url["label"] in ({"Formulaire d'inscription"} if locale == "fr" else
                                    {"Registration form", "Formulaire d'inscription"})
        own = {area["id"] for area in service["service_areas"]}
        for place in service["service_at_locations"]:
            for area in place["service_areas"]:
                place_areas += 1
                # An area of a place nests under that place, not also under the service.
                assert area["id"] not in own
                assert area["service_at_location_id"] == place["id"]
                assert area["service_id"] == service["id"]
                assert area["name"]
    assert checked >= 400 and urls > 50 and place_areas > 50, (checked, urls, place_areas)


def test_organizations_carry_additional_websites_in_each_language(api):
    body = api.get("/api/hsds/organizations?full=true&per_page=30").get_json()
    for organization in body["contents"]:
        assert schemas.validate(organization, "compiled/organization") == []
        [website] = organization["additional_websites"]
        assert website["label"] == "Facebook"
        assert website["url"].startswith("https://www.facebook.com/")
        detail = api.get(f"/api/hsds/organizations/{organization['id']}?locale=en").get_json()
        assert detail["additional_websites"] == [website]


def test_bilingual_profile_carries_the_english_label_of_a_url(api):
    for service in _pages(api, "/api/hsds/services?full=true&per_page=100&profile=bilingual"):
        for url in service["additional_urls"]:
            assert schemas.validate(url, "url", profile=True) == []
            if "translations" in url:
                assert url["translations"] == {"en": {"label": "Registration form"}}
                return
    pytest.fail("no service has an English URL label")


def test_openapi_describes_31_without_the_unserved_post_variants(api):
    doc = api.get("/api/hsds/openapi.json").get_json()
    assert "HSDS 3.1" in doc["info"]["title"]
    assert all(set(item) == {"get"} for item in doc["paths"].values())
    components = doc["components"]["schemas"]
    assert {"url", "service_capacity", "unit"} <= set(components)
    assert components["service"]["properties"]["additional_urls"]["items"] == {
        "$ref": "#/components/schemas/url"}
    assert "empty" in components["Page"]["required"]
    assert api.post("/api/hsds/services").status_code == 405


def test_bulk_exports_validate_against_31(demo_url, tmp_path):
    """JSON (organizations with services), ndjson's shape (services) and the data package's new
    tables; every document counted."""
    checked = 0
    for locale in ("fr", "en"):
        for organization in exporter.iter_organizations(demo_url, locale):
            assert schemas.validate(organization, "compiled/organization") == []
            checked += 1
        for service in exporter.iter_services(demo_url, locale):
            assert schemas.validate(service, "compiled/service") == []
            checked += 1
    assert checked > 1000
    exporter.export_path(demo_url, tmp_path / "package", fmt="datapackage")
    urls = (tmp_path / "package" / "url.csv").read_text(encoding="utf-8-sig").splitlines()
    assert urls[0].split(",")[:5] == ["id", "label", "url", "organization_id", "service_id"]
    assert len(urls) > 100
    areas = (tmp_path / "package" / "service_areas.csv").read_text(encoding="utf-8-sig")
    header = areas.splitlines()[0].split(",")
    assert header[:3] == ["id", "service_id", "service_at_location_id"]
    descriptor = json.loads((tmp_path / "package" / "datapackage.json").read_text())
    assert "url" in {r["name"] for r in descriptor["resources"]}
