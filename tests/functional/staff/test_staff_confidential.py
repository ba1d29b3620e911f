"""A curator marks a location confidential (docs/confidential-locations.md): audited, in the live
index at once, the public page loses the address while the staff page keeps it; refused, in both
languages, for a location whose address gives no area to measure distances from."""

from __future__ import annotations

from sqlalchemy import select, update
from staff_helpers import form_values

from directory import models as m
from directory.db import session_scope
from indexer.engine import SearchRequest


def _location(url: str, service_id: str) -> str:
    with session_scope(url) as session:
        return session.get(m.Service, service_id).service_at_locations[0].location_id


def _post(client, path: str, **changes):
    data = form_values(client.get(path).get_data(as_text=True))
    for name, value in changes.items():
        data[name] = [value]
    return client.post(path, data=data)


def test_a_curator_marks_a_location_confidential_and_the_public_loses_its_address(
        curator, make_service, reindex, engine, directory_url):
    sid = make_service(name_fr="Maison d'hébergement Aurore")
    reindex()
    location_id = _location(directory_url, sid)
    path = f"/fr/personnel/services/{sid}/lieux/{location_id}"
    before = curator.get(f"/fr/service/{sid}").get_data(as_text=True)
    assert "4300, rue Saint-Denis" in before and "H2J 2K8" in before

    response = _post(curator, path, confidential="y")
    assert response.status_code == 303
    with session_scope(directory_url) as session:
        assert session.get(m.Location, location_id).confidential is True
        audit = session.scalars(select(m.Metadata).where(m.Metadata.resource_id == location_id,
                                                         m.Metadata.field_name == "confidential")).one()
        assert audit.replacement_value in ("True", "true", "1")

    # The live index took the edit after the commit: the approximate point, no street.
    doc = engine.search(SearchRequest(q="Aurore", facets=False)).hits[0].document
    assert doc["confidential"] and doc["address"] is None and doc["postal_code"] == "H2J"
    assert (round(doc["lat"], 4), round(doc["lon"], 4)) != (45.5231, -73.5817)

    # Signed in or not, the public page has the town and the phone, not the address.
    for lang in ("fr", "en"):
        html = curator.get(f"/{lang}/service/{sid}").get_data(as_text=True)
        assert "Saint-Denis" not in html and "H2J 2K8" not in html and "45.523" not in html
        assert "openstreetmap.org/directions" not in html and "Métro Mont-Royal" not in html
        assert ("Adresse confidentielle" if lang == "fr" else "Confidential address") in html
        assert "tel:+15145550123" in html
    # Staff still see it in the staff area.
    staff = curator.get(path).get_data(as_text=True)
    assert "4300, rue Saint-Denis" in staff and "45.5231" in staff.replace(",", ".")


def test_confidential_without_a_known_area_is_refused_with_a_message_in_each_language(
        curator, make_service, directory_url):
    sid = make_service(name_fr="Refuge sans secteur")
    location_id = _location(directory_url, sid)
    with session_scope(directory_url) as session:
        session.execute(update(m.Address).where(m.Address.location_id == location_id).values(
            city="Nulle-Part-sur-Mer", postal_code="X0X 0X0"))
    for lang, path, message in (
            ("fr", f"/fr/personnel/services/{sid}/lieux/{location_id}",
             "Un lieu confidentiel doit avoir une adresse avec un code postal du Québec"),
            ("en", f"/en/staff/services/{sid}/locations/{location_id}",
             "A confidential location needs an address with a Québec postal code")):
        response = _post(curator, path, confidential="y")
        assert response.status_code == 400, lang
        assert message in response.get_data(as_text=True).replace("\u00a0", " ").replace("&#39;", "'")
    with session_scope(directory_url) as session:
        assert session.get(m.Location, location_id).confidential is False
