"""What the OpenSearch index holds for a confidential location (docs/confidential-locations.md): in
every document's `_source` no street and only the FSA, and as its point (`lat`/`lon` and the
`location` geo_point) the approximate one, never the coordinates the directory keeps for staff."""

from __future__ import annotations

from sqlalchemy import select

from directory.db import session_scope
from directory.models import Address, Location
from directory.public_location import approximate_point


def test_the_index_holds_only_the_approximate_point_of_a_confidential_location(opensearch, demo_database):
    with session_scope(demo_database) as session:
        kept = {location.id: (location.latitude, location.longitude) for location in session.scalars(
            select(Location).where(Location.confidential.is_(True)))}
        addresses = {a.location_id: a for a in session.scalars(
            select(Address).where(Address.location_id.in_(list(kept))))}
        streets = {a.location_id: a.address_1 for a in addresses.values()}
    assert kept, "the demo directory has confidential locations"
    hits = opensearch.client.search(index=opensearch.alias, body={
        "size": 1000, "query": {"term": {"confidential": True}}})["hits"]["hits"]
    assert hits
    for hit in hits:
        source = hit["_source"]
        location_id = source["location_id"]
        assert location_id in kept
        address = addresses[location_id]
        approx = approximate_point(address.postal_code, address.city)
        assert source["address"] is None and source["postal_code"] == address.postal_code[:3]
        assert (source["lat"], source["lon"]) == approx
        assert source["location"] == {"lat": approx[0], "lon": approx[1]}
        text = str(source)
        lat, lon = kept[location_id]
        assert f"{lat:.4f}" not in text and f"{lon:.4f}" not in text and streets[location_id] not in text
