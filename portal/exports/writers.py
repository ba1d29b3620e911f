"""Streaming writers: documents in, text chunks out (CSV, GeoJSON, HSDS JSON).

Each writer is a generator that holds one row or one batch at a time, so a Flask response built
on it (`stream_with_context`) sends 15,000 services without holding them in memory.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator

from flask_babel import lazy_gettext as _l

from directory.public_location import public_point
from portal.i18n import csv_delimiter

# The BOM makes Excel read UTF-8, so accents survive. The delimiter follows the page's locale
# (portal.i18n.csv_delimiter: ";" in French Canada); scripts use csv.Sniffer or pass it.
BOM = "\ufeff"

# (column key, header) — both languages of every text, so one file serves both communities.
CSV_COLUMNS: tuple[tuple[str, object], ...] = (
    ("service_id", _l("Service id")),
    ("location_id", _l("Location id")),
    ("name_fr", _l("Name (French)")),
    ("name_en", _l("Name (English)")),
    ("organization_fr", _l("Organization (French)")),
    ("organization_en", _l("Organization (English)")),
    ("address", _l("Address")),
    ("municipality", _l("Municipality")),
    ("postal_code", _l("Postal code")),
    ("region_code", _l("Region code")),
    ("phone", _l("Phone")),
    ("categories_fr", _l("Categories (French)")),
    ("categories_en", _l("Categories (English)")),
    ("eligibility_fr", _l("Eligibility (French)")),
    ("eligibility_en", _l("Eligibility (English)")),
    ("languages", _l("Languages spoken")),
    ("free", _l("Free of charge")),
    ("website", _l("Website")),
    ("latitude", _l("Latitude")),
    ("longitude", _l("Longitude")),
    ("verified_on", _l("Last verified on")),
    ("portal_url", _l("Page on Portail 211")),
)


def _first_phone(doc: dict) -> str:
    """The number as the directory holds it (parsing 75,000 numbers would double an export's time)."""
    for phone in doc.get("phones") or []:
        if phone.get("number"):
            return phone["number"] + (f" #{phone['extension']}" if phone.get("extension") else "")
    return ""


def _coordinates(doc: dict) -> tuple[str, str]:
    point = public_point(doc)  # none for a confidential location (docs/confidential-locations.md)
    return ("", "") if point is None else (f"{point[0]:.6f}", f"{point[1]:.6f}")


def csv_row(doc: dict, portal_url: str) -> list:
    yes_no = {True: "1", False: "0"}
    return [
        doc["service_id"], doc.get("location_id") or "", doc.get("name_fr") or "", doc.get("name_en") or "",
        doc.get("organization_fr") or "", doc.get("organization_en") or "", doc.get("address") or "",
        doc.get("municipality") or "", doc.get("postal_code") or "", doc.get("region_code") or "",
        _first_phone(doc), " | ".join(doc.get("categories_fr") or []), " | ".join(doc.get("categories_en") or []),
        doc.get("eligibility_fr") or "", doc.get("eligibility_en") or "", " ".join(doc.get("languages") or []),
        yes_no[bool(doc.get("free"))], doc.get("url") or "",
        *_coordinates(doc),
        doc.get("verified_on") or "", portal_url,
    ]


def iter_csv(docs: Iterable[dict], lang: str, url_for_service: Callable[[str], str]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=csv_delimiter(lang), lineterminator="\r\n")
    writer.writerow([str(header) for _, header in CSV_COLUMNS])
    yield BOM + buffer.getvalue()
    for doc in docs:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(csv_row(doc, url_for_service(doc["service_id"])))
        yield buffer.getvalue()


def geojson_feature(doc: dict, lang: str, portal_url: str) -> dict:
    """RFC 7946: a Point at [longitude, latitude] (WGS 84), or no geometry when the place has
    no coordinates or is confidential (allowed: `"geometry": null`)."""
    geometry = None
    point = public_point(doc)  # none for a confidential location (docs/confidential-locations.md)
    if point is not None:
        geometry = {"type": "Point", "coordinates": [round(point[1], 6), round(point[0], 6)]}
    name = (doc.get(f"name_{lang}") or doc.get("name_fr"))
    return {
        "type": "Feature",
        "id": doc["id"],
        "geometry": geometry,
        "properties": {
            "service_id": doc["service_id"],
            "location_id": doc.get("location_id"),
            "name": name,
            "name_fr": doc.get("name_fr"),
            "name_en": doc.get("name_en"),
            "organization_fr": doc.get("organization_fr"),
            "organization_en": doc.get("organization_en"),
            "address": doc.get("address"),
            "municipality": doc.get("municipality"),
            "postal_code": doc.get("postal_code"),
            "region_code": doc.get("region_code"),
            "phone": _first_phone(doc) or None,
            "verified_on": doc.get("verified_on"),
            "url": portal_url,
        },
    }


def iter_geojson(docs: Iterable[dict], lang: str, url_for_service: Callable[[str], str]) -> Iterator[str]:
    yield '{"type":"FeatureCollection","features":['
    first = True
    for doc in docs:
        feature = geojson_feature(doc, lang, url_for_service(doc["service_id"]))
        yield ("" if first else ",\n") + json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
        first = False
    yield "]}\n"


def iter_hsds(docs: Iterable[dict], database_url: str, lang: str, batch: int = 500) -> Iterator[str]:
    """A JSON array of HSDS 3.1 services (`/services/{id}` shape, plain HSDS in `lang`), in the
    source's order batch by batch, each service once."""
    from directory.hsds.exporter import iter_services

    seen: set[str] = set()
    pending: list[str] = []
    first = True

    def flush():
        nonlocal first
        by_id = {s["id"]: s for s in iter_services(database_url, lang, ids=pending)}
        out = []
        for service_id in pending:
            service = by_id.get(service_id)
            if service is not None:
                out.append(("[\n" if first else ",\n") + json.dumps(service, ensure_ascii=False, separators=(",", ":")))
                first = False
        pending.clear()
        return "".join(out)

    for doc in docs:
        service_id = doc["service_id"]
        if service_id in seen:
            continue
        seen.add(service_id)
        pending.append(service_id)
        if len(pending) >= batch:
            yield flush()
    if pending:
        yield flush()
    yield "[]\n" if first else "\n]\n"
