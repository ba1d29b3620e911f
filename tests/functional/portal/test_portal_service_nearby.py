"""The service page's "similar services nearby": same categories, nearest first, never itself."""

from __future__ import annotations

import re

from sqlalchemy import select

from directory.db import session_scope
from directory.geo import haversine_km
from directory.models import Attribute, Location, ServiceAtLocation, TaxonomyTerm
from indexer.document import iter_documents

LINK = re.compile(r'<a href="/fr/service/([0-9a-f-]{36})">')


def _section(html: str) -> str | None:
    start = html.find('id="nearby-title"')
    return html[start:html.find("</section>", start)] if start >= 0 else None


def _facts(url: str, service_id: str):
    with session_scope(url) as session:
        codes = set(session.scalars(select(TaxonomyTerm.code)
                                    .join(Attribute, Attribute.taxonomy_term_id == TaxonomyTerm.id)
                                    .where(Attribute.link_entity == "service", Attribute.link_id == service_id)))
        place = session.execute(select(Location.latitude, Location.longitude)
                                .join(ServiceAtLocation, ServiceAtLocation.location_id == Location.id)
                                .where(ServiceAtLocation.service_id == service_id,
                                       Location.latitude.is_not(None))).first()
    return codes, (float(place[0]), float(place[1]))


def test_nearby_services_share_a_category_are_within_100_km_and_nearest_first(demo_app, service_ids):
    client = demo_app.test_client()
    url = demo_app.config["DATABASE_URL"]
    docs = {}
    for doc in iter_documents(url):
        docs.setdefault(doc["service_id"], []).append(doc)
    checked = 0
    for service_id in service_ids[:40]:
        section = _section(client.get(f"/fr/service/{service_id}").get_data(as_text=True))
        if section is None:
            continue
        codes, (lat, lon) = _facts(url, service_id)
        listed = LINK.findall(section)
        assert service_id not in listed and 0 < len(listed) <= 5 and len(set(listed)) == len(listed)
        distances = [float(d.replace(",", ".")) for d in re.findall(r"à ([\d,]+)\s?km", section)]
        assert distances == sorted(distances) and all(d <= 100 for d in distances)
        for other in listed:
            other_codes = {c for d in docs[other] for c in d["category_codes"]}
            assert other_codes & codes
            nearest = min(haversine_km(lat, lon, d["lat"], d["lon"]) for d in docs[other] if d["lat"] is not None)
            assert nearest <= 100.05
        checked += 1
    assert checked >= 10


def test_the_page_stands_without_the_section_when_search_is_unavailable(demo_app, service_ids, tmp_path):
    from portal import create_app

    broken = create_app({**demo_app.config, "INDEX_PATH": str(tmp_path / "no-index")})
    response = broken.test_client().get(f"/en/service/{service_ids[0]}")
    assert response.status_code == 200
    assert _section(response.get_data(as_text=True)) is None
