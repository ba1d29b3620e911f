"""A demo directory whose confidential locations carry distinctive addresses, and the leak finder the
leak walk and the trilateration test share (docs/confidential-locations.md).

Every confidential location gets a street, second line, attention line, "getting there" text,
full postal code (same FSA, so its approximate point stays where the demo put it) and coordinates
that appear nowhere else in the directory: far in the north of the province, checked to be more
than 0.02° from every other location, FSA centroid and populated place, so finding one of them in
an output can only be a leak. One more confidential location arrives by an HSDS import that
carries its coordinates (the issue's "bad input": kept for staff, never published).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select, update

from directory import geo
from directory.db import session_scope
from directory.demo import generator
from directory.geo.gazetteer import gazetteer
from directory.hsds import importer
from directory.models import Address, Location, Service, ServiceAtLocation
from directory.public_location import approximate_point

STAFF_EMAIL = "curator@211.example.org"
STAFF_PASSWORD = "correct horse battery staple"
STREET_TOKENS = ("zyxwvuts", "qjxkvbureau", "vbnmqattn", "plmoknij")
WINDOW = 300  # characters: a latitude and a longitude this close are one point
# A coordinate form is written with these characters only, so it is in a text exactly when it is in
# one of the text's maximal runs of them: the distinct runs are a far shorter haystack to search.
NUMBER_RUN = re.compile(r"[-\d.,]+")


@dataclass
class Secret:
    location_id: str
    street: str
    postal_code: str  # compact, "H8P9Z1"
    lat: float
    lon: float
    approx: tuple[float, float] | None
    city: str


@dataclass
class Directory:
    url: str
    secrets: list[Secret] = field(default_factory=list)
    service_ids: list[str] = field(default_factory=list)  # services with a confidential location
    imported_location_id: str = ""
    imported_service_id: str = ""

    def secret(self, location_id: str) -> Secret:
        return next(s for s in self.secrets if s.location_id == location_id)


def _true_point(i: int) -> tuple[float, float]:
    # North of Chibougamau: no demo place is within 0.02° (checked in `build`).
    return 50.4 + 0.0213 * i + 0.00123457, -75.9 - 0.0371 * i - 0.00234567


IMPORTED_ORG = "0c0c0c0c-0000-4000-8000-000000000001"
IMPORTED_LOCATION = "0c0c0c0c-0000-4000-8000-000000000002"
IMPORTED_SERVICE = "0c0c0c0c-0000-4000-8000-000000000003"


def _import_document(secret_street: str, postal: str, lat: float, lon: float) -> list[dict]:
    """One organization with a confidential shelter whose location carries coordinates, in the
    bilingual profile's shape (what a partner directory would send)."""
    location = {
        "id": IMPORTED_LOCATION, "location_type": "physical", "name": "Maison Refuge-Import",
        "latitude": lat, "longitude": lon, "transportation": "Autobus Plmoknij 99",
        "region_code": "05", "confidential": True, "last_modified": "2026-11-02T10:00:00+00:00",
        "addresses": [{"id": "0c0c0c0c-0000-4000-8000-000000000004", "location_id": IMPORTED_LOCATION,
                       "attention": "Vbnmqattn Import", "address_1": secret_street,
                       "address_2": "Qjxkvbureau 9", "city": "Sherbrooke", "region": "Estrie",
                       "state_province": "QC", "postal_code": postal, "country": "CA",
                       "address_type": "physical"}],
        "phones": [], "languages": [], "contacts": [], "accessibility": [], "schedules": [],
    }
    return [{
        "id": IMPORTED_ORG, "name": "Refuge importé pour femmes", "description": "Un organisme importé.",
        "last_modified": "2026-11-02T10:00:00+00:00",
        "translations": {"en": {"name": "Imported women's shelter"}},
        "locations": [location], "funding": [], "contacts": [], "phones": [], "programs": [],
        "organization_identifiers": [],
        "services": [{
            "id": IMPORTED_SERVICE, "organization_id": IMPORTED_ORG, "status": "active",
            "last_modified": "2026-11-02T10:00:00+00:00",
            "name": "Hébergement d'urgence en violence conjugale (importé)",
            "description": "Hébergement sécuritaire pour les femmes victimes de violence conjugale.",
            "translations": {"en": {"name": "Emergency intimate partner violence shelter (imported)"}},
            "phones": [{"id": "0c0c0c0c-0000-4000-8000-000000000005", "number": "819 555-0199",
                        "type": "voice", "languages": []}],
            "service_at_locations": [{"id": "0c0c0c0c-0000-4000-8000-000000000006",
                                      "service_id": IMPORTED_SERVICE, "location_id": IMPORTED_LOCATION,
                                      "location": location, "phones": [], "schedules": [], "contacts": []}],
            "schedules": [], "service_areas": [], "languages": [], "funding": [], "cost_options": [],
            "required_documents": [], "contacts": [], "attributes": [],
        }],
    }]


