"""The API's search and proximity rank exactly as the portal's results page and the engine do for
the same query: same request builder (`parse_search_args`), same engine (`indexer.factory`)."""

from __future__ import annotations

import dataclasses
import re

import pytest

from indexer.factory import engine_from_config
from indexer.request import parse_search_args

QUERIES = [
    ("banque alimentaire", None, None),
    ("aide", "H2W 1Y4", None),
    ("logement", "Québec", 25),
    ("food bank", "H3B", 10),
    ("", "Sherbrooke", None),
]


def _engine_ids(app, q, place, radius_km, locale="fr", per_page=20, group_by_service=False):
    args = {"q": q, "per_page": str(per_page)}
    if place:
        args["place"] = place
    if radius_km:
        args["radius"] = str(radius_km)
    request = dataclasses.replace(parse_search_args(args, locale), group_by_service=group_by_service)
    return engine_from_config(app.config).search(request)


def _api_query(q, place, radius_km):
    parts = ["per_page=20"]
    if q:
        parts.append(f"search={q}")
    if place:
        parts.append(f"postcode={place}")
    if radius_km:
        parts.append(f"proximity={radius_km * 1000}")
    return "&".join(parts)


@pytest.mark.parametrize("q, place, radius_km", QUERIES)
def test_service_at_locations_rank_as_the_engine_and_the_portal(api_app, api, q, place, radius_km):
    expected = _engine_ids(api_app, q, place, radius_km)
    body = api.get(f"/api/hsds/service_at_locations?{_api_query(q, place, radius_km)}").get_json()
    assert [item["id"] for item in body["contents"]] == [hit.id for hit in expected.hits]
    assert body["total_items"] == expected.total
    assert body["contents"], q

    # The portal's results page lists the same services in the same order, once each (at their
    # best location), and counts services: the API's /services total for the same query.
    grouped = _engine_ids(api_app, q, place, radius_km, group_by_service=True)
    portal_args = {"q": q, **({"place": place} if place else {}),
                   **({"radius": str(radius_km)} if radius_km else {})}
    html = api.get("/fr/recherche", query_string=portal_args).get_data(as_text=True)
    on_page = re.findall(r'class="result-name"><a href="/fr/service/([0-9a-f-]+)"', html)
    assert on_page == [hit.service_id for hit in grouped.hits]
    assert len(set(on_page)) == len(on_page)
    first_seen = list(dict.fromkeys(hit.service_id for hit in expected.hits))
    assert on_page[:len(first_seen) // 2] == first_seen[:len(first_seen) // 2]
    if place is None:  # /services takes no postcode
        services = api.get(f"/api/hsds/services?{_api_query(q, place, radius_km)}").get_json()
        assert [s["id"] for s in services["contents"]] == on_page
        assert services["total_items"] == grouped.total
    count = re.search(r'id="results-heading"[^>]*>([\d\s\u202f\xa0]+) services? trouvés?', html)
    assert count and int(re.sub(r"\D", "", count.group(1))) == grouped.total


@pytest.mark.parametrize("q, place, radius_km", QUERIES[:2])
def test_services_search_ranks_each_service_by_its_best_service_at_location(api_app, api, q, place, radius_km):
    expected_docs = _engine_ids(api_app, q, None, None, per_page=100)
    best_first = list(dict.fromkeys(hit.service_id for hit in expected_docs.hits))
    body = api.get(f"/api/hsds/services?search={q}&per_page=30").get_json()
    assert [s["id"] for s in body["contents"]] == best_first[:30]
    # Services, counted exactly: not the documents (locations).
    assert body["total_items"] == _engine_ids(api_app, q, None, None, group_by_service=True).total
    assert body["total_items"] < expected_docs.total


def test_english_queries_rank_as_the_english_portal(api_app, api):
    expected = _engine_ids(api_app, "food bank", None, None, locale="en")
    body = api.get("/api/hsds/service_at_locations?search=food bank&locale=en&per_page=20").get_json()
    assert [item["id"] for item in body["contents"]] == [hit.id for hit in expected.hits]


def test_proximity_keeps_only_results_within_the_distance(api_app, api):
    near = api.get("/api/hsds/service_at_locations?search=aide&postcode=H2W 1Y4&proximity=3000"
                   "&per_page=100&full=true").get_json()
    wide = api.get("/api/hsds/service_at_locations?search=aide&postcode=H2W 1Y4&proximity=30000"
                   ).get_json()
    assert 0 < near["total_items"] < wide["total_items"]
    from directory import geo

    origin = geo.resolve_place("H2W 1Y4")
    for item in near["contents"]:
        location = item["location"]
        assert geo.haversine_km(origin.lat, origin.lon, location["latitude"], location["longitude"]) <= 3.0


def test_api_searches_reach_the_needs_log_once_with_the_api_channel(api_app):
    from sqlalchemy import select

    from directory.db import session_scope
    from needs.models import QueryLog

    def logged() -> list[tuple[str, str]]:
        assert api_app.extensions["query_log"].flush()
        with session_scope(api_app.config["DATABASE_URL"]) as session:
            return [tuple(row) for row in session.execute(
                select(QueryLog.channel, QueryLog.query).where(QueryLog.channel == "api")
                .order_by(QueryLog.id))]

    client = api_app.test_client()
    before = len(logged())
    assert client.get("/api/hsds/services?search=logement%20514-555-1234&per_page=5").status_code == 200
    assert client.get("/api/hsds/services?search=logement%20514-555-1234&per_page=5&page=2").status_code == 200
    assert client.get("/api/hsds/services").status_code == 200  # a list, not a search
    rows = logged()[before:]
    assert len(rows) == 1  # page 2 and plain listing are not searches to count
    assert rows[0][0] == "api" and "555" not in rows[0][1]  # scrubbed like any search
