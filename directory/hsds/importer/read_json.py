"""Reading JSON, validated record by record against the schema and the profile.

Shapes recognised (docs/hsds.md): an array of records; one record (a per-record file, as
`GET /services/{id}` serves it); a page of the HSDS API (`{"total_items", …, "contents": […]}`);
newline-delimited JSON; the official examples' tabular JSON (`{"services.csv": [rows…], …}`). A
record is an organization, a service, a service_at_location, a location, a taxonomy or a
taxonomy term: named by the file (`service_list.json`, `taxonomy_term.json`) or the caller (a
harvest knows its endpoint), else recognised by its fields. The API's root document (`GET /`)
holds no records and says so.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from directory.hsds import schemas
from directory.hsds.importer import capacities
from directory.hsds.importer.batch import UNITS, Batch, Row, columns_from_object
from directory.hsds.importer.report import Origin
from directory.hsds.importer.values import valid_uuid
from directory.hsds.spec import ATTRIBUTES, spec

RECORD_TYPES = ("service_at_location", "service", "organization", "location", "taxonomy_term",
                "taxonomy")
PAGE_KEYS = frozenset(("total_items", "total_pages", "page_number", "size", "first_page",
                       "last_page", "empty"))


def type_from_name(label: str) -> str | None:
    """The record type a file's name gives (`service_list.json`, `taxonomy_terms.json`), or None."""
    stem = re.sub(r"(_list|_full|s)?(\.[a-z]+)*$", "", Path(label).name.lower())
    return stem if stem in RECORD_TYPES else None


def object_type(obj: dict[str, Any]) -> str | None:
    """A record's type from its fields (None: they do not say)."""
    if any(key in obj for key in ("status", "service_at_locations", "organization", "program",
                                  "program_id", "capacities", "additional_urls")):
        return "service"
    if isinstance(obj.get("location"), dict) or isinstance(obj.get("service"), dict) or (
            "service_id" in obj and "location_id" in obj):
        return "service_at_location"
    if any(key in obj for key in ("location_type", "addresses", "latitude", "longitude",
                                  "accessibility", "transportation")):
        return "location"
    if any(key in obj for key in ("taxonomy_detail", "taxonomy_id", "term_uri", "parent_id", "code")):
        return "taxonomy_term"
    organization_keys = ("email", "website", "legal_status", "services", "locations", "phones",
                         "year_incorporated", "parent_organization_id", "logo", "funding",
                         "programs", "organization_identifiers", "additional_websites")
    if any(key in obj for key in organization_keys):
        return "organization"
    if "version" in obj:
        return "taxonomy"
    return None


class _JsonReader:
    def __init__(self, batch: Batch, file: str, profile: bool, kind: str | None = None,
                 hint: str | None = None) -> None:
        self.batch = batch
        self.file = file
        self.profile = profile
        self.kind = kind  # the caller knows (a harvest's endpoint)
        self.hint = hint  # the file's name suggests; a record's own fields say more

    def type_of(self, obj: dict[str, Any]) -> str:
        if self.kind:
            return self.kind
        return object_type(obj) or self.hint or "organization"

    def record(self, obj: Any, index: int) -> None:
        if not isinstance(obj, dict):
            origin = Origin(self.file, "record", f"#{index + 1}")
            self.batch.problem(origin, "", "expected an object", "type")
            return
        name = self.type_of(obj)
        if name == "service_at_location" and isinstance(obj.get("service"), dict):
            # A place as `GET /service_at_locations/{id}` serves it: its service is a record too.
            service = obj["service"]
            _JsonReader(self.batch, self.file, self.profile, "service").record(service, index)
            obj = {k: v for k, v in obj.items() if k != "service"}
            if valid_uuid(service.get("id")):
                obj.setdefault("service_id", service["id"])
        services = obj.get("services") if name == "organization" else None
        body = {k: v for k, v in obj.items() if k != "services"} if services is not None else obj
        if self._valid(name, body, index):
            self.walk(name, body, Origin(self.file, name, body["id"]), {})
        elif isinstance(body.get("id"), str):  # so what refers to it says why it is missing
            self.batch.dropped[name].add(body["id"])
        if isinstance(services, list):  # upserted, never deleted by omission (Child.owned=False)
            for position, service in enumerate(services):
                if not isinstance(service, dict):
                    continue
                if self._valid("service", service, position):
                    link = {"organization_id": obj.get("id")}
                    self.walk("service", service, Origin(self.file, "service", service["id"]), link)

    def _valid(self, name: str, obj: dict[str, Any], index: int) -> bool:
        given_id = obj.get("id")
        record_id = given_id if isinstance(given_id, str) else f"#{index + 1}"
        origin = Origin(self.file, name, record_id)
        errors = schemas.validate(obj, name, profile=True)
        if name == "service_at_location" and not errors and not obj.get("service_id"):
            self.batch.problem(origin, "service_id", "a service_at_location on its own needs its "
                               "service_id (or its service nested)", "required")
            return False
        for error in errors:
            self.batch.problem(origin, error.path, error.message, error.rule)
        if not errors and not valid_uuid(obj.get("id")):
            self.batch.problem(origin, "id", f"{obj.get('id')!r} is not a UUID", "uuid")
            return False
        return not errors

    def walk(self, name: str, obj: dict[str, Any], origin: Origin, link: dict[str, Any],
             reference: bool = False, flat: bool = False) -> None:
        object_spec = spec(name)
        row_id = obj.get("id")
        if not valid_uuid(row_id):
            self.batch.problem(origin, origin.field("id"), f"{row_id!r} is not a UUID", "uuid")
            return
        if name in UNITS and not reference:
            origin = replace(origin, unit=f"{name}:{row_id}")
        values, given = columns_from_object(self.batch, name, obj, origin, self.profile, None)
        for column, value in link.items():
            if value is not None:
                values[column] = value
                given.add(column)
        row = Row(name, row_id, values, given, origin, reference)
        if not flat:
            for child in object_spec.children:
                if child.key not in obj or child.key == "services":
                    continue
                value = obj[child.key]
                path = origin.field(child.key)
                if child.kind == "many":
                    if child.owned:
                        self.batch.scopes.add((child.type, child.fk, row_id))
                    child_link: dict[str, Any] = {child.fk: row_id}
                    if name == "service_at_location" and child.type == "service_area":
                        # HSDS 3.1: a place's area also belongs to the place's service.
                        child_link["service_id"] = values.get("service_id")
                    for position, item in enumerate(value or ()):
                        child_origin = _at(origin, f"{path}[{position}]")
                        self.walk(child.type, item, child_origin, child_link)
                elif isinstance(value, dict):
                    one_link: dict[str, Any] = {}
                    if child.key == "program" and not value.get("organization_id"):
                        # A program nested in a service is the service's organization's.
                        one_link["organization_id"] = values.get("organization_id")
                    self.walk(child.type, value, _at(origin, path), one_link,
                              reference=child.reference, flat=child.flat)
                    if valid_uuid(value.get("id")):
                        if child.fk in given and values.get(child.fk) not in (None, value["id"]):
                            self.batch.problem(origin, origin.field(child.fk),
                                               f"{child.fk} does not match {child.key}.id",
                                               "consistency")
                        values[child.fk] = value["id"]
                        given.add(child.fk)
            if name == "service" and capacities.KEY in obj:  # HSDS 3.1 live capacity
                capacities.read(self.batch, row_id, obj[capacities.KEY], origin, self.batch.problem)
            if object_spec.has_attributes and ATTRIBUTES in obj:
                self.batch.attribute_scopes.add((name, row_id))
                for position, item in enumerate(obj[ATTRIBUTES] or ()):
                    self.walk("attribute", item, _at(origin, origin.field(f"attributes[{position}]")),
                              {"link_id": row_id, "link_entity": name})
        self.batch.add(row)


