"""`location.confidential` through HSDS imports and exports (docs/confidential-locations.md): the
staff export keeps the whole address, the public one carries the flag and no address, a document
without the flag imports as false, and a value that is not a boolean is refused with its field named."""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile

import portal_factories as factories
import pytest
from sqlalchemy import update

from directory.db import session_scope
from directory.hsds import exporter, importer
from directory.models import Location, ServiceAtLocation
from directory.public_location import CONFIDENTIAL_STREET


@pytest.fixture
def directory(sqlite_url):
    factories.load_taxonomy(sqlite_url)
    shelter = factories.service(sqlite_url, name_fr="Maison Hélène")
    with session_scope(sqlite_url) as session:
        location_id = session.scalar(ServiceAtLocation.__table__.select().with_only_columns(
            ServiceAtLocation.location_id).where(ServiceAtLocation.service_id == shelter))
        session.execute(update(Location).where(Location.id == location_id).values(confidential=True))
    return sqlite_url, location_id


def _fresh(request, tmp_path, name: str) -> str:
    path = tmp_path / name
    shutil.copy(request.getfixturevalue("_sqlite_template"), path)
    url = f"sqlite:///{path}"
    factories.load_taxonomy(url)
    return url


def _locations_csv(path) -> list[dict]:
    with zipfile.ZipFile(path) as archive:
        return list(csv.DictReader(io.StringIO(archive.read("locations.csv").decode("utf-8"))))


def _addresses_csv(path) -> list[dict]:
    with zipfile.ZipFile(path) as archive:
        return list(csv.DictReader(io.StringIO(archive.read("addresses.csv").decode("utf-8"))))


def test_staff_export_keeps_the_address_and_the_public_one_only_the_flag(directory, tmp_path, request):
    url, location_id = directory
    staff, public = tmp_path / "staff.zip", tmp_path / "public.zip"
    exporter.export_path(url, staff, fmt="datapackage", public=False)
    exporter.export_path(url, public, fmt="datapackage")
    [kept] = _locations_csv(staff)
    assert kept["confidential"] == "true" and kept["latitude"] == "45.5231"
    assert _addresses_csv(staff)[0]["address_1"] == "4300, rue Saint-Denis"
    [shown] = _locations_csv(public)
    assert shown["confidential"] == "true" and shown["latitude"] == "" and shown["transportation"] == ""
    [address] = _addresses_csv(public)
    assert (address["address_1"], address["postal_code"], address["city"]) == (CONFIDENTIAL_STREET, "H2J", "Montréal")

    # The staff backup restores the whole address; the public file imports as a confidential location.
    for archive, expected in ((staff, 45.5231), (public, None)):
        fresh = _fresh(request, tmp_path, f"{archive.stem}.sqlite")
        importer.import_path(fresh, archive)
        with session_scope(fresh) as session:
            location = session.get(Location, location_id)
            assert location.confidential is True and location.latitude == expected


def test_a_document_without_the_flag_imports_as_not_confidential(directory, tmp_path, request):
    url, location_id = directory
    path = tmp_path / "services.json"
    with path.open("w", encoding="utf-8") as handle:
        exporter.write_json(url, handle, public=False)
    document = json.loads(path.read_text(encoding="utf-8"))
    for organization in document:
        for location in organization["locations"]:
            del location["confidential"]
        for service in organization["services"]:
            for sal in service["service_at_locations"]:
                sal["location"].pop("confidential", None)
    path.write_text(json.dumps(document), encoding="utf-8")
    fresh = _fresh(request, tmp_path, "fresh.sqlite")
    importer.import_path(fresh, path)
    with session_scope(fresh) as session:
        assert session.get(Location, location_id).confidential is False


@pytest.mark.parametrize("value", ["oui", 1, "true"])
def test_a_flag_that_is_not_a_boolean_is_refused_and_named(directory, tmp_path, value):
    url, _ = directory
    path = tmp_path / "services.json"
    with path.open("w", encoding="utf-8") as handle:
        exporter.write_json(url, handle, public=False)
    document = json.loads(path.read_text(encoding="utf-8"))
    document[0]["locations"][0]["confidential"] = value
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(importer.ImportRejected) as refused:
        importer.import_path(url, path)
    assert "confidential" in str(refused.value)


def _change_log(path) -> list[dict]:
    with zipfile.ZipFile(path) as archive:
        return list(csv.DictReader(io.StringIO(archive.read("metadata.csv").decode("utf-8"))))


def test_the_published_change_log_says_nothing_of_a_confidential_address(directory, tmp_path):
    """metadata.csv publishes each change's previous and new value: for a confidential location
    those are the street and coordinates the package redacts, so none of its rows are published,
    while an ordinary location's change still is."""
    from directory import curation
    from directory.models import Address

    url, location_id = directory
    ordinary = factories.service(url, name_fr="Comptoir alimentaire")
    with session_scope(url) as session:
        other_id = session.scalar(ServiceAtLocation.__table__.select().with_only_columns(
            ServiceAtLocation.location_id).where(ServiceAtLocation.service_id == ordinary))
        for loc_id, street, lat in ((location_id, "77, impasse des Secrets", 45.61234),
                                    (other_id, "12, rue Publique", 45.5)):
            address = session.scalars(Address.__table__.select().with_only_columns(Address.id)
                                      .where(Address.location_id == loc_id)).first()
            curation.update(session, session.get(Address, address), {"address_1": street}, by="curator@example.org")
            curation.update(session, session.get(Location, loc_id), {"latitude": lat}, by="curator@example.org")
    public = tmp_path / "public.zip"
    exporter.export_path(url, public, fmt="datapackage")
    text = json.dumps(_change_log(public), ensure_ascii=False)
    assert "impasse des Secrets" not in text and "45.61234" not in text
    assert location_id not in text
    assert "12, rue Publique" in text and other_id in text  # an ordinary change is still published
    assert "curator@example.org" not in text
