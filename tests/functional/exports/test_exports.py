"""Exports of a result set or a shortlist: CSV for Excel, HSDS 3.0 JSON, RFC 7946 GeoJSON, streamed."""

from __future__ import annotations

import csv
import io
import json

from directory.hsds.schemas import validate


def test_csv_of_a_shortlist_has_a_bom_french_headers_and_both_languages(client, service_ids, names):
    listed = service_ids[:3]
    response = client.get(f"/fr/export/list.csv?s={','.join(listed)}")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 BOM to read accents"
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert header[:4] == ["Identifiant du service", "Identifiant du lieu", "Nom (français)", "Nom (anglais)"]
    assert {row[0] for row in rows[1:]} == set(listed)
    first = next(row for row in rows[1:] if row[0] == listed[0])
    assert first[2] == names[listed[0]][0] and first[3] == names[listed[0]][1]


def test_csv_in_english_uses_commas_and_english_headers(client):
    response = client.get("/en/export/results.csv?q=food")
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert rows[0][2:4] == ["Name (French)", "Name (English)"]
    assert len(rows) > 1 and all(len(row) == len(rows[0]) for row in rows)


def test_hsds_json_of_results_validates_against_the_official_schemas(client):
    response = client.get("/en/export/results.json?q=aide")
    assert response.status_code == 200 and response.is_streamed
    services = json.loads(response.get_data())
    assert services, "a broad search exports services"
    assert len({s["id"] for s in services}) == len(services), "each service once"
    for service in services[:60]:
        assert validate(service, "compiled/service") == [], service["id"]


def test_geojson_is_a_feature_collection_of_longitude_latitude_points(client, demo_app, service_ids):
    response = client.get(f"/fr/export/list.geojson?s={','.join(service_ids[:5])}")
    assert response.mimetype == "application/geo+json"
    data = json.loads(response.get_data())
    assert data["type"] == "FeatureCollection"
    assert data["features"]
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert set(feature) >= {"type", "geometry", "properties"}
        lon, lat = feature["geometry"]["coordinates"]
        # RFC 7946 §3.1.1: [longitude, latitude]; Québec is west of Greenwich, north of the equator.
        assert -80 < lon < -57 and 44 < lat < 63
        assert feature["properties"]["url"].startswith("http://localhost/fr/service/")


def test_an_invalid_search_is_refused_before_streaming(client):
    assert client.get("/fr/export/results.csv?sort=distance").status_code == 400


def test_every_service_can_be_exported_in_one_response(client):
    all_rows = client.get("/en/export/results.csv").get_data().decode("utf-8-sig").count("\r\n") - 1
    count = json.loads(client.get("/en/export/results.geojson").get_data())["features"]
    assert all_rows == len(count) > 100
