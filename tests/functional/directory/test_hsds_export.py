"""HSDS export: what the directory publishes validates against the official schemas (and the
profile), and a round trip through a fresh database changes nothing, byte for byte."""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

import pytest

from directory.demo import generator
from directory.hsds import exporter, importer, schemas

sys.path.insert(0, str(Path(__file__).parent))
import hsds_factories  # noqa: E402


def _records(objects: list[dict]):
    """Every organization and service in an export, with the schema it must satisfy."""
    for organization in objects:
        services = organization.get("services", [])
        yield "organization", {k: v for k, v in organization.items() if k != "services"}
        for service in services:
            yield "service", service


def test_export_of_directory_validates_against_hsds_schemas(database_url, tmp_path):
    hsds_factories.build(database_url)
    result = exporter.export_path(database_url, tmp_path / "directory.json")
    objects = json.loads((tmp_path / "directory.json").read_text(encoding="utf-8"))
    assert result.counts["organization"] == len(objects) == 2
    assert result.counts["service"] == 3
    for organization in objects:
        assert schemas.validate(organization, "compiled/organization") == []
        assert schemas.validate(organization, "organization", profile=True) == []
    for name, record in _records(objects):
        assert schemas.validate(record, name) == [], record["id"]
        # The bilingual profile: the merged schemas accept it and check the extension fields.
        assert schemas.validate(record, name, profile=True) == [], record["id"]
    assert "exported 2 organizations, 3 services, 2 locations" in result.summary()


def test_bilingual_export_carries_translations_and_extensions(sqlite_url, tmp_path):
    hsds_factories.build(sqlite_url)
    exporter.export_path(sqlite_url, tmp_path / "d.json")
    organizations = {o["id"]: o for o in json.loads((tmp_path / "d.json").read_text())}
    org = organizations[hsds_factories.uid("organization:a")]
    assert org["name"] == "Centre d'entraide du Plateau"
    assert org["translations"]["en"]["name"] == "Plateau Mutual Aid Centre"
    service = next(s for s in org["services"] if s["id"] == hsds_factories.uid("service:food-bank"))
    assert service["translations"]["en"]["keywords"] == ["food bank", "groceries"]
    assert service["service_at_locations"][0]["location"]["region_code"] in ("01", "06")
    # A location of another organization is nested in full where the service is offered.
    assert {sal["location"]["organization_id"] for sal in service["service_at_locations"]} == {
        hsds_factories.uid("organization:a"), hsds_factories.uid("organization:b")}
    invalid = dict(service, region_code="99", translations={"en": {"name": 3}})
    assert {e.rule for e in schemas.validate(invalid, "service", profile=True)} == {"type"}


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_plain_hsds_single_language_validates(sqlite_url, locale):
    hsds_factories.build(sqlite_url)
    services = list(exporter.iter_services(sqlite_url, locale))
    assert len(services) == 3
    for service in services:
        assert schemas.validate(service, "compiled/service") == []
        assert "translations" not in json.dumps(service)
        assert "verified_on" not in service
    names = {s["id"]: s["name"] for s in services}
    family = names[hsds_factories.uid("service:family")]
    meals = names[hsds_factories.uid("service:meals")]
    if locale == "en":
        assert family == "Service family"  # English where it exists
        assert meals == "Service meals — épicerie"  # French where it does not
    for organization in exporter.iter_organizations(sqlite_url, locale):
        assert schemas.validate(organization, "compiled/organization") == []


@pytest.mark.parametrize("fmt, name", [("json", "directory.json"),
                                       ("datapackage", "package"),
                                       ("datapackage", "package.zip")])
def test_export_import_export_is_identical(database_url, fresh_url, tmp_path, fmt, name):
    hsds_factories.build(database_url)
    first, second = tmp_path / "1" / name, tmp_path / "2" / name
    exporter.export_path(database_url, first, fmt=fmt)
    fresh = fresh_url
    importer.import_path(fresh, first)
    exporter.export_path(fresh, second, fmt=fmt)
    if first.is_dir():
        files = sorted(p.name for p in first.iterdir())
        assert files == sorted(p.name for p in second.iterdir())
        for file in files:
            if file != "metadata.csv":  # each directory's own change log (the import's, there)
                assert (first / file).read_bytes() == (second / file).read_bytes(), file
    elif fmt == "datapackage":
        with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
            assert a.namelist() == b.namelist()
            for member in a.namelist():
                if member != "metadata.csv":
                    assert a.read(member) == b.read(member), member
    else:
        assert first.read_bytes() == second.read_bytes()


def test_data_package_validates_with_frictionless(sqlite_url, tmp_path):
    from frictionless import validate

    hsds_factories.build(sqlite_url)
    result = exporter.export_path(sqlite_url, tmp_path / "package", fmt="datapackage")
    report = validate(str(tmp_path / "package" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads((tmp_path / "package" / "datapackage.json").read_text())
    assert descriptor["hsds_profile"] == schemas.PROFILE_URI
    assert result.counts["taxonomy_term"] == 3  # the data package carries unused terms too
    header = (tmp_path / "package" / "services.csv").read_text().splitlines()[0].split(",")
    assert header[:4] == ["id", "organization_id", "program_id", "name"]
    assert {"name_en", "keywords", "keywords_en", "verified_on", "is_crisis"} <= set(header)


def test_demo_directory_export_validates_against_official_schemas(sqlite_url, tmp_path):
    generator.build(sqlite_url, services=300, seed=1)
    exporter.export_path(sqlite_url, tmp_path / "demo.json")
    objects = json.loads((tmp_path / "demo.json").read_text(encoding="utf-8"))
    count = 0
    for name, record in _records(objects):
        assert schemas.validate(record, name) == [], record["id"]
        assert schemas.validate(record, name, profile=True) == [], record["id"]
        count += name == "service"
    assert count >= 300
    for service in exporter.iter_services(sqlite_url, "en"):
        assert schemas.validate(service, "compiled/service") == [], service["id"]