def _at(origin: Origin, path: str) -> Origin:
    return replace(origin, path=path)


def _tables_from_json(document: dict[str, Any]) -> dict[str, bytes]:
    """The official examples' tabular JSON (`{"services.csv": [{column: value}…]}`) as CSV files."""
    files: dict[str, bytes] = {}
    for name, rows in document.items():
        header: list[str] = []
        for row in rows:
            header += [key for key in row if key not in header]
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=header)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "" if v is None else
                             (json.dumps(v) if isinstance(v, (dict, list)) else
                              str(v).lower() if isinstance(v, bool) else v)
                             for k, v in row.items()})
        files[name] = out.getvalue().encode()
    return files


def records_of(batch: Batch, document: Any, label: str) -> list[Any] | None:
    """The records a parsed JSON document holds (None: it was read some other way or is none)."""
    if isinstance(document, list):
        return document
    if not isinstance(document, dict):
        batch.problem(Origin(label, "file", "-"), "", "expected an object or an array", "document")
        return None
    if isinstance(document.get("contents"), list) and PAGE_KEYS & set(document):
        return list(document["contents"])  # a page of the HSDS API
    if "openapi_url" in document and "id" not in document:
        batch.problem(Origin(label, "file", "-"), "", "the root document of an HSDS API (GET /): "
                      "it names the API's version and profile but holds no records", "document")
        return None
    if document and all(isinstance(k, str) and k.endswith(".csv") and isinstance(v, list)
                        for k, v in document.items()):
        from directory.hsds.importer.read_tables import read_tables

        read_tables(batch, _tables_from_json(document), label)
        return None
    return [document]


def read_json(batch: Batch, path: Path, text: str, label: str, progress: bool = False,
              kind: str | None = None) -> int:
    profile = '"translations"' in text
    reader = _JsonReader(batch, label, profile, kind, type_from_name(label))
    stripped = text.lstrip()
    try:
        document = json.loads(text)
        found = records_of(batch, document, label)
        if found is None:
            return 0
        records = found
    except json.JSONDecodeError as error:
        if stripped.startswith("{") and "\n" in stripped.strip():
            records = []
            for number, line in enumerate(text.splitlines(), start=1):
                if not line.strip():
                    continue
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as line_error:
                    batch.problem(Origin(label, "record", f"line {number}"), "",
                                  f"not JSON: {line_error}", "json")
        else:
            batch.problem(Origin(label, "file", "-"), "", f"not JSON: {error}", "json")
            return 0
    iterable: Iterable[tuple[int, Any]] = enumerate(records)
    if progress:
        from tqdm import tqdm

        iterable = tqdm(iterable, total=len(records), unit=" records", desc="checking", leave=False)
    for index, obj in iterable:
        reader.record(obj, index)
    return len(records)
