"""Reading a tabular data package (a directory or a `.zip`, `datapackage.json` optional): one CSV
per table, each row validated as the HSDS object it stands for."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

from directory.hsds import schemas, tabular
from directory.hsds.importer import capacities
from directory.hsds.importer.batch import Batch, Row, columns_from_object
from directory.hsds.importer.report import Origin
from directory.hsds.importer.values import valid_uuid
from directory.hsds.spec import HSDS_OBJECTS, WRITE_ORDER, spec

_TRUE = {"true", "1", "yes", "y", "oui", "vrai"}
_FALSE = {"false", "0", "no", "n", "non", "faux"}


def _cell_to_json(kind: str, text: str) -> Any:
    if text == "":
        return None
    if kind in ("int", "float", "decimal", "extension"):
        try:
            number = float(text) if any(c in text for c in ".eE") else int(text)
        except ValueError:
            raise ValueError("expected a number") from None
        return number
    if kind == "bool":
        lowered = text.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ValueError("expected true or false")
    if kind == "keywords":
        return [w.strip() for w in text.split(",") if w.strip()]
    return text


def _authority(column: tabular.Column) -> str:
    """What a CSV header makes the file authoritative for: its HSDS field's name for the field's
    own column, else the header itself (an `_en` column, `extension_text`, an unkept column)."""
    if column.field and not column.english and not column.extension_text:
        return column.field.name
    return column.header


def read_tables(batch: Batch, files: dict[str, bytes], label: str) -> int:
    """Rows of every known CSV in a data package (`files`: path inside the package → bytes)."""
    paths = {name: tabular.csv_path(name) for name in tabular.TABULAR_OBJECTS}
    if "datapackage.json" in files:
        try:
            descriptor = json.loads(files["datapackage.json"])
            for resource in descriptor.get("resources", ()):
                if resource.get("name") in paths and isinstance(resource.get("path"), str):
                    paths[resource["name"]] = resource["path"]
        except (json.JSONDecodeError, AttributeError):
            # (The official 3.1 examples' is a git symbolic link, `../../datapackage.json`.)
            batch.warnings[f"{label}/datapackage.json is not a data package descriptor; the "
                           "HSDS file names were used"] += 1
    known = {paths[name] for name in paths}
    for other in sorted(f for f in files if f.endswith(".csv") and f not in known):
        why = ("the source's change log (this import writes its own)" if other == "metadata.csv"
               else "not a table the directory keeps")
        batch.warnings[f"{label}/{other}: {why}; not imported"] += 1
    parents_in_package: dict[str, set[str]] = defaultdict(set)
    present_tables: set[str] = set()
    count = 0
    for name in WRITE_ORDER:
        if name not in paths or paths[name] not in files:
            continue
        present_tables.add(name)
        file_label = paths[name]
        text = files[paths[name]].decode("utf-8-sig")
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = next(reader)
        except StopIteration:
            continue
        columns = {c.header: c for c in tabular.columns(name)}
        unknown = [h for h in header if h not in columns]
        if unknown:
            batch.warnings[f"{file_label}: ignored unknown columns {', '.join(unknown)}"] += 1
        line = reader.line_num
        present_fields = {_authority(columns[h]) for h in header if h in columns}
        profile = any(h.endswith("_en") for h in header)
        for cells in reader:
            start = line + 1
            line = reader.line_num
            if not any(cells):
                continue
            count += 1
            raw = dict(zip(header, cells, strict=False))
            record_id = raw.get("id") or f"#{count}"
            origin = Origin(file_label, name, record_id, line=start)
            obj: dict[str, Any] = {}
            english: dict[str, Any] = {}
            bad = False
            for header_name, text_value in raw.items():
                column = columns.get(header_name)
                if column is None:
                    continue
                if column.field is None:
                    if text_value:
                        batch.warnings[f"{file_label}: column {header_name} is not kept"] += 1
                    continue
                if column.time and text_value:
                    text_value = tabular.from_tabular_time(text_value, header_name == "closes_at")
                try:
                    value = _cell_to_json(column.kind, text_value)
                except ValueError as error:
                    batch.problem(origin, header_name, f"{text_value!r}: {error}", "type")
                    bad = True
                    continue
                if value is None:
                    continue
                if column.english:
                    english[column.field.name] = value
                else:
                    obj[header_name] = value
            if english:
                obj["translations"] = {"en": english}
            if bad:
                continue
            errors = schemas.validate(obj, name, profile=True)
            required = set(spec(name).required_tabular)
            for missing in sorted(required - set(obj)):
                if not any(e.path == missing for e in errors):
                    batch.problem(origin, missing, f"'{missing}' is a required column value",
                                  "required")
                    bad = True
            for violation in errors:
                field_path = violation.path.replace("translations.en.", "").split(".")[0]
                column_name = re.sub(r"\[\d+\]$", "", field_path)
                if violation.path.startswith("translations.en."):
                    column_name += "_en"
                batch.problem(origin, column_name or "(row)", violation.message, violation.rule)
            if errors or bad:
                if isinstance(obj.get("id"), str):  # so what refers to it says why it is missing
                    batch.dropped[name].add(obj["id"])
                continue
            if not valid_uuid(obj.get("id")):
                batch.problem(origin, "id", f"{obj.get('id')!r} is not a UUID", "uuid")
                continue
            origin = replace(origin, unit=f"{name}:{obj['id']}")
            values, given = columns_from_object(batch, name, obj, origin, profile, present_fields)
            batch.add(Row(name, obj["id"], values, given, origin))
            parents_in_package[name].add(obj["id"])
    # HSDS 3.1 live capacity: counts joined to their units, checked by the directory's own rules.
    if paths["service_capacity"] in files:
        count += capacities.read_csv(batch, files.get(paths["unit"]), files[paths["service_capacity"]],
                                     (paths["unit"], paths["service_capacity"]),
                                     parents_in_package.get("service", set()))
    # HSDS 3.1: an area of a place may leave out service_id; it is the place's service.
    places = batch.rows.get("service_at_location", {})
    for area in batch.rows.get("service_area", {}).values():
        place = places.get(area.values.get("service_at_location_id") or "")
        if area.values.get("service_id") is None and place is not None:
            area.values["service_id"] = place.values.get("service_id")
            area.given.add("service_id")
    # A parent in the package gets exactly the children the package lists, for the child tables
    # the package contains (a package without phones.csv leaves phones alone).
    for parent in HSDS_OBJECTS:
        for child in spec(parent).children:
            if child.kind == "many" and child.owned and child.type in present_tables:
                for parent_id in parents_in_package.get(parent, ()):
                    batch.scopes.add((child.type, child.fk, parent_id))
        if spec(parent).has_attributes and "attribute" in present_tables:
            for parent_id in parents_in_package.get(parent, ()):
                batch.attribute_scopes.add((parent, parent_id))
    return count


def package_files(path: Path) -> dict[str, bytes]:
    if path.is_dir():
        return {p.relative_to(path).as_posix(): p.read_bytes() for p in path.rglob("*")
                if p.is_file()}
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if not n.endswith("/")]
        # A zip of a folder: strip the common top-level folder.
        prefix = ""
        if names and all("/" in n for n in names):
            first = names[0].split("/")[0] + "/"
            if all(n.startswith(first) for n in names):
                prefix = first
        return {n[len(prefix):]: archive.read(n) for n in names}