def build(url: str, tmp: Path, *, services: int = 160, seed: int = 211) -> Directory:
    generator.build(url, services=services, seed=seed)
    found = Directory(url)
    with session_scope(url) as session:
        locations = list(session.scalars(select(Location).where(Location.confidential.is_(True))
                                         .order_by(Location.id)))
        assert len(locations) >= 3, "the demo should have several confidential locations"
        for i, location in enumerate(locations):
            address = next(a for a in session.scalars(select(Address).where(Address.location_id == location.id)))
            fsa = address.postal_code.replace(" ", "")[:3]
            postal = f"{fsa}9Z{i % 10}" if i < 10 else f"{fsa}{i % 10}Z9"
            street = f"{7100 + i}, rue Zyxwvuts-{i}"
            lat, lon = _true_point(i)
            session.execute(update(Address).where(Address.location_id == location.id).values(
                address_1=street, address_2=f"Qjxkvbureau {i}", attention=f"Vbnmqattn {i}",
                postal_code=f"{postal[:3]} {postal[3:]}"))
            location.latitude, location.longitude = lat, lon
            location.transportation_fr = f"Autobus Plmoknij {i}"
            location.transportation_en = f"Bus Plmoknij {i}"
            found.secrets.append(Secret(location.id, street, postal, lat, lon,
                                        approximate_point(postal, address.city), address.city))
        # One confidential shelter on the crisis page.
        crisis_id = session.scalars(select(ServiceAtLocation.service_id).where(
            ServiceAtLocation.location_id == locations[0].id)).first()
        session.execute(update(Service).where(Service.id == crisis_id).values(
            is_crisis=True, status="active", valid_from=None, valid_to=None))

    lat, lon = _true_point(len(found.secrets))
    street = f"{7100 + len(found.secrets)}, rue Zyxwvuts-Import"
    path = tmp / "confidential-import.json"
    path.write_text(json.dumps(_import_document(street, "J1H 9Z8", lat, lon)), encoding="utf-8")
    importer.import_path(url, path)
    found.secrets.append(Secret(IMPORTED_LOCATION, street, "J1H9Z8", lat, lon,
                                approximate_point("J1H9Z8", "Sherbrooke"), "Sherbrooke"))
    found.imported_location_id, found.imported_service_id = IMPORTED_LOCATION, IMPORTED_SERVICE

    with session_scope(url) as session:
        ids = {s.location_id for s in found.secrets}
        found.service_ids = sorted(set(session.scalars(select(ServiceAtLocation.service_id).where(
            ServiceAtLocation.location_id.in_(ids)))))
        others = session.execute(select(Location.latitude, Location.longitude).where(
            Location.id.not_in(ids), Location.latitude.is_not(None))).all()
        postal_codes = set(session.scalars(select(Address.postal_code).where(Address.location_id.not_in(ids))))
    points = [*others, *gazetteer().fsa_centroids.values(), *((p.lat, p.lon) for p in geo.places())]
    for secret in found.secrets:
        assert all(abs(secret.lat - a) > 0.02 or abs(secret.lon - b) > 0.02 for a, b in points)
        assert f"{secret.postal_code[:3]} {secret.postal_code[3:]}" not in postal_codes
    return found


# -- the leak finder ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def number_forms(value: float, places: int) -> frozenset[str]:
    """How an output may write `value` with `places` decimals: rounded or cut, point or comma."""
    rounded = f"{value:.{places}f}"
    whole, _, decimals = repr(value).partition(".")
    forms = {rounded}
    if len(decimals) >= places:
        forms.add(f"{whole}.{decimals[:places]}")
    return frozenset(forms | {f.replace(".", ",") for f in forms})


def _near(text: str, runs: str, first: frozenset[str], second: frozenset[str]) -> bool:
    if not (any(a in runs for a in first) and any(b in runs for b in second)):
        return False
    for a in first:
        start = text.find(a)
        while start != -1:
            window = text[max(0, start - WINDOW): start + len(a) + WINDOW]
            if any(b in window for b in second):
                return True
            start = text.find(a, start + 1)
    return False


def postal_pattern(compact: str) -> re.Pattern[str]:
    return re.compile(re.escape(compact[:3]) + r"(?:[\s\-+\u00a0\u202f]|%20)?" + re.escape(compact[3:]),
                      re.IGNORECASE)


@functools.lru_cache(maxsize=16)
def _any_postal(codes: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{postal_pattern(code).pattern})" for code in codes), re.IGNORECASE)


def leaks(text: str, directory: Directory) -> list[str]:
    """What of the confidential locations `text` gives away (empty: nothing)."""
    found = []
    lowered = text.lower()
    for token in STREET_TOKENS:
        if token in lowered:
            found.append(f"street text {token!r}")
    runs = "\n".join(set(NUMBER_RUN.findall(text)))
    # One pass for every postal code; each secret's own pattern only names the one found.
    postal = _any_postal(tuple(s.postal_code for s in directory.secrets)).search(text) is not None
    for secret in directory.secrets:
        if postal and postal_pattern(secret.postal_code).search(text):
            found.append(f"postal code {secret.postal_code}")
        for places in range(6, 1, -1):
            lat, lon = number_forms(secret.lat, places), number_forms(secret.lon, places)
            # From 4 decimals (≈ 10 m) a number alone is the point; at 2–3 both must be near.
            if places >= 4 and any(f in runs for f in lat | lon):
                found.append(f"coordinate of {secret.location_id} at {places} decimals")
                break
            if places < 4 and _near(text, runs, lat, lon):
                found.append(f"coordinates of {secret.location_id} at {places} decimals")
                break
        if secret.approx is not None:
            # The approximate point is for distances only: never published either.
            for places in (6, 5, 4):
                if _near(text, runs, number_forms(secret.approx[0], places),
                         number_forms(secret.approx[1], places)):
                    found.append(f"approximate point of {secret.location_id}")
                    break
    return found
