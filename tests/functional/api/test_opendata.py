"""Open data: generated once per directory version, served with licence, sizes and time, and the
API's own bulk download imports into a fresh database as the same directory, on SQLite and
PostgreSQL. How a new set replaces the live one: test_opendata_switch.py."""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from directory import taxonomy
from directory.db import session_scope
from directory.hsds import exporter, importer, schemas
from portal.opendata import build


@pytest.fixture(scope="module")
def built(api_app):
    root = Path(api_app.config["OPENDATA_PATH"])
    manifest = build.build(api_app.config["DATABASE_URL"], root)
    return manifest


def test_build_writes_every_file_and_a_manifest_then_skips_an_unchanged_directory(api_app, built):
    root = Path(api_app.config["OPENDATA_PATH"])
    assert (root / build.POINTER).read_text() == built.set_id
    names = {f["name"] for f in built.data["files"]}
    assert names == {f.name for f in build.FILES}
    for entry in built.data["files"]:
        assert (built.path / entry["name"]).stat().st_size == entry["bytes"] > 0
    again = build.build(api_app.config["DATABASE_URL"], root)
    assert again.version == built.version and again.data["generated_at"] == built.data["generated_at"]
    assert not list(root.glob(".tmp-*"))


def test_page_in_both_languages_states_licence_sizes_and_time(api_app, built):
    client = api_app.test_client()
    fr = client.get("/fr/donnees-ouvertes").get_data(as_text=True)
    en = client.get("/en/open-data").get_data(as_text=True)
    assert "Données ouvertes" in fr or "Open data" in fr
    for html in (fr, en):
        for spec in build.FILES:
            assert f'href="/opendata/{spec.name}?set={built.set_id}"' in html
        assert "CC BY 4.0" in html and "CC BY-SA 3.0" in html and "simplemaps" in html
        assert "/api/hsds/openapi.json" in html
    assert " MB</td>" in en and " Mo</td>" in fr
    footer = client.get("/fr/").get_data(as_text=True)
    assert 'href="/fr/donnees-ouvertes"' in footer


def test_downloads_have_cors_etag_and_answer_304(api_app, built):
    client = api_app.test_client()
    response = client.get("/opendata/portail211-services.csv")
    assert response.status_code == 200 and response.headers["Access-Control-Allow-Origin"] == "*"
    assert "attachment" in response.headers["Content-Disposition"]
    etag = response.headers["ETag"]
    assert client.get("/opendata/portail211-services.csv",
                      headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/opendata/portail211-services.csv", headers={
        "If-Modified-Since": response.headers["Last-Modified"]}).status_code == 304
    assert client.get("/opendata/secrets.txt").status_code == 404
    manifest = client.get("/opendata/manifest.json").get_json()
    assert manifest["licences"]["directory"]["name"] == "CC BY 4.0"


def test_csv_is_utf8_with_bom_and_has_french_and_english_columns(built):
    raw = (built.path / "portail211-services.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == built.data["counts"]["services"]
    assert {"name_fr", "name_en", "description_fr", "description_en", "categories_fr",
            "categories_en"} <= set(rows[0])
    assert any(r["name_en"] for r in rows) and all(r["name_fr"] for r in rows)


def test_geojson_has_one_point_per_located_service_at_location(built):
    collection = json.loads((built.path / "portail211-service-at-locations.geojson").read_text())
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == built.data["counts"]["located_points"] > 0
    for feature in collection["features"][:50]:
        lon, lat = feature["geometry"]["coordinates"]
        assert 44 < lat < 63 and -80 < lon < -56
        assert feature["properties"]["service_name_fr"]


def test_ndjson_download_validates_against_the_profile(built):
    lines = (built.path / "portail211-hsds-services.ndjson").read_text().splitlines()
    assert len(lines) == built.data["counts"]["services"]
    for line in lines[:40]:
        service = json.loads(line)
        assert schemas.validate(service, "service", profile=True) == []


@pytest.mark.parametrize("name", ["portail211-hsds.json", "portail211-hsds-datapackage.zip"])
def test_import_of_the_bulk_download_into_a_fresh_database_gives_the_same_directory(
        api_app, built, demo_url, tmp_path, request, name):
    client = api_app.test_client()
    download = tmp_path / name
    download.write_bytes(client.get(f"/opendata/{name}").get_data())
    if demo_url.startswith("sqlite"):
        fresh = tmp_path / "fresh.sqlite"
        shutil.copy(request.getfixturevalue("_sqlite_template"), fresh)
        fresh_url = f"sqlite:///{fresh}"
    else:
        from tests.functional.api.conftest import _root_conftest

        fresh_url = _root_conftest()._fresh_postgres(request.getfixturevalue("_postgres_template"))
    fmt = "json" if name.endswith(".json") else "datapackage"
    if fmt == "json":
        # The JSON form only carries the categories services use (exporter docstring); a fresh
        # portal database holds the whole category tree, so their parents resolve.
        with session_scope(fresh_url) as session:
            taxonomy.load(session)
    importer.import_path(fresh_url, download)
    again = tmp_path / ("again.json" if fmt == "json" else "again.zip")
    exporter.export_path(fresh_url, again, fmt=fmt)
    original = tmp_path / ("original.json" if fmt == "json" else "original.zip")
    exporter.export_path(demo_url, original, fmt=fmt)
    if fmt == "json":
        assert again.read_bytes() == download.read_bytes() == original.read_bytes()
    else:
        with zipfile.ZipFile(again) as a, zipfile.ZipFile(download) as d:
            for member in d.namelist():
                if member != "metadata.csv":  # each directory's own change log
                    assert a.read(member) == d.read(member), member
