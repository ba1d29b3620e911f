"""Reading JSON: an array or a single object of nested organizations or services, or
newline-delimited JSON, validated record by record against the schema and the profile."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from directory.hsds import schemas
from directory.hsds.importer import capacities
from directory.hsds.importer.batch import Batch, Row, columns_from_object
from directory.hsds.importer.report import Origin
from directory.hsds.importer.values import valid_uuid
from directory.hsds.spec import ATTRIBUTES, spec


def _object_type(obj: dict[str, Any]) -> str:
    if any(key in obj for key in ("status", "organization_id", "organization", "service_at_locations")):
        return "service"
    return "organization"


class _JsonReader:
    def __init__(self, batch: Batch, file: str, profile: bool) -> None:
        self.batch = batch
        self.file = file
        self.profile = profile

    def record(self, obj: Any, index: int) -> None:
        if not isinstance(obj, dict):
            origin = Origin(self.file, "record", f"#{index + 1}")
            self.batch.problem(origin, "", "expected an object", "type")
            return
        name = _object_type(obj)
        services = obj.get("services") if name == "organization" else None
        body = {k: v for k, v in obj.items() if k != "services"} if services is not None else obj
        if self._valid(name, body, index):
            self.walk(name, body, Origin(self.file, name, body["id"]), {})
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
                    for position, item in enumerate(value or ()):
                        child_origin = _at(origin, f"{path}[{position}]")
                        self.walk(child.type, item, child_origin, {child.fk: row_id})
                elif isinstance(value, dict):
                    self.walk(child.type, value, _at(origin, path), {},
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
    return Origin(origin.file, origin.record_type, origin.record_id, path, origin.line)

def read_json(batch: Batch, path: Path, text: str, label: str, progress: bool = False) -> int:
    profile = '"translations"' in text
    reader = _JsonReader(batch, label, profile)
    stripped = text.lstrip()
    try:
        document = json.loads(text)
        records = document if isinstance(document, list) else [document]
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
