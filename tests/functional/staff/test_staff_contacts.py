"""Addresses and phone numbers in the staff area: validation and normalisation, audit rows, history
and undo, the live index, and records reachable only through their own parents."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from staff_helpers import form_values, token

from directory import models as m
from directory.db import session_scope
from indexer.engine import SearchRequest


def _ids(url: str, service_id: str) -> dict[str, str]:
    with session_scope(url) as session:
        service = session.get(m.Service, service_id)
        location_id = service.service_at_locations[0].location_id
        return {
            "service": service.id,
            "organization": service.organization_id,
            "location": location_id,
            "address": session.scalar(select(m.Address.id).where(m.Address.location_id == location_id)),
            "service_phone": session.scalar(select(m.Phone.id).where(m.Phone.service_id == service.id)),
            "organization_phone": session.scalar(select(m.Phone.id).where(
                m.Phone.organization_id == service.organization_id)),
        }


def _post_form(client, path: str, **changes):
    page = client.get(path)
    assert page.status_code == 200, path
    data = form_values(page.get_data(as_text=True))
    for name, value in changes.items():
        data[name] = value if isinstance(value, list) else [value]
    return client.post(path, data=data)


def _hits(engine, **kwargs):
    return engine.search(SearchRequest(facets=False, **kwargs)).hits


@pytest.mark.both_databases
def test_an_edited_address_is_normalised_audited_and_filterable_in_search_at_once(curator, make_service, reindex,
                                                                                  engine, directory_url):
    sid = make_service(name_fr="Comptoir vestimentaire")
    reindex()
    ids = _ids(directory_url, sid)
    assert _hits(engine, q="vestimentaire", municipalities=("Laval",)) == []
    path = f"/fr/personnel/services/{sid}/lieux/{ids['location']}/adresses/{ids['address']}"
    response = _post_form(curator, path, address_1="1200, boulevard Chomedey", city="Laval", postal_code="h7v-2x5")
    assert response.status_code == 303 and response.location.endswith("#addresses-title")
    with session_scope(directory_url) as session:
        address = session.get(m.Address, ids["address"])
        assert (address.city, address.postal_code) == ("Laval", "H7V 2X5")
        rows = {r.field_name: r for r in session.scalars(select(m.Metadata).where(
            m.Metadata.resource_id == ids["address"]))}
    assert set(rows) == {"address_1", "city", "postal_code"}
    assert (rows["city"].previous_value, rows["city"].replacement_value) == ("Montréal", "Laval")
    assert (rows["postal_code"].resource_type, rows["postal_code"].replacement_value) == ("address", "H7V 2X5")
    # Right after the save, public search filters by the new municipality and shows the new code.
    hits = _hits(engine, q="vestimentaire", municipalities=("Laval",))
    assert [h.service_id for h in hits] == [sid]
    assert hits[0].document["postal_code"] == "H7V 2X5" and hits[0].document["address"] == "1200, boulevard Chomedey"
    assert _hits(engine, q="vestimentaire", municipalities=("Montréal",)) == []


@pytest.mark.both_databases
def test_address_changes_are_in_the_location_history_and_undo_reaches_search(curator, make_service, reindex, engine,
                                                                             directory_url):
    sid = make_service(name_fr="Friperie du quartier")
    reindex()
    ids = _ids(directory_url, sid)
    path = f"/fr/personnel/services/{sid}/lieux/{ids['location']}/adresses/{ids['address']}"
    assert _post_form(curator, path, city="Longueuil", postal_code="J4K 2T5").status_code == 303
    history = f"/fr/personnel/historique/location/{ids['location']}"
    html = curator.get(history).get_data(as_text=True)
    assert "Longueuil" in html and "(Adresse)" in html
    with session_scope(directory_url) as session:
        city_change = session.scalar(select(m.Metadata.id).where(m.Metadata.field_name == "city"))
    undone = curator.post(f"{history}/{city_change}/annuler", data={"csrf_token": token(html), "confirm": "1"})
    assert undone.status_code == 303
    with session_scope(directory_url) as session:
        assert session.get(m.Address, ids["address"]).city == "Montréal"
    assert [h.service_id for h in _hits(engine, q="friperie", municipalities=("Montréal",))] == [sid]


@pytest.mark.both_databases
def test_address_validation_refuses_bad_postal_codes_and_missing_fields(curator, make_service, directory_url):
    sid = make_service()
    ids = _ids(directory_url, sid)
    path = f"/fr/personnel/services/{sid}/lieux/{ids['location']}/adresses/{ids['address']}"
    bad = _post_form(curator, path, postal_code="12345", address_1="", city="")
    html = bad.get_data(as_text=True)
    assert bad.status_code == 400 and 'class="error-summary"' in html
    assert 'href="#postal_code"' in html and 'href="#address_1"' in html and 'href="#city"' in html
    ontario = _post_form(curator, path, postal_code="K1A 0B1")  # Canadian, but not in Québec
    assert ontario.status_code == 400 and "G, H ou J" in ontario.get_data(as_text=True)
    assert _post_form(curator, path, postal_code="K1A 0B1", state_province="ON").status_code == 303
    with session_scope(directory_url) as session:
        fields = sorted(session.scalars(select(m.Metadata.field_name).where(m.Metadata.resource_type == "address")))
        assert fields == ["postal_code", "state_province"]
        address = session.get(m.Address, ids["address"])
        assert (address.postal_code, address.state_province) == ("K1A 0B1", "ON")


@pytest.mark.both_databases
def test_a_postal_address_can_be_added_and_deleted_and_the_deletion_undone(curator, make_service, directory_url):
    sid = make_service()
    ids = _ids(directory_url, sid)
    base = f"/fr/personnel/services/{sid}/lieux/{ids['location']}/adresses"
    added = _post_form(curator, f"{base}/nouvelle", address_type="postal", attention="Comptabilité",
                       address_1="C.P. 211, succursale Place-d'Armes", city="Montréal", postal_code="H2Y 3G7")
    assert added.status_code == 303
    with session_scope(directory_url) as session:
        postal = session.scalar(select(m.Address).where(m.Address.address_type == "postal"))
        postal_id = postal.id
        assert (postal.location_id, postal.attention, postal.country) == (ids["location"], "Comptabilité", "CA")
    html = curator.get(f"{base}/{postal_id}").get_data(as_text=True)
    removal = curator.post(f"{base}/{postal_id}/supprimer", data={"csrf_token": token(html), "confirm": "1"})
    assert removal.status_code == 303
    with session_scope(directory_url) as session:
        assert session.get(m.Address, postal_id) is None
        deleted = session.scalar(select(m.Metadata.id).where(m.Metadata.resource_id == postal_id,
                                                             m.Metadata.last_action_type == "delete",
                                                             m.Metadata.field_name == "*"))
    history = f"/fr/personnel/historique/location/{ids['location']}"
    undone = curator.post(f"{history}/{deleted}/annuler", data={"csrf_token": token(html), "confirm": "1"})
    assert undone.status_code == 303
    with session_scope(directory_url) as session:
        back = session.get(m.Address, postal_id)
        assert (back.address_1, back.postal_code, back.address_type) == (
            "C.P. 211, succursale Place-d'Armes", "H2Y 3G7", "postal")


@pytest.mark.both_databases
def test_a_service_phone_is_normalised_audited_and_shown_in_search(curator, make_service, reindex, engine,
                                                                   directory_url):
    sid = make_service(name_fr="Popote roulante")
    reindex()
    ids = _ids(directory_url, sid)
    path = f"/fr/personnel/services/{sid}/telephones/{ids['service_phone']}"
    response = _post_form(curator, path, number="+1 (450) 555-0199", extension="12", description_fr="Livraisons",
                          languages=["fr", "es"])
    assert response.status_code == 303 and response.location.endswith("#phones-title")
    with session_scope(directory_url) as session:
        phone = session.get(m.Phone, ids["service_phone"])
        assert (phone.number, phone.extension, phone.description_fr) == ("450 555-0199", "12", "Livraisons")
        codes = sorted(session.scalars(select(m.Language.code).where(m.Language.phone_id == phone.id)))
        rows = {r.field_name: r for r in session.scalars(select(m.Metadata).where(
            m.Metadata.resource_id == phone.id))}
    assert codes == ["es", "fr"]
    assert (rows["number"].previous_value, rows["number"].replacement_value) == ("5145550123", "450 555-0199")
    assert rows["languages"].replacement_value == "es,fr" and rows["extension"].previous_value == "204"
    doc = _hits(engine, q="popote")[0].document
    assert any(p["number"] == "450 555-0199" for p in doc["phones"])
    assert "450 555-0199" in curator.get(f"/fr/personnel/historique/service/{sid}").get_data(as_text=True)


@pytest.mark.both_databases
def test_phone_validation_refuses_numbers_that_are_not_ten_digits(curator, make_service, directory_url):
    sid = make_service()
    ids = _ids(directory_url, sid)
    path = f"/fr/personnel/services/{sid}/telephones/{ids['service_phone']}"
    for number in ("555-0123", "514 555 01234", "514-123-4567", "appelez-nous", ""):
        bad = _post_form(curator, path, number=number)
        assert bad.status_code == 400 and 'href="#number"' in bad.get_data(as_text=True), number
    bad_ext = _post_form(curator, path, extension="poste 4")
    assert bad_ext.status_code == 400 and 'href="#extension"' in bad_ext.get_data(as_text=True)
    assert _post_form(curator, path, number="811", extension="").status_code == 303  # an N11 code stays as is
    with session_scope(directory_url) as session:
        assert session.get(m.Phone, ids["service_phone"]).number == "811"


@pytest.mark.both_databases
def test_phones_are_added_and_deleted_on_services_organizations_and_locations_and_undone(
        curator, make_service, reindex, engine, directory_url):
    sid = make_service(name_fr="Aide aux devoirs")
    reindex()
    ids = _ids(directory_url, sid)
    owners = {
        "service": (f"/fr/personnel/services/{sid}/telephones", m.Phone.service_id, sid, "service", sid),
        "organization": (f"/fr/personnel/organismes/{ids['organization']}/telephones", m.Phone.organization_id,
                         ids["organization"], "organization", ids["organization"]),
        "location": (f"/fr/personnel/services/{sid}/lieux/{ids['location']}/telephones", m.Phone.location_id,
                     ids["location"], "location", ids["location"]),
    }
    for n, (base, key, owner_id, history_type, history_id) in enumerate(owners.values()):
        number = f"819 555-010{n}"
        assert _post_form(curator, f"{base}/nouveau", number=number.replace(" ", "").replace("-", ""),
                          type="text", languages=["en"]).status_code == 303
        with session_scope(directory_url) as session:
            phone = session.scalar(select(m.Phone).where(key == owner_id, m.Phone.number == number))
            assert phone is not None and phone.type == "text", base
            phone_id = phone.id
        assert any(p["number"] == number for p in _hits(engine, q="devoirs")[0].document["phones"])
        html = curator.get(f"{base}/{phone_id}").get_data(as_text=True)
        removal = curator.post(f"{base}/{phone_id}/supprimer", data={"csrf_token": token(html), "confirm": "1"})
        assert removal.status_code == 303
        assert all(p["number"] != number for p in _hits(engine, q="devoirs")[0].document["phones"])
        with session_scope(directory_url) as session:
            assert session.get(m.Phone, phone_id) is None
            assert session.scalars(select(m.Language).where(m.Language.phone_id == phone_id)).all() == []
            deleted = session.scalar(select(m.Metadata.id).where(m.Metadata.resource_id == phone_id,
                                                                 m.Metadata.last_action_type == "delete",
                                                                 m.Metadata.field_name == "*"))
        history = f"/fr/personnel/historique/{history_type}/{history_id}"
        undone = curator.post(f"{history}/{deleted}/annuler", data={"csrf_token": token(html), "confirm": "1"})
        assert undone.status_code == 303
        with session_scope(directory_url) as session:
            back = session.get(m.Phone, phone_id)
            assert back is not None and getattr(back, key.key) == owner_id and back.number == number
            assert list(session.scalars(select(m.Language.code).where(m.Language.phone_id == phone_id))) == ["en"]
        assert any(p["number"] == number for p in _hits(engine, q="devoirs")[0].document["phones"])


@pytest.mark.both_databases
def test_another_records_phone_or_address_is_not_reachable_through_a_different_parent(curator, make_service,
                                                                                      directory_url):
    mine, other = make_service(), make_service(name_fr="Autre service")
    me, them = _ids(directory_url, mine), _ids(directory_url, other)
    html = curator.get(f"/fr/personnel/services/{mine}").get_data(as_text=True)
    csrf = token(html)
    unreachable = [
        # another service's phone through my service
        f"/fr/personnel/services/{mine}/telephones/{them['service_phone']}",
        # my organization's phone through my service (it is not the service's own phone)
        f"/fr/personnel/services/{mine}/telephones/{me['organization_phone']}",
        # another organization's phone through my organization
        f"/fr/personnel/organismes/{me['organization']}/telephones/{them['organization_phone']}",
        # another location's address through my location, and through my service with their location
        f"/fr/personnel/services/{mine}/lieux/{me['location']}/adresses/{them['address']}",
        f"/fr/personnel/services/{mine}/lieux/{them['location']}/adresses/{them['address']}",
        f"/fr/personnel/services/{mine}/lieux/{them['location']}/telephones/nouveau",
        f"/fr/personnel/services/{mine}/lieux/{them['location']}/adresses/nouvelle",
    ]
    for path in unreachable:
        assert curator.get(path).status_code == 404, path
        assert curator.post(path, data={"csrf_token": csrf, "number": "514 555-9999", "address_1": "Piraté",
                                        "city": "Piraté", "postal_code": "H2X 1Y4", "type": "voice",
                                        "address_type": "physical", "state_province": "QC",
                                        "country": "CA"}).status_code == 404, path
    for path in unreachable[:5]:
        if "/nouve" not in path:
            assert curator.post(f"{path}/supprimer", data={"csrf_token": csrf}).status_code == 404, path
    with session_scope(directory_url) as session:
        assert session.get(m.Phone, them["service_phone"]).number == "5145550123"
        assert session.get(m.Phone, me["organization_phone"]) is not None
        assert session.get(m.Address, them["address"]).address_1 == "4300, rue Saint-Denis"
        assert session.scalars(select(m.Metadata)).all() == []
        assert session.scalar(select(m.Phone).where(m.Phone.number == "514 555-9999")) is None


def test_phone_and_address_pages_render_in_english(client, make_service, directory_url):
    from staff_helpers import sign_in

    sid = make_service()
    ids = _ids(directory_url, sid)
    assert sign_in(client, "curator", lang="en").status_code == 303
    for path in (f"/en/staff/services/{sid}/phones/{ids['service_phone']}", f"/en/staff/services/{sid}/phones/new",
                 f"/en/staff/organizations/{ids['organization']}/phones/new",
                 f"/en/staff/services/{sid}/locations/{ids['location']}/addresses/{ids['address']}",
                 f"/en/staff/services/{sid}/locations/{ids['location']}/phones/new"):
        response = client.get(path)
        html = response.get_data(as_text=True)
        assert response.status_code == 200 and '<html lang="en-CA">' in html, path
    html = client.get(f"/en/staff/services/{sid}/locations/{ids['location']}").get_data(as_text=True)
    assert "4300, rue Saint-Denis" in html and "Add a phone number" in html


def test_every_audited_child_kind_has_its_add_edit_and_delete_pages(app):
    """One router for child records: each kind in `KINDS` is a child the audit shows with its
    parent (directory.curation.CHILDREN), and each gets its three endpoints; the children changed
    through their own function only (AUDITED_ONLY: live capacity, its own page) are not routed."""
    from directory.curation import AUDITED_ONLY, CHILDREN
    from portal.staff.children import KINDS

    assert {(k.parent, k.resource) for k in KINDS} == {(parent, child) for parent, kids in CHILDREN.items()
                                                       for child, _key in kids if child not in AUDITED_ONLY}
    assert "staff.capacity" in {rule.endpoint for rule in app.url_map.iter_rules()}
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    for kind in KINDS:
        assert {f"staff.{kind.endpoint}{suffix}" for suffix in ("", "_new", "_delete")} <= endpoints
